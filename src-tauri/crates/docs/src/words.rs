//! Amount in words («сумма прописью»): rubles in words, kopecks as two digits, capitalised.
//!
//! Written here rather than taken from a crate: `chislo`'s `money` spells the kopecks in words
//! and lower-case, while accountants expect «… рублей 56 копеек»; `russian_numbers` has no
//! gender or noun agreement. The grammar is small and fixed (documents.md), so owning it
//! is cheaper than adapting either. The noun agreement is the window's (`proto::display`).

use proto::display::ru_plural;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Gender {
    Masculine,
    Feminine,
}

const ONES_MASC: [&str; 10] = [
    "",
    "один",
    "два",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
];
const ONES_FEM: [&str; 10] = [
    "",
    "одна",
    "две",
    "три",
    "четыре",
    "пять",
    "шесть",
    "семь",
    "восемь",
    "девять",
];
const TEENS: [&str; 10] = [
    "десять",
    "одиннадцать",
    "двенадцать",
    "тринадцать",
    "четырнадцать",
    "пятнадцать",
    "шестнадцать",
    "семнадцать",
    "восемнадцать",
    "девятнадцать",
];
const TENS: [&str; 10] = [
    "",
    "",
    "двадцать",
    "тридцать",
    "сорок",
    "пятьдесят",
    "шестьдесят",
    "семьдесят",
    "восемьдесят",
    "девяносто",
];
const HUNDREDS: [&str; 10] = [
    "",
    "сто",
    "двести",
    "триста",
    "четыреста",
    "пятьсот",
    "шестьсот",
    "семьсот",
    "восемьсот",
    "девятьсот",
];

/// Scales above units, lowest first: (one, two-to-four, five-and-more, gender).
const SCALES: [(&str, &str, &str, Gender); 6] = [
    ("тысяча", "тысячи", "тысяч", Gender::Feminine),
    ("миллион", "миллиона", "миллионов", Gender::Masculine),
    ("миллиард", "миллиарда", "миллиардов", Gender::Masculine),
    ("триллион", "триллиона", "триллионов", Gender::Masculine),
    (
        "квадриллион",
        "квадриллиона",
        "квадриллионов",
        Gender::Masculine,
    ),
    (
        "квинтиллион",
        "квинтиллиона",
        "квинтиллионов",
        Gender::Masculine,
    ),
];

fn push_triple(out: &mut Vec<&'static str>, n: u64, gender: Gender) {
    let n = n as usize;
    let (h, t, u) = (n / 100, (n / 10) % 10, n % 10);
    if h > 0 {
        out.push(HUNDREDS[h]);
    }
    if t == 1 {
        out.push(TEENS[u]);
        return;
    }
    if t > 1 {
        out.push(TENS[t]);
    }
    if u > 0 {
        out.push(match gender {
            Gender::Masculine => ONES_MASC[u],
            Gender::Feminine => ONES_FEM[u],
        });
    }
}

/// A whole number in words, masculine («один», «два»), lower-case; `0` is «ноль».
pub fn number_in_words(n: u64) -> String {
    if n == 0 {
        return "ноль".to_owned();
    }
    let mut triples = Vec::new();
    let mut rest = n;
    while rest > 0 {
        triples.push(rest % 1000);
        rest /= 1000;
    }
    let mut words: Vec<&'static str> = Vec::new();
    for (scale, &triple) in triples.iter().enumerate().rev() {
        if triple == 0 {
            continue;
        }
        if scale == 0 {
            push_triple(&mut words, triple, Gender::Masculine);
        } else {
            // u64 has at most 7 triples, so a scale index always exists.
            let (one, few, many, gender) = SCALES[scale - 1];
            push_triple(&mut words, triple, gender);
            words.push(ru_plural(triple, one, few, many));
        }
    }
    words.join(" ")
}

