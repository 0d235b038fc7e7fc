//! The lines editor: quantities, prices, line discounts, removals and additions are collected,
//! then saved together as one new version of the order. A product picked is a new line at
//! once, and the totals are counted here until the desk's come back with the saved version;
//! a line shows its catalogue price beside an overridden one and its amount before the
//! discount beside what the customer pays.

use leptos::prelude::*;
use proto::display::rules::{self, RuleCode, RuleRefusal};
use proto::display::{parse_money, parse_quantity};
use proto::{Discount, LineEdit, LineView, OrderDetail, ProductView};

use crate::api;
use crate::format;
use crate::i18n::picker::{word, Pick};
use crate::i18n::{pay, t, Key, Lang, Pay};
use crate::picker::ProductPicker;

pub fn editor(lang: Lang, order: OrderDetail) -> impl IntoView {
    // Kept on this PC until saved: switching orders or restarting loses no edit.
    let pending = crate::drafts::line_edits(&order.id, order.version);
    // The products of the new lines, kept beside the edits: a new line shows its name, price
    // and stock after a restart too.
    let picked = crate::drafts::kept(
        &format!("picked.{}.{}", order.id, order.version),
        Vec::<ProductView>::new(),
    );
    let busy = RwSignal::new(false);
    let products = LocalResource::new(api::products);
    let no_product = RwSignal::new(None::<RuleRefusal>);
    let new_qty_error = RwSignal::new(None::<RuleRefusal>);
    let id = order.id.clone();

    // The version's note typed beside «Сохранить» (versions.rs).
    let note = RwSignal::new(String::new());
    let note_refused = RwSignal::new(None::<RuleRefusal>);
    // What the desk refuses of the saved edits (a bound, a locked stage) is said under them.
    let save_said = RwSignal::new(None::<String>);
    let save = {
        let id = id.clone();
        move |_| {
            let edits = pending.get_untracked();
            if edits.is_empty() {
                return;
            }
            super::versions::save_lines(busy, id.clone(), edits, note, note_refused, save_said);
        }
    };
    let on_pick = Callback::new(move |p: ProductView| {
        no_product.set(None);
        add_picked(pending, picked, p);
    });
    let on_nothing = Callback::new(move |()| {
        no_product.set(Some(
            RuleRefusal::new(RuleCode::NoProduct, &[]).at("product"),
        ));
    });
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
    let new_rows = move || {
        pending
            .get()
            .into_iter()
            .enumerate()
            .filter_map(|(i, e)| match e {
                LineEdit::Add {
                    product_id,
                    quantity,
                    price,
                } => {
                    let product = picked.with(|l| l.iter().find(|p| p.id == product_id).cloned());
                    Some(new_line_row(
                        lang,
                        i,
                        product,
                        quantity,
                        price,
                        pending,
                        new_qty_error,
                    ))
                }
                _ => None,
            })
            .collect_view()
    };

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
            <tbody>{rows}{new_rows}</tbody>
        </table>
        {crate::rules::note(lang, new_qty_error, "new-line-qty-error")}
        <div class="add-line">
            <ProductPicker id="add-product" lang=lang on_pick=on_pick on_nothing=on_nothing
                invalid=Signal::derive(move || no_product.with(Option::is_some))/>
        </div>
        {crate::rules::note(lang, no_product, "add-product-error")}
        {move || {
            let n = pending.get().len();
            (n > 0).then(|| view! {
                <div class="pending" id="pending-edits">
                    <span>{t(lang, Key::Unsaved)}": "{n}</span>
                    {super::versions::note_field(lang, note, note_refused)}
                    <button class="primary" id="save-version" disabled=move || busy.get() on:click=save.clone()>
                        {t(lang, Key::Save)}
                    </button>
                    <button id="discard-edits" on:click=move |_| { pending.set(Vec::new()); picked.set(Vec::new()); new_qty_error.set(None); }>
                        {t(lang, Key::Discard)}
                    </button>
                </div>
            })
        }}
        {super::said_note(save_said, "save-version")}
        {discount_row(lang, &order, busy)}
        {totals(lang, order, pending, picked)}
    }
}

/// A picked product becomes a new line of one unit; picked again, that line gets one more.
fn add_picked(
    pending: RwSignal<Vec<LineEdit>>,
    picked: RwSignal<Vec<ProductView>>,
    p: ProductView,
) {
    if !picked.with_untracked(|l| l.iter().any(|k| k.id == p.id)) {
        picked.update(|l| l.push(p.clone()));
    }
    pending.update(|edits| {
        let same = edits.iter_mut().find_map(|e| match e {
            LineEdit::Add {
                product_id,
                quantity,
                ..
            } if *product_id == p.id => Some(quantity),
            _ => None,
        });
        match same {
            Some(quantity) => *quantity = quantity.saturating_add(1000),
            None => edits.push(LineEdit::Add {
                product_id: p.id,
                quantity: 1000,
                price: None,
            }),
        }
    });
}

