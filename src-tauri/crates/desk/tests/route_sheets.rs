//! Route sheets of one day: each courier's sheet has its own number, and a reprint keeps it.

use desk::Desk;
use jiff::Timestamp;
use proto::DocKind;

fn now() -> Timestamp {
    "2026-11-23T07:00:00Z".parse().expect("valid instant")
}

fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().expect("utf-8"), "-"])
        .output()
        .unwrap_or_else(|e| panic!("`pdftotext` could not run ({e}): install `poppler-utils`"));
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout).expect("utf-8")
}

/// «Маршрутный лист № X на …» → X.
fn number(text: &str) -> String {
    let rest = text
        .split("Маршрутный лист № ")
        .nth(1)
        .expect("a route sheet title");
    rest.split_whitespace().next().expect("a number").to_owned()
}

#[test]
fn two_couriers_sheets_of_one_day_differ_and_a_reprint_keeps_its_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open desk");
    let ids: Vec<String> = desk
        .stage_orders("courier_delivery", now())
        .expect("stage orders")
        .into_iter()
        .take(4)
        .map(|r| r.id)
        .collect();
    let (first, second) = ids.split_at(2);
    let petrov = desk
        .paper(first, DocKind::RouteSheet, Some("Петров Сергей"), now())
        .expect("Petrov's sheet");
    let kuznetsov = desk
        .paper(second, DocKind::RouteSheet, Some("Кузнецов Алексей"), now())
        .expect("Kuznetsov's sheet");
    let (petrov, kuznetsov) = (number(&pdf_text(&petrov)), number(&pdf_text(&kuznetsov)));
    assert!(petrov.starts_with("20261123-"), "{petrov}");
    assert_ne!(petrov, kuznetsov);

    // The same courier's sheet for that day, printed again from the route sheet command.
    let again = desk
        .route_sheet(first, "Петров Сергей", "2026-11-23", now())
        .expect("reprint");
    assert_eq!(number(&pdf_text(&again)), petrov);
}

/// «Курьер 197» and «Курьер 250» give the same digits for 23.11.2026 («20261123-3702»): the
/// second courier's sheet takes the next free number and keeps it, and a reprint of the first
/// is still its own, after a restart too. Every page names its sheet with the day.
#[test]
fn couriers_whose_names_give_the_same_digits_get_different_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let day = jiff::civil::date(2026, 11, 23);
    let digits = docs::route_sheet::sheet_number(day, "Курьер 197");
    assert_eq!(digits, docs::route_sheet::sheet_number(day, "Курьер 250"));
    let desk = Desk::open_demo(dir.path(), now()).expect("open desk");
    let ids: Vec<String> = desk
        .stage_orders("courier_delivery", now())
        .expect("stage orders")
        .into_iter()
        .take(2)
        .map(|r| r.id)
        .collect();
    let sheet = |desk: &Desk, courier: &str| {
        let pdf = desk
            .paper(&ids, DocKind::RouteSheet, Some(courier), now())
            .expect("route sheet");
        number(&pdf_text(&pdf))
    };
    assert_eq!(sheet(&desk, "Курьер 197"), digits);
    let second = sheet(&desk, "Курьер 250");
    assert_ne!(second, digits, "two couriers of one day share a number");
    assert!(second.starts_with("20261123-"), "{second}");
    assert_eq!(sheet(&desk, "курьер  197"), digits);
    drop(desk);

    let desk = Desk::open_demo(dir.path(), now()).expect("reopen desk");
    assert_eq!(sheet(&desk, "Курьер 250"), second);
    let reprint = desk
        .route_sheet(&ids, "Курьер 250", "2026-11-23", now())
        .expect("route sheet command");
    let text = pdf_text(&reprint);
    assert_eq!(number(&text), second);
}
