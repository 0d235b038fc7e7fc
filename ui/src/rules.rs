//! Stage guards and input checks in the window (issue 15, points 5 and 6): a refusal by a
//! rule is worded here in the window's language from its `{code, params}` and shown beside
//! the action or the field it names, not in the banner; the stages editor's guard boxes.

use leptos::prelude::*;
use proto::display::rules::{RuleRefusal, StageGuardsView};
use proto::{CommandError, OrderDetail};

use crate::i18n::{t, Key, Lang};

/// Runs a card action and refreshes on success. A rule's refusal is kept in `shown`, for
/// [`note`] beside the action; any other failure goes to the banner.
pub fn act_with_rule<F, Fut>(
    busy: RwSignal<bool>,
    shown: RwSignal<Option<RuleRefusal>>,
    said: RwSignal<Option<String>>,
    action: F,
) where
    F: FnOnce() -> Fut + 'static,
    Fut: std::future::Future<Output = Result<OrderDetail, CommandError>> + 'static,
{
    if busy.get_untracked() {
        return;
    }
    shown.set(None);
    said.set(None);
    // A rule's refusal is worded from its code; any other (the order moved on elsewhere, a
    // desk gone read-only) is said in the same place, not in the banner.
    crate::card::run_action(
        busy,
        action,
        move |ctx, err| match err {
            CommandError {
                rule: Some(rule), ..
            } => shown.set(Some(rule)),
            err => said.set(Some(crate::i18n::error_text(
                ctx.lang.get_untracked(),
                &err,
            ))),
        },
        || {},
    );
}

/// The refusal kept in `shown`, worded, where it is placed.
pub fn note(lang: Lang, shown: RwSignal<Option<RuleRefusal>>, id: &'static str) -> impl IntoView {
    move || {
        shown.get().map(|r| {
            view! { <p class="field-error" id=id role="alert" data-code=format!("{:?}", r.code)>{r.wording(lang)}</p> }
        })
    }
}

/// The refusal of one form field, if `field` is the one it names.
pub fn for_field(err: &CommandError, field: &str) -> Option<RuleRefusal> {
    err.rule
        .clone()
        .filter(|r| r.field.as_deref() == Some(field))
}

/// Said on the card of an order whose bill is frozen where it is.
pub fn locked_note(lang: Lang, order: &OrderDetail) -> Option<impl IntoView> {
    order
        .locked
        .then(|| view! { <p class="muted" id="order-locked">"🔒 "{t(lang, Key::OrderLocked)}</p> })
}

/// One guard of a stage, as a box in the editor ticks it.
type Flag = fn(&mut StageGuardsView) -> &mut bool;

/// The stages editor's guard boxes for one stage; each change saves all three.
pub fn guard_checks(
    lang: Lang,
    guards: StageGuardsView,
    save: impl Fn(StageGuardsView) + Clone + 'static,
) -> impl IntoView {
    let boxes: [(Key, &'static str, Flag); 3] = [
        (Key::GuardPaidToLeave, "paid_to_leave", |g| {
            &mut g.paid_to_leave
        }),
        (Key::GuardAddressToEnter, "address_to_enter", |g| {
            &mut g.address_to_enter
        }),
        (Key::GuardLocked, "locked", |g| &mut g.locked),
    ];
    boxes
        .into_iter()
        .map(|(key, name, flag)| {
            let save = save.clone();
            let mut current = guards;
            let on = *flag(&mut current);
            view! {
                <label class="check"><input type="checkbox" data-guard=name prop:checked=on on:change=move |ev| {
                    let mut next = guards;
                    *flag(&mut next) = event_target_checked(&ev);
                    save(next);
                }/>{t(lang, key)}</label>
            }
        })
        .collect_view()
}
