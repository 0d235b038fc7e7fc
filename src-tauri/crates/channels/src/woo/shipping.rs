//! The site's delivery methods and which of ours an order's shipping line gets: the admin maps
//! each of the site's methods (a plugin's id, or one instance of a shipping zone) to one of the
//! shop's in the connection's settings.

use domain::DeliveryMethod;
use serde::Deserialize;

use super::model::ShippingLine;
use crate::config::Settings;

/// One method of the site's own list, `GET shipping_methods` (`{id, title, description}`).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SiteMethod {
    pub id: String,
    #[serde(default)]
    pub title: String,
}

/// The key a shipping line is mapped by: `method_id`, or `method_id:instance_id` when the line
/// names an instance of a shipping zone (two flat rates of one site are two instances).
pub fn line_key(line: &ShippingLine) -> Option<String> {
    let id = line.method_id.trim();
    if id.is_empty() {
        return None;
    }
    // WooCommerce writes the instance as a string ("3", "" when there is none); a plugin may
    // write a number.
    let instance = match &line.instance_id {
        serde_json::Value::String(s) => s.trim().to_owned(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => String::new(),
    };
    Some(if instance.is_empty() || instance == "0" {
        id.to_owned()
    } else {
        format!("{id}:{instance}")
    })
}

/// How a key is mapped now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mapped<'a> {
    pub delivery: DeliveryMethod,
    /// The admin's choice for this very key.
    pub own: Option<DeliveryMethod>,
    /// The key whose mapping applies instead (its `method_id` for an instance).
    pub via: Option<&'a str>,
}

impl Mapped<'_> {
    /// Neither the key nor its `method_id` is mapped: the default applies.
    pub fn unmapped(&self) -> bool {
        self.own.is_none() && self.via.is_none()
    }
}

/// Our delivery method for a site method key: its own mapping, else its `method_id`'s, else
/// the connection's default.
pub fn mapped<'k>(settings: &Settings, key: &'k str) -> Mapped<'k> {
    let own = settings.delivery.get(key).copied();
    let base = key.split_once(':').map(|(id, _)| id);
    let via = base.filter(|b| own.is_none() && settings.delivery.contains_key(*b));
    let delivery = own
        .or_else(|| via.and_then(|b| settings.delivery.get(b).copied()))
        .unwrap_or(settings.default_delivery);
    Mapped { delivery, own, via }
}

/// Our delivery method for an order's first shipping line (none: the default).
pub fn delivery_for(settings: &Settings, line: Option<&ShippingLine>) -> DeliveryMethod {
    match line.and_then(line_key) {
        Some(key) => mapped(settings, &key).delivery,
        None => settings.default_delivery,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: &str, instance: serde_json::Value) -> ShippingLine {
        ShippingLine {
            method_id: id.into(),
            instance_id: instance,
            ..ShippingLine::default()
        }
    }

    #[test]
    fn an_instance_takes_its_own_mapping_then_its_methods_then_the_default() {
        let mut settings = Settings::default();
        settings.delivery.clear();
        settings
            .delivery
            .insert("flat_rate".into(), DeliveryMethod::Courier);
        settings
            .delivery
            .insert("flat_rate:7".into(), DeliveryMethod::Pickup);
        settings.default_delivery = DeliveryMethod::Post;
        let key = |id, i| line_key(&line(id, i)).expect("a key");
        assert_eq!(key("flat_rate", "7".into()), "flat_rate:7");
        assert_eq!(key("flat_rate", 3.into()), "flat_rate:3");
        assert_eq!(key("cdek", "".into()), "cdek");
        assert_eq!(key("cdek", serde_json::Value::Null), "cdek");
        assert_eq!(line_key(&line(" ", "1".into())), None);

        let own = mapped(&settings, "flat_rate:7");
        assert_eq!(
            (own.delivery, own.own, own.via),
            (DeliveryMethod::Pickup, Some(DeliveryMethod::Pickup), None)
        );
        let via = mapped(&settings, "flat_rate:3");
        assert_eq!(
            (via.delivery, via.via),
            (DeliveryMethod::Courier, Some("flat_rate"))
        );
        assert!(!via.unmapped());
        let none = mapped(&settings, "boxberry");
        assert_eq!(none.delivery, DeliveryMethod::Post);
        assert!(none.unmapped());
        assert_eq!(delivery_for(&settings, None), DeliveryMethod::Post);
        assert_eq!(
            delivery_for(&settings, Some(&line("flat_rate", "7".into()))),
            DeliveryMethod::Pickup
        );
    }
}
