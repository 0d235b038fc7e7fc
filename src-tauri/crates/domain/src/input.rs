//! Sanity of what people type: quantities in the product's unit and within the shop's
//! bounds, e-mail and phone shapes, an address where the goods go to a door. Checked here so
//! phone orders, line edits and synced ops all meet the same rules; the UI mirrors the shapes
//! (`proto::display::rules`) for feedback as the field is typed.

use serde::{Deserialize, Serialize};

use crate::methods::{Channel, DeliveryMethod};
use crate::money::{Kopecks, Quantity};
use crate::op::{LineEdit, OpError};
use crate::order::{Line, Order};

/// The largest quantity and line amount a shop accepts; above them an entry is a typo
/// (1 000 000 000 routers), not an order. Configurable per shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(default)]
pub struct InputLimits {
    /// Per line, in thousandths of the line's unit.
    pub max_quantity: Quantity,
    /// Per line: quantity × price, before discounts.
    pub max_line_amount: Kopecks,
}

impl InputLimits {
    /// 100 000 of a unit and 100 million ₽ a line: far above a retail order, far below what
    /// overflows a total.
    pub const DEFAULT: InputLimits = InputLimits {
        max_quantity: Quantity(100_000 * 1000),
        max_line_amount: Kopecks(100_000_000 * 100),
    };

    /// The quantity and amount of a line within the bounds, and whole in a piece unit.
    pub fn check_line(&self, line: &Line) -> Result<(), InputError> {
        self.check_quantity(&line.unit, line.quantity)?;
        let amount = line.amount().map_err(|_| InputError::LineAmountTooLarge {
            max: self.max_line_amount,
        })?;
        if amount > self.max_line_amount {
            return Err(InputError::LineAmountTooLarge {
                max: self.max_line_amount,
            });
        }
        Ok(())
    }

    /// Bounds only: what a channel hands over is taken as the channel has it (a site may sell
    /// a piece unit by halves), but never beyond the shop's bounds.
    pub fn check_bounds(&self, line: &Line) -> Result<(), InputError> {
        if line.quantity > self.max_quantity {
            return Err(InputError::QuantityTooLarge {
                max: self.max_quantity,
            });
        }
        match line.amount() {
            Ok(amount) if amount <= self.max_line_amount => Ok(()),
            _ => Err(InputError::LineAmountTooLarge {
                max: self.max_line_amount,
            }),
        }
    }

    pub fn check_quantity(&self, unit: &str, quantity: Quantity) -> Result<(), InputError> {
        if quantity.0 <= 0 {
            return Err(InputError::QuantityNotPositive);
        }
        if quantity > self.max_quantity {
            return Err(InputError::QuantityTooLarge {
                max: self.max_quantity,
            });
        }
        if is_piece_unit(unit) && quantity.0 % 1000 != 0 {
            return Err(InputError::FractionalPieces {
                unit: unit.trim().to_owned(),
            });
        }
        Ok(())
    }

    /// Refuses bounds that would refuse every order or let a total overflow.
    pub fn validated(self) -> Result<InputLimits, InputError> {
        let quantity_ok = (1000..=1_000_000_000_000).contains(&self.max_quantity.0);
        let amount_ok = (100..=100_000_000_000_000).contains(&self.max_line_amount.0);
        if quantity_ok && amount_ok {
            Ok(self)
        } else {
            Err(InputError::BadLimits)
        }
    }
}

impl Default for InputLimits {
    fn default() -> InputLimits {
        InputLimits::DEFAULT
    }
}

/// A field of the forms where a refusal is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputField {
    Quantity,
    Amount,
    Email,
    Phone,
    Address,
    Limits,
    VersionNote,
}

impl InputField {
    pub fn as_str(self) -> &'static str {
        match self {
            InputField::Quantity => "quantity",
            InputField::Amount => "amount",
            InputField::Email => "email",
            InputField::Phone => "phone",
            InputField::Address => "address",
            InputField::Limits => "limits",
            InputField::VersionNote => "version_note",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, thiserror::Error)]
pub enum InputError {
    #[error("a quantity must be above zero")]
    QuantityNotPositive,
    #[error("{unit:?} is counted in whole pieces")]
    FractionalPieces { unit: String },
    #[error("a line's quantity may not exceed {max:?}")]
    QuantityTooLarge { max: Quantity },
    #[error("a line's amount may not exceed {max}")]
    LineAmountTooLarge { max: Kopecks },
    #[error("not an e-mail address")]
    BadEmail,
    #[error("not a phone number")]
    BadPhone,
    #[error("delivery to a door needs an address")]
    AddressRequired,
    #[error("the bounds must admit one unit and one ruble, and stay below overflow")]
    BadLimits,
    #[error("a version's note may not exceed {max} characters")]
    VersionNoteTooLong { max: usize },
}

