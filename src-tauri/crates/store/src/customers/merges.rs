//! Cards the manager confirmed are one person (migration 0046): which cards show as one,
//! which cards look like the same person (the same e-mail, or a phone the manager corrected
//! to another card's), and the manager's three answers — merge, "these are two people",
//! split again — each a local shop op written with its effect.

use domain::Actor;
use jiff::Timestamp;
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use super::{card, cards, Card, CARD_COLUMNS};
use crate::local_ops::{record, ShopOp, KEEP_CUSTOMERS_APART, MERGE_CUSTOMERS, SPLIT_CUSTOMER};
use crate::{Store, StoreError};

/// Suggestions a card shows at most.
const SUGGESTED_MAX: usize = 10;

/// What a merge, a refusal or a split came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MergeOutcome {
    /// Written; the key of the card that now shows the customer.
    Done(String),
    /// Already so (the same card, merged before, not merged): nothing written.
    Unchanged(String),
    /// No card has this key.
    NoCard(String),
}

/// The card `key` shows inside: its own key unless merged.
pub(crate) fn root(conn: &Connection, key: &str) -> Result<String, StoreError> {
    Ok(conn
        .prepare_cached("SELECT into_key FROM customer_merges WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?
        .unwrap_or_else(|| key.to_owned()))
}

/// The keys of the cards shown as the card `key` (a root): itself first, then those merged
/// into it in the order they were.
pub(crate) fn members(conn: &Connection, key: &str) -> Result<Vec<String>, StoreError> {
    let mut keys = vec![key.to_owned()];
    let mut stmt =
        conn.prepare_cached("SELECT key FROM customer_merges WHERE into_key = ?1 ORDER BY rowid")?;
    for k in stmt.query_map([key], |r| r.get::<_, String>(0))? {
        keys.push(k?);
    }
    Ok(keys)
}

pub(crate) fn is_merged(conn: &Connection, key: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM customer_merges WHERE key = ?1")?
        .query_row([key], |_| Ok(()))
        .optional()?
        .is_some())
}

pub(crate) fn card_by_key(conn: &Connection, key: &str) -> Result<Option<Card>, StoreError> {
    Ok(conn
        .prepare_cached(&format!(
            "SELECT {CARD_COLUMNS} FROM customer_cards WHERE key = ?1"
        ))?
        .query_row([key], card)
        .optional()?)
}

