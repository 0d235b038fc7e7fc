//! The left column of stages and the table of the selected stage's orders.

use leptos::prelude::*;
use proto::StageKind;

use crate::api;
use crate::app::{Ctx, Scope};
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
