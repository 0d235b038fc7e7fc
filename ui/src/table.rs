//! The table of orders in the middle: the chosen queue with its filters, or search results;
//! sortable columns; «показано N из M» with more on request; rows a keyboard can walk.

use leptos::prelude::*;
use proto::{OrderRow, QueueQuery, QueueScope};

use crate::api;
use crate::app::{Ctx, Filter, Scope};
use crate::format;
use crate::i18n::{self, t, work, Key, Work};

/// Rows read at a time; «Показать ещё» reads this many more.
const PAGE: u32 = 500;
/// Rows drawn as soon as the first list arrives after the window opens: more than the
/// tallest screen shows. The rest are drawn once those are on screen, so a large shop's
/// first stage shows its top without waiting for rows far below it. Later lists (another
/// stage, «Показать ещё», a sort) are drawn whole, so the scroll position stays.
const FIRST_ROWS: usize = 60;

fn query_for(scope: Scope, filter: Filter, limit: u32) -> QueueQuery {
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
        limit,
        ..QueueQuery::default()
    }
}

/// A column the list can be sorted by.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Col {
    Number,
    Customer,
    Total,
    InStage,
    Deadline,
}

/// `None`: the desk's own order (nearest deadline first, then the longest waiting).
type Sort = Option<(Col, bool)>;

fn sorted(mut rows: Vec<OrderRow>, sort: Sort) -> Vec<OrderRow> {
    let Some((col, ascending)) = sort else {
        return rows;
    };
    let number = |r: &OrderRow| -> (u64, String) {
        let digits: String = r.number.chars().filter(char::is_ascii_digit).collect();
        (digits.parse().unwrap_or(0), r.number.clone())
    };
    rows.sort_by(|a, b| {
        let order = match col {
            Col::Number => number(a).cmp(&number(b)),
            Col::Customer => a.customer.to_lowercase().cmp(&b.customer.to_lowercase()),
            Col::Total => a.total.cmp(&b.total),
            // Longer in the stage = entered earlier.
            Col::InStage => b.stage_entered_at.cmp(&a.stage_entered_at),
            // Orders without a deadline last either way.
            Col::Deadline => match (a.deadline, b.deadline) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => return std::cmp::Ordering::Less,
                (None, Some(_)) => return std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            },
        };
        if ascending {
            order
        } else {
            order.reverse()
        }
    });
    rows
}

