//! What each operation does to an order, and when it is refused.

use jiff::Timestamp;

use super::{ChannelTerms, DeliveryChange, LineEdit, Op, OpError};
use crate::methods::Role;
use crate::money::Kopecks;
use crate::order::{Line, Order};
use crate::shop::Shop;
use crate::workflow::{Stage, StagePosition};

/// The most packages one order's waybill counts.
pub const MAX_PLACES: u32 = 99_999;

impl Op {
    /// Checks the op against the order as it is now (`None` for a new order) and returns the
    /// order as it will be. `role` is the acting user's.
    pub fn apply(
        &self,
        shop: &Shop,
        role: Role,
        before: Option<&Order>,
        at: Timestamp,
    ) -> Result<Order, OpError> {
        check_action(role, self)?;
        if let Op::CreateOrder { order, channel } = self {
            if before.is_some() {
                return Err(OpError::OrderExists);
            }
            return match channel {
                None => create(shop, order, at),
                Some(terms) => create_from_channel(shop, order, terms, at),
            };
        }
        let mut order = before.ok_or(OpError::OrderMissing)?.clone();
        let wf = &shop.workflow;
        match self {
            Op::CreateOrder { .. } => return Err(OpError::OrderExists),
            Op::AdvanceStage {
                from_stage,
                to_stage,
                ..
            } => {
                check_stage(&order, from_stage)?;
                let next = wf.advance_target(&order.state())?;
                if &next.id != to_stage {
                    return Err(OpError::NotNextOnRoute {
                        from: from_stage.clone(),
                        to: to_stage.clone(),
                    });
                }
                wf.check_move(role, from_stage, to_stage)?;
                wf.check_guards(&order, next)?;
                order.stage = enter(next, at);
            }
            Op::MoveToStage {
                from_stage,
                to_stage,
                ..
            } => {
                check_stage(&order, from_stage)?;
                let target = wf.move_target(&order.state(), to_stage)?;
                wf.check_move(role, from_stage, to_stage)?;
                wf.check_guards(&order, target)?;
                order.stage = enter(target, at);
            }
            Op::Cancel { from_stage, .. } => {
                check_stage(&order, from_stage)?;
                let target = wf.cancel_target(&order.state())?;
                wf.check_move(role, from_stage, &target.id)?;
                order.stage = enter(target, at);
            }
            Op::EditLines { edits, .. } => {
                check_open(shop, &order)?;
                for edit in edits {
                    edit_line(&mut order.lines, edit)?;
                }
                crate::input::check_edited(&shop.limits, &order.lines, edits)?;
                reprice(shop, &mut order)?;
                order.version += 1;
            }
            Op::SetOrderDiscount { discount, .. } => {
                check_open(shop, &order)?;
                discount.validate()?;
                order.discount = *discount;
                reprice(shop, &mut order)?;
                order.version += 1;
            }
            Op::ChangeDelivery { change, .. } => {
                check_open(shop, &order)?;
                change_delivery(shop, &mut order, change)?;
                order.version += 1;
            }
            Op::FollowChannelDelivery {
                address,
                delivery_cost,
                ..
            } => {
                check_open(shop, &order)?;
                if *delivery_cost < Kopecks::ZERO {
                    return Err(OpError::NegativePrice);
                }
                let same = order.address == *address
                    && order.delivery_cost == *delivery_cost
                    && order.delivery_fixed;
                if same {
                    return Err(OpError::Unchanged);
                }
                order.address = address.clone();
                order.delivery_cost = *delivery_cost;
                order.delivery_fixed = true;
                order.version += 1;
            }
            Op::RecordPayment { payment, .. } => {
                if payment.amount <= Kopecks::ZERO {
                    return Err(OpError::NonPositivePayment);
                }
                if order.payments.iter().any(|p| p.id == payment.id) {
                    return Err(OpError::DuplicateId(payment.id));
                }
                order.payments.push(payment.clone());
                order.paid()?;
            }
            Op::CorrectPayment { .. } | Op::VoidPayment { .. } | Op::RefundPayment { .. } => {
                super::payments::apply(self, &mut order)?;
            }
            Op::SetComment { comment, .. } => {
                order.comment = comment
                    .as_deref()
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned);
            }
            Op::SetPlaces { places, .. } => {
                // A waybill's count of places: at least one package, and at most what its
                // box prints (five digits).
                if places.is_some_and(|n| n == 0 || n > MAX_PLACES) {
                    return Err(OpError::InvalidQuantity);
                }
                if order.places == *places {
                    return Err(OpError::Unchanged);
                }
                order.places = *places;
            }
            Op::LogCall { call, .. } => {
                if call.ended_at < call.started_at {
                    return Err(OpError::CallEndsBeforeStart);
                }
                if order.calls.iter().any(|c| c.id == call.id) {
                    return Err(OpError::DuplicateId(call.id));
                }
                order.calls.push(call.clone());
            }
            Op::PublishVersion { version, .. } => {
                if !(1..=order.version).contains(version) {
                    return Err(OpError::UnknownVersion {
                        version: *version,
                        latest: order.version,
                    });
                }
                order.published_version = Some(*version);
            }
            Op::ConfirmVersion { version, .. } => {
                if *version != order.version {
                    return Err(if (1..order.version).contains(version) {
                        OpError::StaleVersion {
                            version: *version,
                            latest: order.version,
                        }
                    } else {
                        OpError::UnknownVersion {
                            version: *version,
                            latest: order.version,
                        }
                    });
                }
                order.confirmed_version = Some(*version);
                order.draft = false;
            }
            Op::NoteVersion { version, note, .. } => {
                if !(1..=order.version).contains(version) {
                    return Err(OpError::UnknownVersion {
                        version: *version,
                        latest: order.version,
                    });
                }
                crate::version::check_note(note.as_deref())?;
            }
            Op::SetBuyer { buyer, .. } => {
                order.buyer = buyer.checked()?;
            }
            Op::IssueInvoice { number, .. } => {
                if number.trim().is_empty() {
                    return Err(OpError::NoInvoiceNumber);
                }
            }
            Op::PrintDocument { copies, .. } => {
                if *copies == 0 {
                    return Err(OpError::NoCopies);
                }
            }
        }
        Ok(order)
    }
}

