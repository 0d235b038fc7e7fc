//! The catalogue written as a file this module reads back: Russian headers, one product a row.

use domain::{Product, VatRate};

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("XLSX: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

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

/// `;`-separated UTF-8 with a BOM, decimals with a comma: what Excel in a Russian Windows
/// opens as columns, with the Cyrillic intact.
pub fn to_csv(products: &[Product]) -> Result<Vec<u8>, ExportError> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(&mut out);
        w.write_record(HEADERS)?;
        for p in products {
            w.write_record([
                p.sku.as_str(),
                &p.name,
                &p.barcode,
                &p.unit,
                &fixed(p.price.0, 2),
                vat(p.vat),
                &p.weight_g.map(|g| g.to_string()).unwrap_or_default(),
                &p.location,
                &fixed(p.stock.0, 3),
                if p.archived { "да" } else { "" },
            ])?;
        }
        w.flush()?;
    }
    Ok(out)
}

/// Prices and stock as number cells (so the shop's formulas work on them), SKU and barcode as
/// text (a long barcode as a number would show as 4,6E+12).
pub fn to_xlsx(products: &[Product]) -> Result<Vec<u8>, ExportError> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Товары")?;
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("0.00");
    for (col, h) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *h, &bold)?;
    }
    for (i, p) in products.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &p.sku)?;
        sheet.write_string(row, 1, &p.name)?;
        sheet.write_string(row, 2, &p.barcode)?;
        sheet.write_string(row, 3, &p.unit)?;
        // A cell holds a double; kopecks/100 is the nearest double to the price, whose
        // shortest spelling is the price again, which is how `book.rs` reads it back.
        sheet.write_number_with_format(row, 4, p.price.0 as f64 / 100.0, &money)?;
        sheet.write_string(row, 5, vat(p.vat))?;
        if let Some(g) = p.weight_g {
            sheet.write_number(row, 6, g as f64)?;
        }
        sheet.write_string(row, 7, &p.location)?;
        sheet.write_number(row, 8, p.stock.0 as f64 / 1000.0)?;
        if p.archived {
            sheet.write_string(row, 9, "да")?;
        }
    }
    sheet.set_column_width(1, 48)?;
    Ok(book.save_to_buffer()?)
}

/// Empty for the shop's default rate: imported back, an empty cell keeps it.
fn vat(rate: Option<VatRate>) -> &'static str {
    match rate {
        None => "",
        Some(VatRate::None) => "без НДС",
        Some(VatRate::Vat0) => "0%",
        Some(VatRate::Vat5) => "5%",
        Some(VatRate::Vat7) => "7%",
        Some(VatRate::Vat10) => "10%",
        Some(VatRate::Vat22) => "22%",
    }
}

/// An integer of `places` decimals as text with a decimal comma: 12345 (2) is «123,45».
fn fixed(v: i64, places: u32) -> String {
    let scale = 10_i64.pow(places);
    let sign = if v < 0 { "-" } else { "" };
    let (whole, frac) = (v.abs() / scale, v.abs() % scale);
    format!("{sign}{whole},{frac:0width$}", width = places as usize)
}
