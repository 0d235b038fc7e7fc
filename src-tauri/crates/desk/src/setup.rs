//! The first run: the demo shop (opt-in), a shop of its own set up step by step, or a team's
//! (through [`Desk::join_team`]). A shop is new until one of them is chosen; see
//! [`store::ShopSetup`].

use std::sync::PoisonError;

use domain::WorkflowTemplate;
use jiff::Timestamp;
use proto::{InputField, InputProblem, SetupStage};
use store::{OwnStep, SetupChoice, SetupOp, SetupOutcome, ShopSetup};
use uuid::Uuid;

use crate::{demo, Desk, DeskError};

/// Meta key marking the demo requisites as given, so a demo shop that clears them is not
/// given them back, and one made before requisites existed gets them once.
const DEMO_REQUISITES: &str = "demo_requisites";
/// Longer names are a paste gone wrong, not a shop or a person.
const NAME_MAX_CHARS: usize = 200;

impl Desk {
    /// What the first run made of this shop; [`proto::SetupKind::New`] until something was
    /// chosen.
    pub fn shop_setup(&self) -> Result<proto::ShopSetupView, DeskError> {
        Ok(view(self.store.shop_setup()?, self.store.shop_name()?))
    }

    /// «Открыть демо-магазин»: about 300 orders of an invented shop, its customers, products
    /// and requisites, placed around `now`. Only a new shop becomes the demo.
    pub fn open_demo_shop(&self, now: Timestamp) -> Result<proto::ShopSetupView, DeskError> {
        let workflow = self.store.workflow()?;
        let seed = demo::shop(now, &workflow);
        self.take(
            SetupChoice::Demo {
                seed: Box::new(seed),
                requisites: Box::new(demo::requisites()),
            },
            now,
        )?;
        self.store
            .seed_once(DEMO_REQUISITES, store::Seed::default())?;
        self.shop_setup()
    }

    /// «Начать свой магазин» under `name` (what the window and the staff call it; the legal
    /// name is the requisites'). Next: the requisites.
    pub fn start_own_shop(
        &self,
        name: &str,
        now: Timestamp,
    ) -> Result<proto::ShopSetupView, DeskError> {
        let name = checked_name(name, InputField::ShopName)?;
        self.take(SetupChoice::StartOwn { name }, now)?;
        self.shop_setup()
    }

    /// The requisites step is over: saved with [`Desk::set_requisites`] or left for the
    /// settings. Next: the workflow.
    pub fn finish_requisites_step(
        &self,
        now: Timestamp,
    ) -> Result<proto::ShopSetupView, DeskError> {
        self.take(SetupChoice::RequisitesDone, now)?;
        self.shop_setup()
    }

    /// The templates a new shop may start from, each with its stages' names.
    pub fn workflow_templates(&self) -> Vec<proto::WorkflowTemplateView> {
        WorkflowTemplate::ALL
            .into_iter()
            .map(|t| proto::WorkflowTemplateView {
                template: template_view(t),
                stages: t
                    .workflow()
                    .stages()
                    .iter()
                    .map(|s| s.name.clone())
                    .collect(),
            })
            .collect()
    }

    /// The shop's stages become the template's (only while it has no orders). Next: delivery
    /// and payment.
    pub fn choose_workflow_template(
        &self,
        template: proto::WorkflowTemplate,
        now: Timestamp,
    ) -> Result<proto::ShopSetupView, DeskError> {
        let template = to_template(template);
        self.take(
            SetupChoice::Workflow {
                template: template.as_str().to_owned(),
                workflow: template.workflow(),
            },
            now,
        )?;
        self.shop_setup()
    }

    /// The delivery and payment step is over: saved with [`Desk::set_delivery_payment`] or
    /// the template's kept. Next: the first administrator.
    pub fn finish_methods_step(&self, now: Timestamp) -> Result<proto::ShopSetupView, DeskError> {
        self.take(SetupChoice::MethodsDone, now)?;
        self.shop_setup()
    }

    /// The shop's first administrator: a person with the admin role and `pin` (a PIN or a
    /// password), signed in at this PC from now on. The setup is then complete.
    pub fn set_first_admin(
        &self,
        name: &str,
        pin: &str,
        now: Timestamp,
    ) -> Result<proto::ShopSetupView, DeskError> {
        let name = checked_name(name, InputField::AdminName)?;
        let person_id = Uuid::now_v7();
        self.take(
            SetupChoice::FirstAdmin {
                name: name.clone(),
                person_id,
                pin_hash: crate::people::pin::hash(pin)?,
            },
            now,
        )?;
        // Just chosen here: no PIN is asked again.
        self.signed_in_after_setup(person_id)?;
        self.shop_setup()
    }

