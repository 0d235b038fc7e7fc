//! A period's orders read for a file, a page at a time: an export of a big shop's year holds
//! one page in memory, and each page is a short read that never holds the WAL back for the
//! whole export.

use domain::{Channel, Kopecks, Order};
use jiff::Timestamp;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

use crate::order_rows::{self, COLUMNS};
use crate::rows::{ms, uuid};
use crate::{Store, StoreError};

/// Which orders: created in `[from, to)`, optionally of one stage and one channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportFilter {
    pub from: Timestamp,
    pub to: Timestamp,
    pub stage_id: Option<String>,
    pub channel: Option<Channel>,
}

/// Where the next page begins: just after this order in (creation, rowid) order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportCursor {
    created_at: i64,
    rowid: i64,
}

/// An order with its lines (no payments or calls: the file needs only what was paid).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportedOrder {
    pub order: Order,
    pub paid: Kopecks,
    /// The order's numbers on the channels that brought it («10301»), joined by «, »; empty
    /// for an order taken here (and for a channel's order recorded before migration 0040).
    pub channel_numbers: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportPage {
    pub orders: Vec<ExportedOrder>,
    /// `None` after the last page.
    pub next: Option<ExportCursor>,
}

impl Store {
    /// Up to `limit` orders of `filter` after `after` (from the first when `None`), the
    /// earliest created first.
    pub fn export_page(
        &self,
        filter: &ExportFilter,
        after: Option<ExportCursor>,
        limit: u32,
    ) -> Result<ExportPage, StoreError> {
        self.readers.read(|conn| page(conn, filter, after, limit))
    }
}

fn page(
    conn: &Connection,
    filter: &ExportFilter,
    after: Option<ExportCursor>,
    limit: u32,
) -> Result<ExportPage, StoreError> {
    let from = ms(filter.from);
    // The scan starts at the cursor's instant (a range of `orders_created`), not at the
    // period's start: every page reads only its own rows, whatever page it is.
    let after = after.unwrap_or(ExportCursor {
        created_at: from,
        rowid: i64::MIN,
    });
    // The channel's number: from its link where this desk runs the connector, else as the
    // op that made the order carried it (a team desk keeps only that).
    let mut sql = format!(
        "SELECT {COLUMNS}, id, paid, rowid, COALESCE( \
         (SELECT group_concat(external_id, ', ') FROM channel_orders c WHERE c.order_id = o.id), \
         (SELECT group_concat(number, ', ') FROM order_channel_numbers n WHERE n.order_id = o.id)) \
         FROM orders o WHERE created_at >= ?1 AND created_at < ?2 \
         AND (created_at > ?1 OR rowid > ?3)"
    );
    let mut args = vec![
        Value::Integer(after.created_at.max(from)),
        Value::Integer(ms(filter.to)),
        Value::Integer(if after.created_at < from {
            i64::MIN
        } else {
            after.rowid
        }),
    ];
    if let Some(stage) = &filter.stage_id {
        sql.push_str(" AND stage_id = ?");
        args.push(Value::Text(stage.clone()));
    }
    if let Some(channel) = filter.channel {
        sql.push_str(" AND channel = ?");
        args.push(Value::Text(channel.as_str().to_owned()));
    }
    sql.push_str(" ORDER BY created_at, rowid LIMIT ?");
    args.push(Value::Integer(i64::from(limit.max(1))));

    let columns = COLUMNS.split(',').count();
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    let mut orders = Vec::new();
    let mut last = None;
    while let Some(r) = rows.next()? {
        let id = uuid(&r.get::<_, String>(columns)?)?;
        let mut order = order_rows::from_row(id, r)?;
        order.lines = order_rows::lines(conn, id)?;
        last = Some(ExportCursor {
            created_at: ms(order.created_at),
            rowid: r.get(columns + 2)?,
        });
        orders.push(ExportedOrder {
            order,
            paid: Kopecks(r.get(columns + 1)?),
            channel_numbers: r.get::<_, Option<String>>(columns + 3)?.unwrap_or_default(),
        });
    }
    let full = orders.len() >= limit.max(1) as usize;
    Ok(ExportPage {
        orders,
        next: if full { last } else { None },
    })
}
