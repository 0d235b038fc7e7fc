#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("migrating the database: {0}")]
    Migration(#[from] rusqlite_migration::Error),
    #[error("order {0} not found")]
    OrderNotFound(String),
    /// The domain refused the operation; nothing was written.
    #[error(transparent)]
    Rejected(#[from] domain::OpError),
    /// The workflow edit was refused; nothing was written.
    #[error(transparent)]
    Workflow(#[from] domain::WorkflowError),
    /// The user's role may not change this part of the shop; nothing was written.
    #[error(transparent)]
    Forbidden(#[from] domain::ShopOpForbidden),
    #[error("the database holds a value this version cannot read: {0}")]
    Corrupt(String),
    #[error("encoding JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error(transparent)]
    Money(#[from] domain::MoneyOverflow),
    #[error("the database file: {0}")]
    Io(#[source] std::io::Error),
    #[error("starting the database writer thread: {0}")]
    Spawn(#[source] std::io::Error),
    /// Another copy of the app (or another window of it) has this database open.
    #[error("the database {0} is already open in another OrderDesk")]
    InUse(std::path::PathBuf),
    #[error("the database writer thread has stopped")]
    WriterGone,
    /// A write job panicked: its transaction was rolled back and the writer goes on.
    #[error("a write failed unexpectedly and was undone; nothing of it was saved")]
    WriteAborted,
}

/// Why a database could not be opened, as far as the person at the PC can act on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenFailure {
    /// SQLite found the file damaged.
    Corrupt,
    /// The file is not an SQLite database at all.
    NotADatabase,
    /// A newer version of the program wrote it.
    NewerVersion,
    /// Another copy of the program has it open.
    InUse,
    /// The file or its folder may not be read or written by this user.
    Permission,
    Other,
}

impl StoreError {
    /// What kind of failure this is, when it came from opening the database.
    pub fn open_failure(&self) -> OpenFailure {
        use rusqlite_migration::{Error as M, MigrationDefinitionError as D};
        match self {
            StoreError::InUse(_) => OpenFailure::InUse,
            StoreError::Io(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                OpenFailure::Permission
            }
            StoreError::Sqlite(e) => sqlite_failure(e),
            StoreError::Migration(M::MigrationDefinition(D::DatabaseTooFarAhead)) => {
                OpenFailure::NewerVersion
            }
            StoreError::Migration(M::RusqliteError { err, .. }) => sqlite_failure(err),
            StoreError::Corrupt(_) => OpenFailure::Corrupt,
            _ => OpenFailure::Other,
        }
    }
}

fn sqlite_failure(error: &rusqlite::Error) -> OpenFailure {
    use rusqlite::ErrorCode as C;
    match error.sqlite_error_code() {
        Some(C::NotADatabase) => OpenFailure::NotADatabase,
        Some(C::DatabaseCorrupt) => OpenFailure::Corrupt,
        Some(C::CannotOpen | C::PermissionDenied | C::ReadOnly) => OpenFailure::Permission,
        Some(C::DatabaseBusy | C::DatabaseLocked) => OpenFailure::InUse,
        _ => OpenFailure::Other,
    }
}
