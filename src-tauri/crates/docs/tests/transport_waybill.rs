//! The transport waybill read back with pdftotext: the form's citation and every section
//! caption, the buyer's requisites, an invoice cited only once issued, and no invented
//! figures where the desk knows none (weight, places).
mod common;

use common::{order, out_dir, pdf_pages, pdf_text, write};
use docs::transport_waybill::{choose, transport_waybill, Carriage};
use docs::Party;
use jiff::civil::date;

/// pdftotext -layout may set a long caption over two lines and pad words apart: compare
/// word sequences.
fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn assert_has(text: &str, expected: &str) {
    assert!(
        words(text).contains(&words(expected)),
        "missing «{expected}» in:\n{text}"
    );
}

fn own_courier(shop: &docs::Requisites) -> Carriage {
    Carriage {
        number: "2026-0412".into(),
        date: Some(date(2026, 8, 24)),
        carrier: Party {
            name: shop.name.clone(),
            inn: shop.inn.clone(),
            kpp: shop.kpp.clone(),
            address: shop.address.clone(),
            ..Party::default()
        },
        pickup_address: shop.address.clone(),
        ..Carriage::default()
    }
}

fn company_order() -> docs::DocOrder {
    let mut o = order(3);
    o.buyer = Party {
        name: "ООО «Ромашка»".into(),
        inn: "7736050003".into(),
        kpp: "772801001".into(),
        address: "141400, Московская обл., г. Химки, ул. Ленина, д. 5, офис 12".into(),
        ..Party::default()
    };
    o
}

#[test]
fn waybill_is_the_2200_form_with_every_section_caption() {
    let (dir, _guard) = out_dir();
    let shop = common::shop();
    let pdf = transport_waybill(&shop, &company_order(), &own_courier(&shop)).expect("render");
    let pages = pdf_pages(&write(&dir, "transport-waybill.pdf", &pdf));
    let text = pages.join("\n");
    for caption in [
        "Приложение № 4",
        "к Правилам перевозок грузов автомобильным транспортом,",
        "утверждённым постановлением Правительства Российской Федерации",
        "от 21 декабря 2020 г. № 2200",
        "от 30 ноября 2021 г. № 2116)",
        "ТРАНСПОРТНАЯ НАКЛАДНАЯ",
        "Заказ (заявка)",
        "1. Грузоотправитель",
        "является экспедитором",
        "1а. Заказчик услуг по организации перевозки груза (при наличии)",
        "2. Грузополучатель",
        "3. Груз",
        "4. Сопроводительные документы на груз (при наличии)",
        "5. Указания грузоотправителя по особым условиям перевозки",
        "6. Перевозчик",
        "7. Транспортное средство",
        "8. Прием груза",
        "9. Переадресовка (при наличии)",
        "10. Выдача груза",
        "11. Отметки грузоотправителей, грузополучателей, перевозчиков (при необходимости)",
        "12. Стоимость перевозки груза (установленная плата) в рублях (при необходимости)",
        // Sub-fields of the sections the old paper shortened (8, 10, 11).
        "(фактические дата и время прибытия под погрузку)",
        "(подпись, расшифровка подписи водителя, принявшего груз для перевозки)",
        "(фактическое состояние груза, тары, упаковки, маркировки, опломбирования)",
        "(должность, подпись, расшифровка подписи грузополучателя",
        "(расчет и размер штрафа)",
        "(подпись, дата)",
    ] {
        assert_has(&text, caption);
    }
    assert!(!text.contains("к постановлению № 2200"), "{text}");
    // Every page says which paper it belongs to.
    assert!(pages.len() >= 2, "{} pages", pages.len());
    for (i, page) in pages.iter().enumerate() {
        assert_has(
            page,
            &format!(
                "Транспортная накладная № 2026-0412 от 24.08.2026 — Страница {} из {}",
                i + 1,
                pages.len()
            ),
        );
    }
}

#[test]
fn waybill_names_the_company_buyer_and_the_shop_as_carrier_and_loading_place() {
    let (dir, _guard) = out_dir();
    let shop = common::shop();
    let pdf = transport_waybill(&shop, &company_order(), &own_courier(&shop)).expect("render");
    let text = pdf_text(&write(&dir, "transport-waybill-company.pdf", &pdf));
    assert_has(&text, "ООО «Ромашка», ИНН 7736050003, КПП 772801001");
    assert_has(&text, "ООО «Три кита», ИНН 7707083893, КПП 773601001");
    assert_has(&text, "ОГРН 1027700132195");
    // The shop's address as the loading place, the delivery address as the unloading one.
    assert!(
        words(&text)
            .matches("117997, г. Москва, ул. Вавилова, д. 19")
            .count()
            >= 3,
        "shipper, carrier and loading place:\n{text}"
    );
    assert_has(
        &text,
        "г. Химки, ул. Ленина, д. 5, кв. 12, подъезд 2, этаж 4",
    );
    assert_has(&text, "Доставка 23.11 10:00–14:00");
}

