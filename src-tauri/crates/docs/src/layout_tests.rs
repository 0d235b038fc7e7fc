//! Every paper drawn with its fields at the longest values the rules allow (and the long
//! Russian names, addresses, units and courier names real shops have), then measured as laid
//! out: no text leaves its box, no string touches another, none is struck through by a rule
//! or runs across a frame's edge, a QR code or a barcode, none leaves the printable page, and
//! no value is set below the readable minimum. (The transport waybill's test beside it
//! applies the same `check`.) `DOCS_KEEP_DIR` keeps the PDFs for a person to look at.

use jiff::civil::date;

use crate::canvas::{Canvas, PAGE_H, PAGE_W};
use crate::layout::{Frame, Ink, Mark, Placed, MIN_SIZE};
use crate::model::{DocLine, DocOrder, Party, Signer, VatRate};
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
        // The official name printed on the papers has no limit of its own; the QR takes the
        // short one.
        bank_name: "Публичное акционерное общество «Сбербанк России», Северо-Западный банк \
                    ПАО Сбербанк, г. Санкт-Петербург"
            .into(),
        bank_name_qr: "ПАО СБЕРБАНК".into(),
        bic: "044525225".into(),
        settlement_account: "40702810138250123017".into(),
        corr_account: "30101810400000000225".into(),
        director: "Константинопольский Александр Вячеславович".into(),
        accountant: "Преображенская-Оболенская Екатерина Святославовна".into(),
    }
}

/// The catalogue's units, the narrow ones («компл», «упак») first.
const UNITS: [&str; 9] = ["компл", "упак", "шт", "кг", "м", "л", "пар", "м2", "г"];

fn line(i: usize) -> DocLine {
    DocLine {
        sku: chars("ART-2026-ABCDEFGH-", 24),
        name: chars(
            "Набор посуды керамической «Северное сияние» ручной работы, 24 предмета, ",
            250,
        ),
        unit: UNITS[i % UNITS.len()].into(),
        quantity_milli: 1_234_567,
        price_kopecks: 99_999_999,
        amount_kopecks: 123_456_789_012,
        vat: match i % 4 {
            0 => VatRate::Percent(10),
            3 => VatRate::Exempt,
            _ => VatRate::Percent(22),
        },
        storage_location: "ZONE-A-103-12-07".into(),
        service: false,
    }
}

/// Delivery as the desk adds it: a service, not goods.
fn delivery() -> DocLine {
    DocLine {
        name: "Доставка (курьерская служба магазина, за пределы МКАД, с подъёмом на этаж)".into(),
        unit: "усл.".into(),
        quantity_milli: 1000,
        price_kopecks: 99_999_999,
        amount_kopecks: 99_999_999,
        vat: VatRate::Percent(22),
        service: true,
        ..DocLine::default()
    }
}

/// A company buyer with every requisite at its longest.
fn company() -> Party {
    Party {
        name: chars(
            "Акционерное общество «Научно-производственное объединение Транссибирская \
             Логистическая Корпорация имени Героя Социалистического Труда» ",
            160,
        ),
        inn: "7736050003".into(),
        kpp: "772801001".into(),
        address: chars(
            "141400, Московская обл., городской округ Химки, г. Химки, \
             микрорайон Левобережный, ул. Библиотечная, д. 26, корп. 3, кв. 117, ",
            200,
        ),
        phone: "+7 916 123-45-67".into(),
        bank_name: "Акционерное общество «Альфа-Банк», г. Москва".into(),
        bic: "044525593".into(),
        settlement_account: "40702810801300012345".into(),
        corr_account: "30101810200000000593".into(),
    }
}