/// Pickers pick and log calls; dispatchers also take payments, change delivery and set who
/// is billed (they issue the invoices); only managers and the administrator change what the
/// customer pays for.
fn check_action(role: Role, op: &Op) -> Result<(), OpError> {
    let allowed = match role {
        Role::Admin | Role::Manager => true,
        // Everyone prints the papers of their own work (pick lists, route sheets); issuing
        // an invoice stays with those who take money.
        Role::Picker => {
            op.is_move()
                || matches!(
                    op,
                    Op::LogCall { .. }
                        | Op::PrintDocument { .. }
                        | Op::SetComment { .. }
                        | Op::SetPlaces { .. }
                )
        }
        Role::Dispatcher => {
            op.is_move()
                || matches!(
                    op,
                    Op::LogCall { .. }
                        | Op::SetComment { .. }
                        | Op::RecordPayment { .. }
                        | Op::CorrectPayment { .. }
                        | Op::VoidPayment { .. }
                        | Op::RefundPayment { .. }
                        | Op::ChangeDelivery { .. }
                        | Op::SetBuyer { .. }
                        | Op::IssueInvoice { .. }
                        | Op::PrintDocument { .. }
                        | Op::SetPlaces { .. }
                )
        }
    };
    if allowed {
        Ok(())
    } else {
        Err(OpError::ActionForbidden {
            role,
            action: op.kind(),
        })
    }
}

