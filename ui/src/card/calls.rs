//! The call log: start a call, finish it with an outcome and a note; attempts are counted.

use leptos::prelude::*;
use proto::{CallOutcome, NewCall, OrderDetail};

use crate::api;
use crate::format;
use crate::i18n::{self, t, Key, Lang, CALL_OUTCOMES};

pub fn tab(lang: Lang, order: OrderDetail) -> impl IntoView {
    let busy = RwSignal::new(false);
    let started = RwSignal::new(None::<i64>);
    let outcome = RwSignal::new("reached".to_owned());
    let note = RwSignal::new(String::new());
    let id = order.id.clone();
    // A call the desk refuses to log is said under the call form, not in the banner.
    let said = RwSignal::new(None::<String>);
    let finish = move |_| {
        let Some(started_at) = started.get_untracked() else {
            return;
        };
        let outcome = match outcome.get_untracked().as_str() {
            "no_answer" => CallOutcome::NoAnswer,
            "confirmed" => CallOutcome::Confirmed,
            "refused" => CallOutcome::Refused,
            _ => CallOutcome::Reached,
        };
        let call = NewCall {
            started_at,
            ended_at: js_sys::Date::now() as i64,
            outcome,
            note: Some(note.get_untracked()).filter(|n| !n.trim().is_empty()),
        };
        started.set(None);
        let id = id.clone();
        super::act_beside(
            busy,
            said,
            move || async move { api::log_call(&id, call).await },
        );
    };
    let calls = order
        .calls
        .iter()
        .rev()
        .map(|c| {
            view! {
                <tr>
                    <td>{format::date_time(c.started_at)}</td>
                    <td>{format::duration(lang, c.duration_ms.max(60_000))}</td>
                    <td>{i18n::call_outcome(lang, c.outcome)}</td>
                    <td>{c.note.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let empty = order.calls.is_empty();
    view! {
        <p>{t(lang, Key::Attempts)}": "<strong id="call-attempts">{order.call_attempts}</strong></p>
        {move || match started.get() {
            None => view! {
                <button class="primary" id="start-call" on:click=move |_| started.set(Some(js_sys::Date::now() as i64))>
                    "📞 "{t(lang, Key::StartCall)}
                </button>
            }.into_any(),
            Some(at) => view! {
                <div class="call-form">
                    <span class="muted">{format::date_time(at)}</span>
                    <select id="call-outcome" on:change=move |ev| outcome.set(event_target_value(&ev))>
                        {CALL_OUTCOMES.iter().map(|(code, ru, en)| {
                            let label = if lang == Lang::Ru { *ru } else { *en };
                            view! { <option value=*code>{label}</option> }
                        }).collect_view()}
                    </select>
                    <input id="call-note" placeholder=t(lang, Key::Note) on:input=move |ev| note.set(event_target_value(&ev))/>
                    <button class="primary" id="finish-call" disabled=move || busy.get() on:click=finish.clone()>{t(lang, Key::FinishCall)}</button>
                </div>
            }.into_any(),
        }}
        {super::said_note(said, "finish-call")}
        {if empty {
            view! { <p class="muted">{t(lang, Key::NoCalls)}</p> }.into_any()
        } else {
            view! {
                <table class="grid" id="calls">
                    <thead><tr><th>{t(lang, Key::When)}</th><th></th><th>{t(lang, Key::Outcome)}</th><th>{t(lang, Key::Note)}</th></tr></thead>
                    <tbody>{calls}</tbody>
                </table>
            }.into_any()
        }}
    }
}
