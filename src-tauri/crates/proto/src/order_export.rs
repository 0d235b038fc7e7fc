//! Orders with their lines written to a CSV or XLSX file for a period: what the window asks
//! for and what the desk says it wrote.

use serde::{Deserialize, Serialize};

use crate::Channel;

/// Which days' orders, by the day they were created in the shop's time zone. The desk cuts
/// the named periods by its own clock and zone, not the PC's.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ExportPeriod {
    Today,
    ThisMonth,
    LastMonth,
    /// From one day to another, both included (`YYYY-MM-DD`).
    Days {
        from: String,
        to: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SheetKind {
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrdersExport {
    pub period: ExportPeriod,
    pub format: SheetKind,
    /// A file, or a folder for a file named after the period; empty: the «OrderDesk» folder
    /// in the documents, where papers are saved.
    #[serde(default)]
    pub path: String,
    /// Only the orders now in this stage.
    #[serde(default)]
    pub stage_id: Option<String>,
    #[serde(default)]
    pub channel: Option<Channel>,
}

/// Why an export's file was not written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportFailure {
    pub path: String,
    /// The system's own words («Permission denied»).
    pub reason: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrdersExported {
    /// The file written.
    pub path: String,
    pub orders: u64,
    /// Order lines written (an order without lines takes one row and no line).
    pub lines: u64,
    /// The period as cut, `YYYY-MM-DD`, both days included.
    pub from_day: String,
    pub to_day: String,
}
