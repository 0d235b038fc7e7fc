//! A company buyer set on the order card: refused field by field when a requisite is wrong,
//! recorded in the history when right, and printed on the invoice and the товарная накладная
//! with its legal name, ИНН/КПП and address (read back with poppler).

mod common;

use common::{now, open, pdf_words};

use desk::Desk;
use proto::{
    BuyerField, BuyerFieldError, BuyerOutcome, BuyerProblem, CompanyBuyer, DocKind, OrderDetail,
};

fn an_order(desk: &Desk) -> OrderDetail {
    let row = desk
        .stage_orders("picking", now())
        .expect("stage orders")
        .into_iter()
        .next()
        .expect("a demo order in picking");
    desk.order(&row.id).expect("order")
}

/// Typed as a manager would: spaces inside the numbers.
fn romashka() -> CompanyBuyer {
    CompanyBuyer {
        name: "ООО «Ромашка»".into(),
        inn: "7707 083 893".into(),
        kpp: "773601001".into(),
        address: "117312, г. Москва, ул. Вавилова, д. 19".into(),
        bank_name: "ПАО Сбербанк".into(),
        bic: "044525225".into(),
        settlement_account: "40702810138250123017".into(),
        corr_account: "30101810400000000225".into(),
    }
}

fn saved(outcome: BuyerOutcome) -> OrderDetail {
    match outcome {
        BuyerOutcome::Saved { order } => *order,
        BuyerOutcome::Invalid { errors } => panic!("refused: {errors:?}"),
    }
}

#[test]
fn wrong_requisites_come_back_field_by_field_and_save_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let order = an_order(&desk);
    let history = desk.history(&order.id).expect("history").len();
    let typo = CompanyBuyer {
        inn: "7707083894".into(),
        kpp: String::new(),
        settlement_account: "40702810138250123018".into(),
        ..romashka()
    };
    let outcome = desk
        .set_buyer(&order.id, Some(typo), now())
        .expect("answered");
    let error = |field, problem| BuyerFieldError { field, problem };
    assert_eq!(
        outcome,
        BuyerOutcome::Invalid {
            errors: vec![
                error(BuyerField::Inn, BuyerProblem::CheckDigit),
                error(BuyerField::Kpp, BuyerProblem::Missing),
                error(BuyerField::SettlementAccount, BuyerProblem::AccountKey),
            ]
        }
    );
    assert_eq!(desk.order(&order.id).expect("order").buyer, None);
    assert_eq!(desk.history(&order.id).expect("history").len(), history);
}

#[test]
fn a_company_buyer_is_in_the_history_and_on_the_invoice_and_the_delivery_note() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let order = an_order(&desk);
    let card = saved(
        desk.set_buyer(&order.id, Some(romashka()), now())
            .expect("saved"),
    );
    let stored = card.buyer.expect("a company buyer");
    assert_eq!(stored.inn, "7707083893", "spaces dropped");
    let last = desk
        .history(&order.id)
        .expect("history")
        .pop()
        .expect("an entry");
    assert_eq!(last.kind, "set_buyer");
    assert!(
        last.description
            .contains("ООО «Ромашка», ИНН 7707083893, КПП 773601001"),
        "{}",
        last.description
    );

    let invoice = pdf_words(
        &desk
            .document(&order.id, DocKind::Invoice, now())
            .expect("invoice"),
    );
    for expected in [
        // In the buyer's block, not somewhere else on the page.
        "Покупатель ООО «Ромашка», ИНН 7707083893, КПП 773601001",
        "117312, г. Москва, ул. Вавилова, д. 19",
    ] {
        assert!(
            invoice.contains(expected),
            "no «{expected}» on the invoice:\n{invoice}"
        );
    }
    let note = pdf_words(
        &desk
            .document(&order.id, DocKind::DeliveryNote, now())
            .expect("delivery note"),
    );
    for expected in ["ООО «Ромашка»", "ИНН 7707083893", "КПП 773601001"] {
        assert!(
            note.contains(expected),
            "no «{expected}» on the накладная:\n{note}"
        );
    }

    // Back to a private person: the papers bill the customer again.
    let card = saved(desk.set_buyer(&order.id, None, now()).expect("person"));
    assert_eq!(card.buyer, None);
    let again = pdf_words(
        &desk
            .document(&order.id, DocKind::Invoice, now())
            .expect("reprint"),
    );
    assert!(!again.contains("ИНН 7707083893"), "{again}");
    assert!(again.contains(&order.customer), "{again}");
}

/// A company the customer was billed as on one order is offered on their next order's card,
/// to pick instead of typing the requisites again; a different customer's card does not
/// offer it.
#[test]
fn a_customers_companies_from_earlier_orders_are_offered_on_the_next_order() {
    use proto::{DeliveryChange, DeliveryMethod, NewLine, NewOrder, PaymentMethod};
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = open(dir.path());
    let take = |phone: &str| {
        let product = desk.products().expect("products").remove(0).id;
        desk.create_order(
            NewOrder {
                customer: "Смирнова Ольга".into(),
                phone: phone.into(),
                email: None,
                delivery: DeliveryChange {
                    method: DeliveryMethod::Courier,
                    zone: Some("moscow".into()),
                    address: "г. Москва, ул. Вавилова, д. 19".into(),
                    window_from: None,
                    window_to: None,
                },
                payment: PaymentMethod::BankTransfer,
                lines: vec![NewLine {
                    product_id: product,
                    quantity: 1000,
                }],
                comment: None,
            },
            now(),
        )
        .expect("phone order")
    };
    let first = take("+7 903 555-01-02");
    assert!(first.companies.is_empty(), "{:?}", first.companies);
    let billed = saved(
        desk.set_buyer(&first.id, Some(romashka()), now())
            .expect("answered"),
    );
    let kept = billed.buyer.clone().expect("a company");
    assert_eq!(billed.companies, vec![kept.clone()]);

    // The same customer, the phone written another way: the company is offered.
    let next = take("8 (903) 555-01-02");
    assert_eq!(
        next.buyer, None,
        "a new order bills the person until chosen"
    );
    assert_eq!(next.companies, vec![kept]);
    let other = take("+7 903 555-09-09");
    assert!(other.companies.is_empty(), "{:?}", other.companies);
}
