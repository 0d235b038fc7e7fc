//! A site connection's delivery map: each of the site's delivery methods mapped to one of the
//! shop's, as the admin edits it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{ChannelErrorView, DeliveryMethod};

/// The site's methods with the map as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryMapView {
    pub connection_id: String,
    /// What an order whose method is not mapped gets.
    pub default_delivery: DeliveryMethod,
    /// Sorted by key: the site's own list, the methods its orders carried, and the keys the
    /// map holds.
    pub methods: Vec<SiteDeliveryMethod>,
    /// The site's own list could not be read (the rest is still shown): why.
    #[serde(default)]
    pub site_error: Option<ChannelErrorView>,
}

/// One of the site's delivery methods.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteDeliveryMethod {
    /// The shipping line's `method_id` (`flat_rate`, a plugin's id), or
    /// `method_id:instance_id` for one instance of a shipping zone (`flat_rate:3`).
    pub key: String,
    /// The site's name for it (its list's title, else the last order's line title).
    pub title: String,
    /// Named by the site's list of methods (`GET shipping_methods`).
    pub on_site: bool,
    /// The site's id of the last order seen with it; `None`: no order brought it yet.
    pub last_order: Option<String>,
    /// The admin's choice for this very key.
    pub mapped: Option<DeliveryMethod>,
    /// What the next order with it gets: its own mapping, else its `method_id`'s, else the
    /// default.
    pub effective: DeliveryMethod,
    /// The key whose mapping applies when it has none of its own (`flat_rate` for
    /// `flat_rate:3`).
    pub via: Option<String>,
    /// Neither it nor its `method_id` is mapped: orders get the default.
    pub unmapped: bool,
}

/// The admin's new map: it replaces the old one whole (a key left out is unmapped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryMapEdit {
    pub default_delivery: DeliveryMethod,
    pub map: BTreeMap<String, DeliveryMethod>,
}
