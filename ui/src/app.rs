//! The window: stages on the left, the stage's orders in the middle, the order card on the right.

use leptos::prelude::*;
use proto::CommandError;

use crate::card::OrderCard;
use crate::i18n::{t, Key, Lang};
use crate::new_order::NewOrderForm;
use crate::queue::StageList;
use crate::table::OrderTable;

const LANG_KEY: &str = "orderdesk.lang";

/// What every part of the window shares.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub lang: RwSignal<Lang>,
    /// Unix ms, ticking so "time in stage" stays current without a reload.
    pub now: RwSignal<i64>,
    /// Which list the table shows.
    pub scope: RwSignal<Option<Scope>>,
    /// Filters on top of the scope: channel, delivery, payment, paid.
    pub filter: RwSignal<Filter>,
    /// Search text; when not empty the table shows search results instead of the scope.
    pub search: RwSignal<String>,
    pub order: RwSignal<Option<String>>,
    /// The new-order form is open in place of the card.
    pub creating: RwSignal<bool>,
    /// Bumped after every change so each view refetches what it shows.
    pub revision: RwSignal<u32>,
    /// The desk's change counter as the window last read it: the poll reloads only when the
    /// desk moved past it, never again for the window's own change.
    pub seen: RwSignal<Option<i64>>,
    /// The `revision` the window's own last change made: a card that drew its order before
    /// it knows its manager's edits were saved, and takes the newer order at once.
    pub own: RwSignal<u32>,
    pub error: RwSignal<Option<CommandError>>,
    /// The settings screen is open in place of the panes.
    pub settings: RwSignal<bool>,
    /// The products screen is open in place of the panes.
    pub catalog: RwSignal<bool>,
    /// The customers screen is open in place of the panes.
    pub customers: RwSignal<bool>,
    /// The customer (card key) the customers screen opens on: one the main search found.
    pub customer_key: RwSignal<Option<String>>,
    /// Orders ticked in the table, for papers printed as one job.
    pub selected: RwSignal<Vec<String>>,
    /// A caller's phone a call link brought for the new-order form (ui/src/links.rs).
    pub caller: RwSignal<Option<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    pub channel: Option<proto::Channel>,
    pub delivery: Option<proto::DeliveryMethod>,
    pub payment: Option<proto::PaymentMethod>,
    pub paid: Option<bool>,
    /// Created on or after this day (`YYYY-MM-DD`; the desk cuts days in the shop's zone).
    pub from_day: Option<String>,
    /// Created on or before this day.
    pub to_day: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    All,
    Mine,
    Problems,
    Stage(String),
}

impl Ctx {
    /// The window's own action succeeded: every view reads again, and an error banner left
    /// by an earlier failure goes (it no longer describes where the manager is).
    pub fn changed(&self) {
        self.error.set(None);
        self.revision.update(|r| *r += 1);
        self.own.set(self.revision.get_untracked());
        let seen = self.seen;
        leptos::task::spawn_local(async move {
            if let Ok(rev) = crate::api::data_revision().await {
                seen.set(Some(rev));
            }
        });
    }

    /// The desk's data moved by a channel, the team's hub or another window: every view
    /// reads again, but the open card keeps what its manager is typing (see `card`).
    pub fn changed_outside(&self) {
        self.revision.update(|r| *r += 1);
    }

    pub fn fail(&self, err: CommandError) {
        self.error.set(Some(err));
    }

    /// [`Ctx::fail`] where a loaded list or card would stand: nothing is drawn in its place.
    pub fn failed(&self, err: CommandError) -> AnyView {
        self.fail(err);
        ().into_any()
    }
}

