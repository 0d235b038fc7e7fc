//! Staff and sign-in on a shared PC (issue 14, point 3), against real SQLite files: people
//! with a PIN sign in, a wrong PIN is refused in Russian and five in a row wait 30 s (the
//! instant passed in), the one signed in is the actor of every op, a removed person cannot
//! sign in, a locked desk changes nothing, and the person is remembered across a restart
//! with the lock asking the PIN.

use std::path::Path;
use std::sync::Arc;

use channels::MemorySecrets;
use desk::Desk;
use jiff::{SignedDuration, Timestamp};
use proto::{ErrorCode, PersonInput, Role, SessionState};

fn now() -> Timestamp {
    "2026-03-02T07:30:00Z".parse().expect("instant")
}

fn open(dir: &Path) -> Desk {
    Desk::open_demo_with_secrets(dir, now(), Arc::new(MemorySecrets::default())).expect("open")
}

fn person(name: &str, role: Role, pin: &str) -> PersonInput {
    PersonInput {
        id: None,
        name: name.into(),
        phone: "+7 900 000-00-00".into(),
        email: String::new(),
        role,
        pin: Some(pin.into()),
    }
}

/// The demo shop (nobody with a PIN yet) gets its administrator and a manager.
fn staffed(desk: &Desk) -> (String, String) {
    let admin = desk
        .save_person(person("Иванова Мария", Role::Admin, "1357"), now())
        .expect("admin");
    let manager = desk
        .save_person(person("Петров Сергей", Role::Manager, "2468"), now())
        .expect("manager");
    (admin.id, manager.id)
}

fn error_of(e: desk::DeskError) -> proto::CommandError {
    proto::CommandError::from(e)
}

#[test]
fn a_wrong_pin_is_refused_in_russian_and_the_right_one_signs_in() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let (_, manager) = staffed(&desk);
    desk.switch_user().expect("switch");
    assert_eq!(
        desk.session().expect("session").state,
        SessionState::SignedOut
    );

    let wrong = error_of(
        desk.sign_in(&manager, "0000", now())
            .expect_err("wrong PIN"),
    );
    assert_eq!(wrong.code, ErrorCode::InvalidInput);
    assert!(
        wrong.message.starts_with("Неверный PIN-код"),
        "{}",
        wrong.message
    );
    assert_eq!(
        desk.session().expect("session").state,
        SessionState::SignedOut,
        "still nobody"
    );

    let session = desk.sign_in(&manager, "2468", now()).expect("right PIN");
    assert_eq!(session.state, SessionState::SignedIn);
    let user = session.user.expect("who");
    assert_eq!(
        (user.name.as_str(), user.role),
        ("Петров Сергей", Role::Manager)
    );
}

#[test]
fn the_stored_hash_is_never_the_pin_and_no_op_carries_either() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    staffed(&desk);
    drop(desk);
    let conn = rusqlite::Connection::open(dir.path().join("orderdesk.sqlite3")).expect("db");
    let hashes: Vec<String> = conn
        .prepare("SELECT pin_hash FROM people ORDER BY name")
        .expect("sql")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("hashes");
    assert_eq!(hashes.len(), 2);
    for (hash, pin) in hashes.iter().zip(["1357", "2468"]) {
        assert_ne!(hash, pin);
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(!hash.contains(pin), "{hash}");
    }
    let ops: Vec<String> = conn
        .prepare(
            "SELECT kind || payload || COALESCE(before, '') || COALESCE(after, '') FROM ops \
             WHERE kind IN ('set_person', 'set_person_pin')",
        )
        .expect("sql")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("ops");
    assert_eq!(ops.len(), 4, "details and PIN of each, one op each");
    for op in &ops {
        for secret in ["1357", "2468", "$argon2"] {
            assert!(!op.contains(secret), "{op}");
        }
    }
}

#[test]
fn five_wrong_pins_in_a_row_make_the_next_try_wait_30_seconds() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let (_, manager) = staffed(&desk);
    desk.switch_user().expect("switch");
    for _ in 0..5 {
        desk.sign_in(&manager, "9999", now()).expect_err("wrong");
    }
    // Even the right PIN waits, and the wait is counted from the fifth wrong one.
    let at = |s: i64| now() + SignedDuration::from_secs(s);
    let waiting = error_of(desk.sign_in(&manager, "2468", at(29)).expect_err("waits"));
    assert!(waiting.message.contains("через 1 с"), "{}", waiting.message);
    // Remembered in the file: a restart does not reset it.
    drop(desk);
    let desk = open(dir.path());
    desk.sign_in(&manager, "2468", at(10))
        .expect_err("still waiting");
    let session = desk.sign_in(&manager, "2468", at(30)).expect("after 30 s");
    assert_eq!(session.state, SessionState::SignedIn);
}

