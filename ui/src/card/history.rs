//! Everything done to the order: who, from which device, when, what, before → after.

use leptos::prelude::*;

use crate::api;
use crate::app::Ctx;
use crate::format;
use crate::i18n::{self, t, Key, Lang};

pub fn tab(lang: Lang, order_id: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let entries = LocalResource::new(move || {
        ctx.revision.track();
        let id = order_id.clone();
        async move { api::order_history(&id).await }
    });
    move || {
        entries.get().map(|r| match r {
            Ok(list) if list.is_empty() => {
                view! { <p class="muted" id="history-empty">{t(lang, Key::NoHistory)}</p> }.into_any()
            }
            Ok(list) => {
                let rows = list
                    .into_iter()
                    .map(|e| {
                        let device: String = e.device_id.chars().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
                        // The desk's Russian text stays only for an event this window
                        // does not know (a newer desk).
                        let before = e.before_state.as_ref().map(|s| i18n::history::state(lang, s)).or(e.before);
                        let after = e.after_state.as_ref().map(|s| i18n::history::state(lang, s)).or(e.after);
                        let mut what = match (&e.payment, &e.event) {
                            (Some(p), _) => i18n::payment_event(lang, p),
                            (None, Some(ev)) => i18n::history::event(lang, ev),
                            (None, None) => e.description,
                        };
                        if let Some(r) = &e.hub_refusal {
                            what.push_str(&i18n::history::hub_refusal(lang, r));
                        }
                        let change = match (before, after) {
                            (Some(b), Some(a)) => format!("{b} → {a}"),
                            (None, Some(a)) => a,
                            (Some(b), None) => b,
                            (None, None) => String::new(),
                        };
                        view! {
                            <tr data-kind=e.kind>
                                <td class="when">{format::date_time(e.at)}</td>
                                <td class="who" title=format!("…{device}")>{e.actor_name}<div class="sku">{i18n::role(lang, e.role)}</div></td>
                                <td class="what">{what}<div class="sku">{change}</div></td>
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    <table class="grid history" id="history">
                        <thead><tr><th>{t(lang, Key::When)}</th><th>{t(lang, Key::Who)}</th><th>{t(lang, Key::What)}</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                }
                .into_any()
            }
            Err(err) => {
                ctx.fail(err);
                ().into_any()
            }
        })
    }
}
