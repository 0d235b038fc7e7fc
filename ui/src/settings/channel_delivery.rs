//! A site connection's delivery map: every delivery method the site names or its orders
//! carried, each mapped to one of the shop's, and the default for the rest. The site's list is
//! read when the block is opened (it asks the site); saving applies to the orders imported
//! after it. Also the card's worded error line.

use std::collections::BTreeMap;

use leptos::prelude::*;
use proto::{
    ChannelStateView, CommandError, DeliveryMapEdit, DeliveryMapView, DeliveryMethod,
    SiteDeliveryMethod,
};
use serde::Serialize;

use crate::api::call;
use crate::i18n::{self, t, Key, Lang};

/// What a site's order may be mapped to (marketplace logistics is not for a site).
const CHOICES: [DeliveryMethod; 3] = [
    DeliveryMethod::Courier,
    DeliveryMethod::Post,
    DeliveryMethod::Pickup,
];

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Connection<'a> {
    connection_id: &'a str,
}

async fn load(connection_id: &str) -> Result<DeliveryMapView, CommandError> {
    call("channel_delivery_map", &Connection { connection_id }).await
}

async fn save(connection_id: &str, edit: DeliveryMapEdit) -> Result<(), CommandError> {
    #[derive(Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Args<'a> {
        connection_id: &'a str,
        edit: DeliveryMapEdit,
    }
    call(
        "set_channel_delivery_map",
        &Args {
            connection_id,
            edit,
        },
    )
    .await
}

fn code(method: DeliveryMethod) -> &'static str {
    match method {
        DeliveryMethod::Courier => "courier",
        DeliveryMethod::Post => "post",
        DeliveryMethod::Pickup => "pickup",
        DeliveryMethod::MarketplaceLogistics => "marketplace_logistics",
    }
}

fn parse(value: &str) -> Option<DeliveryMethod> {
    CHOICES.into_iter().find(|m| code(*m) == value)
}

/// The block, closed until the admin opens it.
pub fn block(lang: Lang, connection_id: String) -> impl IntoView {
    let shown = RwSignal::new(None::<DeliveryMapView>);
    let choices = RwSignal::new(BTreeMap::<String, Option<DeliveryMethod>>::new());
    let default = RwSignal::new(DeliveryMethod::Courier);
    let answer = RwSignal::new(None::<(bool, String)>);
    let opened = RwSignal::new(false);
    let reload = {
        let id = connection_id.clone();
        move || {
            let id = id.clone();
            leptos::task::spawn_local(async move {
                match load(&id).await {
                    Ok(v) => {
                        choices.set(
                            v.methods
                                .iter()
                                .map(|m| (m.key.clone(), m.mapped))
                                .collect(),
                        );
                        default.set(v.default_delivery);
                        shown.set(Some(v));
                    }
                    Err(e) => answer.set(Some((false, crate::i18n::error_text(lang, &e)))),
                }
            });
        }
    };
    let open = {
        let reload = reload.clone();
        move |_| {
            if !opened.get_untracked() {
                opened.set(true);
                reload();
            }
        }
    };
    let on_save = {
        let id = connection_id.clone();
        move |_| {
            let id = id.clone();
            let reload = reload.clone();
            let edit = DeliveryMapEdit {
                default_delivery: default.get_untracked(),
                map: choices
                    .get_untracked()
                    .into_iter()
                    .filter_map(|(k, m)| Some((k, m?)))
                    .collect(),
            };
            answer.set(None);
            leptos::task::spawn_local(async move {
                match save(&id, edit).await {
                    Ok(()) => {
                        answer.set(Some((true, t(lang, Key::Saved).to_owned())));
                        reload();
                    }
                    Err(e) => answer.set(Some((false, crate::i18n::error_text(lang, &e)))),
                }
            });
        }
    };
    let body = move || {
        let view = shown.get()?;
        let unread = view.site_error.as_ref().map(|e| {
            view! { <p class="late site-unread">{t(lang, Key::SiteListUnread)}" "{i18n::channel_error(lang, e)}</p> }
        });
        let rows = view
            .methods
            .iter()
            .map(|m| method_row(lang, m, choices))
            .collect_view();
        let empty = view
            .methods
            .is_empty()
            .then(|| view! { <p class="muted">{t(lang, Key::NoSiteMethods)}</p> });
        Some(view! {
            <p class="muted">{t(lang, Key::DeliveryMapHint)}</p>
            {unread}
            {empty}
            <table class="grid delivery-map-table">
                <thead><tr>
                    <th>{t(lang, Key::SiteMethod)}</th>
                    <th>{t(lang, Key::ShopMethod)}</th>
                    <th></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <label class="default-delivery">{t(lang, Key::DefaultDelivery)}
                <select id=format!("default-delivery-{}", view.connection_id) on:change=move |ev| {
                    if let Some(m) = parse(&event_target_value(&ev)) { default.set(m) }
                }>
                    {CHOICES.into_iter().map(|m| view! {
                        <option value=code(m) selected={m == view.default_delivery}>{i18n::delivery(lang, m)}</option>
                    }).collect_view()}
                </select>
            </label>
        })
    };
    view! {
        <details class="delivery-map" data-connection=connection_id.clone()>
            <summary on:click=open>{t(lang, Key::DeliveryMap)}</summary>
            {move || (opened.get() && shown.get().is_none() && answer.get().is_none())
                .then(|| view! { <p>{t(lang, Key::Loading)}</p> })}
            {body}
            <div class="row"><button class="primary save-delivery-map" on:click=on_save>{t(lang, Key::SaveSettings)}</button></div>
            {move || answer.get().map(|(ok, text)| view! {
                <p class="delivery-map-answer" class:done=ok class:late=!ok role="status">{if ok { "✓ " } else { "⚠ " }}{text}</p>
            })}
        </details>
    }
}

