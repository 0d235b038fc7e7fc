//! A table written row by row as CSV or XLSX: what the catalogue and the orders export share.
//!
//! Rows go out as they come: CSV through the writer's buffer, XLSX in rust_xlsxwriter's
//! constant-memory mode (one row in memory, the rest in a temporary file until the book is
//! zipped), so a year of a big shop's orders never sits in memory at once.
//!
//! ```
//! use desk::sheet::{Cell, SheetFormat, SheetWriter};
//! let mut w = SheetWriter::new(SheetFormat::Csv, Vec::new(), "Заказы", &["Товар", "Цена"], &[])?;
//! w.row(&[Cell::Text("Ручка"), Cell::Money(123_450)])?;
//! let bytes = w.finish()?;
//! assert_eq!(bytes, "\u{FEFF}Товар;Цена\nРучка;1234,50\n".as_bytes());
//! # Ok::<(), desk::sheet::SheetError>(())
//! ```

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, XlsxError};

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("XLSX: {0}")]
    Xlsx(#[from] XlsxError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    Csv,
    Xlsx,
}

impl SheetFormat {
    /// The format a file name asks for, by its extension (any case).
    pub fn of_path(path: &Path) -> Option<SheetFormat> {
        let ext = path.extension()?.to_str()?.to_lowercase();
        match ext.as_str() {
            "csv" => Some(SheetFormat::Csv),
            "xlsx" => Some(SheetFormat::Xlsx),
            _ => None,
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            SheetFormat::Csv => "csv",
            SheetFormat::Xlsx => "xlsx",
        }
    }
}

/// One cell. Amounts stay integers until they are written: a number cell holds a double,
/// and kopecks/100 is the nearest double to the amount, whose shortest spelling is the
/// amount again (what the catalogue import reads back).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cell<'a> {
    Text(&'a str),
    /// Kopecks: a number cell shown with two decimals; «1234,50» in CSV.
    Money(i64),
    /// Thousandths (a quantity, stock): a number cell; «2», «1,5» in CSV.
    Milli(i64),
    Int(i64),
    /// The shop's wall-clock time: a date cell; «03.12.2026 10:15» in CSV.
    Time(jiff::civil::DateTime),
    Empty,
}

/// Rows a worksheet holds, its header included (Excel's limit).
const XLSX_ROWS: u32 = 1_048_576;

pub struct SheetWriter<W: Write + Send> {
    out: Out<W>,
}

enum Out<W: Write + Send> {
    Csv(Box<csv::Writer<W>>),
    Xlsx(Box<Book<W>>),
}

struct Book<W> {
    workbook: Workbook,
    out: W,
    name: String,
    headers: Vec<String>,
    widths: Vec<(u16, f64)>,
    /// Data rows a sheet takes before the next one begins (a year of a big shop's lines
    /// passes Excel's million rows).
    rows_per_sheet: u32,
    sheets: usize,
    /// The next row to write on the current sheet.
    row: u32,
    bold: Format,
    money: Format,
    time: Format,
}

impl<W: Write + Send> SheetWriter<W> {
    /// A table with `headers` as its first row. CSV is `;`-separated UTF-8 with a BOM:
    /// what Excel in a Russian Windows opens as columns with the Cyrillic intact. An XLSX
    /// sheet is named `sheet` (the next ones «`sheet` (2)», …) with `widths` per column.
    pub fn new(
        format: SheetFormat,
        out: W,
        sheet: &str,
        headers: &[&str],
        widths: &[(u16, f64)],
    ) -> Result<Self, SheetError> {
        Self::with_sheet_rows(format, out, sheet, headers, widths, XLSX_ROWS - 1)
    }

    fn with_sheet_rows(
        format: SheetFormat,
        mut out: W,
        sheet: &str,
        headers: &[&str],
        widths: &[(u16, f64)],
        rows_per_sheet: u32,
    ) -> Result<Self, SheetError> {
        let out = match format {
            SheetFormat::Csv => {
                out.write_all(b"\xEF\xBB\xBF")?;
                let mut w = csv::WriterBuilder::new().delimiter(b';').from_writer(out);
                w.write_record(headers)?;
                Out::Csv(Box::new(w))
            }
            SheetFormat::Xlsx => {
                let mut book = Book {
                    workbook: Workbook::new(),
                    out,
                    name: sheet.to_owned(),
                    headers: headers.iter().map(|h| (*h).to_owned()).collect(),
                    widths: widths.to_vec(),
                    rows_per_sheet: rows_per_sheet.max(1),
                    sheets: 0,
                    row: 0,
                    bold: Format::new().set_bold(),
                    money: Format::new().set_num_format("0.00"),
                    time: Format::new().set_num_format("dd.mm.yyyy hh:mm"),
                };
                book.next_sheet()?;
                Out::Xlsx(Box::new(book))
            }
        };
        Ok(SheetWriter { out })
    }

