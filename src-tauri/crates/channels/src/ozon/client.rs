//! The Ozon Seller API client: POST JSON with `Client-Id` / `Api-Key`, list paging by
//! limit/offset with `has_next`, retries and 429 waits from [`Http`].

use jiff::Timestamp;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};
use url::Url;

use super::model::{Fetched, ListPage, Maybe, Posting, Wrapped};
use crate::config::Settings;
use crate::http::Http;
use crate::paging::{PageGuard, Walk};
use crate::secrets::Credentials;
use crate::ChannelError;

/// Ozon's own cap on `limit` in posting lists.
pub const MAX_LIMIT: u32 = 1000;

pub struct OzonClient {
    http: Http,
    base: Url,
    credentials: Credentials,
    limit: u32,
}

impl OzonClient {
    /// `credentials.key` is the Client-Id, `credentials.secret` the Api-Key.
    pub fn new(
        base_url: &str,
        credentials: Credentials,
        settings: &Settings,
    ) -> Result<OzonClient, ChannelError> {
        let base = Url::parse(base_url.trim())
            .map_err(|e| ChannelError::Config(format!("Ozon address: {e}")))?;
        Ok(OzonClient {
            http: Http::for_settings(settings)?,
            base,
            credentials,
            limit: settings.page_size.clamp(1, MAX_LIMIT),
        })
    }