/// One of the site's methods: its key and name, where it was seen, the admin's choice, and
/// what the next order with it gets.
fn method_row(
    lang: Lang,
    m: &SiteDeliveryMethod,
    choices: RwSignal<BTreeMap<String, Option<DeliveryMethod>>>,
) -> impl IntoView {
    let key = m.key.clone();
    let seen = match (&m.last_order, m.on_site) {
        (Some(order), true) => format!("{}{order}", t(lang, Key::LastOrderSeen)),
        (Some(order), false) => format!(
            "{}{order} · {}",
            t(lang, Key::LastOrderSeen),
            t(lang, Key::NotOnSiteList)
        ),
        (None, _) => String::new(),
    };
    let now = if m.unmapped {
        format!(
            "{} — {}",
            t(lang, Key::Unmapped),
            i18n::delivery(lang, m.effective)
        )
    } else {
        match &m.via {
            Some(via) => format!(
                "{} {}: {} «{via}»",
                t(lang, Key::NowGoesAs),
                i18n::delivery(lang, m.effective),
                t(lang, Key::MappedVia)
            ),
            None => format!(
                "{}: {}",
                t(lang, Key::NowGoesAs),
                i18n::delivery(lang, m.effective)
            ),
        }
    };
    let options = {
        let mapped = m.mapped;
        let none =
            view! { <option value="" selected=mapped.is_none()>{t(lang, Key::NotMapped)}</option> };
        let each = CHOICES
            .into_iter()
            .map(|c| view! { <option value=code(c) selected={mapped == Some(c)}>{i18n::delivery(lang, c)}</option> })
            .collect_view();
        view! { {none}{each} }
    };
    let change_key = key.clone();
    view! {
        <tr class="site-method" class:unmapped=m.unmapped data-key=key.clone()>
            <td>
                <strong>{m.title.clone()}</strong>" "<code>{key.clone()}</code>
                <br/><span class="muted">{seen}</span>
            </td>
            <td>
                <select class="map-method" on:change=move |ev| {
                    let v = parse(&event_target_value(&ev));
                    let k = change_key.clone();
                    choices.update(|c| { c.insert(k, v); });
                }>{options}</select>
            </td>
            <td class="now-goes" class:late=m.unmapped>{now}</td>
        </tr>
    }
}

/// The card's error line: worded from its code; the technical text on hover. An error kept
/// before codes existed shows as its text.
pub fn error_line(lang: Lang, st: &ChannelStateView) -> Option<impl IntoView> {
    let text = st.last_error.clone()?;
    let worded = st
        .error
        .as_ref()
        .map_or_else(|| text.clone(), |e| i18n::channel_error(lang, e));
    // A connection paused by this very error already says it in its pause line.
    let said_by_pause = st
        .paused_reason
        .clone()
        .is_some_and(|reason| paused_reason(lang, st, reason) == worded);
    if said_by_pause {
        return None;
    }
    Some(view! { <p class="late channel-error" title=text>"⚠ "{worded}</p> })
}

/// The pause's reason, worded likewise.
pub fn paused_reason(lang: Lang, st: &ChannelStateView, reason: String) -> String {
    st.paused
        .as_ref()
        .map_or(reason, |e| i18n::channel_error(lang, e))
}
