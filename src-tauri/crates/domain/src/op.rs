//! Operations: every user action as data. An [`OpEnvelope`] is written to the local outbox in
//! the same transaction as its effect and is later pushed to the hub, which re-validates it with
//! these same rules — so validation reads only the op, the workflow and the order's state.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::methods::{DeliveryMethod, PaymentMethod};
use crate::workflow::{StagePosition, Workflow};

/// Who did it; the name is kept with the op so the audit reads well even after a user is
/// renamed or removed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    pub id: String,
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Op {
    /// "Move to the next stage". `from_stage` is where the user saw the order: if someone else
    /// moved it meanwhile, the op is stale and refused rather than moving it twice.
    AdvanceStage {
        order_id: Uuid,
        from_stage: String,
        to_stage: String,
    },
}

impl Op {
    pub fn kind(&self) -> &'static str {
        match self {
            Op::AdvanceStage { .. } => "advance_stage",
        }
    }

    pub fn order_id(&self) -> Uuid {
        match self {
            Op::AdvanceStage { order_id, .. } => *order_id,
        }
    }

    /// Checks the op against the order as it is now and returns where the order ends up.
    pub fn apply(
        &self,
        workflow: &Workflow,
        order: &OrderState,
        at: Timestamp,
    ) -> Result<StagePosition, OpError> {
        match self {
            Op::AdvanceStage {
                from_stage,
                to_stage,
                ..
            } => {
                let current = &order.position.stage_id;
                if current != from_stage {
                    return Err(OpError::StaleStage {
                        expected: from_stage.clone(),
                        actual: current.clone(),
                    });
                }
                let next = workflow.advance_target(order)?;
                if &next.id != to_stage {
                    return Err(OpError::NotNextOnRoute {
                        from: current.clone(),
                        to: to_stage.clone(),
                    });
                }
                Ok(StagePosition {
                    stage_id: next.id.clone(),
                    entered_at: at,
                    deadline: next.deadline(at),
                })
            }
        }
    }
}

/// What validation needs to know about an order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderState {
    pub position: StagePosition,
    pub delivery: DeliveryMethod,
    pub payment: PaymentMethod,
}

/// The unit of sync: ids are made on the client (uuid v7, time-ordered) and each device
/// numbers its ops without gaps, so the hub can deduplicate and spot a missing op.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpEnvelope {
    pub id: Uuid,
    pub device_id: Uuid,
    pub device_seq: i64,
    pub actor: Actor,
    pub at: Timestamp,
    pub op: Op,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpError {
    #[error("the order is in the closed stage {stage:?}; nothing follows it")]
    AlreadyClosed { stage: String },
    #[error("the order is in stage {actual:?}, not {expected:?} (moved meanwhile)")]
    StaleStage { expected: String, actual: String },
    #[error("stage {to:?} is not the next one on the order's route from {from:?}")]
    NotNextOnRoute { from: String, to: String },
    #[error("the order's route has no stage after {stage:?}")]
    EndOfRoute { stage: String },
    #[error("stage {0:?} is not in the workflow")]
    UnknownStage(String),
}

impl Workflow {
    /// Where "move to the next stage" takes this order, or why it cannot move.
    pub fn advance_target(&self, order: &OrderState) -> Result<&crate::Stage, OpError> {
        let current = &order.position.stage_id;
        let stage = self
            .stage(current)
            .ok_or_else(|| OpError::UnknownStage(current.clone()))?;
        if stage.is_closed() {
            return Err(OpError::AlreadyClosed {
                stage: current.clone(),
            });
        }
        self.next_stage(current, order.delivery, order.payment)
            .ok_or_else(|| OpError::EndOfRoute {
                stage: current.clone(),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("valid instant")
    }

    fn order_in(stage: &str) -> OrderState {
        OrderState {
            position: StagePosition {
                stage_id: stage.into(),
                entered_at: at("2025-03-01T09:00:00Z"),
                deadline: None,
            },
            delivery: DeliveryMethod::Courier,
            payment: PaymentMethod::CashOnDelivery,
        }
    }

    fn advance(from: &str, to: &str) -> Op {
        Op::AdvanceStage {
            order_id: Uuid::nil(),
            from_stage: from.into(),
            to_stage: to.into(),
        }
    }

    #[test]
    fn advance_enters_next_stage_with_its_deadline() {
        let wf = Workflow::default_template();
        let now = at("2025-03-01T10:00:00Z");
        let pos = advance("new", "call")
            .apply(&wf, &order_in("new"), now)
            .expect("allowed");
        assert_eq!(pos.stage_id, "call");
        assert_eq!(pos.entered_at, now);
        assert_eq!(pos.deadline, Some(at("2025-03-01T12:00:00Z")));
    }

    #[test]
    fn advance_from_done_is_refused() {
        let wf = Workflow::default_template();
        let err = advance("done", "cancelled")
            .apply(&wf, &order_in("done"), at("2025-03-01T10:00:00Z"))
            .expect_err("final stage");
        assert!(matches!(err, OpError::AlreadyClosed { .. }));
    }

    #[test]
    fn stale_from_stage_is_refused() {
        let wf = Workflow::default_template();
        let err = advance("new", "call")
            .apply(&wf, &order_in("call"), at("2025-03-01T10:00:00Z"))
            .expect_err("moved meanwhile");
        assert!(matches!(err, OpError::StaleStage { .. }));
    }

    #[test]
    fn skipping_a_stage_on_the_route_is_refused() {
        let wf = Workflow::default_template();
        let err = advance("new", "done")
            .apply(&wf, &order_in("new"), at("2025-03-01T10:00:00Z"))
            .expect_err("not next");
        assert!(matches!(err, OpError::NotNextOnRoute { .. }));
    }

    #[test]
    fn envelope_round_trips_through_json_with_a_kind_tag() {
        let env = OpEnvelope {
            id: Uuid::now_v7(),
            device_id: Uuid::now_v7(),
            device_seq: 7,
            actor: Actor {
                id: "admin".into(),
                name: "Администратор".into(),
            },
            at: at("2025-03-01T10:00:00Z"),
            op: advance("new", "call"),
        };
        let json = serde_json::to_string(&env).expect("serialize");
        assert!(json.contains(r#""kind":"advance_stage""#), "{json}");
        let back: OpEnvelope = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, env);
    }
}
