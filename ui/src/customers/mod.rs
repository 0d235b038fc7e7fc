//! The customers screen (issue 14, point 5): search by any part of a name, phone or e-mail;
//! the list with each customer's orders and total; the card beside it with contacts,
//! addresses, companies and orders (an order clicked opens it in the desk). The new-order
//! form's choice of a known customer is [`CustomerPick`].

mod api;
mod card;
mod merge;
mod pick;

use leptos::prelude::*;
use proto::CustomerSummary;

use crate::app::Ctx;
use crate::catalog::search_head;
use crate::format;
use crate::i18n::{cust, Cust};

pub use pick::CustomerPick;

/// The customers the main search finds beside its orders: at most five, the latest first,
/// each opening the customers screen on its card.
#[component]
pub fn FoundCustomers() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let found = LocalResource::new(move || {
        ctx.revision.track();
        let text = ctx.search.get().trim().to_owned();
        async move {
            if text.chars().count() < 2 {
                return Ok(Vec::new());
            }
            api::customers(text).await
        }
    });
    move || {
        let lang = ctx.lang.get();
        let found = match found.get() {
            Some(Ok(found)) if !found.is_empty() => found,
            Some(Err(e)) => {
                ctx.fail(e);
                return None;
            }
            _ => return None,
        };
        let buttons = found
            .into_iter()
            .take(5)
            .map(|c| {
                let key = c.key.clone();
                // Text nodes: what the customer typed is shown as text.
                view! {
                    <button class="found-customer" data-key=c.key.clone() on:click=move |_| {
                        ctx.customer_key.set(Some(key.clone()));
                        ctx.settings.set(false);
                        ctx.catalog.set(false);
                        ctx.customers.set(true);
                    }>
                        {c.name}" · "{format::phone(&c.phone)}" · "
                        {cust(lang, Cust::Orders)}": "{c.orders}
                    </button>
                }
            })
            .collect_view();
        Some(view! {
            <div class="found-customers" id="found-customers">
                <span class="muted">{cust(lang, Cust::Customers)}":"</span>
                {buttons}
            </div>
        })
    }
}

#[component]
pub fn Customers() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // Opened from the main search on a customer it found: that customer's card, the list
    // searched by the same text.
    let from_search = ctx.customer_key.get_untracked();
    ctx.customer_key.set(None);
    let text = RwSignal::new(if from_search.is_some() {
        ctx.search.get_untracked().trim().to_owned()
    } else {
        String::new()
    });
    let open = RwSignal::new(from_search);
    // A call link while the screen is open already: that caller's card.
    Effect::new(move |_| {
        if let Some(key) = ctx.customer_key.get() {
            open.set(Some(key));
            ctx.customer_key.set(None);
        }
    });
    let list = LocalResource::new(move || {
        ctx.revision.track();
        let text = text.get();
        async move { api::customers(text).await }
    });
    view! {
        <section class="customers" id="customers-screen">
            <div class="catalog-bar">
                {search_head(move || cust(ctx.lang.get(), Cust::Customers), "customer-search",
                    move || cust(ctx.lang.get(), Cust::SearchHint), text)}
            </div>
            <div class="customers-panes">
                <div class="catalog-table">
                    <table class="grid customers-list" id="customers">
                        <thead>{move || head(ctx.lang.get())}</thead>
                        <tbody>
                            {move || list.get().map(|found| match found {
                                Ok(found) if found.is_empty() => view! {
                                    <tr><td colspan="5" class="muted" id="customers-empty">
                                        {cust(ctx.lang.get(), Cust::Nothing)}
                                    </td></tr>
                                }.into_any(),
                                Ok(found) => found.into_iter().map(|c| row(c, open)).collect_view().into_any(),
                                Err(e) => ctx.failed(e),
                            })}
                        </tbody>
                    </table>
                </div>
                {move || match open.get() {
                    Some(key) => view! { <card::CustomerCardView key=key open=open/> }.into_any(),
                    None => view! {
                        <aside class="card hint customer-card">{cust(ctx.lang.get(), Cust::PickOne)}</aside>
                    }.into_any(),
                }}
            </div>
        </section>
    }
}

fn row(c: CustomerSummary, open: RwSignal<Option<String>>) -> impl IntoView {
    let key = c.key.clone();
    let selected = {
        let key = key.clone();
        move || open.get().as_deref() == Some(key.as_str())
    };
    // Text nodes: whatever the customer typed is shown as text, never as markup.
    view! {
        <tr class="order customer-row" class:selected=selected data-key=key.clone()
            on:click=move |_| open.set(Some(key.clone()))>
            <td class="customer">{c.name}</td>
            <td>{format::phone(&c.phone)}</td>
            <td class="customer">{c.email.unwrap_or_default()}</td>
            <td class="num">{c.orders}</td>
            <td class="num">{format::money(c.total)}</td>
        </tr>
    }
}

fn head(lang: crate::i18n::Lang) -> impl IntoView {
    view! {
        <tr>
            <th>{cust(lang, Cust::Name)}</th>
            <th>{cust(lang, Cust::Phone)}</th>
            <th>{cust(lang, Cust::Email)}</th>
            <th class="num">{cust(lang, Cust::Orders)}</th>
            <th class="num">{cust(lang, Cust::Total)}</th>
        </tr>
    }
}
