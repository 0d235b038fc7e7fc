//! «Получить сертификат сайта»: the words of the fetched certificate's panel in the
//! connection forms (issue 13, point 7).

use super::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cert {
    Fetch,
    Fetching,
    IssuedTo,
    IssuedBy,
    SelfSigned,
    Valid,
    From,
    To,
    OutOfDate,
    Compare,
    Pin,
    Pinned,
}

pub fn word(lang: Lang, key: Cert) -> &'static str {
    use Cert::*;
    let (ru, en) = match key {
        Fetch => ("Получить сертификат сайта", "Fetch the site's certificate"),
        Fetching => ("Подключаемся к сайту…", "Connecting to the site…"),
        IssuedTo => ("Кому выдан", "Issued to"),
        IssuedBy => ("Кем выдан", "Issued by"),
        SelfSigned => ("самоподписанный", "self-signed"),
        Valid => ("Действует", "Valid"),
        From => ("с", "from"),
        To => ("по", "to"),
        OutOfDate => ("сейчас не действует", "not valid now"),
        Compare => (
            "Сверьте отпечаток SHA-256 с тем, что сообщил администратор сайта или показывает браузер на странице сайта. Закрепляйте, только если они совпадают.",
            "Compare the SHA-256 fingerprint with the one the site's administrator gave you or your browser shows on the site. Pin it only if they match.",
        ),
        Pin => ("Отпечатки совпадают — закрепить", "They match — pin it"),
        Pinned => (
            "Сертификат закреплён в форме и будет сохранён с подключением.",
            "The certificate is pinned in the form and is saved with the connection.",
        ),
    };
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}