#[component]
pub fn OrderTable() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    crate::orders_export::provide();
    let limit = RwSignal::new(PAGE);
    let sort = RwSignal::new(None::<(Col, bool)>);
    let rest_drawn = RwSignal::new(false);
    let first_list = StoredValue::new(true);
    // Another list starts at its first page.
    Effect::new(move |_| {
        ctx.scope.track();
        ctx.filter.track();
        ctx.search.track();
        limit.set(PAGE);
    });
    let rows = LocalResource::new(move || {
        ctx.revision.track();
        let scope = ctx.scope.get();
        let search = ctx.search.get();
        let filter = ctx.filter.get();
        let limit = limit.get();
        async move {
            if search.trim().chars().count() >= 2 {
                return api::search_orders(search.trim()).await.map(Some);
            }
            match scope {
                Some(scope) => api::orders(query_for(scope, filter, limit)).await.map(Some),
                None => Ok(None),
            }
        }
    });
    // The whole count only when the list was cut at its limit.
    let total = LocalResource::new(move || {
        let cut = rows
            .get()
            .and_then(Result::ok)
            .flatten()
            .is_some_and(|r| r.len() >= limit.get_untracked() as usize);
        let searching = ctx.search.get_untracked().trim().chars().count() >= 2;
        let query = ctx
            .scope
            .get_untracked()
            .map(|s| query_for(s, ctx.filter.get_untracked(), 0));
        async move {
            match query {
                Some(q) if cut && !searching => api::count_orders(q).await.ok(),
                _ => None,
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

    let header = move |col: Col, key: Key, class: &'static str| {
        let lang = ctx.lang.get();
        let mark = move || match sort.get() {
            Some((c, true)) if c == col => " ▲",
            Some((c, false)) if c == col => " ▼",
            _ => "",
        };
        view! {
            <th class=format!("sortable {class}") data-sort=format!("{col:?}").to_lowercase()
                aria-sort=move || match sort.get() {
                    Some((c, true)) if c == col => "ascending",
                    Some((c, false)) if c == col => "descending",
                    _ => "none",
                }
                on:click=move |_| sort.update(|s| *s = match *s {
                    Some((c, true)) if c == col => Some((col, false)),
                    Some((c, false)) if c == col => None,
                    _ => Some((col, true)),
                })>
                {t(lang, key)}{mark}
            </th>
        }
    };

    let footer = move |shown: usize| {
        let lang = ctx.lang.get();
        let searching = ctx.search.get_untracked().trim().chars().count() >= 2;
        if searching {
            // The desk returns at most this many matches (desk lists.rs SEARCH_LIMIT).
            return (shown >= 50).then(|| {
                view! { <p class="list-foot muted" id="list-foot">{work(lang, Work::FirstFound)}</p> }
                    .into_any()
            });
        }
        let all = total.get().flatten();
        let cut = shown >= limit.get() as usize;
        cut.then(|| {
            view! {
                <p class="list-foot" id="list-foot">
                    {work(lang, Work::Shown)}" "{shown}
                    {all.map(|m| format!(" {} {m}", work(lang, Work::Of)))}
                    " "
                    <button id="show-more" on:click=move |_| limit.update(|l| *l = l.saturating_add(PAGE))>
                        {work(lang, Work::ShowMore)}
                    </button>
                </p>
            }
            .into_any()
        })
    };

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
            Some(Ok(Some(rows))) => {
                let shown = rows.len();
                let mut rows = sorted(rows, sort.get());
                let rest = if first_list.get_value() {
                    first_list.set_value(false);
                    rows.split_off(rows.len().min(FIRST_ROWS))
                } else {
                    Vec::new()
                };
                let ids: Vec<String> = rows.iter().chain(&rest).map(|r| r.id.clone()).collect();
                // After the first rows are painted (the timeout runs after the frame the
                // animation callback precedes), the rest.
                rest_drawn.set(rest.is_empty());
                if !rest.is_empty() {
                    request_animation_frame(move || {
                        set_timeout(move || rest_drawn.set(true), std::time::Duration::ZERO);
                    });
                }
                let rest = StoredValue::new(rest);
                view! {
                    <section class="orders">
                        <table class="grid" id="orders">
                            <thead>
                                <tr>
                                    <th class="pick">{select_all(ids)}</th>
                                    {header(Col::Number, Key::Number, "")}
                                    {header(Col::Customer, Key::Customer, "")}
                                    <th>{t(lang, Key::Phone)}</th>
                                    <th>{t(lang, Key::Channel)}</th>
                                    {header(Col::Total, Key::Total, "num")}
                                    {header(Col::InStage, Key::InStage, "")}
                                    {header(Col::Deadline, Key::Deadline, "")}
                                </tr>
                            </thead>
                            <tbody>
                                {rows.into_iter().map(row_view).collect_view()}
                                {move || rest_drawn.get().then(|| {
                                    rest.get_value().into_iter().map(row_view).collect_view()
                                })}
                            </tbody>
                        </table>
                        // Its own closure: the whole count arriving must not draw the rows again.
                        {move || footer(shown)}
                    </section>
                }
                .into_any()
            }
        }
    };
    view! {
        <div class="middle">
            <crate::filters::FilterBar/>
            <crate::orders_export::ExportPanel/>
            <SelectionBar/>
            <crate::customers::FoundCustomers/>
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
    // A customer with earlier (or later) orders: «↻ 3», the count in the tooltip's words.
    let repeat = (row.customer_orders >= 2).then(|| {
        let n = row.customer_orders;
        view! {
            <span class="repeat-customer"
                title=move || format!("{}: {n}", t(ctx.lang.get(), Key::RepeatCustomer))>
                "↻ "{n}
            </span>
        }
    });
    view! {
        <tr
            class="order"
            tabindex="-1"
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
            // The name is cut before the mark is: a long name must not hide «↻ 3».
            <td class="customer"><span class="customer-name">{row.customer}</span>{repeat}</td>
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

/// The order next to the open one in the list as shown (`step` −1 or +1), from the DOM:
/// the list's sort and paging live in the table, the keys in the window.
pub fn neighbour(current: Option<&str>, step: i32) -> Option<String> {
    let doc = document();
    let list = doc.query_selector_all("#orders tbody tr.order").ok()?;
    let ids: Vec<String> = (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| wasm_bindgen::JsCast::dyn_into::<web_sys::Element>(n).ok())
        .filter_map(|el| el.get_attribute("data-order-id"))
        .collect();
    let at = current.and_then(|c| ids.iter().position(|id| id == c));
    let next = match (at, step) {
        (None, s) if s > 0 => 0,
        (None, _) => ids.len().checked_sub(1)?,
        (Some(i), s) if s > 0 => (i + 1).min(ids.len().checked_sub(1)?),
        (Some(i), _) => i.saturating_sub(1),
    };
    let id = ids.get(next)?.clone();
    // Keep the row in view and focused, so the next key goes on from it.
    if let Ok(Some(row)) = doc.query_selector(&format!("#orders tr[data-order-id='{id}']")) {
        if let Ok(row) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(row) {
            let _ = row.focus();
        }
    }
    Some(id)
}
