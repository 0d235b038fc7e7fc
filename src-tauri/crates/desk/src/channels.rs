//! The channels screen's use cases: connections (credentials to the OS keyring), status maps,
//! state, "sync now", and how channels know an order.

use channels::config::{Connection, Kind, Master, Settings, StatusMap, StatusRule};
use channels::{Credentials, Jobs, Secret};
use jiff::Timestamp;
use uuid::Uuid;

use crate::{parse_order_id, Desk, DeskError};

pub(crate) fn kind(k: proto::ChannelKind) -> Kind {
    match k {
        proto::ChannelKind::WooCommerce => Kind::WooCommerce,
        proto::ChannelKind::MoySklad => Kind::MoySklad,
        proto::ChannelKind::CommerceMl => Kind::CommerceMl,
        proto::ChannelKind::Ozon => Kind::Ozon,
        proto::ChannelKind::YandexMarket => Kind::YandexMarket,
        proto::ChannelKind::MegaMarket => Kind::MegaMarket,
    }
}

/// How the UI and the hub name a connection's kind.
pub fn kind_view(k: Kind) -> proto::ChannelKind {
    match k {
        Kind::WooCommerce => proto::ChannelKind::WooCommerce,
        Kind::MoySklad => proto::ChannelKind::MoySklad,
        Kind::CommerceMl => proto::ChannelKind::CommerceMl,
        Kind::Ozon => proto::ChannelKind::Ozon,
        Kind::YandexMarket => proto::ChannelKind::YandexMarket,
        Kind::MegaMarket => proto::ChannelKind::MegaMarket,
    }
}

fn ms(t: Option<Timestamp>) -> Option<proto::UnixMs> {
    t.map(|t| t.as_millisecond())
}

pub(crate) fn push_view(p: store::PushRow) -> proto::PushView {
    let dismissed = p.dismissed;
    let state = match (&dismissed, p.state) {
        (Some(_), _) => proto::PushState::Dismissed,
        (None, store::PushState::Pending) => proto::PushState::Pending,
        (None, store::PushState::Done) => proto::PushState::Done,
        (None, store::PushState::Failed) => proto::PushState::Failed,
        (None, store::PushState::Stopped) => proto::PushState::Stopped,
    };
    let slot = crate::market_slots::slot_of_action(&p.action);
    proto::PushView {
        id: p.id.to_string(),
        connection_id: p.connection_id.to_string(),
        external_id: p.external_id,
        order_id: p.order_id.to_string(),
        stage_id: p.stage_id,
        op_id: p.op_id.map(|id| id.to_string()),
        action: p.action,
        slot,
        state,
        attempts: p.attempts,
        next_at: p.next_at.as_millisecond(),
        last_error: p.last_error,
        error: crate::channel_errors::stored(p.last_error_code, p.last_error_params),
        created_at: p.created_at.as_millisecond(),
        finished_at: ms(p.finished_at),
        dismissed_by: dismissed.as_ref().map(|d| d.by.clone()),
        dismissed_reason: dismissed.as_ref().map(|d| d.reason.clone()),
        dismissed_at: dismissed.map(|d| d.at.as_millisecond()),
    }
}

fn parse_connection_id(id: &str) -> Result<Uuid, DeskError> {
    Uuid::parse_str(id)
        .map_err(|_| DeskError::Input(proto::InputProblem::ConnectionId { id: id.to_owned() }))
}

impl Desk {
    pub fn channels(&self) -> Result<Vec<proto::ChannelView>, DeskError> {
        if let Some(hub) = self.connectors_for(crate::ChannelTask::See)? {
            return hub.get("/v1/channels");
        }
        self.channels
            .connections()?
            .into_iter()
            .map(|c| self.channel_view(c))
            .collect()
    }

    pub(crate) fn channel_view(&self, c: Connection) -> Result<proto::ChannelView, DeskError> {
        let s = self.channels.state(c.id)?;
        Ok(proto::ChannelView {
            trust: crate::connection_edit::trust_view(c.settings.trust.as_ref()),
            id: c.id.to_string(),
            kind: kind_view(c.kind),
            name: c.name,
            base_url: c.base_url,
            orders_every_s: c.settings.schedule.orders_every_s,
            stock_every_s: c.settings.schedule.stock_every_s,
            rules: c
                .status_map
                .0
                .into_iter()
                .map(|r| proto::StatusRuleView {
                    channel_status: r.channel_status,
                    stage_id: r.stage_id,
                    channel_is_master: r.master == Master::Channel,
                })
                .collect(),
            state: proto::ChannelStateView {
                orders_synced_at: ms(s.orders_synced_at),
                stock_synced_at: ms(s.stock_synced_at),
                imported: s.imported,
                updated: s.updated,
                pushed: s.pushed,
                failures: s.failures,
                last_error: s.last_error,
                last_error_at: ms(s.last_error_at),
                paused_reason: s.paused_reason,
                error: crate::channel_errors::stored(s.last_error_code, s.last_error_params),
                paused: crate::channel_errors::stored(s.paused_code, s.paused_params),
            },
        })
    }