    /// A demo shop's products and orders would reach the team's hub as real ones.
    pub(crate) fn refuse_demo_in_team(&self) -> Result<(), DeskError> {
        if self.store.shop_setup()? == ShopSetup::Demo {
            return Err(InputProblem::DemoNotInTeam.into());
        }
        Ok(())
    }

    /// What opening does beyond the database: the demo when asked for (a new shop only),
    /// the demo requisites for a demo shop made before they existed, and the administrator
    /// named on the first run as the one acting.
    pub(crate) fn after_open(&self, demo: bool, now: Timestamp) -> Result<(), DeskError> {
        let setup = self.store.shop_setup()?;
        if demo && setup == ShopSetup::New {
            self.open_demo_shop(now)?;
        } else if setup == ShopSetup::Demo && !self.store.is_seeded(DEMO_REQUISITES)? {
            if self.store.requisites()?.is_none() {
                self.store.set_requisites(demo::requisites(), now)?;
            }
            self.store
                .seed_once(DEMO_REQUISITES, store::Seed::default())?;
        }
        if let Some(name) = self.store.first_admin()? {
            self.act_as_admin(name);
        }
        self.resume_session()
    }

    fn act_as_admin(&self, name: String) {
        let mut actor = self.actor.write().unwrap_or_else(PoisonError::into_inner);
        if actor.role == domain::Role::Admin {
            actor.name = name;
        }
    }

    fn take(&self, choice: SetupChoice, now: Timestamp) -> Result<ShopSetup, DeskError> {
        self.writable()?;
        let op = SetupOp {
            id: Uuid::now_v7(),
            actor: self.actor(),
            at: now,
            choice,
        };
        match self.store.set_up(op)? {
            SetupOutcome::Done(next) => Ok(next),
            SetupOutcome::OutOfTurn(now) => Err(InputProblem::SetupOutOfTurn {
                now: out_of_turn(now),
            }
            .into()),
        }
    }
}

fn out_of_turn(now: ShopSetup) -> SetupStage {
    match now {
        ShopSetup::New => SetupStage::New,
        ShopSetup::Demo => SetupStage::Demo,
        ShopSetup::Team => SetupStage::Team,
        ShopSetup::Own(OwnStep::Done) => SetupStage::Done,
        ShopSetup::Own(OwnStep::Workflow) => SetupStage::Workflow,
        ShopSetup::Own(_) => SetupStage::OtherStep,
    }
}

pub(crate) fn checked_name(name: &str, field: InputField) -> Result<String, DeskError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(InputProblem::Empty { field }.into());
    }
    if name.chars().count() > NAME_MAX_CHARS {
        return Err(InputProblem::TooLong {
            field,
            max: NAME_MAX_CHARS as u32,
        }
        .into());
    }
    Ok(name.to_owned())
}

fn view(setup: ShopSetup, shop_name: Option<String>) -> proto::ShopSetupView {
    use proto::{SetupKind, SetupStep};
    let (kind, step) = match setup {
        ShopSetup::New => (SetupKind::New, SetupStep::Done),
        ShopSetup::Demo => (SetupKind::Demo, SetupStep::Done),
        ShopSetup::Team => (SetupKind::Team, SetupStep::Done),
        ShopSetup::Own(step) => (
            SetupKind::Own,
            match step {
                OwnStep::Requisites => SetupStep::Requisites,
                OwnStep::Workflow => SetupStep::Workflow,
                OwnStep::Methods => SetupStep::Methods,
                OwnStep::Admin => SetupStep::Admin,
                OwnStep::Done => SetupStep::Done,
            },
        ),
    };
    proto::ShopSetupView {
        kind,
        step,
        shop_name,
    }
}

fn template_view(t: WorkflowTemplate) -> proto::WorkflowTemplate {
    match t {
        WorkflowTemplate::Courier => proto::WorkflowTemplate::Courier,
        WorkflowTemplate::Marketplace => proto::WorkflowTemplate::Marketplace,
        WorkflowTemplate::Pickup => proto::WorkflowTemplate::Pickup,
    }
}

fn to_template(t: proto::WorkflowTemplate) -> WorkflowTemplate {
    match t {
        proto::WorkflowTemplate::Courier => WorkflowTemplate::Courier,
        proto::WorkflowTemplate::Marketplace => WorkflowTemplate::Marketplace,
        proto::WorkflowTemplate::Pickup => WorkflowTemplate::Pickup,
    }
}
