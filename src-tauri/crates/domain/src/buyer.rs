//! Who an order is billed to: the customer as a private person, or a company (or a sole
//! trader) with the requisites an accountant needs on the invoice and the накладная.
//!
//! Kept on the order for now; when the shop has a customer base, a company's requisites move
//! onto the customer and an order takes them from there — [`Company`] is the whole of it.

use serde::{Deserialize, Serialize};

use crate::requisites::{
    check_bic, check_corr_account, check_inn, check_kpp, check_settlement_account, RequisiteError,
};

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Buyer {
    /// The order's customer, by name: no requisites.
    #[default]
    Person,
    Company(Box<Company>),
}

/// A company buyer as its papers name it. Digits fields hold digits only (see
/// [`Company::normalized`]).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Company {
    /// The legal name, «ООО «Ромашка»».
    pub name: String,
    /// 10 digits for a company, 12 for a sole trader.
    pub inn: String,
    /// Empty for a sole trader.
    #[serde(default)]
    pub kpp: String,
    /// The legal address.
    pub address: String,
    /// The bank is optional as a whole: an invoice is paid from it, not printed with it.
    #[serde(default)]
    pub bank_name: String,
    #[serde(default)]
    pub bic: String,
    #[serde(default)]
    pub settlement_account: String,
    #[serde(default)]
    pub corr_account: String,
}

/// A field of [`Company`], as the order card names it to the manager.
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

/// What is wrong with a field; the UI words it in its own language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BuyerProblem {
    Missing,
    /// Wrong length or characters (an ИНН of 11 digits, a letter in a БИК).
    Shape,
    /// The ИНН's check digits do not add up: a typo.
    CheckDigit,
    /// The account's control key does not match the БИК.
    AccountKey,
    /// Longer than [`TEXT_MAX`] characters.
    TooLong,
    /// A sole trader (12-digit ИНН) has no КПП.
    NotForSoleTrader,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
#[error("the buyer's {field:?} is refused: {problem:?}")]
pub struct BuyerError {
    pub field: BuyerField,
    pub problem: BuyerProblem,
}

/// Longest legal name, address or bank name kept: room for any name ЕГРЮЛ holds, not for a
/// pasted page.
pub const TEXT_MAX: usize = 500;

impl Company {
    /// As typed, without the spaces people paste into numbers («7707 083 893») and around
    /// names; what the op stores and checks.
    pub fn normalized(&self) -> Company {
        let digits = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        Company {
            name: self.name.trim().to_owned(),
            inn: digits(&self.inn),
            kpp: digits(&self.kpp).to_uppercase(),
            address: self.address.trim().to_owned(),
            bank_name: self.bank_name.trim().to_owned(),
            bic: digits(&self.bic),
            settlement_account: digits(&self.settlement_account),
            corr_account: digits(&self.corr_account),
        }
    }

    /// A 12-digit ИНН belongs to a person: a sole trader (ИП), who has no КПП.
    pub fn is_sole_trader(&self) -> bool {
        self.inn.len() == 12
    }

    fn has_bank(&self) -> bool {
        [
            &self.bank_name,
            &self.bic,
            &self.settlement_account,
            &self.corr_account,
        ]
        .iter()
        .any(|s| !s.is_empty())
    }

    /// Every problem of a normalized company at once, in the order the card shows the fields,
    /// with the same check digits as the shop's own requisites.
    pub fn validate(&self) -> Result<(), Vec<BuyerError>> {
        use BuyerField as F;
        let mut errors = Vec::new();
        let mut push = |field, result: Result<(), BuyerProblem>| {
            if let Err(problem) = result {
                errors.push(BuyerError { field, problem });
            }
        };
        push(F::Name, text(&self.name));
        push(F::Inn, check_inn(&self.inn).map_err(problem));
        if !self.is_sole_trader() {
            push(F::Kpp, check_kpp(&self.kpp).map_err(problem));
        } else if !self.kpp.is_empty() {
            push(F::Kpp, Err(BuyerProblem::NotForSoleTrader));
        }
        push(F::Address, text(&self.address));
        if self.has_bank() {
            push(F::BankName, text(&self.bank_name));
            let bic = check_bic(&self.bic).map_err(problem);
            let bic_ok = bic.is_ok();
            push(F::Bic, bic);
            // The accounts' keys are computed from the БИК: with a bad one they say nothing.
            if bic_ok {
                push(
                    F::SettlementAccount,
                    check_settlement_account(&self.settlement_account, &self.bic).map_err(problem),
                );
                push(
                    F::CorrAccount,
                    check_corr_account(&self.corr_account, &self.bic).map_err(problem),
                );
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

fn text(value: &str) -> Result<(), BuyerProblem> {
    if value.is_empty() {
        Err(BuyerProblem::Missing)
    } else if value.chars().count() > TEXT_MAX {
        Err(BuyerProblem::TooLong)
    } else {
        Ok(())
    }
}

fn problem(e: RequisiteError) -> BuyerProblem {
    match e {
        RequisiteError::Missing(_) => BuyerProblem::Missing,
        RequisiteError::Shape { .. } => BuyerProblem::Shape,
        RequisiteError::CheckDigit { .. } => BuyerProblem::CheckDigit,
        RequisiteError::AccountKey { .. } => BuyerProblem::AccountKey,
        RequisiteError::TooLongForQr { .. } => BuyerProblem::TooLong,
    }
}

impl Buyer {
    /// The buyer as the op stores it: a company normalized and checked.
    pub fn checked(&self) -> Result<Buyer, BuyerError> {
        match self {
            Buyer::Person => Ok(Buyer::Person),
            Buyer::Company(c) => {
                let c = c.normalized();
                match c.validate() {
                    Ok(()) => Ok(Buyer::Company(Box::new(c))),
                    Err(errors) => Err(errors[0]),
                }
            }
        }
    }

    pub fn company(&self) -> Option<&Company> {
        match self {
            Buyer::Person => None,
            Buyer::Company(c) => Some(c),
        }
    }
}
