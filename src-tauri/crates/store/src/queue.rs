//! Filtered queues, search and the overdue scan.

use domain::{Channel, DeliveryMethod, PaymentMethod};
use jiff::Timestamp;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

use crate::read::{queue_row, QueueRow, QUEUE_COLUMNS};
use crate::rows::ms;
use crate::search::SearchKey;
use crate::StoreError;

/// Which orders a queue lists. Empty fields do not filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueFilter {
    /// Only these stages ("my queue", one stage); `None` lists every stage.
    pub stages: Option<Vec<String>>,
    /// Only orders past their deadline at this instant (the problem queue).
    pub overdue_at: Option<Timestamp>,
    /// With `overdue_at`: orders in these stages are problems whatever their deadline (stages
    /// the administrator removed while orders were still in them).
    pub flagged: Vec<String>,
    pub channel: Option<Channel>,
    pub delivery: Option<DeliveryMethod>,
    pub payment: Option<PaymentMethod>,
    /// `Some(true)`: fully paid; `Some(false)`: still owing.
    pub paid: Option<bool>,
    /// Created at or after.
    pub created_from: Option<Timestamp>,
    /// Created before.
    pub created_to: Option<Timestamp>,
    /// At most this many rows; 0 means the default of 500.
    pub limit: u32,
}

const DEFAULT_LIMIT: u32 = 500;

/// Orders matching `filter`, the nearest deadline first (orders without one last), then the
/// longest waiting.
pub(crate) fn orders(conn: &Connection, filter: &QueueFilter) -> Result<Vec<QueueRow>, StoreError> {
    let Some((sql, args)) = orders_query(filter) else {
        return Ok(Vec::new());
    };
    collect(conn, &sql, args)
}

/// The statement [`orders`] runs, with its arguments.
pub(crate) fn orders_query(filter: &QueueFilter) -> Option<(String, Vec<Value>)> {
    let (mut sql, mut args) = matching(&format!("SELECT {QUEUE_COLUMNS}"), filter)?;
    let limit = if filter.limit == 0 {
        DEFAULT_LIMIT
    } else {
        filter.limit
    };
    sql.push_str(" ORDER BY deadline IS NULL, deadline, stage_entered_at LIMIT ?");
    args.push(Value::Integer(i64::from(limit)));
    Some((sql, args))
}

/// How many orders match `filter`, its limit aside: the list says «shown N of M».
pub(crate) fn count(conn: &Connection, filter: &QueueFilter) -> Result<u64, StoreError> {
    let Some((sql, args)) = matching("SELECT count(*)", filter) else {
        return Ok(0);
    };
    let n: i64 = conn
        .prepare_cached(&sql)?
        .query_row(params_from_iter(args), |r| r.get(0))?;
    Ok(u64::try_from(n).unwrap_or(0))
}

/// `select` from the orders that match `filter`, with its arguments; `None` when nothing
/// can match (an empty list of stages).
fn matching(select: &str, filter: &QueueFilter) -> Option<(String, Vec<Value>)> {
    let mut sql = format!("{select} FROM orders WHERE 1 = 1");
    let mut args: Vec<Value> = Vec::new();
    if let Some(stages) = &filter.stages {
        if stages.is_empty() {
            return None;
        }
        sql.push_str(&format!(" AND stage_id IN ({})", marks(stages.len())));
        args.extend(stages.iter().cloned().map(Value::Text));
    }
    if let Some(at) = filter.overdue_at {
        args.push(Value::Integer(ms(at)));
        if filter.flagged.is_empty() {
            // `(deadline IS NULL) = 0` names the queue index's second column, so the index
            // reads only each stage's overdue part.
            sql.push_str(" AND (deadline IS NULL) = 0 AND deadline < ?");
        } else {
            let flagged = marks(filter.flagged.len());
            sql.push_str(&format!(" AND (deadline < ? OR stage_id IN ({flagged}))"));
            args.extend(filter.flagged.iter().cloned().map(Value::Text));
        }
    }
    let mut add = |clause: &str, value: Value| {
        sql.push_str(clause);
        args.push(value);
    };
    if let Some(c) = filter.channel {
        add(" AND channel = ?", Value::Text(c.as_str().to_owned()));
    }
    if let Some(d) = filter.delivery {
        add(" AND delivery = ?", Value::Text(d.as_str().to_owned()));
    }
    if let Some(p) = filter.payment {
        add(" AND payment = ?", Value::Text(p.as_str().to_owned()));
    }
    if let Some(from) = filter.created_from {
        add(" AND created_at >= ?", Value::Integer(ms(from)));
    }
    if let Some(to) = filter.created_to {
        add(" AND created_at < ?", Value::Integer(ms(to)));
    }
    match filter.paid {
        Some(true) => sql.push_str(" AND paid >= total"),
        Some(false) => sql.push_str(" AND paid < total"),
        None => {}
    }
    Some((sql, args))
}

