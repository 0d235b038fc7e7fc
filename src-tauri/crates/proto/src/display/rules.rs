//! The shop's rules as the UI meets them (issue 15, points 5 and 6): a stage guard or an
//! input check that refused, as a stable code with params and the field it belongs beside,
//! worded here in Russian and English (tested on the host; the UI crate builds only for
//! wasm); and the input checks the forms mirror from `domain` for feedback as one types.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::display::Lang;

/// What a stage asks of its orders, as the stages editor shows and sends it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct StageGuardsView {
    /// A prepaid order leaves forward only when paid in full.
    pub paid_to_leave: bool,
    /// A courier or post order enters only with an address.
    pub address_to_enter: bool,
    /// Lines, discounts and delivery can no longer change here.
    pub locked: bool,
}

/// The shop's bounds of one line, as the settings show and send them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputLimitsView {
    /// In thousandths of the line's unit.
    pub max_quantity: i64,
    /// In kopecks: quantity × price before discounts.
    pub max_line_amount: i64,
}

/// Why a rule refused. Serialized as snake_case text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleCode {
    /// Leaving `stage` needs the order paid in full.
    GuardUnpaid,
    /// Entering `stage` needs an address.
    GuardNoAddress,
    /// The bill is frozen in `stage`.
    GuardLocked,
    QuantityNotPositive,
    /// `unit` is sold whole.
    FractionalPieces,
    /// Above `max` of a line's unit.
    QuantityTooLarge,
    /// Above `max` a line.
    LineAmountTooLarge,
    BadEmail,
    BadPhone,
    AddressRequired,
    BadLimits,
    /// The form's «add» was pressed with no product chosen.
    NoProduct,
    /// A version's note is longer than `max` characters.
    VersionNoteTooLong,
    /// A code this version does not know (from a newer desk): the message is shown instead.
    #[serde(other)]
    Unknown,
}

impl RuleCode {
    pub const ALL: &'static [RuleCode] = &[
        RuleCode::GuardUnpaid,
        RuleCode::GuardNoAddress,
        RuleCode::GuardLocked,
        RuleCode::QuantityNotPositive,
        RuleCode::FractionalPieces,
        RuleCode::QuantityTooLarge,
        RuleCode::LineAmountTooLarge,
        RuleCode::BadEmail,
        RuleCode::BadPhone,
        RuleCode::AddressRequired,
        RuleCode::BadLimits,
        RuleCode::NoProduct,
        RuleCode::VersionNoteTooLong,
    ];

    /// The params the code carries, by name.
    pub fn params(self) -> &'static [&'static str] {
        match self {
            RuleCode::GuardUnpaid | RuleCode::GuardNoAddress | RuleCode::GuardLocked => &["stage"],
            RuleCode::FractionalPieces => &["unit"],
            RuleCode::QuantityTooLarge
            | RuleCode::LineAmountTooLarge
            | RuleCode::VersionNoteTooLong => &["max"],
            _ => &[],
        }
    }
}

/// A refusal by a stage guard or an input check: `{code, params}`, and the form field it is
/// shown beside (`quantity`, `amount`, `email`, `phone`, `address`, `product`); `None` for a
/// refused action (a move), shown beside the action's button.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleRefusal {
    pub code: RuleCode,
    #[serde(default)]
    pub params: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

impl RuleRefusal {
    pub fn new(code: RuleCode, params: &[(&str, String)]) -> RuleRefusal {
        RuleRefusal {
            code,
            params: params
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
            field: None,
        }
    }

    pub fn at(mut self, field: &str) -> RuleRefusal {
        self.field = Some(field.to_owned());
        self
    }

