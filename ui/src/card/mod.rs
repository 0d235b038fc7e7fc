//! The selected order: header with stage actions, and tabs for the order itself, its versions,
//! calls and history.

mod buyer;
mod calls;
mod comment;
mod delivery;
mod history;
mod lines;
mod payments;
mod places;
mod versions;

pub use delivery::{delivery_methods_select, payment_methods_select, zone_choices};

use leptos::prelude::*;
use proto::{CommandError, OrderDetail};

use crate::api;
use crate::app::Ctx;
use crate::format;
use crate::i18n::{self, t, Key, Lang};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tab {
    Order,
    Versions,
    Calls,
    History,
    Papers,
}

/// Runs an action on the order unless one is running: on success reads the desk again and
/// calls `done`; a failure goes to `failed`. The card's actions differ only in where a
/// failure is said.
pub fn run_action<F, Fut>(
    busy: RwSignal<bool>,
    action: F,
    failed: impl FnOnce(Ctx, CommandError) + 'static,
    done: impl FnOnce() + 'static,
) where
    F: FnOnce() -> Fut + 'static,
    Fut: std::future::Future<Output = Result<OrderDetail, CommandError>> + 'static,
{
    let ctx = expect_context::<Ctx>();
    if busy.get_untracked() {
        return;
    }
    busy.set(true);
    leptos::task::spawn_local(async move {
        match action().await {
            Ok(_) => {
                done();
                ctx.changed();
            }
            Err(err) => failed(ctx, err),
        }
        busy.set(false);
    });
}

/// Runs an action on the order and refreshes everything on success; a refusal is said beside
/// the control that sent it (`said`, in the window's language), not in the banner, and a
/// success takes it away.
pub fn act_beside<F, Fut>(busy: RwSignal<bool>, said: RwSignal<Option<String>>, action: F)
where
    F: FnOnce() -> Fut + 'static,
    Fut: std::future::Future<Output = Result<OrderDetail, CommandError>> + 'static,
{
    run_action(
        busy,
        action,
        move |ctx, err| said.set(Some(i18n::error_text(ctx.lang.get_untracked(), &err))),
        move || said.set(None),
    );
}

/// The words `said` beside a control (`{id}-error`), an alert for screen readers.
pub fn said_note(said: RwSignal<Option<String>>, id: &'static str) -> impl IntoView {
    move || {
        said.get()
            .map(|t| view! { <p class="field-error" id=format!("{id}-error") role="alert">{t}</p> })
    }
}

/// `aria-invalid` for an input while something is said about it.
pub fn said_invalid(said: RwSignal<Option<String>>) -> impl Fn() -> Option<&'static str> {
    move || said.with(Option::is_some).then_some("true")
}

/// What the card shows: the order as last drawn.
type Shown = Option<Result<Option<OrderDetail>, CommandError>>;

#[component]
pub fn OrderCard() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let tab = RwSignal::new(Tab::Order);
    let fetched = LocalResource::new(move || {
        ctx.revision.track();
        let order = ctx.order.get();
        async move {
            match order {
                Some(id) => api::order_detail(&id).await.map(Some),
                None => Ok(None),
            }
        }
    });
    // The card is drawn from `shown`, not straight from each fetch: drawing it again makes its
    // fields anew, and what the manager was typing in them would be gone. So a change made
    // elsewhere (a channel, the hub, another PC) that leaves this order as it is draws nothing,
    // and one that changes it while the manager is typing here is held, with a note and a
    // button, until the manager saves or asks for it.
    let shown = RwSignal::new(Shown::None);
    let held = RwSignal::new(None::<OrderDetail>);
    let touched = RwSignal::new(false);
    // The `revision` the card last drew at: an own change after it means the manager's edits
    // were saved (or refused), so the newer order is drawn at once.
    let drawn_at = StoredValue::new(0_u32);
    let draw = move |next: Shown| {
        drawn_at.set_value(ctx.revision.get_untracked());
        touched.set(false);
        held.set(None);
        shown.set(next);
    };
    Effect::new(move |_| {
        let Some(next) = fetched.get() else {
            return;
        };
        let own = ctx.own.get_untracked() > drawn_at.get_value();
        let same_order = shown.with_untracked(|s| match (s, &next) {
            (Some(Ok(Some(old))), Ok(Some(new))) => (old.id == new.id).then(|| old == new),
            _ => None,
        });
        match same_order {
            Some(true) if !own => {
                drawn_at.set_value(ctx.revision.get_untracked());
                held.set(None);
            }
            Some(false) if !own && touched.get_untracked() => {
                if let Ok(Some(newer)) = next {
                    held.set(Some(newer));
                }
            }
            _ => draw(Some(next)),
        }
    });
    let reload = move |_| {
        if let Some(newer) = held.get_untracked() {
            draw(Some(Ok(Some(newer))));
        }
    };

    move || {
        let lang = ctx.lang.get();
        match shown.get() {
            Some(Ok(Some(order))) => {
                let note = move || {
                    held.with(Option::is_some).then(|| {
                        view! {
                            <p class="changed-elsewhere" id="changed-elsewhere" role="status">
                                {t(lang, Key::ChangedElsewhere)}" "
                                <button id="show-changes" on:click=reload>{t(lang, Key::ShowChanges)}</button>
                            </p>
                        }
                    })
                };
                card(lang, order, tab, touched, note).into_any()
            }
            Some(Err(err)) => {
                ctx.fail(err);
                ctx.order.set(None);
                ().into_any()
            }
            _ => view! { <aside class="card hint">{t(lang, Key::PickAnOrder)}</aside> }.into_any(),
        }
    }
}

