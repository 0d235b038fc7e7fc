//! Walking a paged WooCommerce listing a page at a time.

use std::hash::{DefaultHasher, Hash, Hasher};

use reqwest::Method;
use url::Url;

use super::client::{next_link, with_page, WooClient};
use crate::paging::PageGuard;
use crate::ChannelError;

/// Pages one walk may read. Far above the marketplaces' cap: a site's first import reads its
/// whole history (10,000,000 orders at 100 a page), where a marketplace reads a window.
pub const MAX_SITE_PAGES: u32 = 100_000;

/// A paged listing being walked: follows `Link: rel="next"` (or `X-WP-TotalPages`) to the end.
/// A link's `oauth_*` parameters are dropped and only its query is kept: each page is signed
/// afresh against the configured address.
pub struct Pages {
    next: Option<Url>,
    page: u32,
    what: &'static str,
    /// Ends a walk on a site that pages without end: a `Link` back to a page already read,
    /// or a page whose bytes equal one already read (a caching plugin or a broken `page`
    /// parameter answering page 1 under every number), or the cap.
    guard: PageGuard,
    /// The site's clock (its `Date` header) when the first page was answered.
    started_at: Option<jiff::Timestamp>,
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

    /// The next page's items, `None` after the last one.
    pub async fn next<T: serde::de::DeserializeOwned>(
        &mut self,
        client: &WooClient,
    ) -> Result<Option<Vec<T>>, ChannelError> {
        let Some(url) = self.next.take() else {
            return Ok(None);
        };
        self.guard.next_page()?;
        if !self.guard.first_time(format!("url {url}")) {
            return Err(self.guard.endless());
        }
        let reply = client.call(Method::GET, &url, None).await?;
        if self.page == 1 {
            self.started_at = reply.server_time();
        }
        if !self
            .guard
            .first_time(format!("body {:016x}", digest(&reply.body)))
        {
            return Err(self.guard.endless());
        }
        let items: Vec<T> = reply.json(self.what)?;
        let next = match reply.header("link").and_then(next_link) {
            Some(link) => Some(client.same_endpoint(&url, &link)?),
            None => {
                let total: u32 = reply
                    .header("x-wp-totalpages")
                    .and_then(|t| t.trim().parse().ok())
                    .unwrap_or(self.page);
                (self.page < total && !items.is_empty()).then(|| with_page(&url, self.page + 1))
            }
        };
        if next.is_some() {
            self.page += 1;
        }
        self.next = next;
        Ok(Some(items))
    }

    pub(crate) async fn collect<T: serde::de::DeserializeOwned>(
        mut self,
        client: &WooClient,
    ) -> Result<Vec<T>, ChannelError> {
        let mut out = Vec::new();
        while let Some(items) = self.next(client).await? {
            out.extend(items);
        }
        Ok(out)
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
fn digest(body: &[u8]) -> u64 {
    let mut h = DefaultHasher::new();
    body.hash(&mut h);
    h.finish()
}
