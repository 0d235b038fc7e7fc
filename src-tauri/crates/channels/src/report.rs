use serde::{Deserialize, Serialize};

/// What one sync did, for the "sync now" result and the logs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncReport {
    pub imported: i64,
    pub updated: i64,
    pub unchanged: i64,
    /// Orders kept without being created (no lines, refused by the rules).
    pub problems: i64,
    /// Our orders moved because the channel is master of their new status.
    pub moved: i64,
    pub pushed: i64,
    /// Pushes not made because the channel's status was newer.
    pub stale_skipped: i64,
    pub notes: i64,
    pub stock_pushed: u64,
    pub stock_missing: u64,
    pub stock_pulled: u64,
    /// Orders a check against the channel's own list found missing or out of date here,
    /// and took in.
    #[serde(default)]
    pub reconciled: i64,
    /// Changes the site made to orders already here (lines, discount, a payment), recorded
    /// as ops by the channel.
    #[serde(default)]
    pub site_changes: i64,
    /// Products the channel has that the desk's catalogue did not, added to it.
    #[serde(default)]
    pub products_added: u64,
}
