//! Copies of the shop's database: made with SQLite's online backup API while the desk works,
//! checked with `integrity_check` before they are trusted, and put back only when checked.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use crate::{Store, StoreError};

/// Copies the database `src` reads into `dest`: one step, so the copy is one consistent
/// snapshot even while the writer commits; written beside `dest` and renamed once checked,
/// so a copy that exists is a whole one.
pub(crate) fn copy_to(src: &Connection, dest: &Path) -> Result<(), StoreError> {
    // A name of its own: two copies in the same second (the daily one as the desk opens and
    // «Сделать копию сейчас») have the same `dest`, and one removing the other's unfinished
    // file under it made SQLite refuse the write (a database moved while open).
    let partial = sibling(dest, &format!(".{}.partial", uuid::Uuid::now_v7()));
    let made = write_checked(src, &partial)
        .and_then(|()| std::fs::rename(&partial, dest).map_err(StoreError::Io));
    if made.is_err() {
        // Half a copy is no copy: nothing of it stays in the folder.
        let _ = std::fs::remove_file(&partial);
    }
    made
}

fn write_checked(src: &Connection, partial: &Path) -> Result<(), StoreError> {
    crate::files::owner_only(partial)?;
    {
        let mut dst = Connection::open(partial)?;
        let backup = rusqlite::backup::Backup::new(src, &mut dst)?;
        // All pages in one step (-1): one read of one snapshot. Busy or locked (a
        // checkpoint in another process) is waited out for a few seconds at most.
        let mut waits = 0;
        loop {
            match backup.step(-1)? {
                rusqlite::backup::StepResult::Done => break,
                rusqlite::backup::StepResult::More => {}
                _ if waits < 50 => {
                    waits += 1;
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                _ => {
                    return Err(StoreError::Corrupt(
                        "the database stayed locked: no copy was made".into(),
                    ))
                }
            }
        }
        drop(backup);
        // A copy is one file: no WAL beside it to lose when it is moved or sent.
        dst.pragma_update(None, "journal_mode", "DELETE")?;
    }
    check(partial)
}

/// `Ok` when SQLite finds the file whole (`PRAGMA integrity_check` says «ok»); anything else,
/// a file that is no database at all included, is [`StoreError::Corrupt`], so a caller can
/// tell a bad copy from a failure to write one.
pub fn check(path: &Path) -> Result<(), StoreError> {
    let verdict = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .and_then(|conn| conn.query_row("PRAGMA integrity_check", [], |r| r.get::<_, String>(0)))
    .map_err(|e| StoreError::Corrupt(format!("{}: {e}", path.display())))?;
    if verdict == "ok" {
        Ok(())
    } else {
        Err(StoreError::Corrupt(format!(
            "{}: {verdict}",
            path.display()
        )))
    }
}

/// Puts a checked copy in place of the database at `db`, which must not be open. The copy is
/// checked first; the database's WAL and shared memory go, so nothing of the old file is
/// replayed over the copy.
pub fn restore(backup: &Path, db: &Path) -> Result<(), StoreError> {
    restore_setting_aside(backup, db, None).map(|_| ())
}

/// [`restore`], and the database as it was is first copied to `aside` (with its WAL, byte for
/// byte: a file SQLite cannot open is kept as it is, for whoever looks into it later).
/// Returns whether there was a database to set aside. The database's lock is held
/// throughout, so a desk that has it open (or starts meanwhile) makes this fail with
/// [`StoreError::InUse`] before anything is touched.
pub fn restore_setting_aside(
    backup: &Path,
    db: &Path,
    aside: Option<&Path>,
) -> Result<bool, StoreError> {
    check(backup)?;
    let _lock = crate::instance::lock(db, crate::instance::CLOSING_GRACE)?;
    let set_aside = match aside {
        Some(aside) if db.exists() => {
            copy_with_wal(db, aside)?;
            true
        }
        _ => false,
    };
    let incoming = sibling(db, ".restoring");
    let _ = std::fs::remove_file(&incoming);
    std::fs::copy(backup, &incoming).map_err(StoreError::Io)?;
    crate::files::owner_only(&incoming)?;
    let _ = std::fs::remove_file(sibling(db, "-wal"));
    let _ = std::fs::remove_file(sibling(db, "-shm"));
    std::fs::rename(&incoming, db).map_err(StoreError::Io)?;
    Ok(set_aside)
}

/// `from` and its WAL, if it has one, copied to `to` (and `to`-wal), readable by the owner only.
fn copy_with_wal(from: &Path, to: &Path) -> Result<(), StoreError> {
    crate::files::owner_only(to)?;
    std::fs::copy(from, to).map_err(StoreError::Io)?;
    let wal = sibling(from, "-wal");
    if wal.exists() {
        let to_wal = sibling(to, "-wal");
        crate::files::owner_only(&to_wal)?;
        std::fs::copy(&wal, &to_wal).map_err(StoreError::Io)?;
    }
    Ok(())
}

/// `path` with `suffix` added to its file name (`db.sqlite3` → `db.sqlite3-wal`).
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(suffix);
    path.with_file_name(name)
}

impl Store {
    /// A checked copy of the database at `dest`, made while the desk goes on working.
    pub fn backup_to(&self, dest: &Path) -> Result<(), StoreError> {
        let dest = dest.to_path_buf();
        self.readers.read(move |conn| copy_to(conn, &dest))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The daily copy as the desk opens and «Сделать копию сейчас» in the same second have
    /// one name: each removed the other's unfinished file and SQLite refused the write
    /// («attempt to write a readonly database», the file moved while open).
    #[test]
    fn two_copies_to_one_name_at_once_both_succeed_and_leave_no_partial_file() {
        let dir = tempfile::tempdir().expect("dir");
        let db = dir.path().join("shop.sqlite3");
        let conn = Connection::open(&db).expect("db");
        conn.execute_batch(
            "CREATE TABLE t (x TEXT); \
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20000) \
             INSERT INTO t SELECT printf('%0100d', i) FROM n;",
        )
        .expect("rows");
        drop(conn);
        let dest = dir.path().join("copy.sqlite3");
        for round in 0..5 {
            let start = std::sync::Arc::new(std::sync::Barrier::new(2));
            let copies: Vec<_> = (0..2)
                .map(|_| {
                    let (db, dest, start) = (db.clone(), dest.clone(), start.clone());
                    std::thread::spawn(move || {
                        let src = Connection::open(&db).expect("reader");
                        start.wait();
                        copy_to(&src, &dest)
                    })
                })
                .collect();
            for copy in copies {
                copy.join().expect("thread").expect("a whole copy");
            }
            check(&dest).unwrap_or_else(|e| panic!("round {round}: {e}"));
        }
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .expect("dir")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter(|n| n.ends_with(".partial"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
