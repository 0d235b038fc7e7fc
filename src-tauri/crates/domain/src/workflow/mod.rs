//! The workflow is data: a shop edits its stages, and the rules below read whatever it has.

mod edit;
mod guards;
mod roles;
mod template;

use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use crate::methods::{DeliveryMethod, PaymentMethod};

pub use edit::{WorkflowEdit, WorkflowError};
pub use guards::{Guard, StageGuards};
pub use roles::{Responsible, Transition};
pub use template::WorkflowTemplate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    Normal,
    /// The order is done; nothing follows.
    Final,
    /// Off every route: an order gets here only by being cancelled.
    Cancelled,
}

impl StageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StageKind::Normal => "normal",
            StageKind::Final => "final",
            StageKind::Cancelled => "cancelled",
        }
    }

    pub fn parse(text: &str) -> Option<StageKind> {
        match text {
            "normal" => Some(StageKind::Normal),
            "final" => Some(StageKind::Final),
            "cancelled" => Some(StageKind::Cancelled),
            _ => None,
        }
    }
}

/// Which orders pass through a stage. `None` admits every method; `Some` only those listed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RouteRule {
    pub delivery: Option<Vec<DeliveryMethod>>,
    pub payment: Option<Vec<PaymentMethod>>,
}

impl RouteRule {
    pub const ANY: RouteRule = RouteRule {
        delivery: None,
        payment: None,
    };

    pub fn admits(&self, delivery: DeliveryMethod, payment: PaymentMethod) -> bool {
        let delivery_ok = self.delivery.as_ref().is_none_or(|d| d.contains(&delivery));
        let payment_ok = self.payment.as_ref().is_none_or(|p| p.contains(&payment));
        delivery_ok && payment_ok
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    /// Stable id (`"picking"`); the name may be renamed by the admin, the id never changes.
    pub id: String,
    pub name: String,
    pub position: i32,
    pub kind: StageKind,
    pub time_limit: Option<SignedDuration>,
    /// While paused, orders here have no deadline (e.g. waiting on the customer).
    pub clock_paused: bool,
    pub route: RouteRule,
    /// Who works the orders here: their "my queue" lists this stage.
    #[serde(default)]
    pub responsible: Responsible,
    /// What an order must meet to leave or enter, and whether its bill is frozen here.
    #[serde(default)]
    pub guards: StageGuards,
}

impl Stage {
    /// When an order entering at `entered_at` becomes overdue; `None` if the clock does not run.
    pub fn deadline(&self, entered_at: Timestamp) -> Option<Timestamp> {
        if self.clock_paused {
            return None;
        }
        entered_at.checked_add(self.time_limit?).ok()
    }

    pub fn is_closed(&self) -> bool {
        self.kind != StageKind::Normal
    }

    /// Whether an order with these methods passes through this stage when moving forward.
    pub fn is_on_route(&self, delivery: DeliveryMethod, payment: PaymentMethod) -> bool {
        self.kind != StageKind::Cancelled && self.route.admits(delivery, payment)
    }
}

/// Where an order sits: its stage, since when, and until when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StagePosition {
    pub stage_id: String,
    pub entered_at: Timestamp,
    pub deadline: Option<Timestamp>,
}

/// The stages of one shop, kept sorted by position.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workflow {
    stages: Vec<Stage>,
    /// Moves allowed per role besides the administrator's (who may make any valid move).
    transitions: Vec<Transition>,
    /// Stages the administrator removed; orders still in one are flagged until moved out.
    #[serde(default)]
    retired: Vec<Stage>,
}

impl Workflow {
    /// A workflow where only the administrator may move orders; add rules with
    /// [`Workflow::with_transitions`].
    pub fn new(mut stages: Vec<Stage>) -> Workflow {
        stages.sort_by_key(|s| s.position);
        Workflow {
            stages,
            transitions: Vec::new(),
            retired: Vec::new(),
        }
    }

    pub fn with_transitions(mut self, transitions: Vec<Transition>) -> Workflow {
        self.transitions = transitions;
        self
    }

    pub fn transitions(&self) -> &[Transition] {
        &self.transitions
    }

    pub fn stages(&self) -> &[Stage] {
        &self.stages
    }

    pub fn stage(&self, id: &str) -> Option<&Stage> {
        self.stages.iter().find(|s| s.id == id)
    }

    /// The first stage a new order enters on its route.
    pub fn first_stage(&self, delivery: DeliveryMethod, payment: PaymentMethod) -> Option<&Stage> {
        self.stages
            .iter()
            .find(|s| s.is_on_route(delivery, payment))
    }

    /// The stage "move to the next stage" leads to: the next one by position whose route rule
    /// admits the order. `None` from a final or cancelled stage, or from an unknown one.
    pub fn next_stage(
        &self,
        current: &str,
        delivery: DeliveryMethod,
        payment: PaymentMethod,
    ) -> Option<&Stage> {
        // A removed stage keeps its last position, so its orders continue from where it was.
        let here = self
            .stage(current)
            .or_else(|| self.retired_stage(current))?;
        if here.is_closed() {
            return None;
        }
        self.stages
            .iter()
            .filter(|s| s.position > here.position)
            .find(|s| s.is_on_route(delivery, payment))
    }

    /// The stages an order with these methods passes, from its first stage to a final one.
    pub fn route(&self, delivery: DeliveryMethod, payment: PaymentMethod) -> Vec<&Stage> {
        let mut route = Vec::new();
        let mut next = self.first_stage(delivery, payment);
        while let Some(stage) = next {
            route.push(stage);
            next = self.next_stage(&stage.id, delivery, payment);
        }
        route
    }
}

#[cfg(test)]
mod tests;
