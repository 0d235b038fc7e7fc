//! Sample data and the poppler/zbar tools the rendering tests read PDFs back with.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use docs::{DocLine, DocOrder, Party, Requisites, VatRate};

pub fn shop() -> Requisites {
    Requisites {
        name: "ООО «Три кита»".into(),
        inn: "7707083893".into(),
        kpp: "773601001".into(),
        ogrn: "1027700132195".into(),
        address: "117997, г. Москва, ул. Вавилова, д. 19".into(),
        phone: "+7 495 500-55-50".into(),
        bank_name: "ПАО СБЕРБАНК г. Москва".into(),
        bank_name_qr: String::new(),
        bic: "044525225".into(),
        settlement_account: "40702810138250123017".into(),
        corr_account: "30101810400000000225".into(),
        director: "Иванов И. И.".into(),
        accountant: "Петрова А. С.".into(),
    }
}

pub fn line(i: usize) -> DocLine {
    let quantity_milli = 1000 * (i as i64 % 3 + 1);
    let price_kopecks = 12_345 + 1_000 * i as i64;
    DocLine {
        sku: format!("TK-{:04}", i + 1),
        name: format!(
            "Товар номер {} — кружка керамическая «Север», 350 мл",
            i + 1
        ),
        unit: "шт".into(),
        quantity_milli,
        price_kopecks,
        amount_kopecks: price_kopecks * quantity_milli / 1000,
        vat: VatRate::Percent(22),
        storage_location: format!("A-{:02}-{}-{:02}", 10 - i % 10, i % 4 + 1, i % 7 + 1),
        service: false,
    }
}

pub fn order(lines: usize) -> DocOrder {
    DocOrder {
        number: "2026-0412".into(),
        date: jiff::civil::date(2026, 11, 22),
        // Two days before the papers' date, so a test can tell which one a paper prints.
        order_date: jiff::civil::date(2026, 11, 20),
        invoice: None,
        buyer: Party {
            name: "ООО «Ромашка»".into(),
            inn: "500100732259".into(),
            kpp: String::new(),
            address: "141400, Московская обл., г. Химки, ул. Ленина, д. 5, кв. 12".into(),
            phone: "+7 916 123-45-67".into(),
            ..Party::default()
        },
        lines: (0..lines).map(line).collect(),
        delivery_address: "г. Химки, ул. Ленина, д. 5, кв. 12, подъезд 2, этаж 4".into(),
        delivery_window: "23.11 10:00–14:00".into(),
        phone: "+7 916 123-45-67".into(),
        payment_form: "Наличные".into(),
        collect_kopecks: 0,
        basis: String::new(),
        notes: "Позвонить за час".into(),
    }
}

/// Where rendered files go: `DOCS_KEEP_DIR` keeps them for a person to look at, otherwise a
/// temporary directory that is removed with the returned guard.
pub fn out_dir() -> (PathBuf, Option<tempfile::TempDir>) {
    if let Some(dir) = std::env::var_os("DOCS_KEEP_DIR") {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir).expect("create DOCS_KEEP_DIR");
        return (dir, None);
    }
    let tmp = tempfile::tempdir().expect("create a temp dir");
    (tmp.path().to_path_buf(), Some(tmp))
}

pub fn write(dir: &Path, name: &str, pdf: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, pdf).expect("write the PDF");
    path
}

/// Runs a tool, failing the test with the Debian package to install when it is missing.
fn run(tool: &str, package: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(tool).args(args).output().unwrap_or_else(|e| {
        panic!("`{tool}` could not run ({e}): install the Debian package `{package}`")
    });
    assert!(
        out.status.success(),
        "`{tool} {}` failed: {}",
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// The PDF's text as `pdftotext -layout` extracts it, no-break spaces made plain so the
/// assertions read naturally.
pub fn pdf_text(pdf: &Path) -> String {
    let path = pdf.to_str().expect("utf-8 path");
    let out = run("pdftotext", "poppler-utils", &["-layout", path, "-"]);
    String::from_utf8(out)
        .expect("utf-8 text")
        .replace('\u{a0}', " ")
}

/// Text of each page, split at form feeds.
pub fn pdf_pages(pdf: &Path) -> Vec<String> {
    let text = pdf_text(pdf);
    let mut pages: Vec<String> = text.split('\u{c}').map(str::to_owned).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    pages
}

/// Renders the pages to PNG at `dpi` and returns their paths.
pub fn png_pages(pdf: &Path, dpi: u32) -> Vec<PathBuf> {
    let prefix = pdf.with_extension("");
    let dpi = dpi.to_string();
    let args = [
        "-r",
        &dpi,
        "-png",
        pdf.to_str().expect("utf-8"),
        prefix.to_str().expect("utf-8"),
    ];
    run("pdftoppm", "poppler-utils", &args);
    let dir = pdf.parent().expect("parent dir");
    let stem = prefix
        .file_name()
        .and_then(|s| s.to_str())
        .expect("stem")
        .to_owned();
    let mut pngs: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|s| s.to_str()).unwrap_or("");
            let page = name
                .strip_prefix(&format!("{stem}-"))
                .and_then(|rest| rest.strip_suffix(".png"));
            page.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        })
        .collect();
    pngs.sort();
    pngs
}

/// Every symbol zbar finds in the image, raw.
pub fn zbar(png: &Path) -> String {
    let out = run(
        "zbarimg",
        "zbar-tools",
        &["-q", "--raw", png.to_str().expect("utf-8")],
    );
    String::from_utf8(out).expect("utf-8 payload")
}
