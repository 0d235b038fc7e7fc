use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags};
use rusqlite_migration::{Migrations, M};

use crate::StoreError;

/// Append-only: a released migration is never edited, a change is a new file.
pub(crate) const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_pricing_versions.sql"),
    include_str!("migrations/0003_search.sql"),
    include_str!("migrations/0004_documents.sql"),
    include_str!("migrations/0005_queue_speed.sql"),
    include_str!("migrations/0006_workflow_edits.sql"),
    include_str!("migrations/0008_sync.sql"),
    include_str!("migrations/0010_channels.sql"),
    include_str!("migrations/0012_channel_pushes.sql"),
    include_str!("migrations/0017_push_dismissals.sql"),
    include_str!("migrations/0018_deferred_search.sql"),
    include_str!("migrations/0019_channel_terms.sql"),
    include_str!("migrations/0020_channel_links.sql"),
    include_str!("migrations/0021_invoice_dates.sql"),
    include_str!("migrations/0022_bank_name_qr.sql"),
    include_str!("migrations/0023_order_buyer.sql"),
    include_str!("migrations/0024_paper_dates.sql"),
    include_str!("migrations/0027_versions_rowid.sql"),
    include_str!("migrations/0028_channel_error_codes.sql"),
    include_str!("migrations/0029_catalogue.sql"),
    include_str!("migrations/0030_channel_shipping_methods.sql"),
    include_str!("migrations/0031_people.sql"),
    include_str!("migrations/0032_payment_corrections.sql"),
    include_str!("migrations/0034_customer_cards.sql"),
    include_str!("migrations/0035_search_contacts_places_goods.sql"),
    include_str!("migrations/0038_route_sheets.sql"),
    include_str!("migrations/0039_product_search.sql"),
    include_str!("migrations/0040_order_channel_numbers.sql"),
    include_str!("migrations/0041_order_places.sql"),
    include_str!("migrations/0042_channel_links_state.sql"),
    include_str!("migrations/0043_channel_status_seen.sql"),
    include_str!("migrations/0044_channel_stock_links.sql"),
    include_str!("migrations/0045_channel_revision.sql"),
    include_str!("migrations/0046_customer_merges.sql"),
    include_str!("migrations/0047_push_note_codes.sql"),
    include_str!("migrations/0048_one_stage_index.sql"),
];

/// The schema's migrations as one key: their count and a hash of their texts. A file cached
/// by a bench under this key was made by exactly these migrations; keyed by the count alone,
/// a cache made while a migration was still being written outlives the edit.
pub fn schema_fingerprint() -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::hash::DefaultHasher::new();
    MIGRATIONS.hash(&mut h);
    format!("{}-{:016x}", MIGRATIONS.len(), h.finish())
}

fn migrations() -> Migrations<'static> {
    Migrations::new(MIGRATIONS.iter().map(|sql| M::up(sql)).collect())
}

/// Long enough to ride out another process's checkpoint, short enough that a stuck lock
/// surfaces as an error instead of a frozen window.
pub(crate) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// The writer's memory map. Readers map nothing: SQLite unmaps a connection's whole map
/// when it begins a read after another connection committed (after every operation, for a
/// reader), and unmapping in a process of several threads stops every core for a TLB
/// flush; the desk's reads of an order cost more in that unmap, and in faulting the pages
/// back in, than a read() copy of the same few pages.
const MMAP_BYTES: i64 = 1 << 30;

/// The writer's page cache, in KiB (negative = KiB for SQLite). The default 2 MB held little
/// of a large shop's indexes, so every operation re-read the pages it was about to change.
const WRITER_CACHE_KIB: i64 = 64 * 1024;

/// One operation runs some thirty distinct statements (settings, the order, its effect,
/// triggers aside); rusqlite's default cache of 16 re-prepared most of them every time.
const STATEMENTS: usize = 128;

pub(crate) fn open_writer(path: &Path) -> Result<Connection, StoreError> {
    crate::files::owner_only(path)?;
    let mut conn = Connection::open(path)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // WAL lets the readers work while the writer commits; NORMAL sync in WAL mode survives an
    // application crash (kill -9) and only risks the last commits on power loss, which buys
    // the thousands of single-operation transactions per second the desk needs.
    conn.pragma_update(None, "journal_mode", "WAL")?;
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.pragma_update(None, "mmap_size", MMAP_BYTES)?;
    // No automatic checkpoint inside COMMIT: a thread of its own checkpoints (checkpoint.rs).
    conn.pragma_update(None, "wal_autocheckpoint", 0)?;
    conn.pragma_update(None, "cache_size", -WRITER_CACHE_KIB)?;
    // Statement journals (an insert into `orders` fires the search index's trigger, so each
    // one keeps a journal to undo just that statement) in memory, not in a temp file: a
    // channel import spent an eighth of its time writing them to disk.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    conn.set_prepared_statement_cache_capacity(STATEMENTS);
    backup_before_migrating(&conn, path)?;
    migrations().to_latest(&mut conn)?;
    Ok(conn)
}

