//! A long order's invoice as the desk makes it (issue 18, points 2 and 3): every page names
//! the invoice by its number and date with «Страница k из M», the totals never stand alone on
//! the last page, and a reprint a day later is the same paper page for page. Read back with
//! pdftotext, a page per form feed.

mod common;

use common::{now, open, pdf_text};

use jiff::SignedDuration;
use proto::{DeliveryChange, DeliveryMethod, DocKind, NewLine, NewOrder, PaymentMethod};

const LINES: usize = 120;

#[test]
fn a_120_line_invoice_names_itself_on_every_page_and_a_reprint_is_the_same_paper() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    desk.set_invoice_prefix("А").expect("prefix");
    let products = desk.products().expect("products");
    assert!(!products.is_empty(), "the demo has products");
    let lines = (0..LINES)
        .map(|i| NewLine {
            product_id: products[i % products.len()].id.clone(),
            quantity: 1000 * (i as i64 % 3 + 1),
        })
        .collect();
    let order = desk
        .create_order(
            NewOrder {
                customer: "ООО «Ромашка»".into(),
                phone: "+7 (916) 555-10-20".into(),
                email: None,
                delivery: DeliveryChange {
                    method: DeliveryMethod::Courier,
                    zone: Some("moscow".into()),
                    address: "г. Москва, ул. Тверская, д. 1".into(),
                    window_from: None,
                    window_to: None,
                },
                payment: PaymentMethod::BankTransfer,
                lines,
                comment: None,
            },
            now(),
        )
        .expect("a long order");
    assert!(order.lines.len() >= LINES, "{} lines", order.lines.len());

    let first = pdf_text(
        &desk
            .document(&order.id, DocKind::Invoice, now())
            .expect("invoice"),
    );
    let pages: Vec<&str> = first
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let label = "Счёт на оплату № А-2026-0001 от 22.11.2026";
    for (k, page) in pages.iter().enumerate() {
        let footer = format!("{label} — Страница {} из {}", k + 1, pages.len());
        assert!(
            page.contains(&footer),
            "page {} lacks «{footer}»:\n{page}",
            k + 1
        );
    }
    let last = pages[pages.len() - 1];
    assert!(last.contains("Всего к оплате:"), "{last}");
    // A row of the table's end (its № past 100) stands above the totals.
    let row_number = |l: &str| {
        l.split_whitespace()
            .next()
            .and_then(|w| w.parse::<usize>().ok())
    };
    assert!(
        last.lines()
            .any(|l| row_number(l).is_some_and(|n| n >= 100)),
        "the totals page has no line of the table:\n{last}"
    );

    let tomorrow = now() + SignedDuration::from_hours(24);
    let reprint = pdf_text(
        &desk
            .document(&order.id, DocKind::Invoice, tomorrow)
            .expect("reprint"),
    );
    assert_eq!(reprint, first, "the reprint is another paper");
}
