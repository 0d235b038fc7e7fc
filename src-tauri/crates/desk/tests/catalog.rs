//! The catalogue against a real SQLite file: a file with bad rows is refused whole with every
//! problem by line; a good file of 10,000 products is imported in one transaction, one op per
//! product; a channel's product with a known SKU lands on the same product; edits in place
//! are ops, and only an administrator or a manager may make them.

use std::path::Path;
use std::sync::Arc;

use channels::MemorySecrets;
use desk::Desk;
use jiff::Timestamp;
use proto::{ProblemKind, ProductInput, Role, User};

fn now() -> Timestamp {
    "2026-03-02T07:30:00Z".parse().expect("instant")
}

fn open(dir: &Path) -> Desk {
    let desk =
        Desk::open_with_secrets(dir, now(), Arc::new(MemorySecrets::default())).expect("open");
    desk.set_user(User {
        id: "maria".into(),
        name: "Иванова Мария".into(),
        role: Role::Manager,
    });
    desk
}

fn db(dir: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(dir.join("orderdesk.sqlite3")).expect("the shop's file")
}

/// (products, set_product op rows) as the file holds them.
fn counts(dir: &Path) -> (i64, i64) {
    let db = db(dir);
    let n = |sql: &str| db.query_row(sql, [], |r| r.get(0)).expect(sql);
    (
        n("SELECT COUNT(*) FROM products"),
        n("SELECT COUNT(*) FROM ops WHERE kind = 'set_product'"),
    )
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).expect("file");
    path.to_string_lossy().into_owned()
}

fn problems(preview: &proto::ImportPreview) -> Vec<(u32, ProblemKind)> {
    preview
        .problems
        .iter()
        .map(|p| (p.line, p.problem.clone()))
        .collect()
}

#[test]
fn a_file_with_bad_rows_lists_every_problem_by_line_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let files = tempfile::tempdir().expect("files");
    let desk = open(dir.path());
    // Excel's «CSV (разделители — запятые)» in a Russian Windows: Windows-1251 and `;`.
    let text = "Наименование;Артикул;Цена;НДС;Остаток\n\
                Ручка;PEN-1;12,50;22%;10\n\
                Без артикула;;10;22%;1\n\
                Ручка ещё раз;PEN-1;12,50;22%;1\n\
                Тетрадь;NB-1;abc;10%;1\n\
                Клей;GL-1;99;18%;1\n\
                ;NEW-1;5;22%;1\n\
                Ластик;ER-1;5;без НДС;много\n";
    let (cp1251, _, _) = encoding_rs::WINDOWS_1251.encode(text);
    let path = write(files.path(), "bad.csv", &cp1251);
    let preview = desk.preview_catalog_file(&path).expect("preview");
    assert_eq!(preview.encoding, "windows-1251");
    assert_eq!(preview.separator, ";");
    assert_eq!(preview.rows, 7);
    assert_eq!(
        problems(&preview),
        [
            (3, ProblemKind::EmptySku),
            (
                4,
                ProblemKind::DuplicateSku {
                    sku: "PEN-1".into(),
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
            (7, ProblemKind::EmptyName),
            (
                8,
                ProblemKind::BadStock {
                    value: "много".into()
                }
            ),
        ]
    );
    let refused = desk.import_catalog_file(&path, &preview.digest, now());
    assert!(refused.is_err(), "a file with problems is not imported");
    assert_eq!(counts(dir.path()), (0, 0), "nothing was written");

    // Two megabytes of junk: one problem, nothing written.
    let mut rng = fastrand::Rng::with_seed(2);
    let junk: Vec<u8> = (0..2 * 1024 * 1024).map(|_| rng.u8(..)).collect();
    let path = write(files.path(), "junk.xlsx", &junk);
    let preview = desk.preview_catalog_file(&path).expect("preview");
    assert!(matches!(
        problems(&preview).as_slice(),
        [(0, ProblemKind::Unreadable { .. })]
    ));
    assert!(desk
        .import_catalog_file(&path, &preview.digest, now())
        .is_err());
    assert_eq!(counts(dir.path()), (0, 0));
}

fn big_xlsx(n: usize) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, h) in [
        "Артикул",
        "Наименование",
        "Штрихкод",
        "Цена",
        "НДС",
        "Вес, г",
        "Ячейка",
        "Остаток",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *h).expect("header");
    }
    for i in 0..n {
        let row = i as u32 + 1;
        sheet
            .write_string(row, 0, format!("SKU-{i:05}"))
            .expect("sku");
        sheet
            .write_string(row, 1, format!("Товар № {i}"))
            .expect("name");
        sheet
            .write_number(row, 2, 4_600_000_000_000.0 + i as f64)
            .expect("barcode");
        sheet
            .write_number(row, 3, 10.0 + i as f64 / 100.0)
            .expect("price");
        sheet.write_string(row, 4, "22%").expect("vat");
        sheet
            .write_number(row, 5, 100.0 + i as f64)
            .expect("weight");
        sheet
            .write_string(row, 6, format!("A-{:02}-{}", i % 24, i % 5))
            .expect("bin");
        sheet.write_number(row, 7, (i % 50) as f64).expect("stock");
    }
    book.save_to_buffer().expect("xlsx")
}

