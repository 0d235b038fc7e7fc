//! The payment QR payload of GOST R 56042-2014 («ST00012|Name=…|PersonalAcc=…»), UTF-8.

use crate::requisites::Requisites;

/// Additional requisites a banking app may prefill; written after the common ones, in the
/// order they were added.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExtraField {
    LastName,
    FirstName,
    MiddleName,
    PayerAddress,
    PersAcc,
    Phone,
    DocNo,
    DocDate,
    Uin,
    TechCode,
}

impl ExtraField {
    fn key(self) -> &'static str {
        match self {
            Self::LastName => "LastName",
            Self::FirstName => "FirstName",
            Self::MiddleName => "MiddleName",
            Self::PayerAddress => "PayerAddress",
            Self::PersAcc => "PersAcc",
            Self::Phone => "Phone",
            Self::DocNo => "DocNo",
            Self::DocDate => "DocDate",
            Self::Uin => "UIN",
            Self::TechCode => "TechCode",
        }
    }

    fn max_chars(self) -> Option<usize> {
        match self {
            Self::Uin => Some(25),
            Self::TechCode => Some(2),
            _ => None,
        }
    }
}

/// One payment to encode. Empty optional strings are left out of the payload.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QrPayment {
    pub name: String,
    pub personal_acc: String,
    pub bank_name: String,
    pub bic: String,
    pub corresp_acc: String,
    pub kpp: String,
    pub payee_inn: String,
    pub purpose: String,
    /// Kopecks; `None` lets the payer type the amount.
    pub sum_kopecks: Option<i64>,
    pub extra: Vec<(ExtraField, String)>,
}