pub(crate) fn stored_lang() -> Lang {
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
        scope: RwSignal::new(None),
        search: RwSignal::new(String::new()),
        filter: RwSignal::new(Filter::default()),
        order: RwSignal::new(None),
        creating: RwSignal::new(false),
        revision: RwSignal::new(0),
        seen: RwSignal::new(None),
        own: RwSignal::new(0),
        error: RwSignal::new(None),
        settings: RwSignal::new(false),
        catalog: RwSignal::new(false),
        customers: RwSignal::new(false),
        customer_key: RwSignal::new(None),
        selected: RwSignal::new(Vec::new()),
        caller: RwSignal::new(None),
    };
    provide_context(ctx);
    crate::papers::PaperState::provide();
    crate::offered::Offered::provide(ctx);

    // The desk's clock may differ from the PC's (a clock offset for demonstrations and tests):
    // keep the difference so "time in stage" agrees with the desk's deadlines.
    let skew = RwSignal::new(0_i64);
    leptos::task::spawn_local(async move {
        if let Ok(desk_now) = crate::api::clock_now().await {
            let skew_ms = desk_now - js_sys::Date::now() as i64;
            skew.set(skew_ms);
            ctx.now.set(desk_now);
        }
    });
    // Orders that a channel's exchange, a webhook or the team's hub brings show up without a
    // click: the lists are read again when the desk's data moved. The open card is not
    // redrawn under the manager's hands (ui/src/card/mod.rs).
    let seen = ctx.seen;
    // The counter as the window opens, so a change made before the first tick is seen too.
    leptos::task::spawn_local(async move {
        if let Ok(rev) = crate::api::data_revision().await {
            if seen.get_untracked().is_none() {
                seen.set(Some(rev));
            }
        }
    });
    if let Ok(handle) = set_interval_with_handle(
        move || {
            leptos::task::spawn_local(async move {
                if let Ok(rev) = crate::api::data_revision().await {
                    if seen.get_untracked().is_some_and(|r| r != rev) {
                        ctx.changed_outside();
                    }
                    seen.set(Some(rev));
                }
            })
        },
        std::time::Duration::from_secs(3),
    ) {
        on_cleanup(move || handle.clear());
    }
    // A window back from the tray (or from behind others) shows the time and lists as they
    // are now, not as they were when it was hidden.
    let shown_again = window_event_listener_untyped("visibilitychange", move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            ctx.now
                .set(js_sys::Date::now() as i64 + skew.get_untracked());
            ctx.changed_outside();
        }
    });
    on_cleanup(move || shown_again.remove());
    // A 30-second tick is enough for minute-resolution "time in stage".
    if let Ok(handle) = set_interval_with_handle(
        move || {
            ctx.now
                .set(js_sys::Date::now() as i64 + skew.get_untracked())
        },
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
        // The tray's menu and the overdue alerts speak the window's language.
        leptos::task::spawn_local(async move {
            let lang = lang.code().to_owned();
            if let Err(e) = crate::api::call(&proto::cmd::DesktopLanguage { lang }).await {
                leptos::logging::warn!("the tray keeps its language: {}", e.message);
            }
        });
    });

    let search_box = NodeRef::<leptos::html::Input>::new();
    let help = crate::shortcuts::provide();
    crate::split::provide();
    // `/` or Ctrl+K jumps to search; Esc closes the card or the form; the rest in shortcuts.rs.
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        let typing = ev
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(t).ok())
            .is_some_and(|el| matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
        let key = ev.key();
        if crate::shortcuts::handle(ctx, help, &ev, typing) {
            ev.prevent_default();
        } else if (key == "/" && !typing) || (key == "k" && ev.ctrl_key()) {
            ev.prevent_default();
            if let Some(input) = search_box.get() {
                let _ = input.focus();
            }
        } else if key == "Escape" {
            ctx.creating.set(false);
            ctx.order.set(None);
            ctx.settings.set(false);
            ctx.catalog.set(false);
            ctx.customers.set(false);
        }
    });
    on_cleanup(move || keys.remove());

    let setup = crate::first_run::provide(ctx);
    let session = crate::sign_in::provide(ctx);
    crate::dialog::provide();
    // The first run may end on a shared team PC, where somebody must sign in first.
    Effect::new(move |was_done: Option<bool>| {
        let done = setup.with(|s| s.as_ref().is_some_and(|v| !crate::first_run::needed(v)));
        if done && was_done == Some(false) {
            session.refresh();
        }
        done
    });

    // The desk is built once the first run is over; a new shop sees the first run instead.
    move || match setup.get() {
        None => view! { <div class="desk"></div> }.into_any(),
        Some(view) if crate::first_run::needed(&view) => {
            view! { <crate::first_run::FirstRun/> }.into_any()
        }
        Some(view) => desk(ctx, search_box, view).into_any(),
    }
}

