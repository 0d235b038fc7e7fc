//! The WooCommerce REST v3 client.

use jiff::Timestamp;
use reqwest::Method;
use url::Url;

use super::model::{
    BatchReply, NewNote, OrderStamp, ProductBatch, StatusUpdate, StockUpdate, WooOrder, WooProduct,
};
use super::oauth::{self, SignatureMethod};
use super::pages::{digest, next_link, with_page, Pages};
use super::shipping::SiteMethod;
use crate::config::{AuthScheme, Settings};
use crate::http::{Http, Reply};
use crate::secrets::Credentials;
use crate::ChannelError;

/// WooCommerce refuses `per_page` above 100; batches take at most 100 items.
pub const MAX_PAGE: u32 = 100;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Auth {
    Basic,
    OAuth(SignatureMethod),
}

pub struct WooClient {
    http: Http,
    /// `{site}/wp-json/wc/v3/`, exactly as configured: OAuth signs against it.
    api: Url,
    credentials: Credentials,
    auth: Auth,
    page_size: u32,
}

impl WooClient {
    pub fn new(
        base_url: &str,
        credentials: Credentials,
        settings: &Settings,
    ) -> Result<WooClient, ChannelError> {
        let site = Url::parse(base_url.trim())
            .map_err(|e| ChannelError::Config(format!("site address: {e}")))?;
        let https = match site.scheme() {
            "https" => true,
            "http" => false,
            other => return Err(ChannelError::Config(format!("unsupported scheme {other}"))),
        };
        let auth = match settings.auth {
            AuthScheme::Auto if https => Auth::Basic,
            AuthScheme::Auto | AuthScheme::OAuthSha1 => Auth::OAuth(SignatureMethod::HmacSha1),
            AuthScheme::OAuthSha256 => Auth::OAuth(SignatureMethod::HmacSha256),
            // Basic over plain HTTP would send the secret in clear, and WooCommerce refuses
            // it anyway.
            AuthScheme::Basic if !https => {
                return Err(ChannelError::Config(
                    "HTTP Basic needs an https:// address; use OAuth for http://".into(),
                ))
            }
            AuthScheme::Basic => Auth::Basic,
        };
        let mut path = site.path().trim_end_matches('/').to_owned();
        path.push_str("/wp-json/wc/v3/");
        let mut api = site.clone();
        api.set_path(&path);
        api.set_query(None);
        Ok(WooClient {
            http: Http::for_settings(settings)?,
            api,
            credentials,
            auth,
            page_size: settings.page_size.clamp(1, MAX_PAGE),
        })
    }

    /// Trusts `pem` (a CA certificate) besides the system's roots, for a site whose
    /// certificate the shop issued itself. Credentials still go only over the verified TLS
    /// connection.
    pub fn with_extra_root(
        mut self,
        pem: &[u8],
        settings: &Settings,
    ) -> Result<WooClient, ChannelError> {
        self.http = Http::with_extra_roots(settings.retry, &[pem])?;
        Ok(self)
    }

    fn url(&self, path: &str, query: &[(&str, String)]) -> Result<Url, ChannelError> {
        let mut url = self
            .api
            .join(path)
            .map_err(|e| ChannelError::Config(format!("endpoint {path}: {e}")))?;
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        Ok(url)
    }

    pub(crate) async fn call(
        &self,
        method: Method,
        url: &Url,
        body: Option<&serde_json::Value>,
    ) -> Result<Reply, ChannelError> {
        self.http
            .send(|client| {
                let request = match self.auth {
                    Auth::Basic => client.request(method.clone(), url.clone()).basic_auth(
                        &self.credentials.key,
                        Some(self.credentials.secret.expose()),
                    ),
                    Auth::OAuth(sig) => {
                        // A fresh nonce and timestamp per attempt: a retried request with a
                        // reused nonce is refused as a replay.
                        let signed = oauth::sign(
                            method.as_str(),
                            url,
                            &self.credentials.key,
                            self.credentials.secret.expose(),
                            sig,
                            Timestamp::now().as_second(),
                            &oauth::nonce(),
                        );
                        client.request(method.clone(), signed)
                    }
                };
                Ok(match body {
                    Some(b) => request.json(b),
                    None => request,
                })
            })
            .await
    }

    /// Orders modified after `after` (all of them when `None`), every page.
    pub async fn orders_modified_after(
        &self,
        after: Option<Timestamp>,
    ) -> Result<Vec<WooOrder>, ChannelError> {
        self.orders_pages(after)?.collect(self).await
    }

