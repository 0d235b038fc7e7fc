//! Signing in at a shared PC: the sign-in screen (nobody signed in), the lock over the desk
//! (idle, or a restart) that keeps the screen under it, and the idle timer. Who may act is
//! decided by the desk; the window only asks for a PIN.

use leptos::prelude::*;
use proto::{ErrorCode, SessionState, SessionView};

use crate::api_people as api;
use crate::app::Ctx;
use crate::i18n::{staff, Lang, Staff};

/// The desk's answer to «who is signed in»; `None` until it came.
#[derive(Clone, Copy)]
pub struct Session(pub RwSignal<Option<SessionView>>);

impl Session {
    /// A command refused because nobody is signed in: the session is read again, so the
    /// lock or the sign-in screen shows.
    pub fn refresh(self) {
        leptos::task::spawn_local(async move {
            if let Ok(view) = api::session().await {
                self.0.set(Some(view));
            }
        });
    }
}

/// Reads the session and starts the idle lock; shares the session with the window.
pub fn provide(ctx: Ctx) -> Session {
    let session = Session(RwSignal::new(None));
    provide_context(session);
    session.refresh();
    // Any refusal for want of a sign-in brings the lock up at once.
    Effect::new(move |_| {
        if ctx.error.with(|e| {
            e.as_ref()
                .is_some_and(|e| e.code == ErrorCode::SignInRequired)
        }) {
            ctx.error.set(None);
            session.refresh();
        }
    });
    idle_lock(session);
    session
}

/// Locks the desk after the session's idle minutes without a key, a click or the mouse.
fn idle_lock(session: Session) {
    let last = StoredValue::new(js_sys::Date::now());
    let touched = move || last.set_value(js_sys::Date::now());
    let listeners = [
        window_event_listener(leptos::ev::keydown, move |_| touched()),
        window_event_listener(leptos::ev::mousedown, move |_| touched()),
        window_event_listener(leptos::ev::mousemove, move |_| touched()),
        window_event_listener(leptos::ev::wheel, move |_| touched()),
    ];
    on_cleanup(move || listeners.into_iter().for_each(|l| l.remove()));
    if let Ok(handle) = set_interval_with_handle(
        move || {
            let Some(view) = session.0.get_untracked() else {
                return;
            };
            // A shared team PC whose members have no PIN yet learns them from the hub:
            // the list is read again until someone can sign in.
            if view.state == SessionState::SignedOut && view.people.is_empty() {
                session.refresh();
                return;
            }
            let idle_ms = js_sys::Date::now() - last.get_value();
            if view.state == SessionState::SignedIn
                && idle_ms >= f64::from(view.idle_lock_minutes) * 60_000.0
            {
                leptos::task::spawn_local(async move {
                    if let Ok(view) = api::lock_desk().await {
                        session.0.set(Some(view));
                    }
                });
            }
        },
        std::time::Duration::from_secs(10),
    ) {
        on_cleanup(move || handle.clear());
    }
}

/// Over the whole window while the desk waits for a PIN; the desk under it stays as it was.
#[component]
pub fn SignInGate() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let session = expect_context::<Session>();
    move || {
        let view = session.0.get()?;
        let lang = ctx.lang.get();
        match view.state {
            SessionState::Open | SessionState::SignedIn => None,
            SessionState::Locked => Some(view! { <LockPanel view lang/> }.into_any()),
            SessionState::SignedOut => Some(view! { <SignInPanel view lang/> }.into_any()),
        }
    }
}

/// Signs `person_id` in; a refusal is shown beside the PIN field, not in the banner.
fn submit(
    ctx: Ctx,
    session: Session,
    person_id: String,
    pin: RwSignal<String>,
    refused: RwSignal<Option<String>>,
) {
    let typed = pin.get_untracked();
    leptos::task::spawn_local(async move {
        match api::sign_in(person_id, typed).await {
            Ok(view) => {
                pin.set(String::new());
                refused.set(None);
                session.0.set(Some(view));
                // The new person's role may see other things.
                ctx.changed();
            }
            Err(e) => {
                pin.set(String::new());
                refused.set(Some(crate::i18n::error_text(ctx.lang.get_untracked(), &e)));
            }
        }
    });
}

