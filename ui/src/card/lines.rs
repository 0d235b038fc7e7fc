//! The lines editor: quantities, removals and additions are collected, then saved together as
//! one new version of the order. Totals come back recalculated by the desk.

use leptos::prelude::*;
use proto::display::{parse_money, parse_quantity};
use proto::{Discount, LineEdit, LineView, OrderDetail};

use super::act;
use crate::api;
use crate::app::Ctx;
use crate::format;
use crate::i18n::{t, Key, Lang};

pub fn editor(lang: Lang, order: OrderDetail) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let pending = RwSignal::new(Vec::<LineEdit>::new());
    let busy = RwSignal::new(false);
    let products = LocalResource::new(api::products);
    let add_product = RwSignal::new(String::new());
    let add_qty = RwSignal::new("1".to_owned());
    let id = order.id.clone();

    let save = {
        let id = id.clone();
        move |_| {
            let edits = pending.get_untracked();
            if edits.is_empty() {
                return;
            }
            let id = id.clone();
            act(
                busy,
                move || async move { api::edit_lines(&id, edits).await },
            );
        }
    };
    let add = move |_| {
        let product_id = add_product.get_untracked();
        match parse_quantity(&add_qty.get_untracked()).filter(|q| *q > 0) {
            Some(quantity) if !product_id.is_empty() => pending.update(|p| {
                p.push(LineEdit::Add {
                    product_id,
                    quantity,
                    price: None,
                })
            }),
            _ => ctx.fail(proto::CommandError::new(
                proto::ErrorCode::InvalidInput,
                t(lang, Key::WrongQuantity),
            )),
        }
    };
    let rows = order
        .lines
        .iter()
        .cloned()
        .map(|line| line_row(lang, line, pending))
        .collect_view();

    view! {
        <h3>{t(lang, Key::Lines)}</h3>
        <table class="grid lines" id="order-lines">
            <thead>
                <tr>
                    <th>{t(lang, Key::Item)}</th>
                    <th class="num">{t(lang, Key::Qty)}</th>
                    <th class="num">{t(lang, Key::Price)}</th>
                    <th class="num">{t(lang, Key::Amount)}</th>
                    <th></th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
        <div class="add-line">
            <select id="add-product" on:change=move |ev| add_product.set(event_target_value(&ev))>
                <option value="">{t(lang, Key::AddProduct)}"…"</option>
                {move || products.get().and_then(Result::ok).map(|list| {
                    list.into_iter().map(|p| {
                        let label = format!("{} — {}", p.name, format::money(p.price));
                        view! { <option value=p.id>{label}</option> }
                    }).collect_view()
                })}
            </select>
            <input class="qty" id="add-qty" prop:value=move || add_qty.get()
                on:input=move |ev| add_qty.set(event_target_value(&ev))/>
            <button id="add-line" on:click=add>{t(lang, Key::Add)}</button>
        </div>
        {move || {
            let n = pending.get().len();
            (n > 0).then(|| view! {
                <div class="pending" id="pending-edits">
                    <span>{t(lang, Key::Unsaved)}": "{n}</span>
                    <button class="primary" id="save-version" disabled=move || busy.get() on:click=save.clone()>
                        {t(lang, Key::Save)}
                    </button>
                    <button on:click=move |_| pending.set(Vec::new())>{t(lang, Key::Discard)}</button>
                </div>
            })
        }}
        {discount_row(lang, id.clone(), busy)}
        {totals(lang, &order)}
    }
}