/// Orders found by number, phone, e-mail or customer name (see [`SearchKey::parse`]), the
/// newest first (for names: the highest numbers first).
pub(crate) fn search(
    conn: &Connection,
    text: &str,
    limit: u32,
) -> Result<Vec<QueueRow>, StoreError> {
    let limit = Value::Integer(i64::from(limit.max(1)));
    let order = "ORDER BY created_at DESC LIMIT ?";
    let (sql, args) = match SearchKey::parse(text) {
        None => return Ok(Vec::new()),
        Some(SearchKey::Phone(digits)) => (
            format!("SELECT {QUEUE_COLUMNS} FROM orders WHERE phone = ? {order}"),
            vec![Value::Text(digits), limit],
        ),
        Some(SearchKey::Digits { number, tail }) => {
            digits_query(conn, number, tail, crate::search::bare(text), limit)?
        }
        // The beginning of an address («alena@», «alena@mail.r»): a range of the e-mail index.
        // The words of an e-mail («petrova», «mail.ru») are in the text index (Name).
        Some(SearchKey::Email(email)) => (
            format!(
                "SELECT {QUEUE_COLUMNS} FROM orders WHERE email IS NOT NULL \
                 AND lower(email) >= ?1 AND lower(email) < ?1 || char(1114111) \
                 ORDER BY created_at DESC LIMIT ?2"
            ),
            vec![Value::Text(email), limit],
        ),
        Some(SearchKey::Name(query)) => {
            // Newest by number, which grows with time: FTS5 walks its rowids (the numbers)
            // backwards and stops at the limit, where ordering by date would fetch every
            // "Иванов" in the shop first.
            // The text index holds the name, e-mail and address (migration 0035); a single
            // word may also be the beginning of a SKU.
            match sku_prefix(text) {
                None => (
                    format!(
                        "SELECT {QUEUE_COLUMNS} FROM orders WHERE number IN \
                         (SELECT rowid FROM order_names WHERE order_names MATCH ?1 \
                         ORDER BY rowid DESC LIMIT ?2) ORDER BY number DESC"
                    ),
                    vec![Value::Text(query), limit],
                ),
                Some(pattern) => (
                    format!(
                        "SELECT {QUEUE_COLUMNS} FROM orders WHERE number IN \
                         (SELECT rowid FROM order_names WHERE order_names MATCH ?1 \
                         ORDER BY rowid DESC LIMIT ?2) \
                         UNION SELECT {QUEUE_COLUMNS} FROM orders WHERE id IN \
                         (SELECT order_id FROM order_lines WHERE sku LIKE ?3 ESCAPE '\\') \
                         ORDER BY number DESC LIMIT ?2"
                    ),
                    vec![Value::Text(query), limit, Value::Text(pattern)],
                ),
            }
        }
    };
    collect(conn, &sql, args)
}

/// Orders past their deadline in `stages` not yet alerted for this stage entry; marks them
/// alerted at `now`. Run inside the writer's transaction, so an alert is raised once.
pub(crate) fn take_due(
    conn: &Connection,
    now: Timestamp,
    stages: &[String],
) -> Result<Vec<QueueRow>, StoreError> {
    if stages.is_empty() {
        return Ok(Vec::new());
    }
    let sql = format!(
        // `+stage_id` keeps the planner on the partial index of orders not yet alerted: the
        // timer's usual tick then reads nothing, where the stage index would walk every
        // overdue order alerted long ago.
        "SELECT {QUEUE_COLUMNS} FROM orders WHERE alerted_at IS NULL AND deadline < ? \
         AND +stage_id IN ({}) ORDER BY deadline",
        marks(stages.len())
    );
    let mut args = vec![Value::Integer(ms(now))];
    args.extend(stages.iter().cloned().map(Value::Text));
    let due = collect(conn, &sql, args)?;
    let mut mark = conn.prepare_cached("UPDATE orders SET alerted_at = ?2 WHERE id = ?1")?;
    for row in &due {
        mark.execute(rusqlite::params![row.id.to_string(), ms(now)])?;
    }
    Ok(due)
}

/// A LIKE pattern for SKUs that begin with `text`: one word of three characters or more (a
/// shorter one would match half the catalogue), with LIKE's own signs escaped.
fn sku_prefix(text: &str) -> Option<String> {
    let word = text.trim();
    if word.chars().count() < 3 || word.chars().any(char::is_whitespace) {
        return None;
    }
    let mut pattern = String::with_capacity(word.len() + 1);
    for c in word.chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    Some(pattern)
}

