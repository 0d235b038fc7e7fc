//! What a list shows beside each order besides its own row: which connection it came through
//! and its status there (a marketplace's own status beside our stage), and how many orders
//! its customer has (a repeat customer is marked).

use std::collections::HashMap;

use proto::{Channel, OrderRow};
use uuid::Uuid;

use crate::{Desk, DeskError};

impl Desk {
    /// Fills `customer_orders` on every row and `channels` on the rows that came from a
    /// channel, in one read each for the page.
    pub(crate) fn annotate(&self, mut rows: Vec<OrderRow>) -> Result<Vec<OrderRow>, DeskError> {
        let counts = self
            .store
            .orders_per_phone(rows.iter().map(|r| r.phone.clone()).collect())?;
        for row in &mut rows {
            row.customer_orders = counts.get(&row.phone).copied().unwrap_or(0);
        }
        // A shop without connections (most of the benchmark's) reads nothing more.
        if self.store.connections()?.is_empty() {
            return Ok(rows);
        }
        let index: HashMap<String, usize> = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i))
            .collect();
        let ids: Vec<Uuid> = rows
            .iter()
            .filter(|r| r.channel != Channel::Phone)
            .filter_map(|r| Uuid::parse_str(&r.id).ok())
            .collect();
        for s in self.store.channel_statuses(ids)? {
            let at = index.get(&s.order_id.to_string()).copied();
            if let Some(row) = at.and_then(|i| rows.get_mut(i)) {
                row.channels.push(proto::ChannelTag {
                    connection: s.connection,
                    kind: s.kind,
                    status: s.status,
                });
            }
        }
        Ok(rows)
    }
}

impl Desk {
    /// The order's numbers on its channels as the op that made it carried them: what a team
    /// desk knows of the channel without the hub (no status, no flags: the hub's worker
    /// keeps those).
    pub(crate) fn channel_numbers(
        &self,
        order_id: Uuid,
    ) -> Result<Vec<proto::OrderChannelView>, DeskError> {
        Ok(self
            .store
            .order_channel_numbers(order_id)?
            .into_iter()
            .map(|n| proto::OrderChannelView {
                connection_id: n.connection_id.map(|id| id.to_string()).unwrap_or_default(),
                connection_name: n.connection_name,
                external_id: n.number,
                remote_status: String::new(),
                flags: Vec::new(),
            })
            .collect())
    }
}
