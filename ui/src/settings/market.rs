//! A marketplace connection's trigger editor: for each marketplace action, the stage of ours
//! that fires it (with the default beside it), the cancellation reason from the marketplace's
//! list, the fulfilment models the shop works in, Yandex Market's campaign and business ids and
//! Ozon's stock warehouse. The desk checks the whole map and answers in the manager's words.

use leptos::prelude::*;
use proto::{ChannelKind, MarketplaceTriggers, TriggerSlot};

use crate::api_market as api;
use crate::i18n::{self, t, Key, Lang};
use crate::settings::market_setup::{number_field, warehouse_picker};

fn model_name(m: &str) -> String {
    if m == "rfbs" {
        "rFBS".into()
    } else {
        m.to_uppercase()
    }
}

pub fn editor(lang: Lang, connection_id: String, kind: ChannelKind) -> impl IntoView {
    let edited = RwSignal::new(None::<MarketplaceTriggers>);
    let (business, warehouse) = (RwSignal::new(None::<i64>), RwSignal::new(None::<i64>));
    let shown = move |t: MarketplaceTriggers| {
        business.set(t.business_id);
        warehouse.set(t.warehouse_id);
        edited.set(Some(t));
    };
    let answer = RwSignal::new(None::<(bool, String)>);
    // The business number the desk refused is said under its field, the rest below the editor.
    let refused = crate::field_error::Refused::new(&["business"]);
    let stages = LocalResource::new(crate::api_admin::workflow_settings);
    {
        let id = connection_id.clone();
        leptos::task::spawn_local(async move {
            match api::triggers(&id).await {
                Ok(t) => shown(t),
                Err(e) => answer.set(Some((false, crate::i18n::error_text(lang, &e)))),
            }
        });
    }
    let save = {
        let id = connection_id.clone();
        move |_| {
            let (id, Some(mut new)) = (id.clone(), edited.get_untracked()) else {
                return;
            };
            new.business_id = business.get_untracked();
            new.warehouse_id = warehouse.get_untracked();
            leptos::task::spawn_local(async move {
                match api::set_triggers(&id, new).await {
                    Ok(saved) => {
                        refused.clear();
                        shown(saved);
                        answer.set(Some((true, t(lang, Key::Saved).to_owned())));
                    }
                    Err(e) if refused.keep(e.clone()) => answer.set(None),
                    Err(e) => answer.set(Some((false, crate::i18n::error_text(lang, &e)))),
                }
            });
        }
    };
    let body = move || {
        let current = edited.get()?;
        let names: Vec<(String, String)> = stages
            .get()
            .and_then(Result::ok)
            .map(|s| s.stages.into_iter().map(|st| (st.id, st.name)).collect())
            .unwrap_or_default();
        let rows = current
            .slots
            .iter()
            .enumerate()
            .map(|(i, s)| slot_row(lang, i, s, &names, edited))
            .collect_view();
        let models = current
            .all_models
            .iter()
            .map(|m| {
                let on = current.models.contains(m);
                let model = m.clone();
                view! {
                    <label class="check"><input type="checkbox" class=format!("model model-{m}") prop:checked=on
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            let model = model.clone();
                            edited.update(|e| if let Some(e) = e {
                                e.models.retain(|x| *x != model);
                                if on { e.models.push(model) }
                            });
                        }/>{model_name(m)}</label>
                }
            })
            .collect_view();
        let campaign_key = if kind == ChannelKind::MegaMarket {
            Key::MerchantId
        } else {
            Key::CampaignId
        };
        let campaign = matches!(kind, ChannelKind::YandexMarket | ChannelKind::MegaMarket).then(|| {
            let value = current.campaign_id.map(|c| c.to_string()).unwrap_or_default();
            view! {
                <label>{t(lang, campaign_key)}
                    <input class="campaign-id" inputmode="numeric" prop:value=value on:change=move |ev| {
                        let v = event_target_value(&ev).trim().parse::<i64>().ok();
                        edited.update(|e| if let Some(e) = e { e.campaign_id = v });
                    }/>
                </label>
            }
        });
        Some(view! {
            <p class="muted">{t(lang, Key::MarketActionsHint)}</p>
            <p class="models">{t(lang, Key::FulfilmentModels)}": "{models}</p>
            {campaign}
            <table class="grid"><tbody>{rows}</tbody></table>
        })
    };
    view! {
        <details class="market-triggers" data-connection=connection_id.clone()>
            <summary>{t(lang, Key::MarketActions)}</summary>
            {body}
            {setup_fields(lang, kind, connection_id.clone(), business, warehouse, refused)}
            <div class="row"><button class="primary save-triggers" on:click=save>{t(lang, Key::SaveSettings)}</button></div>
            {move || answer.get().map(|(ok, text)| view! {
                <p class="trigger-answer" class:done=ok class:late=!ok role="status">{if ok { "" } else { "⚠ " }}{text}</p>
            })}
        </details>
    }
}