    /// The refusal worded for the manager.
    pub fn wording(&self, lang: Lang) -> String {
        let p = |name: &str| self.params.get(name).map_or("?", String::as_str);
        let ru = lang == Lang::Ru;
        let pick = |r: String, e: String| if ru { r } else { e };
        use RuleCode as C;
        match self.code {
            C::GuardUnpaid => pick(
                format!(
                    "Заказ не оплачен полностью: с этапа «{}» заказ с предоплатой уходит \
                     только после оплаты. Внесите оплату или отмените заказ.",
                    p("stage")
                ),
                format!(
                    "The order is not paid in full: a prepaid order leaves «{}» only once \
                     paid. Record the payment or cancel the order.",
                    p("stage")
                ),
            ),
            C::GuardNoAddress => pick(
                format!(
                    "Укажите адрес доставки: на этап «{}» заказ курьером или почтой переходит \
                     только с адресом.",
                    p("stage")
                ),
                format!(
                    "Enter the delivery address: a courier or post order enters «{}» only with \
                     one.",
                    p("stage")
                ),
            ),
            C::GuardLocked => pick(
                format!(
                    "На этапе «{}» состав, скидки и доставка заказа уже не меняются.",
                    p("stage")
                ),
                format!(
                    "At stage «{}» the order's lines, discounts and delivery no longer change.",
                    p("stage")
                ),
            ),
            C::QuantityNotPositive => pick(
                "Количество должно быть больше нуля.".to_owned(),
                "The quantity must be above zero.".to_owned(),
            ),
            C::FractionalPieces => pick(
                format!(
                    "Товар продаётся в «{}» — только целое количество.",
                    p("unit")
                ),
                format!("This item is sold in «{}»: whole numbers only.", p("unit")),
            ),
            C::QuantityTooLarge => pick(
                format!(
                    "Слишком большое количество: не больше {} в одной позиции.",
                    p("max")
                ),
                format!("Too large a quantity: at most {} a line.", p("max")),
            ),
            C::LineAmountTooLarge => pick(
                format!("Слишком большая сумма позиции: не больше {}.", p("max")),
                format!("Too large a line amount: at most {}.", p("max")),
            ),
            C::BadEmail => pick(
                "Это не адрес электронной почты: нужен вид name@example.ru.".to_owned(),
                "Not an e-mail address: it looks like name@example.com.".to_owned(),
            ),
            C::BadPhone => pick(
                "Это не номер телефона: нужны 10 цифр после +7 или 8.".to_owned(),
                "Not a phone number: 10 digits after +7 or 8 are needed.".to_owned(),
            ),
            C::AddressRequired => pick(
                "Для доставки курьером или почтой укажите адрес.".to_owned(),
                "Courier and post delivery need an address.".to_owned(),
            ),
            C::BadLimits => pick(
                "Границы должны пропускать хотя бы одну единицу и один рубль.".to_owned(),
                "The bounds must admit at least one unit and one ruble.".to_owned(),
            ),
            C::NoProduct => pick(
                "Выберите товар из списка.".to_owned(),
                "Choose a product from the list.".to_owned(),
            ),
            C::VersionNoteTooLong => pick(
                format!(
                    "Комментарий к версии — коротко, не длиннее {} знаков.",
                    p("max")
                ),
                format!(
                    "A version's comment is short: {} characters at most.",
                    p("max")
                ),
            ),
            C::Unknown => pick(
                "Действие отклонено (эта версия программы не знает причину).".to_owned(),
                "Refused (this version of the program does not know why).".to_owned(),
            ),
        }
    }
}

/// The domain's e-mail check, for the form as one types (`domain::check_email`; a desk
/// test keeps the two in step).
pub fn email_ok(text: &str) -> bool {
    let email = text.trim();
    let Some((local, domain)) = email.split_once('@') else {
        return false;
    };
    let labels: Vec<&str> = domain.split('.').collect();
    let tld = labels.last().copied().unwrap_or_default();
    !local.is_empty()
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
        && labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
        && tld.chars().count() >= 2
        && tld.chars().all(char::is_alphabetic)
}

/// The domain's phone check (`domain::check_phone`): a Russian number in any spelling.
pub fn phone_ok(text: &str) -> bool {
    let ok_chars = text
        .chars()
        .all(|c| c.is_ascii_digit() || " +-()".contains(c));
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let shape = matches!(
        (digits.len(), digits.as_bytes().first()),
        (11, Some(b'7' | b'8')) | (10, Some(b'9' | b'3' | b'4' | b'8'))
    );
    ok_chars && shape
}

