//! Copies of the shop's database, putting one back, and a desk that could not open its
//! database (issue 14, point 6).

use serde::{Deserialize, Serialize};

/// What made a copy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// The daily copy or «Сделать копию сейчас».
    Copy,
    /// Made by a new version of the program before it changed the database's layout.
    BeforeMigration,
    /// The database as it was just before a copy was put in its place.
    BeforeRestore,
}

/// One copy as the backups screen and the recovery window list it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupView {
    /// The file's name: what the window sends back to restore it (never a path, so the
    /// window cannot name any other file).
    pub name: String,
    pub kind: BackupKind,
    /// Unix ms.
    pub made_at: i64,
    /// `03.12.2026 07:47` in the shop's time zone.
    pub made_at_text: String,
    pub size_bytes: u64,
}

/// The backups screen: the copies, newest first, and where and how many are kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupsView {
    pub copies: Vec<BackupView>,
    /// The folder new copies go to.
    pub folder: String,
    /// `backups` in the shop's data folder: where copies go unless another is chosen.
    pub default_folder: String,
    /// How many daily copies are kept; older ones are removed.
    pub keep: u32,
}

/// This PC's choice of where copies go and how many are kept. An empty `folder` is the
/// default one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BackupSettings {
    pub folder: String,
    pub keep: u32,
}

/// What a restore did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RestoreDone {
    /// The copy now in place of the database.
    pub restored: BackupView,
    /// Where the database as it was before was copied (a file name in the copies' folder);
    /// `None` when there was no database file to keep.
    pub set_aside: Option<String>,
    /// Newer copies passed over because they failed the check (restoring the latest good).
    pub skipped: Vec<String>,
    /// `false`: the copy is in place but the desk still cannot open it; the window shows the
    /// recovery screen with the reason.
    pub opened: bool,
}

/// Why the shop's database could not be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OpenProblemKind {
    /// SQLite found the file damaged.
    Corrupt,
    /// The file is not an SQLite database at all (overwritten, truncated to junk).
    NotADatabase,
    /// A newer version of OrderDesk wrote it: this one cannot read it.
    NewerVersion,
    /// Another OrderDesk on this computer has it open.
    InUse,
    /// The file or its folder may not be read or written by this user.
    Permission,
    Other,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenProblem {
    pub kind: OpenProblemKind,
    /// The technical reason, for whoever supports the shop; the window words `kind` itself.
    pub detail: String,
    /// The database file's path.
    pub database: String,
}

/// What the window shows before the desk: `problem` is `None` when the desk is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecoveryView {
    pub problem: Option<OpenProblem>,
    /// Copies to restore from, newest first.
    pub copies: Vec<BackupView>,
}
