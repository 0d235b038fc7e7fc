//! Putting a copy back through the API the window uses (issue 14, point 6): the backups
//! screen's copies, the recovery window's «restore the latest good copy», and why a database
//! did not open.

use std::path::Path;

use desk::backups::BackupPlace;
use desk::recovery::{open_problem, recovery_view, restore_latest, restore_named};
use desk::{Desk, DeskError};
use jiff::{SignedDuration, Timestamp};
use proto::{BackupKind, BackupSettings, ErrorCode, OpenProblemKind, Role, User};

fn now() -> Timestamp {
    "2025-03-03T12:00:00Z".parse().expect("valid instant")
}

fn later(minutes: i64) -> Timestamp {
    now() + SignedDuration::from_mins(minutes)
}

/// Every order with its stage and every op of it: what a restore must bring back whole.
fn everything(desk: &Desk) -> Vec<(String, String, usize)> {
    let queue = desk.queue(now()).expect("queue");
    let mut all = Vec::new();
    for stage in queue.stages {
        for row in desk.stage_orders(&stage.id, now()).expect("stage orders") {
            let ops = desk.order_ops(&row.id).expect("ops").len();
            all.push((row.id.clone(), stage.id.clone(), ops));
        }
    }
    all.sort();
    all
}

fn database(data: &Path) -> std::path::PathBuf {
    data.join("orderdesk.sqlite3")
}

/// The shop's file overwritten with junk, as a failing disk or a stray program leaves it.
fn ruin(data: &Path) -> Vec<u8> {
    let junk: Vec<u8> = (0..64 * 1024).map(|i| (i * 7 % 251) as u8).collect();
    std::fs::write(database(data), &junk).expect("junk");
    for side in ["orderdesk.sqlite3-wal", "orderdesk.sqlite3-shm"] {
        let _ = std::fs::remove_file(data.join(side));
    }
    junk
}

fn open_failure(data: &Path) -> DeskError {
    match Desk::open(data, now()) {
        Ok(_) => panic!("a ruined database opened"),
        Err(e) => e,
    }
}

#[test]
fn a_ruined_database_is_named_so_and_the_latest_copy_brings_every_order_op_and_product_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("shop");
    let desk = Desk::open_demo(&data, now()).expect("open");
    let first = desk.stage_orders("new", now()).expect("new orders")[0]
        .id
        .clone();
    desk.advance(&first, now()).expect("advanced");
    let before = everything(&desk);
    let products = desk.products().expect("products");
    let copy = desk.make_backup(now()).expect("backup");
    assert_eq!(copy.kind, BackupKind::Copy);
    assert!(copy.size_bytes > 0);
    // Work done after the copy is what a restore loses.
    let second = desk.stage_orders("new", now()).expect("new orders")[0]
        .id
        .clone();
    desk.advance(&second, later(5))
        .expect("advanced after the copy");
    assert_ne!(everything(&desk), before);
    drop(desk);

    let junk = ruin(&data);
    let problem = open_problem(&data, &open_failure(&data));
    assert_eq!(problem.kind, OpenProblemKind::NotADatabase, "{problem:?}");
    let offered = recovery_view(&data, Some(problem));
    assert_eq!(offered.copies[0].name, copy.name);

    let restored = restore_latest(&data, later(10)).expect("restored");
    assert_eq!(restored.backup.name(), copy.name);
    assert!(restored.skipped.is_empty());
    let aside = restored.set_aside.clone().expect("the ruined file is kept");
    assert_eq!(std::fs::read(&aside).expect("kept"), junk);
    let done = restored.done(None, false);
    assert_eq!(
        done.restored.made_at_text, "03.03.2025 15:00",
        "Moscow time"
    );

    let desk = Desk::open(&data, later(11)).expect("the copy opens");
    assert_eq!(everything(&desk), before);
    assert_eq!(desk.products().expect("products"), products);
    // The file set aside is listed as what it is, and never taken as «the latest copy».
    let kinds: Vec<_> = desk
        .backups()
        .expect("list")
        .iter()
        .map(|b| b.kind)
        .collect();
    assert_eq!(kinds, [BackupKind::BeforeRestore, BackupKind::Copy]);
}

