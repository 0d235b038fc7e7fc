//! Walking a paged WooCommerce listing a page at a time.

use std::hash::{DefaultHasher, Hash, Hasher};

use url::Url;

use crate::paging::PageGuard;

/// Pages one walk may read. Far above the marketplaces' cap: a site's first import reads its
/// whole history (10,000,000 orders at 100 a page), where a marketplace reads a window.
pub const MAX_SITE_PAGES: u32 = 100_000;

/// A paged listing being walked: follows `Link: rel="next"` (or `X-WP-TotalPages`) to the end.
/// A link's `oauth_*` parameters are dropped and only its query is kept: each page is signed
/// afresh against the configured address.
pub struct Pages {
    pub(super) next: Option<Url>,
    pub(super) page: u32,
    pub(super) what: &'static str,
    /// Ends a walk on a site that pages without end: a `Link` back to a page already read,
    /// or a page whose bytes equal one already read (a caching plugin or a broken `page`
    /// parameter answering page 1 under every number), or the cap.
    pub(super) guard: PageGuard,
    /// The site's clock (its `Date` header) when the first page was answered.
    pub(super) started_at: Option<jiff::Timestamp>,
}

impl Pages {
    pub(crate) fn new(first: Url, what: &'static str) -> Pages {
        Pages {
            next: Some(first),
            page: 1,
            what,
            guard: PageGuard::with_cap(list_name(what), MAX_SITE_PAGES),
            started_at: None,
        }
    }

    /// The site's own time when the listing began: anything changed after it may have been
    /// missed by the walk and is read again by the next one.
    pub fn started_at(&self) -> Option<jiff::Timestamp> {
        self.started_at
    }
}

/// The list's name for the manager, in the error that says it pages without end.
fn list_name(what: &'static str) -> &'static str {
    match what {
        "orders page" | "orders list" => "Сайт, список заказов",
        "products page" => "Сайт, список товаров",
        "variations page" => "Сайт, варианты товаров",
        _ => "Сайт, список",
    }
}

/// A page's bytes as a key: two pages of one listing never have the same bytes (their ids
/// differ), so equal bytes are the same page again. Kept as a hash, not the body, so a long
/// walk holds a few bytes a page.
pub(super) fn digest(body: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    body.hash(&mut h);
    h.finish()
}

pub(crate) fn with_page(url: &Url, page: u32) -> Url {
    let mut next = url.clone();
    let kept: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| k != "page")
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    next.set_query(None);
    next.query_pairs_mut()
        .extend_pairs(kept)
        .append_pair("page", &page.to_string());
    next
}

/// The `rel="next"` target of a `Link` header.
pub(crate) fn next_link(header: &str) -> Option<String> {
    header.split(',').find_map(|part| {
        let (target, params) = part.split_once(';')?;
        let is_next = params
            .split(';')
            .any(|p| p.trim().replace(' ', "") == "rel=\"next\"" || p.trim() == "rel=next");
        is_next.then(|| {
            target
                .trim()
                .trim_start_matches('<')
                .trim_end_matches('>')
                .to_owned()
        })
    })
}
