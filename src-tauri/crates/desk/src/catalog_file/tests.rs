use domain::{Kopecks, Product, Quantity, VatRate};
use proto::{CatalogField, ProblemKind};
use uuid::Uuid;

use super::values::{decimal, price, vat};
use super::*;

fn problems(parsed: &Parsed) -> Vec<(u32, ProblemKind)> {
    parsed
        .problems
        .iter()
        .map(|p| (p.line, p.problem.clone()))
        .collect()
}

fn product(sku: &str, name: &str) -> Product {
    Product {
        id: Uuid::nil(),
        sku: sku.to_owned(),
        name: name.to_owned(),
        unit: "шт".to_owned(),
        price: Kopecks(123_450),
        vat: Some(VatRate::Vat10),
        location: "A-01-2".to_owned(),
        stock: Quantity(2_500),
        barcode: "4600000000011".to_owned(),
        weight_g: Some(250),
        archived: false,
    }
}

#[test]
fn russian_headers_a_semicolon_and_decimal_commas() {
    let file = "Наименование;Артикул;Штрихкод;Ед. изм.;Цена, руб.;НДС;Вес, г;Ячейка;Остаток\n\
                Ручка;PEN-1;4600000000011;шт;1 234,50 ₽;22%;15;A-01-1;120,5\n";
    let parsed = parse(file.as_bytes());
    assert_eq!(problems(&parsed), []);
    assert_eq!(
        (parsed.format.as_str(), parsed.separator.as_str()),
        ("csv", ";")
    );
    assert_eq!(parsed.encoding, "UTF-8");
    assert!(
        parsed.columns.iter().all(|c| c.field.is_some()),
        "{:?}",
        parsed.columns
    );
    let p = &parsed.rows[0];
    assert_eq!(p.line, 2);
    assert_eq!(
        p.product,
        FileProduct {
            sku: "PEN-1".into(),
            name: Some("Ручка".into()),
            barcode: Some("4600000000011".into()),
            unit: Some("шт".into()),
            price: Some(Kopecks(123_450)),
            vat: Some(VatRate::Vat22),
            weight_g: Some(15),
            location: Some("A-01-1".into()),
            stock: Some(Quantity(120_500)),
            archived: None,
        }
    );
}

#[test]
fn english_headers_a_comma_and_quoted_fields() {
    let file = "SKU,Name,Price,VAT,\"Weight, kg\",Stock\n\
                A-1,\"Pen, blue\",12.5,0%,\"1,5\",3\n\
                A-2,Notebook,\"1,234.00\",VAT free,0.25,0\n";
    let parsed = parse(file.as_bytes());
    assert_eq!(problems(&parsed), []);
    assert_eq!(parsed.separator, ",");
    assert_eq!(parsed.rows[0].product.name.as_deref(), Some("Pen, blue"));
    assert_eq!(parsed.rows[0].product.weight_g, Some(1_500));
    assert_eq!(parsed.rows[0].product.vat, Some(VatRate::Vat0));
    assert_eq!(parsed.rows[1].product.price, Some(Kopecks(123_400)));
    assert_eq!(parsed.rows[1].product.vat, Some(VatRate::None));
    assert_eq!(parsed.rows[1].product.weight_g, Some(250));
}

#[test]
fn a_windows_1251_csv_is_read_as_cyrillic() {
    let text = "Артикул;Наименование;Цена\nЁЖ-1;Ёлочная игрушка «Шар»;99,90\n";
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1251.encode(text);
    assert!(!unmappable);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the file is not UTF-8"
    );
    let parsed = parse(&bytes);
    assert_eq!(problems(&parsed), []);
    assert_eq!(parsed.encoding, "windows-1251");
    assert_eq!(parsed.rows[0].product.sku, "ЁЖ-1");
    assert_eq!(
        parsed.rows[0].product.name.as_deref(),
        Some("Ёлочная игрушка «Шар»")
    );
}

#[test]
fn a_utf8_bom_and_a_title_above_the_header_are_skipped() {
    let file = "\u{feff}Прайс на 01.12.2026\n\nАртикул;Наименование\nA;Б\n";
    let parsed = parse(file.as_bytes());
    assert_eq!(problems(&parsed), []);
    assert_eq!(parsed.rows[0].line, 4);
    assert_eq!(parsed.rows[0].product.sku, "A");
}

