use domain::{
    Actor, Channel, Customer, DeliveryMethod, Discount, Kopecks, Line, LineEdit, Op, OpError,
    Order, PaymentMethod, Quantity, Role, StagePosition, VatRate,
};
use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

use crate::{NewOp, Seed, Store, StoreError};

fn at(text: &str) -> Timestamp {
    text.parse().expect("valid instant")
}

fn now() -> Timestamp {
    at("2025-03-03T12:00:00Z")
}

fn order(number: i64, stage: &str, entered: Timestamp, limit_min: Option<i64>) -> Order {
    let customer = Customer {
        id: Uuid::from_u128(1),
        name: if number == 2 {
            "Фёдорова Алёна Петровна".into()
        } else {
            "Иванов Иван Иванович".into()
        },
        phone: "79161234567".into(),
        email: None,
    };
    Order {
        id: Uuid::from_u128(1000 + u128::from(number.unsigned_abs())),
        number,
        channel: Channel::Phone,
        customer,
        address: "Москва, ул. Тверская, д. 1".into(),
        delivery: DeliveryMethod::Courier,
        payment: PaymentMethod::CashOnDelivery,
        stage: StagePosition {
            stage_id: stage.into(),
            entered_at: entered,
            deadline: limit_min
                .and_then(|m| entered.checked_add(SignedDuration::from_mins(m)).ok()),
        },
        lines: vec![Line {
            id: Uuid::from_u128(5000 + u128::from(number.unsigned_abs())),
            product_id: None,
            sku: "K-1".into(),
            name: "Чайник".into(),
            unit: "шт".into(),
            quantity: Quantity::units(2),
            price: Kopecks::rubles(1990),
            vat: VatRate::Vat22,
            discount: Discount::None,
        }],
        discount: Discount::None,
        delivery_cost: Kopecks::rubles(300),
        delivery_zone: None,
        delivery_window: None,
        delivery_vat: VatRate::Vat22,
        comment: None,
        created_at: entered,
        draft: false,
        version: 1,
        published_version: None,
        confirmed_version: None,
        original_total: Kopecks::rubles(4280),
        delivery_fixed: false,
        buyer: domain::Buyer::Person,
        places: None,
        payments: vec![],
        calls: vec![],
    }
}

fn seeded(dir: &tempfile::TempDir) -> Store {
    let store = Store::open(&dir.path().join("t.sqlite3")).expect("open");
    let seed = Seed {
        products: vec![],
        customers: vec![order(1, "new", now(), None).customer],
        orders: vec![
            // entered 40 min ago with a 30 min limit: overdue
            order(1, "new", at("2025-03-03T11:20:00Z"), Some(30)),
            order(2, "new", at("2025-03-03T11:50:00Z"), Some(30)),
            order(3, "done", at("2025-03-01T11:50:00Z"), None),
        ],
    };
    assert!(store.seed_once("test", seed).expect("seed"));
    store
}

fn advance(order: &Order, from: &str, to: &str) -> NewOp {
    NewOp {
        id: Uuid::now_v7(),
        actor: Actor {
            id: "admin".into(),
            name: "Администратор".into(),
            role: Role::Admin,
        },
        at: now(),
        op: Op::AdvanceStage {
            order_id: order.id,
            from_stage: from.into(),
            to_stage: to.into(),
        },
    }
}

#[test]
fn open_twice_keeps_device_id_and_one_workflow() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.sqlite3");
    let first = Store::open(&path).expect("open").device_id();
    let store = Store::open(&path).expect("reopen");
    assert_eq!(store.device_id(), first);
    assert_eq!(store.workflow().expect("workflow").stages().len(), 10);
}

#[test]
fn seed_runs_once_per_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    assert!(!store
        .seed_once("test", Seed::default())
        .expect("second seed"));
}

#[test]
fn overdue_counts_at_a_fixed_now() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    let counts = store.stage_counts(now()).expect("counts");
    let new = counts.iter().find(|c| c.stage_id == "new").expect("new");
    assert_eq!((new.count, new.overdue), (2, 1));
    let later = store
        .stage_counts(at("2025-03-03T13:00:00Z"))
        .expect("counts");
    let new = later.iter().find(|c| c.stage_id == "new").expect("new");
    assert_eq!(new.overdue, 2);
}

