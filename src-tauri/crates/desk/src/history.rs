//! The order's history, derived from its operation log: who, where, when, what, before → after.

use std::collections::HashMap;

use domain::{Kopecks, Op, Order, Snapshot, StagePosition, Workflow};
use proto::{BuyerSummary, HistoryEvent, HubRefusalView, StateView};
use store::{OpRecord, StoredRejection};
use uuid::Uuid;

use crate::convert::role;
use crate::refusal::delivery_name;
use crate::{parse_order_id, Desk, DeskError};

impl Desk {
    /// Every recorded action on the order, oldest first, described in Russian.
    pub fn history(&self, order_id: &str) -> Result<Vec<proto::HistoryEntry>, DeskError> {
        let id = parse_order_id(order_id)?;
        let workflow = self.store.workflow()?;
        // This desk's ops the team hub refused: marked in place, with what won.
        let refusals: HashMap<Uuid, StoredRejection> = self
            .store
            .rejections()?
            .into_iter()
            .filter(|r| r.order_id == Some(id))
            .map(|r| (r.rejection.op_id, r))
            .collect();
        Ok(self
            .store
            .order_ops(id)?
            .into_iter()
            .map(|r| {
                let refusal = refusals.get(&r.id);
                entry(&workflow, r, refusal)
            })
            .collect())
    }
}

fn entry(
    workflow: &Workflow,
    r: OpRecord,
    refusal: Option<&StoredRejection>,
) -> proto::HistoryEntry {
    let op: Option<Op> = serde_json::from_str(&r.payload).ok();
    let before = r.before.as_deref().and_then(snapshot);
    let after = r.after.as_deref().and_then(snapshot);
    let payment = op
        .as_ref()
        .and_then(|op| crate::payment_fix::event(op, before.as_ref(), after.as_ref()));
    // Payment fixes are worded from `payment` (their reason, the amount's sign).
    let (event, mut description) = match &op {
        Some(op) if is_payment_fix(op) => (None, describe_payment_fix(op)),
        Some(op) => {
            let e = event(workflow, op);
            let text = describe(&e);
            (Some(e), text)
        }
        None => {
            let e = HistoryEvent::Unknown {
                kind: r.kind.clone(),
            };
            let text = describe(&e);
            (Some(e), text)
        }
    };
    let hub_refusal = refusal.map(|f| refused(workflow, op.as_ref(), f));
    if let Some(refusal) = &hub_refusal {
        description.push_str(&refused_ru(refusal));
    }
    let before_state = before.map(|s| state(workflow, &s));
    let after_state = after.map(|s| state(workflow, &s));
    proto::HistoryEntry {
        op_id: r.id.to_string(),
        at: r.at.as_millisecond(),
        actor_id: r.actor_id,
        actor_name: r.actor_name,
        role: role(r.actor_role),
        device_id: r.device_id.to_string(),
        kind: r.kind,
        description,
        before: before_state.as_ref().map(summary),
        after: after_state.as_ref().map(summary),
        refused: refusal.map(|f| f.rejection.code.clone()),
        payment,
        event,
        before_state,
        after_state,
        hub_refusal,
    }
}

/// The hub's refusal of this desk's op, and the value that won there.
fn refused(workflow: &Workflow, op: Option<&Op>, refusal: &StoredRejection) -> HubRefusalView {
    let r = &refusal.rejection;
    let current: Option<Order> = r
        .current
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok());
    let won = match (op, &current) {
        (Some(op), Some(order)) => op
            .snapshot(Some(order))
            .ok()
            .flatten()
            .map(|s| state(workflow, &s)),
        _ => None,
    };
    HubRefusalView {
        code: r.code.clone(),
        message: r.message.clone(),
        won,
    }
}

/// « — отклонено: <the hub's message> (код stale_version); на сервере: <the value that won>».
fn refused_ru(r: &HubRefusalView) -> String {
    let mut text = format!(
        " — отклонено сервером команды: {} (код {})",
        r.message, r.code
    );
    if let Some(won) = &r.won {
        text.push_str(&format!("; на сервере: {}", summary(won)));
    }
    text
}

