//! The orders export (issue 14, point 6) against a real SQLite shop: a month of orders in the
//! shop's zone written as CSV and XLSX and read back (the CSV as the catalogue import reads
//! it, the XLSX with calamine, the same reader): one row per line with the order's fields,
//! money to the kopeck (number cells in XLSX, «1234,50» in CSV), Cyrillic intact, orders of
//! the days around the month absent; an empty period gives the header alone; only an
//! administrator or a manager exports.

use std::path::Path;
use std::sync::Arc;

use calamine::{Data, Reader};
use channels::MemorySecrets;
use desk::Desk;
use jiff::Timestamp;
use proto::{
    CompanyBuyer, DeliveryChange, DeliveryMethod, Discount, ExportPeriod, LineEdit, NewLine,
    NewOrder, NewPayment, OrdersExport, PaymentMethod, ProductInput, Role, SheetKind, User,
    VatRate,
};

fn at(text: &str) -> Timestamp {
    text.parse().expect("instant")
}

fn user(role: Role) -> User {
    User {
        id: "maria".into(),
        name: "Иванова Мария".into(),
        role,
    }
}

fn open(dir: &Path) -> Desk {
    let desk = Desk::open_with_secrets(
        dir,
        at("2026-11-01T09:00:00Z"),
        Arc::new(MemorySecrets::default()),
    )
    .expect("open");
    desk.set_user(user(Role::Manager));
    desk
}

fn product(desk: &Desk, sku: &str, name: &str, unit: &str, price: i64, vat: VatRate) -> String {
    desk.save_product(
        ProductInput {
            id: None,
            sku: sku.into(),
            name: name.into(),
            barcode: String::new(),
            unit: unit.into(),
            price,
            vat: Some(vat),
            weight_g: None,
            location: String::new(),
            stock: 100_000,
            archived: false,
        },
        at("2026-11-01T09:00:00Z"),
    )
    .expect("product")
    .id
}

/// A phone order made at `created` (UTC) with these (product, thousandths) lines.
fn order(desk: &Desk, created: &str, customer: &str, lines: &[(&str, i64)]) -> proto::OrderDetail {
    desk.create_order(
        NewOrder {
            customer: customer.into(),
            phone: "8 (903) 555-12-34".into(),
            email: Some("petr@example.ru".into()),
            delivery: DeliveryChange {
                method: DeliveryMethod::Courier,
                zone: None,
                address: "г. Москва, ул. Ленина, д. 5, кв. 12".into(),
                window_from: None,
                window_to: None,
            },
            payment: PaymentMethod::CashOnDelivery,
            lines: lines
                .iter()
                .map(|(id, quantity)| NewLine {
                    product_id: (*id).to_owned(),
                    quantity: *quantity,
                })
                .collect(),
            comment: Some("Позвонить за час".into()),
        },
        at(created),
    )
    .expect("order")
}

fn december(format: SheetKind, path: &Path) -> OrdersExport {
    OrdersExport {
        period: ExportPeriod::Days {
            from: "2026-12-01".into(),
            to: "2026-12-31".into(),
        },
        format,
        path: path.display().to_string(),
        stage_id: None,
        channel: None,
    }
}

struct Shop {
    desk: Desk,
    /// The order created at 00:30 on 1 December in Moscow (21:30 UTC the day before).
    first: proto::OrderDetail,
    last: proto::OrderDetail,
    outside: Vec<String>,
}

