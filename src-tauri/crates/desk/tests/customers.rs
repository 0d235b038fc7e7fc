//! The customer register through the desk, on a real SQLite file (issue 14, point 5): an
//! order written makes or updates its customer; one phone in any spelling is one customer;
//! any part of a phone, e-mail or name finds them; what the customer typed comes back as
//! typed; a manager's correction is a shop op and leaves the orders as they were.

use desk::Desk;
use jiff::{SignedDuration, Timestamp};
use proto::{
    CompanyBuyer, CustomerInput, DeliveryChange, DeliveryMethod, NewLine, NewOrder, PaymentMethod,
    ProductInput, Role, User,
};

fn now() -> Timestamp {
    "2026-03-02T07:30:00Z".parse().expect("instant")
}

fn later(minutes: i64) -> Timestamp {
    now()
        .checked_add(SignedDuration::from_mins(minutes))
        .expect("in range")
}

/// A new shop (no demo customers) with one product to order.
fn open(dir: &tempfile::TempDir) -> Desk {
    let desk = Desk::open_with_secrets(
        dir.path(),
        now(),
        std::sync::Arc::new(channels::MemorySecrets::default()),
    )
    .expect("open");
    as_role(&desk, Role::Manager);
    desk.save_product(
        ProductInput {
            id: None,
            sku: "K-1".into(),
            name: "Чайник".into(),
            barcode: String::new(),
            unit: "шт".into(),
            price: 199_000,
            vat: None,
            weight_g: None,
            location: "A-01".into(),
            stock: 10_000,
            archived: false,
        },
        now(),
    )
    .expect("a product");
    desk
}

fn as_role(desk: &Desk, role: Role) {
    desk.set_user(User {
        id: format!("{role:?}"),
        name: "Иванова Мария".into(),
        role,
    });
}

fn order(
    desk: &Desk,
    name: &str,
    phone: &str,
    email: Option<&str>,
    address: &str,
    at: Timestamp,
) -> proto::OrderDetail {
    let product = desk.products().expect("products").remove(0).id;
    desk.create_order(
        NewOrder {
            customer: name.into(),
            phone: phone.into(),
            email: email.map(Into::into),
            delivery: DeliveryChange {
                method: DeliveryMethod::Courier,
                zone: Some("moscow".into()),
                address: address.into(),
                window_from: None,
                window_to: None,
            },
            payment: PaymentMethod::CashOnDelivery,
            lines: vec![NewLine {
                product_id: product,
                quantity: 1000,
            }],
            comment: None,
        },
        at,
    )
    .expect("phone order")
}

fn keys(found: &[proto::CustomerSummary]) -> Vec<&str> {
    found.iter().map(|c| c.key.as_str()).collect()
}

#[test]
fn an_order_written_makes_its_customer_and_one_phone_in_any_spelling_is_one_customer() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(&dir);
    assert!(desk.customers("915 105").expect("search").is_empty());
    let first = order(
        &desk,
        "Смирнова Ольга",
        "+7 (915) 105-77-01",
        Some("olga.smirnova@mail.ru"),
        "Москва, ул. Ленина, д. 5",
        now(),
    );
    let found = desk.customers("915 105").expect("search");
    assert_eq!(keys(&found), ["79151057701"]);
    assert_eq!((found[0].orders, found[0].total), (1, first.total));

    let second = order(
        &desk,
        "Смирнова Ольга Петровна",
        "8 915 105 77 01",
        None,
        "Москва, ул. Тверская, д. 9",
        later(30),
    );
    let found = desk
        .customers("olga.smirn")
        .expect("search by a part of the e-mail");
    assert_eq!(keys(&found), ["79151057701"], "one customer, not two");
    let ivan = &found[0];
    assert_eq!(ivan.orders, 2);
    assert_eq!(ivan.total, first.total + second.total);
    assert_eq!(
        ivan.name, "Смирнова Ольга Петровна",
        "the latest order names them"
    );
    assert_eq!(
        ivan.email.as_deref(),
        Some("olga.smirnova@mail.ru"),
        "kept from the first"
    );
    assert_eq!(ivan.address, "Москва, ул. Тверская, д. 9");
    for part in ["9151057701", "1057", "+7 915 105", "ольга петр", "МАРИЯ"] {
        let found = desk.customers(part).expect("search");
        if part == "МАРИЯ" {
            assert!(!keys(&found).contains(&"79151057701"), "{part}");
        } else {
            assert_eq!(keys(&found), ["79151057701"], "{part}");
        }
    }
    let card = desk.customer("79151057701", later(60)).expect("card");
    let numbers: Vec<&str> = card.orders.iter().map(|o| o.number.as_str()).collect();
    assert_eq!(
        numbers,
        [second.number.as_str(), first.number.as_str()],
        "newest first"
    );
    assert_eq!(
        card.addresses,
        ["Москва, ул. Тверская, д. 9", "Москва, ул. Ленина, д. 5"]
    );
    order(&desk, "Котов Илья", "79031112233", None, "Тула", later(90));
    let all = desk.customers("").expect("the latest customers first");
    assert_eq!(keys(&all), ["79031112233", "79151057701"]);

    // The queue marks the repeat customer on both her orders, and not the new one.
    let listed = desk
        .search("Смирнова", later(100))
        .expect("search")
        .into_iter()
        .chain(desk.search("Котов", later(100)).expect("search"))
        .map(|r| (r.number, r.customer_orders))
        .collect::<std::collections::BTreeMap<_, _>>();
    assert_eq!(listed.len(), 3, "{listed:?}");
    assert_eq!(listed[&first.number], 2);
    assert_eq!(listed[&second.number], 2);
    assert!(listed.values().any(|n| *n == 1), "{listed:?}");
}

