//! The demo is opt-in: a new shop opens empty and asks; a shop of its own is set up step by
//! step and never gets a demo row, even when the desk is started with the demo asked for;
//! the demo shop cannot join a team. Against real SQLite files (the team path with a real
//! hub is in the hub's tests/no_demo.rs).

use std::path::Path;
use std::sync::Arc;

use channels::MemorySecrets;
use desk::Desk;
use jiff::Timestamp;
use proto::{SetupKind, SetupStep, WorkflowTemplate};

fn now() -> Timestamp {
    "2026-03-02T07:30:00Z".parse().expect("instant")
}

fn open(dir: &Path) -> Desk {
    Desk::open_with_secrets(dir, now(), Arc::new(MemorySecrets::default())).expect("open")
}

/// Every row a demo would have left: orders, products, customers (the demo's people),
/// requisites, read from the file itself.
fn rows(dir: &Path) -> store::RowCounts {
    store::row_counts_at(&dir.join("orderdesk.sqlite3")).expect("the shop's file")
}

#[test]
fn a_new_shop_opens_empty_and_asks_what_it_is() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let setup = desk.shop_setup().expect("setup");
    assert_eq!(setup.kind, SetupKind::New);
    assert_eq!(setup.shop_name, None);
    assert!(desk
        .queue(now())
        .expect("queue")
        .stages
        .iter()
        .all(|s| s.count == 0));
    drop(desk);
    // Reopened (a restart) it still asks, and still holds nothing.
    let desk = open(dir.path());
    assert_eq!(desk.shop_setup().expect("setup").kind, SetupKind::New);
    drop(desk);
    assert_eq!(rows(dir.path()), store::RowCounts::default());
}

#[test]
fn a_shop_of_its_own_is_set_up_step_by_step_and_never_gets_the_demo() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    assert!(
        desk.start_own_shop("   ", now()).is_err(),
        "a name is needed"
    );
    let s = desk
        .start_own_shop(" Добрые традиции ", now())
        .expect("start");
    assert_eq!((s.kind, s.step), (SetupKind::Own, SetupStep::Requisites));
    assert_eq!(s.shop_name.as_deref(), Some("Добрые традиции"));
    // The template's city zone as the shop would type it, not the demo's `moscow`.
    let zones = desk
        .delivery_payment()
        .expect("tariffs")
        .zones(proto::DeliveryMethod::Courier);
    assert_eq!(zones, ["Москва"]);
    // The stages' turn has not come: refused, nothing changes.
    assert!(desk
        .choose_workflow_template(WorkflowTemplate::Pickup, now())
        .is_err());
    assert!(
        desk.open_demo_shop(now()).is_err(),
        "no demo once it is a shop"
    );
    let s = desk
        .finish_requisites_step(now())
        .expect("requisites skipped");
    assert_eq!(s.step, SetupStep::Workflow);
    let s = desk
        .choose_workflow_template(WorkflowTemplate::Pickup, now())
        .expect("stages");
    assert_eq!(s.step, SetupStep::Methods);
    // Delivery and payment: pickup only, paid in cash or by transfer, saved by the settings'
    // own op during the setup; then the step is done.
    let pickup_only = proto::DeliveryPaymentView {
        delivery: vec![proto::DeliveryMethod::Pickup],
        payment: vec![
            proto::PaymentMethod::CashOnDelivery,
            proto::PaymentMethod::BankTransfer,
        ],
        tariffs: vec![proto::TariffView {
            method: proto::DeliveryMethod::Pickup,
            zone: String::new(),
            cost: 0,
            free_from: None,
        }],
    };
    desk.set_delivery_payment(pickup_only.clone(), now())
        .expect("saved during the setup");
    let s = desk.finish_methods_step(now()).expect("methods step");
    assert_eq!(s.step, SetupStep::Admin);
    assert_eq!(desk.delivery_payment().expect("read"), pickup_only);
    let stages: Vec<String> = desk
        .queue(now())
        .expect("queue")
        .stages
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(
        stages,
        [
            "Поступил",
            "Отзвон",
            "Комплектация",
            "Ожидание оплаты",
            "Готов к выдаче",
            "Выдан",
            "Отменён"
        ]
    );
    let s = desk
        .set_first_admin("Иванова Мария", "2468", now())
        .expect("admin");
    assert_eq!(s.step, SetupStep::Done);
    assert_eq!(desk.user().name, "Иванова Мария");
    assert_eq!(desk.user().role, proto::Role::Admin);
    drop(desk);

    // Started as `cargo xtask run` starts it (the demo asked for): the shop stays its own.
    let desk = Desk::open_demo_with_secrets(dir.path(), now(), Arc::new(MemorySecrets::default()))
        .expect("reopen");
    let s = desk.shop_setup().expect("setup");
    assert_eq!((s.kind, s.step), (SetupKind::Own, SetupStep::Done));
    // She is remembered on this PC; after a restart the lock asks her PIN.
    let session = desk.session().expect("session");
    assert_eq!(session.state, proto::SessionState::Locked);
    assert_eq!(desk.user().name, "Иванова Мария");
    desk.sign_in(&session.user.expect("who").id, "2468", now())
        .expect("her PIN");
    assert_eq!(
        desk.session().expect("session").state,
        proto::SessionState::SignedIn
    );
    drop(desk);
    assert_eq!(rows(dir.path()), store::RowCounts::default());
}

#[test]
fn the_demo_is_opened_only_when_asked_and_cannot_join_a_team() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let s = desk.open_demo_shop(now()).expect("demo");
    assert_eq!(s.kind, SetupKind::Demo);
    let total: u32 = desk
        .queue(now())
        .expect("queue")
        .stages
        .iter()
        .map(|s| s.count)
        .sum();
    assert_eq!(total, 300);
    assert!(desk.requisites().expect("requisites").is_some());
    // Its orders and products would reach the team's hub as real ones; refused before any
    // connection is tried.
    let refused = desk
        .join_team("http://127.0.0.1:9", "od_token")
        .expect_err("the demo stays alone");
    assert_eq!(refused.code(), proto::ErrorCode::InvalidInput);
    assert!(desk.start_own_shop("Свой", now()).is_err());
    drop(desk);
    // Asked for again on the next start, it is not imported twice.
    let desk = Desk::open_demo_with_secrets(dir.path(), now(), Arc::new(MemorySecrets::default()))
        .expect("reopen");
    let total: u32 = desk
        .queue(now())
        .expect("queue")
        .stages
        .iter()
        .map(|s| s.count)
        .sum();
    assert_eq!(total, 300);
}
