//! Joining the shop's team hub and what sync refused.

use leptos::prelude::*;
use proto::sync::{SyncState, SyncStatus};

use crate::api_team as api;
use crate::app::Ctx;
use crate::field_error::Refused;
use crate::format;
use crate::i18n::{self, t, Key, Lang};

#[component]
pub fn TeamSettings() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let state = RwSignal::new(None::<SyncState>);
    let url = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    // What the join is refused is said beside the address, the token or «Присоединиться».
    let refused = Refused::new(&["url", "token"]);
    let load = move || {
        leptos::task::spawn_local(async move {
            match api::sync_state().await {
                Ok(s) => state.set(Some(s)),
                Err(e) => ctx.fail(e),
            }
        })
    };
    load();
    let join = move |_| {
        let (u, k) = (url.get_untracked(), token.get_untracked());
        leptos::task::spawn_local(async move {
            match api::join_team(u, k).await {
                Ok(_) => {
                    refused.clear();
                    token.set(String::new());
                    ctx.changed();
                    load();
                }
                Err(e) => refused.keep_all(e),
            }
        });
    };
    move || {
        let lang = ctx.lang.get();
        let s = state.get();
        let joined = s
            .as_ref()
            .is_some_and(|s| s.status != SyncStatus::NotJoined);
        let rejections = s
            .map(|s| s.rejections)
            .unwrap_or_default()
            .into_iter()
            .map(|r| {
                // The hub's own text is for logs and support: a detail under the pointer.
                view! {
                    <tr>
                        <td>{format::date_time(r.at)}</td>
                        <td>{i18n::sync::op_kind(lang, &r.kind)}</td>
                        <td title=r.message>{i18n::sync::reject_code_alone(lang, r.code)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="form team" id="team-settings">
                <p class="muted">{t(lang, if joined { Key::TeamJoined } else { Key::TeamHint })}</p>
                {(!joined).then(|| view! {
                    {hub_fields(lang, url, token, refused)}
                    <div class="row"><button class="primary" id="join-team" on:click=join>{t(lang, Key::JoinTeam)}</button></div>
                    {refused.at_action(lang, "join-team")}
                })}
                <h3>{t(lang, Key::SyncRefused)}</h3>
                <table class="grid" id="sync-rejections"><tbody>{rejections}</tbody></table>
            </div>
        }
    }
}

/// The hub's address and this PC's token, as both the first run and the settings join a team
/// with them; `refused` (of the fields "url" and "token") says what the hub refused.
pub(crate) fn hub_fields(
    lang: Lang,
    url: RwSignal<String>,
    token: RwSignal<String>,
    refused: Refused,
) -> impl IntoView {
    view! {
        <label>{t(lang, Key::HubUrl)}
            <input id="hub-url" placeholder="https://hub.example.ru" prop:value=move || url.get()
                aria-invalid=refused.invalid("url")
                on:input=move |ev| { refused.typed("url"); url.set(event_target_value(&ev)) }/>
            {refused.note(lang, "url", "hub-url")}
        </label>
        <label>{t(lang, Key::DeviceToken)}
            <input id="hub-token" type="password" prop:value=move || token.get()
                aria-invalid=refused.invalid("token")
                on:input=move |ev| { refused.typed("token"); token.set(event_target_value(&ev)) }/>
            {refused.note(lang, "token", "hub-token")}
        </label>
    }
}
