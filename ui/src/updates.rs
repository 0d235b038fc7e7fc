//! Updates of the desk (issue 19, point 4): the section of Настройки → Этот компьютер (where
//! from, check now) and the top bar's «Обновление» when a check found a newer version. The
//! desk installs only when the manager asks, and this window refuses to ask while it keeps
//! typed work not yet saved: an update restarts the desk.

use leptos::prelude::*;
use proto::cmd;
use proto::{CommandError, UpdateOffer, UpdateView};

use crate::api::call;
use crate::app::Ctx;
use crate::i18n::error_text;
use crate::i18n::updates::{word, Up};

/// A quiet check this long after the window opens (not while it starts), then this often.
const FIRST_CHECK: std::time::Duration = std::time::Duration::from_secs(60);
const EVERY: std::time::Duration = std::time::Duration::from_secs(6 * 60 * 60);

/// What the last check said, shared by the settings and the top bar.
#[derive(Clone, Copy)]
pub struct UpdateState(RwSignal<Option<UpdateView>>);

pub fn provide() {
    provide_context(UpdateState(RwSignal::new(None)));
}

fn state() -> RwSignal<Option<UpdateView>> {
    use_context::<UpdateState>()
        .map(|s| s.0)
        .unwrap_or_else(|| RwSignal::new(None))
}

/// Настройки → Этот компьютер → Обновления.
#[component]
pub fn UpdatesSection() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let view_state = state();
    let address = RwSignal::new(String::new());
    let failed = RwSignal::new(None::<CommandError>);
    let busy = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        match call(&cmd::UpdateSettings {}).await {
            Ok(v) => {
                address.set(v.own_source.clone().unwrap_or_default());
                view_state.set(Some(v));
            }
            Err(e) => failed.set(Some(e)),
        }
    });
    // What the desk answered, shown: the new state or why not.
    let shown = move |answer: Result<UpdateView, CommandError>| match answer {
        Ok(v) => view_state.set(Some(v)),
        Err(e) => failed.set(Some(e)),
    };
    let save = move |_| {
        failed.set(None);
        let address = address.get_untracked();
        leptos::task::spawn_local(async move {
            shown(call(&cmd::SetUpdateSource { address }).await);
        });
    };
    let check = move |_| {
        failed.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            shown(call(&cmd::CheckUpdate {}).await);
            busy.set(false);
        });
    };
    // Each part follows only what it shows: the offer is drawn again only when it changes,
    // so a check or a reopened screen does not swap the button under the manager's click.
    let current = Memo::new(move |_| view_state.with(|v| v.as_ref().map(|v| v.current.clone())));
    let no_source =
        Memo::new(move |_| view_state.with(|v| v.as_ref().is_some_and(|v| v.source.is_none())));
    let up_to_date = Memo::new(move |_| {
        view_state.with(|v| v.as_ref().is_some_and(|v| v.checked && v.offer.is_none()))
    });
    let offer = Memo::new(move |_| view_state.with(|v| v.as_ref().and_then(|v| v.offer.clone())));
    move || {
        let lang = ctx.lang.get();
        view! {
            <div class="updates" id="updates">
                <h3>{word(lang, Up::Title)}</h3>
                <p>{word(lang, Up::Current)}" "<b id="update-current">{move || current.get()}</b></p>
                <label>
                    {word(lang, Up::Source)}
                    <input type="url" id="update-source" placeholder=word(lang, Up::SourcePlaceholder)
                        prop:value=move || address.get()
                        on:input=move |ev| address.set(event_target_value(&ev))/>
                </label>
                <p class="muted">{word(lang, Up::SourceHint)}</p>
                {move || no_source.get().then(|| view! { <p class="muted" id="update-no-source">{word(lang, Up::NoSourceYet)}</p> })}
                <div class="actions">
                    <button id="update-save-source" on:click=save>{word(lang, Up::SaveSource)}</button>
                    <button id="update-check" disabled=move || busy.get() on:click=check>
                        {move || if busy.get() { word(lang, Up::Checking) } else { word(lang, Up::Check) }}
                    </button>
                </div>
                {move || failed.get().map(|e| view! {
                    <p class="field-error" id="update-error" role="alert">{error_text(lang, &e)}</p>
                })}
                {move || up_to_date.get().then(|| view! { <p class="done" id="update-none">{word(lang, Up::Latest)}</p> })}
                {move || offer.get().map(|offer| view! { <Offer offer=offer prefix="update"/> })}
            </div>
        }
    }
}

/// What the kept drafts are: whether a new order is being taken, and in how many orders
/// lines or a comment wait to be saved (names as `crate::drafts` keeps them).
fn waiting_work(names: &[String]) -> (bool, usize) {
    let new_order = names.iter().any(|n| n == "new_order");
    let mut orders: Vec<&str> = names
        .iter()
        .filter_map(|n| {
            let (_, rest) = n.split_once('.')?;
            Some(rest.split('.').next().unwrap_or(rest))
        })
        .collect();
    orders.sort_unstable();
    orders.dedup();
    (new_order, orders.len())
}

