//! The site connection's delivery map: the site's delivery methods (its own list and the ones
//! its orders carried), each mapped by the admin to one of the shop's. A change applies to the
//! orders imported after it; an order already in keeps its delivery. In a team the connection
//! lives on the hub's worker, so both use cases ask it.

use std::collections::{BTreeMap, BTreeSet};

use channels::config::{Connection, Kind};
use channels::woo::shipping::{self, SiteMethod};
use channels::ChannelError;
use domain::{DeliveryMethod, Role};
use jiff::Timestamp;
use proto::DeliveryMapProblem;
use serde_json::json;
use uuid::Uuid;

use crate::convert::to_delivery;
use crate::view::delivery as delivery_view;
use crate::{Desk, DeskError};

/// A site's method ids are short (`flat_rate:3`, a plugin's slug); anything longer is not one.
const MAX_KEY: usize = 120;

fn parse_id(id: &str) -> Result<Uuid, DeskError> {
    Uuid::parse_str(id)
        .map_err(|_| DeskError::Input(proto::InputProblem::ConnectionId { id: id.to_owned() }))
}

fn site_connection(desk: &Desk, id: Uuid) -> Result<Connection, DeskError> {
    let c = desk.channels.connection(id)?;
    if c.kind != Kind::WooCommerce {
        return Err(proto::InputProblem::DeliveryMapSiteOnly.into());
    }
    Ok(c)
}

impl Desk {
    /// The site's delivery methods with the map as it is now. The site's own list is read
    /// live; when it cannot be, the methods its orders carried and the map are still shown,
    /// with the reason.
    pub async fn delivery_map(
        &self,
        connection_id: &str,
    ) -> Result<proto::DeliveryMapView, DeskError> {
        let id = parse_id(connection_id)?;
        if let Some(hub) = self.connectors_for(crate::ChannelTask::Administer)? {
            let path = format!("/v1/channels/{id}/delivery");
            return hub.call(reqwest::Method::GET, &path, None::<&()>).await;
        }
        let c = site_connection(self, id)?;
        let site = self.channels.site_shipping_methods(id).await;
        if let Err(e) = &site {
            tracing::warn!(connection = %id, err = %e, "the site's delivery methods not read");
        }
        let seen = self.store.shipping_seen(id)?;
        Ok(map_view(&c, site, seen))
    }

    /// Saves the admin's map (it replaces the old one whole) and the default, as an op in
    /// the shop's history. Administrators only.
    pub fn set_delivery_map(
        &self,
        connection_id: &str,
        edit: proto::DeliveryMapEdit,
        now: Timestamp,
    ) -> Result<(), DeskError> {
        if let Some(hub) = self.connectors_for(crate::ChannelTask::Administer)? {
            let path = format!("/v1/channels/{}/delivery", parse_id(connection_id)?);
            return hub.send(reqwest::Method::PUT, &path, &edit);
        }
        self.set_delivery_map_by(connection_id, edit, now, self.actor())
    }

    /// [`Desk::set_delivery_map`] on behalf of `actor` (the hub's worker saves as the admin
    /// who asked, whose role the hub checked).
    pub fn set_delivery_map_by(
        &self,
        connection_id: &str,
        edit: proto::DeliveryMapEdit,
        now: Timestamp,
        actor: domain::Actor,
    ) -> Result<(), DeskError> {
        self.writable()?;
        if actor.role != Role::Admin {
            return Err(DeskError::AdminOnly(proto::AdminTask::DeliveryMapping));
        }
        let id = parse_id(connection_id)?;
        let mut c = site_connection(self, id)?;
        let (map, default) = checked(edit)?;
        let before = snapshot(&c.settings.delivery, c.settings.default_delivery);
        c.settings.delivery = map;
        c.settings.default_delivery = default;
        let op = store::ShopOp {
            id: Uuid::now_v7(),
            actor,
            at: now,
            kind: store::SET_DELIVERY_MAP.into(),
            payload: json!({ "connection_id": connection_id, "connection": c.name }).to_string(),
            before: Some(before),
            after: Some(snapshot(&c.settings.delivery, c.settings.default_delivery)),
        };
        self.channels.save_settings_logged(&c, None, op)?;
        Ok(())
    }
}

/// The edit as the settings keep it; every reason it cannot be saved at once.
fn checked(
    edit: proto::DeliveryMapEdit,
) -> Result<(BTreeMap<String, DeliveryMethod>, DeliveryMethod), DeskError> {
    let mut problems = Vec::new();
    let mut map = BTreeMap::new();
    if edit.default_delivery == proto::DeliveryMethod::MarketplaceLogistics {
        problems.push(DeliveryMapProblem::MarketplaceByDefault);
    }
    for (key, method) in edit.map {
        let key = key.trim().to_owned();
        if key.is_empty() || key.len() > MAX_KEY || key.chars().any(char::is_whitespace) {
            problems.push(DeliveryMapProblem::NotAMethod { key });
            continue;
        }
        if method == proto::DeliveryMethod::MarketplaceLogistics {
            problems.push(DeliveryMapProblem::MarketplaceFor { key: key.clone() });
        }
        map.insert(key, to_delivery(method));
    }
    if !problems.is_empty() {
        return Err(proto::InputProblem::DeliveryMap { problems }.into());
    }
    Ok((map, to_delivery(edit.default_delivery)))
}

/// The map as the history keeps it, before and after.
fn snapshot(map: &BTreeMap<String, DeliveryMethod>, default: DeliveryMethod) -> String {
    let map: BTreeMap<&str, &str> = map.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    json!({ "map": map, "default": default.as_str() }).to_string()
}

/// Every key the admin may map: the site's list, what its orders carried, what the map holds.
fn map_view(
    c: &Connection,
    site: Result<Vec<SiteMethod>, ChannelError>,
    seen: Vec<store::ShippingSeen>,
) -> proto::DeliveryMapView {
    let (listed, site_error) = match site {
        Ok(list) => (list, None),
        Err(e) => (Vec::new(), Some(crate::channel_errors::error_view(&e))),
    };
    let site_titles: BTreeMap<&str, &str> = listed
        .iter()
        .map(|m| (m.id.as_str(), m.title.as_str()))
        .collect();
    let seen: BTreeMap<&str, &store::ShippingSeen> =
        seen.iter().map(|s| (s.method_key.as_str(), s)).collect();
    let keys: BTreeSet<&str> = site_titles
        .keys()
        .copied()
        .chain(seen.keys().copied())
        .chain(c.settings.delivery.keys().map(String::as_str))
        .collect();
    let settings = &c.settings;
    let methods = keys
        .into_iter()
        .map(|key| {
            let m = shipping::mapped(settings, key);
            let order = seen.get(key);
            // An order's line names the method as the customer saw it; the site's list uses
            // the plugin's own name.
            let title = order
                .map(|s| s.title.as_str())
                .or_else(|| site_titles.get(key).copied())
                .unwrap_or_default();
            proto::SiteDeliveryMethod {
                key: key.to_owned(),
                title: title.to_owned(),
                on_site: site_titles.contains_key(key),
                last_order: order.map(|s| s.last_order.clone()),
                mapped: m.own.map(delivery_view),
                effective: delivery_view(m.delivery),
                via: m.via.map(str::to_owned),
                unmapped: m.unmapped(),
            }
        })
        .collect();
    proto::DeliveryMapView {
        connection_id: c.id.to_string(),
        default_delivery: delivery_view(settings.default_delivery),
        methods,
        site_error,
    }
}
