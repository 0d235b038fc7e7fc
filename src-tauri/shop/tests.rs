//! The running desk closed and opened again on a copy (what «Восстановить» does), with a
//! command still holding the desk, and a damaged copy that must leave the desk as it was.

use std::sync::Arc;
use std::time::{Duration, Instant};

use super::*;

fn launch(dir: &std::path::Path) -> Launch {
    Launch {
        data_dir: Some(dir.to_path_buf()),
        exit_after_render: false,
        clock_offset_minutes: 0,
        papers_dir: None,
        demo: true,
        link: None,
        hidden: false,
        alert_every: std::time::Duration::from_secs(60),
        started: Instant::now(),
    }
}

fn no_click() -> crate::watch::Hooks {
    crate::watch::Hooks {
        alert_click: std::sync::Arc::new(|_: &str| {}),
        overdue: std::sync::Arc::new(|_: u32| {}),
        lang: std::sync::Arc::new(|| proto::display::Lang::Ru),
    }
}

/// Not now: the desk's own daily copy, made as it opens, is named by the second it is made
/// in, and a copy of the test's at that second would be the same file.
fn an_hour_ago() -> jiff::Timestamp {
    jiff::Timestamp::now() - jiff::SignedDuration::from_hours(1)
}

fn stages(desk: &Desk) -> Vec<(String, u32)> {
    let now = jiff::Timestamp::now();
    let queue = desk.queue(now).expect("queue");
    queue.stages.into_iter().map(|s| (s.id, s.count)).collect()
}

#[test]
fn a_restore_waits_for_a_running_command_then_brings_the_copy_back_in_the_same_program() {
    let dir = tempfile::tempdir().expect("dir");
    let shop = Arc::new(Shop::open(
        dir.path().to_path_buf(),
        launch(dir.path()),
        no_click(),
    ));
    let desk = shop.desk().expect("open");
    let copy = desk.make_backup(an_hour_ago()).expect("copy");
    let before = stages(&desk);
    let first = desk
        .stage_orders("new", jiff::Timestamp::now())
        .expect("new")[0]
        .id
        .clone();
    desk.advance(&first, jiff::Timestamp::now()).expect("moved");
    assert_ne!(stages(&desk), before);

    // `desk` stands for a command still running: the restore must wait for it.
    let restoring = std::thread::spawn({
        let shop = Arc::clone(&shop);
        move || shop.restore(Which::Named(copy.name))
    });
    let started = Instant::now();
    while shop.desk().is_ok() {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the desk was never taken"
        );
        std::thread::yield_now();
    }
    let closed = shop.desk().err().expect("closed while restoring");
    assert_eq!(closed.code, ErrorCode::DeskClosed);
    assert!(
        !restoring.is_finished(),
        "nothing replaced while a command holds the desk"
    );
    drop(desk);

    let done = restoring.join().expect("thread").expect("restored");
    assert!(done.opened);
    assert!(done.set_aside.is_some());
    let reopened = shop.desk().expect("open again");
    assert_eq!(
        stages(&reopened),
        before,
        "the move after the copy is undone"
    );
    assert!(shop.recovery_view().problem.is_none());
}

#[test]
fn a_damaged_copy_leaves_the_running_desk_as_it_was() {
    let dir = tempfile::tempdir().expect("dir");
    let shop = Shop::open(dir.path().to_path_buf(), launch(dir.path()), no_click());
    let desk = shop.desk().expect("open");
    let copy = desk.make_backup(an_hour_ago()).expect("copy");
    let path = desk::backups::BackupPlace::read(dir.path())
        .folder
        .join(&copy.name);
    std::fs::write(&path, b"not a database").expect("damaged");
    drop(desk);
    let before = shop.desk().expect("open");

    let refused = shop.restore(Which::Named(copy.name)).expect_err("damaged");
    assert_eq!(refused.code, ErrorCode::BackupDamaged);
    let after = shop.desk().expect("still open");
    assert!(Arc::ptr_eq(&before, &after), "the desk was never closed");
}

#[test]
fn a_database_that_does_not_open_leaves_the_shop_closed_with_the_reason() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("orderdesk.sqlite3"), vec![0x5a_u8; 4096]).expect("junk");
    let shop = Shop::open(dir.path().to_path_buf(), launch(dir.path()), no_click());
    assert_eq!(
        shop.desk().err().expect("closed").code,
        ErrorCode::DeskClosed
    );
    let problem = shop.recovery_view().problem.expect("the reason");
    assert_eq!(problem.kind, proto::OpenProblemKind::NotADatabase);
    // Nothing to restore from: the window says so, the shop stays closed.
    let refused = shop.restore(Which::Latest).expect_err("no copies");
    assert_eq!(refused.code, ErrorCode::NotFound);
    assert!(shop.desk().is_err());
}
