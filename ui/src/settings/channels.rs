//! Sales channels: connections with their state, "sync now", and the status map.

use leptos::prelude::*;
use proto::{ChannelKind, ChannelView, MarketSetup, NewConnection, StatusRuleView};

use crate::api_team as api;
use crate::app::Ctx;
use crate::field_error::SaidAt;
use crate::format;
use crate::i18n::{t, Key, Lang};
use crate::settings::channel_edit::{edit_form, test_then_save, trust_field, TrustForm};
use crate::settings::market_setup::{number_field, warehouse_picker};

/// The add form's choice, by index.
const KINDS: [ChannelKind; 6] = ChannelKind::ALL;

/// A connection's own actions, each with its refusal said beside its button.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Beside {
    Sync,
    Resume,
    Remove,
    StatusMap,
}

impl Beside {
    /// The refusal's element: `{button}-error` inside the connection's card.
    fn id(self) -> String {
        let button = match self {
            Beside::Sync => "sync-now",
            Beside::Resume => "resume-channel",
            Beside::Remove => "remove-channel",
            Beside::StatusMap => "save-status-map",
        };
        format!("{button}-error")
    }
}

/// Which connection's which action was refused: kept above the cards, which a reload draws
/// anew.
type Refusals = SaidAt<(String, Beside)>;

#[component]
pub fn ChannelsSettings() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let list = RwSignal::new(None::<Vec<ChannelView>>);
    let result = RwSignal::new(None::<(String, String)>);
    let failed = Refusals::new();
    let load = move || {
        leptos::task::spawn_local(async move {
            match api::channels().await {
                Ok(l) => list.set(Some(l)),
                Err(e) => ctx.fail(e),
            }
        })
    };
    load();
    move || {
        let lang = ctx.lang.get();
        let Some(channels) = list.get() else {
            return view! { <p>{t(lang, Key::Loading)}</p> }.into_any();
        };
        let cards = channels
            .into_iter()
            .map(|c| channel_card(lang, c, result, failed, load))
            .collect_view();
        view! {
            <div class="channels" id="channels-settings">
                <p class="muted">{t(lang, Key::ChannelsHint)}</p>
                {cards}
                {add_form(lang, load)}
            </div>
        }
        .into_any()
    }
}

