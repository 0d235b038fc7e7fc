//! The order's history, derived from its operation log: who, where, when, what, before → after.

use std::collections::HashMap;

use domain::{Kopecks, Op, Order, Snapshot, StagePosition, Workflow};
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
    let mut description = match &op {
        Some(op) => describe(workflow, op),
        None => format!("Действие «{}»", r.kind),
    };
    if let Some(refusal) = refusal {
        description.push_str(&refused(workflow, op.as_ref(), refusal));
    }
    proto::HistoryEntry {
        op_id: r.id.to_string(),
        at: r.at.as_millisecond(),
        actor_id: r.actor_id,
        actor_name: r.actor_name,
        role: role(r.actor_role),
        device_id: r.device_id.to_string(),
        kind: r.kind,
        description,
        before: before.map(|s| summary(workflow, &s)),
        after: after.map(|s| summary(workflow, &s)),
        refused: refusal.map(|f| f.rejection.code.clone()),
        payment,
    }
}

/// « — отклонено: <the hub's message> (код stale_version); на сервере: <the value that won>».
fn refused(workflow: &Workflow, op: Option<&Op>, refusal: &StoredRejection) -> String {
    let r = &refusal.rejection;
    let mut text = format!(
        " — отклонено сервером команды: {} (код {})",
        r.message, r.code
    );
    let current: Option<Order> = r
        .current
        .as_deref()
        .and_then(|json| serde_json::from_str(json).ok());
    let won = match (op, &current) {
        (Some(op), Some(order)) => op
            .snapshot(Some(order))
            .ok()
            .flatten()
            .map(|s| summary(workflow, &s)),
        _ => None,
    };
    if let Some(won) = won {
        text.push_str(&format!("; на сервере: {won}"));
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

fn describe(workflow: &Workflow, op: &Op) -> String {
    let name = |id: &str| stage_name(workflow, id);
    match op {
        Op::CreateOrder {
            order,
            channel: None,
        } => {
            format!("Создан заказ (телефонный), клиент {}", order.customer.name)
        }
        Op::CreateOrder {
            order,
            channel: Some(terms),
        } => {
            let paid: i64 = terms.payments.iter().map(|p| p.amount.0).sum();
            format!(
                "Заказ принят из канала, клиент {}{}",
                order.customer.name,
                if paid == 0 {
                    String::new()
                } else {
                    format!(", оплачено в канале {}", rub(Kopecks(paid)))
                }
            )
        }
        Op::AdvanceStage {
            from_stage,
            to_stage,
            ..
        }
        | Op::MoveToStage {
            from_stage,
            to_stage,
            ..
        } => {
            format!("Этап: «{}» → «{}»", name(from_stage), name(to_stage))
        }
        Op::Cancel { reason, .. } => match reason {
            Some(r) => format!("Заказ отменён: {r}"),
            None => "Заказ отменён".to_owned(),
        },
        Op::EditLines { edits, .. } => format!("Изменён состав заказа ({} изм.)", edits.len()),
        Op::SetOrderDiscount { .. } => "Изменена скидка на заказ".to_owned(),
        Op::ChangeDelivery { change, .. } => format!(
            "Доставка: {}, {}",
            delivery_name(change.method),
            change.address
        ),
        Op::FollowChannelDelivery {
            address,
            delivery_cost,
            ..
        } => format!(
            "Доставка изменена в канале: {address}, {}",
            rub(*delivery_cost)
        ),
        Op::RecordPayment { payment, .. } => format!("Принята оплата {}", rub(payment.amount)),
        Op::CorrectPayment { amount, reason, .. } => {
            format!("Оплата исправлена на {}: {}", rub(*amount), reason.trim())
        }
        Op::VoidPayment { reason, .. } => format!("Оплата аннулирована: {}", reason.trim()),
        Op::RefundPayment { amount, reason, .. } => {
            format!("Возврат денег {}: {}", rub(*amount), reason.trim())
        }
        Op::SetComment { comment, .. } => match comment {
            Some(c) => format!("Примечание: {c}"),
            None => "Примечание удалено".to_owned(),
        },
        Op::LogCall { call, .. } => {
            let secs = call.duration().as_secs();
            let outcome = match call.outcome {
                domain::CallOutcome::Reached => "дозвонились".to_owned(),
                domain::CallOutcome::NoAnswer => "не ответил".to_owned(),
                domain::CallOutcome::CallBackAt { at } => format!("перезвонить {at}"),
                domain::CallOutcome::Confirmed => "заказ подтверждён".to_owned(),
                domain::CallOutcome::Refused => "отказ".to_owned(),
            };
            format!("Звонок {} мин {} с: {outcome}", secs / 60, secs % 60)
        }
        Op::PublishVersion { version, .. } => format!("Версия {version} опубликована для клиента"),
        Op::ConfirmVersion { version, .. } => format!("Версия {version} подтверждена"),
        Op::NoteVersion { version, note, .. } => match note {
            Some(n) => format!("Комментарий к версии {version}: {n}"),
            None => format!("Комментарий к версии {version} удалён"),
        },
        Op::SetBuyer { buyer, .. } => format!("Покупатель: {}", crate::buyer::summary(buyer)),
        Op::IssueInvoice { number, .. } => format!("Выставлен счёт № {number}"),
        Op::PrintDocument {
            document,
            copies,
            printer,
            ..
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
    }
}

fn summary(workflow: &Workflow, s: &Snapshot) -> String {
    match s {
        Snapshot::Stage(p) => format!("этап «{}»", stage_name(workflow, &p.stage_id)),
        Snapshot::Content(c) => format!(
            "{} поз., скидка {}, доставка {}, итого {}",
            c.lines.len(),
            rub(c.discount_total),
            rub(c.delivery_cost),
            rub(c.total)
        ),
        Snapshot::Payments { paid, total, .. } => {
            format!("оплачено {} из {}", rub(*paid), rub(*total))
        }
        Snapshot::Calls { attempts } => format!("звонков: {attempts}"),
        Snapshot::Buyer { buyer } => crate::buyer::summary(buyer),
        Snapshot::Comment { comment } => match comment {
            Some(c) => format!("примечание «{c}»"),
            None => "без примечания".to_owned(),
        },
        Snapshot::Versions {
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
