//! The customer register (issue 14, point 5): cards derived from the orders by migration
//! 0034's trigger, found by any part of a name, phone or e-mail, with their orders read
//! through the orders' own indexes. A manager's correction of a card's contacts is a local
//! shop op written with its effect.

use domain::{Actor, Company, Kopecks};
use jiff::Timestamp;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use uuid::Uuid;

use crate::local_ops::{record, ShopOp, SET_CUSTOMER};
use crate::read::{queue_row, QueueRow, QUEUE_COLUMNS};
use crate::rows::timestamp;
use crate::search::normalise_name;
use crate::{Store, StoreError};

mod merges;
#[cfg(test)]
mod tests;

pub use merges::MergeOutcome;

/// One customer as the list shows them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRow {
    /// The card's key: the orders' phone (digits) or, for orders without one, their e-mail.
    pub key: String,
    /// The manager's correction if there is one, else the latest order's.
    pub name: String,
    pub phone: String,
    pub email: Option<String>,
    /// The manager's correction, else the latest order's delivery address.
    pub address: String,
    pub orders: u32,
    pub total: Kopecks,
    pub last_at: Timestamp,
}

/// A card: the row, what the manager wrote, every address and company the orders named, and
/// the orders, the newest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerCard {
    pub row: CustomerRow,
    pub note: Option<String>,
    /// Whether the manager corrected the contacts (the orders' own stay on the orders).
    pub corrected: bool,
    /// Distinct delivery addresses, the latest first.
    pub addresses: Vec<String>,
    /// Distinct company buyers the orders were billed to, the latest first.
    pub companies: Vec<Company>,
    pub orders: Vec<QueueRow>,
    /// Cards the manager merged into this one, each with its own orders counted.
    pub merged: Vec<CustomerRow>,
    /// Cards that look like the same person (see [`merges::suggestions`]), for the manager
    /// to merge or to keep apart; never merged without being asked.
    pub suggested: Vec<CustomerRow>,
}

/// The manager's correction of a card's contacts; an empty field falls back to the orders'.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct CustomerEdit {
    pub name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub note: String,
}

/// Cards a search lists at most; a longer list is narrowed by typing.
pub const CUSTOMER_LIST_MAX: u32 = 200;

const CARD_COLUMNS: &str = "key, coalesce(own_name, name), coalesce(own_phone, phone), \
    coalesce(own_email, email), last_at, own_address";

/// What a search box text means for the cards: digits (a phone's part, «915 105»,
/// «8 915 105»), or text (a name's or an e-mail's part).
fn needle(text: &str) -> Option<Needle> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let phone_like = text
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    if phone_like {
        let digits: String = text.chars().filter(char::is_ascii_digit).collect();
        // «8 915 …» and «+7 915 …» are how the stored «7915…» is dialled.
        let digits = match digits.strip_prefix('8') {
            Some(rest) if digits.len() >= 4 && rest.starts_with('9') => format!("7{rest}"),
            _ => digits,
        };
        return (!digits.is_empty()).then_some(Needle(digits));
    }
    Some(Needle(normalise_name(text)))
}

struct Needle(String);

impl Needle {
    /// The words that have trigrams (three characters or more) as one FTS5 query, each a
    /// quoted substring (quotes doubled, so the text is never read as FTS5 syntax), in any
    /// order; `None` when no word is that long.
    fn fts(&self) -> Option<String> {
        let words: Vec<String> = self
            .0
            .split_whitespace()
            .filter(|w| w.chars().count() >= 3)
            .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
            .collect();
        (!words.is_empty()).then(|| words.join(" "))
    }

    /// Whether a card's search text holds every word, the short ones included (checked here:
    /// SQLite's LIKE folds only ASCII, and «ал» must find «Александр»).
    fn matches(&self, search: &str) -> bool {
        let search = normalise_name(search);
        self.0.split_whitespace().all(|w| search.contains(w))
    }
}

