//! A connection's configuration as the admin edits it: what it talks to, how often, and how
//! the channel's statuses map onto our stages.

use std::collections::BTreeMap;

use domain::{DeliveryMethod, PaymentMethod};
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::ChannelError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    WooCommerce,
    MoySklad,
    CommerceMl,
    /// Ozon Seller API, FBS and rFBS postings.
    Ozon,
    /// Yandex Market Partner API, FBS and DBS orders.
    YandexMarket,
    /// SberMegaMarket merchant API.
    MegaMarket,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::WooCommerce => "woo_commerce",
            Kind::MoySklad => "moy_sklad",
            Kind::CommerceMl => "commerce_ml",
            Kind::Ozon => "ozon",
            Kind::YandexMarket => "yandex_market",
            Kind::MegaMarket => "megamarket",
        }
    }

    pub const ALL: [Kind; 6] = [
        Kind::WooCommerce,
        Kind::MoySklad,
        Kind::CommerceMl,
        Kind::Ozon,
        Kind::YandexMarket,
        Kind::MegaMarket,
    ];

    /// The name shops know the channel by, as its notes name it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::WooCommerce => "WooCommerce",
            Kind::MoySklad => "МойСклад",
            Kind::CommerceMl => "1С",
            Kind::Ozon => "Ozon",
            Kind::YandexMarket => "Яндекс Маркет",
            Kind::MegaMarket => "Мегамаркет",
        }
    }

    /// Marketplaces: orders with their own status, stage triggers, stock pushed, labels.
    pub fn is_marketplace(self) -> bool {
        matches!(self, Kind::Ozon | Kind::YandexMarket | Kind::MegaMarket)
    }

    pub fn parse(text: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.as_str() == text)
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;

    #[test]
    fn every_kind_reads_back_as_itself() {
        for kind in Kind::ALL {
            assert_eq!(Kind::parse(kind.as_str()), Some(kind));
        }
        assert_eq!(Kind::parse("yandex_market"), Some(Kind::YandexMarket));
        assert_eq!(Kind::parse("megamarket"), Some(Kind::MegaMarket));
        assert_eq!(Kind::parse("ebay"), None);
    }
}

/// How often the scheduler runs each job; "sync now" runs them at once regardless.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schedule {
    pub orders_every_s: i64,
    pub stock_every_s: i64,
}

impl Default for Schedule {
    /// The seed shop's rhythm: new orders every 5 minutes, stock hourly.
    fn default() -> Schedule {
        Schedule {
            orders_every_s: 5 * 60,
            stock_every_s: 60 * 60,
        }
    }
}

impl Schedule {
    pub fn orders_due(&self, last: Option<Timestamp>, now: Timestamp) -> bool {
        due(last, self.orders_every_s, now)
    }

    pub fn stock_due(&self, last: Option<Timestamp>, now: Timestamp) -> bool {
        due(last, self.stock_every_s, now)
    }
}

fn due(last: Option<Timestamp>, every_s: i64, now: Timestamp) -> bool {
    last.is_none_or(|at| now.duration_since(at) >= SignedDuration::from_secs(every_s))
}

/// WooCommerce takes HTTP Basic only over HTTPS; over plain HTTP it takes only OAuth 1.0a.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthScheme {
    /// Chosen from the base URL's scheme.
    Auto,
    Basic,
    OAuthSha1,
    OAuthSha256,
}

/// How hard to retry a failing call before reporting it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct RetryPolicy {
    pub attempts: u32,
    pub first_delay_ms: u64,
    pub max_delay_ms: u64,
    pub timeout_ms: u64,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy {
            attempts: 5,
            first_delay_ms: 500,
            max_delay_ms: 30_000,
            timeout_ms: 30_000,
        }
    }
}