/// Yandex Market's business id and Ozon's stock warehouse, edited beside the campaign and
/// saved with the triggers. Their own signals, outside the editor's redrawn body: a redraw
/// would drop the warehouse list Ozon gave.
fn setup_fields(
    lang: Lang,
    kind: ChannelKind,
    connection_id: String,
    business: RwSignal<Option<i64>>,
    warehouse: RwSignal<Option<i64>>,
    refused: crate::field_error::Refused,
) -> Option<AnyView> {
    match kind {
        ChannelKind::YandexMarket => Some(
            number_field(
                lang,
                "business-id",
                Key::BusinessId,
                business,
                refused,
                "business",
            )
            .into_any(),
        ),
        ChannelKind::Ozon => {
            let fetch = move || api::warehouses(connection_id.clone());
            Some(warehouse_picker(lang, warehouse, fetch).into_any())
        }
        _ => None,
    }
}

fn slot_row(
    lang: Lang,
    i: usize,
    s: &TriggerSlot,
    names: &[(String, String)],
    edited: RwSignal<Option<MarketplaceTriggers>>,
) -> impl IntoView {
    let name_of = |id: &str| {
        names
            .iter()
            .find(|(sid, _)| sid == id)
            .map(|(_, n)| n.clone())
    };
    let chosen = s.stage_id.clone().unwrap_or_default();
    let gone = !chosen.is_empty() && !names.is_empty() && name_of(&chosen).is_none();
    let mut options = vec![
        view! { <option value="" selected=chosen.is_empty()>{t(lang, Key::NoStage)}</option> }
            .into_any(),
    ];
    options.extend(names.iter().map(|(sid, name)| {
        view! { <option value=sid.clone() selected=*sid == chosen>{name.clone()}</option> }
            .into_any()
    }));
    if gone {
        options.push(
            view! { <option value=chosen.clone() selected=true>{chosen.clone()}</option> }
                .into_any(),
        );
    }
    let default = s.default_stage_id.as_deref().map(|d| {
        let name = name_of(d).unwrap_or_else(|| d.to_owned());
        format!("{}: «{name}»", t(lang, Key::DefaultStage))
    });
    let reason = (s.slot == proto::MarketSlot::Cancel).then(|| {
        let current = s.reason.clone().unwrap_or_default();
        let mut opts = vec![view! { <option value="" selected=current.is_empty()>"—"</option> }.into_any()];
        opts.extend(s.reasons.iter().map(|r| {
            view! { <option value=r.clone() selected=*r == current>{i18n::market_cancel_reason(lang, r)}</option> }.into_any()
        }));
        view! {
            <label>{t(lang, Key::MarketCancelReason)}
                <select class="trigger-reason" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    edited.update(|e| if let Some(s) = e.as_mut().and_then(|e| e.slots.get_mut(i)) {
                        s.reason = (!v.is_empty()).then_some(v);
                    });
                }>{opts}</select>
            </label>
        }
    });
    let models = s
        .models
        .iter()
        .map(|m| model_name(m))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <tr class="trigger" data-slot=s.slot.as_str()>
            <td>{i18n::market_slot(lang, s.slot)}<br/><span class="muted">{t(lang, Key::OnlyModels)}" "{models}</span></td>
            <td>
                <select class="trigger-stage" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    edited.update(|e| if let Some(s) = e.as_mut().and_then(|e| e.slots.get_mut(i)) {
                        s.stage_id = (!v.is_empty()).then_some(v);
                    });
                }>{options}</select>
                {gone.then(|| view! { <span class="late">" ⚠ "{t(lang, Key::StageGone)}</span> })}
            </td>
            <td class="muted">{default}</td>
            <td>{reason}</td>
        </tr>
    }
}
