//! The товарная накладная as a ТОРГ-12-like paper, read back with pdftotext: unit codes by
//! ОКЕИ, amounts without VAT, the rate and the VAT, services apart from the goods with the
//! totals still the order's, who handed the goods over, and a company buyer's requisites.
mod common;

use common::{order, out_dir, pdf_text, shop, write};
use docs::{DocLine, DocOrder, Party, Signer, VatRate};

fn priced(name: &str, unit: &str, quantity_milli: i64, price: i64, vat: VatRate) -> DocLine {
    DocLine {
        sku: format!("SKU-{}", name.len()),
        name: name.into(),
        unit: unit.into(),
        quantity_milli,
        price_kopecks: price,
        amount_kopecks: price * quantity_milli / 1000,
        vat,
        ..DocLine::default()
    }
}

fn delivery(amount: i64) -> DocLine {
    DocLine {
        name: "Доставка (курьер)".into(),
        unit: "усл.".into(),
        quantity_milli: 1000,
        price_kopecks: amount,
        amount_kopecks: amount,
        vat: VatRate::Percent(22),
        service: true,
        ..DocLine::default()
    }
}

/// Goods in four of the catalogue's units and a delivery.
fn mixed_order() -> DocOrder {
    let mut o = order(0);
    o.lines = vec![
        priced(
            "Чайник электрический",
            "шт",
            1000,
            129_900,
            VatRate::Percent(22),
        ),
        priced("Сахар-песок", "кг", 2500, 8_900, VatRate::Percent(10)),
        priced(
            "Набор кастрюль",
            "компл",
            1000,
            459_000,
            VatRate::Percent(22),
        ),
        priced(
            "Кабель ВВГнг 3x2,5",
            "м",
            12_000,
            11_500,
            VatRate::Percent(22),
        ),
        delivery(59_900),
    ];
    o
}

/// The line of the text that holds `needle`.
fn line_with<'a>(text: &'a str, needle: &str) -> &'a str {
    text.lines()
        .find(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no line with «{needle}» in:\n{text}"))
}

fn render(o: &DocOrder, released_by: Option<&Signer>, name: &str) -> String {
    let (dir, _guard) = out_dir();
    let pdf = docs::delivery_note::delivery_note(&shop(), o, released_by).expect("render note");
    pdf_text(&write(&dir, name, &pdf))
}

#[test]
fn goods_lines_carry_the_okei_code_amounts_without_vat_the_rate_and_the_vat() {
    let text = render(&mixed_order(), None, "torg12-columns.pdf");
    for header in [
        "Ед.",
        "ОКЕИ",
        "Цена без",
        "Сумма без НДС,",
        "Ставка",
        "Сумма НДС, руб.",
        "Сумма с НДС, руб.",
    ] {
        assert!(text.contains(header), "no «{header}» column:\n{text}");
    }
    // 1 299,00 at 22%: VAT 234,25 taken out of the amount, 1 064,75 without it.
    let kettle = line_with(&text, "Чайник электрический");
    for cell in ["шт", "796", "1 064,75", "22%", "234,25", "1 299,00"] {
        assert!(kettle.contains(cell), "«{cell}» missing in «{kettle}»");
    }
    // 2,5 кг × 89,00 = 222,50 at 10%: VAT 20,23, 202,27 without it, 80,91 a kilogram.
    let sugar = line_with(&text, "Сахар-песок");
    for cell in [
        "кг", "166", "2,5", "80,91", "202,27", "10%", "20,23", "222,50",
    ] {
        assert!(sugar.contains(cell), "«{cell}» missing in «{sugar}»");
    }
    assert!(line_with(&text, "Набор кастрюль").contains("839"));
    assert!(line_with(&text, "Кабель ВВГнг").contains("006"));
    // The goods' «Итого»: without VAT, the VAT, with VAT, each the sum of its column.
    let total = line_with(&text, "Итого  ");
    for cell in ["6 160,47", "1 331,03", "7 491,50"] {
        assert!(total.contains(cell), "«{cell}» missing in «{total}»");
    }
}

