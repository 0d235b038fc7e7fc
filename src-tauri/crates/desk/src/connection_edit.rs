//! Editing a saved connection: its name, address, keys (never shown back) and the certificate
//! it trusts, written with its op; and testing such an edit before it is saved. In a team the
//! hub's worker holds the connections, so both go there.

use channels::config::{Connection, Kind};
use channels::tls::{Trust, TrustKind};
use channels::Credentials;
use domain::{Actor, Role};
use jiff::Timestamp;
use serde_json::json;
use uuid::Uuid;

use crate::{Desk, DeskError};

fn parse_id(id: &str) -> Result<Uuid, DeskError> {
    Uuid::parse_str(id)
        .map_err(|_| DeskError::Input(proto::InputProblem::ConnectionId { id: id.to_owned() }))
}

/// The certificate a form gives, checked: a text that holds no certificate is refused here,
/// not at the first sync.
pub(crate) fn trust_from(input: Option<&proto::TrustInput>) -> Result<Option<Trust>, DeskError> {
    let Some(input) = input else {
        return Ok(None);
    };
    let trust = Trust {
        kind: if input.pinned {
            TrustKind::Pinned
        } else {
            TrustKind::Ca
        },
        pem: input.pem.trim().to_owned(),
    };
    trust.check().map_err(|e| match e {
        channels::ChannelError::Config(why) => {
            DeskError::Input(proto::InputProblem::CertificateRefused { why })
        }
        other => DeskError::Channel(other),
    })?;
    Ok(Some(trust))
}

/// The certificate as the card shows it.
pub(crate) fn trust_view(trust: Option<&Trust>) -> Option<proto::TrustView> {
    let trust = trust?;
    Some(proto::TrustView {
        pinned: trust.kind == TrustKind::Pinned,
        fingerprint: trust.check().ok()?,
        pem: trust.pem.clone(),
    })
}

/// `before` with the edit applied, and the new keys if any; refused with every reason in the
/// admin's words.
fn edited(
    before: &Connection,
    edit: &proto::ConnectionEdit,
) -> Result<(Connection, Option<Credentials>), DeskError> {
    let mut after = before.clone();
    let name = edit.name.trim();
    if name.is_empty() {
        return Err(proto::InputProblem::ConnectionNameEmpty.into());
    }
    after.name = name.to_owned();
    after.base_url = edit.base_url.trim().to_owned();
    if before.kind == Kind::WooCommerce {
        let ok = reqwest::Url::parse(&after.base_url)
            .is_ok_and(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some());
        if !ok {
            return Err(proto::InputProblem::NotSiteAddress {
                url: after.base_url.clone(),
            }
            .into());
        }
    }
    after.settings.trust = match &edit.trust {
        proto::TrustEdit::Keep => before.settings.trust.clone(),
        proto::TrustEdit::Remove => None,
        proto::TrustEdit::Set(input) => trust_from(Some(input))?,
    };
    let keys = match &edit.keys {
        None => None,
        Some(k) if k.secret.trim().is_empty() => {
            return Err(proto::InputProblem::EmptySecret.into())
        }
        Some(k) => Some(Credentials {
            key: k.key.trim().to_owned(),
            secret: channels::Secret::new(k.secret.trim()),
        }),
    };
    Ok((after, keys))
}

/// What the history keeps of a connection: never a key, only whether the keys changed.
fn snapshot(c: &Connection, keys_changed: bool) -> String {
    json!({
        "name": c.name,
        "base_url": c.base_url,
        "certificate": c.settings.trust.as_ref().map(|t| json!({
            "pinned": t.kind == TrustKind::Pinned,
            "sha256": t.check().ok(),
        })),
        "keys": if keys_changed { "заменены" } else { "прежние" },
    })
    .to_string()
}

impl Desk {
    /// Changes a saved connection's name, address, keys or certificate; orders it brought
    /// stay linked to it (its id does not change).
    pub fn edit_connection(
        &self,
        connection_id: &str,
        edit: proto::ConnectionEdit,
        now: Timestamp,
    ) -> Result<proto::ChannelView, DeskError> {
        if let Some(hub) = self.connectors_for(crate::ChannelTask::Administer)? {
            let path = format!("/v1/channels/{}", parse_id(connection_id)?);
            return hub.send(reqwest::Method::PUT, &path, &edit);
        }
        self.edit_connection_by(connection_id, edit, now, self.actor())
    }