fn order(lines: usize) -> DocOrder {
    let mut all: Vec<DocLine> = (0..lines).map(line).collect();
    all.push(delivery());
    DocOrder {
        number: "9999999999".into(),
        date: date(2026, 11, 22),
        order_date: date(2026, 11, 20),
        invoice: None,
        buyer: company(),
        lines: all,
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

/// A private payer with a long full name and the longest address an order carries.
fn person() -> Party {
    Party {
        name: "Константинопольская-Преображенская Александра-Мария Вячеславовна".into(),
        address: chars(
            "141400, Московская обл., городской округ Химки, г. Химки, \
             микрорайон Левобережный, ул. Библиотечная, д. 26, корп. 3, кв. 117, ",
            200,
        ),
        phone: "+7 916 123-45-67".into(),
        ..Party::default()
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

/// Strings that touch each other on a page (more than 0.05 mm of overlap both ways).
fn collisions(inks: &[Ink]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, a) in inks.iter().enumerate() {
        for b in &inks[i + 1..] {
            if a.page != b.page {
                continue;
            }
            let (across, down) = a.rect().overlap(&b.rect());
            if across > 0.05 && down > 0.05 {
                out.push(format!(
                    "page {}: «{}» ({} pt) overlaps «{}» ({} pt) by {across:.2} × {down:.2} mm",
                    a.page + 1,
                    a.text,
                    a.size,
                    b.text,
                    b.size
                ));
            }
        }
    }
    out
}

/// Strings struck through by a rule, cut by a frame's edge, or printed over a QR code or a
/// barcode. An underline below the letters' bodies is how a form is filled in, not a fault.
fn crossings(inks: &[Ink], marks: &[Mark]) -> Vec<String> {
    let mut out = Vec::new();
    for ink in inks {
        let r = ink.rect();
        for m in marks.iter().filter(|m| m.page == ink.page) {
            let f = m.frame;
            let (across, down) = r.overlap(&f);
            let hit = if m.filled {
                across > 0.05 && down > 0.05
            } else if f.w < 0.01 {
                // A vertical edge through the string, not just at its ends.
                f.x > r.x + 0.05 && f.x < r.x + r.w - 0.05 && down > 0.3
            } else if f.h < 0.01 {
                let (body_top, body_bottom) = ink.body();
                f.y > body_top && f.y < body_bottom && across > 0.3
            } else {
                false
            };
            if hit {
                out.push(format!(
                    "page {}: «{}» ({} pt, {r:?}) crosses {} {f:?}",
                    ink.page + 1,
                    ink.text,
                    ink.size,
                    if m.filled { "a mark" } else { "a rule" }
                ));
            }
        }
    }
    out
}

/// Strings outside the printable page (5 mm in from each edge, which printers keep blank) or
/// set smaller than the form's smallest captions.
fn off_page(inks: &[Ink]) -> Vec<String> {
    let printable = Frame::new(5.0, 5.0, PAGE_W - 10.0, PAGE_H - 10.0);
    inks.iter()
        .filter(|ink| !printable.holds(&ink.rect()) || ink.size < 5.8)
        .map(|ink| {
            format!(
                "page {}: «{}» at {} pt, {:?}, off the printable page or too small",
                ink.page + 1,
                ink.text,
                ink.size,
                ink.rect()
            )
        })
        .collect()
}

/// Measures everything drawn on `c` (the page footers too) and checks that each of
/// `must_hold` was laid out in a box.
pub(crate) fn check(paper: &str, c: &mut Canvas, must_hold: &[&str]) {
    c.number_all_pages();
    let mut problems = faults(c.placed());
    problems.extend(collisions(c.inks()));
    problems.extend(crossings(c.inks(), c.marks()));
    problems.extend(off_page(c.inks()));
    problems.extend(
        c.broken_words()
            .into_iter()
            .map(|value| format!("a word of «{value}» is cut by letters even at the minimum")),
    );
    assert!(
        problems.is_empty(),
        "{paper}: {} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    let placed = c.placed();
    for value in must_hold {
        assert!(
            placed.iter().any(|p| p.value.contains(value)),
            "{paper}: «{value}» was not laid out in a box"
        );
    }
}

/// The strings starting with each of `texts` are all on one page: a paper's last lines, its
/// totals and its signatures are never parted.
fn same_page(c: &Canvas, texts: &[&str]) {
    let pages: Vec<usize> = texts
        .iter()
        .map(|t| {
            c.inks()
                .iter()
                .find(|ink| ink.text.starts_with(t))
                .unwrap_or_else(|| panic!("«{t}» was not drawn"))
                .page
        })
        .collect();
    assert!(
        pages.windows(2).all(|w| w[0] == w[1]),
        "{texts:?} are on pages {pages:?}"
    );
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
    crate::invoice::draw(&mut c, &shop(), &order(9));
    check(
        "invoice",
        &mut c,
        &[
            "Публичное акционерное",
            "Общество с ограниченной",
            "компл",
            "упак",
        ],
    );
    keep(c, "longest-invoice.pdf");
}

#[test]
fn pd4_at_the_longest_values_keeps_every_text_in_its_box() {
    let mut o = order(9);
    o.buyer = person();
    // The purpose «Оплата заказа № … от 20.11.2026» at 210 characters, GOST R 56042's limit.
    o.number = chars("2026-ЗАКАЗ-", 180);
    assert_eq!(crate::pd4::purpose(&o).chars().count(), 210);
    let mut c = Canvas::new("test").expect("canvas");
    crate::pd4::draw(&mut c, &shop(), &o).expect("ПД-4");
    check(
        "ПД-4",
        &mut c,
        &[
            "Общество с ограниченной",
            "Публичное акционерное",
            "Оплата заказа",
            "Константинопольская",
            "141400, Московская обл.",
        ],
    );
    keep(c, "longest-pd4.pdf");

    // A company pays too: its 160-character legal name in «Ф.И.О. плательщика».
    let mut o = order(2);
    o.number = chars("2026-ЗАКАЗ-", 180);
    let mut c = Canvas::new("test").expect("canvas");
    crate::pd4::draw(&mut c, &shop(), &o).expect("ПД-4");
    check("ПД-4 of a company", &mut c, &["Акционерное общество"]);
}

#[test]
fn delivery_note_at_the_longest_values_keeps_every_text_in_its_box() {
    let storekeeper = Signer {
        position: "Старший кладовщик склада готовой продукции".into(),
        name: "Преображенская-Оболенская Екатерина Святославовна".into(),
    };
    let mut c = Canvas::new("test").expect("canvas");
    crate::delivery_note::draw(&mut c, &shop(), &order(9), Some(&storekeeper));
    check(
        "delivery note",
        &mut c,
        &["компл", "упак", "839", "778", "Доставка", "Преображенская"],
    );
    same_page(
        &c,
        &[
            "Доставка (курьерская",
            "Всего по накладной:",
            "Отпуск груза произвёл",
            "Груз получил",
        ],
    );
    keep(c, "longest-delivery-note.pdf");

    // Many lines: the goods run over pages and the services and totals follow on the last.
    // (Forty lines of a billion each would make a total wider than the column; a tenth will do.)
    let mut many = order(40);
    for line in many.lines.iter_mut().filter(|l| !l.service) {
        line.amount_kopecks /= 10;
    }
    let mut c = Canvas::new("test").expect("canvas");
    crate::delivery_note::draw(&mut c, &shop(), &many, None);
    assert!(c.page_index() > 0, "forty long lines take more than a page");
    check("delivery note of 40 lines", &mut c, &["Доставка"]);
    same_page(
        &c,
        &[
            "Доставка (курьерская",
            "Всего по накладной:",
            "Груз получил",
        ],
    );
    keep(c, "longest-delivery-note-40.pdf");
}

#[test]
fn pick_list_at_the_longest_values_keeps_every_text_in_its_box() {
    let mut c = Canvas::new("test").expect("canvas");
    crate::pick_list::draw(&mut c, &order(9)).expect("pick list");
    check("pick list", &mut c, &["ZONE-A-103-12-07", "компл"]);
    keep(c, "longest-pick-list.pdf");
}

#[test]
fn route_sheet_at_the_longest_values_keeps_every_text_in_its_box() {
    let sheet = RouteSheet {
        number: "20261123-4821".into(),
        date: date(2026, 11, 23),
        courier: "Константинопольский-Преображенский Александр-Мария Вячеславович".into(),
        orders: (0..3)
            .map(|i| {
                let mut o = order(2);
                if i == 1 {
                    o.buyer = person();
                }
                o
            })
            .collect(),
    };
    let mut c = Canvas::new("test").expect("canvas");
    crate::route_sheet::draw(&mut c, &shop(), &sheet);
    // The courier signs for the cash in the left column; his name must stay out of the right.
    check("route sheet", &mut c, &["/Константинопольский"]);
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

/// The other measures: two strings on one spot, a rule through a string, a frame's edge
/// across one and a string off the page are each reported; an underline is not.
#[test]
fn touching_struck_and_cut_strings_are_reported() {
    use crate::canvas::Align;
    use crate::font::Weight;
    let mut c = Canvas::new("test").expect("canvas");
    c.text(20.0, 30.0, 9.0, Weight::Regular, Align::Left, "Получатель");
    c.text(25.0, 31.0, 9.0, Weight::Regular, Align::Left, "КПП");
    assert_eq!(collisions(c.inks()).len(), 1, "{:?}", collisions(c.inks()));

    let mut c = Canvas::new("test").expect("canvas");
    c.text(20.0, 50.0, 9.0, Weight::Regular, Align::Left, "Подчёркнуто");
    c.line(18.0, 50.8, 60.0, 50.8, 0.5);
    assert!(crossings(c.inks(), c.marks()).is_empty(), "an underline");
    c.line(18.0, 49.0, 60.0, 49.0, 0.5);
    c.frame(25.0, 45.0, 40.0, 8.0, 0.5);
    assert_eq!(crossings(c.inks(), c.marks()).len(), 2);

    let mut c = Canvas::new("test").expect("canvas");
    c.text(200.0, 100.0, 9.0, Weight::Regular, Align::Left, "За краем");
    assert_eq!(off_page(c.inks()).len(), 1);
}
