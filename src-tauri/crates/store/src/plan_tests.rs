//! The queue's reads go through the one stage index (migration 0048): what SQLite plans for
//! the statements the store runs, on a real file with the store's schema.

use rusqlite::{params_from_iter, types::Value, Connection};

use crate::queue::{orders_query, QueueFilter};
use crate::read::{stage_orders_sql, STAGE_COUNTS};
use crate::Store;

fn shop() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("orderdesk.sqlite3");
    drop(Store::open(&path).expect("store"));
    let conn = Connection::open(&path).expect("open");
    (dir, conn)
}

/// SQLite's plan for `sql`, one step a line.
fn plan_of(conn: &Connection, sql: &str, args: Vec<Value>) -> String {
    let mut stmt = conn
        .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
        .expect("explain");
    let steps = stmt
        .query_map(params_from_iter(args), |r| r.get::<_, String>(3))
        .expect("plan")
        .collect::<Result<Vec<_>, _>>()
        .expect("steps");
    steps.join("\n")
}

const OVERDUE_PART: &str = "orders_stage_page (stage_id=? AND <expr>=? AND deadline<?)";

#[test]
fn the_older_stage_index_is_gone() {
    let (_dir, conn) = shop();
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'orders'")
        .expect("indexes")
        .query_map([], |r| r.get(0))
        .expect("rows")
        .collect::<Result<_, _>>()
        .expect("names");
    assert!(names.iter().any(|n| n == "orders_stage_page"), "{names:?}");
    assert!(
        !names.iter().any(|n| n == "orders_stage_queue"),
        "{names:?}"
    );
}

#[test]
fn overdue_counts_read_only_the_overdue_part_of_each_stage() {
    let (_dir, conn) = shop();
    let plan = plan_of(&conn, STAGE_COUNTS, vec![Value::Integer(0)]);
    assert!(
        plan.contains(&format!("COVERING INDEX {OVERDUE_PART}")),
        "{plan}"
    );
}

#[test]
fn the_overdue_list_of_a_stage_reads_only_its_overdue_part() {
    let (_dir, conn) = shop();
    let filter = QueueFilter {
        stages: Some(vec!["new".into()]),
        overdue_at: Some("2025-03-03T12:00:00Z".parse().expect("instant")),
        ..QueueFilter::default()
    };
    let (sql, args) = orders_query(&filter).expect("a query");
    let plan = plan_of(&conn, &sql, args);
    assert!(plan.contains(OVERDUE_PART), "{plan}");
}

#[test]
fn a_stage_is_read_in_the_index_order_without_a_sort() {
    let (_dir, conn) = shop();
    let plan = plan_of(&conn, &stage_orders_sql(), vec![Value::Text("new".into())]);
    assert!(plan.contains("orders_stage_page (stage_id=?)"), "{plan}");
    assert!(!plan.contains("TEMP B-TREE"), "{plan}");
    let filter = QueueFilter {
        stages: Some(vec!["new".into()]),
        ..QueueFilter::default()
    };
    let (sql, args) = orders_query(&filter).expect("a query");
    let plan = plan_of(&conn, &sql, args);
    assert!(plan.contains("orders_stage_page (stage_id=?)"), "{plan}");
    assert!(!plan.contains("TEMP B-TREE"), "{plan}");
}
