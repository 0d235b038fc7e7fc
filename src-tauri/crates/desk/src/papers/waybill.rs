//! The transport waybill as the desk fills it: which orders get one, who carries the goods
//! and from where, and the warning when the form's rules may no longer be in force.

use std::collections::HashMap;

use docs::transport_waybill::FormWarning;
use domain::{DeliveryMethod, Order};
use jiff::civil::Date;
use jiff::Timestamp;
use uuid::Uuid;

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

/// The goods' gross weight from the catalogue (each product's weight × its quantity), or
/// `None` when any goods line's weight is unknown: a blank for the pen beats a figure short
/// of the truth. Services weigh nothing.
pub(crate) fn gross_weight(order: &Order, weights: &HashMap<Uuid, Option<i64>>) -> Option<i64> {
    let mut grams: i128 = 0;
    let mut goods = 0;
    for line in order
        .lines
        .iter()
        .filter(|l| !super::doc_order::is_service(l))
    {
        let weight = line
            .product_id
            .and_then(|id| weights.get(&id).copied().flatten())?;
        // Quantities are thousandths: 1.5 kg of a 1,000 g product is 1,500 g, rounded.
        grams += (i128::from(weight) * i128::from(line.quantity.0) + 500) / 1000;
        goods += 1;
    }
    (goods > 0).then(|| i64::try_from(grams).ok()).flatten()
}

/// What the desk knows of the carriage. The shop's own courier makes the shop the carrier;
/// the loading place is the shop's address; the weight comes from the catalogue
/// ([`gross_weight`]); section 4 cites the товарная накладная when one was made out; the
/// places are those counted at the pick, else a blank for the pen.
pub(crate) fn carriage(
    order: &Order,
    (number, date): (String, Date),
    shop: &docs::Requisites,
    delivery_note: Option<(String, Date)>,
    gross_weight_grams: Option<i64>,
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
        number,
        date: Some(date),
        carrier,
        pickup_address: shop.address.clone(),
        delivery_note,
        places: order.places,
        gross_weight_grams,
        ..docs::transport_waybill::Carriage::default()
    }
}

impl Desk {
    /// What the manager should know before handing over `kind` for `order_ids`: for a
    /// transport waybill dated (as it was first made out, or would be at `now`) outside every
    /// form this version knows, that the form printed may not be the one in force. One
    /// warning per order whose paper's date calls for it; empty when there is nothing to say.
    pub fn paper_warnings(
        &self,
        order_ids: &[String],
        kind: proto::DocKind,
        now: Timestamp,
    ) -> Result<Vec<proto::PaperWarning>, DeskError> {
        if kind != proto::DocKind::TransportWaybill {
            return Ok(Vec::new());
        }
        let today = local_date(now, &self.zone());
        let mut out = Vec::new();
        for order in self.load_orders(order_ids)? {
            let (known, first) = self.paper_as_it_would_be(&order, kind, today)?;
            let paper = known.unwrap_or(first);
            let warning = docs::transport_waybill::choose(paper.dated_on).warning;
            out.extend(warning.map(|w| match w {
                FormWarning::AfterEveryKnownForm { date, ended, .. } => {
                    proto::PaperWarning::WaybillFormExpired {
                        number: paper.number.clone(),
                        date: date.to_string(),
                        ended: ended.to_string(),
                    }
                }
                FormWarning::BeforeEveryKnownForm { date, .. } => {
                    proto::PaperWarning::WaybillFormNotYet {
                        number: paper.number.clone(),
                        date: date.to_string(),
                    }
                }
            }));
        }
        Ok(out)
    }
}
