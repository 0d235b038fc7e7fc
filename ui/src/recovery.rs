//! Before the desk: whether the shop's database opened. When it did not, the recovery window
//! says why and offers the latest good copy (restore, then open), another copy, trying
//! again, or quitting. After any restore the window is loaded afresh on the reopened desk
//! and says what was done.

use leptos::prelude::*;
use proto::{BackupView, CommandError, OpenProblem, OpenProblemKind, RecoveryView, RestoreDone};
use wasm_bindgen::{JsCast, JsValue};

use crate::api_backups as api;
use crate::i18n::backups::{self as words, Bk};
use crate::i18n::{t, Key, Lang};

/// What a restore did, kept across the reload that follows it.
const RESTORED_KEY: &str = "orderdesk.restored";

/// The window's root: the recovery window while the database is not open, else the desk.
#[component]
pub fn Root() -> impl IntoView {
    let state = RwSignal::new(None::<RecoveryView>);
    let asked = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        // A failed question leaves the desk to say what is wrong in its own screens.
        if let Ok(view) = api::recovery_state().await {
            state.set(Some(view));
        }
        asked.set(true);
    });
    move || {
        if !asked.get() {
            return view! { <div class="desk"></div> }.into_any();
        }
        match state.get() {
            Some(RecoveryView {
                problem: Some(problem),
                copies,
            }) => view! { <RestoredNotice/><Recovery problem copies state/> }.into_any(),
            _ => view! { <RestoredNotice/><crate::app::App/> }.into_any(),
        }
    }
}

/// Keeps what the restore did and loads the window again: every screen reads the reopened
/// desk from the start, and the person signs in again if the shop asks for PINs.
pub fn reload_after(done: &RestoreDone) {
    let stored = serde_wasm_bindgen::to_value(done)
        .ok()
        .and_then(|v| js_sys::JSON::stringify(&v).ok())
        .and_then(|s| s.as_string());
    if let (Some(text), Some(storage)) = (stored, window().session_storage().ok().flatten()) {
        let _ = storage.set_item(RESTORED_KEY, &text);
    }
    reload();
}

/// Loads the window afresh.
pub fn reload() {
    // `location.reload()` through JS: web-sys's Location is not among the UI's features.
    let win: JsValue = window().into();
    let location = js_sys::Reflect::get(&win, &JsValue::from_str("location"));
    if let Ok(location) = location {
        let reload = js_sys::Reflect::get(&location, &JsValue::from_str("reload"))
            .ok()
            .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
        if let Some(reload) = reload {
            let _ = reload.call0(&location);
        }
    }
}

/// The message of the restore done before the reload, once.
fn take_restored() -> Option<RestoreDone> {
    let storage = window().session_storage().ok().flatten()?;
    let text = storage.get_item(RESTORED_KEY).ok().flatten()?;
    let _ = storage.remove_item(RESTORED_KEY);
    let value = js_sys::JSON::parse(&text).ok()?;
    serde_wasm_bindgen::from_value(value).ok()
}

#[component]
fn RestoredNotice() -> impl IntoView {
    let done = RwSignal::new(take_restored());
    let lang = crate::app::stored_lang();
    move || {
        done.get().map(|d| {
            view! {
                <div class="restored-notice" id="restored-notice" role="status">
                    <span>{words::done(lang, &d)}</span>
                    <button id="restored-close" on:click=move |_| done.set(None)>
                        {words::word(lang, Bk::Close)}
                    </button>
                </div>
            }
        })
    }
}

/// The words for a refusal of these screens: their own for the codes they know, else the
/// window's wording of the desk's reason.
pub fn refusal(lang: Lang, e: &CommandError) -> String {
    words::error(lang, e.code).map_or_else(|| crate::i18n::error_text(lang, e), str::to_owned)
}

