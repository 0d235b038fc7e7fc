//! The shop's requisites and their validation: ИНН and ОГРН check digits, КПП shape, БИК and
//! the control key of both bank accounts against the БИК (Bank of Russia rules).

/// What the shop prints about itself on every paper: the settings form's own struct, so the
/// form, the store and the papers share one definition.
pub use proto::Requisites;

/// The checks themselves live in the domain, which an order's company buyer is checked by too.
pub use domain::requisites::{
    check_bic, check_corr_account, check_inn, check_kpp, check_ogrn, check_settlement_account,
    RequisiteError,
};

/// A 12-digit ИНН belongs to a person, so the shop is a sole trader (ИП).
pub fn is_sole_trader(shop: &Requisites) -> bool {
    shop.inn.len() == 12
}

/// GOST R 56042-2014's limit on `BankName` in the payment QR code.
pub const QR_BANK_NAME_MAX: usize = Requisites::QR_BANK_NAME_MAX;

/// The bank's name the payment QR carries: the short one where given, else the official.
pub fn qr_bank_name(shop: &Requisites) -> &str {
    shop.qr_bank_name()
}

/// Every problem at once, so a settings form can mark all bad fields in one pass.
pub fn validate(shop: &Requisites) -> Result<(), Vec<RequisiteError>> {
    let mut errors = Vec::new();
    if shop.name.trim().is_empty() {
        // The form's label, as every other requisite's error names its field.
        errors.push(RequisiteError::Missing("Наименование"));
    }
    let checks = [
        check_inn(&shop.inn),
        if is_sole_trader(shop) && shop.kpp.is_empty() {
            Ok(())
        } else {
            check_kpp(&shop.kpp)
        },
        if shop.ogrn.is_empty() {
            Ok(())
        } else {
            check_ogrn(&shop.ogrn)
        },
        check_bic(&shop.bic),
    ];
    errors.extend(checks.into_iter().filter_map(Result::err));
    // Checked here rather than at the first ПД-4, when the manager is at the till.
    let len = qr_bank_name(shop).chars().count();
    if len > QR_BANK_NAME_MAX {
        let field = if shop.bank_name_qr.trim().is_empty() {
            "Наименование банка"
        } else {
            "Наименование банка для QR-кода"
        };
        errors.push(RequisiteError::TooLongForQr {
            field,
            max: QR_BANK_NAME_MAX,
            len,
        });
    }
    if check_bic(&shop.bic).is_ok() {
        errors.extend(check_settlement_account(&shop.settlement_account, &shop.bic).err());
        errors.extend(check_corr_account(&shop.corr_account, &shop.bic).err());
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sberbank's own published requisites: real, valid values.
    fn sber() -> Requisites {
        Requisites {
            name: "ПАО Сбербанк".into(),
            inn: "7707083893".into(),
            kpp: "773601001".into(),
            ogrn: "1027700132195".into(),
            bic: "044525225".into(),
            settlement_account: "40702810138250123017".into(),
            corr_account: "30101810400000000225".into(),
            ..Requisites::default()
        }
    }

    #[test]
    fn real_requisites_pass() {
        assert_eq!(validate(&sber()), Ok(()));
    }

    /// Regression: a missing name was reported as «наименование», not as the form labels it.
    #[test]
    fn a_missing_name_is_named_as_the_form_labels_it() {
        let shop = Requisites {
            name: "  ".into(),
            ..sber()
        };
        let errors = validate(&shop).expect_err("no name");
        assert_eq!(errors, [RequisiteError::Missing("Наименование")]);
        assert_eq!(errors[0].to_string(), "Не заполнено поле «Наименование»");
    }

    #[test]
    fn validate_lists_every_problem() {
        let mut bad = sber();
        bad.inn = "7707083894".into();
        bad.settlement_account = "40702810138250123018".into();
        let errors = validate(&bad).expect_err("two fields are wrong");
        assert_eq!(errors.len(), 2);
        assert!(errors[0].to_string().contains("ИНН"));
        assert!(errors[1].to_string().contains("БИК 044525225"));
    }

    #[test]
    fn sole_trader_needs_no_kpp() {
        let mut ip = sber();
        ip.inn = "500100732259".into();
        ip.kpp.clear();
        ip.ogrn = "304500116000157".into();
        assert!(is_sole_trader(&ip));
        assert_eq!(validate(&ip), Ok(()));
    }
}
