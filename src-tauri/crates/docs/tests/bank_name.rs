//! The bank's name in the payment QR: GOST R 56042 allows 45 characters, so the requisites
//! form checks it and takes a short name for the QR where the official one is longer.
mod common;

use common::{order, shop};
use docs::requisites::{validate, RequisiteError};

const OFFICIAL: &str = "Публичное акционерное общество «Сбербанк России», г. Москва";

#[test]
fn a_long_official_bank_name_needs_a_short_one_for_the_qr() {
    let mut s = shop();
    s.bank_name = OFFICIAL.into();
    let errors = validate(&s).expect_err("too long for the QR");
    assert_eq!(
        errors,
        vec![RequisiteError::TooLongForQr {
            field: "Наименование банка",
            max: 45,
            len: OFFICIAL.chars().count(),
        }]
    );
    assert!(errors[0]
        .to_string()
        .contains("«Наименование банка» длиннее 45"));

    s.bank_name_qr = "ПАО СБЕРБАНК".into();
    assert_eq!(validate(&s), Ok(()));
    s.bank_name_qr = "Б".repeat(46);
    let errors = validate(&s).expect_err("the short one is too long too");
    assert!(errors[0]
        .to_string()
        .contains("«Наименование банка для QR-кода»"));
}

#[test]
fn the_qr_carries_the_short_name_and_the_paper_the_official_one() {
    let mut s = shop();
    s.bank_name = OFFICIAL.into();
    s.bank_name_qr = "ПАО СБЕРБАНК".into();
    let payload = docs::pd4::payment_payload(&s, &order(2)).expect("payload");
    assert!(payload.contains("|BankName=ПАО СБЕРБАНК|"), "{payload}");
    assert!(!payload.contains(OFFICIAL), "{payload}");
}

#[test]
fn a_qr_error_names_the_forms_field_not_the_gost_key() {
    let mut s = shop();
    s.bank_name = OFFICIAL.into();
    let err = docs::pd4::payment_payload(&s, &order(2)).expect_err("too long");
    let message = err.to_string();
    assert!(
        message.contains("«Наименование банка» длиннее 45"),
        "{message}"
    );
    assert!(!message.contains("BankName"), "{message}");
}
