mod common;

use common::{order, out_dir, pdf_pages, pdf_text, shop, write};
use docs::VatRate;

#[test]
fn invoice_shows_bank_block_parties_lines_totals_and_words() {
    let (dir, _guard) = out_dir();
    let mut o = order(3);
    o.basis = "Договор № 5 от 01.02.2026".into();
    let pdf = docs::invoice::invoice(&shop(), &o).expect("render invoice");
    let text = pdf_text(&write(&dir, "invoice.pdf", &pdf));
    for expected in [
        "Банк получателя",
        "ПАО СБЕРБАНК г. Москва",
        "БИК",
        "044525225",
        "30101810400000000225",
        "40702810138250123017",
        "ИНН 7707083893",
        "КПП 773601001",
        "Получатель",
        "Счёт на оплату № 2026-0412 от 22 ноября 2026 г.",
        "Поставщик",
        "Покупатель",
        "ООО «Ромашка», ИНН 500100732259",
        "Основание:",
        "Договор № 5 от 01.02.2026",
        "Товары (работы, услуги)",
        "TK-0001",
        "кружка керамическая",
        "123,45",
        "Итого:",
        "В том числе НДС (22%):",
        "Всего к оплате:",
        "Всего наименований 3, на сумму",
        "Руководитель",
        "Бухгалтер",
        "/Петрова А. С./",
    ] {
        assert!(text.contains(expected), "missing «{expected}» in:\n{text}");
    }
    // 123,45×1 + 133,45×2 + 143,45×3 = 820,70; VAT 22/122 of it = 147,995 → 148,00.
    assert_eq!(o.total_kopecks(), 82_070);
    assert!(text.contains("820,70"));
    assert!(text.contains("148,00"));
    assert!(text.contains("Восемьсот двадцать рублей 70 копеек"));
    assert!(
        !text.contains("A-10-1-01"),
        "storage locations stay off customer papers"
    );
}

#[test]
fn vat_exempt_invoice_says_without_tax() {
    let (dir, _guard) = out_dir();
    let mut o = order(2);
    o.vat = VatRate::Exempt;
    let pdf = docs::invoice::invoice(&shop(), &o).expect("render invoice");
    let text = pdf_text(&write(&dir, "invoice-exempt.pdf", &pdf));
    assert!(text.contains("Без налога (НДС)"));
    assert!(!text.contains("В том числе НДС"));
}

#[test]
fn invoice_of_120_lines_repeats_the_header_and_totals_once() {
    let (dir, _guard) = out_dir();
    let o = order(120);
    let pdf = docs::invoice::invoice(&shop(), &o).expect("render invoice");
    let pages = pdf_pages(&write(&dir, "invoice-120.pdf", &pdf));
    assert!(
        pages.len() >= 3,
        "120 lines need several pages, got {}",
        pages.len()
    );
    for (n, page) in pages.iter().enumerate() {
        assert!(
            page.contains("Товары (работы, услуги)"),
            "no header on page {}",
            n + 1
        );
        assert!(page.contains(&format!("страница {} из {}", n + 1, pages.len())));
    }
    let all = pages.join("\n");
    assert_eq!(all.matches("Всего к оплате:").count(), 1);
    assert!(pages[pages.len() - 1].contains("Всего к оплате:"));
    assert!(all.contains("Всего наименований 120, на сумму"));
    for n in [1, 60, 120] {
        assert!(all.contains(&format!("TK-{n:04}")), "line {n} missing");
    }
    assert!(all.contains(&docs::money::format_rubles(o.total_kopecks()).replace('\u{a0}', " ")));
}