/// Everything about a connection except its secrets; stored as JSON beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub schedule: Schedule,
    pub auth: AuthScheme,
    pub retry: RetryPolicy,
    /// Orders per page when listing (WooCommerce allows at most 100).
    pub page_size: u32,
    /// The channel's shipping method id → our delivery method.
    pub delivery: BTreeMap<String, DeliveryMethod>,
    pub default_delivery: DeliveryMethod,
    /// The channel's payment method id → ours.
    pub payment: BTreeMap<String, PaymentMethod>,
    pub default_payment: PaymentMethod,
    /// МойСклад: hrefs of the organisation, store and the counterparty orders are put on when
    /// the customer is not found.
    pub moysklad: Option<MoySkladSettings>,
    /// Ozon: stage triggers and how far back postings are read.
    pub ozon: Option<crate::ozon::OzonSettings>,
    /// Yandex Market: campaign and stage triggers.
    pub yandex: Option<crate::yandex::YandexSettings>,
    /// MegaMarket: merchant id and stage triggers.
    pub megamarket: Option<crate::megamarket::MegaMarketSettings>,
    /// A CA or the server's own certificate the admin trusts for this connection.
    pub trust: Option<crate::tls::Trust>,
    /// Set by a shared hub's worker, never stored: every request of the connection refuses a
    /// host that is or resolves to a private address (see `public_net.rs`).
    #[serde(skip)]
    pub public_hosts_only: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MoySkladSettings {
    pub organization_href: String,
    pub store_href: Option<String>,
    /// The site connection whose stock follows МойСклад's.
    pub stock_to: Option<Uuid>,
}

impl Default for Settings {
    fn default() -> Settings {
        let delivery = [
            ("local_pickup", DeliveryMethod::Pickup),
            ("pickup_location", DeliveryMethod::Pickup),
            ("flat_rate", DeliveryMethod::Courier),
            ("free_shipping", DeliveryMethod::Courier),
            ("russian_post", DeliveryMethod::Post),
            ("cdek", DeliveryMethod::Post),
        ];
        let payment = [
            ("cod", PaymentMethod::CashOnDelivery),
            ("bacs", PaymentMethod::BankTransfer),
            ("cheque", PaymentMethod::BankTransfer),
        ];
        Settings {
            schedule: Schedule::default(),
            auth: AuthScheme::Auto,
            retry: RetryPolicy::default(),
            page_size: 100,
            delivery: delivery
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
            default_delivery: DeliveryMethod::Courier,
            payment: payment
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
            default_payment: PaymentMethod::Online,
            moysklad: None,
            ozon: None,
            yandex: None,
            megamarket: None,
            trust: None,
            public_hosts_only: false,
        }
    }
}

/// Which side decides a status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Master {
    /// The channel's status moves our order.
    Channel,
    /// Our stage is pushed to the channel.
    Desk,
}

impl Master {
    pub fn as_str(self) -> &'static str {
        match self {
            Master::Channel => "channel",
            Master::Desk => "desk",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusRule {
    pub channel_status: String,
    pub stage_id: String,
    pub master: Master,
}

/// A connection's status table, as the admin edits it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusMap(pub Vec<StatusRule>);

impl StatusMap {
    pub fn rule_for_status(&self, status: &str) -> Option<&StatusRule> {
        self.0.iter().find(|r| r.channel_status == status)
    }

    /// The channel status our stage is pushed as, when we are master of it.
    pub fn status_to_push(&self, stage_id: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|r| r.stage_id == stage_id && r.master == Master::Desk)
            .map(|r| r.channel_status.as_str())
    }

    /// A table written as (channel status, stage id, master) rows, for the defaults below.
    fn of(rows: &[(&str, &str, Master)]) -> StatusMap {
        let rule = |&(status, stage, master): &(&str, &str, Master)| StatusRule {
            channel_status: status.to_owned(),
            stage_id: stage.to_owned(),
            master,
        };
        StatusMap(rows.iter().map(rule).collect())
    }

    /// Typical МойСклад states: we are master while the order is worked here; МойСклад is
    /// master of shipping, closing and cancelling (the seed shop's back office decides those).
    pub fn moysklad_default() -> StatusMap {
        StatusMap::of(&[
            ("Новый", "new", Master::Desk),
            ("Подтвержден", "picking", Master::Desk),
            ("Отгружен", "courier_delivery", Master::Channel),
            ("Закрыт", "done", Master::Channel),
            ("Отменен", "cancelled", Master::Channel),
        ])
    }

    /// Ozon's posting statuses: Ozon is master of everything that happens on its side
    /// (cancellations, delivery); our progress goes to Ozon through the stage triggers.
    pub fn ozon_default() -> StatusMap {
        StatusMap::of(&[
            ("awaiting_packaging", "picking", Master::Desk),
            ("awaiting_deliver", "courier_delivery", Master::Desk),
            ("delivering", "courier_delivery", Master::Channel),
            ("delivered", "done", Master::Channel),
            ("cancelled", "cancelled", Master::Channel),
            ("not_accepted", "cancelled", Master::Channel),
        ])
    }

    /// Yandex Market's order statuses: the market is master of cancellations and of delivery
    /// it does itself; our progress goes there through the stage triggers.
    pub fn yandex_default() -> StatusMap {
        StatusMap::of(&[
            ("UNPAID", "new", Master::Desk),
            ("PROCESSING", "picking", Master::Desk),
            ("DELIVERY", "courier_delivery", Master::Desk),
            ("PICKUP", "courier_delivery", Master::Desk),
            ("DELIVERED", "done", Master::Channel),
            ("CANCELLED", "cancelled", Master::Channel),
        ])
    }

    /// MegaMarket's item statuses (a shipment's is its items' common one): MegaMarket is
    /// master of cancellations and delivery; our progress goes there through the triggers.
    pub fn megamarket_default() -> StatusMap {
        StatusMap::of(&[
            ("NEW", "new", Master::Desk),
            ("CONFIRMED", "new", Master::Desk),
            ("PACKED", "picking", Master::Desk),
            ("PACKING_EXPIRED", "picking", Master::Desk),
            ("SHIPPED", "done", Master::Desk),
            ("DELIVERED", "done", Master::Channel),
            ("MERCHANT_CANCELED", "cancelled", Master::Channel),
            ("CUSTOMER_CANCELED", "cancelled", Master::Channel),
        ])
    }

    /// WooCommerce's statuses on the default workflow: the desk is master of progress and of
    /// closing (the seed shop closed orders on the site by hand); the customer or the payment
    /// gateway is master of cancellations and payment made on the site.
    pub fn woo_default() -> StatusMap {
        StatusMap::of(&[
            ("pending", "new", Master::Channel),
            ("processing", "picking", Master::Desk),
            ("on-hold", "awaiting_payment", Master::Desk),
            ("completed", "done", Master::Desk),
            ("cancelled", "cancelled", Master::Channel),
            ("failed", "cancelled", Master::Channel),
            ("refunded", "cancelled", Master::Channel),
        ])
    }
}

/// A configured connection.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Connection {
    pub id: Uuid,
    pub kind: Kind,
    pub name: String,
    pub base_url: String,
    pub settings: Settings,
    pub status_map: StatusMap,
}

