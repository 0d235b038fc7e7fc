//! The marketplace trigger editor: which of our stages makes which Ozon / Yandex Market /
//! MegaMarket call. In a team the connections live on the hub's worker, so both ask it.

use std::collections::BTreeMap;

use channels::config::{Connection, Kind};
use channels::megamarket::MegaMarketAction;
use channels::ozon::OzonAction;
use channels::yandex::YandexAction;
use domain::Role;
use jiff::Timestamp;
use serde::Serialize;
use serde_json::json;
use uuid::Uuid;

use crate::market_slots::{self as slots, Entry, Marketplace};
use crate::{Desk, DeskError};

fn parse_id(id: &str) -> Result<Uuid, DeskError> {
    Uuid::parse_str(id)
        .map_err(|_| DeskError::Input(proto::InputProblem::ConnectionId { id: id.to_owned() }))
}

fn views<A: Serialize>(
    triggers: impl IntoIterator<Item = (String, A)>,
) -> Result<Vec<proto::TriggerView>, DeskError> {
    triggers
        .into_iter()
        .map(|(stage_id, a)| {
            let action = serde_json::to_string(&a).map_err(|e| {
                proto::InputProblem::MarketActionUnwritable {
                    detail: e.to_string(),
                }
            })?;
            Ok(proto::TriggerView { stage_id, action })
        })
        .collect()
}

fn parse_action<A: serde::de::DeserializeOwned>(t: &proto::TriggerView) -> Result<A, DeskError> {
    serde_json::from_str(&t.action).map_err(|_| {
        DeskError::Input(proto::InputProblem::UnknownMarketAction {
            stage: t.stage_id.clone(),
        })
    })
}

fn not_marketplace() -> DeskError {
    DeskError::Input(proto::InputProblem::NoMarketActions)
}

/// The new trigger maps: from the editor's lines when given, else from the raw list.
fn ozon_map(
    new: &proto::MarketplaceTriggers,
) -> Result<(Vec<Entry>, BTreeMap<String, OzonAction>), DeskError> {
    if !new.slots.is_empty() {
        let entries = Marketplace::entries(&new.slots);
        let map = entries
            .iter()
            .map(|e| (e.stage_id.clone(), slots::ozon_action(e)))
            .collect();
        return Ok((entries, map));
    }
    let pairs = new
        .triggers
        .iter()
        .map(|t| Ok((t.stage_id.clone(), parse_action::<OzonAction>(t)?)))
        .collect::<Result<Vec<_>, DeskError>>()?;
    let entries = pairs.iter().map(|(s, a)| slots::ozon_entry(s, a)).collect();
    Ok((entries, pairs.into_iter().collect()))
}

fn yandex_map(
    new: &proto::MarketplaceTriggers,
) -> Result<(Vec<Entry>, BTreeMap<String, YandexAction>), DeskError> {
    if !new.slots.is_empty() {
        let entries = Marketplace::entries(&new.slots);
        let map = entries
            .iter()
            .map(|e| (e.stage_id.clone(), slots::yandex_action(e)))
            .collect();
        return Ok((entries, map));
    }
    let pairs = new
        .triggers
        .iter()
        .map(|t| Ok((t.stage_id.clone(), parse_action::<YandexAction>(t)?)))
        .collect::<Result<Vec<_>, DeskError>>()?;
    let entries = pairs
        .iter()
        .map(|(s, a)| slots::yandex_entry(s, a))
        .collect();
    Ok((entries, pairs.into_iter().collect()))
}

fn megamarket_map(
    new: &proto::MarketplaceTriggers,
    boxes: u32,
) -> Result<(Vec<Entry>, BTreeMap<String, MegaMarketAction>), DeskError> {
    if !new.slots.is_empty() {
        let entries = Marketplace::entries(&new.slots);
        let map = entries
            .iter()
            .map(|e| (e.stage_id.clone(), slots::megamarket_action(e, boxes)))
            .collect();
        return Ok((entries, map));
    }
    let pairs = new
        .triggers
        .iter()
        .map(|t| Ok((t.stage_id.clone(), parse_action::<MegaMarketAction>(t)?)))
        .collect::<Result<Vec<_>, DeskError>>()?;
    if let Some((stage, _)) = pairs.iter().find(|(_, a)| !a.valid()) {
        return Err(proto::InputProblem::MegamarketReason {
            stage: stage.clone(),
        }
        .into());
    }
    let entries = pairs
        .iter()
        .map(|(s, a)| slots::megamarket_entry(s, a))
        .collect();
    Ok((entries, pairs.into_iter().collect()))
}

