//! Shop settings and the catalogue travel through the hub: an administrator's workflow and
//! requisites edits and a product reach the other desks (and a desk joining later); the hub
//! refuses a manager's workflow edit.

mod common;

use common::{new_order, now, Team};
use domain::{
    Actor, Kopecks, Product, Quantity, Requisites, Role, ShopOp, ShopOpEnvelope, WorkflowEdit,
};
use proto::sync::{OpOutcome, PushRequest, RejectCode, PROTOCOL_VERSION};
use store::{NewShopOp, NewWorkflowEdit};
use sync::Transport;
use uuid::Uuid;

fn requisites() -> Requisites {
    Requisites {
        name: "ООО «Чайник»".into(),
        inn: "7707083893".into(),
        address: "Москва, Тверская, 1".into(),
        ..Requisites::default()
    }
}

/// Replaces `workflow_edits_stay_out_of_the_sync_push`: shop-level ops (no order) used to be
/// kept out of the push because the hub could not read them; now they travel, and the ops
/// after them are not held back.
#[tokio::test]
async fn workflow_and_requisites_edits_reach_the_other_desks_through_the_hub() {
    let team = Team::start("sync_settings").await;
    let anna = team.desk("anna", "admin").await;
    let boris = team.desk("boris", "manager").await;

    anna.store()
        .edit_workflow(NewWorkflowEdit {
            id: Uuid::now_v7(),
            actor: anna.actor.clone(),
            at: now(),
            edit: WorkflowEdit::Rename {
                stage: "call".into(),
                name: "Звонок клиенту".into(),
            },
        })
        .expect("anna renames a stage");
    anna.store()
        .record_shop_op(NewShopOp {
            id: Uuid::now_v7(),
            actor: anna.actor.clone(),
            at: now(),
            op: ShopOp::SetRequisites {
                requisites: requisites(),
            },
        })
        .expect("anna fills in the requisites");
    let product = Product {
        id: Uuid::now_v7(),
        sku: "TEAPOT-2".into(),
        name: "Заварник".into(),
        unit: "шт".into(),
        price: Kopecks::rubles(900),
        vat: None,
        location: "A-01".into(),
        stock: Quantity::units(7),
        // The catalogue screen's fields travel with the product (migration 0029).
        barcode: "4600000000011".into(),
        weight_g: Some(450),
        archived: true,
    };
    anna.store()
        .record_shop_op(NewShopOp {
            id: Uuid::now_v7(),
            actor: anna.actor.clone(),
            at: now(),
            op: ShopOp::SetProduct {
                product: product.clone(),
            },
        })
        .expect("anna adds a product");
    let order = anna
        .record(new_order(7, 1_000))
        .expect("an order after them");
    assert_eq!(anna.store().unsent_count().expect("count"), 4);

    anna.settle().await;
    assert_eq!(anna.store().unsent_count().expect("count"), 0);
    boris.settle().await;

    let stage = |desk: &common::Desk| {
        desk.store()
            .workflow()
            .expect("workflow")
            .stage("call")
            .map(|s| s.name.clone())
    };
    assert_eq!(stage(&boris).as_deref(), Some("Звонок клиенту"));
    assert_eq!(
        boris.store().requisites().expect("requisites"),
        Some(requisites())
    );
    assert_eq!(
        boris.store().product(product.id).expect("product"),
        Some(product.clone())
    );
    assert_eq!(boris.order(order.op.order_id()).id, order.op.order_id());
    assert_eq!(team.seqs().await, vec![1, 2, 3, 4]);

    // A desk joining later pulls the settings with the rest of the shop's history.
    let vera = team.desk("vera", "picker").await;
    vera.settle().await;
    assert_eq!(stage(&vera).as_deref(), Some("Звонок клиенту"));
    assert_eq!(
        vera.store().requisites().expect("requisites"),
        Some(requisites())
    );
    assert_eq!(
        vera.store().product(product.id).expect("product"),
        Some(product)
    );
    team.finish().await;
}

