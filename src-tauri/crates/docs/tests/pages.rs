//! Continuation pages: «Страница N из M» and the document's number on every page of a
//! multi-page paper, each paper of a batch numbered on its own, and an invoice's totals never
//! alone on the last page. Read back with pdftotext.
mod common;

use common::{order, out_dir, pdf_pages, shop, write};
use docs::route_sheet::RouteSheet;

/// Every page says which paper it belongs to and where it stands in it.
fn assert_numbered(pages: &[String], label: &str) {
    assert!(
        pages.len() >= 2,
        "expected several pages, got {}",
        pages.len()
    );
    for (n, page) in pages.iter().enumerate() {
        let footer = format!("{label} — Страница {} из {}", n + 1, pages.len());
        assert!(
            page.contains(&footer),
            "page {} lacks «{footer}»:\n{page}",
            n + 1
        );
    }
}

#[test]
fn invoice_of_120_lines_has_its_number_and_page_on_every_page() {
    let (dir, _guard) = out_dir();
    let pdf = docs::invoice::invoice(&shop(), &order(120)).expect("render invoice");
    let pages = pdf_pages(&write(&dir, "pages-invoice-120.pdf", &pdf));
    assert_numbered(&pages, "Счёт на оплату № 2026-0412 от 22.11.2026");
}

#[test]
fn each_invoice_of_a_batch_counts_its_own_pages() {
    let (dir, _guard) = out_dir();
    let mut second = order(3);
    second.number = "2026-0413".into();
    let pdf = docs::invoice::invoices(&shop(), &[order(120), second]).expect("render batch");
    let pages = pdf_pages(&write(&dir, "pages-invoices.pdf", &pdf));
    let last = pages.len() - 1;
    assert_numbered(&pages[..last], "Счёт на оплату № 2026-0412 от 22.11.2026");
    // A one-page paper in the same job is not «page 4 of 4» of the first one.
    assert!(pages[last].contains("Счёт на оплату № 2026-0413"));
    assert!(!pages[last].contains("Страница"), "{}", pages[last]);
}

#[test]
fn invoice_totals_and_signatures_never_stand_alone_on_the_last_page() {
    let (dir, _guard) = out_dir();
    // Somewhere in this range the last lines end just above where the totals would fit.
    let mut multi_page = 0;
    for lines in 20..=60 {
        let pdf = docs::invoice::invoice(&shop(), &order(lines)).expect("render invoice");
        let pages = pdf_pages(&write(&dir, &format!("pages-tail-{lines}.pdf"), &pdf));
        if pages.len() < 2 {
            continue;
        }
        multi_page += 1;
        let last = &pages[pages.len() - 1];
        assert!(last.contains("Всего к оплате:"), "{lines} lines: {last}");
        assert!(last.contains("Руководитель"), "{lines} lines: {last}");
        let final_line = format!("TK-{lines:04}");
        assert!(
            last.contains(&final_line),
            "{lines} lines: the totals page has no line of the table:\n{last}"
        );
    }
    assert!(multi_page > 10, "the range should cross a page break");
}

#[test]
fn delivery_note_and_pick_list_number_their_continuation_pages() {
    let (dir, _guard) = out_dir();
    let o = order(90);
    let note = docs::delivery_note::delivery_note(&shop(), &o, None).expect("render note");
    let pages = pdf_pages(&write(&dir, "pages-note.pdf", &note));
    assert_numbered(&pages, "Товарная накладная № 2026-0412 от 22.11.2026");

    let pick = docs::pick_list::pick_lists(&[o.clone(), o]).expect("render pick lists");
    let pages = pdf_pages(&write(&dir, "pages-pick.pdf", &pick));
    let half = pages.len() / 2;
    assert_numbered(&pages[..half], "Лист сборки заказа № 2026-0412");
    assert_numbered(&pages[half..], "Лист сборки заказа № 2026-0412");
}

#[test]
fn route_sheet_numbers_its_continuation_pages() {
    let (dir, _guard) = out_dir();
    let orders: Vec<_> = (0..40)
        .map(|i| {
            let mut o = order(1);
            o.number = format!("{}", 10_000 + i);
            o
        })
        .collect();
    let sheet = RouteSheet {
        number: "20261123-01".into(),
        date: jiff::civil::date(2026, 11, 23),
        courier: "Кузнецов А. В.".into(),
        orders,
    };
    let pdf = docs::route_sheet::route_sheet(&shop(), &sheet).expect("render route sheet");
    let pages = pdf_pages(&write(&dir, "pages-route.pdf", &pdf));
    assert_numbered(&pages, "Маршрутный лист № 20261123-01 от 23.11.2026");
}