#[test]
fn a_damaged_copy_replaces_nothing_and_the_latest_good_one_is_taken_instead() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("shop");
    let desk = Desk::open_demo(&data, now()).expect("open");
    let good = desk.make_backup(now()).expect("older copy");
    let first = desk.stage_orders("new", now()).expect("new orders")[0]
        .id
        .clone();
    desk.advance(&first, later(1)).expect("advanced");
    let newer = desk.make_backup(later(2)).expect("newer copy");
    let live = everything(&desk);
    drop(desk);
    // Half the newer copy is gone (a full disk, a bad stick).
    let newer_path = BackupPlace::read(&data).folder.join(&newer.name);
    let bytes = std::fs::read(&newer_path).expect("copy");
    std::fs::write(&newer_path, &bytes[..bytes.len() / 2]).expect("cut");
    let db_before = std::fs::read(database(&data)).expect("db");

    let refused = restore_named(&data, &newer.name, later(3)).expect_err("damaged");
    assert!(
        matches!(refused, DeskError::BackupDamaged(_)),
        "{refused:?}"
    );
    assert_eq!(refused.code(), ErrorCode::BackupDamaged);
    assert_eq!(std::fs::read(database(&data)).expect("db"), db_before);
    let desk = Desk::open(&data, later(4)).expect("the shop as it was");
    assert_eq!(everything(&desk), live);
    assert!(
        desk.backups()
            .expect("list")
            .iter()
            .all(|b| b.kind != BackupKind::BeforeRestore),
        "nothing was set aside for a restore that did not happen"
    );
    drop(desk);

    let restored = restore_latest(&data, later(5)).expect("the older copy");
    assert_eq!(restored.backup.name(), good.name);
    assert_eq!(restored.skipped.len(), 1);
    assert_eq!(restored.skipped[0].name(), newer.name);
}

#[test]
fn an_unknown_copy_name_is_not_found_and_names_no_other_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("shop");
    drop(Desk::open_demo(&data, now()).expect("open"));
    for name in [
        "orderdesk-20250101-000000.sqlite3",
        "../shop/orderdesk.sqlite3",
    ] {
        let refused = restore_named(&data, name, now()).expect_err("no such copy");
        assert_eq!(refused.code(), ErrorCode::NotFound, "{name}");
    }
    let refused = restore_latest(&data, now()).expect_err("no copies at all");
    assert_eq!(refused.code(), ErrorCode::NotFound);
}

#[test]
fn only_the_administrator_works_with_backups() {
    let dir = tempfile::tempdir().expect("tempdir");
    let desk = Desk::open_demo(&dir.path().join("shop"), now()).expect("open");
    let copy = desk.make_backup(now()).expect("the administrator's copy");
    desk.set_user(User {
        id: "maria".into(),
        name: "Иванова Мария".into(),
        role: Role::Manager,
    });
    let code = |r: Result<(), DeskError>| r.expect_err("refused").code();
    assert_eq!(code(desk.backups_view().map(drop)), ErrorCode::Forbidden);
    assert_eq!(
        code(desk.make_backup(now()).map(drop)),
        ErrorCode::Forbidden
    );
    assert_eq!(code(desk.check_copy(&copy.name)), ErrorCode::Forbidden);
    let settings = BackupSettings {
        folder: String::new(),
        keep: 3,
    };
    assert_eq!(
        code(desk.set_backup_settings(settings).map(drop)),
        ErrorCode::Forbidden
    );
}

#[test]
fn copies_go_to_the_folder_chosen_on_this_pc_and_as_many_as_chosen_are_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("shop");
    let chosen = dir.path().join("usb").join("orderdesk");
    let desk = Desk::open_demo(&data, now()).expect("open");
    let screen = desk
        .set_backup_settings(BackupSettings {
            folder: chosen.display().to_string(),
            keep: 3,
        })
        .expect("saved");
    assert_eq!(screen.folder, chosen.display().to_string());
    assert_eq!(
        screen.default_folder,
        data.join("backups").display().to_string()
    );
    for minute in 0..5 {
        desk.make_backup(later(minute)).expect("copy");
    }
    let screen = desk.backups_view().expect("screen");
    assert_eq!(screen.keep, 3);
    assert_eq!(screen.copies.len(), 3);
    assert_eq!(screen.copies[0].made_at, later(4).as_millisecond());
    assert!(chosen.join(&screen.copies[0].name).is_file());
    // A folder that cannot be a folder (a file is in its way) is refused and nothing changes.
    let blocked = dir.path().join("a-file");
    std::fs::write(&blocked, b"x").expect("file");
    let refused = desk
        .set_backup_settings(BackupSettings {
            folder: blocked.join("copies").display().to_string(),
            keep: 3,
        })
        .expect_err("refused");
    assert_eq!(refused.code(), ErrorCode::BackupFolder);
    assert_eq!(BackupPlace::read(&data).folder, chosen);
    desk.check_copy(&screen.copies[0].name)
        .expect("a whole copy");
}

#[test]
fn a_database_of_a_newer_version_and_one_in_use_are_named_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("shop");
    let desk = Desk::open_demo(&data, now()).expect("open");
    let in_use = open_problem(&data, &open_failure(&data));
    assert_eq!(in_use.kind, OpenProblemKind::InUse, "{in_use:?}");
    drop(desk);
    let conn = rusqlite::Connection::open(database(&data)).expect("file");
    conn.pragma_update(None, "user_version", 9999)
        .expect("a newer version's mark");
    drop(conn);
    let newer = open_problem(&data, &open_failure(&data));
    assert_eq!(newer.kind, OpenProblemKind::NewerVersion, "{newer:?}");
}
