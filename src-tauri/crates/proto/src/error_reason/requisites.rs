//! The shop's requisites refused field by field, as data the window words in its language
//! (the desk sent the domain's Russian text, which the English window showed as it was).

use serde::{Deserialize, Serialize};

use crate::display::Lang;
use crate::BuyerProblem;

/// A field of the requisites form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequisiteField {
    Name,
    Inn,
    Kpp,
    Ogrn,
    Bic,
    BankName,
    BankNameQr,
    SettlementAccount,
    CorrAccount,
    /// A field this window does not know (from a newer desk).
    #[serde(other)]
    Other,
}

impl RequisiteField {
    /// The form's label.
    pub fn label(self, lang: Lang) -> &'static str {
        let (ru, en) = match self {
            RequisiteField::Name => ("Наименование", "Legal name"),
            RequisiteField::Inn => ("ИНН", "INN"),
            RequisiteField::Kpp => ("КПП", "KPP"),
            RequisiteField::Ogrn => ("ОГРН", "OGRN"),
            RequisiteField::Bic => ("БИК", "BIC"),
            RequisiteField::BankName => ("Наименование банка", "Bank name"),
            RequisiteField::BankNameQr => (
                "Наименование банка для QR-кода",
                "Bank name for the payment QR",
            ),
            RequisiteField::SettlementAccount => ("Расчётный счёт", "Settlement account"),
            RequisiteField::CorrAccount => ("Корр. счёт", "Correspondent account"),
            RequisiteField::Other => ("Реквизит", "A requisite"),
        };
        match lang {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }

    /// What the field holds, for a value of the wrong shape.
    fn expected(self, lang: Lang) -> &'static str {
        let (ru, en) = match self {
            RequisiteField::Inn => ("10 или 12 цифр", "10 or 12 digits"),
            RequisiteField::Kpp => (
                "9 знаков (например 773601001)",
                "9 characters (e.g. 773601001)",
            ),
            RequisiteField::Ogrn => (
                "13 цифр (ОГРН) или 15 цифр (ОГРНИП)",
                "13 digits (OGRN) or 15 digits (OGRNIP)",
            ),
            RequisiteField::Bic => ("9 цифр", "9 digits"),
            RequisiteField::SettlementAccount => ("20 цифр", "20 digits"),
            RequisiteField::CorrAccount => {
                ("20 цифр, начиная с 301", "20 digits starting with 301")
            }
            _ => ("другое значение", "another value"),
        };
        match lang {
            Lang::Ru => ru,
            Lang::En => en,
        }
    }
}

/// One refused field: the problem as the company buyer's fields have them, the value typed,
/// the БИК an account was checked against, and the limit a too-long value passed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequisiteProblem {
    pub field: RequisiteField,
    pub problem: BuyerProblem,
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub bic: String,
    #[serde(default)]
    pub max: u32,
    #[serde(default)]
    pub len: u32,
}

impl RequisiteProblem {
    /// In Russian, the domain's own text for the problem.
    pub fn wording(&self, lang: Lang) -> String {
        let label = self.field.label(lang);
        let (value, bic, max, len) = (&self.value, &self.bic, self.max, self.len);
        match (self.problem, lang) {
            (BuyerProblem::Missing, Lang::Ru) => format!("Не заполнено поле «{label}»"),
            (BuyerProblem::Missing, Lang::En) => format!("“{label}” is empty"),
            (BuyerProblem::Shape | BuyerProblem::NotForSoleTrader, Lang::Ru) => format!(
                "{label}: должно быть {}, введено «{value}»",
                self.field.expected(lang)
            ),
            (BuyerProblem::Shape | BuyerProblem::NotForSoleTrader, Lang::En) => format!(
                "{label}: must be {}, not «{value}»",
                self.field.expected(lang)
            ),
            (BuyerProblem::CheckDigit, Lang::Ru) => format!(
                "{label}: неверное контрольное число в «{value}» — проверьте, не опечатка ли"
            ),
            (BuyerProblem::CheckDigit, Lang::En) => {
                format!("{label}: the check digit of «{value}» is wrong — check it for a typo")
            }
            (BuyerProblem::AccountKey, Lang::Ru) => format!(
                "{label} «{value}» не сходится с БИК {bic} (контрольный ключ) — проверьте счёт \
                 и БИК"
            ),
            (BuyerProblem::AccountKey, Lang::En) => format!(
                "{label} «{value}» does not match BIC {bic} (control key) — check the account \
                 and the BIC"
            ),
            (BuyerProblem::TooLong, Lang::Ru) => format!(
                "«{label}» длиннее {max} символов ({len}), допустимых в QR-коде оплаты: укажите \
                 короткое наименование банка для QR-кода (например, «ПАО СБЕРБАНК»)"
            ),
            (BuyerProblem::TooLong, Lang::En) => format!(
                "“{label}” is longer than the {max} characters ({len}) the payment QR allows: \
                 give a short bank name for the QR"
            ),
        }
    }
}

/// The whole refusal: «Реквизиты не сохранены: …; ….»
pub(super) fn wording(problems: &[RequisiteProblem], lang: Lang) -> String {
    let all: Vec<String> = problems.iter().map(|p| p.wording(lang)).collect();
    match lang {
        Lang::Ru => format!("Реквизиты не сохранены: {}.", all.join("; ")),
        Lang::En => format!("The requisites were not saved: {}.", all.join("; ")),
    }
}
