use serde::{Deserialize, Serialize};

/// A stable error code the UI matches on. Add a code only when some consumer needs to tell it
/// apart from the others; the message is for people and may change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The thing asked for does not exist (any more).
    NotFound,
    /// The input was malformed or out of range.
    InvalidInput,
    /// The order cannot move that way from where it is (final stage, route, role).
    TransitionNotAllowed,
    /// The signed-in user's role may not do this.
    Forbidden,
    /// The local database could not be read or written.
    Storage,
    /// This shop's data directory is open in another copy of the program on this computer
    /// (two copies would send every channel's actions twice): close it or use its window.
    DataInUse,
    /// The printer or the system's print service refused the job; nothing was recorded as
    /// printed, so the UI can offer another printer or saving the PDF instead.
    PrintFailed,
    /// The page images for the preview could not be made (no renderer on this PC); the paper
    /// can still be printed or saved.
    PreviewUnavailable,
    /// The team hub cannot be reached; work goes on locally and syncs later.
    Offline,
    /// A sales channel (site, back office, 1C) refused or could not be reached; the message
    /// says why, and the connection's state on the channels screen keeps it.
    ChannelFailed,
    /// Nobody is signed in, or the desk is locked: the window shows the sign-in or lock
    /// screen and changes nothing until a PIN is given.
    SignInRequired,
    /// The copy chosen to restore failed SQLite's integrity check (or every copy did, when
    /// the latest good one was asked for): nothing was replaced.
    BackupDamaged,
    /// The folder chosen for copies cannot be made or written to; the setting is unchanged.
    BackupFolder,
    /// The desk is closed: its database could not be opened, or a copy is being put back.
    /// The window shows the recovery screen.
    DeskClosed,
    /// The desk could not be closed for a restore (a long job held it); nothing was replaced.
    DeskBusy,
    /// A bug or an unexpected state; the message says what.
    Internal,
}

/// What every command returns on failure: `{code, message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommandError {
    pub code: ErrorCode,
    pub message: String,
    /// Set when the UI can word the refusal itself, in its own language, with its params.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refusal: Option<crate::Refusal>,
    /// A stage guard or an input check that refused, worded by the UI and shown beside the
    /// field or the action it names.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<crate::display::rules::RuleRefusal>,
    /// Why, as data the window words in its own language; `message` is its Russian wording
    /// (kept for logs and older windows). `None` for the errors still worded only in Russian.
    /// Boxed: every command's `Result` carries this type, and the reason is its largest part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Box<crate::ErrorReason>>,
}

impl CommandError {
    /// The form field the refusal names, if it names one: a rule's field, else an input
    /// problem's ([`crate::InputProblem::field`]), the backup folder, a stage's name or limit,
    /// a team hub's address or token.
    pub fn field(&self) -> Option<&str> {
        if let Some(field) = self.rule.as_ref().and_then(|r| r.field.as_deref()) {
            return Some(field);
        }
        use crate::{ErrorReason as R, WorkflowProblem as W};
        match self.reason.as_deref()? {
            R::Input { problem } => problem.field(),
            R::BackupFolder { .. } => Some("folder"),
            R::Workflow {
                problem: W::EmptyName | W::DuplicateName { .. },
            } => Some("name"),
            R::Workflow {
                problem: W::BadLimit,
            } => Some("limit"),
            // Joining a team: the address is not https, or the hub did not take the token.
            R::HubInsecureUrl { .. } => Some("url"),
            R::HubUnauthorized => Some("token"),
            _ => None,
        }
    }

    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            refusal: None,
            rule: None,
            reason: None,
        }
    }
}

impl std::fmt::Display for CommandError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CommandError {}
