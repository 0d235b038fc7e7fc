//! The order's comment, written and changed in the card (before, only a new order could get
//! one). What is typed and not saved is kept as a draft of this order, like the lines.

use leptos::prelude::*;
use proto::{cmd, CommandError, OrderDetail};

use crate::i18n::{t, Key, Lang};

async fn set_comment(order_id: &str, comment: Option<String>) -> Result<OrderDetail, CommandError> {
    crate::api::call(&cmd::SetComment {
        order_id: order_id.to_owned(),
        comment,
    })
    .await
}

pub fn block(lang: Lang, order: &OrderDetail) -> impl IntoView {
    let busy = RwSignal::new(false);
    let saved = order.comment.clone().unwrap_or_default();
    // `None`: nothing typed since the comment was last saved.
    let draft = crate::drafts::kept(&format!("comment.{}", order.id), None::<String>);
    let shown = {
        let saved = saved.clone();
        move || draft.get().unwrap_or_else(|| saved.clone())
    };
    // What the desk refuses (too long, a read-only desk) is said beside «Сохранить».
    let said = RwSignal::new(None::<String>);
    let id = order.id.clone();
    let save = move |_| {
        let Some(typed) = draft.get_untracked() else {
            return;
        };
        let id = id.clone();
        let comment = (!typed.trim().is_empty()).then(|| typed.trim().to_owned());
        super::run_action(
            busy,
            move || async move { set_comment(&id, comment).await },
            move |ctx, err| {
                said.set(Some(crate::i18n::error_text(
                    ctx.lang.get_untracked(),
                    &err,
                )))
            },
            move || {
                said.set(None);
                draft.set(None);
            },
        );
    };
    view! {
        <div class="inline-form comment" id="order-comment">
            <label>{t(lang, Key::Comment)}
                <textarea id="comment-input" rows="2" maxlength="2000"
                    prop:value=shown
                    on:input=move |ev| {
                        let text = event_target_value(&ev);
                        draft.set((text != saved).then_some(text));
                    }></textarea>
            </label>
            <button id="save-comment" disabled=move || busy.get() || draft.with(Option::is_none)
                on:click=save>{t(lang, Key::SaveComment)}</button>
            {super::said_note(said, "save-comment")}
        </div>
    }
}
