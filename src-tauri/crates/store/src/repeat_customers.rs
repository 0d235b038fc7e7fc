//! How many orders each customer of a page of orders has, for the queue's repeat-customer
//! mark: read for the whole page at once through the phone index.

use std::collections::HashMap;

use rusqlite::params;

use crate::{Store, StoreError};

impl Store {
    /// The number of orders (every stage, cancelled ones too) with each of `phones` — the
    /// customer card's key; orders without a phone are not counted. Phones with no order are
    /// left out.
    pub fn orders_per_phone(
        &self,
        phones: Vec<String>,
    ) -> Result<HashMap<String, u32>, StoreError> {
        let phones: Vec<String> = phones.into_iter().filter(|p| !p.is_empty()).collect();
        if phones.is_empty() {
            return Ok(HashMap::new());
        }
        let phones = serde_json::to_string(&phones)?;
        self.readers.read(move |conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT phone, count(*) FROM orders \
                 WHERE phone IN (SELECT value FROM json_each(?1)) GROUP BY phone",
            )?;
            let mut rows = stmt.query(params![phones])?;
            let mut out = HashMap::new();
            while let Some(r) = rows.next()? {
                let count: i64 = r.get(1)?;
                out.insert(r.get(0)?, u32::try_from(count).unwrap_or(u32::MAX));
            }
            Ok(out)
        })
    }
}
