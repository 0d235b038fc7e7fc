//! A workbook (XLSX, ODS, or Excel 97's XLS) as a table: its first sheet's cells as text.

use std::io::Cursor;

use calamine::{Data, Reader};

use super::{Table, TableError};

/// A ZIP (XLSX, ODS) or an OLE compound file (XLS).
pub(crate) fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

pub(crate) fn read(bytes: &[u8]) -> Result<Table, TableError> {
    let format = if bytes
        .windows(39)
        .take(200)
        .any(|w| w == b"mimetypeapplication/vnd.oasis.opendocum")
    {
        "ods"
    } else if bytes.starts_with(b"PK") {
        "xlsx"
    } else {
        "xls"
    };
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| TableError::Workbook(e.to_string()))?;
    let range = match book.worksheet_range_at(0) {
        Some(range) => range.map_err(|e| TableError::Sheet(e.to_string()))?,
        None => return Err(TableError::NoSheets),
    };
    // The range starts at the first used cell; lines are counted as the spreadsheet does.
    // Columns are not padded out to column A: every row of the range starts at the same
    // column, and the columns are told apart by their headers. (Padding each row with the
    // empty columns before the table made a sheet whose cells sit at column XFD take 16,383
    // strings a row: gigabytes for a file of kilobytes.)
    let first_row = range.start().map_or(0, |(row, _)| row);
    let mut rows = Vec::with_capacity(range.height().min(super::MAX_ROWS + 1));
    for (i, row) in range.rows().enumerate() {
        let cells: Vec<String> = row.iter().map(text).collect();
        rows.push((first_row + i as u32 + 1, cells));
        if rows.len() > super::MAX_ROWS + super::HEADER_SEARCH_ROWS + 1 {
            break;
        }
    }
    Ok(Table {
        format,
        encoding: String::new(),
        separator: String::new(),
        rows,
    })
}

/// A cell as text. A number is written to six decimals with the trailing zeros cut: a price
/// a formula made (=A2*1,12 gives 11.120000000000001, which Excel shows as 11,12) reads as
/// the 11,12 the shop sees, while a real third decimal (12,345) stays and is refused as a
/// price. Six decimals are exact for any amount below a billion rubles.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                format!("{}", *f as i64)
            } else {
                let fixed = format!("{f:.6}");
                fixed.trim_end_matches('0').trim_end_matches('.').to_owned()
            }
        }
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => if *b { "1" } else { "0" }.to_owned(),
        Data::Error(e) => format!("#{e:?}"),
        other => other.to_string(),
    }
}
