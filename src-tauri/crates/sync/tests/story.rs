//! A hub and three desks: one works offline, all three edit the same order, they reconnect
//! and agree; the stale discount is refused and its author sees the winning value; both
//! payments stay.

mod common;

use common::{assert_converged, new_order, payment, Team};
use domain::{Discount, Kopecks, Op};

#[tokio::test]
async fn three_desks_one_offline_converge_and_the_stale_discount_reaches_its_author() {
    let team = Team::start("sync_story").await;
    let anna = team.desk("anna", "manager").await;
    let boris = team.desk("boris", "manager").await;
    let vera = team.desk("vera", "manager").await;

    let created = anna
        .record(new_order(1, 5_000))
        .expect("anna takes an order");
    let order_id = created.op.order_id();
    let provisional = anna.order(order_id).number;
    anna.settle().await;
    boris.settle().await;
    vera.settle().await;
    assert_eq!(
        anna.order(order_id).number,
        10_001,
        "the hub numbers orders"
    );
    assert!(provisional > 0);
    assert_eq!(vera.order(order_id), anna.order(order_id));

    // Vera loses the network. Meanwhile Anna gives 10 % and Boris takes 300 ₽ and moves
    // the order on.
    anna.record(Op::SetOrderDiscount {
        order_id,
        discount: Discount::Percent(1_000),
    })
    .expect("anna's discount");
    anna.settle().await;
    boris.settle().await;
    boris
        .record(payment(order_id, 300))
        .expect("boris's payment");
    let stage = boris.order(order_id).stage.stage_id;
    let workflow = boris.store().workflow().expect("workflow");
    let next = workflow
        .advance_target(&boris.order(order_id).state())
        .expect("a next stage")
        .id
        .clone();
    boris
        .record(Op::AdvanceStage {
            order_id,
            from_stage: stage.clone(),
            to_stage: next.clone(),
        })
        .expect("boris moves it");
    boris.settle().await;

    // Offline, Vera still sees version 1: she gives 20 %, takes 500 ₽, moves it too, and
    // starts an order of her own.
    assert_eq!(vera.order(order_id).discount, Discount::None);
    vera.record(Op::SetOrderDiscount {
        order_id,
        discount: Discount::Percent(2_000),
    })
    .expect("vera's discount, offline");
    vera.record(payment(order_id, 500)).expect("vera's payment");
    vera.record(Op::AdvanceStage {
        order_id,
        from_stage: stage,
        to_stage: next.clone(),
    })
    .expect("vera's move, offline");
    let hers = vera.record(new_order(2, 1_200)).expect("vera's own order");
    assert_eq!(
        vera.store().unsent_count().expect("count"),
        4,
        "four ops wait for the hub"
    );
    assert_eq!(vera.order(order_id).discount, Discount::Percent(2_000));

    // Back online.
    vera.settle().await;
    anna.settle().await;
    boris.settle().await;
    assert_converged(&team, &[&anna, &boris, &vera]).await;

    let order = vera.order(order_id);
    assert_eq!(
        order.discount,
        Discount::Percent(1_000),
        "Anna's discount won"
    );
    let mut paid: Vec<Kopecks> = order.payments.iter().map(|p| p.amount).collect();
    paid.sort();
    assert_eq!(
        paid,
        vec![Kopecks::rubles(300), Kopecks::rubles(500)],
        "both payments kept"
    );
    assert_eq!(order.stage.stage_id, next, "moved once");
    assert_eq!(vera.order(hers.op.order_id()).number, 10_002);
    assert_eq!(vera.store().unsent_count().expect("count"), 0);

    let refused = vera.store().rejections().expect("rejections");
    let kinds: Vec<(&str, &str)> = refused
        .iter()
        .map(|r| (r.kind.as_str(), r.rejection.code.as_str()))
        .collect();
    assert!(
        kinds.contains(&("set_order_discount", "stale_version")),
        "{kinds:?}"
    );
    assert!(
        kinds.contains(&("advance_stage", "stale_stage")),
        "{kinds:?}"
    );
    let discount = refused
        .iter()
        .find(|r| r.kind == "set_order_discount")
        .expect("the discount refusal");
    let current: domain::Order = serde_json::from_str(
        discount
            .rejection
            .current
            .as_deref()
            .expect("the current order comes with the refusal"),
    )
    .expect("an order");
    assert_eq!(current.discount, Discount::Percent(1_000));
    // Nobody else's desk lists Vera's refusals.
    assert!(anna.store().rejections().expect("rejections").is_empty());
    // Two versions on every desk, the same ones: created, Anna's discount. Vera's
    // provisional version 2 was replaced, not kept beside it.
    let versions = vera.store().versions(order_id).expect("versions");
    assert_eq!(versions.len(), 2);
    assert_eq!(versions, anna.store().versions(order_id).expect("versions"));
    assert_eq!(versions[1].actor_name, "anna", "the hub names who did it");
    assert_eq!(
        team.seqs().await,
        (1..=team.seqs().await.len() as i64).collect::<Vec<_>>()
    );
    team.finish().await;
}

#[tokio::test]
async fn notes_are_last_writer_wins_in_hub_order_and_never_refused() {
    let team = Team::start("sync_notes").await;
    let anna = team.desk("anna", "manager").await;
    let gleb = team.desk("gleb", "picker").await;
    let order_id = anna.record(new_order(3, 900)).expect("order").op.order_id();
    anna.settle().await;
    gleb.settle().await;
    // Both write a note offline; Gleb's reaches the hub last, so it stands everywhere.
    let note = |text: &str| Op::SetComment {
        order_id,
        comment: Some(text.to_owned()),
    };
    anna.record(note("позвонить после 18:00"))
        .expect("anna's note");
    gleb.record(note("коробка помята")).expect("gleb's note");
    anna.settle().await;
    gleb.settle().await;
    anna.settle().await;
    assert_converged(&team, &[&anna, &gleb]).await;
    assert_eq!(
        anna.order(order_id).comment.as_deref(),
        Some("коробка помята")
    );
    assert!(anna.store().rejections().expect("rejections").is_empty());
    assert!(gleb.store().rejections().expect("rejections").is_empty());
    // Both edits stay in the order's history on every desk.
    let kinds = |d: &common::Desk| {
        d.store()
            .order_ops(order_id)
            .expect("ops")
            .iter()
            .filter(|o| o.kind == "set_comment")
            .count()
    };
    assert_eq!((kinds(&anna), kinds(&gleb)), (2, 2));
    team.finish().await;
}