fn channel_card(
    lang: Lang,
    c: ChannelView,
    result: RwSignal<Option<(String, String)>>,
    failed: Refusals,
    reload: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let id = c.id.clone();
    let note = {
        let id = id.clone();
        move |at: Beside| failed.note(lang, (id.clone(), at), at.id())
    };
    let kind = crate::i18n::channel_kind(lang, c.kind);
    let st = c.state.clone();
    let busy = RwSignal::new(false);
    let sync = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            busy.set(true);
            // The last refusal no longer stands while the channel is asked again.
            failed.clear();
            leptos::task::spawn_local(async move {
                match api::sync_now(&id).await {
                    Ok(r) => {
                        failed.clear();
                        result.set(Some((id, sync_summary(lang, &r))));
                        ctx.changed();
                    }
                    Err(e) => failed.keep((id, Beside::Sync), e),
                }
                busy.set(false);
                reload();
            });
        }
    };
    let resume = st.paused_reason.clone().map(|reason| {
        let technical = reason.clone();
        let reason = super::channel_delivery::paused_reason(lang, &st, reason);
        let id = id.clone();
        let refusal = note(Beside::Resume);
        // The channel's own words (English, for support) on hover, as on the error line.
        view! {
            <p class="paused" title=technical>"⏸ "{reason}" "
                <button class="resume-channel" on:click=move |_| {
                    let id = id.clone();
                    leptos::task::spawn_local(async move {
                        match api::resume(&id).await {
                            Ok(_) => failed.clear(),
                            Err(e) => failed.keep((id, Beside::Resume), e),
                        }
                        reload();
                    });
                }>{t(lang, Key::Resume)}</button>
            </p>
            {refusal}
        }
    });
    let remove = {
        let (id, name) = (id.clone(), c.name.clone());
        move |_| {
            let question = format!("{} «{name}»?", t(lang, Key::RemoveConnection));
            let (yes, no) = (t(lang, Key::DeleteIt).into(), t(lang, Key::Back).into());
            let id = id.clone();
            leptos::task::spawn_local_scoped(async move {
                if !crate::dialog::confirm(question, yes, no).await {
                    return;
                }
                match api::remove(&id).await {
                    Ok(_) => failed.clear(),
                    Err(e) => failed.keep((id, Beside::Remove), e),
                }
                reload();
            });
        }
    };
    let shown_id = id.clone();
    let test = RwSignal::new(None::<(bool, String)>);
    view! {
        <section class="channel" data-connection=id.clone()>
            <header>
                <strong>{c.name.clone()}</strong>" · "{kind}" · "<span class="muted">{c.base_url.clone()}</span>
            </header>
            <p class="muted">
                {t(lang, Key::LastSync)}": "{st.orders_synced_at.map(format::date_time).unwrap_or_else(|| "—".into())}
                " · "{t(lang, Key::Imported)}": "{st.imported}" · "{t(lang, Key::StatusesSent)}": "{st.pushed}
            </p>
            {super::channel_delivery::error_line(lang, &st)}
            {resume}
            <div class="row">
                <button class="primary sync-now" disabled=move || busy.get() on:click=sync>{t(lang, Key::SyncNow)}</button>
                <button class="test-connection" on:click={
                    let id = id.clone();
                    move |_| {
                        let id = id.clone();
                        test.set(None);
                        leptos::task::spawn_local(async move {
                            match crate::api_market::test(&id).await {
                                Ok(r) => test.set(Some((r.ok, r.said(lang)))),
                                Err(e) => test.set(Some((false, crate::i18n::error_text(lang, &e)))),
                            }
                        });
                    }
                }>{t(lang, Key::TestConnection)}</button>
                <button class="danger remove-channel" on:click=remove>{t(lang, Key::RemoveConnection)}</button>
            </div>
            {note(Beside::Sync)}
            {note(Beside::Remove)}
            {move || result.get().filter(|(rid, _)| *rid == shown_id).map(|(_, text)| view! { <p class="done">{text}</p> })}
            {test_answer(id.clone(), test)}
            {edit_form(lang, &c, reload)}
            {(c.kind == ChannelKind::WooCommerce).then(|| super::channel_delivery::block(lang, id.clone()))}
            {pushes(lang, id.clone())}
            {matches!(c.kind, ChannelKind::Ozon | ChannelKind::YandexMarket | ChannelKind::MegaMarket)
                .then(|| super::market::editor(lang, id.clone(), c.kind))}
            {status_map(lang, id.clone(), c.rules.clone(), failed, reload)}
        </section>
    }
}

