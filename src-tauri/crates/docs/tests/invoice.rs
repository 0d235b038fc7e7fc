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
    // 123,45×1 + 133,45×2 + 143,45×3 = 820,70. VAT is taken per line, as the order card
    // does: 22,26 + 48,13 + 77,60 = 147,99 (22/122 of the total would round to 148,00).
    assert_eq!(o.total_kopecks(), 82_070);
    assert!(text.contains("820,70"));
    assert!(text.contains("147,99"));
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
    for line in &mut o.lines {
        line.vat = VatRate::Exempt;
    }
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
        assert!(page.contains(&format!("Страница {} из {}", n + 1, pages.len())));
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

/// Kopecks of the first amount («1 234,56») at the start of `text`.
fn kopecks(text: &str) -> i64 {
    let amount: String = text
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ' ' || *c == ',')
        .filter(|c| c.is_ascii_digit())
        .collect();
    amount.parse().expect("an amount")
}

/// The VAT of every table row at `rate` («22%»), read from the rate cell onwards.
fn row_vat(text: &str, rate: &str) -> Vec<i64> {
    text.lines()
        .filter_map(|l| l.split_once(&format!(" {rate} ")))
        .map(|(_, rest)| {
            kopecks(
                rest.split("   ")
                    .find(|c| !c.trim().is_empty())
                    .unwrap_or(""),
            )
        })
        .collect()
}

/// The amount printed after a totals label.
fn total_after(text: &str, label: &str) -> i64 {
    let line = text
        .lines()
        .find(|l| l.contains(label))
        .unwrap_or_else(|| panic!("no «{label}» in:\n{text}"));
    let rest = &line[line.find(label).expect("label") + label.len()..];
    kopecks(rest)
}

fn priced(name: &str, quantity: i64, price: i64, vat: VatRate) -> docs::DocLine {
    docs::DocLine {
        sku: String::new(),
        name: name.into(),
        unit: "шт".into(),
        quantity_milli: quantity * 1000,
        price_kopecks: price,
        amount_kopecks: quantity * price,
        vat,
        storage_location: String::new(),
        service: false,
    }
}

#[test]
fn mixed_vat_rates_get_a_vat_column_and_a_total_per_rate() {
    let (dir, _guard) = out_dir();
    let mut o = order(0);
    o.lines = vec![
        priced("Чайник электрический", 1, 129_900, VatRate::Percent(22)),
        priced("Книга детская «Сказки»", 2, 22_525, VatRate::Percent(10)),
        priced("Пакет подарочный", 1, 4_990, VatRate::Percent(22)),
        priced("Детское питание, пюре", 1, 18_990, VatRate::Percent(10)),
        priced("Маска медицинская, 50 шт.", 1, 35_000, VatRate::Exempt),
        priced("Доставка (курьер)", 1, 59_900, VatRate::Percent(22)),
    ];
    for (name, pdf) in [
        ("invoice", docs::invoice::invoice(&shop(), &o)),
        (
            "note",
            docs::delivery_note::delivery_note(&shop(), &o, None),
        ),
    ] {
        let pdf = pdf.expect("render");
        let text = pdf_text(&write(&dir, &format!("mixed-vat-{name}.pdf"), &pdf));
        assert!(
            text.contains("Ставка") && text.contains("Сумма НДС"),
            "{text}"
        );
        // Per line, rounded once: 1 299,00 → 234,25; 49,90 → 9,00; 599,00 → 108,02.
        let at22 = row_vat(&text, "22%");
        assert_eq!(at22, [23_425, 900, 10_802], "{name}:\n{text}");
        // 450,50 → 40,95; 189,90 → 17,26.
        let at10 = row_vat(&text, "10%");
        assert_eq!(at10, [4_095, 1_726], "{name}:\n{text}");
        // Each rate's total is the sum of its column, to the kopeck (22/122 of the 22% lines'
        // 1 947,90 would be 351,26; the paper must agree with its own lines: 351,27).
        assert_eq!(total_after(&text, "В том числе НДС (22%):"), 35_127);
        assert_eq!(total_after(&text, "В том числе НДС (10%):"), 5_821);
        assert_eq!(at22.iter().sum::<i64>(), 35_127);
        assert_eq!(at10.iter().sum::<i64>(), 5_821);
        assert!(text.contains("Без НДС"), "the exempt line says so: {text}");
        assert!(text.contains("Без налога (НДС)"), "{text}");
        // The higher rate is listed first, the exempt part last.
        let pos = |s: &str| text.find(s).expect(s);
        assert!(pos("НДС (22%):") < pos("НДС (10%):"));
        assert!(pos("НДС (10%):") < pos("Без налога (НДС)"));
        assert_eq!(o.total_kopecks(), 293_830);
        assert!(text.contains("2 938,30"), "{text}");
        assert!(text.contains("Две тысячи девятьсот тридцать восемь рублей 30 копеек"));
    }
}

#[test]
fn one_rate_keeps_the_familiar_table_without_vat_columns() {
    let (dir, _guard) = out_dir();
    let pdf = docs::invoice::invoice(&shop(), &order(3)).expect("render");
    let text = pdf_text(&write(&dir, "single-rate.pdf", &pdf));
    assert!(
        !text.contains("Ставка") && !text.contains("Сумма НДС"),
        "{text}"
    );
    assert_eq!(text.matches("В том числе НДС").count(), 1);
}

/// Characters outside the core faces (here «€», Polish «Ł», Ukrainian «ґ») take the full
/// faces, subset to the document, and still read back.
#[test]
fn text_beyond_the_core_characters_still_prints() {
    let (dir, _guard) = out_dir();
    let mut o = order(2);
    o.lines[0].name = "Кофе «Łódź», ґудзик, цена в €".into();
    let pdf = docs::invoice::invoice(&shop(), &o).expect("render");
    let text = pdf_text(&write(&dir, "beyond-core.pdf", &pdf));
    assert!(text.contains("Кофе «Łódź», ґудзик, цена в €"), "{text}");
    assert!(text.contains("Счёт на оплату № 2026-0412"), "{text}");
}
