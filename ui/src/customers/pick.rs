//! The new-order form's choice of a known customer: typing any part of a name, phone or
//! e-mail lists matches; one chosen fills the name, phone, e-mail and latest address.

use leptos::prelude::*;
use proto::CustomerSummary;

use super::api;
use crate::app::Ctx;
use crate::format;
use crate::i18n::{cust, Cust};

/// Matches listed under the field at most.
const SHOWN: usize = 8;

#[component]
pub fn CustomerPick(
    customer: RwSignal<String>,
    phone: RwSignal<String>,
    email: RwSignal<String>,
    address: RwSignal<String>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang.get_untracked();
    let text = RwSignal::new(String::new());
    let found = LocalResource::new(move || {
        let text = text.get();
        async move {
            if text.trim().chars().count() < 2 {
                return Ok(Vec::new());
            }
            api::customers(text).await
        }
    });
    let choose = move |c: CustomerSummary| {
        customer.set(c.name);
        phone.set(format::phone(&c.phone));
        email.set(c.email.unwrap_or_default());
        address.set(c.address);
        text.set(String::new());
    };
    view! {
        <label for="new-find-customer">{cust(lang, Cust::Known)}</label>
        <div class="customer-pick">
            <input id="new-find-customer" type="search" placeholder=cust(lang, Cust::SearchHint)
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))/>
            <ul class="customer-matches" id="customer-matches">
                {move || found.get().and_then(Result::ok).map(|list| list.into_iter().take(SHOWN).map(|c| {
                    let label = format!("{} · {}", c.name, format::phone(&c.phone));
                    let chosen = c.clone();
                    view! { <li><button class="link" on:click=move |_| choose(chosen.clone())>{label}</button></li> }
                }).collect_view())}
            </ul>
        </div>
    }
}
