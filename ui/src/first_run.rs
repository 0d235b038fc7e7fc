//! The first run: a new shop chooses the demo, a shop of its own (name, requisites,
//! stages, administrator, a step each) or a team's hub. The desk opens once that is done.

use leptos::prelude::*;
use proto::{
    CommandError, SetupKind, SetupStep, ShopSetupView, WorkflowTemplate, WorkflowTemplateView,
};

use crate::api_setup as api;
use crate::app::Ctx;
use crate::field_error::Refused;
use crate::i18n::{staff, t, Key, Lang, Staff};
use crate::settings::delivery_payment::DeliveryPaymentSettings;
use crate::settings::requisites::RequisitesForm;
use crate::settings::team::hub_fields;

/// What the first run made of the shop; `None` until the desk answered.
#[derive(Clone, Copy)]
pub struct Setup(pub RwSignal<Option<ShopSetupView>>);

/// Asks the desk what the shop is and shares the answer with the window.
pub fn provide(ctx: Ctx) -> RwSignal<Option<ShopSetupView>> {
    let setup = RwSignal::new(None);
    provide_context(Setup(setup));
    leptos::task::spawn_local(async move {
        match api::shop_setup().await {
            Ok(view) => setup.set(Some(view)),
            // The desk opens as before and its banner says why the question failed.
            Err(e) => {
                setup.set(Some(ShopSetupView {
                    kind: SetupKind::Own,
                    step: SetupStep::Done,
                    shop_name: None,
                }));
                ctx.fail(e);
            }
        }
    });
    setup
}

/// Whether the window shows the first run instead of the desk.
pub fn needed(view: &ShopSetupView) -> bool {
    view.kind == SetupKind::New || (view.kind == SetupKind::Own && view.step != SetupStep::Done)
}

/// The shop's name for the top bar: its own name, «Демо-магазин», or none.
pub fn shop_name(lang: Lang, view: &ShopSetupView) -> Option<String> {
    match view.kind {
        SetupKind::Demo => Some(t(lang, Key::DemoShop).to_owned()),
        _ => view.shop_name.clone(),
    }
}

/// Which way a new shop is heading before its first step is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Undecided,
    Own,
    Team,
}

#[component]
pub fn FirstRun() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let Setup(setup) = expect_context::<Setup>();
    let choice = RwSignal::new(Choice::Undecided);
    let toggle_lang = move |_| {
        ctx.lang.update(|l| {
            *l = match l {
                Lang::Ru => Lang::En,
                Lang::En => Lang::Ru,
            }
        })
    };
    let body = move || {
        let Some(view) = setup.get() else {
            return ().into_any();
        };
        match (view.kind, view.step, choice.get()) {
            (SetupKind::New, _, Choice::Undecided) => view! { <Choose choice/> }.into_any(),
            (SetupKind::New, _, Choice::Own) => view! { <NameStep choice/> }.into_any(),
            (SetupKind::New, _, Choice::Team) => view! { <TeamStep choice/> }.into_any(),
            (_, SetupStep::Requisites, _) => view! { <RequisitesStep/> }.into_any(),
            (_, SetupStep::Workflow, _) => view! { <WorkflowStep/> }.into_any(),
            (_, SetupStep::Methods, _) => view! { <MethodsStep/> }.into_any(),
            (_, SetupStep::Admin, _) => view! { <AdminStep/> }.into_any(),
            _ => ().into_any(),
        }
    };
    view! {
        <div class="desk first-run" id="first-run">
            <header class="topbar">
                <span class="brand">"OrderDesk"</span>
                <span class="spacer"></span>
                <button class="lang" id="switch-lang" on:click=toggle_lang>
                    {move || t(ctx.lang.get(), Key::SwitchLanguage)}
                </button>
            </header>
            <crate::app::ErrorBanner/>
            <main class="first-run-body">{body}</main>
        </div>
    }
}

/// Applies a step's answer: the next step, or the refusal beside the step's field or button
/// (issue 15, point 10); the banner keeps only what is not about the step's input.
fn answered(
    ctx: Ctx,
    setup: RwSignal<Option<ShopSetupView>>,
    refused: Refused,
    r: Result<ShopSetupView, CommandError>,
) {
    match r {
        Ok(view) => {
            refused.clear();
            ctx.error.set(None);
            setup.set(Some(view));
            ctx.changed();
        }
        Err(e) => {
            if !refused.keep_input(e.clone()) {
                ctx.fail(e)
            }
        }
    }
}

