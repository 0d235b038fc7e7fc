//! The border between the order list and the card can be dragged; the width is remembered
//! on this PC; a double click gives the card back to the window's width. At 1920 px the card
//! starts wider than at 1366, where the list needs the room.

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

/// Until the border is dragged the card follows the window: 380 px up to 1480 px wide,
/// then it takes what is beyond, up to 720 px (at 1920: 720 px, the list keeps 984).
const AUTO: &str = "clamp(380px, calc(100vw - 1100px), 720px)";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The card's width in px once dragged (`None`: it follows the window), shared by the panes
/// and the handle.
#[derive(Clone, Copy)]
pub struct Split(pub RwSignal<Option<u32>>);

pub fn provide() -> Split {
    let stored = storage()
        .and_then(|s| s.get_item(KEY).ok().flatten())
        .and_then(|v| v.parse::<f64>().ok())
        .map(clamp);
    let split = Split(RwSignal::new(stored));
    provide_context(split);
    split
}

impl Split {
    /// The panes' `grid-template-columns`.
    pub fn columns(self) -> String {
        match self.0.get() {
            Some(width) => format!("{STAGES}px minmax(0, 1fr) 6px {width}px"),
            None => format!("{STAGES}px minmax(0, 1fr) 6px {AUTO}"),
        }
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
                .set(Some(clamp(window_width() - f64::from(ev.client_x()))));
        }
    });
    let released = window_event_listener(leptos::ev::mouseup, move |_| {
        if dragging.get_value() {
            dragging.set_value(false);
            if let (Some(s), Some(width)) = (storage(), split.0.get_untracked()) {
                let _ = s.set_item(KEY, &width.to_string());
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
                split.0.set(None);
                if let Some(s) = storage() {
                    let _ = s.remove_item(KEY);
                }
            }></div>
    }
}
