//! The marketplace admin through the desk API: the trigger editor (defaults, checks in the
//! manager's words, admin only, the change in the shop's history), failed pushes retried and
//! dismissed against the Ozon test server, and "test connection".

use testkit::sites::ozon as ozon_fake;

use std::sync::Arc;

use channels::MemorySecrets;
use jiff::{SignedDuration, Timestamp};
use ozon_fake as oz;
use proto::{ChannelKind, CommandError, ErrorCode, NewConnection};

const SHIP: &str = "/v4/posting/fbs/ship";

fn now() -> Timestamp {
    Timestamp::from_second(1_795_330_000).expect("instant")
}

fn at(mins: i64) -> Timestamp {
    now() + SignedDuration::from_mins(mins)
}

fn open(dir: &tempfile::TempDir) -> desk::Desk {
    desk::Desk::open_demo_with_secrets(dir.path(), now(), Arc::new(MemorySecrets::default()))
        .expect("open")
}

fn ozon_connection(desk: &desk::Desk, base_url: String, secret: &str) -> proto::ChannelView {
    desk.add_connection(
        NewConnection {
            kind: ChannelKind::Ozon,
            name: "Ozon".into(),
            base_url,
            key: oz::CLIENT_ID.into(),
            secret: secret.into(),
            setup: Default::default(),
            trust: None,
        },
        now(),
    )
    .expect("add Ozon")
}

async fn ozon_server() -> (oz::Shared, String) {
    let server = oz::ozon();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    let router = oz::router(server.clone());
    tokio::spawn(async move { axum::serve(listener, router).await.expect("serve") });
    (server, format!("http://{addr}"))
}

fn not_saved(err: desk::DeskError) -> String {
    let err = CommandError::from(err);
    assert_eq!(err.code, ErrorCode::InvalidInput, "{}", err.message);
    err.message
}

fn slot<'a>(t: &'a mut proto::MarketplaceTriggers, name: &str) -> &'a mut proto::TriggerSlot {
    t.slots
        .iter_mut()
        .find(|s| s.slot == name)
        .expect("slot shown")
}

