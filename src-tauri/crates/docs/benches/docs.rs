//! Document rendering figures for `target/bench/docs.json`:
//! - `invoice_ms`, `pd4_ms`: mean per one-page document (with `_median_ms` and `_p90_ms`),
//!   font already parsed (as in the running desk, which parses it once per process);
//! - `waybill_batch_1000_s`: 1,000 delivery notes (the papers that go with a day's goods) in
//!   one PDF, one print job;
//! - `batch_peak_mb`: the process's peak resident memory during that batch (VmHWM, reset
//!   just before it), and `batch_peak_delta_mb` above what was resident before.
//!
//! - `empty_page_ms`: the baseline, one page with one word in the same font through the same
//!   printpdf path, and `invoice_vs_empty_page`, `pd4_vs_empty_page` per round.
//!
//! Run in release: `cargo bench -p docs --bench docs`.

#[path = "../tests/common/mod.rs"]
mod common;

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

const RUNS: u32 = 300;
/// The samples are taken in rounds, each timing the empty page, the invoice and the ПД-4
/// back to back, so the ratios compare documents made on the same machine moment.
const ROUNDS: u32 = 5;
const BATCH: usize = 1000;
/// An everyday order: a few lines, one page.
const LINES: usize = 5;
const REGULAR_TTF: &[u8] = include_bytes!("../fonts/PTSans-Regular.ttf");

fn status_kb(field: &str) -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(field))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Per-document times: mean, median and 90th percentile in ms. The median and p90 show
/// how much of the mean is the shared machine's noise.
struct Timing {
    mean: f64,
    median: f64,
    p90: f64,
}

fn timing(mut each: Vec<f64>) -> Timing {
    let mean = each.iter().sum::<f64>() / each.len() as f64;
    each.sort_by(f64::total_cmp);
    let at = |q: f64| each[((each.len() - 1) as f64 * q).round() as usize];
    Timing {
        mean,
        median: at(0.5),
        p90: at(0.9),
    }
}

/// `runs` renders, each timed in ms.
fn time_each(runs: u32, mut render: impl FnMut() -> usize) -> Vec<f64> {
    let mut each = Vec::with_capacity(runs as usize);
    let mut bytes = 0;
    for _ in 0..runs {
        let start = Instant::now();
        bytes += render();
        each.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    assert!(bytes > 0);
    each
}

fn mean(v: &[f64]) -> f64 {
    v.iter().sum::<f64>() / v.len() as f64
}

/// The baseline: `pages` A4 pages with one word each in PT Sans Regular, the font the
/// documents embed, built and saved the way the documents' canvas does (printpdf ops, the
/// face subset to the glyphs used, every stream deflated at zlib's fast level).
fn empty_pages(font: &printpdf::ParsedFont, pages: usize) -> Vec<u8> {
    use printpdf::{
        FontId, Mm, Op, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, TextItem,
    };
    let id = FontId("F1".to_owned());
    let mut doc = PdfDocument::new("Пустая страница");
    let page = |n: usize| {
        PdfPage::new(
            Mm(210.0),
            Mm(297.0),
            vec![
                Op::StartTextSection,
                Op::SetTextCursor {
                    pos: Point::new(Mm(15.0), Mm(280.0)),
                },
                Op::SetFont {
                    font: PdfFontHandle::External(id.clone()),
                    size: Pt(10.0),
                },
                Op::ShowText {
                    items: vec![TextItem::Text(format!("Страница {}", n + 1))],
                },
                Op::EndTextSection,
            ],
        )
    };
    doc.resources
        .fonts
        .map
        .insert(id.clone(), printpdf::font::PdfFont::new(font.clone()));
    let doc = doc.with_pages((0..pages).map(page).collect());
    let options = PdfSaveOptions {
        optimize: false,
        secure: false,
        subset_fonts: true,
        ..PdfSaveOptions::default()
    };
    let mut pdf = printpdf::serialize::to_lopdf_doc(doc, &options, &mut Vec::new());
    for object in pdf.objects.values_mut() {
        let lopdf::Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.get(b"Filter").is_ok() {
            continue;
        }
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        if encoder.write_all(&stream.content).is_ok() {
            if let Ok(packed) = encoder.finish() {
                if packed.len() < stream.content.len() {
                    stream.dict.set("Filter", "FlateDecode");
                    stream.set_content(packed);
                }
            }
        }
    }
    let mut out = Vec::new();
    pdf.save_to(&mut out).expect("save to memory");
    out
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../target"),
        PathBuf::from,
    )
}

