//! Route sheet numbers per courier and day, and the pick list's totals per unit.
mod common;

use common::{order, out_dir, pdf_text, write};
use docs::route_sheet::sheet_number;

#[test]
fn route_sheets_are_numbered_per_courier_and_day() {
    let day = jiff::civil::date(2026, 11, 23);
    let petrov = sheet_number(day, "Петров Сергей");
    assert!(petrov.starts_with("20261123-"), "{petrov}");
    assert_ne!(petrov, sheet_number(day, "Кузнецов Алексей"));
    assert_ne!(
        petrov,
        sheet_number(jiff::civil::date(2026, 11, 24), "Петров Сергей")
    );
    // The same courier typed a little differently is the same sheet.
    assert_eq!(petrov, sheet_number(day, "  петров   Сергей "));
    assert_eq!(
        sheet_number(day, "Семёнов Иван"),
        sheet_number(day, "Семенов Иван")
    );
    // A day's couriers of a large shop get numbers of their own.
    let names: Vec<String> = (0..30).map(|i| format!("Курьер {i}")).collect();
    let mut numbers: Vec<String> = names.iter().map(|n| sheet_number(day, n)).collect();
    numbers.sort();
    numbers.dedup();
    assert_eq!(numbers.len(), names.len());
}

#[test]
fn pick_list_totals_pieces_and_kilograms_apart() {
    let mut o = order(3);
    o.lines[0].unit = "шт".into();
    o.lines[0].quantity_milli = 2000;
    o.lines[1].unit = "кг".into();
    o.lines[1].quantity_milli = 1500;
    o.lines[2].unit = "шт".into();
    o.lines[2].quantity_milli = 3000;
    assert_eq!(
        docs::pick_list::unit_totals(&o.lines),
        "5\u{a0}шт, 1,5\u{a0}кг"
    );

    let (dir, _guard) = out_dir();
    let pdf = docs::pick_list::pick_list(&o).expect("pick list");
    let text = pdf_text(&write(&dir, "pick-units.pdf", &pdf));
    assert!(text.contains("Позиций: 3, всего: 5 шт, 1,5 кг"), "{text}");
    assert!(!text.contains("6,5"), "kilograms added to pieces:\n{text}");
}

/// Two names that give the same digits: the desk takes the next of the candidates for the
/// second, and the candidates cover every four-digit number of the day once.
#[test]
fn route_sheet_candidates_start_with_the_names_digits_and_cover_the_day() {
    let day = jiff::civil::date(2026, 11, 23);
    assert_eq!(
        sheet_number(day, "Курьер 197"),
        sheet_number(day, "Курьер 250")
    );
    let all: Vec<String> = docs::route_sheet::sheet_numbers(day, "Курьер 197").collect();
    assert_eq!(all[0], sheet_number(day, "Курьер 197"));
    assert_eq!(all.len(), 9000);
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), 9000);
    assert_eq!(unique[0], "20261123-1000");
    assert_eq!(unique[8999], "20261123-9999");
}