impl InputError {
    /// The field the refusal belongs beside.
    pub fn field(&self) -> InputField {
        match self {
            InputError::QuantityNotPositive
            | InputError::FractionalPieces { .. }
            | InputError::QuantityTooLarge { .. } => InputField::Quantity,
            InputError::LineAmountTooLarge { .. } => InputField::Amount,
            InputError::BadEmail => InputField::Email,
            InputError::BadPhone => InputField::Phone,
            InputError::AddressRequired => InputField::Address,
            InputError::BadLimits => InputField::Limits,
            InputError::VersionNoteTooLong { .. } => InputField::VersionNote,
        }
    }
}

/// Units sold only whole: a piece, a pack, a set, a pair. Weights, lengths and volumes may
/// be fractional.
pub fn is_piece_unit(unit: &str) -> bool {
    let unit = unit.trim().trim_end_matches('.').to_lowercase();
    matches!(
        unit.as_str(),
        "шт" | "штук"
            | "штука"
            | "уп"
            | "упак"
            | "упаковка"
            | "компл"
            | "комплект"
            | "пар"
            | "пара"
            | "рул"
            | "бут"
            | "кор"
            | "pcs"
            | "pc"
            | "ea"
    )
}

/// An address a person could write to: one `@`, a local part, a domain with a dot and a
/// top-level part of two letters or more, no spaces. Not RFC 5322 — a typo check.
pub fn check_email(text: &str) -> Result<String, InputError> {
    let email = text.trim();
    let Some((local, domain)) = email.split_once('@') else {
        return Err(InputError::BadEmail);
    };
    let labels: Vec<&str> = domain.split('.').collect();
    let tld = labels.last().copied().unwrap_or_default();
    let ok = !local.is_empty()
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
        && labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
        && tld.chars().count() >= 2
        && tld.chars().all(char::is_alphabetic);
    if ok {
        Ok(email.to_owned())
    } else {
        Err(InputError::BadEmail)
    }
}

/// A Russian number in any spelling («+7 (916) 123-45-67», «8 916…», «916…») as its eleven
/// digits from 7; anything else is refused.
pub fn check_phone(text: &str) -> Result<String, InputError> {
    let ok_chars = text
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c));
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let phone = match (digits.len(), digits.as_bytes().first()) {
        (11, Some(b'7')) => Some(digits),
        (11, Some(b'8')) => Some(format!("7{}", &digits[1..])),
        (10, Some(b'9' | b'3' | b'4' | b'8')) => Some(format!("7{digits}")),
        _ => None,
    };
    phone.filter(|_| ok_chars).ok_or(InputError::BadPhone)
}

/// A courier or the post needs somewhere to take the goods.
pub fn check_address(delivery: DeliveryMethod, address: &str) -> Result<(), InputError> {
    if delivery.needs_address() && address.trim().is_empty() {
        return Err(InputError::AddressRequired);
    }
    Ok(())
}

/// A new order as typed by the manager (a phone order): whole pieces within the bounds, a
/// phone that is one, an e-mail that is one (when given), an address when the goods go to a
/// door. An order a site or marketplace hands over is held to the bounds only: it comes as
/// the channel has it (Ozon hides the buyer's phone), and refusing it would lose it.
pub(crate) fn check_new(limits: &InputLimits, order: &Order) -> Result<(), InputError> {
    if order.channel != Channel::Phone {
        return order.lines.iter().try_for_each(|l| limits.check_bounds(l));
    }
    for line in &order.lines {
        limits.check_line(line)?;
    }
    check_phone(&order.customer.phone)?;
    if let Some(email) = order.customer.email.as_deref() {
        check_email(email)?;
    }
    check_address(order.delivery, &order.address)
}

/// The lines an edit added or changed, as they are after it. Lines it did not touch are
/// left alone: an order taken before the bounds (or from a channel) stays editable.
pub(crate) fn check_edited(
    limits: &InputLimits,
    lines: &[Line],
    edits: &[LineEdit],
) -> Result<(), OpError> {
    for edit in edits {
        let (id, whole) = match edit {
            LineEdit::Add { line } => (line.id, true),
            LineEdit::SetQuantity { line_id, .. } => (*line_id, true),
            LineEdit::SetPrice { line_id, .. } => (*line_id, false),
            _ => continue,
        };
        // Removed again later in the same edit: nothing to check.
        let Some(line) = lines.iter().find(|l| l.id == id) else {
            continue;
        };
        if whole {
            limits.check_line(line)?;
        } else {
            limits.check_bounds(line)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests;
