//! The fault soak's fuzz part (issue 16, item 8): every parser that takes input from outside
//! — 1C's CommerceML files, a WooCommerce order (REST answer or webhook body), an Ozon
//! posting, a Yandex Market order, MegaMarket's `order/new` push, МойСклад's order list and
//! the team hub's push body — is fed mutated samples and random bytes for a time budget, and
//! every input must give a value or an error, never a panic.
//!
//! This runs on the stable toolchain, so it is not coverage-guided like the cargo-fuzz
//! targets in `channels/fuzz/` (those need nightly, which this project's machines do not
//! have): it mutates real samples (bytes overwritten, cut, repeated, JSON values swapped for
//! hostile ones) and random bytes. `cargo xtask bench soak` runs it and reads its `figure`
//! lines; a failing input is saved under `target/bench/fuzz-failures/`.
//!
//! `ORDERDESK_FUZZ_SECONDS` is the budget of each target (default: an hour across all),
//! `ORDERDESK_FUZZ_SEED` replays a run.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A target: its name, the parser run on an input, and its seed inputs.
type Target = (&'static str, fn(&[u8]), fn() -> Vec<Vec<u8>>);

const TARGETS: [Target; 9] = [
    ("cml_catalog", cml_catalog, cml_seeds),
    ("cml_offers", cml_offers, cml_seeds),
    ("cml_orders", cml_orders, cml_seeds),
    ("woo_order", woo_order, woo_seeds),
    ("ozon_posting", ozon_posting, || {
        one(include_bytes!("fuzz_soak/ozon_posting.json"))
    }),
    ("yandex_order", yandex_order, || {
        one(include_bytes!("fuzz_soak/yandex_order.json"))
    }),
    ("megamarket_push", megamarket_push, || {
        one(include_bytes!("fuzz_soak/megamarket_order_new.json"))
    }),
    ("moysklad_orders", moysklad_orders, || {
        one(include_bytes!("fuzz_soak/moysklad_orders.json"))
    }),
    ("hub_push_body", hub_push_body, push_seeds),
];

fn one(bytes: &[u8]) -> Vec<Vec<u8>> {
    vec![bytes.to_vec()]
}

fn cml_seeds() -> Vec<Vec<u8>> {
    [
        &include_bytes!("../../channels/tests/data/cml/import.xml")[..],
        &include_bytes!("../../channels/tests/data/cml/offers.xml")[..],
        &include_bytes!("../../channels/tests/data/cml/orders.xml")[..],
    ]
    .map(<[u8]>::to_vec)
    .to_vec()
}

/// The fuzz corpus's order and every order of the real WooCommerce 10.0.2 samples (fees,
/// coupons, refunds, pickup points, deleted products, variations).
fn woo_seeds() -> Vec<Vec<u8>> {
    let mut out = one(include_bytes!(
        "../../channels/fuzz/corpus/woo_order/sample-0.json"
    ));
    let edge: serde_json::Value = serde_json::from_str(include_str!(
        "../../channels/tests/data/woo-10.0.2/orders-edge-cases.json"
    ))
    .expect("the edge-case sample is JSON");
    let page: serde_json::Value = serde_json::from_str(include_str!(
        "../../channels/tests/data/woo-10.0.2/orders-page.json"
    ))
    .expect("the page sample is JSON");
    let orders = edge
        .as_object()
        .into_iter()
        .flat_map(|m| m.values())
        .chain(page.as_array().into_iter().flatten());
    out.extend(orders.filter_map(|o| serde_json::to_vec(o).ok()));
    out
}

/// A push a desk would send: a manager's first ops on the demo shop, as the sync sends them.
/// (The demo's own orders are seeded rows, not ops: a demo shop alone has nothing to push,
/// and this seed failed the soak's fuzz part before any input was tried.)
fn push_seeds() -> Vec<Vec<u8>> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let now = "2026-12-01T09:00:00Z".parse().expect("an instant");
    let desk = desk::Desk::open_demo(dir.path(), now).expect("the demo shop opens");
    let all = proto::QueueQuery {
        limit: 20,
        ..proto::QueueQuery::default()
    };
    for order in desk.orders(all, now).expect("the demo's orders") {
        // Refusals (an order at its last stage) are part of the mix.
        let _ = desk.advance(&order.id, now);
    }
    drop(desk);
    let store = store::Store::open(&dir.path().join("orderdesk.sqlite3")).expect("its file");
    let ops: Vec<serde_json::Value> = store
        .unsent_ops(40)
        .expect("its ops")
        .iter()
        .filter_map(|op| serde_json::to_value(op).ok())
        .collect();
    assert!(!ops.is_empty(), "the demo shop has ops to push");
    let push = proto::sync::PushRequest {
        protocol: proto::sync::PROTOCOL_VERSION,
        ops,
    };
    vec![serde_json::to_vec(&push).expect("a push body")]
}

fn cml_catalog(b: &[u8]) {
    let _ = channels::cml::parse_catalog(b);
}

fn cml_offers(b: &[u8]) {
    let _ = channels::cml::parse_offers(b);
}

fn cml_orders(b: &[u8]) {
    let _ = channels::cml::parse_orders(b);
}

fn woo_order(b: &[u8]) {
    if let Ok(order) = serde_json::from_slice::<channels::woo::model::WooOrder>(b) {
        let _ = channels::fuzzing::woo_import(&order);
    }
}

fn ozon_posting(b: &[u8]) {
    if let Ok(p) = serde_json::from_slice::<channels::ozon::model::Posting>(b) {
        let _ = channels::fuzzing::ozon_import(&p);
    }
}

