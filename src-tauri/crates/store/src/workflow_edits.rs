//! The administrator's workflow edits: validated by `domain`, written with their `ops` row (the
//! audit, and the outbox the team sync carries) in one transaction.

use domain::{Actor, Workflow, WorkflowEdit};
use jiff::Timestamp;
use rusqlite::{Connection, TransactionBehavior};
use uuid::Uuid;

use crate::read::{op_record, OpRecord, OP_RECORD_COLUMNS};
use crate::rows::ms;
use crate::{shop_rows, Store, StoreError};

/// One workflow edit made on this device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewWorkflowEdit {
    pub id: Uuid,
    pub actor: Actor,
    pub at: Timestamp,
    pub edit: WorkflowEdit,
}

impl Store {
    /// Applies the edit to the workflow as stored and saves the result; returns it.
    pub fn edit_workflow(&self, new: NewWorkflowEdit) -> Result<Workflow, StoreError> {
        let device_id = self.device_id();
        self.writer.run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let before = shop_rows::workflow(&tx)?;
            let after = before.edit(new.actor.role, &new.edit)?;
            shop_rows::save_workflow(&tx, &after, ms(new.at))?;
            record(&tx, device_id, &new, &before, &after)?;
            tx.commit()?;
            Ok(after)
        })
    }

    /// Workflow edits, newest first.
    pub fn workflow_ops(&self, limit: u32) -> Result<Vec<OpRecord>, StoreError> {
        self.readers.read(move |conn| list(conn, limit))
    }
}

fn record(
    conn: &Connection,
    device_id: Uuid,
    new: &NewWorkflowEdit,
    before: &Workflow,
    after: &Workflow,
) -> Result<(), StoreError> {
    let id = new.edit.stage_id();
    let stage = |wf: &Workflow| {
        wf.stage(id)
            .or_else(|| wf.retired_stage(id))
            .map(serde_json::to_string)
            .transpose()
    };
    let op = crate::local_ops::ShopOp {
        id: new.id,
        actor: new.actor.clone(),
        at: new.at,
        kind: new.edit.kind().to_owned(),
        payload: serde_json::to_string(&new.edit)?,
        before: stage(before)?,
        after: stage(after)?,
    };
    crate::local_ops::insert_row(conn, device_id, &op)
}

fn list(conn: &Connection, limit: u32) -> Result<Vec<OpRecord>, StoreError> {
    // The first run's own steps (the demo's choice, the shop's start, its first
    // administrator: `setup.rs`) are shop ops too but no change to the stages; the choice of
    // a workflow template is one and stays listed.
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {OP_RECORD_COLUMNS} FROM ops WHERE order_id IS NULL \
         AND kind NOT IN ('open_demo', 'start_shop', 'first_admin') \
         ORDER BY at DESC, device_seq DESC LIMIT ?1"
    ))?;
    let mut rows = stmt.query([limit])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(op_record(r)?);
    }
    Ok(out)
}

#[cfg(test)]
mod first_run_kinds {
    /// `list` names the first run's step kinds in its SQL: the same as `setup.rs` writes.
    #[test]
    fn the_workflow_log_leaves_out_exactly_the_first_runs_steps() {
        use crate::local_ops::{FIRST_ADMIN_OP, OPEN_DEMO, START_SHOP};
        assert_eq!(
            [OPEN_DEMO, START_SHOP, FIRST_ADMIN_OP],
            ["open_demo", "start_shop", "first_admin"]
        );
    }
}
