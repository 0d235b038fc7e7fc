//! The shop's own товарная накладная, laid out like ТОРГ-12: a primary document with the
//! requisites of 402-ФЗ art. 9 — name, date, issuer, content, units (with their ОКЕИ codes)
//! and quantities, amounts with and without VAT, and the signatures of the one who handed
//! the goods over and the one who received them. Services (delivery, assembly) are not goods:
//! they stand in a table of their own under the goods, and the totals add both up to the
//! order's total.

use crate::canvas::{Align, Canvas, CONTENT_W, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_TOP, PAGE_H};
use crate::font::Weight;
use crate::invoice::vat_rows;
use crate::model::{DocLine, DocOrder, Party, Signer, VatRate};
use crate::money::{format_date_long, format_date_short, format_quantity, format_rubles};
use crate::okei::okei_code;
use crate::parts::{self, labelled, signature_in_full, title_with_rule};
use crate::requisites::Requisites;
use crate::table::{Column, Table};
use crate::words::amount_in_words;
use crate::DocError;

/// Renders the delivery note of one order. `released_by` is who hands the goods over (the
/// storekeeper or the courier); `None` names the head, who then signs for it.
pub fn delivery_note(
    shop: &Requisites,
    order: &DocOrder,
    released_by: Option<&Signer>,
) -> Result<Vec<u8>, DocError> {
    let mut c = Canvas::new(&format!("Накладная № {}", order.number))?;
    draw(&mut c, shop, order, released_by);
    Ok(c.finish())
}

/// Delivery notes of many orders in one PDF (one print job), each from a new page, all handed
/// over by `released_by`.
pub fn delivery_notes(
    shop: &Requisites,
    orders: &[DocOrder],
    released_by: Option<&Signer>,
) -> Result<Vec<u8>, DocError> {
    Canvas::render_each("Товарные накладные", orders, |c, order| {
        draw(c, shop, order, released_by);
        Ok(())
    })
}

/// Body size of the tables: ТОРГ-12 is a dense form.
const SIZE: f32 = 8.0;
/// One row of the totals block under the tables.
const ROW: f32 = 4.6;
/// The handover signatures, the receipt sentence and the date line.
const SIGN_H: f32 = 46.0;
/// Another signature row, «Отпуск груза разрешил», when someone other than the head hands over.
const SIGN_ROW: f32 = 10.0;

/// The shop as the supplier: requisites and its bank.
fn supplier(shop: &Requisites) -> String {
    let party = Party {
        name: shop.name.clone(),
        inn: shop.inn.clone(),
        kpp: shop.kpp.clone(),
        address: shop.address.clone(),
        phone: shop.phone.clone(),
        bank_name: shop.bank_name.clone(),
        bic: shop.bic.clone(),
        settlement_account: shop.settlement_account.clone(),
        corr_account: shop.corr_account.clone(),
    };
    with_bank(&party)
}

/// «name, ИНН, КПП, address, phone, р/с … в банке …»: what ТОРГ-12 prints for a party.
fn with_bank(party: &Party) -> String {
    let bank = party.bank_line();
    if bank.is_empty() {
        party.one_line()
    } else {
        format!("{}, {bank}", party.one_line())
    }
}

