//! An order's buyer on the order card: the customer as a person, or a company with the
//! requisites its invoice carries.

use serde::{Deserialize, Serialize};

use crate::OrderDetail;

/// A company buyer as the card's fields hold it; digits as typed (the desk drops spaces).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyBuyer {
    /// Legal name, «ООО «Ромашка»».
    pub name: String,
    pub inn: String,
    /// Empty for a sole trader.
    pub kpp: String,
    /// Legal address.
    pub address: String,
    /// The bank is optional as a whole.
    pub bank_name: String,
    pub bic: String,
    pub settlement_account: String,
    pub corr_account: String,
}

/// A field of [`CompanyBuyer`]; the UI puts an error next to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BuyerField {
    Name,
    Inn,
    Kpp,
    Address,
    BankName,
    Bic,
    SettlementAccount,
    CorrAccount,
}

/// Why a field was refused; the UI words it in its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BuyerProblem {
    Missing,
    /// Wrong length or characters.
    Shape,
    /// The ИНН's check digits do not add up.
    CheckDigit,
    /// The account's control key does not match the БИК.
    AccountKey,
    TooLong,
    /// A sole trader (12-digit ИНН) has no КПП.
    NotForSoleTrader,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct BuyerFieldError {
    pub field: BuyerField,
    pub problem: BuyerProblem,
}

/// `set_buyer`'s answer: the card as saved, or every field that failed (nothing saved).
/// Anything else (no such order, a role that may not) is a `CommandError`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum BuyerOutcome {
    Saved { order: Box<OrderDetail> },
    Invalid { errors: Vec<BuyerFieldError> },
}