    /// The same listing a page at a time, so a caller can record one page while the next is
    /// fetched. Ordered by id, which is unique and never changes: ordered by `modified`, the
    /// many orders of one second (a bulk status change) come in a different order on each
    /// request, and page/offset paging then returns some twice and others never.
    pub fn orders_pages(&self, after: Option<Timestamp>) -> Result<Pages, ChannelError> {
        let mut query = vec![
            ("per_page", self.page_size.to_string()),
            ("orderby", "id".to_owned()),
            ("order", "asc".to_owned()),
        ];
        if let Some(after) = after {
            query.push(("modified_after", gmt(after)));
            query.push(("dates_are_gmt", "true".to_owned()));
        }
        Ok(Pages::new(self.url("orders", &query)?, "orders page"))
    }

    /// Every order's id and last change (nothing else, so the list is light), modified after
    /// `modified_after` or created after `created_after`: what the site has, to compare with
    /// what we took in.
    pub async fn order_stamps(
        &self,
        modified_after: Option<Timestamp>,
        created_after: Option<Timestamp>,
    ) -> Result<Vec<OrderStamp>, ChannelError> {
        let mut query = vec![
            ("per_page", MAX_PAGE.to_string()),
            ("orderby", "id".to_owned()),
            ("order", "asc".to_owned()),
            ("_fields", "id,date_modified_gmt".to_owned()),
        ];
        if let Some(after) = modified_after {
            query.push(("modified_after", gmt(after)));
        }
        if let Some(after) = created_after {
            query.push(("after", gmt(after)));
        }
        if modified_after.is_some() || created_after.is_some() {
            query.push(("dates_are_gmt", "true".to_owned()));
        }
        Pages::new(self.url("orders", &query)?, "orders list")
            .collect(self)
            .await
    }

    /// These orders, whole (at most [`MAX_PAGE`] ids a request).
    pub async fn orders_by_ids(&self, ids: &[i64]) -> Result<Vec<WooOrder>, ChannelError> {
        let mut out = Vec::with_capacity(ids.len());
        for chunk in ids.chunks(MAX_PAGE as usize) {
            let include = chunk
                .iter()
                .map(i64::to_string)
                .collect::<Vec<_>>()
                .join(",");
            let query = [
                ("per_page", MAX_PAGE.to_string()),
                ("orderby", "id".to_owned()),
                ("order", "asc".to_owned()),
                ("include", include),
            ];
            let orders: Vec<WooOrder> = Pages::new(self.url("orders", &query)?, "orders page")
                .collect(self)
                .await?;
            out.extend(orders);
        }
        Ok(out)
    }

    /// The next page's query applied to our own endpoint URL.
    pub(crate) fn same_endpoint(&self, current: &Url, link: &str) -> Result<Url, ChannelError> {
        let mut parsed = Url::parse(link).map_err(|e| ChannelError::malformed("Link header", e))?;
        oauth::strip_oauth(&mut parsed);
        let mut next = current.clone();
        next.set_query(parsed.query());
        Ok(next)
    }

    pub async fn order(&self, id: i64) -> Result<WooOrder, ChannelError> {
        let url = self.url(&format!("orders/{id}"), &[])?;
        self.call(Method::GET, &url, None).await?.json("order")
    }

    pub async fn set_status(&self, id: i64, status: &str) -> Result<WooOrder, ChannelError> {
        let url = self.url(&format!("orders/{id}"), &[])?;
        let body = serde_json::to_value(StatusUpdate { status })
            .map_err(|e| ChannelError::Config(e.to_string()))?;
        let updated: WooOrder = self
            .call(Method::PUT, &url, Some(&body))
            .await?
            .json("order")?;
        // An answer about another order (a misbehaving plugin or cache) is not recorded as
        // ours: its status and time would be written over our order's.
        if updated.id != id {
            return Err(ChannelError::WrongOrder {
                market: "Сайт",
                asked: id.to_string(),
                got: updated.id.to_string(),
            });
        }
        Ok(updated)
    }

    /// A note the customer sees in their account and gets by e-mail.
    pub async fn add_customer_note(&self, id: i64, note: &str) -> Result<(), ChannelError> {
        let url = self.url(&format!("orders/{id}/notes"), &[])?;
        let body = serde_json::to_value(NewNote {
            note,
            customer_note: true,
        })
        .map_err(|e| ChannelError::Config(e.to_string()))?;
        self.call(Method::POST, &url, Some(&body)).await?;
        Ok(())
    }

