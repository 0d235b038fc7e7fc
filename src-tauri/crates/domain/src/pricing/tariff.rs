use serde::{Deserialize, Serialize};

use crate::methods::DeliveryMethod;
use crate::money::Kopecks;

/// What delivery costs for one method in one zone. A tariff without a zone applies wherever
/// no zone-specific tariff of the same method exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tariff {
    pub method: DeliveryMethod,
    pub zone: Option<String>,
    pub cost: Kopecks,
    /// Goods (after discounts) from this amount up ship free.
    pub free_from: Option<Kopecks>,
}

/// A shop's delivery tariffs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tariffs(pub Vec<Tariff>);

impl Tariffs {
    /// The tariff for this method and zone: the zone's own if any, else the method's default.
    pub fn find(&self, method: DeliveryMethod, zone: Option<&str>) -> Option<&Tariff> {
        let of_method = || self.0.iter().filter(move |t| t.method == method);
        of_method()
            .find(|t| zone.is_some() && t.zone.as_deref() == zone)
            .or_else(|| of_method().find(|t| t.zone.is_none()))
    }

    /// Delivery cost for goods worth `goods`; `None` when the shop has no tariff for it.
    pub fn cost(
        &self,
        method: DeliveryMethod,
        zone: Option<&str>,
        goods: Kopecks,
    ) -> Option<Kopecks> {
        let tariff = self.find(method, zone)?;
        Some(match tariff.free_from {
            Some(threshold) if goods >= threshold => Kopecks::ZERO,
            _ => tariff.cost,
        })
    }

    /// The tariffs a new shop starts with (those of the demo shop): courier in Moscow 350 ₽,
    /// elsewhere 590 ₽, both free from 5 000 ₽; post 450 ₽; pickup and marketplace free.
    pub fn default_template() -> Tariffs {
        let t = |method, zone: Option<&str>, rubles, free_from: Option<i64>| Tariff {
            method,
            zone: zone.map(str::to_owned),
            cost: Kopecks::rubles(rubles),
            free_from: free_from.map(Kopecks::rubles),
        };
        Tariffs(vec![
            t(DeliveryMethod::Courier, Some("moscow"), 350, Some(5_000)),
            t(DeliveryMethod::Courier, None, 590, Some(5_000)),
            t(DeliveryMethod::Post, None, 450, None),
            t(DeliveryMethod::Pickup, None, 0, None),
            t(DeliveryMethod::MarketplaceLogistics, None, 0, None),
        ])
    }
}