#[component]
fn Choose(choice: RwSignal<Choice>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let Setup(setup) = expect_context::<Setup>();
    let busy = RwSignal::new(false);
    let refused = Refused::new(&[]);
    let demo = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            answered(ctx, setup, refused, api::open_demo_shop().await);
            busy.set(false);
        });
    };
    move || {
        let lang = ctx.lang.get();
        view! {
            <section class="setup-card">
                <h1>{t(lang, Key::FirstRunTitle)}</h1>
                <p class="muted">{t(lang, Key::FirstRunHint)}</p>
                <div class="setup-choices">
                    <div class="setup-choice">
                        <button class="primary" id="first-run-own" on:click=move |_| choice.set(Choice::Own)>
                            {t(lang, Key::StartOwnShop)}
                        </button>
                        <p class="muted">{t(lang, Key::StartOwnShopHint)}</p>
                    </div>
                    <div class="setup-choice">
                        <button class="primary" id="first-run-team" on:click=move |_| choice.set(Choice::Team)>
                            {t(lang, Key::JoinExistingTeam)}
                        </button>
                        <p class="muted">{t(lang, Key::JoinExistingTeamHint)}</p>
                    </div>
                    <div class="setup-choice">
                        <button id="first-run-demo" prop:disabled=move || busy.get() on:click=demo>
                            {t(lang, Key::OpenDemo)}
                        </button>
                        <p class="muted">{t(lang, Key::OpenDemoHint)}</p>
                        {refused.at_action(lang, "first-run-demo")}
                    </div>
                </div>
            </section>
        }
    }
}

/// The step's place in the four, as a heading.
fn step_title(lang: Lang, number: u8, key: Key) -> String {
    format!(
        "{} {number} / 5 · {}",
        t(lang, Key::SetupStep),
        t(lang, key)
    )
}

#[component]
fn NameStep(choice: RwSignal<Choice>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let Setup(setup) = expect_context::<Setup>();
    let name = RwSignal::new(String::new());
    let refused = Refused::new(&["name"]);
    let next = move || {
        let value = name.get_untracked();
        leptos::task::spawn_local(async move {
            answered(ctx, setup, refused, api::start_own_shop(value).await);
        });
    };
    move || {
        let lang = ctx.lang.get();
        view! {
            <section class="setup-card">
                <h2>{step_title(lang, 1, Key::ShopName)}</h2>
                <div class="form">
                    <label>{t(lang, Key::ShopName)}
                        <input id="shop-name-input" prop:value=move || name.get()
                            aria-invalid=refused.invalid("name")
                            on:input=move |ev| { refused.typed("name"); name.set(event_target_value(&ev)) }
                            on:keydown=move |ev| if ev.key() == "Enter" { next() }/>
                        {refused.note(lang, "name", "shop-name-input")}
                    </label>
                    <p class="muted">{t(lang, Key::ShopNameHint)}</p>
                    <div class="row">
                        <button id="setup-back" on:click=move |_| choice.set(Choice::Undecided)>{t(lang, Key::Back)}</button>
                        " "
                        <button class="primary" id="start-own" on:click=move |_| next()>{t(lang, Key::Next)}</button>
                    </div>
                    {refused.at_action(lang, "start-own")}
                </div>
            </section>
        }
    }
}

#[component]
fn TeamStep(choice: RwSignal<Choice>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let Setup(setup) = expect_context::<Setup>();
    let url = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let refused = Refused::new(&["url", "token"]);
    // The existing join: the hub's shop, its people and settings come with it.
    let join = move |_| {
        let (u, k) = (url.get_untracked(), token.get_untracked());
        busy.set(true);
        leptos::task::spawn_local(async move {
            match crate::api_team::join_team(u, k).await {
                Ok(_) => answered(ctx, setup, refused, api::shop_setup().await),
                Err(e) => {
                    if !refused.keep_input(e.clone()) {
                        ctx.fail(e)
                    }
                }
            }
            busy.set(false);
        });
    };
    move || {
        let lang = ctx.lang.get();
        view! {
            <section class="setup-card">
                <h2>{t(lang, Key::JoinExistingTeam)}</h2>
                <div class="form">
                    <p class="muted">{t(lang, Key::JoinExistingTeamHint)}</p>
                    {hub_fields(lang, url, token, refused)}
                    <div class="row">
                        <button id="setup-back" on:click=move |_| choice.set(Choice::Undecided)>{t(lang, Key::Back)}</button>
                        " "
                        <button class="primary" id="join-team" prop:disabled=move || busy.get() on:click=join>{t(lang, Key::JoinTeam)}</button>
                    </div>
                    {refused.at_action(lang, "join-team")}
                </div>
            </section>
        }
    }
}

#[component]
fn RequisitesStep() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let Setup(setup) = expect_context::<Setup>();
    let refused = Refused::new(&[]);
    let next = move || {
        leptos::task::spawn_local(async move {
            answered(ctx, setup, refused, api::finish_requisites_step().await);
        });
    };
    let saved = Callback::new(move |()| next());
    move || {
        let lang = ctx.lang.get();
        view! {
            <section class="setup-card wide">
                <h2>{step_title(lang, 2, Key::SettingsRequisites)}</h2>
                <p class="muted">{t(lang, Key::SetupRequisitesHint)}</p>
                <RequisitesForm on_saved=saved/>
                <div class="row">
                    <button id="skip-requisites" on:click=move |_| next()>{t(lang, Key::SkipForNow)}</button>
                </div>
                {refused.at_action(lang, "skip-requisites")}
            </section>
        }
    }
}

