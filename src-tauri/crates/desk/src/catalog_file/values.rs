//! A cell's text as a product's field. Amounts are read as decimal text, never through a
//! float: a workbook's number cell arrives as its shortest decimal spelling (`book.rs`).

use domain::{Kopecks, Quantity, VatRate};
use proto::{CatalogField, ProblemKind};

use super::headers::Unit;
use super::FileProduct;

/// Longest text a field takes, in characters.
const MAX_SKU: usize = 64;
const MAX_TEXT: usize = 500;
const MAX_SHORT: usize = 64;

/// Sets `field` of `p` from `cell`; an empty cell sets nothing.
pub(crate) fn set(
    p: &mut FileProduct,
    field: CatalogField,
    unit: Unit,
    cell: &str,
) -> Result<(), ProblemKind> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(());
    }
    let text = |max: usize| {
        if cell.chars().count() > max {
            Err(ProblemKind::TooLong {
                field,
                max: max as u32,
            })
        } else {
            Ok(cell.to_owned())
        }
    };
    match field {
        CatalogField::Sku => p.sku = text(MAX_SKU)?,
        CatalogField::Name => p.name = Some(text(MAX_TEXT)?),
        CatalogField::Barcode => p.barcode = Some(text(MAX_SHORT)?),
        CatalogField::Unit => p.unit = Some(text(MAX_SHORT)?),
        CatalogField::Location => p.location = Some(text(MAX_SHORT)?),
        CatalogField::Price => {
            p.price = Some(price(cell).ok_or_else(|| ProblemKind::BadPrice {
                value: cell.to_owned(),
            })?)
        }
        CatalogField::Vat => {
            p.vat = Some(vat(cell).ok_or_else(|| ProblemKind::BadVat {
                value: cell.to_owned(),
            })?)
        }
        CatalogField::Weight => {
            p.weight_g = Some(weight(cell, unit).ok_or_else(|| ProblemKind::BadWeight {
                value: cell.to_owned(),
            })?)
        }
        CatalogField::Stock => {
            p.stock = Some(Quantity(decimal(cell, 3).ok_or_else(|| {
                ProblemKind::BadStock {
                    value: cell.to_owned(),
                }
            })?))
        }
        CatalogField::Archived => p.archived = Some(archived(cell)),
    }
    Ok(())
}

/// Rubles with at most two decimals, spaces between thousands, an optional «₽»/«руб.»:
/// `1 234,50`, `1234.5`, `1,234.50`. Never negative.
pub(crate) fn price(cell: &str) -> Option<Kopecks> {
    let mut s = cell.to_lowercase();
    for suffix in ["руб.", "руб", "р.", "₽", "rub"] {
        if let Some(stripped) = s.trim_end().strip_suffix(suffix) {
            s = stripped.to_owned();
        }
    }
    let v = decimal(&s, 2)?;
    (v >= 0).then_some(Kopecks(v))
}

/// A decimal number as an integer of `places` decimals (kopecks: 2, thousandths: 3); more
/// decimals than that is refused rather than rounded.
pub(crate) fn decimal(cell: &str, places: u32) -> Option<i64> {
    let compact: String = cell
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}' && *c != '\u{202f}' && *c != '\'')
        .collect();
    // «1,234.50»: the comma groups thousands; otherwise a comma is the decimal mark.
    let s = if compact.contains('.') && compact.contains(',') {
        if compact.find(',') < compact.find('.') {
            compact.replace(',', "")
        } else {
            compact.replace('.', "").replace(',', ".")
        }
    } else {
        compact.replace(',', ".")
    };
    let (negative, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.as_str()),
    };
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.is_empty() && frac.is_empty() {
        return None;
    }
    if !whole.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
        || frac.len() > places as usize
    {
        return None;
    }
    let scale = 10_i64.pow(places);
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let mut frac_value: i64 = if frac.is_empty() {
        0
    } else {
        frac.parse().ok()?
    };
    for _ in frac.len()..places as usize {
        frac_value *= 10;
    }
    let v = whole.checked_mul(scale)?.checked_add(frac_value)?;
    Some(if negative { -v } else { v })
}

/// The rates of 2026 (documents.md: 22 % standard, 10 %, 0 %, 5 % and 7 % under УСН, or none):
/// `22`, `22%`, `НДС 22%`, `0,22` (a workbook's percent cell), `без НДС`. 20 % (before 2026)
/// and 18 % (before 2019) are refused, not mapped to today's rate.
pub(crate) fn vat(cell: &str) -> Option<VatRate> {
    let s = super::headers::normalise(cell);
    let words: Vec<&str> = s.split(' ').filter(|w| !w.is_empty()).collect();
    if words
        .first()
        .is_some_and(|w| *w == "без" || *w == "нет" || *w == "none" || *w == "no")
        || s == "без ндс"
        || s == "vat free"
    {
        return Some(VatRate::None);
    }
    let number = cell
        .to_lowercase()
        .replace("ндс", "")
        .replace("vat", "")
        .replace('%', "");
    // The number in ten-thousandths: 22 is 220000, a fraction 0,22 is 2200.
    let v = decimal(number.trim(), 4)?;
    // The rate in hundredths of a percent: a value under 1 is a fraction (a workbook's
    // percent cell, or a rate written as one).
    let hundredths = if v < 10_000 {
        v
    } else if v % 100 == 0 {
        v / 100
    } else {
        return None;
    };
    match hundredths {
        0 => Some(VatRate::Vat0),
        500 => Some(VatRate::Vat5),
        700 => Some(VatRate::Vat7),
        1000 => Some(VatRate::Vat10),
        2200 => Some(VatRate::Vat22),
        _ => None,
    }
}

/// Grams; a column headed in kilograms takes up to three decimals. A bare «Вес» is grams,
/// unless a value has a fraction, which only kilograms do.
fn weight(cell: &str, unit: Unit) -> Option<i64> {
    let lower = cell.to_lowercase();
    let (number, unit) = if let Some(n) = lower.trim_end().strip_suffix("кг") {
        (n.to_owned(), Unit::Kilograms)
    } else if let Some(n) = lower.trim_end().strip_suffix("kg") {
        (n.to_owned(), Unit::Kilograms)
    } else if let Some(n) = lower.trim_end().strip_suffix('г') {
        (n.to_owned(), Unit::Grams)
    } else if let Some(n) = lower.trim_end().strip_suffix('g') {
        (n.to_owned(), Unit::Grams)
    } else {
        (lower, unit)
    };
    let grams = match unit {
        Unit::Kilograms => decimal(&number, 3)?,
        Unit::Grams => decimal(&number, 0)?,
        Unit::None => match decimal(&number, 0) {
            Some(g) => g,
            None => decimal(&number, 3)?,
        },
    };
    (grams >= 0).then_some(grams)
}

fn archived(cell: &str) -> bool {
    matches!(
        super::headers::normalise(cell).as_str(),
        "да" | "yes" | "1" | "true" | "архив" | "в архиве" | "archived" | "x" | "х"
    )
}
