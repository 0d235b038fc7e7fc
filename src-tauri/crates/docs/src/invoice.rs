//! Счёт на оплату in the layout accountants know from 1C: bank block, title, parties, lines,
//! totals with VAT, sum in words, signatures.

use crate::canvas::{Align, Canvas, CONTENT_W, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_TOP, PAGE_H};
use crate::font::Weight;
use crate::layout::{leading, Frame};
use crate::model::{DocOrder, VatRate};
use crate::money::{format_date_long, format_date_short, format_quantity, format_rubles};
use crate::parts;
use crate::requisites::Requisites;
use crate::table::{Column, Table};
use crate::words::amount_in_words;
use crate::DocError;

/// Renders one invoice as a PDF.
pub fn invoice(shop: &Requisites, order: &DocOrder) -> Result<Vec<u8>, DocError> {
    let mut c = Canvas::new(&format!("Счёт на оплату № {}", order.number))?;
    draw(&mut c, shop, order);
    Ok(c.finish())
}

/// Invoices of many orders in one PDF (one print job), each from a new page.
pub fn invoices(shop: &Requisites, orders: &[DocOrder]) -> Result<Vec<u8>, DocError> {
    Canvas::render_each("Счета на оплату", orders, |c, order| {
        draw(c, shop, order);
        Ok(())
    })
}

pub(crate) fn draw(c: &mut Canvas, shop: &Requisites, order: &DocOrder) {
    c.number_pages(&format!(
        "Счёт на оплату № {} от {}",
        order.number,
        format_date_short(order.date)
    ));
    let x = MARGIN_LEFT;
    let mut y = bank_block(c, shop, x, MARGIN_TOP);

    let title = format!(
        "Счёт на оплату № {} от {}",
        order.number,
        format_date_long(order.date)
    );
    y = parts::title_with_rule(c, y + 9.0, &title);

    y = parts::labelled(c, y, "Поставщик\n(Исполнитель):", &parts::shop_line(shop));
    y = parts::labelled(c, y, "Покупатель\n(Заказчик):", &order.buyer.one_line());
    if !order.basis.is_empty() {
        y = parts::labelled(c, y, "Основание:", &order.basis);
    }

    let tail = totals_height(order);
    y = lines_table(c, order, "Товары (работы, услуги)", x, y + 1.0, tail);
    totals(c, shop, order, y);
}

fn bank_block(c: &mut Canvas, shop: &Requisites, x: f32, y: f32) -> f32 {
    const LEFT: f32 = 105.0;
    const LABEL: f32 = 15.0;
    const VALUE: f32 = CONTENT_W - LEFT - LABEL;
    const BANK_H: f32 = 13.0;
    const INN_H: f32 = 5.5;
    // Room under a value for its 7 pt caption («Банк получателя», «Получатель»).
    const CAPTION_H: f32 = 3.6;
    let thin = 0.5;
    // The payee's box grows with the name (GOST allows 160 characters), so three lines of a
    // long legal name sit above «Получатель», never over it.
    let (_, payee_lines) = c.fit_lines(9.0, Weight::Regular, &shop.name, LEFT - 2.0, f32::MAX);
    let payee_h = (1.0 + payee_lines.len() as f32 * leading(9.0) + CAPTION_H).max(13.0);
    let (lx, vx) = (x + LEFT, x + LEFT + LABEL);
    let payee_top = y + BANK_H + INN_H;

    c.frame(x, y, LEFT, BANK_H, thin);
    let bank = Frame::new(x + 1.0, y + 1.0, LEFT - 2.0, BANK_H - 1.0 - CAPTION_H);
    c.text_box(bank, 9.0, Weight::Regular, &shop.bank_name);
    c.text(
        x + 1.0,
        y + BANK_H - 1.2,
        7.0,
        Weight::Regular,
        Align::Left,
        "Банк получателя",
    );

    // A row of the right-hand columns: the label and its value, each in its frame (from
    // `top`, `height` high), written on `baseline`.
    let row = |c: &mut Canvas, top: f32, height: f32, baseline: f32, label: &str, value: &str| {
        c.frame(lx, top, LABEL, height, thin);
        c.frame(vx, top, VALUE, height, thin);
        c.text(lx + 1.0, baseline, 9.0, Weight::Regular, Align::Left, label);
        c.text(vx + 1.0, baseline, 9.0, Weight::Regular, Align::Left, value);
    };
    row(c, y, 5.5, y + 4.0, "БИК", &shop.bic);
    row(
        c,
        y + 5.5,
        BANK_H - 5.5,
        y + 9.5,
        "Сч. №",
        &shop.corr_account,
    );

    let half = LEFT / 2.0;
    let inn_y = y + BANK_H;
    c.frame(x, inn_y, half, INN_H, thin);
    c.frame(x + half, inn_y, half, INN_H, thin);
    c.text(
        x + 1.0,
        inn_y + 4.0,
        9.0,
        Weight::Regular,
        Align::Left,
        &format!("ИНН {}", shop.inn),
    );
    let kpp = if shop.kpp.is_empty() {
        String::new()
    } else {
        format!("КПП {}", shop.kpp)
    };
    c.text(
        x + half + 1.0,
        inn_y + 4.0,
        9.0,
        Weight::Regular,
        Align::Left,
        &kpp,
    );

    c.frame(x, payee_top, LEFT, payee_h, thin);
    let payee = Frame::new(
        x + 1.0,
        payee_top + 1.0,
        LEFT - 2.0,
        payee_h - 1.0 - CAPTION_H,
    );
    c.text_box(payee, 9.0, Weight::Regular, &shop.name);
    c.text(
        x + 1.0,
        payee_top + payee_h - 1.2,
        7.0,
        Weight::Regular,
        Align::Left,
        "Получатель",
    );

    let account_h = INN_H + payee_h;
    row(
        c,
        inn_y,
        account_h,
        inn_y + 4.0,
        "Сч. №",
        &shop.settlement_account,
    );
    payee_top + payee_h
}

