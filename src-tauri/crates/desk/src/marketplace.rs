//! The marketplace trigger editor: which of our stages makes which Ozon / Yandex Market call.

use channels::config::Kind;
use channels::ozon::{OzonAction, OzonSettings};
use channels::yandex::{YandexAction, YandexSettings};
use jiff::Timestamp;
use serde::Serialize;
use uuid::Uuid;

use crate::{Desk, DeskError};

fn parse_id(id: &str) -> Result<Uuid, DeskError> {
    Uuid::parse_str(id).map_err(|_| DeskError::InvalidInput(format!("connection id {id:?}")))
}

fn views<A: Serialize>(
    triggers: impl IntoIterator<Item = (String, A)>,
) -> Result<Vec<proto::TriggerView>, DeskError> {
    triggers
        .into_iter()
        .map(|(stage_id, a)| {
            let action = serde_json::to_string(&a)
                .map_err(|e| DeskError::InvalidInput(format!("action: {e}")))?;
            Ok(proto::TriggerView { stage_id, action })
        })
        .collect()
}

fn parse_action<A: serde::de::DeserializeOwned>(t: &proto::TriggerView) -> Result<A, DeskError> {
    serde_json::from_str(&t.action)
        .map_err(|e| DeskError::InvalidInput(format!("действие для этапа {}: {e}", t.stage_id)))
}

impl Desk {
    pub fn marketplace_triggers(
        &self,
        connection_id: &str,
    ) -> Result<proto::MarketplaceTriggers, DeskError> {
        let c = self.channels.connection(parse_id(connection_id)?)?;
        match c.kind {
            Kind::Ozon => Ok(proto::MarketplaceTriggers {
                campaign_id: None,
                triggers: views(c.settings.ozon.unwrap_or_default().triggers)?,
            }),
            Kind::YandexMarket => {
                let y = c.settings.yandex.unwrap_or_default();
                Ok(proto::MarketplaceTriggers {
                    campaign_id: Some(y.campaign_id).filter(|id| *id > 0),
                    triggers: views(y.triggers)?,
                })
            }
            _ => Err(DeskError::InvalidInput(
                "у этого подключения нет действий маркетплейса".into(),
            )),
        }
    }

    /// Saves the trigger map (and Yandex Market's campaign id). Every stage must exist and
    /// every action must be one the marketplace knows; nothing is saved otherwise.
    pub fn set_marketplace_triggers(
        &self,
        connection_id: &str,
        new: proto::MarketplaceTriggers,
        now: Timestamp,
    ) -> Result<proto::MarketplaceTriggers, DeskError> {
        let mut c = self.channels.connection(parse_id(connection_id)?)?;
        let workflow = self.store.workflow()?;
        if let Some(t) = new
            .triggers
            .iter()
            .find(|t| workflow.stage(&t.stage_id).is_none())
        {
            return Err(DeskError::StageNotFound(t.stage_id.clone()));
        }
        match c.kind {
            Kind::Ozon => {
                let mut s = c.settings.ozon.take().unwrap_or_else(OzonSettings::default);
                s.triggers = new
                    .triggers
                    .iter()
                    .map(|t| Ok((t.stage_id.clone(), parse_action::<OzonAction>(t)?)))
                    .collect::<Result<_, DeskError>>()?;
                c.settings.ozon = Some(s);
            }
            Kind::YandexMarket => {
                let mut s = c
                    .settings
                    .yandex
                    .take()
                    .unwrap_or_else(YandexSettings::default);
                s.triggers = new
                    .triggers
                    .iter()
                    .map(|t| Ok((t.stage_id.clone(), parse_action::<YandexAction>(t)?)))
                    .collect::<Result<_, DeskError>>()?;
                if let Some(id) = new.campaign_id {
                    if id <= 0 {
                        return Err(DeskError::InvalidInput(format!("кампания {id}")));
                    }
                    s.campaign_id = id;
                }
                c.settings.yandex = Some(s);
            }
            _ => {
                return Err(DeskError::InvalidInput(
                    "у этого подключения нет действий маркетплейса".into(),
                ))
            }
        }
        self.channels.save_connection(&c, now)?;
        self.marketplace_triggers(connection_id)
    }
}
