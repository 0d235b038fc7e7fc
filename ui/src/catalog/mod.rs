//! The products screen: search by name, SKU or barcode; each product edited in place (a
//! changed cell is saved when the field is left); archive and restore; add; a catalogue file
//! imported after a preview, or exported. Only an administrator or a manager edits; the
//! others read.

mod api;
mod files;
mod row;

use leptos::prelude::*;
use proto::{CatalogProduct, Role};

use crate::app::Ctx;
use crate::i18n::{cat, Cat};

#[component]
pub fn Catalog() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let text = RwSignal::new(String::new());
    let archived = RwSignal::new(false);
    let user = LocalResource::new(crate::api::current_user);
    let editor = Signal::derive(move || {
        user.get()
            .and_then(Result::ok)
            .is_some_and(|u| matches!(u.role, Role::Admin | Role::Manager))
    });
    let adding = RwSignal::new(false);
    let products = LocalResource::new(move || {
        ctx.revision.track();
        let (text, archived) = (text.get(), archived.get());
        async move { api::catalog(text, archived).await }
    });
    view! {
        <section class="catalog" id="catalog">
            <div class="catalog-bar">
                {search_head(move || cat(ctx.lang.get(), Cat::Products), "catalog-search",
                    move || cat(ctx.lang.get(), Cat::SearchProducts), text)}
                <label class="check">
                    <input type="checkbox" id="catalog-archived"
                        prop:checked=move || archived.get()
                        on:change=move |ev| archived.set(event_target_checked(&ev))/>
                    {move || cat(ctx.lang.get(), Cat::ShowArchived)}
                </label>
                <span class="spacer"></span>
                {move || if editor.get() {
                    view! {
                        <button class="primary" id="catalog-add" on:click=move |_| adding.set(true)>
                            "+ "{cat(ctx.lang.get(), Cat::AddProduct)}
                        </button>
                    }.into_any()
                } else {
                    view! { <span class="muted" id="catalog-read-only">{cat(ctx.lang.get(), Cat::ReadOnly)}</span> }.into_any()
                }}
            </div>
            {move || editor.get().then(|| view! { <files::Files/> })}
            <div class="catalog-table">
                <table class="grid products" id="products">
                    <thead>{move || head(ctx.lang.get())}</thead>
                    <tbody>
                        {move || adding.get().then(|| row::new_row(adding))}
                        {move || products.get().map(|list| match list {
                            Ok(list) if list.is_empty() => view! {
                                <tr><td colspan="11" class="muted" id="catalog-empty">{cat(ctx.lang.get(), Cat::Nothing)}</td></tr>
                            }.into_any(),
                            Ok(list) => rows(list, editor).into_any(),
                            Err(e) => ctx.failed(e),
                        })}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn rows(list: Vec<CatalogProduct>, editor: Signal<bool>) -> impl IntoView {
    list.into_iter()
        .map(|p| row::product_row(p, editor))
        .collect_view()
}

fn head(lang: crate::i18n::Lang) -> impl IntoView {
    let th = |key| view! { <th>{cat(lang, key)}</th> };
    view! {
        <tr>
            {th(Cat::Sku)}
            {th(Cat::Name)}
            {th(Cat::Barcode)}
            {th(Cat::Unit)}
            <th class="num">{cat(lang, Cat::Price)}</th>
            {th(Cat::Vat)}
            <th class="num">{cat(lang, Cat::WeightG)}</th>
            {th(Cat::Location)}
            <th class="num">{cat(lang, Cat::Stock)}</th>
            <th></th>
        </tr>
    }
}

/// A register screen's title and its search box (the catalogue's, the customers'), typing
/// into `text`.
pub(crate) fn search_head(
    title: impl Fn() -> &'static str + Send + Sync + 'static,
    id: &'static str,
    hint: impl Fn() -> &'static str + Send + Sync + 'static,
    text: RwSignal<String>,
) -> impl IntoView {
    view! {
        <h2>{title}</h2>
        <input type="search" class="catalog-search" id=id
            placeholder=hint
            prop:value=move || text.get()
            on:input=move |ev| text.set(event_target_value(&ev))/>
    }
}
