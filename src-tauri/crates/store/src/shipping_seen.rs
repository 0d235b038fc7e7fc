//! The site's delivery methods as its orders carry them: what the admin's delivery map lists
//! besides the methods the site itself names.

use jiff::Timestamp;
use rusqlite::params;
use uuid::Uuid;

use crate::rows::{ms, timestamp};
use crate::{Store, StoreError};

/// One delivery method seen on the channel's orders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShippingSeen {
    /// `method_id`, or `method_id:instance_id` for a shipping zone's instance.
    pub method_key: String,
    /// The shipping line's title as the customer chose it.
    pub title: String,
    /// The channel's id of the last order seen with it.
    pub last_order: String,
    pub last_seen_at: Timestamp,
}

impl Store {
    /// Records (or refreshes) the methods seen on one import's orders.
    pub fn note_shipping_seen(
        &self,
        connection_id: Uuid,
        seen: Vec<ShippingSeen>,
    ) -> Result<(), StoreError> {
        if seen.is_empty() {
            return Ok(());
        }
        self.write(move |conn| {
            let mut stmt = conn.prepare_cached(
                "INSERT INTO channel_shipping_methods \
                 (connection_id, method_key, title, last_order, last_seen_at) \
                 SELECT ?1, ?2, ?3, ?4, ?5 \
                 WHERE EXISTS (SELECT 1 FROM channel_connections WHERE id = ?1) \
                 ON CONFLICT (connection_id, method_key) DO UPDATE SET title = excluded.title, \
                 last_order = excluded.last_order, last_seen_at = excluded.last_seen_at \
                 WHERE excluded.last_seen_at >= last_seen_at",
            )?;
            for s in &seen {
                stmt.execute(params![
                    connection_id.to_string(),
                    s.method_key,
                    s.title,
                    s.last_order,
                    ms(s.last_seen_at)
                ])?;
            }
            Ok(())
        })
    }

    /// Every method seen on the connection's orders, by key.
    pub fn shipping_seen(&self, connection_id: Uuid) -> Result<Vec<ShippingSeen>, StoreError> {
        self.readers.read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT method_key, title, last_order, last_seen_at FROM channel_shipping_methods \
                 WHERE connection_id = ?1 ORDER BY method_key",
            )?;
            let rows = stmt.query_map([connection_id.to_string()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get::<_, i64>(3)?))
            })?;
            rows.map(|row| {
                let (method_key, title, last_order, at) = row?;
                Ok(ShippingSeen {
                    method_key,
                    title,
                    last_order,
                    last_seen_at: timestamp(at)?,
                })
            })
            .collect()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ConnectionRow;

    fn at(s: i64) -> Timestamp {
        Timestamp::from_second(1_790_000_000 + s).expect("valid instant")
    }

    fn seen(key: &str, title: &str, order: &str, s: i64) -> ShippingSeen {
        ShippingSeen {
            method_key: key.into(),
            title: title.into(),
            last_order: order.into(),
            last_seen_at: at(s),
        }
    }

    #[test]
    fn a_method_seen_again_keeps_its_newest_title_and_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(&dir.path().join("db.sqlite3")).expect("store");
        let id = Uuid::now_v7();
        store
            .save_connection(ConnectionRow {
                id,
                kind: "woo_commerce".into(),
                name: "Сайт".into(),
                base_url: "http://shop.test".into(),
                settings: "{}".into(),
                created_at: at(0),
            })
            .expect("connection");
        store
            .note_shipping_seen(
                id,
                vec![
                    seen("cdek", "СДЭК — до пункта выдачи", "36", 10),
                    seen("flat_rate:1", "Курьер", "10", 10),
                ],
            )
            .expect("first");
        // An older order read later (a reconciliation) does not turn the title back.
        store
            .note_shipping_seen(
                id,
                vec![
                    seen("flat_rate:1", "Курьер по Москве", "20", 20),
                    seen("cdek", "СДЭК (старое)", "5", 5),
                ],
            )
            .expect("second");
        // A connection removed meanwhile gets no rows.
        store
            .note_shipping_seen(Uuid::now_v7(), vec![seen("x", "X", "1", 1)])
            .expect("unknown connection");
        assert_eq!(
            store.shipping_seen(id).expect("read"),
            vec![
                seen("cdek", "СДЭК — до пункта выдачи", "36", 10),
                seen("flat_rate:1", "Курьер по Москве", "20", 20),
            ]
        );
    }
}
