//! A Yandex Market connection's campaign, business and stage → status triggers.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// `PUT …/orders/{orderId}/status {order: {status, substatus}}` when a stage is reached.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YandexAction {
    pub status: String,
    pub substatus: Option<String>,
}

impl YandexAction {
    fn new(status: &str, substatus: Option<&str>) -> YandexAction {
        YandexAction {
            status: status.to_owned(),
            substatus: substatus.map(str::to_owned),
        }
    }

    /// Only the shop moves an order to DELIVERY / PICKUP / DELIVERED, and only under DBS.
    pub fn dbs_only(&self) -> bool {
        matches!(self.status.as_str(), "DELIVERY" | "PICKUP" | "DELIVERED")
    }

    /// The market accepts "user unreachable" only after three call attempts were made.
    pub fn needs_calls(&self) -> u32 {
        if self.substatus.as_deref() == Some("USER_UNREACHABLE") {
            3
        } else {
            0
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct YandexSettings {
    pub campaign_id: i64,
    /// The cabinet the campaign belongs to: orders are read business-wide (filtered to the
    /// campaign). 0 = not known yet: asked from the campaign and kept here.
    pub business_id: i64,
    pub triggers: BTreeMap<String, YandexAction>,
    /// Orders updated this many days back are read on the first sync.
    pub lookback_days: i64,
    pub push_attempts: i64,
    pub push_backoff_s: i64,
}

impl Default for YandexSettings {
    fn default() -> YandexSettings {
        let triggers = [
            (
                "picking",
                YandexAction::new("PROCESSING", Some("READY_TO_SHIP")),
            ),
            ("courier_delivery", YandexAction::new("DELIVERY", None)),
            ("done", YandexAction::new("DELIVERED", None)),
            (
                "cancelled",
                YandexAction::new("CANCELLED", Some("SHOP_FAILED")),
            ),
        ];
        YandexSettings {
            campaign_id: 0,
            business_id: 0,
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
