//! The picker's search as the store answers it: parts of names, SKUs and barcodes, archived
//! products left out, the limit kept, and the index following renames.

use domain::{Actor, Kopecks, Product, Quantity, Role, ShopOp};
use uuid::Uuid;

use crate::{NewShopOp, Store, PRODUCT_MATCHES_MAX};

fn product(n: u128, sku: &str, name: &str, barcode: &str) -> Product {
    Product {
        id: Uuid::from_u128(n),
        sku: sku.into(),
        name: name.into(),
        unit: "шт".into(),
        price: Kopecks(459_000),
        vat: None,
        location: String::new(),
        stock: Quantity(12_000),
        barcode: barcode.into(),
        weight_g: None,
        archived: false,
    }
}

fn save(store: &Store, product: Product) {
    store
        .record_shop_op(NewShopOp {
            id: Uuid::now_v7(),
            actor: Actor {
                id: "admin".into(),
                name: "Админ".into(),
                role: Role::Admin,
            },
            at: jiff::Timestamp::from_second(1_750_000_000).expect("instant"),
            op: ShopOp::SetProduct { product },
        })
        .expect("product saved");
}

fn shop(dir: &tempfile::TempDir) -> Store {
    let store = Store::open(&dir.path().join("t.sqlite3")).expect("open");
    save(
        &store,
        product(1, "RT-AX55", "Роутер ASUS RT-AX55", "4710000000551"),
    );
    save(
        &store,
        product(2, "SSD-970", "Накопитель Samsung 970 EVO", "8801643000970"),
    );
    save(&store, product(3, "ELK-01", "Ёлка искусственная 1,5 м", ""));
    let mut old = product(4, "RT-AC51", "Роутер ASUS RT-AC51 (снят)", "4710000000510");
    old.archived = true;
    save(&store, old);
    store
}

fn skus(store: &Store, text: &str, limit: u32) -> Vec<String> {
    store
        .find_products(text, limit)
        .expect("search")
        .into_iter()
        .map(|p| p.sku)
        .collect()
}

#[test]
fn a_product_is_found_by_any_part_of_its_name_in_any_case_and_yo_as_ye() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = shop(&dir);
    assert_eq!(skus(&store, "самсунг", 10), Vec::<String>::new());
    assert_eq!(skus(&store, "samsung", 10), ["SSD-970"]);
    assert_eq!(skus(&store, "копит", 10), ["SSD-970"], "inside a word");
    assert_eq!(skus(&store, "ЕЛКА", 10), ["ELK-01"], "ё is е, any case");
    assert_eq!(
        skus(&store, "asus роут", 10),
        ["RT-AX55"],
        "every word, any order"
    );
    assert_eq!(
        skus(&store, "м", 10),
        ["ELK-01"],
        "a short word is read through"
    );
}

#[test]
fn a_product_is_found_by_a_part_of_its_sku_or_barcode_and_an_exact_one_comes_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = shop(&dir);
    assert_eq!(skus(&store, "ax5", 10), ["RT-AX55"]);
    assert_eq!(
        skus(&store, "rt", 10),
        ["RT-AX55"],
        "two letters: no trigram"
    );
    assert_eq!(
        skus(&store, "8801643000970", 10),
        ["SSD-970"],
        "a scanned barcode"
    );
    assert_eq!(skus(&store, "0005", 10), ["RT-AX55"], "a part of a barcode");
    save(&store, product(5, "970", "Адаптер для SSD-970", ""));
    assert_eq!(
        skus(&store, "970", 10),
        ["970", "SSD-970"],
        "the exact SKU first, then by name"
    );
}

#[test]
fn archived_products_are_not_offered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = shop(&dir);
    assert_eq!(skus(&store, "asus", 10), ["RT-AX55"]);
    assert_eq!(skus(&store, "4710000000510", 10), Vec::<String>::new());
    assert_eq!(skus(&store, "", 10), ["ELK-01", "SSD-970", "RT-AX55"]);
}

