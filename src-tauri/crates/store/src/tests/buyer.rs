//! A company buyer is written with its op in one transaction, kept across a reopen, and a
//! refused one leaves neither.

use domain::{Actor, Buyer, BuyerError, BuyerField, BuyerProblem, Company, Op, OpError, Role};
use uuid::Uuid;

use super::{now, seeded};
use crate::{NewOp, Store, StoreError};

fn company() -> Company {
    Company {
        name: "ООО «Ромашка»".into(),
        inn: "7707083893".into(),
        kpp: "773601001".into(),
        address: "117312, г. Москва, ул. Вавилова, д. 19".into(),
        bank_name: "ПАО Сбербанк".into(),
        bic: "044525225".into(),
        settlement_account: "40702810138250123017".into(),
        corr_account: "30101810400000000225".into(),
    }
}

fn set_buyer(order_id: Uuid, buyer: Buyer) -> NewOp {
    NewOp {
        id: Uuid::now_v7(),
        actor: Actor {
            id: "manager".into(),
            name: "Менеджер".into(),
            role: Role::Manager,
        },
        at: now(),
        op: Op::SetBuyer { order_id, buyer },
    }
}

fn first_order(store: &Store) -> Uuid {
    store
        .stage_orders("new")
        .expect("orders")
        .first()
        .expect("a seeded order")
        .id
}

#[test]
fn a_company_buyer_is_stored_with_its_op_and_survives_a_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    let id = first_order(&store);
    let company = Buyer::Company(Box::new(company()));
    store
        .record(set_buyer(id, company.clone()))
        .expect("recorded");
    assert_eq!(store.order(id).expect("order").buyer, company);
    let ops = store.order_ops(id).expect("ops");
    let op = ops.last().expect("the op");
    assert_eq!(op.kind, "set_buyer");
    assert!(
        op.before.as_deref().is_some_and(|b| b.contains("person")),
        "{:?}",
        op.before
    );
    assert!(
        op.after
            .as_deref()
            .is_some_and(|a| a.contains("7707083893")),
        "{:?}",
        op.after
    );
    drop(store);

    let store = Store::open(&dir.path().join("t.sqlite3")).expect("reopen");
    assert_eq!(store.order(id).expect("order").buyer, company);
    // Back to a private person clears the column.
    store.record(set_buyer(id, Buyer::Person)).expect("person");
    assert_eq!(store.order(id).expect("order").buyer, Buyer::Person);
}

#[test]
fn a_wrong_inn_is_refused_naming_the_field_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    let id = first_order(&store);
    let ops_before = store.order_ops(id).expect("ops").len();
    let bad = Company {
        inn: "7707083894".into(),
        ..company()
    };
    let err = store
        .record(set_buyer(id, Buyer::Company(Box::new(bad))))
        .expect_err("a typo in the ИНН");
    assert!(
        matches!(
            err,
            StoreError::Rejected(OpError::Buyer(BuyerError {
                field: BuyerField::Inn,
                problem: BuyerProblem::CheckDigit
            }))
        ),
        "{err:?}"
    );
    assert_eq!(store.order(id).expect("order").buyer, Buyer::Person);
    assert_eq!(store.order_ops(id).expect("ops").len(), ops_before);
}
