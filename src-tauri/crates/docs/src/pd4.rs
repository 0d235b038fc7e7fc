//! ПД-4: the Sberbank receipt «Извещение / Квитанция» with the payment QR code in the left
//! column, so the customer can pay at a branch or from a banking app.

use crate::canvas::{Align, Canvas, MARGIN_LEFT, MARGIN_TOP};
use crate::font::Weight;
use crate::layout::{ascent, leading, Fitted, Frame};
use crate::marks;
use crate::model::DocOrder;
use crate::money::{format_date_short, NBSP};
use crate::qr_payload::{qr_payload, QrPayment};
use crate::requisites::Requisites;
use crate::DocError;

const LEFT_W: f32 = 50.0;
const RIGHT_W: f32 = 130.0;
const TOP_H: f32 = 70.0;
const BOTTOM_H: f32 = 80.0;
const BOX_W: f32 = 3.8;
const BOX_H: f32 = 4.2;
const CAPTION: f32 = 6.0;
const VALUE: f32 = 9.0;

/// What the payer sees as the purpose, and what the QR carries.
pub fn purpose(order: &DocOrder) -> String {
    format!(
        "Оплата заказа № {} от {}",
        order.number,
        format_date_short(order.order_date)
    )
}

/// The exact QR payload printed on the receipt of `order`.
pub fn payment_payload(shop: &Requisites, order: &DocOrder) -> Result<String, DocError> {
    let payment = QrPayment::to_shop(shop, &purpose(order), order.total_kopecks());
    Ok(qr_payload(&payment)?)
}

/// Renders the ПД-4 of `order` as a one-page PDF.
pub fn pd4(shop: &Requisites, order: &DocOrder) -> Result<Vec<u8>, DocError> {
    let mut c = Canvas::new(&format!("Квитанция ПД-4, заказ № {}", order.number))?;
    draw(&mut c, shop, order)?;
    Ok(c.finish())
}

/// Receipts of many orders in one PDF (one print job), one per page.
pub fn pd4s(shop: &Requisites, orders: &[DocOrder]) -> Result<Vec<u8>, DocError> {
    Canvas::render_each("Квитанции ПД-4", orders, |c, order| {
        draw(c, shop, order)
    })
}

pub(crate) fn draw(c: &mut Canvas, shop: &Requisites, order: &DocOrder) -> Result<(), DocError> {
    let payload = payment_payload(shop, order)?;
    let values = Values::fit(c, shop, order);
    // Both parts carry the same values, so a long one grows both by the same height.
    let extra = values.extra();
    let (top_h, bottom_h) = (TOP_H + extra, BOTTOM_H + extra);
    let (x, y) = (MARGIN_LEFT + 2.5, MARGIN_TOP + 4.0);
    c.frame(x, y, LEFT_W + RIGHT_W, top_h + bottom_h, 1.0);
    c.line(x + LEFT_W, y, x + LEFT_W, y + top_h + bottom_h, 1.0);
    c.line(x, y + top_h, x + LEFT_W + RIGHT_W, y + top_h, 1.0);

    for (top, h, k, title) in [
        (y, top_h, 1.0, "Извещение"),
        (y + top_h, bottom_h, BOTTOM_H / TOP_H, "Квитанция"),
    ] {
        let mid = x + LEFT_W / 2.0;
        c.text(mid, top + 7.0, 11.0, Weight::Bold, Align::Center, title);
        c.text(
            mid,
            top + h - 4.0,
            9.0,
            Weight::Bold,
            Align::Center,
            "Кассир",
        );
        fields(c, shop, &values, x + LEFT_W + 2.0, top, k);
    }
    // 40 mm leaves a quiet zone of 5 mm on each side inside the 50 mm column.
    marks::qr(c, x + 5.0, y + 14.0, 40.0, &payload)
}

/// Width of the right-hand fields.
const FIELDS_W: f32 = RIGHT_W - 4.0;
/// The payer's name and address start this far right of their labels' left edge.
const PAYER_X: f32 = 28.0;
/// The purpose's line ends before this offset, where the payer's account line begins.
const SPLIT: f32 = 82.0;
/// The sum's room, before «Сумма платы за услуги».
const SUM_X: f32 = 20.0;
const SUM_W: f32 = 40.0;

/// The values whose length varies, fitted to their lines once and set alike in both parts:
/// each shrinks to the readable minimum on its line, then takes more lines, and the rows
/// below move down by what it takes.
struct Values {
    kpp: String,
    payee: Fitted,
    bank: Fitted,
    purpose: Fitted,
    payer: Fitted,
    address: Fitted,
    sum: Fitted,
}

