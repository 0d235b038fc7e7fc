//! Route sheet numbers as given out: one per courier and day, kept so that a reprint is the
//! same paper and two couriers of one day never share one (see migration 0038).

use jiff::civil::Date;
use jiff::Timestamp;
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};

use crate::rows::ms;
use crate::{Store, StoreError};

impl Store {
    /// The number of the sheet of the courier known as `courier_key` for `day`: the one it was
    /// first made with, else the first of `candidates` no other courier of that day holds,
    /// kept from now on. `None` when every candidate is taken.
    pub fn route_sheet_number(
        &self,
        day: Date,
        courier_key: String,
        courier: String,
        candidates: impl Iterator<Item = String> + Send + 'static,
        now: Timestamp,
    ) -> Result<Option<String>, StoreError> {
        self.writer.run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            if let Some(known) = of_courier(&tx, day, &courier_key)? {
                return Ok(Some(known));
            }
            for number in candidates {
                if taken(&tx, &number)? {
                    continue;
                }
                tx.prepare_cached(
                    "INSERT INTO route_sheets (day, courier_key, courier, number, made_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5)",
                )?
                .execute(params![
                    day.to_string(),
                    courier_key,
                    courier,
                    number,
                    ms(now)
                ])?;
                tx.commit()?;
                return Ok(Some(number));
            }
            Ok(None)
        })
    }

    /// The number the courier's sheet for `day` was made with, if it was.
    pub fn route_sheet_numbered(
        &self,
        day: Date,
        courier_key: String,
    ) -> Result<Option<String>, StoreError> {
        self.readers
            .read(move |conn| of_courier(conn, day, &courier_key))
    }
}

fn of_courier(conn: &Connection, day: Date, key: &str) -> Result<Option<String>, StoreError> {
    Ok(conn
        .prepare_cached("SELECT number FROM route_sheets WHERE day = ?1 AND courier_key = ?2")?
        .query_row(params![day.to_string(), key], |r| r.get(0))
        .optional()?)
}

fn taken(conn: &Connection, number: &str) -> Result<bool, StoreError> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM route_sheets WHERE number = ?1")?
        .query_row([number], |_| Ok(()))
        .optional()?
        .is_some())
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use crate::Store;

    fn numbers(first: u32) -> impl Iterator<Item = String> + Send + 'static {
        (first..first + 3).map(|n| format!("20261123-{n}"))
    }

    /// Two couriers whose names give the same digits get different numbers; each keeps its
    /// own on a reprint and after a reopen; another day starts again from the digits.
    #[test]
    fn two_couriers_of_one_day_never_share_a_route_sheet_number() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("r.sqlite3");
        let store = Store::open(&path).expect("open");
        let at: jiff::Timestamp = "2026-11-23T07:00:00Z".parse().expect("instant");
        let day = date(2026, 11, 23);
        let sheet = |store: &Store, key: &str| {
            store
                .route_sheet_number(day, key.into(), key.into(), numbers(3702), at)
                .expect("number")
                .expect("a free number")
        };
        assert_eq!(sheet(&store, "курьер 197"), "20261123-3702");
        assert_eq!(sheet(&store, "курьер 250"), "20261123-3703");
        assert_eq!(sheet(&store, "курьер 197"), "20261123-3702");
        drop(store);

        let store = Store::open(&path).expect("reopen");
        assert_eq!(sheet(&store, "курьер 250"), "20261123-3703");
        assert_eq!(
            store
                .route_sheet_numbered(day, "курьер 250".into())
                .expect("read"),
            Some("20261123-3703".into())
        );
        assert_eq!(
            store
                .route_sheet_number(
                    date(2026, 11, 24),
                    "курьер 250".into(),
                    "Курьер 250".into(),
                    (3702..3703).map(|n| format!("20261124-{n}")),
                    at
                )
                .expect("next day"),
            Some("20261124-3702".into())
        );
        // Every candidate held by another courier: no number rather than a shared one.
        assert_eq!(
            store
                .route_sheet_number(
                    day,
                    "курьер 3".into(),
                    "Курьер 3".into(),
                    numbers(3702).take(2),
                    at
                )
                .expect("read"),
            None
        );
    }
}
