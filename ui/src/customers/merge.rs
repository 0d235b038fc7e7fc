//! A card's look-alikes and merges (issue 14, point 5: never merged silently): cards that
//! look like the same customer, each with «Объединить» (asked first) and «Это разные люди»;
//! the cards merged into this one, each with «Разделить». Only administrators and managers
//! get the buttons; a refusal shows under the block it came from.

use std::future::Future;

use leptos::prelude::*;
use proto::{CommandError, CustomerCard, CustomerSummary};

use super::api;
use crate::app::Ctx;
use crate::format;
use crate::i18n::{cust, error_text, Cust, Lang};

pub fn blocks(
    lang: Lang,
    key: String,
    suggested: Vec<CustomerSummary>,
    merged: Vec<CustomerSummary>,
    editor: Signal<bool>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let refused = RwSignal::new(None::<CommandError>);
    let similar = (!suggested.is_empty()).then(|| {
        let rows = suggested
            .into_iter()
            .map(|other| {
                let (merge_into, apart_key) = (key.clone(), key.clone());
                let (merge_from, apart_other) = (other.key.clone(), other.key.clone());
                let merge = move |_| {
                    let (into, from) = (merge_into.clone(), merge_from.clone());
                    leptos::task::spawn_local(async move {
                        let ask = crate::dialog::confirm(
                            cust(lang, Cust::MergeAsk).into(),
                            cust(lang, Cust::Merge).into(),
                            cust(lang, Cust::Cancel).into(),
                        );
                        if ask.await {
                            answer(ctx, refused, api::merge_customers(into, from)).await;
                        }
                    });
                };
                let apart = move |_| {
                    let (k, o) = (apart_key.clone(), apart_other.clone());
                    leptos::task::spawn_local(answer(ctx, refused, api::keep_customers_apart(k, o)));
                };
                view! {
                    <li data-key=other.key.clone()>
                        {who(&other)}
                        {move || editor.get().then(|| view! {
                            <span class="actions">
                                <button class="merge" on:click=merge.clone()>{cust(lang, Cust::Merge)}</button>
                                <button class="apart" on:click=apart.clone()>{cust(lang, Cust::Apart)}</button>
                            </span>
                        })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="customer-similar" id="customer-similar">
                <h3>{cust(lang, Cust::Similar)}</h3>
                <ul>{rows}</ul>
            </section>
        }
    });
    let inside = (!merged.is_empty()).then(|| {
        let rows = merged
            .into_iter()
            .map(|m| {
                let split_key = m.key.clone();
                let split = move |_| {
                    leptos::task::spawn_local(answer(ctx, refused, api::split_customer(split_key.clone())));
                };
                view! {
                    <li data-key=m.key.clone()>
                        {who(&m)}
                        {move || editor.get().then(|| view! {
                            <button class="split" on:click=split.clone()>{cust(lang, Cust::Split)}</button>
                        })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="customer-merged" id="customer-merged">
                <h3>{cust(lang, Cust::MergedIn)}</h3>
                <ul>{rows}</ul>
            </section>
        }
    });
    view! {
        {similar}
        {inside}
        {move || refused.get().map(|e| view! {
            <p class="field-error" id="customer-merge-error" role="alert">{error_text(lang, &e)}</p>
        })}
    }
}

/// A look-alike as the manager compares it: name, phone, e-mail, orders and their total.
fn who(c: &CustomerSummary) -> impl IntoView {
    let contacts = [format::phone(&c.phone), c.email.clone().unwrap_or_default()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <span class="who">
            <b>{c.name.clone()}</b>" "<span class="muted">{contacts}</span>
            " · "<span class="sum">{c.orders}" · "{format::money(c.total)}</span>
        </span>
    }
}

/// Runs the answer; the card is read again on success, a refusal shows under the blocks.
async fn answer(
    ctx: Ctx,
    refused: RwSignal<Option<CommandError>>,
    call: impl Future<Output = Result<CustomerCard, CommandError>>,
) {
    match call.await {
        Ok(_) => {
            refused.set(None);
            ctx.changed();
        }
        Err(e) => refused.set(Some(e)),
    }
}
