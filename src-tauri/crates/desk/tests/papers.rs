//! Papers from the desk: requisites, invoice numbering, documents read back with poppler,
//! printing through a stand-in `lp` (the real CUPS round trip is in docs/tests/cups.rs).

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use desk::{Desk, PrintCommands};
use jiff::Timestamp;
use proto::{CommandError, DocKind, ErrorCode};

fn at(text: &str) -> Timestamp {
    text.parse().expect("valid instant")
}

fn now() -> Timestamp {
    at("2026-11-22T09:00:00Z")
}

fn open(dir: &Path) -> Desk {
    Desk::open_demo(dir, now()).expect("open desk")
}

fn stage_ids(desk: &Desk, stage: &str, n: usize) -> Vec<String> {
    let ids: Vec<String> = desk
        .stage_orders(stage, now())
        .expect("stage orders")
        .into_iter()
        .take(n)
        .map(|r| r.id)
        .collect();
    assert_eq!(ids.len(), n, "demo has {n} orders in «{stage}»");
    ids
}

/// `pdftotext -layout` of `pdf`; fails naming the Debian package when poppler is missing.
fn pdf_text(pdf: &[u8]) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, pdf).expect("write pdf");
    let out = Command::new("pdftotext")
        .args(["-layout", path.to_str().expect("utf-8"), "-"])
        .output()
        .unwrap_or_else(|e| panic!("`pdftotext` could not run ({e}): install `poppler-utils`"));
    assert!(out.status.success(), "pdftotext failed");
    String::from_utf8(out.stdout)
        .expect("utf-8")
        .replace('\u{a0}', " ")
}

fn pages(text: &str) -> usize {
    text.split('\u{c}').filter(|p| !p.trim().is_empty()).count()
}

fn script(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).expect("write script");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    path
}

fn kinds(desk: &Desk, order_id: &str) -> Vec<String> {
    desk.history(order_id)
        .expect("history")
        .into_iter()
        .map(|h| h.kind)
        .collect()
}

#[test]
fn demo_shop_has_valid_requisites() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let req = desk
        .requisites()
        .expect("read")
        .expect("demo requisites set");
    assert_eq!(req.inn, "7728413599");
    // Saving them back runs every check: the demo numbers must pass.
    let saved = desk
        .set_requisites(req.clone(), now())
        .expect("demo requisites are valid");
    assert_eq!(saved, req);
    drop(desk);
    let again = open(dir.path());
    assert_eq!(again.requisites().expect("read"), Some(req));
}

#[test]
fn bad_requisites_list_every_problem_and_keep_the_old_ones() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let good = desk.requisites().expect("read").expect("demo requisites");
    let mut bad = good.clone();
    bad.inn = "7728413598".into();
    bad.settlement_account = "40702810438000045622".into();
    bad.bic = " 044525225 ".into();
    let err = desk.set_requisites(bad, now()).expect_err("two mistakes");
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    let message = CommandError::from(err).message;
    assert!(message.contains("ИНН"), "{message}");
    assert!(message.contains("Расчётный счёт"), "{message}");
    assert!(message.contains("БИК 044525225"), "{message}");
    assert_eq!(desk.requisites().expect("read"), Some(good));
}