/// The domain's piece units (`domain::is_piece_unit`): sold whole.
pub fn piece_unit(unit: &str) -> bool {
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

/// A typed quantity (thousandths) for a product in `unit`: the refusal the form shows beside
/// the field, or `None`. The bounds are the server's to check; this catches the shape.
pub fn quantity_refusal(unit: &str, quantity: Option<i64>) -> Option<RuleRefusal> {
    match quantity {
        None | Some(..=0) => Some(RuleRefusal::new(RuleCode::QuantityNotPositive, &[])),
        Some(q) if piece_unit(unit) && q % 1000 != 0 => Some(RuleRefusal::new(
            RuleCode::FractionalPieces,
            &[("unit", unit.trim().to_owned())],
        )),
        Some(_) => None,
    }
    .map(|r| r.at("quantity"))
}

/// The domain's bound of a version's note (`domain::VERSION_NOTE_MAX`; a desk test keeps the
/// two in step), in characters.
pub const VERSION_NOTE_MAX: usize = 200;

/// A typed note for a version: the refusal the field shows, or `None`.
pub fn version_note_refusal(text: &str) -> Option<RuleRefusal> {
    (text.trim().chars().count() > VERSION_NOTE_MAX).then(|| {
        RuleRefusal::new(
            RuleCode::VersionNoteTooLong,
            &[("max", VERSION_NOTE_MAX.to_string())],
        )
        .at("version_note")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(code: RuleCode) -> RuleRefusal {
        RuleRefusal {
            code,
            params: code
                .params()
                .iter()
                .map(|p| ((*p).to_owned(), format!("<{p}>")))
                .collect(),
            field: None,
        }
    }

    #[test]
    fn every_rule_is_worded_in_both_languages_with_all_its_params() {
        let cyrillic = |s: &str| {
            s.chars()
                .any(|c| matches!(c, 'а'..='я' | 'А'..='Я' | 'ё' | 'Ё'))
        };
        for &code in RuleCode::ALL {
            let view = sample(code);
            let (ru, en) = (view.wording(Lang::Ru), view.wording(Lang::En));
            for text in [&ru, &en] {
                assert!(!text.contains('?'), "{code:?} lacks a param: {text}");
                for p in code.params() {
                    assert!(
                        text.contains(&format!("<{p}>")),
                        "{code:?} drops {p}: {text}"
                    );
                }
            }
            assert!(cyrillic(&ru), "{code:?}: {ru}");
            assert!(!cyrillic(&en), "{code:?}: {en}");
        }
    }

    #[test]
    fn a_refusal_reads_back_and_a_newer_code_is_unknown() {
        let r = sample(RuleCode::GuardUnpaid).at("payment");
        let json = serde_json::to_string(&r).expect("json");
        assert!(json.contains(r#""code":"guard_unpaid""#), "{json}");
        assert_eq!(serde_json::from_str::<RuleRefusal>(&json).expect("back"), r);
        let newer: RuleRefusal =
            serde_json::from_str(r#"{"code":"guard_moon_phase","params":{}}"#).expect("reads");
        assert_eq!(newer.code, RuleCode::Unknown);
    }

    #[test]
    fn no_product_chosen_is_not_worded_as_a_bad_quantity() {
        let no_product = RuleRefusal::new(RuleCode::NoProduct, &[]).wording(Lang::Ru);
        assert!(!no_product.contains("Количество"), "{no_product}");
        assert!(no_product.contains("товар"), "{no_product}");
    }

    #[test]
    fn the_form_refuses_half_a_piece_and_takes_half_a_kilo() {
        let half_piece = quantity_refusal("шт", Some(1500)).expect("refused");
        assert_eq!(half_piece.code, RuleCode::FractionalPieces);
        assert_eq!(half_piece.field.as_deref(), Some("quantity"));
        assert!(half_piece.wording(Lang::Ru).contains("«шт»"));
        assert_eq!(quantity_refusal("кг", Some(1500)), None);
        assert_eq!(
            quantity_refusal("шт", None).map(|r| r.code),
            Some(RuleCode::QuantityNotPositive)
        );
        assert!(!email_ok("alena@") && email_ok("alena@mail.ru"));
        let long = "ж".repeat(VERSION_NOTE_MAX + 1);
        let refused = version_note_refusal(&long).expect("too long");
        assert_eq!(refused.field.as_deref(), Some("version_note"));
        assert!(refused.wording(Lang::Ru).contains("200"));
        assert_eq!(version_note_refusal(&format!("  {}  ", &long[2..])), None);
        assert!(phone_ok("+7 (916) 123-45-67") && !phone_ok("123"));
    }
}
