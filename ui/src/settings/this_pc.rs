//! Настройки → Этот компьютер (issue 19, point 3): whether closing the window keeps the desk
//! in the tray, and whether it starts at login. The shell keeps the choice beside the shop's
//! database on this PC; anyone at the PC may change it.

use leptos::prelude::*;
use proto::cmd;
use proto::{CommandError, DesktopChoice, DesktopView};

use crate::api::call;
use crate::app::Ctx;
use crate::i18n::desktop::{word, Pc};
use crate::recovery::refusal;

#[component]
pub fn ThisPcSettings() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let view = RwSignal::new(None::<DesktopView>);
    let failed = RwSignal::new(None::<CommandError>);
    let saved = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        match call(&cmd::DesktopSettings {}).await {
            Ok(v) => view.set(Some(v)),
            Err(e) => failed.set(Some(e)),
        }
    });
    // Each box is saved as it is ticked; a refusal (start at login) leaves it as it was.
    let change = move |choice: DesktopChoice| {
        saved.set(false);
        failed.set(None);
        leptos::task::spawn_local(async move {
            match call(&cmd::SetDesktopSettings { choice }).await {
                Ok(v) => {
                    view.set(Some(v));
                    saved.set(true);
                }
                Err(e) => failed.set(Some(e)),
            }
        });
    };
    let desktop = move || {
        let lang = ctx.lang.get();
        let Some(v) = view.get() else {
            return view! {
                <div class="this-pc" id="this-pc-settings">
                    {move || failed.get().map(|e| view! {
                        <p class="field-error" id="this-pc-error" role="alert">{refusal(lang, &e)}</p>
                    })}
                </div>
            }
            .into_any();
        };
        let choice = v.choice;
        view! {
            <div class="this-pc form" id="this-pc-settings">
                <p class="muted">{word(lang, Pc::Hint)}</p>
                <label class="check">
                    <input type="checkbox" id="keep-in-tray" prop:checked=choice.keep_in_tray
                        disabled=!v.tray
                        on:change=move |ev| change(DesktopChoice { keep_in_tray: event_target_checked(&ev), ..choice })/>
                    {word(lang, Pc::KeepInTray)}
                </label>
                <p class="muted">{if v.tray { word(lang, Pc::KeepInTrayHint) } else { word(lang, Pc::NoTray) }}</p>
                <label class="check">
                    <input type="checkbox" id="autostart" prop:checked=choice.autostart
                        on:change=move |ev| change(DesktopChoice { autostart: event_target_checked(&ev), ..choice })/>
                    {word(lang, Pc::Autostart)}
                </label>
                <p class="muted">{word(lang, Pc::AutostartHint)}</p>
                {move || failed.get().map(|e| view! {
                    <p class="field-error" id="this-pc-error" role="alert">{refusal(lang, &e)}</p>
                })}
                {move || saved.get().then(|| view! { <p class="done" id="this-pc-saved">{word(lang, Pc::Saved)}</p> })}
            </div>
        }
        .into_any()
    };
    // Outside the desktop part: ticking a box there must not draw the updates again (a typed
    // address, an install under way).
    view! {
        {desktop}
        <crate::updates::UpdatesSection/>
    }
}
