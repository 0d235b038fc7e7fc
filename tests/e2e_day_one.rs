//! A shop's first day in the real window (issue 14, the first «What must hold»): an installed
//! desk on an empty data dir, no demo. The owner sets the shop up through the first-run
//! screens (its name, its own requisites, the pickup stages, herself as administrator),
//! imports 200 products from an XLSX price list typed as a shop types one, adds a manager and
//! a picker; the manager signs in, takes a phone order for a new customer and saves its
//! invoice as a PDF that carries the shop's own name and ИНН and the order's number. Nothing
//! of the demo shop shows anywhere. Restarted, the lock asks the manager's PIN, and the new
//! customer's card lists the order.
//!
//! Screenshots at 1366×768 and 1920×1080 go to `ORDERDESK_SCREENSHOTS` (`day-one-*.png`).

mod window;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use window::{Desk, Harness};

#[tokio::test]
#[ignore = "needs the built desk, tauri-driver and a display: run `cargo xtask test`"]
async fn a_new_shop_sets_up_imports_staffs_and_takes_its_first_order() {
    tokio::time::timeout(Duration::from_secs(300), story())
        .await
        .expect("the day-one story finished within 5 minutes");
}

const SHOP: &str = "Самоварный двор";
const INN: &str = "7715348261";
/// Valid requisites (check digits, the account's key against the БИК) of an invented
/// company other than the demo's: its ИНН, ОГРН, account and people are its own.
const REQUISITES: [(&str, &str); 12] = [
    ("#req-name", "ООО «Самоварный двор»"),
    ("#req-inn", INN),
    ("#req-kpp", "771501001"),
    ("#req-ogrn", "1217700418528"),
    (
        "#req-address",
        "129226, г. Москва, ул. Сельскохозяйственная, д. 4",
    ),
    ("#req-phone", "+7 495 781-22-33"),
    ("#req-bank", "ПАО СБЕРБАНК г. Москва"),
    ("#req-bic", "044525225"),
    ("#req-account", "40702810538000117734"),
    ("#req-corr", "30101810400000000225"),
    ("#req-director", "Белова О. А."),
    ("#req-accountant", "Белова О. А."),
];
const PRODUCTS: usize = 200;
/// What only the demo shop has: its top-bar name and its company's name and director.
const DEMO_MARKS: [&str; 3] = ["Демо-магазин", "Дом и Техника", "Соколов"];

/// A price list as a shop keeps one in Excel: Russian headers, 200 goods, SKUs `СД-0001`….
fn price_list() -> Vec<u8> {
    const GOODS: [&str; 10] = [
        "Самовар электрический",
        "Чайник заварочный",
        "Пиала фарфоровая",
        "Сушки ванильные",
        "Чай чёрный листовой",
        "Варенье малиновое",
        "Поднос расписной",
        "Подстаканник мельхиоровый",
        "Пряник тульский",
        "Сахар кусковой",
    ];
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, header) in ["Наименование", "Артикул", "Цена", "Остаток"]
        .into_iter()
        .enumerate()
    {
        let col = u16::try_from(col).expect("four columns");
        sheet.write_string(0, col, header).expect("a header");
    }
    for i in 1..=PRODUCTS {
        let row = u32::try_from(i).expect("200 rows");
        let name = format!("{} № {i}", GOODS[i % GOODS.len()]);
        sheet.write_string(row, 0, name).expect("a name");
        sheet
            .write_string(row, 1, format!("СД-{i:04}"))
            .expect("an SKU");
        sheet
            .write_number(row, 2, 150.0 + i as f64 * 10.5)
            .expect("a price");
        sheet
            .write_number(row, 3, (i % 30 + 1) as f64)
            .expect("a stock");
    }
    book.save_to_buffer().expect("the XLSX in memory")
}

/// The window's whole text holds nothing of the demo shop.
async fn no_demo_in_window(desk: &Desk, when: &str) {
    let shown = desk.eval("return document.body.innerText").await;
    let shown = shown.as_str().unwrap_or_default();
    for mark in DEMO_MARKS {
        assert!(!shown.contains(mark), "{when}: the window shows «{mark}»");
    }
}

