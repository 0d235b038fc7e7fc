//! The marketplace actions the trigger editor offers, per marketplace: which fulfilment
//! models each exists in, the stage it starts on, the cancellation reasons a shop may give,
//! and the checks a trigger map passes before it is saved.

use channels::megamarket::{MegaMarketAction, REJECT_REASONS as MEGAMARKET_REASONS};
use channels::ozon::OzonAction;
use channels::yandex::YandexAction;
use domain::Workflow;
use proto::{MarketActionProblem, MarketSlot};

use crate::DeskError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Marketplace {
    Ozon,
    Yandex,
    MegaMarket,
}

struct SlotDef {
    slot: MarketSlot,
    /// As the manager reads it in an error message.
    label: &'static str,
    models: &'static [&'static str],
    default_stage: Option<&'static str>,
}

/// Ozon has no call to accept a posting (it arrives ready to pack); the seller moves it on
/// only for rFBS, where the seller delivers.
const OZON: [SlotDef; 4] = [
    SlotDef {
        slot: MarketSlot::Packing,
        label: "Собран, готов к отгрузке",
        models: &["fbs", "rfbs"],
        default_stage: Some("picking"),
    },
    SlotDef {
        slot: MarketSlot::Shipped,
        label: "Передан в доставку",
        models: &["rfbs"],
        default_stage: Some("courier_delivery"),
    },
    SlotDef {
        slot: MarketSlot::Delivered,
        label: "Доставлен",
        models: &["rfbs"],
        default_stage: Some("done"),
    },
    SlotDef {
        slot: MarketSlot::Cancel,
        label: "Отмена",
        models: &["fbs", "rfbs"],
        default_stage: Some("cancelled"),
    },
];

/// Yandex Market's orders arrive accepted (PROCESSING / STARTED); only under DBS does the
/// shop move them to DELIVERY, PICKUP and DELIVERED.
const YANDEX: [SlotDef; 5] = [
    SlotDef {
        slot: MarketSlot::Packing,
        label: "Собран, готов к отгрузке",
        models: &["fbs", "dbs"],
        default_stage: Some("picking"),
    },
    SlotDef {
        slot: MarketSlot::Shipped,
        label: "Передан в доставку",
        models: &["dbs"],
        default_stage: Some("courier_delivery"),
    },
    SlotDef {
        slot: MarketSlot::Pickup,
        label: "В пункте выдачи",
        models: &["dbs"],
        default_stage: None,
    },
    SlotDef {
        slot: MarketSlot::Delivered,
        label: "Доставлен",
        models: &["dbs"],
        default_stage: Some("done"),
    },
    SlotDef {
        slot: MarketSlot::Cancel,
        label: "Отмена",
        models: &["fbs", "dbs"],
        default_stage: Some("cancelled"),
    },
];

/// MegaMarket wants every new shipment confirmed, then packed into boxes, then handed over;
/// the merchant delivers nothing itself under its FBS model.
const MEGAMARKET: [SlotDef; 4] = [
    SlotDef {
        slot: MarketSlot::Confirm,
        label: "Подтверждён",
        models: &["fbs"],
        default_stage: Some("new"),
    },
    SlotDef {
        slot: MarketSlot::Packing,
        label: "Собран, упакован в коробки",
        models: &["fbs"],
        default_stage: Some("picking"),
    },
    SlotDef {
        slot: MarketSlot::Shipped,
        label: "Передан в доставку",
        models: &["fbs"],
        default_stage: Some("done"),
    },
    SlotDef {
        slot: MarketSlot::Cancel,
        label: "Отмена",
        models: &["fbs"],
        default_stage: Some("cancelled"),
    },
];

/// Ozon's cancellation reasons for a seller (`/v2/posting/fbs/cancel`), with the message
/// sent beside the id.
const OZON_REASONS: [(&str, &str); 4] = [
    ("352", "Товар закончился"),
    ("400", "Остался только бракованный товар"),
    ("401", "Отмена из арбитража"),
    ("402", "Другая причина"),
];

