//! The workflow editor: stages with their limits, people and routes, in order.

use leptos::prelude::*;
use proto::{
    CommandError, ErrorCode, Role, StageKind, StageSettings, WorkflowChange, WorkflowEditInput,
    WorkflowSettings,
};

use crate::api_admin as api;
use crate::app::Ctx;
use crate::format;
use crate::i18n::{self, t, Key, Lang, DELIVERY_METHODS, PAYMENT_METHODS};

const ROLES: [Role; 4] = [Role::Admin, Role::Manager, Role::Picker, Role::Dispatcher];

/// The inputs of a stage a refusal can name; anything else is said under the stage's row.
const FIELDS: [&str; 2] = ["name", "limit"];

/// The stage an edit is about; "" for a new stage (the add form).
fn stage_of(edit: &WorkflowEditInput) -> String {
    use WorkflowEditInput as E;
    match edit {
        E::AddStage { .. } => String::new(),
        E::Rename { stage, .. }
        | E::Reorder { stage, .. }
        | E::Remove { stage }
        | E::SetLimit { stage, .. }
        | E::SetResponsible { stage, .. }
        | E::SetRoute { stage, .. }
        | E::SetGuards { stage, .. } => stage.clone(),
    }
}

#[derive(Clone, Copy)]
struct Editor {
    settings: RwSignal<Option<WorkflowSettings>>,
    /// The last refused edit (issue 15, point 10): its stage ("" for the add form) and why,
    /// said beside the input it names or under the stage's row, not in the banner.
    refused: RwSignal<Option<(String, CommandError)>>,
}

impl Editor {
    /// Sends one edit; the desk answers with the whole new workflow, which replaces ours.
    fn apply(self, edit: WorkflowEditInput) {
        let ctx = expect_context::<Ctx>();
        let stage = stage_of(&edit);
        leptos::task::spawn_local(async move {
            match api::edit_workflow(edit).await {
                Ok(s) => {
                    self.refused.set(None);
                    self.settings.set(Some(s));
                    ctx.changed();
                }
                Err(e) => {
                    if e.code == ErrorCode::InvalidInput {
                        self.refused.set(Some((stage, e)));
                    } else {
                        ctx.fail(e);
                    }
                    // Put the inputs back to what is saved.
                    if let Ok(s) = api::workflow_settings().await {
                        self.settings.set(Some(s));
                    }
                }
            }
        });
    }

    /// Whether the kept refusal is about `stage`'s `field` (`None`: its row as a whole).
    fn names(e: &CommandError, field: Option<&str>) -> bool {
        let named = e.field().filter(|f| FIELDS.contains(f));
        named == field
    }

    /// The words of the refusal about `stage`'s `field` (`None`: the row as a whole).
    fn said(self, lang: Lang, stage: &str, field: Option<&str>) -> Option<String> {
        self.refused.with(|r| {
            r.as_ref()
                .filter(|(s, e)| s == stage && Editor::names(e, field))
                .map(|(_, e)| i18n::error_text(lang, e))
        })
    }

