//! Invoice numbers: «А-2026-0001» — this device's prefix, the year, a counter.
//!
//! Why this scheme: invoices must be numbered per shop per year without gaps or duplicates,
//! and the shop's PCs work offline. A single shop-wide counter would need the PCs to agree
//! before each invoice, which offline they cannot. So each device counts on its own:
//!
//! - **gap-free per device:** the next number is taken from the device's own rows for that
//!   prefix and year inside the same write transaction that records the `IssueInvoice` op, so
//!   a number exists exactly when the op that issued it does — a rollback takes both back;
//! - **unique across devices:** the prefix is per device (kept in `meta`, settable: the shop
//!   gives each PC its letter, «А», «Б»…). Until one is set it defaults to four hex digits of
//!   the device's random id, so two fresh installs are very unlikely to clash either;
//! - **stable:** an order keeps its number; printing it again shows the same number.
//!
//! When a hub exists it can hand out shop-wide numbers at sync instead; numbers issued
//! offline stay valid because their prefix makes them distinct.

use jiff::civil::Date;
use jiff::Timestamp;
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use crate::meta::set_meta;
use crate::read::meta;
use crate::rows::{ms, timestamp, uuid};
use crate::StoreError;

const INVOICE_PREFIX: &str = "invoice_prefix";
/// Short enough to keep the number readable on the invoice title line.
const MAX_PREFIX_CHARS: usize = 6;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invoice {
    pub order_id: Uuid,
    /// As printed: «А-2026-0001».
    pub number: String,
    pub prefix: String,
    pub year: i16,
    pub seq: i64,
    pub issued_at: Timestamp,
    /// The date printed on the invoice, fixed when it was issued; `None` for invoices issued
    /// before dates were kept (date them by `issued_at`).
    pub issued_on: Option<Date>,
}

/// Letters and digits only, 1–6 of them: the dash separates the parts of the number.
pub fn valid_prefix(prefix: &str) -> bool {
    let n = prefix.chars().count();
    (1..=MAX_PREFIX_CHARS).contains(&n) && prefix.chars().all(char::is_alphanumeric)
}

pub fn format_number(prefix: &str, year: i16, seq: i64) -> String {
    format!("{prefix}-{year}-{seq:04}")
}

/// The prefix set for this device, or one made from its id.
pub(crate) fn prefix(conn: &Connection, device_id: Uuid) -> Result<String, StoreError> {
    Ok(match meta(conn, INVOICE_PREFIX)? {
        Some(p) => p,
        None => {
            let hex = device_id.simple().to_string().to_uppercase();
            hex[hex.len() - 4..].to_owned()
        }
    })
}

pub(crate) fn set_prefix(conn: &Connection, prefix: &str) -> Result<(), StoreError> {
    set_meta(conn, INVOICE_PREFIX, prefix)
}

pub(crate) fn of_order(conn: &Connection, order_id: Uuid) -> Result<Option<Invoice>, StoreError> {
    let row = conn
        .prepare_cached(
            "SELECT order_id, number, prefix, year, seq, issued_at, issued_on FROM invoices \
             WHERE order_id = ?1",
        )?
        .query_row([order_id.to_string()], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i16>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, Option<String>>(6)?,
            ))
        })
        .optional()?;
    row.map(|(id, number, prefix, year, seq, at, on)| {
        let issued_on = on
            .map(|d| {
                d.parse::<Date>()
                    .map_err(|e| StoreError::Corrupt(format!("invoice date {d:?}: {e}")))
            })
            .transpose()?;
        Ok(Invoice {
            order_id: uuid(&id)?,
            number,
            prefix,
            year,
            seq,
            issued_at: timestamp(at)?,
            issued_on,
        })
    })
    .transpose()
}

/// The next free number of `prefix` in `year`; call inside the write transaction that then
/// inserts it, so no other write can take the same one.
pub(crate) fn next_seq(conn: &Connection, prefix: &str, year: i16) -> Result<i64, StoreError> {
    Ok(conn
        .prepare_cached(
            "SELECT COALESCE(MAX(seq), 0) + 1 FROM invoices WHERE prefix = ?1 AND year = ?2",
        )?
        .query_row(params![prefix, year], |r| r.get(0))?)
}

pub(crate) fn insert(conn: &Connection, inv: &Invoice, op_id: Uuid) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO invoices \
         (order_id, prefix, year, seq, number, issued_at, op_id, issued_on) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        inv.order_id.to_string(),
        inv.prefix,
        inv.year,
        inv.seq,
        inv.number,
        ms(inv.issued_at),
        op_id.to_string(),
        inv.issued_on.map(|d| d.to_string()),
    ])?;
    Ok(())
}

/// Keeps an invoice another device of the shop issued (its `IssueInvoice` op came from the
/// hub), so this device prints the same paper — that number, dated by when it was issued —
/// instead of issuing a second invoice for the order. An order this device already invoiced
/// keeps its own; a number not in this scheme's shape is left alone.
pub(crate) fn learn(
    conn: &Connection,
    order_id: Uuid,
    number: &str,
    issued_at: Timestamp,
    op_id: Uuid,
) -> Result<(), StoreError> {
    let mut parts = number.rsplitn(3, '-');
    let (Some(seq), Some(year), Some(prefix)) = (parts.next(), parts.next(), parts.next()) else {
        return Ok(());
    };
    let (Ok(seq), Ok(year)) = (seq.parse::<i64>(), year.parse::<i16>()) else {
        return Ok(());
    };
    if seq < 1 {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT OR IGNORE INTO invoices \
         (order_id, prefix, year, seq, number, issued_at, op_id, issued_on) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, NULL)",
    )?
    .execute(params![
        order_id.to_string(),
        prefix,
        year,
        seq,
        number,
        ms(issued_at),
        op_id.to_string(),
    ])?;
    Ok(())
}