fn template_name(lang: Lang, template: WorkflowTemplate) -> &'static str {
    t(
        lang,
        match template {
            WorkflowTemplate::Courier => Key::TemplateCourier,
            WorkflowTemplate::Marketplace => Key::TemplateMarketplace,
            WorkflowTemplate::Pickup => Key::TemplatePickup,
        },
    )
}

fn template_id(template: WorkflowTemplate) -> &'static str {
    match template {
        WorkflowTemplate::Courier => "template-courier",
        WorkflowTemplate::Marketplace => "template-marketplace",
        WorkflowTemplate::Pickup => "template-pickup",
    }
}

#[component]
fn WorkflowStep() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let Setup(setup) = expect_context::<Setup>();
    let templates = RwSignal::new(Vec::<WorkflowTemplateView>::new());
    leptos::task::spawn_local(async move {
        match api::workflow_templates().await {
            Ok(list) => templates.set(list),
            Err(e) => ctx.fail(e),
        }
    });
    let refused = Refused::new(&[]);
    let choose = move |template| {
        leptos::task::spawn_local(async move {
            answered(
                ctx,
                setup,
                refused,
                api::choose_workflow_template(template).await,
            );
        });
    };
    move || {
        let lang = ctx.lang.get();
        let cards = templates
            .get()
            .into_iter()
            .map(|view| {
                let template = view.template;
                view! {
                    <div class="setup-choice">
                        <button class="primary" id=template_id(template) on:click=move |_| choose(template)>
                            {template_name(lang, template)}
                        </button>
                        // Stage names are the shop's data, shown as text.
                        <p class="muted">{view.stages.join(" → ")}</p>
                    </div>
                }
            })
            .collect_view();
        view! {
            <section class="setup-card wide">
                <h2>{step_title(lang, 3, Key::SetupWorkflow)}</h2>
                <p class="muted">{t(lang, Key::SetupWorkflowHint)}</p>
                <div class="setup-choices">{cards}</div>
                {refused.at_action(lang, "workflow-template")}
            </section>
        }
    }
}

/// «Доставка и оплата»: the settings' own form (saved by its own button, as the shop's op);
/// «Далее» moves on, with the template's tariffs if nothing was saved.
#[component]
fn MethodsStep() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let Setup(setup) = expect_context::<Setup>();
    let refused = Refused::new(&[]);
    let next = move || {
        leptos::task::spawn_local(async move {
            answered(ctx, setup, refused, api::finish_methods_step().await);
        });
    };
    move || {
        let lang = ctx.lang.get();
        view! {
            <section class="setup-card wide">
                <h2>{step_title(lang, 4, Key::SettingsDeliveryPayment)}</h2>
                <p class="muted">{t(lang, Key::SetupMethodsHint)}</p>
                <DeliveryPaymentSettings/>
                <div class="row">
                    <button class="primary" id="finish-methods" on:click=move |_| next()>{t(lang, Key::Next)}</button>
                </div>
                {refused.at_action(lang, "finish-methods")}
            </section>
        }
    }
}

#[component]
fn AdminStep() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let Setup(setup) = expect_context::<Setup>();
    let name = RwSignal::new(String::new());
    let pin = RwSignal::new(String::new());
    let refused = Refused::new(&["name", "pin"]);
    let finish = move || {
        let (value, pin) = (name.get_untracked(), pin.get_untracked());
        leptos::task::spawn_local(async move {
            answered(ctx, setup, refused, api::set_first_admin(value, pin).await);
        });
    };
    move || {
        let lang = ctx.lang.get();
        view! {
            <section class="setup-card">
                <h2>{step_title(lang, 5, Key::FirstAdmin)}</h2>
                <div class="form">
                    <label>{t(lang, Key::FirstAdminName)}
                        <input id="admin-name" prop:value=move || name.get()
                            aria-invalid=refused.invalid("name")
                            on:input=move |ev| { refused.typed("name"); name.set(event_target_value(&ev)) }
                            on:keydown=move |ev| if ev.key() == "Enter" { finish() }/>
                        {refused.note(lang, "name", "admin-name")}
                    </label>
                    <p class="muted">{t(lang, Key::FirstAdminHint)}</p>
                    <label>{staff(lang, Staff::AdminPin)}
                        <input id="admin-pin" type="password" autocomplete="new-password"
                            prop:value=move || pin.get()
                            aria-invalid=refused.invalid("pin")
                            on:input=move |ev| { refused.typed("pin"); pin.set(event_target_value(&ev)) }
                            on:keydown=move |ev| if ev.key() == "Enter" { finish() }/>
                        {refused.note(lang, "pin", "admin-pin")}
                    </label>
                    <p class="muted">{staff(lang, Staff::AdminPinHint)}</p>
                    <div class="row">
                        <button class="primary" id="finish-setup" on:click=move |_| finish()>{t(lang, Key::FinishSetup)}</button>
                    </div>
                    {refused.at_action(lang, "finish-setup")}
                </div>
            </section>
        }
    }
}
