//! The customers screen (issue 14, point 5): the register the desk derives from the orders,
//! a card with its orders, and a manager's correction of a card's contacts.

use serde::{Deserialize, Serialize};

use crate::{CompanyBuyer, Kopecks, OrderRow, UnixMs};

/// One customer in the list (and in the new-order form's choice).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerSummary {
    /// The card's key: the orders' phone (digits) or, for orders without one, the e-mail.
    pub key: String,
    pub name: String,
    /// Digits, e.g. `79161234567`; empty for a customer known by e-mail alone.
    pub phone: String,
    pub email: Option<String>,
    /// The latest delivery address (or the one the manager set).
    pub address: String,
    pub orders: u32,
    pub total: Kopecks,
    pub last_at: UnixMs,
}

/// A customer's card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CustomerCard {
    pub summary: CustomerSummary,
    pub note: String,
    /// The manager corrected the contacts; the orders keep what the customer gave on each.
    pub corrected: bool,
    /// Every delivery address of the orders, the latest first.
    pub addresses: Vec<String>,
    /// Every company the orders were billed to, the latest first.
    pub companies: Vec<CompanyBuyer>,
    /// The customer's orders, the newest first.
    pub orders: Vec<OrderRow>,
    /// (stage id, the shop's name for it) for the stages the orders are in.
    pub stages: Vec<(String, String)>,
    /// Cards the manager merged into this one, each with its own orders counted.
    #[serde(default)]
    pub merged: Vec<CustomerSummary>,
    /// Cards that look like the same person (the same e-mail, or a phone the manager
    /// corrected to another card's): merged only when the manager says so.
    #[serde(default)]
    pub suggested: Vec<CustomerSummary>,
}

/// The manager's correction of a card; an empty field goes back to what the orders say.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CustomerInput {
    pub key: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub address: String,
    pub note: String,
}
