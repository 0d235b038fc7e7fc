//! Work typed but not yet saved survives switching orders, closing the form and restarting
//! the desk: it is kept on this PC (the webview's local storage) until it is saved or thrown
//! away on purpose. Nothing is kept once it is back to empty.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

const PREFIX: &str = "orderdesk.draft.";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = storage()?.get_item(key).ok().flatten()?;
    let value = js_sys::JSON::parse(&text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

fn save<T: Serialize>(key: &str, value: &T) {
    let Some(s) = storage() else { return };
    let text = serde_wasm_bindgen::to_value(value)
        .ok()
        .and_then(|v| js_sys::JSON::stringify(&v).ok())
        .and_then(|v| v.as_string());
    if let Some(text) = text {
        // A full storage loses the draft, not the work on screen.
        let _ = s.set_item(key, &text);
    }
}

/// The draft kept under `name`, if any.
pub fn load_named<T: DeserializeOwned>(name: &str) -> Option<T> {
    load(&format!("{PREFIX}{name}"))
}

/// Keeps `value` under `name`, or forgets it when it is `empty`.
pub fn keep_named<T: Serialize>(name: &str, value: &T, empty: bool) {
    if empty {
        forget(name);
    } else {
        save(&format!("{PREFIX}{name}"), value);
    }
}

/// Forgets the draft under `name`.
pub fn forget(name: &str) {
    if let Some(s) = storage() {
        let _ = s.remove_item(&format!("{PREFIX}{name}"));
    }
}

/// A signal that starts from the draft kept under `name` (or `empty`) and keeps itself there
/// while it is not `empty`.
pub fn kept<T>(name: &str, empty: T) -> RwSignal<T>
where
    T: Serialize + DeserializeOwned + Clone + PartialEq + Send + Sync + 'static,
{
    let key = format!("{PREFIX}{name}");
    let signal = RwSignal::new(load(&key).unwrap_or_else(|| empty.clone()));
    Effect::new(move |_| {
        signal.with(|value| {
            if *value == empty {
                if let Some(s) = storage() {
                    let _ = s.remove_item(&key);
                }
            } else {
                save(&key, value);
            }
        })
    });
    signal
}

/// The line edits of an order not yet saved as a version. Tied to the version they were made
/// on: once another version is saved (here or on another PC) they no longer apply.
pub fn line_edits(order_id: &str, version: i64) -> RwSignal<Vec<proto::LineEdit>> {
    kept(&format!("lines.{order_id}.{version}"), Vec::new())
}

/// The typed work kept unsaved on this PC (a new order, an order's lines or comment), as
/// the names it is kept under: the desk is not updated (restarted) while there is any.
pub fn unsaved() -> Vec<String> {
    let Some(s) = storage() else {
        return Vec::new();
    };
    let len = s.length().unwrap_or(0);
    (0..len)
        .filter_map(|i| s.key(i).ok().flatten())
        .filter_map(|k| k.strip_prefix(PREFIX).map(str::to_owned))
        .collect()
}

/// Throws every kept draft away (the manager chose to, e.g. edits left from an order saved
/// meanwhile on another PC).
pub fn forget_all() {
    for name in unsaved() {
        forget(&name);
    }
}
