//! Delivery note, pick list and route sheet, read back with pdftotext.
mod common;

use common::{order, out_dir, pdf_pages, pdf_text, png_pages, shop, write, zbar};
use docs::route_sheet::RouteSheet;

fn assert_all(text: &str, expected: &[&str]) {
    for e in expected {
        assert!(text.contains(e), "missing «{e}» in:\n{text}");
    }
}

#[test]
fn delivery_note_carries_the_402_fz_requisites() {
    let (dir, _guard) = out_dir();
    let o = order(3);
    let pdf = docs::delivery_note::delivery_note(&shop(), &o, None).expect("render note");
    let text = pdf_text(&write(&dir, "delivery-note.pdf", &pdf));
    assert_all(
        &text,
        &[
            "Товарная накладная № 2026-0412 от 22 ноября 2026 г.",
            "Поставщик:",
            "ООО «Три кита», ИНН 7707083893",
            "грузополучатель:",
            "Адрес доставки:",
            "подъезд 2",
            "Основание:",
            "Заказ № 2026-0412 от 20.11.2026",
            "Товар (наименование",
            "TK-0003",
            "430,35",
            "В том числе НДС (22%):",
            "147,99",
            "Всего по накладной:",
            "820,70",
            "Восемьсот двадцать рублей 70 копеек",
            "Отпуск груза произвёл",
            // 402-ФЗ art. 9: the position and the name of whoever handed the goods over.
            "Руководитель",
            "Иванов И. И.",
            "должность",
            "расшифровка подписи",
            "Груз получил",
        ],
    );
    assert!(
        !text.contains("A-10-1-01"),
        "storage locations stay off customer papers"
    );
}

#[test]
fn thousand_delivery_notes_make_one_pdf() {
    let (dir, _guard) = out_dir();
    let orders: Vec<_> = (0..1000).map(|_| order(4)).collect();
    let pdf = docs::delivery_note::delivery_notes(&shop(), &orders, None).expect("render batch");
    let pages = pdf_pages(&write(&dir, "delivery-notes-1000.pdf", &pdf));
    assert_eq!(pages.len(), 1000);
    assert!(pages[999].contains("Товарная накладная № 2026-0412"));
}

#[test]
fn pick_list_sorts_by_location_and_carries_a_scannable_barcode() {
    let (dir, _guard) = out_dir();
    let o = order(6);
    let pdf = docs::pick_list::pick_list(&o).expect("render pick list");
    let path = write(&dir, "pick-list.pdf", &pdf);
    let text = pdf_text(&path);
    assert_all(
        &text,
        &[
            "Лист сборки заказа № 2026-0412",
            "Место хранения",
            "Собрал",
            "Проверил",
            "Позиций: 6",
        ],
    );
    let mut expected: Vec<String> = o.lines.iter().map(|l| l.storage_location.clone()).collect();
    expected.sort_by(|a, b| docs::pick_list::location_order(a, b));
    let positions: Vec<usize> = expected
        .iter()
        .map(|loc| {
            text.find(loc.as_str())
                .unwrap_or_else(|| panic!("{loc} missing"))
        })
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "not in location order:\n{text}"
    );
    let pngs = png_pages(&path, 200);
    assert_eq!(zbar(&pngs[0]).trim_end(), "2026-0412");
}

#[test]
fn route_sheet_lists_stops_and_the_cash_to_collect() {
    let (dir, _guard) = out_dir();
    let mut first = order(1);
    first.collect_kopecks = 12_345;
    let mut second = order(2);
    second.number = "2026-0413".into();
    second.delivery_window = "23.11 14:00–18:00".into();
    second.payment_form = "Оплачено онлайн".into();
    let mut third = order(2);
    third.number = "2026-0414".into();
    third.collect_kopecks = 1_000_000;
    third.payment_form = "Карта курьеру".into();
    let sheet = RouteSheet {
        number: "М-15".into(),
        date: jiff::civil::date(2026, 11, 23),
        courier: "Кузнецов А. В.".into(),
        orders: vec![first, second, third],
    };
    let pdf = docs::route_sheet::route_sheet(&shop(), &sheet).expect("render route sheet");
    let text = pdf_text(&write(&dir, "route-sheet.pdf", &pdf));
    assert_all(
        &text,
        &[
            "Маршрутный лист № М-15 на 23 ноября 2026 г.",
            "Курьер: Кузнецов А. В.",
            "2026-0413",
            "14:00–18:00",
            "Химки",
            "+7 916 123-45-67",
            "123,45",
            "10 000,00",
            "Оплачено онлайн",
            "Карта курьеру",
            "Заказов: 3. Итого к получению: 10 123,45 руб.",
            "Выручку сдал",
        ],
    );
    assert!(
        !text.contains("A-10-1-01"),
        "storage locations stay off the courier's paper"
    );
}