    pub fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), SheetError> {
        match &mut self.out {
            Out::Csv(w) => {
                for cell in cells {
                    w.write_field(csv_text(cell))?;
                }
                w.write_record(None::<&[u8]>)?;
            }
            Out::Xlsx(book) => book.row(cells)?,
        }
        Ok(())
    }

    /// Writes what is left (the whole book, for XLSX) and gives the output back.
    pub fn finish(self) -> Result<W, SheetError> {
        match self.out {
            Out::Csv(w) => w.into_inner().map_err(|e| SheetError::Io(e.into_error())),
            Out::Xlsx(book) => {
                let Book {
                    mut workbook,
                    mut out,
                    ..
                } = *book;
                workbook.save_to_writer(&mut out)?;
                Ok(out)
            }
        }
    }
}

impl<W> Book<W> {
    fn next_sheet(&mut self) -> Result<(), SheetError> {
        self.sheets += 1;
        let name = if self.sheets == 1 {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.sheets)
        };
        let sheet = self.workbook.add_worksheet_with_constant_memory()?;
        sheet.set_name(name)?;
        for &(col, width) in &self.widths {
            sheet.set_column_width(col, width)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        for (col, h) in self.headers.iter().enumerate() {
            sheet.write_string_with_format(0, column(col)?, h, &self.bold)?;
        }
        self.row = 1;
        Ok(())
    }

    fn row(&mut self, cells: &[Cell<'_>]) -> Result<(), SheetError> {
        if self.row > self.rows_per_sheet {
            self.next_sheet()?;
        }
        let row = self.row;
        let sheet = self.workbook.worksheet_from_index(self.sheets - 1)?;
        for (col, cell) in cells.iter().enumerate() {
            let col = column(col)?;
            match *cell {
                Cell::Text("") | Cell::Empty => {}
                Cell::Text(s) => {
                    sheet.write_string(row, col, s)?;
                }
                Cell::Money(k) => {
                    sheet.write_number_with_format(row, col, k as f64 / 100.0, &self.money)?;
                }
                Cell::Milli(m) => {
                    sheet.write_number(row, col, m as f64 / 1000.0)?;
                }
                Cell::Int(n) => {
                    sheet.write_number(row, col, n as f64)?;
                }
                Cell::Time(t) => {
                    sheet.write_datetime_with_format(row, col, excel_time(t)?, &self.time)?;
                }
            }
        }
        self.row += 1;
        Ok(())
    }
}

fn column(i: usize) -> Result<u16, SheetError> {
    u16::try_from(i).map_err(|_| SheetError::Xlsx(XlsxError::RowColumnLimitError))
}

fn excel_time(t: jiff::civil::DateTime) -> Result<ExcelDateTime, XlsxError> {
    // A year before 1900 or after 9999 is no date Excel shows; the desk's instants are not.
    let year = u16::try_from(t.year()).map_err(|_| XlsxError::DateTimeRangeError(t.to_string()))?;
    let small = |v: i8| u8::try_from(v).unwrap_or(0);
    ExcelDateTime::from_ymd(year, small(t.month()), small(t.day()))?.and_hms(
        u16::from(small(t.hour())),
        small(t.minute()),
        f64::from(t.second()),
    )
}

fn csv_text(cell: &Cell<'_>) -> String {
    match *cell {
        Cell::Text(s) => s.to_owned(),
        Cell::Money(k) => fixed(k, 2),
        Cell::Milli(m) => proto::display::quantity(m),
        Cell::Int(n) => n.to_string(),
        Cell::Time(t) => t.strftime("%d.%m.%Y %H:%M").to_string(),
        Cell::Empty => String::new(),
    }
}

/// An integer of `places` decimals as text with a decimal comma: 12345 (2) is «123,45».
pub(crate) fn fixed(v: i64, places: u32) -> String {
    let scale = 10_i64.pow(places);
    let sign = if v < 0 { "-" } else { "" };
    let (whole, frac) = (
        v.unsigned_abs() / scale as u64,
        v.unsigned_abs() % scale as u64,
    );
    format!("{sign}{whole},{frac:0width$}", width = places as usize)
}

/// A VAT rate as a Russian spreadsheet names it, and as the catalogue import reads it.
pub fn vat_text(rate: domain::VatRate) -> &'static str {
    use domain::VatRate;
    match rate {
        VatRate::None => "без НДС",
        VatRate::Vat0 => "0%",
        VatRate::Vat5 => "5%",
        VatRate::Vat7 => "7%",
        VatRate::Vat10 => "10%",
        VatRate::Vat22 => "22%",
    }
}