#[test]
fn a_good_file_of_ten_thousand_products_is_imported_in_one_go() {
    let dir = tempfile::tempdir().expect("dir");
    let files = tempfile::tempdir().expect("files");
    let desk = open(dir.path());
    let path = write(files.path(), "catalog.xlsx", &big_xlsx(10_000));
    let preview = desk.preview_catalog_file(&path).expect("preview");
    assert_eq!(problems(&preview), []);
    assert_eq!(
        (preview.rows, preview.added, preview.updated),
        (10_000, 10_000, 0)
    );
    assert_eq!(counts(dir.path()), (0, 0), "the preview writes nothing");
    let done = desk
        .import_catalog_file(&path, &preview.digest, now())
        .expect("import");
    assert_eq!((done.added, done.updated), (10_000, 0));
    assert_eq!(counts(dir.path()), (10_000, 10_000), "one op per product");
    let found = desk.catalog("SKU-09999", false).expect("search");
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].name, "Товар № 9999");
    assert_eq!(found[0].price, 10_999);
    assert_eq!(found[0].barcode, "4600000009999");
    assert_eq!(found[0].weight_g, Some(10_099));
    assert_eq!(found[0].vat, Some(proto::VatRate::Vat22));
    // The same file again changes nothing and records nothing.
    let again = desk.preview_catalog_file(&path).expect("preview");
    assert_eq!((again.added, again.updated), (0, 0));
    desk.import_catalog_file(&path, &again.digest, now())
        .expect("import");
    assert_eq!(counts(dir.path()), (10_000, 10_000));
}

#[test]
fn a_file_changed_after_its_preview_is_not_imported() {
    let dir = tempfile::tempdir().expect("dir");
    let files = tempfile::tempdir().expect("files");
    let desk = open(dir.path());
    let path = write(
        files.path(),
        "c.csv",
        "Артикул;Наименование\nA;Б\n".as_bytes(),
    );
    let preview = desk.preview_catalog_file(&path).expect("preview");
    write(
        files.path(),
        "c.csv",
        "Артикул;Наименование\nA;Б\nC;Д\n".as_bytes(),
    );
    assert!(desk
        .import_catalog_file(&path, &preview.digest, now())
        .is_err());
    assert_eq!(counts(dir.path()), (0, 0));
}

#[test]
fn a_channels_product_with_a_known_sku_is_the_same_product() {
    let dir = tempfile::tempdir().expect("dir");
    let files = tempfile::tempdir().expect("files");
    {
        let desk = open(dir.path());
        let path = write(
            files.path(),
            "c.csv",
            "Артикул;Наименование;Цена\nMUG-1;Кружка;500\n".as_bytes(),
        );
        let preview = desk.preview_catalog_file(&path).expect("preview");
        desk.import_catalog_file(&path, &preview.digest, now())
            .expect("import");
    }
    // The site's catalogue (WooCommerce, МойСклад, 1C) names the same SKU and one more.
    {
        let store = store::Store::open(&dir.path().join("orderdesk.sqlite3")).expect("store");
        let entry = |sku: &str, name: &str| store::CatalogEntry {
            sku: sku.into(),
            name: Some(name.into()),
            unit: None,
            price: Some(domain::Kopecks::rubles(550)),
            stock: Some(domain::Quantity::units(3)),
        };
        let (added, updated) = store
            .upsert_catalog(
                vec![entry("MUG-1", "Кружка 300 мл"), entry("TEA-1", "Чай")],
                now(),
            )
            .expect("channel catalogue");
        assert_eq!((added, updated), (1, 1));
    }
    let desk = open(dir.path());
    let mugs = desk.catalog("MUG-1", true).expect("search");
    assert_eq!(mugs.len(), 1, "not duplicated");
    assert_eq!(
        (mugs[0].name.as_str(), mugs[0].price),
        ("Кружка 300 мл", 55_000)
    );
    // And a file naming the channel's product updates it, not a copy.
    let tea_id = desk.catalog("TEA-1", true).expect("search")[0].id.clone();
    let path = write(
        files.path(),
        "d.csv",
        "SKU,Name,Price\nTEA-1,Чай чёрный,120\n".as_bytes(),
    );
    let preview = desk.preview_catalog_file(&path).expect("preview");
    assert_eq!((preview.added, preview.updated), (0, 1));
    desk.import_catalog_file(&path, &preview.digest, now())
        .expect("import");
    let tea = desk.catalog("чай", true).expect("search");
    assert_eq!(tea.len(), 1);
    assert_eq!(
        (tea[0].id.as_str(), tea[0].price),
        (tea_id.as_str(), 12_000)
    );
    assert_eq!(counts(dir.path()).0, 2);
}

