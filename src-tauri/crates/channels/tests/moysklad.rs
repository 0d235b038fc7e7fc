//! МойСклад against a server written from the JSON API 1.2 docs, and the seed shop's round
//! trip: site order in → confirmed here → customer order in МойСклад → closed there → done
//! here → completed on the site; stock changed in МойСклад → the site's stock.

mod support;

use std::collections::BTreeMap;

use channels::config::{Connection, Kind, MoySkladSettings, Settings, StatusMap};
use channels::{ChannelError, Credentials, Jobs, Secret};
use support::moysklad::{self as ms, LOGIN, PASSWORD, STORE_ID};
use support::woo_site::{self, order};
use support::{desk, fast_retry, now, products, serve, woo_connection, Desk, KEY, SECRET};
use uuid::Uuid;

async fn sklad(desk: &Desk, stock_to: Option<Uuid>, page: u32) -> (ms::Shared, Connection) {
    let sk = ms::sklad();
    let addr = serve(ms::router(sk.clone())).await;
    let base = format!("http://{addr}/api/remap/1.2");
    {
        let mut s = sk.lock().expect("sklad");
        s.base = base.clone();
        for (i, article) in ["MUG-BLUE", "STK-01", "ONLY-MS"].iter().enumerate() {
            let by_store = BTreeMap::from([
                (STORE_ID.to_owned(), 10 + i as i64),
                ("st-other".to_owned(), 100),
            ]);
            s.products.push((
                format!("p-{i}"),
                (*article).to_owned(),
                by_store,
                1_795_000_000,
            ));
        }
    }
    let conn = Connection {
        id: Uuid::now_v7(),
        kind: Kind::MoySklad,
        name: "МойСклад".into(),
        base_url: base.clone(),
        settings: Settings {
            retry: fast_retry(),
            page_size: page,
            moysklad: Some(MoySkladSettings {
                organization_href: format!("{base}/entity/organization/org-1"),
                store_href: Some(format!("{base}/entity/store/{STORE_ID}")),
                stock_to,
            }),
            ..Settings::default()
        },
        status_map: StatusMap::moysklad_default(),
    };
    desk.channels
        .add_connection(
            &conn,
            &Credentials {
                key: LOGIN.into(),
                secret: Secret::new(PASSWORD),
            },
            now(),
        )
        .expect("add МойСклад");
    (sk, conn)
}

fn admin() -> domain::Actor {
    domain::Actor {
        id: "admin".into(),
        name: "Администратор".into(),
        role: domain::Role::Admin,
    }
}

fn confirm(store: &store::Store, order_id: Uuid) {
    store
        .record(store::NewOp {
            id: Uuid::now_v7(),
            actor: admin(),
            at: now(),
            op: domain::Op::ConfirmVersion {
                order_id,
                version: 1,
            },
        })
        .expect("confirm");
}