fn marks(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// Digits that are not a whole phone: the order number itself or its beginning («№102» finds
/// 10200–10299, 102000–102999, …), the channel's own number, the end of a phone (four digits
/// or more) or its beginning («915 105» finds +7 915 105-…). Every part reads an index.
/// A channel's number is matched as typed too: Ozon's «0123456789-0001-1» is not its digits.
fn digits_query(
    conn: &Connection,
    number: Option<i64>,
    tail: String,
    typed: &str,
    limit: Value,
) -> Result<(String, Vec<Value>), StoreError> {
    let mut sql = format!(
        "SELECT {QUEUE_COLUMNS} FROM orders WHERE number = ?1 \
         UNION SELECT {QUEUE_COLUMNS} FROM orders WHERE length(?2) >= 4 \
         AND substr(phone, -4) = substr(?2, -4) AND phone LIKE '%' || ?2 \
         UNION SELECT {QUEUE_COLUMNS} FROM orders WHERE id IN \
         (SELECT order_id FROM channel_orders WHERE external_id IN (?2, ?4)) \
         UNION SELECT {QUEUE_COLUMNS} FROM orders WHERE id IN \
         (SELECT order_id FROM order_channel_numbers WHERE number IN (?2, ?4)) \
         UNION SELECT {QUEUE_COLUMNS} FROM orders WHERE id IN \
         (SELECT order_id FROM order_lines WHERE sku LIKE ?3)"
    );
    // A SKU of digits («4607001…»): its beginning, three digits at least. LIKE reads the
    // index only with the whole pattern bound, so it is made here; digits need no escape.
    let sku = if tail.len() >= 3 {
        format!("{tail}%")
    } else {
        // Matches nothing: every SKU is non-empty text, none begins with a NUL.
        "\u{0}".to_owned()
    };
    let mut args = vec![
        Value::Integer(number.unwrap_or(-1)),
        Value::Text(tail.clone()),
        Value::Text(sku),
        Value::Text(typed.to_owned()),
    ];
    if let Some(prefix) = phone_prefix(&tail) {
        sql.push_str(&format!(
            " UNION SELECT {QUEUE_COLUMNS} FROM orders WHERE phone >= ? AND phone < ?"
        ));
        // Digits sort before ':', so every number that starts with the prefix is below it.
        args.push(Value::Text(prefix.clone()));
        args.push(Value::Text(format!("{prefix}:")));
    }
    let max: i64 = conn
        .prepare_cached("SELECT COALESCE(MAX(number), 0) FROM orders")?
        .query_row([], |r| r.get(0))?;
    for (lo, hi) in number_prefix_ranges(number, &tail, max) {
        sql.push_str(&format!(
            " UNION SELECT {QUEUE_COLUMNS} FROM orders WHERE number >= ? AND number < ?"
        ));
        args.push(Value::Integer(lo));
        args.push(Value::Integer(hi));
    }
    sql.push_str(" ORDER BY created_at DESC LIMIT ?");
    args.push(limit);
    Ok((sql, args))
}

/// The stored beginning of a phone typed without its country code or with 8: four digits
/// at least, so a short number is not read as half the shop's phones.
fn phone_prefix(digits: &str) -> Option<String> {
    if !(4..11).contains(&digits.len()) {
        return None;
    }
    match digits.as_bytes().first() {
        Some(b'7' | b'8') => Some(format!("7{}", &digits[1..])),
        Some(b'9' | b'3' | b'4') => Some(format!("7{digits}")),
        _ => None,
    }
}

/// The order numbers that begin with `digits` (three at least, no leading zero), as ranges
/// up to the highest number the shop has.
fn number_prefix_ranges(number: Option<i64>, digits: &str, max: i64) -> Vec<(i64, i64)> {
    let mut out = Vec::new();
    let Some(n) = number.filter(|_| digits.len() >= 3 && !digits.starts_with('0')) else {
        return out;
    };
    let mut scale: i64 = 10;
    while let (Some(lo), Some(hi)) = (n.checked_mul(scale), (n + 1).checked_mul(scale)) {
        if lo > max {
            break;
        }
        out.push((lo, hi));
        match scale.checked_mul(10) {
            Some(next) => scale = next,
            None => break,
        }
    }
    out
}

fn collect(conn: &Connection, sql: &str, args: Vec<Value>) -> Result<Vec<QueueRow>, StoreError> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(queue_row(r)?);
    }
    Ok(out)
}
