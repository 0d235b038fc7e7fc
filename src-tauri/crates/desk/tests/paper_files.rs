//! "Save as PDF" from the desk.

use desk::Desk;
use jiff::Timestamp;
use proto::{DocKind, QueueQuery, QueueScope};

fn now() -> Timestamp {
    "2025-03-03T12:00:00Z".parse().expect("valid instant")
}

fn some_orders(desk: &Desk, n: u32) -> Vec<proto::OrderRow> {
    desk.orders(
        QueueQuery {
            scope: QueueScope::Stage {
                stage_id: "picking".into(),
            },
            channel: None,
            delivery: None,
            payment: None,
            paid: None,
            created_from: None,
            created_to: None,
            from_day: None,
            to_day: None,
            limit: n,
        },
        now(),
    )
    .expect("picking queue")
}

#[test]
fn saving_a_paper_twice_keeps_both_files_with_readable_names() {
    let data = tempfile::tempdir().expect("data dir");
    let out = tempfile::tempdir().expect("out dir");
    let desk = Desk::open_demo(data.path(), now()).expect("open");
    let order = some_orders(&desk, 1).remove(0);
    let ids = [order.id.clone()];
    let first = desk
        .save_documents(&ids, DocKind::Invoice, None, out.path(), now())
        .expect("saved");
    let second = desk
        .save_documents(&ids, DocKind::Invoice, None, out.path(), now())
        .expect("saved again");
    assert_ne!(
        first, second,
        "the second save does not overwrite the first"
    );
    assert!(first.ends_with(&format!("Счёт на оплату — заказ {}.pdf", order.number)));
    assert!(second.ends_with(&format!("Счёт на оплату — заказ {} (2).pdf", order.number)));
    for path in [&first, &second] {
        let bytes = std::fs::read(path).expect("file written");
        assert!(bytes.starts_with(b"%PDF-"), "{path} is a PDF");
    }
    let leftovers = std::fs::read_dir(out.path())
        .expect("listing")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".part"))
        .count();
    assert_eq!(leftovers, 0, "no temporary files left behind");
}

#[test]
fn a_batch_of_pick_lists_is_one_file_named_for_the_batch() {
    let data = tempfile::tempdir().expect("data dir");
    let out = tempfile::tempdir().expect("out dir");
    let desk = Desk::open_demo(data.path(), now()).expect("open");
    let ids: Vec<String> = some_orders(&desk, 3).into_iter().map(|r| r.id).collect();
    assert_eq!(ids.len(), 3);
    let path = desk
        .save_documents(&ids, DocKind::PickList, None, out.path(), now())
        .expect("saved");
    assert!(
        path.ends_with("Лист сборки — 3 заказа, 2025-03-03.pdf"),
        "{path}"
    );
}

#[test]
fn saving_nothing_is_refused_and_writes_nothing() {
    let data = tempfile::tempdir().expect("data dir");
    let out = tempfile::tempdir().expect("out dir");
    let desk = Desk::open_demo(data.path(), now()).expect("open");
    let err = desk
        .save_documents(&[], DocKind::PickList, None, out.path(), now())
        .expect_err("no orders chosen");
    assert_eq!(err.code(), proto::ErrorCode::InvalidInput);
    assert_eq!(std::fs::read_dir(out.path()).expect("listing").count(), 0);
}

#[test]
fn the_preview_shows_every_page_of_a_batch_as_an_image() {
    let data = tempfile::tempdir().expect("data dir");
    let desk = Desk::open_demo(data.path(), now()).expect("open");
    let ids: Vec<String> = some_orders(&desk, 3).into_iter().map(|r| r.id).collect();
    let pages = desk
        .preview_pages(&ids, DocKind::PickList, None, now())
        .expect("preview");
    assert_eq!(pages.len(), 3, "one pick list page per order");
    for page in &pages {
        assert!(
            page.starts_with("data:image/png;base64,iVBORw0KGgo"),
            "a PNG data URL"
        );
    }
}

#[test]
fn a_route_sheet_needs_its_courier_and_lists_the_orders_given() {
    let data = tempfile::tempdir().expect("data dir");
    let out = tempfile::tempdir().expect("out dir");
    let desk = Desk::open_demo(data.path(), now()).expect("open");
    let ids: Vec<String> = some_orders(&desk, 2).into_iter().map(|r| r.id).collect();
    let err = desk
        .save_documents(&ids, DocKind::RouteSheet, Some("  "), out.path(), now())
        .expect_err("no courier");
    assert!(proto::CommandError::from(err).message.contains("курьер"));
    let path = desk
        .save_documents(
            &ids,
            DocKind::RouteSheet,
            Some("Сидоров В."),
            out.path(),
            now(),
        )
        .expect("saved");
    let text = std::process::Command::new("pdftotext")
        .args([path.as_str(), "-"])
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("Сидоров В."), "the courier is named");
    assert!(text.contains("марта 2025"), "made out for today: {text}");
}
