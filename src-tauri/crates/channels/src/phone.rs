//! Phones as channels' customers type them: «8 919 123-07-89», «9161234567»,
//! «+7 (383) 771-75-40 доб. 982», «8 (915) 2606695, спросить Ольгу».

/// The number as the desk keeps it (digits, Russian numbers as `7XXXXXXXXXX`, so any
/// spelling finds it) and whatever followed it (an extension, a note), kept apart.
pub fn split(raw: &str) -> (String, Option<String>) {
    let raw = raw.trim();
    let end = raw
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_digit() || matches!(c, '+' | ' ' | '(' | ')' | '-' | '.')))
        .map_or(raw.len(), |(i, _)| i);
    let (number, rest) = raw.split_at(end);
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    let digits = store::normalise_phone(&digits).unwrap_or(digits);
    let rest = rest
        .trim_start_matches(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .trim();
    (digits, (!rest.is_empty()).then(|| rest.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn russian_numbers_in_any_spelling_become_one_and_extensions_stay_apart() {
        let cases = [
            ("8 919 123-07-89", "79191230789", None),
            ("+7 (903) 148-84-63", "79031488463", None),
            ("9161234567", "79161234567", None),
            ("89264884638", "79264884638", None),
            ("+7(901)9332689", "79019332689", None),
            (
                "+7 (383) 771-75-40 доб. 982",
                "73837717540",
                Some("доб. 982"),
            ),
            (
                "8 (915) 2606695, спросить Ольгу",
                "79152606695",
                Some("спросить Ольгу"),
            ),
            ("", "", None),
        ];
        for (raw, digits, rest) in cases {
            let (d, r) = split(raw);
            assert_eq!(d, digits, "{raw}");
            assert_eq!(r.as_deref(), rest, "{raw}");
        }
    }

    #[test]
    fn a_foreign_number_keeps_its_digits() {
        assert_eq!(split("+49 30 1234567").0, "49301234567");
    }
}
