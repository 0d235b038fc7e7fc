//! Token buckets, refilled continuously: per source address, per token and per hook
//! connection. Keys are whatever names the one being braked.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::Mutex;
use std::time::Instant;

/// Past this many keys the full buckets are forgotten: a flood of made-up tokens or
/// addresses must not grow the hub's memory without end (a forgotten full bucket is the
/// same as a new one, so nothing is lost).
const PRUNE_AT: usize = 50_000;

pub(crate) struct RateLimit<K> {
    per_s: f64,
    burst: f64,
    buckets: Mutex<HashMap<K, (f64, Instant)>>,
}

impl<K: Hash + Eq> RateLimit<K> {
    pub(crate) fn new(per_s: f64, burst: f64) -> RateLimit<K> {
        RateLimit {
            per_s: per_s.max(0.001),
            burst: burst.max(1.0),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(seconds to wait)` when `key` has used up its requests.
    pub(crate) fn take(&self, key: K, now: Instant) -> Result<(), u64> {
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if buckets.len() >= PRUNE_AT {
            let (per_s, burst) = (self.per_s, self.burst);
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.saturating_duration_since(*at).as_secs_f64() * per_s < burst
            });
        }
        let (tokens, at) = buckets.entry(key).or_insert((self.burst, now));
        let refilled = now.saturating_duration_since(*at).as_secs_f64() * self.per_s;
        *tokens = (*tokens + refilled).min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - *tokens) / self.per_s;
            // Whole seconds for Retry-After, at least one.
            Err((wait.ceil() as u64).max(1))
        }
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .len()
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use uuid::Uuid;

    use super::*;

    #[test]
    fn a_device_past_its_burst_waits_and_others_do_not() {
        let limit = RateLimit::new(1.0, 2.0);
        let t = Instant::now();
        let (a, b) = (Uuid::from_u128(1), Uuid::from_u128(2));
        assert_eq!(limit.take(a, t), Ok(()));
        assert_eq!(limit.take(a, t), Ok(()));
        assert_eq!(limit.take(a, t), Err(1));
        assert_eq!(limit.take(b, t), Ok(()));
        assert_eq!(limit.take(a, t + Duration::from_millis(1_100)), Ok(()));
    }

    #[test]
    fn made_up_keys_do_not_grow_the_buckets_without_end() {
        let limit = RateLimit::new(10.0, 2.0);
        let t = Instant::now();
        for key in 0..(PRUNE_AT as u64 * 2) {
            // Each key is used once and refills within a second.
            let _ = limit.take(key, t + Duration::from_secs(key / 1000));
        }
        assert!(limit.len() <= PRUNE_AT, "{} buckets kept", limit.len());
        // A key still braked keeps its debt through a prune.
        let late = t + Duration::from_secs(10_000);
        let busy = u64::MAX;
        assert_eq!(limit.take(busy, late), Ok(()));
        assert_eq!(limit.take(busy, late), Ok(()));
        for key in 0..PRUNE_AT as u64 {
            let _ = limit.take(key, late);
        }
        assert_eq!(limit.take(busy, late), Err(1));
    }
}
