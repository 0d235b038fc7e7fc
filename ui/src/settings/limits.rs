//! The shop's bounds of one order line (issue 15, point 6): the largest quantity and line
//! amount a manager may type before the desk calls it a typo. A shop op: every PC of the team
//! and its hub judge lines against the same bounds.

use leptos::prelude::*;
use proto::display::rules::InputLimitsView;
use proto::display::{amount, parse_money, parse_quantity, quantity};

use crate::api_admin as api;
use crate::app::Ctx;
use crate::i18n::{t, Key};

#[component]
pub fn Limits() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let max_quantity = RwSignal::new(String::new());
    let max_amount = RwSignal::new(String::new());
    let saved = RwSignal::new(false);
    // A value that does not read as a number is said beside the form, not sent.
    let unreadable = RwSignal::new(false);
    // What the desk refused (limits out of range) is said beside the button, not the banner.
    let refused = crate::field_error::Refused::new(&[]);
    let show = move |l: InputLimitsView| {
        max_quantity.set(quantity(l.max_quantity));
        max_amount.set(amount(l.max_line_amount));
    };
    leptos::task::spawn_local(async move {
        match api::input_limits().await {
            Ok(l) => show(l),
            Err(e) => ctx.fail(e),
        }
    });
    let save = move |_| {
        let typed = (
            parse_quantity(&max_quantity.get_untracked()),
            parse_money(&max_amount.get_untracked()),
        );
        let (Some(max_quantity), Some(max_line_amount)) = typed else {
            unreadable.set(true);
            return;
        };
        unreadable.set(false);
        let limits = InputLimitsView {
            max_quantity,
            max_line_amount,
        };
        leptos::task::spawn_local(async move {
            match api::set_input_limits(limits).await {
                Ok(l) => {
                    refused.clear();
                    show(l);
                    saved.set(true);
                    ctx.changed();
                }
                Err(e) => {
                    if !refused.keep_input(e.clone()) {
                        ctx.fail(e)
                    }
                }
            }
        });
    };
    let edited = move || {
        saved.set(false);
        unreadable.set(false);
        refused.clear();
    };
    move || {
        let lang = ctx.lang.get();
        view! {
            <div class="form limits" id="input-limits">
                <h3>{t(lang, Key::InputLimits)}</h3>
                <label>{t(lang, Key::MaxQuantity)}
                    <input id="max-quantity" inputmode="decimal" prop:value=move || max_quantity.get()
                        on:input=move |ev| { edited(); max_quantity.set(event_target_value(&ev)) }/>
                </label>
                <label>{t(lang, Key::MaxLineAmount)}
                    <input id="max-line-amount" inputmode="decimal" prop:value=move || max_amount.get()
                        on:input=move |ev| { edited(); max_amount.set(event_target_value(&ev)) }/>
                </label>
                <p class="muted">{t(lang, Key::InputLimitsHint)}</p>
                {move || unreadable.get().then(|| view! {
                    <p class="field-error" id="limits-unreadable" role="alert">{t(lang, Key::LimitsUnreadable)}</p>
                })}
                <button class="primary" id="save-limits" on:click=save>{t(lang, Key::SaveSettings)}</button>
                {move || saved.get().then(|| view! { <span class="done">{t(lang, Key::Saved)}</span> })}
                {refused.at_action(lang, "save-limits")}
            </div>
        }
    }
}
