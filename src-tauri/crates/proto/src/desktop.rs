//! How the desk behaves on this PC's desktop (issue 19, point 3): kept by the shell beside the
//! shop's database, one choice per PC, not synced.

use serde::{Deserialize, Serialize};

/// What the manager chose for this PC.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DesktopChoice {
    /// Closing the window keeps the desk running in the tray, so overdue alerts keep coming.
    pub keep_in_tray: bool,
    /// The desk starts (in the tray) when the manager logs in.
    pub autostart: bool,
}

impl Default for DesktopChoice {
    fn default() -> Self {
        Self {
            keep_in_tray: true,
            autostart: false,
        }
    }
}

/// The choice and what this desktop offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DesktopView {
    pub choice: DesktopChoice,
    /// The desktop has a tray (a notification area) the desk's icon is in: without one a
    /// closed window ends the desk whatever the choice.
    pub tray: bool,
}
