//! A discount as the manager types and reads it, in whole numbers only (no floats): `5 %` is
//! 500 hundredths of a percent, `100,50` is 10 050 kopecks.

use crate::display::{money, parse_money};
use crate::Discount;

/// A discount as typed: `5 %`, `7,5%` (hundredths of a percent) or `100`, `1 200,50` (kopecks);
/// empty is no discount. `None` when it is neither, or a percent above 100.
pub fn parse_discount(text: &str) -> Option<Discount> {
    let text = text.trim();
    if text.is_empty() {
        return Some(Discount::None);
    }
    match text.strip_suffix('%') {
        Some(percent) => parse_money(percent).filter(|p| *p <= 10_000).map(|p| {
            if p == 0 {
                Discount::None
            } else {
                Discount::Percent(p)
            }
        }),
        None => parse_money(text).map(|a| {
            if a == 0 {
                Discount::None
            } else {
                Discount::Amount(a)
            }
        }),
    }
}

/// A discount as the manager reads it: «5 %», «7,5 %», «100,00 ₽».
pub fn discount_text(discount: Discount) -> String {
    match discount {
        Discount::None => String::new(),
        Discount::Percent(p) => {
            let whole = p / 100;
            match p % 100 {
                0 => format!("{whole} %"),
                f if f % 10 == 0 => format!("{whole},{} %", f / 10),
                f => format!("{whole},{f:02} %"),
            }
        }
        Discount::Amount(a) => money(a),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_discounts_parse_without_floats() {
        assert_eq!(parse_discount("5 %"), Some(Discount::Percent(500)));
        assert_eq!(parse_discount("5%"), Some(Discount::Percent(500)));
        assert_eq!(parse_discount(" 7,5 % "), Some(Discount::Percent(750)));
        assert_eq!(parse_discount("12.25%"), Some(Discount::Percent(1225)));
        assert_eq!(parse_discount("100%"), Some(Discount::Percent(10_000)));
        assert_eq!(parse_discount("100,01%"), None, "above 100 %");
        assert_eq!(parse_discount("1 200,50"), Some(Discount::Amount(120_050)));
        assert_eq!(
            parse_discount("1\u{a0}200,5 ₽"),
            Some(Discount::Amount(120_050))
        );
        assert_eq!(parse_discount("100"), Some(Discount::Amount(10_000)));
        assert_eq!(parse_discount(""), Some(Discount::None));
        assert_eq!(parse_discount("0 %"), Some(Discount::None));
        assert_eq!(parse_discount("0"), Some(Discount::None));
        for bad in ["-5%", "5,555%", "1,001", "пять", "%", "5 %%", "1e3"] {
            assert_eq!(parse_discount(bad), None, "{bad}");
        }
    }

    #[test]
    fn discounts_read_as_typed() {
        assert_eq!(discount_text(Discount::Percent(500)), "5 %");
        assert_eq!(discount_text(Discount::Percent(750)), "7,5 %");
        assert_eq!(discount_text(Discount::Percent(1225)), "12,25 %");
        assert_eq!(discount_text(Discount::Amount(120_050)), money(120_050));
        assert_eq!(discount_text(Discount::None), "");
        for d in [
            Discount::Percent(500),
            Discount::Percent(750),
            Discount::Percent(1),
            Discount::Amount(120_050),
        ] {
            assert_eq!(parse_discount(&discount_text(d)), Some(d), "{d:?}");
        }
    }
}