/// «Одна тысяча двести тридцать четыре рубля 56 копеек» for 123456 kopecks.
///
/// A negative amount (a refund) is written with «минус» in front, since no form prints one
/// otherwise and silently dropping the sign would misstate the sum.
pub fn amount_in_words(kopecks: i64) -> String {
    let abs = kopecks.unsigned_abs();
    let rubles = abs / 100;
    let kop = abs % 100;
    let mut text = String::new();
    if kopecks < 0 {
        text.push_str("минус ");
    }
    text.push_str(&number_in_words(rubles));
    text.push(' ');
    text.push_str(ru_plural(rubles, "рубль", "рубля", "рублей"));
    text.push_str(&format!(" {kop:02} "));
    text.push_str(ru_plural(kop, "копейка", "копейки", "копеек"));
    capitalise(&text)
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rub(rubles: i64) -> String {
        amount_in_words(rubles * 100)
    }

    #[test]
    fn documented_examples() {
        assert_eq!(amount_in_words(0), "Ноль рублей 00 копеек");
        assert_eq!(rub(1), "Один рубль 00 копеек");
        assert_eq!(rub(2000), "Две тысячи рублей 00 копеек");
        assert_eq!(amount_in_words(2222), "Двадцать два рубля 22 копейки");
        assert_eq!(
            amount_in_words(123_456),
            "Одна тысяча двести тридцать четыре рубля 56 копеек"
        );
    }

    #[test]
    fn small_numbers_agree_with_the_noun() {
        assert_eq!(rub(2), "Два рубля 00 копеек");
        assert_eq!(rub(5), "Пять рублей 00 копеек");
        assert_eq!(rub(11), "Одиннадцать рублей 00 копеек");
        assert_eq!(rub(12), "Двенадцать рублей 00 копеек");
        assert_eq!(rub(14), "Четырнадцать рублей 00 копеек");
        assert_eq!(rub(21), "Двадцать один рубль 00 копеек");
        assert_eq!(rub(101), "Сто один рубль 00 копеек");
        assert_eq!(rub(111), "Сто одиннадцать рублей 00 копеек");
        assert_eq!(rub(1000), "Одна тысяча рублей 00 копеек");
    }

    #[test]
    fn kopecks_keep_two_digits_and_agree() {
        assert_eq!(amount_in_words(1), "Ноль рублей 01 копейка");
        assert_eq!(amount_in_words(3), "Ноль рублей 03 копейки");
        assert_eq!(amount_in_words(11), "Ноль рублей 11 копеек");
        assert_eq!(amount_in_words(21), "Ноль рублей 21 копейка");
        assert_eq!(amount_in_words(99), "Ноль рублей 99 копеек");
    }

    #[test]
    fn thousands_are_feminine_millions_masculine() {
        assert_eq!(rub(1_000_000), "Один миллион рублей 00 копеек");
        assert_eq!(rub(2_002_000), "Два миллиона две тысячи рублей 00 копеек");
        assert_eq!(rub(11_000), "Одиннадцать тысяч рублей 00 копеек");
        assert_eq!(rub(21_000), "Двадцать одна тысяча рублей 00 копеек");
        assert_eq!(rub(34_000), "Тридцать четыре тысячи рублей 00 копеек");
        assert_eq!(
            amount_in_words(2_100_000_101),
            "Двадцать один миллион один рубль 01 копейка"
        );
    }

    #[test]
    fn large_values() {
        assert_eq!(rub(1_000_000_000), "Один миллиард рублей 00 копеек");
        assert_eq!(
            rub(912_345_678_912),
            "Девятьсот двенадцать миллиардов триста сорок пять миллионов шестьсот семьдесят \
             восемь тысяч девятьсот двенадцать рублей 00 копеек"
        );
        assert!(amount_in_words(i64::MAX).starts_with("Девяносто два квадриллиона"));
        assert!(amount_in_words(i64::MIN).starts_with("Минус девяносто два квадриллиона"));
    }

    #[test]
    fn zero_triples_are_skipped() {
        assert_eq!(rub(1_000_001), "Один миллион один рубль 00 копеек");
        assert_eq!(rub(100_000), "Сто тысяч рублей 00 копеек");
        assert_eq!(rub(1_010), "Одна тысяча десять рублей 00 копеек");
    }
}