/// Cards whose name, phone or e-mail holds `text` (the most recently added cards first), or
/// the customers of the latest orders when `text` is empty.
pub(crate) fn list(
    conn: &Connection,
    text: &str,
    limit: u32,
) -> Result<Vec<CustomerRow>, StoreError> {
    let limit = limit.clamp(1, CUSTOMER_LIST_MAX) as usize;
    let Some(needle) = needle(text) else {
        let latest = cards(
            conn,
            &format!(
                "SELECT {CARD_COLUMNS} FROM customer_cards \
                 WHERE key NOT IN (SELECT key FROM customer_merges) \
                 ORDER BY last_at DESC LIMIT ?1"
            ),
            params![limit as i64],
        )?;
        return latest.into_iter().map(|c| summed(conn, c)).collect();
    };
    // Read lazily, the newest cards first, until `limit` match every word: FTS5 walks its
    // rowids backwards, so a common surname does not fetch every card that has it. Without
    // a word of three characters there is no trigram, and the cards are read through, which
    // the limit stops early for any common letter.
    let (sql, query) = match needle.fts() {
        Some(query) => (
            format!(
                "SELECT {CARD_COLUMNS}, c.search FROM customer_search s \
                 JOIN customer_cards c ON c.id = s.rowid \
                 WHERE customer_search MATCH ?1 ORDER BY s.rowid DESC"
            ),
            Some(query),
        ),
        None => (
            format!("SELECT {CARD_COLUMNS}, search FROM customer_cards ORDER BY id DESC"),
            None,
        ),
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = match &query {
        Some(q) => stmt.query([q])?,
        None => stmt.query([])?,
    };
    let mut found: Vec<Card> = Vec::new();
    while found.len() < limit {
        let Some(r) = rows.next()? else { break };
        if !needle.matches(&r.get::<_, String>(6)?) {
            continue;
        }
        // A card merged into another is found by its own contacts, and shown as that one.
        let mut c = card(r)?;
        if merges::is_merged(conn, &c.key)? {
            let root = merges::root(conn, &c.key)?;
            match merges::card_by_key(conn, &root)? {
                Some(into) => c = into,
                None => continue,
            }
        }
        if !found.iter().any(|f| f.key == c.key) {
            found.push(c);
        }
    }
    drop(rows);
    found.into_iter().map(|c| summed(conn, c)).collect()
}

/// A card's columns before its orders are summed.
struct Card {
    key: String,
    name: String,
    phone: String,
    email: Option<String>,
    last_at: i64,
    own_address: Option<String>,
}

fn card(r: &Row<'_>) -> rusqlite::Result<Card> {
    Ok(Card {
        key: r.get(0)?,
        name: r.get(1)?,
        phone: r.get(2)?,
        email: r.get(3)?,
        last_at: r.get(4)?,
        own_address: r.get(5)?,
    })
}

fn cards(
    conn: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<Card>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params, card)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Which orders a card holds: those of its phone, or (an e-mail card) those without a phone
/// with its e-mail. Each reads an index of `orders`.
fn orders_of(key: &str) -> &'static str {
    if key.contains('@') {
        // `+phone`: the e-mail's index, not the phone's, whose '' holds every marketplace
        // order without a phone.
        "+phone = '' AND email IS NOT NULL AND lower(email) = ?1"
    } else {
        "phone = ?1"
    }
}