fn card(
    lang: Lang,
    order: OrderDetail,
    tab: RwSignal<Tab>,
    touched: RwSignal<bool>,
    note: impl IntoView + 'static,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let deadline = order.deadline.map(|d| {
        let (text, overdue) = format::deadline(lang, d, ctx.now.get_untracked());
        view! {
            <span class="deadline" class:late=overdue id="order-deadline">
                {overdue.then_some("⚠ ")}{text}
            </span>
        }
    });
    let tab_button = move |which: Tab, key: Key, id: &'static str| {
        view! {
            <button
                class="tab"
                id=id
                class:active=move || tab.get() == which
                on:click=move |_| tab.set(which)
            >{t(lang, key)}</button>
        }
    };
    let body = {
        let order = order.clone();
        move || match tab.get() {
            // A frozen bill shows its blocks without their edit controls (style.css hides
            // the buttons of a disabled fieldset); the domain refuses edits there anyway.
            Tab::Order => view! {
                {facts(lang, &order)}
                {comment::block(lang, &order)}
                {crate::pushes::order_pushes(lang, order.id.clone())}
                {crate::rules::locked_note(lang, &order)}
                <fieldset class="bill" disabled=order.locked>
                    {lines::editor(lang, order.clone())}
                    {delivery::blocks(lang, order.clone())}
                    {buyer::block(lang, &order)}
                </fieldset>
            }
            .into_any(),
            Tab::Versions => versions::tab(lang, order.clone()).into_any(),
            Tab::Calls => calls::tab(lang, order.clone()).into_any(),
            Tab::History => history::tab(lang, order.id.clone()).into_any(),
            Tab::Papers => {
                let ids = Signal::derive({
                    let id = order.id.clone();
                    move || vec![id.clone()]
                });
                // Marketplace orders also have the marketplace's own package labels.
                let labels = (order.channel == proto::Channel::Marketplace).then(|| {
                    view! { <crate::papers::LabelsPanel order_id=order.id.clone()/> }
                });
                view! {
                    {places::block(lang, &order)}
                    <crate::papers::PaperPanel order_ids=ids id="order-papers"/>
                    {labels}
                }
                .into_any()
            }
        }
    };
    view! {
        // Anything typed or chosen in the card marks it as being edited (events bubble here).
        <aside class="card" id="order-card" data-order-id=order.id.clone() on:input=move |_| touched.set(true)>
            {note}
            <header>
                <h2>"№ "{order.number.clone()}</h2>
                {order.draft.then(|| view! { <span class="badge draft" id="draft-badge">{t(lang, Key::Draft)}</span> })}
                <button class="close" title=t(lang, Key::Close) on:click=move |_| ctx.order.set(None)>"×"</button>
            </header>
            <p class="stage-line">
                <span class="badge" id="order-stage">{order.stage_name.clone()}</span>
                {market_status(lang, order.id.clone())}
                " "{deadline}
                {order.stage_removed.then(|| view! {
                    <span class="deadline late" id="stage-removed">"⚠ "{t(lang, Key::StageRemoved)}</span>
                })}
            </p>
            {stage_actions(lang, &order)}
            <nav class="tabs">
                {tab_button(Tab::Order, Key::TabOrder, "tab-order")}
                {tab_button(Tab::Versions, Key::TabVersions, "tab-versions")}
                {tab_button(Tab::Calls, Key::TabCalls, "tab-calls")}
                {tab_button(Tab::History, Key::TabHistory, "tab-history")}
                {tab_button(Tab::Papers, Key::Papers, "tab-papers")}
            </nav>
            {body}
        </aside>
    }
}

fn facts(lang: Lang, order: &OrderDetail) -> impl IntoView {
    view! {
        <dl class="facts">
            <dt>{t(lang, Key::Created)}</dt><dd>{format::date_time(order.created_at)}</dd>
            <dt>{t(lang, Key::Customer)}</dt><dd class="customer">{order.customer.clone()}</dd>
            <dt>{t(lang, Key::Phone)}</dt><dd>{format::phone(&order.phone)}</dd>
            {order.email.clone().map(|e| view! { <dt>{t(lang, Key::Email)}</dt><dd>{e}</dd> })}
            <dt>{t(lang, Key::Channel)}</dt><dd>{i18n::channel(lang, order.channel)}{channel_links(order.id.clone())}</dd>
        </dl>
    }
}