    /// Adds a connection with the kind's default status map and schedule; the key and secret
    /// go to the OS keyring.
    pub fn add_connection(
        &self,
        new: proto::NewConnection,
        now: Timestamp,
    ) -> Result<proto::ChannelView, DeskError> {
        if let Some(hub) = self.connectors_for(crate::ChannelTask::Administer)? {
            return hub.send(reqwest::Method::POST, "/v1/channels", &new);
        }
        if new.name.trim().is_empty() {
            return Err(proto::InputProblem::ConnectionNameMissing.into());
        }
        let kind = kind(new.kind);
        let status_map = match kind {
            Kind::WooCommerce => StatusMap::woo_default(),
            Kind::MoySklad => StatusMap::moysklad_default(),
            Kind::CommerceMl => StatusMap::default(),
            Kind::Ozon => StatusMap::ozon_default(),
            Kind::YandexMarket => StatusMap::yandex_default(),
            Kind::MegaMarket => StatusMap::megamarket_default(),
        };
        let mut settings = match kind {
            // Ozon's list takes up to 1000 postings a page; the triggers start from defaults.
            Kind::Ozon => Settings {
                page_size: 1000,
                ozon: Some(channels::ozon::OzonSettings::default()),
                ..Settings::default()
            },
            // The campaign (and business) id come from the form's setup; a sync without a
            // campaign reports the missing setting.
            Kind::YandexMarket => Settings {
                page_size: 50,
                yandex: Some(channels::yandex::YandexSettings::default()),
                ..Settings::default()
            },
            // The merchant id (box codes carry it) comes from the form's setup or the triggers.
            Kind::MegaMarket => Settings {
                megamarket: Some(channels::megamarket::MegaMarketSettings::default()),
                ..Settings::default()
            },
            _ => Settings::default(),
        };
        crate::market_setup::apply_setup(kind, &mut settings, &new.setup)?;
        settings.trust = crate::connection_edit::trust_from(new.trust.as_ref())?;
        let connection = Connection {
            id: Uuid::now_v7(),
            kind,
            name: new.name.trim().to_owned(),
            base_url: new.base_url.trim().to_owned(),
            settings,
            status_map,
        };
        let credentials = Credentials {
            key: new.key,
            secret: Secret::new(new.secret),
        };
        self.channels
            .add_connection(&connection, &credentials, now)?;
        self.channel_view(connection)
    }

    pub fn set_status_map(
        &self,
        connection_id: &str,
        rules: Vec<proto::StatusRuleView>,
    ) -> Result<proto::ChannelView, DeskError> {
        if let Some(hub) = self.connectors_for(crate::ChannelTask::Administer)? {
            let path = format!(
                "/v1/channels/{}/status-map",
                parse_connection_id(connection_id)?
            );
            return hub.send(reqwest::Method::PUT, &path, &rules);
        }
        let id = parse_connection_id(connection_id)?;
        let workflow = self.store.workflow()?;
        if let Some(r) = rules.iter().find(|r| workflow.stage(&r.stage_id).is_none()) {
            return Err(DeskError::StageNotFound(r.stage_id.clone()));
        }
        let map = StatusMap(
            rules
                .into_iter()
                .map(|r| StatusRule {
                    channel_status: r.channel_status,
                    stage_id: r.stage_id,
                    master: if r.channel_is_master {
                        Master::Channel
                    } else {
                        Master::Desk
                    },
                })
                .collect(),
        );
        self.channels.set_status_map(id, map)?;
        self.channel_view(self.channels.connection(id)?)
    }

    /// The marketplace push queue of a connection: pending, done, failed and stopped actions.
    pub fn channel_pushes(&self, connection_id: &str) -> Result<Vec<proto::PushView>, DeskError> {
        if let Some(hub) = self.connectors_for(crate::ChannelTask::See)? {
            return hub.get(&format!(
                "/v1/channels/{}/pushes",
                parse_connection_id(connection_id)?
            ));
        }
        let id = parse_connection_id(connection_id)?;
        Ok(self
            .channels
            .pushes(id)?
            .into_iter()
            .map(push_view)
            .collect())
    }