/// A newer version with what is new in it, and the button that installs it. `prefix` keeps
/// the ids of the settings' offer and the top bar's apart.
#[component]
fn Offer(offer: UpdateOffer, prefix: &'static str) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let failed = RwSignal::new(None::<CommandError>);
    let unsaved = RwSignal::new(None::<(bool, usize)>);
    let installing = RwSignal::new(false);
    let version = StoredValue::new(offer.version.clone());
    let start = move || {
        installing.set(true);
        let version = version.get_value();
        leptos::task::spawn_local(async move {
            // On success the desk restarts and this window goes with it.
            if let Err(e) = call(&cmd::InstallUpdate { version }).await {
                failed.set(Some(e));
            }
            installing.set(false);
        });
    };
    let install = move |_| {
        failed.set(None);
        // Typed work waits on this PC: a restart now would leave it behind a screen the
        // manager did not expect, so it is saved or dropped first, by the manager.
        let waiting = crate::drafts::unsaved();
        if waiting.is_empty() {
            unsaved.set(None);
            start();
        } else {
            unsaved.set(Some(waiting_work(&waiting)));
        }
    };
    // Edits left from an order saved meanwhile on another PC would block the update for
    // good: the manager may drop them all, after a question.
    let discard_and_install = move |_| {
        let lang = ctx.lang.get_untracked();
        let (q, yes, no) = (
            word(lang, Up::DiscardQuestion).to_owned(),
            word(lang, Up::DiscardYes).to_owned(),
            word(lang, Up::DiscardNo).to_owned(),
        );
        leptos::task::spawn_local(async move {
            if crate::dialog::confirm(q, yes, no).await {
                crate::drafts::forget_all();
                unsaved.set(None);
                start();
            }
        });
    };
    let id = move |name: &str| format!("{prefix}-{name}");
    move || {
        let lang = ctx.lang.get();
        let published = offer.published_at.map(|s| {
            format!(
                " ({} {})",
                word(lang, Up::Published),
                crate::format::date_time(s * 1000)
            )
        });
        view! {
            <div class="update-offer" id=id("offer")>
                <p><b>{word(lang, Up::Available)}" "<span id=id("version")>{offer.version.clone()}</span></b>{published}</p>
                {offer.notes.clone().map(|n| view! { <p class="notes" id=id("notes")>{n}</p> })}
                <button class="primary" id=id("install") disabled=move || installing.get() on:click=install>
                    {word(lang, Up::Install)}
                </button>
                {move || installing.get().then(|| view! { <p class="muted" id=id("installing")>{word(lang, Up::Installing)}</p> })}
                {move || unsaved.get().map(|(new_order, orders)| {
                    let mut what = Vec::new();
                    if new_order {
                        what.push(word(lang, Up::NewOrder).to_owned());
                    }
                    if orders > 0 {
                        what.push(format!("{} {orders}", word(lang, Up::EditedOrders)));
                    }
                    view! {
                        <div class="update-unsaved">
                            <p class="field-error" id=id("unsaved") role="alert">{word(lang, Up::Unsaved)}" "{what.join("; ")}</p>
                            <button id=id("discard") on:click=discard_and_install>{word(lang, Up::DiscardYes)}</button>
                        </div>
                    }
                })}
                {move || failed.get().map(|e| view! {
                    <p class="field-error" id=id("refused") role="alert">{error_text(lang, &e)}</p>
                })}
            </div>
        }
    }
}

/// The top bar's «Обновление X» once a check (this one, quiet, or the settings') found one.
#[component]
pub fn UpdateBadge() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let view_state = state();
    let open = RwSignal::new(false);
    let quiet_check = move || {
        leptos::task::spawn_local(async move {
            // A quiet check: a PC without a source or offline just shows nothing.
            if let Ok(v) = call(&cmd::CheckUpdate {}).await {
                view_state.set(Some(v));
            }
        })
    };
    if let Ok(handle) = set_timeout_with_handle(quiet_check, FIRST_CHECK) {
        on_cleanup(move || handle.clear());
    }
    if let Ok(handle) = set_interval_with_handle(quiet_check, EVERY) {
        on_cleanup(move || handle.clear());
    }
    // Drawn again only when the offer changes, so a check does not reset an install.
    let offer = Memo::new(move |_| view_state.with(|v| v.as_ref().and_then(|v| v.offer.clone())));
    move || {
        let lang = ctx.lang.get();
        let offer = offer.get()?;
        let label = format!("⬆ {} {}", word(lang, Up::Badge), offer.version);
        Some(view! {
            <span class="update-badge">
                <button id="update-badge" on:click=move |_| open.update(|o| *o = !*o)>{label}</button>
                {move || open.get().then(|| view! {
                    <div class="update-popover" on:keydown=move |ev| {
                        if ev.key() == "Escape" {
                            open.set(false);
                        }
                    }>
                        <Offer offer=offer.clone() prefix="badge-update"/>
                    </div>
                })}
            </span>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kept_drafts_are_told_as_a_new_order_and_the_orders_with_edits() {
        let names = |n: &[&str]| n.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        assert_eq!(waiting_work(&names(&[])), (false, 0));
        assert_eq!(
            waiting_work(&names(&[
                "new_order",
                "lines.a1.3",
                "picked.a1.3",
                "comment.b2"
            ])),
            (true, 2)
        );
        assert_eq!(
            waiting_work(&names(&["comment.b2", "lines.b2.7"])),
            (false, 1)
        );
    }
}
