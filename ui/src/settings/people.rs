//! Настройки → Сотрудники: the shop's people (name, contacts, role, PIN), the stages that name
//! them, and this PC's idle lock. The desk checks that the one editing is an administrator.

use leptos::prelude::*;
use proto::{PersonInput, PersonView, Role, SetupKind};

use crate::api_people as api;
use crate::app::Ctx;
use crate::i18n::{role, staff, Lang, Staff};
use crate::sign_in::Session;

const ROLES: [Role; 4] = [Role::Admin, Role::Manager, Role::Picker, Role::Dispatcher];

/// The form's fields; `id: None` adds a person.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Draft {
    id: Option<String>,
    name: String,
    phone: String,
    email: String,
    role: Role,
    pin: String,
}

impl Draft {
    fn new() -> Self {
        Draft {
            id: None,
            name: String::new(),
            phone: String::new(),
            email: String::new(),
            role: Role::Manager,
            pin: String::new(),
        }
    }

    fn of(p: &PersonView) -> Self {
        Draft {
            id: Some(p.id.clone()),
            name: p.name.clone(),
            phone: p.phone.clone(),
            email: p.email.clone(),
            role: p.role,
            pin: String::new(),
        }
    }
}

fn role_code(r: Role) -> &'static str {
    match r {
        Role::Admin => "admin",
        Role::Manager => "manager",
        Role::Picker => "picker",
        Role::Dispatcher => "dispatcher",
    }
}

#[component]
pub fn PeopleSettings() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let session = expect_context::<Session>();
    let crate::first_run::Setup(setup) = expect_context::<crate::first_run::Setup>();
    let people = RwSignal::new(Vec::<PersonView>::new());
    let draft = RwSignal::new(None::<Draft>);
    let saved = RwSignal::new(false);
    // A refusal naming one of the form's fields is shown beside it; others go to the banner.
    let refused = crate::field_error::Refused::new(&["name", "phone", "email", "pin"]);
    // Why a person was not removed (the last administrator, yourself), beside their «Удалить».
    let removal = crate::field_error::SaidAt::<String>::new();
    let load = move || {
        leptos::task::spawn_local(async move {
            match api::people().await {
                Ok(list) => people.set(list),
                Err(e) => ctx.fail(e),
            }
        })
    };
    load();
    let save = move || {
        let Some(d) = draft.get_untracked() else {
            return;
        };
        let input = PersonInput {
            id: d.id,
            name: d.name,
            phone: d.phone,
            email: d.email,
            role: d.role,
            pin: (!d.pin.is_empty()).then_some(d.pin),
        };
        leptos::task::spawn_local(async move {
            match api::save_person(input).await {
                Ok(_) => {
                    refused.clear();
                    removal.clear();
                    draft.set(None);
                    saved.set(true);
                    load();
                    // The sign-in list and the top bar may name them now.
                    session.refresh();
                    ctx.changed();
                }
                Err(e) => {
                    if !refused.keep_input(e.clone()) {
                        ctx.fail(e);
                    }
                }
            }
        });
    };
    let remove = move |id: String| {
        leptos::task::spawn_local(async move {
            match api::remove_person(id.clone()).await {
                Ok(_) => {
                    removal.clear();
                    load();
                    session.refresh();
                }
                Err(e) => removal.keep(id, e),
            }
        });
    };
    move || {
        let lang = ctx.lang.get();
        let team = setup.with(|s| s.as_ref().is_some_and(|s| s.kind == SetupKind::Team));
        let rows = people
            .get()
            .into_iter()
            .map(|p| {
                let edit = Draft::of(&p);
                let id = p.id.clone();
                let refusal = removal.note(lang, p.id.clone(), "remove-person-error".into());
                let removed = p.removed;
                view! {
                    <tr class="person-row" class:removed=removed data-name=p.name.clone()>
                        <td class="name">{p.name.clone()}</td>
                        <td>{role(lang, p.role)}</td>
                        <td>{p.phone.clone()}</td>
                        <td>{p.email.clone()}</td>
                        <td>{p.stages.join(", ")}</td>
                        <td class="muted">{if removed {
                            staff(lang, Staff::Removed)
                        } else if p.has_pin {
                            "PIN ✓"
                        } else {
                            staff(lang, Staff::NoPin)
                        }}</td>
                        <td class="actions">{(!removed && !team).then(|| view! {
                            <button class="edit-person" on:click=move |_| { saved.set(false); refused.clear(); draft.set(Some(edit.clone())) }>
                                {staff(lang, Staff::Edit)}</button>
                            <button class="remove-person" on:click=move |_| remove(id.clone())>
                                {staff(lang, Staff::Remove)}</button>
                            {refusal}
                        })}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="people" id="people-settings">
                {team.then(|| view! { <p class="muted" id="people-team-hint">{staff(lang, Staff::TeamHint)}</p> })}
                <table class="people-table">
                    <thead><tr>
                        <th>{staff(lang, Staff::Name)}</th>
                        <th>{staff(lang, Staff::Role)}</th>
                        <th>{staff(lang, Staff::Phone)}</th>
                        <th>{staff(lang, Staff::Email)}</th>
                        <th>{staff(lang, Staff::Stages)}</th>
                        <th></th>
                        <th></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                <p class="muted">{staff(lang, Staff::StagesHint)}</p>
                {(!team).then(|| view! {
                    <button class="primary" id="add-person" on:click=move |_| { saved.set(false); refused.clear(); draft.set(Some(Draft::new())) }>
                        {staff(lang, Staff::Add)}</button>
                })}
                {move || saved.get().then(|| view! { <span class="done">{staff(lang, Staff::Saved)}</span> })}
                {move || draft.get().is_some().then(|| person_form(lang, draft, save, refused))}
                <IdleLock lang/>
            </div>
        }
    }
}

fn person_form(
    lang: Lang,
    draft: RwSignal<Option<Draft>>,
    save: impl Fn() + Copy + 'static,
    refused: crate::field_error::Refused,
) -> impl IntoView {
    let field =
        move |get: fn(&Draft) -> String, set: fn(&mut Draft, String), names: &'static str| {
            (
                move || draft.with(|d| d.as_ref().map(get).unwrap_or_default()),
                move |ev| {
                    refused.typed(names);
                    let value = event_target_value(&ev);
                    draft.update(|d| {
                        if let Some(d) = d {
                            set(d, value)
                        }
                    })
                },
            )
        };
    let (name, on_name) = field(|d| d.name.clone(), |d, v| d.name = v, "name");
    let (phone, on_phone) = field(|d| d.phone.clone(), |d, v| d.phone = v, "phone");
    let (email, on_email) = field(|d| d.email.clone(), |d, v| d.email = v, "email");
    let (pin, on_pin) = field(|d| d.pin.clone(), |d, v| d.pin = v, "pin");
    let is_new = draft.with_untracked(|d| d.as_ref().is_some_and(|d| d.id.is_none()));
    let chosen = move || draft.with(|d| d.as_ref().map_or(Role::Manager, |d| d.role));
    let options = ROLES
        .into_iter()
        .map(|r| {
            view! { <option value=role_code(r) selected=move || chosen() == r>{role(lang, r)}</option> }
        })
        .collect_view();
    view! {
        <div class="form person-form" id="person-form">
            <label>{staff(lang, Staff::Name)}<input id="person-name" prop:value=name on:input=on_name
                aria-invalid=refused.invalid("name")/>{refused.note(lang, "name", "person-name")}</label>
            <label>{staff(lang, Staff::Phone)}<input id="person-phone" prop:value=phone on:input=on_phone
                aria-invalid=refused.invalid("phone")/>{refused.note(lang, "phone", "person-phone")}</label>
            <label>{staff(lang, Staff::Email)}<input id="person-email" prop:value=email on:input=on_email
                aria-invalid=refused.invalid("email")/>{refused.note(lang, "email", "person-email")}</label>
            <label>{staff(lang, Staff::Role)}
                <select id="person-role" on:change=move |ev| {
                    let code = event_target_value(&ev);
                    if let Some(r) = ROLES.into_iter().find(|r| role_code(*r) == code) {
                        draft.update(|d| if let Some(d) = d { d.role = r });
                    }
                }>{options}</select>
            </label>
            <label>{staff(lang, Staff::Pin)}
                <input id="person-pin" type="password" autocomplete="new-password" prop:value=pin on:input=on_pin
                    aria-invalid=refused.invalid("pin")/>{refused.note(lang, "pin", "person-pin")}
            </label>
            {(!is_new).then(|| view! { <p class="muted">{staff(lang, Staff::PinKeep)}</p> })}
            <div class="row">
                <button class="primary" id="save-person" on:click=move |_| save()>{staff(lang, Staff::Save)}</button>
                <button id="cancel-person" on:click=move |_| draft.set(None)>{staff(lang, Staff::Cancel)}</button>
            </div>
            {refused.at_action(lang, "save-person")}
        </div>
    }
}

