//! The order actions: each builds one domain operation and records it.

use domain::{
    Call, Channel, Customer, DeliveryChange, DraftOf, Kopecks, Line, LineEdit, Op, Order, Payment,
    Quantity, TimeWindow,
};
use jiff::Timestamp;
use uuid::Uuid;

use crate::convert::{instant, to_delivery, to_discount, to_outcome, to_payment, uuid};
use crate::{parse_order_id, Desk, DeskError};

impl Desk {
    /// The catalogue for the line editor, by name; archived products are no longer offered.
    pub fn products(&self) -> Result<Vec<proto::ProductView>, DeskError> {
        let vat = self.store.shop()?.vat;
        Ok(self
            .store
            .products()?
            .into_iter()
            .filter(|p| !p.archived)
            .map(|p| crate::catalog::product_view(p, vat))
            .collect())
    }

    /// Takes a phone order: a draft in the first stage of its route, version 1, delivery priced
    /// from the tariffs. The customer is found by phone or added.
    pub fn create_order(
        &self,
        input: proto::NewOrder,
        now: Timestamp,
    ) -> Result<proto::OrderDetail, DeskError> {
        let phone = domain::check_phone(&input.phone).map_err(crate::refusal::rules::input)?;
        let typed_email = input
            .email
            .as_deref()
            .map(str::trim)
            .filter(|e| !e.is_empty());
        let email = typed_email
            .map(domain::check_email)
            .transpose()
            .map_err(crate::refusal::rules::input)?;
        let customer = match self.store.customer_by_phone(&phone)? {
            Some(known) => Customer {
                name: input.customer.clone(),
                // A malformed address kept from an import is not the new order's problem.
                email: email.or(known.email.filter(|e| domain::check_email(e).is_ok())),
                ..known
            },
            None => Customer {
                id: Uuid::now_v7(),
                name: input.customer.clone(),
                phone,
                email,
            },
        };
        let shop = self.store.shop()?;
        let mut lines = Vec::with_capacity(input.lines.len());
        for l in &input.lines {
            lines.push(self.product_line(&l.product_id, l.quantity, None, shop.vat)?);
        }
        let change = delivery_change(input.delivery)?;
        let order = Order {
            address: change.address,
            delivery_zone: change.zone,
            delivery_window: change.window,
            comment: checked_comment(input.comment)?,
            ..Order::new_draft(DraftOf {
                id: Uuid::now_v7(),
                channel: Channel::Phone,
                customer,
                delivery: change.method,
                payment: to_payment(input.payment),
                delivery_vat: shop.vat,
                lines,
                at: now,
                deadline: None,
            })
        };
        self.run(
            Op::CreateOrder {
                order: Box::new(order),
                channel: None,
            },
            now,
        )
    }

    /// One saved edit of the lines (several changes at once make one version).
    pub fn edit_lines(
        &self,
        order_id: &str,
        edits: Vec<proto::LineEdit>,
        now: Timestamp,
    ) -> Result<proto::OrderDetail, DeskError> {
        let order_id = parse_order_id(order_id)?;
        let vat = self.store.shop()?.vat;
        let mut out = Vec::with_capacity(edits.len());
        for edit in edits {
            out.push(match edit {
                proto::LineEdit::Add {
                    product_id,
                    quantity,
                    price,
                } => LineEdit::Add {
                    line: self.product_line(&product_id, quantity, price, vat)?,
                },
                proto::LineEdit::Remove { line_id } => LineEdit::Remove {
                    line_id: uuid(&line_id)?,
                },
                proto::LineEdit::SetQuantity { line_id, quantity } => LineEdit::SetQuantity {
                    line_id: uuid(&line_id)?,
                    quantity: Quantity(quantity),
                },
                proto::LineEdit::SetPrice { line_id, price } => LineEdit::SetPrice {
                    line_id: uuid(&line_id)?,
                    price: Kopecks(price),
                },
                proto::LineEdit::SetDiscount { line_id, discount } => LineEdit::SetDiscount {
                    line_id: uuid(&line_id)?,
                    discount: to_discount(discount),
                },
            });
        }
        // A save of values the lines already have would make a version that differs in
        // nothing.
        let order = self.store.order(order_id)?;
        if out.iter().all(|e| leaves_as_is(&order, e)) {
            return Err(unchanged(self)?);
        }
        self.run(
            Op::EditLines {
                order_id,
                edits: out,
            },
            now,
        )
    }