/// The card with its orders (and those of the cards merged into it) counted and summed, and
/// the latest order's address.
fn summed(conn: &Connection, c: Card) -> Result<CustomerRow, StoreError> {
    let (mut count, mut total) = (0_i64, 0_i64);
    let mut latest: Option<(i64, Option<String>)> = None;
    for key in merges::members(conn, &c.key)? {
        // The bare `address` is the one of the row with the latest created_at (SQLite's
        // MAX() rule), so one pass over the card's orders gives all of it.
        let (n, sum, address, at): (i64, i64, Option<String>, Option<i64>) = conn
            .prepare_cached(&format!(
                "SELECT COUNT(*), coalesce(SUM(total), 0), address, MAX(created_at) \
                 FROM orders WHERE {}",
                orders_of(&key)
            ))?
            .query_row([&key], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?;
        count += n;
        total += sum;
        if let Some(at) = at {
            if latest.as_ref().is_none_or(|(l, _)| at > *l) {
                latest = Some((at, address));
            }
        }
    }
    let last_at = latest
        .as_ref()
        .map_or(c.last_at, |(at, _)| c.last_at.max(*at));
    Ok(CustomerRow {
        address: c
            .own_address
            .filter(|a| !a.is_empty())
            .or(latest.and_then(|(_, a)| a))
            .unwrap_or_default(),
        orders: u32::try_from(count).unwrap_or(u32::MAX),
        total: Kopecks(total),
        last_at: timestamp(last_at)?,
        key: c.key,
        name: c.name,
        phone: c.phone,
        email: c.email,
    })
}

/// The card of `key`, or of the card it was merged into.
pub(crate) fn load(conn: &Connection, key: &str) -> Result<Option<CustomerCard>, StoreError> {
    let key = &merges::root(conn, key)?;
    let found = conn
        .prepare_cached(&format!(
            "SELECT {CARD_COLUMNS}, note, own_name IS NOT NULL OR own_phone IS NOT NULL \
             OR own_email IS NOT NULL OR own_address IS NOT NULL \
             FROM customer_cards WHERE key = ?1"
        ))?
        .query_row([key], |r| Ok((card(r)?, r.get(6)?, r.get(7)?)))
        .optional()?;
    let Some((c, note, corrected)) = found else {
        return Ok(None);
    };
    let row = summed(conn, c)?;
    let group = merges::members(conn, key)?;
    let mut orders = Vec::new();
    for member in &group {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {QUEUE_COLUMNS} FROM orders WHERE {} ORDER BY created_at DESC",
            orders_of(member)
        ))?;
        let mut rows = stmt.query([member])?;
        while let Some(r) = rows.next()? {
            orders.push(queue_row(r)?);
        }
    }
    // Stable: one card's orders keep the order they were read in.
    orders.sort_by_key(|o| std::cmp::Reverse(o.created_at));
    let addresses = latest_distinct(conn, "address", "address <> ''", &group)?;
    let companies = companies_of(conn, &group)?;
    let mut merged = Vec::new();
    for member in &group[1..] {
        if let Some(c) = merges::card_by_key(conn, member)? {
            merged.push(summed(conn, c)?);
        }
    }
    let suggested = merges::suggestions(conn, key)?
        .into_iter()
        .map(|c| summed(conn, c))
        .collect::<Result<_, _>>()?;
    Ok(Some(CustomerCard {
        row,
        note,
        corrected,
        addresses,
        companies,
        orders,
        merged,
        suggested,
    }))
}

/// The distinct values of `column` over the orders of the cards `group`, the latest first.
fn latest_distinct(
    conn: &Connection,
    column: &str,
    filter: &str,
    group: &[String],
) -> Result<Vec<String>, StoreError> {
    let mut all: Vec<(i64, String)> = Vec::new();
    for key in group {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {column}, MAX(created_at) FROM orders WHERE {} AND {filter} \
             GROUP BY {column}",
            orders_of(key)
        ))?;
        for r in stmt.query_map([key], |r| Ok((r.get::<_, i64>(1)?, r.get::<_, String>(0)?)))? {
            all.push(r?);
        }
    }
    all.sort_by_key(|a| std::cmp::Reverse(a.0));
    let mut out: Vec<String> = Vec::new();
    for (_, v) in all {
        if !out.contains(&v) {
            out.push(v);
        }
    }
    Ok(out)
}

