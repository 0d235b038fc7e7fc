//! The product picker through the desk: a search by a part of an SKU, a name or a barcode
//! offers what a line is priced from (price, stock, barcode), archived products and
//! products beyond the limit are not offered (issue 15, point 7).

use std::path::Path;
use std::sync::Arc;

use channels::MemorySecrets;
use desk::Desk;
use jiff::Timestamp;
use proto::{ProductInput, Role, User};

fn now() -> Timestamp {
    "2026-03-02T07:30:00Z".parse().expect("instant")
}

fn open(dir: &Path) -> Desk {
    let desk =
        Desk::open_with_secrets(dir, now(), Arc::new(MemorySecrets::default())).expect("open");
    desk.set_user(User {
        id: "maria".into(),
        name: "Иванова Мария".into(),
        role: Role::Manager,
    });
    desk
}

fn input(sku: &str, name: &str, barcode: &str) -> ProductInput {
    ProductInput {
        id: None,
        sku: sku.into(),
        name: name.into(),
        barcode: barcode.into(),
        unit: "шт".into(),
        price: 459_000,
        vat: None,
        weight_g: None,
        location: "B-02-1".into(),
        stock: 7_000,
        archived: false,
    }
}

fn skus(desk: &Desk, text: &str, limit: u32) -> Vec<String> {
    desk.find_products(text, limit)
        .expect("search")
        .into_iter()
        .map(|p| p.sku)
        .collect()
}

#[test]
fn the_picker_finds_a_product_by_a_part_of_its_sku_name_or_barcode_with_price_and_stock() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    desk.save_product(
        input("PK-RT-AX55", "Роутер PK ASUS", "4710000000551"),
        now(),
    )
    .expect("saved");
    desk.save_product(input("PK-SSD-970", "Накопитель PK Samsung", ""), now())
        .expect("saved");
    let mut old = input("PK-RT-AC51", "Роутер PK старый", "4710000000510");
    old.archived = true;
    desk.save_product(old, now()).expect("saved");

    let found = desk.find_products("rt-ax", 10).expect("search");
    assert_eq!(found.len(), 1);
    assert_eq!(
        (found[0].name.as_str(), found[0].price, found[0].stock),
        ("Роутер PK ASUS", 459_000, 7_000)
    );
    assert_eq!(found[0].barcode, "4710000000551");
    assert_eq!(skus(&desk, "samsung", 10), ["PK-SSD-970"]);
    assert_eq!(skus(&desk, "00551", 10), ["PK-RT-AX55"]);
    assert_eq!(
        skus(&desk, "роутер pk", 10),
        ["PK-RT-AX55"],
        "the archived one is not offered"
    );
    assert_eq!(skus(&desk, "pk-", 1).len(), 1, "the limit is kept");
}
