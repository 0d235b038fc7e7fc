//! The search box finds an order by any part a manager remembers: a word of the e-mail or
//! its beginning, a street or a city of the address, the beginning of a SKU, the beginning
//! of a phone or of a number (issue 15).

use domain::{Actor, DeliveryChange, DeliveryMethod, Op, Role};
use uuid::Uuid;

use super::{at, now, order};
use crate::{NewOp, Seed, Store};

fn shop(dir: &tempfile::TempDir) -> Store {
    let store = Store::open(&dir.path().join("t.sqlite3")).expect("open");
    let mut a = order(10243, "new", at("2025-03-03T11:20:00Z"), None);
    a.customer.id = Uuid::from_u128(11);
    a.customer.name = "Петрова Алёна".into();
    a.customer.email = Some("Alena.Petrova@Mail.ru".into());
    a.customer.phone = "79151052233".into();
    a.address = "Казань, ул. Баумана, д. 7".into();
    a.lines[0].sku = "RT-AX55".into();
    let mut b = order(10269, "new", at("2025-03-03T11:30:00Z"), None);
    b.id = Uuid::from_u128(2);
    b.customer.id = Uuid::from_u128(12);
    b.customer.name = "Сидоров Олег".into();
    b.customer.email = Some("oleg@yandex.ru".into());
    b.customer.phone = "79031234567".into();
    b.address = "Москва, ул. Ленина, д. 5".into();
    b.lines[0].id = Uuid::from_u128(9002);
    b.lines[0].sku = "4607001_12".into();
    let mut c = order(20001, "new", at("2025-03-03T11:40:00Z"), None);
    c.id = Uuid::from_u128(3);
    c.customer.id = Uuid::from_u128(13);
    c.customer.name = "Ёжиков Пётр".into();
    c.customer.phone = "79261112233".into();
    c.address = "Самовывоз".into();
    c.lines[0].id = Uuid::from_u128(9003);
    c.lines[0].sku = "RTX4060".into();
    let seed = Seed {
        products: vec![],
        customers: vec![a.customer.clone(), b.customer.clone(), c.customer.clone()],
        orders: vec![a, b, c],
    };
    assert!(store.seed_once("search", seed).expect("seed"));
    store
}

fn numbers(store: &Store, text: &str) -> Vec<i64> {
    let mut found: Vec<i64> = store
        .search(text, 50)
        .expect("search")
        .iter()
        .map(|r| r.number)
        .collect();
    found.sort_unstable();
    found
}

#[test]
fn an_order_is_found_by_a_word_or_the_beginning_of_its_email() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = shop(&dir);
    for text in [
        "petrova",
        "Alena",
        "alena.petrova@",
        "ALENA.PETROVA@MAIL.R",
        "alena.petrova@mail.ru",
    ] {
        assert_eq!(numbers(&store, text), [10243], "{text}");
    }
    // A domain is a word of many addresses: both shops' customers on it.
    assert_eq!(numbers(&store, "@yandex.ru"), [10269]);
    assert!(
        numbers(&store, "petrov@").is_empty(),
        "a beginning, not any part"
    );
}

#[test]
fn an_order_is_found_by_its_street_or_city() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = shop(&dir);
    assert_eq!(numbers(&store, "Ленина"), [10269]);
    assert_eq!(numbers(&store, "казань"), [10243]);
    assert_eq!(numbers(&store, "Баумана 7"), [10243]);
    assert_eq!(
        numbers(&store, "ежиков"),
        [20001],
        "ё folded in names as before"
    );
}

#[test]
fn an_order_is_found_by_the_beginning_of_a_sku_whatever_its_case() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = shop(&dir);
    assert_eq!(numbers(&store, "rt-ax"), [10243]);
    assert_eq!(numbers(&store, "RTX"), [20001]);
    assert_eq!(numbers(&store, "RT-"), [10243]);
    // LIKE's own signs are literal: «4607001_» does not match «46070011…».
    assert_eq!(numbers(&store, "4607001_1"), [10269]);
    assert_eq!(numbers(&store, "4607001"), [10269], "a SKU of digits");
    assert!(
        numbers(&store, "RT%").is_empty(),
        "% is a character, not a wildcard"
    );
}

#[test]
fn an_order_is_found_by_the_beginning_of_a_phone_or_of_its_number() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = shop(&dir);
    assert_eq!(numbers(&store, "915 105"), [10243]);
    assert_eq!(numbers(&store, "8 915 105"), [10243]);
    assert_eq!(numbers(&store, "№102"), [10243, 10269]);
    assert_eq!(numbers(&store, "#2000"), [20001]);
}

#[test]
fn an_address_changed_by_an_op_is_found_by_the_new_words_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = shop(&dir);
    let op = NewOp {
        id: Uuid::now_v7(),
        actor: Actor {
            id: "admin".into(),
            name: "Администратор".into(),
            role: Role::Admin,
        },
        at: now(),
        op: Op::ChangeDelivery {
            order_id: Uuid::from_u128(2),
            change: DeliveryChange {
                method: DeliveryMethod::Courier,
                zone: None,
                address: "Москва, Профсоюзная ул., д. 12".into(),
                window: None,
            },
        },
    };
    store.record(op).expect("address changed");
    assert_eq!(numbers(&store, "профсоюзная"), [10269]);
    assert!(numbers(&store, "Ленина").is_empty());
    assert_eq!(
        numbers(&store, "Сидоров"),
        [10269],
        "the name still indexed"
    );
}

/// «Показано 500 из 1 234»: the count is the list's, its limit aside.
#[test]
fn the_count_of_a_queue_ignores_its_limit_and_keeps_its_filters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = shop(&dir);
    let mut filter = crate::QueueFilter {
        stages: Some(vec!["new".into()]),
        limit: 1,
        ..Default::default()
    };
    assert_eq!(store.orders(&filter).expect("list").len(), 1);
    assert_eq!(store.count_orders(&filter).expect("count"), 3);
    filter.created_from = Some(at("2025-03-03T11:25:00Z"));
    assert_eq!(store.count_orders(&filter).expect("count"), 2);
    filter.stages = Some(Vec::new());
    assert_eq!(store.count_orders(&filter).expect("count"), 0);
}