    /// `aria-invalid` for `stage`'s input of `field`.
    fn invalid(self, stage: String, field: &'static str) -> impl Fn() -> Option<&'static str> {
        move || {
            self.refused
                .with(|r| {
                    r.as_ref()
                        .is_some_and(|(s, e)| *s == stage && Editor::names(e, Some(field)))
                })
                .then_some("true")
        }
    }

    /// The message under `stage`'s input of `field`; `id` names it for the window's tests.
    fn note(
        self,
        lang: Lang,
        stage: String,
        field: Option<&'static str>,
        id: String,
    ) -> impl IntoView {
        move || {
            self.said(lang, &stage, field).map(|text| {
                view! { <p class="field-error" id=id.clone() role="alert">{text}</p> }
            })
        }
    }

    /// Typing in `stage`'s input of `field` takes its refusal away.
    fn typed(self, stage: &str, field: &'static str) {
        let mine = self.refused.with_untracked(|r| {
            r.as_ref()
                .is_some_and(|(s, e)| s == stage && Editor::names(e, Some(field)))
        });
        if mine {
            self.refused.set(None);
        }
    }
}

#[component]
pub fn StagesEditor() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let editor = Editor {
        settings: RwSignal::new(None),
        refused: RwSignal::new(None),
    };
    leptos::task::spawn_local(async move {
        match api::workflow_settings().await {
            Ok(s) => editor.settings.set(Some(s)),
            Err(e) => ctx.fail(e),
        }
    });
    move || {
        let lang = ctx.lang.get();
        let Some(s) = editor.settings.get() else {
            return view! { <p>{t(lang, Key::Loading)}</p> }.into_any();
        };
        let open = s
            .stages
            .iter()
            .filter(|st| st.kind == StageKind::Normal)
            .count();
        let rows = s
            .stages
            .iter()
            .enumerate()
            .map(|(i, st)| stage_row(lang, editor, st.clone(), i, open))
            .collect_view();
        view! {
            <div class="stages-editor">
                <p class="muted">{t(lang, Key::OnlyAdminEdits)}</p>
                <table class="grid" id="stages-table">
                    <thead><tr>
                        <th></th>
                        <th>{t(lang, Key::StageName)}</th>
                        <th>{t(lang, Key::TimeLimitMin)}</th>
                        <th>{t(lang, Key::Responsible)}</th>
                        <th>{t(lang, Key::RouteDelivery)}</th>
                        <th>{t(lang, Key::RoutePayment)}</th>
                        <th>{t(lang, Key::GuardsColumn)}</th>
                        <th class="num">{t(lang, Key::OrdersHere)}</th>
                        <th></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                {add_form(lang, editor, &s.stages)}
                {removed(lang, &s.removed)}
                {changes(lang, s.changes)}
            </div>
        }
        .into_any()
    }
}

