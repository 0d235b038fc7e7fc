//! Putting a copy back in place of the shop's database, and saying why a database could not
//! be opened. Both work with the desk closed: the window's restore closes it first, and a
//! database that cannot be opened never had one.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use proto::{BackupKind, OpenProblem, OpenProblemKind, RecoveryView, RestoreDone};
use store::StoreError;

use crate::backups::{self, Backup, BackupPlace};
use crate::{DeskError, DATABASE_FILE};

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    pub backup: Backup,
    /// The database as it was before, kept in the copies' folder.
    pub set_aside: Option<PathBuf>,
    /// Newer copies that failed the check and were passed over.
    pub skipped: Vec<Backup>,
}

/// Restores the copy named `name` (as [`Backup::name`] gives it) in place of the database in
/// `data_dir`; the desk must be closed. The copy is checked first: a damaged one is refused
/// with [`DeskError::BackupDamaged`] and nothing is touched. The database as it was is
/// copied aside as `orderdesk-before-restore-<time>.sqlite3` before it is replaced.
pub fn restore_named(data_dir: &Path, name: &str, now: Timestamp) -> Result<Restored, DeskError> {
    let backup = backups::list(data_dir)
        .into_iter()
        .find(|b| b.name() == name)
        .ok_or_else(|| DeskError::NoBackup(name.to_owned()))?;
    restore(data_dir, backup, now, Vec::new())
}

/// Restores the newest copy that passes the check, made by the desk or before a migration
/// (a copy set aside before another restore is the database someone replaced: never taken
/// on its own).
pub fn restore_latest(data_dir: &Path, now: Timestamp) -> Result<Restored, DeskError> {
    let mut skipped = Vec::new();
    for backup in backups::list(data_dir)
        .into_iter()
        .filter(|b| b.kind != BackupKind::BeforeRestore)
    {
        match restore(data_dir, backup.clone(), now, skipped.clone()) {
            Err(DeskError::BackupDamaged(why)) => {
                tracing::warn!(copy = %backup.path.display(), %why, "a damaged copy passed over");
                skipped.push(backup);
            }
            other => return other,
        }
    }
    match skipped.first() {
        Some(newest) => Err(DeskError::BackupDamaged(format!(
            "every copy failed the check, the newest {}",
            newest.path.display()
        ))),
        None => Err(DeskError::NoBackup(String::new())),
    }
}

fn restore(
    data_dir: &Path,
    backup: Backup,
    now: Timestamp,
    skipped: Vec<Backup>,
) -> Result<Restored, DeskError> {
    let folder = BackupPlace::read(data_dir).folder;
    std::fs::create_dir_all(&folder).map_err(|source| DeskError::BackupFolder {
        path: folder.clone(),
        source,
    })?;
    let aside = folder.join(backups::file_name("before-restore-", now));
    let db = data_dir.join(DATABASE_FILE);
    let kept =
        store::restore_setting_aside(&backup.path, &db, Some(&aside)).map_err(|e| match e {
            StoreError::Corrupt(why) => DeskError::BackupDamaged(why),
            other => DeskError::from(other),
        })?;
    tracing::info!(copy = %backup.path.display(), "a copy was put in place of the database");
    Ok(Restored {
        backup,
        set_aside: kept.then_some(aside),
        skipped,
    })
}

/// Why `open` failed, in kinds the window words in its own language.
pub fn open_problem(data_dir: &Path, error: &DeskError) -> OpenProblem {
    OpenProblem {
        kind: problem_kind(error),
        detail: error.to_string(),
        database: data_dir.join(DATABASE_FILE).display().to_string(),
    }
}

fn problem_kind(error: &DeskError) -> OpenProblemKind {
    use store::OpenFailure as F;
    match error {
        DeskError::DataDir { .. } => OpenProblemKind::Permission,
        DeskError::Storage(e) => match e.open_failure() {
            F::Corrupt => OpenProblemKind::Corrupt,
            F::NotADatabase => OpenProblemKind::NotADatabase,
            F::NewerVersion => OpenProblemKind::NewerVersion,
            F::InUse => OpenProblemKind::InUse,
            F::Permission => OpenProblemKind::Permission,
            F::Other => OpenProblemKind::Other,
        },
        _ => OpenProblemKind::Other,
    }
}

/// The recovery window's data: the problem (if any) and the copies to restore from, dated in
/// the shop's usual zone (the database that names the shop's own zone is the one not opening).
pub fn recovery_view(data_dir: &Path, problem: Option<OpenProblem>) -> RecoveryView {
    let zone = crate::papers::default_zone();
    RecoveryView {
        problem,
        copies: backups::list(data_dir)
            .iter()
            .map(|b| b.view(&zone))
            .collect(),
    }
}

impl Restored {
    /// What the window is told; dated in the zone of the desk opened on the copy, if it
    /// opened.
    pub fn done(&self, desk: Option<&crate::Desk>, opened: bool) -> RestoreDone {
        let zone = desk.map_or_else(crate::papers::default_zone, crate::Desk::zone);
        let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
        RestoreDone {
            restored: self.backup.view(&zone),
            set_aside: self.set_aside.as_deref().and_then(name),
            skipped: self.skipped.iter().map(Backup::name).collect(),
            opened,
        }
    }
}

impl crate::Desk {
    /// Before the window's restore closes anything: the administrator's, and the copy named
    /// is there and passes the check.
    pub fn check_copy(&self, name: &str) -> Result<(), DeskError> {
        self.may_manage_backups()?;
        let backup = backups::list(&self.data_dir)
            .into_iter()
            .find(|b| b.name() == name)
            .ok_or_else(|| DeskError::NoBackup(name.to_owned()))?;
        store::check_database(&backup.path).map_err(|e| match e {
            StoreError::Corrupt(why) => DeskError::BackupDamaged(why),
            other => DeskError::from(other),
        })
    }
}