#[tokio::test]
async fn the_seed_shops_round_trip() {
    let desk = desk();
    products(&desk.store, &["MUG-BLUE", "STK-01"]);
    let site = woo_site::site("", KEY, SECRET);
    let site_addr = serve(woo_site::router(site.clone())).await;
    {
        let mut s = site.lock().expect("site");
        s.home = format!("http://{site_addr}");
        let c = s.clock;
        s.orders.insert(
            7,
            order(
                7,
                "pending",
                c,
                &[("MUG-BLUE", 3, "12.5"), ("GIFT-BOX", 1, "50")],
            ),
        );
        s.products.insert(501, ("MUG-BLUE".into(), 0));
        s.products.insert(502, ("STK-01".into(), 0));
    }
    let woo = woo_connection(&desk, site_addr);
    let (sk, msc) = sklad(&desk, Some(woo.id), 2).await;

    // Orders in from the site every 5 minutes.
    desk.channels
        .sync_now(woo.id, Jobs::ALL, now())
        .await
        .expect("site sync");
    let order_id = desk.store.channel_orders(woo.id).expect("rows")[0]
        .order_id
        .expect("imported");
    // Not confirmed yet: nothing goes to the back office.
    let report = desk
        .channels
        .sync_now(
            msc.id,
            Jobs {
                orders: true,
                stock: false,
            },
            now(),
        )
        .await
        .expect("ms sync");
    assert_eq!(report.pushed, 0);
    confirm(&desk.store, order_id);
    let report = desk
        .channels
        .sync_now(
            msc.id,
            Jobs {
                orders: true,
                stock: false,
            },
            now(),
        )
        .await
        .expect("ms sync");
    assert_eq!(report.pushed, 1);
    let (ms_id, ms_order) = {
        let s = sk.lock().expect("sklad");
        assert_eq!(s.orders.len(), 1);
        let (id, o) = s.orders.iter().next().expect("one order");
        (id.clone(), o.clone())
    };
    assert_eq!(ms_order["externalCode"], order_id.to_string());
    assert_eq!(
        ms_order["positions"].as_array().expect("positions").len(),
        1,
        "GIFT-BOX is not in МойСклад"
    );
    assert_eq!(ms_order["positions"][0]["quantity"], 3);
    assert_eq!(ms_order["positions"][0]["price"], 1250);
    assert_eq!(
        ms_order["state"]["meta"]["href"],
        ms::state_href(&sk.lock().expect("sklad").base, "Новый")
    );
    let row = &desk.store.channel_orders(msc.id).expect("rows")[0];
    assert!(
        row.flags.contains(&"unknown_article:GIFT-BOX".to_owned()),
        "{:?}",
        row.flags
    );
    // No duplicate on the next run.
    let again = desk
        .channels
        .sync_now(
            msc.id,
            Jobs {
                orders: true,
                stock: false,
            },
            now(),
        )
        .await
        .expect("again");
    assert_eq!(again.pushed, 0);
    assert_eq!(sk.lock().expect("sklad").orders.len(), 1);

    // The back office closes it: МойСклад is master of «Закрыт».
    {
        let mut s = sk.lock().expect("sklad");
        s.clock += 600;
        let (href, updated) = (ms::state_href(&s.base, "Закрыт"), ms::moscow(s.clock));
        let o = s.orders.get_mut(&ms_id).expect("order");
        o["state"]["meta"]["href"] = href.into();
        o["updated"] = updated.into();
    }
    let report = desk
        .channels
        .sync_now(
            msc.id,
            Jobs {
                orders: true,
                stock: false,
            },
            now(),
        )
        .await
        .expect("ms states");
    assert_eq!(report.moved, 1);
    assert_eq!(
        desk.store.order(order_id).expect("order").stage.stage_id,
        "done"
    );
    // ...and the site shows it completed — the step the seed shop did by hand.
    desk.channels
        .sync_now(woo.id, Jobs::ALL, now())
        .await
        .expect("site sync");
    assert_eq!(site.lock().expect("site").orders[&7]["status"], "completed");

    // Stock: МойСклад (our store only, paged product list) → our products → the site.
    {
        let mut s = sk.lock().expect("sklad");
        s.clock += 10;
        let clock = s.clock;
        let p = &mut s.products[0];
        p.2.insert(STORE_ID.to_owned(), 42);
        p.3 = clock;
    }
    let report = desk
        .channels
        .sync_now(
            msc.id,
            Jobs {
                orders: false,
                stock: true,
            },
            now(),
        )
        .await
        .expect("stock");
    assert_eq!(report.stock_pulled, 3, "first pull takes every product");
    let s = site.lock().expect("site");
    assert_eq!(s.products[&501].1, 42);
    assert_eq!(s.products[&502].1, 11);
    let pages = sk
        .lock()
        .expect("sklad")
        .requests
        .iter()
        .filter(|r| r.ends_with("/entity/product"))
        .count();
    assert!(pages >= 2, "product list read in pages of 2");
}

#[tokio::test]
async fn stock_changes_since_the_last_pull_only() {
    let desk = desk();
    products(&desk.store, &["MUG-BLUE", "STK-01"]);
    let (sk, msc) = sklad(&desk, None, 1000).await;
    let stock = Jobs {
        orders: false,
        stock: true,
    };
    let first = desk
        .channels
        .sync_now(msc.id, stock, now())
        .await
        .expect("first");
    assert_eq!(
        (first.stock_pulled, first.stock_missing),
        (3, 1),
        "ONLY-MS is not ours"
    );
    let later = now() + jiff::SignedDuration::from_hours(1);
    {
        let mut s = sk.lock().expect("sklad");
        let p = &mut s.products[1];
        p.2.insert(STORE_ID.to_owned(), 3);
        p.3 = later.as_second() - 30;
    }
    let second = desk
        .channels
        .sync_now(msc.id, stock, later)
        .await
        .expect("second");
    assert_eq!(second.stock_pulled, 1);
    let stk = desk
        .store
        .products()
        .expect("products")
        .into_iter()
        .find(|p| p.sku == "STK-01")
        .expect("STK-01");
    assert_eq!(stk.stock, domain::Quantity(3_000));
}