/// The CANCELLED substatuses Yandex Market takes from a shop.
const YANDEX_REASONS: [&str; 7] = [
    "SHOP_FAILED",
    "USER_UNREACHABLE",
    "USER_CHANGED_MIND",
    "USER_REFUSED_DELIVERY",
    "USER_REFUSED_PRODUCT",
    "USER_REFUSED_QUALITY",
    "REPLACING_ORDER",
];

/// One line of a trigger map as the checks see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Entry {
    pub stage_id: String,
    pub slot: String,
    pub reason: Option<String>,
}

impl Marketplace {
    fn slots(self) -> &'static [SlotDef] {
        match self {
            Marketplace::Ozon => &OZON,
            Marketplace::Yandex => &YANDEX,
            Marketplace::MegaMarket => &MEGAMARKET,
        }
    }

    pub(crate) fn models(self) -> Vec<String> {
        let all: &[&str] = match self {
            Marketplace::Ozon => &["fbs", "rfbs"],
            Marketplace::Yandex => &["fbs", "dbs"],
            Marketplace::MegaMarket => &["fbs"],
        };
        all.iter().map(|m| (*m).to_owned()).collect()
    }

    fn reasons(self) -> Vec<String> {
        match self {
            Marketplace::Ozon => OZON_REASONS.iter().map(|(c, _)| (*c).to_owned()).collect(),
            Marketplace::Yandex => YANDEX_REASONS.iter().map(|c| (*c).to_owned()).collect(),
            Marketplace::MegaMarket => MEGAMARKET_REASONS.iter().map(|c| (*c).to_owned()).collect(),
        }
    }

    fn def(self, slot: &str) -> Option<&'static SlotDef> {
        self.slots().iter().find(|d| d.slot == slot)
    }

    /// The editor's lines: each action with the stage that fires it now.
    pub(crate) fn view(self, entries: &[Entry]) -> Vec<proto::TriggerSlot> {
        self.slots()
            .iter()
            .map(|d| {
                let current = entries.iter().find(|e| d.slot == e.slot.as_str());
                proto::TriggerSlot {
                    slot: d.slot,
                    stage_id: current.map(|e| e.stage_id.clone()),
                    default_stage_id: d.default_stage.map(str::to_owned),
                    models: d.models.iter().map(|m| (*m).to_owned()).collect(),
                    reason: current.and_then(|e| e.reason.clone()),
                    reasons: if d.slot == MarketSlot::Cancel {
                        self.reasons()
                    } else {
                        Vec::new()
                    },
                }
            })
            .collect()
    }

    /// Every problem of the map at once, in the manager's words; `Ok` when it may be saved.
    pub(crate) fn check(
        self,
        workflow: &Workflow,
        models: &[String],
        entries: &[Entry],
    ) -> Result<(), DeskError> {
        let all = self.models();
        let mut problems = Vec::new();
        if models.is_empty() {
            problems.push(MarketActionProblem::NoModel);
        }
        for m in models.iter().filter(|m| !all.contains(m)) {
            problems.push(MarketActionProblem::UnknownModel { model: m.clone() });
        }
        let stage_name = |id: &str| {
            workflow
                .stage(id)
                .or_else(|| workflow.retired_stage(id))
                .map_or_else(|| id.to_owned(), |s| s.name.clone())
        };
        for (i, e) in entries.iter().enumerate() {
            let Some(def) = self.def(&e.slot) else {
                problems.push(MarketActionProblem::UnknownAction {
                    slot: e.slot.clone(),
                });
                continue;
            };
            if workflow.stage(&e.stage_id).is_none() {
                problems.push(MarketActionProblem::StageGone {
                    stage: stage_name(&e.stage_id),
                    action: def.label.to_owned(),
                });
            }
            if !models.is_empty() && !def.models.iter().any(|m| models.iter().any(|c| c == m)) {
                problems.push(MarketActionProblem::NotForModel {
                    action: def.label.to_owned(),
                    models: upper(models),
                });
            }
            if def.slot == MarketSlot::Cancel {
                match &e.reason {
                    None => problems.push(MarketActionProblem::CancelReasonMissing),
                    Some(r) if !self.reasons().contains(r) => problems
                        .push(MarketActionProblem::CancelReasonUnknown { reason: r.clone() }),
                    Some(_) => {}
                }
            }
            if let Some(other) = entries[..i].iter().find(|o| o.stage_id == e.stage_id) {
                let other = self
                    .def(&other.slot)
                    .map_or(other.slot.as_str(), |d| d.label);
                problems.push(MarketActionProblem::StageTaken {
                    stage: stage_name(&e.stage_id),
                    other: other.to_owned(),
                });
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(proto::InputProblem::MarketActions { problems }.into())
        }
    }

    /// The editor's lines with a stage as the map's entries.
    pub(crate) fn entries(slots: &[proto::TriggerSlot]) -> Vec<Entry> {
        slots
            .iter()
            .filter_map(|s| {
                let stage_id = s.stage_id.clone().filter(|id| !id.is_empty())?;
                Some(Entry {
                    stage_id,
                    slot: s.slot.as_str().to_owned(),
                    reason: s.reason.clone().filter(|r| !r.is_empty()),
                })
            })
            .collect()
    }
}

