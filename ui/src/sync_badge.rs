//! The team sync indicator in the top bar: synced, pending, offline since, read-only.

use leptos::prelude::*;
use proto::sync::{SyncState, SyncStatus};

use crate::api_team as api;
use crate::app::Ctx;
use crate::format;
use crate::i18n::{t, Key};

/// Often enough that "pending" turns "synced" while the manager still looks at it.
const POLL: std::time::Duration = std::time::Duration::from_secs(5);

#[component]
pub fn SyncBadge() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let state = RwSignal::new(None::<SyncState>);
    let refresh = move || {
        leptos::task::spawn_local(async move {
            if let Ok(s) = api::sync_state().await {
                state.set(Some(s));
            }
        })
    };
    refresh();
    if let Ok(handle) = set_interval_with_handle(refresh, POLL) {
        on_cleanup(move || handle.clear());
    }
    move || {
        let lang = ctx.lang.get();
        let s = state.get()?;
        let (class, text) = match s.status {
            SyncStatus::NotJoined => return None,
            SyncStatus::Synced => ("ok", t(lang, Key::SyncSynced).to_owned()),
            SyncStatus::Pending => (
                "pending",
                format!("{}: {}", t(lang, Key::SyncPending), s.pending),
            ),
            SyncStatus::Offline => (
                "offline",
                match s.offline_since {
                    Some(at) => format!(
                        "{} {}",
                        t(lang, Key::SyncOfflineSince),
                        format::date_time(at)
                    ),
                    None => t(lang, Key::SyncOffline).to_owned(),
                },
            ),
            SyncStatus::Revoked => ("revoked", t(lang, Key::SyncRevoked).to_owned()),
            SyncStatus::UpgradeRequired => ("revoked", t(lang, Key::SyncUpgrade).to_owned()),
        };
        let title = s.last_error.clone().unwrap_or_default();
        let refused = s.rejections.len();
        Some(view! {
            <span class=format!("sync {class}") id="sync-state" title=title>
                "⇅ "{text}
                {(refused > 0).then(|| view! { <span class="refused">" · ⚠ "{refused}</span> })}
            </span>
        })
    }
}