#[test]
fn every_bad_row_is_listed_with_its_line_and_reason() {
    let file = "Артикул;Наименование;Цена;НДС\n\
                A-1;Ручка;10;22%\n\
                ;Без артикула;10;22%\n\
                A-1;Снова A-1;10;22%\n\
                A-3;Цена буквами;abc;22%\n\
                A-4;Старая ставка;10;18%\n\
                A-5;Ставка 2025 года;10;20%\n\
                A-6;Хороший;10;без НДС\n\
                A-7;Отрицательная цена;-5;10%\n\
                A-8;Лишние копейки;1,005;10%\n";
    let parsed = parse(file.as_bytes());
    assert_eq!(
        problems(&parsed),
        [
            (3, ProblemKind::EmptySku),
            (
                4,
                ProblemKind::DuplicateSku {
                    sku: "A-1".into(),
                    first_line: 2
                }
            ),
            (
                5,
                ProblemKind::BadPrice {
                    value: "abc".into()
                }
            ),
            (
                6,
                ProblemKind::BadVat {
                    value: "18%".into()
                }
            ),
            (
                7,
                ProblemKind::BadVat {
                    value: "20%".into()
                }
            ),
            (9, ProblemKind::BadPrice { value: "-5".into() }),
            (
                10,
                ProblemKind::BadPrice {
                    value: "1,005".into()
                }
            ),
        ]
    );
    assert_eq!(parsed.read, 9);
    let good: Vec<&str> = parsed.rows.iter().map(|r| r.product.sku.as_str()).collect();
    assert_eq!(good, ["A-1", "A-6"]);
}

#[test]
fn two_megabytes_of_junk_is_one_problem_not_two_million() {
    let mut rng = fastrand::Rng::with_seed(14);
    let junk: Vec<u8> = (0..2 * 1024 * 1024).map(|_| rng.u8(..)).collect();
    let parsed = parse(&junk);
    assert!(parsed.rows.is_empty());
    assert!(
        matches!(
            problems(&parsed).as_slice(),
            [(0, ProblemKind::Unreadable { .. })]
        ),
        "{:?}",
        parsed.problems
    );
    // Junk that starts like a ZIP goes to the workbook reader, which refuses it too.
    let mut zip_junk = b"PK\x03\x04".to_vec();
    zip_junk.extend_from_slice(&junk[..4096]);
    let parsed = parse(&zip_junk);
    assert!(matches!(
        problems(&parsed).as_slice(),
        [(0, ProblemKind::Unreadable { .. })]
    ));
    // Typed (it was Russian text inside the English window's sentence): the reader says
    // which, and the detail is the technical cause alone.
    assert_eq!(read_table(&junk), Err(TableError::NotATable));
    assert!(
        matches!(read_table(&zip_junk), Err(TableError::Workbook(_))),
        "{:?}",
        read_table(&zip_junk)
    );
}

#[test]
fn text_without_a_header_or_without_an_sku_column_is_refused() {
    let parsed = parse("просто текст\nещё строка\n".as_bytes());
    assert_eq!(problems(&parsed), [(1, ProblemKind::NoHeader)]);
    let parsed = parse("Наименование;Цена\nРучка;10\n".as_bytes());
    assert_eq!(
        problems(&parsed),
        [(
            1,
            ProblemKind::MissingColumn {
                field: CatalogField::Sku
            }
        )]
    );
    assert!(parsed.rows.is_empty());
}