/// A database an older version made is copied (and the copy checked) before this version
/// migrates it: an upgrade that goes wrong leaves the shop where it was, in
/// `backups/orderdesk-before-v<N>.sqlite3` beside it.
fn backup_before_migrating(conn: &Connection, path: &Path) -> Result<(), StoreError> {
    let latest = MIGRATIONS.len();
    let current = match migrations().current_version(conn)? {
        rusqlite_migration::SchemaVersion::Inside(v) => v.get(),
        // A new, empty database has nothing to keep; a newer one is refused by `to_latest`.
        rusqlite_migration::SchemaVersion::NoneSet
        | rusqlite_migration::SchemaVersion::Outside(_) => return Ok(()),
    };
    if current >= latest {
        return Ok(());
    }
    let dir = path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join("backups");
    std::fs::create_dir_all(&dir).map_err(StoreError::Io)?;
    let dest = dir.join(format!("orderdesk-before-v{}.sqlite3", current + 1));
    tracing::info!(from = current, to = latest, backup = %dest.display(), "copying the database before migrating it");
    crate::backup::copy_to(conn, &dest)
}

pub(crate) fn open_reader(path: &Path) -> Result<Connection, StoreError> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = Connection::open_with_flags(path, flags)?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    conn.set_prepared_statement_cache_capacity(STATEMENTS);
    Ok(conn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_database_of_an_older_version_is_copied_before_it_is_migrated() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("orderdesk.sqlite3");
        let older = MIGRATIONS.len() - 1;
        {
            let mut conn = Connection::open(&path).expect("open");
            Migrations::new(MIGRATIONS[..older].iter().map(|sql| M::up(sql)).collect())
                .to_latest(&mut conn)
                .expect("an older version's schema");
            conn.execute_batch("CREATE TABLE kept (x INTEGER); INSERT INTO kept VALUES (42);")
                .expect("data");
        }
        drop(open_writer(&path).expect("migrated"));
        let copy = dir
            .path()
            .join("backups")
            .join(format!("orderdesk-before-v{}.sqlite3", older + 1));
        crate::backup::check(&copy).expect("a whole copy");
        let kept: i64 = Connection::open(&copy)
            .expect("copy")
            .query_row("SELECT x FROM kept", [], |r| r.get(0))
            .expect("the data of before");
        assert_eq!(kept, 42);
        // The current version is not copied again at the next start.
        drop(open_writer(&path).expect("reopened"));
        let copies = std::fs::read_dir(dir.path().join("backups"))
            .expect("dir")
            .count();
        assert_eq!(copies, 1);
    }

    /// Migration 0027 rebuilds order_versions as a rowid table: the versions a shop already
    /// has come through it whole and are found by their key.
    #[test]
    fn versions_stored_before_the_rowid_table_are_kept_by_it() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("orderdesk.sqlite3");
        let before = MIGRATIONS
            .iter()
            .position(|m| m.contains("order_versions_by_rowid"))
            .expect("the rebuild is a migration");
        {
            let mut conn = Connection::open(&path).expect("open");
            Migrations::new(MIGRATIONS[..before].iter().map(|sql| M::up(sql)).collect())
                .to_latest(&mut conn)
                .expect("the schema before the rebuild");
            // The order's customer and stage are beside the point here.
            conn.execute_batch(
                "PRAGMA foreign_keys = OFF; \
                 INSERT INTO orders (id, number, channel, customer_id, customer_name, phone, \
                 address, delivery, payment, stage_id, stage_entered_at, subtotal, discount, \
                 delivery_cost, total, created_at) VALUES ('o1', 10001, 'phone', 'c1', 'Иванов', \
                 '+79990000000', 'Москва', 'courier', 'online', 'new', 0, 100, 0, 0, 100, 0); \
                 INSERT INTO order_versions VALUES ('o1', 1, 5, 'a', 'Аня', NULL, 100, '{\"v\":1}'); \
                 INSERT INTO order_versions VALUES ('o1', 2, 6, 'a', 'Аня', 'op2', 90, '');",
            )
            .expect("an order with two versions");
        }
        let conn = open_writer(&path).expect("migrated");
        let rows: Vec<(i64, Option<String>, i64, String)> = conn
            .prepare("SELECT number, op_id, total, content FROM order_versions WHERE order_id = 'o1' ORDER BY number")
            .expect("query")
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("versions");
        assert_eq!(
            rows,
            [
                (1, None, 100, "{\"v\":1}".to_owned()),
                (2, Some("op2".to_owned()), 90, String::new())
            ]
        );
        let without_rowid: bool = conn
            .query_row(
                "SELECT sql LIKE '%WITHOUT ROWID%' FROM sqlite_master WHERE name = 'order_versions'",
                [],
                |r| r.get(0),
            )
            .expect("schema");
        assert!(!without_rowid, "order_versions is a rowid table now");
        let duplicate = conn.execute(
            "INSERT INTO order_versions VALUES ('o1', 2, 7, 'a', 'Аня', NULL, 80, '')",
            [],
        );
        assert!(duplicate.is_err(), "(order_id, number) is still the key");
    }

    #[test]
    fn migrations_are_valid() {
        migrations()
            .validate()
            .expect("migrations apply to an empty database");
    }
}