/// This PC's minutes of idleness before the lock.
#[component]
fn IdleLock(lang: Lang) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let session = expect_context::<Session>();
    let minutes = RwSignal::new(
        session
            .0
            .with_untracked(|s| s.as_ref().map_or(15, |s| s.idle_lock_minutes))
            .to_string(),
    );
    let saved = RwSignal::new(false);
    let refused = crate::field_error::Refused::new(&["minutes"]);
    let save = move |_| {
        let Ok(value) = minutes.get_untracked().trim().parse::<u32>() else {
            // The desk's own limit (480 minutes, eight hours), said before asking it.
            refused.keep_input(crate::field_error::input_refusal(
                proto::InputProblem::IdleLockMinutes { max: 480 },
            ));
            return;
        };
        leptos::task::spawn_local(async move {
            match api::set_idle_lock_minutes(value).await {
                Ok(view) => {
                    refused.clear();
                    session.0.set(Some(view));
                    saved.set(true);
                }
                Err(e) => {
                    if !refused.keep_input(e.clone()) {
                        ctx.fail(e)
                    }
                }
            }
        });
    };
    view! {
        <div class="form idle-lock">
            <label>{staff(lang, Staff::IdleLock)}
                <input id="idle-lock-minutes" inputmode="numeric" prop:value=move || minutes.get()
                    aria-invalid=refused.invalid("minutes")
                    on:input=move |ev| { saved.set(false); refused.typed("minutes"); minutes.set(event_target_value(&ev)) }/>
                {refused.note(lang, "minutes", "idle-lock-minutes")}
            </label>
            <p class="muted">{staff(lang, Staff::IdleLockHint)}</p>
            <button id="save-idle-lock" on:click=save>{staff(lang, Staff::Save)}</button>
            {move || saved.get().then(|| view! { <span class="done">{staff(lang, Staff::Saved)}</span> })}
            {refused.at_action(lang, "save-idle-lock")}
        </div>
    }
}
