//! «Экспорт заказов» (issue 14, point 6): a button at the end of the queue's filter bar and a
//! panel under it: the period (today, this month, last month, dates), XLSX or CSV, the stage
//! and channel (the queue's to begin with), and where the file goes. The path is typed, as
//! the catalogue's is (the project has no file-dialog plugin); left empty, the file goes to
//! the «OrderDesk» folder in the documents, where papers are saved, under the period's name.
//! Only an administrator or a manager sees it: the file holds customers' contacts.

use leptos::prelude::*;
use proto::display::{parse_day, show_day};
use proto::{cmd, CommandError, ExportPeriod, OrdersExport, OrdersExported, Role, SheetKind};

use crate::app::{Ctx, Scope};
use crate::i18n::export::{lines_count, word, Exp};
use crate::i18n::{self, work, Work};

const CHANNELS: [proto::Channel; 3] = [
    proto::Channel::Site,
    proto::Channel::Phone,
    proto::Channel::Marketplace,
];

/// Whether the panel is open; shared by the button in the filter bar and the panel under it.
#[derive(Clone, Copy)]
pub struct ExportOpen(RwSignal<bool>);

pub fn provide() {
    provide_context(ExportOpen(RwSignal::new(false)));
}

async fn export_orders(export: OrdersExport) -> Result<OrdersExported, CommandError> {
    crate::api::call(&cmd::ExportOrders { export }).await
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Today,
    ThisMonth,
    LastMonth,
    Days,
}

const KINDS: [(Kind, &str, Exp); 4] = [
    (Kind::Today, "today", Exp::Today),
    (Kind::ThisMonth, "this_month", Exp::ThisMonth),
    (Kind::LastMonth, "last_month", Exp::LastMonth),
    (Kind::Days, "days", Exp::Days),
];

#[component]
pub fn ExportButton() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let open = expect_context::<ExportOpen>().0;
    let user = LocalResource::new(crate::api::current_user);
    let allowed = move || {
        user.get()
            .and_then(Result::ok)
            .is_some_and(|u| matches!(u.role, Role::Admin | Role::Manager))
    };
    move || {
        allowed().then(|| {
            view! {
                <button class="export-orders" id="open-orders-export"
                    class:active=move || open.get()
                    on:click=move |_| open.update(|o| *o = !*o)>
                    {move || word(ctx.lang.get(), Exp::Open)}
                </button>
            }
        })
    }
}

#[component]
pub fn ExportPanel() -> impl IntoView {
    let open = expect_context::<ExportOpen>().0;
    move || open.get().then(|| view! { <Panel/> })
}

