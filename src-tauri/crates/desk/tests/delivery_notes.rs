//! The товарная накладная from the desk: a reprint is the same paper (its number and date kept
//! in the store), and «Отпуск груза произвёл» names who hands the goods over — the courier the
//! paper is made out to, else the person signed in, else the head (read back with poppler).

mod common;

use common::{now, open, pdf_text};

use desk::Desk;
use jiff::SignedDuration;
use proto::DocKind;

/// A demo order and its number.
fn an_order(desk: &Desk) -> (String, String) {
    let row = desk
        .stage_orders("picking", now())
        .expect("stage orders")
        .into_iter()
        .next()
        .expect("a demo order in picking");
    let number = desk.order(&row.id).expect("order").number;
    (row.id, number)
}

fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with «{needle}» in:\n{text}"))
}

#[test]
fn a_reprint_days_later_is_the_same_note_with_its_number_and_date() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let (id, number) = an_order(&desk);
    let first = pdf_text(
        &desk
            .document(&id, DocKind::DeliveryNote, now())
            .expect("first"),
    );
    let title = format!("Товарная накладная № {number} от 22 ноября 2026 г.");
    assert!(first.contains(&title), "{first}");

    let later = now() + SignedDuration::from_hours(24 * 3);
    let reprint = pdf_text(
        &desk
            .document(&id, DocKind::DeliveryNote, later)
            .expect("reprint"),
    );
    assert!(
        reprint.contains(&title),
        "the reprint is another paper:\n{reprint}"
    );
    assert!(!reprint.contains("25 ноября 2026"), "{reprint}");

    // Kept in the store, not in memory: a reopened desk a month later prints the same paper.
    drop(desk);
    let desk = open(dir.path());
    let month = now() + SignedDuration::from_hours(24 * 40);
    let again = pdf_text(
        &desk
            .document(&id, DocKind::DeliveryNote, month)
            .expect("again"),
    );
    assert!(again.contains(&title), "{again}");
    // In a batch with another order's first note, each keeps its own date.
    let other = desk
        .stage_orders("picking", now())
        .expect("stage orders")
        .into_iter()
        .nth(1)
        .expect("a second order");
    let other_number = desk.order(&other.id).expect("order").number;
    let batch = pdf_text(
        &desk
            .documents(&[id, other.id], DocKind::DeliveryNote, month)
            .expect("batch"),
    );
    assert!(batch.contains(&title), "{batch}");
    assert!(
        batch.contains(&format!(
            "Товарная накладная № {other_number} от 1 января 2027 г."
        )),
        "{batch}"
    );
}

#[test]
fn whoever_hands_the_goods_over_signs_the_note_and_the_head_only_when_nobody_is_known() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let (id, _) = an_order(&desk);

    // Nobody signed in: the head (the demo shop's «Соколов А. В.») hands over.
    let text = pdf_text(
        &desk
            .document(&id, DocKind::DeliveryNote, now())
            .expect("note"),
    );
    let released = line_with(&text, "Отпуск груза произвёл");
    assert!(
        released.contains("Руководитель") && released.contains("Соколов А. В."),
        "{text}"
    );

    // The storekeeper signed in at this desk prints the note: it is hers to sign.
    desk.set_user(proto::User {
        id: "u-17".into(),
        name: "Сидорова Мария Петровна".into(),
        role: proto::Role::Picker,
    });
    let text = pdf_text(
        &desk
            .document(&id, DocKind::DeliveryNote, now())
            .expect("note"),
    );
    let released = line_with(&text, "Отпуск груза произвёл");
    assert!(
        released.contains("Кладовщик") && released.contains("Сидорова Мария Петровна"),
        "{text}"
    );
    let allowed = line_with(&text, "Отпуск груза разрешил");
    assert!(allowed.contains("Соколов А. В."), "{text}");

    // Made out to a courier, the note is the courier's to sign.
    let text = pdf_text(
        &desk
            .paper(
                &[id],
                DocKind::DeliveryNote,
                Some("Петров Пётр Ильич"),
                now(),
            )
            .expect("note"),
    );
    let released = line_with(&text, "Отпуск груза произвёл");
    assert!(
        released.contains("Курьер") && released.contains("Петров Пётр Ильич"),
        "{text}"
    );
}
