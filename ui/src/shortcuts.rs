//! The keys the desk answers besides `/`, Ctrl+K and Esc (app.rs): ↑/↓ walk the list, Enter
//! in the search box opens the first match, Ctrl+Enter moves the open order to its next
//! stage (what the «Следующий этап» button's tooltip promises), `?` lists them all.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::Ctx;
use crate::i18n::{work, Work};

/// Whether the key list is shown.
#[derive(Clone, Copy)]
pub struct Help(pub RwSignal<bool>);

pub fn provide() -> Help {
    let help = Help(RwSignal::new(false));
    provide_context(help);
    help
}

/// Answers a key press the desk knows; `true` when it was one.
pub fn handle(ctx: Ctx, help: Help, ev: &web_sys::KeyboardEvent, typing: bool) -> bool {
    let key = ev.key();
    let in_search = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| el.id() == "search");
    let on_list = !ctx.settings.get_untracked() && !ctx.catalog.get_untracked();
    match key.as_str() {
        "Enter" if ev.ctrl_key() || ev.meta_key() => click("#advance"),
        "Enter" if in_search && on_list => {
            let Some(first) = crate::table::neighbour(None, 1) else {
                return false;
            };
            ctx.creating.set(false);
            ctx.order.set(Some(first));
            true
        }
        "Enter" if !typing && on_list && ctx.order.get_untracked().is_some() => {
            // To the card: its first action takes the focus.
            focus("#order-card button:not([disabled])")
        }
        "ArrowDown" | "ArrowUp" if (!typing || in_search) && on_list => {
            let step = if key == "ArrowDown" { 1 } else { -1 };
            let current = ctx.order.get_untracked();
            match crate::table::neighbour(current.as_deref(), step) {
                Some(id) => {
                    ctx.creating.set(false);
                    ctx.order.set(Some(id));
                    true
                }
                None => false,
            }
        }
        "?" if !typing => {
            help.0.update(|h| *h = !*h);
            true
        }
        "Escape" if help.0.get_untracked() => {
            help.0.set(false);
            true
        }
        _ => false,
    }
}

fn element<T: JsCast>(css: &str) -> Option<T> {
    document()
        .query_selector(css)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<T>().ok())
}

fn click(css: &str) -> bool {
    match element::<web_sys::HtmlElement>(css) {
        Some(el) if !el.has_attribute("disabled") => {
            el.click();
            true
        }
        _ => false,
    }
}

fn focus(css: &str) -> bool {
    element::<web_sys::HtmlElement>(css).is_some_and(|el| el.focus().is_ok())
}

/// The list of keys, over the desk.
#[component]
pub fn ShortcutsHelp() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let help = expect_context::<Help>();
    move || {
        help.0.get().then(|| {
            let lang = ctx.lang.get();
            let rows = [
                ("/  ·  Ctrl+K", Work::KeySearch),
                ("↑ ↓", Work::KeyRows),
                ("Enter", Work::KeyOpen),
                ("Ctrl+Enter", Work::KeyAdvance),
                ("Esc", Work::KeyClose),
                ("?", Work::KeyHelp),
            ]
            .into_iter()
            .map(|(keys, what)| view! { <tr><td><kbd>{keys}</kbd></td><td>{work(lang, what)}</td></tr> })
            .collect_view();
            view! {
                <div class="overlay dialog-overlay" on:click=move |_| help.0.set(false)>
                    <div class="dialog" id="shortcuts" role="dialog" on:click=|ev| ev.stop_propagation()>
                        <h3>{work(lang, Work::Shortcuts)}</h3>
                        <table class="keys">{rows}</table>
                        <div class="row">
                            <button class="primary" id="shortcuts-close" on:click=move |_| help.0.set(false)>{work(lang, Work::Close)}</button>
                        </div>
                    </div>
                </div>
            }
        })
    }
}