impl Desk {
    pub fn marketplace_triggers(
        &self,
        connection_id: &str,
    ) -> Result<proto::MarketplaceTriggers, DeskError> {
        if let Some(hub) = self.connectors_for(crate::ChannelTask::See)? {
            return hub.get(&format!(
                "/v1/channels/{}/triggers",
                parse_id(connection_id)?
            ));
        }
        let id = parse_id(connection_id)?;
        let c = self.channels.connection(id)?;
        let (business_id, warehouse_id) = crate::market_setup::shown(&c);
        let (market, campaign_id, triggers, entries) = match c.kind {
            Kind::Ozon => {
                let t = c.settings.ozon.unwrap_or_default().triggers;
                let entries = t.iter().map(|(s, a)| slots::ozon_entry(s, a)).collect();
                (Marketplace::Ozon, None, views(t)?, entries)
            }
            Kind::YandexMarket => {
                let y = c.settings.yandex.unwrap_or_default();
                let entries = y
                    .triggers
                    .iter()
                    .map(|(s, a)| slots::yandex_entry(s, a))
                    .collect::<Vec<_>>();
                let campaign = Some(y.campaign_id).filter(|id| *id > 0);
                (Marketplace::Yandex, campaign, views(y.triggers)?, entries)
            }
            Kind::MegaMarket => {
                let m = c.settings.megamarket.unwrap_or_default();
                let entries = m
                    .triggers
                    .iter()
                    .map(|(s, a)| slots::megamarket_entry(s, a))
                    .collect::<Vec<_>>();
                // The merchant id travels in the campaign field.
                let merchant = Some(m.merchant_id).filter(|id| *id > 0);
                (
                    Marketplace::MegaMarket,
                    merchant,
                    views(m.triggers)?,
                    entries,
                )
            }
            _ => return Err(not_marketplace()),
        };
        Ok(proto::MarketplaceTriggers {
            campaign_id,
            business_id,
            warehouse_id,
            triggers,
            models: self
                .store
                .market_models(id)?
                .unwrap_or_else(|| market.models()),
            all_models: market.models(),
            slots: market.view(&entries),
        })
    }

    /// Saves the trigger map (and Yandex Market's campaign id, and the fulfilment models),
    /// administrators only. Every stage must exist, every action must be one the marketplace
    /// has in the chosen models, a cancellation needs a reason from its list, a stage fires
    /// one action; nothing is saved otherwise. The change is an op in the shop's history.
    pub fn set_marketplace_triggers(
        &self,
        connection_id: &str,
        new: proto::MarketplaceTriggers,
        now: Timestamp,
    ) -> Result<proto::MarketplaceTriggers, DeskError> {
        if let Some(hub) = self.connectors_for(crate::ChannelTask::Administer)? {
            let path = format!("/v1/channels/{}/triggers", parse_id(connection_id)?);
            return hub.send(reqwest::Method::PUT, &path, &new);
        }
        self.set_marketplace_triggers_by(connection_id, new, now, self.actor())
    }

