//! The register at the SQL level: migration 0034's backfill of a shop that already has
//! orders, its trigger on new orders, and a channel import's deferred indexing. The desk's
//! tests (desk/tests/customers.rs) drive it through the use cases.

use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

use super::{list, load};
use crate::connection::{open_writer, MIGRATIONS};

/// Orders written the way the schema before 0034 had them: raw rows, no domain.
const ORDERS: &str = "PRAGMA foreign_keys = OFF; \
    INSERT INTO orders (id, number, channel, customer_id, customer_name, phone, email, address, \
    delivery, payment, stage_id, stage_entered_at, subtotal, discount, delivery_cost, total, \
    created_at) VALUES \
    ('00000000-0000-0000-0000-000000000001', 10001, 'phone', 'c1', 'Иванов Иван', '79151050001', 'ivan@mail.ru', 'Москва, Тверская 1', \
     'courier', 'online', 'new', 0, 100, 0, 0, 100000, 1000), \
    ('00000000-0000-0000-0000-000000000002', 10002, 'site', 'c2', 'Иванов Иван Петрович', '79151050001', NULL, 'Москва, Арбат 5', \
     'courier', 'online', 'new', 0, 100, 0, 0, 50000, 2000), \
    ('00000000-0000-0000-0000-000000000003', 10003, 'site', 'c3', 'Пётр <b>Смирнов</b>', '', 'Petr@Example.RU', 'Тула', \
     'post', 'online', 'new', 0, 100, 0, 0, 7000, 1500), \
    ('00000000-0000-0000-0000-000000000004', 10004, 'marketplace', 'c4', 'Покупатель Маркета', '', NULL, '', \
     'marketplace_logistics', 'marketplace', 'new', 0, 100, 0, 0, 9000, 1600);";

fn before_0034(path: &std::path::Path) {
    let position = MIGRATIONS
        .iter()
        .position(|m| m.contains("CREATE TABLE customer_cards"))
        .expect("0034 is a migration");
    let mut conn = Connection::open(path).expect("open");
    Migrations::new(
        MIGRATIONS[..position]
            .iter()
            .map(|sql| M::up(sql))
            .collect(),
    )
    .to_latest(&mut conn)
    .expect("the schema before the register");
    conn.execute_batch(ORDERS).expect("orders");
}

#[test]
fn the_migration_derives_one_card_per_phone_or_email_from_the_orders_a_shop_has() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("orderdesk.sqlite3");
    before_0034(&path);
    let conn = open_writer(&path).expect("migrated");
    let all = list(&conn, "", 50).expect("list");
    let keys: Vec<&str> = all.iter().map(|c| c.key.as_str()).collect();
    // The latest order first; the marketplace's buyer without phone or e-mail has no card.
    assert_eq!(keys, ["79151050001", "petr@example.ru"]);
    let ivan = &all[0];
    assert_eq!(ivan.name, "Иванов Иван Петрович", "the latest order's name");
    assert_eq!(
        ivan.email.as_deref(),
        Some("ivan@mail.ru"),
        "an earlier order's e-mail is kept"
    );
    assert_eq!((ivan.orders, ivan.total.0), (2, 150_000));
    assert_eq!(ivan.address, "Москва, Арбат 5");
    for part in [
        "915 105",
        "8 915 105",
        "1050001",
        "ван пе",
        "ИВ",
        "mail.r",
        "IVAN@",
    ] {
        let found = list(&conn, part, 50).expect("search");
        assert_eq!(
            found.iter().map(|c| c.key.as_str()).collect::<Vec<_>>(),
            ["79151050001"],
            "{part}"
        );
    }
    let petr = list(&conn, "пётр смирнов", 50).expect("ё folded");
    assert_eq!(petr.len(), 1);
    assert_eq!(
        petr[0].name, "Пётр <b>Смирнов</b>",
        "kept as the customer typed it"
    );
    let card = load(&conn, "petr@example.ru")
        .expect("card")
        .expect("found");
    assert_eq!(card.orders.len(), 1);
    assert_eq!(card.orders[0].number, 10003);
}

#[test]
fn a_new_order_updates_its_card_and_an_import_indexes_new_cards_at_its_end() {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("orderdesk.sqlite3");
    before_0034(&path);
    let conn = open_writer(&path).expect("migrated");
    // The orders' customers and stages are beside the point here.
    conn.execute_batch("PRAGMA foreign_keys = OFF")
        .expect("pragma");
    let insert = |id: &str, number: i64, name: &str, phone: &str, at: i64| {
        conn.execute(
            "INSERT INTO orders (id, number, channel, customer_id, customer_name, phone, email, \
             address, delivery, payment, stage_id, stage_entered_at, subtotal, discount, \
             delivery_cost, total, created_at) VALUES (?1, ?2, 'site', 'c', ?3, ?4, NULL, \
             'Казань', 'courier', 'online', 'new', 0, 1, 0, 0, 1000, ?5)",
            rusqlite::params![id, number, name, phone, at],
        )
        .expect("order");
    };
    insert(
        "00000000-0000-0000-0000-000000000005",
        10005,
        "Иванов Иван",
        "79151050001",
        3000,
    );
    let ivan = list(&conn, "915105", 50).expect("search");
    assert_eq!(
        ivan[0].name, "Иванов Иван",
        "the newest order names the card"
    );
    assert_eq!(ivan[0].orders, 3);
    // An order placed earlier, imported later, does not rename the card.
    insert(
        "00000000-0000-0000-0000-000000000006",
        10006,
        "Ваня",
        "79151050001",
        500,
    );
    assert_eq!(
        list(&conn, "915105", 50).expect("search")[0].name,
        "Иванов Иван"
    );

    conn.execute_batch("UPDATE search_deferral SET deferring = 1")
        .expect("import starts");
    insert(
        "00000000-0000-0000-0000-000000000007",
        10007,
        "Сидорова Анна",
        "79260000007",
        4000,
    );
    insert(
        "00000000-0000-0000-0000-000000000008",
        10008,
        "Иванов Иван Ильич",
        "79151050001",
        4100,
    );
    assert!(list(&conn, "сидорова", 50).expect("search").is_empty());
    conn.execute_batch(
        "DELETE FROM customer_search WHERE rowid IN (SELECT id FROM pending_customer_cards); \
         INSERT INTO customer_search (rowid, search) SELECT c.id, c.search \
         FROM pending_customer_cards p JOIN customer_cards c ON c.id = p.id; \
         DELETE FROM pending_customer_cards; UPDATE search_deferral SET deferring = 0",
    )
    .expect("the import's end, as channel_orders.rs runs it");
    assert_eq!(list(&conn, "сидорова", 50).expect("search").len(), 1);
    assert_eq!(list(&conn, "ильич", 50).expect("search").len(), 1);
    assert!(
        list(&conn, "петрович", 50).expect("search").is_empty(),
        "the old name left the index"
    );
    conn.execute(
        "INSERT INTO customer_search (customer_search, rank) VALUES ('integrity-check', 0)",
        [],
    )
    .expect("the index is whole");
}