#[component]
fn PinField(
    lang: Lang,
    pin: RwSignal<String>,
    refused: RwSignal<Option<String>>,
    on_enter: Callback<()>,
) -> impl IntoView {
    view! {
        <label>{staff(lang, Staff::Pin)}
            <input id="pin-input" type="password" autocomplete="off" autofocus=true
                prop:value=move || pin.get()
                on:input=move |ev| pin.set(event_target_value(&ev))
                on:keydown=move |ev| if ev.key() == "Enter" { on_enter.run(()) }/>
        </label>
        {move || refused.get().map(|m| view! { <p class="field-error" id="pin-error" role="alert">{m}</p> })}
    }
}

#[component]
fn LockPanel(view: SessionView, lang: Lang) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let session = expect_context::<Session>();
    let pin = RwSignal::new(String::new());
    let refused = RwSignal::new(None::<String>);
    let user = view.user.clone();
    let person_id = user.as_ref().map(|u| u.id.clone()).unwrap_or_default();
    let unlock = Callback::new(move |()| {
        submit(ctx, session, person_id.clone(), pin, refused);
    });
    let other = move |_| {
        leptos::task::spawn_local(async move {
            match api::switch_user().await {
                Ok(view) => session.0.set(Some(view)),
                Err(e) => refused.set(Some(crate::i18n::error_text(lang, &e))),
            }
        });
    };
    view! {
        <div class="sign-in-gate locked" id="lock-screen">
            <section class="sign-in-card">
                <h2>{staff(lang, Staff::Locked)}</h2>
                // The person's name is the shop's data, shown as text.
                <p class="who" id="locked-user">{user.map(|u| u.name)}</p>
                <p class="muted">{staff(lang, Staff::LockedHint)}</p>
                <div class="form">
                    <PinField lang pin refused on_enter=unlock/>
                    <div class="row">
                        <button class="primary" id="sign-in" on:click=move |_| unlock.run(())>{staff(lang, Staff::SignIn)}</button>
                        <button id="lock-switch-user" on:click=other>{staff(lang, Staff::OtherPerson)}</button>
                    </div>
                </div>
            </section>
        </div>
    }
}

#[component]
fn SignInPanel(view: SessionView, lang: Lang) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let session = expect_context::<Session>();
    let chosen = RwSignal::new(None::<String>);
    let pin = RwSignal::new(String::new());
    let refused = RwSignal::new(None::<String>);
    let enter = Callback::new(move |()| {
        if let Some(id) = chosen.get_untracked() {
            submit(ctx, session, id, pin, refused);
        }
    });
    let nobody = view.people.is_empty();
    let people = view
        .people
        .into_iter()
        .map(|p| {
            let id = p.id.clone();
            let picked = id.clone();
            view! {
                <li>
                    <button class="person" id=format!("person-{id}")
                        class:active=move || chosen.get().as_deref() == Some(picked.as_str())
                        on:click=move |_| { refused.set(None); pin.set(String::new()); chosen.set(Some(id.clone())) }>
                        <strong>{p.name}</strong>
                        <span class="muted">{crate::i18n::role(lang, p.role)}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="sign-in-gate" id="sign-in-screen">
            <section class="sign-in-card">
                <h2>{staff(lang, Staff::WhoWorks)}</h2>
                {nobody.then(|| view! { <p class="muted">{staff(lang, Staff::NobodyToSignIn)}</p> })}
                <ul class="sign-in-people" id="sign-in-people">{people}</ul>
                {move || chosen.get().is_some().then(|| view! {
                    <div class="form">
                        <PinField lang pin refused on_enter=enter/>
                        <div class="row">
                            <button class="primary" id="sign-in" on:click=move |_| enter.run(())>{staff(lang, Staff::SignIn)}</button>
                        </div>
                    </div>
                })}
            </section>
        </div>
    }
}