/// Ops recorded before snapshots were tagged stored a bare stage position.
fn snapshot(json: &str) -> Option<Snapshot> {
    serde_json::from_str(json).ok().or_else(|| {
        serde_json::from_str::<StagePosition>(json)
            .ok()
            .map(Snapshot::Stage)
    })
}

fn stage_name(workflow: &Workflow, id: &str) -> String {
    workflow
        .stage(id)
        .map_or_else(|| id.to_owned(), |s| s.name.clone())
}

fn rub(k: Kopecks) -> String {
    proto::display::money(k.0)
}

fn buyer(b: &domain::Buyer) -> BuyerSummary {
    match b.company() {
        None => BuyerSummary::Person,
        Some(c) => BuyerSummary::Company {
            name: c.name.clone(),
            inn: c.inn.clone(),
            kpp: c.kpp.clone(),
        },
    }
}

fn is_payment_fix(op: &Op) -> bool {
    matches!(
        op,
        Op::CorrectPayment { .. } | Op::VoidPayment { .. } | Op::RefundPayment { .. }
    )
}

fn describe_payment_fix(op: &Op) -> String {
    match op {
        Op::CorrectPayment { amount, reason, .. } => {
            format!("Оплата исправлена на {}: {}", rub(*amount), reason.trim())
        }
        Op::VoidPayment { reason, .. } => format!("Оплата аннулирована: {}", reason.trim()),
        Op::RefundPayment { amount, reason, .. } => {
            format!("Возврат денег {}: {}", rub(*amount), reason.trim())
        }
        _ => String::new(),
    }
}

/// The op as data, with stages named as the shop names them.
fn event(workflow: &Workflow, op: &Op) -> HistoryEvent {
    let name = |id: &str| stage_name(workflow, id);
    match op {
        Op::CreateOrder {
            order,
            channel: None,
        } => HistoryEvent::CreatedHere {
            customer: order.customer.name.clone(),
        },
        Op::CreateOrder {
            order,
            channel: Some(terms),
        } => HistoryEvent::CreatedFromChannel {
            customer: order.customer.name.clone(),
            paid: terms.payments.iter().map(|p| p.amount.0).sum(),
        },
        Op::AdvanceStage {
            from_stage,
            to_stage,
            ..
        }
        | Op::MoveToStage {
            from_stage,
            to_stage,
            ..
        } => HistoryEvent::StageMoved {
            from: name(from_stage),
            to: name(to_stage),
        },
        Op::Cancel { reason, .. } => HistoryEvent::Cancelled {
            reason: reason.clone(),
        },
        Op::EditLines { edits, .. } => HistoryEvent::LinesEdited {
            edits: u32::try_from(edits.len()).unwrap_or(u32::MAX),
        },
        Op::SetOrderDiscount { .. } => HistoryEvent::DiscountChanged,
        Op::ChangeDelivery { change, .. } => HistoryEvent::DeliveryChanged {
            method: crate::view::delivery(change.method),
            address: change.address.clone(),
        },
        Op::FollowChannelDelivery {
            address,
            delivery_cost,
            ..
        } => HistoryEvent::DeliveryFromChannel {
            address: address.clone(),
            cost: delivery_cost.0,
        },
        Op::RecordPayment { payment, .. } => HistoryEvent::PaymentRecorded {
            amount: payment.amount.0,
        },
        // Never asked: `entry` words payment fixes itself.
        Op::CorrectPayment { .. } | Op::VoidPayment { .. } | Op::RefundPayment { .. } => {
            HistoryEvent::Unknown {
                kind: op_kind(op).to_owned(),
            }
        }
        Op::SetComment { comment, .. } => HistoryEvent::Comment {
            comment: comment.clone(),
        },
        Op::SetPlaces { places, .. } => HistoryEvent::Places { places: *places },
        Op::LogCall { call, .. } => HistoryEvent::Call {
            duration_s: u64::try_from(call.duration().as_secs()).unwrap_or(0),
            outcome: crate::convert::outcome(call.outcome),
        },
        Op::PublishVersion { version, .. } => HistoryEvent::VersionPublished { version: *version },
        Op::ConfirmVersion { version, .. } => HistoryEvent::VersionConfirmed { version: *version },
        Op::NoteVersion { version, note, .. } => HistoryEvent::VersionNoted {
            version: *version,
            note: note.clone(),
        },
        Op::SetBuyer { buyer: b, .. } => HistoryEvent::Buyer { buyer: buyer(b) },
        Op::IssueInvoice { number, .. } => HistoryEvent::InvoiceIssued {
            number: number.clone(),
        },
        Op::PrintDocument {
            document,
            copies,
            printer,
            ..
        } => HistoryEvent::Printed {
            document: document.clone(),
            copies: *copies,
            printer: printer.clone(),
        },
    }
}

