//! Statuses the channel is master of move our orders.

use domain::{Op, StageKind};
use jiff::Timestamp;
use store::Store;
use uuid::Uuid;

use crate::channel_import::{channel_actor, channel_op};
use crate::config::{Connection, Master};
use crate::report::SyncReport;
use crate::ChannelError;

/// When the channel's `status` is one it is master of and our order is elsewhere, records the
/// move (or cancellation) as an op by the channel. A status missing from the map, or a move
/// the workflow refuses, is flagged on the order instead.
#[allow(clippy::too_many_arguments)]
pub fn follow_channel(
    store: &Store,
    connection: &Connection,
    external_id: &str,
    order_id: Uuid,
    known_stage: Option<&str>,
    status: &str,
    now: Timestamp,
    report: &mut SyncReport,
) -> Result<(), ChannelError> {
    let Some(rule) = connection.status_map.rule_for_status(status) else {
        store.add_channel_flag(
            connection.id,
            external_id.to_owned(),
            format!("unknown_status:{status}"),
        )?;
        return Ok(());
    };
    if rule.master != Master::Channel {
        return Ok(());
    }
    // A new order's stage is known from its import: no read per order in a big import.
    if known_stage == Some(rule.stage_id.as_str()) {
        return Ok(());
    }
    let order = store.order(order_id)?;
    if order.stage.stage_id == rule.stage_id {
        return Ok(());
    }
    let workflow = store.workflow()?;
    let cancels = workflow
        .stage(&rule.stage_id)
        .is_some_and(|s| s.kind == StageKind::Cancelled);
    let op = if cancels {
        Op::Cancel {
            order_id,
            from_stage: order.stage.stage_id.clone(),
            reason: Some(format!("{}: {status}", connection.name)),
        }
    } else {
        Op::MoveToStage {
            order_id,
            from_stage: order.stage.stage_id.clone(),
            to_stage: rule.stage_id.clone(),
        }
    };
    let recorded = store.record(channel_op(connection, op, now));
    match recorded {
        Ok(_) => report.moved += 1,
        Err(store::StoreError::Rejected(e)) => {
            store.add_channel_flag(
                connection.id,
                external_id.to_owned(),
                format!("move_refused:{status}: {e}"),
            )?;
        }
        Err(e) => return Err(e.into()),
    }
    Ok(())
}

/// When our order was last moved by someone other than this channel (a manager, another
/// channel); `None` when it has not moved since it came in or only the channel moved it.
/// A status push is made only for such a move, and only when it is newer than the channel's
/// last change: then neither a stale stage nor the channel's own state is pushed over a
/// newer one.
pub(crate) fn moved_here_at(
    store: &Store,
    connection: &Connection,
    order_id: Uuid,
) -> Result<Option<Timestamp>, ChannelError> {
    let channel = channel_actor(connection).id;
    let ops = store.order_ops(order_id)?;
    let last = ops.iter().rfind(|op| {
        matches!(
            op.kind.as_str(),
            "advance_stage" | "move_to_stage" | "cancel"
        )
    });
    Ok(last.filter(|op| op.actor_id != channel).map(|op| op.at))
}