#[test]
fn demo_order_invoice_reads_back_with_shop_buyer_lines_and_total() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    desk.set_invoice_prefix("А").expect("prefix");
    let id = stage_ids(&desk, "picking", 1).remove(0);
    let order = desk.order(&id).expect("order");
    let text = pdf_text(
        &desk
            .document(&id, DocKind::Invoice, now())
            .expect("invoice"),
    );
    assert!(
        text.contains("Счёт на оплату № А-2026-0001 от 22 ноября 2026 г."),
        "{text}"
    );
    assert!(text.contains("ООО «Дом и Техника»"), "{text}");
    assert!(text.contains("ИНН 7728413599"), "{text}");
    assert!(text.contains("40702810438000045621"), "{text}");
    assert!(text.contains(&order.customer), "{text}");
    // The invoice names the order it is for: a payment quoting the order's number is matched.
    let basis = format!("Основание: Заказ № {} от ", order.number);
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains(&basis), "«{basis}» missing: {text}");
    assert!(text.contains("В том числе НДС (22%)"), "{text}");
    let total = docs::money::format_rubles(order.total).replace('\u{a0}', " ");
    assert!(text.contains(&total), "total {total}: {text}");
    // Storage cells never reach the customer's papers.
    let picking = pdf_text(
        &desk
            .document(&id, DocKind::PickList, now())
            .expect("pick list"),
    );
    let cell = picking
        .split_whitespace()
        .find(|w| ["A-", "B-", "C-", "D-"].iter().any(|p| w.starts_with(p)))
        .map(str::to_owned)
        .expect("the pick list shows a storage cell");
    assert!(!text.contains(&cell), "location {cell} on the invoice");
    // The second rendering shows the same number; one issue op in the history.
    let again = pdf_text(&desk.document(&id, DocKind::Invoice, now()).expect("again"));
    assert!(again.contains("№ А-2026-0001"));
    let issued = kinds(&desk, &id)
        .iter()
        .filter(|k| *k == "issue_invoice")
        .count();
    assert_eq!(issued, 1);
}

#[test]
fn invoice_numbers_are_sequential_gap_free_and_restart_each_year() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    desk.set_invoice_prefix("А").expect("prefix");
    let ids = stage_ids(&desk, "call", 6);
    let mut numbers = Vec::new();
    // 20:59 UTC on 31 December is still 2026 in Moscow; 21:00 UTC is already 2027.
    for id in &ids[..3] {
        numbers.push(
            desk.issue_invoice(id, at("2026-12-31T20:59:00Z"))
                .expect("issue"),
        );
    }
    // Re-issuing returns the order's own number and takes none.
    assert_eq!(
        desk.issue_invoice(&ids[1], now()).expect("again"),
        numbers[1]
    );
    for id in &ids[3..] {
        numbers.push(
            desk.issue_invoice(id, at("2026-12-31T21:00:00Z"))
                .expect("issue"),
        );
    }
    assert_eq!(
        numbers,
        [
            "А-2026-0001",
            "А-2026-0002",
            "А-2026-0003",
            "А-2027-0001",
            "А-2027-0002",
            "А-2027-0003"
        ]
    );
    let history = desk.history(&ids[0]).expect("history");
    let issue = history
        .iter()
        .find(|h| h.kind == "issue_invoice")
        .expect("issue op");
    assert_eq!(issue.description, "Выставлен счёт № А-2026-0001");
    assert!(desk.set_invoice_prefix("А-1").is_err());
    assert!(desk.set_invoice_prefix("").is_err());
}

#[test]
fn two_pcs_numbering_offline_never_clash() {
    let (a_dir, b_dir) = (
        tempfile::tempdir().expect("a"),
        tempfile::tempdir().expect("b"),
    );
    let (a, b) = (open(a_dir.path()), open(b_dir.path()));
    // Fresh installs differ by their device ids already…
    assert_ne!(
        a.invoice_prefix().expect("a"),
        b.invoice_prefix().expect("b")
    );
    // …and the shop gives each PC its letter.
    a.set_invoice_prefix("А").expect("a");
    b.set_invoice_prefix("Б").expect("b");
    // The demo shop is the same on both PCs, so they invoice the very same orders.
    let ids = stage_ids(&a, "call", 4);
    let mut all = Vec::new();
    for id in &ids {
        all.push(a.issue_invoice(id, now()).expect("a issues"));
        all.push(b.issue_invoice(id, now()).expect("b issues"));
    }
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len(), "{all:?}");
    assert_eq!(all[6..], ["А-2026-0004", "Б-2026-0004"]);
}

