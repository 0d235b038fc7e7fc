//! Per-device rate limit: a token bucket, refilled continuously.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use uuid::Uuid;

pub(crate) struct RateLimit {
    per_s: f64,
    burst: f64,
    buckets: Mutex<HashMap<Uuid, (f64, Instant)>>,
}

impl RateLimit {
    pub(crate) fn new(per_s: f64, burst: f64) -> RateLimit {
        RateLimit {
            per_s: per_s.max(0.001),
            burst: burst.max(1.0),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// `Err(seconds to wait)` when the device has used up its requests.
    pub(crate) fn take(&self, device: Uuid, now: Instant) -> Result<(), u64> {
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (tokens, at) = buckets.entry(device).or_insert((self.burst, now));
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
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

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
}