    pub fn set_order_discount(
        &self,
        order_id: &str,
        discount: proto::Discount,
        now: Timestamp,
    ) -> Result<proto::OrderDetail, DeskError> {
        let order_id = parse_order_id(order_id)?;
        let discount = to_discount(discount);
        // «Применить» twice would save a version that differs in nothing.
        if self.store.order(order_id)?.discount == discount {
            return Err(unchanged(self)?);
        }
        self.run(Op::SetOrderDiscount { order_id, discount }, now)
    }

    /// Changes delivery; the cost is recalculated from the shop's tariffs.
    pub fn change_delivery(
        &self,
        order_id: &str,
        change: proto::DeliveryChange,
        now: Timestamp,
    ) -> Result<proto::OrderDetail, DeskError> {
        let op = Op::ChangeDelivery {
            order_id: parse_order_id(order_id)?,
            change: delivery_change(change)?,
        };
        self.run(op, now)
    }

    /// Records money received (partial payments allowed; "paid" follows from the sum).
    pub fn record_payment(
        &self,
        order_id: &str,
        payment: proto::NewPayment,
        now: Timestamp,
    ) -> Result<proto::OrderDetail, DeskError> {
        let op = Op::RecordPayment {
            order_id: parse_order_id(order_id)?,
            payment: Payment {
                id: Uuid::now_v7(),
                amount: Kopecks(payment.amount),
                method: to_payment(payment.method),
                at: now,
                note: payment.note,
                corrects: None,
            },
        };
        self.run(op, now)
    }

    pub fn cancel(
        &self,
        order_id: &str,
        reason: Option<String>,
        now: Timestamp,
    ) -> Result<proto::OrderDetail, DeskError> {
        let id = parse_order_id(order_id)?;
        let from_stage = self.store.order(id)?.stage.stage_id;
        let op = Op::Cancel {
            order_id: id,
            from_stage,
            reason,
        };
        self.run(op, now)
    }

    /// Moves the order to a chosen stage on its route (see `OrderDetail::allowed_stages`).
    pub fn move_to(
        &self,
        order_id: &str,
        stage_id: &str,
        now: Timestamp,
    ) -> Result<proto::OrderDetail, DeskError> {
        let id = parse_order_id(order_id)?;
        let from_stage = self.store.order(id)?.stage.stage_id;
        let op = Op::MoveToStage {
            order_id: id,
            from_stage,
            to_stage: stage_id.to_owned(),
        };
        self.run(op, now)
    }

    pub fn log_call(
        &self,
        order_id: &str,
        call: proto::NewCall,
        now: Timestamp,
    ) -> Result<proto::OrderDetail, DeskError> {
        let op = Op::LogCall {
            order_id: parse_order_id(order_id)?,
            call: Call {
                id: Uuid::now_v7(),
                started_at: instant(call.started_at)?,
                ended_at: instant(call.ended_at)?,
                outcome: to_outcome(call.outcome)?,
                note: call.note,
            },
        };
        self.run(op, now)
    }

    /// The order's note for the team; empty clears it. Between PCs the last one the hub
    /// applies wins.
    pub fn set_comment(
        &self,
        order_id: &str,
        comment: Option<String>,
        now: Timestamp,
    ) -> Result<proto::OrderDetail, DeskError> {
        let op = Op::SetComment {
            order_id: parse_order_id(order_id)?,
            comment: checked_comment(comment)?,
        };
        self.run(op, now)
    }

    /// How many packages the order's goods were packed into (the transport waybill's
    /// «грузовые места»); `None` clears it. The same count again records nothing.
    pub fn set_places(
        &self,
        order_id: &str,
        places: Option<u32>,
        now: Timestamp,
    ) -> Result<proto::OrderDetail, DeskError> {
        let id = parse_order_id(order_id)?;
        if places.is_some_and(|n| n == 0 || n > domain::MAX_PLACES) {
            return Err(proto::InputProblem::Places {
                max: domain::MAX_PLACES,
            }
            .into());
        }
        if self.store.order(id)?.places == places {
            return self.order(order_id);
        }
        self.run(
            Op::SetPlaces {
                order_id: id,
                places,
            },
            now,
        )
    }

