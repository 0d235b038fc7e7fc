//! The local half of team sync: what to push, and bringing in what the hub accepted.
//! The HTTP side lives in the `sync` crate; everything here runs on the writer thread, one
//! transaction per call, so a desk killed mid-sync keeps a consistent file.

mod apply;
mod rows;
mod shop;

use std::collections::BTreeSet;

use domain::AnyOp;
use jiff::Timestamp;
use rusqlite::TransactionBehavior;
use uuid::Uuid;

pub(crate) use crate::sync_base::joined;
pub use rows::{RejectionRecord, StoredRejection};
pub use shop::NewShopOp;
pub(crate) use shop::{catalog_changed, products_by_sku};

use crate::{Store, StoreError};

/// How a pushed op was answered.
#[derive(Debug, Clone, PartialEq)]
pub enum PushAnswer {
    Accepted { op_id: Uuid, shop_seq: i64 },
    Rejected(RejectionRecord),
}

/// What one pull page did locally.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pulled {
    pub applied: u32,
    /// Ops the hub accepted that the local rules refused: the shop's settings differ.
    pub diverged: u32,
}

/// Where this desk is in the hub's history.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cursors {
    pub ops: i64,
    pub rejections: i64,
}

impl Store {
    /// Marks this database as a member of a team: from now on every local op keeps the hub's
    /// picture of its order until the hub has applied it.
    /// Marks this desk a team member. On the first join, the catalogue it kept alone is
    /// recorded as shop ops (at `now`), so it reaches the hub and the other PCs like any
    /// later product edit; ops recorded before joining are pushed anyway.
    pub fn join_team(&self, now: Timestamp) -> Result<(), StoreError> {
        let device_id = self.device_id();
        self.writer.run(move |conn| {
            if !rows::joined(conn)? {
                shop::share_catalogue(conn, device_id, now)?;
            }
            crate::meta::set_meta(conn, rows::JOINED, "1")?;
            Ok(())
        })
    }

    /// The hub said this device is revoked: remembered, so the desk stays read-only after a
    /// restart, before it could ask the hub again.
    pub fn mark_revoked(&self) -> Result<(), StoreError> {
        self.writer.run(|conn| {
            crate::meta::set_meta(conn, rows::REVOKED, "1")?;
            Ok(())
        })
    }

    pub fn is_revoked(&self) -> Result<bool, StoreError> {
        Ok(self
            .readers
            .read(|conn| crate::read::meta(conn, rows::REVOKED))?
            .is_some())
    }

    pub fn is_joined(&self) -> Result<bool, StoreError> {
        self.readers.read(rows::joined)
    }

    pub fn cursors(&self) -> Result<Cursors, StoreError> {
        self.readers.read(|conn| {
            Ok(Cursors {
                ops: rows::meta_i64(conn, rows::CURSOR)?,
                rejections: rows::meta_i64(conn, rows::REJECTIONS_CURSOR)?,
            })
        })
    }

    /// This device's ops not answered by the hub (order and shop ops), oldest first.
    pub fn unsent_ops(&self, limit: u32) -> Result<Vec<AnyOp>, StoreError> {
        let device_id = self.device_id;
        self.readers
            .read(move |conn| rows::unsent(conn, device_id, limit))
    }

    pub fn unsent_count(&self) -> Result<u32, StoreError> {
        let device_id = self.device_id;
        self.readers
            .read(move |conn| rows::unsent_count(conn, device_id))
    }

    /// Every order's id, for comparing a desk with the hub.
    pub fn order_ids(&self) -> Result<Vec<Uuid>, StoreError> {
        self.readers.read(|conn| {
            let mut stmt = conn.prepare("SELECT id FROM orders ORDER BY id")?;
            let ids = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<Vec<_>, _>>()?;
            ids.iter().map(|t| crate::rows::uuid(t)).collect()
        })
    }

    /// The team hub's address, as saved by [`Store::set_hub_url`]. The device's token is
    /// not in the database: the desk keeps it in the OS keyring.
    pub fn hub_url(&self) -> Result<Option<String>, StoreError> {
        self.readers
            .read(|conn| crate::read::meta(conn, rows::HUB_URL))
    }

    /// Keeps the hub's address, so the desk reconnects after a restart.
    pub fn set_hub_url(&self, url: String) -> Result<(), StoreError> {
        self.writer.run(move |conn| {
            crate::meta::set_meta(conn, rows::HUB_URL, &url)?;
            Ok(())
        })
    }

    /// A device token an older version kept in the database; move it to the keyring, then
    /// [`Store::wipe_legacy_hub_token`].
    pub fn legacy_hub_token(&self) -> Result<Option<String>, StoreError> {
        self.readers
            .read(|conn| crate::read::meta(conn, rows::HUB_TOKEN))
    }

