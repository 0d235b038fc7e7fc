//! Who may move orders where, and who is responsible for a stage.

use serde::{Deserialize, Serialize};

use super::{Stage, StageKind, Workflow};
use crate::methods::Role;
use crate::op::{OpError, OrderState};

/// The people who work a stage's orders: everyone with one of `roles`, plus `users` by id.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Responsible {
    pub roles: Vec<Role>,
    pub users: Vec<String>,
}

impl Responsible {
    pub fn includes(&self, role: Role, user_id: &str) -> bool {
        self.roles.contains(&role) || self.users.iter().any(|u| u == user_id)
    }
}

/// One allowed move for a role; `None` on either side means any stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Transition {
    pub role: Role,
    pub from: Option<String>,
    pub to: Option<String>,
}

impl Transition {
    fn allows(&self, role: Role, from: &str, to: &str) -> bool {
        self.role == role
            && self.from.as_deref().is_none_or(|f| f == from)
            && self.to.as_deref().is_none_or(|t| t == to)
    }
}

impl Workflow {
    /// Whether `role` may move an order from `from` to `to`. The administrator may make any
    /// move the route allows: a shop must never lock its owner out of its own orders.
    pub fn may_move(&self, role: Role, from: &str, to: &str) -> bool {
        role == Role::Admin || self.transitions.iter().any(|t| t.allows(role, from, to))
    }

    /// Refuses a move `role` may not make, with the stages named for the message.
    pub fn check_move(&self, role: Role, from: &str, to: &str) -> Result<(), OpError> {
        if self.may_move(role, from, to) {
            Ok(())
        } else {
            Err(OpError::RoleForbidden {
                role,
                from: from.to_owned(),
                to: to.to_owned(),
            })
        }
    }

    /// Where "move to stage `to`" may take this order: a stage on its route (never one whose
    /// rule excludes its delivery or payment method), not the one it is in, not cancellation
    /// (that is its own action), and never out of a closed stage.
    pub fn move_target(&self, order: &OrderState, to: &str) -> Result<&Stage, OpError> {
        let current = self.open_stage(order)?;
        let target = self
            .stage(to)
            .ok_or_else(|| OpError::UnknownStage(to.to_owned()))?;
        if target.id == current.id || target.kind == StageKind::Cancelled {
            return Err(OpError::NotNextOnRoute {
                from: current.id.clone(),
                to: to.to_owned(),
            });
        }
        if !target.is_on_route(order.delivery, order.payment) {
            return Err(OpError::OffRoute {
                stage: target.id.clone(),
            });
        }
        Ok(target)
    }

    /// The cancellation stage, for an order not yet closed.
    pub fn cancel_target(&self, order: &OrderState) -> Result<&Stage, OpError> {
        self.open_stage(order)?;
        self.stages
            .iter()
            .find(|s| s.kind == StageKind::Cancelled)
            .ok_or_else(|| OpError::UnknownStage("cancelled".to_owned()))
    }

    /// Every stage `role` may move this order to right now, by position.
    pub fn allowed_moves(&self, order: &OrderState, role: Role) -> Vec<&Stage> {
        let from = &order.position.stage_id;
        let mut out: Vec<&Stage> = self
            .stages
            .iter()
            .filter(|s| self.move_target(order, &s.id).is_ok())
            .chain(self.cancel_target(order).ok())
            .filter(|s| self.may_move(role, from, &s.id))
            .collect();
        out.dedup_by(|a, b| a.id == b.id);
        out
    }

    /// Where "move to the next stage" takes this order, or why it cannot move.
    pub fn advance_target(&self, order: &OrderState) -> Result<&Stage, OpError> {
        let current = &order.position.stage_id;
        self.open_stage(order)?;
        self.next_stage(current, order.delivery, order.payment)
            .ok_or_else(|| OpError::EndOfRoute {
                stage: current.clone(),
            })
    }

    fn open_stage(&self, order: &OrderState) -> Result<&Stage, OpError> {
        let current = &order.position.stage_id;
        // An order left in a removed stage may still be moved out of it.
        let stage = self
            .stage(current)
            .or_else(|| self.retired_stage(current))
            .ok_or_else(|| OpError::UnknownStage(current.clone()))?;
        if stage.is_closed() {
            return Err(OpError::AlreadyClosed {
                stage: current.clone(),
            });
        }
        Ok(stage)
    }
}
