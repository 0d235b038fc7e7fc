//! Маршрутный лист: a courier's orders for a day with windows, addresses, phones and what to
//! collect, plus signatures for handing out the goods and the cash.

use jiff::civil::Date;

use crate::canvas::{Align, Canvas, CONTENT_W, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_TOP, PAGE_H};
use crate::font::Weight;
use crate::layout::{ascent, Frame};
use crate::model::DocOrder;
use crate::money::{format_date_long, format_date_short, format_rubles};
use crate::parts::signature;
use crate::requisites::Requisites;
use crate::table::{Column, Table};
use crate::DocError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteSheet {
    pub number: String,
    pub date: Date,
    pub courier: String,
    /// In the order the courier drives them.
    pub orders: Vec<DocOrder>,
}

/// The number of `courier`'s sheet for `date`: «20261123-4821», the day and four digits
/// taken from the courier's name as written (case, spaces and ё aside), so a reprint keeps its
/// number and any PC of the shop gives the same number offline, with no counter the PCs would
/// have to agree on. Two names share the digits about once in nine thousand pairs: the desk
/// keeps each day's numbers and takes the next of [`sheet_numbers`] for the second name.
pub fn sheet_number(date: Date, courier: &str) -> String {
    sheet_numbers(date, courier)
        .next()
        .unwrap_or_else(|| date.strftime("%Y%m%d").to_string())
}

/// The numbers `courier`'s sheet for `date` may take, best first: [`sheet_number`], then the
/// following four-digit numbers (wrapping within 1000–9999), for when another courier of the
/// same day already has the first.
pub fn sheet_numbers(date: Date, courier: &str) -> impl Iterator<Item = String> {
    // FNV-1a: stable across builds and platforms, unlike the standard library's hasher.
    let hash = courier_key(courier).bytes().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
    });
    let day = date.strftime("%Y%m%d").to_string();
    (0..9000_u32).map(move |k| format!("{day}-{}", 1000 + (hash % 9000 + k) % 9000))
}

/// A courier's name as the numbers know them: «Петров  Сергей» and «петров сергей» are one
/// courier, «Семён» and «Семен» one name.
pub fn courier_key(courier: &str) -> String {
    courier
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
        .replace('ё', "е")
}

impl RouteSheet {
    /// Cash and card payments the courier brings back.
    pub fn collect_total_kopecks(&self) -> i64 {
        self.orders.iter().map(|o| o.collect_kopecks).sum()
    }
}

/// The summary and the two signature rows under the table.
const SIGNATURES_H: f32 = 40.0;

pub fn route_sheet(shop: &Requisites, sheet: &RouteSheet) -> Result<Vec<u8>, DocError> {
    let mut c = Canvas::new(&format!("Маршрутный лист № {}", sheet.number))?;
    draw(&mut c, shop, sheet);
    Ok(c.finish())
}

pub(crate) fn draw(c: &mut Canvas, shop: &Requisites, sheet: &RouteSheet) {
    c.number_pages(&format!(
        "Маршрутный лист № {} от {}",
        sheet.number,
        format_date_short(sheet.date)
    ));
    let x = MARGIN_LEFT;
    let mut y = MARGIN_TOP + 6.0;
    let title = format!(
        "Маршрутный лист № {} на {}",
        sheet.number,
        format_date_long(sheet.date)
    );
    c.text(x, y, 14.0, Weight::Bold, Align::Left, &title);
    // The shop's and the courier's names wrap rather than run off the page.
    let wide = |y: f32| Frame::new(x, y - ascent(10.0), CONTENT_W, f32::MAX);
    y = c.text_box(wide(y + 6.0), 10.0, Weight::Regular, &shop.name) + ascent(10.0) + 1.2;
    let courier = format!("Курьер: {}", sheet.courier);
    y = c.text_box(wide(y), 10.0, Weight::Bold, &courier) + 3.5;

    let columns = [
        Column {
            title: "№",
            width: 6.0,
            align: Align::Right,
        },
        Column {
            title: "Заказ",
            width: 17.0,
            align: Align::Left,
        },
        Column {
            title: "Окно доставки",
            width: 21.0,
            align: Align::Left,
        },
        Column {
            title: "Адрес",
            width: 38.0,
            align: Align::Left,
        },
        Column {
            title: "Получатель, телефон",
            width: 32.0,
            align: Align::Left,
        },
        Column {
            title: "К получению, руб.",
            width: 19.0,
            align: Align::Right,
        },
        Column {
            title: "Форма оплаты",
            width: 28.0,
            align: Align::Left,
        },
        Column {
            title: "Примечание",
            width: 24.0,
            align: Align::Left,
        },
    ];
    let rows: Vec<Vec<String>> = sheet
        .orders
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let phone = if o.phone.is_empty() {
                &o.buyer.phone
            } else {
                &o.phone
            };
            vec![
                (i + 1).to_string(),
                o.number.clone(),
                o.delivery_window.clone(),
                o.delivery_address.clone(),
                format!("{}\n{}", o.buyer.name, phone),
                format_rubles(o.collect_kopecks),
                o.payment_form.clone(),
                o.notes.clone(),
            ]
        })
        .collect();
    y = Table {
        columns: &columns,
        size: 8.5,
        keep_with_last: SIGNATURES_H,
    }
    .draw(c, x, y, &rows);

    if y + SIGNATURES_H > PAGE_H - MARGIN_BOTTOM {
        c.new_page();
        y = MARGIN_TOP;
    }
    y += 6.0;
    let summary = format!(
        "Заказов: {}. Итого к получению: {} руб.",
        sheet.orders.len(),
        format_rubles(sheet.collect_total_kopecks())
    );
    c.text(x, y, 10.0, Weight::Bold, Align::Left, &summary);
    y += 14.0;
    signature(c, x, y, "Заказы выдал", "");
    signature(c, x + CONTENT_W / 2.0 + 5.0, y, "Курьер", &sheet.courier);
    y += 12.0;
    signature(c, x, y, "Выручку сдал", &sheet.courier);
    signature(c, x + CONTENT_W / 2.0 + 5.0, y, "Выручку принял", "");
}
