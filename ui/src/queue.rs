//! The left column of stages and the table of the selected stage's orders.

use leptos::prelude::*;
use proto::{OrderRow, QueueQuery, QueueScope, StageKind};

use crate::api;
use crate::app::{Ctx, Filter, Scope};
use crate::format;
use crate::i18n::{self, t, Key};

#[component]
pub fn StageList() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let queue = LocalResource::new(move || {
        ctx.revision.track();
        api::queue()
    });

    // Open the first stage once the queue is known.
    Effect::new(move |_| {
        if let Some(Ok(q)) = queue.get() {
            if ctx.scope.get_untracked().is_none() {
                ctx.scope
                    .set(q.stages.first().map(|s| Scope::Stage(s.id.clone())));
            }
        }
    });

    move || {
        let lang = ctx.lang.get();
        match queue.get() {
            None => view! { <nav class="stages">{t(lang, Key::Loading)}</nav> }.into_any(),
            Some(Err(err)) => {
                ctx.fail(err);
                view! { <nav class="stages"></nav> }.into_any()
            }
            Some(Ok(q)) => {
                let problems: u32 = q.stages.iter().map(|s| s.overdue).sum();
                let total: u32 = q.stages.iter().map(|s| s.count).sum();
                let scopes = view! {
                    <ul class="scopes">
                        {scope_item(lang, Scope::All, "all", t(lang, Key::All), Some(total))}
                        {scope_item(lang, Scope::Mine, "mine", t(lang, Key::Mine), None)}
                        {scope_item(lang, Scope::Problems, "problems", t(lang, Key::Problems), Some(problems))}
                    </ul>
                };
                let items = q
                    .stages
                    .into_iter()
                    .map(|s| {
                        let scope = Scope::Stage(s.id.clone());
                        let active = scope.clone();
                        let title = i18n::orders_count(lang, s.count);
                        let closed = s.kind != StageKind::Normal;
                        let removed = s.removed;
                        view! {
                            <li
                                class="stage"
                                class:active=move || ctx.scope.get().as_ref() == Some(&active)
                                class:closed=closed
                                class:removed=removed
                                data-stage=s.id.clone()
                                title=title
                                on:click=move |_| {
                                    ctx.search.set(String::new());
                                    ctx.scope.set(Some(scope.clone()));
                                    ctx.order.set(None);
                                }
                            >
                                <span class="name">{removed.then_some("⚠ ")}{s.name}</span>
                                <span class="count">{s.count}</span>
                                {(s.overdue > 0).then(|| view! {
                                    <span class="overdue" title=t(lang, Key::Overdue)>"⚠ "{s.overdue}</span>
                                })}
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <nav class="stages">
                        {scopes}
                        <h2>{t(lang, Key::Stages)}</h2>
                        <ul>{items}</ul>
                    </nav>
                }
                .into_any()
            }
        }
    }
}

fn scope_item(
    lang: crate::i18n::Lang,
    scope: Scope,
    id: &'static str,
    name: &'static str,
    count: Option<u32>,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let active = scope.clone();
    let is_problems = scope == Scope::Problems;
    view! {
        <li
            class="stage scope"
            data-scope=id
            class:active=move || ctx.scope.get().as_ref() == Some(&active)
            on:click=move |_| {
                ctx.search.set(String::new());
                ctx.scope.set(Some(scope.clone()));
                ctx.order.set(None);
            }
        >
            <span class="name">{name}</span>
            {count.map(|n| if is_problems && n > 0 {
                view! { <span class="overdue" title=t(lang, Key::Overdue)>"⚠ "{n}</span> }.into_any()
            } else {
                view! { <span class="total">{n}</span> }.into_any()
            })}
        </li>
    }
}

fn query_for(scope: Scope, filter: Filter) -> QueueQuery {
    QueueQuery {
        channel: filter.channel,
        delivery: filter.delivery,
        payment: filter.payment,
        paid: filter.paid,
        from_day: filter.from_day,
        to_day: filter.to_day,
        scope: match scope {
            Scope::All => QueueScope::All,
            Scope::Mine => QueueScope::Mine,
            Scope::Problems => QueueScope::Problems,
            Scope::Stage(stage_id) => QueueScope::Stage { stage_id },
        },
        limit: 500,
        ..QueueQuery::default()
    }
}

#[component]
pub fn OrderTable() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let rows = LocalResource::new(move || {
        ctx.revision.track();
        let scope = ctx.scope.get();
        let search = ctx.search.get();
        let filter = ctx.filter.get();
        async move {
            if search.trim().chars().count() >= 2 {
                return api::search_orders(search.trim()).await.map(Some);
            }
            match scope {
                Some(scope) => api::orders(query_for(scope, filter)).await.map(Some),
                None => Ok(None),
            }
        }
    });

    // Tell the shell once the first queue is on screen (start-up benchmark, logs).
    let reported = StoredValue::new(false);
    Effect::new(move |_| {
        if let Some(Ok(Some(_))) = rows.get() {
            if !reported.get_value() {
                reported.set_value(true);
                request_animation_frame(|| {
                    leptos::task::spawn_local(async {
                        let _ = api::ui_rendered().await;
                    })
                });
            }
        }
    });

    let table = move || {
        let lang = ctx.lang.get();
        match rows.get() {
            None | Some(Ok(None)) => {
                view! { <section class="orders">{t(lang, Key::Loading)}</section> }.into_any()
            }
            Some(Err(err)) => {
                ctx.fail(err);
                view! { <section class="orders"></section> }.into_any()
            }
            Some(Ok(Some(rows))) if rows.is_empty() => {
                let text = if ctx.search.get_untracked().trim().is_empty() {
                    t(lang, Key::NoOrdersInStage)
                } else {
                    t(lang, Key::NoOrdersFound)
                };
                view! { <section class="orders empty" id="orders-empty">{text}</section> }
                    .into_any()
            }
            Some(Ok(Some(rows))) => view! {
                <section class="orders">
                    <table class="grid" id="orders">
                        <thead>
                            <tr>
                                <th class="pick">{select_all(rows.iter().map(|r| r.id.clone()).collect())}</th>
                                <th>{t(lang, Key::Number)}</th>
                                <th>{t(lang, Key::Customer)}</th>
                                <th>{t(lang, Key::Phone)}</th>
                                <th>{t(lang, Key::Channel)}</th>
                                <th class="num">{t(lang, Key::Total)}</th>
                                <th>{t(lang, Key::InStage)}</th>
                                <th>{t(lang, Key::Deadline)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows.into_iter().map(row_view).collect_view()}</tbody>
                    </table>
                </section>
            }
            .into_any(),
        }
    };
    view! {
        <div class="middle">
            <crate::filters::FilterBar/>
            <SelectionBar/>
            {table}
        </div>
    }
}

