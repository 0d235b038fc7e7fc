//! The waybill with every field at its longest (long legal names, addresses, a driver's full
//! name, an invoice cited), measured as laid out: each text stays in its box, no box's text
//! overlaps another's, nothing is set below the readable minimum or runs into the footer.

use jiff::civil::date;

use super::{draw, Carriage};
use crate::canvas::{Canvas, CONTENT_W, MARGIN_BOTTOM, MARGIN_LEFT, MARGIN_TOP, PAGE_H};
use crate::layout::{Frame, Placed, MIN_SIZE};
use crate::model::{DocLine, DocOrder, Party, VatRate};
use crate::requisites::Requisites;

fn chars(s: &str, n: usize) -> String {
    s.chars().cycle().take(n).collect()
}

fn shop() -> Requisites {
    Requisites {
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
        ..Requisites::default()
    }
}

fn company(name_len: usize) -> Party {
    Party {
        name: chars(
            "Акционерное общество «Научно-производственное объединение \
             Транссибирская Логистическая Корпорация» ",
            name_len,
        ),
        inn: "7736050003".into(),
        kpp: "772801001".into(),
        address: chars(
            "141400, Московская обл., городской округ Химки, г. Химки, микрорайон \
             Левобережный, ул. Библиотечная, д. 26, корп. 3, офис 117, ",
            200,
        ),
        phone: "+7 916 123-45-67".into(),
        ..Party::default()
    }
}

fn order() -> DocOrder {
    let line = DocLine {
        name: chars(
            "Набор посуды керамической «Северное сияние», 24 предмета, ",
            250,
        ),
        unit: "компл".into(),
        quantity_milli: 1_234_567,
        price_kopecks: 99_999_999,
        amount_kopecks: 123_456_789_012,
        vat: VatRate::Percent(22),
        ..DocLine::default()
    };
    DocOrder {
        number: "9999999999".into(),
        date: date(2026, 8, 22),
        order_date: date(2026, 8, 20),
        invoice: Some(("ABCDEF-2026-999999".into(), date(2026, 8, 21))),
        buyer: company(160),
        lines: vec![line; 120],
        delivery_address: chars(
            "г. Химки, мкр. Левобережный, ул. Библиотечная, д. 26, корп. 3, подъезд 2, \
             этаж 14, домофон 117В, ",
            200,
        ),
        delivery_window: "23.08 10:00–14:00".into(),
        phone: "+7 916 123-45-67".into(),
        payment_form: "Безналичный расчёт".into(),
        collect_kopecks: 0,
        basis: String::new(),
        notes: String::new(),
    }
}

fn carriage() -> Carriage {
    Carriage {
        number: "9999999999".into(),
        date: Some(date(2026, 8, 22)),
        carrier: company(160),
        driver: "Константинопольский-Преображенский Александр Вячеславович, \
                 водительское удостоверение 99 99 999999"
            .into(),
        vehicle: chars(
            "Грузовой фургон цельнометаллический ГАЗель NEXT A31R32, 1,5 т, ",
            120,
        ),
        vehicle_plate: "А123ВС777".into(),
        cargo: String::new(),
        places: Some(99_999),
        gross_weight_grams: Some(99_999_999_999),
        delivery_note: Some(("9999999999".into(), date(2026, 8, 22))),
        instructions: chars(
            "Не кантовать, хранить при температуре от +5 до +25 °C, ",
            300,
        ),
        pickup_address: chars("194044, г. Санкт-Петербург, Выборгская наб., д. 61, ", 200),
        cost_kopecks: Some(99_999_999_999),
    }
}

/// Whether two text extents share any area (touching edges do not count).
fn overlap(a: &Frame, b: &Frame) -> bool {
    const EPS: f32 = 0.01;
    a.x + a.w > b.x + EPS && b.x + b.w > a.x + EPS && a.y + a.h > b.y + EPS && b.y + b.h > a.y + EPS
}

fn faults(placed: &[Placed]) -> Vec<String> {
    let page = Frame::new(
        MARGIN_LEFT,
        MARGIN_TOP,
        CONTENT_W,
        PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
    );
    let mut faults = Vec::new();
    for (i, p) in placed.iter().enumerate() {
        if !p.frame.holds(&p.text) || !page.holds(&p.frame) || p.size < MIN_SIZE - 0.01 {
            faults.push(format!(
                "page {}: «{}» at {} pt: text {:?} in box {:?}",
                p.page + 1,
                p.value,
                p.size,
                p.text,
                p.frame
            ));
        }
        for q in &placed[i + 1..] {
            if p.page == q.page && overlap(&p.text, &q.text) {
                faults.push(format!(
                    "page {}: «{}» overlaps «{}»",
                    p.page + 1,
                    p.value,
                    q.value
                ));
            }
        }
    }
    faults
}

#[test]
fn waybill_at_the_longest_values_keeps_every_text_in_its_box() {
    let mut c = Canvas::new("test").expect("canvas");
    draw(&mut c, &shop(), &order(), &carriage());
    // Its own box test first (it names the boxes of the form), then every measure the other
    // papers get: strings touching, rules striking through, the printable page, words cut.
    let problems = faults(c.placed());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    crate::layout_tests::check(
        "transport waybill",
        &mut c,
        &[
            "Общество с ограниченной",
            "ОГРН\u{a0}1027700132195",
            "ИНН 7736050003, КПП 772801001",
            "Выборгская наб.",
            "домофон 117В",
            "Константинопольский-Преображенский",
            "Товарная накладная № 9999999999 от 22.08.2026; счёт на оплату № ABCDEF-2026-999999",
            "99999 грузовых мест",
            "12. Стоимость перевозки груза",
        ],
    );
    if let Some(dir) = std::env::var_os("DOCS_KEEP_DIR") {
        let path = std::path::Path::new(&dir).join("longest-transport-waybill.pdf");
        std::fs::write(path, c.finish()).expect("write the PDF");
    }
}

/// The measure catches a value laid over another: two boxes at the same place.
#[test]
fn overlapping_boxes_are_reported() {
    let mut c = Canvas::new("test").expect("canvas");
    let frame = Frame::new(20.0, 20.0, 60.0, 10.0);
    c.text_box(frame, 9.0, crate::font::Weight::Regular, "Грузоотправитель");
    c.text_box(frame, 9.0, crate::font::Weight::Regular, "Грузополучатель");
    assert_eq!(faults(c.placed()).len(), 1, "{:?}", faults(c.placed()));
}