#[component]
fn Recovery(
    problem: OpenProblem,
    copies: Vec<BackupView>,
    state: RwSignal<Option<RecoveryView>>,
) -> impl IntoView {
    let lang = RwSignal::new(crate::app::stored_lang());
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<CommandError>);
    crate::dialog::provide();
    let restore = move |name: Option<String>| {
        busy.set(true);
        failed.set(None);
        leptos::task::spawn_local(async move {
            match api::recover(name).await {
                Ok(done) => reload_after(&done),
                Err(e) => failed.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let retry = move |_| {
        busy.set(true);
        failed.set(None);
        leptos::task::spawn_local(async move {
            match api::retry_open().await {
                // Opened: the desk is shown in place of this window.
                Ok(view) => state.set(Some(view)),
                Err(e) => failed.set(Some(e)),
            }
            busy.set(false);
        });
    };
    let quit = move |_| {
        leptos::task::spawn_local(async move {
            let _ = api::quit().await;
        });
    };
    let ask_and_restore = move |copy: BackupView| {
        leptos::task::spawn_local(async move {
            let l = lang.get_untracked();
            let question = words::word(l, Bk::Confirm).replace("{when}", &copy.made_at_text);
            let yes = words::word(l, Bk::Yes).to_owned();
            let no = words::word(l, Bk::No).to_owned();
            if crate::dialog::confirm(question, yes, no).await {
                restore(Some(copy.name));
            }
        });
    };
    let in_use = problem.kind == OpenProblemKind::InUse;
    let has_copies = !copies.is_empty();
    move || {
        let l = lang.get();
        let rows = copies
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let copy = c.clone();
                view! {
                    <tr>
                        <td>{c.made_at_text.clone()}</td>
                        <td>{words::kind(l, c.kind)}</td>
                        <td class="num">{words::size(l, c.size_bytes)}</td>
                        <td><button class="restore-copy" id=format!("recover-{i}")
                            disabled=move || busy.get() || in_use
                            on:click=move |_| ask_and_restore(copy.clone())>
                            {words::word(l, Bk::Restore)}
                        </button></td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="desk first-run recovery" id="recovery">
                <header class="topbar">
                    <span class="brand">"OrderDesk"</span>
                    <span class="spacer"></span>
                    <button class="lang" id="switch-lang" on:click=move |_| lang.update(|x| {
                        *x = match x { Lang::Ru => Lang::En, Lang::En => Lang::Ru }
                    })>{t(l, Key::SwitchLanguage)}</button>
                </header>
                <crate::dialog::DialogHost/>
                <main class="first-run-body">
                    <section class="setup-card wide">
                        <h1>{words::word(l, Bk::RecoveryTitle)}</h1>
                        <p class="recovery-reason" id="recovery-reason">{words::problem(l, problem.kind)}</p>
                        {in_use.then(|| view! { <p>{words::word(l, Bk::InUseHint)}</p> })}
                        {(has_copies && !in_use).then(|| view! {
                            <p class="muted">{words::word(l, Bk::RecoveryOffer)}</p>
                        })}
                        {(!has_copies).then(|| view! { <p class="muted">{words::word(l, Bk::NoCopies)}</p> })}
                        <div class="row recovery-actions">
                            {(has_copies && !in_use).then(|| view! {
                                <button class="primary" id="recover-latest" disabled=move || busy.get()
                                    on:click=move |_| restore(None)>{words::word(l, Bk::RestoreLatest)}</button>
                            })}
                            <button id="recover-retry" disabled=move || busy.get() on:click=retry>
                                {words::word(l, Bk::Retry)}</button>
                            <button id="recover-quit" on:click=quit>{words::word(l, Bk::Quit)}</button>
                        </div>
                        {move || busy.get().then(|| view! { <p class="muted">{words::word(l, Bk::Restoring)}</p> })}
                        {move || failed.get().map(|e| view! {
                            <p class="field-error" id="recovery-error" role="alert">{refusal(l, &e)}</p>
                        })}
                        {has_copies.then(|| view! {
                            <h2>{words::word(l, Bk::OtherCopies)}</h2>
                            <table class="grid backups-list" id="recovery-copies">
                                <thead><tr>
                                    <th>{words::word(l, Bk::WhenMade)}</th>
                                    <th>{words::word(l, Bk::What)}</th>
                                    <th class="num">{words::word(l, Bk::Size)}</th>
                                    <th></th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        })}
                        <details class="recovery-details">
                            <summary>{words::word(l, Bk::Details)}</summary>
                            <p><code>{problem.database.clone()}</code></p>
                            <p><code>{problem.detail.clone()}</code></p>
                        </details>
                    </section>
                </main>
            </div>
        }
    }
}