#[test]
fn an_xlsx_written_by_rust_xlsxwriter_is_read_with_its_number_cells_exact() {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let percent = Format::new().set_num_format("0%");
    for (col, h) in [
        "Артикул",
        "Наименование",
        "Штрихкод",
        "Цена",
        "НДС",
        "Вес, кг",
        "Остаток",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *h).expect("header");
    }
    sheet.write_number(1, 0, 1001.0).expect("numeric SKU");
    sheet.write_string(1, 1, "Тетрадь").expect("name");
    sheet
        .write_number(1, 2, 4_600_000_000_028.0)
        .expect("barcode");
    sheet.write_number(1, 3, 89.9).expect("price");
    sheet
        .write_number_with_format(1, 4, 0.1, &percent)
        .expect("VAT as a percent cell");
    sheet.write_number(1, 5, 0.2).expect("weight");
    sheet.write_number(1, 6, 35.5).expect("stock");
    let bytes = book.save_to_buffer().expect("xlsx");
    let parsed = parse(&bytes);
    assert_eq!(problems(&parsed), []);
    assert_eq!(parsed.format, "xlsx");
    let p = &parsed.rows[0].product;
    assert_eq!(p.sku, "1001");
    assert_eq!(p.barcode.as_deref(), Some("4600000000028"));
    assert_eq!(p.price, Some(Kopecks(8_990)));
    assert_eq!(p.vat, Some(VatRate::Vat10));
    assert_eq!(p.weight_g, Some(200));
    assert_eq!(p.stock, Some(Quantity(35_500)));
}

/// Each row was padded with an empty cell for every column before the table's first: a
/// table at column XFD cost 16,383 strings a row, gigabytes for a file of kilobytes.
#[test]
fn a_table_far_to_the_right_is_read_without_a_cell_for_every_empty_column() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let (sku, name) = (16_382, 16_383);
    sheet.write_string(0, sku, "Артикул").expect("header");
    sheet.write_string(0, name, "Наименование").expect("header");
    for row in 1..=3 {
        sheet
            .write_string(row, sku, format!("SKU-{row}"))
            .expect("sku");
        sheet.write_string(row, name, "Товар").expect("name");
    }
    let bytes = book.save_to_buffer().expect("xlsx");
    let table = read_table(&bytes).expect("read");
    assert_eq!(table.len(), 4);
    assert!(
        table.iter().all(|cells| cells.len() == 2),
        "{:?}",
        table[0].len()
    );
    let parsed = parse(&bytes);
    assert_eq!(problems(&parsed), []);
    let skus: Vec<(u32, &str)> = parsed
        .rows
        .iter()
        .map(|r| (r.line, r.product.sku.as_str()))
        .collect();
    assert_eq!(skus, [(2, "SKU-1"), (3, "SKU-2"), (4, "SKU-3")]);
}

/// A price a formula computed carries the float's noise (10 + 112/100 is 11.120000000000001);
/// the spreadsheet shows 11,12, and so is it read. A real third decimal is still refused.
#[test]
fn a_formulas_float_noise_is_not_a_fraction_of_a_kopeck() {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "Артикул").expect("header");
    sheet.write_string(0, 1, "Цена").expect("header");
    sheet.write_string(1, 0, "A").expect("sku");
    sheet
        .write_number(1, 1, 10.0 + 112.0 / 100.0)
        .expect("price");
    sheet.write_string(2, 0, "B").expect("sku");
    sheet.write_number(2, 1, 12.345).expect("price");
    let parsed = parse(&book.save_to_buffer().expect("xlsx"));
    assert_eq!(parsed.rows[0].product.price, Some(Kopecks(1_112)));
    assert_eq!(
        problems(&parsed),
        [(
            3,
            ProblemKind::BadPrice {
                value: "12.345".into()
            }
        )]
    );
}

/// Saved by LibreOffice Calc 7.4 (Russian locale) from tests/fixtures/catalog_libreoffice.csv:
/// a title row, a blank row, then the header on line 3; numbers, a percent cell and text.
fn check_libreoffice(parsed: &Parsed, format: &str) {
    assert_eq!(problems(parsed), [], "{format}");
    assert_eq!(parsed.format, format);
    let rows: Vec<(u32, &FileProduct)> = parsed.rows.iter().map(|r| (r.line, &r.product)).collect();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0].0, 4);
    let pen = rows[0].1;
    assert_eq!(pen.sku, "PEN-001");
    assert_eq!(pen.name.as_deref(), Some("Ручка шариковая синяя"));
    assert_eq!(pen.barcode.as_deref(), Some("4600000000011"));
    assert_eq!(pen.price, Some(Kopecks(1_250)));
    assert_eq!(pen.vat, Some(VatRate::Vat22));
    assert_eq!(pen.weight_g, Some(15));
    assert_eq!(pen.stock, Some(Quantity(120_000)));
    assert_eq!(rows[1].1.price, Some(Kopecks(8_990)));
    assert_eq!(rows[1].1.vat, Some(VatRate::Vat10));
    assert_eq!(rows[1].1.stock, Some(Quantity(35_500)));
    let cable = rows[2].1;
    assert_eq!(cable.name.as_deref(), Some("Кабель ВВГнг 3×2,5"));
    assert_eq!(cable.unit.as_deref(), Some("м"));
    assert_eq!(cable.vat, Some(VatRate::None));
    assert_eq!(cable.barcode, None);
    assert_eq!(cable.stock, Some(Quantity(250_125)));
}

