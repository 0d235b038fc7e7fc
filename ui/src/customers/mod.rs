//! The customers screen (issue 14, point 5): search by any part of a name, phone or e-mail;
//! the list with each customer's orders and total; the card beside it with contacts,
//! addresses, companies and orders (an order clicked opens it in the desk). The new-order
//! form's choice of a known customer is [`CustomerPick`].

mod api;
mod card;
mod pick;

use leptos::prelude::*;
use proto::CustomerSummary;

use crate::app::Ctx;
use crate::format;
use crate::i18n::{cust, Cust};

pub use pick::CustomerPick;

#[component]
pub fn Customers() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let text = RwSignal::new(String::new());
    let open = RwSignal::new(None::<String>);
    let list = LocalResource::new(move || {
        ctx.revision.track();
        let text = text.get();
        async move { api::customers(text).await }
    });
    view! {
        <section class="customers" id="customers-screen">
            <div class="catalog-bar">
                <h2>{move || cust(ctx.lang.get(), Cust::Customers)}</h2>
                <input type="search" class="catalog-search" id="customer-search"
                    placeholder=move || cust(ctx.lang.get(), Cust::SearchHint)
                    prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))/>
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
                                Err(e) => {
                                    ctx.fail(e);
                                    ().into_any()
                                }
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
