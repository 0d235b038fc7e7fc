//! The OrderDesk window. Talks to the desk only through the typed wrappers in `api`.

mod api;
mod app;
mod format;
mod i18n;
mod order_card;
mod queue;

fn main() {
    leptos::mount::mount_to_body(app::App);
}