#[test]
fn a_search_returns_at_most_its_limit_and_never_more_than_the_maximum() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = shop(&dir);
    for n in 0..60u128 {
        save(
            &store,
            product(
                100 + n,
                &format!("CBL-{n:02}"),
                &format!("Кабель HDMI {n:02}"),
                "",
            ),
        );
    }
    assert_eq!(
        skus(&store, "кабель", 5),
        ["CBL-00", "CBL-01", "CBL-02", "CBL-03", "CBL-04"]
    );
    assert_eq!(skus(&store, "ка", 3).len(), 3);
    assert_eq!(
        skus(&store, "кабель", 1000).len(),
        PRODUCT_MATCHES_MAX as usize
    );
    assert_eq!(skus(&store, "кабель", 0).len(), 1, "at least one");
}

#[test]
fn a_renamed_product_is_found_by_its_new_name_only() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = shop(&dir);
    save(
        &store,
        product(2, "SSD-980", "Накопитель Samsung 980 PRO", "8801643000980"),
    );
    assert_eq!(skus(&store, "970", 10), Vec::<String>::new());
    assert_eq!(skus(&store, "980 pro", 10), ["SSD-980"]);
    // Stock moves every day; the index is not rewritten for it, and the product is still found.
    let mut p = product(2, "SSD-980", "Накопитель Samsung 980 PRO", "8801643000980");
    p.stock = Quantity(3_000);
    save(&store, p);
    assert_eq!(skus(&store, "ssd-98", 10), ["SSD-980"]);
}

#[test]
fn quotes_and_fts_syntax_in_the_text_are_searched_as_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = shop(&dir);
    for text in ["\"", "asus\"", "AND OR NOT", "rt-ax55*", "(ssd", "^роутер"] {
        store.find_products(text, 10).expect("no syntax error");
    }
    save(&store, product(6, "Q-1", "Кабель \"Витая пара\"", ""));
    assert_eq!(skus(&store, "\"витая", 10), ["Q-1"]);
}

#[test]
fn the_migration_indexes_the_products_a_shop_already_has() {
    use rusqlite_migration::{Migrations, M};

    use crate::connection::{open_writer, MIGRATIONS};

    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("t.sqlite3");
    let position = MIGRATIONS
        .iter()
        .position(|m| m.contains("CREATE TABLE product_keys"))
        .expect("0039 is a migration");
    let mut conn = rusqlite::Connection::open(&path).expect("open");
    Migrations::new(
        MIGRATIONS[..position]
            .iter()
            .map(|sql| M::up(sql))
            .collect(),
    )
    .to_latest(&mut conn)
    .expect("the schema before the index");
    conn.execute_batch(
        "INSERT INTO products (id, sku, name, unit, price, vat_rate, location, stock, barcode) \
         VALUES ('00000000-0000-0000-0000-000000000001', 'RT-AX55', 'Роутер', 'шт', 100, 'shop', \
         '', 0, '4710000000551')",
    )
    .expect("a product");
    drop(conn);
    drop(open_writer(&path).expect("migrated"));
    let store = Store::open(&path).expect("open");
    assert_eq!(skus(&store, "0551", 10), ["RT-AX55"]);
    assert_eq!(skus(&store, "роут", 10), ["RT-AX55"]);
}

#[test]
fn a_rare_word_beyond_the_first_products_by_name_is_found_through_the_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = shop(&dir);
    let ops = (0..400u128)
        .map(|n| NewShopOp {
            id: Uuid::now_v7(),
            actor: Actor {
                id: "admin".into(),
                name: "Админ".into(),
                role: Role::Admin,
            },
            at: jiff::Timestamp::from_second(1_750_000_000).expect("instant"),
            op: ShopOp::SetProduct {
                product: product(
                    1_000 + n,
                    &format!("A-{n:03}"),
                    &format!("Адаптер {n:03}"),
                    "",
                ),
            },
        })
        .collect();
    store.record_shop_ops(ops).expect("400 products");
    // «Ёлка», «Накопитель» and «Роутер» sort after the 400 adapters.
    assert_eq!(skus(&store, "samsung", 10), ["SSD-970"]);
    // 039, 139, 239, 339 and 390 to 399.
    assert_eq!(skus(&store, "адаптер 39", 20).len(), 14);
    assert_eq!(
        skus(&store, "ад", 5),
        ["A-000", "A-001", "A-002", "A-003", "A-004"]
    );
}