fn stage_row(
    lang: Lang,
    editor: Editor,
    st: StageSettings,
    index: usize,
    open: usize,
) -> impl IntoView {
    let normal = st.kind == StageKind::Normal;
    let id = st.id.clone();
    let rename = {
        let id = id.clone();
        move |ev| {
            editor.apply(WorkflowEditInput::Rename {
                stage: id.clone(),
                name: event_target_value(&ev),
            })
        }
    };
    let limit_cell = normal.then(|| {
        let (id_a, id_b) = (id.clone(), id.clone());
        let limit = st.time_limit_minutes;
        let paused = st.clock_paused;
        let typed = id.clone();
        view! {
            <input class="limit" type="number" min="1" prop:value=limit.map(|m| m.to_string()).unwrap_or_default()
                placeholder=t(lang, Key::NoLimit)
                aria-invalid=editor.invalid(id.clone(), "limit")
                on:input=move |_| editor.typed(&typed, "limit")
                on:change=move |ev| {
                    let minutes = event_target_value(&ev).trim().parse::<i64>().ok();
                    editor.apply(WorkflowEditInput::SetLimit { stage: id_a.clone(), time_limit_minutes: minutes, clock_paused: paused });
                }/>
            {editor.note(lang, id.clone(), Some("limit"), format!("stage-{id}-limit-error"))}
            <span class="muted limit-text">{limit.map(|m| format::duration(lang, m * 60_000))}</span>
            <label class="paused"><input type="checkbox" prop:checked=paused
                on:change=move |ev| {
                    editor.apply(WorkflowEditInput::SetLimit { stage: id_b.clone(), time_limit_minutes: limit, clock_paused: event_target_checked(&ev) });
                }/>{t(lang, Key::ClockPaused)}</label>
        }
    });
    let roles = {
        let (id, chosen, users) = (
            id.clone(),
            st.responsible_roles.clone(),
            st.responsible_users.clone(),
        );
        ROLES
            .iter()
            .map(|&role| {
                let (id, chosen, users) = (id.clone(), chosen.clone(), users.clone());
                let on = chosen.contains(&role);
                view! {
                    <label class="check"><input type="checkbox" prop:checked=on on:change=move |_| {
                        let mut roles = chosen.clone();
                        if on { roles.retain(|r| *r != role) } else { roles.push(role) }
                        editor.apply(WorkflowEditInput::SetResponsible { stage: id.clone(), roles, users: users.clone() });
                    }/>{i18n::role(lang, role)}</label>
                }
            })
            .collect_view()
    };
    let route = if !normal {
        view! { <td></td><td></td> }.into_any()
    } else {
        let delivery = checks(
            &DELIVERY_METHODS,
            st.route_delivery.clone(),
            |m| i18n::delivery(lang, m),
            {
                let (id, payment) = (id.clone(), st.route_payment.clone());
                move |delivery| {
                    editor.apply(WorkflowEditInput::SetRoute {
                        stage: id.clone(),
                        delivery,
                        payment: payment.clone(),
                    })
                }
            },
        );
        let payment = checks(
            &PAYMENT_METHODS,
            st.route_payment.clone(),
            |m| i18n::payment(lang, m),
            {
                let (id, delivery) = (id.clone(), st.route_delivery.clone());
                move |payment| {
                    editor.apply(WorkflowEditInput::SetRoute {
                        stage: id.clone(),
                        delivery: delivery.clone(),
                        payment,
                    })
                }
            },
        );
        view! { <td class="route">{delivery}</td><td class="route">{payment}</td> }.into_any()
    };
    let guards = {
        let id = id.clone();
        crate::rules::guard_checks(lang, st.guards, move |guards| {
            editor.apply(WorkflowEditInput::SetGuards {
                stage: id.clone(),
                guards,
            })
        })
    };
    let moves = normal.then(|| {
        let (up, down, gone) = (id.clone(), id.clone(), id.clone());
        let name = st.name.clone();
        view! {
            <button class="up" title=t(lang, Key::MoveUp) disabled={index == 0}
                on:click=move |_| editor.apply(WorkflowEditInput::Reorder { stage: up.clone(), index: index.saturating_sub(1) as u32 })>"↑"</button>
            <button class="down" title=t(lang, Key::MoveDown) disabled={index + 1 >= open}
                on:click=move |_| editor.apply(WorkflowEditInput::Reorder { stage: down.clone(), index: (index + 1) as u32 })>"↓"</button>
            <button class="danger remove" title=t(lang, Key::RemoveStage) on:click=move |_| {
                let question = format!("{} «{}»?", t(lang, Key::RemoveStage), name);
                let (yes, no) = (t(lang, Key::DeleteIt).into(), t(lang, Key::Back).into());
                let stage = gone.clone();
                // Scoped: the editor reads the window's context after the answer.
                leptos::task::spawn_local_scoped(async move {
                    if crate::dialog::confirm(question, yes, no).await {
                        editor.apply(WorkflowEditInput::Remove { stage });
                    }
                });
            }>"✕"</button>
        }
    });
    let typed = id.clone();
    let row_note = {
        let id = id.clone();
        move || {
            editor.said(lang, &id, None).map(|text| {
                view! {
                    <tr class="stage-refusal">
                        <td colspan="9"><p class="field-error" id=format!("stage-{id}-error") role="alert">{text}</p></td>
                    </tr>
                }
            })
        }
    };
    view! {
        <tr class="stage-row" data-stage=id.clone() class:closed=!normal>
            <td class="pos">{index + 1}</td>
            <td>
                <input class="stage-name" prop:value=st.name.clone() on:change=rename
                    aria-invalid=editor.invalid(id.clone(), "name")
                    on:input=move |_| editor.typed(&typed, "name")/>
                {editor.note(lang, id.clone(), Some("name"), format!("stage-{id}-name-error"))}
            </td>
            <td>{limit_cell}</td>
            <td class="roles">{normal.then_some(roles)}</td>
            {route}
            <td class="guards">{guards}</td>
            <td class="num">{st.orders}</td>
            <td class="moves">{moves}</td>
        </tr>
        {row_note}
    }
}

