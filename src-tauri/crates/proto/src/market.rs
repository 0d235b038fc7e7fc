//! The marketplace screens: the trigger editor's slots, "test connection".

use serde::{Deserialize, Serialize};

/// One marketplace action in the trigger editor: which of our stages fires it.
///
/// `slot`: `packing` (ready to ship), `shipped` (handed to delivery), `pickup` (at the pickup
/// point), `delivered`, `cancel`. `models`: the fulfilment models the action exists in
/// (`fbs`, `rfbs`, `dbs`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TriggerSlot {
    pub slot: crate::MarketSlot,
    /// The stage that fires it; `None`: no stage does.
    pub stage_id: Option<String>,
    /// What a new connection starts with.
    pub default_stage_id: Option<String>,
    pub models: Vec<String>,
    /// Cancellation: the marketplace's reason code chosen (Ozon `352`, Yandex Market
    /// `SHOP_FAILED`…).
    #[serde(default)]
    pub reason: Option<String>,
    /// Cancellation: every reason the marketplace accepts from a shop.
    #[serde(default)]
    pub reasons: Vec<String>,
}

/// "Test connection": one cheap authenticated read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelTestResult {
    pub ok: bool,
    /// The manager's wording: what worked, or why not (never a key or secret).
    pub message: String,
    /// The failure is on the channel's side or the way there (no answer, its server error,
    /// its rate limit), not in the keys, address or certificate: the form may ask whether to
    /// save anyway; otherwise it refuses.
    #[serde(default)]
    pub may_save_anyway: bool,
    /// The same as data, worded by the window in its language ([`Self::said`]); absent
    /// from an older desk or hub, whose `message` is shown then.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::option"
    )]
    pub outcome: Option<crate::ChannelTestOutcome>,
}

/// The channel an order came through and its status there, for the order list
/// (e.g. Ozon «awaiting_packaging»).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelTag {
    pub connection: String,
    /// The connector kind: `woo_commerce`, `moy_sklad`, `ozon`, `yandex_market`, …
    pub kind: String,
    pub status: String,
}
