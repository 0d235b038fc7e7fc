//! The order's history in the window's language (issue 15, point 10): the desk sends what
//! happened as data, and these words say it.

use proto::display::money;
use proto::{BuyerSummary, HistoryEvent, HubRefusalView, StateView};

use super::{call_outcome, delivery, doc_kind, Lang};

pub fn event(lang: Lang, e: &HistoryEvent) -> String {
    let ru = lang == Lang::Ru;
    match e {
        HistoryEvent::CreatedHere { customer } => match ru {
            true => format!("Создан заказ (телефонный), клиент {customer}"),
            false => format!("Order taken here (by phone), customer {customer}"),
        },
        HistoryEvent::CreatedFromChannel { customer, paid } => {
            let paid = match (*paid, ru) {
                (0, _) => String::new(),
                (p, true) => format!(", оплачено в канале {}", money(p)),
                (p, false) => format!(", {} paid in the channel", money(p)),
            };
            match ru {
                true => format!("Заказ принят из канала, клиент {customer}{paid}"),
                false => format!("Order received from the channel, customer {customer}{paid}"),
            }
        }
        HistoryEvent::StageMoved { from, to } => match ru {
            true => format!("Этап: «{from}» → «{to}»"),
            false => format!("Stage: «{from}» → «{to}»"),
        },
        HistoryEvent::Cancelled { reason } => match (reason, ru) {
            (Some(r), true) => format!("Заказ отменён: {r}"),
            (Some(r), false) => format!("Order cancelled: {r}"),
            (None, true) => "Заказ отменён".to_owned(),
            (None, false) => "Order cancelled".to_owned(),
        },
        HistoryEvent::LinesEdited { edits } => match ru {
            true => format!("Изменён состав заказа ({edits} изм.)"),
            false if *edits == 1 => "Order lines changed (1 edit)".to_owned(),
            false => format!("Order lines changed ({edits} edits)"),
        },
        HistoryEvent::DiscountChanged => match ru {
            true => "Изменена скидка на заказ".to_owned(),
            false => "Order discount changed".to_owned(),
        },
        HistoryEvent::DeliveryChanged { method, address } => match ru {
            true => format!("Доставка: {}, {address}", delivery(lang, *method)),
            false => format!("Delivery: {}, {address}", delivery(lang, *method)),
        },
        HistoryEvent::DeliveryFromChannel { address, cost } => match ru {
            true => format!("Доставка изменена в канале: {address}, {}", money(*cost)),
            false => format!(
                "Delivery changed in the channel: {address}, {}",
                money(*cost)
            ),
        },
        HistoryEvent::PaymentRecorded { amount } => match ru {
            true => format!("Принята оплата {}", money(*amount)),
            false => format!("Payment received {}", money(*amount)),
        },
        HistoryEvent::Comment { comment } => match (comment, ru) {
            (Some(c), true) => format!("Примечание: {c}"),
            (Some(c), false) => format!("Note: {c}"),
            (None, true) => "Примечание удалено".to_owned(),
            (None, false) => "Note removed".to_owned(),
        },
        HistoryEvent::Places { places } => match (places, ru) {
            (Some(n), true) => format!("Грузовых мест: {n}"),
            (Some(n), false) => format!("Packages: {n}"),
            (None, true) => "Число грузовых мест удалено".to_owned(),
            (None, false) => "Package count removed".to_owned(),
        },
        HistoryEvent::Call {
            duration_s,
            outcome,
        } => {
            let (m, s) = (duration_s / 60, duration_s % 60);
            let outcome = call_outcome(lang, *outcome);
            match ru {
                true => format!("Звонок {m} мин {s} с: {outcome}"),
                false => format!("Call {m} min {s} s: {outcome}"),
            }
        }
        HistoryEvent::VersionPublished { version } => match ru {
            true => format!("Версия {version} опубликована для клиента"),
            false => format!("Version {version} shown to the customer"),
        },
        HistoryEvent::VersionConfirmed { version } => match ru {
            true => format!("Версия {version} подтверждена"),
            false => format!("Version {version} confirmed"),
        },
        HistoryEvent::VersionNoted { version, note } => match (note, ru) {
            (Some(n), true) => format!("Комментарий к версии {version}: {n}"),
            (Some(n), false) => format!("Comment on version {version}: {n}"),
            (None, true) => format!("Комментарий к версии {version} удалён"),
            (None, false) => format!("Comment on version {version} removed"),
        },
        HistoryEvent::Buyer { buyer: b } => match ru {
            true => format!("Покупатель: {}", buyer(lang, b)),
            false => format!("Buyer: {}", buyer(lang, b)),
        },
        HistoryEvent::InvoiceIssued { number } => match ru {
            true => format!("Выставлен счёт № {number}"),
            false => format!("Invoice No. {number} issued"),
        },
        HistoryEvent::Printed {
            document,
            copies,
            printer,
        } => {
            let title = proto::DocKind::ALL
                .iter()
                .find(|k| k.code() == document)
                .map_or(document.as_str(), |k| doc_kind(lang, *k));
            match (printer, ru) {
                (Some(p), true) => format!("Печать: {title}, {copies} экз., принтер «{p}»"),
                (None, true) => format!("Печать: {title}, {copies} экз., принтер по умолчанию"),
                (Some(p), false) => format!("Printed: {title}, {copies} cop., printer «{p}»"),
                (None, false) => format!("Printed: {title}, {copies} cop., default printer"),
            }
        }
        HistoryEvent::Unknown { kind } => match ru {
            true => format!("Действие «{kind}»"),
            false => format!("Action «{kind}»"),
        },
    }
}

