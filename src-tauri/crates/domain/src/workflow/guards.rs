//! Stage guards: conditions an order must meet to leave or enter a stage, and whether its
//! bill may still change there. They are workflow data, so the administrator sets them per
//! stage and the hub checks a synced move with the same rules.

use serde::{Deserialize, Serialize};

use super::{Stage, StageKind, Workflow};
use crate::methods::Channel;
use crate::op::OpError;
use crate::order::Order;

/// What a stage asks of its orders. Every flag defaults to off, so a workflow stored before
/// guards existed (or synced from an older desk) reads as unguarded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct StageGuards {
    /// An order paid in advance (bank transfer, online) leaves forward only when paid in full:
    /// the goods do not go out before the money comes in. Cash and card on delivery pass.
    pub paid_to_leave: bool,
    /// An order delivered to a door (courier, post) enters only with an address.
    pub address_to_enter: bool,
    /// The bill is frozen here: lines, discounts and delivery can no longer change (goods
    /// already handed to the courier). Closing stages are always locked.
    pub locked: bool,
}

impl StageGuards {
    pub const NONE: StageGuards = StageGuards {
        paid_to_leave: false,
        address_to_enter: false,
        locked: false,
    };

    /// The seeds' guards, by the stage ids all templates share: a prepaid order waits for
    /// its money before it moves on, and nothing goes to a courier or the post without an
    /// address. Also what a shop stored before guards existed starts with.
    pub fn seed(stage_id: &str) -> StageGuards {
        match stage_id {
            "awaiting_payment" => StageGuards {
                paid_to_leave: true,
                ..StageGuards::NONE
            },
            "courier_call" | "courier_delivery" | "post_delivery" => StageGuards {
                address_to_enter: true,
                ..StageGuards::NONE
            },
            _ => StageGuards::NONE,
        }
    }
}

/// Which guard refused, for the message and the UI's wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Guard {
    /// Prepaid, not paid in full, and leaving forward.
    Unpaid,
    /// Entering a delivery stage with no address for a courier or the post.
    NoAddress,
    /// An edit of the bill in a locked stage.
    Locked,
}

impl Guard {
    pub fn as_str(self) -> &'static str {
        match self {
            Guard::Unpaid => "unpaid",
            Guard::NoAddress => "no_address",
            Guard::Locked => "locked",
        }
    }
}

impl Stage {
    /// Whether the bill of an order here may no longer change.
    pub fn is_locked(&self) -> bool {
        self.kind != StageKind::Normal || self.guards.locked
    }
}

impl Workflow {
    /// Refuses a move from the order's stage to `target` that breaks a guard. Cancelling is
    /// never guarded (an unpaid order must always be cancellable), nor is moving back. A
    /// marketplace's order is not held by the money and address guards: the marketplace
    /// takes the buyer's money and keeps the address (its list carries neither), and its
    /// status, not ours, says when the order goes.
    pub fn check_guards(&self, order: &Order, target: &Stage) -> Result<(), OpError> {
        if target.kind == StageKind::Cancelled || order.channel == Channel::Marketplace {
            return Ok(());
        }
        let here = self
            .stage(&order.stage.stage_id)
            .or_else(|| self.retired_stage(&order.stage.stage_id));
        if let Some(here) = here {
            let forward = target.position > here.position;
            if here.guards.paid_to_leave && forward && order.payment.is_prepaid_non_cash() {
                let paid = order.payment_status()?.is_paid();
                if !paid {
                    return Err(OpError::Guard {
                        stage: here.id.clone(),
                        name: here.name.clone(),
                        guard: Guard::Unpaid,
                    });
                }
            }
        }
        if target.guards.address_to_enter
            && order.delivery.needs_address()
            && order.address.trim().is_empty()
        {
            return Err(OpError::Guard {
                stage: target.id.clone(),
                name: target.name.clone(),
                guard: Guard::NoAddress,
            });
        }
        Ok(())
    }

    /// Refuses an edit of the bill where the order's stage freezes it: a closing stage (the
    /// order is history) or one the administrator locked.
    pub fn check_editable(&self, order: &Order) -> Result<(), OpError> {
        let Some(stage) = self.stage(&order.stage.stage_id) else {
            return Ok(());
        };
        if stage.kind != StageKind::Normal {
            return Err(OpError::OrderClosed {
                stage: stage.id.clone(),
            });
        }
        if stage.guards.locked {
            return Err(OpError::Guard {
                stage: stage.id.clone(),
                name: stage.name.clone(),
                guard: Guard::Locked,
            });
        }
        Ok(())
    }
}
