//! The shop's own товарная накладная for its courier: a primary document with the requisites
//! of 402-ФЗ art. 9 — name, date, issuer, content, units and quantities, amounts, and the
//! signatures of the one who handed the goods over and the one who received them.

use crate::canvas::{Align, Canvas, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_TOP, PAGE_H};
use crate::font::Weight;
use crate::invoice::{lines_table, money_totals, totals_height};
use crate::model::DocOrder;
use crate::money::{format_date_long, format_date_short};
use crate::parts::{labelled, shop_line, signature_in_full, title_with_rule};
use crate::requisites::Requisites;
use crate::DocError;

/// Renders the delivery note of one order.
pub fn delivery_note(shop: &Requisites, order: &DocOrder) -> Result<Vec<u8>, DocError> {
    let mut c = Canvas::new(&format!("Накладная № {}", order.number))?;
    draw(&mut c, shop, order);
    Ok(c.finish())
}

/// Delivery notes of many orders in one PDF (one print job), each from a new page.
pub fn delivery_notes(shop: &Requisites, orders: &[DocOrder]) -> Result<Vec<u8>, DocError> {
    Canvas::render_each("Товарные накладные", orders, |c, order| {
        draw(c, shop, order);
        Ok(())
    })
}

pub(crate) fn draw(c: &mut Canvas, shop: &Requisites, order: &DocOrder) {
    c.number_pages(&format!(
        "Товарная накладная № {} от {}",
        order.number,
        format_date_short(order.date)
    ));
    let x = MARGIN_LEFT;
    let title = format!(
        "Товарная накладная № {} от {}",
        order.number,
        format_date_long(order.date)
    );
    let mut y = title_with_rule(c, MARGIN_TOP + 6.0, &title);

    y = labelled(c, y, "Поставщик:", &shop_line(shop));
    y = labelled(
        c,
        y,
        "Покупатель,\nгрузополучатель:",
        &order.buyer.one_line(),
    );
    if !order.delivery_address.is_empty() {
        y = labelled(c, y, "Адрес доставки:", &order.delivery_address);
    }
    let basis = if order.basis.is_empty() {
        format!(
            "Заказ № {} от {}",
            order.number,
            format_date_short(order.order_date)
        )
    } else {
        order.basis.clone()
    };
    y = labelled(c, y, "Основание:", &basis);

    // The handover signatures stay with the totals and the last line, like an invoice's.
    const SIGN_H: f32 = 46.0;
    let tail = totals_height(order) + SIGN_H;
    y = lines_table(c, order, "Наименование товара", x, y + 1.0, tail);
    y = money_totals(c, order, y, "Всего по накладной:");

    if y + SIGN_H > PAGE_H - MARGIN_BOTTOM {
        c.new_page();
        y = MARGIN_TOP;
    }
    y += 10.0;
    let position = if crate::requisites::is_sole_trader(shop) {
        "Индивидуальный предприниматель"
    } else {
        "Руководитель"
    };
    signature_in_full(c, x, y, "Отпуск груза произвёл", position, &shop.director);
    y += 10.0;
    c.text(
        x,
        y,
        9.0,
        Weight::Regular,
        Align::Left,
        "Товар получен в полном объёме, претензий по количеству, качеству и комплектности нет.",
    );
    y += 10.0;
    signature_in_full(c, x, y, "Груз получил", "", "");
    y += 10.0;
    c.text(
        x + 44.0,
        y,
        9.0,
        Weight::Regular,
        Align::Left,
        "«____» ______________ 20___ г.",
    );
}
