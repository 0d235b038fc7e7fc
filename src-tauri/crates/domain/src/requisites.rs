//! Check digits and shapes of Russian requisites (ИНН, КПП, ОГРН, БИК, bank accounts), as the
//! Federal Tax Service and the Bank of Russia define them. Here rather than in `docs` because
//! both the shop's requisites form (checked by `docs`) and an order's company buyer (checked
//! by an op) use them, and the domain depends on nothing that could hold them.

/// Why a requisite is rejected; the message is shown to the manager as is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RequisiteError {
    #[error("Не заполнено поле «{0}»")]
    Missing(&'static str),
    #[error("{field}: должно быть {expected}, введено «{value}»")]
    Shape {
        field: &'static str,
        expected: &'static str,
        value: String,
    },
    #[error("{field}: неверное контрольное число в «{value}» — проверьте, не опечатка ли")]
    CheckDigit { field: &'static str, value: String },
    #[error(
        "{field} «{account}» не сходится с БИК {bic} (контрольный ключ) — проверьте счёт и БИК"
    )]
    AccountKey {
        field: &'static str,
        account: String,
        bic: String,
    },
    #[error(
        "«{field}» длиннее {max} символов ({len}), допустимых в QR-коде оплаты: укажите \
         короткое наименование банка для QR-кода (например, «ПАО СБЕРБАНК»)"
    )]
    TooLongForQr {
        field: &'static str,
        max: usize,
        len: usize,
    },
}

fn digits(value: &str) -> Option<Vec<u32>> {
    value.chars().map(|c| c.to_digit(10)).collect()
}

fn shape(field: &'static str, expected: &'static str, value: &str) -> RequisiteError {
    RequisiteError::Shape {
        field,
        expected,
        value: value.to_owned(),
    }
}

fn weighted_check(d: &[u32], weights: &[u32]) -> u32 {
    let sum: u32 = d.iter().zip(weights).map(|(a, b)| a * b).sum();
    sum % 11 % 10
}

