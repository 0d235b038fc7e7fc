//! The catalogue screen: products as it lists and edits them, and a catalogue file's import
//! (preview, then confirm) and export.

use serde::{Deserialize, Serialize};

use crate::{Kopecks, Milli, VatRate};

/// A product as the catalogue screen shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogProduct {
    pub id: String,
    pub sku: String,
    pub name: String,
    pub barcode: String,
    pub unit: String,
    pub price: Kopecks,
    /// The product's own rate; `None`: the shop's default applies.
    pub vat: Option<VatRate>,
    pub weight_g: Option<i64>,
    /// The storage bin the pick list prints.
    pub location: String,
    pub stock: Milli,
    pub archived: bool,
}

/// A product added (`id` empty) or changed, whole, from the catalogue screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProductInput {
    #[serde(default)]
    pub id: Option<String>,
    pub sku: String,
    pub name: String,
    pub barcode: String,
    pub unit: String,
    pub price: Kopecks,
    pub vat: Option<VatRate>,
    pub weight_g: Option<i64>,
    pub location: String,
    pub stock: Milli,
    pub archived: bool,
}

/// A column of a catalogue file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CatalogField {
    Name,
    Sku,
    Barcode,
    Unit,
    Price,
    Vat,
    Weight,
    Location,
    Stock,
    Archived,
}

/// What was wrong with a row (or with the file, on line 0 or the header's line).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProblemKind {
    /// Not a table this desk can read (not CSV, XLSX or ODS, or a damaged one).
    Unreadable {
        detail: String,
    },
    /// No column is named as a product's name or SKU is.
    NoHeader,
    /// A column the import needs is not in the file.
    MissingColumn {
        field: CatalogField,
    },
    /// More rows than one import takes.
    TooManyRows {
        limit: u32,
    },
    EmptySku,
    /// The SKU is on an earlier line too.
    DuplicateSku {
        sku: String,
        first_line: u32,
    },
    EmptyName,
    /// Not an amount in rubles (`1 234,50`).
    BadPrice {
        value: String,
    },
    /// Not a VAT rate of the current law (0, 5, 7, 10, 22 %, «без НДС»).
    BadVat {
        value: String,
    },
    /// Not a weight (grams, or kilograms when the column says кг).
    BadWeight {
        value: String,
    },
    /// Not a quantity (at most three decimals).
    BadStock {
        value: String,
    },
    /// Longer than a field holds.
    TooLong {
        field: CatalogField,
        max: u32,
    },
}

/// One problem, on the line a spreadsheet shows it on (the header is line 1 when it is the
/// first row).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    pub line: u32,
    pub problem: ProblemKind,
}

/// A header of the file and the field it was taken as (`None`: ignored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMatch {
    pub header: String,
    pub field: Option<CatalogField>,
}

/// What an import would do; nothing is written yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub path: String,
    /// Given back to confirm: the import refuses a file that changed since the preview.
    pub digest: String,
    /// `csv`, `xlsx` or `ods`.
    pub format: String,
    /// How a CSV's text was read (`UTF-8`, `windows-1251`, `UTF-16LE`); empty for a workbook.
    pub encoding: String,
    /// A CSV's separator (`;`, `,`, tab); empty for a workbook.
    pub separator: String,
    pub columns: Vec<ColumnMatch>,
    /// Product rows read (bad ones included).
    pub rows: u32,
    /// Of the good rows: new SKUs and SKUs the catalogue already has.
    pub added: u32,
    pub updated: u32,
    /// The first good rows as they would be saved.
    pub sample: Vec<CatalogProduct>,
    /// Every problem; the import is refused while there is one.
    pub problems: Vec<ImportProblem>,
}

/// What a confirmed import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportDone {
    pub added: u32,
    pub updated: u32,
}

impl From<CatalogProduct> for ProductInput {
    /// The product as it is, to be saved back with a field or two changed.
    fn from(p: CatalogProduct) -> ProductInput {
        ProductInput {
            id: Some(p.id),
            sku: p.sku,
            name: p.name,
            barcode: p.barcode,
            unit: p.unit,
            price: p.price,
            vat: p.vat,
            weight_g: p.weight_g,
            location: p.location,
            stock: p.stock,
            archived: p.archived,
        }
    }
}