fn input(sku: &str, name: &str, price: i64) -> ProductInput {
    ProductInput {
        id: None,
        sku: sku.into(),
        name: name.into(),
        barcode: String::new(),
        unit: "шт".into(),
        price,
        vat: None,
        weight_g: None,
        location: "B-02-1".into(),
        stock: 1_000,
        archived: false,
    }
}

#[test]
fn a_product_is_edited_in_place_archived_and_restored_by_a_manager_only() {
    let dir = tempfile::tempdir().expect("dir");
    let desk = open(dir.path());
    let added = desk
        .save_product(input("CUP-1", "Чашка", 30_000), now())
        .expect("added");
    let mut edit = input("CUP-1", "Чашка", 32_050);
    edit.id = Some(added.id.clone());
    let edited = desk.save_product(edit.clone(), now()).expect("edited");
    assert_eq!(
        (edited.id.as_str(), edited.price),
        (added.id.as_str(), 32_050)
    );
    edit.archived = true;
    desk.save_product(edit.clone(), now()).expect("archived");
    assert!(desk.catalog("чашка", false).expect("search").is_empty());
    assert!(desk.products().expect("line editor").is_empty());
    assert_eq!(desk.catalog("ЧАШ", true).expect("search").len(), 1);
    edit.archived = false;
    desk.save_product(edit, now()).expect("restored");
    assert_eq!(counts(dir.path()), (1, 4));
    // Another product may not take its SKU.
    assert!(desk
        .save_product(input("CUP-1", "Другая", 1), now())
        .is_err());
    desk.set_user(User {
        id: "petr".into(),
        name: "Петров".into(),
        role: Role::Picker,
    });
    assert!(desk
        .save_product(input("NEW-1", "Новый", 1), now())
        .is_err());
    assert_eq!(counts(dir.path()), (1, 4));
}

#[test]
fn an_export_imports_back_without_a_change() {
    let dir = tempfile::tempdir().expect("dir");
    let files = tempfile::tempdir().expect("files");
    let desk = open(dir.path());
    desk.save_product(input("CUP-1", "Чашка; «фарфор»", 30_050), now())
        .expect("added");
    for name in ["out.xlsx", "out.csv"] {
        let path = files.path().join(name).to_string_lossy().into_owned();
        assert_eq!(desk.export_catalog(&path).expect("export"), 1);
        let preview = desk.preview_catalog_file(&path).expect("preview");
        assert_eq!(problems(&preview), []);
        assert_eq!((preview.rows, preview.added, preview.updated), (1, 0, 0));
    }
}

/// The catalogue export's write error was a Russian-only sentence (issue 15, point 10): it is
/// the orders export's typed refusal now, which the window words in its language.
#[test]
fn a_catalogue_export_that_cannot_be_written_is_a_typed_refusal() {
    let dir = tempfile::tempdir().expect("dir");
    let files = tempfile::tempdir().expect("files");
    let desk = open(dir.path());
    let path = files
        .path()
        .join("no such folder")
        .join("catalogue.xlsx")
        .to_string_lossy()
        .into_owned();
    let err = proto::CommandError::from(desk.export_catalog(&path).expect_err("no folder"));
    assert_eq!(err.code, proto::ErrorCode::InvalidInput);
    match err.refusal {
        Some(proto::Refusal::ExportNotWritten(f)) => assert_eq!(f.path, path),
        other => panic!("expected ExportNotWritten, got {other:?}"),
    }
    assert!(err.message.contains("не записан"), "{}", err.message);
}