fn buyer(lang: Lang, b: &BuyerSummary) -> String {
    match (b, lang) {
        (BuyerSummary::Person, Lang::Ru) => "частное лицо".to_owned(),
        (BuyerSummary::Person, Lang::En) => "private person".to_owned(),
        (BuyerSummary::Company { name, inn, kpp }, _) => {
            let (inn_label, kpp_label) = match lang {
                Lang::Ru => ("ИНН", "КПП"),
                Lang::En => ("INN", "KPP"),
            };
            let mut text = format!("{name}, {inn_label} {inn}");
            if !kpp.is_empty() {
                text.push_str(&format!(", {kpp_label} {kpp}"));
            }
            text
        }
    }
}

pub fn state(lang: Lang, s: &StateView) -> String {
    let ru = lang == Lang::Ru;
    match s {
        StateView::Stage { name } => match ru {
            true => format!("этап «{name}»"),
            false => format!("stage «{name}»"),
        },
        StateView::Content {
            lines,
            discount,
            delivery,
            total,
        } => {
            let (d, dl, t) = (money(*discount), money(*delivery), money(*total));
            match ru {
                true => format!("{lines} поз., скидка {d}, доставка {dl}, итого {t}"),
                false => format!("{lines} lines, discount {d}, delivery {dl}, total {t}"),
            }
        }
        StateView::Payments { paid, total } => match ru {
            true => format!("оплачено {} из {}", money(*paid), money(*total)),
            false => format!("{} of {} paid", money(*paid), money(*total)),
        },
        StateView::Calls { attempts } => match ru {
            true => format!("звонков: {attempts}"),
            false => format!("calls: {attempts}"),
        },
        StateView::Buyer { buyer: b } => buyer(lang, b),
        StateView::Comment { comment } => match (comment, ru) {
            (Some(c), true) => format!("примечание «{c}»"),
            (Some(c), false) => format!("note «{c}»"),
            (None, true) => "без примечания".to_owned(),
            (None, false) => "no note".to_owned(),
        },
        StateView::Places { places } => match (places, ru) {
            (Some(n), true) => format!("грузовых мест: {n}"),
            (Some(n), false) => format!("packages: {n}"),
            (None, true) => "места не посчитаны".to_owned(),
            (None, false) => "packages not counted".to_owned(),
        },
        StateView::Versions {
            version,
            draft,
            published,
            confirmed,
        } => {
            let mut text = match ru {
                true => format!("версия {version}"),
                false => format!("version {version}"),
            };
            if *draft {
                text.push_str(if ru { ", черновик" } else { ", draft" });
            }
            if let Some(p) = published {
                text.push_str(&match ru {
                    true => format!(", опубликована {p}"),
                    false => format!(", {p} shown"),
                });
            }
            if let Some(c) = confirmed {
                text.push_str(&match ru {
                    true => format!(", подтверждена {c}"),
                    false => format!(", {c} confirmed"),
                });
            }
            text
        }
    }
}

/// « — refused by the team server: <why>; on the server: <what won>». Why is the code's
/// wording; a code this window does not know (a newer hub's) falls back to the hub's own
/// text with the code.
pub fn hub_refusal(lang: Lang, r: &HubRefusalView) -> String {
    let won = r.won.as_ref().map(|w| state(lang, w));
    let why = super::sync::reject_code_named(lang, &r.code).map_or_else(
        || match lang {
            Lang::Ru => format!("{} (код {})", r.message, r.code),
            Lang::En => format!("{} (code {})", r.message, r.code),
        },
        str::to_owned,
    );
    match (lang, won) {
        (Lang::Ru, won) => format!(
            " — отклонено сервером команды: {why}{}",
            won.map_or_else(String::new, |w| format!("; на сервере: {w}"))
        ),
        (Lang::En, won) => format!(
            " — refused by the team server: {why}{}",
            won.map_or_else(String::new, |w| format!("; on the server: {w}"))
        ),
    }
}
