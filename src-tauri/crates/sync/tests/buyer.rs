//! A company buyer set on one desk reaches the hub and the other desk, where the history
//! shows it; a later change from the other desk wins everywhere (last writer, as notes).

mod common;

use common::{assert_converged, new_order, Team};
use domain::{Buyer, Company, Op};

fn romashka() -> Company {
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

#[tokio::test]
async fn a_company_buyer_travels_through_the_hub_to_the_other_desk() {
    let team = Team::start("sync_buyer").await;
    let anna = team.desk("anna", "manager").await;
    let boris = team.desk("boris", "manager").await;
    let order_id = anna
        .record(new_order(1, 5_000))
        .expect("anna takes an order")
        .op
        .order_id();
    anna.settle().await;
    boris.settle().await;

    let company = Buyer::Company(Box::new(romashka()));
    anna.record(Op::SetBuyer {
        order_id,
        buyer: company.clone(),
    })
    .expect("anna bills a company");
    anna.settle().await;
    boris.settle().await;
    assert_eq!(boris.order(order_id).buyer, company);
    let hub = team.orders().await;
    assert_eq!(hub.len(), 1);
    assert_eq!(hub[0].buyer, company, "the hub keeps the buyer too");
    let ops = boris.store().order_ops(order_id).expect("boris's log");
    assert!(
        ops.iter().any(|o| o.kind == "set_buyer"),
        "boris's history has the change"
    );

    // The same buyer set again changes nothing; then Boris makes it a person again.
    boris
        .record(Op::SetBuyer {
            order_id,
            buyer: company.clone(),
        })
        .expect("the same again");
    boris.settle().await;
    anna.settle().await;
    assert_eq!(anna.order(order_id).buyer, company);
    boris
        .record(Op::SetBuyer {
            order_id,
            buyer: Buyer::Person,
        })
        .expect("a person again");
    boris.settle().await;
    anna.settle().await;
    assert_eq!(anna.order(order_id).buyer, Buyer::Person);
    assert_converged(&team, &[&anna, &boris]).await;
    team.finish().await;
}
