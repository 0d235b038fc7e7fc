//! Numbers and dates of papers other than invoices (a товарная накладная), kept the first time
//! the paper is made so that a reprint is the same paper. Invoices keep theirs in `invoices`,
//! where the number is also given out.

use jiff::civil::Date;
use jiff::Timestamp;
use rusqlite::{params, Connection, OptionalExtension};
use uuid::Uuid;

use crate::rows::ms;
use crate::StoreError;

/// A paper's number and date as first printed on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PaperDate {
    pub number: String,
    pub dated_on: Date,
}

pub(crate) fn of_order(
    conn: &Connection,
    order_id: Uuid,
    kind: &str,
) -> Result<Option<PaperDate>, StoreError> {
    let row = conn
        .prepare_cached(
            "SELECT number, dated_on FROM paper_dates WHERE order_id = ?1 AND kind = ?2",
        )?
        .query_row(params![order_id.to_string(), kind], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })
        .optional()?;
    row.map(|(number, on)| {
        let dated_on = on
            .parse::<Date>()
            .map_err(|e| StoreError::Corrupt(format!("{kind} date {on:?}: {e}")))?;
        Ok(PaperDate { number, dated_on })
    })
    .transpose()
}

/// When `order_id`'s paper `document` (its code, e.g. `delivery_note`) was first printed on
/// any PC of the shop: print ops are synced, the papers' kept dates are not, so another PC's
/// reprint can take its date from here.
pub(crate) fn first_printed(
    conn: &Connection,
    order_id: Uuid,
    document: &str,
) -> Result<Option<Timestamp>, StoreError> {
    let at: Option<i64> = conn
        .prepare_cached(
            "SELECT MIN(at) FROM ops WHERE order_id = ?1 AND kind = 'print_document' \
             AND json_extract(payload, '$.document') = ?2",
        )?
        .query_row(params![order_id.to_string(), document], |r| r.get(0))?;
    at.map(crate::rows::timestamp).transpose()
}

pub(crate) fn insert(
    conn: &Connection,
    order_id: Uuid,
    kind: &str,
    paper: &PaperDate,
    made_at: Timestamp,
) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO paper_dates (order_id, kind, number, dated_on, made_at) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        order_id.to_string(),
        kind,
        paper.number,
        paper.dated_on.to_string(),
        ms(made_at),
    ])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;

    use super::PaperDate;
    use crate::Store;

    /// A reprint is the same paper: the first number and date stay, whatever a later print
    /// offers, and a reopened store still has them; another kind or order is its own paper.
    #[test]
    fn a_paper_keeps_the_number_and_date_it_was_first_made_with() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.sqlite3");
        let store = Store::open(&path).expect("open");
        let order = uuid::Uuid::now_v7();
        let paper = |number: &str, day: i8| PaperDate {
            number: number.into(),
            dated_on: date(2026, 11, day),
        };
        let at: jiff::Timestamp = "2026-11-22T09:00:00Z".parse().expect("instant");
        assert_eq!(
            store.paper_dated(order, "delivery_note").expect("read"),
            None
        );
        let first = store
            .paper_date(order, "delivery_note", paper("1042", 22), at)
            .expect("first");
        assert_eq!(first, paper("1042", 22));
        let reprint = store
            .paper_date(order, "delivery_note", paper("1043", 25), at)
            .expect("reprint");
        assert_eq!(reprint, paper("1042", 22));
        drop(store);

        let store = Store::open(&path).expect("reopen");
        assert_eq!(
            store.paper_dated(order, "delivery_note").expect("read"),
            Some(paper("1042", 22))
        );
        let other_kind = store
            .paper_date(order, "transport_waybill", paper("1042", 25), at)
            .expect("other kind");
        assert_eq!(other_kind, paper("1042", 25));
        let other_order = store
            .paper_date(uuid::Uuid::now_v7(), "delivery_note", paper("7", 26), at)
            .expect("other order");
        assert_eq!(other_order, paper("7", 26));
    }
}
