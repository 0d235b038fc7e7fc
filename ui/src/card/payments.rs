//! Payments: what came in and went back, each entry with what it counts now; recording a
//! payment; correcting, voiding and refunding one with a reason the history keeps (issue 15,
//! point 4). The forms are the card's own, not browser prompts.

use leptos::prelude::*;
use proto::display::parse_money;
use proto::{NewPayment, OrderDetail, PaymentEntryKind, PaymentFix, PaymentView};

use super::delivery::payment_methods_select;
use super::{act_beside, said_invalid as invalid, said_note as note};
use crate::api;
use crate::format;
use crate::i18n::{self, error_text, pay, t, Key, Lang, Pay};

/// A refusal of the block's forms, kept beside what it is about: the amount, the reason or
/// the button (what the desk refused). Typing in a field takes its own away.
#[derive(Clone, Copy)]
struct Said {
    amount: RwSignal<Option<String>>,
    reason: RwSignal<Option<String>>,
    action: RwSignal<Option<String>>,
}

impl Said {
    fn new() -> Said {
        Said {
            amount: RwSignal::new(None),
            reason: RwSignal::new(None),
            action: RwSignal::new(None),
        }
    }
}

/// Which fix form is open: for which payment (none for a refund) and what it does.
#[derive(Clone, PartialEq, Eq)]
enum Form {
    Correct(String),
    Void(String),
    Refund,
}

pub fn block(lang: Lang, order: &OrderDetail) -> impl IntoView {
    let busy = RwSignal::new(false);
    let said = Said::new();
    let form = RwSignal::new(None::<Form>);
    let due = (order.total - order.paid).max(0);
    let amount = RwSignal::new(if due > 0 {
        format::amount(due)
    } else {
        String::new()
    });
    let method = RwSignal::new(order.payment);
    let id = order.id.clone();
    let record = {
        let id = id.clone();
        move |_| match parse_money(&amount.get_untracked()).filter(|a| *a > 0) {
            Some(amount) => {
                let payment = NewPayment {
                    amount,
                    method: method.get_untracked(),
                    note: None,
                };
                let id = id.clone();
                act_beside(busy, said.action, move || async move {
                    api::record_payment(&id, payment).await
                });
            }
            None => said.amount.set(Some(t(lang, Key::WrongAmount).to_owned())),
        }
    };
    let entries = order
        .payments
        .iter()
        .map(|p| entry(lang, p, form))
        .collect_view();
    let fully_paid = order.paid >= order.total;
    let can_refund = order.paid > 0;
    let fix_form = {
        let id = id.clone();
        let paid = order.paid;
        let payments = order.payments.clone();
        let method = order.payment;
        move || {
            form.get().map(|f| {
                // The form starts from what the payment counts now (all that is paid, for a
                // refund), so a typo is fixed by changing a digit.
                let start = match &f {
                    Form::Correct(id) => payments
                        .iter()
                        .find(|p| &p.id == id)
                        .map_or(0, |p| p.counts.abs()),
                    Form::Void(_) => 0,
                    Form::Refund => paid,
                };
                fix(lang, id.clone(), f, form, busy, start, method)
            })
        }
    };
    view! {
        <h3>{t(lang, Key::Payment)}</h3>
        <p>
            {i18n::payment(lang, order.payment)}" · "
            <span class="badge" class:paid=fully_paid id="payment-status">
                {i18n::payment_status(lang, order.payment_status)}
            </span>
            " "{t(lang, Key::Paid)}": "<span id="paid-total">{format::money(order.paid)}</span>
        </p>
        <ul class="payments" id="payments">{entries}</ul>
        {fix_form}
        <div class="inline-form">
            <input id="payment-amount" class="money" prop:value=move || amount.get()
                aria-invalid=invalid(said.amount)
                on:input=move |ev| { said.amount.set(None); amount.set(event_target_value(&ev)) }/>
            {payment_methods_select(lang, method, "payment-method")}
            <button id="record-payment" disabled=move || busy.get() on:click=record>{t(lang, Key::RecordPayment)}</button>
            {can_refund.then(|| view! {
                <button id="refund-payment" on:click=move |_| form.set(Some(Form::Refund))>{pay(lang, Pay::Refund)}</button>
            })}
        </div>
        {note(said.amount, "payment-amount")}
        {note(said.action, "record-payment")}
    }
}

