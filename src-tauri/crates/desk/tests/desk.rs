//! The desk API against real SQLite files in temporary directories.

use desk::{Desk, DeskError};
use jiff::{SignedDuration, Timestamp};
use proto::{CommandError, ErrorCode};

fn now() -> Timestamp {
    "2025-03-03T12:00:00Z".parse().expect("valid instant")
}

fn later(minutes: i64) -> Timestamp {
    now()
        .checked_add(SignedDuration::from_mins(minutes))
        .expect("in range")
}

fn total_orders(desk: &Desk) -> u32 {
    let queue = desk.queue(now()).expect("queue");
    queue.stages.iter().map(|s| s.count).sum()
}

fn first_in(desk: &Desk, stage: &str) -> proto::OrderRow {
    desk.stage_orders(stage, now())
        .expect("stage orders")
        .into_iter()
        .next()
        .expect("demo has orders in every stage")
}

/// Customers' names, phones and addresses: on a shared PC no other account may read them.
#[cfg(unix)]
#[test]
fn the_shops_folder_and_database_are_its_owners_alone() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("profile");
    let desk = Desk::open_demo(&data, now()).expect("open");
    let mode =
        |p: &std::path::Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    assert_eq!(mode(&data), 0o700);
    for file in ["orderdesk.sqlite3", "orderdesk.sqlite3-wal"] {
        let path = data.join(file);
        if path.exists() {
            assert_eq!(mode(&path), 0o600, "{file}");
        }
    }
    drop(desk);
}

/// Two desks on one data directory would run the same push queue and sync loop twice: the
/// second is refused with a code of its own, and opens once the first is closed.
#[test]
fn a_second_desk_on_the_same_data_dir_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("profile");
    let first = Desk::open_demo(&data, now()).expect("first desk");
    let refused = match Desk::open_demo(&data, now()) {
        Ok(_) => panic!("two desks opened one data directory"),
        Err(e) => CommandError::from(e),
    };
    let code = serde_json::to_value(refused.code).expect("code");
    assert_eq!(code, "data_in_use", "{refused:?}");
    assert!(
        refused.message.contains("уже открыта"),
        "{}",
        refused.message
    );
    drop(first);
    Desk::open_demo(&data, now()).expect("opens once the first is closed");
}

#[test]
fn opening_twice_seeds_the_demo_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("nested").join("profile");
    drop(Desk::open_demo(&data, now()).expect("first open"));
    let desk = Desk::open_demo(&data, later(60)).expect("second open");
    assert_eq!(total_orders(&desk), 300);
    assert!(data.join("orderdesk.sqlite3").is_file());
}

#[test]
fn queue_lists_every_stage_and_counts_sum_to_the_orders() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let queue = desk.queue(now()).expect("queue");
    let ids: Vec<&str> = queue.stages.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "new",
            "call",
            "picking",
            "courier_call",
            "awaiting_payment",
            "courier_delivery",
            "post_delivery",
            "cash_in",
            "done",
            "cancelled"
        ]
    );
    let mut listed = 0;
    for stage in &queue.stages {
        assert!(stage.count > 0, "{} is empty", stage.id);
        let rows = desk.stage_orders(&stage.id, now()).expect("rows");
        assert_eq!(rows.len(), stage.count as usize);
        listed += rows.len();
    }
    assert_eq!(listed, 300);
    let done = queue.stages.iter().find(|s| s.id == "done").expect("done");
    assert!(done.count >= 60, "a good share is done");
}

#[test]
fn overdue_counts_follow_the_now_passed_in() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let queue = desk.queue(now()).expect("queue");
    for stage in &queue.stages {
        let rows = desk.stage_orders(&stage.id, now()).expect("rows");
        let flagged = rows.iter().filter(|r| r.overdue).count();
        assert_eq!(stage.overdue as usize, flagged, "{}", stage.id);
    }
    let overdue: u32 = queue.stages.iter().map(|s| s.overdue).sum();
    assert!(
        overdue > 0,
        "some demo orders are overdue at the open instant"
    );
    // A month on, every order in a stage with a time limit is overdue; none in "done".
    let month = desk.queue(later(30 * 24 * 60)).expect("queue");
    for stage in &month.stages {
        match stage.id.as_str() {
            "done" | "cancelled" => assert_eq!(stage.overdue, 0),
            _ => assert_eq!(stage.overdue, stage.count, "{}", stage.id),
        }
    }
    // Before any order entered its stage nothing is overdue.
    let before = desk.queue(later(-40 * 24 * 60)).expect("queue");
    assert!(before.stages.iter().all(|s| s.overdue == 0));
}

#[test]
fn stage_orders_come_most_urgent_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let rows = desk.stage_orders("call", now()).expect("rows");
    let deadlines: Vec<i64> = rows.iter().filter_map(|r| r.deadline).collect();
    assert_eq!(deadlines.len(), rows.len());
    assert!(deadlines.windows(2).all(|w| w[0] <= w[1]));
}