    /// [`Desk::edit_connection`] on behalf of `actor` (the hub's worker saves as the admin
    /// who asked).
    pub fn edit_connection_by(
        &self,
        connection_id: &str,
        edit: proto::ConnectionEdit,
        now: Timestamp,
        actor: Actor,
    ) -> Result<proto::ChannelView, DeskError> {
        self.writable()?;
        if actor.role != Role::Admin {
            return Err(DeskError::AdminOnly(proto::AdminTask::Connections));
        }
        let id = parse_id(connection_id)?;
        let before = self.channels.connection(id)?;
        let (after, keys) = edited(&before, &edit)?;
        let op = store::ShopOp {
            id: Uuid::now_v7(),
            actor,
            at: now,
            kind: store::EDIT_CONNECTION.into(),
            payload: json!({ "connection_id": connection_id, "connection": after.name })
                .to_string(),
            before: Some(snapshot(&before, false)),
            after: Some(snapshot(&after, keys.is_some())),
        };
        self.channels
            .edit_connection_logged(&after, keys.as_ref(), op)?;
        self.channel_view(self.channels.connection(id)?)
    }

    /// "Test connection" on an edit before it is saved: the typed address, certificate and
    /// keys (the stored keys when none were typed).
    pub async fn channel_test_edit(
        &self,
        connection_id: &str,
        edit: proto::ConnectionEdit,
        now: Timestamp,
    ) -> Result<proto::ChannelTestResult, DeskError> {
        if let Some(hub) = self.connectors_for(crate::ChannelTask::Administer)? {
            let path = format!("/v1/channels/{}/test", parse_id(connection_id)?);
            return hub.call(reqwest::Method::POST, &path, Some(&edit)).await;
        }
        let id = parse_id(connection_id)?;
        let before = self.channels.connection(id)?;
        let (after, keys) = edited(&before, &edit)?;
        let result = self.channels.probe_edited(&after, keys.clone(), now).await;
        let answer = crate::pushes::answer(&after, result);
        Ok(crate::pushes::scrubbed(answer, |text| match &keys {
            Some(k) => channels::scrub(text, k),
            None => self.channels.scrub_secrets(id, text),
        }))
    }
}

/// The SHA-256 fingerprint of a certificate's PEM text (its first certificate), `AB:CD:…`.
pub fn certificate_fingerprint(pem: &str) -> Result<String, DeskError> {
    channels::tls::pem_fingerprint(pem).map_err(|e| match e {
        channels::ChannelError::Config(why) => {
            DeskError::Input(proto::InputProblem::CertificateUnreadable { why })
        }
        other => DeskError::Channel(other),
    })
}

impl Desk {
    /// «Получить сертификат сайта»: the certificate the site at `base_url` presents, fetched
    /// without trusting it, for the admin to compare before pinning; nothing is saved. In a
    /// team the hub fetches it, from where its worker will connect and with its address check.
    pub async fn site_certificate(
        &self,
        base_url: &str,
        now: Timestamp,
    ) -> Result<proto::SiteCertificate, DeskError> {
        if let Some(hub) = self.connectors_for(crate::ChannelTask::Administer)? {
            let ask = proto::SiteCertificateRequest {
                base_url: base_url.to_owned(),
            };
            let path = "/v1/channels/certificate";
            return match hub.call(reqwest::Method::POST, path, Some(&ask)).await {
                // The hub's words for a refused address or a site that showed nothing.
                Err(DeskError::InvalidInput(why)) => Err(DeskError::SiteCertificate(
                    channels::ChannelError::Config(why),
                )),
                Err(DeskError::Channel(channels::ChannelError::Refused {
                    status: 403, ..
                })) => Err(DeskError::AdminOnly(proto::AdminTask::SiteCertificate)),
                Err(DeskError::Channel(channels::ChannelError::Refused { message, .. })) => Err(
                    DeskError::SiteCertificate(channels::ChannelError::Network(message)),
                ),
                other => other,
            };
        }
        // A hub's worker reaches only public addresses, checked again as it connects.
        let public_only = self.channels.refuses_private_addresses_now();
        let c = channels::site_certificate::fetch(base_url, public_only)
            .await
            .map_err(DeskError::SiteCertificate)?;
        Ok(proto::SiteCertificate {
            out_of_date: now < c.not_before || now > c.not_after,
            subject: c.subject,
            issuer: c.issuer,
            not_before: c.not_before.as_millisecond(),
            not_after: c.not_after.as_millisecond(),
            fingerprint: c.fingerprint,
            pem: c.pem,
            chain_length: u32::try_from(c.chain_length).unwrap_or(u32::MAX),
        })
    }
}
