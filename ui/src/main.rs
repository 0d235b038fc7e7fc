//! The OrderDesk window. Talks to the desk only through the typed wrappers in `api`.

mod api;
mod api_admin;
mod api_backups;
mod api_market;
mod api_people;
mod api_setup;
mod api_team;
mod app;
mod card;
mod catalog;
mod customers;
mod dialog;
mod drafts;
mod field_error;
mod filters;
mod first_run;
mod format;
mod i18n;
mod links;
mod new_order;
mod offered;
mod orders_export;
mod papers;
mod picker;
mod pushes;
mod queue;
mod recovery;
mod rules;
mod settings;
mod shortcuts;
mod sign_in;
mod split;
mod sync_badge;
mod table;
mod updates;

fn main() {
    leptos::mount::mount_to_body(recovery::Root);
}