/// A line not saved yet: the product as picked, its quantity editable, marked as new.
fn new_line_row(
    lang: Lang,
    index: usize,
    product: Option<ProductView>,
    quantity: i64,
    price: Option<i64>,
    pending: RwSignal<Vec<LineEdit>>,
    qty_error: RwSignal<Option<RuleRefusal>>,
) -> impl IntoView {
    let unit = product.as_ref().map(|p| p.unit.clone()).unwrap_or_default();
    let price = price.or(product.as_ref().map(|p| p.price));
    let amount = price.map(|p| {
        proto::display::estimate::totals(
            &[proto::display::estimate::PricedLine {
                price: p,
                quantity,
                discount: Discount::None,
            }],
            Discount::None,
            0,
        )
        .subtotal
    });
    let set_qty = {
        let unit = unit.clone();
        move |ev| {
            let text = event_target_value(&ev);
            let q = parse_quantity(&text);
            match rules::quantity_refusal(&unit, q) {
                Some(refusal) => qty_error.set(Some(refusal)),
                None => {
                    qty_error.set(None);
                    pending.update(|edits| {
                        if let Some(LineEdit::Add { quantity, .. }) = edits.get_mut(index) {
                            *quantity = q.unwrap_or(*quantity);
                        }
                    });
                }
            }
        }
    };
    let remove = move |_| {
        qty_error.set(None);
        pending.update(|edits| {
            if index < edits.len() {
                edits.remove(index);
            }
        });
    };
    let (name, sku, stock) = match &product {
        Some(p) => (
            p.name.clone(),
            p.sku.clone(),
            Some((p.stock, p.unit.clone())),
        ),
        None => (String::new(), String::new(), None),
    };
    let stock = stock.map(|(s, unit)| {
        let text = if s > 0 {
            format!(
                "{} {} {}",
                word(lang, Pick::InStock),
                format::quantity(s),
                unit
            )
        } else {
            word(lang, Pick::NoStock).to_owned()
        };
        view! { <span class="line-stock" class:out=s <= 0>" · "{text}</span> }
    });
    let sku_attr = sku.clone();
    view! {
        <tr class="new-line" data-sku=sku_attr title=word(lang, Pick::NotSaved)>
            <td>{name}
                <div class="sku"><span class="badge new-badge">{word(lang, Pick::NewLine)}</span>" "{sku}{stock}</div>
            </td>
            <td class="num">
                <input class="qty" value=format::quantity(quantity) on:change=set_qty/>
                " "{unit}
            </td>
            <td class="num new-price">{price.map(format::amount)}</td>
            <td class="num"></td>
            <td class="num line-total">{amount.map(format::money)}</td>
            <td><button class="icon" title=word(lang, Pick::RemoveNew) on:click=remove>"×"</button></td>
        </tr>
    }
}