#[tokio::test]
async fn the_hub_refuses_a_managers_workflow_and_requisites_edits() {
    let team = Team::start("sync_settings_role").await;
    let boris = team.desk("boris", "manager").await;
    // The desk refuses it too; a desk claiming to be an admin is not believed either: the
    // role checked is the user's role on the hub.
    let forged = |op: ShopOp, seq: i64| ShopOpEnvelope {
        id: Uuid::now_v7(),
        device_id: Uuid::now_v7(),
        device_seq: seq,
        actor: Actor {
            id: "boris".into(),
            name: "Борис".into(),
            role: Role::Admin,
        },
        at: now(),
        op,
    };
    let ops = [
        forged(
            ShopOp::EditWorkflow {
                edit: WorkflowEdit::Rename {
                    stage: "call".into(),
                    name: "Моё".into(),
                },
            },
            1,
        ),
        forged(
            ShopOp::SetRequisites {
                requisites: requisites(),
            },
            2,
        ),
    ];
    let answer = boris
        .hub
        .push(&PushRequest {
            protocol: PROTOCOL_VERSION,
            ops: ops
                .iter()
                .map(|o| serde_json::to_value(o).expect("json"))
                .collect(),
        })
        .await
        .expect("push");
    for (i, r) in answer.results.iter().enumerate() {
        match &r.outcome {
            OpOutcome::Rejected { code, current, .. } => {
                assert_eq!(*code, RejectCode::Forbidden);
                // The workflow as the hub has it; the requisites are not filled in yet.
                assert_eq!(
                    current.is_some(),
                    i == 0,
                    "the refusal carries the hub's value"
                );
            }
            other => panic!("a manager's settings edit was {other:?}"),
        }
    }
    assert!(team.seqs().await.is_empty());
    // Boris's own desk refuses it before it is ever sent.
    assert!(boris
        .store()
        .record_shop_op(NewShopOp {
            id: Uuid::now_v7(),
            actor: boris.actor.clone(),
            at: now(),
            op: ShopOp::SetRequisites {
                requisites: requisites(),
            },
        })
        .is_err());
    team.finish().await;
}

/// Bug fixed: products a desk kept before it joined (its own imports or edits) were never
/// pushed, so the team's other PCs did not know them. Now the first join shares them, once.
#[tokio::test]
async fn a_desk_that_worked_alone_brings_its_catalogue_when_it_joins() {
    let team = Team::start("sync_catalogue").await;
    let anna = team
        .desk_with("anna", "admin", |store| {
            store
                .upsert_catalog(
                    vec![store::CatalogEntry {
                        sku: "KETTLE".into(),
                        name: Some("Чайник".into()),
                        unit: Some("шт".into()),
                        price: Some(Kopecks::rubles(1_500)),
                        stock: Some(Quantity::units(7)),
                    }],
                    jiff::Timestamp::now(),
                )
                .expect("a catalogue kept alone");
        })
        .await;
    let boris = team.desk("boris", "manager").await;
    anna.sync().await.expect("anna pushes");
    boris.sync().await.expect("boris pulls");
    let products = boris.store().products().expect("products");
    assert_eq!(products.len(), 1, "{products:?}");
    assert_eq!(products[0].sku, "KETTLE");
    assert_eq!(products[0].name, "Чайник");
    assert_eq!(products[0].price, Kopecks::rubles(1_500));
    assert_eq!(products[0].stock, Quantity::units(7));
    assert_eq!(
        products[0].id,
        anna.store().products().expect("products")[0].id,
        "the same product, not a copy"
    );
    // Joining again (a restart re-joins) shares nothing twice.
    anna.store().join_team(now()).expect("joined again");
    assert!(anna.store().unsent_ops(10).expect("unsent").is_empty());
    team.finish().await;
}