fn line_row(lang: Lang, line: LineView, pending: RwSignal<Vec<LineEdit>>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let line_id = line.id.clone();
    let removed = {
        let line_id = line_id.clone();
        move || {
            pending
                .get()
                .iter()
                .any(|e| matches!(e, LineEdit::Remove { line_id: l } if *l == line_id))
        }
    };
    let set_qty = {
        let line_id = line_id.clone();
        move |ev| match parse_quantity(&event_target_value(&ev)).filter(|q| *q > 0) {
            // A field emptied on its way to a new value is not a mistake yet.
            None if event_target_value(&ev).trim().is_empty() => {}
            Some(quantity) => pending.update(|p| {
                p.retain(
                    |e| !matches!(e, LineEdit::SetQuantity { line_id: l, .. } if *l == line_id),
                );
                p.push(LineEdit::SetQuantity {
                    line_id: line_id.clone(),
                    quantity,
                });
            }),
            None => ctx.fail(proto::CommandError::new(
                proto::ErrorCode::InvalidInput,
                t(lang, Key::WrongQuantity),
            )),
        }
    };
    let remove = move |_| {
        pending.update(|p| {
            p.push(LineEdit::Remove {
                line_id: line_id.clone(),
            })
        })
    };
    let discount = (line.line_discount > 0).then(|| {
        view! { <div class="sku">{t(lang, Key::Discount)}" −"{format::money(line.line_discount)}</div> }
    });
    let sku = line.sku.clone();
    view! {
        <tr class:removed=removed data-sku=sku>
            <td>{line.name}<div class="sku">{line.sku}</div>{discount}</td>
            <td class="num">
                <input class="qty" value=format::quantity(line.quantity) on:change=set_qty/>
                " "{line.unit}
            </td>
            <td class="num">{format::money(line.price)}</td>
            <td class="num">{format::money(line.amount)}</td>
            <td><button class="icon" title=t(lang, Key::Remove) on:click=remove>"×"</button></td>
        </tr>
    }
}

fn discount_row(lang: Lang, order_id: String, busy: RwSignal<bool>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let text = RwSignal::new(String::new());
    let apply = move |_| {
        let raw = text.get_untracked();
        let raw = raw.trim();
        let discount = if raw.is_empty() {
            Some(Discount::None)
        } else if let Some(percent) = raw.strip_suffix('%') {
            // Percent in hundredths, as the desk expects: "7,5%" → 750.
            parse_money(percent).map(Discount::Percent)
        } else {
            parse_money(raw).map(Discount::Amount)
        };
        match discount {
            Some(discount) => {
                let id = order_id.clone();
                act(busy, move || async move {
                    api::set_order_discount(&id, discount).await
                });
            }
            None => ctx.fail(proto::CommandError::new(
                proto::ErrorCode::InvalidInput,
                t(lang, Key::WrongAmount),
            )),
        }
    };
    view! {
        <div class="discount">
            <label>{t(lang, Key::OrderDiscount)}
                <input id="order-discount" prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))/>
            </label>
            <button id="apply-discount" on:click=apply>{t(lang, Key::Apply)}</button>
        </div>
    }
}

fn totals(lang: Lang, order: &OrderDetail) -> impl IntoView {
    let changed = order.original_total != 0 && order.original_total != order.total;
    view! {
        <table class="totals" id="order-totals">
            <tr><th>{t(lang, Key::Subtotal)}</th><td class="num">{format::money(order.subtotal)}</td></tr>
            {(order.discount != 0).then(|| view! {
                <tr><th>{t(lang, Key::Discount)}</th><td class="num" id="order-discount-total">"−"{format::money(order.discount)}</td></tr>
            })}
            <tr><th>{t(lang, Key::DeliveryCost)}</th><td class="num" id="order-delivery-cost">{format::money(order.delivery_cost)}</td></tr>
            <tr class="grand"><th>{t(lang, Key::ToPay)}</th><td class="num" id="order-total">{format::money(order.total)}</td></tr>
            {changed.then(|| view! {
                <tr class="original"><th>{t(lang, Key::OriginalTotal)}</th><td class="num" id="original-total">{format::money(order.original_total)}</td></tr>
            })}
            {order.vat.iter().map(|v| view! {
                <tr class="vat"><th>{t(lang, Key::Vat)}" "{v.label.clone()}</th><td class="num">{format::money(v.vat)}</td></tr>
            }).collect_view()}
        </table>
    }
}
