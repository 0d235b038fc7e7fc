//! Copies of the shop's database in its folder: made daily while the desk runs and whenever
//! asked («Сделать копию сейчас»), the newest kept, each checked before it is trusted; put
//! back (with the desk closed) only after the copy is checked.

use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp};

use crate::{Desk, DeskError, DATABASE_FILE};

/// Copies kept besides those made before migrations.
const KEEP: usize = 14;
/// How old the newest copy may get before the desk makes another on its own.
const EVERY: SignedDuration = SignedDuration::from_hours(24);
const PREFIX: &str = "orderdesk-";
const FORMAT: &str = "%Y%m%d-%H%M%S";

/// One copy: where it is and when it was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub made_at: Timestamp,
}

impl Desk {
    fn backup_dir(&self) -> PathBuf {
        self.data_dir.join("backups")
    }

    /// A checked copy now; the oldest beyond the ones kept are removed.
    pub fn backup_now(&self, now: Timestamp) -> Result<Backup, DeskError> {
        let dir = self.backup_dir();
        std::fs::create_dir_all(&dir).map_err(|source| DeskError::DataDir {
            path: dir.clone(),
            source,
        })?;
        let name = format!("{PREFIX}{}.sqlite3", now.strftime(FORMAT));
        let path = dir.join(name);
        self.store.backup_to(&path)?;
        for old in self.backups()?.into_iter().skip(KEEP) {
            if let Err(e) = std::fs::remove_file(&old.path) {
                tracing::warn!(error = %e, path = %old.path.display(), "an old backup stays");
            }
        }
        Ok(Backup { path, made_at: now })
    }

    /// The daily copy, when the newest is a day old (or there is none).
    pub fn backup_if_due(&self, now: Timestamp) -> Result<Option<Backup>, DeskError> {
        let due = self
            .backups()?
            .first()
            .is_none_or(|b| now.duration_since(b.made_at) >= EVERY);
        if due {
            self.backup_now(now).map(Some)
        } else {
            Ok(None)
        }
    }

    /// The copies in the shop's folder, newest first.
    pub fn backups(&self) -> Result<Vec<Backup>, DeskError> {
        let dir = self.backup_dir();
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Ok(Vec::new());
        };
        let mut out: Vec<Backup> = entries
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                let stamp = name.strip_prefix(PREFIX)?.strip_suffix(".sqlite3")?;
                let made = jiff::civil::DateTime::strptime(FORMAT, stamp).ok()?;
                let made_at = made.to_zoned(jiff::tz::TimeZone::UTC).ok()?.timestamp();
                Some(Backup {
                    path: e.path(),
                    made_at,
                })
            })
            .collect();
        out.sort_by_key(|b| std::cmp::Reverse(b.made_at));
        Ok(out)
    }
}

/// Puts the copy at `backup` in place of the shop's database in `data_dir`; the desk must be
/// closed. A copy that fails SQLite's integrity check replaces nothing.
pub fn restore_backup(data_dir: &Path, backup: &Path) -> Result<(), DeskError> {
    store::restore_database(backup, &data_dir.join(DATABASE_FILE))?;
    Ok(())
}
