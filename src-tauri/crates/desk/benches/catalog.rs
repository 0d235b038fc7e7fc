//! Catalogue import figures for `target/bench/catalog.json`: a file of 10,000 products
//! (XLSX as rust_xlsxwriter writes it, and a `;` CSV in Windows-1251 as Excel in a Russian
//! Windows saves it) previewed and imported into a new shop through the desk, as the products
//! screen does it: the preview reads and checks the file, the import reads it again and
//! writes 10,000 SetProduct ops in one transaction. Beside it, the file's parsing alone.
//! Goal (issue 14): ≤ 2 s each.

#[path = "catalog/customers.rs"]
mod customers;
#[path = "catalog/orders_export.rs"]
mod orders_export;
// The core bench's shop generator; this bench uses the part that makes the large shop.
#[allow(dead_code)]
#[path = "core/generate.rs"]
mod generate;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

const PRODUCTS: usize = 10_000;
const RUNS: usize = 3;

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../target"),
        PathBuf::from,
    )
}

const HEADERS: [&str; 8] = [
    "Артикул",
    "Наименование",
    "Штрихкод",
    "Цена",
    "НДС",
    "Вес, г",
    "Ячейка",
    "Остаток",
];

fn row(i: usize) -> [String; 8] {
    [
        format!("SKU-{i:05}"),
        format!("Товар № {i}, синий, 250 мл"),
        format!("{}", 4_600_000_000_000_u64 + i as u64),
        format!("{}.{:02}", 10 + i / 7, i % 100),
        "22%".to_owned(),
        format!("{}", 100 + i % 900),
        format!("A-{:02}-{}", i % 24, i % 5),
        format!("{}", i % 50),
    ]
}

fn xlsx() -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in HEADERS.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).expect("header");
    }
    for i in 0..PRODUCTS {
        let r = row(i);
        let n = i as u32 + 1;
        for (c, v) in r.iter().enumerate() {
            // Numbers as number cells, as a shop's own sheet has them.
            match c {
                3 | 5 | 7 => sheet
                    .write_number(n, c as u16, v.parse::<f64>().expect("number"))
                    .map(|_| ()),
                _ => sheet.write_string(n, c as u16, v).map(|_| ()),
            }
            .expect("cell");
        }
    }
    book.save_to_buffer().expect("xlsx")
}

fn csv_1251() -> Vec<u8> {
    let mut text = HEADERS.join(";") + "\n";
    for i in 0..PRODUCTS {
        text += &row(i).map(|v| v.replace('.', ",")).join(";");
        text.push('\n');
    }
    encoding_rs::WINDOWS_1251.encode(&text).0.into_owned()
}

/// Seconds for preview + import of `bytes` into a new shop, and for parsing alone.
fn once(name: &str, bytes: &[u8]) -> (f64, f64) {
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).expect("file");
    let path = path.to_string_lossy().into_owned();
    let now = jiff::Timestamp::from_second(1_772_000_000).expect("now");
    let desk = desk::Desk::open_with_secrets(
        &dir.path().join("shop"),
        now,
        Arc::new(channels::MemorySecrets::default()),
    )
    .expect("shop");
    desk.set_user(proto::User {
        id: "admin".into(),
        name: "Администратор".into(),
        role: proto::Role::Admin,
    });
    let start = Instant::now();
    let parsed = desk::catalog_file::parse(bytes);
    let parse_s = start.elapsed().as_secs_f64();
    assert_eq!(parsed.rows.len(), PRODUCTS, "{:?}", parsed.problems.first());
    let start = Instant::now();
    let preview = desk.preview_catalog_file(&path).expect("preview");
    assert!(
        preview.problems.is_empty(),
        "{:?}",
        preview.problems.first()
    );
    let done = desk
        .import_catalog_file(&path, &preview.digest, now)
        .expect("import");
    let import_s = start.elapsed().as_secs_f64();
    assert_eq!(done.added as usize, PRODUCTS);
    (import_s, parse_s)
}

fn main() {
    let machine = benchkit::Machine::start();
    let (xlsx, csv) = (xlsx(), csv_1251());
    let (mut xi, mut xp, mut ci, mut cp) = (vec![], vec![], vec![], vec![]);
    for _ in 0..RUNS {
        let (i, p) = once("catalog.xlsx", &xlsx);
        xi.push(i);
        xp.push(p);
        let (i, p) = once("catalog.csv", &csv);
        ci.push(i);
        cp.push(p);
    }
    let mut json = serde_json::json!({
        "products": PRODUCTS,
        "runs": RUNS,
        "xlsx_mb": benchkit::round(xlsx.len() as f64 / 1024.0 / 1024.0, 2),
        "csv_mb": benchkit::round(csv.len() as f64 / 1024.0 / 1024.0, 2),
        "what": "xlsx_import_10k_s, csv_import_10k_s: the products screen's preview then import of a 10,000-product file into a new shop (the file read and checked twice, then 10,000 SetProduct ops in one transaction), median of the runs, each in a fresh shop; *_parse_10k_s: parsing the file alone (desk::catalog_file::parse), the floor under it",
        "goal": "≤ 2 s each (issue 14)",
    });
    let bench_dir = target_dir().join("bench");
    std::fs::create_dir_all(&bench_dir).expect("create target/bench");
    let export = orders_export::measure(&bench_dir).expect("the orders export");
    let shop = customers::measure(&bench_dir).expect("customer search on the large shop");
    if let Some(map) = json.as_object_mut() {
        benchkit::figure(map, "xlsx_import_10k_s", &xi, 3);
        benchkit::figure(map, "csv_import_10k_s", &ci, 3);
        benchkit::figure(map, "xlsx_parse_10k_s", &xp, 3);
        benchkit::figure(map, "csv_parse_10k_s", &cp, 3);
        map.insert(
            "customer_search_p95_ms".into(),
            customers::p95(&shop.search_ms).into(),
        );
        map.insert("customer_search_what".into(), format!("the customers screen's search through the desk (a part of a phone, a name, an e-mail in turn; up to a page of customers with their orders counted and summed), {} searches after as many uncounted ones, on the core bench's shop of {} orders ({} customer cards); goal ≤ 10 ms (issue 14)", shop.search_ms.len(), shop.orders, shop.cards).into());
        benchkit::figure(map, "customer_search_ms", &shop.search_ms, 2);
        map.insert(
            "customer_backfill_s".into(),
            benchkit::round(shop.backfill_s, 2).into(),
        );
        benchkit::figure(map, "orders_export_100k_s", &export.xlsx_s, 2);
        benchkit::figure(map, "orders_export_100k_csv_s", &export.csv_s, 2);
        map.insert("orders_export_what".into(), format!("the orders export (issue 14, point 6) of a period of {} orders, {} lines, through the desk as the window asks for it: read a page of 500 orders at a time, written row by row; orders_export_100k_s to XLSX ({:.1} MB), orders_export_100k_csv_s to CSV ({:.1} MB), median of {} runs", export.orders, export.lines, export.xlsx_mb, export.csv_mb, export.xlsx_s.len()).into());
        map.insert("machine".into(), machine.finish());
    }
    let json = serde_json::to_string_pretty(&json).expect("json") + "\n";
    let dir = target_dir().join("bench");
    std::fs::create_dir_all(&dir).expect("create target/bench");
    let path = dir.join("catalog.json");
    std::fs::write(&path, &json).expect("write catalog.json");
    print!("{json}");
    println!("written to {}", path.display());
}
