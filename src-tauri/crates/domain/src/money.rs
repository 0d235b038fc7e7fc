use serde::{Deserialize, Serialize};

/// Money in integer kopecks (1 ₽ = 100). Arithmetic is checked: an overflow is a bug or hostile
/// input, never a silently wrapped total.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Kopecks(pub i64);

/// A quantity in integer thousandths of its unit (1 pc = 1000, 1.5 kg = 1500).
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Quantity(pub i64);

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("amount out of range")]
pub struct MoneyOverflow;

impl Kopecks {
    pub const ZERO: Kopecks = Kopecks(0);

    pub fn rubles(rubles: i64) -> Kopecks {
        Kopecks(rubles.saturating_mul(100))
    }

    pub fn checked_add(self, other: Kopecks) -> Result<Kopecks, MoneyOverflow> {
        self.0
            .checked_add(other.0)
            .map(Kopecks)
            .ok_or(MoneyOverflow)
    }

    pub fn checked_sub(self, other: Kopecks) -> Result<Kopecks, MoneyOverflow> {
        self.0
            .checked_sub(other.0)
            .map(Kopecks)
            .ok_or(MoneyOverflow)
    }

    /// `quantity × self`, rounded to the kopeck half away from zero — the rounding a Russian
    /// cash register and a printed invoice both use, so the desk agrees with the documents.
    pub fn times(self, quantity: Quantity) -> Result<Kopecks, MoneyOverflow> {
        to_kopecks(div_round(i128::from(self.0) * i128::from(quantity.0), 1000))
    }
}

/// `numerator / denominator` rounded half away from zero, the one rounding rule for money.
/// `denominator` must be positive; callers pass constants or checked sums.
pub(crate) fn div_round(numerator: i128, denominator: i128) -> i128 {
    let half = denominator / 2;
    if numerator < 0 {
        (numerator - half) / denominator
    } else {
        (numerator + half) / denominator
    }
}

pub(crate) fn to_kopecks(value: i128) -> Result<Kopecks, MoneyOverflow> {
    i64::try_from(value).map(Kopecks).map_err(|_| MoneyOverflow)
}

impl Quantity {
    pub fn units(units: i64) -> Quantity {
        Quantity(units.saturating_mul(1000))
    }
}

impl std::fmt::Display for Kopecks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02} ₽", abs / 100, abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_amount_rounds_half_away_from_zero() {
        // 1.5 kg at 199.99 ₽ = 299.985 ₽ → 299.99 ₽
        assert_eq!(Kopecks(19_999).times(Quantity(1500)), Ok(Kopecks(29_999)));
        assert_eq!(Kopecks(-19_999).times(Quantity(1500)), Ok(Kopecks(-29_999)));
        assert_eq!(Kopecks(100).times(Quantity::units(3)), Ok(Kopecks(300)));
    }

    #[test]
    fn overflow_is_an_error_not_a_wrap() {
        assert_eq!(
            Kopecks(i64::MAX).checked_add(Kopecks(1)),
            Err(MoneyOverflow)
        );
        assert_eq!(Kopecks(i64::MAX).times(Quantity(2000)), Err(MoneyOverflow));
    }

    #[test]
    fn displays_rubles_and_kopecks() {
        assert_eq!(Kopecks(123_405).to_string(), "1234.05 ₽");
        assert_eq!(Kopecks(-5).to_string(), "-0.05 ₽");
    }
}