fn line_row(
    lang: Lang,
    line: LineView,
    pending: RwSignal<Vec<LineEdit>>,
    list_price: Option<i64>,
) -> impl IntoView {
    // A value the window cannot read is said in the line it was typed in, not in the banner.
    let said = RwSignal::new(None::<String>);
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
            None => said.set(Some(t(lang, Key::WrongQuantity).to_owned())),
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
            None => said.set(Some(pay(lang, Pay::WrongPrice).to_owned())),
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
            None => said.set(Some(pay(lang, Pay::WrongDiscount).to_owned())),
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
    // A draft kept across a switch of orders or a restart is what the fields show (they
    // showed the saved values beside «1 change not saved»: the bug
    // `show_more_price_override_edit_across_restart_cancel_and_history`).
    let typed = pending.get_untracked();
    let mine = |e: &&LineEdit| edit_line_id(e) == Some(line_id.as_str());
    let shown_qty = typed
        .iter()
        .filter(mine)
        .find_map(|e| match e {
            LineEdit::SetQuantity { quantity, .. } => Some(*quantity),
            _ => None,
        })
        .unwrap_or(line.quantity);
    let shown_price = typed
        .iter()
        .filter(mine)
        .find_map(|e| match e {
            LineEdit::SetPrice { price, .. } => Some(*price),
            _ => None,
        })
        .unwrap_or(line.price);
    let shown_discount = typed
        .iter()
        .filter(mine)
        .find_map(|e| match e {
            LineEdit::SetDiscount { discount, .. } => Some(*discount),
            _ => None,
        })
        .unwrap_or(line.discount);
    let sku = line.sku.clone();
    view! {
        <tr class:removed=removed class:edited=changed data-sku=sku>
            <td>{line.name}<div class="sku">{line.sku}</div>
                {move || said.get().map(|t| view! { <div class="field-error line-error" role="alert">{t}</div> })}
            </td>
            <td class="num">
                <input class="qty" on:input=move |_| said.set(None) value=format::quantity(shown_qty) on:change=set_qty/>
                " "{line.unit}
            </td>
            <td class="num">
                <input class="money line-price" on:input=move |_| said.set(None) value=format::amount(shown_price) on:change=set_price/>
                {list}
            </td>
            <td class="num">
                <input class="line-discount" on:input=move |_| said.set(None) placeholder="0 %" title=pay(lang, Pay::LineDiscountHint)
                    value=proto::discount_text(shown_discount).replace('\u{a0}', " ").replace(" ₽", "")
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
    let order_id = order.id.clone();
    let applied = order.order_discount_input;
    let text = RwSignal::new(
        proto::discount_text(applied)
            .replace('\u{a0}', " ")
            .replace(" ₽", ""),
    );
    // A discount the window cannot read, or one the desk refuses («Ничего не изменилось»),
    // is said under the field, not in the banner.
    let said = RwSignal::new(None::<String>);
    let apply = move |_| match proto::parse_discount(&text.get_untracked()) {
        Some(discount) => {
            let id = order_id.clone();
            super::act_beside(busy, said, move || async move {
                api::set_order_discount(&id, discount).await
            });
        }
        None => said.set(Some(pay(lang, Pay::WrongDiscount).to_owned())),
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
                    aria-invalid=super::said_invalid(said)
                    on:input=move |ev| { said.set(None); text.set(event_target_value(&ev)) }/>
            </label>
            <button id="apply-discount" disabled=move || busy.get() on:click=apply>{t(lang, Key::Apply)}</button>
            <span class="muted" id="applied-discount">{shown}</span>
        </div>
        {super::said_note(said, "order-discount")}
    }
}

/// The order's totals; with edits not yet saved, the totals they would make, counted here
/// (proto::display::estimate) and marked so.
fn totals(
    lang: Lang,
    order: OrderDetail,
    pending: RwSignal<Vec<LineEdit>>,
    picked: RwSignal<Vec<ProductView>>,
) -> impl IntoView {
    move || {
        let edits = pending.get();
        let saved = proto::display::estimate::Estimate {
            subtotal: order.subtotal,
            discount: order.discount,
            delivery_cost: order.delivery_cost,
            total: order.total,
        };
        let shown = if edits.is_empty() {
            saved
        } else {
            picked.with(|list| {
                proto::display::estimate::with_edits(&order, &edits, |id| {
                    list.iter().find(|p| p.id == id).map(|p| p.price)
                })
            })
        };
        let unsaved = shown != saved;
        let changed = order.original_total != 0 && order.original_total != shown.total;
        view! {
            <table class="totals" id="order-totals" class:estimate=unsaved>
                {unsaved.then(|| view! {
                    <tr class="unsaved-note" id="totals-unsaved" title=word(lang, Pick::EstimateHint)>
                        <td colspan="2">{word(lang, Pick::NotSaved)}</td>
                    </tr>
                })}
                <tr><th>{t(lang, Key::Subtotal)}</th><td class="num" id="order-subtotal">{format::money(shown.subtotal)}</td></tr>
                {(shown.discount != 0).then(|| view! {
                    <tr><th>{t(lang, Key::Discount)}</th><td class="num" id="order-discount-total">"−"{format::money(shown.discount)}</td></tr>
                })}
                <tr><th>{t(lang, Key::DeliveryCost)}</th><td class="num" id="order-delivery-cost">{format::money(shown.delivery_cost)}</td></tr>
                <tr class="grand"><th>{t(lang, Key::ToPay)}</th><td class="num" id="order-total">{format::money(shown.total)}</td></tr>
                {changed.then(|| view! {
                    <tr class="original"><th>{t(lang, Key::OriginalTotal)}</th><td class="num" id="original-total">{format::money(order.original_total)}</td></tr>
                })}
                {(!unsaved).then(|| order.vat.iter().map(|v| view! {
                    <tr class="vat"><th>{vat_line(lang, v.rate)}</th><td class="num">{format::money(v.vat)}</td></tr>
                }).collect_view())}
            </table>
        }
    }
}

/// «В т. ч. НДС 22 %» in the window's language. The desk's own label («НДС 22%») is Russian
/// and repeated the «НДС» of the words before it («В т. ч. НДС НДС 22%»).
fn vat_line(lang: Lang, rate: proto::VatRate) -> String {
    match rate {
        proto::VatRate::None => match lang {
            Lang::Ru => "Без НДС".to_owned(),
            Lang::En => "No VAT".to_owned(),
        },
        _ => format!(
            "{} {}",
            t(lang, Key::Vat),
            crate::i18n::versions::vat_rate(lang, rate)
        ),
    }
}
