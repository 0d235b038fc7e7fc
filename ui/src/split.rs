//! The border between the order list and the card can be dragged; the width is remembered
//! on this PC. At 1920 px the card starts wider than at 1366, where the list needs the room.

use leptos::prelude::*;

const KEY: &str = "orderdesk.card_width";
/// The stage column's width (style.css `.panes`).
const STAGES: f64 = 210.0;
/// The list keeps at least this much.
const LIST_MIN: f64 = 420.0;
const CARD_MIN: f64 = 340.0;

fn window_width() -> f64 {
    window()
        .inner_width()
        .ok()
        .and_then(|w| w.as_f64())
        .unwrap_or(1366.0)
}

fn clamp(width: f64) -> u32 {
    let max = (window_width() - STAGES - LIST_MIN).max(CARD_MIN);
    width.clamp(CARD_MIN, max).round() as u32
}

fn default_width() -> u32 {
    let w = window_width();
    clamp(if w <= 1400.0 { 380.0 } else { w * 0.38 })
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The card's width in px, shared by the panes and the handle.
#[derive(Clone, Copy)]
pub struct Split(pub RwSignal<u32>);

pub fn provide() -> Split {
    let stored = storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|v| v.parse::<f64>().ok())
        .map(clamp);
    let split = Split(RwSignal::new(stored.unwrap_or_else(default_width)));
    provide_context(split);
    split
}

impl Split {
    /// The panes' `grid-template-columns`.
    pub fn columns(self) -> String {
        format!("{STAGES}px minmax(0, 1fr) 6px {}px", self.0.get())
    }
}

/// The draggable border; a double click puts the default width back.
#[component]
pub fn SplitHandle() -> impl IntoView {
    let split = expect_context::<Split>();
    let dragging = StoredValue::new(false);
    let moved = window_event_listener(leptos::ev::mousemove, move |ev| {
        if dragging.get_value() {
            ev.prevent_default();
            split
                .0
                .set(clamp(window_width() - f64::from(ev.client_x())));
        }
    });
    let released = window_event_listener(leptos::ev::mouseup, move |_| {
        if dragging.get_value() {
            dragging.set_value(false);
            if let Some(s) = storage() {
                let _ = s.set_item(KEY, &split.0.get_untracked().to_string());
            }
        }
    });
    on_cleanup(move || {
        moved.remove();
        released.remove();
    });
    view! {
        <div class="split-handle" id="split-handle" role="separator" aria-orientation="vertical"
            on:mousedown=move |ev| {
                ev.prevent_default();
                dragging.set_value(true);
            }
            on:dblclick=move |_| {
                split.0.set(default_width());
                if let Some(s) = storage() {
                    let _ = s.remove_item(KEY);
                }
            }></div>
    }
}
