//! «Доставка и оплата» (issue 14, point 4): the methods a phone order may be taken with and
//! the delivery tariffs by method and zone (a zone may be a district, a pickup point or a
//! transport company's rate). Saved as one shop op; a refusal is said beside what it is about
//! (the methods offered, the tariff row it concerns, else the save button), never in the banner.

use leptos::prelude::*;
use proto::display::{amount, parse_money};
use proto::{
    DeliveryMethod, DeliveryPaymentProblem, DeliveryPaymentView, ErrorReason, InputProblem,
    PaymentMethod, TariffView,
};

use crate::api_admin as api;
use crate::app::Ctx;
use crate::i18n::{self, t, Key, DELIVERY_METHODS, PAYMENT_METHODS};

/// One tariff row as typed; each field its own signal, so typing keeps the focus.
#[derive(Clone, Copy)]
struct Row {
    method: RwSignal<DeliveryMethod>,
    zone: RwSignal<String>,
    cost: RwSignal<String>,
    free_from: RwSignal<String>,
}

impl Row {
    fn of(t: &TariffView) -> Row {
        Row {
            method: RwSignal::new(t.method),
            zone: RwSignal::new(t.zone.clone()),
            cost: RwSignal::new(amount(t.cost)),
            free_from: RwSignal::new(t.free_from.map(amount).unwrap_or_default()),
        }
    }

    /// `None` when a sum does not read as rubles.
    fn read(self) -> Option<TariffView> {
        let free = self.free_from.get_untracked();
        let free_from = if free.trim().is_empty() {
            None
        } else {
            Some(parse_money(&free)?)
        };
        Some(TariffView {
            method: self.method.get_untracked(),
            zone: self.zone.get_untracked(),
            cost: parse_money(&self.cost.get_untracked())?,
            free_from,
        })
    }
}

fn method_code(m: DeliveryMethod) -> usize {
    DELIVERY_METHODS.iter().position(|x| *x == m).unwrap_or(0)
}

