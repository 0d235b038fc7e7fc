//! «Грузовых мест»: the packages the goods were packed into, counted at the end of the pick.
//! The transport waybill prints the count; until it is entered the waybill leaves a blank.

use leptos::prelude::*;
use proto::{cmd, CommandError, OrderDetail};

use crate::i18n::{t, Key, Lang};

async fn set_places(order_id: &str, places: Option<u32>) -> Result<OrderDetail, CommandError> {
    crate::api::call(&cmd::SetPlaces {
        order_id: order_id.to_owned(),
        places,
    })
    .await
}

/// The most a waybill's box prints; the desk refuses more.
const MAX: u32 = 99_999;

pub fn block(lang: Lang, order: &OrderDetail) -> impl IntoView {
    let busy = RwSignal::new(false);
    let typed = RwSignal::new(order.places.map(|n| n.to_string()).unwrap_or_default());
    // A count the field cannot hold is said beside it, and nothing is sent.
    let wrong = RwSignal::new(false);
    // What the desk refuses of the count (a copy open read-only, a closed order) is said
    // beside «Сохранить», not in the banner.
    let said = RwSignal::new(None::<String>);
    let id = order.id.clone();
    let save = move |_| {
        if busy.get_untracked() {
            return;
        }
        let text = typed.get_untracked();
        let text = text.trim();
        let places = if text.is_empty() {
            None
        } else {
            match text.parse::<u32>() {
                Ok(n) if (1..=MAX).contains(&n) => Some(n),
                _ => {
                    wrong.set(true);
                    return;
                }
            }
        };
        wrong.set(false);
        let id = id.clone();
        super::act_beside(
            busy,
            said,
            move || async move { set_places(&id, places).await },
        );
    };
    view! {
        <div class="inline-form places" id="order-places">
            <label>{t(lang, Key::Places)}
                <input id="places" type="number" min="1" max=MAX.to_string() inputmode="numeric"
                    class:invalid=move || wrong.get()
                    prop:value=move || typed.get()
                    on:input=move |ev| typed.set(event_target_value(&ev))/>
            </label>
            <button id="save-places" disabled=move || busy.get() on:click=save>{t(lang, Key::SavePlaces)}</button>
            {move || wrong.get().then(|| view! {
                <span class="field-error" id="places-error">{t(lang, Key::PlacesWrong)}</span>
            })}
            {super::said_note(said, "save-places")}
            <span class="muted">{t(lang, Key::PlacesHint)}</span>
        </div>
    }
}