#[test]
fn batches_make_one_pdf_with_a_page_per_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let ids = stage_ids(&desk, "picking", 3);
    let numbers: Vec<String> = ids
        .iter()
        .map(|id| desk.order(id).expect("order").number.to_string())
        .collect();
    for kind in [DocKind::PickList, DocKind::DeliveryNote, DocKind::Pd4] {
        let text = pdf_text(&desk.documents(&ids, kind, now()).expect("batch"));
        assert!(pages(&text) >= 3, "{kind:?}: {} pages", pages(&text));
        for n in &numbers {
            assert!(text.contains(n.as_str()), "{kind:?} lacks order {n}");
        }
    }
    let waybill = pdf_text(
        &desk
            .document(&ids[0], DocKind::TransportWaybill, now())
            .expect("tn"),
    );
    assert!(waybill.contains("ТРАНСПОРТНАЯ НАКЛАДНАЯ"), "{waybill}");
    let pd4 = pdf_text(&desk.document(&ids[0], DocKind::Pd4, now()).expect("pd4"));
    assert!(
        pd4.contains("Извещение") && pd4.contains("ООО «Дом и Техника»"),
        "{pd4}"
    );
    let err = desk
        .documents(&[], DocKind::Invoice, now())
        .expect_err("nothing chosen");
    assert_eq!(err.code(), ErrorCode::InvalidInput);
}

#[test]
fn route_sheet_lists_the_couriers_orders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let ids = stage_ids(&desk, "courier_delivery", 3);
    let text = pdf_text(
        &desk
            .route_sheet(&ids, "Петров Сергей", "2026-11-23", now())
            .expect("route sheet"),
    );
    let number = docs::route_sheet::sheet_number(jiff::civil::date(2026, 11, 23), "Петров Сергей");
    assert!(
        text.contains(&format!("Маршрутный лист № {number} на 23 ноября 2026 г.")),
        "{text}"
    );
    assert!(text.contains("Петров Сергей"), "{text}");
    for id in &ids {
        let number = desk.order(id).expect("order").number.to_string();
        assert!(text.contains(&number), "route sheet lacks {number}");
    }
    assert!(desk
        .route_sheet(&ids, "Петров", "23.11.2026", now())
        .is_err());
}

#[test]
fn a_print_is_recorded_per_order_and_a_refused_one_records_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let ids = stage_ids(&desk, "picking", 2);
    let got = dir.path().join("job.pdf");
    let ok = script(
        dir.path(),
        "lp-ok",
        &format!(
            "cat > {}\necho 'request id is Склад-3 (1 file(s))'",
            got.display()
        ),
    );
    let lpstat = script(dir.path(), "lpstat", "echo Склад\necho PDF");
    desk.set_print_commands(PrintCommands { lp: ok, lpstat });
    assert_eq!(desk.printers().expect("printers"), ["Склад", "PDF"]);
    let outcome = desk
        .print(&ids, DocKind::PickList, Some("Склад".into()), 2, now())
        .expect("printed");
    assert_eq!(outcome.orders, 2);
    assert!(std::fs::read(&got).expect("job").starts_with(b"%PDF"));
    for id in &ids {
        let history = desk.history(id).expect("history");
        let print = history.last().expect("an entry");
        assert_eq!(print.kind, "print_document");
        assert_eq!(
            print.description,
            "Печать: Лист сборки, 2 экз., принтер «Склад»"
        );
    }

    let refuse = script(
        dir.path(),
        "lp-refuse",
        "cat > /dev/null\necho 'lp: The printer or class does not exist.' >&2\nexit 1",
    );
    desk.set_print_commands(PrintCommands {
        lp: refuse,
        lpstat: PathBuf::from("lpstat"),
    });
    let before = kinds(&desk, &ids[0]);
    let err = desk
        .print(&ids, DocKind::DeliveryNote, Some("Нет".into()), 1, now())
        .expect_err("refused");
    assert_eq!(err.code(), ErrorCode::PrintFailed);
    let message = CommandError::from(err).message;
    assert!(
        message.contains("Принтер «Нет» не принял задание"),
        "{message}"
    );
    assert!(message.contains("не отмечен как напечатанный"), "{message}");
    assert_eq!(kinds(&desk, &ids[0]), before);

    desk.set_print_commands(PrintCommands {
        lp: PathBuf::from("/nonexistent/lp"),
        lpstat: PathBuf::from("/nonexistent/lpstat"),
    });
    let err = desk
        .print(&ids, DocKind::PickList, None, 1, now())
        .expect_err("no lp");
    assert_eq!(err.code(), ErrorCode::PrintFailed);
    assert!(CommandError::from(err).message.contains("cups-client"));
    assert_eq!(
        desk.printers().expect_err("no lpstat").code(),
        ErrorCode::PrintFailed
    );
    assert_eq!(kinds(&desk, &ids[0]), before);
}
