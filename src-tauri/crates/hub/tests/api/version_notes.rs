//! Issue 15, point 9: a version's note pushed by one desk is judged by the hub with the
//! domain's rules and relayed to another desk as the same op; a note on a version the order
//! does not have, or past the bound, is refused.

use super::*;

fn note(order_id: Uuid, version: i64, text: String) -> OpEnvelope {
    envelope(Op::NoteVersion {
        order_id,
        version,
        note: Some(text),
    })
}

#[tokio::test]
async fn a_version_note_is_judged_and_relayed_and_a_bad_one_refused() {
    let f = Fixture::start("hub_vernote", |_| {}).await;
    let shop = admin::create_shop(&f.pool, "Shop").await.expect("shop");
    let anna = f.member(shop, "manager").await;
    let other_desk = f.member(shop, "manager").await;
    let create = new_order();
    let order_id = create.op.order_id();
    let noted = note(order_id, 1, "клиент просил без чехла".into());
    let r = f
        .push(
            &anna,
            &[
                &create,
                &noted,
                &note(order_id, 2, "нет такой версии".into()),
                &note(order_id, 1, "ж".repeat(domain::VERSION_NOTE_MAX + 1)),
            ],
        )
        .await;
    for i in 0..2 {
        assert!(
            matches!(outcome(&r, i), OpOutcome::Accepted { .. }),
            "op {i}: {:?}",
            outcome(&r, i)
        );
    }
    for i in 2..4 {
        assert!(
            matches!(
                outcome(&r, i),
                OpOutcome::Rejected {
                    code: RejectCode::Invalid,
                    ..
                }
            ),
            "op {i}: {:?}",
            outcome(&r, i)
        );
    }

    let page = f.pull(&other_desk, 0).await;
    let ops = page["ops"].as_array().expect("ops");
    let kinds: Vec<&str> = ops
        .iter()
        .filter_map(|o| o["envelope"]["op"]["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["create_order", "note_version"]);
    assert_eq!(ops[1]["envelope"]["op"]["note"], "клиент просил без чехла");
    let relayed: OpEnvelope =
        serde_json::from_value(ops[1]["envelope"].clone()).expect("a desk reads it back");
    assert_eq!(relayed.op, noted.op);
    f.finish().await;
}