    pub(crate) async fn post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &Value,
        what: &'static str,
    ) -> Result<T, ChannelError> {
        self.post_reply(path, body).await?.json(what)
    }

    /// The whole answer (label PDFs are not JSON).
    pub(crate) async fn post_reply(
        &self,
        path: &str,
        body: &Value,
    ) -> Result<crate::http::Reply, ChannelError> {
        self.send(path, Some(body)).await
    }

    /// A method whose spec defines no request body (the warehouse list): a validating server
    /// refuses even `{}` there («No supported content types, but request included a
    /// non-empty body»), and Ozon's gateway reads an empty body as an empty request.
    pub(crate) async fn post_without_body<T: DeserializeOwned>(
        &self,
        path: &str,
        what: &'static str,
    ) -> Result<T, ChannelError> {
        self.send(path, None).await?.json(what)
    }

    async fn send(
        &self,
        path: &str,
        body: Option<&Value>,
    ) -> Result<crate::http::Reply, ChannelError> {
        let url = self
            .base
            .join(path)
            .map_err(|e| ChannelError::Config(format!("endpoint {path}: {e}")))?;
        self.http
            .send(|c| {
                let request = c
                    .post(url.clone())
                    .header("Client-Id", &self.credentials.key)
                    .header("Api-Key", self.credentials.secret.expose());
                Ok(match body {
                    Some(body) => request.json(body),
                    None => request,
                })
            })
            .await
    }

    /// Postings created in `[since, to]`, every page; each read on its own. The walk ends on
    /// `!has_next`, on an empty page, and with [`ChannelError::EndlessPaging`] on a page that
    /// brings no posting not seen before (the spec's own example answers `has_next: true`
    /// with the same posting at every offset) or past [`crate::MAX_PAGES`].
    pub async fn postings(
        &self,
        since: Timestamp,
        to: Timestamp,
    ) -> Result<Vec<Fetched>, ChannelError> {
        match self.postings_walk(since, to).await? {
            Walk {
                endless: Some(e), ..
            } => Err(e),
            Walk { items, .. } => Ok(items),
        }
    }

    /// [`OzonClient::postings`], keeping what the pages brought when the list pages without
    /// end: each posting read is real, and the sync records it before it reports the paging.
    pub async fn postings_walk(
        &self,
        since: Timestamp,
        to: Timestamp,
    ) -> Result<Walk<Fetched>, ChannelError> {
        let mut out = Vec::new();
        let mut offset: u64 = 0;
        let mut guard = PageGuard::new("Ozon, список отправлений");
        loop {
            if let Err(e) = guard.next_page() {
                return Ok(Walk::stopped(out, e));
            }
            let body = json!({
                "dir": "ASC",
                "filter": { "since": since.to_string(), "to": to.to_string() },
                "limit": self.limit,
                "offset": offset,
            });
            let page: ListPage = self
                .post("/v3/posting/fbs/list", &body, "posting list")
                .await?;
            let n = page.result.postings.len() as u64;
            let before = out.len();
            for (i, posting) in page.result.postings.into_iter().enumerate() {
                let f = Fetched::read(posting);
                // A posting seen on an earlier page is not read twice; one without a
                // readable number cannot be told apart and counts by its place.
                let key = match f.number() {
                    "" => format!("#{}", offset + i as u64),
                    number => number.to_owned(),
                };
                if guard.first_time(key) {
                    out.push(f);
                }
            }
            // An empty page that claims more would loop forever.
            if !page.result.has_next || n == 0 {
                return Ok(Walk::complete(out));
            }
            if out.len() == before {
                let endless = guard.endless();
                return Ok(Walk::stopped(out, endless));
            }
            offset += n;
        }
    }

    pub async fn posting(&self, posting_number: &str) -> Result<Posting, ChannelError> {
        let body = json!({ "posting_number": posting_number });
        let got: Maybe<Posting> = self.post("/v3/posting/fbs/get", &body, "posting").await?;
        // The spec makes `result` optional: an answer without the posting is a posting not
        // found (as Yandex Market's read says), not an unreadable answer.
        let Some(posting) = got.result else {
            return Err(ChannelError::Refused {
                status: 404,
                message: format!("posting {posting_number} not in the answer"),
            });
        };
        // Ozon has answered with another posting than the one asked for; acting on it would
        // ship (and link our order to) someone else's posting.
        if posting.posting_number != posting_number {
            return Err(ChannelError::WrongOrder {
                market: "Ozon",
                asked: posting_number.to_owned(),
                got: posting.posting_number,
            });
        }
        Ok(posting)
    }

    /// Packs every product of the posting into one package. Ozon may answer 200 and still
    /// not ship: the caller reads the posting back.
    pub async fn ship(&self, posting: &Posting) -> Result<(), ChannelError> {
        let products: Vec<Value> = posting
            .products
            .iter()
            .map(|p| json!({ "product_id": p.sku, "quantity": p.quantity }))
            .collect();
        let body = json!({
            "posting_number": posting.posting_number,
            "packages": [ { "products": products } ],
        });
        let _: Value = self.post("/v4/posting/fbs/ship", &body, "ship").await?;
        Ok(())
    }

    pub async fn cancel(
        &self,
        posting_number: &str,
        reason_id: i64,
        message: &str,
    ) -> Result<bool, ChannelError> {
        let body = json!({
            "posting_number": posting_number,
            "cancel_reason_id": reason_id,
            "cancel_reason_message": message,
        });
        let got: Wrapped<bool> = self.post("/v2/posting/fbs/cancel", &body, "cancel").await?;
        Ok(got.result)
    }

    /// rFBS status moves (`delivering`, `delivered`); `Ok(Some(error))` when Ozon refused
    /// this posting.
    pub async fn move_status(
        &self,
        to: &str,
        posting_number: &str,
    ) -> Result<Option<String>, ChannelError> {
        let body = json!({ "posting_number": [posting_number] });
        let got: Value = self
            .post(&format!("/v2/fbs/posting/{to}"), &body, "status move")
            .await?;
        let item = got
            .get("result")
            .and_then(Value::as_array)
            .and_then(|r| r.iter().find(|i| i["posting_number"] == posting_number));
        Ok(match item {
            Some(i) if i["result"].as_bool() == Some(true) => None,
            Some(i) => Some(i["error"].as_str().unwrap_or("refused").to_owned()),
            None => Some("no result for the posting".to_owned()),
        })
    }
}
