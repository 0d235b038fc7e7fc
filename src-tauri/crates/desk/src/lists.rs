//! Queues, search, versions and alerts.

use domain::{Change, StageKind, VersionDiff};
use jiff::Timestamp;
use store::QueueFilter;

use crate::convert::{discount, instant, role, to_channel, to_delivery, to_payment, vat_rate};
use crate::{parse_order_id, view, Desk, DeskError};

/// Search results shown at most.
const SEARCH_LIMIT: u32 = 50;

impl Desk {
    /// A queue (all, mine, one stage, problems) with filters, the nearest deadline first.
    pub fn orders(
        &self,
        query: proto::QueueQuery,
        now: Timestamp,
    ) -> Result<Vec<proto::OrderRow>, DeskError> {
        let filter = self.queue_filter(query, now)?;
        let rows = self.store.orders(&filter)?;
        self.annotate(rows.into_iter().map(|r| view::row(r, now)).collect())
    }

    /// How many orders the queue holds beyond its limit: the list says «shown N of M».
    pub fn count_orders(&self, query: proto::QueueQuery, now: Timestamp) -> Result<u64, DeskError> {
        let filter = self.queue_filter(query, now)?;
        Ok(self.store.count_orders(&filter)?)
    }

    fn queue_filter(
        &self,
        query: proto::QueueQuery,
        now: Timestamp,
    ) -> Result<QueueFilter, DeskError> {
        let workflow = self.store.workflow()?;
        let actor = self.actor();
        let removed =
            || -> Vec<String> { workflow.retired().iter().map(|s| s.id.clone()).collect() };
        let mut flagged = Vec::new();
        let (stages, overdue_at) = match query.scope {
            proto::QueueScope::All => (None, None),
            proto::QueueScope::Mine => (
                Some(
                    workflow
                        .stages()
                        .iter()
                        .filter(|s| s.responsible.includes(actor.role, &actor.id))
                        .map(|s| s.id.clone())
                        .collect(),
                ),
                None,
            ),
            proto::QueueScope::Stage { stage_id } => {
                let known = workflow.stage(&stage_id).is_some()
                    || workflow.retired_stage(&stage_id).is_some();
                if !known {
                    return Err(DeskError::StageNotFound(stage_id));
                }
                (Some(vec![stage_id]), None)
            }
            proto::QueueScope::Problems => {
                flagged = removed();
                let mut stages = clocked_stages(&workflow);
                stages.extend(flagged.iter().cloned());
                (Some(stages), Some(now))
            }
        };
        let filter = QueueFilter {
            stages,
            overdue_at,
            flagged,
            channel: query.channel.map(to_channel),
            delivery: query.delivery.map(to_delivery),
            payment: query.payment.map(to_payment),
            paid: query.paid,
            created_from: match &query.from_day {
                Some(day) => Some(self.day_start(day, 0)?),
                None => query.created_from.map(instant).transpose()?,
            },
            // Up to the end of the day: the next day's start, exclusive.
            created_to: match &query.to_day {
                Some(day) => Some(self.day_start(day, 1)?),
                None => query.created_to.map(instant).transpose()?,
            },
            limit: query.limit,
        };
        Ok(filter)
    }

    /// Orders by number, phone in any spelling, e-mail, or customer name (prefixes; ё = е).
    pub fn search(&self, text: &str, now: Timestamp) -> Result<Vec<proto::OrderRow>, DeskError> {
        let rows = self.store.search(text, SEARCH_LIMIT)?;
        self.annotate(rows.into_iter().map(|r| view::row(r, now)).collect())
    }

    /// The order's versions, oldest first, each marked as in force, shown to the customer
    /// and confirmed as it is, with its note.
    pub fn versions(&self, order_id: &str) -> Result<Vec<proto::VersionSummary>, DeskError> {
        let id = parse_order_id(order_id)?;
        let order = self.store.order(id)?;
        Ok(self
            .store
            .versions(id)?
            .into_iter()
            .map(|v| {
                let marks = order.version_marks(v.number);
                proto::VersionSummary {
                    number: v.number,
                    created_at: v.created_at.as_millisecond(),
                    actor: v.actor_name,
                    total: v.total.0,
                    published: marks.shown,
                    confirmed: marks.confirmed,
                    in_force: marks.in_force,
                    note: v.note,
                }
            })
            .collect())
    }