/// The working window: top bar, the panes or the settings.
fn desk(
    ctx: Ctx,
    search_box: NodeRef<leptos::html::Input>,
    setup: proto::ShopSetupView,
) -> impl IntoView {
    let split = expect_context::<crate::split::Split>();
    let toggle_lang = move |_| {
        ctx.lang.update(|l| {
            *l = match l {
                Lang::Ru => Lang::En,
                Lang::En => Lang::Ru,
            }
        })
    };
    crate::links::follow(ctx);
    let session = expect_context::<crate::sign_in::Session>();
    // Read when the desk appears (the first run may have just named the administrator) and
    // again whenever the session changes: after «Сменить пользователя» and a PIN the bar
    // kept naming whoever was signed in when the window opened.
    let user = LocalResource::new(move || {
        session.0.track();
        crate::api::current_user()
    });
    let switch_user = move |_| {
        leptos::task::spawn_local(async move {
            match crate::api_people::switch_user().await {
                Ok(view) => session.0.set(Some(view)),
                Err(e) => ctx.fail(e),
            }
        });
    };
    crate::updates::provide();
    view! {
        <div class="desk">
            <header class="topbar">
                <span class="brand">"OrderDesk"</span>
                <span class="shop-name" id="shop-name">
                    {move || crate::first_run::shop_name(ctx.lang.get(), &setup)}
                </span>
                <input
                    class="search"
                    id="search"
                    type="search"
                    node_ref=search_box
                    placeholder=move || t(ctx.lang.get(), Key::SearchShort)
                    title=move || t(ctx.lang.get(), Key::SearchHint)
                    prop:value=move || ctx.search.get()
                    on:input=move |ev| ctx.search.set(event_target_value(&ev))
                />
                <button class="new" id="new-order" on:click=move |_| {
                    ctx.order.set(None);
                    ctx.creating.set(true);
                }>"+ "{move || t(ctx.lang.get(), Key::NewOrder)}</button>
                <span class="spacer"></span>
                <crate::updates::UpdateBadge/>
                <crate::sync_badge::SyncBadge/>
                <button class="catalog-button" id="open-customers" class:active=move || ctx.customers.get() on:click=move |_| {
                    ctx.settings.set(false);
                    ctx.catalog.set(false);
                    ctx.customers.update(|c| *c = !*c);
                }>
                    {move || crate::i18n::cust(ctx.lang.get(), crate::i18n::Cust::Customers)}
                </button>
                <button class="catalog-button" id="open-catalog" class:active=move || ctx.catalog.get() on:click=move |_| {
                    ctx.settings.set(false);
                    ctx.customers.set(false);
                    ctx.catalog.update(|c| *c = !*c);
                }>
                    {move || crate::i18n::cat(ctx.lang.get(), crate::i18n::Cat::Products)}
                </button>
                <button class="settings-button" id="open-settings" on:click=move |_| {
                    ctx.catalog.set(false);
                    ctx.customers.set(false);
                    ctx.settings.update(|s| *s = !*s);
                }>
                    "⚙ "{move || t(ctx.lang.get(), Key::Settings)}
                </button>
                {move || {
                    let who = user.get().and_then(Result::ok).map(|u| {
                        format!("{} · {}", u.name, crate::i18n::role(ctx.lang.get(), u.role))
                    });
                    // A long name is cut with «…» on one line; the whole of it on hover.
                    let title = who.clone();
                    view! { <span class="user" title=title>{who}</span> }
                }}
                <button class="switch-user" id="switch-user" on:click=switch_user>
                    {crate::i18n::staff(ctx.lang.get(), crate::i18n::Staff::SwitchUser)}
                </button>
                <button class="lang" id="switch-lang" on:click=toggle_lang>
                    {move || t(ctx.lang.get(), Key::SwitchLanguage)}
                </button>
            </header>
            <ErrorBanner/>
            <crate::dialog::DialogHost/>
            <crate::shortcuts::ShortcutsHelp/>
            <crate::papers::PaperPreview/>
            <crate::sign_in::SignInGate/>
            {move || if ctx.settings.get() {
                view! { <crate::settings::Settings/> }.into_any()
            } else if ctx.catalog.get() {
                view! { <crate::catalog::Catalog/> }.into_any()
            } else if ctx.customers.get() {
                view! { <crate::customers::Customers/> }.into_any()
            } else {
                view! {
                    <main class="panes" style:grid-template-columns=move || split.columns()>
                        <StageList/>
                        <OrderTable/>
                        <crate::split::SplitHandle/>
                        {move || if ctx.creating.get() {
                            view! { <NewOrderForm/> }.into_any()
                        } else {
                            view! { <OrderCard/> }.into_any()
                        }}
                    </main>
                }.into_any()
            }}
        </div>
    }
}

#[component]
pub(crate) fn ErrorBanner() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        ctx.error.get().map(|err| {
            let lang = ctx.lang.get();
            view! {
                <div class="error" id="error" role="alert">
                    <strong>{t(lang, Key::ErrorTitle)}": "</strong>
                    <span class="message">{crate::i18n::error_text(lang, &err)}</span>
                    <button on:click=move |_| ctx.error.set(None)>{t(lang, Key::Dismiss)}</button>
                </div>
            }
        })
    }
}
