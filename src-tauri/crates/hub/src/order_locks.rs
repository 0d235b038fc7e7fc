//! Ops on one order are judged one at a time within this hub process, so the optimistic
//! write in push.rs practically never finds its order changed (it still checks, for a
//! second process on the same database). Striped rather than one lock per order: nothing
//! to create or clean up, and two orders sharing a stripe only wait for each other briefly.

use std::hash::BuildHasher;

use tokio::sync::{Mutex, MutexGuard};
use uuid::Uuid;

const STRIPES: usize = 1024;

pub(crate) struct OrderLocks {
    stripes: Vec<Mutex<()>>,
    hasher: std::collections::hash_map::RandomState,
}

impl Default for OrderLocks {
    fn default() -> Self {
        OrderLocks {
            stripes: (0..STRIPES).map(|_| Mutex::new(())).collect(),
            hasher: std::collections::hash_map::RandomState::new(),
        }
    }
}

impl OrderLocks {
    /// Waits until no other op on `order` of `shop` is being judged here, and holds that
    /// until the guard is dropped.
    pub(crate) async fn lock(&self, shop: Uuid, order: Uuid) -> MutexGuard<'_, ()> {
        let i = self.hasher.hash_one((shop, order)) % STRIPES as u64;
        self.stripes[i as usize].lock().await
    }
}