#[component]
fn Panel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let open = expect_context::<ExportOpen>().0;
    let kind = RwSignal::new(Kind::ThisMonth);
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let wrong = RwSignal::new(false);
    let format = RwSignal::new(SheetKind::Xlsx);
    // The queue's stage and channel to begin with: «export what I am looking at».
    let stage = RwSignal::new(match ctx.scope.get_untracked() {
        Some(Scope::Stage(id)) => Some(id),
        _ => None,
    });
    let channel = RwSignal::new(ctx.filter.with_untracked(|f| f.channel));
    let path = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let done = RwSignal::new(None::<OrdersExported>);
    // The desk's refusal of the export (a day, the file's path) is said beside its button.
    let refused = crate::field_error::Refused::new(&[]);
    let stages = LocalResource::new(crate::api::queue);

    let run = move |_| {
        let period = match kind.get_untracked() {
            Kind::Today => ExportPeriod::Today,
            Kind::ThisMonth => ExportPeriod::ThisMonth,
            Kind::LastMonth => ExportPeriod::LastMonth,
            Kind::Days => {
                match (
                    parse_day(&from.get_untracked()),
                    parse_day(&to.get_untracked()),
                ) {
                    (Some(from), Some(to)) => ExportPeriod::Days { from, to },
                    _ => {
                        wrong.set(true);
                        return;
                    }
                }
            }
        };
        wrong.set(false);
        let export = OrdersExport {
            period,
            format: format.get_untracked(),
            path: path.get_untracked(),
            stage_id: stage.get_untracked(),
            channel: channel.get_untracked(),
        };
        busy.set(true);
        done.set(None);
        leptos::task::spawn_local(async move {
            match export_orders(export).await {
                Ok(d) => {
                    refused.clear();
                    done.set(Some(d));
                    ctx.error.set(None);
                }
                Err(e) => {
                    if !refused.keep_input(e.clone()) {
                        ctx.fail(e)
                    }
                }
            }
            busy.set(false);
        });
    };

    let day_input = move |id: &'static str, value: RwSignal<String>| {
        view! {
            <input type="text" id=id inputmode="numeric" size="10" maxlength="10"
                placeholder=move || work(ctx.lang.get(), Work::DayHint)
                class:invalid=move || wrong.get()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))/>
        }
    };

    let stage_select = move || {
        let lang = ctx.lang.get();
        let list: Vec<(String, String)> = stages
            .get()
            .and_then(Result::ok)
            .map(|q| q.stages.into_iter().map(|s| (s.id, s.name)).collect())
            .unwrap_or_default();
        let ids: Vec<String> = list.iter().map(|(id, _)| id.clone()).collect();
        let shown = ids.clone();
        view! {
            <select id="export-stage"
                prop:value=move || stage.get().and_then(|s| shown.iter().position(|x| *x == s))
                    .map_or_else(String::new, |i| i.to_string())
                on:change=move |ev| {
                    let i = event_target_value(&ev).parse::<usize>().ok();
                    stage.set(i.and_then(|i| ids.get(i).cloned()));
                }>
                <option value="">{word(lang, Exp::AnyStage)}</option>
                {list.into_iter().enumerate().map(|(i, (_, name))| view! { <option value=i>{name}</option> }).collect_view()}
            </select>
        }
    };

    let channel_select = move || {
        let lang = ctx.lang.get();
        view! {
            <select id="export-channel"
                prop:value=move || channel.get().and_then(|c| CHANNELS.iter().position(|x| *x == c))
                    .map_or_else(String::new, |i| i.to_string())
                on:change=move |ev| {
                    let i = event_target_value(&ev).parse::<usize>().ok();
                    channel.set(i.and_then(|i| CHANNELS.get(i).copied()));
                }>
                <option value="">{word(lang, Exp::AnyChannel)}</option>
                {CHANNELS.iter().enumerate().map(|(i, c)| view! { <option value=i>{i18n::channel(lang, *c)}</option> }).collect_view()}
            </select>
        }
    };

    view! {
        <div class="orders-export" id="orders-export">
            <h3>{move || word(ctx.lang.get(), Exp::Title)}</h3>
            <div class="orders-export-row">
                <label>{move || word(ctx.lang.get(), Exp::Period)}
                    <select id="export-period"
                        prop:value=move || KINDS.iter().find(|(k, ..)| *k == kind.get()).map_or("", |(_, v, _)| *v)
                        on:change=move |ev| {
                            let v = event_target_value(&ev);
                            if let Some((k, ..)) = KINDS.iter().find(|(_, code, _)| *code == v) {
                                kind.set(*k);
                            }
                        }>
                        {move || {
                            let lang = ctx.lang.get();
                            KINDS.iter().map(|(_, code, key)| view! { <option value=*code>{word(lang, *key)}</option> }).collect_view()
                        }}
                    </select>
                </label>
                {move || (kind.get() == Kind::Days).then(|| view! {
                    <label>{word(ctx.lang.get(), Exp::From)}{day_input("export-from", from)}</label>
                    <label>{word(ctx.lang.get(), Exp::To)}{day_input("export-to", to)}</label>
                })}
                <label>{move || word(ctx.lang.get(), Exp::Format)}
                    <select id="export-format"
                        prop:value=move || if format.get() == SheetKind::Csv { "csv" } else { "xlsx" }
                        on:change=move |ev| format.set(if event_target_value(&ev) == "csv" { SheetKind::Csv } else { SheetKind::Xlsx })>
                        <option value="xlsx">"XLSX (Excel)"</option>
                        <option value="csv">"CSV"</option>
                    </select>
                </label>
                <label>{move || word(ctx.lang.get(), Exp::Stage)}{stage_select}</label>
                <label>{move || word(ctx.lang.get(), Exp::Channel)}{channel_select}</label>
            </div>
            {move || wrong.get().then(|| view! {
                <span class="field-error" id="export-days-error" role="alert">{work(ctx.lang.get(), Work::BadDay)}</span>
            })}
            <div class="orders-export-row">
                <label class="grow">{move || word(ctx.lang.get(), Exp::Path)}
                    <input id="export-orders-path" class="path"
                        placeholder=move || word(ctx.lang.get(), Exp::PathHint)
                        prop:value=move || path.get()
                        on:input=move |ev| { refused.clear(); path.set(event_target_value(&ev)) }/>
                </label>
                <button class="primary" id="export-orders" prop:disabled=move || busy.get() on:click=run>
                    {move || word(ctx.lang.get(), if busy.get() { Exp::Exporting } else { Exp::Export })}
                </button>
                <button id="close-orders-export" on:click=move |_| open.set(false)>
                    {move || word(ctx.lang.get(), Exp::Close)}
                </button>
            </div>
            {move || refused.at_action(ctx.lang.get(), "export-orders")}
            {move || done.get().map(|d| {
                let lang = ctx.lang.get();
                let days = if d.from_day == d.to_day {
                    show_day(&d.from_day)
                } else {
                    format!("{}–{}", show_day(&d.from_day), show_day(&d.to_day))
                };
                view! {
                    <p class="done" id="orders-export-done" data-path=d.path.clone() data-orders=d.orders>
                        {format!("{}: {days} — {}, {}", word(lang, Exp::Written),
                            i18n::orders_count(lang, u32::try_from(d.orders).unwrap_or(u32::MAX)),
                            lines_count(lang, d.lines))}
                        <br/><span class="file">{d.path.clone()}</span>
                    </p>
                }
            })}
        </div>
    }
}
