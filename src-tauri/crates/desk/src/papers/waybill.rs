//! The transport waybill as the desk fills it: which orders get one, who carries the goods
//! and from where, and the warning when the form's rules may no longer be in force.

use domain::{DeliveryMethod, Order};
use jiff::civil::Date;
use jiff::Timestamp;

use super::local_date;
use crate::{Desk, DeskError};

/// An order sent by post (or a transport company's service) travels on the carrier's own
/// consignment papers, which the carrier makes out; a waybill from the shop would be a
/// second, conflicting one.
pub(crate) fn refuse_postal(orders: &[Order]) -> Result<(), DeskError> {
    match orders.iter().find(|o| o.delivery == DeliveryMethod::Post) {
        Some(order) => Err(DeskError::NoWaybillForPost {
            number: order.number.to_string(),
        }),
        None => Ok(()),
    }
}

/// What the desk knows of the carriage. The shop's own courier makes the shop the carrier;
/// the loading place is the shop's address. Weight and places are not in the catalogue or
/// the pick, so they stay blank for the pen rather than a guessed figure.
pub(crate) fn carriage(
    order: &Order,
    date: Date,
    shop: &docs::Requisites,
    delivery_note: Option<(String, Date)>,
) -> docs::transport_waybill::Carriage {
    let carrier = match order.delivery {
        DeliveryMethod::Courier => docs::Party {
            name: shop.name.clone(),
            inn: shop.inn.clone(),
            kpp: shop.kpp.clone(),
            address: shop.address.clone(),
            phone: shop.phone.clone(),
            ..docs::Party::default()
        },
        // Pickup by the buyer's carrier or a marketplace's: the carrier writes itself in.
        _ => docs::Party::default(),
    };
    docs::transport_waybill::Carriage {
        number: order.number.to_string(),
        date: Some(date),
        carrier,
        pickup_address: shop.address.clone(),
        delivery_note,
        places: None,
        gross_weight_grams: None,
        ..docs::transport_waybill::Carriage::default()
    }
}

impl Desk {
    /// What the manager should know before handing over `kind` made at `now`, worded for
    /// them: for a transport waybill dated after every form this version knows, that the
    /// form printed may no longer be the one in force. Empty when there is nothing to say.
    pub fn paper_warnings(&self, kind: proto::DocKind, now: Timestamp) -> Vec<String> {
        if kind != proto::DocKind::TransportWaybill {
            return Vec::new();
        }
        let date = local_date(now, &self.zone());
        docs::transport_waybill::choose(date)
            .warning
            .map(|w| w.to_string())
            .into_iter()
            .collect()
    }
}
