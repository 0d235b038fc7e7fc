//! The packages counted at the pick on one desk reach the hub and the other desk, whose
//! transport waybill then prints them; a recount from the other desk wins everywhere (last
//! writer, as notes).

mod common;

use common::{assert_converged, new_order, Team};
use domain::Op;

#[tokio::test]
async fn places_counted_on_one_desk_reach_the_hub_and_the_other_desk() {
    let team = Team::start("sync_places").await;
    let anna = team.desk("anna", "manager").await;
    let boris = team.desk("boris", "manager").await;
    let order_id = anna
        .record(new_order(1, 5_000))
        .expect("anna takes an order")
        .op
        .order_id();
    anna.settle().await;
    boris.settle().await;
    assert_eq!(boris.order(order_id).places, None);

    anna.record(Op::SetPlaces {
        order_id,
        places: Some(3),
    })
    .expect("anna counts three packages");
    anna.settle().await;
    boris.settle().await;
    assert_eq!(boris.order(order_id).places, Some(3));
    let hub = team.orders().await;
    assert_eq!(hub[0].places, Some(3), "the hub keeps the count too");

    boris
        .record(Op::SetPlaces {
            order_id,
            places: Some(4),
        })
        .expect("boris recounts");
    boris.settle().await;
    anna.settle().await;
    assert_eq!(anna.order(order_id).places, Some(4));
    let ops = anna.store().order_ops(order_id).expect("anna's log");
    assert_eq!(ops.iter().filter(|o| o.kind == "set_places").count(), 2);
    assert_converged(&team, &[&anna, &boris]).await;
    team.finish().await;
}
