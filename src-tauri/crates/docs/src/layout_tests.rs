//! Every paper drawn with its fields at the longest values the rules allow (and the long
//! Russian names, addresses and units real shops have), then the laid-out text boxes measured:
//! no text leaves its box, none is set below the readable minimum.

use jiff::civil::date;

use crate::canvas::Canvas;
use crate::layout::{Placed, MIN_SIZE};
use crate::model::{DocLine, DocOrder, Party, VatRate};
use crate::requisites::Requisites;
use crate::route_sheet::RouteSheet;

/// `s` repeated up to exactly `n` characters.
fn chars(s: &str, n: usize) -> String {
    s.chars().cycle().take(n).collect()
}

fn shop() -> Requisites {
    Requisites {
        // GOST R 56042 allows 160 characters for the payee.
        name: chars(
            "Общество с ограниченной ответственностью «Торговый дом Северо-Западная \
             Промышленно-Строительная Компания имени Константина Циолковского» ",
            160,
        ),
        inn: "7707083893".into(),
        kpp: "773601001".into(),
        ogrn: "1027700132195".into(),
        address: chars(
            "194044, г. Санкт-Петербург, Выборгская наб., д. 61, литера А, помещение 12-Н, ",
            200,
        ),
        phone: "+7 812 555-55-55".into(),
        bank_name: "Публичное акционерное общество «Сбербанк России», г. Москва".into(),
        bank_name_qr: "ПАО СБЕРБАНК".into(),
        bic: "044525225".into(),
        settlement_account: "40702810138250123017".into(),
        corr_account: "30101810400000000225".into(),
        director: "Константинопольский Александр Вячеславович".into(),
        accountant: "Преображенская-Оболенская Екатерина Святославовна".into(),
    }
}

fn line(i: usize) -> DocLine {
    DocLine {
        sku: chars("ART-2026-ABCDEFGH-", 24),
        name: chars(
            "Набор посуды керамической «Северное сияние» ручной работы, 24 предмета, ",
            250,
        ),
        unit: if i.is_multiple_of(2) {
            "компл"
        } else {
            "упак"
        }
        .into(),
        quantity_milli: 1_234_567,
        price_kopecks: 99_999_999,
        amount_kopecks: 123_456_789_012,
        vat: if i.is_multiple_of(3) {
            VatRate::Percent(10)
        } else {
            VatRate::Percent(22)
        },
        storage_location: "ZONE-A-103-12-07".into(),
    }
}

fn order() -> DocOrder {
    DocOrder {
        number: "9999999999".into(),
        date: date(2026, 11, 22),
        order_date: date(2026, 11, 20),
        invoice: None,
        buyer: Party {
            name: "Индивидуальный предприниматель Константинопольская-Преображенская \
                   Александра Вячеславовна"
                .into(),
            inn: "500100732259".into(),
            kpp: String::new(),
            address: chars(
                "141400, Московская обл., городской округ Химки, г. Химки, \
                 микрорайон Левобережный, ул. Библиотечная, д. 26, корп. 3, кв. 117, ",
                200,
            ),
            phone: "+7 916 123-45-67".into(),
            ..Party::default()
        },
        lines: (0..7).map(line).collect(),
        delivery_address: chars(
            "г. Химки, мкр. Левобережный, ул. Библиотечная, д. 26, корп. 3, подъезд 2, \
             этаж 14, домофон 117В, ",
            200,
        ),
        delivery_window: "23.11 10:00–14:00".into(),
        phone: "+7 916 123-45-67".into(),
        payment_form: "Наличные курьеру".into(),
        collect_kopecks: 99_999_999_999,
        basis: String::new(),
        notes: chars("Позвонить за час, шлагбаум со стороны двора, ", 300),
    }
}

/// Boxes whose text leaves the box or is set below the minimum, described for the message.
fn faults(placed: &[Placed]) -> Vec<String> {
    placed
        .iter()
        .filter(|p| !p.frame.holds(&p.text) || p.size < MIN_SIZE - 0.01)
        .map(|p| {
            format!(
                "page {}: «{}» at {} pt: text {:?} outside {:?}",
                p.page + 1,
                p.value,
                p.size,
                p.text,
                p.frame
            )
        })
        .collect()
}

fn check(paper: &str, c: &Canvas, must_hold: &[&str]) {
    let placed = c.placed();
    let problems = faults(placed);
    assert!(problems.is_empty(), "{paper}:\n{}", problems.join("\n"));
    for value in must_hold {
        assert!(
            placed.iter().any(|p| p.value.contains(value)),
            "{paper}: «{value}» was not laid out in a box"
        );
    }
}

/// Writes the paper for a person to look at when `DOCS_KEEP_DIR` is set, as the rendering
/// tests do.
fn keep(c: Canvas, name: &str) {
    if let Some(dir) = std::env::var_os("DOCS_KEEP_DIR") {
        let path = std::path::Path::new(&dir).join(name);
        std::fs::write(&path, c.finish()).expect("write the PDF");
    }
}

#[test]
fn invoice_at_the_longest_values_keeps_every_text_in_its_box() {
    let mut c = Canvas::new("test").expect("canvas");
    crate::invoice::draw(&mut c, &shop(), &order());
    check(
        "invoice",
        &c,
        &["Публичное акционерное", "Общество с ограниченной", "компл"],
    );
    keep(c, "longest-invoice.pdf");
}

#[test]
fn delivery_note_at_the_longest_values_keeps_every_text_in_its_box() {
    let mut c = Canvas::new("test").expect("canvas");
    crate::delivery_note::draw(&mut c, &shop(), &order());
    check("delivery note", &c, &["компл", "упак"]);
    keep(c, "longest-delivery-note.pdf");
}

#[test]
fn pick_list_at_the_longest_values_keeps_every_text_in_its_box() {
    let mut c = Canvas::new("test").expect("canvas");
    crate::pick_list::draw(&mut c, &order()).expect("pick list");
    check("pick list", &c, &["ZONE-A-103-12-07", "компл"]);
    keep(c, "longest-pick-list.pdf");
}

#[test]
fn route_sheet_at_the_longest_values_keeps_every_text_in_its_box() {
    let sheet = RouteSheet {
        number: "20261123-4821".into(),
        date: date(2026, 11, 23),
        courier: "Константинопольский Александр Вячеславович".into(),
        orders: (0..3).map(|_| order()).collect(),
    };
    let mut c = Canvas::new("test").expect("canvas");
    crate::route_sheet::draw(&mut c, &shop(), &sheet);
    // The courier signs for the cash in the left column; his name must stay out of the right.
    check("route sheet", &c, &["/Константинопольский"]);
    keep(c, "longest-route-sheet.pdf");
}

/// The measure itself: text that cannot fit even at the minimum is reported, not hidden.
#[test]
fn text_too_long_for_its_box_at_the_minimum_is_reported() {
    let mut c = Canvas::new("test").expect("canvas");
    let frame = crate::layout::Frame::new(20.0, 20.0, 30.0, 6.0);
    let bottom = c.text_box(
        frame,
        9.0,
        crate::font::Weight::Regular,
        &chars("Слово ", 200),
    );
    assert!(bottom > frame.y + frame.h, "the text runs on below its box");
    let problems = faults(c.placed());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(c.placed()[0].size, MIN_SIZE);
}