fn create(shop: &Shop, given: &Order, at: Timestamp) -> Result<Order, OpError> {
    let mut order = given.clone();
    if order.lines.is_empty() {
        return Err(OpError::NoLines);
    }
    for line in &order.lines {
        check_line(line)?;
    }
    crate::input::check_new(&shop.limits, &order)?;
    order.discount.validate()?;
    // A channel's order keeps whatever the channel says (it comes with terms); one taken
    // here is taken only the ways the shop offers.
    if !shop.offered.delivers(order.delivery) {
        return Err(OpError::DeliveryNotOffered(order.delivery));
    }
    if !shop.offered.takes(order.payment) {
        return Err(OpError::PaymentNotOffered(order.payment));
    }
    let first = shop
        .workflow
        .first_stage(order.delivery, order.payment)
        .ok_or_else(|| OpError::UnknownStage("first".to_owned()))?;
    order.stage = enter(first, at);
    // A channel's own deadline (a marketplace's shipment cutoff) wins where it is stricter.
    if let Some(given) = given.stage.deadline {
        if order.stage.deadline.is_none_or(|d| given < d) {
            order.stage.deadline = Some(given);
        }
    }
    order.created_at = at;
    order.draft = true;
    order.version = 1;
    order.published_version = None;
    order.confirmed_version = None;
    order.payments.clear();
    order.calls.clear();
    order.delivery_vat = shop.vat;
    order.delivery_fixed = false;
    delivery_cost(shop, &mut order)?;
    order.original_total = order.totals()?.total;
    Ok(order)
}

/// A channel's order as the channel has it: its delivery charge, creation date, payments and
/// stage. It enters that stage now, when the desk learns of it, so time it spent on the
/// channel before does not count against the stage's limit.
fn create_from_channel(
    shop: &Shop,
    given: &Order,
    terms: &ChannelTerms,
    at: Timestamp,
) -> Result<Order, OpError> {
    let mut order = given.clone();
    if order.lines.is_empty() {
        return Err(OpError::NoLines);
    }
    for line in &order.lines {
        check_line(line)?;
        shop.limits.check_bounds(line)?;
    }
    order.discount.validate()?;
    if order.delivery_cost < Kopecks::ZERO {
        return Err(OpError::NegativePrice);
    }
    let wf = &shop.workflow;
    let mapped = terms
        .stage
        .as_deref()
        .and_then(|id| wf.stage(id))
        .filter(|s| s.route.admits(order.delivery, order.payment));
    let stage = match mapped {
        Some(stage) => stage,
        None => wf
            .first_stage(order.delivery, order.payment)
            .ok_or_else(|| OpError::UnknownStage("first".to_owned()))?,
    };
    order.stage = enter(stage, at);
    if let Some(given) = given.stage.deadline {
        if order.stage.deadline.is_none_or(|d| given < d) {
            order.stage.deadline = Some(given);
        }
    }
    order.created_at = terms.placed_at;
    order.version = 1;
    order.published_version = None;
    order.draft = !terms.confirmed;
    order.confirmed_version = terms.confirmed.then_some(1);
    order.calls.clear();
    order.payments.clear();
    for payment in &terms.payments {
        if payment.amount == Kopecks::ZERO {
            return Err(OpError::NonPositivePayment);
        }
        if order.payments.iter().any(|p| p.id == payment.id) {
            return Err(OpError::DuplicateId(payment.id));
        }
        order.payments.push(payment.clone());
    }
    order.paid()?;
    order.delivery_vat = shop.vat;
    order.delivery_fixed = true;
    order.original_total = order.totals()?.total;
    Ok(order)
}

fn enter(stage: &Stage, at: Timestamp) -> StagePosition {
    StagePosition {
        stage_id: stage.id.clone(),
        entered_at: at,
        deadline: stage.deadline(at),
    }
}

fn check_stage(order: &Order, seen: &str) -> Result<(), OpError> {
    if order.stage.stage_id != seen {
        return Err(OpError::StaleStage {
            expected: seen.to_owned(),
            actual: order.stage.stage_id.clone(),
        });
    }
    Ok(())
}