fn main() {
    let machine = benchkit::Machine::start();
    let shop = common::shop();
    let order = common::order(LINES);
    // Parses the embedded font once, as the desk's first document does; the baseline's
    // font likewise, outside the clock.
    docs::invoice::invoice(&shop, &order).expect("warm-up invoice");
    docs::pd4::pd4(&shop, &order).expect("warm-up pd4");
    let font = printpdf::ParsedFont::from_bytes(REGULAR_TTF, 0, &mut Vec::new()).expect("PT Sans");
    assert!(!empty_pages(&font, 1).is_empty());

    let per_round = RUNS / ROUNDS;
    let (mut empty_all, mut invoice_all, mut pd4_all) = (Vec::new(), Vec::new(), Vec::new());
    let (mut empty_r, mut invoice_r, mut pd4_r) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..ROUNDS {
        let e = time_each(per_round, || empty_pages(&font, 1).len());
        let i = time_each(per_round, || {
            docs::invoice::invoice(&shop, &order)
                .expect("invoice")
                .len()
        });
        let p = time_each(per_round, || {
            docs::pd4::pd4(&shop, &order).expect("pd4").len()
        });
        empty_r.push(mean(&e));
        invoice_r.push(mean(&i));
        pd4_r.push(mean(&p));
        empty_all.extend(e);
        invoice_all.extend(i);
        pd4_all.extend(p);
    }
    let invoice = timing(invoice_all);
    let pd4 = timing(pd4_all);
    let empty = timing(empty_all);

    let orders: Vec<docs::DocOrder> = (0..BATCH)
        .map(|i| {
            let mut o = common::order(LINES);
            o.number = format!("2026-{:05}", i + 1);
            o
        })
        .collect();
    let rss_before_kb = status_kb("VmRSS:").unwrap_or(0);
    // Writing 5 to clear_refs resets VmHWM, so the peak read after is the batch's own.
    let hwm_reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let start = Instant::now();
    let pdf = docs::delivery_note::delivery_notes(&shop, &orders, None).expect("batch");
    let batch_s = start.elapsed().as_secs_f64();
    let peak_kb = status_kb("VmHWM:").unwrap_or(0);
    let start = Instant::now();
    let empty_batch = empty_pages(&font, BATCH);
    let empty_batch_s = start.elapsed().as_secs_f64();
    assert!(!empty_batch.is_empty());

    let mb = |kb: u64| (kb as f64 / 1024.0 * 10.0).round() / 10.0;
    let r3 = |v: f64| benchkit::round(v, 3);
    let mut json = serde_json::json!({
        "invoice_ms": r3(invoice.mean),
        "invoice_median_ms": r3(invoice.median),
        "invoice_p90_ms": r3(invoice.p90),
        "pd4_ms": r3(pd4.mean),
        "pd4_median_ms": r3(pd4.median),
        "pd4_p90_ms": r3(pd4.p90),
        "empty_page_ms": r3(empty.mean),
        "empty_page_median_ms": r3(empty.median),
        "empty_page_p90_ms": r3(empty.p90),
        "waybill_batch_1000_s": r3(batch_s),
        "empty_pages_1000_s": r3(empty_batch_s),
        "batch_vs_empty_pages": r3(batch_s / empty_batch_s),
        "batch_peak_mb": mb(peak_kb),
        "batch_peak_delta_mb": mb(peak_kb.saturating_sub(rss_before_kb)),
        "batch_pdf_mb": mb(pdf.len() as u64 / 1024),
        "peak_is_batch_only": hwm_reset,
        "runs": RUNS,
        "rounds": ROUNDS,
        "runs_note": "invoice_ms, pd4_ms, empty_page_ms: mean of all runs (median, p90 of single documents beside); their _runs give the median and spread of the per-round means, and the _vs_ ratios are per round (a cost ratio: how many empty pages one document costs, lower is better); the batch is one run",
        "lines_per_order": LINES,
        "steady_state": "fonts parsed and one invoice and one ПД-4 made before timing (the desk parses the font once per process); samples in rounds, each timing the empty page, the invoice and the ПД-4 back to back",
        "what": "mean per one-page document with the font parsed once per process; 1,000 delivery notes (товарная накладная) in one PDF; VmHWM during the batch",
        "what_empty_page": "baseline: one A4 page with one word in PT Sans Regular (the documents' font) through printpdf as the documents' canvas saves it: the face subset to the glyphs used, streams deflated at zlib's fast level; empty_pages_1000_s: 1,000 such pages in one PDF",
    });
    if let Some(map) = json.as_object_mut() {
        map.insert("invoice_ms_runs".into(), benchkit::spread(&invoice_r, 3));
        map.insert("pd4_ms_runs".into(), benchkit::spread(&pd4_r, 3));
        map.insert("empty_page_ms_runs".into(), benchkit::spread(&empty_r, 3));
        benchkit::ratio(map, "invoice_vs_empty_page", &invoice_r, &empty_r);
        benchkit::ratio(map, "pd4_vs_empty_page", &pd4_r, &empty_r);
        map.insert("machine".into(), machine.finish());
    }
    let json = serde_json::to_string_pretty(&json).expect("json") + "\n";
    let dir = target_dir().join("bench");
    std::fs::create_dir_all(&dir).expect("create target/bench");
    let path = dir.join("docs.json");
    std::fs::write(&path, &json).expect("write docs.json");
    print!("{json}");
    println!("written to {}", path.display());
}
