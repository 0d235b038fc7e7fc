//! `orders_export_100k_s` for `target/bench/catalog.json` (issue 14, point 6): the orders
//! export of a period holding 100,000 orders (the core bench's generator, three years of a
//! shop) written through the desk as the window asks for it, to XLSX and to CSV, each run
//! into a fresh file. The desk reads the period a page at a time and writes row by row, so
//! memory stays flat however long the period.

use std::path::Path;
use std::time::Instant;

use jiff::Timestamp;
use proto::{ExportPeriod, OrdersExport, SheetKind};

use crate::generate;

const ORDERS: usize = 100_000;
const RUNS: usize = 3;

type Error = Box<dyn std::error::Error>;

pub struct Figures {
    pub orders: u64,
    pub lines: u64,
    pub xlsx_s: Vec<f64>,
    pub csv_s: Vec<f64>,
    pub xlsx_mb: f64,
    pub csv_mb: f64,
}

pub fn measure(bench_dir: &Path) -> Result<Figures, Error> {
    let now: Timestamp = "2025-03-03T12:00:00Z".parse()?;
    let work = bench_dir.join("catalog-orders-export");
    let _ = std::fs::remove_dir_all(&work);
    println!("generating {ORDERS} orders for the orders export");
    generate::shop(&work, now, ORDERS, ORDERS / 10)?;
    let desk = desk::Desk::open(&work, now)?;
    desk.set_user(proto::User {
        id: "admin".into(),
        name: "Администратор".into(),
        role: proto::Role::Admin,
    });
    let out = work.join("out");
    std::fs::create_dir_all(&out)?;
    let mut figures = Figures {
        orders: 0,
        lines: 0,
        xlsx_s: Vec::new(),
        csv_s: Vec::new(),
        xlsx_mb: 0.0,
        csv_mb: 0.0,
    };
    for run in 0..RUNS {
        for format in [SheetKind::Xlsx, SheetKind::Csv] {
            let path = out.join(format!("run{run}"));
            let started = Instant::now();
            let done = desk.export_orders(
                OrdersExport {
                    // Every order the generator made: three years up to `now`.
                    period: ExportPeriod::Days {
                        from: "2020-01-01".into(),
                        to: "2025-03-03".into(),
                    },
                    format,
                    path: path.display().to_string(),
                    stage_id: None,
                    channel: None,
                },
                &out,
                now,
            )?;
            let s = started.elapsed().as_secs_f64();
            println!(
                "orders export {format:?}: {} orders, {} lines in {s:.2} s",
                done.orders, done.lines
            );
            let mb = std::fs::metadata(&done.path)?.len() as f64 / 1024.0 / 1024.0;
            (figures.orders, figures.lines) = (done.orders, done.lines);
            if format == SheetKind::Xlsx {
                figures.xlsx_s.push(s);
                figures.xlsx_mb = mb;
            } else {
                figures.csv_s.push(s);
                figures.csv_mb = mb;
            }
            std::fs::remove_file(&done.path)?;
        }
    }
    drop(desk);
    let _ = std::fs::remove_dir_all(&work);
    Ok(figures)
}
