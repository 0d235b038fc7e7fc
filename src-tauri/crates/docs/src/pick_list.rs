//! Лист сборки: an internal paper for the warehouse. Lines go in walking order (sorted by
//! storage location) and the order number is printed as a Code 128 barcode to scan at packing.

use std::cmp::Ordering;

use crate::canvas::{Align, Canvas, CONTENT_W, MARGIN_LEFT, MARGIN_TOP};
use crate::font::Weight;
use crate::layout::{ascent, Frame};
use crate::marks;
use crate::model::{DocLine, DocOrder};
use crate::money::{format_date_short, format_quantity};
use crate::parts::signature;
use crate::table::{Column, Table};
use crate::DocError;

/// Renders the pick list of one order.
pub fn pick_list(order: &DocOrder) -> Result<Vec<u8>, DocError> {
    pick_lists(std::slice::from_ref(order))
}

/// Pick lists of many orders as one PDF (one print job), each starting on a new page.
pub fn pick_lists(orders: &[DocOrder]) -> Result<Vec<u8>, DocError> {
    Canvas::render_each("Листы сборки", orders, draw)
}

/// Compares «A-2-10» and «A-10-1» the way a person reads them: digit runs as numbers, so
/// rack 2 comes before rack 10. Lines without a location go last.
pub fn location_order(a: &str, b: &str) -> Ordering {
    match (a.is_empty(), b.is_empty()) {
        (true, false) => return Ordering::Greater,
        (false, true) => return Ordering::Less,
        _ => {}
    }
    let chunks = |s: &str| -> Vec<(bool, String)> {
        let mut out: Vec<(bool, String)> = Vec::new();
        for ch in s.chars() {
            let digit = ch.is_ascii_digit();
            match out.last_mut() {
                Some((d, chunk)) if *d == digit => chunk.push(ch),
                _ => out.push((digit, ch.to_string())),
            }
        }
        out
    };
    let (ca, cb) = (chunks(a), chunks(b));
    for ((da, xa), (db, xb)) in ca.iter().zip(&cb) {
        let ord = if *da && *db {
            let (ta, tb) = (xa.trim_start_matches('0'), xb.trim_start_matches('0'));
            ta.len().cmp(&tb.len()).then_with(|| ta.cmp(tb))
        } else {
            xa.to_uppercase().cmp(&xb.to_uppercase())
        };
        if ord != Ordering::Equal {
            return ord;
        }
    }
    ca.len().cmp(&cb.len())
}

/// The lines in picking order: by storage location, then SKU.
pub fn picking_order(lines: &[DocLine]) -> Vec<&DocLine> {
    let mut sorted: Vec<&DocLine> = lines.iter().collect();
    sorted.sort_by(|a, b| {
        location_order(&a.storage_location, &b.storage_location).then_with(|| a.sku.cmp(&b.sku))
    });
    sorted
}

