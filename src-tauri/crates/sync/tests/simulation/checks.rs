//! What must hold once everything has settled.

use uuid::Uuid;

use crate::common::{Desk, Team};

/// Every op made is either in the shop's history once or refused with a code; never both,
/// never neither; the history's numbers have no gaps.
pub async fn history(team: &Team, desks: &[Desk], made: &[Uuid]) {
    let seqs = team.seqs().await;
    let expected: Vec<i64> = (1..=i64::try_from(seqs.len()).expect("len")).collect();
    assert_eq!(seqs, expected, "the shop's sequence has gaps");
    let client = team.pool.get().await.expect("conn");
    for op in made {
        let accepted: i64 = client
            .query_one(
                "SELECT COUNT(*) FROM ops WHERE shop_id = $1 AND id = $2",
                &[&team.shop, op],
            )
            .await
            .expect("count")
            .get(0);
        let refused: Vec<String> = client
            .query(
                "SELECT code FROM rejections WHERE shop_id = $1 AND op_id = $2",
                &[&team.shop, op],
            )
            .await
            .expect("codes")
            .into_iter()
            .map(|r| r.get(0))
            .collect();
        assert!(
            (accepted == 1 && refused.is_empty()) || (accepted == 0 && refused.len() == 1),
            "op {op}: accepted {accepted} times, refused {refused:?}"
        );
    }
    for desk in desks {
        assert_eq!(
            desk.store().unsent_count().expect("count"),
            0,
            "{} has unsent ops",
            desk.name
        );
    }
}

/// Every order sits in a stage of the workflow on its route (or a closed one), and its
/// versions are numbered 1..=version without gaps on every desk.
pub async fn workflow(team: &Team, desks: &[Desk]) {
    let shop = domain::Shop::default_template();
    for order in team.orders().await {
        let stage = shop
            .workflow
            .stage(&order.stage.stage_id)
            .unwrap_or_else(|| panic!("order {} in unknown stage", order.number));
        assert!(
            stage.is_closed() || stage.is_on_route(order.delivery, order.payment),
            "order {} in {} off its route",
            order.number,
            stage.id
        );
        for desk in desks {
            let numbers: Vec<i64> = desk
                .store()
                .versions(order.id)
                .expect("versions")
                .iter()
                .map(|v| v.number)
                .collect();
            assert_eq!(
                numbers,
                (1..=order.version).collect::<Vec<_>>(),
                "{}",
                desk.name
            );
        }
    }
}
