//! A guard every paged read walks with, so a list ends whatever the channel answers. Ozon's
//! own spec example answers `has_next: true` with the same posting, and a client that trusts
//! it asks forever while holding the connection's run lock (every later run waits).

use std::collections::HashSet;

use crate::ChannelError;

/// Pages one walk may read. At the marketplaces' page sizes this is far more than any shop's
/// lookback window holds; a walk that needs more is a channel paging without end.
pub const MAX_PAGES: u32 = 1_000;

pub(crate) struct PageGuard {
    what: &'static str,
    cap: u32,
    pages: u32,
    seen: HashSet<String>,
}

impl PageGuard {
    /// `what` names the list for the manager (it ends up in the error's text).
    pub(crate) fn new(what: &'static str) -> PageGuard {
        PageGuard::with_cap(what, MAX_PAGES)
    }

    pub(crate) fn with_cap(what: &'static str, cap: u32) -> PageGuard {
        PageGuard {
            what,
            cap,
            pages: 0,
            seen: HashSet::new(),
        }
    }

    /// Call before asking for a page: refuses once the cap is spent.
    pub(crate) fn next_page(&mut self) -> Result<(), ChannelError> {
        if self.pages >= self.cap {
            return Err(self.endless());
        }
        self.pages += 1;
        Ok(())
    }

    /// Remembers a key a page brought (an item's id, a page token); true the first time.
    pub(crate) fn first_time(&mut self, key: impl Into<String>) -> bool {
        self.seen.insert(key.into())
    }

    /// The error for a walk that would not end.
    pub(crate) fn endless(&self) -> ChannelError {
        ChannelError::EndlessPaging {
            what: self.what,
            pages: self.pages,
        }
    }
}

/// What a paged read brought, and why it stopped early when it did. A list that pages
/// without end still gave real orders on the pages read: the sync records them (the walk
/// itself says nothing of orders it did not reach) and then reports the endless paging.
#[derive(Debug)]
pub struct Walk<T> {
    pub items: Vec<T>,
    /// [`ChannelError::EndlessPaging`] when the walk was cut short.
    pub endless: Option<ChannelError>,
}

impl<T> Walk<T> {
    pub(crate) fn complete(items: Vec<T>) -> Walk<T> {
        Walk {
            items,
            endless: None,
        }
    }

    pub(crate) fn stopped(items: Vec<T>, endless: ChannelError) -> Walk<T> {
        Walk {
            items,
            endless: Some(endless),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cap_ends_a_walk_and_repeats_are_not_fresh() {
        let mut guard = PageGuard::with_cap("список", 2);
        assert!(guard.next_page().is_ok());
        assert!(guard.first_time("a"));
        assert!(guard.next_page().is_ok());
        assert!(!guard.first_time("a"));
        let err = guard.next_page().expect_err("the cap is spent");
        assert!(matches!(
            err,
            ChannelError::EndlessPaging {
                what: "список",
                pages: 2
            }
        ));
        assert!(err.to_string().contains("без конца"), "{err}");
    }
}
