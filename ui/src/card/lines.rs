//! The lines editor: quantities, prices, line discounts, removals and additions are collected,
//! then saved together as one new version of the order. Totals come back recalculated by the
//! desk; a line shows its catalogue price beside an overridden one and its amount before the
//! discount beside what the customer pays.

use leptos::prelude::*;
use proto::display::{parse_money, parse_quantity};
use proto::{Discount, LineEdit, LineView, OrderDetail};

use super::act;
use crate::api;
use crate::app::Ctx;
use crate::format;
use crate::i18n::{pay, t, Key, Lang, Pay};

pub fn editor(lang: Lang, order: OrderDetail) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    // Kept on this PC until saved: switching orders or restarting loses no edit.
    let pending = crate::drafts::line_edits(&order.id, order.version);
    let busy = RwSignal::new(false);
    // The version's note typed beside «Сохранить» (versions.rs).
    let note = RwSignal::new(String::new());
    let note_refused = RwSignal::new(None::<proto::display::rules::RuleRefusal>);
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
            super::versions::save_lines(busy, id.clone(), edits, note, note_refused);
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
        .map(|line| {
            let sku = line.sku.clone();
            let list = move || {
                products
                    .get()
                    .and_then(Result::ok)
                    .and_then(|list| list.iter().find(|p| p.sku == sku).map(|p| p.price))
            };
            move || line_row(lang, line.clone(), pending, list())
        })
        .collect_view();

    view! {
        <h3>{t(lang, Key::Lines)}</h3>
        <table class="grid lines" id="order-lines">
            <thead>
                <tr>
                    <th>{t(lang, Key::Item)}</th>
                    <th class="num">{t(lang, Key::Qty)}</th>
                    <th class="num">{t(lang, Key::Price)}</th>
                    <th class="num">{pay(lang, Pay::LineDiscount)}</th>
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
                    {super::versions::note_field(lang, note, note_refused)}
                    <button class="primary" id="save-version" disabled=move || busy.get() on:click=save.clone()>
                        {t(lang, Key::Save)}
                    </button>
                    <button on:click=move |_| pending.set(Vec::new())>{t(lang, Key::Discard)}</button>
                </div>
            })
        }}
        {discount_row(lang, &order, busy)}
        {totals(lang, &order)}
    }
}

fn line_row(
    lang: Lang,
    line: LineView,
    pending: RwSignal<Vec<LineEdit>>,
    list_price: Option<i64>,
) -> impl IntoView {
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
        let current = line.quantity;
        move |ev| match parse_quantity(&event_target_value(&ev)).filter(|q| *q > 0) {
            // A field emptied on its way to a new value is not a mistake yet.
            None if event_target_value(&ev).trim().is_empty() => {}
            Some(quantity) => keep(
                pending,
                &line_id,
                EditKind::Quantity,
                (quantity != current).then(|| LineEdit::SetQuantity {
                    line_id: line_id.clone(),
                    quantity,
                }),
            ),
            None => ctx.fail(proto::CommandError::new(
                proto::ErrorCode::InvalidInput,
                t(lang, Key::WrongQuantity),
            )),
        }
    };
    let set_price = {
        let line_id = line_id.clone();
        let current = line.price;
        move |ev| match parse_money(&event_target_value(&ev)) {
            Some(price) => keep(
                pending,
                &line_id,
                EditKind::Price,
                (price != current).then(|| LineEdit::SetPrice {
                    line_id: line_id.clone(),
                    price,
                }),
            ),
            None => ctx.fail(proto::CommandError::new(
                proto::ErrorCode::InvalidInput,
                pay(lang, Pay::WrongPrice),
            )),
        }
    };
    let set_discount = {
        let line_id = line_id.clone();
        let current = line.discount;
        move |ev| match proto::parse_discount(&event_target_value(&ev)) {
            Some(discount) => keep(
                pending,
                &line_id,
                EditKind::Discount,
                (discount != current).then(|| LineEdit::SetDiscount {
                    line_id: line_id.clone(),
                    discount,
                }),
            ),
            None => ctx.fail(proto::CommandError::new(
                proto::ErrorCode::InvalidInput,
                pay(lang, Pay::WrongDiscount),
            )),
        }
    };
    let remove = {
        let line_id = line_id.clone();
        move |_| {
            pending.update(|p| {
                p.push(LineEdit::Remove {
                    line_id: line_id.clone(),
                })
            })
        }
    };
    // The catalogue's price beside an overridden one, so the manager sees what was changed.
    let list = list_price.filter(|p| *p != line.price).map(|p| {
        view! { <div class="sku was" data-field="list-price">{pay(lang, Pay::ListPrice)}" "<s>{format::money(p)}</s></div> }
    });
    // The line's amount before its discount, struck out above what the customer pays.
    let line_total = line.amount - line.line_discount;
    let before = (line.line_discount > 0).then(|| {
        view! { <div class="sku was" title=pay(lang, Pay::BeforeDiscount)><s>{format::money(line.amount)}</s></div> }
    });
    let discount_off = (line.line_discount > 0).then(|| {
        view! { <div class="sku">"−"{format::money(line.line_discount)}</div> }
    });
    let changed = {
        let line_id = line_id.clone();
        move || {
            pending
                .get()
                .iter()
                .any(|e| edit_line_id(e) == Some(line_id.as_str()))
        }
    };
    let sku = line.sku.clone();
    view! {
        <tr class:removed=removed class:edited=changed data-sku=sku>
            <td>{line.name}<div class="sku">{line.sku}</div></td>
            <td class="num">
                <input class="qty" value=format::quantity(line.quantity) on:change=set_qty/>
                " "{line.unit}
            </td>
            <td class="num">
                <input class="money line-price" value=format::amount(line.price) on:change=set_price/>
                {list}
            </td>
            <td class="num">
                <input class="line-discount" placeholder="0 %" title=pay(lang, Pay::LineDiscountHint)
                    value=proto::discount_text(line.discount).replace('\u{a0}', " ").replace(" ₽", "")
                    on:change=set_discount/>
                {discount_off}
            </td>
            <td class="num line-total">{before}{format::money(line_total)}</td>
            <td><button class="icon" title=t(lang, Key::Remove) on:click=remove>"×"</button></td>
        </tr>
    }
}