impl Values {
    fn fit(c: &Canvas, shop: &Requisites, order: &DocOrder) -> Self {
        let kpp = if shop.kpp.is_empty() {
            String::new()
        } else {
            format!("КПП: {}", shop.kpp)
        };
        let kpp_w = c.width(VALUE, Weight::Regular, &kpp);
        let (rub, kop) = rubles_kopecks(order.total_kopecks());
        let sum = format!("{rub}{NBSP}руб.{NBSP}{kop}{NBSP}коп.");
        let on_line =
            |text: &str, width: f32| c.fit(VALUE, Weight::Bold, text, width, leading(VALUE));
        Self {
            payee: on_line(&shop.name, payee_width(kpp_w)),
            kpp,
            bank: on_line(&shop.bank_name, BANK_W),
            purpose: on_line(&purpose(order), SPLIT - 3.0),
            payer: on_line(&order.buyer.name, FIELDS_W - PAYER_X),
            address: on_line(&order.buyer.address, FIELDS_W - PAYER_X),
            sum: on_line(&sum, SUM_W),
        }
    }

    /// How much taller each part is than the form's standard height.
    fn extra(&self) -> f32 {
        [
            &self.payee,
            &self.bank,
            &self.purpose,
            &self.payer,
            &self.address,
            &self.sum,
        ]
        .iter()
        .map(|v| below_first(v))
        .sum()
    }
}

/// The payee's name ends before «КПП: …» on its line.
fn payee_width(kpp_w: f32) -> f32 {
    FIELDS_W - kpp_w - 3.0
}

/// From «в» to «БИК» and its nine boxes.
const BANK_W: f32 = FIELDS_W - 9.0 * BOX_W - 15.0;

/// What a value takes below its first line: its first line stays on the form's line.
fn below_first(value: &Fitted) -> f32 {
    (value.lines.len().max(1) - 1) as f32 * leading(value.size)
}

/// Sets `value` with its first line on the baseline `y` in a row `width` wide; returns how far
/// the row grew.
fn value(c: &mut Canvas, x: f32, y: f32, width: f32, value: &Fitted, text: &str) -> f32 {
    let grew = below_first(value);
    let room = Frame::new(x, y - ascent(VALUE), width, leading(VALUE) + grew);
    c.place_from(room, value, text, y);
    grew
}

/// A row of single-character boxes, the way the form asks for ИНН, account and БИК digits.
fn boxes(c: &mut Canvas, x: f32, top: f32, digits: &str, count: usize) {
    let chars: Vec<char> = digits.chars().collect();
    for i in 0..count {
        let bx = x + i as f32 * BOX_W;
        c.frame(bx, top, BOX_W, BOX_H, 0.5);
        if let Some(ch) = chars.get(i) {
            let s = ch.to_string();
            c.text(
                bx + BOX_W / 2.0,
                top + 3.2,
                VALUE,
                Weight::Bold,
                Align::Center,
                &s,
            );
        }
    }
}

fn caption(c: &mut Canvas, x: f32, y: f32, text: &str) {
    c.text(x, y, CAPTION, Weight::Regular, Align::Center, text);
}

fn rubles_kopecks(kopecks: i64) -> (String, String) {
    let abs = kopecks.unsigned_abs();
    let rub = crate::money::format_rubles(kopecks);
    let whole = rub.split(',').next().unwrap_or_default().to_owned();
    (whole, format!("{:02}", abs % 100))
}

