//! Package labels from the marketplaces, as PDF: Ozon `/v2/posting/fbs/package-label`,
//! Yandex Market `GET …/orders/{orderId}/delivery/labels`, MegaMarket `sticker/print` for the
//! boxes the shipment was packed in. Whatever comes back must be a PDF: an HTML page or an
//! error text is refused with a clear message, never printed.

use base64::Engine;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::config::Kind;
use crate::{megamarket, ozon, yandex, ChannelError, Channels};

impl Channels {
    /// The labels of one marketplace order (`external_id` as the marketplace knows it).
    pub async fn labels(&self, id: Uuid, external_id: &str) -> Result<Vec<u8>, ChannelError> {
        let c = self.connection(id)?;
        let credentials = self.credentials(id)?;
        let bytes = match c.kind {
            Kind::Ozon => {
                let client = ozon::OzonClient::new(&c.base_url, credentials, &c.settings)?;
                let body = json!({ "posting_number": [external_id] });
                let reply = client
                    .post_reply("/v2/posting/fbs/package-label", &body)
                    .await?;
                unwrap_file(reply.body)
            }
            Kind::YandexMarket => {
                let client = yandex::YandexClient::new(&c.base_url, credentials, &c.settings)?;
                let order: i64 = external_id
                    .parse()
                    .map_err(|_| ChannelError::Config(format!("order id {external_id:?}")))?;
                let url = client.url(&format!("orders/{order}/delivery/labels"))?;
                client.send(|h| h.get(url.clone())).await?.body
            }
            Kind::MegaMarket => {
                let client =
                    megamarket::MegaMarketClient::new(&c.base_url, &credentials, &c.settings)?;
                let s = client.shipment(external_id).await?;
                let boxes = megamarket::push::boxes_of(&s);
                if boxes.is_empty() {
                    return Err(ChannelError::Config(
                        "MegaMarket gives stickers only for packed shipments".into(),
                    ));
                }
                client.stickers(&s, &boxes).await?
            }
            _ => {
                return Err(ChannelError::Config(
                    "labels come only from marketplaces".into(),
                ))
            }
        };
        pdf(bytes)
    }
}

/// Ozon answers the PDF itself; its schema also describes `{file_content}` (base64).
fn unwrap_file(body: Vec<u8>) -> Vec<u8> {
    if body.starts_with(b"%PDF") {
        return body;
    }
    let Ok(v) = serde_json::from_slice::<Value>(&body) else {
        return body;
    };
    let content = v
        .get("file_content")
        .or_else(|| v.pointer("/result/file_content"))
        .and_then(Value::as_str);
    match content {
        Some(text) if text.starts_with("%PDF") => text.as_bytes().to_vec(),
        Some(text) => base64::engine::general_purpose::STANDARD
            .decode(text.trim())
            .unwrap_or(body),
        None => body,
    }
}

fn pdf(bytes: Vec<u8>) -> Result<Vec<u8>, ChannelError> {
    if bytes.starts_with(b"%PDF") {
        return Ok(bytes);
    }
    let start: String = String::from_utf8_lossy(&bytes[..bytes.len().min(40)])
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    Err(ChannelError::Malformed {
        what: "labels",
        detail: format!("the marketplace sent no PDF (it starts with {start:?})"),
    })
}
