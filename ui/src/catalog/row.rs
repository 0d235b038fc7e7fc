//! One product as a table row: cells edited in place, each change saved when its field is
//! left (the whole product, as the `SetProduct` op carries it).

use leptos::prelude::*;
use proto::display::{parse_money, parse_quantity};
use proto::{CatalogProduct, ProductInput, VatRate};

use super::api;
use crate::app::Ctx;
use crate::field_error::Refused;
use crate::format;
use crate::i18n::{cat, t, Cat, Key, Lang};

/// The cells a refusal of the product form can name (issue 15, point 10).
const FIELDS: &[&str] = &["sku", "name", "price", "weight"];

/// The id a cell's refusal is said by, `prefix` + the cell's name.
fn note_id(prefix: &str, name: &str) -> &'static str {
    match (prefix, name) {
        ("new", "sku") => "new-sku",
        ("new", "name") => "new-name",
        ("new", "price") => "new-price",
        ("new", "weight") => "new-weight",
        ("new", "stock") => "new-stock",
        (_, "sku") => "product-sku",
        (_, "name") => "product-name",
        (_, "price") => "product-price",
        (_, "weight") => "product-weight",
        (_, "stock") => "product-stock",
        _ => "product-cell",
    }
}

/// Under a cell: the desk's refusal of it, or that the window could not read the number typed.
fn cell_note(
    lang: Lang,
    refused: Refused,
    unreadable: RwSignal<Option<&'static str>>,
    prefix: &'static str,
    name: &'static str,
) -> impl IntoView {
    let id = note_id(prefix, name);
    view! {
        {refused.note(lang, name, id)}
        {move || (unreadable.get() == Some(name)).then(|| view! {
            <p class="field-error" id=format!("{id}-error") role="alert">{t(lang, Key::WrongAmount)}</p>
        })}
    }
}

/// `aria-invalid` for a cell the desk refused or the window could not read.
fn cell_invalid(
    refused: Refused,
    unreadable: RwSignal<Option<&'static str>>,
    name: &'static str,
) -> impl Fn() -> Option<&'static str> {
    let desk = refused.invalid(name);
    move || desk().or((unreadable.get() == Some(name)).then_some("true"))
}

/// Typing in a cell takes away what was said about it.
fn cell_typed(refused: Refused, unreadable: RwSignal<Option<&'static str>>, name: &'static str) {
    refused.typed(name);
    if unreadable.get_untracked() == Some(name) {
        unreadable.set(None);
    }
}

const RATES: [(VatRate, &str, &str); 6] = [
    (VatRate::Vat22, "vat22", "22 %"),
    (VatRate::Vat10, "vat10", "10 %"),
    (VatRate::Vat7, "vat7", "7 %"),
    (VatRate::Vat5, "vat5", "5 %"),
    (VatRate::Vat0, "vat0", "0 %"),
    (VatRate::None, "none", "—"),
];

fn vat_code(v: Option<VatRate>) -> &'static str {
    v.and_then(|v| RATES.iter().find(|r| r.0 == v).map(|r| r.1))
        .unwrap_or("")
}

fn vat_label(lang: Lang, v: Option<VatRate>) -> String {
    match v {
        None => cat(lang, Cat::ShopVat).to_owned(),
        Some(VatRate::None) => cat(lang, Cat::NoVat).to_owned(),
        Some(v) => RATES
            .iter()
            .find(|r| r.0 == v)
            .map_or(String::new(), |r| r.2.to_owned()),
    }
}

fn input_of(p: &CatalogProduct) -> ProductInput {
    ProductInput {
        id: (!p.id.is_empty()).then(|| p.id.clone()),
        sku: p.sku.clone(),
        name: p.name.clone(),
        barcode: p.barcode.clone(),
        unit: p.unit.clone(),
        price: p.price,
        vat: p.vat,
        weight_g: p.weight_g,
        location: p.location.clone(),
        stock: p.stock,
        archived: p.archived,
    }
}

