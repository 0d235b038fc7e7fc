//! ПД-4: the Sberbank receipt «Извещение / Квитанция» with the payment QR code in the left
//! column, so the customer can pay at a branch or from a banking app.

use crate::canvas::{Align, Canvas, MARGIN_LEFT, MARGIN_TOP};
use crate::font::Weight;
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
    let (x, y) = (MARGIN_LEFT + 2.5, MARGIN_TOP + 4.0);
    c.frame(x, y, LEFT_W + RIGHT_W, TOP_H + BOTTOM_H, 1.0);
    c.line(x + LEFT_W, y, x + LEFT_W, y + TOP_H + BOTTOM_H, 1.0);
    c.line(x, y + TOP_H, x + LEFT_W + RIGHT_W, y + TOP_H, 1.0);

    for (top, h, title) in [(y, TOP_H, "Извещение"), (y + TOP_H, BOTTOM_H, "Квитанция")]
    {
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
        fields(c, shop, order, x + LEFT_W + 2.0, top, h / TOP_H);
    }
    // 40 mm leaves a quiet zone of 5 mm on each side inside the 50 mm column.
    marks::qr(c, x + 5.0, y + 14.0, 40.0, &payload)
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
/// stretched by `k` for the taller lower part.
fn fields(c: &mut Canvas, shop: &Requisites, order: &DocOrder, fx: f32, top: f32, k: f32) {
    let w = RIGHT_W - 4.0;
    let right = fx + w;
    let at = |offset: f32| top + offset * k;

    c.text(
        right,
        at(3.5),
        6.5,
        Weight::Regular,
        Align::Right,
        "Форма № ПД-4",
    );

    let kpp = if shop.kpp.is_empty() {
        String::new()
    } else {
        format!("КПП: {}", shop.kpp)
    };
    let kpp_w = c.width(VALUE, Weight::Regular, &kpp);
    let size = c.fit_size(VALUE, Weight::Bold, &shop.name, w - kpp_w - 3.0);
    c.text(fx, at(8.5), size, Weight::Bold, Align::Left, &shop.name);
    c.text(right, at(8.5), VALUE, Weight::Regular, Align::Right, &kpp);
    c.line(fx, at(9.3), right, at(9.3), 0.5);
    caption(
        c,
        fx + w / 2.0,
        at(11.6),
        "(наименование получателя платежа)",
    );

    let acc_x = right - 20.0 * BOX_W;
    boxes(c, fx, at(13.0), &shop.inn, shop.inn.len().max(10));
    boxes(c, acc_x, at(13.0), &shop.settlement_account, 20);
    caption(
        c,
        fx + 5.0 * BOX_W,
        at(13.0) + BOX_H + 2.3,
        "(ИНН получателя платежа)",
    );
    caption(
        c,
        acc_x + 10.0 * BOX_W,
        at(13.0) + BOX_H + 2.3,
        "(номер счёта получателя платежа)",
    );

    let bic_x = right - 9.0 * BOX_W;
    c.text(fx, at(25.0), VALUE, Weight::Regular, Align::Left, "в");
    let size = c.fit_size(
        VALUE,
        Weight::Bold,
        &shop.bank_name,
        bic_x - 11.0 - fx - 4.0,
    );
    c.text(
        fx + 4.0,
        at(25.0),
        size,
        Weight::Bold,
        Align::Left,
        &shop.bank_name,
    );
    c.line(fx + 3.0, at(25.7), bic_x - 10.0, at(25.7), 0.5);
    c.text(
        bic_x - 1.5,
        at(25.0),
        VALUE,
        Weight::Regular,
        Align::Right,
        "БИК",
    );
    boxes(c, bic_x, at(25.0) - 3.2, &shop.bic, 9);
    caption(
        c,
        (fx + bic_x - 10.0) / 2.0,
        at(28.0),
        "(наименование банка получателя платежа)",
    );

    c.text(
        fx,
        at(33.2),
        7.5,
        Weight::Regular,
        Align::Left,
        "Номер кор./сч. банка получателя платежа",
    );
    boxes(c, acc_x, at(33.2) - 3.2, &shop.corr_account, 20);

    let split = fx + 82.0;
    let purpose = purpose(order);
    let size = c.fit_size(VALUE, Weight::Bold, &purpose, split - 3.0 - fx);
    c.text(fx, at(39.5), size, Weight::Bold, Align::Left, &purpose);
    c.line(fx, at(40.2), split - 3.0, at(40.2), 0.5);
    c.line(split, at(40.2), right, at(40.2), 0.5);
    caption(
        c,
        (fx + split - 3.0) / 2.0,
        at(42.5),
        "(наименование платежа)",
    );
    caption(
        c,
        (split + right) / 2.0,
        at(42.5),
        "(номер лицевого счёта (код) плательщика)",
    );

    for (offset, label, value) in [
        (47.0, "Ф.И.О. плательщика:", &order.buyer.name),
        (52.0, "Адрес плательщика:", &order.buyer.address),
    ] {
        c.text(fx, at(offset), 7.5, Weight::Regular, Align::Left, label);
        let vx = fx + 28.0;
        let size = c.fit_size(VALUE, Weight::Bold, value, right - vx);
        c.text(vx, at(offset), size, Weight::Bold, Align::Left, value);
        c.line(vx - 1.0, at(offset) + 0.7, right, at(offset) + 0.7, 0.5);
    }

    let (rub, kop) = rubles_kopecks(order.total_kopecks());
    let sum = format!("{rub}{NBSP}руб.{NBSP}{kop}{NBSP}коп.");
    c.text(
        fx,
        at(57.0),
        7.5,
        Weight::Regular,
        Align::Left,
        "Сумма платежа:",
    );
    c.text(fx + 20.0, at(57.0), VALUE, Weight::Bold, Align::Left, &sum);
    c.text(
        fx + 62.0,
        at(57.0),
        7.5,
        Weight::Regular,
        Align::Left,
        "Сумма платы за услуги: _______ руб. ____ коп.",
    );
    c.text(
        fx,
        at(61.5),
        7.5,
        Weight::Regular,
        Align::Left,
        "Итого ___________ руб. ____ коп.          «____» ________________ 20___ г.",
    );

    let consent = "С условиями приема указанной в платежном документе суммы, в т.ч. с суммой \
                   взимаемой платы за услуги банка, ознакомлен и согласен.";
    c.paragraph(fx, at(64.6), 78.0, 5.8, Weight::Regular, 2.3, consent);
    c.text(
        fx + 82.0,
        at(67.5),
        7.5,
        Weight::Bold,
        Align::Left,
        "Подпись плательщика:",
    );
    c.line(fx + 108.0, at(67.5) + 0.7, right, at(67.5) + 0.7, 0.5);
}
