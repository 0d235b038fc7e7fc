//! A copy restored on a team desk (issue 14, point 6; issue 16, "the data survives the PC"),
//! with a real hub. The copy knows less than the hub: the desk's own ops made after it come
//! back by the pull, an op it had not pushed when the copy was made goes out again and is
//! taken once, and the numbers a device gives its ops start again where the copy left them —
//! so a restored desk that works before its first pull gives a number the hub already holds
//! from the same device. That stopped the sync, on the restored desk and on every other desk
//! that pulled both ops (one device's numbers are unique in a desk's log).

mod common;

use common::{assert_converged, new_order, payment, Desk, Team};

fn restore(desk: &mut Desk, copy: &std::path::Path) {
    desk.kill();
    store::restore_database(copy, &desk.dir.path().join("desk.sqlite3")).expect("restored");
    desk.reopen();
}

#[tokio::test]
async fn a_copy_restored_on_a_team_desk_catches_up_and_its_new_ops_stop_no_desk() {
    let team = Team::start("sync_restore").await;
    let mut olga = team.desk("olga", "admin").await;
    let anna = team.desk("anna", "manager").await;
    olga.settle().await;
    anna.settle().await;

    let first = olga
        .record(new_order(1, 1_000))
        .expect("order")
        .op
        .order_id();
    olga.settle().await;
    // The copy is made with one op not pushed yet.
    let unpushed = olga.record(payment(first, 400)).expect("payment");
    let copy = olga.dir.path().join("copy.sqlite3");
    olga.store().backup_to(&copy).expect("a copy");
    olga.settle().await;
    // After the copy: Olga's own order and payment, taken by the hub; Anna's order.
    let second = olga
        .record(new_order(2, 2_000))
        .expect("order")
        .op
        .order_id();
    olga.record(payment(first, 600)).expect("payment");
    olga.settle().await;
    let annas = anna
        .record(new_order(3, 3_000))
        .expect("order")
        .op
        .order_id();
    anna.settle().await;

    // Olga's desk goes back to the copy and takes an order before it has synced again: its
    // op gets a number the hub already has from this device.
    restore(&mut olga, &copy);
    assert!(olga.store().order(second).is_err(), "the copy predates it");
    let third = olga
        .record(new_order(4, 4_000))
        .expect("order")
        .op
        .order_id();
    olga.settle().await;
    anna.settle().await;

    assert_eq!(
        olga.order(first).payments.len(),
        2,
        "both payments, once each"
    );
    assert!(olga
        .order(first)
        .payments
        .iter()
        .any(|p| p.id == payment_id(&unpushed)));
    for id in [second, annas, third] {
        olga.order(id);
        anna.order(id);
    }
    assert_converged(&team, &[&olga, &anna]).await;
    team.finish().await;
}

fn payment_id(env: &domain::OpEnvelope) -> uuid::Uuid {
    match &env.op {
        domain::Op::RecordPayment { payment, .. } => payment.id,
        other => panic!("not a payment: {other:?}"),
    }
}