#[tokio::test]
async fn trigger_editor_shows_defaults_checks_and_logs_the_change() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = open(&dir);
    let c = ozon_connection(&desk, "http://127.0.0.1:1".into(), "key");
    let shown = desk.marketplace_triggers(&c.id).expect("triggers");
    assert_eq!(shown.models, ["fbs", "rfbs"]);
    let mut edited = shown.clone();
    let packing = slot(&mut edited, "packing");
    assert_eq!(
        (
            packing.stage_id.as_deref(),
            packing.default_stage_id.as_deref()
        ),
        (Some("picking"), Some("picking"))
    );
    assert_eq!(
        slot(&mut edited, "cancel").reasons,
        ["352", "400", "401", "402"]
    );

    slot(&mut edited, "packing").stage_id = Some("call".into());
    slot(&mut edited, "cancel").reason = Some("352".into());
    let saved = desk
        .set_marketplace_triggers(&c.id, edited.clone(), at(1))
        .expect("saved");
    assert!(saved
        .triggers
        .iter()
        .any(|t| t.stage_id == "call" && t.action == r#"{"action":"ship"}"#));
    assert!(!saved.triggers.iter().any(|t| t.stage_id == "picking"));
    assert!(saved
        .triggers
        .iter()
        .any(|t| t.stage_id == "cancelled" && t.action.contains("352")));
    let change = desk
        .workflow_settings(at(1))
        .expect("settings")
        .changes
        .into_iter()
        .find(|ch| ch.kind == "set_marketplace_triggers")
        .expect("the change is in the shop's history");
    assert_eq!(change.actor, "Администратор");

    // Every problem is named at once, in Russian, and nothing is saved.
    let mut bad = saved.clone();
    slot(&mut bad, "packing").stage_id = Some("gone".into());
    slot(&mut bad, "cancel").reason = None;
    slot(&mut bad, "delivered").stage_id = Some("cancelled".into());
    bad.models = vec!["fbs".into()];
    let message = not_saved(
        desk.set_marketplace_triggers(&c.id, bad.clone(), at(2))
            .expect_err("refused"),
    );
    for part in [
        "Этапа «gone» больше нет",
        "Действие «Доставлен» недоступно при модели FBS",
        "Выберите причину отмены",
        "одному этапу — одно действие",
    ] {
        assert!(message.contains(part), "{part:?} in {message:?}");
    }
    // The English window gets the same problems in English (issue 15, point 10).
    let english = CommandError::from(
        desk.set_marketplace_triggers(&c.id, bad, at(2))
            .expect_err("refused"),
    )
    .reason
    .expect("a typed reason")
    .wording(proto::display::Lang::En);
    for part in [
        "The marketplace actions were not saved.",
        "The stage «gone» is gone",
        "The action «Доставлен» is not available with the model FBS",
        "Choose a cancellation reason",
        "one action per stage",
    ] {
        assert!(english.contains(part), "{part:?} in {english:?}");
    }
    assert_eq!(desk.marketplace_triggers(&c.id).expect("kept"), saved);

    desk.set_user(proto::User {
        id: "m1".into(),
        name: "Менеджер".into(),
        role: proto::Role::Manager,
    });
    let err = CommandError::from(
        desk.set_marketplace_triggers(&c.id, edited, at(3))
            .expect_err("managers may not"),
    );
    assert_eq!(err.code, ErrorCode::Forbidden);
    assert!(
        err.message.contains("Только администратор"),
        "{}",
        err.message
    );
}

/// The posting's order, found in the database the desk writes.
fn order_of(dir: &tempfile::TempDir, posting: &str) -> String {
    let conn = rusqlite::Connection::open(dir.path().join("orderdesk.sqlite3")).expect("db");
    conn.query_row(
        "SELECT order_id FROM channel_orders WHERE external_id = ?1",
        [posting],
        |r| r.get(0),
    )
    .expect("posting imported")
}

fn add_posting(server: &oz::Shared, number: &str) {
    let p = oz::posting(
        number,
        now() - SignedDuration::from_hours(1),
        now() + SignedDuration::from_hours(48),
        false,
        &[("MUG-BLUE", 1_451_000_001, 1, "990.0000")],
    );
    server
        .lock()
        .expect("ozon")
        .postings
        .insert(number.into(), p);
}

/// Imports `number`, moves its order to packing, and lets the ship call be refused (HTTP 400
/// will not heal): the push fails.
async fn failed_ship(
    desk: &desk::Desk,
    dir: &tempfile::TempDir,
    server: &oz::Shared,
    c: &proto::ChannelView,
    number: &str,
) -> proto::PushView {
    add_posting(server, number);
    desk.sync_now(&c.id, at(0)).await.expect("import");
    let order = order_of(dir, number);
    // The list shows the marketplace and its own status beside our stage.
    let stage = desk.order(&order).expect("order").stage_id;
    let row = desk
        .stage_orders(&stage, at(0))
        .expect("list")
        .into_iter()
        .find(|r| r.id == order)
        .expect("listed");
    assert_eq!(
        row.channels,
        [proto::ChannelTag {
            connection: "Ozon".into(),
            kind: "ozon".into(),
            status: "awaiting_packaging".into(),
        }]
    );
    if desk.order(&order).expect("order").stage_id != "picking" {
        desk.move_to(&order, "picking", at(1)).expect("to packing");
    }
    server
        .lock()
        .expect("ozon")
        .fault(SHIP, oz::Fault::Status(400));
    desk.sync_now(&c.id, at(2)).await.expect("sync");
    let pushes = desk.order_pushes(&order).expect("pushes");
    assert_eq!(pushes.len(), 1);
    assert_eq!(pushes[0].state, "failed", "{:?}", pushes[0]);
    pushes[0].clone()
}

#[tokio::test]
async fn a_retried_push_makes_its_call_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = open(&dir);
    let (server, base) = ozon_server().await;
    let c = ozon_connection(&desk, base, oz::API_KEY);
    let failed = failed_ship(&desk, &dir, &server, &c, "0500000001-0001-1").await;
    assert_eq!(server.lock().expect("ozon").calls(SHIP), 0);

    let retried = desk.push_retry(&failed.id, at(3)).expect("retry");
    assert_eq!((retried.state.as_str(), retried.attempts), ("pending", 0));
    assert!(desk
        .workflow_settings(at(3))
        .expect("history")
        .changes
        .iter()
        .any(|ch| ch.kind == "push_retry"));
    let again = not_saved(
        desk.push_retry(&failed.id, at(3))
            .expect_err("not failed now"),
    );
    assert!(again.contains("не в ошибке"), "{again}");

    desk.sync_now(&c.id, at(4)).await.expect("sync");
    desk.sync_now(&c.id, at(5)).await.expect("sync again");
    let o = server.lock().expect("ozon");
    assert_eq!(o.calls(SHIP), 1, "exactly one ship call after the retry");
    assert_eq!(o.shipped, ["0500000001-0001-1"]);
    drop(o);
    let done = desk.channel_pushes(&c.id).expect("queue").remove(0);
    assert_eq!(done.state, "done");
    let view = desk.channels().expect("list").remove(0);
    assert_eq!(view.state.last_error, None);
}

