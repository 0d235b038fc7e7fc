use std::path::PathBuf;

use domain::{OpError, Workflow};
use proto::{CommandError, ErrorCode};
use store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum DeskError {
    #[error("creating the data directory {path}: {source}")]
    DataDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("order {0:?} not found")]
    OrderNotFound(String),
    #[error("stage {0:?} not found")]
    StageNotFound(String),
    /// The domain refused the move; `refusal` names the stages as the shop calls them
    /// (boxed: it would double the size of every desk result).
    #[error("transition not allowed: {source}")]
    TransitionNotAllowed {
        #[source]
        source: OpError,
        refusal: Box<proto::OpRefusal>,
    },
    /// The signed-in user's role may not do this.
    #[error("forbidden: {source}")]
    Forbidden {
        #[source]
        source: OpError,
        refusal: Box<proto::OpRefusal>,
    },
    /// The domain refused the input (quantity, price, discount, version…).
    #[error("rejected: {source}")]
    Rejected {
        #[source]
        source: OpError,
        refusal: Box<proto::OpRefusal>,
    },
    /// Only the administrator (for some tasks: or a manager) may do this.
    #[error("administrators only: {0:?}")]
    AdminOnly(proto::AdminTask),
    /// Malformed input that never reached the domain (an id that is not one, a bad phone).
    #[error("invalid input: {0}")]
    InvalidInput(String),
    /// The hub's worker refused, with its HTTP status and the typed reason its desk gave:
    /// worded on this desk exactly as a desk alone words the same refusal.
    #[error("the hub refused (HTTP {status}): {message}")]
    FromHub {
        status: u16,
        reason: Box<proto::ErrorReason>,
        message: String,
    },
    /// A form's input refused before it reached the domain, as a typed problem the window
    /// words in its own language. Shown in Russian: the hub hands this text on to a team desk.
    #[error("{}", .0.wording(proto::display::Lang::Ru))]
    Input(proto::InputProblem),
    #[error("version {0} not found")]
    VersionNotFound(i64),
    #[error(transparent)]
    Money(#[from] domain::MoneyOverflow),
    #[error("storage: {0}")]
    Storage(#[source] StoreError),
    /// The papers need the shop's requisites, and none are saved.
    #[error("the shop's requisites are not filled in")]
    RequisitesMissing,
    /// A transport waybill was asked for an order sent by post, which travels on the
    /// carrier's own papers.
    #[error("no transport waybill for order {number}: it is sent by post")]
    NoWaybillForPost { number: String },
    /// Every problem of the requisites form at once.
    #[error("invalid requisites: {}", join_requisite_errors(.0))]
    Requisites(Vec<docs::requisites::RequisiteError>),
    #[error("rendering a document: {0}")]
    Document(#[from] docs::DocError),
    /// The print system refused the job; nothing was recorded as printed.
    #[error("printing: {0}")]
    Print(#[from] docs::print::PrintError),
    /// The workflow edit was refused (not the admin, a duplicate name, a closing stage…).
    #[error("workflow edit refused: {0}")]
    Workflow(domain::WorkflowError),
    #[error("preview: {0}")]
    Preview(#[from] docs::preview::PreviewError),
    /// This device was revoked from its team: its data stays, read-only.
    #[error("this device was revoked; the desk is read-only")]
    ReadOnly,
    /// Joining or talking to the team hub failed.
    #[error("team hub: {0}")]
    Sync(#[from] sync::SyncError),
    /// A sales channel refused or could not be reached.
    #[error("channel: {0}")]
    Channel(#[source] channels::ChannelError),
    /// A label download failed. Apart from `Channel` because nothing retries it on a
    /// schedule: the manager is told to try again, never that we will.
    #[error("labels: {0}")]
    Labels(#[source] channels::ChannelError),
    /// Ozon's warehouse list could not be read; asked again by the manager only.
    #[error("warehouses: {0}")]
    Warehouses(#[source] channels::ChannelError),
    /// «Получить сертификат сайта» failed: the address, the connection or the handshake.
    /// Worded in Russian: the hub hands the text on to the team desk that asked.
    #[error("{}", site_certificate_message(.0))]
    SiteCertificate(#[source] channels::ChannelError),
    /// A sign-in refused: a wrong PIN, the wait after too many, a removed person.
    #[error("sign-in refused: {0:?}")]
    SignIn(proto::SignInRefusal),
    /// Nobody is signed in, or the desk is locked: nothing is changed until a PIN is given.
    #[error("sign in first")]
    SignInRequired,
    /// A PIN could not be hashed (the OS's random source failed).
    #[error("pin: {0}")]
    Pin(String),
    /// An orders export refused or not written; the window words it from its refusal.
    #[error("orders export: {0}")]
    Export(#[from] crate::order_export::ExportError),
    /// The copy to restore failed SQLite's integrity check (or every copy did): nothing
    /// was replaced.
    #[error("the copy is damaged: {0}")]
    BackupDamaged(String),
    /// No copy by that name (or none at all when the latest was asked for).
    #[error("no backup {0:?}")]
    NoBackup(String),
    /// The folder for copies cannot be made or written to.
    #[error("the folder for copies {path}: {source}")]
    BackupFolder {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The job went to the printer but its history entry could not be saved.
    #[error("printed ({job}) but not recorded: {source}")]
    PrintedNotRecorded {
        job: String,
        #[source]
        source: Box<DeskError>,
    },
}

fn join_requisite_errors(errors: &[docs::requisites::RequisiteError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

impl DeskError {
    /// The refusal as data the window words in its own language; `None` for the few still
    /// said as Russian text. The hub hands it on to a team desk.
    pub fn reason(&self) -> Option<proto::ErrorReason> {
        match crate::error_reason::said(self) {
            crate::error_reason::Said::Reason(r) => Some(r),
            crate::error_reason::Said::Text(_) => None,
        }
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            DeskError::OrderNotFound(_)
            | DeskError::StageNotFound(_)
            | DeskError::VersionNotFound(_) => ErrorCode::NotFound,
            DeskError::TransitionNotAllowed { .. } => ErrorCode::TransitionNotAllowed,
            DeskError::AdminOnly(_) => ErrorCode::Forbidden,
            DeskError::FromHub { status, .. } => match status {
                400 => ErrorCode::InvalidInput,
                403 => ErrorCode::Forbidden,
                404 => ErrorCode::NotFound,
                502 => ErrorCode::ChannelFailed,
                _ => ErrorCode::Internal,
            },
            DeskError::Forbidden { .. } => ErrorCode::Forbidden,
            DeskError::Rejected { .. }
            | DeskError::InvalidInput(_)
            | DeskError::Input(_)
            | DeskError::RequisitesMissing
            | DeskError::NoWaybillForPost { .. }
            | DeskError::Requisites(_) => ErrorCode::InvalidInput,
            DeskError::Workflow(domain::WorkflowError::NotAdmin(_)) => ErrorCode::Forbidden,
            DeskError::Workflow(_) => ErrorCode::InvalidInput,
            // A requisite the payment QR cannot carry (saved before the form checked it, or
            // synced from an older desk) is for the manager to fix, not a fault of the program.
            DeskError::Document(docs::DocError::QrPayload(_)) => ErrorCode::InvalidInput,
            DeskError::Document(_) => ErrorCode::Internal,
            DeskError::Print(_) => ErrorCode::PrintFailed,
            DeskError::Preview(_) => ErrorCode::PreviewUnavailable,
            DeskError::PrintedNotRecorded { .. } => ErrorCode::Storage,
            DeskError::Channel(channels::ChannelError::UnknownConnection(_)) => ErrorCode::NotFound,
            DeskError::Channel(channels::ChannelError::Config(_)) => ErrorCode::InvalidInput,
            DeskError::Channel(channels::ChannelError::Store(_)) => ErrorCode::Storage,
            DeskError::Channel(_) | DeskError::Labels(_) | DeskError::Warehouses(_) => {
                ErrorCode::ChannelFailed
            }
            DeskError::SiteCertificate(channels::ChannelError::Config(_)) => {
                ErrorCode::InvalidInput
            }
            DeskError::SiteCertificate(_) => ErrorCode::ChannelFailed,
            DeskError::DataDir { .. } => ErrorCode::Storage,
            DeskError::BackupDamaged(_) => ErrorCode::BackupDamaged,
            DeskError::NoBackup(_) => ErrorCode::NotFound,
            DeskError::BackupFolder { .. } => ErrorCode::BackupFolder,
            DeskError::Money(_) => ErrorCode::Internal,
            DeskError::Export(e) => e.code(),
            DeskError::ReadOnly => ErrorCode::Forbidden,
            DeskError::SignIn(_) => ErrorCode::InvalidInput,
            DeskError::SignInRequired => ErrorCode::SignInRequired,
            DeskError::Pin(_) => ErrorCode::Internal,
            DeskError::Sync(e) => match e {
                sync::SyncError::Unauthorized | sync::SyncError::Revoked => ErrorCode::Forbidden,
                sync::SyncError::Offline(_) | sync::SyncError::RateLimited { .. } => {
                    ErrorCode::Offline
                }
                sync::SyncError::Store(_) => ErrorCode::Storage,
                sync::SyncError::InsecureUrl(_) => ErrorCode::InvalidInput,
                sync::SyncError::UpgradeRequired | sync::SyncError::BadAnswer(_) => {
                    ErrorCode::Internal
                }
            },
            DeskError::Storage(e) => match e {
                StoreError::Forbidden(_) => ErrorCode::Forbidden,
                StoreError::InUse(_) => ErrorCode::DataInUse,
                StoreError::Corrupt(_) | StoreError::Json(_) | StoreError::Money(_) => {
                    ErrorCode::Internal
                }
                _ => ErrorCode::Storage,
            },
        }
    }

    /// Wraps a refusal from the domain with the stages named as the shop does.
    pub(crate) fn refused(workflow: &Workflow, source: OpError) -> DeskError {
        let refusal = Box::new(crate::refusal::refusal(workflow, &source));
        match source {
            OpError::RoleForbidden { .. } | OpError::ActionForbidden { .. } => {
                DeskError::Forbidden { source, refusal }
            }
            OpError::AlreadyClosed { .. }
            | OpError::StaleStage { .. }
            | OpError::NotNextOnRoute { .. }
            | OpError::EndOfRoute { .. }
            | OpError::UnknownStage(_)
            | OpError::OffRoute { .. }
            | OpError::Guard {
                guard: domain::Guard::Unpaid | domain::Guard::NoAddress,
                ..
            } => DeskError::TransitionNotAllowed { source, refusal },
            OpError::OrderMissing => DeskError::OrderNotFound(String::new()),
            _ => DeskError::Rejected { source, refusal },
        }
    }

    pub(crate) fn from_store(workflow: &Workflow, e: StoreError) -> DeskError {
        match e {
            StoreError::Rejected(op) => DeskError::refused(workflow, op),
            other => DeskError::from(other),
        }
    }
}

impl DeskError {
    /// A label download's error: the store's own errors stay storage errors.
    pub(crate) fn labels(e: channels::ChannelError) -> DeskError {
        match e {
            channels::ChannelError::Store(s) => DeskError::from(s),
            other => DeskError::Labels(other),
        }
    }
}

impl From<proto::InputProblem> for DeskError {
    fn from(problem: proto::InputProblem) -> DeskError {
        DeskError::Input(problem)
    }
}

impl From<channels::ChannelError> for DeskError {
    fn from(e: channels::ChannelError) -> DeskError {
        match e {
            channels::ChannelError::Store(s) => DeskError::from(s),
            other => DeskError::Channel(other),
        }
    }
}

/// Asked once by the admin: what went wrong, never that a schedule will try again. A team
/// desk gets the hub's text already worded so, and keeps it as it is.
fn site_certificate_message(e: &channels::ChannelError) -> String {
    use channels::ChannelError as E;
    const NOT_FETCHED: &str = "Сертификат сайта не получен";
    let why = match e {
        E::Config(why) | E::Network(why) => why.clone(),
        E::Timeout { .. } => "сайт не ответил вовремя".to_owned(),
        other => other.to_string(),
    };
    if why.starts_with(NOT_FETCHED) {
        return why;
    }
    format!("{NOT_FETCHED}: {}.", why.trim_end_matches('.'))
}

impl From<StoreError> for DeskError {
    fn from(e: StoreError) -> DeskError {
        match e {
            StoreError::OrderNotFound(id) => DeskError::OrderNotFound(id),
            StoreError::Workflow(e) => DeskError::Workflow(e),
            other => DeskError::Storage(other),
        }
    }
}

impl From<DeskError> for CommandError {
    /// The boundary to the window: the cause is logged here with its chain, and the window
    /// gets the code, the typed reason and its Russian wording.
    fn from(e: DeskError) -> CommandError {
        let code = e.code();
        let chain = crate::error_reason::chain(&e);
        match code {
            // The manager's own input or a move the shop's rules refuse: not a fault.
            ErrorCode::InvalidInput
            | ErrorCode::TransitionNotAllowed
            | ErrorCode::SignInRequired => {
                tracing::info!(?code, error = %chain, "command refused");
            }
            _ => tracing::warn!(?code, error = %chain, "command failed"),
        }
        let refusal = crate::payment_fix::refusal(&e).or_else(|| crate::order_export::refusal(&e));
        let rule = crate::refusal::rules::rule(&e);
        let (reason, message) = match crate::error_reason::said(&e) {
            crate::error_reason::Said::Reason(r) => {
                let message = r.wording(proto::display::Lang::Ru);
                (Some(Box::new(r)), message)
            }
            crate::error_reason::Said::Text(text) => (None, text),
        };
        CommandError {
            refusal,
            rule,
            reason,
            ..CommandError::new(code, message)
        }
    }
}