fn declined(conn: &Connection, a: &str, b: &str) -> Result<bool, StoreError> {
    let (a, b) = if a < b { (a, b) } else { (b, a) };
    Ok(conn
        .prepare_cached("SELECT 1 FROM customer_merges_declined WHERE a = ?1 AND b = ?2")?
        .query_row([a, b], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Cards that look like the customer of the root card `key`, each as its own root, the
/// manager's "two people" left out: the same e-mail (case aside) as any card of the group,
/// or a card whose phone is one the manager corrected a card of the group to (or the other
/// way round).
pub(crate) fn suggestions(conn: &Connection, key: &str) -> Result<Vec<Card>, StoreError> {
    let group = members(conn, key)?;
    let mut emails = Vec::new();
    let mut phones = Vec::new();
    for k in &group {
        let (email, phone, own_phone): (Option<String>, String, Option<String>) = conn
            .prepare_cached(
                "SELECT lower(coalesce(own_email, email)), phone, own_phone FROM customer_cards \
                 WHERE key = ?1",
            )?
            .query_row([k], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?
            .unwrap_or_default();
        emails.extend(email.filter(|e| !e.is_empty()));
        phones.extend(own_phone.filter(|p| !p.is_empty()));
        if !phone.is_empty() {
            phones.push(phone);
        }
    }
    let mut found: Vec<Card> = Vec::new();
    for email in &emails {
        found.extend(cards(
            conn,
            &format!(
                "SELECT {CARD_COLUMNS} FROM customer_cards \
                 WHERE lower(coalesce(own_email, email)) = ?1"
            ),
            [email],
        )?);
    }
    for phone in &phones {
        found.extend(cards(
            conn,
            &format!("SELECT {CARD_COLUMNS} FROM customer_cards WHERE key = ?1 OR own_phone = ?1"),
            [phone],
        )?);
    }
    let mut out: Vec<Card> = Vec::new();
    for c in found {
        // A shared e-mail of a shop's own (an office, a placeholder) stops being a hint.
        if out.len() >= SUGGESTED_MAX {
            break;
        }
        let r = root(conn, &c.key)?;
        if r == key || out.iter().any(|o| o.key == r) || declined(conn, key, &r)? {
            continue;
        }
        let shown = if r == c.key {
            Some(c)
        } else {
            card_by_key(conn, &r)?
        };
        out.extend(shown);
    }
    Ok(out)
}

fn exists(conn: &Connection, key: &str) -> Result<bool, StoreError> {
    Ok(card_by_key(conn, key)?.is_some())
}

impl Store {
    /// Shows the card `from` (and any merged into it) inside the card `into`, with its op.
    pub fn merge_customers(
        &self,
        into: String,
        from: String,
        actor: Actor,
        at: Timestamp,
    ) -> Result<MergeOutcome, StoreError> {
        let device_id = self.device_id();
        self.write(move |conn| {
            for k in [&into, &from] {
                if !exists(conn, k)? {
                    return Ok(MergeOutcome::NoCard(k.clone()));
                }
            }
            let (into, from) = (root(conn, &into)?, root(conn, &from)?);
            if into == from {
                return Ok(MergeOutcome::Unchanged(into));
            }
            conn.prepare_cached("UPDATE customer_merges SET into_key = ?1 WHERE into_key = ?2")?
                .execute([&into, &from])?;
            conn.prepare_cached("INSERT INTO customer_merges (key, into_key) VALUES (?1, ?2)")?
                .execute([&from, &into])?;
            let payload = serde_json::json!({ "into": into, "from": from }).to_string();
            op(conn, device_id, actor, at, MERGE_CUSTOMERS, payload)?;
            Ok(MergeOutcome::Done(into))
        })
    }

    /// The manager's "these are two people": the pair is not suggested again.
    pub fn keep_customers_apart(
        &self,
        key: String,
        other: String,
        actor: Actor,
        at: Timestamp,
    ) -> Result<MergeOutcome, StoreError> {
        let device_id = self.device_id();
        self.write(move |conn| {
            for k in [&key, &other] {
                if !exists(conn, k)? {
                    return Ok(MergeOutcome::NoCard(k.clone()));
                }
            }
            let (key, other) = (root(conn, &key)?, root(conn, &other)?);
            if key == other || declined(conn, &key, &other)? {
                return Ok(MergeOutcome::Unchanged(key));
            }
            let (a, b) = if key < other {
                (&key, &other)
            } else {
                (&other, &key)
            };
            conn.prepare_cached("INSERT INTO customer_merges_declined (a, b) VALUES (?1, ?2)")?
                .execute(params![a, b])?;
            let payload = serde_json::json!({ "key": key, "other": other }).to_string();
            op(conn, device_id, actor, at, KEEP_CUSTOMERS_APART, payload)?;
            Ok(MergeOutcome::Done(key))
        })
    }

    /// Takes the card `key` out of the card it was merged into; it shows on its own again.
    pub fn split_customer(
        &self,
        key: String,
        actor: Actor,
        at: Timestamp,
    ) -> Result<MergeOutcome, StoreError> {
        let device_id = self.device_id();
        self.write(move |conn| {
            if !exists(conn, &key)? {
                return Ok(MergeOutcome::NoCard(key));
            }
            let into = root(conn, &key)?;
            if into == key {
                return Ok(MergeOutcome::Unchanged(key));
            }
            conn.prepare_cached("DELETE FROM customer_merges WHERE key = ?1")?
                .execute([&key])?;
            let payload = serde_json::json!({ "key": key, "from": into }).to_string();
            op(conn, device_id, actor, at, SPLIT_CUSTOMER, payload)?;
            Ok(MergeOutcome::Done(key))
        })
    }
}

fn op(
    conn: &Connection,
    device_id: Uuid,
    actor: Actor,
    at: Timestamp,
    kind: &str,
    payload: String,
) -> Result<(), StoreError> {
    record(
        conn,
        device_id,
        &ShopOp {
            id: Uuid::now_v7(),
            actor,
            at,
            kind: kind.to_owned(),
            payload,
            before: None,
            after: None,
        },
    )
}