/// The right-hand fields of one part; offsets are laid out for the 70 mm upper part and
/// stretched by `k` for the taller lower part, and move down by what long values take.
fn fields(c: &mut Canvas, shop: &Requisites, v: &Values, fx: f32, top: f32, k: f32) {
    let w = FIELDS_W;
    let right = fx + w;
    // Rows below a grown value move down by `shift`.
    let mut shift = 0.0;
    let at = |offset: f32, shift: f32| top + offset * k + shift;

    c.text(
        right,
        at(3.5, shift),
        6.5,
        Weight::Regular,
        Align::Right,
        "Форма № ПД-4",
    );

    let kpp_w = c.width(VALUE, Weight::Regular, &v.kpp);
    let y = at(8.5, shift);
    c.text(right, y, VALUE, Weight::Regular, Align::Right, &v.kpp);
    shift += value(c, fx, y, payee_width(kpp_w), &v.payee, &shop.name);
    c.line(fx, at(9.3, shift), right, at(9.3, shift), 0.5);
    caption(
        c,
        fx + w / 2.0,
        at(11.6, shift),
        "(наименование получателя платежа)",
    );

    let acc_x = right - 20.0 * BOX_W;
    boxes(c, fx, at(13.0, shift), &shop.inn, shop.inn.len().max(10));
    boxes(c, acc_x, at(13.0, shift), &shop.settlement_account, 20);
    caption(
        c,
        fx + 5.0 * BOX_W,
        at(13.0, shift) + BOX_H + 2.3,
        "(ИНН получателя платежа)",
    );
    caption(
        c,
        acc_x + 10.0 * BOX_W,
        at(13.0, shift) + BOX_H + 2.3,
        "(номер счёта получателя платежа)",
    );

    let bic_x = right - 9.0 * BOX_W;
    let y = at(25.0, shift);
    c.text(fx, y, VALUE, Weight::Regular, Align::Left, "в");
    c.text(bic_x - 1.5, y, VALUE, Weight::Regular, Align::Right, "БИК");
    boxes(c, bic_x, y - 3.2, &shop.bic, 9);
    shift += value(c, fx + 4.0, y, BANK_W, &v.bank, &shop.bank_name);
    c.line(
        fx + 3.0,
        at(25.7, shift),
        bic_x - 10.0,
        at(25.7, shift),
        0.5,
    );
    caption(
        c,
        (fx + bic_x - 10.0) / 2.0,
        at(28.0, shift),
        "(наименование банка получателя платежа)",
    );

    let y = at(33.2, shift);
    c.text(
        fx,
        y,
        7.5,
        Weight::Regular,
        Align::Left,
        "Номер кор./сч. банка получателя платежа",
    );
    boxes(c, acc_x, y - 3.2, &shop.corr_account, 20);

    let split = fx + SPLIT;
    let purpose = v.purpose.lines.join(" ");
    shift += value(c, fx, at(39.5, shift), SPLIT - 3.0, &v.purpose, &purpose);
    c.line(fx, at(40.2, shift), split - 3.0, at(40.2, shift), 0.5);
    c.line(split, at(40.2, shift), right, at(40.2, shift), 0.5);
    caption(
        c,
        (fx + split - 3.0) / 2.0,
        at(42.5, shift),
        "(наименование платежа)",
    );
    caption(
        c,
        (split + right) / 2.0,
        at(42.5, shift),
        "(номер лицевого счёта (код) плательщика)",
    );

    for (offset, label, fitted) in [
        (47.0, "Ф.И.О. плательщика:", &v.payer),
        (52.0, "Адрес плательщика:", &v.address),
    ] {
        let y = at(offset, shift);
        c.text(fx, y, 7.5, Weight::Regular, Align::Left, label);
        let vx = fx + PAYER_X;
        let text = fitted.lines.join(" ");
        shift += value(c, vx, y, right - vx, fitted, &text);
        c.line(
            vx - 1.0,
            at(offset, shift) + 0.7,
            right,
            at(offset, shift) + 0.7,
            0.5,
        );
    }

    let y = at(57.0, shift);
    c.text(fx, y, 7.5, Weight::Regular, Align::Left, "Сумма платежа:");
    c.text(
        fx + SUM_X + SUM_W + 2.0,
        y,
        7.5,
        Weight::Regular,
        Align::Left,
        "Сумма платы за услуги: _______ руб. ____ коп.",
    );
    let sum = v.sum.lines.join(" ");
    shift += value(c, fx + SUM_X, y, SUM_W, &v.sum, &sum);
    c.text(
        fx,
        at(61.5, shift),
        7.5,
        Weight::Regular,
        Align::Left,
        "Итого ___________ руб. ____ коп.          «____» ________________ 20___ г.",
    );

    let consent = "С условиями приема указанной в платежном документе суммы, в т.ч. с суммой \
                   взимаемой платы за услуги банка, ознакомлен и согласен.";
    c.paragraph(
        fx,
        at(64.6, shift),
        78.0,
        5.8,
        Weight::Regular,
        2.3,
        consent,
    );
    c.text(
        fx + 82.0,
        at(67.5, shift),
        7.5,
        Weight::Bold,
        Align::Left,
        "Подпись плательщика:",
    );
    c.line(
        fx + 108.0,
        at(67.5, shift) + 0.7,
        right,
        at(67.5, shift) + 0.7,
        0.5,
    );
}