    /// [`Desk::set_marketplace_triggers`] on behalf of `actor`: the hub's connector worker
    /// saves as the team member who asked (and whose role the hub checked), so the shop's
    /// history names them, not the worker.
    pub fn set_marketplace_triggers_by(
        &self,
        connection_id: &str,
        new: proto::MarketplaceTriggers,
        now: Timestamp,
        actor: domain::Actor,
    ) -> Result<proto::MarketplaceTriggers, DeskError> {
        self.writable()?;
        if actor.role != Role::Admin {
            return Err(DeskError::AdminOnly(proto::AdminTask::MarketplaceActions));
        }
        let id = parse_id(connection_id)?;
        let mut c = self.channels.connection(id)?;
        let before = self.marketplace_triggers(connection_id)?;
        let workflow = self.store.workflow()?;
        let models = if new.models.is_empty() {
            before.models.clone()
        } else {
            new.models.clone()
        };
        let market = apply(&mut c, &new, &workflow, &models)?;
        crate::market_setup::apply_edit(&mut c, &new)?;
        let (triggers, campaign) = match c.kind {
            Kind::Ozon => (
                views(c.settings.ozon.clone().unwrap_or_default().triggers)?,
                None,
            ),
            Kind::MegaMarket => {
                let m = c.settings.megamarket.clone().unwrap_or_default();
                (views(m.triggers)?, Some(m.merchant_id).filter(|id| *id > 0))
            }
            _ => {
                let y = c.settings.yandex.clone().unwrap_or_default();
                (views(y.triggers)?, Some(y.campaign_id).filter(|id| *id > 0))
            }
        };
        let op = store::ShopOp {
            id: Uuid::now_v7(),
            actor,
            at: now,
            kind: "set_marketplace_triggers".into(),
            payload: json!({
                "connection_id": connection_id,
                "connection": c.name,
                "market": format!("{market:?}"),
            })
            .to_string(),
            before: Some(snapshot(
                &before.triggers,
                &before.models,
                before.campaign_id,
                (before.business_id, before.warehouse_id),
            )),
            after: Some(snapshot(
                &triggers,
                &models,
                campaign,
                crate::market_setup::shown(&c),
            )),
        };
        self.channels.save_settings_logged(&c, Some(models), op)?;
        self.marketplace_triggers(connection_id)
    }
}

/// Checks the new map and puts it into the connection's settings.
fn apply(
    c: &mut Connection,
    new: &proto::MarketplaceTriggers,
    workflow: &domain::Workflow,
    models: &[String],
) -> Result<Marketplace, DeskError> {
    match c.kind {
        Kind::Ozon => {
            let (entries, map) = ozon_map(new)?;
            Marketplace::Ozon.check(workflow, models, &entries)?;
            let mut s = c.settings.ozon.take().unwrap_or_default();
            s.triggers = map;
            c.settings.ozon = Some(s);
            Ok(Marketplace::Ozon)
        }
        Kind::YandexMarket => {
            let (entries, map) = yandex_map(new)?;
            Marketplace::Yandex.check(workflow, models, &entries)?;
            let mut s = c.settings.yandex.take().unwrap_or_default();
            s.triggers = map;
            if let Some(id) = new.campaign_id {
                if id <= 0 {
                    return Err(proto::InputProblem::NotPositive {
                        number: proto::MarketNumber::Campaign,
                        id,
                    }
                    .into());
                }
                s.campaign_id = id;
            }
            c.settings.yandex = Some(s);
            Ok(Marketplace::Yandex)
        }
        Kind::MegaMarket => {
            let mut s = c.settings.megamarket.take().unwrap_or_default();
            let boxes = s
                .triggers
                .values()
                .find_map(|a| match a {
                    MegaMarketAction::Packing { boxes } => Some(*boxes),
                    _ => None,
                })
                .unwrap_or(1);
            let (entries, map) = megamarket_map(new, boxes)?;
            Marketplace::MegaMarket.check(workflow, models, &entries)?;
            s.triggers = map;
            if let Some(id) = new.campaign_id {
                if id <= 0 {
                    return Err(proto::InputProblem::NotPositive {
                        number: proto::MarketNumber::Seller,
                        id,
                    }
                    .into());
                }
                s.merchant_id = id;
            }
            c.settings.megamarket = Some(s);
            Ok(Marketplace::MegaMarket)
        }
        _ => Err(not_marketplace()),
    }
}

/// The map as the history keeps it, before and after.
/// `setup`: the Yandex business and the Ozon warehouse, so the history shows their changes too.
fn snapshot(
    triggers: &[proto::TriggerView],
    models: &[String],
    campaign: Option<i64>,
    setup: (Option<i64>, Option<i64>),
) -> String {
    let map: BTreeMap<&str, serde_json::Value> = triggers
        .iter()
        .map(|t| {
            let action = serde_json::from_str(&t.action).unwrap_or(json!(t.action));
            (t.stage_id.as_str(), action)
        })
        .collect();
    json!({ "triggers": map, "models": models, "campaign_id": campaign,
            "business_id": setup.0, "warehouse_id": setup.1 })
    .to_string()
}
