//! Changes the site makes to an order after we took it in. Lines, the order's discount, a
//! payment made on the site later and the customer's note come in as ops by the channel, so
//! the history says what the site changed. Where the manager has edited the same thing here
//! since, nothing is overwritten either way: the order is flagged with what changed on the
//! site. The note is the customer's note with the site's summary (number, total, delivery,
//! payment), so a change of either brings the site's note again. A new address or shipping
//! charge comes in as the channel's `FollowChannelDelivery` (the charge stays the site's,
//! never repriced by our tariff), a refund made on the site as a `RefundPayment`.

use std::collections::HashMap;

use domain::{ChannelTerms, Kopecks, Line, LineEdit, Op, Order, Payment};
use jiff::Timestamp;
use store::{Store, StoreError};
use uuid::Uuid;

use crate::channel_import::channel_op;
use crate::config::Connection;
use crate::report::SyncReport;
use crate::ChannelError;

/// Our order as the site has it now.
pub(crate) struct SiteOrder {
    pub order: Order,
    pub terms: ChannelTerms,
}

/// Notes the import puts on the payments it takes from the site (see `import::payments`).
const PAID_ON_SITE: &str = "Оплачен на сайте";
const REFUNDED_ON_SITE: &str = "Возврат на сайте";

pub(crate) fn follow_site(
    store: &Store,
    connection: &Connection,
    external_id: &str,
    order_id: Uuid,
    site: &SiteOrder,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let ours = store.order(order_id)?;
    let flag = |f: String| store.add_channel_flag(connection.id, external_id.to_owned(), f);
    let edited_here = store.order_ops(order_id)?.iter().any(|op| {
        !op.actor_id.starts_with("channel:")
            && matches!(
                op.kind.as_str(),
                "edit_lines" | "set_order_discount" | "change_delivery"
            )
    });
    let mut ops = Vec::new();
    let edits = line_edits(&ours.lines, &site.order.lines);
    let discount_changed = ours.discount != site.order.discount;
    let lines_conflict = (!edits.is_empty() || discount_changed) && edited_here;
    if !edits.is_empty() || discount_changed {
        if lines_conflict {
            flag("site_changed_conflict:lines".to_owned())?;
        } else {
            if !edits.is_empty() {
                ops.push(Op::EditLines { order_id, edits });
            }
            if discount_changed {
                ops.push(Op::SetOrderDiscount {
                    order_id,
                    discount: site.order.discount,
                });
            }
        }
    }
    // With the lines kept against the site's, its summary (quoting its total) is not taken
    // either: the lines' flag says what differs.
    if ours.comment != site.order.comment && !lines_conflict {
        let note_edited_here = store
            .order_ops(order_id)?
            .iter()
            .any(|op| !op.actor_id.starts_with("channel:") && op.kind == "set_comment");
        if note_edited_here {
            flag("site_changed_conflict:note".to_owned())?;
        } else {
            ops.push(Op::SetComment {
                order_id,
                comment: site.order.comment.clone(),
            });
        }
    }
    let shipping_changed = ours.delivery_fixed && ours.delivery_cost != site.order.delivery_cost;
    let address_changed = ours.address != site.order.address;
    if shipping_changed || address_changed {
        let delivery_edited_here = store
            .order_ops(order_id)?
            .iter()
            .any(|op| !op.actor_id.starts_with("channel:") && op.kind == "change_delivery");
        if delivery_edited_here || !ours.delivery_fixed {
            // The manager chose the delivery here (and our tariff prices it): kept, and
            // the order says what the site has now.
            if shipping_changed {
                flag(format!(
                    "site_changed:shipping:{}",
                    crate::money::decimal(site.order.delivery_cost)
                ))?;
            }
            if address_changed {
                flag("site_changed:address".to_owned())?;
            }
        } else {
            ops.push(Op::FollowChannelDelivery {
                order_id,
                address: site.order.address.clone(),
                delivery_cost: site.order.delivery_cost,
            });
        }
    }
    if let Some(payment) = new_payment(&ours, &site.terms) {
        if payment.amount > Kopecks::ZERO {
            ops.push(Op::RecordPayment { order_id, payment });
        } else {
            // Money the site gave back: a refund entry whose note says so, so the next
            // comparison counts it as the site's (`new_payment`).
            let reason = payment
                .note
                .clone()
                .filter(|n| n.starts_with(REFUNDED_ON_SITE))
                .unwrap_or_else(|| REFUNDED_ON_SITE.to_owned());
            ops.push(Op::RefundPayment {
                order_id,
                entry_id: payment.id,
                amount: Kopecks(-payment.amount.0),
                method: payment.method,
                at: payment.at,
                reason,
            });
        }
    }
    for op in ops {
        let recorded = store.record(channel_op(connection, op, now));
        match recorded {
            Ok(_) => report.site_changes += 1,
            Err(StoreError::Rejected(e)) => flag(format!("site_change_refused: {e}"))?,
            Err(e) => return Err(e.into()),
        }
    }
    Ok(())
}

