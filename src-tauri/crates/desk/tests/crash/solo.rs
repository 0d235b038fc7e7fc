//! The shop on its own: the demo desk's managers write while a WooCommerce import runs
//! beside them, the site (in the parent, so it outlives each child) taking new orders all the
//! while.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use channels::{Credentials, MemorySecrets, Secret, SecretStore};
use desk::Desk;
use testkit::sites::woo_site;

use crate::{check, now, writers, Scene, WRITERS};

const KEY: &str = "ck_crash";
const SECRET: &str = "cs_crash";
const CONNECTION: &str = "ORDERDESK_CRASH_CONNECTION";

/// The site and what keeps new orders coming to it while a solo child runs.
pub struct Site {
    pub feeding: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    feeder: Option<std::thread::JoinHandle<()>>,
}

impl Drop for Site {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(feeder) = self.feeder.take() {
            let _ = feeder.join();
        }
    }
}

fn secrets(connection: uuid::Uuid) -> Arc<MemorySecrets> {
    let secrets = Arc::new(MemorySecrets::default());
    secrets
        .set(
            connection,
            &Credentials {
                key: KEY.into(),
                secret: Secret::new(SECRET),
            },
        )
        .expect("a secret kept");
    secrets
}

/// The demo shop with a WooCommerce connection to a site on loopback.
pub fn scene(rt: &tokio::runtime::Runtime, dir: &Path) -> (Scene, Site) {
    let desk = Desk::open_demo_with_secrets(dir, now(), Arc::new(MemorySecrets::default()))
        .expect("desk opens");
    let skus: Vec<String> = desk
        .catalog("", true)
        .expect("catalogue")
        .into_iter()
        .map(|p| p.sku)
        .filter(|s| !s.is_empty())
        .collect();
    let site = woo_site::site("", KEY, SECRET);
    let addr = rt.block_on(testkit::sites::serve(woo_site::router(site.clone())));
    let home = format!("http://{addr}");
    site.lock().expect("site").home = home.clone();
    let added = desk
        .add_connection(
            proto::NewConnection {
                kind: proto::ChannelKind::WooCommerce,
                name: "Сайт".into(),
                base_url: home,
                key: KEY.into(),
                secret: SECRET.into(),
                setup: Default::default(),
                trust: None,
            },
            now(),
        )
        .expect("connection added");
    drop(desk);

    let (feeding, stop) = (
        Arc::new(AtomicBool::new(false)),
        Arc::new(AtomicBool::new(false)),
    );
    let feeder = std::thread::spawn({
        let (feeding, stop) = (feeding.clone(), stop.clone());
        move || {
            let mut id = 0;
            while !stop.load(Ordering::Relaxed) {
                if feeding.load(Ordering::Relaxed) {
                    id += 1;
                    let mut s = site.lock().expect("site");
                    let at = s.clock + id;
                    let sku = skus[id as usize % skus.len()].as_str();
                    let order =
                        woo_site::order(id, "processing", at, &[(sku, 1 + id % 3, "350.00")]);
                    s.orders.insert(id, order);
                }
                // A buyer every few milliseconds, as on a sale day.
                std::thread::sleep(std::time::Duration::from_millis(3));
            }
        }
    });
    let conn = check::db(dir);
    let scene = Scene {
        name: "solo",
        home: dir.to_owned(),
        dir: dir.to_owned(),
        env: vec![(CONNECTION, added.id)],
        initial: check::stages(&conn),
        device: check::device_id(&conn),
    };
    let site = Site {
        feeding,
        stop,
        feeder: Some(feeder),
    };
    (scene, site)
}

/// Writes until killed: two managers on the shop's own orders, and the import.
pub fn child(dir: &Path, seed: u64) {
    let connection = std::env::var(CONNECTION).expect("connection given");
    let id = uuid::Uuid::parse_str(&connection).expect("a connection id");
    let desk = Desk::open_demo_with_secrets(dir, now(), secrets(id)).expect("desk opens");
    // The managers stay off imported orders: the site answers for those.
    let imported: std::collections::HashSet<String> = check::column(
        &check::db(dir),
        "SELECT order_id FROM channel_orders WHERE order_id IS NOT NULL",
    )
    .into_iter()
    .collect();
    let ids: Vec<String> = writers::order_ids(&desk)
        .into_iter()
        .filter(|id| !imported.contains(id))
        .collect();
    let products = desk.catalog("", true).expect("catalogue");
    std::thread::scope(|s| {
        for writer in 0..WRITERS {
            let (desk, ids, products) = (&desk, &ids, &products);
            s.spawn(move || {
                let mut rng = fastrand::Rng::with_seed(seed * WRITERS as u64 + writer as u64);
                loop {
                    writers::one_op(desk, ids, products, &mut rng);
                }
            });
        }
        s.spawn(|| {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            loop {
                // A failed run (the site busy) is tried again; the next one resumes it.
                if let Ok(r) = rt.block_on(desk.sync_now(&connection, now())) {
                    if r.imported > 0 {
                        println!("imported {}", r.imported);
                    }
                }
            }
        });
    });
}
