//! Money, quantity and date formatting for printed papers; exact integer arithmetic.

use jiff::civil::Date;

/// The no-break space that groups thousands, so «1 234,56» never splits across lines.
pub const NBSP: char = '\u{a0}';

/// `123456` kopecks → «1 234,56» (no-break space between thousands, comma before kopecks):
/// the window's formatting (`proto::display`) with the papers' gap.
pub fn format_rubles(kopecks: i64) -> String {
    proto::display::amount_with(kopecks, NBSP)
}

/// Quantity in thousandths → «2», «1,5», «0,125», «1 000».
pub fn format_quantity(milli: i64) -> String {
    proto::display::quantity_with(milli, Some(NBSP))
}

/// VAT included in a gross amount at `rate` percent: round(total × rate / (100 + rate)),
/// half away from zero, in kopecks (22% → 22/122 of the total).
pub fn vat_included(total_kopecks: i64, rate_percent: u8) -> i64 {
    let total = i128::from(total_kopecks);
    let rate = i128::from(rate_percent);
    let den = 100 + rate;
    let num = total.abs() * rate;
    let rounded = (2 * num + den) / (2 * den);
    let signed = if total < 0 { -rounded } else { rounded };
    // |vat| ≤ |total|, so it always fits back into i64.
    i64::try_from(signed).unwrap_or(total_kopecks)
}

const MONTHS_GENITIVE: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// «22 ноября 2026 г.», the way a document title dates itself.
pub fn format_date_long(date: Date) -> String {
    let month = MONTHS_GENITIVE[(date.month() as usize).saturating_sub(1) % 12];
    format!("{} {month} {} г.", date.day(), date.year())
}

/// «22.11.2026», for table cells and short references.
pub fn format_date_short(date: Date) -> String {
    format!("{:02}.{:02}.{}", date.day(), date.month(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rubles_are_grouped_with_no_break_spaces() {
        assert_eq!(format_rubles(0), "0,00");
        assert_eq!(format_rubles(5), "0,05");
        assert_eq!(format_rubles(99_900), "999,00");
        assert_eq!(format_rubles(123_456), "1\u{a0}234,56");
        assert_eq!(format_rubles(12_345_678_901), "123\u{a0}456\u{a0}789,01");
        assert_eq!(format_rubles(-100_050), "-1\u{a0}000,50");
    }

    #[test]
    fn quantities_drop_trailing_zeros() {
        assert_eq!(format_quantity(2000), "2");
        assert_eq!(format_quantity(1500), "1,5");
        assert_eq!(format_quantity(125), "0,125");
        assert_eq!(format_quantity(1_000_000), "1\u{a0}000");
    }

    #[test]
    fn vat_is_the_rounded_included_share() {
        assert_eq!(vat_included(12_200, 22), 2_200);
        assert_eq!(vat_included(100_000, 22), 18_033); // 18 032.79 → 18 033
        assert_eq!(vat_included(11_000, 10), 1_000);
        assert_eq!(vat_included(10_500, 5), 500);
        assert_eq!(vat_included(10_700, 7), 700);
        assert_eq!(vat_included(100_000, 0), 0);
        assert_eq!(vat_included(100, 22), 18); // 18.03 → 18
        assert_eq!(vat_included(250, 22), 45); // 45.08 → 45
        assert_eq!(vat_included(300, 22), 54); // 54.098 → 54
        assert_eq!(vat_included(330, 22), 60); // 59.51 → 60
        assert_eq!(vat_included(-12_200, 22), -2_200);
        assert_eq!(vat_included(i64::MAX, 22), 1_663_231_023_039_385_801);
    }

    #[test]
    fn dates() {
        let d = jiff::civil::date(2026, 11, 22);
        assert_eq!(format_date_long(d), "22 ноября 2026 г.");
        assert_eq!(
            format_date_short(jiff::civil::date(2026, 1, 5)),
            "05.01.2026"
        );
    }
}
