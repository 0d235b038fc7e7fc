//! Copies of the shop's database: made daily while the desk runs and whenever asked
//! («Сделать копию сейчас»), the newest kept, each checked before it is trusted; put back
//! (with the desk closed) only after the copy is checked (`recovery.rs`).

mod place;

use std::path::{Path, PathBuf};

use jiff::{SignedDuration, Timestamp};
use proto::{BackupKind, BackupView, BackupsView};

use crate::{Desk, DeskError, DATABASE_FILE};

pub use place::BackupPlace;

/// How old the newest copy may get before the desk makes another on its own.
const EVERY: SignedDuration = SignedDuration::from_hours(24);
const PREFIX: &str = "orderdesk-";
const BEFORE_RESTORE: &str = "before-restore-";
const BEFORE_MIGRATION: &str = "before-v";
const SUFFIX: &str = ".sqlite3";
const FORMAT: &str = "%Y%m%d-%H%M%S";

/// One copy: where it is, what made it and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Backup {
    pub path: PathBuf,
    pub made_at: Timestamp,
    pub kind: BackupKind,
    pub size: u64,
}

impl Backup {
    /// The file's name, by which the window names the copy.
    pub fn name(&self) -> String {
        self.path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    }

    pub(crate) fn view(&self, zone: &jiff::tz::TimeZone) -> BackupView {
        BackupView {
            name: self.name(),
            kind: self.kind,
            made_at: self.made_at.as_millisecond(),
            made_at_text: self
                .made_at
                .to_zoned(zone.clone())
                .strftime("%d.%m.%Y %H:%M")
                .to_string(),
            size_bytes: self.size,
        }
    }
}

impl Desk {
    /// A checked copy now, in this PC's folder for copies; the oldest daily copies beyond
    /// the number kept are removed.
    pub fn backup_now(&self, now: Timestamp) -> Result<Backup, DeskError> {
        let place = BackupPlace::read(&self.data_dir);
        let dir = place.folder.clone();
        std::fs::create_dir_all(&dir).map_err(|source| DeskError::BackupFolder {
            path: dir.clone(),
            source,
        })?;
        let path = dir.join(file_name("", now));
        self.store.backup_to(&path)?;
        let made = list(&self.data_dir)
            .into_iter()
            .filter(|b| b.kind == BackupKind::Copy && b.path.parent() == Some(dir.as_path()));
        for old in made.skip(place.keep as usize) {
            if let Err(e) = std::fs::remove_file(&old.path) {
                tracing::warn!(error = %e, path = %old.path.display(), "an old backup stays");
            }
        }
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        Ok(Backup {
            path,
            made_at: now,
            kind: BackupKind::Copy,
            size,
        })
    }

    /// The daily copy, when the newest is a day old (or there is none).
    pub fn backup_if_due(&self, now: Timestamp) -> Result<Option<Backup>, DeskError> {
        let due = self
            .backups()?
            .into_iter()
            .find(|b| b.kind == BackupKind::Copy)
            .is_none_or(|b| now.duration_since(b.made_at) >= EVERY);
        if due {
            self.backup_now(now).map(Some)
        } else {
            Ok(None)
        }
    }

    /// Every copy this PC keeps, newest first.
    pub fn backups(&self) -> Result<Vec<Backup>, DeskError> {
        Ok(list(&self.data_dir))
    }

    /// The backups screen (administrator only): the copies and where they go.
    pub fn backups_view(&self) -> Result<BackupsView, DeskError> {
        self.may_manage_backups()?;
        let zone = self.zone();
        let place = BackupPlace::read(&self.data_dir);
        Ok(BackupsView {
            copies: list(&self.data_dir).iter().map(|b| b.view(&zone)).collect(),
            folder: place.folder.display().to_string(),
            default_folder: BackupPlace::default_folder(&self.data_dir)
                .display()
                .to_string(),
            keep: place.keep,
        })
    }

