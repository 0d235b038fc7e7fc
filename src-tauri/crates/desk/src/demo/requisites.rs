//! The demo shop's requisites: an invented company whose numbers pass every check the
//! settings form makes (ИНН and ОГРН check digits, account keys against the БИК), at a real
//! bank's БИК and correspondent account so the payment QR reads as a plausible one.

pub(crate) fn requisites() -> store::Requisites {
    store::Requisites {
        name: "ООО «Дом и Техника»".into(),
        inn: "7728413599".into(),
        kpp: "772801001".into(),
        ogrn: "1167746543216".into(),
        address: "117342, г. Москва, ул. Бутлерова, д. 17, офис 305".into(),
        phone: "+7 495 120-45-67".into(),
        bank_name: "ПАО СБЕРБАНК г. Москва".into(),
        bank_name_qr: String::new(),
        bic: "044525225".into(),
        settlement_account: "40702810438000045621".into(),
        corr_account: "30101810400000000225".into(),
        director: "Соколов А. В.".into(),
        accountant: "Морозова Е. Н.".into(),
    }
}
