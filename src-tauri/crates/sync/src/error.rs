/// Why a round stopped. Only [`SyncError::Offline`] and [`SyncError::RateLimited`] are
/// expected in normal work; the loop retries them.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    /// Unreachable, timed out, or a 5xx: try again later.
    #[error("the hub cannot be reached: {0}")]
    Offline(String),
    #[error("the hub asks to wait {retry_after_s} s")]
    RateLimited { retry_after_s: u64 },
    #[error("the hub does not know this device's token")]
    Unauthorized,
    #[error("this device was revoked by the shop's administrator")]
    Revoked,
    #[error("the hub speaks a newer protocol; install the new version")]
    UpgradeRequired,
    /// The hub answered something this desk cannot read: a bug on one side.
    #[error("the hub's answer: {0}")]
    BadAnswer(String),
    /// The hub's address would send the device's token in the clear (plain `http://` to
    /// another machine) or is not an address at all.
    #[error("the hub's address {0:?} must be https:// (plain http:// only to this computer)")]
    InsecureUrl(String),
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

impl SyncError {
    /// Whether trying again later can help.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            SyncError::Offline(_) | SyncError::RateLimited { .. } | SyncError::BadAnswer(_)
        )
    }
}