/// A done or cancelled order is history, and a locked stage froze the bill: it no longer
/// changes.
fn check_open(shop: &Shop, order: &Order) -> Result<(), OpError> {
    shop.workflow.check_editable(order)
}

fn check_line(line: &Line) -> Result<(), OpError> {
    if line.quantity.0 <= 0 {
        return Err(OpError::InvalidQuantity);
    }
    if line.price < Kopecks::ZERO {
        return Err(OpError::NegativePrice);
    }
    line.discount.validate()?;
    line.amount()?;
    Ok(())
}

fn edit_line(lines: &mut Vec<Line>, edit: &LineEdit) -> Result<(), OpError> {
    let find = |lines: &mut Vec<Line>, id| {
        lines
            .iter()
            .position(|l| l.id == id)
            .ok_or(OpError::UnknownLine(id))
    };
    match edit {
        LineEdit::Add { line } => {
            if lines.iter().any(|l| l.id == line.id) {
                return Err(OpError::DuplicateId(line.id));
            }
            check_line(line)?;
            lines.push(line.clone());
        }
        LineEdit::Remove { line_id } => {
            let i = find(lines, *line_id)?;
            lines.remove(i);
        }
        LineEdit::SetQuantity { line_id, quantity } => {
            let i = find(lines, *line_id)?;
            lines[i].quantity = *quantity;
            check_line(&lines[i])?;
        }
        LineEdit::SetPrice { line_id, price } => {
            let i = find(lines, *line_id)?;
            lines[i].price = *price;
            check_line(&lines[i])?;
        }
        LineEdit::SetDiscount { line_id, discount } => {
            let i = find(lines, *line_id)?;
            lines[i].discount = *discount;
            check_line(&lines[i])?;
        }
    }
    Ok(())
}

fn change_delivery(shop: &Shop, order: &mut Order, change: &DeliveryChange) -> Result<(), OpError> {
    if let Some(w) = change.window {
        if w.to <= w.from {
            return Err(OpError::BadWindow);
        }
    }
    // The order's own method stays possible (a channel's order, or one from before the shop
    // stopped offering it); a change to another goes only to one the shop offers.
    if change.method != order.delivery && !shop.offered.delivers(change.method) {
        return Err(OpError::DeliveryNotOffered(change.method));
    }
    if let Some(stage) = shop.workflow.stage(&order.stage.stage_id) {
        if !stage.route.admits(change.method, order.payment) {
            return Err(OpError::StageExcludesMethod {
                stage: stage.id.clone(),
                method: change.method,
            });
        }
    }
    if shop
        .tariffs
        .find(change.method, change.zone.as_deref())
        .is_none()
    {
        return Err(OpError::NoTariff {
            method: change.method,
            zone: change.zone.clone(),
        });
    }
    order.delivery = change.method;
    order.delivery_fixed = false;
    order.delivery_zone = change.zone.clone();
    order.address = change.address.clone();
    order.delivery_window = change.window;
    delivery_cost(shop, order)
}

/// After a change of goods, the delivery cost follows the tariff again (free delivery above a
/// threshold may start or stop applying). An order without a tariff keeps its cost as set.
fn reprice(shop: &Shop, order: &mut Order) -> Result<(), OpError> {
    if !order.delivery_fixed
        && shop
            .tariffs
            .find(order.delivery, order.delivery_zone.as_deref())
            .is_some()
    {
        delivery_cost(shop, order)?;
    }
    order.totals()?;
    Ok(())
}

fn delivery_cost(shop: &Shop, order: &mut Order) -> Result<(), OpError> {
    let goods = order.totals()?.goods();
    order.delivery_cost = shop
        .tariffs
        .cost(order.delivery, order.delivery_zone.as_deref(), goods)
        .ok_or_else(|| OpError::NoTariff {
            method: order.delivery,
            zone: order.delivery_zone.clone(),
        })?;
    Ok(())
}