fn upper(models: &[String]) -> String {
    models
        .iter()
        .map(|m| {
            if m == "rfbs" {
                "rFBS".to_owned()
            } else {
                m.to_uppercase()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn ozon_entry(stage_id: &str, a: &OzonAction) -> Entry {
    let (slot, reason) = match a {
        OzonAction::Ship => ("packing", None),
        OzonAction::Delivering => ("shipped", None),
        OzonAction::Delivered => ("delivered", None),
        OzonAction::Cancel { reason_id, .. } => ("cancel", Some(reason_id.to_string())),
    };
    Entry {
        stage_id: stage_id.to_owned(),
        slot: slot.to_owned(),
        reason,
    }
}

/// An action the editor does not offer gets a slot of its own name, which the checks refuse.
pub(crate) fn yandex_entry(stage_id: &str, a: &YandexAction) -> Entry {
    let (slot, reason) = match (a.status.as_str(), a.substatus.as_deref()) {
        ("PROCESSING", Some("READY_TO_SHIP")) => ("packing".to_owned(), None),
        ("DELIVERY", _) => ("shipped".to_owned(), None),
        ("PICKUP", _) => ("pickup".to_owned(), None),
        ("DELIVERED", _) => ("delivered".to_owned(), None),
        ("CANCELLED", sub) => ("cancel".to_owned(), sub.map(str::to_owned)),
        (status, sub) => (format!("{status}/{}", sub.unwrap_or("")), None),
    };
    Entry {
        stage_id: stage_id.to_owned(),
        slot,
        reason,
    }
}

/// The Ozon call an (already checked) entry makes.
pub(crate) fn ozon_action(e: &Entry) -> OzonAction {
    match e.slot.as_str() {
        "shipped" => OzonAction::Delivering,
        "delivered" => OzonAction::Delivered,
        "cancel" => {
            let code = e.reason.clone().unwrap_or_default();
            let message = OZON_REASONS
                .iter()
                .find(|(c, _)| *c == code)
                .map_or("Другая причина", |(_, m)| m);
            OzonAction::Cancel {
                reason_id: code.parse().unwrap_or(402),
                message: message.to_owned(),
            }
        }
        _ => OzonAction::Ship,
    }
}

/// The Yandex Market status an (already checked) entry sets.
pub(crate) fn yandex_action(e: &Entry) -> YandexAction {
    let (status, substatus) = match e.slot.as_str() {
        "shipped" => ("DELIVERY", None),
        "pickup" => ("PICKUP", None),
        "delivered" => ("DELIVERED", None),
        "cancel" => ("CANCELLED", e.reason.clone()),
        _ => ("PROCESSING", Some("READY_TO_SHIP".to_owned())),
    };
    YandexAction {
        status: status.to_owned(),
        substatus,
    }
}

pub(crate) fn megamarket_entry(stage_id: &str, a: &MegaMarketAction) -> Entry {
    let (slot, reason) = match a {
        MegaMarketAction::Confirm => ("confirm", None),
        MegaMarketAction::Packing { .. } => ("packing", None),
        MegaMarketAction::Shipping => ("shipped", None),
        MegaMarketAction::Reject { reason } => ("cancel", Some(reason.clone())),
    };
    Entry {
        stage_id: stage_id.to_owned(),
        slot: slot.to_owned(),
        reason,
    }
}

/// The MegaMarket call an (already checked) entry makes; packing keeps the number of boxes
/// the connection had (the editor does not change it), one box when it had none.
pub(crate) fn megamarket_action(e: &Entry, boxes: u32) -> MegaMarketAction {
    match e.slot.as_str() {
        "confirm" => MegaMarketAction::Confirm,
        "shipped" => MegaMarketAction::Shipping,
        "cancel" => MegaMarketAction::Reject {
            reason: e
                .reason
                .clone()
                .unwrap_or_else(|| MEGAMARKET_REASONS[0].to_owned()),
        },
        _ => MegaMarketAction::Packing { boxes },
    }
}

/// Which action a queued call's JSON is, whichever marketplace it is for: the three shapes
/// do not overlap, and where two marketplaces name one action alike it is the same action.
/// `None` for a call this version does not know.
pub(crate) fn slot_of_action(action: &str) -> Option<MarketSlot> {
    let entry = if let Ok(a) = serde_json::from_str::<OzonAction>(action) {
        ozon_entry("", &a)
    } else if let Ok(a) = serde_json::from_str::<YandexAction>(action) {
        yandex_entry("", &a)
    } else if let Ok(a) = serde_json::from_str::<MegaMarketAction>(action) {
        megamarket_entry("", &a)
    } else {
        return None;
    };
    MarketSlot::parse(&entry.slot)
}

#[cfg(test)]
mod slot_tests {
    use super::*;

    #[test]
    fn every_marketplace_call_is_named_by_its_action_not_by_a_substring() {
        let cases = [
            (r#"{"action":"ship"}"#, Some(MarketSlot::Packing)),
            (r#"{"action":"delivering"}"#, Some(MarketSlot::Shipped)),
            (r#"{"action":"delivered"}"#, Some(MarketSlot::Delivered)),
            (
                r#"{"action":"cancel","reason_id":352,"message":"Нет в наличии"}"#,
                Some(MarketSlot::Cancel),
            ),
            (
                r#"{"status":"PROCESSING","substatus":"READY_TO_SHIP"}"#,
                Some(MarketSlot::Packing),
            ),
            (r#"{"status":"DELIVERY"}"#, Some(MarketSlot::Shipped)),
            (r#"{"status":"PICKUP"}"#, Some(MarketSlot::Pickup)),
            (r#"{"status":"DELIVERED"}"#, Some(MarketSlot::Delivered)),
            (
                r#"{"status":"CANCELLED","substatus":"SHOP_FAILED"}"#,
                Some(MarketSlot::Cancel),
            ),
            (r#"{"action":"confirm"}"#, Some(MarketSlot::Confirm)),
            (
                r#"{"action":"packing","boxes":2}"#,
                Some(MarketSlot::Packing),
            ),
            (r#"{"action":"shipping"}"#, Some(MarketSlot::Shipped)),
            (
                r#"{"action":"reject","reason":"OUT_OF_STOCK"}"#,
                Some(MarketSlot::Cancel),
            ),
            // A Yandex status the editor does not offer, a comment that merely says
            // «cancel», and what is not JSON at all: no action this version knows.
            (r#"{"status":"UNPAID"}"#, None),
            (r#"{"note":"do not cancel"}"#, None),
            ("not json", None),
        ];
        for (action, slot) in cases {
            assert_eq!(slot_of_action(action), slot, "{action}");
        }
    }
}
