//! The administrator's workflow editor: the stages as the settings screen shows them and the
//! edits it sends.

use serde::{Deserialize, Serialize};

use crate::display::rules::StageGuardsView;
use crate::edit::Role;
use crate::queue::{DeliveryMethod, PaymentMethod, StageKind};
use crate::UnixMs;

/// One stage in the editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageSettings {
    pub id: String,
    pub name: String,
    pub position: i32,
    pub kind: StageKind,
    /// `None`: no time limit.
    pub time_limit_minutes: Option<i64>,
    pub clock_paused: bool,
    /// `None`: every delivery method passes the stage.
    pub route_delivery: Option<Vec<DeliveryMethod>>,
    /// `None`: every payment method passes the stage.
    pub route_payment: Option<Vec<PaymentMethod>>,
    pub responsible_roles: Vec<Role>,
    /// User ids, as signed in at the desk.
    pub responsible_users: Vec<String>,
    /// Orders in the stage now.
    pub orders: u32,
    /// What the stage asks of its orders. Default: a desk from before guards sends none.
    #[serde(default)]
    pub guards: StageGuardsView,
}

/// One line of the workflow's change log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowChange {
    pub at: UnixMs,
    pub actor: String,
    /// The edit's code, e.g. `rename_stage`.
    pub kind: String,
    pub stage: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkflowSettings {
    pub stages: Vec<StageSettings>,
    /// Removed stages that orders still sit in.
    pub removed: Vec<StageSettings>,
    /// Newest first.
    pub changes: Vec<WorkflowChange>,
}

/// An edit from the settings screen. A new stage's id is made by the desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "edit", rename_all = "snake_case")]
pub enum WorkflowEditInput {
    AddStage {
        name: String,
        /// Insert after this stage; `None` puts it first.
        after: Option<String>,
        time_limit_minutes: Option<i64>,
    },
    Rename {
        stage: String,
        name: String,
    },
    /// To `index` among the working stages (0 = first).
    Reorder {
        stage: String,
        index: u32,
    },
    Remove {
        stage: String,
    },
    SetLimit {
        stage: String,
        time_limit_minutes: Option<i64>,
        clock_paused: bool,
    },
    SetResponsible {
        stage: String,
        roles: Vec<Role>,
        users: Vec<String>,
    },
    SetRoute {
        stage: String,
        delivery: Option<Vec<DeliveryMethod>>,
        payment: Option<Vec<PaymentMethod>>,
    },
    SetGuards {
        stage: String,
        guards: StageGuardsView,
    },
}
