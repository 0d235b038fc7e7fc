//! The channel beside each order in a list: the connection it came through and the order's
//! status there, read for a whole page of orders at once.

use rusqlite::params;
use uuid::Uuid;

use crate::rows::uuid;
use crate::{Store, StoreError};

/// One order's place on a channel: the connection's name and kind, and the status there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderChannelStatus {
    pub order_id: Uuid,
    pub connection: String,
    pub kind: String,
    pub status: String,
}

impl Store {
    /// The channel statuses of `order_ids` (orders no channel knows are left out), in one
    /// indexed query.
    pub fn channel_statuses(
        &self,
        order_ids: Vec<Uuid>,
    ) -> Result<Vec<OrderChannelStatus>, StoreError> {
        if order_ids.is_empty() {
            return Ok(Vec::new());
        }
        let ids =
            serde_json::to_string(&order_ids.iter().map(Uuid::to_string).collect::<Vec<_>>())?;
        self.readers.read(move |conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT co.order_id, c.name, c.kind, co.remote_status FROM channel_orders co \
                 JOIN channel_connections c ON c.id = co.connection_id \
                 WHERE co.order_id IN (SELECT value FROM json_each(?1)) \
                 ORDER BY co.imported_at",
            )?;
            let mut rows = stmt.query(params![ids])?;
            let mut out = Vec::new();
            while let Some(r) = rows.next()? {
                out.push(OrderChannelStatus {
                    order_id: uuid(&r.get::<_, String>(0)?)?,
                    connection: r.get(1)?,
                    kind: r.get(2)?,
                    status: r.get(3)?,
                });
            }
            Ok(out)
        })
    }
}
