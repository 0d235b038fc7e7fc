//! The part of an order an operation touches, kept before and after it for the audit.

use serde::{Deserialize, Serialize};

use super::Op;
use crate::buyer::Buyer;
use crate::money::{Kopecks, MoneyOverflow};
use crate::order::{Order, PaymentStatus};
use crate::version::OrderContent;
use crate::workflow::StagePosition;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Snapshot {
    Stage(StagePosition),
    Content(Box<OrderContent>),
    Payments {
        paid: Kopecks,
        total: Kopecks,
        status: PaymentStatus,
    },
    Calls {
        attempts: u32,
    },
    Comment {
        comment: Option<String>,
    },
    Places {
        places: Option<u32>,
    },
    Buyer {
        buyer: Buyer,
    },
    Versions {
        version: i64,
        draft: bool,
        published: Option<i64>,
        confirmed: Option<i64>,
    },
}

impl Op {
    /// What the audit shows of `order` for this kind of op; `None` before an order existed.
    pub fn snapshot(&self, order: Option<&Order>) -> Result<Option<Snapshot>, MoneyOverflow> {
        let Some(order) = order else {
            return Ok(None);
        };
        // Issuing a number, printing and a version's note leave the order as it was: nothing
        // to compare (the note is in the op itself).
        if matches!(
            self,
            Op::IssueInvoice { .. } | Op::PrintDocument { .. } | Op::NoteVersion { .. }
        ) {
            return Ok(None);
        }
        Ok(Some(match self {
            Op::AdvanceStage { .. } | Op::MoveToStage { .. } | Op::Cancel { .. } => {
                Snapshot::Stage(order.stage.clone())
            }
            Op::CreateOrder { .. }
            | Op::EditLines { .. }
            | Op::SetOrderDiscount { .. }
            | Op::ChangeDelivery { .. }
            | Op::FollowChannelDelivery { .. } => Snapshot::Content(Box::new(order.content()?)),
            Op::RecordPayment { .. }
            | Op::CorrectPayment { .. }
            | Op::VoidPayment { .. }
            | Op::RefundPayment { .. } => {
                let paid = order.paid()?;
                let total = order.totals()?.total;
                Snapshot::Payments {
                    paid,
                    total,
                    status: PaymentStatus::of(paid, total),
                }
            }
            Op::SetComment { .. } => Snapshot::Comment {
                comment: order.comment.clone(),
            },
            Op::SetPlaces { .. } => Snapshot::Places {
                places: order.places,
            },
            Op::SetBuyer { .. } => Snapshot::Buyer {
                buyer: order.buyer.clone(),
            },
            Op::LogCall { .. } => Snapshot::Calls {
                attempts: order.call_attempts(),
            },
            Op::PublishVersion { .. } | Op::ConfirmVersion { .. } => Snapshot::Versions {
                version: order.version,
                draft: order.draft,
                published: order.published_version,
                confirmed: order.confirmed_version,
            },
            Op::IssueInvoice { .. } | Op::PrintDocument { .. } | Op::NoteVersion { .. } => {
                return Ok(None)
            }
        }))
    }
}