/// The next stage as the main button; any other allowed stage from a list; cancellation.
fn stage_actions(lang: Lang, order: &OrderDetail) -> impl IntoView {
    let busy = RwSignal::new(false);
    // A guard's refusal of a move, shown beside the buttons; any other refusal of a move or
    // of the cancellation is said there too.
    let refused = RwSignal::new(None);
    let said = RwSignal::new(None::<String>);
    let id = order.id.clone();
    let next = order.next_stage.clone().zip(order.next_stage_name.clone());
    let next_button = next.map(|(_, name)| {
        let id = id.clone();
        view! {
            <button
                class="primary"
                id="advance"
                title="Ctrl+Enter"
                disabled=move || busy.get()
                on:click=move |_| {
                    let id = id.clone();
                    crate::rules::act_with_rule(busy, refused, said, move || async move { api::advance_order(&id).await });
                }
            >{t(lang, Key::NextStage)}" → "{name}</button>
        }
    });
    let others: Vec<_> = order
        .allowed_stages
        .iter()
        .filter(|s| Some(&s.id) != order.next_stage.as_ref() && s.id != "cancelled")
        .cloned()
        .collect();
    let can_cancel = order.allowed_stages.iter().any(|s| s.id == "cancelled");
    let move_list = (!others.is_empty()).then(|| {
        let id = id.clone();
        view! {
            <select
                id="move-to"
                on:change=move |ev| {
                    let stage_id = event_target_value(&ev);
                    if !stage_id.is_empty() {
                        let id = id.clone();
                        crate::rules::act_with_rule(busy, refused, said, move || async move { api::move_order(&id, &stage_id).await });
                    }
                }
            >
                <option value="">{t(lang, Key::MoveTo)}</option>
                {others.into_iter().map(|s| view! { <option value=s.id>{s.name}</option> }).collect_view()}
            </select>
        }
    });
    let cancel = can_cancel.then(|| {
        let id = id.clone();
        view! {
            <button
                class="danger"
                id="cancel-order"
                on:click=move |_| {
                    let (why, yes, no) = (t(lang, Key::CancelReason).into(), t(lang, Key::CancelOrder).into(), t(lang, Key::Back).into());
                    let id = id.clone();
                    leptos::task::spawn_local_scoped(async move {
                        // Dismissing the question keeps the order as it is.
                        if let Some(reason) = crate::dialog::text(why, yes, no).await {
                            let reason = (!reason.trim().is_empty()).then_some(reason);
                            refused.set(None);
                            act_beside(busy, said, move || async move { api::cancel_order(&id, reason).await });
                        }
                    });
                }
            >{t(lang, Key::CancelOrder)}</button>
        }
    });
    let final_note = (order.next_stage.is_none())
        .then(|| view! { <span class="muted" id="final">{t(lang, Key::FinalStage)}</span> });
    view! {
        <div class="actions">{next_button}{move_list}{cancel}{final_note}</div>
        {crate::rules::note(lang, refused, "stage-refusal")}
        {said_note(said, "stage-action")}
    }
}

/// How the order's channels know it, read again whenever the shop's data changes (a flag a
/// channel left shows without reopening the card).
fn order_channels(order_id: String) -> LocalResource<Vec<proto::OrderChannelView>> {
    let ctx = expect_context::<Ctx>();
    LocalResource::new(move || {
        ctx.revision.track();
        let id = order_id.clone();
        async move {
            crate::api_team::order_channels(&id)
                .await
                .unwrap_or_default()
        }
    })
}

/// The connection an order came through, its number and status there, and any flags (an
/// unknown SKU, a status we do not map).
fn channel_links(order_id: String) -> impl IntoView {
    let links = order_channels(order_id);
    move || {
        links.get().map(|list| {
            list.into_iter()
                .map(|c| {
                    let lang = expect_context::<Ctx>().lang.get_untracked();
                    let flags = (!c.flags.is_empty()).then(|| {
                        let words: Vec<String> = c.flags.iter().map(|f| f.wording(lang)).collect();
                        format!(" ⚠ {}", words.join("; "))
                    });
                    // No status when a team desk shows the number without the hub.
                    let status =
                        (!c.remote_status.is_empty()).then(|| format!(" ({})", c.remote_status));
                    view! {
                        <span class="channel-link">
                            " · "{c.connection_name}" № "{c.external_id}{status}{flags}
                        </span>
                    }
                })
                .collect_view()
        })
    }
}

/// The marketplace the order came from and its status there (e.g. Ozon «awaiting_packaging»),
/// beside our stage.
fn market_status(lang: Lang, order_id: String) -> impl IntoView {
    let links = order_channels(order_id);
    move || {
        links.get().map(|list| {
            list.into_iter()
                .filter(|c| !c.remote_status.is_empty())
                .map(|c| {
                    view! {
                        <span class="badge market" id="order-market-status" title=t(lang, Key::MarketStatus)>
                            {c.connection_name}": «"{c.remote_status}"»"
                        </span>
                    }
                })
                .collect_view()
        })
    }
}
