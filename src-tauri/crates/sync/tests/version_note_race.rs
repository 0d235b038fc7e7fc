//! Issue 15, point 9: a version's note is about the version its author saw. Two desks each
//! saved their own version 2 while apart; the hub kept Boris's and refused Anna's as stale,
//! but took her note on «version 2» (notes are never refused), and every desk then showed
//! Anna's note on Boris's version — a note about a discount the order does not have.

mod common;

use common::{new_order, Team};
use domain::{Discount, Op};

fn note_of(desk: &common::Desk, order_id: uuid::Uuid, version: i64) -> Option<String> {
    desk.store()
        .versions(order_id)
        .expect("versions")
        .into_iter()
        .find(|v| v.number == version)
        .and_then(|v| v.note)
}

#[tokio::test]
async fn a_note_on_a_version_that_lost_the_race_lands_on_no_other_version() {
    let team = Team::start("sync_note_race").await;
    let anna = team.desk("anna", "manager").await;
    let boris = team.desk("boris", "manager").await;
    let order_id = anna
        .record(new_order(3, 4_000))
        .expect("anna takes an order")
        .op
        .order_id();
    anna.settle().await;
    boris.settle().await;

    // Apart, each gives a discount (each desk's own version 2) and notes it.
    anna.record(Op::SetOrderDiscount {
        order_id,
        discount: Discount::Percent(500),
    })
    .expect("anna's discount");
    let version = anna.order(order_id).version;
    anna.record(Op::NoteVersion {
        order_id,
        version,
        note: Some("Анна: скидка по звонку".into()),
    })
    .expect("anna's note");
    assert_eq!(
        note_of(&anna, order_id, version).as_deref(),
        Some("Анна: скидка по звонку"),
        "her own version carries her note while apart"
    );
    boris
        .record(Op::SetOrderDiscount {
            order_id,
            discount: Discount::Percent(1_000),
        })
        .expect("boris's discount");
    assert_eq!(boris.order(order_id).version, version);
    boris
        .record(Op::NoteVersion {
            order_id,
            version,
            note: Some("Борис: постоянный клиент".into()),
        })
        .expect("boris's note");

    // Boris reaches the hub first; then Anna (her discount refused as stale), then Boris
    // again for Anna's ops.
    boris.settle().await;
    anna.settle().await;
    boris.settle().await;
    for desk in [&anna, &boris] {
        assert_eq!(
            desk.order(order_id).discount,
            Discount::Percent(1_000),
            "Boris's version stands"
        );
        assert_eq!(
            note_of(desk, order_id, version).as_deref(),
            Some("Борис: постоянный клиент"),
            "Anna's note was about her own version 2"
        );
    }
}