/// Writes a file through `write` under a temporary name beside it and renames it once
/// complete: a failed or interrupted export never leaves half a table under the real name,
/// nor spoils the file it was to replace.
pub(crate) fn save_atomically<E: From<SheetError>>(
    path: &Path,
    write: impl FnOnce(BufWriter<File>) -> Result<BufWriter<File>, E>,
) -> Result<(), E> {
    let tmp = part_path(path);
    let result = File::create(&tmp)
        .map_err(|e| E::from(SheetError::from(e)))
        .and_then(|file| write(BufWriter::new(file)))
        .and_then(|out| {
            let done = out
                .into_inner()
                .map_err(|e| SheetError::from(e.into_error()))
                .and_then(|file| Ok(file.sync_all()?))
                .and_then(|()| Ok(std::fs::rename(&tmp, path)?));
            done.map_err(E::from)
        });
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

fn part_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.part", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_book(bytes: Vec<u8>) -> Vec<(String, Vec<Vec<calamine::Data>>)> {
        use calamine::Reader;
        let mut book =
            calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).expect("a book");
        book.worksheets()
            .into_iter()
            .map(|(name, range)| (name, range.rows().map(<[_]>::to_vec).collect()))
            .collect()
    }

    #[test]
    fn a_full_sheet_goes_on_in_the_next_one_with_the_header_again() {
        let mut w = SheetWriter::with_sheet_rows(
            SheetFormat::Xlsx,
            Vec::new(),
            "Заказы",
            &["№", "Сумма"],
            &[],
            2,
        )
        .expect("a book");
        for n in 1..=5 {
            w.row(&[Cell::Int(n), Cell::Money(n * 100 + 5)])
                .expect("a row");
        }
        let sheets = read_book(w.finish().expect("saved"));
        let names: Vec<&str> = sheets.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Заказы", "Заказы (2)", "Заказы (3)"]);
        let (_, third) = &sheets[2];
        assert_eq!(third[0][0], calamine::Data::String("№".to_owned()));
        assert_eq!(third[1][0], calamine::Data::Float(5.0));
        assert_eq!(third[1][1], calamine::Data::Float(5.05));
        assert_eq!(third.len(), 2);
    }

    #[test]
    fn csv_cells_are_written_as_a_russian_excel_reads_them() {
        let time = jiff::civil::date(2026, 12, 3).at(9, 5, 0, 0);
        let headers = ["a", "b", "c", "d", "e", "f"];
        let mut w = SheetWriter::new(SheetFormat::Csv, Vec::new(), "", &headers, &[]).expect("csv");
        w.row(&[
            Cell::Money(-5),
            Cell::Milli(1_500),
            Cell::Milli(2_000),
            Cell::Time(time),
            Cell::Text("«Ёлка»; 2"),
            Cell::Empty,
        ])
        .expect("a row");
        let text = String::from_utf8(w.finish().expect("done")).expect("utf-8");
        assert_eq!(
            text,
            "\u{FEFF}a;b;c;d;e;f\n-0,05;1,5;2;03.12.2026 09:05;\"«Ёлка»; 2\";\n"
        );
    }

    #[test]
    fn a_failed_write_leaves_neither_a_part_file_nor_a_changed_target() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("orders.csv");
        std::fs::write(&path, "old").expect("old file");
        let failed = save_atomically(&path, |_| {
            Err::<BufWriter<File>, _>(SheetError::Io(std::io::Error::other("disk full")))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path).expect("kept"), "old");
        let left: Vec<_> = std::fs::read_dir(dir.path()).expect("dir").collect();
        assert_eq!(left.len(), 1, "only the old file: {left:?}");
    }
}