/// The text of the one PDF in the papers folder, its whitespace folded to single spaces.
fn pdf_text(papers: &Path) -> String {
    let pdfs: Vec<_> = std::fs::read_dir(papers)
        .expect("the papers folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    assert_eq!(pdfs.len(), 1, "one PDF saved: {pdfs:?}");
    let out = Command::new("pdftotext")
        .arg(&pdfs[0])
        .arg("-")
        .output()
        .expect("pdftotext (package poppler-utils) runs");
    assert!(out.status.success(), "pdftotext read {}", pdfs[0].display());
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

async fn story() {
    let harness = Harness::start().expect("end-to-end prerequisites");
    let data = tempfile::tempdir().expect("temp data dir");
    let files = tempfile::tempdir().expect("a folder for the price list");
    let price_list_path = files.path().join("Прайс Самоварный двор.xlsx");
    std::fs::write(&price_list_path, price_list()).expect("the price list written");

    // The first run: the shop's own, its requisites, pickup stages, the administrator.
    let desk = Desk::open_without_demo(&harness, data.path(), "#first-run").await;
    desk.click("#first-run-own").await;
    desk.fill("#shop-name-input", SHOP).await;
    desk.click("#start-own").await;
    desk.wait_for("#requisites-form").await;
    for (field, value) in REQUISITES {
        desk.set_value(field, value).await;
    }
    desk.click("#save-requisites").await;
    desk.click("#template-pickup").await;
    desk.wait_for("#delivery-payment").await;
    desk.click_in_dom("#save-delivery-payment").await;
    desk.wait_for("#delivery-payment .done").await;
    desk.click_in_dom("#finish-methods").await;
    desk.fill("#admin-name", "Белова Ольга").await;
    desk.fill("#admin-pin", "1357").await;
    desk.click("#finish-setup").await;
    desk.wait_text("#shop-name", SHOP, Duration::from_secs(10))
        .await;
    desk.wait_contains(".topbar .user", "Белова Ольга", Duration::from_secs(10))
        .await;
    no_demo_in_window(&desk, "after the first run").await;

    // The price list: its path typed, the preview read, the import confirmed.
    desk.click("#open-catalog").await;
    desk.wait_for("#catalog-empty").await;
    desk.set_value("#import-path", &price_list_path.display().to_string())
        .await;
    desk.click("#import-preview").await;
    desk.wait_for("#preview-clean").await;
    desk.wait_text("#preview-rows", "200", Duration::from_secs(10))
        .await;
    desk.wait_text("#preview-added", "200", Duration::from_secs(10))
        .await;
    desk.wait_text("#preview-updated", "0", Duration::from_secs(10))
        .await;
    let columns = desk.text("#import-preview-panel .columns").await;
    assert_eq!(
        desk.count("#import-preview-panel .columns .column.muted")
            .await,
        0,
        "every column of the price list is understood: {columns}"
    );
    desk.both_sizes("day-one-import-preview").await;
    // At 1366×768 «Загрузить» is in sight without scrolling the preview: it stood below the
    // sample, out of the panel's view.
    let seen = desk
        .eval(
            "const r = document.querySelector('#import-confirm').getBoundingClientRect();\
             const p = document.querySelector('#import-preview-panel').getBoundingClientRect();\
             return r.bottom <= Math.min(p.bottom, window.innerHeight);",
        )
        .await;
    assert_eq!(seen, serde_json::json!(true), "«Загрузить» in sight");
    desk.click("#import-confirm").await;
    desk.wait_for("#catalog-done").await;
    desk.wait_count("#products tr.product", PRODUCTS).await;
    desk.wait_for("#products tr.product[data-sku='СД-0042']")
        .await;

    // Two people: a manager and a picker, each with a PIN.
    desk.click("#open-settings").await;
    desk.click("#settings-people").await;
    desk.add_person("Петров Сергей", "manager", "2468").await;
    desk.add_person("Зайцев Илья", "picker", "8642").await;

    // The manager signs in.
    desk.click("#switch-user").await;
    desk.wait_for("#sign-in-screen").await;
    desk.wait_count("#sign-in-people li", 3).await;
    let manager = desk.sign_in_button("Петров Сергей").await;
    desk.click(&manager).await;
    desk.fill("#pin-input", "2468").await;
    desk.click("#sign-in").await;
    desk.wait_count("#sign-in-screen", 0).await;
    desk.wait_contains(".topbar .user", "Петров Сергей", Duration::from_secs(10))
        .await;
    desk.click("#close-settings").await;

    // A phone order for a new customer, picked up and paid by bank transfer.
    desk.click("#new-order").await;
    desk.fill("#new-customer", "Кузнецова Алла Викторовна")
        .await;
    desk.fill("#new-phone", "+7 921 555-01-02").await;
    desk.fill("#new-email", "alla.kuznetsova@example.ru").await;
    desk.choose("#new-delivery", "pickup").await;
    desk.choose("#new-payment", "bank_transfer").await;
    desk.set_value("#new-product", "СД-0042").await;
    desk.wait_for("#new-product-matches .pick-item").await;
    desk.enter_in_dom("#new-product").await;
    desk.wait_count("#new-lines li", 1).await;
    desk.click("#create-draft").await;
    desk.wait_for("#order-card #draft-badge").await;
    let order_id = desk
        .wait_for("#order-card")
        .await
        .attr("data-order-id")
        .await
        .ok()
        .flatten()
        .expect("the card carries the order id");
    let number = desk.text("#order-card header h2").await;
    let number = number.trim().trim_start_matches('№').trim().to_owned();
    assert!(
        !number.is_empty() && number.chars().all(|c| c.is_ascii_digit()),
        "an order number: «{number}»"
    );
    desk.click_in_dom("#tab-versions").await;
    desk.click_in_dom("#confirm-version").await;
    desk.wait_count("#order-card #draft-badge", 0).await;
    desk.click_in_dom("#tab-order").await;
    // The price list has no VAT column: the shop's 22 %, said once («НДС НДС 22%» before).
    desk.wait_contains("#order-totals", "В т. ч. НДС 22 %", Duration::from_secs(10))
        .await;
    assert!(!desk.text("#order-totals").await.contains("НДС НДС"));
    desk.both_sizes("day-one-order").await;
    no_demo_in_window(&desk, "with the order open").await;

    // Its invoice, saved as a PDF into the papers folder.
    desk.click_in_dom("#tab-papers").await;
    desk.choose("#order-papers select.doc-kind", "#0").await;
    desk.click_in_dom("#order-papers button.save-pdf").await;
    desk.wait_contains("#order-papers .done", ".pdf", Duration::from_secs(30))
        .await;
    let invoice = pdf_text(&data.path().join("papers"));
    for (what, want) in [("the shop's name", SHOP), ("its ИНН", INN)] {
        assert!(
            invoice.contains(want),
            "the invoice lacks {what}: {invoice}"
        );
    }
    assert!(
        invoice.contains(&format!("Заказ № {number}")),
        "the invoice names order № {number}: {invoice}"
    );
    for mark in DEMO_MARKS.into_iter().chain(["7728413599"]) {
        assert!(
            !invoice.contains(mark),
            "the invoice carries the demo's «{mark}»"
        );
    }
    desk.close().await;

    // Restarted as an installed desk starts: the lock asks the manager's PIN.
    let desk = Desk::open_without_demo(&harness, data.path(), "#lock-screen").await;
    desk.unlock("Петров Сергей", "2468").await;
    desk.wait_contains(".topbar .user", "Петров Сергей", Duration::from_secs(10))
        .await;
    desk.wait_text("#shop-name", SHOP, Duration::from_secs(10))
        .await;
    desk.click("#open-customers").await;
    desk.set_value("#customer-search", "921 555").await;
    desk.wait_count("#customers tr.customer-row", 1).await;
    desk.click("tr.customer-row[data-key='79215550102'] td.customer")
        .await;
    desk.wait_text(
        "#customer-name",
        "Кузнецова Алла Викторовна",
        Duration::from_secs(10),
    )
    .await;
    desk.wait_count("#customer-orders tr.customer-order", 1)
        .await;
    desk.wait_for(&format!(
        "#customer-orders tr.customer-order[data-order-id='{order_id}'][data-number='{number}']"
    ))
    .await;
    no_demo_in_window(&desk, "after the restart").await;
    desk.both_sizes("day-one-customer-card").await;
    desk.close().await;
}
