//! What the admin does about the marketplace queue and connections: retry or dismiss a failed
//! push (each an op in the shop's history), and "test connection".

use channels::config::{Connection, Kind, Settings, StatusMap};
use channels::yandex::YandexSettings;
use channels::{ChannelError, Credentials, Secret};
use domain::Actor;
use jiff::Timestamp;
use serde_json::json;
use store::{PushChange, PushRow, ShopOp};
use uuid::Uuid;

use crate::channels::{kind, push_view};
use crate::{Desk, DeskError};

fn parse_push_id(id: &str) -> Result<Uuid, DeskError> {
    Uuid::parse_str(id)
        .map_err(|_| DeskError::Input(proto::InputProblem::PushId { id: id.to_owned() }))
}

fn payload(p: &PushRow, reason: Option<&str>) -> String {
    json!({
        "push_id": p.id.to_string(),
        "connection_id": p.connection_id.to_string(),
        "order_id": p.order_id.to_string(),
        "external_id": p.external_id,
        "stage_id": p.stage_id,
        "action": p.action,
        "reason": reason,
    })
    .to_string()
}

fn outcome(change: PushChange) -> Result<proto::PushView, DeskError> {
    match change {
        PushChange::Changed(p) => Ok(push_view(*p)),
        PushChange::NotFound => Err(proto::InputProblem::PushNotFound.into()),
        PushChange::NotFailed(state) => Err(proto::InputProblem::PushNotFailed {
            state: state.as_str().to_owned(),
        }
        .into()),
    }
}

fn shop_op(actor: Actor, kind: &str, payload: String, now: Timestamp) -> ShopOp {
    ShopOp {
        id: Uuid::now_v7(),
        actor,
        at: now,
        kind: kind.to_owned(),
        payload,
        before: None,
        after: None,
    }
}

impl Desk {
    /// Puts a failed marketplace action back in the queue, due now. On a team desk the hub's
    /// worker keeps the queue: the request goes there, and the worker makes the call at once.
    pub fn push_retry(&self, push_id: &str, now: Timestamp) -> Result<proto::PushView, DeskError> {
        if let Some(hub) = self.connectors_for(crate::ChannelTask::Run)? {
            let path = format!("/v1/pushes/{}/retry", parse_push_id(push_id)?);
            return hub.send(reqwest::Method::POST, &path, &());
        }
        self.push_retry_by(push_id, now, self.actor())
    }

    /// [`Desk::push_retry`] on behalf of `actor` (the hub's worker, for the member who asked);
    /// the next run of the connection makes the call.
    pub fn push_retry_by(
        &self,
        push_id: &str,
        now: Timestamp,
        actor: Actor,
    ) -> Result<proto::PushView, DeskError> {
        self.writable()?;
        let id = parse_push_id(push_id)?;
        let Some(push) = self.store.push(id)? else {
            return outcome(PushChange::NotFound);
        };
        let op = shop_op(actor, "push_retry", payload(&push, None), now);
        outcome(self.store.retry_push(id, op)?)
    }

    /// After «Повторить» on a desk working alone: runs the connection's orders job now, so
    /// the retried call goes out at once rather than at the next scheduled run, and returns
    /// the push as it then is. In a team the hub's worker already did this. A run that fails
    /// (offline, say) leaves the push pending for the next run, and the connection shows why.
    pub async fn send_retried(
        &self,
        retried: proto::PushView,
        now: Timestamp,
    ) -> Result<proto::PushView, DeskError> {
        if !self.runs_connectors()? {
            return Ok(retried);
        }
        let push = parse_push_id(&retried.id)?;
        let connection = Uuid::parse_str(&retried.connection_id).map_err(|_| {
            DeskError::Input(proto::InputProblem::ConnectionId {
                id: retried.connection_id.clone(),
            })
        })?;
        if let Err(e) = self.pull_orders_now(connection, now).await {
            tracing::warn!(%connection, error = %e, "the retried push waits for the next run");
        }
        Ok(self.store.push(push)?.map(push_view).unwrap_or(retried))
    }

    /// Gives up on a failed marketplace action: it stays in the queue's history, stopped, with
    /// who dismissed it and `reason`. On a team desk, through the hub.
    pub fn push_dismiss(
        &self,
        push_id: &str,
        reason: &str,
        now: Timestamp,
    ) -> Result<proto::PushView, DeskError> {
        if let Some(hub) = self.connectors_for(crate::ChannelTask::Run)? {
            let path = format!("/v1/pushes/{}/dismiss", parse_push_id(push_id)?);
            let body = proto::PushDismissal {
                reason: reason.to_owned(),
            };
            return hub.send(reqwest::Method::POST, &path, &body);
        }
        self.push_dismiss_by(push_id, reason, now, self.actor())
    }