    /// What changed from version `from` to version `to`.
    pub fn diff_versions(
        &self,
        order_id: &str,
        from: i64,
        to: i64,
    ) -> Result<proto::VersionDiff, DeskError> {
        let id = parse_order_id(order_id)?;
        let load = |n| {
            self.store
                .version(id, n)?
                .ok_or(DeskError::VersionNotFound(n))
        };
        let (a, b) = (load(from)?, load(to)?);
        Ok(diff_view(from, to, VersionDiff::between(&a, &b)))
    }

    /// Orders that have just become overdue in stages the signed-in user answers for (every
    /// stage for the administrator), each once per stage entry; they are marked alerted in the
    /// same transaction. Stages whose clock is paused never alert.
    pub fn due_alerts(&self, now: Timestamp) -> Result<Vec<proto::Alert>, DeskError> {
        // Alerts go to the people responsible for the stage and to the administrator; orders
        // of other stages stay unannounced on this PC until someone responsible signs in.
        // With nobody signed in there is no one to tell (the desk's stand-in actor is an
        // administrator, who would take them all).
        if self.nobody_signed_in_here() {
            return Ok(Vec::new());
        }
        let workflow = self.store.workflow()?;
        let actor = self.actor();
        let mine: Vec<String> = clocked_stages(&workflow)
            .into_iter()
            .filter(|id| {
                actor.role == domain::Role::Admin
                    || workflow
                        .stage(id)
                        .is_some_and(|s| s.responsible.includes(actor.role, &actor.id))
            })
            .collect();
        let due = self.store.take_due_alerts(now, mine)?;
        Ok(due
            .into_iter()
            .filter_map(|r| {
                let stage = workflow.stage(&r.stage_id)?;
                let deadline = r.deadline?;
                Some(proto::Alert {
                    order_id: r.id.to_string(),
                    number: r.number.to_string(),
                    customer: r.customer,
                    stage_id: stage.id.clone(),
                    stage_name: stage.name.clone(),
                    deadline: deadline.as_millisecond(),
                    overdue_ms: now.as_millisecond() - deadline.as_millisecond(),
                    responsible_roles: stage.responsible.roles.iter().map(|r| role(*r)).collect(),
                    responsible_users: stage.responsible.users.clone(),
                })
            })
            .collect())
    }
}

/// Open stages whose clock runs: the only ones an order can be overdue in.
fn clocked_stages(workflow: &domain::Workflow) -> Vec<String> {
    workflow
        .stages()
        .iter()
        .filter(|s| s.kind == StageKind::Normal && !s.clock_paused && s.time_limit.is_some())
        .map(|s| s.id.clone())
        .collect()
}

fn change<T, U>(c: Change<T>, f: impl Fn(T) -> U) -> proto::Change<U> {
    proto::Change {
        before: f(c.before),
        after: f(c.after),
    }
}

fn diff_line(l: domain::Line) -> proto::DiffLine {
    proto::DiffLine {
        line_id: l.id.to_string(),
        sku: l.sku,
        name: l.name,
        quantity: l.quantity.0,
        price: l.price.0,
    }
}

fn diff_view(from: i64, to: i64, d: VersionDiff) -> proto::VersionDiff {
    proto::VersionDiff {
        from,
        to,
        added: d.added.into_iter().map(diff_line).collect(),
        removed: d.removed.into_iter().map(diff_line).collect(),
        changed: d
            .changed
            .into_iter()
            .map(|c| proto::LineChangeView {
                line_id: c.line_id.to_string(),
                name: c.name,
                quantity: c.quantity.map(|q| change(q, |q| q.0)),
                price: c.price.map(|p| change(p, |p| p.0)),
                discount: c.discount.map(|x| change(x, discount)),
                vat: c.vat.map(|x| change(x, vat_rate)),
            })
            .collect(),
        discount: d.discount.map(|x| change(x, discount)),
        delivery: d.delivery.map(|x| change(x, view::delivery)),
        delivery_zone: d.delivery_zone.map(|x| change(x, |z| z)),
        address: d.address.map(|x| change(x, |a| a)),
        delivery_window: d.delivery_window.map(|x| {
            change(x, |w| {
                w.map(|w| proto::DiffWindow {
                    from: w.from.as_millisecond(),
                    to: w.to.as_millisecond(),
                })
            })
        }),
        delivery_cost: d.delivery_cost.map(|x| change(x, |k| k.0)),
        delivery_vat: d.delivery_vat.map(|x| change(x, vat_rate)),
        subtotal: change(d.subtotal, |k| k.0),
        discount_total: change(d.discount_total, |k| k.0),
        total: change(d.total, |k| k.0),
    }
}