#[test]
fn the_actor_of_an_op_is_the_person_signed_in() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let (_, manager) = staffed(&desk);
    desk.switch_user().expect("switch");
    desk.sign_in(&manager, "2468", now()).expect("sign in");
    let order = desk.stage_orders("new", now()).expect("orders").remove(0);
    desk.advance(&order.id, now()).expect("advance");
    let ops = desk.order_ops(&order.id).expect("ops");
    let last = ops.last().expect("an op");
    assert_eq!(last.actor_name, "Петров Сергей");
    assert_eq!(last.actor_id, manager);
    assert_eq!(last.actor_role, domain::Role::Manager);
    let history = desk.history(&order.id).expect("history");
    assert!(
        history.iter().any(|h| h.actor_name == "Петров Сергей"),
        "{history:?}"
    );
}

#[test]
fn a_removed_person_cannot_sign_in() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let (admin, manager) = staffed(&desk);
    desk.switch_user().expect("switch");
    desk.sign_in(&admin, "1357", now()).expect("admin");
    desk.remove_person(&manager, now()).expect("removed");
    assert!(desk
        .session()
        .expect("session")
        .people
        .iter()
        .all(|p| p.id != manager));
    desk.switch_user().expect("switch");
    let refused = error_of(desk.sign_in(&manager, "2468", now()).expect_err("removed"));
    assert!(refused.message.contains("удалён"), "{}", refused.message);
}

#[test]
fn a_locked_desk_changes_nothing_until_the_pin_is_given() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let (_, manager) = staffed(&desk);
    desk.switch_user().expect("switch");
    desk.sign_in(&manager, "2468", now()).expect("sign in");
    desk.lock().expect("lock");
    let order = desk.stage_orders("new", now()).expect("orders").remove(0);
    let refused = error_of(desk.advance(&order.id, now()).expect_err("locked"));
    assert_eq!(refused.code, ErrorCode::SignInRequired);
    assert_eq!(desk.order(&order.id).expect("order").stage_id, "new");
    desk.sign_in(&manager, "2468", now()).expect("unlock");
    desk.advance(&order.id, now()).expect("advance");
}

#[test]
fn the_person_signed_in_is_remembered_and_a_restart_asks_their_pin() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let (_, manager) = staffed(&desk);
    desk.switch_user().expect("switch");
    desk.sign_in(&manager, "2468", now()).expect("sign in");
    drop(desk);

    let desk = open(dir.path());
    let session = desk.session().expect("session");
    assert_eq!(session.state, SessionState::Locked);
    assert_eq!(session.user.expect("who").id, manager);
    let order = desk.stage_orders("new", now()).expect("orders").remove(0);
    desk.advance(&order.id, now())
        .expect_err("locked until the PIN");
    desk.sign_in(&manager, "2468", now()).expect("PIN");
    desk.advance(&order.id, now()).expect("advance");
}

#[test]
fn only_an_administrator_manages_people_and_one_always_stays() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    // With nobody able to sign in, a manager first would leave the shop without an admin.
    let first = error_of(
        desk.save_person(person("Петров Сергей", Role::Manager, "2468"), now())
            .expect_err("an admin first"),
    );
    assert!(first.message.contains("администратор"), "{}", first.message);
    let (admin, manager) = staffed(&desk);
    desk.switch_user().expect("switch");
    desk.sign_in(&admin, "1357", now()).expect("admin");
    desk.remove_person(&admin, now())
        .expect_err("the last administrator stays");
    desk.switch_user().expect("switch");
    desk.sign_in(&manager, "2468", now()).expect("manager");
    let forbidden = error_of(
        desk.save_person(person("Сидоров", Role::Picker, "1111"), now())
            .expect_err("a manager may not"),
    );
    assert_eq!(forbidden.code, ErrorCode::Forbidden);
}

#[test]
fn a_new_person_needs_a_pin_of_four_characters_at_least() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let mut without = person("Иванова Мария", Role::Admin, "");
    without.pin = None;
    desk.save_person(without, now()).expect_err("no PIN");
    desk.save_person(person("Иванова Мария", Role::Admin, "123"), now())
        .expect_err("too short");
    assert!(desk.people().expect("people").is_empty(), "nothing written");
}

#[test]
fn overdue_alerts_wait_while_nobody_is_signed_in() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let (_, manager) = staffed(&desk);
    desk.switch_user().expect("switch");
    // The demo has overdue orders; nobody at the PC hears of them, and none is used up.
    assert!(desk.due_alerts(now()).expect("alerts").is_empty());
    desk.sign_in(&manager, "2468", now()).expect("sign in");
    let alerts = desk.due_alerts(now()).expect("alerts");
    assert!(
        !alerts.is_empty(),
        "the manager hears of them once signed in"
    );
    assert!(alerts
        .iter()
        .all(|a| a.responsible_roles.contains(&Role::Manager)));
}
