mod common;

use common::{order, out_dir, pdf_text, png_pages, shop, write, zbar};

fn check_receipt(shop: docs::Requisites, file: &str, expected_payload: &str) {
    let (dir, _guard) = out_dir();
    let o = order(3);
    let payload = docs::pd4::payment_payload(&shop, &o).expect("valid payment");
    assert_eq!(payload, expected_payload);
    let pdf = docs::pd4::pd4(&shop, &o).expect("render ПД-4");
    let path = write(&dir, file, &pdf);

    let text = pdf_text(&path);
    for expected in [
        "Извещение",
        "Квитанция",
        "Кассир",
        "Форма № ПД-4",
        "(наименование получателя платежа)",
        "БИК",
        "Номер кор./сч. банка получателя платежа",
        "Оплата заказа № 2026-0412 от 20.11.2026",
        "Ф.И.О. плательщика:",
        "ООО «Ромашка»",
        "Адрес плательщика:",
        "820 руб. 70 коп.",
        "ознакомлен и согласен",
        "Подпись плательщика",
    ] {
        assert!(text.contains(expected), "missing «{expected}» in:\n{text}");
    }

    let pngs = png_pages(&path, 200);
    assert_eq!(pngs.len(), 1);
    assert_eq!(zbar(&pngs[0]).trim_end_matches('\n'), expected_payload);
}

#[test]
fn receipt_qr_decodes_to_the_exact_payload() {
    check_receipt(
        shop(),
        "pd4.pdf",
        "ST00012|Name=ООО «Три кита»|PersonalAcc=40702810138250123017\
         |BankName=ПАО СБЕРБАНК г. Москва|BIC=044525225|CorrespAcc=30101810400000000225\
         |KPP=773601001|PayeeINN=7707083893|Purpose=Оплата заказа № 2026-0412 от 20.11.2026\
         |Sum=82070",
    );
}

#[test]
fn payee_name_with_pipe_switches_the_qr_separator() {
    let mut shop = shop();
    shop.name = "ИП Петров П. П. | Сад и огород".into();
    shop.inn = "500100732259".into();
    shop.kpp.clear();
    check_receipt(
        shop,
        "pd4-pipe.pdf",
        "ST00012#Name=ИП Петров П. П. | Сад и огород#PersonalAcc=40702810138250123017\
         #BankName=ПАО СБЕРБАНК г. Москва#BIC=044525225#CorrespAcc=30101810400000000225\
         #PayeeINN=500100732259#Purpose=Оплата заказа № 2026-0412 от 20.11.2026#Sum=82070",
    );
}
