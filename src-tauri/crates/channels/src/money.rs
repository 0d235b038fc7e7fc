//! Decimal strings from channels ("75.50", "12.5", 4) to kopecks and thousandths without
//! passing through floating point.

use domain::{Kopecks, Quantity};

/// Parses a decimal with at most `scale` fraction digits kept; further digits round half
/// away from zero. `None` for anything that is not a plain decimal.
fn scaled(text: &str, scale: u32) -> Option<i64> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (whole, frac) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    if !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let unit = 10_i64.checked_pow(scale)?;
    let mut value = if whole.is_empty() {
        0
    } else {
        whole.parse::<i64>().ok()?.checked_mul(unit)?
    };
    let mut place = unit;
    let mut rest = frac.bytes();
    for b in rest.by_ref().take(scale as usize) {
        place /= 10;
        value = value.checked_add(i64::from(b - b'0') * place)?;
    }
    if rest.next().is_some_and(|b| b >= b'5') {
        value = value.checked_add(1)?;
    }
    Some(if negative { -value } else { value })
}

pub fn kopecks(text: &str) -> Option<Kopecks> {
    scaled(text, 2).map(Kopecks)
}

pub fn quantity(text: &str) -> Option<Quantity> {
    scaled(text, 3).map(Quantity)
}

/// A JSON number or numeric string as kopecks (WooCommerce sends prices both ways).
pub fn kopecks_json(value: &serde_json::Value) -> Option<Kopecks> {
    match value {
        serde_json::Value::Number(n) => kopecks(&n.to_string()),
        serde_json::Value::String(s) => kopecks(s),
        _ => None,
    }
}

pub fn quantity_json(value: &serde_json::Value) -> Option<Quantity> {
    match value {
        serde_json::Value::Number(n) => quantity(&n.to_string()),
        serde_json::Value::String(s) => quantity(s),
        _ => None,
    }
}

/// Kopecks as the decimal string channels expect.
pub fn decimal(k: Kopecks) -> String {
    let sign = if k.0 < 0 { "-" } else { "" };
    let abs = k.0.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

/// Whole units for a channel that counts stock in pieces: thousandths round down, so the
/// site never offers a part-piece the warehouse does not have.
pub fn whole_units(q: Quantity) -> i64 {
    q.0.div_euclid(1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_parse_exactly() {
        assert_eq!(kopecks("75.50"), Some(Kopecks(7550)));
        assert_eq!(kopecks("12.5"), Some(Kopecks(1250)));
        assert_eq!(kopecks("4"), Some(Kopecks(400)));
        assert_eq!(kopecks("0.005"), Some(Kopecks(1)));
        assert_eq!(kopecks("-3.10"), Some(Kopecks(-310)));
        assert_eq!(kopecks("1e3"), None);
        assert_eq!(kopecks(""), None);
        assert_eq!(kopecks("."), None);
        assert_eq!(kopecks("99999999999999999999"), None);
        assert_eq!(quantity("2.5"), Some(Quantity(2500)));
        assert_eq!(kopecks_json(&serde_json::json!(12.5)), Some(Kopecks(1250)));
        assert_eq!(decimal(Kopecks(7550)), "75.50");
        assert_eq!(decimal(Kopecks(-5)), "-0.05");
        assert_eq!(whole_units(Quantity(2999)), 2);
    }
}
