//! What a search box query means: an order number, a phone in any spelling, an e-mail or a
//! customer's name.

/// A parsed search query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchKey {
    /// A full Russian mobile or landline number, as stored: 11 digits starting with 7.
    Phone(String),
    /// Only digits, but not a full phone: an order number and/or the end of a phone.
    Digits { number: Option<i64>, tail: String },
    /// The beginning of an e-mail address, lower-cased.
    Email(String),
    /// An FTS5 query over the name, e-mail and address: every word as a prefix, ё folded to
    /// е, lower-cased.
    Name(String),
}

impl SearchKey {
    pub fn parse(text: &str) -> Option<SearchKey> {
        let text = bare(text);
        if text.is_empty() {
            return None;
        }
        // «alena@…» is the beginning of an address; «@mail.ru» is a word of many.
        if text.contains('@') && !text.starts_with('@') {
            return Some(SearchKey::Email(text.to_lowercase()));
        }
        let phone_like = text
            .chars()
            .all(|c| c.is_ascii_digit() || " +-()./".contains(c));
        if phone_like {
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            if digits.is_empty() {
                return None;
            }
            return Some(match normalise_phone(&digits) {
                Some(phone) => SearchKey::Phone(phone),
                None => SearchKey::Digits {
                    number: digits.parse().ok(),
                    tail: digits,
                },
            });
        }
        let words: Vec<String> = normalise_name(text)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            // Quoted, so a word is never read as FTS5 syntax (AND, NOT, a column name).
            .map(|w| format!("\"{w}\"*"))
            .collect();
        (!words.is_empty()).then(|| SearchKey::Name(words.join(" ")))
    }
}

/// The text without the number sign: «№10269» and «#77» are how numbers are written on paper
/// and on the site.
pub(crate) fn bare(text: &str) -> &str {
    text.trim().trim_start_matches(['№', '#']).trim()
}

/// `8 916 …` and `+7 916 …` and `916 …` are one number: 11 digits starting with 7.
pub fn normalise_phone(digits: &str) -> Option<String> {
    match (digits.len(), digits.as_bytes().first()) {
        (11, Some(b'7')) => Some(digits.to_owned()),
        (11, Some(b'8')) => Some(format!("7{}", &digits[1..])),
        (10, Some(b'9' | b'3' | b'4' | b'8')) => Some(format!("7{digits}")),
        _ => None,
    }
}

/// Lower case with ё as е, the form names are indexed in.
pub fn normalise_name(text: &str) -> String {
    text.to_lowercase().replace('ё', "е")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_in_any_spelling_are_one_number() {
        for text in [
            "+7 (916) 123-45-67",
            "8 916 123 45 67",
            "9161234567",
            "79161234567",
        ] {
            assert_eq!(
                SearchKey::parse(text),
                Some(SearchKey::Phone("79161234567".into())),
                "{text}"
            );
        }
    }

    #[test]
    fn a_number_written_with_its_sign_is_the_number() {
        for text in ["№10269", "№ 10269", "#10269"] {
            assert_eq!(
                SearchKey::parse(text),
                Some(SearchKey::Digits {
                    number: Some(10269),
                    tail: "10269".into()
                }),
                "{text}"
            );
        }
    }

    #[test]
    fn short_digits_are_a_number_or_a_phone_tail() {
        assert_eq!(
            SearchKey::parse(" 10042 "),
            Some(SearchKey::Digits {
                number: Some(10042),
                tail: "10042".into()
            })
        );
    }

    #[test]
    fn names_become_prefix_queries_with_yo_folded() {
        assert_eq!(
            SearchKey::parse("Фёдоров  Ал"),
            Some(SearchKey::Name("\"федоров\"* \"ал\"*".into()))
        );
        assert_eq!(
            SearchKey::parse("Ivan@Mail.RU"),
            Some(SearchKey::Email("ivan@mail.ru".into()))
        );
        assert_eq!(SearchKey::parse("  "), None);
        assert_eq!(SearchKey::parse("\"*"), None);
    }
}
