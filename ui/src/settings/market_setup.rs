//! The marketplace settings beside the keys, shared by the add form and the trigger editor:
//! a number field (Yandex Market's campaign and business, MegaMarket's merchant) and the Ozon
//! warehouse chosen from the list Ozon gives for the keys (saved ones or the form's).

use std::future::Future;

use leptos::prelude::*;
use proto::{CommandError, WarehouseView};

use crate::field_error::Refused;
use crate::i18n::{t, Key, Lang};

/// An optional positive number; an empty field is `None`. The form's refusal of it (a
/// number not above zero) is said under it as `field`.
pub fn number_field(
    lang: Lang,
    class: &'static str,
    label: Key,
    value: RwSignal<Option<i64>>,
    refused: Refused,
    field: &'static str,
) -> impl IntoView {
    view! {
        <label>{t(lang, label)}
            <input class=class inputmode="numeric"
                prop:value=move || value.get().map(|v| v.to_string()).unwrap_or_default()
                aria-invalid=refused.invalid(field)
                on:input=move |_| refused.typed(field)
                on:change=move |ev| value.set(event_target_value(&ev).trim().parse::<i64>().ok())/>
            {refused.note(lang, field, class)}
        </label>
    }
}

/// «Загрузить склады» asks `fetch` for the list, then a select offers it; the chosen one is
/// shown by its number even before the list is loaded.
pub fn warehouse_picker<F, Fut>(
    lang: Lang,
    chosen: RwSignal<Option<i64>>,
    fetch: F,
) -> impl IntoView
where
    F: Fn() -> Fut + Clone + 'static,
    Fut: Future<Output = Result<Vec<WarehouseView>, CommandError>> + 'static,
{
    let list = RwSignal::new(Vec::<WarehouseView>::new());
    let error = RwSignal::new(None::<String>);
    let load = move |_| {
        let answer = fetch();
        leptos::task::spawn_local(async move {
            match answer.await {
                Ok(l) => {
                    error.set(None);
                    list.set(l);
                }
                Err(e) => error.set(Some(crate::i18n::error_text(lang, &e))),
            }
        });
    };
    let options = move || {
        let current = chosen.get();
        let mut all = list.get();
        if let Some(id) = current.filter(|id| !all.iter().any(|w| w.id == *id)) {
            all.insert(
                0,
                WarehouseView {
                    id,
                    name: format!("№{id}"),
                    rfbs: false,
                    status: String::new(),
                },
            );
        }
        let none = view! { <option value="" selected=current.is_none()>{t(lang, Key::NoWarehouse)}</option> };
        let rest = all
            .into_iter()
            .map(|w| {
                let label = if w.rfbs { format!("{} (rFBS)", w.name) } else { w.name.clone() };
                view! { <option value=w.id.to_string() selected=current == Some(w.id)>{label}</option> }
            })
            .collect_view();
        view! { {none}{rest} }
    };
    view! {
        <label>{t(lang, Key::OzonWarehouse)}
            <select class="ozon-warehouse" on:change=move |ev| chosen.set(event_target_value(&ev).parse().ok())>
                {options}
            </select>
        </label>
        <button class="load-warehouses" on:click=load>{t(lang, Key::LoadWarehouses)}</button>
        {move || error.get().map(|e| view! { <p class="late warehouse-error" role="status">"⚠ "{e}</p> })}
    }
}
