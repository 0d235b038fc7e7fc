//! The channel's own number of each order it brought, written by whichever desk records the
//! op that made the order: the desk running the connector, and every team desk that pulls
//! it. Search and the order card read it where the channel's link (`channel_orders`) is
//! kept only by the connector's desk.

use domain::Op;
use rusqlite::{params, Connection};
use uuid::Uuid;

use crate::{Store, StoreError};

/// An order's number on a channel, for the card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelNumber {
    pub number: String,
    pub connection_id: Option<Uuid>,
    pub connection_name: String,
}

/// Records the number a channel's `CreateOrder` carries; any other op writes nothing.
pub(crate) fn note(conn: &Connection, op: &Op) -> Result<(), StoreError> {
    let Op::CreateOrder {
        order,
        channel: Some(terms),
    } = op
    else {
        return Ok(());
    };
    let Some(known) = terms.number.as_ref() else {
        return Ok(());
    };
    let number = known.number.trim();
    if number.is_empty() {
        return Ok(());
    }
    conn.prepare_cached(
        "INSERT OR IGNORE INTO order_channel_numbers (order_id, number, connection_id, \
         connection_name) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![
        order.id.to_string(),
        number,
        known.connection_id.to_string(),
        known.connection,
    ])?;
    Ok(())
}

fn of_order(conn: &Connection, order_id: Uuid) -> Result<Vec<ChannelNumber>, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT number, connection_id, connection_name FROM order_channel_numbers \
         WHERE order_id = ?1 ORDER BY connection_name, number",
    )?;
    let mut rows = stmt.query([order_id.to_string()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let connection_id: Option<String> = r.get(1)?;
        out.push(ChannelNumber {
            number: r.get(0)?,
            connection_id: connection_id.and_then(|id| Uuid::parse_str(&id).ok()),
            connection_name: r.get(2)?,
        });
    }
    Ok(out)
}

impl Store {
    /// The order's numbers on the channels that brought it (none for a phone order).
    pub fn order_channel_numbers(&self, order_id: Uuid) -> Result<Vec<ChannelNumber>, StoreError> {
        self.readers.read(|conn| of_order(conn, order_id))
    }
}
