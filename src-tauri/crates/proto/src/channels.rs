//! The channels screen: connections, their status maps, their state, and "sync now".

use serde::{Deserialize, Serialize};

use crate::UnixMs;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ChannelKind {
    WooCommerce,
    MoySklad,
    CommerceMl,
    /// Ozon Seller API (FBS / rFBS): key = Client-Id, secret = Api-Key.
    Ozon,
    /// Yandex Market Partner API (FBS / DBS): secret = Api-Key; the campaign id is a setting.
    YandexMarket,
    /// SberMegaMarket merchant API: key = login of MegaMarket's push notifications, secret =
    /// API token (also the push password); the merchant id is a setting.
    MegaMarket,
}

impl ChannelKind {
    /// Every kind, in the order the add form offers them.
    pub const ALL: [ChannelKind; 6] = [
        ChannelKind::WooCommerce,
        ChannelKind::MoySklad,
        ChannelKind::CommerceMl,
        ChannelKind::Ozon,
        ChannelKind::YandexMarket,
        ChannelKind::MegaMarket,
    ];
}

/// A marketplace connection's stage triggers, as the trigger editor shows and saves them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarketplaceTriggers {
    /// Yandex Market's campaign id, MegaMarket's merchant id; `None` for Ozon.
    pub campaign_id: Option<i64>,
    /// Yandex Market's business id (`None`: not known yet, found from the campaign).
    #[serde(default)]
    pub business_id: Option<i64>,
    /// Ozon's stock warehouse (`None`: none chosen, no stock goes out).
    #[serde(default)]
    pub warehouse_id: Option<i64>,
    pub triggers: Vec<TriggerView>,
    /// The fulfilment models the shop works in on this connection (`fbs`, `rfbs`, `dbs`).
    #[serde(default)]
    pub models: Vec<String>,
    /// Every model the marketplace has.
    #[serde(default)]
    pub all_models: Vec<String>,
    /// The editor's view of `triggers`, one line per marketplace action. When saving, a
    /// non-empty list replaces `triggers`.
    #[serde(default)]
    pub slots: Vec<crate::TriggerSlot>,
}

/// Reaching `stage_id` makes the marketplace call `action` describes (JSON): Ozon
/// `{"action":"ship"}`, `{"action":"cancel","reason_id":352,"message":"…"}`,
/// `{"action":"delivering"}`, `{"action":"delivered"}`; Yandex Market
/// `{"status":"PROCESSING","substatus":"READY_TO_SHIP"}`; MegaMarket `{"action":"confirm"}`,
/// `{"action":"packing","boxes":1}`, `{"action":"shipping"}`,
/// `{"action":"reject","reason":"OUT_OF_STOCK"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriggerView {
    pub stage_id: String,
    pub action: String,
}

/// One marketplace action a stage triggered, as the channel's state screen and the order's
/// card show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushView {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub connection_id: String,
    pub external_id: String,
    pub order_id: String,
    pub stage_id: String,
    /// The op that moved the order into the stage.
    pub op_id: Option<String>,
    /// JSON of the action, e.g. `{"action":"ship"}`.
    pub action: String,
    /// Which action that is, for the window to word; `None` for one this version does not
    /// know.
    #[serde(default)]
    pub slot: Option<crate::MarketSlot>,
    pub state: crate::PushState,
    pub attempts: i64,
    pub next_at: UnixMs,
    pub last_error: Option<String>,
    /// `last_error` as a code for the window to word; `None` for a note kept before codes
    /// were (the window shows its text).
    #[serde(default)]
    pub error: Option<crate::ChannelErrorView>,
    pub created_at: UnixMs,
    pub finished_at: Option<UnixMs>,
    /// Who dismissed it, why and when.
    #[serde(default)]
    pub dismissed_by: Option<String>,
    #[serde(default)]
    pub dismissed_reason: Option<String>,
    #[serde(default)]
    pub dismissed_at: Option<UnixMs>,
}

/// «Скрыть» on a failed marketplace action: why it is not to be retried (a team desk sends
/// it to the hub, whose worker keeps the queue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushDismissal {
    pub reason: String,
}

/// The form that adds a connection. `key`/`secret` go to the OS keyring, never the database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewConnection {
    pub kind: ChannelKind,
    pub name: String,
    pub base_url: String,
    /// Consumer key (WooCommerce) or login (МойСклад, 1C); empty for a МойСклад token.
    pub key: String,
    pub secret: String,
    /// The marketplace's own settings, so a connection works (and tests) as soon as added.
    #[serde(default)]
    pub setup: MarketSetup,
    /// A certificate to trust for this connection (a site with the shop's own CA).
    #[serde(default)]
    pub trust: Option<TrustInput>,
}

/// A certificate the admin gives a connection: the CA that issued the site's certificate, or
/// the site's own certificate, pinned.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustInput {
    /// `true`: exactly this certificate (pinned); `false`: a CA whose certificates to trust.
    pub pinned: bool,
    /// PEM text (`-----BEGIN CERTIFICATE-----…`).
    pub pem: String,
}