fn shop(dir: &Path) -> Shop {
    let desk = open(dir);
    let cup = product(
        &desk,
        "СЫР-1",
        "Сыр «Российский»; весовой",
        "кг",
        123_450,
        VatRate::Vat10,
    );
    let toy = product(
        &desk,
        "ЁЛ-2",
        "Ёлочная игрушка",
        "шт",
        9_990,
        VatRate::Vat22,
    );
    let first = order(
        &desk,
        "2026-11-30T21:30:00Z",
        "Фёдоров Пётр Ильич",
        &[(&cup, 1_500), (&toy, 3_000)],
    );
    let toy_line = first.lines[1].id.clone();
    let edited = at("2026-11-30T21:40:00Z");
    desk.edit_lines(
        &first.id,
        vec![LineEdit::SetDiscount {
            line_id: toy_line,
            discount: Discount::Percent(1_000),
        }],
        edited,
    )
    .expect("a line discount");
    let bought = desk
        .set_buyer(
            &first.id,
            Some(CompanyBuyer {
                name: "ООО «Ромашка»".into(),
                inn: "7707083893".into(),
                kpp: "773601001".into(),
                address: "117312, г. Москва, ул. Вавилова, д. 19".into(),
                bank_name: String::new(),
                bic: String::new(),
                settlement_account: String::new(),
                corr_account: String::new(),
            }),
            edited,
        )
        .expect("a company buyer");
    assert!(matches!(bought, proto::BuyerOutcome::Saved { .. }));
    let first = desk
        .record_payment(
            &first.id,
            NewPayment {
                amount: 10_000,
                method: PaymentMethod::CashOnDelivery,
                note: None,
            },
            edited,
        )
        .expect("a part paid");
    let last = order(
        &desk,
        "2026-12-31T20:59:00Z",
        "Алёна Ёжикова",
        &[(&toy, 1_000)],
    );
    let outside = [
        ("2026-11-30T20:59:00Z", "Ноябрь Последний"),
        ("2026-12-31T21:00:00Z", "Январь Первый"),
    ]
    .iter()
    .map(|(t, who)| order(&desk, t, who, &[(&cup, 1_000)]).number)
    .collect();
    Shop {
        desk,
        first,
        last,
        outside,
    }
}

fn now() -> Timestamp {
    at("2027-01-10T09:00:00Z")
}

