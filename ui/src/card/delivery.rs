//! Delivery (method, zone, address — the desk recalculates the cost); payments are in
//! `payments.rs`.

use leptos::prelude::*;
use proto::{DeliveryChange, DeliveryMethod, OrderDetail, PaymentMethod};

use super::act;
use crate::api;
use crate::i18n::{self, t, Key, Lang, DELIVERY_METHODS, PAYMENT_METHODS};

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
    let apply = move |_| {
        let change = DeliveryChange {
            method: method.get_untracked(),
            zone: Some(zone.get_untracked()).filter(|z| !z.trim().is_empty()),
            address: address.get_untracked(),
            window_from,
            window_to,
        };
        let id = id.clone();
        act(busy, move || async move {
            api::change_delivery(&id, change).await
        });
    };
    view! {
        <h3>{t(lang, Key::Delivery)}</h3>
        <div class="form-grid">
            <label>{t(lang, Key::Method)}</label>
            {delivery_methods_select(lang, method, "delivery-method")}
            <label>{t(lang, Key::Zone)}</label>
            <input id="delivery-zone" prop:value=move || zone.get() on:input=move |ev| zone.set(event_target_value(&ev))/>
            <label>{t(lang, Key::Address)}</label>
            <input id="delivery-address" prop:value=move || address.get() on:input=move |ev| address.set(event_target_value(&ev))/>
        </div>
        <button id="change-delivery" disabled=move || busy.get() on:click=apply>{t(lang, Key::ChangeDelivery)}</button>
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
            {PAYMENT_METHODS.into_iter().map(|m| view! {
                <option value=payment_code(m) selected=move || selected.get() == m>{i18n::payment(lang, m)}</option>
            }).collect_view()}
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
            {DELIVERY_METHODS.into_iter().map(|m| view! {
                <option value=method_code(m) selected=move || selected.get() == m>{i18n::delivery(lang, m)}</option>
            }).collect_view()}
        </select>
    }
}
