//! `SetBuyer`: a company buyer is checked with the shop's own check digits, stored normalized,
//! and setting the same buyer again changes nothing.

use super::{created, id, now};
use crate::{
    Buyer, BuyerError, BuyerField, BuyerProblem, Company, Op, OpError, Order, Role, Shop, Snapshot,
};

/// Sberbank's published requisites: real, valid values.
fn sber() -> Company {
    Company {
        name: "ПАО «Сбербанк»".into(),
        inn: "7707083893".into(),
        kpp: "773601001".into(),
        address: "117312, г. Москва, ул. Вавилова, д. 19".into(),
        bank_name: "ПАО Сбербанк".into(),
        bic: "044525225".into(),
        settlement_account: "40702810138250123017".into(),
        corr_account: "30101810400000000225".into(),
    }
}

fn set(company: Company) -> Op {
    Op::SetBuyer {
        order_id: id(),
        buyer: Buyer::Company(Box::new(company)),
    }
}

fn apply(op: &Op, order: &Order) -> Result<Order, OpError> {
    op.apply(&Shop::default_template(), Role::Manager, Some(order), now())
}

fn refusal(company: Company) -> BuyerError {
    match apply(&set(company), &created(&Shop::default_template())) {
        Err(OpError::Buyer(e)) => e,
        other => panic!("expected a buyer refusal, got {other:?}"),
    }
}

fn error(field: BuyerField, problem: BuyerProblem) -> BuyerError {
    BuyerError { field, problem }
}

#[test]
fn a_company_buyer_is_kept_normalized_and_shown_in_the_history() {
    let order = created(&Shop::default_template());
    assert_eq!(order.buyer, Buyer::Person, "a new order bills the customer");
    let typed = Company {
        name: "  ПАО «Сбербанк» ".into(),
        inn: "7707 083 893".into(),
        bic: " 044525225".into(),
        ..sber()
    };
    let after = apply(&set(typed), &order).expect("valid requisites");
    assert_eq!(after.buyer, Buyer::Company(Box::new(sber())));
    // Not a money edit: no new version, nothing else changes.
    assert_eq!(after.version, order.version);
    assert_eq!(after.lines, order.lines);
    let snap = set(sber()).snapshot(Some(&after)).expect("snapshot");
    assert_eq!(
        snap,
        Some(Snapshot::Buyer {
            buyer: Buyer::Company(Box::new(sber()))
        })
    );
    let back = Op::SetBuyer {
        order_id: id(),
        buyer: Buyer::Person,
    };
    assert_eq!(apply(&back, &after).expect("back").buyer, Buyer::Person);
}

#[test]
fn setting_the_same_buyer_again_changes_nothing() {
    let order = created(&Shop::default_template());
    let op = set(sber());
    let once = apply(&op, &order).expect("first");
    let twice = apply(&op, &once).expect("replayed");
    assert_eq!(once, twice);
}

#[test]
fn a_wrong_inn_or_kpp_is_refused_naming_the_field() {
    use BuyerField as F;
    use BuyerProblem as P;
    let inn = |inn: &str| {
        refusal(Company {
            inn: inn.into(),
            ..sber()
        })
    };
    assert_eq!(inn("7707083894"), error(F::Inn, P::CheckDigit));
    assert_eq!(inn("77070838"), error(F::Inn, P::Shape));
    assert_eq!(inn(""), error(F::Inn, P::Missing));
    let kpp = |kpp: &str| {
        refusal(Company {
            kpp: kpp.into(),
            ..sber()
        })
    };
    assert_eq!(kpp("77360100"), error(F::Kpp, P::Shape));
    assert_eq!(kpp(""), error(F::Kpp, P::Missing), "a company has a КПП");
    // A sole trader has none, and one given is a mistake rather than something to print.
    let ip = Company {
        inn: "500100732259".into(),
        kpp: String::new(),
        ..sber()
    };
    assert_eq!(
        apply(&set(ip.clone()), &created(&Shop::default_template())).map(|o| o.buyer),
        Ok(Buyer::Company(Box::new(ip.clone())))
    );
    assert_eq!(
        refusal(Company {
            kpp: "773601001".into(),
            ..ip
        }),
        error(F::Kpp, P::NotForSoleTrader)
    );
}

#[test]
fn bank_details_are_optional_but_checked_against_the_bic_when_given() {
    use BuyerField as F;
    use BuyerProblem as P;
    let no_bank = Company {
        bank_name: String::new(),
        bic: String::new(),
        settlement_account: String::new(),
        corr_account: String::new(),
        ..sber()
    };
    assert_eq!(no_bank.validate(), Ok(()));
    assert_eq!(
        refusal(Company {
            settlement_account: "40702810138250123018".into(),
            ..sber()
        }),
        error(F::SettlementAccount, P::AccountKey)
    );
    // Half a bank is not a bank: what is missing is named.
    let half = Company {
        bic: "044525225".into(),
        ..no_bank
    };
    assert_eq!(
        half.validate(),
        Err(vec![
            error(F::BankName, P::Missing),
            error(F::SettlementAccount, P::Missing),
            error(F::CorrAccount, P::Missing),
        ])
    );
}

#[test]
fn every_problem_is_listed_at_once_for_the_card() {
    use BuyerField as F;
    use BuyerProblem as P;
    let bad = Company {
        name: String::new(),
        inn: "7707083894".into(),
        kpp: "7736".into(),
        address: "г".repeat(crate::buyer::TEXT_MAX + 1),
        bic: "04452522".into(),
        ..sber()
    };
    assert_eq!(
        bad.normalized().validate(),
        Err(vec![
            error(F::Name, P::Missing),
            error(F::Inn, P::CheckDigit),
            error(F::Kpp, P::Shape),
            error(F::Address, P::TooLong),
            error(F::Bic, P::Shape),
        ])
    );
}

#[test]
fn pickers_do_not_set_buyers_and_dispatchers_do() {
    let shop = Shop::default_template();
    let order = created(&shop);
    let op = set(sber());
    assert!(matches!(
        op.apply(&shop, Role::Picker, Some(&order), now()),
        Err(OpError::ActionForbidden { .. })
    ));
    assert!(op
        .apply(&shop, Role::Dispatcher, Some(&order), now())
        .is_ok());
}

#[test]
fn an_order_saved_before_buyers_reads_as_a_person_and_the_op_round_trips() {
    let order = created(&Shop::default_template());
    let mut json = serde_json::to_value(&order).expect("order json");
    json.as_object_mut().expect("object").remove("buyer");
    let old: Order = serde_json::from_value(json).expect("an older order");
    assert_eq!(old.buyer, Buyer::Person);
    let op = set(sber());
    let text = serde_json::to_string(&op).expect("op json");
    assert!(text.contains(r#""kind":"set_buyer""#), "{text}");
    assert_eq!(serde_json::from_str::<Op>(&text).expect("read back"), op);
}
