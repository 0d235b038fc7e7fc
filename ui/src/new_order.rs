//! A phone order: customer, delivery, payment and items; it is created as a draft (version 1).

use leptos::prelude::*;
use proto::display::parse_quantity;
use proto::{
    CommandError, DeliveryChange, DeliveryMethod, ErrorCode, NewLine, NewOrder, PaymentMethod,
};

use crate::api;
use crate::app::Ctx;
use crate::card::{delivery_methods_select, payment_methods_select};
use crate::format;
use crate::i18n::{t, Key};

/// What the form holds, kept on this PC until the order is created or thrown away: closing
/// the form (Esc, another order, a restart) loses nothing.
#[derive(Clone, PartialEq, serde::Serialize, serde::Deserialize)]
struct Draft {
    customer: String,
    phone: String,
    email: String,
    delivery: DeliveryMethod,
    zone: String,
    address: String,
    payment: PaymentMethod,
    comment: String,
    /// (product id, name, quantity in thousandths)
    lines: Vec<(String, String, i64)>,
}

impl Default for Draft {
    fn default() -> Draft {
        Draft {
            customer: String::new(),
            phone: String::new(),
            email: String::new(),
            delivery: DeliveryMethod::Courier,
            zone: String::new(),
            address: String::new(),
            payment: PaymentMethod::CashOnDelivery,
            comment: String::new(),
            lines: Vec::new(),
        }
    }
}

const DRAFT: &str = "new_order";

