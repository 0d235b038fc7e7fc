//! How a Russian office writes money, quantities, phones and durations (ux.md). Shared by the
//! UI and the documents; pure functions, so they are tested on the host.

pub mod estimate;
pub mod rules;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Self {
        if code == "en" {
            Lang::En
        } else {
            Lang::Ru
        }
    }
}

const NARROW_NBSP: char = '\u{202F}';
const NBSP: char = '\u{00A0}';

/// `123456` kopecks → `1 234,56 ₽` (narrow no-break space between thousands).
pub fn money(kopecks: i64) -> String {
    format!("{}{NBSP}₽", amount(kopecks))
}

/// `123456` → `1 234,56`: the amount without the ruble sign, for fields a manager edits and
/// for percents kept in hundredths.
pub fn amount(kopecks: i64) -> String {
    amount_with(kopecks, NARROW_NBSP)
}

/// `123456` → `1 234,56` with `gap` between thousands. The window groups with a narrow
/// no-break space; the printed papers with a plain one (`docs::money`). One implementation
/// for both, so a sign or a rounding rule never differs between screen and paper.
pub fn amount_with(kopecks: i64, gap: char) -> String {
    let sign = if kopecks < 0 { "-" } else { "" };
    let abs = kopecks.unsigned_abs();
    format!("{sign}{},{:02}", grouped(abs / 100, Some(gap)), abs % 100)
}

/// Thousandths → `2`, `1,5`, `0,125`, `-0,5`.
pub fn quantity(milli: i64) -> String {
    quantity_with(milli, None)
}

/// Thousandths → `2`, `1,5`, `0,125`; `gap`, when given, between thousands (`1 000`).
pub fn quantity_with(milli: i64, gap: Option<char>) -> String {
    let sign = if milli < 0 { "-" } else { "" };
    let abs = milli.unsigned_abs();
    let whole = grouped(abs / 1000, gap);
    let frac = abs % 1000;
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let frac = format!("{frac:03}");
    format!("{sign}{whole},{}", frac.trim_end_matches('0'))
}

/// `1234567` → `1 234 567` with `gap`; the digits alone without one.
fn grouped(n: u64, gap: Option<char>) -> String {
    let digits = n.to_string();
    let Some(gap) = gap else {
        return digits;
    };
    let mut out = String::with_capacity(digits.len() * 2);
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(gap);
        }
        out.push(ch);
    }
    out
}

/// `79161234567` → `+7 (916) 123-45-67`; anything else is shown as it is.
pub fn phone(digits: &str) -> String {
    let d: Vec<char> = digits.chars().collect();
    if d.len() == 11 && d.iter().all(char::is_ascii_digit) {
        let s = |a: usize, b: usize| d[a..b].iter().collect::<String>();
        return format!(
            "+{} ({}) {}-{}-{}",
            s(0, 1),
            s(1, 4),
            s(4, 7),
            s(7, 9),
            s(9, 11)
        );
    }
    digits.to_owned()
}

/// A span of time as `2 ч 15 мин` / `3 д 4 ч` / `2 h 15 min`.
pub fn duration(lang: Lang, ms: i64) -> String {
    let minutes = ms.max(0) / 60_000;
    let (d, h, m) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    let (ud, uh, um) = match lang {
        Lang::Ru => ("д", "ч", "мин"),
        Lang::En => ("d", "h", "min"),
    };
    if d > 0 {
        format!("{d} {ud} {h} {uh}")
    } else if h > 0 {
        format!("{h} {uh} {m} {um}")
    } else {
        format!("{m} {um}")
    }
}

/// `через 40 мин` or `просрочен на 1 ч 10 мин`.
pub fn deadline(lang: Lang, deadline_ms: i64, now_ms: i64) -> (String, bool) {
    let left = deadline_ms - now_ms;
    let overdue = left < 0;
    let span = duration(lang, left.abs());
    let text = match (lang, overdue) {
        (Lang::Ru, false) => format!("через {span}"),
        (Lang::Ru, true) => format!("просрочен на {span}"),
        (Lang::En, false) => format!("in {span}"),
        (Lang::En, true) => format!("overdue by {span}"),
    };
    (text, overdue)
}