#[test]
fn stage_orders_come_by_deadline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    let numbers: Vec<i64> = store
        .stage_orders("new")
        .expect("rows")
        .iter()
        .map(|r| r.number)
        .collect();
    assert_eq!(numbers, [1, 2]);
}

/// A stage can hold orders with and without a deadline: the list puts those without one last,
/// as the queue does (the old stage index's order put them first).
#[test]
fn stage_orders_without_a_deadline_come_last_as_in_the_queue() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("t.sqlite3")).expect("open");
    let seed = Seed {
        products: vec![],
        customers: vec![order(1, "new", now(), None).customer],
        orders: vec![
            order(1, "new", at("2025-03-03T09:00:00Z"), None),
            order(2, "new", at("2025-03-03T11:50:00Z"), Some(30)),
            order(3, "new", at("2025-03-03T11:20:00Z"), Some(30)),
        ],
    };
    assert!(store.seed_once("test", seed).expect("seed"));
    let numbers = |rows: Vec<crate::QueueRow>| rows.iter().map(|r| r.number).collect::<Vec<_>>();
    let listed = numbers(store.stage_orders("new").expect("rows"));
    assert_eq!(listed, [3, 2, 1]);
    let queue = numbers(
        store
            .orders(&crate::QueueFilter {
                stages: Some(vec!["new".into()]),
                ..crate::QueueFilter::default()
            })
            .expect("queue"),
    );
    assert_eq!(listed, queue);
}

#[test]
fn record_moves_the_order_and_writes_its_op() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    let o = order(1, "new", now(), None);
    let env = store.record(advance(&o, "new", "call")).expect("advance");
    assert_eq!(env.device_seq, 1);
    let moved = store.order(o.id).expect("order");
    assert_eq!(moved.stage.stage_id, "call");
    assert_eq!(moved.stage.entered_at, now());
    assert_eq!(moved.lines.len(), 1);
    let ops = store.order_ops(o.id).expect("ops");
    assert_eq!(ops.len(), 1);
    assert_eq!(ops[0].kind, "advance_stage");
    assert!(ops[0]
        .before
        .as_deref()
        .is_some_and(|b| b.contains("\"new\"")));
    assert!(ops[0]
        .after
        .as_deref()
        .is_some_and(|a| a.contains("\"call\"")));
    let env = store.record(advance(&o, "call", "picking")).expect("again");
    assert_eq!(env.device_seq, 2);
}

#[test]
fn a_refused_op_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    let o = order(1, "new", now(), None);
    let err = store
        .record(advance(&o, "call", "picking"))
        .expect_err("stale");
    assert!(matches!(
        err,
        StoreError::Rejected(OpError::StaleStage { .. })
    ));
    assert!(store.order_ops(o.id).expect("ops").is_empty());
}

/// The effect is written before the ops row; when the ops row fails (here: a reused op id),
/// the effect must roll back with it — no half-applied operation.
#[test]
fn failing_ops_row_rolls_back_the_effect() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    let first = order(1, "new", now(), None);
    let second = order(2, "new", now(), None);
    let op = advance(&first, "new", "call");
    let mut reused = advance(&second, "new", "call");
    reused.id = op.id;
    store.record(op).expect("first");
    let err = store.record(reused).expect_err("duplicate op id");
    assert!(matches!(err, StoreError::Sqlite(_)), "{err:?}");
    assert_eq!(store.order(second.id).expect("order").stage.stage_id, "new");
    assert!(store.order_ops(second.id).expect("ops").is_empty());
}

#[test]
fn unknown_order_is_not_found() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    let err = store.order(Uuid::from_u128(42)).expect_err("absent");
    assert!(matches!(err, StoreError::OrderNotFound(_)));
}