/// The queue's note said why a push failed in the channel's technical English to a manager
/// reading Russian; it is now a code the window words in the manager's language, with the
/// technical text kept for the hover.
#[tokio::test]
async fn a_failed_push_is_worded_in_the_managers_language() {
    use proto::display::Lang;
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = open(&dir);
    let (server, base) = ozon_server().await;
    let c = ozon_connection(&desk, base, oz::API_KEY);
    let failed = failed_ship(&desk, &dir, &server, &c, "0500000004-0001-1").await;
    let error = failed.error.expect("a code beside the text");
    assert_eq!(error.code, proto::ChannelErrorCode::Refused);
    assert_eq!(error.params.get("status").map(String::as_str), Some("400"));
    let ru = error.wording(Lang::Ru);
    let en = error.wording(Lang::En);
    assert!(ru.starts_with("Канал отклонил запрос (HTTP 400)"), "{ru}");
    assert!(!en.chars().any(|c| ('а'..='я').contains(&c)), "{en}");
    assert!(
        failed
            .last_error
            .as_deref()
            .is_some_and(|t| t.contains("400")),
        "the technical text stays: {:?}",
        failed.last_error
    );
    // The queue's own list says the same.
    let queued = desk.channel_pushes(&c.id).expect("queue").remove(0);
    assert_eq!(queued.error, Some(error));
}

/// «Повторить» on a desk working alone makes the call at once, not at the next scheduled run.
#[tokio::test]
async fn a_retried_push_on_a_desk_alone_goes_out_at_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = open(&dir);
    let (server, base) = ozon_server().await;
    let c = ozon_connection(&desk, base, oz::API_KEY);
    let failed = failed_ship(&desk, &dir, &server, &c, "0500000003-0001-1").await;
    let retried = desk.push_retry(&failed.id, at(3)).expect("retry");
    assert_eq!(retried.state, "pending");
    let sent = desk.send_retried(retried, at(3)).await.expect("sent");
    assert_eq!(sent.state, "done", "{sent:?}");
    let o = server.lock().expect("ozon");
    assert_eq!(o.calls(SHIP), 1);
    assert_eq!(o.shipped, ["0500000003-0001-1"]);
}

