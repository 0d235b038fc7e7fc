//! The desk's own question dialog, in place of the browser's `confirm` and `prompt`: those
//! show «JavaScript - tauri://localhost» as their title, cannot be styled or translated, and
//! block the whole webview (and a WebDriver session) while open.
//!
//! `ask(...).await` shows the question over the desk and resolves when it is answered:
//! Enter or the first button answers, Esc or the second cancels.

use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What is being asked: a yes/no question, or a line of text to give.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Confirm,
    Text,
}

struct Open {
    question: String,
    yes: String,
    no: String,
    kind: Kind,
    /// The promise's resolve: `true`/`false` for a question, the text or `null` for a line.
    resolve: js_sys::Function,
}

/// The one open question, if any. Local: the resolve function is a JS value.
#[derive(Clone, Copy)]
pub struct Dialog(RwSignal<Option<Open>, LocalStorage>);

thread_local! {
    // Questions are asked from tasks spawned by click handlers, where no reactive owner (and
    // so no context) is current; the window has one host, made at start.
    static HOST: std::cell::Cell<Option<Dialog>> = const { std::cell::Cell::new(None) };
}

pub fn provide() {
    let dialog = Dialog(RwSignal::new_local(None));
    HOST.with(|h| h.set(Some(dialog)));
    provide_context(dialog);
}

/// Asks yes or no; `false` when cancelled.
pub async fn confirm(question: String, yes: String, no: String) -> bool {
    ask(question, yes, no, Kind::Confirm).await.as_bool() == Some(true)
}

/// Asks for a line of text; `None` when cancelled. An empty line is an answer.
pub async fn text(question: String, ok: String, cancel: String) -> Option<String> {
    ask(question, ok, cancel, Kind::Text).await.as_string()
}

async fn ask(question: String, yes: String, no: String, kind: Kind) -> JsValue {
    let Some(dialog) = HOST.with(std::cell::Cell::get) else {
        // No host (a screen shown before the desk): nothing is done without an answer.
        return JsValue::NULL;
    };
    let mut resolve = None;
    let promise = js_sys::Promise::new(&mut |ok, _| resolve = Some(ok));
    let Some(resolve) = resolve else {
        return JsValue::NULL;
    };
    // A question still open is answered «no» before the new one replaces it.
    if let Some(old) = dialog.0.try_update(|d| d.take()).flatten() {
        answer(&old, JsValue::NULL);
    }
    dialog.0.set(Some(Open {
        question,
        yes,
        no,
        kind,
        resolve,
    }));
    JsFuture::from(promise).await.unwrap_or(JsValue::NULL)
}

fn answer(open: &Open, value: JsValue) {
    // The promise's own resolve cannot throw.
    let _ = open.resolve.call1(&JsValue::NULL, &value);
}

/// Shows the open question; put once in the desk.
#[component]
pub fn DialogHost() -> impl IntoView {
    let dialog = expect_context::<Dialog>();
    let typed = RwSignal::new(String::new());
    let close = move |value: Option<JsValue>| {
        if let Some(open) = dialog.0.try_update(|d| d.take()).flatten() {
            let value = value.unwrap_or(match open.kind {
                Kind::Confirm => JsValue::FALSE,
                Kind::Text => JsValue::NULL,
            });
            answer(&open, value);
        }
        typed.set(String::new());
    };
    let yes = move || {
        let kind = dialog.0.with(|d| d.as_ref().map(|o| o.kind));
        match kind {
            Some(Kind::Confirm) => close(Some(JsValue::TRUE)),
            Some(Kind::Text) => close(Some(JsValue::from_str(&typed.get_untracked()))),
            None => {}
        }
    };
    let keys = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            yes();
        }
        "Escape" => {
            // The desk's own Esc (closing the card) waits until the question is answered.
            ev.stop_propagation();
            close(None);
        }
        _ => {}
    };
    let focus_first = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if dialog.0.with(Option::is_some) {
            if let Some(el) = focus_first.get() {
                let target = el
                    .query_selector("input, button.primary")
                    .ok()
                    .flatten()
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(t) = target {
                    let _ = t.focus();
                }
            }
        }
    });
    move || {
        dialog.0.with(|d| {
            d.as_ref().map(|open| {
                let input = (open.kind == Kind::Text).then(|| {
                    view! {
                        <input id="dialog-input" type="text" maxlength="500"
                            prop:value=move || typed.get()
                            on:input=move |ev| typed.set(event_target_value(&ev))/>
                    }
                });
                view! {
                    <div class="overlay dialog-overlay" on:keydown=keys>
                        <div class="dialog" id="dialog" role="dialog" aria-modal="true" node_ref=focus_first>
                            <p class="question" id="dialog-question">{open.question.clone()}</p>
                            {input}
                            <div class="row">
                                <button class="primary" id="dialog-yes" on:click=move |_| yes()>{open.yes.clone()}</button>
                                <button id="dialog-no" on:click=move |_| close(None)>{open.no.clone()}</button>
                            </div>
                        </div>
                    </div>
                }
            })
        })
    }
}