#[test]
fn editing_lines_saves_a_version_and_the_audit_before_after() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    let o = order(1, "new", now(), None);
    let mut op = advance(&o, "new", "call");
    op.op = Op::EditLines {
        order_id: o.id,
        edits: vec![LineEdit::SetQuantity {
            line_id: o.lines[0].id,
            quantity: Quantity::units(3),
        }],
    };
    store.record(op).expect("edit");
    let versions = store.versions(o.id).expect("versions");
    assert_eq!(versions.len(), 2, "the imported version and the edit");
    assert_eq!(versions[0].actor_id, "import");
    assert_eq!(versions[1].content.lines[0].quantity, Quantity::units(3));
    // 3 × 1 990 ₽ passes the default courier tariff's 5 000 ₽ free-delivery threshold.
    assert_eq!(versions[1].content.delivery_cost, Kopecks::ZERO);
    let ops = store.order_ops(o.id).expect("ops");
    assert_eq!(ops[0].kind, "edit_lines");
    assert!(ops[0]
        .before
        .as_deref()
        .is_some_and(|b| b.contains(r#""kind":"content""#)));
}

#[test]
fn name_search_folds_yo_and_case_and_matches_prefixes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    for text in ["федорова", "ФЁДОРОВА ал", "Алена"] {
        let found = store.search(text, 10).expect("search");
        assert_eq!(
            found.iter().map(|r| r.number).collect::<Vec<_>>(),
            [2],
            "{text}"
        );
    }
    let by_phone = store.search("8 (916) 123-45-67", 10).expect("search");
    assert_eq!(by_phone.len(), 3);
    let by_number = store.search("3", 10).expect("search");
    assert_eq!(by_number.iter().map(|r| r.number).collect::<Vec<_>>(), [3]);
}

#[test]
fn due_alerts_are_taken_once_per_stage_entry() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    let active = vec!["new".to_owned()];
    let first = store.take_due_alerts(now(), active.clone()).expect("scan");
    assert_eq!(first.iter().map(|r| r.number).collect::<Vec<_>>(), [1]);
    assert!(store
        .take_due_alerts(now(), active.clone())
        .expect("again")
        .is_empty());
    let later = at("2025-03-03T13:00:00Z");
    let second = store.take_due_alerts(later, active).expect("later");
    assert_eq!(second.iter().map(|r| r.number).collect::<Vec<_>>(), [2]);
}

/// The create op's audit snapshot is spliced from the version's content JSON: it must be
/// byte for byte what serde writes, or history readers would see two formats.
#[test]
fn content_snapshot_is_what_serde_writes() {
    let content = order(7, "new", now(), Some(30)).content().expect("content");
    let json = serde_json::to_string(&content).expect("json");
    let expected =
        serde_json::to_string(&domain::Snapshot::Content(Box::new(content))).expect("snapshot");
    assert_eq!(crate::write::content_snapshot(&json), expected);
}

/// A new order's version 1 is not a second copy of its content: the row refers to the create
/// op's after snapshot, and reading it gives the same content back.
#[test]
fn a_created_orders_first_version_is_read_from_its_op() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    let mut o = order(9, "", now(), None);
    o.number = 0;
    o.stage.stage_id = String::new();
    o.draft = true;
    o.version = 1;
    let mut op = advance(&o, "new", "call");
    op.op = Op::CreateOrder {
        order: Box::new(o.clone()),
        channel: None,
    };
    store.record(op).expect("create");
    let stored = store.order(o.id).expect("order");
    let versions = store.versions(o.id).expect("versions");
    assert_eq!(versions.len(), 1);
    assert_eq!(versions[0].content, stored.content().expect("content"));
    let raw: String = rusqlite::Connection::open(dir.path().join("t.sqlite3"))
        .expect("open")
        .query_row(
            "SELECT content FROM order_versions WHERE order_id = ?1",
            [o.id.to_string()],
            |r| r.get(0),
        )
        .expect("row");
    assert_eq!(raw, "", "kept once, in the op");
}