fn yandex_order(b: &[u8]) {
    if let Ok(o) = serde_json::from_slice::<channels::yandex::model::YmOrder>(b) {
        let _ = channels::fuzzing::yandex_import(&o);
    }
}

/// As the receiver reads the push: `data.shipments`, each a shipment.
fn megamarket_push(b: &[u8]) {
    let Ok(v) = serde_json::from_slice::<serde_json::Value>(b) else {
        return;
    };
    let Some(list) = v.pointer("/data/shipments").and_then(|s| s.as_array()) else {
        return;
    };
    for s in list {
        if let Ok(s) = serde_json::from_value::<channels::megamarket::model::Shipment>(s.clone()) {
            let _ = channels::fuzzing::megamarket_import(&s);
        }
    }
}

fn moysklad_orders(b: &[u8]) {
    let _ = serde_json::from_slice::<
        channels::moysklad::model::List<channels::moysklad::model::CustomerOrder>,
    >(b);
}

/// As the hub reads a push: the request, then each op as an envelope, checked as an op.
fn hub_push_body(b: &[u8]) {
    let Ok(req) = serde_json::from_slice::<proto::sync::PushRequest>(b) else {
        return;
    };
    for op in req.ops {
        let _ = serde_json::from_value::<domain::AnyOp>(op);
    }
}

/// JSON values that break naive readers: wrong types, extremes, escapes.
const HOSTILE: &[&[u8]] = &[
    b"null",
    b"\"\"",
    b"-1",
    b"0",
    b"1e309",
    b"-9223372036854775809",
    b"18446744073709551616",
    b"\"\\u0000\"",
    b"\"\\ud800\"",
    b"[]",
    b"{}",
    b"true",
    b"\"99999999999999999999.999\"",
    b"\"-0.005\"",
    b"\"\xd0\xb0\xcc\x81\"",
];

fn mutate(rng: &mut fastrand::Rng, seeds: &[Vec<u8>]) -> Vec<u8> {
    if rng.u8(..10) == 0 {
        return (0..rng.usize(..512)).map(|_| rng.u8(..)).collect();
    }
    let mut out = seeds[rng.usize(..seeds.len())].to_vec();
    for _ in 0..rng.usize(1..9) {
        if out.is_empty() {
            break;
        }
        let at = rng.usize(..out.len());
        match rng.u8(..6) {
            0 => out[at] = rng.u8(..),
            1 => {
                let end = (at + rng.usize(1..64)).min(out.len());
                out.drain(at..end);
            }
            2 => out.insert(at, rng.u8(..)),
            3 => {
                let end = (at + rng.usize(1..256)).min(out.len());
                let chunk = out[at..end].to_vec();
                out.splice(at..at, chunk);
            }
            4 => out.truncate(at),
            _ => {
                // A JSON value (after a ':' or '[') replaced by a hostile one.
                if let Some(colon) = out[at..].iter().position(|&c| c == b':' || c == b'[') {
                    let start = at + colon + 1;
                    let end = out[start..]
                        .iter()
                        .position(|&c| c == b',' || c == b'}' || c == b']')
                        .map_or(out.len(), |e| start + e);
                    let value = HOSTILE[rng.usize(..HOSTILE.len())];
                    out.splice(start..end, value.iter().copied());
                }
            }
        }
    }
    out
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is taken.
    let seconds = std::env::var("ORDERDESK_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
        .unwrap_or(3600 / TARGETS.len() as u64);
    let seed = std::env::var("ORDERDESK_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| fastrand::u64(..));
    println!("fuzz soak: {seconds} s per target, seed {seed} (ORDERDESK_FUZZ_SEED replays)");
    // Seeds first, with panics reported as usual: a seed that cannot be made is a bench bug.
    let all_seeds: Vec<Vec<Vec<u8>>> = TARGETS.iter().map(|(_, _, seeds)| seeds()).collect();
    // The samples themselves must parse without a panic too.
    for ((_, run, _), seeds) in TARGETS.iter().zip(&all_seeds) {
        for s in seeds {
            run(s);
        }
    }
    // From here a panic is counted and its input kept; the default hook would print each.
    std::panic::set_hook(Box::new(|_| {}));
    let failures_dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../target/bench/fuzz-failures");
    let mut failed_any = false;
    for (i, ((name, run, _), seeds)) in TARGETS.iter().zip(&all_seeds).enumerate() {
        let mut rng = fastrand::Rng::with_seed(seed.wrapping_add(i as u64));
        let budget = Duration::from_secs(seconds);
        let started = Instant::now();
        let (mut inputs, mut failures) = (0_u64, 0_u64);
        while started.elapsed() < budget {
            let input = mutate(&mut rng, seeds);
            inputs += 1;
            if catch_unwind(AssertUnwindSafe(|| run(&input))).is_err() {
                failures += 1;
                if failures <= 5 {
                    let _ = std::fs::create_dir_all(&failures_dir);
                    let path = failures_dir.join(format!("{name}-{inputs}.bin"));
                    let _ = std::fs::write(&path, &input);
                    eprintln!(
                        "{name}: a panic on input {inputs}, kept as {}",
                        path.display()
                    );
                }
            }
        }
        let hours = started.elapsed().as_secs_f64() / 3600.0;
        failed_any |= failures > 0;
        println!("figure fuzz_hours.{name} {hours:.4}");
        println!("figure fuzz_inputs.{name} {inputs}");
        println!("figure fuzz_failures.{name} {failures}");
    }
    if failed_any {
        std::process::exit(1);
    }
}
