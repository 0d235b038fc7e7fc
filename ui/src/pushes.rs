//! Marketplace actions our stages queued, as the order card and the connection's state list
//! show them: what is waiting, what failed (with "retry" and "dismiss"), and what was
//! dismissed, by whom and why.

use leptos::prelude::*;
use proto::PushView;

use crate::api_market as api;
use crate::app::Ctx;
use crate::format;
use crate::i18n::{self, t, Key, Lang};

/// The table of `pushes`; `on_change` runs after a retry or dismissal went through.
pub fn table(
    lang: Lang,
    pushes: Vec<PushView>,
    on_change: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let rows = pushes
        .into_iter()
        .map(|p| row(lang, p, on_change))
        .collect_view();
    view! { <table class="grid pushes-table"><tbody>{rows}</tbody></table> }
}

fn row(lang: Lang, p: PushView, on_change: impl Fn() + Copy + 'static) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let failed = p.state == proto::PushState::Failed;
    let busy = RwSignal::new(false);
    let run = move |job: std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<PushView, proto::CommandError>>>,
    >| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            match job.await {
                Ok(_) => {
                    on_change();
                    ctx.changed();
                }
                Err(e) => ctx.fail(e),
            }
            busy.set(false);
        });
    };
    let buttons = failed.then(|| {
        let (retry_id, dismiss_id) = (p.id.clone(), p.id.clone());
        view! {
            <button class="push-retry" disabled=move || busy.get() on:click=move |_| {
                let id = retry_id.clone();
                run(Box::pin(async move { api::retry(&id).await }));
            }>{t(lang, Key::RetryPush)}</button>
            <button class="push-dismiss" disabled=move || busy.get() on:click=move |_| {
                let (why, yes, no) = (t(lang, Key::DismissWhy).into(), t(lang, Key::DismissPush).into(), t(lang, Key::Back).into());
                let id = dismiss_id.clone();
                leptos::task::spawn_local_scoped(async move {
                    // Closing the question keeps the push as it is.
                    if let Some(reason) = crate::dialog::text(why, yes, no).await {
                        run(Box::pin(async move { api::dismiss(&id, &reason).await }));
                    }
                });
            }>{t(lang, Key::DismissPush)}</button>
        }
    });
    let note = match (&p.dismissed_by, &p.dismissed_reason) {
        (Some(by), reason) => format!(
            "{}: {by}, {} — {}",
            t(lang, Key::DismissedBy),
            p.dismissed_at.map(format::date_time).unwrap_or_default(),
            reason.clone().unwrap_or_default()
        ),
        // Worded from its code in the manager's language; a note kept before codes were is
        // shown as its text.
        (None, _) => match &p.error {
            Some(e) => i18n::channel_error(lang, e),
            None => p.last_error.clone().unwrap_or_default(),
        },
    };
    view! {
        <tr class="push" class:late=failed data-push-id=p.id.clone() data-state=p.state.as_str()>
            <td>{p.external_id.clone()}</td>
            <td>{i18n::push_action(lang, p.slot)}</td>
            <td class="push-state">{if failed { "⚠ " } else { "" }}{i18n::push_state(lang, p.state)}</td>
            <td>{t(lang, Key::PushAttempts)}": "{p.attempts}</td>
            <td class="push-note" title=p.last_error.clone().unwrap_or_default()>{note}</td>
            <td class="row">{buttons}</td>
        </tr>
    }
}

/// The order card's marketplace actions; nothing when the order has none.
pub fn order_pushes(lang: Lang, order_id: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let list = LocalResource::new(move || {
        ctx.revision.track();
        let id = order_id.clone();
        async move { api::order_pushes(&id).await.unwrap_or_default() }
    });
    move || {
        let pushes = list.get().unwrap_or_default();
        (!pushes.is_empty()).then(|| {
            view! {
                <div class="order-pushes" id="order-pushes">
                    <h3>{t(lang, Key::MarketActions)}</h3>
                    {table(lang, pushes, || {})}
                </div>
            }
        })
    }
}
