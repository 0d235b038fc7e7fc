//! The shop's «Доставка и оплата»: which delivery and payment methods a phone order may be
//! taken with, and what delivery costs by method and zone. Set by the administrator as one
//! shop op, so every PC of the team and its hub price orders alike.
//!
//! The kinds of method are the desk's own (courier, post, pickup, marketplace logistics;
//! cash, card to the courier, bank transfer, online, marketplace): routes and papers depend on
//! them. A shop's pickup points or a transport company's rates are zones of a method.

use serde::{Deserialize, Serialize};

use super::{Tariff, Tariffs};
use crate::methods::{DeliveryMethod, PaymentMethod};
use crate::money::Kopecks;

/// The most tariffs a shop keeps; more is a mistake, not a price list.
pub const MAX_TARIFFS: usize = 200;
/// The longest zone name, in characters.
pub const MAX_ZONE_CHARS: usize = 64;

pub const ALL_DELIVERY: [DeliveryMethod; 4] = [
    DeliveryMethod::Courier,
    DeliveryMethod::Post,
    DeliveryMethod::Pickup,
    DeliveryMethod::MarketplaceLogistics,
];
pub const ALL_PAYMENT: [PaymentMethod; 5] = [
    PaymentMethod::CashOnDelivery,
    PaymentMethod::CardOnDelivery,
    PaymentMethod::BankTransfer,
    PaymentMethod::Online,
    PaymentMethod::Marketplace,
];

/// The methods offered for an order taken at the desk. Channels' orders keep whatever the
/// channel says. Default (a shop from before the setting): every method.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offered {
    pub delivery: Vec<DeliveryMethod>,
    pub payment: Vec<PaymentMethod>,
}

impl Default for Offered {
    fn default() -> Self {
        Offered {
            delivery: ALL_DELIVERY.to_vec(),
            payment: ALL_PAYMENT.to_vec(),
        }
    }
}

impl Offered {
    pub fn delivers(&self, method: DeliveryMethod) -> bool {
        self.delivery.contains(&method)
    }

    pub fn takes(&self, method: PaymentMethod) -> bool {
        self.payment.contains(&method)
    }
}

/// The whole setting as the administrator saves it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeliveryPayment {
    pub tariffs: Tariffs,
    pub offered: Offered,
}

/// Why the setting was refused; Russian for the hub's log and reply, the desk words it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeliveryPaymentError {
    #[error("не выбран ни один способ доставки")]
    NoDelivery,
    #[error("не выбран ни один способ оплаты")]
    NoPayment,
    #[error("у способа доставки {0:?} нет тарифа без зоны: заказ вне зон не посчитать")]
    NoBaseTariff(DeliveryMethod),
    /// `row`: the tariff's place in the list given, from 0.
    #[error("строка {}: тариф {method:?} для зоны {zone:?} указан дважды", .row + 1)]
    Duplicate {
        row: usize,
        method: DeliveryMethod,
        zone: Option<String>,
    },
    #[error("строка {}: стоимость доставки меньше нуля", .row + 1)]
    Negative { row: usize },
    #[error("строка {}: название зоны длиннее {max} символов", .row + 1)]
    ZoneTooLong { row: usize, max: usize },
    #[error("тарифов больше {max}")]
    TooMany { max: usize },
}

