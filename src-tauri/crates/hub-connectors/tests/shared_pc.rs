//! Members taking turns at one PC of a team (issue 14, point 3): the hub's shared device
//! signs in each member with their PIN — offline too — and every op it pushes is the signed-in
//! member's, by the hub's record of them. A real hub on PostgreSQL (127.0.0.1:5432) and a
//! real desk on its own SQLite file.

use std::sync::Arc;
use std::time::{Duration, Instant};

use desk::{Desk, DeskError};
use hub::{admin, db};
use proto::sync::SyncStatus;
use proto::{SessionState, SignInRefusal};
use testkit::pg::TestDatabase;
use testkit::team::{self, ANNA, PETR};
use uuid::Uuid;

fn wait_for(what: &str, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while !done() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The desk on `dir`, with this PC's keyring (where the hub token is kept).
fn open(dir: &std::path::Path, keyring: &Arc<channels::MemorySecrets>) -> Desk {
    Desk::open_with_secrets(dir, jiff::Timestamp::now(), keyring.clone()).expect("open")
}

fn synced(desk: &Desk) {
    wait_for("the desk to be in sync", || {
        let s = desk.sync_state().expect("state");
        s.status == SyncStatus::Synced && s.pending == 0
    });
}

fn names(desk: &Desk) -> Vec<String> {
    let session = desk.session().expect("session");
    session.people.into_iter().map(|p| p.name).collect()
}

fn refusal(r: Result<proto::SessionView, DeskError>) -> SignInRefusal {
    match r {
        Err(DeskError::SignIn(why)) => why,
        other => panic!("the sign-in was not refused: {other:?}"),
    }
}

fn tea(desk: &Desk) -> String {
    desk.save_product(tea_input(), jiff::Timestamp::now())
        .expect("a product")
        .id
}

fn tea_input() -> proto::ProductInput {
    proto::ProductInput {
        id: None,
        sku: "TEA-1".into(),
        name: "Чай улун".into(),
        barcode: String::new(),
        unit: "шт".into(),
        price: 45_000,
        vat: None,
        weight_g: None,
        location: String::new(),
        stock: 10_000,
        archived: false,
    }
}

fn phone_order(product: &str) -> proto::NewOrder {
    proto::NewOrder {
        customer: "Сидорова Мария".into(),
        phone: "+7 916 555-12-34".into(),
        email: None,
        delivery: proto::DeliveryChange {
            method: proto::DeliveryMethod::Pickup,
            zone: None,
            address: String::new(),
            window_from: None,
            window_to: None,
        },
        payment: proto::PaymentMethod::CashOnDelivery,
        lines: vec![proto::NewLine {
            product_id: product.into(),
            quantity: 1000,
        }],
        comment: None,
    }
}

/// Who the hub recorded as the actor of each op of `kind`, in shop order: (name, role).
async fn hub_actor(
    pool: &deadpool_postgres::Pool,
    shop: Uuid,
    kind: &str,
) -> Vec<(String, String)> {
    pool.get()
        .await
        .expect("connection")
        .query(
            "SELECT envelope->'actor'->>'name', envelope->'actor'->>'role' FROM ops \
             WHERE shop_id = $1 AND envelope->'op'->>'kind' = $2 ORDER BY seq",
            &[&shop, &kind],
        )
        .await
        .expect("ops")
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn members_take_turns_at_a_shared_team_pc_each_acting_as_themselves() {
    let test_db = TestDatabase::create("shared_pc")
        .await
        .expect("test database");
    let pool = db::pool(&test_db.url, 2).expect("pool");
    db::migrate(&pool).await.expect("migrate");
    let team::SharedPc {
        shop,
        anna,
        petr,
        token,
    } = team::shared_pc(&pool)
        .await
        .expect("a shop with a shared PC");
    // Olga has no PIN: she works at her own PC and cannot sign in at the shared one.
    admin::create_user(&pool, shop, "olga", "Ольга", "manager")
        .await
        .expect("Olga");
    let hub = test_db.hub(8).await.expect("hub");
    let url = hub.url();
    let dir = tempfile::tempdir().expect("desk dir");
    let path = dir.path().to_path_buf();
    let keyring = Arc::new(channels::MemorySecrets::default());
    let pc = keyring.clone();

    let (anna_id, petr_id) = (anna.to_string(), petr.to_string());
    let p = path.clone();
    let order_id = tokio::task::spawn_blocking(move || {
        let desk = open(&p, &pc);
        desk.join_team(&url, &token).expect("join");
        // Nobody acts at a shared PC before signing in: not the device's user, not
        // «Администратор».
        let session = desk.session().expect("session");
        assert_eq!(session.state, SessionState::SignedOut);
        assert_eq!(names(&desk), [ANNA, PETR]);
        assert!(matches!(
            desk.save_product(tea_input(), jiff::Timestamp::now()),
            Err(DeskError::SignInRequired)
        ));

        let now = jiff::Timestamp::now();
        assert!(matches!(
            refusal(desk.sign_in(&anna_id, "0000", now)),
            SignInRefusal::WrongPin { .. }
        ));
        let session = desk.sign_in(&anna_id, "1234", now).expect("Anna signs in");
        assert_eq!(session.state, SessionState::SignedIn);
        assert_eq!(session.user.expect("user").name, ANNA);
        let product = tea(&desk);
        let order = desk
            .create_order(phone_order(&product), jiff::Timestamp::now())
            .expect("Anna's order");

        // «Сменить пользователя»: Petr takes the PC.
        assert_eq!(
            desk.switch_user().expect("switch").state,
            SessionState::SignedOut
        );
        desk.sign_in(&petr_id, "5678", jiff::Timestamp::now())
            .expect("Petr signs in");
        desk.set_comment(
            &order.id,
            Some("Собрано, на полке 3".into()),
            jiff::Timestamp::now(),
        )
        .expect("Petr's comment");
        desk.switch_user().expect("switch");
        desk.sign_in(&anna_id, "1234", jiff::Timestamp::now())
            .expect("Anna again");
        synced(&desk);
        desk.stop_sync();
        order.id
    })
    .await
    .expect("desk thread");

    // The hub has each op under the member who made it, with the hub's role for them.
    assert_eq!(
        hub_actor(&pool, shop, "create_order").await,
        [(ANNA.to_owned(), "manager".to_owned())]
    );
    assert_eq!(
        hub_actor(&pool, shop, "set_comment").await,
        [(PETR.to_owned(), "picker".to_owned())]
    );

    // Petr leaves the shop. The desk restarts: Anna, signed in when it closed, is asked for
    // her PIN; Petr is no longer offered and cannot sign in.
    admin::revoke_user(&pool, petr).await.expect("revoke Petr");
    let (anna_id, petr_id) = (anna.to_string(), petr.to_string());
    let desk = tokio::task::spawn_blocking(move || {
        let desk = open(&path, &keyring);
        assert!(
            desk.start_sync().expect("sync starts"),
            "the desk is in a team"
        );
        let session = desk.session().expect("session");
        assert_eq!(session.state, SessionState::Locked);
        assert_eq!(session.user.expect("remembered").name, ANNA);
        desk.sign_in(&anna_id, "1234", jiff::Timestamp::now())
            .expect("Anna unlocks");
        wait_for("Petr to be gone from the PC", || names(&desk) == [ANNA]);
        assert_eq!(
            refusal(desk.sign_in(&petr_id, "5678", jiff::Timestamp::now())),
            SignInRefusal::Removed
        );
        desk
    })
    .await
    .expect("desk thread");

    // Anna is revoked while signed in. Her next change is refused by the hub; the PC learns
    // at once that she may no longer act there and signs her out at the change after.
    admin::revoke_user(&pool, anna).await.expect("revoke Anna");
    tokio::task::spawn_blocking(move || {
        desk.set_comment(
            &order_id,
            Some("Позвонить после 18:00".into()),
            jiff::Timestamp::now(),
        )
        .expect("kept here until the hub answers");
        wait_for("the hub's refusal", || {
            desk.sync_state().expect("state").rejections.len() == 1
        });
        wait_for("Anna to be gone from the PC", || names(&desk).is_empty());
        assert!(matches!(
            desk.set_comment(&order_id, None, jiff::Timestamp::now()),
            Err(DeskError::SignInRequired)
        ));
        assert_eq!(
            desk.session().expect("session").state,
            SessionState::SignedOut
        );
        desk.stop_sync();
    })
    .await
    .expect("desk thread");

    hub.stop().await;
    drop(pool);
    test_db.drop_now().await.expect("drop database");
}
