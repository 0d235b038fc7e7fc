//! A MegaMarket connection's settings: the stage → call map the admin edits, the merchant id
//! (box codes carry it), and the queue's patience.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// The reasons `order/reject` takes (MegaMarket's list).
pub const REJECT_REASONS: [&str; 4] = [
    "OUT_OF_STOCK",
    "INCORRECT_PRICE_SKU",
    "INCORRECT_SPEC_SKU",
    "TECHNICAL_PROBLEMS",
];

/// What reaching one of our stages does on MegaMarket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum MegaMarketAction {
    /// `order/confirm`: every live item accepted.
    Confirm,
    /// `order/packing`: the items spread over `boxes` boxes (codes
    /// `<merchant>*<shipment>*<n>`); confirms first when the shipment is still new.
    Packing { boxes: u32 },
    /// `order/shipping`: the boxes handed over today.
    Shipping,
    /// `order/reject` of every live item with a reason from [`REJECT_REASONS`].
    Reject { reason: String },
}

impl MegaMarketAction {
    /// Whether the action is one MegaMarket takes (a reason from its list, at least a box).
    pub fn valid(&self) -> bool {
        match self {
            MegaMarketAction::Packing { boxes } => (1..=100).contains(boxes),
            MegaMarketAction::Reject { reason } => REJECT_REASONS.contains(&reason.as_str()),
            _ => true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MegaMarketSettings {
    /// The merchant's id at MegaMarket: box codes are `<merchant>*<shipment>*<box>`.
    pub merchant_id: i64,
    pub triggers: BTreeMap<String, MegaMarketAction>,
    /// Shipments created this many days back are searched again on every sync (the search
    /// filters by creation, and a cancellation changes an old shipment).
    pub lookback_days: i64,
    pub push_attempts: i64,
    pub push_backoff_s: i64,
}

impl Default for MegaMarketSettings {
    /// MegaMarket wants a new shipment confirmed within its time limit: it is confirmed as soon
    /// as it is in our queue; packed when picking starts (one box), shipped when done.
    fn default() -> MegaMarketSettings {
        let triggers = [
            ("new", MegaMarketAction::Confirm),
            ("picking", MegaMarketAction::Packing { boxes: 1 }),
            ("done", MegaMarketAction::Shipping),
            (
                "cancelled",
                MegaMarketAction::Reject {
                    reason: "OUT_OF_STOCK".to_owned(),
                },
            ),
        ];
        MegaMarketSettings {
            merchant_id: 0,
            triggers: triggers
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
            lookback_days: 14,
            push_attempts: 5,
            push_backoff_s: 60,
        }
    }
}