fn op_kind(op: &Op) -> &'static str {
    match op {
        Op::CorrectPayment { .. } => "correct_payment",
        Op::VoidPayment { .. } => "void_payment",
        _ => "refund_payment",
    }
}

/// The event in Russian, as the history has always said it.
fn describe(event: &HistoryEvent) -> String {
    match event {
        HistoryEvent::CreatedHere { customer } => {
            format!("Создан заказ (телефонный), клиент {customer}")
        }
        HistoryEvent::CreatedFromChannel { customer, paid } => format!(
            "Заказ принят из канала, клиент {customer}{}",
            if *paid == 0 {
                String::new()
            } else {
                format!(", оплачено в канале {}", proto::display::money(*paid))
            }
        ),
        HistoryEvent::StageMoved { from, to } => format!("Этап: «{from}» → «{to}»"),
        HistoryEvent::Cancelled { reason } => match reason {
            Some(r) => format!("Заказ отменён: {r}"),
            None => "Заказ отменён".to_owned(),
        },
        HistoryEvent::LinesEdited { edits } => format!("Изменён состав заказа ({edits} изм.)"),
        HistoryEvent::DiscountChanged => "Изменена скидка на заказ".to_owned(),
        HistoryEvent::DeliveryChanged { method, address } => {
            format!(
                "Доставка: {}, {address}",
                delivery_name(crate::convert::to_delivery(*method))
            )
        }
        HistoryEvent::DeliveryFromChannel { address, cost } => format!(
            "Доставка изменена в канале: {address}, {}",
            proto::display::money(*cost)
        ),
        HistoryEvent::PaymentRecorded { amount } => {
            format!("Принята оплата {}", proto::display::money(*amount))
        }
        HistoryEvent::Comment { comment } => match comment {
            Some(c) => format!("Примечание: {c}"),
            None => "Примечание удалено".to_owned(),
        },
        HistoryEvent::Places { places } => match places {
            Some(n) => format!("Грузовых мест: {n}"),
            None => "Число грузовых мест удалено".to_owned(),
        },
        HistoryEvent::Call {
            duration_s,
            outcome,
        } => {
            let outcome = match outcome {
                proto::CallOutcome::Reached => "дозвонились".to_owned(),
                proto::CallOutcome::NoAnswer => "не ответил".to_owned(),
                proto::CallOutcome::CallBackAt { at } => format!(
                    "перезвонить {}",
                    jiff::Timestamp::from_millisecond(*at)
                        .map_or_else(|_| at.to_string(), |t| t.to_string())
                ),
                proto::CallOutcome::Confirmed => "заказ подтверждён".to_owned(),
                proto::CallOutcome::Refused => "отказ".to_owned(),
            };
            format!(
                "Звонок {} мин {} с: {outcome}",
                duration_s / 60,
                duration_s % 60
            )
        }
        HistoryEvent::VersionPublished { version } => {
            format!("Версия {version} опубликована для клиента")
        }
        HistoryEvent::VersionConfirmed { version } => format!("Версия {version} подтверждена"),
        HistoryEvent::VersionNoted { version, note } => match note {
            Some(n) => format!("Комментарий к версии {version}: {n}"),
            None => format!("Комментарий к версии {version} удалён"),
        },
        HistoryEvent::Buyer { buyer } => format!("Покупатель: {}", buyer_ru(buyer)),
        HistoryEvent::InvoiceIssued { number } => format!("Выставлен счёт № {number}"),
        HistoryEvent::Printed {
            document,
            copies,
            printer,
        } => {
            let title = proto::DocKind::ALL
                .iter()
                .find(|k| k.code() == document)
                .map_or(document.as_str(), |k| k.title());
            let printer = printer.as_deref().map_or_else(
                || "принтер по умолчанию".to_owned(),
                |p| format!("принтер «{p}»"),
            );
            format!("Печать: {title}, {copies} экз., {printer}")
        }
        HistoryEvent::Unknown { kind } => format!("Действие «{kind}»"),
    }
}