    /// Makes `version` visible to the customer: an event for the channels, in the outbox.
    pub fn publish_version(
        &self,
        order_id: &str,
        version: i64,
        now: Timestamp,
    ) -> Result<proto::OrderDetail, DeskError> {
        let op = Op::PublishVersion {
            order_id: parse_order_id(order_id)?,
            version,
        };
        self.run(op, now)
    }

    /// The customer agreed to `version` (the latest): the draft becomes the working order.
    pub fn confirm_version(
        &self,
        order_id: &str,
        version: i64,
        now: Timestamp,
    ) -> Result<proto::OrderDetail, DeskError> {
        let op = Op::ConfirmVersion {
            order_id: parse_order_id(order_id)?,
            version,
        };
        self.run(op, now)
    }

    /// A short note on `version` saying what it changed and why; empty removes it. Refused
    /// beside the field when longer than [`domain::VERSION_NOTE_MAX`] characters.
    pub fn note_version(
        &self,
        order_id: &str,
        version: i64,
        note: Option<String>,
        now: Timestamp,
    ) -> Result<proto::OrderDetail, DeskError> {
        let note = domain::version_note(note.as_deref()).map_err(crate::refusal::rules::input)?;
        let op = Op::NoteVersion {
            order_id: parse_order_id(order_id)?,
            version,
            note,
        };
        self.run(op, now)
    }

    fn product_line(
        &self,
        product_id: &str,
        quantity: i64,
        price: Option<i64>,
        shop_vat: domain::VatRate,
    ) -> Result<Line, DeskError> {
        let product =
            self.store
                .product(uuid(product_id)?)?
                .ok_or_else(|| proto::InputProblem::Product {
                    id: product_id.to_owned(),
                })?;
        let mut line = product.line(Uuid::now_v7(), Quantity(quantity), shop_vat);
        if let Some(price) = price {
            line.price = Kopecks(price);
        }
        Ok(line)
    }
}

/// An edit that sets a line to what it already has.
fn leaves_as_is(order: &Order, edit: &LineEdit) -> bool {
    let line = |id: &Uuid| order.lines.iter().find(|l| l.id == *id);
    match edit {
        LineEdit::SetQuantity { line_id, quantity } => {
            line(line_id).is_some_and(|l| l.quantity == *quantity)
        }
        LineEdit::SetPrice { line_id, price } => line(line_id).is_some_and(|l| l.price == *price),
        LineEdit::SetDiscount { line_id, discount } => {
            line(line_id).is_some_and(|l| l.discount == *discount)
        }
        LineEdit::Add { .. } | LineEdit::Remove { .. } => false,
    }
}

/// The refusal of an edit that changes nothing, worded like the domain's refusals.
fn unchanged(desk: &Desk) -> Result<DeskError, DeskError> {
    Ok(DeskError::refused(
        &desk.store.workflow()?,
        domain::OpError::Unchanged,
    ))
}

fn delivery_change(d: proto::DeliveryChange) -> Result<DeliveryChange, DeskError> {
    let window = match (d.window_from, d.window_to) {
        (Some(from), Some(to)) => Some(TimeWindow {
            from: instant(from)?,
            to: instant(to)?,
        }),
        _ => None,
    };
    Ok(DeliveryChange {
        method: to_delivery(d.method),
        zone: d.zone,
        address: d.address,
        window,
    })
}

/// The longest comment a manager may type on an order: a few paragraphs, not a pasted file.
/// Channels' own notes (a site customer's) come in as they are.
pub const COMMENT_MAX_CHARS: usize = 2_000;

fn checked_comment(comment: Option<String>) -> Result<Option<String>, DeskError> {
    match comment {
        Some(c) if c.trim().chars().count() > COMMENT_MAX_CHARS => {
            Err(proto::InputProblem::TooLong {
                field: proto::InputField::Comment,
                max: COMMENT_MAX_CHARS as u32,
            }
            .into())
        }
        other => Ok(other),
    }
}