#[test]
fn what_the_customer_typed_comes_back_as_text() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(&dir);
    let name = "<img src=x onerror=alert(1)> Ёлкина & \"Ко\"";
    order(
        &desk,
        name,
        "9260000001",
        Some("elka@example.ru"),
        "<script>alert(2)</script>",
        now(),
    );
    let found = desk.customers("елкина").expect("ё as е");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name, name);
    assert_eq!(found[0].address, "<script>alert(2)</script>");
    let found = desk.customers("onerror").expect("any part");
    assert_eq!(keys(&found), ["79260000001"]);
    // Quotes and FTS5 words are text to the search, not syntax.
    assert_eq!(
        keys(&desk.customers("\"Ко\"").expect("quotes")),
        ["79260000001"]
    );
    assert!(desk.customers("NOT AND OR").expect("words").is_empty());
}

#[test]
fn a_company_buyer_is_on_its_customers_card() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(&dir);
    let o = order(&desk, "Котов Илья", "79031112233", None, "Тула", now());
    let company = CompanyBuyer {
        name: "ООО «Ромашка»".into(),
        inn: "7707083893".into(),
        kpp: "773601001".into(),
        address: "117312, г. Москва, ул. Вавилова, д. 19".into(),
        bank_name: String::new(),
        bic: String::new(),
        settlement_account: String::new(),
        corr_account: String::new(),
    };
    let saved = desk
        .set_buyer(&o.id, Some(company.clone()), later(1))
        .expect("buyer");
    assert!(
        matches!(saved, proto::BuyerOutcome::Saved { .. }),
        "{saved:?}"
    );
    let card = desk.customer("79031112233", later(2)).expect("card");
    assert_eq!(card.companies, [company]);
}

#[test]
fn a_managers_correction_is_a_shop_op_and_the_orders_keep_what_the_customer_gave() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(&dir);
    let o = order(&desk, "Петров П.", "79167770011", None, "Казань", now());
    let input = CustomerInput {
        key: "79167770011".into(),
        name: "Петров Павел Сергеевич".into(),
        phone: "+7 916 777-00-12".into(),
        email: "pavel@petrov.ru".into(),
        address: "Казань, ул. Баумана, д. 1".into(),
        note: "Звонить после 18:00".into(),
    };
    as_role(&desk, Role::Picker);
    let refused = desk.save_customer(input.clone(), later(1));
    assert!(refused.is_err(), "a picker may not");
    as_role(&desk, Role::Manager);
    let card = desk.save_customer(input, later(2)).expect("saved");
    assert!(card.corrected);
    assert_eq!(card.summary.name, "Петров Павел Сергеевич");
    assert_eq!(card.summary.phone, "79167770012");
    assert_eq!(card.summary.address, "Казань, ул. Баумана, д. 1");
    assert_eq!(card.note, "Звонить после 18:00");
    assert_eq!(card.orders.len(), 1, "the orders stay the card's");
    assert_eq!(
        keys(&desk.customers("pavel@").expect("search")),
        ["79167770011"]
    );
    assert_eq!(
        keys(&desk.customers("7770012").expect("new phone")),
        ["79167770011"]
    );
    assert_eq!(desk.order(&o.id).expect("order").customer, "Петров П.");
    let db = rusqlite::Connection::open(dir.path().join("orderdesk.sqlite3")).expect("db");
    let (kind, after): (String, String) = db
        .query_row(
            "SELECT kind, after FROM ops WHERE kind = 'set_customer'",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("the op");
    assert_eq!(kind, "set_customer");
    assert!(after.contains("Звонить после 18:00"), "{after}");
    // A new order of the same phone keeps the manager's name on the card.
    order(&desk, "П. Петров", "79167770011", None, "Казань", later(10));
    let card = desk.customer("79167770011", later(11)).expect("card");
    assert_eq!(card.summary.name, "Петров Павел Сергеевич");
    assert_eq!(card.orders.len(), 2);
    // Emptied fields go back to what the orders say.
    let card = desk
        .save_customer(
            CustomerInput {
                key: "79167770011".into(),
                ..CustomerInput::default()
            },
            later(12),
        )
        .expect("cleared");
    assert!(!card.corrected);
    assert_eq!(card.summary.name, "П. Петров");
}