#[component]
pub fn DeliveryPaymentSettings() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let delivery = RwSignal::new(Vec::<DeliveryMethod>::new());
    let payment = RwSignal::new(Vec::<PaymentMethod>::new());
    let rows = RwSignal::new(Vec::<Row>::new());
    let saved = RwSignal::new(false);
    let refused = RwSignal::new(None::<DeliveryPaymentProblem>);
    // What the desk refused that is not about the setting itself (not an administrator, a
    // copy open read-only), said beside «Сохранить».
    let failed = RwSignal::new(None::<proto::CommandError>);
    // The row a sum could not be read in (from 0), said before anything is sent.
    let unreadable = RwSignal::new(None::<usize>);
    let show = move |v: DeliveryPaymentView| {
        delivery.set(v.delivery);
        payment.set(v.payment);
        rows.set(v.tariffs.iter().map(Row::of).collect());
    };
    leptos::task::spawn_local(async move {
        match api::delivery_payment().await {
            Ok(v) => show(v),
            Err(e) => ctx.fail(e),
        }
    });
    let edited = move || {
        saved.set(false);
        refused.set(None);
        failed.set(None);
        unreadable.set(None);
    };
    let save = move |_| {
        let mut tariffs = Vec::new();
        for (i, row) in rows.get_untracked().into_iter().enumerate() {
            match row.read() {
                Some(t) => tariffs.push(t),
                None => {
                    unreadable.set(Some(i));
                    return;
                }
            }
        }
        edited();
        let setting = DeliveryPaymentView {
            delivery: delivery.get_untracked(),
            payment: payment.get_untracked(),
            tariffs,
        };
        leptos::task::spawn_local(async move {
            match api::set_delivery_payment(setting).await {
                Ok(v) => {
                    show(v);
                    saved.set(true);
                    ctx.changed();
                }
                Err(e) => match e.reason.as_deref() {
                    Some(ErrorReason::Input {
                        problem: InputProblem::DeliveryPayment { problem },
                    }) => refused.set(Some(problem.clone())),
                    _ => failed.set(Some(e)),
                },
            }
        });
    };
    // The row the refusal or the unreadable sum is about.
    let wrong_row = move |i: usize| {
        unreadable.get() == Some(i)
            || matches!(refused.get(), Some(
                DeliveryPaymentProblem::Duplicate { row, .. }
                | DeliveryPaymentProblem::Negative { row }
                | DeliveryPaymentProblem::ZoneTooLong { row, .. }
            ) if row as usize == i)
    };
    // The methods offered, when the refusal is that none is.
    let none_offered = move |which: DeliveryPaymentProblem| {
        move || {
            refused
                .with(|r| r.as_ref() == Some(&which))
                .then_some("true")
        }
    };
    let methods_note = move |lang: i18n::Lang, which: DeliveryPaymentProblem, id: &'static str| {
        move || {
            refused.with(|r| r.as_ref() == Some(&which)).then(|| {
                view! { <p class="field-error" id=id role="alert">{which.wording(lang)}</p> }
            })
        }
    };
    move || {
        let lang = ctx.lang.get();
        let delivery_boxes = DELIVERY_METHODS
            .into_iter()
            .map(|m| {
                view! {
                    <label class="check">
                        <input type="checkbox" class="offer-delivery" data-method=method_code(m)
                            prop:checked=move || delivery.with(|d| d.contains(&m))
                            on:change=move |ev| {
                                edited();
                                let on = event_target_checked(&ev);
                                delivery.update(|d| {
                                    d.retain(|x| *x != m);
                                    if on { d.push(m); }
                                });
                            }/>
                        {i18n::delivery(lang, m)}
                    </label>
                }
            })
            .collect_view();
        let payment_boxes = PAYMENT_METHODS
            .into_iter()
            .map(|m| {
                view! {
                    <label class="check">
                        <input type="checkbox" class="offer-payment"
                            prop:checked=move || payment.with(|p| p.contains(&m))
                            on:change=move |ev| {
                                edited();
                                let on = event_target_checked(&ev);
                                payment.update(|p| {
                                    p.retain(|x| *x != m);
                                    if on { p.push(m); }
                                });
                            }/>
                        {i18n::payment(lang, m)}
                    </label>
                }
            })
            .collect_view();
        let table = move || {
            rows.get()
                .into_iter()
                .enumerate()
                .map(|(i, row)| {
                    let options = DELIVERY_METHODS
                        .into_iter()
                        .map(|m| view! {
                            <option value=method_code(m).to_string() selected=move || row.method.get() == m>
                                {i18n::delivery(lang, m)}
                            </option>
                        })
                        .collect_view();
                    view! {
                        <tr class="tariff" class:invalid=move || wrong_row(i)>
                            <td><select class="tariff-method" on:change=move |ev| {
                                edited();
                                if let Some(m) = event_target_value(&ev).parse::<usize>().ok().and_then(|k| DELIVERY_METHODS.get(k)) {
                                    row.method.set(*m);
                                }
                            }>{options}</select></td>
                            <td><input class="tariff-zone" placeholder=t(lang, Key::TariffAnyZone)
                                prop:value=move || row.zone.get()
                                on:input=move |ev| { edited(); row.zone.set(event_target_value(&ev)) }/></td>
                            <td><input class="tariff-cost num" inputmode="decimal"
                                prop:value=move || row.cost.get()
                                on:input=move |ev| { edited(); row.cost.set(event_target_value(&ev)) }/></td>
                            <td><input class="tariff-free num" inputmode="decimal"
                                prop:value=move || row.free_from.get()
                                on:input=move |ev| { edited(); row.free_from.set(event_target_value(&ev)) }/></td>
                            <td><button class="tariff-remove" title=t(lang, Key::RemoveTariff)
                                on:click=move |_| { edited(); rows.update(|r| { r.remove(i); }); }>"×"</button></td>
                        </tr>
                    }
                })
                .collect_view()
        };
        let add = move |_| {
            edited();
            rows.update(|r| {
                r.push(Row {
                    method: RwSignal::new(DeliveryMethod::Courier),
                    zone: RwSignal::new(String::new()),
                    cost: RwSignal::new(amount(0)),
                    free_from: RwSignal::new(String::new()),
                })
            });
        };
        view! {
            <div class="form delivery-payment" id="delivery-payment">
                <h3>{t(lang, Key::OfferedDelivery)}</h3>
                <div class="checks" id="offered-delivery" aria-invalid=none_offered(DeliveryPaymentProblem::NoDelivery)>{delivery_boxes}</div>
                {methods_note(lang, DeliveryPaymentProblem::NoDelivery, "offered-delivery-error")}
                <h3>{t(lang, Key::OfferedPayment)}</h3>
                <div class="checks" id="offered-payment" aria-invalid=none_offered(DeliveryPaymentProblem::NoPayment)>{payment_boxes}</div>
                {methods_note(lang, DeliveryPaymentProblem::NoPayment, "offered-payment-error")}
                <h3>{t(lang, Key::Tariffs)}</h3>
                <p class="muted">{t(lang, Key::TariffsHint)}</p>
                <table class="tariffs" id="tariffs">
                    <thead><tr>
                        <th>{t(lang, Key::Method)}</th>
                        <th>{t(lang, Key::Zone)}</th>
                        <th>{t(lang, Key::TariffCost)}</th>
                        <th>{t(lang, Key::TariffFreeFrom)}</th>
                        <th></th>
                    </tr></thead>
                    <tbody>{table}</tbody>
                </table>
                <button id="add-tariff" on:click=add>{t(lang, Key::AddTariff)}</button>
                {move || unreadable.get().map(|i| view! {
                    <p class="field-error" id="delivery-payment-error" role="alert">
                        {format!("{} {}: {}", t(lang, Key::TariffRow), i + 1, t(lang, Key::TariffUnreadable))}
                    </p>
                })}
                {move || refused.get().filter(|p| !offered_only(p)).map(|p| view! {
                    <p class="field-error" id="delivery-payment-error" role="alert">{p.wording(lang)}</p>
                })}
                <button class="primary" id="save-delivery-payment" on:click=save>{t(lang, Key::SaveSettings)}</button>
                {move || saved.get().then(|| view! { <span class="done">{t(lang, Key::Saved)}</span> })}
                {move || failed.get().map(|e| view! {
                    <p class="field-error" id="save-delivery-payment-error" role="alert">{i18n::error_text(lang, &e)}</p>
                })}
            </div>
        }
    }
}

/// A refusal said under the methods offered rather than under the tariffs.
fn offered_only(p: &DeliveryPaymentProblem) -> bool {
    matches!(
        p,
        DeliveryPaymentProblem::NoDelivery | DeliveryPaymentProblem::NoPayment
    )
}
