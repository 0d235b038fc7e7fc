//! A customer's card: contacts (the manager's correction if any), note, addresses, companies
//! and orders; an order clicked opens it in the desk. Administrators and managers correct the
//! contacts; the orders keep what the customer gave on each.

use leptos::prelude::*;
use proto::{CustomerCard, CustomerInput, Role};

use super::api;
use crate::app::Ctx;
use crate::format;
use crate::i18n::{cust, t, Cust, Key};

#[component]
pub fn CustomerCardView(key: String, open: RwSignal<Option<String>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let user = LocalResource::new(crate::api::current_user);
    let editor = Signal::derive(move || {
        user.get()
            .and_then(Result::ok)
            .is_some_and(|u| matches!(u.role, Role::Admin | Role::Manager))
    });
    let editing = RwSignal::new(false);
    let card = LocalResource::new(move || {
        ctx.revision.track();
        let key = key.clone();
        async move { api::customer(key).await }
    });
    view! {
        <aside class="card customer-card" id="customer-card">
            {move || card.get().map(|c| match c {
                Ok(c) if editing.get() => edit_form(c, editing).into_any(),
                Ok(c) => shown(c, open, editing, editor).into_any(),
                Err(e) => ctx.failed(e),
            })}
        </aside>
    }
}

fn shown(
    c: CustomerCard,
    open: RwSignal<Option<String>>,
    editing: RwSignal<bool>,
    editor: Signal<bool>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang.get_untracked();
    let s = c.summary;
    let stages = c.stages;
    let stage = move |id: &str| {
        stages
            .iter()
            .find(|(s, _)| s == id)
            .map_or_else(|| id.to_owned(), |(_, name)| name.clone())
    };
    let orders = c
        .orders
        .into_iter()
        .map(|o| {
            let id = o.id.clone();
            let number = o.number.clone();
            let order_id = o.id.clone();
            let open_order = move |_| {
                ctx.customers.set(false);
                ctx.creating.set(false);
                ctx.order.set(Some(id.clone()));
            };
            view! {
                <tr class="order customer-order" data-number=number data-order-id=order_id on:click=open_order>
                    <td>"№ "{o.number}</td>
                    <td>{crate::i18n::channel(lang, o.channel)}</td>
                    <td>{stage(&o.stage_id)}</td>
                    <td class="num">{format::money(o.total)}</td>
                    <td>{if o.paid { cust(lang, Cust::Paid) } else { "" }}</td>
                </tr>
            }
        })
        .collect_view();
    let fact = |key: Cust, value: String| {
        (!value.is_empty()).then(|| view! { <dt>{cust(lang, key)}</dt><dd>{value}</dd> })
    };
    view! {
        <header>
            <h2 id="customer-name">{s.name.clone()}</h2>
            {move || editor.get().then(|| view! {
                <button id="customer-edit" on:click=move |_| editing.set(true)>{cust(lang, Cust::Edit)}</button>
            })}
            <button class="close" on:click=move |_| open.set(None)>"×"</button>
        </header>
        <dl class="facts">
            {fact(Cust::Phone, format::phone(&s.phone))}
            {fact(Cust::Email, s.email.clone().unwrap_or_default())}
            {fact(Cust::Address, s.address.clone())}
            {fact(Cust::Note, c.note.clone())}
            <dt>{cust(lang, Cust::Orders)}</dt>
            <dd id="customer-totals">{format!("{} · {}", s.orders, format::money(s.total))}</dd>
        </dl>
        {c.corrected.then(|| view! { <p class="muted">{cust(lang, Cust::Corrected)}</p> })}
        {super::merge::blocks(lang, s.key.clone(), c.suggested, c.merged, editor)}
        {(c.addresses.len() > 1).then(|| view! {
            <h3>{cust(lang, Cust::Addresses)}</h3>
            <ul class="customer-addresses">{c.addresses.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
        })}
        {(!c.companies.is_empty()).then(|| view! {
            <h3>{cust(lang, Cust::Companies)}</h3>
            <ul class="customer-companies">{c.companies.into_iter().map(|co| view! {
                <li>{co.name}" · "{cust(lang, Cust::Inn)}" "{co.inn}
                    {(!co.kpp.is_empty()).then(|| format!(" · {} {}", t(lang, Key::ReqKpp), co.kpp))}
                    <div class="muted">{co.address}</div>
                </li>
            }).collect_view()}</ul>
        })}
        <h3>{cust(lang, Cust::OrdersTitle)}</h3>
        <table class="grid customer-orders" id="customer-orders"><tbody>{orders}</tbody></table>
    }
}

fn edit_form(c: CustomerCard, editing: RwSignal<bool>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang.get_untracked();
    let s = c.summary;
    let key = s.key.clone();
    let name = RwSignal::new(s.name);
    let phone = RwSignal::new(s.phone);
    let email = RwSignal::new(s.email.unwrap_or_default());
    let address = RwSignal::new(s.address);
    let note = RwSignal::new(c.note);
    let busy = RwSignal::new(false);
    // A refusal naming one of the form's fields is shown beside it; others go to the banner.
    let refused = crate::field_error::Refused::new(&["name", "phone", "email"]);
    let save = move |_| {
        let input = CustomerInput {
            key: key.clone(),
            name: name.get_untracked(),
            phone: phone.get_untracked(),
            email: email.get_untracked(),
            address: address.get_untracked(),
            note: note.get_untracked(),
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::save_customer(input).await {
                Ok(_) => {
                    refused.clear();
                    editing.set(false);
                    ctx.changed();
                }
                Err(e) => {
                    if !refused.keep(e.clone()) {
                        ctx.fail(e);
                    }
                }
            }
            busy.set(false);
        });
    };
    // `names`: the field a refusal names, when this input is the one it is about.
    let field =
        move |key: Cust, id: &'static str, value: RwSignal<String>, names: Option<&'static str>| {
            let names = names.unwrap_or("");
            view! {
                <label for=id>{cust(lang, key)}</label>
                <input id=id prop:value=move || value.get()
                    aria-invalid=refused.invalid(names)
                    on:input=move |ev| {
                        refused.typed(names);
                        value.set(event_target_value(&ev))
                    }/>
                {refused.note(lang, names, id)}
            }
        };
    view! {
        <header><h2>{cust(lang, Cust::Edit)}</h2></header>
        <div class="form-grid" id="customer-form">
            {field(Cust::Name, "customer-form-name", name, Some("name"))}
            {field(Cust::Phone, "customer-form-phone", phone, Some("phone"))}
            {field(Cust::Email, "customer-form-email", email, Some("email"))}
            {field(Cust::Address, "customer-form-address", address, None)}
            {field(Cust::Note, "customer-form-note", note, None)}
        </div>
        <p class="muted">{cust(lang, Cust::EditHint)}</p>
        <div class="actions">
            <button class="primary" id="customer-save" disabled=move || busy.get() on:click=save>{cust(lang, Cust::Save)}</button>
            <button id="customer-cancel" on:click=move |_| editing.set(false)>{cust(lang, Cust::Cancel)}</button>
        </div>
    }
}
