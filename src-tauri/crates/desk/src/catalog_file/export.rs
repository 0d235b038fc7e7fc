//! The catalogue written as a file this module reads back: Russian headers, one product a row.

use std::io::Write;

use domain::{Product, VatRate};

use crate::sheet::{Cell, SheetFormat, SheetWriter};

pub use crate::sheet::SheetError as ExportError;

const HEADERS: [&str; 10] = [
    "Артикул",
    "Наименование",
    "Штрихкод",
    "Ед. изм.",
    "Цена",
    "НДС",
    "Вес, г",
    "Ячейка",
    "Остаток",
    "Архив",
];

/// `;`-separated UTF-8 with a BOM, decimals with a comma (see [`crate::sheet`]).
pub fn to_csv(products: &[Product]) -> Result<Vec<u8>, ExportError> {
    write(SheetFormat::Csv, products, Vec::new())
}

/// Prices and stock as number cells (so the shop's formulas work on them), SKU and barcode as
/// text (a long barcode as a number would show as 4,6E+12).
pub fn to_xlsx(products: &[Product]) -> Result<Vec<u8>, ExportError> {
    write(SheetFormat::Xlsx, products, Vec::new())
}

/// The catalogue in `format`, written into `out` product by product.
pub fn write<W: Write + Send>(
    format: SheetFormat,
    products: &[Product],
    out: W,
) -> Result<W, ExportError> {
    let mut sheet = SheetWriter::new(format, out, "Товары", &HEADERS, &[(1, 48.0)])?;
    for p in products {
        sheet.row(&[
            Cell::Text(&p.sku),
            Cell::Text(&p.name),
            Cell::Text(&p.barcode),
            Cell::Text(&p.unit),
            Cell::Money(p.price.0),
            Cell::Text(vat(p.vat)),
            p.weight_g.map_or(Cell::Empty, Cell::Int),
            Cell::Text(&p.location),
            Cell::Milli(p.stock.0),
            Cell::Text(if p.archived { "да" } else { "" }),
        ])?;
    }
    sheet.finish()
}

/// Empty for the shop's default rate: imported back, an empty cell keeps it.
fn vat(rate: Option<VatRate>) -> &'static str {
    rate.map_or("", crate::sheet::vat_text)
}
