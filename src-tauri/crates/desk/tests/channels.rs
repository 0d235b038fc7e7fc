//! The channels screen's use cases through the desk API.

use std::sync::Arc;

use channels::{MemorySecrets, SecretStore};
use proto::{ChannelKind, CommandError, ErrorCode, NewConnection, StatusRuleView};

const SECRET: &str = "cs_live_7c1b9e0d2f";

#[tokio::test]
async fn connections_keep_secrets_out_of_the_database_and_show_failures() {
    let dir = tempfile::tempdir().expect("temp dir");
    let now = jiff::Timestamp::from_second(1_795_330_000).expect("instant");
    let secrets = Arc::new(MemorySecrets::default());
    let desk = desk::Desk::open_with_secrets(dir.path(), now, secrets.clone()).expect("open");
    // Nothing listens on port 1: the site is unreachable.
    let added = desk
        .add_connection(
            NewConnection {
                kind: ChannelKind::WooCommerce,
                name: "Сайт «Добрые традиции»".into(),
                base_url: "http://127.0.0.1:1".into(),
                key: "ck_live_a1".into(),
                secret: SECRET.into(),
            },
            now,
        )
        .expect("add");
    assert_eq!((added.orders_every_s, added.stock_every_s), (300, 3600));
    assert!(added
        .rules
        .iter()
        .any(|r| r.channel_status == "completed" && r.stage_id == "done" && !r.channel_is_master));
    let id = uuid::Uuid::parse_str(&added.id).expect("uuid");
    assert_eq!(
        secrets.get(id).expect("secret store").map(|c| c.key),
        Some("ck_live_a1".to_owned())
    );

    let refused = desk
        .set_status_map(
            &added.id,
            vec![StatusRuleView {
                channel_status: "completed".into(),
                stage_id: "no-such-stage".into(),
                channel_is_master: false,
            }],
        )
        .expect_err("unknown stage");
    assert_eq!(CommandError::from(refused).code, ErrorCode::NotFound);

    let failed = desk
        .sync_now(&added.id, now)
        .await
        .expect_err("unreachable");
    let err = CommandError::from(failed);
    assert_eq!(err.code, ErrorCode::ChannelFailed);
    assert!(!err.message.contains(SECRET));
    let view = desk.channels().expect("list").remove(0);
    assert_eq!(view.state.failures, 1);
    assert!(view.state.last_error.is_some());
    assert_eq!(
        view.state.paused_reason, None,
        "a network error does not pause"
    );
    drop(desk);

    // The secret is nowhere in the database files.
    for entry in std::fs::read_dir(dir.path()).expect("data dir") {
        let path = entry.expect("entry").path();
        let bytes = std::fs::read(&path).expect("read");
        let found = bytes.windows(SECRET.len()).any(|w| w == SECRET.as_bytes());
        assert!(!found, "secret found in {}", path.display());
    }
}