/// What the site's payments add to those it gave before: the net of what it says came in
/// and went out, less what the desk already took from it.
fn new_payment(ours: &Order, site: &ChannelTerms) -> Option<Payment> {
    let from_site = |p: &&Payment| {
        p.note
            .as_deref()
            .is_some_and(|n| n.starts_with(PAID_ON_SITE) || n.starts_with(REFUNDED_ON_SITE))
    };
    let taken: i64 = ours
        .payments
        .iter()
        .filter(from_site)
        .map(|p| p.amount.0)
        .sum();
    let there: i64 = site.payments.iter().map(|p| p.amount.0).sum();
    let delta = there.checked_sub(taken)?;
    if delta == 0 {
        return None;
    }
    let template = site.payments.last()?;
    Some(Payment {
        id: Uuid::now_v7(),
        amount: Kopecks(delta),
        method: template.method,
        at: template.at,
        note: template.note.clone(),
        corrects: None,
    })
}

fn by_sku(lines: &[Line]) -> HashMap<&str, usize> {
    let mut by_sku: HashMap<&str, usize> = HashMap::new();
    for l in lines {
        *by_sku.entry(l.sku.as_str()).or_default() += 1;
    }
    by_sku
}

/// The edits that make `ours` the site's lines. A line is the same line when its SKU is, on
/// both sides once; its quantity, price and discount then change in place. Other lines are
/// removed and added.
fn line_edits(ours: &[Line], site: &[Line]) -> Vec<LineEdit> {
    let (ours_by, site_by) = (by_sku(ours), by_sku(site));
    let unique = |sku: &str| ours_by.get(sku) == Some(&1) && site_by.get(sku) == Some(&1);
    let mut edits = Vec::new();
    for line in ours {
        let matched = unique(&line.sku)
            .then(|| site.iter().find(|s| s.sku == line.sku))
            .flatten();
        let Some(there) = matched else {
            edits.push(LineEdit::Remove { line_id: line.id });
            continue;
        };
        if there.quantity != line.quantity {
            edits.push(LineEdit::SetQuantity {
                line_id: line.id,
                quantity: there.quantity,
            });
        }
        if there.price != line.price {
            edits.push(LineEdit::SetPrice {
                line_id: line.id,
                price: there.price,
            });
        }
        if there.discount != line.discount {
            edits.push(LineEdit::SetDiscount {
                line_id: line.id,
                discount: there.discount,
            });
        }
    }
    for line in site {
        if !unique(&line.sku) {
            edits.push(LineEdit::Add { line: line.clone() });
        }
    }
    // Nothing to do when every line matched and none changed.
    edits
}

#[cfg(test)]
mod tests {
    use domain::{Discount, Quantity, VatRate};

    use super::*;

    fn line(sku: &str, qty: i64, price: i64) -> Line {
        Line {
            id: Uuid::now_v7(),
            product_id: None,
            sku: sku.into(),
            name: sku.into(),
            unit: "шт".into(),
            quantity: Quantity(qty * 1000),
            price: Kopecks(price),
            vat: VatRate::None,
            discount: Discount::None,
        }
    }

    #[test]
    fn a_changed_quantity_is_set_in_place_and_a_new_line_is_added() {
        let ours = vec![line("A", 1, 100), line("B", 1, 200)];
        let site = vec![line("A", 3, 100), line("B", 1, 200), line("C", 1, 50)];
        let edits = line_edits(&ours, &site);
        assert_eq!(edits.len(), 2, "{edits:?}");
        assert!(
            matches!(edits[0], LineEdit::SetQuantity { line_id, quantity }
            if line_id == ours[0].id && quantity == Quantity(3000))
        );
        assert!(matches!(&edits[1], LineEdit::Add { line } if line.sku == "C"));
    }

    #[test]
    fn the_same_lines_need_no_edit_and_a_removed_one_is_removed() {
        let ours = vec![line("A", 1, 100), line("B", 1, 200)];
        assert!(line_edits(&ours, &ours.clone()).is_empty());
        let edits = line_edits(&ours, &ours[..1]);
        assert!(matches!(edits[..], [LineEdit::Remove { line_id }] if line_id == ours[1].id));
    }
}