#[test]
fn the_demo_shops_customers_are_found_by_a_part_of_their_phone() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = Desk::open_demo(dir.path(), now()).expect("demo");
    let all = desk.customers("").expect("the latest customers");
    assert_eq!(all.len(), 50, "a page of the latest customers");
    let key = all[0].key.clone();
    let part = format!("{} {}", &key[1..4], &key[4..7]);
    let found = desk.customers(&part).expect("search");
    assert!(
        keys(&found).contains(&key.as_str()),
        "{part}: {:?}",
        keys(&found)
    );
}

#[test]
fn two_cards_with_one_email_are_suggested_never_merged_silently_and_merged_when_confirmed() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(&dir);
    let first = "Москва, ул. Ленина, д. 5";
    let second = "Москва, ул. Мира, д. 7";
    order(
        &desk,
        "Смирнова Ольга",
        "+7 915 105-77-01",
        Some("olga@mail.ru"),
        first,
        now(),
    );
    order(
        &desk,
        "Ольга С.",
        "+7 916 200-00-02",
        Some("OLGA@mail.ru"),
        second,
        later(5),
    );
    let (a, b) = ("79151057701", "79162000002");
    assert_eq!(
        keys(&desk.customers("").expect("list")),
        [b, a],
        "two cards until the manager says they are one"
    );
    let card = desk.customer(a, later(6)).expect("card");
    assert_eq!(keys(&card.suggested), [b], "the same e-mail is a hint");
    assert!(card.merged.is_empty());

    let merged = desk.merge_customers(a, b, later(7)).expect("merged");
    assert_eq!(merged.summary.key, a);
    assert_eq!(merged.summary.orders, 2);
    assert_eq!(merged.summary.total, 2 * merged.orders[1].total);
    assert_eq!(merged.orders.len(), 2);
    assert_eq!(merged.addresses, [second, first], "the latest first");
    assert_eq!(keys(&merged.merged), [b]);
    assert!(merged.suggested.is_empty());
    assert_eq!(keys(&desk.customers("").expect("list")), [a], "one card");
    let found = desk.customers("916 200").expect("search");
    assert_eq!(
        keys(&found),
        [a],
        "the merged card's phone finds the one card"
    );
    assert_eq!(desk.customer(b, later(8)).expect("card").summary.key, a);
    // Merging again, or the other way round, changes nothing.
    let again = desk.merge_customers(b, a, later(8)).expect("again");
    assert_eq!((again.summary.key.as_str(), again.orders.len()), (a, 2));

    // A new order of the merged phone lands in the one card.
    order(
        &desk,
        "Ольга С.",
        "+7 916 200-00-02",
        None,
        second,
        later(9),
    );
    assert_eq!(desk.customer(a, later(10)).expect("card").orders.len(), 3);

    // Split again: each card its own, and the hint is back until the manager says «two people».
    let split = desk.split_customer(b, later(11)).expect("split");
    assert_eq!((split.summary.key.as_str(), split.orders.len()), (b, 2));
    let card = desk.customer(a, later(12)).expect("card");
    assert_eq!((card.orders.len(), keys(&card.suggested)), (1, vec![b]));
    let apart = desk.keep_customers_apart(a, b, later(13)).expect("apart");
    assert!(apart.suggested.is_empty());
    assert!(desk
        .customer(b, later(14))
        .expect("card")
        .suggested
        .is_empty());
    assert_eq!(keys(&desk.customers("").expect("list")).len(), 2);
}