#[test]
fn unknown_weight_and_places_are_left_blank_never_zero_or_one() {
    let (dir, _guard) = out_dir();
    let shop = common::shop();
    let pdf = transport_waybill(&shop, &order(2), &own_courier(&shop)).expect("render");
    let text = pdf_text(&write(&dir, "transport-waybill-blank.pdf", &pdf));
    assert!(!text.contains("0 кг"), "{text}");
    assert!(!text.contains(" кг"), "no weight is known:\n{text}");
    assert!(!text.contains("Грузовых мест: 1"), "{text}");
    let w: Vec<&str> = text.split_whitespace().collect();
    assert!(
        !w.windows(2)
            .any(|p| p[0].chars().all(|c| c.is_ascii_digit()) && p[1].starts_with("грузов")),
        "no places are known:\n{text}"
    );
    // Blanks are ruled lines, not dashes: the only dash is the page footer's.
    let w = words(&text);
    assert_eq!(
        w.matches(" — ").count(),
        w.matches(" — Страница").count(),
        "{text}"
    );

    let known = Carriage {
        places: Some(3),
        gross_weight_grams: Some(12_500),
        ..own_courier(&shop)
    };
    let pdf = transport_waybill(&shop, &order(2), &known).expect("render");
    let text = pdf_text(&write(&dir, "transport-waybill-known.pdf", &pdf));
    assert_has(&text, "3 грузовых места");
    assert_has(&text, "масса брутто 12,5 кг");
    assert_has(&text, "12,5 кг, расчетная масса груза");
}

/// The cargo named in section 3 counts goods only: the order's delivery line is a service the
/// carrier performs, not an item it carries (it read «3 наименования» for two goods and the
/// delivery).
#[test]
fn the_waybills_cargo_counts_goods_not_the_delivery_line() {
    let (dir, _guard) = out_dir();
    let shop = common::shop();
    let mut o = order(2);
    o.lines.push(docs::DocLine {
        sku: String::new(),
        name: "Доставка курьером".into(),
        unit: "усл".into(),
        quantity_milli: 1000,
        price_kopecks: 35_000,
        amount_kopecks: 35_000,
        vat: docs::VatRate::Percent(22),
        storage_location: String::new(),
        service: true,
    });
    let pdf = transport_waybill(&shop, &o, &own_courier(&shop)).expect("render");
    let text = pdf_text(&write(&dir, "transport-waybill-cargo.pdf", &pdf));
    assert_has(
        &text,
        "Товары по заказу № 2026-0412 от 20.11.2026: 2 наименования",
    );
    assert!(!words(&text).contains("3 наименования"), "{text}");
}

#[test]
fn waybill_cites_only_papers_that_exist_and_never_the_order_as_an_invoice() {
    let (dir, _guard) = out_dir();
    let shop = common::shop();
    let mut o = order(2);
    let pdf = transport_waybill(&shop, &o, &own_courier(&shop)).expect("render");
    let text = pdf_text(&write(&dir, "transport-waybill-no-invoice.pdf", &pdf));
    assert!(
        !text.to_lowercase().contains("счёт"),
        "no invoice was issued:\n{text}"
    );
    assert!(
        !text.contains("Товарная накладная №"),
        "none was made:\n{text}"
    );

    o.invoice = Some(("А-2026-0007".into(), date(2026, 11, 21)));
    let pdf = transport_waybill(&shop, &o, &own_courier(&shop)).expect("render");
    let text = pdf_text(&write(&dir, "transport-waybill-invoice-only.pdf", &pdf));
    assert_has(&text, "счёт на оплату № А-2026-0007 от 21.11.2026");

    let with_note = Carriage {
        delivery_note: Some(("2026-0412".into(), date(2026, 11, 22))),
        ..own_courier(&shop)
    };
    let pdf = transport_waybill(&shop, &o, &with_note).expect("render");
    let text = pdf_text(&write(&dir, "transport-waybill-invoice.pdf", &pdf));
    assert_has(
        &text,
        "Товарная накладная № 2026-0412 от 22.11.2026; счёт на оплату № А-2026-0007 от 21.11.2026",
    );
    assert!(!text.contains("счёт на оплату № 2026-0412"), "{text}");
}

#[test]
fn a_paper_dated_after_the_rules_end_prints_the_last_known_form_and_warns() {
    let (dir, _guard) = out_dir();
    let shop = common::shop();
    let late = Carriage {
        date: Some(date(2026, 12, 2)),
        ..own_courier(&shop)
    };
    let pdf = transport_waybill(&shop, &order(1), &late).expect("render");
    let text = pdf_text(&write(&dir, "transport-waybill-late.pdf", &pdf));
    assert_has(&text, "от 21 декабря 2020 г. № 2200");
    let choice = choose(date(2026, 12, 2));
    let warning = choice.warning.expect("the Rules' term ended on 01.09.2026");
    assert_eq!(warning.code(), "waybill_form_expired");
    assert!(warning.to_string().contains("01.09.2026"), "{warning}");
    assert_eq!(choose(date(2026, 8, 24)).warning, None);
}
