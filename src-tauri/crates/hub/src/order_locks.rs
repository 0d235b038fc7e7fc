//! Ops on one order are judged one at a time within this hub process, so the optimistic
//! write in order_ops.rs practically never finds its order changed (it still checks, for a
//! second process on the same database). Striped rather than one lock per order: nothing
//! to create or clean up, and two orders sharing a stripe only wait for each other briefly.

use std::hash::BuildHasher;

use tokio::sync::{Mutex, MutexGuard};
use uuid::Uuid;

/// Enough that two waves of [`crate::order_ops::WAVE`] ops rarely share a stripe.
const STRIPES: usize = 8192;

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
    /// Waits until no other op on any of `orders` of `shop` is being judged here, and holds
    /// that until the guards are dropped. Stripes are taken in ascending order, so two
    /// waves waiting for each other's stripes cannot deadlock.
    pub(crate) async fn lock_all(&self, shop: Uuid, orders: &[Uuid]) -> Vec<MutexGuard<'_, ()>> {
        let mut stripes: Vec<usize> = orders
            .iter()
            .map(|order| (self.hasher.hash_one((shop, *order)) % STRIPES as u64) as usize)
            .collect();
        stripes.sort_unstable();
        stripes.dedup();
        let mut held = Vec::with_capacity(stripes.len());
        for i in stripes {
            held.push(self.stripes[i].lock().await);
        }
        held
    }
}