/// «5 шт, 2,5 кг»: quantities summed per unit, units in the order they first appear —
/// kilograms and pieces are never added together.
pub fn unit_totals(lines: &[DocLine]) -> String {
    let mut totals: Vec<(&str, i64)> = Vec::new();
    for line in lines {
        let unit = line.unit.trim();
        match totals.iter_mut().find(|(u, _)| *u == unit) {
            Some((_, sum)) => *sum += line.quantity_milli,
            None => totals.push((unit, line.quantity_milli)),
        }
    }
    totals
        .iter()
        .map(|(unit, sum)| {
            format!("{}\u{a0}{unit}", format_quantity(*sum))
                .trim()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Width of the order number's barcode in the top right corner.
const BARCODE_W: f32 = 70.0;

pub(crate) fn draw(c: &mut Canvas, order: &DocOrder) -> Result<(), DocError> {
    // Services (delivery, a channel's fee) are not picked from the shelves.
    let goods: Vec<DocLine> = order.lines.iter().filter(|l| !l.service).cloned().collect();
    c.number_pages(&format!("Лист сборки заказа № {}", order.number));
    let x = MARGIN_LEFT;
    let right = x + CONTENT_W;
    let mut y = MARGIN_TOP + 6.0;
    let title = format!("Лист сборки заказа № {}", order.number);
    c.text(x, y, 14.0, Weight::Bold, Align::Left, &title);
    let used = marks::code128(
        c,
        right - BARCODE_W,
        MARGIN_TOP,
        BARCODE_W,
        13.0,
        &order.number,
    )?;
    c.text(
        right - BARCODE_W + used / 2.0,
        MARGIN_TOP + 16.5,
        9.0,
        Weight::Regular,
        Align::Center,
        &order.number,
    );
    y += 3.0;
    let mut info = format!("Заказ от {}", format_date_short(order.order_date));
    if !order.delivery_window.is_empty() {
        info.push_str(&format!(", доставка {}", order.delivery_window));
    }
    // Beside the barcode and its number, a long buyer's name wraps short of them.
    let beside = CONTENT_W - BARCODE_W - 2.0;
    y = c.text_box(
        Frame::new(x, y, beside, f32::MAX),
        9.5,
        Weight::Regular,
        &info,
    ) + 1.0;
    let buyer = format!("Покупатель: {}", order.buyer.name);
    y = c.text_box(
        Frame::new(x, y, beside, f32::MAX),
        9.5,
        Weight::Regular,
        &buyer,
    );
    y = y.max(MARGIN_TOP + 18.0) + 3.0;

    let columns = [
        Column {
            title: "№",
            width: 8.0,
            align: Align::Right,
        },
        Column {
            title: "Место хранения",
            width: 28.0,
            align: Align::Left,
        },
        Column {
            title: "Артикул",
            width: 26.0,
            align: Align::Left,
        },
        Column {
            title: "Наименование",
            width: 75.0,
            align: Align::Left,
        },
        Column {
            title: "Кол-во",
            width: 17.0,
            align: Align::Right,
        },
        Column {
            title: "Ед.",
            width: 11.0,
            align: Align::Left,
        },
        Column {
            title: "Собрано",
            width: 20.0,
            align: Align::Center,
        },
    ];
    let rows: Vec<Vec<String>> = picking_order(&goods)
        .iter()
        .enumerate()
        .map(|(i, l)| {
            vec![
                (i + 1).to_string(),
                l.storage_location.clone(),
                l.sku.clone(),
                l.name.clone(),
                format_quantity(l.quantity_milli),
                l.unit.clone(),
                String::new(),
            ]
        })
        .collect();
    // The summary, the notes' first lines and the signatures follow the last line.
    y = Table {
        columns: &columns,
        size: 10.0,
        keep_with_last: 36.0,
    }
    .draw(c, x, y, &rows)
        + 6.0;

    let summary = format!("Позиций: {}, всего: {}", goods.len(), unit_totals(&goods));
    y = c.text_box(
        Frame::new(x, y - ascent(10.0), CONTENT_W, f32::MAX),
        10.0,
        Weight::Bold,
        &summary,
    ) + ascent(10.0);
    if !order.notes.is_empty() {
        y += 1.3;
        y = c.paragraph(
            x,
            y,
            CONTENT_W,
            9.5,
            Weight::Regular,
            4.2,
            &format!("Примечание: {}", order.notes),
        ) - 4.2;
    }
    y += 14.0;
    signature(c, x, y, "Собрал", "");
    signature(c, x + CONTENT_W / 2.0 + 5.0, y, "Проверил", "");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locations_sort_in_walking_order() {
        let mut locs = vec![
            "B-01-1-01",
            "A-10-1-01",
            "",
            "A-2-3-05",
            "A-2-3-4",
            "a-2-1-9",
        ];
        locs.sort_by(|a, b| location_order(a, b));
        assert_eq!(
            locs,
            [
                "a-2-1-9",
                "A-2-3-4",
                "A-2-3-05",
                "A-10-1-01",
                "B-01-1-01",
                ""
            ]
        );
    }
}
