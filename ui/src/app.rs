//! The window: stages on the left, the stage's orders in the middle, the order card on the right.

use leptos::prelude::*;
use proto::CommandError;

use crate::i18n::{t, Key, Lang};
use crate::order_card::OrderCard;
use crate::queue::{OrderTable, StageList};

const LANG_KEY: &str = "orderdesk.lang";

/// What every part of the window shares.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    /// Unix ms, ticking so "time in stage" stays current without a reload.
    pub now: RwSignal<i64>,
    pub stage: RwSignal<Option<String>>,
    pub order: RwSignal<Option<String>>,
    /// Bumped after every change so each view refetches what it shows.
    pub revision: RwSignal<u32>,
    pub error: RwSignal<Option<CommandError>>,
}

impl Ctx {
    pub fn changed(&self) {
        self.revision.update(|r| *r += 1);
    }

    pub fn fail(&self, err: CommandError) {
        self.error.set(Some(err));
    }
}

fn stored_lang() -> Lang {
    let stored = window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(LANG_KEY).ok().flatten());
    stored.map(|c| Lang::from_code(&c)).unwrap_or_default()
}

#[component]
pub fn App() -> impl IntoView {
    let ctx = Ctx {
        lang: RwSignal::new(stored_lang()),
        now: RwSignal::new(js_sys::Date::now() as i64),
        stage: RwSignal::new(None),
        order: RwSignal::new(None),
        revision: RwSignal::new(0),
        error: RwSignal::new(None),
    };
    provide_context(ctx);

    // A 30-second tick is enough for minute-resolution "time in stage".
    if let Ok(handle) = set_interval_with_handle(
        move || ctx.now.set(js_sys::Date::now() as i64),
        std::time::Duration::from_secs(30),
    ) {
        on_cleanup(move || handle.clear());
    }

    Effect::new(move |_| {
        let lang = ctx.lang.get();
        if let Some(storage) = window().local_storage().ok().flatten() {
            let _ = storage.set_item(LANG_KEY, lang.code());
        }
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
    });

    let toggle_lang = move |_| {
        ctx.lang.update(|l| {
            *l = match l {
                Lang::Ru => Lang::En,
                Lang::En => Lang::Ru,
            }
        })
    };

    view! {
        <div class="desk">
            <header class="topbar">
                <span class="brand">"OrderDesk"</span>
                <span class="spacer"></span>
                <button class="lang" id="switch-lang" on:click=toggle_lang>
                    {move || t(ctx.lang.get(), Key::SwitchLanguage)}
                </button>
            </header>
            <ErrorBanner/>
            <main class="panes">
                <StageList/>
                <OrderTable/>
                <OrderCard/>
            </main>
        </div>
    }
}

#[component]
fn ErrorBanner() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        ctx.error.get().map(|err| {
            let lang = ctx.lang.get();
            view! {
                <div class="error" id="error" role="alert">
                    <strong>{t(lang, Key::ErrorTitle)}": "</strong>
                    <span class="message">{err.message}</span>
                    <button on:click=move |_| ctx.error.set(None)>{t(lang, Key::Dismiss)}</button>
                </div>
            }
        })
    }
}
