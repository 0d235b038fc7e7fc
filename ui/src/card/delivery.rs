//! Delivery (method, zone, address — the desk recalculates the cost); payments are in
//! `payments.rs`.

use leptos::prelude::*;
use proto::{DeliveryChange, DeliveryMethod, OrderDetail, PaymentMethod};

use crate::api;
use crate::i18n::{self, t, Key, Lang, DELIVERY_METHODS, PAYMENT_METHODS};
use crate::offered::Offered;

pub fn blocks(lang: Lang, order: OrderDetail) -> impl IntoView {
    view! {
        {delivery(lang, &order)}
        {super::payments::block(lang, &order)}
    }
}

fn method_code(m: DeliveryMethod) -> &'static str {
    match m {
        DeliveryMethod::Courier => "courier",
        DeliveryMethod::Post => "post",
        DeliveryMethod::Pickup => "pickup",
        DeliveryMethod::MarketplaceLogistics => "marketplace_logistics",
    }
}

fn payment_code(m: PaymentMethod) -> &'static str {
    match m {
        PaymentMethod::CashOnDelivery => "cash_on_delivery",
        PaymentMethod::CardOnDelivery => "card_on_delivery",
        PaymentMethod::BankTransfer => "bank_transfer",
        PaymentMethod::Online => "online",
        PaymentMethod::Marketplace => "marketplace",
    }
}

fn delivery(lang: Lang, order: &OrderDetail) -> impl IntoView {
    let busy = RwSignal::new(false);
    let method = RwSignal::new(order.delivery);
    let zone = RwSignal::new(order.delivery_zone.clone().unwrap_or_default());
    let address = RwSignal::new(order.address.clone());
    let id = order.id.clone();
    let (window_from, window_to) = (order.window_from, order.window_to);
    // What the desk refuses (a method not offered, a zone it has no tariff for) is said
    // under «Изменить доставку», not in the banner.
    let said = RwSignal::new(None::<String>);
    let apply = move |_| {
        let change = DeliveryChange {
            method: method.get_untracked(),
            zone: Some(zone.get_untracked()).filter(|z| !z.trim().is_empty()),
            address: address.get_untracked(),
            window_from,
            window_to,
        };
        let id = id.clone();
        super::act_beside(busy, said, move || async move {
            api::change_delivery(&id, change).await
        });
    };
    view! {
        <h3>{t(lang, Key::Delivery)}</h3>
        <div class="form-grid">
            <label>{t(lang, Key::Method)}</label>
            {delivery_methods_select(lang, method, "delivery-method")}
            <label>{t(lang, Key::Zone)}</label>
            <input id="delivery-zone" list="delivery-zones" prop:value=move || zone.get() on:input=move |ev| zone.set(event_target_value(&ev))/>
            {zone_choices("delivery-zones", method)}
            <label>{t(lang, Key::Address)}</label>
            <input id="delivery-address" prop:value=move || address.get() on:input=move |ev| address.set(event_target_value(&ev))/>
        </div>
        <button id="change-delivery" disabled=move || busy.get() on:click=apply>{t(lang, Key::ChangeDelivery)}</button>
        {super::said_note(said, "change-delivery")}
    }
}

pub fn payment_methods_select(
    lang: Lang,
    selected: RwSignal<PaymentMethod>,
    id: &'static str,
) -> impl IntoView {
    view! {
        <select id=id on:change=move |ev| {
            let code = event_target_value(&ev);
            if let Some(m) = PAYMENT_METHODS.into_iter().find(|m| payment_code(*m) == code) {
                selected.set(m);
            }
        }>
            // The shop's offered methods, and the order's own even when no longer offered.
            {move || {
                let current = selected.get();
                PAYMENT_METHODS.into_iter().filter(|m| Offered::takes(*m, current)).map(|m| view! {
                    <option value=payment_code(m) selected=move || selected.get() == m>{i18n::payment(lang, m)}</option>
                }).collect_view()
            }}
        </select>
    }
}

pub fn delivery_methods_select(
    lang: Lang,
    selected: RwSignal<DeliveryMethod>,
    id: &'static str,
) -> impl IntoView {
    view! {
        <select id=id on:change=move |ev| {
            let code = event_target_value(&ev);
            if let Some(m) = DELIVERY_METHODS.into_iter().find(|m| method_code(*m) == code) {
                selected.set(m);
            }
        }>
            {move || {
                let current = selected.get();
                DELIVERY_METHODS.into_iter().filter(|m| Offered::delivers(*m, current)).map(|m| view! {
                    <option value=method_code(m) selected=move || selected.get() == m>{i18n::delivery(lang, m)}</option>
                }).collect_view()
            }}
        </select>
    }
}

/// The tariffs' zones of the chosen method, offered as the zone field is typed (a zone is
/// priced only when written as the tariff names it).
pub fn zone_choices(id: &'static str, method: RwSignal<DeliveryMethod>) -> impl IntoView {
    view! {
        <datalist id=id>
            {move || Offered::zones(method.get()).into_iter().map(|z| view! {
                <option value=z.clone()></option>
            }).collect_view()}
        </datalist>
    }
}