#[tokio::test]
async fn a_dismissed_push_stays_with_who_and_why() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = open(&dir);
    let (server, base) = ozon_server().await;
    let c = ozon_connection(&desk, base, oz::API_KEY);
    let failed = failed_ship(&desk, &dir, &server, &c, "0500000002-0001-1").await;
    assert!(desk.channels().expect("list")[0].state.last_error.is_some());

    let why = not_saved(
        desk.push_dismiss(&failed.id, "  ", at(3))
            .expect_err("no reason"),
    );
    assert!(why.contains("почему"), "{why}");
    let dismissed = desk
        .push_dismiss(&failed.id, "Отгрузили вручную в кабинете Ozon", at(3))
        .expect("dismiss");
    assert_eq!(dismissed.state, "dismissed");
    assert_eq!(dismissed.dismissed_by.as_deref(), Some("Администратор"));
    assert_eq!(
        dismissed.dismissed_reason.as_deref(),
        Some("Отгрузили вручную в кабинете Ozon")
    );
    assert_eq!(dismissed.dismissed_at, Some(at(3).as_millisecond()));
    assert!(desk
        .workflow_settings(at(3))
        .expect("history")
        .changes
        .iter()
        .any(|ch| ch.kind == "push_dismiss"));
    not_saved(
        desk.push_retry(&failed.id, at(4))
            .expect_err("dismissed is final"),
    );

    desk.sync_now(&c.id, at(5)).await.expect("sync");
    assert_eq!(server.lock().expect("ozon").calls(SHIP), 0);
    let listed = desk.channel_pushes(&c.id).expect("queue");
    assert_eq!(listed.len(), 1, "kept in the history");
    assert_eq!(listed[0].state, "dismissed");
    let view = desk.channels().expect("list").remove(0);
    assert_eq!(
        view.state.last_error, None,
        "no longer the connection's error"
    );
}

#[tokio::test]
async fn test_connection_answers_in_russian_without_secrets() {
    let dir = tempfile::tempdir().expect("temp dir");
    let desk = open(&dir);
    let (_server, base) = ozon_server().await;
    let right = ozon_connection(&desk, base.clone(), oz::API_KEY);
    let ok = desk.channel_test(&right.id, now()).await.expect("test");
    assert!(ok.ok, "{}", ok.message);
    assert!(ok.message.contains("работает"), "{}", ok.message);

    let wrong_secret = "ozon-WRONG-key-1234";
    let wrong = ozon_connection(&desk, base.clone(), wrong_secret);
    let refused = desk.channel_test(&wrong.id, now()).await.expect("test");
    assert!(!refused.ok);
    assert!(
        refused.message.contains("ключи не подошли"),
        "{}",
        refused.message
    );
    assert!(!refused.message.contains(wrong_secret));
    // The same as data: an English window words it in English, and no text of it (the
    // channel's own words included) carries the key.
    let en = refused.said(proto::display::Lang::En);
    assert!(en.starts_with("Ozon: the keys were refused"), "{en}");
    let sent = serde_json::to_string(&refused).expect("json");
    assert!(!sent.contains(wrong_secret), "{sent}");
    assert!(ok
        .said(proto::display::Lang::En)
        .contains("the connection works"));

    let new = |base_url: String, secret: &str| NewConnection {
        kind: ChannelKind::Ozon,
        name: "Ozon 2".into(),
        base_url,
        key: oz::CLIENT_ID.into(),
        secret: secret.into(),
        setup: Default::default(),
        trust: None,
    };
    let form = desk
        .channel_test_new(new(base, wrong_secret), now())
        .await
        .expect("test");
    assert!(
        !form.ok && form.message.contains("ключи не подошли"),
        "{}",
        form.message
    );
    assert!(!form.message.contains(wrong_secret));
    let away = desk
        .channel_test_new(new("http://127.0.0.1:1".into(), oz::API_KEY), now())
        .await
        .expect("test");
    assert!(
        !away.ok && away.message.contains("недоступен"),
        "{}",
        away.message
    );
    assert_eq!(
        desk.channels().expect("list").len(),
        2,
        "the form's test saves nothing"
    );
}
