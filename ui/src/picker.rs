//! The product picker (issue 15, point 7): a text box that finds products by any part of a
//! name, an SKU or a barcode as the manager types, and a dropdown of matches with price and
//! stock; ↑/↓ choose, Enter or a click picks, Esc closes. A scanner that types a barcode and
//! Enter faster than the search answers still gets its product: the Enter waits for it.

use leptos::prelude::*;
use proto::{cmd, CommandError, ProductView};
use wasm_bindgen::JsCast;

use crate::app::Ctx;
use crate::format;
use crate::i18n::picker::{word, Pick};
use crate::i18n::Lang;

/// Matches the dropdown shows; the rest are narrowed by typing.
const SHOWN: u32 = 10;

async fn find_products(text: String, limit: u32) -> Result<Vec<ProductView>, CommandError> {
    crate::api::call(&cmd::FindProducts { text, limit }).await
}

/// `id` is the text box's (the dropdown's is `{id}-matches`). `on_pick` gets the product
/// picked; `on_nothing` is told when Enter found nothing to pick, so the form can say so
/// beside the box; `invalid` marks the box.
#[component]
pub fn ProductPicker(
    id: &'static str,
    lang: Lang,
    on_pick: Callback<ProductView>,
    on_nothing: Callback<()>,
    #[prop(into)] invalid: Signal<bool>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let text = RwSignal::new(String::new());
    let open = RwSignal::new(false);
    let active = RwSignal::new(0usize);
    let matches = RwSignal::new(Vec::<ProductView>::new());
    // The text `matches` answer; while it differs from `text` a search is under way.
    let answered = RwSignal::new(String::new());
    let enter_waiting = RwSignal::new(false);
    let asked = StoredValue::new(0u64);
    let list_id = format!("{id}-matches");

    let pick = move |p: ProductView| {
        text.set(String::new());
        answered.set(String::new());
        matches.set(Vec::new());
        open.set(false);
        enter_waiting.set(false);
        on_pick.run(p);
    };
    let search = move |value: String| {
        text.set(value.clone());
        active.set(0);
        if value.trim().is_empty() {
            open.set(false);
            matches.set(Vec::new());
            answered.set(String::new());
            return;
        }
        open.set(true);
        let n = asked.get_value() + 1;
        asked.set_value(n);
        leptos::task::spawn_local(async move {
            let found = find_products(value.clone(), SHOWN).await;
            // A reply to an earlier text is not what is typed now.
            if asked.get_value() != n {
                return;
            }
            match found {
                Ok(list) => {
                    let first = list.first().cloned();
                    matches.set(list);
                    answered.set(value);
                    if enter_waiting.get_untracked() {
                        enter_waiting.set(false);
                        match first {
                            Some(p) => pick(p),
                            None => on_nothing.run(()),
                        }
                    }
                }
                Err(err) => ctx.fail(err),
            }
        });
    };
    let current = move || text.with_untracked(|t| answered.with_untracked(|a| a == t));
    let keydown = move |ev: leptos::ev::KeyboardEvent| {
        let n = matches.with_untracked(Vec::len);
        let handled = match ev.key().as_str() {
            "ArrowDown" => {
                if !open.get_untracked() && !text.with_untracked(|t| t.trim().is_empty()) {
                    open.set(true);
                } else if n > 0 {
                    active.update(|a| *a = (*a + 1).min(n - 1));
                }
                true
            }
            "ArrowUp" => {
                active.update(|a| *a = a.saturating_sub(1));
                true
            }
            "Enter" => {
                if text.with_untracked(|t| t.trim().is_empty()) {
                    on_nothing.run(());
                } else if !current() {
                    enter_waiting.set(true);
                } else {
                    match matches.with_untracked(|m| m.get(active.get_untracked()).cloned()) {
                        Some(p) => pick(p),
                        None => on_nothing.run(()),
                    }
                }
                true
            }
            // Esc closes the dropdown, not the card or the form around it: the listener sits on
            // the box itself (leptos delegates no events here), so stopping the event keeps it
            // from the window's keys.
            "Escape" if open.get_untracked() => {
                open.set(false);
                true
            }
            _ => false,
        };
        if handled {
            ev.prevent_default();
            ev.stop_propagation();
        }
    };
    // The chosen match stays in view when ↑/↓ leave the dropdown's visible part; only the
    // list scrolls (scrollIntoView would scroll the card and the window too).
    Effect::new(move |_| {
        let i = active.get();
        let option = document()
            .get_element_by_id(&format!("{id}-opt-{i}"))
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
        let list = document().get_element_by_id(&format!("{id}-matches"));
        if let (Some(option), Some(list)) = (option, list) {
            let (top, bottom) = (
                option.offset_top(),
                option.offset_top() + option.offset_height(),
            );
            if top < list.scroll_top() {
                list.set_scroll_top(top);
            } else if bottom > list.scroll_top() + list.client_height() {
                list.set_scroll_top(bottom - list.client_height());
            }
        }
    });
    // The whole dropdown in view: the card around the picker scrolls so that a picker near
    // the bottom of the window does not open a list cut off by its edge (again when the
    // window is resized). Only the card: the window itself never scrolls.
    let list_for_scroll = list_id.clone();
    let resized = RwSignal::new(0u32);
    let on_resize = window_event_listener(leptos::ev::resize, move |_| {
        if open.get_untracked() {
            resized.update(|n| *n = n.wrapping_add(1));
        }
    });
    on_cleanup(move || on_resize.remove());
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        matches.track();
        answered.track();
        resized.track();
        let list_id = list_for_scroll.clone();
        request_animation_frame(move || {
            let Some(list) = document().get_element_by_id(&list_id) else {
                return;
            };
            let Some(card) = list.closest(".card").ok().flatten() else {
                return;
            };
            let below =
                list.get_bounding_client_rect().bottom() - card.get_bounding_client_rect().bottom();
            if below > 0.0 {
                card.set_scroll_top(card.scroll_top() + below.ceil() as i32 + 4);
            }
        });
    });
    let rows = move || {
        matches
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, p)| {
                let chosen = p.clone();
                let sku = p.sku.clone();
                let stock = if p.stock > 0 {
                    format!("{} {} {}", word(lang, Pick::InStock), format::quantity(p.stock), p.unit)
                } else {
                    word(lang, Pick::NoStock).to_owned()
                };
                let barcode = (!p.barcode.is_empty()).then(|| {
                    view! { <span class="pick-barcode" title=word(lang, Pick::Barcode)>" · "{p.barcode.clone()}</span> }
                });
                view! {
                    <li role="option" class="pick-item" id=format!("{id}-opt-{i}") data-sku=sku
                        class:active=move || active.get() == i
                        aria-selected=move || (active.get() == i).to_string()
                        on:mouseenter=move |_| active.set(i)
                        // The box keeps the focus, so its blur does not close the dropdown
                        // before the click lands.
                        on:mousedown=move |ev| ev.prevent_default()
                        on:click=move |_| pick(chosen.clone())>
                        <span class="pick-name">{p.name}</span>
                        <span class="pick-price">{format::money(p.price)}</span>
                        <span class="pick-sku">{p.sku}{barcode}</span>
                        <span class="pick-stock" class:out=p.stock <= 0>{stock}</span>
                    </li>
                }
            })
            .collect_view()
    };
    let state = move || {
        let searching = text.with(|t| answered.with(|a| a != t));
        if searching {
            Some(
                view! { <li class="pick-note" id=format!("{id}-searching")>{word(lang, Pick::Searching)}</li> },
            )
        } else if matches.with(Vec::is_empty) {
            Some(
                view! { <li class="pick-note pick-nothing" id=format!("{id}-nothing")>{word(lang, Pick::Nothing)}</li> },
            )
        } else {
            None
        }
    };
    let list_for_aria = list_id.clone();
    view! {
        <div class="picker">
            <input id=id type="search" autocomplete="off" role="combobox" aria-autocomplete="list"
                aria-controls=list_for_aria aria-expanded=move || open.get().to_string()
                aria-activedescendant=move || open.get().then(|| format!("{id}-opt-{}", active.get()))
                placeholder=word(lang, Pick::Placeholder) title=word(lang, Pick::Hint)
                class:invalid=move || invalid.get()
                prop:value=move || text.get()
                on:input=move |ev| search(event_target_value(&ev))
                on:keydown=keydown
                on:focus=move |_| if !text.with_untracked(|t| t.trim().is_empty()) { open.set(true) }
                on:blur=move |_| open.set(false)/>
            <Show when=move || open.get()>
                <ul class="pick-list" role="listbox" id=list_id.clone()>
                    {rows}
                    {state}
                    <li class="pick-hint" aria-hidden="true">{word(lang, Pick::Hint)}</li>
                </ul>
            </Show>
        </div>
    }
}
