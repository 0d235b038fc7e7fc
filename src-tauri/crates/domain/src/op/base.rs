//! Compare-and-set for money edits made on another PC or offline.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Op, OpError};
use crate::order::Order;

/// The version a money edit was made on. The number alone is not enough: two PCs can each
/// save their own "version 4" offline, so the op that saved it names it for sure (`None` for
/// a version no op saved, e.g. an imported order's first one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionRef {
    pub number: i64,
    pub op_id: Option<Uuid>,
}

impl Op {
    /// Refuses a composition, price, discount or delivery edit whose version is no longer the
    /// order's latest (`current` names the latest and the op that saved it), so a change made
    /// on an old picture of the bill never silently overwrites a newer one. Other ops are not
    /// compare-and-set: stage moves check `from_stage`, payments and calls only append.
    pub fn check_base(
        &self,
        based_on: Option<VersionRef>,
        order: Option<&Order>,
        current: Option<Uuid>,
    ) -> Result<(), OpError> {
        let (Some(base), Some(order)) = (based_on, order) else {
            return Ok(());
        };
        if !self.saves_version() || matches!(self, Op::CreateOrder { .. }) {
            return Ok(());
        }
        if base.number == order.version && base.op_id == current {
            return Ok(());
        }
        Err(OpError::StaleVersion {
            version: base.number,
            latest: order.version,
        })
    }
}