/// Which value of a line an edit sets: one pending edit of each kind per line.
#[derive(Clone, Copy, PartialEq, Eq)]
enum EditKind {
    Quantity,
    Price,
    Discount,
}

fn edit_line_id(e: &LineEdit) -> Option<&str> {
    match e {
        LineEdit::Remove { line_id }
        | LineEdit::SetQuantity { line_id, .. }
        | LineEdit::SetPrice { line_id, .. }
        | LineEdit::SetDiscount { line_id, .. } => Some(line_id),
        LineEdit::Add { .. } => None,
    }
}

/// Replaces the line's pending edit of `kind` with `edit`; `None` (the value typed back to what
/// the line has) drops it, so saving it would not make a version that changes nothing.
fn keep(pending: RwSignal<Vec<LineEdit>>, line_id: &str, kind: EditKind, edit: Option<LineEdit>) {
    pending.update(|p| {
        p.retain(|e| {
            let same = match (e, kind) {
                (LineEdit::SetQuantity { line_id: l, .. }, EditKind::Quantity)
                | (LineEdit::SetPrice { line_id: l, .. }, EditKind::Price)
                | (LineEdit::SetDiscount { line_id: l, .. }, EditKind::Discount) => l == line_id,
                _ => false,
            };
            !same
        });
        p.extend(edit);
    });
}

fn discount_row(lang: Lang, order: &OrderDetail, busy: RwSignal<bool>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let order_id = order.id.clone();
    let applied = order.order_discount_input;
    let text = RwSignal::new(
        proto::discount_text(applied)
            .replace('\u{a0}', " ")
            .replace(" ₽", ""),
    );
    let apply = move |_| match proto::parse_discount(&text.get_untracked()) {
        Some(discount) => {
            let id = order_id.clone();
            act(busy, move || async move {
                api::set_order_discount(&id, discount).await
            });
        }
        None => ctx.fail(proto::CommandError::new(
            proto::ErrorCode::InvalidInput,
            pay(lang, Pay::WrongDiscount),
        )),
    };
    // What is in force now, so «Применить» is seen to have worked.
    let shown = if applied == Discount::None {
        pay(lang, Pay::NoOrderDiscount).to_owned()
    } else {
        format!(
            "{}: {} (−{})",
            pay(lang, Pay::AppliedDiscount),
            proto::discount_text(applied),
            format::money(order.order_discount)
        )
    };
    view! {
        <div class="discount">
            <label>{t(lang, Key::OrderDiscount)}
                <input id="order-discount" prop:value=move || text.get()
                    on:input=move |ev| text.set(event_target_value(&ev))/>
            </label>
            <button id="apply-discount" disabled=move || busy.get() on:click=apply>{t(lang, Key::Apply)}</button>
            <span class="muted" id="applied-discount">{shown}</span>
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