/// Which cell a text goes to; `None` when the text does not fit it.
fn set_cell(p: &mut CatalogProduct, cell: &str, value: &str) -> Option<()> {
    let value = value.trim();
    match cell {
        "sku" => p.sku = value.to_owned(),
        "name" => p.name = value.to_owned(),
        "barcode" => p.barcode = value.to_owned(),
        "unit" => p.unit = value.to_owned(),
        "location" => p.location = value.to_owned(),
        "price" => p.price = parse_money(value).filter(|v| *v >= 0)?,
        "stock" => p.stock = parse_quantity(value)?,
        "weight" if value.is_empty() => p.weight_g = None,
        "weight" => p.weight_g = Some(value.parse().ok().filter(|g: &i64| *g >= 0)?),
        "vat" => {
            p.vat = RATES.iter().find(|r| r.1 == value).map(|r| r.0);
        }
        _ => return None,
    }
    Some(())
}

fn cell_text(p: &CatalogProduct, cell: &str) -> String {
    match cell {
        "sku" => p.sku.clone(),
        "name" => p.name.clone(),
        "barcode" => p.barcode.clone(),
        "unit" => p.unit.clone(),
        "location" => p.location.clone(),
        "price" => format::amount(p.price),
        "stock" => format::quantity(p.stock),
        "weight" => p.weight_g.map(|g| g.to_string()).unwrap_or_default(),
        _ => String::new(),
    }
}

/// The editable cells, in the table's order (VAT is a list, between price and weight).
const BEFORE_VAT: [&str; 5] = ["sku", "name", "barcode", "unit", "price"];
const AFTER_VAT: [&str; 3] = ["weight", "location", "stock"];

fn numeric(cell: &str) -> bool {
    matches!(cell, "price" | "weight" | "stock")
}