#[test]
fn a_month_reads_back_from_csv_with_money_and_cyrillic_intact() {
    let dir = tempfile::tempdir().expect("dir");
    let files = tempfile::tempdir().expect("files");
    let s = shop(dir.path());
    let path = files.path().join("декабрь.csv");
    let done = s
        .desk
        .export_orders(december(SheetKind::Csv, &path), files.path(), now())
        .expect("exported");
    assert_eq!((done.orders, done.lines), (2, 3));
    assert_eq!(
        (done.from_day.as_str(), done.to_day.as_str()),
        ("2026-12-01", "2026-12-31")
    );
    assert_eq!(done.path, path.display().to_string());

    let bytes = std::fs::read(&path).expect("the file");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("UTF-8");
    assert!(text
        .lines()
        .next()
        .expect("header")
        .contains("Номер заказа;Дата;Канал"));
    let rows =
        desk::catalog_file::read_table(&std::fs::read(&path).expect("file")).expect("read back");
    assert_eq!(rows.len(), 4, "the header and three lines: {rows:?}");
    let col = |name: &str| {
        rows[0]
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let cup = &rows[1];
    let toy = &rows[2];
    assert_eq!(cup[col("Номер заказа")], s.first.number);
    assert_eq!(
        toy[col("Номер заказа")],
        s.first.number,
        "the order on each line"
    );
    assert_eq!(
        cup[col("Дата")],
        "01.12.2026 00:30",
        "the shop's time, Moscow"
    );
    assert_eq!(cup[col("Канал")], "Телефон");
    assert_eq!(cup[col("Покупатель")], "Фёдоров Пётр Ильич");
    assert_eq!(cup[col("Телефон")], "+7 (903) 555-12-34");
    assert_eq!(cup[col("Организация")], "ООО «Ромашка»");
    assert_eq!(cup[col("ИНН")], "7707083893");
    assert_eq!(cup[col("Доставка")], "Курьер");
    assert_eq!(cup[col("Адрес")], "г. Москва, ул. Ленина, д. 5, кв. 12");
    assert_eq!(cup[col("Оплата")], "Наличные курьеру");
    assert_eq!(cup[col("Статус оплаты")], "Оплачен частично");
    assert_eq!(cup[col("Оплачено")], "100,00");
    assert_eq!(cup[col("Артикул")], "СЫР-1");
    assert_eq!(cup[col("Ед. изм.")], "кг");
    assert_eq!(cup[col("Наименование")], "Сыр «Российский»; весовой");
    assert_eq!(cup[col("Количество")], "1,5");
    assert_eq!(cup[col("Цена")], "1234,50");
    assert_eq!(cup[col("Скидка")], "0,00");
    assert_eq!(cup[col("НДС")], "10%");
    assert_eq!(cup[col("Сумма строки")], "1851,75");
    assert_eq!(toy[col("Артикул")], "ЁЛ-2");
    assert_eq!(toy[col("Количество")], "3");
    assert_eq!(toy[col("Цена")], "99,90");
    // 10 % of 299,70.
    assert_eq!(toy[col("Скидка")], "29,97");
    assert_eq!(toy[col("Сумма строки")], "269,73");
    assert_eq!(toy[col("НДС")], "22%");
    let total = proto::display::amount(s.first.total).replace('\u{202F}', "");
    assert_eq!(cup[col("Итого по заказу")], total);
    let delivery = proto::display::amount(s.first.delivery_cost).replace('\u{202F}', "");
    assert_eq!(cup[col("Стоимость доставки")], delivery);
    assert_eq!(cup[col("Комментарий")], "Позвонить за час");
    let last = &rows[3];
    assert_eq!(last[col("Номер заказа")], s.last.number);
    assert_eq!(last[col("Дата")], "31.12.2026 23:59");
    assert_eq!(last[col("Покупатель")], "Алёна Ёжикова");
    assert_eq!(last[col("Статус оплаты")], "Не оплачен");
    for number in &s.outside {
        assert!(
            rows.iter().all(|r| &r[0] != number),
            "order {number} is of another month"
        );
    }
}

#[test]
fn a_month_reads_back_from_xlsx_as_number_cells() {
    let dir = tempfile::tempdir().expect("dir");
    let files = tempfile::tempdir().expect("files");
    let s = shop(dir.path());
    let path = files.path().join("декабрь.xlsx");
    let done = s
        .desk
        .export_orders(december(SheetKind::Xlsx, &path), files.path(), now())
        .expect("exported");
    assert_eq!((done.orders, done.lines), (2, 3));
    let mut book = calamine::open_workbook_auto(&path).expect("a workbook");
    assert_eq!(book.sheet_names(), ["Заказы"]);
    let range = book.worksheet_range_at(0).expect("a sheet").expect("read");
    let rows: Vec<&[Data]> = range.rows().collect();
    assert_eq!(rows.len(), 4);
    let col = |name: &str| {
        rows[0]
            .iter()
            .position(|h| *h == Data::String(name.to_owned()))
            .unwrap_or_else(|| panic!("column {name}"))
    };
    let number: f64 = s.first.number.parse().expect("a number");
    assert_eq!(rows[1][col("Номер заказа")], Data::Float(number));
    assert!(
        matches!(rows[1][col("Дата")], Data::DateTime(_)),
        "a date cell: {:?}",
        rows[1][col("Дата")]
    );
    assert_eq!(
        rows[1][col("Наименование")],
        Data::String("Сыр «Российский»; весовой".into())
    );
    assert_eq!(
        rows[1][col("Организация")],
        Data::String("ООО «Ромашка»".into())
    );
    assert_eq!(
        rows[1][col("ИНН")],
        Data::String("7707083893".into()),
        "text, not a number"
    );
    assert_eq!(rows[1][col("Цена")], Data::Float(1234.5));
    assert_eq!(rows[1][col("Количество")], Data::Float(1.5));
    assert_eq!(rows[1][col("Сумма строки")], Data::Float(1851.75));
    assert_eq!(rows[2][col("Скидка")], Data::Float(29.97));
    assert_eq!(rows[2][col("Сумма строки")], Data::Float(269.73));
    assert_eq!(rows[1][col("Оплачено")], Data::Float(100.0));
    // Every amount is the kopecks exactly: the lines add up to the goods, plus delivery the
    // order's total.
    let kopecks = |d: &Data| match d {
        Data::Float(f) => (f * 100.0).round() as i64,
        other => panic!("a money cell is a number: {other:?}"),
    };
    let goods: i64 = rows[1..3]
        .iter()
        .map(|r| kopecks(&r[col("Сумма строки")]))
        .sum();
    assert_eq!(goods + s.first.delivery_cost, s.first.total);
    assert_eq!(kopecks(&rows[1][col("Итого по заказу")]), s.first.total);
    assert_eq!(
        rows[3][col("Покупатель")],
        Data::String("Алёна Ёжикова".into())
    );
    for number in &s.outside {
        let n: f64 = number.parse().expect("a number");
        assert!(rows.iter().all(|r| r[0] != Data::Float(n)));
    }
}

#[test]
fn an_empty_period_gives_the_header_alone_in_a_file_named_after_it() {
    let dir = tempfile::tempdir().expect("dir");
    let documents = tempfile::tempdir().expect("documents");
    let s = shop(dir.path());
    for format in [SheetKind::Csv, SheetKind::Xlsx] {
        let done = s
            .desk
            .export_orders(
                OrdersExport {
                    period: ExportPeriod::Days {
                        from: "2027-06-01".into(),
                        to: "2027-06-30".into(),
                    },
                    format,
                    path: String::new(),
                    stage_id: None,
                    channel: None,
                },
                documents.path(),
                now(),
            )
            .expect("exported");
        assert_eq!((done.orders, done.lines), (0, 0));
        let ext = if format == SheetKind::Csv {
            "csv"
        } else {
            "xlsx"
        };
        let expected = documents
            .path()
            .join(format!("Заказы 01.06.2027–30.06.2027.{ext}"));
        assert_eq!(done.path, expected.display().to_string());
        let rows = desk::catalog_file::read_table(&std::fs::read(&expected).expect("file"))
            .expect("read back");
        assert_eq!(rows.len(), 1, "{ext}: the header alone");
        assert_eq!(rows[0][0], "Номер заказа");
    }
}

#[test]
fn this_month_is_the_shops_month_and_only_managers_and_admins_export() {
    let dir = tempfile::tempdir().expect("dir");
    let files = tempfile::tempdir().expect("files");
    let s = shop(dir.path());
    // 31 December 22:00 UTC is already January in Moscow: «this month» is January.
    let new_year = at("2026-12-31T22:00:00Z");
    let export = OrdersExport {
        period: ExportPeriod::ThisMonth,
        format: SheetKind::Csv,
        path: files.path().display().to_string(),
        stage_id: None,
        channel: None,
    };
    let done = s
        .desk
        .export_orders(export.clone(), files.path(), new_year)
        .expect("exported");
    assert_eq!(
        (done.from_day.as_str(), done.to_day.as_str()),
        ("2027-01-01", "2027-01-31")
    );
    assert_eq!(done.orders, 1, "the order of 00:00 on 1 January");

    s.desk.set_user(user(Role::Picker));
    let err = s
        .desk
        .export_orders(export, files.path(), new_year)
        .expect_err("a picker does not export");
    let err = proto::CommandError::from(err);
    assert_eq!(err.code, proto::ErrorCode::Forbidden);
    assert_eq!(err.refusal, Some(proto::Refusal::ExportForbidden));
}

#[test]
fn a_demo_month_has_a_row_for_every_line_of_its_orders() {
    let dir = tempfile::tempdir().expect("dir");
    let files = tempfile::tempdir().expect("files");
    let now = at("2026-12-20T09:00:00Z");
    let desk = Desk::open_demo(dir.path(), now).expect("the demo shop");
    let path = files.path().join("demo.csv");
    let export = OrdersExport {
        period: ExportPeriod::ThisMonth,
        format: SheetKind::Csv,
        path: path.display().to_string(),
        stage_id: None,
        channel: None,
    };
    let done = desk
        .export_orders(export, files.path(), now)
        .expect("exported");
    let db = rusqlite::Connection::open(dir.path().join("orderdesk.sqlite3")).expect("the file");
    // December in Moscow, in UTC milliseconds.
    let (from, to) = (
        at("2026-11-30T21:00:00Z").as_millisecond(),
        at("2026-12-31T21:00:00Z").as_millisecond(),
    );
    let (orders, rows, total): (i64, i64, i64) = db
        .query_row(
            "SELECT (SELECT count(*) FROM orders WHERE created_at >= ?1 AND created_at < ?2), \
             (SELECT count(*) FROM orders o LEFT JOIN order_lines l ON l.order_id = o.id \
              WHERE o.created_at >= ?1 AND o.created_at < ?2), \
             (SELECT COALESCE(sum(total), 0) FROM orders WHERE created_at >= ?1 AND created_at < ?2)",
            [from, to],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .expect("counts");
    assert!(orders > 0, "the demo has orders this month");
    assert_eq!(done.orders, orders as u64);
    let table =
        desk::catalog_file::read_table(&std::fs::read(&path).expect("file")).expect("read back");
    assert_eq!(table.len() as i64, rows + 1);
    let col = |name: &str| table[0].iter().position(|h| h == name).expect(name);
    let (number, sum) = (col("Номер заказа"), col("Итого по заказу"));
    let mut seen = std::collections::HashSet::new();
    let exported: i64 = table[1..]
        .iter()
        .filter(|r| seen.insert(r[number].clone()))
        .map(|r| proto::display::parse_money(&r[sum]).expect("an amount"))
        .sum();
    assert_eq!(exported, total, "the orders' totals to the kopeck");
}
