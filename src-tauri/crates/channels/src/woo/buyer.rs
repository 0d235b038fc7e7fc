//! The site's billing company as the order's buyer. WooCommerce itself keeps only a company
//! name; Russian requisites plugins add the ИНН and КПП to the order's meta under keys such as
//! `_billing_inn` / `billing_kpp` (or label them «ИНН» / «КПП»). Whatever the site has is
//! taken; what it lacks the manager completes on the card, and the order is flagged until then.

use domain::{Buyer, Company};

use super::model::{Meta, WooOrder};

/// The flag an imported company with incomplete or wrong requisites carries.
pub const FLAG_INCOMPLETE: &str = "company_requisites";

/// `Buyer::Person` when the site names no company; otherwise the company, normalized, and
/// `Some(FLAG_INCOMPLETE)` when it would not pass the card's check (no ИНН on the site, a typo).
pub fn buyer(woo: &WooOrder, legal_address: String) -> (Buyer, Option<&'static str>) {
    let name = woo.billing.company.trim();
    if name.is_empty() {
        return (Buyer::Person, None);
    }
    let company = Company {
        name: name.to_owned(),
        inn: meta(&woo.meta_data, "inn").unwrap_or_default(),
        kpp: meta(&woo.meta_data, "kpp").unwrap_or_default(),
        address: legal_address,
        ..Company::default()
    }
    .normalized();
    let flag = company.validate().err().map(|_| FLAG_INCOMPLETE);
    (Buyer::Company(Box::new(company)), flag)
}

/// The text of the order meta named `what` («inn», «kpp»): by key, with or without the
/// `billing_` prefix and the leading underscore of hidden meta, or by its Russian label.
fn meta(entries: &[Meta], what: &str) -> Option<String> {
    let label = match what {
        "inn" => "инн",
        _ => "кпп",
    };
    entries.iter().find_map(|m| {
        let key = m.key.trim().trim_start_matches('_').to_lowercase();
        let key = key.strip_prefix("billing_").unwrap_or(&key);
        let shown = m.display_key.trim().to_lowercase();
        (key == what || shown == label)
            .then(|| m.text().map(str::to_owned))
            .flatten()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order(company: &str, meta: &[(&str, &str)]) -> WooOrder {
        let meta = meta
            .iter()
            .map(|(k, v)| serde_json::json!({"id": 1, "key": k, "value": v}))
            .collect::<Vec<_>>();
        serde_json::from_value(serde_json::json!({
            "id": 7, "status": "processing",
            "billing": {"company": company},
            "meta_data": meta,
        }))
        .expect("a valid order")
    }

    #[test]
    fn a_company_with_requisites_in_the_meta_is_a_checked_company_buyer() {
        let woo = order(
            "ПАО Сбербанк",
            &[
                ("_billing_inn", "7707 083 893"),
                ("billing_kpp", "773601001"),
            ],
        );
        let (buyer, flag) = buyer(&woo, "Москва, ул. Вавилова, 19".to_owned());
        let company = buyer.company().expect("a company");
        assert_eq!(company.inn, "7707083893");
        assert_eq!(company.kpp, "773601001");
        assert_eq!(company.address, "Москва, ул. Вавилова, 19");
        assert_eq!(flag, None);
    }

    #[test]
    fn a_company_named_without_an_inn_is_kept_and_flagged() {
        let (buyer, flag) = buyer(&order("АО «Северный завод»", &[]), "Москва".to_owned());
        assert_eq!(
            buyer.company().map(|c| c.name.as_str()),
            Some("АО «Северный завод»")
        );
        assert_eq!(flag, Some(FLAG_INCOMPLETE));
    }

    #[test]
    fn an_inn_with_a_typo_is_flagged_not_dropped() {
        let woo = order("ООО «Ромашка»", &[("ИНН-поле", "7707083894")]);
        let mut woo = woo;
        woo.meta_data[0].display_key = "ИНН".to_owned();
        let (buyer, flag) = buyer(&woo, "Москва".to_owned());
        assert_eq!(buyer.company().map(|c| c.inn.as_str()), Some("7707083894"));
        assert_eq!(flag, Some(FLAG_INCOMPLETE));
    }

    #[test]
    fn no_company_is_a_private_person() {
        assert_eq!(
            buyer(&order("  ", &[]), String::new()),
            (Buyer::Person, None)
        );
    }
}