fn row_view(row: OrderRow) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let id = row.id.clone();
    let selected_id = row.id.clone();
    let pick_id = row.id.clone();
    let pick_id2 = row.id.clone();
    let entered = row.stage_entered_at;
    let deadline = row.deadline;
    // The channel's own status beside our stage, e.g. Ozon «awaiting_packaging».
    let channel_tags = row
        .channels
        .iter()
        .map(|c| view! { <span class="channel-status">" · "{c.connection.clone()}" «"{c.status.clone()}"»"</span> })
        .collect_view();
    view! {
        <tr
            class="order"
            data-order-id=row.id.clone()
            class:selected=move || ctx.order.get().as_deref() == Some(selected_id.as_str())
            class:problem=move || deadline.is_some_and(|d| d < ctx.now.get())
            on:click=move |_| {
                ctx.creating.set(false);
                ctx.order.set(Some(id.clone()));
            }
        >
            <td class="pick" on:click=|ev| ev.stop_propagation()>
                <input type="checkbox" class="pick-order"
                    prop:checked=move || ctx.selected.with(|s| s.contains(&pick_id))
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        ctx.selected.update(|s| {
                            s.retain(|x| x != &pick_id2);
                            if on { s.push(pick_id2.clone()) }
                        });
                    }/>
            </td>
            <td class="number">{row.number}</td>
            <td class="customer">{row.customer}</td>
            <td class="phone">{format::phone(&row.phone)}</td>
            <td class="channel-cell">{move || i18n::channel(ctx.lang.get(), row.channel)}{channel_tags}</td>
            <td class="num">{format::money(row.total)}</td>
            <td>{move || format::duration(ctx.lang.get(), ctx.now.get() - entered)}</td>
            <td class="deadline">
                {move || deadline.map(|d| {
                    let (text, overdue) = format::deadline(ctx.lang.get(), d, ctx.now.get());
                    view! { <span class:late=overdue>{overdue.then_some("⚠ ")}{text}</span> }
                })}
            </td>
        </tr>
    }
}

/// The header checkbox: ticks every order listed, or clears them.
fn select_all(ids: Vec<String>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let all = ids.clone();
    view! {
        <input type="checkbox" id="pick-all" title=move || t(ctx.lang.get(), Key::SelectAll)
            prop:checked=move || !all.is_empty() && ctx.selected.with(|s| all.iter().all(|id| s.contains(id)))
            on:change=move |ev| {
                if event_target_checked(&ev) {
                    ctx.selected.set(ids.clone());
                } else {
                    ctx.selected.set(Vec::new());
                }
            }/>
    }
}

/// Papers for the ticked orders as one job: all pick lists of a stage, say.
#[component]
fn SelectionBar() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let ids = Signal::derive(move || ctx.selected.get());
    move || {
        let n = ctx.selected.with(Vec::len);
        (n > 0).then(|| {
            let lang = ctx.lang.get();
            view! {
                <div class="selection" id="selection-bar">
                    <span class="count" id="selected-count">{t(lang, Key::Selected)}": "{n}</span>
                    <crate::papers::PaperPanel order_ids=ids id="batch-papers"/>
                    <button id="clear-selection" on:click=move |_| ctx.selected.set(Vec::new())>{t(lang, Key::ClearSelection)}</button>
                </div>
            }
        })
    }
}