/// The customer's lines (no storage locations): shared with the delivery note. An order with
/// lines at different rates gets a rate and a VAT column, so each rate's total can be checked
/// against its lines.
/// `tail` is the height of what must follow the last line on its page (see [`Table`]).
pub(crate) fn lines_table(
    c: &mut Canvas,
    order: &DocOrder,
    goods: &str,
    x: f32,
    y: f32,
    tail: f32,
) -> f32 {
    let col = |title, width, align| Column {
        title,
        width,
        align,
    };
    let mixed = order.has_mixed_vat();
    // Widths of №, Артикул, goods, Кол-во, Ед., Цена, Сумма; the VAT columns take their room
    // from the others.
    let w: [f32; 7] = if mixed {
        [8.0, 20.0, 53.0, 14.0, 9.0, 21.0, 24.0]
    } else {
        [8.0, 24.0, 77.0, 16.0, 10.0, 24.0, 26.0]
    };
    let mut columns = vec![
        col("№", w[0], Align::Right),
        col("Артикул", w[1], Align::Left),
        col(goods, w[2], Align::Left),
        col("Кол-во", w[3], Align::Right),
        col("Ед.", w[4], Align::Left),
        col("Цена", w[5], Align::Right),
    ];
    if mixed {
        columns.push(col("Ставка НДС", 16.0, Align::Center));
        columns.push(col("Сумма НДС", 20.0, Align::Right));
    }
    columns.push(col("Сумма", w[6], Align::Right));
    let rows: Vec<Vec<String>> = order
        .lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let mut row = vec![
                (i + 1).to_string(),
                l.sku.clone(),
                l.name.clone(),
                format_quantity(l.quantity_milli),
                l.unit.clone(),
                format_rubles(l.price_kopecks),
            ];
            if mixed {
                row.push(l.vat.label());
                row.push(
                    l.vat_kopecks()
                        .map_or_else(|| "—".to_owned(), format_rubles),
                );
            }
            row.push(format_rubles(l.amount_kopecks));
            row
        })
        .collect();
    Table {
        columns: &columns,
        size: 9.0,
        keep_with_last: tail,
    }
    .draw(c, x, y, &rows)
}

/// The VAT rows as 1C prints them: «В том числе НДС (22%):» and its amount per rate, or
/// «Без налога (НДС)» with a dash for exempt lines.
pub(crate) fn vat_rows(order: &DocOrder) -> Vec<(String, String)> {
    let sums = order.vat_by_rate();
    if sums.is_empty() {
        return vec![("Без налога (НДС)".to_owned(), "-".to_owned())];
    }
    sums.into_iter()
        .map(|sum| match sum.rate {
            VatRate::Percent(rate) => (
                format!("В том числе НДС ({rate}%):"),
                format_rubles(sum.vat_kopecks),
            ),
            VatRate::Exempt => ("Без налога (НДС)".to_owned(), "-".to_owned()),
        })
        .collect()
}

/// Height the totals, words and signatures need; they move to a fresh page as one block
/// rather than leave the total orphaned from its words.
pub(crate) const TOTALS_H: f32 = 62.0;
const ROW: f32 = 4.8;

/// [`TOTALS_H`] with one more row for each VAT rate past the first.
pub(crate) fn totals_height(order: &DocOrder) -> f32 {
    let rates = order.vat_by_rate().len().max(1);
    TOTALS_H + (rates - 1) as f32 * ROW
}

/// Итого / НДС / Всего, the item count and the sum in words, then a thick rule; starts a new
/// page first if the block would not fit. Returns the y below the rule.
pub(crate) fn money_totals(c: &mut Canvas, order: &DocOrder, y: f32, due_label: &str) -> f32 {
    let total = order.total_kopecks();
    let mut rows = vec![("Итого:".to_owned(), format_rubles(total))];
    rows.extend(vat_rows(order));
    rows.push((due_label.to_owned(), format_rubles(total)));
    let mut y = y;
    // The table keeps its last line with this block; a break here is only for a table
    // that ended exactly at the bottom.
    if y + totals_height(order) > PAGE_H - MARGIN_BOTTOM {
        c.new_page();
        y = MARGIN_TOP;
    }
    let label_x = MARGIN_LEFT + CONTENT_W - 30.0;
    y = parts::total_rows(c, y, label_x, ROW, rows);
    let count = format!(
        "Всего наименований {}, на сумму {} руб.",
        order.lines.len(),
        format_rubles(total)
    );
    c.text(MARGIN_LEFT, y, 9.5, Weight::Regular, Align::Left, &count);
    y += 4.8;
    parts::words_with_rule(c, y, &amount_in_words(total))
}

fn totals(c: &mut Canvas, shop: &Requisites, order: &DocOrder, y: f32) {
    let y = money_totals(c, order, y, "Всего к оплате:");
    parts::signatures(c, shop, y + 12.0);
}