impl QrPayment {
    /// The payee part taken from the shop's requisites; purpose and sum are per order.
    pub fn to_shop(shop: &Requisites, purpose: &str, sum_kopecks: i64) -> Self {
        Self {
            name: shop.name.clone(),
            personal_acc: shop.settlement_account.clone(),
            bank_name: crate::requisites::qr_bank_name(shop).to_owned(),
            bic: shop.bic.clone(),
            corresp_acc: shop.corr_account.clone(),
            kpp: shop.kpp.clone(),
            payee_inn: shop.inn.clone(),
            purpose: purpose.to_owned(),
            sum_kopecks: Some(sum_kopecks),
            extra: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrPayloadError {
    #[error("QR-код оплаты: не заполнено «{}»", label(.0))]
    Missing(&'static str),
    #[error("QR-код оплаты: «{}» длиннее {max} символов ({len}){}", label(.key), hint(.key))]
    TooLong {
        key: &'static str,
        max: usize,
        len: usize,
    },
    #[error("QR-код оплаты: «{}» должно состоять из {}, а не «{value}»", label(.key), digits_text(*.exact))]
    Digits {
        key: &'static str,
        /// How many digits the key takes; `None`: any number of them.
        exact: Option<usize>,
        value: String,
    },
    #[error("QR-код оплаты: нет свободного символа-разделителя, значения содержат их все")]
    NoSeparator,
}

/// The requisites form's label of a GOST key, so a manager reads which field to fix (the key
/// itself stays in the error for code). Keys the form has no field for are shown as they are.
pub fn label(key: &str) -> &str {
    match key {
        "Name" => "Наименование",
        "PersonalAcc" => "Расчётный счёт",
        "BankName" => "Наименование банка",
        "BIC" => "БИК",
        "CorrespAcc" => "Корр. счёт",
        "KPP" => "КПП",
        "PayeeINN" => "ИНН",
        "Purpose" => "Назначение платежа",
        "Sum" => "Сумма",
        other => other,
    }
}

fn digits_text(exact: Option<usize>) -> String {
    exact.map_or_else(|| "цифр".to_owned(), |n| format!("{n} цифр"))
}

/// What to do about a value that is too long, where the form offers a way.
fn hint(key: &str) -> &'static str {
    if key == "BankName" {
        " — укажите в реквизитах короткое наименование банка для QR-кода"
    } else {
        ""
    }
}

/// Tried in turn when a value contains `|`; all are single-byte ASCII, so every parser that
/// reads the byte after the header as the separator understands them.
const SEPARATORS: &[char] = &[
    '|', '#', ';', '^', '~', '!', '$', '%', '*', '+', '/', '\\', '@', '_', '`', '&', ':', '?',
];

fn limit(key: &'static str, value: &str, max: usize) -> Result<(), QrPayloadError> {
    let len = value.chars().count();
    if len > max {
        return Err(QrPayloadError::TooLong { key, max, len });
    }
    Ok(())
}

fn digits(key: &'static str, value: &str, exact: Option<usize>) -> Result<(), QrPayloadError> {
    let all_digits = !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit());
    let ok = all_digits && exact.is_none_or(|n| value.len() == n);
    if ok {
        Ok(())
    } else {
        Err(QrPayloadError::Digits {
            key,
            exact,
            value: value.to_owned(),
        })
    }
}

fn mandatory(key: &'static str, value: &str) -> Result<(), QrPayloadError> {
    if value.trim().is_empty() {
        Err(QrPayloadError::Missing(key))
    } else {
        Ok(())
    }
}

/// Builds the payload: header `ST0001`, `2` for UTF-8, the separator, then the pairs in the
/// order banking apps handle best (Name, PersonalAcc, BankName, BIC, CorrespAcc, KPP,
/// PayeeINN, Purpose, Sum, then the extras).
pub fn qr_payload(p: &QrPayment) -> Result<String, QrPayloadError> {
    mandatory("Name", &p.name)?;
    limit("Name", &p.name, 160)?;
    digits("PersonalAcc", &p.personal_acc, Some(20))?;
    mandatory("BankName", &p.bank_name)?;
    limit("BankName", &p.bank_name, 45)?;
    digits("BIC", &p.bic, Some(9))?;
    // A budget payee may have no correspondent account, written as «0».
    mandatory("CorrespAcc", &p.corresp_acc)?;
    limit("CorrespAcc", &p.corresp_acc, 20)?;
    digits("CorrespAcc", &p.corresp_acc, None)?;

    let mut pairs: Vec<(&str, String)> = vec![
        ("Name", p.name.clone()),
        ("PersonalAcc", p.personal_acc.clone()),
        ("BankName", p.bank_name.clone()),
        ("BIC", p.bic.clone()),
        ("CorrespAcc", p.corresp_acc.clone()),
    ];
    if !p.kpp.is_empty() {
        limit("KPP", &p.kpp, 9)?;
        pairs.push(("KPP", p.kpp.clone()));
    }
    if !p.payee_inn.is_empty() {
        limit("PayeeINN", &p.payee_inn, 12)?;
        digits("PayeeINN", &p.payee_inn, None)?;
        pairs.push(("PayeeINN", p.payee_inn.clone()));
    }
    if !p.purpose.is_empty() {
        limit("Purpose", &p.purpose, 210)?;
        pairs.push(("Purpose", p.purpose.clone()));
    }
    if let Some(sum) = p.sum_kopecks {
        let sum = sum.to_string();
        digits("Sum", &sum, None)?;
        limit("Sum", &sum, 18)?;
        pairs.push(("Sum", sum));
    }
    for (field, value) in &p.extra {
        if value.is_empty() {
            continue;
        }
        if let Some(max) = field.max_chars() {
            limit(field.key(), value, max)?;
        }
        pairs.push((field.key(), value.clone()));
    }

    let separator = SEPARATORS
        .iter()
        .copied()
        .find(|sep| pairs.iter().all(|(_, value)| !value.contains(*sep)))
        .ok_or(QrPayloadError::NoSeparator)?;
    let mut out = format!("ST00012{separator}");
    let body: Vec<String> = pairs.iter().map(|(k, v)| format!("{k}={v}")).collect();
    out.push_str(&body.join(&separator.to_string()));
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payment() -> QrPayment {
        QrPayment {
            name: "ООО «Три кита»".into(),
            personal_acc: "40702810138250123017".into(),
            bank_name: "ОАО \"БАНК\"".into(),
            bic: "044525225".into(),
            corresp_acc: "30101810400000000225".into(),
            payee_inn: "6200098765".into(),
            purpose: "Оплата заказа 123".into(),
            sum_kopecks: Some(100_000),
            ..QrPayment::default()
        }
    }

    #[test]
    fn documented_example() {
        assert_eq!(
            qr_payload(&payment()).expect("valid payment"),
            "ST00012|Name=ООО «Три кита»|PersonalAcc=40702810138250123017|BankName=ОАО \"БАНК\"\
             |BIC=044525225|CorrespAcc=30101810400000000225|PayeeINN=6200098765\
             |Purpose=Оплата заказа 123|Sum=100000"
        );
    }

    #[test]
    fn optional_fields_follow_in_order() {
        let mut p = payment();
        p.kpp = "620001001".into();
        p.extra = vec![
            (ExtraField::LastName, "Иванов".into()),
            (ExtraField::PayerAddress, String::new()),
            (ExtraField::DocNo, "123".into()),
        ];
        let payload = qr_payload(&p).expect("valid payment");
        assert!(payload.contains("|CorrespAcc=30101810400000000225|KPP=620001001|PayeeINN="));
        assert!(payload.ends_with("|Sum=100000|LastName=Иванов|DocNo=123"));
        assert!(!payload.contains("PayerAddress"));
    }

    #[test]
    fn pipe_in_a_value_switches_the_separator_everywhere() {
        let mut p = payment();
        p.name = "ИП Петров | Сад и огород".into();
        p.extra = vec![(ExtraField::LastName, "Сидоров".into())];
        let payload = qr_payload(&p).expect("valid payment");
        assert!(payload.starts_with("ST00012#Name=ИП Петров | Сад и огород#PersonalAcc="));
        assert!(payload.ends_with("#Sum=100000#LastName=Сидоров"));
        assert_eq!(payload.matches('#').count(), 9);
    }

    #[test]
    fn separator_avoids_every_value() {
        let mut p = payment();
        p.name = "А|Б#В".into();
        p.purpose = "Заказ ;1".into();
        let payload = qr_payload(&p).expect("valid payment");
        assert!(payload.starts_with("ST00012^Name=А|Б#В^"));
    }

    #[test]
    fn limits_are_enforced() {
        let mut p = payment();
        p.name = "Я".repeat(161);
        assert_eq!(
            qr_payload(&p),
            Err(QrPayloadError::TooLong {
                key: "Name",
                max: 160,
                len: 161
            })
        );
        p.name = "Я".repeat(160);
        assert!(qr_payload(&p).is_ok());
        p.bank_name = "Б".repeat(46);
        assert!(matches!(
            qr_payload(&p),
            Err(QrPayloadError::TooLong {
                key: "BankName",
                ..
            })
        ));
        let mut p = payment();
        p.purpose = "П".repeat(211);
        assert!(matches!(
            qr_payload(&p),
            Err(QrPayloadError::TooLong { key: "Purpose", .. })
        ));
    }

    #[test]
    fn malformed_mandatory_fields_are_rejected() {
        let mut p = payment();
        p.personal_acc = "4070281013825012301".into();
        assert!(matches!(
            qr_payload(&p),
            Err(QrPayloadError::Digits {
                key: "PersonalAcc",
                ..
            })
        ));
        let mut p = payment();
        p.bic = "04452522A".into();
        assert!(matches!(
            qr_payload(&p),
            Err(QrPayloadError::Digits { key: "BIC", .. })
        ));
        let mut p = payment();
        p.name = "  ".into();
        assert_eq!(qr_payload(&p), Err(QrPayloadError::Missing("Name")));
        let mut p = payment();
        p.sum_kopecks = Some(-5);
        assert!(matches!(
            qr_payload(&p),
            Err(QrPayloadError::Digits { key: "Sum", .. })
        ));
    }
}