/// Russian plural form by the last two digits: 1 заказ, 2 заказа, 5 заказов, 11 заказов.
pub fn ru_plural<'a>(n: impl Into<u64>, one: &'a str, few: &'a str, many: &'a str) -> &'a str {
    let n: u64 = n.into();
    let last_two = n % 100;
    if (11..=14).contains(&last_two) {
        return many;
    }
    match n % 10 {
        1 => one,
        2..=4 => few,
        _ => many,
    }
}

/// What a manager types as money: `1 234,56`, `1234.5`, `500` → kopecks. `None` when it is not
/// a non-negative amount with at most two decimals.
pub fn parse_money(text: &str) -> Option<i64> {
    parse_fixed(text, 2)
}

/// A typed quantity: `2`, `1,5`, `0.125` → thousandths.
pub fn parse_quantity(text: &str) -> Option<i64> {
    parse_fixed(text, 3)
}

fn parse_fixed(text: &str, decimals: u32) -> Option<i64> {
    let cleaned: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != NARROW_NBSP && *c != '₽')
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let (whole, frac) = match cleaned.split_once('.') {
        Some((w, f)) => (w, f),
        None => (cleaned.as_str(), ""),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if whole.is_empty() && frac.is_empty() || !digits(whole) || !digits(frac) {
        return None;
    }
    if frac.len() > decimals as usize {
        return None;
    }
    let scale = 10_i64.pow(decimals);
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().ok()?
    };
    let padded = format!("{frac:0<width$}", width = decimals as usize);
    let frac: i64 = if padded.is_empty() {
        0
    } else {
        padded.parse().ok()?
    };
    whole.checked_mul(scale)?.checked_add(frac)
}