/// One entry: when, how much, how; a receipt or refund that still counts offers its fixes.
fn entry(lang: Lang, p: &PaymentView, form: RwSignal<Option<Form>>) -> impl IntoView {
    let label = match p.kind {
        PaymentEntryKind::Receipt => None,
        PaymentEntryKind::Refund => Some(pay(lang, Pay::RefundEntry)),
        PaymentEntryKind::Correction => Some(pay(lang, Pay::CorrectionEntry)),
        PaymentEntryKind::Void => Some(pay(lang, Pay::VoidEntry)),
    };
    let original = matches!(p.kind, PaymentEntryKind::Receipt | PaymentEntryKind::Refund);
    let voided = original && p.counts == 0;
    let corrected = original && !voided && p.counts != p.amount;
    let (correct_id, void_id) = (p.id.clone(), p.id.clone());
    let fixes = (original && !voided).then(|| {
        view! {
            <button class="link fix-correct" on:click=move |_| form.set(Some(Form::Correct(correct_id.clone())))>{pay(lang, Pay::Correct)}</button>
            <button class="link fix-void" on:click=move |_| form.set(Some(Form::Void(void_id.clone())))>{pay(lang, Pay::Void)}</button>
        }
    });
    view! {
        <li class:voided=voided class:fix=!original data-payment=p.id.clone() data-kind=format!("{:?}", p.kind).to_lowercase()>
            {format::date_time(p.at)}" · "
            {if voided { view! { <s>{format::money(p.amount)}</s> }.into_any() } else { format::money(p.amount).into_any() }}
            " · "{i18n::payment(lang, p.method)}
            {label.map(|l| view! { " · "<em>{l}</em> })}
            {voided.then(|| view! { " · "<em class="late">{pay(lang, Pay::Voided)}</em> })}
            {corrected.then(|| view! { " · "{pay(lang, Pay::Counts)}" "{format::money(p.counts)} })}
            {p.note.clone().map(|n| view! { <span class="sku">" — "{n}</span> })}
            " "{fixes}
        </li>
    }
}

/// The open form: the amount (for a correction or refund), the method (refund) and the
/// reason, which is required.
fn fix(
    lang: Lang,
    order_id: String,
    which: Form,
    form: RwSignal<Option<Form>>,
    busy: RwSignal<bool>,
    start: i64,
    method: proto::PaymentMethod,
) -> impl IntoView {
    let said = Said::new();
    let amount = RwSignal::new(if start > 0 {
        format::amount(start)
    } else {
        String::new()
    });
    let reason = RwSignal::new(String::new());
    let refund_method = RwSignal::new(method);
    let (title, button) = match &which {
        Form::Correct(_) => (pay(lang, Pay::DoCorrect), pay(lang, Pay::DoCorrect)),
        Form::Void(_) => (pay(lang, Pay::DoVoid), pay(lang, Pay::DoVoid)),
        Form::Refund => (pay(lang, Pay::DoRefund), pay(lang, Pay::DoRefund)),
    };
    let needs_amount = !matches!(which, Form::Void(_));
    let is_refund = which == Form::Refund;
    let submit = move |_| {
        let reason_text = reason.get_untracked();
        let amount_typed = if needs_amount {
            match parse_money(&amount.get_untracked()).filter(|a| *a > 0) {
                Some(a) => a,
                None => {
                    said.amount.set(Some(t(lang, Key::WrongAmount).to_owned()));
                    return;
                }
            }
        } else {
            0
        };
        // The desk refuses a blank reason too; asking here keeps the form open with the text.
        if reason_text.trim().is_empty() {
            let required = proto::CommandError {
                refusal: Some(proto::Refusal::ReasonRequired),
                ..proto::CommandError::new(proto::ErrorCode::InvalidInput, "")
            };
            said.reason.set(Some(error_text(lang, &required)));
            return;
        }
        let fix = match &which {
            Form::Correct(id) => PaymentFix::Correct {
                payment_id: id.clone(),
                amount: amount_typed,
                reason: reason_text,
            },
            Form::Void(id) => PaymentFix::Void {
                payment_id: id.clone(),
                reason: reason_text,
            },
            Form::Refund => PaymentFix::Refund {
                amount: amount_typed,
                method: refund_method.get_untracked(),
                reason: reason_text,
            },
        };
        let id = order_id.clone();
        act_beside(busy, said.action, move || async move {
            let done = api::fix_payment(&id, fix).await;
            if done.is_ok() {
                form.set(None);
            }
            done
        });
    };
    view! {
        <div class="payment-fix" id="payment-fix">
            <strong>{title}</strong>
            <div class="inline-form">
                {needs_amount.then(|| view! {
                    <label>{if is_refund { t(lang, Key::Amount) } else { pay(lang, Pay::NewAmount) }}
                        <input id="fix-amount" class="money" prop:value=move || amount.get()
                            aria-invalid=invalid(said.amount)
                            on:input=move |ev| { said.amount.set(None); amount.set(event_target_value(&ev)) }/>
                    </label>
                })}
                {is_refund.then(|| payment_methods_select(lang, refund_method, "refund-method"))}
                <label>{pay(lang, Pay::Reason)}
                    <input id="fix-reason" placeholder=pay(lang, Pay::ReasonHint) prop:value=move || reason.get()
                        aria-invalid=invalid(said.reason)
                        on:input=move |ev| { said.reason.set(None); reason.set(event_target_value(&ev)) }/>
                </label>
                <button class="primary" id="fix-submit" disabled=move || busy.get() on:click=submit>{button}</button>
                <button id="fix-cancel" on:click=move |_| form.set(None)>{pay(lang, Pay::Cancel)}</button>
            </div>
            {note(said.amount, "fix-amount")}
            {note(said.reason, "fix-reason")}
            {note(said.action, "fix-submit")}
        </div>
    }
}