    /// Deletes the old token so that no byte of it stays in the file: the freed space is
    /// zeroed (`secure_delete`), the file rebuilt (`VACUUM`, for copies an earlier update
    /// left in free space), and the WAL, which held the old pages, checkpointed and
    /// truncated. Once per database, on the upgrade.
    pub fn wipe_legacy_hub_token(&self) -> Result<(), StoreError> {
        self.writer.run(|conn| {
            conn.pragma_update(None, "secure_delete", "ON")?;
            conn.execute("DELETE FROM meta WHERE key = ?1", [rows::HUB_TOKEN])?;
            conn.execute_batch("VACUUM")?;
            conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            conn.pragma_update(None, "secure_delete", "OFF")?;
            Ok(())
        })
    }

    /// For tests of the upgrade: writes a token the way versions before the keyring did.
    #[doc(hidden)]
    pub fn set_legacy_hub_token(&self, token: String) -> Result<(), StoreError> {
        self.writer.run(move |conn| {
            crate::meta::set_meta(conn, rows::HUB_TOKEN, &token)?;
            Ok(())
        })
    }

    /// Refusals of this desk's ops, newest first.
    pub fn rejections(&self) -> Result<Vec<StoredRejection>, StoreError> {
        self.readers.read(rows::rejections)
    }

    /// Records the hub's answers to a push. A refused op is dropped from its order, which is
    /// rebuilt without it.
    pub fn record_push(&self, answers: Vec<PushAnswer>) -> Result<(), StoreError> {
        let device_id = self.device_id;
        self.writer.run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut dirty = BTreeSet::new();
            for answer in &answers {
                match answer {
                    PushAnswer::Accepted { op_id, shop_seq } => {
                        tx.prepare_cached(
                            "UPDATE ops SET hub_seq = ?2 WHERE id = ?1 AND hub_seq IS NULL",
                        )?
                        .execute(rusqlite::params![op_id.to_string(), shop_seq])?;
                    }
                    PushAnswer::Rejected(r) => {
                        shop::refused(&tx, device_id, r.op_id, r.current.as_deref())?;
                        dirty.extend(rows::insert_rejection(&tx, r)?);
                    }
                }
            }
            rebuild_all(&tx, device_id, &dirty)?;
            tx.commit()?;
            Ok(())
        })
    }

    /// Applies one pull page in one transaction: the ops at their places (`seq` ascending,
    /// continuing the cursor), then this device's refusals; moves both cursors.
    pub fn apply_pulled(
        &self,
        ops: Vec<(i64, AnyOp)>,
        rejections: Vec<(i64, RejectionRecord)>,
    ) -> Result<Pulled, StoreError> {
        let device_id = self.device_id;
        self.writer.run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut shop = apply::shop(&tx)?;
            let mut cursor = rows::meta_i64(&tx, rows::CURSOR)?;
            let mut dirty = BTreeSet::new();
            let mut done = Pulled::default();
            for (seq, env) in &ops {
                // A page may overlap one applied before (a retried pull): skip what is in.
                if *seq <= cursor {
                    continue;
                }
                if *seq != cursor + 1 {
                    return Err(StoreError::Corrupt(format!(
                        "the hub sent op {seq} after {cursor}: its history has a gap"
                    )));
                }
                let applied = match env {
                    AnyOp::Order(env) => apply::pulled(&tx, &shop, *seq, env, &mut dirty)?,
                    AnyOp::Shop(env) => {
                        let applied = shop::pulled(&tx, *seq, env)?;
                        // Later ops of the page are checked against the new settings.
                        shop = apply::shop(&tx)?;
                        applied
                    }
                };
                if applied {
                    done.applied += 1;
                } else {
                    done.diverged += 1;
                }
                cursor = *seq;
            }
            rows::set_meta_i64(&tx, rows::CURSOR, cursor)?;
            let mut seen = rows::meta_i64(&tx, rows::REJECTIONS_CURSOR)?;
            for (n, r) in &rejections {
                if *n > seen {
                    shop::refused(&tx, device_id, r.op_id, r.current.as_deref())?;
                    dirty.extend(rows::insert_rejection(&tx, r)?);
                    seen = *n;
                }
            }
            rows::set_meta_i64(&tx, rows::REJECTIONS_CURSOR, seen)?;
            rebuild_all(&tx, device_id, &dirty)?;
            tx.commit()?;
            Ok(done)
        })
    }
}

fn rebuild_all(
    conn: &rusqlite::Connection,
    device_id: Uuid,
    dirty: &BTreeSet<Uuid>,
) -> Result<(), StoreError> {
    if dirty.is_empty() {
        return Ok(());
    }
    let shop = apply::shop(conn)?;
    let cursor = rows::meta_i64(conn, rows::CURSOR)?;
    for order_id in dirty {
        apply::rebuild(conn, &shop, device_id, cursor, *order_id)?;
    }
    Ok(())
}
