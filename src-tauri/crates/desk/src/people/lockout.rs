//! Wrong PINs in a row: after [`MAX_WRONG`] of them the next try waits [`WAIT`]. Pure: the
//! instant is passed in, and the store keeps the count so a restart does not reset it.

use jiff::{SignedDuration, Timestamp};

pub(crate) const MAX_WRONG: u32 = 5;
pub(crate) const WAIT: SignedDuration = SignedDuration::from_secs(30);

/// Whether a PIN may be checked at `now`; `Err` holds the whole seconds left to wait.
pub(crate) fn may_try(retry_after: Option<Timestamp>, now: Timestamp) -> Result<(), u64> {
    match retry_after {
        Some(at) if at > now => {
            let left = now.duration_until(at).as_millis();
            // Rounded up: «подождите 0 с» would be a lie for the last half second.
            Err(u64::try_from(left).unwrap_or(0).div_ceil(1000))
        }
        _ => Ok(()),
    }
}

/// After a wrong PIN: the new count in a row and, on the last allowed one, when the next
/// try may be made (the count starts again after the wait).
pub(crate) fn after_wrong(failed_tries: u32, now: Timestamp) -> (u32, Option<Timestamp>) {
    let tries = failed_tries.saturating_add(1);
    if tries >= MAX_WRONG {
        (0, Some(now + WAIT))
    } else {
        (tries, None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: i64) -> Timestamp {
        Timestamp::from_second(1_760_000_000 + s).expect("instant")
    }

    #[test]
    fn the_fifth_wrong_pin_in_a_row_makes_the_next_wait_30_seconds() {
        let mut tries = 0;
        for n in 1..MAX_WRONG {
            let (t, wait) = after_wrong(tries, at(0));
            assert_eq!((t, wait), (n, None));
            tries = t;
        }
        let (tries, wait) = after_wrong(tries, at(0));
        assert_eq!(tries, 0);
        assert_eq!(wait, Some(at(30)));
        assert_eq!(may_try(wait, at(0)), Err(30));
        assert_eq!(may_try(wait, at(29)), Err(1));
        assert_eq!(may_try(wait, at(30)), Ok(()));
        assert_eq!(may_try(None, at(0)), Ok(()));
    }
}