pub(crate) fn draw(
    c: &mut Canvas,
    shop: &Requisites,
    order: &DocOrder,
    released_by: Option<&Signer>,
) {
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

    y = labelled(c, y, "Поставщик:", &supplier(shop));
    y = labelled(
        c,
        y,
        "Покупатель,\nгрузополучатель:",
        &with_bank(&order.buyer),
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

    let (goods, services): (Vec<&DocLine>, Vec<&DocLine>) =
        order.lines.iter().partition(|l| !l.service);
    let head = head_signer(shop);
    let releaser = released_by.filter(|s| !s.name.trim().is_empty());
    let sign_h = if releaser.is_some() {
        SIGN_H + SIGN_ROW
    } else {
        SIGN_H
    };
    // The totals and the handover signatures stay with the last line above them; with
    // services, the services' table (its heading, header and rows) comes in between.
    let tail = totals_height(order, !services.is_empty()) + sign_h;
    // The goods always get their «Итого», as ТОРГ-12 has; a single service needs none.
    let goods_rows = rows(&goods, true);
    let services_rows = rows(&services, services.len() > 1);
    let services_h = if services.is_empty() {
        0.0
    } else {
        SERVICES_HEADING + table(SERVICES, 0.0).height(c, &services_rows)
    };
    y = table(GOODS, services_h + tail).draw(c, x, y + 1.0, &goods_rows);
    if !services.is_empty() {
        // Only when the goods' table could not keep its last rows with what follows.
        if y + services_h + tail > PAGE_H - MARGIN_BOTTOM {
            c.new_page();
            y = MARGIN_TOP;
        }
        c.text(
            x,
            y + 5.0,
            9.0,
            Weight::Bold,
            Align::Left,
            "Услуги (в товары по накладной не входят)",
        );
        y = table(SERVICES, tail).draw(c, x, y + SERVICES_HEADING, &services_rows);
    }
    y = totals(c, order, &goods, &services, y);

    if y + sign_h > PAGE_H - MARGIN_BOTTOM {
        c.new_page();
        y = MARGIN_TOP;
    }
    y += 10.0;
    if let Some(person) = releaser {
        signature_in_full(c, x, y, "Отпуск груза разрешил", &head.position, &head.name);
        y += SIGN_ROW;
        signature_in_full(
            c,
            x,
            y,
            "Отпуск груза произвёл",
            &person.position,
            &person.name,
        );
    } else {
        signature_in_full(c, x, y, "Отпуск груза произвёл", &head.position, &head.name);
    }
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

/// The head as a signer: «Руководитель» of a company, «Индивидуальный предприниматель».
fn head_signer(shop: &Requisites) -> Signer {
    let position = if crate::requisites::is_sole_trader(shop) {
        "Индивидуальный предприниматель"
    } else {
        "Руководитель"
    };
    Signer {
        position: position.to_owned(),
        name: shop.director.clone(),
    }
}

/// A line's figures as ТОРГ-12 prints them: price and amount without VAT, the rate, the VAT,
/// the amount with VAT. The amount with VAT is the order's; the VAT is taken out of it and
/// the amount without VAT is the rest, so every row adds up to the kopeck.
struct Figures {
    price_net: i64,
    net: i64,
    vat: Option<i64>,
    gross: i64,
}

impl Figures {
    fn of(line: &DocLine) -> Self {
        let gross = line.amount_kopecks;
        let vat = line.vat_kopecks();
        let net = gross - vat.unwrap_or(0);
        let price_net = match (line.vat, line.quantity_milli) {
            (VatRate::Exempt, _) => line.price_kopecks,
            (VatRate::Percent(rate), q) if q <= 0 => {
                line.price_kopecks - crate::money::vat_included(line.price_kopecks, rate)
            }
            // The net amount over the quantity, to the kopeck: what the price «без НДС» is.
            (_, q) => {
                let (net, q) = (i128::from(net), i128::from(q));
                i64::try_from((net * 1000 * 2 + q) / (2 * q)).unwrap_or(line.price_kopecks)
            }
        };
        Self {
            price_net,
            net,
            vat,
            gross,
        }
    }
}

/// The second column's title of the goods' and the services' tables.
const GOODS: &str = "Товар (наименование, артикул)";
const SERVICES: &str = "Услуга";
/// The services' heading above their table.
const SERVICES_HEADING: f32 = 6.5;

/// The columns of ТОРГ-12 that a shop's note fills: the unit with its ОКЕИ code, the price
/// and amount without VAT, the rate, the VAT and the amount with it. `tail` is the height of
/// what must follow the last row on its page (see [`Table`]).
fn table(what: &'static str, tail: f32) -> Table<'static> {
    const fn col(title: &'static str, width: f32, align: Align) -> Column<'static> {
        Column {
            title,
            width,
            align,
        }
    }
    const fn columns(what: &'static str) -> [Column<'static>; 10] {
        [
            col("№", 6.0, Align::Right),
            col(what, CONTENT_W - 134.0, Align::Left),
            col("Ед. изм.", 10.0, Align::Left),
            col("Код по ОКЕИ", 9.0, Align::Center),
            col("Кол-во", 14.0, Align::Right),
            col("Цена без НДС, руб.", 17.0, Align::Right),
            col("Сумма без НДС, руб.", 22.0, Align::Right),
            col("Ставка НДС", 12.0, Align::Center),
            col("Сумма НДС, руб.", 21.0, Align::Right),
            col("Сумма с НДС, руб.", 23.0, Align::Right),
        ]
    }
    static GOODS_COLUMNS: [Column<'static>; 10] = columns(GOODS);
    static SERVICES_COLUMNS: [Column<'static>; 10] = columns(SERVICES);
    Table {
        columns: if what == SERVICES {
            &SERVICES_COLUMNS
        } else {
            &GOODS_COLUMNS
        },
        size: SIZE,
        keep_with_last: tail,
    }
}

/// The rows of `lines` for [`table`], with an «Итого» row if `with_total`.
fn rows(lines: &[&DocLine], with_total: bool) -> Vec<Vec<String>> {
    let mut sums = (0_i64, 0_i64, 0_i64);
    let mut rows: Vec<Vec<String>> = lines
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let f = Figures::of(l);
            sums.0 += f.net;
            sums.1 += f.vat.unwrap_or(0);
            sums.2 += f.gross;
            let name = if l.sku.is_empty() {
                l.name.clone()
            } else {
                format!("{}\nарт. {}", l.name, l.sku)
            };
            vec![
                (i + 1).to_string(),
                name,
                l.unit.clone(),
                okei_code(&l.unit).unwrap_or_default().to_owned(),
                format_quantity(l.quantity_milli),
                format_rubles(f.price_net),
                format_rubles(f.net),
                // «Без НДС» on one line: a rate reads as one.
                l.vat.label().replace(' ', "\u{a0}"),
                f.vat.map_or_else(|| "—".to_owned(), format_rubles),
                format_rubles(f.gross),
            ]
        })
        .collect();
    let any_vat = lines.iter().any(|l| l.vat != VatRate::Exempt);
    if with_total {
        rows.push(vec![
            String::new(),
            "Итого".to_owned(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            format_rubles(sums.0),
            String::new(),
            if any_vat {
                format_rubles(sums.1)
            } else {
                "—".to_owned()
            },
            format_rubles(sums.2),
        ]);
    }
    rows
}

/// The rows of the totals block: goods and services apart when there are services, then the
/// whole (the order's total) and its VAT per rate.
fn total_rows(
    order: &DocOrder,
    goods: &[&DocLine],
    services: &[&DocLine],
) -> Vec<(String, String)> {
    let sum = |lines: &[&DocLine]| lines.iter().map(|l| l.amount_kopecks).sum::<i64>();
    let mut rows = Vec::new();
    if !services.is_empty() {
        rows.push(("Итого товаров:".to_owned(), format_rubles(sum(goods))));
        rows.push(("Итого услуг:".to_owned(), format_rubles(sum(services))));
    }
    rows.push((
        "Всего по накладной:".to_owned(),
        format_rubles(order.total_kopecks()),
    ));
    rows.extend(vat_rows(order));
    rows
}

/// Height of the totals block: its rows, the count line, two lines of the sum in words and
/// the rule under them.
fn totals_height(order: &DocOrder, services: bool) -> f32 {
    let rows = 1 + order.vat_by_rate().len().max(1) + if services { 2 } else { 0 };
    5.0 + rows as f32 * ROW + 3.0 + 4.8 + 2.0 * 4.5
}

/// The totals, the goods' count and the sum in words, then a thick rule; starts a new page
/// first if the block would not fit. Returns the y below the rule.
fn totals(
    c: &mut Canvas,
    order: &DocOrder,
    goods: &[&DocLine],
    services: &[&DocLine],
    y: f32,
) -> f32 {
    let mut y = y;
    if y + totals_height(order, !services.is_empty()) > PAGE_H - MARGIN_BOTTOM {
        c.new_page();
        y = MARGIN_TOP;
    }
    let label_x = MARGIN_LEFT + CONTENT_W - 42.0;
    y = parts::total_rows(c, y, label_x, ROW, total_rows(order, goods, services));
    let goods_sum: i64 = goods.iter().map(|l| l.amount_kopecks).sum();
    let mut count = format!(
        "Отпущено наименований товаров: {}, на сумму {} руб.",
        goods.len(),
        format_rubles(goods_sum)
    );
    if !services.is_empty() {
        let services_sum: i64 = services.iter().map(|l| l.amount_kopecks).sum();
        count.push_str(&format!(
            " Услуг: {}, на сумму {} руб.",
            services.len(),
            format_rubles(services_sum)
        ));
    }
    y = c.paragraph(MARGIN_LEFT, y, CONTENT_W, 9.5, Weight::Regular, 4.2, &count) + 0.6;
    let words = format!(
        "Всего по накладной: {}",
        amount_in_words(order.total_kopecks())
    );
    parts::words_with_rule(c, y, &words)
}