#[test]
fn services_stand_apart_from_the_goods_and_the_totals_are_the_orders() {
    let o = mixed_order();
    assert_eq!(o.total_kopecks(), 809_050);
    let text = render(&o, None, "torg12-services.pdf");
    let pos = |s: &str| {
        text.find(s)
            .unwrap_or_else(|| panic!("no «{s}» in:\n{text}"))
    };
    // Delivery is listed under its own heading, after the goods' total, never among them.
    assert!(pos("Итого  ") < pos("Услуги"), "{text}");
    assert!(pos("Услуги") < pos("Доставка (курьер)"), "{text}");
    assert!(
        !line_with(&text, "Доставка (курьер)").contains("796"),
        "a service has no unit code"
    );
    // Goods 7 491,50 and services 599,00 add up to the order's 8 090,50.
    assert!(
        line_with(&text, "Итого товаров:").contains("7 491,50"),
        "{text}"
    );
    assert!(
        line_with(&text, "Итого услуг:").contains("599,00"),
        "{text}"
    );
    assert!(
        line_with(&text, "Всего по накладной:").contains("8 090,50"),
        "{text}"
    );
    assert!(text.contains("Отпущено наименований товаров: 4, на сумму 7 491,50 руб."));
    assert!(text.contains("Услуг: 1, на сумму 599,00 руб."), "{text}");
    assert!(
        text.contains("Восемь тысяч девяносто рублей 50 копеек"),
        "{text}"
    );
    // The VAT of the whole paper still counts the delivery's 108,02 at 22%.
    assert!(
        line_with(&text, "В том числе НДС (22%):").contains("1 418,82"),
        "{text}"
    );

    // Without services there is no services table and no split of the totals.
    let mut goods_only = mixed_order();
    goods_only.lines.pop();
    let text = render(&goods_only, None, "torg12-goods-only.pdf");
    assert!(
        !text.contains("Услуги") && !text.contains("Итого товаров"),
        "{text}"
    );
    assert!(line_with(&text, "Всего по накладной:").contains("7 491,50"));
}

#[test]
fn the_storekeeper_who_hands_the_goods_over_signs_for_it_and_the_head_allows_it() {
    let storekeeper = Signer {
        position: "Кладовщик".into(),
        name: "Сидорова М. П.".into(),
    };
    let text = render(&order(2), Some(&storekeeper), "torg12-storekeeper.pdf");
    let released = line_with(&text, "Отпуск груза произвёл");
    assert!(
        released.contains("Кладовщик") && released.contains("Сидорова М. П."),
        "{text}"
    );
    assert!(
        !released.contains("Иванов"),
        "the head does not hand over: {text}"
    );
    let allowed = line_with(&text, "Отпуск груза разрешил");
    assert!(
        allowed.contains("Руководитель") && allowed.contains("Иванов И. И."),
        "{text}"
    );

    // Nobody else known: the head hands over himself, and signs once.
    let text = render(&order(2), None, "torg12-head.pdf");
    let released = line_with(&text, "Отпуск груза произвёл");
    assert!(
        released.contains("Руководитель") && released.contains("Иванов И. И."),
        "{text}"
    );
    assert!(!text.contains("Отпуск груза разрешил"), "{text}");
}

#[test]
fn a_company_buyers_inn_kpp_and_bank_are_on_the_note() {
    let mut o = order(2);
    o.buyer = Party {
        name: "АО «Транссибирская Логистическая Корпорация»".into(),
        inn: "7736050003".into(),
        kpp: "772801001".into(),
        address: "119991, г. Москва, ул. Вавилова, д. 19".into(),
        bank_name: "АО «АЛЬФА-БАНК»".into(),
        bic: "044525593".into(),
        settlement_account: "40702810801300012345".into(),
        corr_account: "30101810200000000593".into(),
        ..Party::default()
    };
    let text = render(&o, None, "torg12-company.pdf");
    let buyer = &text
        [text.find("Покупатель,").expect("buyer")..text.find("Адрес доставки").expect("address")];
    for requisite in [
        "АО «Транссибирская Логистическая Корпорация»",
        "ИНН 7736050003",
        "КПП 772801001",
        "119991, г. Москва",
        "р/с 40702810801300012345",
        "БИК 044525593",
    ] {
        assert!(
            buyer.contains(requisite),
            "«{requisite}» missing in:\n{buyer}"
        );
    }
}