/// The companies the orders of the cards `group` were billed to, the latest first, each once.
fn companies_of(conn: &Connection, group: &[String]) -> Result<Vec<Company>, StoreError> {
    let mut companies = Vec::new();
    for json in latest_distinct(conn, "buyer", "buyer IS NOT NULL", group)? {
        // The column holds a company's JSON (migration 0023); NULL is a private person.
        let company: Company = serde_json::from_str(&json)?;
        if !companies.contains(&company) {
            companies.push(company);
        }
    }
    Ok(companies)
}

/// The companies the customer of `order_id` (by the card's key: the phone, else the
/// e-mail) has been billed as on any of their orders, for the order card to pick from.
fn companies_of_order(conn: &Connection, order_id: &str) -> Result<Vec<Company>, StoreError> {
    let key: Option<String> = conn
        .prepare_cached(
            "SELECT CASE WHEN phone <> '' THEN phone ELSE lower(email) END FROM orders \
             WHERE id = ?1",
        )?
        .query_row([order_id], |r| r.get(0))
        .optional()?
        .flatten();
    match key {
        Some(key) if !key.is_empty() => {
            let root = merges::root(conn, &key)?;
            companies_of(conn, &merges::members(conn, &root)?)
        }
        _ => Ok(Vec::new()),
    }
}

/// The correction as stored: an empty field is no correction.
fn own(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

impl Store {
    /// See [`list`]: at most `limit` cards (up to [`CUSTOMER_LIST_MAX`]).
    pub fn customers(&self, text: &str, limit: u32) -> Result<Vec<CustomerRow>, StoreError> {
        self.readers.read(|conn| list(conn, text, limit))
    }

    pub fn customer(&self, key: &str) -> Result<Option<CustomerCard>, StoreError> {
        self.readers.read(|conn| load(conn, key))
    }

    /// The companies the customer of this order was billed as, on this or earlier orders.
    pub fn companies_of_order(&self, order_id: Uuid) -> Result<Vec<Company>, StoreError> {
        let id = order_id.to_string();
        self.readers.read(move |conn| companies_of_order(conn, &id))
    }

    /// Saves the manager's correction of a card with its op (before and after as the history
    /// shows them); `false` when there is no such card.
    pub fn correct_customer(
        &self,
        key: String,
        edit: CustomerEdit,
        actor: Actor,
        at: Timestamp,
    ) -> Result<bool, StoreError> {
        let device_id = self.device_id();
        self.write(move |conn| {
            let Some(before) = stored_edit(conn, &key)? else {
                return Ok(false);
            };
            conn.prepare_cached(
                "UPDATE customer_cards SET own_name = ?2, own_phone = ?3, own_email = ?4, \
                 own_address = ?5, note = ?6 WHERE key = ?1",
            )?
            .execute(params![
                key,
                own(&edit.name),
                own(&edit.phone),
                own(&edit.email),
                own(&edit.address),
                own(&edit.note),
            ])?;
            let payload = serde_json::json!({ "customer": key, "edit": edit }).to_string();
            record(
                conn,
                device_id,
                &ShopOp {
                    id: Uuid::now_v7(),
                    actor,
                    at,
                    kind: SET_CUSTOMER.to_owned(),
                    payload,
                    before: Some(serde_json::to_string(&before)?),
                    after: Some(serde_json::to_string(&edit)?),
                },
            )?;
            Ok(true)
        })
    }
}

/// The correction a card holds now (empty fields where there is none).
fn stored_edit(conn: &Connection, key: &str) -> Result<Option<CustomerEdit>, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT own_name, own_phone, own_email, own_address, note FROM customer_cards \
             WHERE key = ?1",
        )?
        .query_row([key], |r| {
            let text = |i| r.get::<_, Option<String>>(i).map(Option::unwrap_or_default);
            Ok(CustomerEdit {
                name: text(0)?,
                phone: text(1)?,
                email: text(2)?,
                address: text(3)?,
                note: text(4)?,
            })
        })
        .optional()?)
}
