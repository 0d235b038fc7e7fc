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