    /// «Сделать копию сейчас» (administrator only).
    pub fn make_backup(&self, now: Timestamp) -> Result<BackupView, DeskError> {
        self.may_manage_backups()?;
        Ok(self.backup_now(now)?.view(&self.zone()))
    }

    /// Where this PC keeps copies and how many (administrator only); the folder is made and
    /// tried with a file before it is taken.
    pub fn set_backup_settings(
        &self,
        settings: proto::BackupSettings,
    ) -> Result<BackupsView, DeskError> {
        self.may_manage_backups()?;
        BackupPlace::save(&self.data_dir, &settings)?;
        self.backups_view()
    }

    /// The copies hold every customer of the shop, and putting one back undoes everyone's
    /// work since: the administrator's.
    pub(crate) fn may_manage_backups(&self) -> Result<(), DeskError> {
        self.signed_in_or_open()?;
        if self.actor().role == domain::Role::Admin {
            Ok(())
        } else {
            Err(DeskError::AdminOnly(proto::AdminTask::Backups))
        }
    }
}

/// `orderdesk-<kind><stamp>.sqlite3`.
pub(crate) fn file_name(kind: &str, at: Timestamp) -> String {
    format!("{PREFIX}{kind}{}{SUFFIX}", at.strftime(FORMAT))
}

/// The copies in this PC's folder for them and in `backups/` beside the database (where the
/// copies before a migration are made), newest first.
pub fn list(data_dir: &Path) -> Vec<Backup> {
    let mut folders = vec![BackupPlace::read(data_dir).folder];
    let default = BackupPlace::default_folder(data_dir);
    if !folders.contains(&default) {
        folders.push(default);
    }
    let mut out: Vec<Backup> = folders
        .iter()
        .filter_map(|dir| match std::fs::read_dir(dir) {
            Ok(entries) => Some(entries),
            // No folder yet is no copies; an unreadable one is said in the log, as the
            // recovery window cannot tell it from an empty one.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => {
                tracing::warn!(folder = %dir.display(), %e, "the backup folder could not be read");
                None
            }
        })
        .flatten()
        .filter_map(Result::ok)
        .filter_map(|e| read_entry(&e))
        .collect();
    out.sort_by_key(|b| std::cmp::Reverse(b.made_at));
    out
}

/// A copy, if the entry is one (a copy still being written, `.partial`, and a kept WAL,
/// `-wal`, are not).
fn read_entry(entry: &std::fs::DirEntry) -> Option<Backup> {
    let name = entry.file_name().into_string().ok()?;
    let rest = name.strip_prefix(PREFIX)?.strip_suffix(SUFFIX)?;
    let meta = entry.metadata().ok()?;
    let stamped = |stamp: &str| {
        let made = jiff::civil::DateTime::strptime(FORMAT, stamp).ok()?;
        Some(made.to_zoned(jiff::tz::TimeZone::UTC).ok()?.timestamp())
    };
    let (kind, made_at) = if let Some(stamp) = rest.strip_prefix(BEFORE_RESTORE) {
        (BackupKind::BeforeRestore, stamped(stamp)?)
    } else if rest
        .strip_prefix(BEFORE_MIGRATION)
        .is_some_and(|v| v.parse::<u32>().is_ok())
    {
        // Named by the schema version, not the time: the file's own time says when.
        let modified = meta.modified().ok()?;
        (
            BackupKind::BeforeMigration,
            Timestamp::try_from(modified).ok()?,
        )
    } else {
        (BackupKind::Copy, stamped(rest)?)
    };
    Some(Backup {
        path: entry.path(),
        made_at,
        kind,
        size: meta.len(),
    })
}

/// Puts the copy at `backup` in place of the shop's database in `data_dir`; the desk must be
/// closed. A copy that fails SQLite's integrity check replaces nothing.
pub fn restore_backup(data_dir: &Path, backup: &Path) -> Result<(), DeskError> {
    store::restore_database(backup, &data_dir.join(DATABASE_FILE))?;
    Ok(())
}
