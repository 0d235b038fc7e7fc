//! Formatting that needs the browser (local time zone); the rest is `proto::display`.

pub use proto::display::{amount, deadline, duration, money, phone, quantity};

/// Unix ms → `22.11.2026 14:05` in the PC's local time zone.
pub fn date_time(ms: i64) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64));
    format!(
        "{:02}.{:02}.{} {:02}:{:02}",
        date.get_date(),
        date.get_month() + 1,
        date.get_full_year(),
        date.get_hours(),
        date.get_minutes()
    )
}