#[test]
fn only_a_manager_or_admin_merges_and_an_unknown_card_is_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(&dir);
    order(
        &desk,
        "Смирнова Ольга",
        "+7 915 105-77-01",
        Some("olga@mail.ru"),
        "Тула",
        now(),
    );
    order(
        &desk,
        "Ольга",
        "+7 916 200-00-02",
        Some("olga@mail.ru"),
        "Тула",
        later(1),
    );
    as_role(&desk, Role::Picker);
    let refused = desk.merge_customers("79151057701", "79162000002", later(2));
    assert!(
        matches!(refused, Err(desk::DeskError::AdminOnly(_))),
        "{refused:?}"
    );
    as_role(&desk, Role::Manager);
    let err = proto::CommandError::from(
        desk.merge_customers("79151057701", "79990000000", later(3))
            .expect_err("no such card"),
    );
    assert_eq!(err.field(), None);
    assert!(err.message.contains("79990000000"), "{}", err.message);
    assert_eq!(
        desk.customer("79151057701", later(4))
            .expect("card")
            .orders
            .len(),
        1,
        "nothing merged"
    );
}

#[test]
fn a_merge_into_a_card_merged_later_itself_follows_it() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(&dir);
    let phones = ["+7 915 000-00-01", "+7 915 000-00-02", "+7 915 000-00-03"];
    for (i, phone) in phones.iter().enumerate() {
        order(
            &desk,
            "Петров",
            phone,
            Some("petrov@ya.ru"),
            "Тула",
            later(i as i64),
        );
    }
    let (a, b, c) = ("79150000001", "79150000002", "79150000003");
    desk.merge_customers(a, b, later(5)).expect("b into a");
    let card = desk.merge_customers(c, a, later(6)).expect("a into c");
    assert_eq!((card.summary.key.as_str(), card.orders.len()), (c, 3));
    let mut inside = keys(&card.merged);
    inside.sort_unstable();
    assert_eq!(inside, [a, b]);
    assert_eq!(desk.customer(b, later(7)).expect("card").summary.key, c);
    assert_eq!(keys(&desk.customers("петров").expect("search")), [c]);
}

/// Issue 19, point 2: `orderdesk://order/N` and `orderdesk://call?from=…` from a softphone
/// or a colleague lead to the order, the caller's card, or a new order for an unknown number.
#[test]
fn a_link_leads_to_its_order_the_callers_card_or_a_new_order_for_an_unknown_number() {
    use proto::{ErrorReason, InputProblem, LinkTarget};
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(&dir);
    let placed = order(
        &desk,
        "Смирнова Ольга",
        "+7 (915) 105-77-01",
        None,
        "Москва, ул. Ленина, д. 5",
        now(),
    );
    let number = placed.number.trim_start_matches('№').to_owned();
    let follow = |link: &str| desk.follow_link(link, later(1));

    assert_eq!(
        follow(&format!("orderdesk://order/{number}")).expect("the order"),
        LinkTarget::Order {
            order_id: placed.id.clone()
        }
    );
    assert_eq!(
        follow("orderdesk://call?from=%2B7%20915%20105-77-01").expect("the caller"),
        LinkTarget::Customer {
            key: "79151057701".into()
        }
    );
    assert_eq!(
        follow("orderdesk://call?from=89035550000").expect("a new caller"),
        LinkTarget::NewCaller {
            phone: "79035550000".into()
        }
    );

    let reason = |link: &str| match follow(link) {
        Err(e) => proto::CommandError::from(e).reason.map(|r| *r),
        Ok(target) => panic!("{link} led to {target:?}"),
    };
    assert_eq!(
        reason("orderdesk://order/99999"),
        Some(ErrorReason::Input {
            problem: InputProblem::NoOrderNumbered { number: 99999 }
        })
    );
    assert_eq!(
        reason("orderdesk://order/1;DROP TABLE orders"),
        Some(ErrorReason::Input {
            problem: InputProblem::Link {
                link: "orderdesk://order/1;DROP TABLE orders".into()
            }
        })
    );
    // Nothing the refused link said was run: the order is still there.
    assert!(follow(&format!("orderdesk://order/{number}")).is_ok());
}
