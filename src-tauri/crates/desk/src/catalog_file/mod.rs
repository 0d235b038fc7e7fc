//! Catalogue files: a CSV, XLSX or ODS table read into product rows with every problem listed
//! by the line a spreadsheet shows it on, and the catalogue written back as CSV or XLSX.
//!
//! Nothing here touches the shop: [`parse`] only reads bytes, and the desk decides what the
//! rows change (`catalog/import.rs`).
//!
//! ```
//! let file = "Артикул;Наименование;Цена;НДС\nA-1;Ручка;12,50;22%\n";
//! let parsed = desk::catalog_file::parse(file.as_bytes());
//! assert!(parsed.problems.is_empty());
//! assert_eq!(parsed.rows[0].product.price, Some(domain::Kopecks(1250)));
//! ```

mod book;
mod export;
mod headers;
mod text;
mod values;

#[cfg(test)]
mod tests;

use domain::{Kopecks, Quantity, VatRate};
use proto::{CatalogField, ColumnMatch, ImportProblem, ProblemKind};

pub use export::{to_csv, to_xlsx, write, ExportError};

/// More rows than this in one file is refused: a catalogue is imported in one transaction,
/// and the preview lists every row's problem.
pub const MAX_ROWS: usize = 100_000;

/// How many rows may stand above the header (a title, a date, a blank line).
const HEADER_SEARCH_ROWS: usize = 10;

/// A table as read: its rows with the line each began on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Table {
    pub format: &'static str,
    pub encoding: String,
    pub separator: String,
    pub rows: Vec<(u32, Vec<String>)>,
}

/// One product row of the file. A field is `None` when its column is absent or its cell is
/// empty: the product keeps what it has (or gets the default, when new).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FileProduct {
    pub sku: String,
    pub name: Option<String>,
    pub barcode: Option<String>,
    pub unit: Option<String>,
    pub price: Option<Kopecks>,
    /// The product's own rate («без НДС» is `VatRate::None`); an empty cell keeps the
    /// product's rate, or gives a new one the shop's default.
    pub vat: Option<VatRate>,
    pub weight_g: Option<i64>,
    pub location: Option<String>,
    pub stock: Option<Quantity>,
    pub archived: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRow {
    pub line: u32,
    pub product: FileProduct,
}

/// A file read: its good rows, and every problem (a row with a problem is not among the rows).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub format: String,
    pub encoding: String,
    pub separator: String,
    pub columns: Vec<ColumnMatch>,
    /// Product rows read, bad ones included.
    pub read: u32,
    pub rows: Vec<FileRow>,
    pub problems: Vec<ImportProblem>,
}

/// Reads a catalogue file of any of the three kinds (told apart by content, not by name).
pub fn parse(bytes: &[u8]) -> Parsed {
    let table = if book::is_workbook(bytes) {
        book::read(bytes)
    } else {
        text::read(bytes)
    };
    match table {
        Ok(table) => rows(table),
        Err(e) => Parsed {
            problems: vec![problem(
                0,
                ProblemKind::Unreadable {
                    detail: e.to_string(),
                },
            )],
            ..Parsed::default()
        },
    }
}

/// Why a file is not a table this desk reads. The text is the technical cause, in English
/// as the libraries give it; the window says the rest in its own language
/// (`ProblemKind::Unreadable`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error("neither a text table (CSV) nor XLSX or ODS")]
    NotATable,
    #[error("the workbook does not open: {0}")]
    Workbook(String),
    #[error("the workbook has no sheets")]
    NoSheets,
    #[error("the first sheet does not read: {0}")]
    Sheet(String),
    #[error("line {line}: {why}")]
    Csv { line: u64, why: String },
}

/// A file's first sheet as rows of text cells, read as the import reads them: a check of a
/// written file (an export) sees what an import would.
pub fn read_table(bytes: &[u8]) -> Result<Vec<Vec<String>>, TableError> {
    let table = if book::is_workbook(bytes) {
        book::read(bytes)?
    } else {
        text::read(bytes)?
    };
    Ok(table.rows.into_iter().map(|(_, cells)| cells).collect())
}

fn problem(line: u32, problem: ProblemKind) -> ImportProblem {
    ImportProblem { line, problem }
}

fn rows(table: Table) -> Parsed {
    let mut parsed = Parsed {
        format: table.format.to_owned(),
        encoding: table.encoding,
        separator: table.separator,
        ..Parsed::default()
    };
    let Some((at, fields)) = headers::find(&table.rows, HEADER_SEARCH_ROWS) else {
        let line = table.rows.first().map_or(1, |(line, _)| *line);
        parsed.problems.push(problem(line, ProblemKind::NoHeader));
        return parsed;
    };
    let (header_line, header) = &table.rows[at];
    parsed.columns = header
        .iter()
        .zip(&fields)
        .map(|(h, f)| ColumnMatch {
            header: h.trim().to_owned(),
            field: f.map(|(field, _)| field),
        })
        .collect();
    if !fields
        .iter()
        .any(|f| matches!(f, Some((CatalogField::Sku, _))))
    {
        parsed.problems.push(problem(
            *header_line,
            ProblemKind::MissingColumn {
                field: CatalogField::Sku,
            },
        ));
        return parsed;
    }
    let body = &table.rows[at + 1..];
    let body: Vec<&(u32, Vec<String>)> = body
        .iter()
        .filter(|(_, cells)| cells.iter().any(|c| !c.trim().is_empty()))
        .collect();
    if body.len() > MAX_ROWS {
        parsed.problems.push(problem(
            *header_line,
            ProblemKind::TooManyRows {
                limit: MAX_ROWS as u32,
            },
        ));
        return parsed;
    }
    parsed.read = body.len() as u32;
    let mut first_line_of: std::collections::HashMap<String, u32> =
        std::collections::HashMap::with_capacity(body.len());
    for (line, cells) in body {
        let mut product = FileProduct::default();
        let mut bad = Vec::new();
        for (cell, field) in cells.iter().zip(&fields) {
            let Some((field, unit)) = field else { continue };
            if let Err(kind) = values::set(&mut product, *field, *unit, cell) {
                bad.push(kind);
            }
        }
        if product.sku.is_empty() {
            bad.insert(0, ProblemKind::EmptySku);
        } else {
            match first_line_of.get(&product.sku) {
                Some(first) => bad.insert(
                    0,
                    ProblemKind::DuplicateSku {
                        sku: product.sku.clone(),
                        first_line: *first,
                    },
                ),
                None => {
                    first_line_of.insert(product.sku.clone(), *line);
                }
            }
        }
        if bad.is_empty() {
            parsed.rows.push(FileRow {
                line: *line,
                product,
            });
        } else {
            parsed
                .problems
                .extend(bad.into_iter().map(|kind| problem(*line, kind)));
        }
    }
    parsed
}