/// The stock cursor was our clock less a minute: with МойСклад's clock behind ours, a change
/// it stamped after our read was older than the cursor and never came in.
#[tokio::test]
async fn a_stock_change_is_not_missed_when_our_clock_runs_ahead_of_moysklads() {
    let desk = desk();
    products(&desk.store, &["MUG-BLUE", "STK-01"]);
    let (sk, msc) = sklad(&desk, None, 1000).await;
    let stock = Jobs {
        orders: false,
        stock: true,
    };
    // МойСклад's clock stands an hour behind the desk's.
    sk.lock().expect("sklad").clock = now().as_second() - 3_600;
    desk.channels
        .sync_now(msc.id, stock, now())
        .await
        .expect("first");
    {
        let mut s = sk.lock().expect("sklad");
        s.clock += 120;
        let clock = s.clock;
        let p = &mut s.products[1];
        p.2.insert(STORE_ID.to_owned(), 7);
        p.3 = clock;
    }
    let second = desk
        .channels
        .sync_now(msc.id, stock, now() + jiff::SignedDuration::from_mins(5))
        .await
        .expect("second");
    assert_eq!(second.stock_pulled, 1, "only STK-01 changed since");
    let stk = desk
        .store
        .products()
        .expect("products")
        .into_iter()
        .find(|p| p.sku == "STK-01")
        .expect("STK-01");
    assert_eq!(stk.stock, domain::Quantity(7_000));
}

#[tokio::test]
async fn rate_limits_wait_as_told_and_wrong_passwords_pause() {
    let desk = desk();
    products(&desk.store, &["MUG-BLUE"]);
    let (sk, msc) = sklad(&desk, None, 1000).await;
    sk.lock().expect("sklad").window_left = Some(1);
    let stock = Jobs {
        orders: false,
        stock: true,
    };
    let report = desk
        .channels
        .sync_now(msc.id, stock, now())
        .await
        .expect("survives 429");
    assert_eq!(report.stock_pulled, 3);
    // The window ran out after the first call; the one 429 was waited out and retried.
    assert_eq!(sk.lock().expect("sklad").rate_limited, 1);

    sk.lock().expect("sklad").password = "changed".into();
    let err = desk
        .channels
        .sync_now(msc.id, stock, now())
        .await
        .expect_err("refused");
    assert!(
        matches!(err, ChannelError::Unauthorized { status: 401, .. }),
        "{err}"
    );
    let state = desk.channels.state(msc.id).expect("state");
    let reason = state.paused_reason.expect("paused");
    assert!(reason.contains("Ошибка аутентификации"), "{reason}");
    assert!(!reason.contains(PASSWORD));
}

fn orders_only() -> Jobs {
    Jobs {
        orders: true,
        stock: false,
    }
}

/// The back office sets a confirmed order back to «Новый» after the manager moved it to
/// picking here. «Новый» is ours to push, so it does not move our order; but our older
/// «Подтвержден» must not be pushed back over it either.
#[tokio::test]
async fn a_state_moysklad_changed_after_our_move_is_not_overwritten() {
    let desk = desk();
    products(&desk.store, &["MUG-BLUE"]);
    let site = woo_site::site("", KEY, SECRET);
    let site_addr = serve(woo_site::router(site.clone())).await;
    {
        let mut s = site.lock().expect("site");
        s.home = format!("http://{site_addr}");
        let c = s.clock;
        s.orders
            .insert(7, order(7, "pending", c, &[("MUG-BLUE", 1, "12.5")]));
    }
    let woo = woo_connection(&desk, site_addr);
    let (sk, msc) = sklad(&desk, None, 10).await;
    desk.channels
        .sync_now(woo.id, orders_only(), now())
        .await
        .expect("site sync");
    let order_id = desk.store.channel_orders(woo.id).expect("rows")[0]
        .order_id
        .expect("imported");
    confirm(&desk.store, order_id);
    desk.store
        .record(store::NewOp {
            id: Uuid::now_v7(),
            actor: admin(),
            at: now(),
            op: domain::Op::MoveToStage {
                order_id,
                from_stage: "new".into(),
                to_stage: "picking".into(),
            },
        })
        .expect("picking");
    desk.channels
        .sync_now(msc.id, orders_only(), now())
        .await
        .expect("ms sync");
    let ms_id = {
        let mut s = sk.lock().expect("sklad");
        s.clock = now().as_second() + 600;
        let (href, updated) = (ms::state_href(&s.base, "Новый"), ms::moscow(s.clock));
        let confirmed = ms::state_href(&s.base, "Подтвержден");
        let (id, o) = s.orders.iter_mut().next().expect("one order");
        assert_eq!(o["state"]["meta"]["href"], confirmed);
        o["state"]["meta"]["href"] = href.into();
        o["updated"] = updated.into();
        id.clone()
    };
    for _ in 0..2 {
        desk.channels
            .sync_now(msc.id, orders_only(), now())
            .await
            .expect("ms sync");
    }
    let s = sk.lock().expect("sklad");
    assert_eq!(
        s.orders[&ms_id]["state"]["meta"]["href"],
        ms::state_href(&s.base, "Новый"),
        "МойСклад's newer state stays"
    );
    let row = &desk.store.channel_orders(msc.id).expect("rows")[0];
    assert!(
        row.flags
            .contains(&"stale_push_skipped:Подтвержден<Новый".to_owned()),
        "{:?}",
        row.flags
    );
}