    /// [`Desk::push_dismiss`] on behalf of `actor`.
    pub fn push_dismiss_by(
        &self,
        push_id: &str,
        reason: &str,
        now: Timestamp,
        actor: Actor,
    ) -> Result<proto::PushView, DeskError> {
        self.writable()?;
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(proto::InputProblem::PushNoReason.into());
        }
        let id = parse_push_id(push_id)?;
        let Some(push) = self.store.push(id)? else {
            return outcome(PushChange::NotFound);
        };
        let op = shop_op(actor, "push_dismiss", payload(&push, Some(reason)), now);
        outcome(self.store.dismiss_push(id, reason.to_owned(), op)?)
    }

    /// "Test connection" on a saved connection: one cheap authenticated read with its stored
    /// keys. A channel's refusal is an answer (`ok: false` and why), not an error.
    pub async fn channel_test(
        &self,
        connection_id: &str,
        now: Timestamp,
    ) -> Result<proto::ChannelTestResult, DeskError> {
        let id = Uuid::parse_str(connection_id).map_err(|_| proto::InputProblem::ConnectionId {
            id: connection_id.to_owned(),
        })?;
        // A team desk keeps no connections: the hub's worker tests with the keys it holds.
        if let Some(hub) = self.connectors_for(crate::ChannelTask::Administer)? {
            let path = format!("/v1/channels/{id}/test");
            return hub.call(reqwest::Method::POST, &path, None::<&()>).await;
        }
        let connection = self.channels.connection(id)?;
        let result = self.channels.probe(id, now).await;
        Ok(scrubbed(answer(&connection, result), |text| {
            self.channels.scrub_secrets(id, text)
        }))
    }

    /// "Test connection" in the add form, before anything is saved.
    pub async fn channel_test_new(
        &self,
        new: proto::NewConnection,
        now: Timestamp,
    ) -> Result<proto::ChannelTestResult, DeskError> {
        // In a team the hub runs the connectors: it tests from where it will call, and with
        // the same check of the address as its «Добавить».
        if let Some(hub) = self.connectors_for(crate::ChannelTask::Administer)? {
            return hub
                .call(reqwest::Method::POST, "/v1/channels/test", Some(&new))
                .await;
        }
        // Only what the probe reads: kind, address, and the settings a client needs.
        let kind = kind(new.kind);
        let connection = Connection {
            id: Uuid::now_v7(),
            kind,
            name: new.name.clone(),
            base_url: new.base_url.trim().to_owned(),
            settings: {
                let mut settings = Settings {
                    yandex: (kind == Kind::YandexMarket).then(YandexSettings::default),
                    ..Settings::default()
                };
                // The form's campaign and business: the probe reads through them.
                crate::market_setup::apply_setup(kind, &mut settings, &new.setup)?;
                settings.trust = crate::connection_edit::trust_from(new.trust.as_ref())?;
                settings
            },
            status_map: StatusMap::default(),
        };
        let credentials = Credentials {
            key: new.key.clone(),
            secret: Secret::new(new.secret.clone()),
        };
        let result = channels::probe(&connection, credentials.clone(), now).await;
        Ok(scrubbed(answer(&connection, result), |text| {
            channels::scrub(text, &credentials)
        }))
    }
}

/// `answer` with every text that could echo a key (the channel's own words, the address)
/// passed through `scrub`.
pub(crate) fn scrubbed(
    mut answer: proto::ChannelTestResult,
    scrub: impl Fn(String) -> String,
) -> proto::ChannelTestResult {
    use proto::{ChannelTestOutcome as O, TestProblem as P};
    let take = |text: &mut String| *text = scrub(std::mem::take(text));
    take(&mut answer.message);
    if let Some(O::Failed {
        address, problem, ..
    }) = &mut answer.outcome
    {
        take(address);
        match problem {
            P::Certificate { why: text }
            | P::Refused { message: text, .. }
            | P::Settings { detail: text }
            | P::Other { detail: text } => take(text),
            P::KeysRefused { .. }
            | P::RateLimited
            | P::Timeout
            | P::Unreachable
            | P::ServerError { .. }
            | P::NotThisSystem
            | P::NoKeys
            | P::Keyring
            | P::NoCampaign => {}
        }
    }
    answer
}

/// A test's outcome as data the window words (the caller blanks out the keys, in case the
/// channel echoed one back); `message` keeps its Russian wording for logs and older windows.
pub(crate) fn answer(c: &Connection, result: Result<(), ChannelError>) -> proto::ChannelTestResult {
    use proto::{ChannelTestOutcome as O, TestProblem as P};
    let kind = crate::channels::kind_view(c.kind);
    let problem = match &result {
        Ok(()) => None,
        Err(ChannelError::Unauthorized { status, .. }) => Some(P::KeysRefused { status: *status }),
        Err(ChannelError::RateLimited { .. }) => Some(P::RateLimited),
        Err(ChannelError::Timeout { .. }) => Some(P::Timeout),
        Err(ChannelError::Network(_)) => Some(P::Unreachable),
        // Named as the certificate, not the network: the fix is in the connection's settings.
        Err(ChannelError::Certificate(why)) => Some(P::Certificate { why: why.clone() }),
        Err(ChannelError::Server { status, .. }) => Some(P::ServerError { status: *status }),
        Err(ChannelError::Refused { status, message }) => Some(P::Refused {
            status: *status,
            message: message.clone(),
        }),
        Err(ChannelError::Malformed { .. }) => Some(P::NotThisSystem),
        Err(ChannelError::NoCredentials) => Some(P::NoKeys),
        Err(ChannelError::Keyring(_)) => Some(P::Keyring),
        Err(ChannelError::Config(m)) if m.contains("campaign") => Some(P::NoCampaign),
        Err(ChannelError::Config(m)) => Some(P::Settings { detail: m.clone() }),
        Err(e) => Some(P::Other {
            detail: e.to_string(),
        }),
    };
    let outcome = match problem {
        None if c.kind == Kind::CommerceMl => O::OneCConnectsItself,
        None => O::Works { kind },
        Some(problem) => O::Failed {
            kind,
            address: c.base_url.clone(),
            problem,
        },
    };
    let message = outcome.wording(proto::display::Lang::Ru);
    // Faults on the channel's side, not in the address or keys: an answer that pages
    // without end came from the right server with the keys accepted.
    let may_save_anyway = matches!(
        result,
        Err(ChannelError::RateLimited { .. }
            | ChannelError::Timeout { .. }
            | ChannelError::Server { .. }
            | ChannelError::EndlessPaging { .. })
    );
    proto::ChannelTestResult {
        ok: result.is_ok(),
        message,
        may_save_anyway,
        outcome: Some(outcome),
    }
}