/// ИНН: 10 digits for a company, 12 for a person; check digits per the Federal Tax Service.
pub fn check_inn(inn: &str) -> Result<(), RequisiteError> {
    const W10: [u32; 9] = [2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W11: [u32; 10] = [7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    const W12: [u32; 11] = [3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8];
    let field = "ИНН";
    if inn.is_empty() {
        return Err(RequisiteError::Missing(field));
    }
    let d = digits(inn).ok_or_else(|| shape(field, "10 или 12 цифр", inn))?;
    let ok = match d.len() {
        10 => weighted_check(&d, &W10) == d[9],
        12 => weighted_check(&d, &W11) == d[10] && weighted_check(&d, &W12) == d[11],
        _ => return Err(shape(field, "10 или 12 цифр", inn)),
    };
    if ok {
        Ok(())
    } else {
        Err(RequisiteError::CheckDigit {
            field,
            value: inn.to_owned(),
        })
    }
}

/// КПП: 4 digits (tax office), 2 digits or capital Latin letters (reason), 3 digits.
pub fn check_kpp(kpp: &str) -> Result<(), RequisiteError> {
    let field = "КПП";
    if kpp.is_empty() {
        return Err(RequisiteError::Missing(field));
    }
    let b = kpp.as_bytes();
    let ok = b.len() == 9
        && b[..4].iter().all(u8::is_ascii_digit)
        && b[4..6]
            .iter()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
        && b[6..].iter().all(u8::is_ascii_digit);
    if ok {
        Ok(())
    } else {
        Err(shape(field, "9 знаков (например 773601001)", kpp))
    }
}

/// ОГРН (13 digits, remainder mod 11) or ОГРНИП (15 digits, remainder mod 13).
pub fn check_ogrn(ogrn: &str) -> Result<(), RequisiteError> {
    let field = "ОГРН";
    let expected = "13 цифр (ОГРН) или 15 цифр (ОГРНИП)";
    if digits(ogrn).is_none() {
        return Err(shape(field, expected, ogrn));
    }
    let (body, modulus) = match ogrn.len() {
        13 => (&ogrn[..12], 11),
        15 => (&ogrn[..14], 13),
        _ => return Err(shape(field, expected, ogrn)),
    };
    let last = u64::from(ogrn.as_bytes()[ogrn.len() - 1] - b'0');
    let body: u64 = body.parse().map_err(|_| shape(field, expected, ogrn))?;
    if body % modulus % 10 == last {
        Ok(())
    } else {
        Err(RequisiteError::CheckDigit {
            field,
            value: ogrn.to_owned(),
        })
    }
}

/// БИК: 9 digits.
pub fn check_bic(bic: &str) -> Result<(), RequisiteError> {
    let field = "БИК";
    if bic.is_empty() {
        return Err(RequisiteError::Missing(field));
    }
    match digits(bic) {
        Some(d) if d.len() == 9 => Ok(()),
        _ => Err(shape(field, "9 цифр", bic)),
    }
}

/// The Bank of Russia control key: 23 digits weighted 7,1,3,… must sum to a multiple of 10.
fn account_key_ok(prefix: &str, account: &str) -> bool {
    let Some(d) = digits(&format!("{prefix}{account}")) else {
        return false;
    };
    let sum: u32 = d
        .iter()
        .zip([7, 1, 3].iter().cycle())
        .map(|(a, w)| a * w % 10)
        .sum();
    sum.is_multiple_of(10)
}

fn check_account(
    field: &'static str,
    account: &str,
    bic: &str,
    prefix: &str,
) -> Result<(), RequisiteError> {
    if account.is_empty() {
        return Err(RequisiteError::Missing(field));
    }
    match digits(account) {
        Some(d) if d.len() == 20 => {}
        _ => return Err(shape(field, "20 цифр", account)),
    }
    if account_key_ok(prefix, account) {
        Ok(())
    } else {
        Err(RequisiteError::AccountKey {
            field,
            account: account.to_owned(),
            bic: bic.to_owned(),
        })
    }
}

/// Расчётный счёт: 20 digits whose key is checked with the last three digits of the БИК.
/// `bic` must already be valid (see [`check_bic`]).
pub fn check_settlement_account(account: &str, bic: &str) -> Result<(), RequisiteError> {
    check_account("Расчётный счёт", account, bic, bic.get(6..9).unwrap_or(""))
}

/// Корреспондентский счёт: 20 digits starting with 301, keyed with «0» + БИК digits 5–6.
pub fn check_corr_account(account: &str, bic: &str) -> Result<(), RequisiteError> {
    let field = "Корр. счёт";
    if !account.is_empty() && !account.starts_with("301") {
        return Err(shape(field, "20 цифр, начиная с 301", account));
    }
    let prefix = format!("0{}", bic.get(4..6).unwrap_or(""));
    check_account(field, account, bic, &prefix)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inn_check_digits() {
        assert_eq!(check_inn("7707083893"), Ok(()));
        assert_eq!(check_inn("500100732259"), Ok(()));
        assert!(matches!(
            check_inn("7707083894"),
            Err(RequisiteError::CheckDigit { .. })
        ));
        assert!(matches!(
            check_inn("500100732258"),
            Err(RequisiteError::CheckDigit { .. })
        ));
        assert!(matches!(
            check_inn("77070838"),
            Err(RequisiteError::Shape { .. })
        ));
        assert!(matches!(
            check_inn("770708389O"),
            Err(RequisiteError::Shape { .. })
        ));
        assert_eq!(check_inn(""), Err(RequisiteError::Missing("ИНН")));
    }

    #[test]
    fn kpp_shape() {
        assert_eq!(check_kpp("773601001"), Ok(()));
        assert_eq!(check_kpp("7736AB001"), Ok(()));
        assert!(check_kpp("77360100").is_err());
        assert!(check_kpp("7736ab001").is_err());
    }

    #[test]
    fn ogrn_check_digits() {
        assert_eq!(check_ogrn("1027700132195"), Ok(()));
        assert!(check_ogrn("1027700132196").is_err());
        assert_eq!(check_ogrn("304500116000157"), Ok(()));
        assert!(check_ogrn("304500116000158").is_err());
    }

    #[test]
    fn accounts_are_keyed_against_the_bic() {
        let bic = "044525225";
        assert_eq!(
            check_settlement_account("40702810138250123017", bic),
            Ok(())
        );
        assert_eq!(check_corr_account("30101810400000000225", bic), Ok(()));
        // One mistyped digit breaks the key.
        assert!(matches!(
            check_settlement_account("40702810138250123018", bic),
            Err(RequisiteError::AccountKey { .. })
        ));
        // A right account with another bank's БИК does not match either.
        assert!(check_settlement_account("40702810138250123017", "044030653").is_err());
        assert!(check_corr_account("30101810400000000225", "044030653").is_err());
        // Sberbank's St Petersburg branch: its own corr. account fits its own БИК.
        assert_eq!(
            check_corr_account("30101810500000000653", "044030653"),
            Ok(())
        );
        assert!(matches!(
            check_settlement_account("4070281013825012301", bic),
            Err(RequisiteError::Shape { .. })
        ));
        assert!(check_corr_account("40702810138250123017", bic).is_err());
    }
}
