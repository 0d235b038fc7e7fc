//! A marketplace order as the marketplace has it, beyond its lines: when the buyer placed it,
//! whether it is paid there, and its number. Without these an imported order was made like
//! one typed at the desk — dated by the import, an unconfirmed draft, «Не оплачен», priced
//! by our own delivery tariff, found by nothing the manager sees in the cabinet.
//!
//! The stage is left to the status map as it was: a status the marketplace is master of
//! (delivered, cancelled) moves the new order there at once by the channel's own op, with
//! its reason in the history; a status we are master of names what our stage sends, not
//! where a new order stands (Ozon's `awaiting_deliver` is sent when our courier leaves, yet
//! an rFBS posting has it from packing on), so such an order starts at the route's first
//! stage — entered when the desk learns of it, so time spent before does not count — and
//! its trigger reads the marketplace's status first and completes without a call.

use domain::{ChannelNumber, ChannelTerms, Kopecks, Order, Payment, PaymentMethod};
use jiff::Timestamp;
use uuid::Uuid;

use crate::config::Connection;

/// What one marketplace says of its order.
pub(crate) struct MarketTerms {
    /// As the marketplace's cabinet shows it: the posting, order or shipment number.
    pub number: String,
    /// When the buyer placed it; `None` when the answer had no readable date.
    pub placed_at: Option<Timestamp>,
    /// The buyer has placed it for good (not a basket waiting for payment).
    pub confirmed: bool,
    /// The buyer paid the marketplace for it (and was not refunded by a cancellation).
    pub paid: bool,
    /// «Оплачен на Ozon»: the payment's note, read on the card.
    pub paid_note: &'static str,
}

/// The terms of an order made of `order` (its lines and delivery already the marketplace's).
/// A missing date is flagged `no_creation_date` and taken as `now`.
pub(crate) fn channel_terms(
    connection: &Connection,
    terms: MarketTerms,
    order: &Order,
    now: Timestamp,
    flags: &mut Vec<String>,
) -> Result<ChannelTerms, String> {
    let placed_at = terms.placed_at.unwrap_or_else(|| {
        flags.push("no_creation_date".to_owned());
        now
    });
    let total = order.totals().map_err(|e| e.to_string())?.total;
    let payments = if terms.paid && total > Kopecks::ZERO {
        vec![Payment {
            id: Uuid::now_v7(),
            amount: total,
            method: PaymentMethod::Marketplace,
            at: placed_at,
            note: Some(terms.paid_note.to_owned()),
            corrects: None,
        }]
    } else {
        Vec::new()
    };
    Ok(ChannelTerms {
        placed_at,
        stage: None,
        confirmed: terms.confirmed,
        payments,
        number: Some(ChannelNumber {
            number: terms.number,
            connection_id: connection.id,
            connection: connection.name.clone(),
        }),
    })
}

/// The ship-by moment as the import's comment says it: Moscow's wall clock, as the
/// marketplaces' cabinets show their deadlines («08.12.2026 05:42 МСК»), not the API's
/// instant with nanoseconds. An unreadable value is kept as it came (the order is flagged for
/// it), none is «—».
pub(crate) fn ship_by_text(cutoff: Option<Timestamp>, raw: Option<&str>) -> String {
    let moscow = jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(3));
    match (cutoff, raw) {
        (Some(at), _) => format!("{} МСК", at.to_zoned(moscow).strftime("%d.%m.%Y %H:%M")),
        (None, Some(raw)) => raw.to_owned(),
        (None, None) => "—".to_owned(),
    }
}

#[cfg(test)]
mod ship_by_tests {
    use super::ship_by_text;

    #[test]
    fn an_ozon_deadline_reads_as_moscow_time_not_an_api_instant() {
        let at = "2026-12-08T02:42:02.220058491Z".parse().ok();
        assert_eq!(ship_by_text(at, None), "08.12.2026 05:42 МСК");
        assert_eq!(ship_by_text(None, Some("завтра")), "завтра");
        assert_eq!(ship_by_text(None, None), "—");
    }
}