/// The certificate a connection trusts, as its card and edit form show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrustView {
    pub pinned: bool,
    /// SHA-256 of the (first) certificate, `AB:CD:…`, to compare with the site's.
    pub fingerprint: String,
    pub pem: String,
}

/// «Получить сертификат сайта»: the certificate the site at `base_url` presents, fetched
/// without trusting it, for the admin to compare its fingerprint before pinning it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteCertificateRequest {
    pub base_url: String,
}

/// The site's own certificate as the form shows it beside «Закрепить».
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteCertificate {
    /// RFC 4514, e.g. `CN=shop.ru,O=Лавка`.
    pub subject: String,
    pub issuer: String,
    pub not_before: crate::UnixMs,
    pub not_after: crate::UnixMs,
    /// Not in force when fetched: expired, or not valid yet.
    pub out_of_date: bool,
    /// SHA-256, `AB:CD:…`, as browsers show it.
    pub fingerprint: String,
    pub pem: String,
    /// Certificates the site presented: its own and the intermediates.
    pub chain_length: u32,
}

/// A change of a saved connection's address, keys or certificate. The stored keys are never
/// shown back: `keys: None` keeps them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConnectionEdit {
    pub name: String,
    pub base_url: String,
    #[serde(default)]
    pub keys: Option<NewKeys>,
    #[serde(default)]
    pub trust: TrustEdit,
}

/// New keys for a connection: consumer key and secret, login and password, or a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewKeys {
    pub key: String,
    pub secret: String,
}

/// What an edit does to the connection's trusted certificate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum TrustEdit {
    #[default]
    Keep,
    Remove,
    Set(TrustInput),
}

/// What a marketplace connection needs besides its keys; `None` = not set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarketSetup {
    /// Yandex Market's campaign id; MegaMarket's merchant id.
    #[serde(default)]
    pub campaign_id: Option<i64>,
    /// Yandex Market's business (cabinet) id; found from the campaign when not given.
    #[serde(default)]
    pub business_id: Option<i64>,
    /// The Ozon warehouse stock is pushed to, one of [`WarehouseView`].
    #[serde(default)]
    pub warehouse_id: Option<i64>,
}

/// An Ozon FBS / rFBS warehouse (`/v1/warehouse/list`), as the settings form offers it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarehouseView {
    pub id: i64,
    pub name: String,
    pub rfbs: bool,
    /// Ozon's status (`created` = working, `disabled`, `blocked`, …).
    pub status: String,
}

/// One line of the status map: the channel's status, our stage, and who decides it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusRuleView {
    pub channel_status: String,
    pub stage_id: String,
    /// `true`: the channel's status moves our order; `false`: our stage is pushed to it.
    pub channel_is_master: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelStateView {
    pub orders_synced_at: Option<UnixMs>,
    pub stock_synced_at: Option<UnixMs>,
    pub imported: i64,
    pub updated: i64,
    pub pushed: i64,
    pub failures: i64,
    pub last_error: Option<String>,
    pub last_error_at: Option<UnixMs>,
    /// Set when the channel refused our keys: nothing runs until "resume".
    pub paused_reason: Option<String>,
    /// `last_error` as a code the card words in the manager's language.
    #[serde(default)]
    pub error: Option<crate::ChannelErrorView>,
    /// `paused_reason` likewise.
    #[serde(default)]
    pub paused: Option<crate::ChannelErrorView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelView {
    pub id: String,
    pub kind: ChannelKind,
    pub name: String,
    pub base_url: String,
    pub orders_every_s: i64,
    pub stock_every_s: i64,
    pub rules: Vec<StatusRuleView>,
    pub state: ChannelStateView,
    /// The certificate trusted for this connection besides the system's roots.
    #[serde(default)]
    pub trust: Option<TrustView>,
}

/// What "sync now" did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncResult {
    pub imported: i64,
    pub updated: i64,
    pub problems: i64,
    pub moved: i64,
    pub pushed: i64,
    pub stale_skipped: i64,
    pub notes: i64,
    pub stock_pushed: u64,
    pub stock_missing: u64,
    pub stock_pulled: u64,
    /// Orders the check against the channel's own list found missing or out of date here,
    /// and took in. Defaults: a hub of before these fields answers without them.
    #[serde(default)]
    pub reconciled: i64,
    /// Changes the site made to orders already here, recorded as the channel's ops.
    #[serde(default)]
    pub site_changes: i64,
    /// Products of the channel added to the catalogue.
    #[serde(default)]
    pub products_added: u64,
}

/// How a channel knows an order, for the order card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderChannelView {
    pub connection_id: String,
    pub connection_name: String,
    pub external_id: String,
    pub remote_status: String,
    /// Problems the channel left on the order.
    pub flags: Vec<crate::ChannelFlag>,
}
