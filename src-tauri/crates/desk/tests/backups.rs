//! Copies of the shop's database: made while the desk works, checked, put back whole.

use desk::Desk;
use jiff::{SignedDuration, Timestamp};

fn now() -> Timestamp {
    "2025-03-03T12:00:00Z".parse().expect("valid instant")
}

fn orders(desk: &Desk) -> Vec<(String, String)> {
    let queue = desk.queue(now()).expect("queue");
    let mut all = Vec::new();
    for stage in queue.stages {
        for row in desk.stage_orders(&stage.id, now()).expect("stage orders") {
            all.push((row.number.clone(), row.id.clone()));
        }
    }
    all.sort();
    all
}

#[test]
fn backup_then_delete_the_database_then_restore_brings_every_order_op_and_product_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("shop");
    let desk = Desk::open_demo(&data, now()).expect("open");
    let before = orders(&desk);
    let some = &before[0].1;
    let history = desk.history(some).expect("history");
    let products = desk.products().expect("products");
    let copy = desk.backup_now(now()).expect("backup");
    drop(desk);
    for file in [
        "orderdesk.sqlite3",
        "orderdesk.sqlite3-wal",
        "orderdesk.sqlite3-shm",
    ] {
        let _ = std::fs::remove_file(data.join(file));
    }
    desk::restore_backup(&data, &copy.path).expect("restore");
    let desk = Desk::open_demo(&data, now()).expect("reopen");
    assert_eq!(orders(&desk), before);
    assert_eq!(desk.history(some).expect("history"), history);
    assert_eq!(desk.products().expect("products"), products);
}

#[test]
fn a_damaged_copy_replaces_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("shop");
    let desk = Desk::open_demo(&data, now()).expect("open");
    let before = orders(&desk);
    let copy = desk.backup_now(now()).expect("backup");
    drop(desk);
    // Half the copy is gone (a full disk, a bad stick).
    let bytes = std::fs::read(&copy.path).expect("copy");
    std::fs::write(&copy.path, &bytes[..bytes.len() / 2]).expect("cut");
    assert!(desk::restore_backup(&data, &copy.path).is_err());
    let desk = Desk::open_demo(&data, now()).expect("the shop as it was");
    assert_eq!(orders(&desk), before);
}

#[test]
fn a_copy_is_made_daily_and_the_newest_fourteen_are_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(&dir.path().join("shop"), now()).expect("open");
    assert!(desk.backup_if_due(now()).expect("first").is_some());
    let hour_later = now() + SignedDuration::from_hours(1);
    assert!(desk.backup_if_due(hour_later).expect("same day").is_none());
    for day in 1..=20 {
        let at = now() + SignedDuration::from_hours(24 * day);
        assert!(
            desk.backup_if_due(at).expect("next day").is_some(),
            "day {day}"
        );
    }
    let kept = desk.backups().expect("backups");
    assert_eq!(kept.len(), 14);
    assert_eq!(kept[0].made_at, now() + SignedDuration::from_hours(24 * 20));
}