    /// The site's own list of delivery methods (WooCommerce's and its plugins'). One answer,
    /// not paged: the site lists them all at once.
    pub async fn shipping_methods(&self) -> Result<Vec<SiteMethod>, ChannelError> {
        let url = self.url("shipping_methods", &[("_fields", "id,title".to_owned())])?;
        self.call(Method::GET, &url, None)
            .await?
            .json("shipping methods")
    }

    /// Every product's id, SKU and type, to address stock updates.
    pub async fn products(&self) -> Result<Vec<WooProduct>, ChannelError> {
        let query = [
            ("per_page", self.page_size.to_string()),
            ("_fields", "id,sku,type".to_owned()),
        ];
        Pages::new(self.url("products", &query)?, "products page")
            .collect(self)
            .await
    }

    /// Every product with what the catalogue takes from it.
    pub async fn catalog_products(&self) -> Result<Vec<WooProduct>, ChannelError> {
        let query = [
            ("per_page", MAX_PAGE.to_string()),
            (
                "_fields",
                "id,sku,type,name,price,stock_quantity,manage_stock".to_owned(),
            ),
        ];
        Pages::new(self.url("products", &query)?, "products page")
            .collect(self)
            .await
    }

    /// A variable product's variations with what the catalogue takes from them.
    pub async fn catalog_variations(&self, parent: i64) -> Result<Vec<WooProduct>, ChannelError> {
        let query = [
            ("per_page", MAX_PAGE.to_string()),
            (
                "_fields",
                "id,sku,name,price,stock_quantity,manage_stock".to_owned(),
            ),
        ];
        let url = self.url(&format!("products/{parent}/variations"), &query)?;
        Pages::new(url, "variations page").collect(self).await
    }

    /// The variations of a variable product (each with its own SKU and stock).
    pub async fn variations(&self, parent: i64) -> Result<Vec<WooProduct>, ChannelError> {
        let query = [
            ("per_page", self.page_size.to_string()),
            ("_fields", "id,sku".to_owned()),
        ];
        let url = self.url(&format!("products/{parent}/variations"), &query)?;
        Pages::new(url, "variations page").collect(self).await
    }

    /// Up to 100 stock updates in one `products/batch` call, or, with `parent`, in one
    /// `products/{parent}/variations/batch` call for that product's variations.
    pub async fn stock_batch(
        &self,
        parent: Option<i64>,
        updates: &[StockUpdate],
    ) -> Result<BatchReply, ChannelError> {
        let url = match parent {
            Some(parent) => self.url(&format!("products/{parent}/variations/batch"), &[])?,
            None => self.url("products/batch", &[])?,
        };
        let body = serde_json::to_value(ProductBatch { update: updates })
            .map_err(|e| ChannelError::Config(e.to_string()))?;
        self.call(Method::POST, &url, Some(&body))
            .await?
            .json("products batch")
    }
}

/// WooCommerce's GMT date format: `2026-11-22T08:40:21`.
pub(crate) fn gmt(at: Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%S").to_string()
}

/// Parses a `*_gmt` field (no offset; it is UTC).
pub(crate) fn parse_gmt(text: &str) -> Option<Timestamp> {
    let dt: jiff::civil::DateTime = text.trim().parse().ok()?;
    dt.to_zoned(jiff::tz::TimeZone::UTC)
        .ok()
        .map(|z| z.timestamp())
}

/// The walk itself lives beside the client it reads with; `pages.rs` keeps the walk's state
/// and the pure helpers, so the two files do not import each other.
impl Pages {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_next_link_among_several() {
        let h = "<http://s/wp-json/wc/v3/orders?page=1>; rel=\"prev\", \
                 <http://s/wp-json/wc/v3/orders?page=3>; rel=\"next\"";
        assert_eq!(
            next_link(h).as_deref(),
            Some("http://s/wp-json/wc/v3/orders?page=3")
        );
        assert_eq!(next_link("<http://s/x>; rel=\"prev\""), None);
    }

    #[test]
    fn gmt_dates_round_trip() {
        let at = parse_gmt("2026-11-22T08:40:21").expect("valid date");
        assert_eq!(gmt(at), "2026-11-22T08:40:21");
        assert_eq!(parse_gmt("yesterday"), None);
    }
}