impl DeliveryPayment {
    /// The setting as stored: zones trimmed (an empty one is the method's base tariff), each
    /// method listed once in the desk's order; refused with the first problem found.
    pub fn validated(&self) -> Result<DeliveryPayment, DeliveryPaymentError> {
        use DeliveryPaymentError as E;
        if self.tariffs.0.len() > MAX_TARIFFS {
            return Err(E::TooMany { max: MAX_TARIFFS });
        }
        let delivery: Vec<_> = ALL_DELIVERY
            .into_iter()
            .filter(|m| self.offered.delivers(*m))
            .collect();
        let payment: Vec<_> = ALL_PAYMENT
            .into_iter()
            .filter(|m| self.offered.takes(*m))
            .collect();
        if delivery.is_empty() {
            return Err(E::NoDelivery);
        }
        if payment.is_empty() {
            return Err(E::NoPayment);
        }
        let mut tariffs: Vec<Tariff> = Vec::with_capacity(self.tariffs.0.len());
        for (row, t) in self.tariffs.0.iter().enumerate() {
            let zone = t
                .zone
                .as_deref()
                .map(str::trim)
                .filter(|z| !z.is_empty())
                .map(str::to_owned);
            if zone
                .as_deref()
                .is_some_and(|z| z.chars().count() > MAX_ZONE_CHARS)
            {
                return Err(E::ZoneTooLong {
                    row,
                    max: MAX_ZONE_CHARS,
                });
            }
            let negative = t.cost < Kopecks::ZERO || t.free_from.is_some_and(|f| f < Kopecks::ZERO);
            if negative {
                return Err(E::Negative { row });
            }
            // Zones are told apart as people read them: «Москва» and «москва» are one.
            let same = |o: &Tariff| {
                o.method == t.method
                    && o.zone.as_deref().map(str::to_lowercase)
                        == zone.as_deref().map(str::to_lowercase)
            };
            if tariffs.iter().any(same) {
                return Err(E::Duplicate {
                    row,
                    method: t.method,
                    zone,
                });
            }
            tariffs.push(Tariff {
                method: t.method,
                zone,
                cost: t.cost,
                free_from: t.free_from,
            });
        }
        if let Some(m) = delivery
            .iter()
            .find(|m| !tariffs.iter().any(|t| t.method == **m && t.zone.is_none()))
        {
            return Err(E::NoBaseTariff(*m));
        }
        Ok(DeliveryPayment {
            tariffs: Tariffs(tariffs),
            offered: Offered { delivery, payment },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tariff(method: DeliveryMethod, zone: Option<&str>, rubles: i64) -> Tariff {
        Tariff {
            method,
            zone: zone.map(str::to_owned),
            cost: Kopecks::rubles(rubles),
            free_from: None,
        }
    }

    fn setting(tariffs: Vec<Tariff>, offered: Offered) -> DeliveryPayment {
        DeliveryPayment {
            tariffs: Tariffs(tariffs),
            offered,
        }
    }

    #[test]
    fn the_template_is_a_valid_setting() {
        let s = setting(Tariffs::default_template().0, Offered::default());
        assert_eq!(s.validated(), Ok(s.clone()));
    }

    #[test]
    fn zones_are_trimmed_and_methods_kept_in_the_desks_order() {
        let s = setting(
            vec![
                tariff(DeliveryMethod::Pickup, Some("  "), 0),
                tariff(DeliveryMethod::Courier, None, 390),
                tariff(DeliveryMethod::Courier, Some(" Химки "), 590),
            ],
            Offered {
                delivery: vec![DeliveryMethod::Pickup, DeliveryMethod::Courier],
                payment: vec![PaymentMethod::Online, PaymentMethod::CashOnDelivery],
            },
        );
        let v = s.validated().expect("valid");
        assert_eq!(
            v.tariffs.0[0].zone, None,
            "an empty zone is the base tariff"
        );
        assert_eq!(v.tariffs.0[2].zone.as_deref(), Some("Химки"));
        assert_eq!(
            v.offered.delivery,
            [DeliveryMethod::Courier, DeliveryMethod::Pickup]
        );
        assert_eq!(
            v.offered.payment,
            [PaymentMethod::CashOnDelivery, PaymentMethod::Online]
        );
    }

    #[test]
    fn every_mistake_is_refused() {
        use DeliveryPaymentError as E;
        let base = || tariff(DeliveryMethod::Courier, None, 350);
        let only_courier = || Offered {
            delivery: vec![DeliveryMethod::Courier],
            payment: vec![PaymentMethod::CashOnDelivery],
        };
        let cases = [
            (
                setting(
                    vec![base()],
                    Offered {
                        delivery: vec![],
                        ..only_courier()
                    },
                ),
                E::NoDelivery,
            ),
            (
                setting(
                    vec![base()],
                    Offered {
                        payment: vec![],
                        ..only_courier()
                    },
                ),
                E::NoPayment,
            ),
            (
                setting(
                    vec![tariff(DeliveryMethod::Courier, Some("Химки"), 590)],
                    only_courier(),
                ),
                E::NoBaseTariff(DeliveryMethod::Courier),
            ),
            (
                setting(
                    vec![
                        base(),
                        tariff(DeliveryMethod::Courier, Some("Химки"), 590),
                        tariff(DeliveryMethod::Courier, Some("химки "), 600),
                    ],
                    only_courier(),
                ),
                E::Duplicate {
                    row: 2,
                    method: DeliveryMethod::Courier,
                    zone: Some("химки".into()),
                },
            ),
            (
                setting(
                    vec![tariff(DeliveryMethod::Courier, None, -1)],
                    only_courier(),
                ),
                E::Negative { row: 0 },
            ),
            (
                setting(
                    vec![
                        base(),
                        tariff(DeliveryMethod::Courier, Some(&"я".repeat(65)), 1),
                    ],
                    only_courier(),
                ),
                E::ZoneTooLong {
                    row: 1,
                    max: MAX_ZONE_CHARS,
                },
            ),
            (
                setting(vec![base(); MAX_TARIFFS + 1], only_courier()),
                E::TooMany { max: MAX_TARIFFS },
            ),
        ];
        for (s, want) in cases {
            assert_eq!(s.validated(), Err(want));
        }
        // At the limits: a 64-character zone and 200 tariffs are taken.
        let mut many = vec![base()];
        many.extend((1..MAX_TARIFFS).map(|i| {
            tariff(
                DeliveryMethod::Courier,
                Some(&format!("{i:0>64}")),
                i64::try_from(i).unwrap_or(0),
            )
        }));
        assert!(setting(many, only_courier()).validated().is_ok());
    }
}