impl Connection {
    /// The connection's Ozon settings, defaults where it has none.
    pub fn ozon(&self) -> crate::ozon::OzonSettings {
        self.settings.ozon.clone().unwrap_or_default()
    }

    /// The connection's Yandex Market settings, defaults where it has none.
    pub fn yandex(&self) -> crate::yandex::YandexSettings {
        self.settings.yandex.clone().unwrap_or_default()
    }

    /// The connection's MegaMarket settings, defaults where it has none.
    pub fn megamarket(&self) -> crate::megamarket::MegaMarketSettings {
        self.settings.megamarket.clone().unwrap_or_default()
    }

    pub(crate) fn from_rows(
        row: store::ConnectionRow,
        map: Vec<store::StatusMapRow>,
    ) -> Result<Connection, ChannelError> {
        let kind = Kind::parse(&row.kind)
            .ok_or_else(|| ChannelError::Config(format!("unknown kind {:?}", row.kind)))?;
        let settings = serde_json::from_str(&row.settings)
            .map_err(|e| ChannelError::Config(format!("settings: {e}")))?;
        let status_map = map
            .into_iter()
            .map(|m| StatusRule {
                master: if m.master == "channel" {
                    Master::Channel
                } else {
                    Master::Desk
                },
                channel_status: m.channel_status,
                stage_id: m.stage_id,
            })
            .collect();
        Ok(Connection {
            id: row.id,
            kind,
            name: row.name,
            base_url: row.base_url,
            settings,
            status_map: StatusMap(status_map),
        })
    }

    pub(crate) fn to_rows(
        &self,
        created_at: Timestamp,
    ) -> Result<(store::ConnectionRow, Vec<store::StatusMapRow>), ChannelError> {
        let settings = serde_json::to_string(&self.settings)
            .map_err(|e| ChannelError::Config(e.to_string()))?;
        let map = self
            .status_map
            .0
            .iter()
            .map(|r| store::StatusMapRow {
                channel_status: r.channel_status.clone(),
                stage_id: r.stage_id.clone(),
                master: r.master.as_str().to_owned(),
            })
            .collect();
        Ok((
            store::ConnectionRow {
                id: self.id,
                kind: self.kind.as_str().to_owned(),
                name: self.name.clone(),
                base_url: self.base_url.clone(),
                settings,
                created_at,
            },
            map,
        ))
    }
}