/// Checkboxes for a route rule: all ticked is "every method" (`None`).
fn checks<T: Copy + PartialEq + Send + Sync + 'static>(
    all: &'static [T],
    chosen: Option<Vec<T>>,
    label: impl Fn(T) -> &'static str,
    save: impl Fn(Option<Vec<T>>) + Clone + 'static,
) -> impl IntoView {
    let chosen = chosen.unwrap_or_else(|| all.to_vec());
    all.iter()
        .map(|&m| {
            let on = chosen.contains(&m);
            let (chosen, save) = (chosen.clone(), save.clone());
            view! {
                <label class="check"><input type="checkbox" prop:checked=on on:change=move |_| {
                    let mut next: Vec<T> = chosen.clone();
                    if on { next.retain(|x| *x != m) } else { next.push(m) }
                    let every = all.iter().all(|x| next.contains(x));
                    save((!every).then_some(next));
                }/>{label(m)}</label>
            }
        })
        .collect_view()
}

fn add_form(lang: Lang, editor: Editor, stages: &[StageSettings]) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let after = RwSignal::new(String::new());
    let minutes = RwSignal::new(String::new());
    let options = stages
        .iter()
        .filter(|s| s.kind == StageKind::Normal)
        .map(|s| view! { <option value=s.id.clone()>{s.name.clone()}</option> })
        .collect_view();
    let add = move |_| {
        let after = after.get_untracked();
        editor.apply(WorkflowEditInput::AddStage {
            name: name.get_untracked(),
            after: (!after.is_empty()).then_some(after),
            time_limit_minutes: minutes.get_untracked().trim().parse().ok(),
        });
        name.set(String::new());
    };
    view! {
        <div class="add-stage row" id="add-stage">
            <div class="add-stage-field">
                <input id="new-stage-name" placeholder=t(lang, Key::StageName) prop:value=move || name.get()
                    aria-invalid=editor.invalid(String::new(), "name")
                    on:input=move |ev| { editor.typed("", "name"); name.set(event_target_value(&ev)) }/>
                {editor.note(lang, String::new(), Some("name"), "new-stage-name-error".to_owned())}
            </div>
            <select id="new-stage-after" on:change=move |ev| after.set(event_target_value(&ev))>
                <option value="">{t(lang, Key::AtStart)}</option>
                {options}
            </select>
            <div class="add-stage-field">
                <input id="new-stage-limit" type="number" min="1" placeholder=t(lang, Key::TimeLimitMin)
                    aria-invalid=editor.invalid(String::new(), "limit")
                    on:input=move |ev| { editor.typed("", "limit"); minutes.set(event_target_value(&ev)) }/>
                {editor.note(lang, String::new(), Some("limit"), "new-stage-limit-error".to_owned())}
            </div>
            <button class="primary" id="add-stage-button" on:click=add>{t(lang, Key::AddStage)}</button>
        </div>
        {editor.note(lang, String::new(), None, "add-stage-button-error".to_owned())}
    }
}

fn removed(lang: Lang, stages: &[StageSettings]) -> impl IntoView {
    (!stages.is_empty()).then(|| {
        let items = stages
            .iter()
            .map(|s| view! { <li>"⚠ "{s.name.clone()}" — "{i18n::orders_count(lang, s.orders)}</li> })
            .collect_view();
        view! {
            <div class="removed-stages" id="removed-stages">
                <h3>{t(lang, Key::RemovedStages)}</h3>
                <p class="muted">{t(lang, Key::RemovedStagesHint)}</p>
                <ul>{items}</ul>
            </div>
        }
    })
}

fn changes(lang: Lang, changes: Vec<WorkflowChange>) -> impl IntoView {
    (!changes.is_empty()).then(|| {
        let rows = changes
            .into_iter()
            .map(|c| {
                view! {
                    <tr>
                        <td>{format::date_time(c.at)}</td>
                        <td>{c.actor}</td>
                        <td>{i18n::workflow_change(lang, &c.kind)}</td>
                        <td>{c.stage}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="workflow-changes">
                <h3>{t(lang, Key::ChangeLog)}</h3>
                <table class="grid" id="workflow-changes"><tbody>{rows}</tbody></table>
            </div>
        }
    })
}