pub fn product_row(p: CatalogProduct, editor: Signal<bool>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let product = RwSignal::new(p);
    let saved = RwSignal::new(false);
    let refused = Refused::new(FIELDS);
    let unreadable = RwSignal::new(None::<&'static str>);
    let save = move |next: CatalogProduct| {
        saved.set(false);
        unreadable.set(None);
        leptos::task::spawn_local(async move {
            match api::save_product(input_of(&next)).await {
                Ok(p) => {
                    let archived_changed = p.archived != product.get_untracked().archived;
                    product.set(p);
                    refused.clear();
                    saved.set(true);
                    ctx.error.set(None);
                    if archived_changed {
                        ctx.changed();
                    }
                }
                Err(e) => {
                    // The row shows the product as it is saved, not the refused text.
                    product.update(|_| {});
                    if !refused.keep_input(e.clone()) {
                        ctx.fail(e)
                    }
                }
            }
        });
    };
    let cell = move |name: &'static str| {
        let class = if numeric(name) { "num" } else { "" };
        view! {
            <td class=class>
                {move || if editor.get() {
                    view! {
                        <input class=format!("cell {name}") data-cell=name
                            prop:value=move || product.with(|p| cell_text(p, name))
                            aria-invalid=cell_invalid(refused, unreadable, name)
                            on:input=move |_| cell_typed(refused, unreadable, name)
                            on:change=move |ev| {
                                let mut next = product.get_untracked();
                                if set_cell(&mut next, name, &event_target_value(&ev)).is_some() {
                                    save(next);
                                } else {
                                    product.update(|_| {});
                                    unreadable.set(Some(name));
                                }
                            }/>
                        {move || cell_note(ctx.lang.get(), refused, unreadable, "product", name)}
                    }.into_any()
                } else {
                    view! { <span class=name>{move || product.with(|p| cell_text(p, name))}</span> }.into_any()
                }}
            </td>
        }
    };
    let vat = move || {
        let lang = ctx.lang.get();
        if editor.get() {
            let options = std::iter::once(None)
                .chain(RATES.iter().map(|r| Some(r.0)))
                .map(|v| {
                    view! {
                        <option value=vat_code(v) selected=move || product.with(|p| p.vat == v)>
                            {vat_label(lang, v)}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <select class="cell vat" data-cell="vat" on:change=move |ev| {
                    let mut next = product.get_untracked();
                    if set_cell(&mut next, "vat", &event_target_value(&ev)).is_some() {
                        save(next);
                    }
                }>{options}</select>
            }
            .into_any()
        } else {
            view! { <span>{move || product.with(|p| vat_label(lang, p.vat))}</span> }.into_any()
        }
    };
    let sku = product.with_untracked(|p| p.sku.clone());
    view! {
        <tr class="product" data-sku=sku
            class:archived=move || product.with(|p| p.archived)
            class:saved=move || saved.get()>
            {BEFORE_VAT.map(cell)}
            <td>{vat}</td>
            {AFTER_VAT.map(cell)}
            <td class="actions">
                {move || editor.get().then(|| {
                    let lang = ctx.lang.get();
                    let archived = product.with(|p| p.archived);
                    let label = cat(lang, if archived { Cat::Restore } else { Cat::Archive });
                    view! {
                        <button class="archive" on:click=move |_| {
                            let mut next = product.get_untracked();
                            next.archived = !next.archived;
                            save(next);
                        }>{label}</button>
                        {refused.at_action(lang, "product-save")}
                    }
                })}
                {move || product.with(|p| p.archived).then(|| view! {
                    <span class="muted">" "{cat(ctx.lang.get(), Cat::Archived)}</span>
                })}
            </td>
        </tr>
    }
}

/// A row for a new product: filled in, then saved with its button.
pub fn new_row(adding: RwSignal<bool>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let draft = RwSignal::new(CatalogProduct {
        id: String::new(),
        sku: String::new(),
        name: String::new(),
        barcode: String::new(),
        unit: "шт".to_owned(),
        price: 0,
        vat: None,
        weight_g: None,
        location: String::new(),
        stock: 0,
        archived: false,
    });
    // The cell whose number could not be read: said under it, and nothing is sent.
    let bad = RwSignal::new(None::<&'static str>);
    let refused = Refused::new(FIELDS);
    let cell = move |name: &'static str| {
        view! {
            <td class=if numeric(name) { "num" } else { "" }>
                <input class=format!("cell {name}") data-cell=name id=format!("new-{name}")
                    prop:value=move || draft.with(|p| cell_text(p, name))
                    aria-invalid=cell_invalid(refused, bad, name)
                    on:input=move |_| cell_typed(refused, bad, name)
                    on:change=move |ev| {
                        let mut next = draft.get_untracked();
                        let read = set_cell(&mut next, name, &event_target_value(&ev)).is_some();
                        if read {
                            if bad.get_untracked() == Some(name) {
                                bad.set(None);
                            }
                        } else {
                            bad.set(Some(name));
                        }
                        draft.set(next);
                    }/>
                {move || cell_note(ctx.lang.get(), refused, bad, "new", name)}
            </td>
        }
    };
    let save = move |_| {
        if bad.get_untracked().is_some() {
            return;
        }
        let input = input_of(&draft.get_untracked());
        leptos::task::spawn_local(async move {
            match api::save_product(input).await {
                Ok(_) => {
                    refused.clear();
                    adding.set(false);
                    ctx.error.set(None);
                    ctx.changed();
                }
                Err(e) => {
                    if !refused.keep_input(e.clone()) {
                        ctx.fail(e)
                    }
                }
            }
        });
    };
    view! {
        <tr class="product new" id="new-product">
            {BEFORE_VAT.map(cell)}
            <td>
                <select class="cell vat" id="new-vat" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    draft.update(|p| { set_cell(p, "vat", &v); });
                }>
                    {std::iter::once(None).chain(RATES.iter().map(|r| Some(r.0))).map(|v| view! {
                        <option value=vat_code(v)>{vat_label(ctx.lang.get_untracked(), v)}</option>
                    }).collect_view()}
                </select>
            </td>
            {AFTER_VAT.map(cell)}
            <td class="actions">
                <button class="primary" id="new-product-save" on:click=save>{move || cat(ctx.lang.get(), Cat::Save)}</button>
                <button id="new-product-cancel" on:click=move |_| adding.set(false)>{move || cat(ctx.lang.get(), Cat::Cancel)}</button>
                {move || refused.at_action(ctx.lang.get(), "new-product-save")}
            </td>
        </tr>
    }
}