    /// The marketplace actions an order's stages triggered, for the order's card.
    pub fn order_pushes(&self, order_id: &str) -> Result<Vec<proto::PushView>, DeskError> {
        if let Some(hub) = self.connectors_for(crate::ChannelTask::See)? {
            let path = format!("/v1/orders/{}/pushes", parse_order_id(order_id)?);
            // The card opens offline too: what the hub's connectors know is secondary there.
            return Ok(hub.get(&path).unwrap_or_default());
        }
        let id = parse_order_id(order_id)?;
        Ok(self
            .store
            .order_pushes(id)?
            .into_iter()
            .map(push_view)
            .collect())
    }

    pub fn remove_connection(&self, connection_id: &str) -> Result<(), DeskError> {
        if let Some(hub) = self.connectors_for(crate::ChannelTask::Administer)? {
            let path = format!("/v1/channels/{}", parse_connection_id(connection_id)?);
            return hub.call_blocking::<(), ()>(reqwest::Method::DELETE, &path, None);
        }
        Ok(self
            .channels
            .remove_connection(parse_connection_id(connection_id)?)?)
    }

    /// Clears a pause after the keys were fixed.
    pub fn resume_connection(&self, connection_id: &str) -> Result<(), DeskError> {
        if let Some(hub) = self.connectors_for(crate::ChannelTask::Administer)? {
            let path = format!(
                "/v1/channels/{}/resume",
                parse_connection_id(connection_id)?
            );
            return hub.send(reqwest::Method::POST, &path, &());
        }
        Ok(self.channels.resume(parse_connection_id(connection_id)?)?)
    }

    /// "Sync now": orders and stock, whatever the schedule says.
    pub async fn sync_now(
        &self,
        connection_id: &str,
        now: Timestamp,
    ) -> Result<proto::SyncResult, DeskError> {
        if let Some(hub) = self.connectors_for(crate::ChannelTask::Run)? {
            let path = format!("/v1/channels/{}/sync", parse_connection_id(connection_id)?);
            return hub.call(reqwest::Method::POST, &path, Some(&())).await;
        }
        let id = parse_connection_id(connection_id)?;
        let r = self.channels.sync_now(id, Jobs::ALL, now).await?;
        Ok(proto::SyncResult {
            imported: r.imported,
            updated: r.updated,
            problems: r.problems,
            moved: r.moved,
            pushed: r.pushed,
            stale_skipped: r.stale_skipped,
            notes: r.notes,
            stock_pushed: r.stock_pushed,
            stock_missing: r.stock_missing,
            stock_pulled: r.stock_pulled,
            reconciled: r.reconciled,
            site_changes: r.site_changes,
            products_added: r.products_added,
        })
    }

    /// Whether this PC runs the shop's connectors: a desk working alone does; a team's desks
    /// never do — the hub runs them (`orderdesk-hub connector enable`), so the site and the
    /// marketplaces hear from one place, never from every PC at once.
    pub fn runs_connectors(&self) -> Result<bool, DeskError> {
        Ok(!self.store.is_joined()?)
    }

    /// The scheduler's tick (the shell calls it every minute when this desk runs the shop's
    /// connectors; the hub's worker likewise): runs whatever is due; failures are kept in
    /// each connection's state. The imports are pushed to the hub at once.
    pub async fn run_due_channels(&self, now: Timestamp) -> usize {
        let ran = self.channels.run_due(now).await.len();
        if ran > 0 {
            self.nudge_sync();
        }
        ran
    }

    pub fn order_channels(
        &self,
        order_id: &str,
    ) -> Result<Vec<proto::OrderChannelView>, DeskError> {
        if let Some(hub) = self.connectors_for(crate::ChannelTask::See)? {
            let id = parse_order_id(order_id)?;
            let path = format!("/v1/orders/{id}/channels");
            // The card opens offline too: then it shows the number the order came with.
            return match hub.get::<Vec<proto::OrderChannelView>>(&path) {
                Ok(known) if !known.is_empty() => Ok(known),
                _ => self.channel_numbers(id),
            };
        }
        let id = parse_order_id(order_id)?;
        let rows = self.store.order_channels(id)?;
        rows.into_iter()
            .map(|r| {
                let name = self
                    .channels
                    .connection(r.connection_id)
                    .map(|c| c.name)
                    .unwrap_or_default();
                Ok(proto::OrderChannelView {
                    connection_id: r.connection_id.to_string(),
                    connection_name: name,
                    external_id: r.external_id,
                    remote_status: r.remote_status,
                    flags: r
                        .flags
                        .iter()
                        .map(|f| proto::ChannelFlag::parse(f))
                        .collect(),
                })
            })
            .collect()
    }
}
