//! The requisites form checks the bank's name against the payment QR's 45 characters and
//! keeps a short name for the QR beside the official one.

use desk::Desk;
use jiff::Timestamp;
use proto::{CommandError, ErrorCode};

fn now() -> Timestamp {
    "2026-11-22T09:00:00Z".parse().expect("valid instant")
}

#[test]
fn a_long_bank_name_is_refused_at_the_form_until_a_short_one_is_given() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open desk");
    let good = desk.requisites().expect("read").expect("demo requisites");
    let mut long = good.clone();
    long.bank_name = "Публичное акционерное общество «Сбербанк России», г. Москва".into();
    let err = desk
        .set_requisites(long.clone(), now())
        .expect_err("too long for the QR");
    assert_eq!(err.code(), ErrorCode::InvalidInput);
    let message = CommandError::from(err).message;
    assert!(message.contains("«Наименование банка»"), "{message}");
    assert!(!message.contains("BankName"), "{message}");
    assert_eq!(desk.requisites().expect("read"), Some(good));

    long.bank_name_qr = " ПАО СБЕРБАНК ".into();
    let saved = desk.set_requisites(long.clone(), now()).expect("saved");
    assert_eq!(saved.bank_name_qr, "ПАО СБЕРБАНК");
    drop(desk);
    let desk = Desk::open_demo(dir.path(), now()).expect("reopen");
    assert_eq!(desk.requisites().expect("read"), Some(saved));
}