fn buyer_ru(b: &BuyerSummary) -> String {
    match b {
        BuyerSummary::Person => "частное лицо".to_owned(),
        BuyerSummary::Company { name, inn, kpp } => {
            let mut text = format!("{name}, ИНН {inn}");
            if !kpp.is_empty() {
                text.push_str(&format!(", КПП {kpp}"));
            }
            text
        }
    }
}

fn state(workflow: &Workflow, s: &Snapshot) -> StateView {
    match s {
        Snapshot::Stage(p) => StateView::Stage {
            name: stage_name(workflow, &p.stage_id),
        },
        Snapshot::Content(c) => StateView::Content {
            lines: u32::try_from(c.lines.len()).unwrap_or(u32::MAX),
            discount: c.discount_total.0,
            delivery: c.delivery_cost.0,
            total: c.total.0,
        },
        Snapshot::Payments { paid, total, .. } => StateView::Payments {
            paid: paid.0,
            total: total.0,
        },
        Snapshot::Calls { attempts } => StateView::Calls {
            attempts: *attempts,
        },
        Snapshot::Buyer { buyer: b } => StateView::Buyer { buyer: buyer(b) },
        Snapshot::Comment { comment } => StateView::Comment {
            comment: comment.clone(),
        },
        Snapshot::Places { places } => StateView::Places { places: *places },
        Snapshot::Versions {
            version,
            draft,
            published,
            confirmed,
        } => StateView::Versions {
            version: *version,
            draft: *draft,
            published: *published,
            confirmed: *confirmed,
        },
    }
}

/// The state in Russian, as the history has always said it.
fn summary(s: &StateView) -> String {
    let rub = |k: &i64| proto::display::money(*k);
    match s {
        StateView::Stage { name } => format!("этап «{name}»"),
        StateView::Content {
            lines,
            discount,
            delivery,
            total,
        } => format!(
            "{lines} поз., скидка {}, доставка {}, итого {}",
            rub(discount),
            rub(delivery),
            rub(total)
        ),
        StateView::Payments { paid, total } => {
            format!("оплачено {} из {}", rub(paid), rub(total))
        }
        StateView::Calls { attempts } => format!("звонков: {attempts}"),
        StateView::Buyer { buyer } => buyer_ru(buyer),
        StateView::Comment { comment } => match comment {
            Some(c) => format!("примечание «{c}»"),
            None => "без примечания".to_owned(),
        },
        StateView::Places { places } => match places {
            Some(n) => format!("грузовых мест: {n}"),
            None => "места не посчитаны".to_owned(),
        },
        StateView::Versions {
            version,
            draft,
            published,
            confirmed,
        } => {
            let mut text = format!("версия {version}");
            if *draft {
                text.push_str(", черновик");
            }
            if let Some(p) = published {
                text.push_str(&format!(", опубликована {p}"));
            }
            if let Some(c) = confirmed {
                text.push_str(&format!(", подтверждена {c}"));
            }
            text
        }
    }
}