#[component]
pub fn NewOrderForm() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let lang = ctx.lang.get_untracked();
    let kept: Draft = crate::drafts::load_named(DRAFT).unwrap_or_default();
    let customer = RwSignal::new(kept.customer);
    let phone = RwSignal::new(kept.phone);
    let email = RwSignal::new(kept.email);
    let delivery = RwSignal::new(kept.delivery);
    let zone = RwSignal::new(kept.zone);
    let address = RwSignal::new(kept.address);
    let payment = RwSignal::new(kept.payment);
    let comment = RwSignal::new(kept.comment);
    let lines = RwSignal::new(kept.lines);
    let draft = move || Draft {
        customer: customer.get(),
        phone: phone.get(),
        email: email.get(),
        delivery: delivery.get(),
        zone: zone.get(),
        address: address.get(),
        payment: payment.get(),
        comment: comment.get(),
        lines: lines.get(),
    };
    Effect::new(move |_| {
        let d = draft();
        crate::drafts::keep_named(DRAFT, &d, d == Draft::default());
    });
    let pick = RwSignal::new(String::new());
    let qty = RwSignal::new("1".to_owned());
    let busy = RwSignal::new(false);
    let products = LocalResource::new(api::products);

    let add = move |_| {
        let product_id = pick.get_untracked();
        let Some(list) = products.get_untracked().and_then(Result::ok) else {
            return;
        };
        match (
            list.into_iter().find(|p| p.id == product_id),
            parse_quantity(&qty.get_untracked()).filter(|q| *q > 0),
        ) {
            (Some(p), Some(q)) => lines.update(|l| l.push((p.id, p.name, q))),
            _ => ctx.fail(CommandError::new(
                ErrorCode::InvalidInput,
                t(lang, Key::WrongQuantity),
            )),
        }
    };
    let create = move |_| {
        let order = NewOrder {
            customer: customer.get_untracked().trim().to_owned(),
            phone: phone.get_untracked(),
            email: Some(email.get_untracked()).filter(|e| !e.trim().is_empty()),
            delivery: DeliveryChange {
                method: delivery.get_untracked(),
                zone: Some(zone.get_untracked()).filter(|z| !z.trim().is_empty()),
                address: address.get_untracked(),
                window_from: None,
                window_to: None,
            },
            payment: payment.get_untracked(),
            lines: lines
                .get_untracked()
                .into_iter()
                .map(|(product_id, _, quantity)| NewLine {
                    product_id,
                    quantity,
                })
                .collect(),
            comment: Some(comment.get_untracked()).filter(|c| !c.trim().is_empty()),
        };
        if order.customer.is_empty() || order.phone.trim().is_empty() || order.lines.is_empty() {
            ctx.fail(CommandError::new(
                ErrorCode::InvalidInput,
                t(lang, Key::NeedCustomerAndPhone),
            ));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::create_order(order).await {
                Ok(detail) => {
                    crate::drafts::forget(DRAFT);
                    ctx.creating.set(false);
                    ctx.order.set(Some(detail.id));
                    ctx.changed();
                }
                Err(err) => ctx.fail(err),
            }
            busy.set(false);
        });
    };
    let field = |key: Key, id: &'static str, value: RwSignal<String>| {
        view! {
            <label for=id>{t(lang, key)}</label>
            <input id=id prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        }
    };
    view! {
        <aside class="card" id="new-order-form">
            <header><h2>{t(lang, Key::NewOrder)}</h2></header>
            <div class="form-grid">
                {field(Key::Customer, "new-customer", customer)}
                {field(Key::Phone, "new-phone", phone)}
                {field(Key::Email, "new-email", email)}
                <label>{t(lang, Key::Delivery)}</label>
                {delivery_methods_select(lang, delivery, "new-delivery")}
                {field(Key::Zone, "new-zone", zone)}
                {field(Key::Address, "new-address", address)}
                <label>{t(lang, Key::Payment)}</label>
                {payment_methods_select(lang, payment, "new-payment")}
                {field(Key::Comment, "new-comment", comment)}
            </div>
            <h3>{t(lang, Key::Lines)}</h3>
            <ul class="new-lines" id="new-lines">
                {move || lines.get().into_iter().enumerate().map(|(i, (_, name, q))| view! {
                    <li>{name}" × "{format::quantity(q)}
                        <button class="icon" on:click=move |_| lines.update(|l| { l.remove(i); })>"×"</button>
                    </li>
                }).collect_view()}
            </ul>
            <div class="add-line">
                <select id="new-product" on:change=move |ev| pick.set(event_target_value(&ev))>
                    <option value="">{t(lang, Key::AddProduct)}"…"</option>
                    {move || products.get().and_then(Result::ok).map(|list| list.into_iter().map(|p| {
                        let label = format!("{} — {}", p.name, format::money(p.price));
                        view! { <option value=p.id>{label}</option> }
                    }).collect_view())}
                </select>
                <input class="qty" id="new-qty" prop:value=move || qty.get() on:input=move |ev| qty.set(event_target_value(&ev))/>
                <button id="new-add-line" on:click=add>{t(lang, Key::Add)}</button>
            </div>
            <div class="actions">
                <button class="primary" id="create-draft" disabled=move || busy.get() on:click=create>{t(lang, Key::CreateDraft)}</button>
                <button id="discard-new-order" on:click=move |_| {
                    // Closing keeps the draft; «Отмена» throws it away, after asking if
                    // anything was typed.
                    if draft_untracked(customer, phone, lines) {
                        let (q, yes, no) = (t(lang, Key::DiscardNewOrder).into(), t(lang, Key::DeleteIt).into(), t(lang, Key::Back).into());
                        leptos::task::spawn_local_scoped(async move {
                            if crate::dialog::confirm(q, yes, no).await {
                                crate::drafts::forget(DRAFT);
                                ctx.creating.set(false);
                            }
                        });
                    } else {
                        crate::drafts::forget(DRAFT);
                        ctx.creating.set(false);
                    }
                }>{t(lang, Key::Cancel)}</button>
            </div>
        </aside>
    }
}

/// Whether the form holds anything a manager typed (the methods alone are not work).
fn draft_untracked(
    customer: RwSignal<String>,
    phone: RwSignal<String>,
    lines: RwSignal<Vec<(String, String, i64)>>,
) -> bool {
    !customer.with_untracked(|c| c.trim().is_empty())
        || !phone.with_untracked(|p| p.trim().is_empty())
        || !lines.with_untracked(Vec::is_empty)
}