/// Bug: a trigger-editor save (a shop op of this PC's own connection) was offered to the hub,
/// which cannot read it, so the hub's connector worker never pushed the orders after it.
#[test]
fn marketplace_admin_ops_stay_out_of_the_sync_push() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(&dir.path().join("s.sqlite3")).expect("open");
    let before = store.unsent_count().expect("count");
    let row = crate::ConnectionRow {
        id: uuid::Uuid::now_v7(),
        kind: "ozon".into(),
        name: "Ozon".into(),
        base_url: "http://127.0.0.1:9".into(),
        settings: "{}".into(),
        created_at: jiff::Timestamp::UNIX_EPOCH,
    };
    let op = crate::ShopOp {
        id: uuid::Uuid::now_v7(),
        actor: domain::Actor {
            id: "admin".into(),
            name: "Администратор".into(),
            role: domain::Role::Admin,
        },
        at: jiff::Timestamp::UNIX_EPOCH,
        kind: "set_marketplace_triggers".into(),
        payload: "{}".into(),
        before: None,
        after: None,
    };
    let op_id = op.id;
    store
        .save_connection_logged(row, Some(vec!["fbs".into()]), op)
        .expect("saved");
    assert!(store.has_op(op_id).expect("kept in the history"));
    assert_eq!(store.unsent_count().expect("count"), before);
    assert!(store.unsent_ops(100).expect("unsent").is_empty());
}

/// An import indexes its orders' names together before it commits (migration 0018): they are
/// found like any other, a later single order is indexed at once again, and an order renamed
/// inside the import is found by its new name only.
#[test]
fn imported_orders_are_found_by_name_and_search_works_after_the_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = seeded(&dir);
    let create = |n: u128, name: &str| {
        let mut o = order(9, "", now(), None);
        o.id = Uuid::from_u128(5000 + n);
        o.number = 0;
        o.stage.stage_id = String::new();
        o.draft = true;
        o.version = 1;
        o.customer.name = name.into();
        o.customer.id = Uuid::now_v7();
        for line in &mut o.lines {
            line.id = Uuid::now_v7();
        }
        let mut op = advance(&o, "new", "call");
        op.op = Op::CreateOrder {
            order: Box::new(o),
            channel: None,
        };
        op
    };
    let items = [(1, "Ёлкина Анна"), (2, "Соколов Пётр")]
        .into_iter()
        .map(|(n, name)| crate::ImportItem {
            external_id: format!("w{n}"),
            remote_status: "processing".into(),
            remote_modified: now(),
            flags: Vec::new(),
            op: Ok(create(n, name)),
        })
        .collect();
    store
        .save_connection(crate::ConnectionRow {
            id: Uuid::from_u128(77),
            kind: "woocommerce".into(),
            name: "Сайт".into(),
            base_url: "http://127.0.0.1:9".into(),
            settings: "{}".into(),
            created_at: now(),
        })
        .expect("connection");
    let outcomes = store
        .import_channel_orders(Uuid::from_u128(77), items, now())
        .expect("import");
    assert_eq!(outcomes.len(), 2);
    for (text, id) in [("елкина", 5001u128), ("СОКОЛОВ п", 5002)] {
        let found = store.search(text, 10).expect("search");
        assert_eq!(
            found.iter().map(|r| r.id).collect::<Vec<_>>(),
            [Uuid::from_u128(id)],
            "{text}"
        );
    }
    store
        .record(create(3, "Журавлёва Ольга"))
        .expect("an order made by hand");
    let found = store.search("журавлева", 10).expect("search");
    assert_eq!(found.len(), 1, "indexed at once, outside an import");

    // A flag a channel puts on an order makes no op, yet the window must read again.
    let before = store.data_revision().expect("revision");
    store
        .add_channel_flag(
            Uuid::from_u128(77),
            "w1".into(),
            "stale_push_skipped:completed<cancelled".into(),
        )
        .expect("flag");
    let flagged = store.data_revision().expect("revision");
    assert_ne!(flagged, before, "a flag moves the revision");
    store
        .set_channel_remote(
            Uuid::from_u128(77),
            "w2".into(),
            "on-hold".into(),
            now(),
            false,
        )
        .expect("remote status");
    assert_ne!(
        store.data_revision().expect("revision"),
        flagged,
        "so does the channel's status"
    );
}

mod buyer;
mod invoice_from_another_pc;
mod order_export;
mod search_parts;
