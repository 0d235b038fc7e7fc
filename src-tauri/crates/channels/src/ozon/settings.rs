//! A connection's Ozon settings: the stage → action map the admin edits, and the queue's
//! patience.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What reaching one of our stages does on Ozon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum OzonAction {
    /// `/v4/posting/fbs/ship`: packed, ready to hand over (one package with every product).
    Ship,
    /// `/v2/posting/fbs/cancel` with a reason from Ozon's list (352 out of stock, 400 only
    /// defective, 401 arbitration, 402 other).
    Cancel { reason_id: i64, message: String },
    /// rFBS only (the shop delivers): `/v2/fbs/posting/delivering`.
    Delivering,
    /// rFBS only: `/v2/fbs/posting/delivered`.
    Delivered,
}

impl OzonAction {
    /// Actions Ozon takes only for postings the seller delivers.
    pub fn rfbs_only(&self) -> bool {
        matches!(self, OzonAction::Delivering | OzonAction::Delivered)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct OzonSettings {
    /// Our stage id → the Ozon action its reaching triggers.
    pub triggers: BTreeMap<String, OzonAction>,
    /// Postings created this many days back are read again on every sync (Ozon's list filters
    /// by creation, and a cancellation changes an old posting).
    pub lookback_days: i64,
    /// Queue attempts (each with the HTTP retries of the connection) before a push is failed.
    pub push_attempts: i64,
    /// The queue's first wait between attempts; doubles each time.
    pub push_backoff_s: i64,
    /// The FBS warehouse stock is pushed to (Ozon keeps stock per warehouse); 0 = no stock
    /// push.
    pub warehouse_id: i64,
}

impl Default for OzonSettings {
    fn default() -> OzonSettings {
        let triggers = [
            ("picking", OzonAction::Ship),
            (
                "cancelled",
                OzonAction::Cancel {
                    reason_id: 402,
                    message: "Отменён продавцом".to_owned(),
                },
            ),
            ("courier_delivery", OzonAction::Delivering),
            ("done", OzonAction::Delivered),
        ];
        OzonSettings {
            triggers: triggers
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect(),
            lookback_days: 14,
            push_attempts: 5,
            push_backoff_s: 60,
            warehouse_id: 0,
        }
    }
}