/// Which channel status means which stage here, and which side decides.
fn status_map(
    lang: Lang,
    id: String,
    rules: Vec<StatusRuleView>,
    failed: Refusals,
    reload: impl Fn() + Copy + 'static,
) -> impl IntoView {
    let rules = RwSignal::new(rules);
    let stages = LocalResource::new(crate::api_admin::workflow_settings);
    let refusal = failed.note(
        lang,
        (id.clone(), Beside::StatusMap),
        Beside::StatusMap.id(),
    );
    let save = move |_| {
        let (id, list) = (id.clone(), rules.get_untracked());
        leptos::task::spawn_local(async move {
            match api::set_status_map(&id, list).await {
                Ok(_) => {
                    failed.clear();
                    reload();
                }
                // Not drawn anew: the map stays open as chosen, to be put right.
                Err(e) => failed.keep((id, Beside::StatusMap), e),
            }
        });
    };
    let rows = move || {
        let options: Vec<(String, String)> = stages
            .get()
            .and_then(Result::ok)
            .map(|s| s.stages.into_iter().map(|st| (st.id, st.name)).collect())
            .unwrap_or_default();
        rules
            .get()
            .into_iter()
            .enumerate()
            .map(|(i, r)| {
                let opts = options
                    .iter()
                    .map(|(sid, name)| view! { <option value=sid.clone() selected=*sid == r.stage_id>{name.clone()}</option> })
                    .collect_view();
                view! {
                    <tr>
                        <td>{r.channel_status.clone()}</td>
                        <td><select on:change=move |ev| {
                            let v = event_target_value(&ev);
                            rules.update(|l| if let Some(x) = l.get_mut(i) { x.stage_id = v });
                        }>{opts}</select></td>
                        <td><label class="check"><input type="checkbox" prop:checked=r.channel_is_master
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                rules.update(|l| if let Some(x) = l.get_mut(i) { x.channel_is_master = on });
                            }/>{t(lang, Key::ChannelIsMaster)}</label></td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <details class="status-map">
            <summary>{t(lang, Key::StatusMap)}</summary>
            <table class="grid"><tbody>{rows}</tbody></table>
            <button class="save-status-map" on:click=save>{t(lang, Key::SaveSettings)}</button>
            {refusal}
        </details>
    }
}

fn add_form(lang: Lang, reload: impl Fn() + Copy + 'static) -> impl IntoView {
    let kind = RwSignal::new(0_usize);
    let (name, url, key, secret) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    // The marketplace's own settings: without them a Yandex Market test always answered
    // «Укажите номер кампании» and Ozon stock never went out.
    let (campaign, business, warehouse) = (
        RwSignal::new(None::<i64>),
        RwSignal::new(None::<i64>),
        RwSignal::new(None::<i64>),
    );
    let trust = TrustForm::new(None);
    // The desk's refusal of a field is said under it (issue 15, point 10).
    let refused =
        crate::field_error::Refused::new(&["name", "url", "key", "secret", "campaign", "business"]);
    let form = move || {
        let k = KINDS.get(kind.get_untracked()).copied()?;
        Some(NewConnection {
            kind: k,
            name: name.get_untracked(),
            base_url: url.get_untracked(),
            key: key.get_untracked(),
            secret: secret.get_untracked(),
            setup: MarketSetup {
                campaign_id: campaign.get_untracked(),
                business_id: business.get_untracked(),
                warehouse_id: warehouse.get_untracked(),
            },
            trust: trust.input(),
        })
    };
    let tested = RwSignal::new(None::<(bool, String)>);
    // Saved only after its test passed (or the channel could not answer and the admin agreed).
    let add = move |_| {
        let Some(new) = form() else {
            return;
        };
        leptos::task::spawn_local(async move {
            let test = crate::api_market::test_new(new.clone());
            match test_then_save(lang, tested, refused, test, || api::add(new)).await {
                Ok(false) => {}
                Ok(true) => {
                    trust.clear();
                    for s in [name, url, key, secret] {
                        s.set(String::new());
                    }
                    for s in [campaign, business, warehouse] {
                        s.set(None);
                    }
                    reload();
                }
                // Beside «Добавить подключение» too when it is not the form's input: the
                // keys not kept (no keyring on this PC) is this save's own failure.
                Err(e) => refused.keep_all(e),
            }
        });
    };
    let test_new = move |_| {
        let Some(new) = form() else {
            return;
        };
        tested.set(None);
        refused.clear();
        leptos::task::spawn_local(async move {
            match crate::api_market::test_new(new).await {
                Ok(r) => tested.set(Some((r.ok, r.said(lang)))),
                Err(e) if refused.keep(e.clone()) => {}
                Err(e) => tested.set(Some((false, crate::i18n::error_text(lang, &e)))),
            }
        });
    };
    let input = move |id: &'static str,
                      field: &'static str,
                      label: Key,
                      value: RwSignal<String>,
                      secret: bool| {
        view! {
            <label>{t(lang, label)}
                <input id=id type=if secret { "password" } else { "text" } prop:value=move || value.get()
                    aria-invalid=refused.invalid(field)
                    on:input=move |ev| { refused.typed(field); value.set(event_target_value(&ev)) }/>
                {refused.note(lang, field, id)}
            </label>
        }
    };
    let market = move || {
        let fetch = move || {
            let new = form();
            async move {
                match new {
                    Some(new) => crate::api_market::warehouses_new(new).await,
                    None => Ok(Vec::new()),
                }
            }
        };
        match KINDS.get(kind.get()).copied() {
            Some(ChannelKind::YandexMarket) => view! {
                {number_field(lang, "new-campaign-id", Key::CampaignId, campaign, refused, "campaign")}
                {number_field(lang, "new-business-id", Key::BusinessId, business, refused, "business")}
            }
            .into_any(),
            Some(ChannelKind::MegaMarket) => {
                number_field(lang, "new-campaign-id", Key::MerchantId, campaign, refused, "campaign")
                    .into_any()
            }
            Some(ChannelKind::Ozon) => warehouse_picker(lang, warehouse, fetch).into_any(),
            _ => ().into_any(),
        }
    };
    view! {
        <div class="form add-channel" id="add-channel">
            <h3>{t(lang, Key::AddConnection)}</h3>
            <label>{t(lang, Key::ChannelKind)}
                <select id="channel-kind" on:change=move |ev| kind.set(event_target_value(&ev).parse().unwrap_or(0))>
                    {KINDS.iter().enumerate().map(|(i, k)| view! { <option value=i>{crate::i18n::channel_kind(lang, *k)}</option> }).collect_view()}
                </select>
            </label>
            {input("channel-name", "name", Key::ConnectionName, name, false)}
            {input("channel-url", "url", Key::ChannelUrl, url, false)}
            {input("channel-key", "key", Key::ChannelLogin, key, false)}
            {input("channel-secret", "secret", Key::ChannelSecret, secret, true)}
            {market}
            {trust_field(lang, trust, url, "new")}
            <p class="muted">{t(lang, Key::MarketplaceKeysHint)}</p>
            <div class="row">
                <button class="primary" id="add-channel-button" on:click=add>{t(lang, Key::AddConnection)}</button>
                <button id="test-new-channel" on:click=test_new>{t(lang, Key::TestConnection)}</button>
            </div>
            {refused.at_action(lang, "add-channel-button")}
            {move || tested.get().map(|(ok, text)| view! {
                <p id="test-new-answer" class:done=ok class:late=!ok role="status">{if ok { "✓ " } else { "⚠ " }}{text}</p>
            })}
        </div>
    }
}

/// The marketplace actions this connection queued: what is waiting and what failed for good
/// (kept, with the reason, never dropped).
fn pushes(lang: Lang, id: String) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let list = LocalResource::new(move || {
        ctx.revision.track();
        let id = id.clone();
        async move { api::pushes(&id).await.unwrap_or_default() }
    });
    move || {
        let list = list.get().unwrap_or_default();
        let open: Vec<_> = list
            .into_iter()
            .filter(|p| p.state == "pending" || p.state == "failed")
            .collect();
        (!open.is_empty()).then(|| {
            view! {
                <details class="pushes" open>
                    <summary>{t(lang, Key::PushQueue)}</summary>
                    {crate::pushes::table(lang, open, || {})}
                </details>
            }
        })
    }
}

/// What "test connection" answered, under the connection's buttons.
fn test_answer(id: String, test: RwSignal<Option<(bool, String)>>) -> impl IntoView {
    move || {
        test.get().map(|(ok, text)| {
            view! {
                <p class="test-answer" class:done=ok class:late=!ok role="status" data-connection=id.clone()>
                    {if ok { "✓ " } else { "⚠ " }}{text}
                </p>
            }
        })
    }
}

/// «Загружено заказов: 3 · Статусов отправлено: 1 · Остатков отправлено: 0», with what the
/// check against the channel's list found, the site's changes and the products it added named
/// when there were any: a manager sees that an order the poll missed was taken in.
fn sync_summary(lang: Lang, r: &proto::SyncResult) -> String {
    let always = [
        (Key::Imported, r.imported),
        (Key::StatusesSent, r.pushed),
        (
            Key::StockSent,
            i64::try_from(r.stock_pushed).unwrap_or(i64::MAX),
        ),
    ];
    let when_any = [
        (Key::Reconciled, r.reconciled),
        (Key::SiteChanges, r.site_changes),
        (
            Key::ProductsAdded,
            i64::try_from(r.products_added).unwrap_or(i64::MAX),
        ),
    ];
    always
        .into_iter()
        .chain(when_any.into_iter().filter(|(_, n)| *n > 0))
        .map(|(key, n)| format!("{}: {n}", t(lang, key)))
        .collect::<Vec<_>>()
        .join(" · ")
}
