//! Issue 15, point 4: a payment voided and a refund pushed by one desk are judged by the hub
//! with the domain's rules, stored with their effect on the order and relayed to another desk
//! with their reason; a void of a payment the order does not have is refused.

use super::*;

fn payment(order_id: Uuid, id: Uuid, rubles: i64) -> OpEnvelope {
    envelope(Op::RecordPayment {
        order_id,
        payment: domain::Payment {
            id,
            amount: Kopecks::rubles(rubles),
            method: PaymentMethod::CashOnDelivery,
            at: at(),
            note: None,
            corrects: None,
        },
    })
}

#[tokio::test]
async fn a_void_and_a_refund_are_judged_stored_and_relayed_with_their_reason() {
    let f = Fixture::start("hub_payfix", |_| {}).await;
    let shop = admin::create_shop(&f.pool, "Shop").await.expect("shop");
    let anna = f.member(shop, "manager").await;
    let other_desk = f.member(shop, "dispatcher").await;
    let create = new_order();
    let order_id = create.op.order_id();
    let (first, twice) = (Uuid::now_v7(), Uuid::now_v7());
    let void = envelope(Op::VoidPayment {
        order_id,
        payment_id: twice,
        entry_id: Uuid::now_v7(),
        at: at(),
        reason: "Провели оплату дважды".into(),
    });
    let refund = envelope(Op::RefundPayment {
        order_id,
        entry_id: Uuid::now_v7(),
        amount: Kopecks::rubles(500),
        method: PaymentMethod::BankTransfer,
        at: at(),
        reason: "Скидка после оплаты".into(),
    });
    let unknown = envelope(Op::VoidPayment {
        order_id,
        payment_id: Uuid::now_v7(),
        entry_id: Uuid::now_v7(),
        at: at(),
        reason: "нет такой оплаты".into(),
    });
    let r = f
        .push(
            &anna,
            &[
                &create,
                &payment(order_id, first, 3_000),
                &payment(order_id, twice, 3_000),
                &void,
                &refund,
                &unknown,
            ],
        )
        .await;
    for i in 0..5 {
        assert!(
            matches!(outcome(&r, i), OpOutcome::Accepted { .. }),
            "op {i}: {:?}",
            outcome(&r, i)
        );
    }
    assert!(matches!(
        outcome(&r, 5),
        OpOutcome::Rejected {
            code: RejectCode::Invalid,
            ..
        }
    ));

    // The order the hub keeps: four entries, the void naming the payment it takes back.
    let client = f.pool.get().await.expect("connection");
    let row = client
        .query_one("SELECT body FROM orders WHERE id = $1", &[&order_id])
        .await
        .expect("the order");
    let order: Order = serde_json::from_value(row.get::<_, Value>(0)).expect("an order");
    assert_eq!(order.payments.len(), 4);
    assert_eq!(order.payments[2].corrects, Some(twice));
    assert_eq!(order.payments[2].amount, Kopecks::rubles(-3_000));
    assert_eq!(order.paid(), Ok(Kopecks::rubles(2_500)));

    // Another desk pulls both with their kind and reason.
    let page = f.pull(&other_desk, 0).await;
    let ops = page["ops"].as_array().expect("ops");
    let kinds: Vec<&str> = ops
        .iter()
        .filter_map(|o| o["envelope"]["op"]["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "create_order",
            "record_payment",
            "record_payment",
            "void_payment",
            "refund_payment"
        ]
    );
    assert_eq!(ops[3]["envelope"]["op"]["reason"], "Провели оплату дважды");
    assert_eq!(ops[4]["envelope"]["op"]["amount"], 50_000);
    let relayed: OpEnvelope =
        serde_json::from_value(ops[4]["envelope"].clone()).expect("a desk reads it back");
    assert_eq!(relayed.op, refund.op);
    drop(client);
    f.finish().await;
}
