//! The administrator's workflow editor.

use domain::{Responsible, RouteRule, Stage, StageGuards, WorkflowEdit};
use jiff::{SignedDuration, Timestamp};
use store::NewWorkflowEdit;
use uuid::Uuid;

use crate::convert::{role, to_delivery, to_payment, to_role};
use crate::{view, Desk, DeskError};

/// Workflow changes listed under the editor.
const CHANGES_SHOWN: u32 = 50;

impl Desk {
    /// The stages as the editor shows them, with how many orders sit in each.
    pub fn workflow_settings(&self, now: Timestamp) -> Result<proto::WorkflowSettings, DeskError> {
        let workflow = self.store.workflow()?;
        let counts = self.store.stage_counts(now)?;
        let count = |id: &str| {
            counts
                .iter()
                .find(|c| c.stage_id == id)
                .map_or(0, |c| c.count)
        };
        let settings = |s: &Stage| stage_settings(s, count(&s.id));
        let changes = self
            .store
            .workflow_ops(CHANGES_SHOWN)?
            .into_iter()
            .map(|op| {
                let stage = op
                    .after
                    .as_deref()
                    .or(op.before.as_deref())
                    .and_then(|json| serde_json::from_str::<Stage>(json).ok())
                    .map_or_else(String::new, |s| s.name);
                proto::WorkflowChange {
                    at: op.at.as_millisecond(),
                    actor: op.actor_name,
                    kind: op.kind,
                    stage,
                }
            })
            .collect();
        Ok(proto::WorkflowSettings {
            stages: workflow.stages().iter().map(settings).collect(),
            removed: workflow
                .retired()
                .iter()
                .map(settings)
                .filter(|s| s.orders > 0)
                .collect(),
            changes,
        })
    }

    /// The shop's bounds of a line's quantity and amount.
    pub fn input_limits(&self) -> Result<proto::display::rules::InputLimitsView, DeskError> {
        let limits = self.store.shop()?.limits;
        Ok(proto::display::rules::InputLimitsView {
            max_quantity: limits.max_quantity.0,
            max_line_amount: limits.max_line_amount.0,
        })
    }

    /// Sets the bounds (administrators only), as a shop op: the team's other PCs and its hub
    /// judge order ops against the same bounds.
    pub fn set_input_limits(
        &self,
        limits: proto::display::rules::InputLimitsView,
        now: Timestamp,
    ) -> Result<proto::display::rules::InputLimitsView, DeskError> {
        self.writable()?;
        if self.actor().role != domain::Role::Admin {
            return Err(DeskError::AdminOnly(proto::AdminTask::InputLimits));
        }
        let limits = domain::InputLimits {
            max_quantity: domain::Quantity(limits.max_quantity),
            max_line_amount: domain::Kopecks(limits.max_line_amount),
        }
        .validated()
        .map_err(crate::refusal::rules::input)?;
        self.store.record_shop_op(store::NewShopOp {
            id: uuid::Uuid::now_v7(),
            actor: self.actor(),
            at: now,
            op: domain::ShopOp::SetInputLimits { limits },
        })?;
        self.nudge_sync();
        self.input_limits()
    }

    /// Applies one edit made in the editor (administrators only) and returns the new settings.
    pub fn edit_workflow(
        &self,
        input: proto::WorkflowEditInput,
        now: Timestamp,
    ) -> Result<proto::WorkflowSettings, DeskError> {
        let edit = to_edit(input)?;
        self.writable()?;
        self.store.edit_workflow(NewWorkflowEdit {
            id: Uuid::now_v7(),
            actor: self.actor(),
            at: now,
            edit,
        })?;
        self.nudge_sync();
        self.workflow_settings(now)
    }
}

fn stage_settings(s: &Stage, orders: u32) -> proto::StageSettings {
    proto::StageSettings {
        id: s.id.clone(),
        name: s.name.clone(),
        position: s.position,
        kind: view::stage_kind(s.kind),
        time_limit_minutes: s.time_limit.map(|d| d.as_secs() / 60),
        clock_paused: s.clock_paused,
        route_delivery: s
            .route
            .delivery
            .as_ref()
            .map(|d| d.iter().map(|m| view::delivery(*m)).collect()),
        route_payment: s
            .route
            .payment
            .as_ref()
            .map(|p| p.iter().map(|m| view::payment(*m)).collect()),
        responsible_roles: s.responsible.roles.iter().map(|r| role(*r)).collect(),
        responsible_users: s.responsible.users.clone(),
        orders,
        guards: proto::display::rules::StageGuardsView {
            paid_to_leave: s.guards.paid_to_leave,
            address_to_enter: s.guards.address_to_enter,
            locked: s.guards.locked,
        },
    }
}

fn limit(minutes: Option<i64>) -> Result<Option<SignedDuration>, DeskError> {
    minutes
        .map(|m| {
            m.checked_mul(60)
                .map(SignedDuration::from_secs)
                .ok_or(DeskError::Input(proto::InputProblem::StageLimitMinutes {
                    minutes: m,
                }))
        })
        .transpose()
}

fn to_edit(input: proto::WorkflowEditInput) -> Result<WorkflowEdit, DeskError> {
    use proto::WorkflowEditInput as In;
    Ok(match input {
        In::AddStage {
            name,
            after,
            time_limit_minutes,
        } => WorkflowEdit::AddStage {
            // Made here, on the PC where the stage was added, so the edit replays the same.
            id: format!("s{}", Uuid::now_v7().simple()),
            name,
            after,
            time_limit: limit(time_limit_minutes)?,
        },
        In::Rename { stage, name } => WorkflowEdit::Rename { stage, name },
        In::Reorder { stage, index } => WorkflowEdit::Reorder {
            stage,
            index: index as usize,
        },
        In::Remove { stage } => WorkflowEdit::Remove { stage },
        In::SetLimit {
            stage,
            time_limit_minutes,
            clock_paused,
        } => WorkflowEdit::SetLimit {
            stage,
            time_limit: limit(time_limit_minutes)?,
            clock_paused,
        },
        In::SetResponsible {
            stage,
            roles,
            users,
        } => WorkflowEdit::SetResponsible {
            stage,
            responsible: Responsible {
                roles: roles.into_iter().map(to_role).collect(),
                users,
            },
        },
        In::SetRoute {
            stage,
            delivery,
            payment,
        } => WorkflowEdit::SetRoute {
            stage,
            route: RouteRule {
                delivery: delivery.map(|d| d.into_iter().map(to_delivery).collect()),
                payment: payment.map(|p| p.into_iter().map(to_payment).collect()),
            },
        },
        In::SetGuards { stage, guards } => WorkflowEdit::SetGuards {
            stage,
            guards: StageGuards {
                paid_to_leave: guards.paid_to_leave,
                address_to_enter: guards.address_to_enter,
                locked: guards.locked,
            },
        },
    })
}
