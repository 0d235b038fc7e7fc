//! Walking a paged WooCommerce listing a page at a time.

use reqwest::Method;
use url::Url;

use super::client::{next_link, with_page, WooClient};
use crate::ChannelError;

/// A paged listing being walked: follows `Link: rel="next"` (or `X-WP-TotalPages`) to the end.
/// A link's `oauth_*` parameters are dropped and only its query is kept: each page is signed
/// afresh against the configured address.
pub struct Pages {
    next: Option<Url>,
    page: u32,
    what: &'static str,
    /// The site's clock (its `Date` header) when the first page was answered.
    started_at: Option<jiff::Timestamp>,
}

impl Pages {
    pub(crate) fn new(first: Url, what: &'static str) -> Pages {
        Pages {
            next: Some(first),
            page: 1,
            what,
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
        let reply = client.call(Method::GET, &url, None).await?;
        if self.page == 1 {
            self.started_at = reply.server_time();
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
            if self.page > 100_000 {
                return Err(ChannelError::malformed(self.what, "more than 100000 pages"));
            }
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