/// A day as typed, `dd.mm.yyyy` (or `d.m.yyyy`, `dd/mm/yyyy`, `yyyy-mm-dd`) as the desk's `YYYY-MM-DD`.
pub fn parse_day(text: &str) -> Option<String> {
    let text = text.trim();
    let parts: Vec<&str> = text.split(['.', '/', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let num = |s: &str| -> Option<u32> {
        (!s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (day, month, year) = if a.len() == 4 {
        (num(c)?, num(b)?, num(a)?)
    } else if c.len() == 4 {
        (num(a)?, num(b)?, num(c)?)
    } else {
        return None;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1..=days).contains(&day) && (2000..=2100).contains(&year))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// `YYYY-MM-DD` as a Russian reads it: `dd.mm.yyyy`.
pub fn show_day(day: &str) -> String {
    match day.split('-').collect::<Vec<_>>().as_slice() {
        [y, m, d] => format!("{d}.{m}.{y}"),
        _ => day.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands_and_puts_the_ruble_sign_after() {
        assert_eq!(money(0), "0,00\u{a0}₽");
        assert_eq!(money(5), "0,05\u{a0}₽");
        assert_eq!(money(123_456), "1\u{202f}234,56\u{a0}₽");
        assert_eq!(money(100_000_000), "1\u{202f}000\u{202f}000,00\u{a0}₽");
        assert_eq!(money(-150), "-1,50\u{a0}₽");
        assert_eq!(amount(123_456), "1\u{202f}234,56");
    }

    #[test]
    fn quantity_drops_trailing_zero_thousandths() {
        assert_eq!(quantity(2000), "2");
        assert_eq!(quantity(1500), "1,5");
        assert_eq!(quantity(125), "0,125");
    }

    #[test]
    fn phone_is_shown_the_russian_way() {
        assert_eq!(phone("79161234567"), "+7 (916) 123-45-67");
        assert_eq!(phone("12345"), "12345");
    }

    #[test]
    fn a_negative_quantity_under_one_keeps_its_minus() {
        // It printed «0,5»: the sign lived on the whole part, which is 0 here.
        assert_eq!(quantity(-500), "-0,5");
        assert_eq!(quantity(-1500), "-1,5");
        assert_eq!(quantity_with(-500, Some(NBSP)), "-0,5");
    }

    #[test]
    fn the_papers_gap_groups_money_and_quantities_as_the_window_does() {
        assert_eq!(amount_with(123_456_789, NBSP), "1\u{a0}234\u{a0}567,89");
        assert_eq!(amount_with(-100_000, NBSP), "-1\u{a0}000,00");
        assert_eq!(amount(123_456_789), "1\u{202f}234\u{202f}567,89");
        assert_eq!(quantity_with(1_000_000, Some(NBSP)), "1\u{a0}000");
        assert_eq!(quantity_with(1_234_500, Some(NBSP)), "1\u{a0}234,5");
        // The window shows a quantity as typed, without a gap.
        assert_eq!(quantity(1_234_500), "1234,5");
        assert_eq!(amount_with(i64::MIN, NBSP).chars().next(), Some('-'));
    }

    #[test]
    fn plural_takes_any_unsigned_count() {
        assert_eq!(
            ru_plural(1_000_000_001_u64, "рубль", "рубля", "рублей"),
            "рубль"
        );
        assert_eq!(ru_plural(12_u8, "рубль", "рубля", "рублей"), "рублей");
    }

    #[test]
    fn plural_follows_the_last_two_digits() {
        let f = |n: u32| ru_plural(n, "заказ", "заказа", "заказов");
        assert_eq!(
            [1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111].map(f),
            [
                "заказ",
                "заказа",
                "заказа",
                "заказов",
                "заказов",
                "заказов",
                "заказов",
                "заказ",
                "заказа",
                "заказов",
                "заказ",
                "заказов"
            ]
        );
    }

    #[test]
    fn deadline_says_how_long_left_or_overdue() {
        let min = 60_000;
        assert_eq!(
            deadline(Lang::Ru, 40 * min, 0),
            ("через 40 мин".to_owned(), false)
        );
        assert_eq!(
            deadline(Lang::Ru, 0, 70 * min),
            ("просрочен на 1 ч 10 мин".to_owned(), true)
        );
        assert_eq!(duration(Lang::En, (26 * 60 + 5) * min), "1 d 2 h");
    }

    #[test]
    fn typed_money_and_quantities_parse_exactly() {
        assert_eq!(parse_money("1 234,56"), Some(123_456));
        assert_eq!(parse_money("1\u{202f}234,5 ₽"), Some(123_450));
        assert_eq!(parse_money("500"), Some(50_000));
        assert_eq!(parse_money(",5"), Some(50));
        assert_eq!(parse_money("1,234"), None);
        assert_eq!(parse_money("-5"), None);
        assert_eq!(parse_money("abc"), None);
        assert_eq!(parse_money(""), None);
        assert_eq!(parse_quantity("1,5"), Some(1500));
        assert_eq!(parse_quantity("2"), Some(2000));
        assert_eq!(parse_quantity("0.125"), Some(125));
        assert_eq!(parse_money("99999999999999999999"), None);
    }

    #[test]
    fn russian_dates_read_as_the_desks_days() {
        assert_eq!(parse_day("05.03.2026").as_deref(), Some("2026-03-05"));
        assert_eq!(parse_day(" 5.3.2026 ").as_deref(), Some("2026-03-05"));
        assert_eq!(parse_day("2026-03-05").as_deref(), Some("2026-03-05"));
        assert_eq!(parse_day("29.02.2028").as_deref(), Some("2028-02-29"));
        for bad in [
            "29.02.2026",
            "31.04.2026",
            "03/05",
            "5.3.26",
            "aa.bb.cccc",
            "00.01.2026",
            "",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
        assert_eq!(show_day("2026-03-05"), "05.03.2026");
    }
}
