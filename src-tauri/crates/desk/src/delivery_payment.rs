//! «Доставка и оплата» (issue 14, point 4): the methods a phone order may be taken with and
//! the delivery tariffs by method and zone, set by the administrator as one shop op that the
//! team's other PCs and its hub apply, so every desk prices a new order alike.

use domain::{DeliveryPayment, DeliveryPaymentError, Kopecks, Offered, Tariff, Tariffs};
use jiff::Timestamp;
use proto::{DeliveryPaymentProblem, DeliveryPaymentView, TariffView};

use crate::convert::{to_delivery, to_payment};
use crate::view::{delivery, payment};
use crate::{Desk, DeskError};

impl Desk {
    /// The methods offered and the tariffs, as the settings and the order forms show them.
    pub fn delivery_payment(&self) -> Result<DeliveryPaymentView, DeskError> {
        let shop = self.store.shop()?;
        Ok(view(&DeliveryPayment {
            tariffs: shop.tariffs,
            offered: shop.offered,
        }))
    }

    /// Replaces them (administrators only), checked first: at least one method of each kind,
    /// a tariff without a zone for every delivery method offered, no tariff twice, no cost
    /// below zero. Recorded as a shop op with its effect in one transaction.
    pub fn set_delivery_payment(
        &self,
        input: DeliveryPaymentView,
        now: Timestamp,
    ) -> Result<DeliveryPaymentView, DeskError> {
        self.writable()?;
        if self.actor().role != domain::Role::Admin {
            return Err(DeskError::AdminOnly(proto::AdminTask::DeliveryPayment));
        }
        let setting = DeliveryPayment {
            tariffs: Tariffs(
                input
                    .tariffs
                    .iter()
                    .map(|t| Tariff {
                        method: to_delivery(t.method),
                        zone: Some(t.zone.clone()),
                        cost: Kopecks(t.cost),
                        free_from: t.free_from.map(Kopecks),
                    })
                    .collect(),
            ),
            offered: Offered {
                delivery: input.delivery.iter().copied().map(to_delivery).collect(),
                payment: input.payment.iter().copied().map(to_payment).collect(),
            },
        }
        .validated()
        .map_err(|e| proto::InputProblem::DeliveryPayment {
            problem: problem(e),
        })?;
        self.store.record_shop_op(store::NewShopOp {
            id: uuid::Uuid::now_v7(),
            actor: self.actor(),
            at: now,
            op: domain::ShopOp::SetDeliveryPayment { setting },
        })?;
        self.nudge_sync();
        self.delivery_payment()
    }
}

fn view(s: &DeliveryPayment) -> DeliveryPaymentView {
    DeliveryPaymentView {
        delivery: s.offered.delivery.iter().copied().map(delivery).collect(),
        payment: s.offered.payment.iter().copied().map(payment).collect(),
        tariffs: s
            .tariffs
            .0
            .iter()
            .map(|t| TariffView {
                method: delivery(t.method),
                zone: t.zone.clone().unwrap_or_default(),
                cost: t.cost.0,
                free_from: t.free_from.map(|k| k.0),
            })
            .collect(),
    }
}

fn problem(e: DeliveryPaymentError) -> DeliveryPaymentProblem {
    use DeliveryPaymentError as E;
    use DeliveryPaymentProblem as P;
    let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    match e {
        E::NoDelivery => P::NoDelivery,
        E::NoPayment => P::NoPayment,
        E::NoBaseTariff(method) => P::NoBaseTariff {
            method: delivery(method),
        },
        E::Duplicate { row, zone, .. } => P::Duplicate {
            row: n(row),
            zone: zone.unwrap_or_default(),
        },
        E::Negative { row } => P::Negative { row: n(row) },
        E::ZoneTooLong { row, max } => P::ZoneTooLong {
            row: n(row),
            max: n(max),
        },
        E::TooMany { max } => P::TooMany { max: n(max) },
    }
}