#[test]
fn advance_persists_across_close_and_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let row = first_in(&desk, "new");
    let moved = desk.advance(&row.id, later(5)).expect("advance");
    assert_eq!(moved.stage_id, "call");
    assert_eq!(moved.stage_name, "Отзвон");
    assert_eq!(moved.stage_entered_at, later(5).as_millisecond());
    assert_eq!(moved.deadline, Some(later(5 + 120).as_millisecond()));
    assert_eq!(moved.next_stage.as_deref(), Some("picking"));
    assert_eq!(moved.next_stage_name.as_deref(), Some("Комплектация"));
    drop(desk);

    let desk = Desk::open_demo(dir.path(), later(10)).expect("reopen");
    let order = desk.order(&row.id).expect("order");
    assert_eq!(order.stage_id, "call");
    assert_eq!(total_orders(&desk), 300);
}

#[test]
fn advance_writes_an_op_row_with_the_effect() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let row = first_in(&desk, "picking");
    assert!(
        desk.order_ops(&row.id).expect("ops").is_empty(),
        "demo writes no ops"
    );
    let moved = desk.advance(&row.id, later(1)).expect("advance");
    let ops = desk.order_ops(&row.id).expect("ops");
    assert_eq!(ops.len(), 1);
    let op = &ops[0];
    assert_eq!(op.kind, "advance_stage");
    assert_eq!(op.actor_id, "admin");
    assert_eq!(op.actor_name, "Администратор");
    assert_eq!(op.at, later(1));
    // The device's first op is the choice of the demo (the first run's op).
    assert_eq!(op.device_seq, 2);
    assert!(op.payload.contains(&moved.stage_id), "{}", op.payload);
    assert!(op.before.as_deref().is_some_and(|b| b.contains("picking")));
    assert!(op
        .after
        .as_deref()
        .is_some_and(|a| a.contains(&moved.stage_id)));
}

#[test]
fn advance_from_done_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let row = first_in(&desk, "done");
    let detail = desk.order(&row.id).expect("order");
    assert_eq!(detail.next_stage, None);
    let err = desk
        .advance(&row.id, now())
        .expect_err("nothing follows done");
    assert!(
        matches!(err, DeskError::TransitionNotAllowed { .. }),
        "{err:?}"
    );
    assert_eq!(err.code(), ErrorCode::TransitionNotAllowed);
    let shown = CommandError::from(err);
    assert!(shown.message.contains("Завершён"), "{}", shown.message);
    assert!(desk.order_ops(&row.id).expect("ops").is_empty());
}

#[test]
fn unknown_ids_are_not_found() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    for id in ["nope", "01890a5d-ac96-774b-bcce-b302099a8057"] {
        let err = desk.order(id).expect_err("absent");
        assert_eq!(err.code(), ErrorCode::NotFound);
        let err = desk.advance(id, now()).expect_err("absent");
        assert_eq!(err.code(), ErrorCode::NotFound);
        let shown = CommandError::from(err);
        assert_eq!(shown.message, "Заказ не найден — возможно, он удалён.");
    }
    let err = desk.stage_orders("nope", now()).expect_err("no such stage");
    assert_eq!(err.code(), ErrorCode::NotFound);
}

#[test]
fn pickup_orders_skip_the_delivery_stages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    let pickups: Vec<String> = ["picking", "cash_in"]
        .iter()
        .flat_map(|stage| desk.stage_orders(stage, now()).expect("rows"))
        .map(|r| r.id)
        .filter(|id| desk.order(id).expect("order").delivery == proto::DeliveryMethod::Pickup)
        .collect();
    assert!(
        !pickups.is_empty(),
        "the demo has pickup orders in picking/cash_in"
    );
    for id in pickups {
        let mut visited = Vec::new();
        loop {
            let order = desk.order(&id).expect("order");
            if order.next_stage.is_none() {
                assert_eq!(order.stage_id, "done");
                break;
            }
            // A prepaid order leaves the payment wait only once paid (its stage's guard).
            if order.stage_id == "awaiting_payment" && order.paid < order.total {
                desk.record_payment(
                    &id,
                    proto::NewPayment {
                        amount: order.total - order.paid,
                        method: order.payment,
                        note: None,
                    },
                    later(1),
                )
                .expect("paid");
            }
            let moved = desk.advance(&id, later(1)).expect("advance");
            assert_eq!(Some(moved.stage_id.clone()), order.next_stage);
            visited.push(moved.stage_id);
        }
        for skipped in ["courier_call", "courier_delivery", "post_delivery"] {
            assert!(
                !visited.iter().any(|s| s == skipped),
                "{id} went via {skipped}: {visited:?}"
            );
        }
        assert_eq!(visited.last().map(String::as_str), Some("done"));
    }
}

#[test]
fn order_card_totals_add_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(dir.path(), now()).expect("open");
    for stage in ["new", "courier_delivery", "done"] {
        for row in desk.stage_orders(stage, now()).expect("rows") {
            let o = desk.order(&row.id).expect("order");
            assert_eq!(o.total, row.total);
            assert_eq!(o.subtotal, o.lines.iter().map(|l| l.amount).sum::<i64>());
            assert_eq!(o.total, o.subtotal - o.discount + o.delivery_cost);
            assert!(o.total >= 0 && o.phone.len() == 11 && o.phone.starts_with('7'));
        }
    }
}

#[test]
fn desk_can_be_shared_between_threads() {
    fn shared<T: Send + Sync + 'static>() {}
    shared::<Desk>();
}