#[test]
fn an_xlsx_saved_by_libreoffice_is_read() {
    let bytes = include_bytes!("../../tests/fixtures/catalog_libreoffice.xlsx");
    check_libreoffice(&parse(bytes), "xlsx");
}

#[test]
fn an_ods_saved_by_libreoffice_is_read() {
    let bytes = include_bytes!("../../tests/fixtures/catalog_libreoffice.ods");
    check_libreoffice(&parse(bytes), "ods");
}

#[test]
fn the_source_csv_of_the_libreoffice_files_reads_the_same() {
    let bytes = include_bytes!("../../tests/fixtures/catalog_libreoffice.csv");
    check_libreoffice(&parse(bytes), "csv");
}

#[test]
fn an_export_reads_back_as_the_same_products() {
    let mut archived = product("Б-2", "Тетрадь; «в клетку»\nдва ряда");
    archived.archived = true;
    archived.weight_g = None;
    archived.vat = None;
    archived.price = Kopecks(1);
    let products = [product("A-1", "Ручка"), archived];
    for bytes in [
        to_csv(&products).expect("csv"),
        to_xlsx(&products).expect("xlsx"),
    ] {
        let parsed = parse(&bytes);
        assert_eq!(problems(&parsed), []);
        let back: Vec<&FileProduct> = parsed.rows.iter().map(|r| &r.product).collect();
        assert_eq!(back.len(), 2);
        assert_eq!(back[0].sku, "A-1");
        assert_eq!(back[0].price, Some(Kopecks(123_450)));
        assert_eq!(back[0].vat, Some(VatRate::Vat10));
        assert_eq!(back[0].weight_g, Some(250));
        assert_eq!(back[0].stock, Some(Quantity(2_500)));
        assert_eq!(back[0].barcode.as_deref(), Some("4600000000011"));
        assert_eq!(back[0].archived, None);
        assert_eq!(
            back[1].name.as_deref(),
            Some("Тетрадь; «в клетку»\nдва ряда")
        );
        assert_eq!(back[1].price, Some(Kopecks(1)));
        assert_eq!(back[1].vat, None);
        assert_eq!(back[1].archived, Some(true));
    }
}

#[test]
fn prices_are_read_as_decimals_never_rounded() {
    assert_eq!(price("1 234,50"), Some(Kopecks(123_450)));
    assert_eq!(price("1\u{a0}234,5 руб."), Some(Kopecks(123_450)));
    assert_eq!(price("1,234.50"), Some(Kopecks(123_450)));
    assert_eq!(price("1.234,50"), Some(Kopecks(123_450)));
    assert_eq!(price("0.1"), Some(Kopecks(10)));
    assert_eq!(price("12.345"), None);
    assert_eq!(price("abc"), None);
    assert_eq!(price("-1"), None);
    assert_eq!(price(","), None);
    assert_eq!(decimal("99999999999999999999", 2), None);
}

#[test]
fn vat_rates_of_2026_and_no_others() {
    for (cell, rate) in [
        ("22%", Some(VatRate::Vat22)),
        ("22", Some(VatRate::Vat22)),
        ("НДС 22%", Some(VatRate::Vat22)),
        ("0,22", Some(VatRate::Vat22)),
        ("10 %", Some(VatRate::Vat10)),
        ("0.1", Some(VatRate::Vat10)),
        ("7%", Some(VatRate::Vat7)),
        ("5", Some(VatRate::Vat5)),
        ("0%", Some(VatRate::Vat0)),
        ("Без НДС", Some(VatRate::None)),
        ("без налога", Some(VatRate::None)),
        ("18%", None),
        ("20%", None),
        ("0,2", None),
        ("22,5", None),
        ("много", None),
    ] {
        assert_eq!(vat(cell), rate, "{cell}");
    }
}
