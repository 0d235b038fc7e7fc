//! A CSV (or tab-separated text) as a table: its encoding (UTF-8, with or without BOM,
//! UTF-16 as Excel's «Unicode text» saves it, else Windows-1251, what Excel saves as «CSV» in
//! a Russian Windows) and its separator (`;` in Russian Excel, `,`, tab) found from the text.

use super::{Table, TableError};

const SEPARATORS: [u8; 3] = [b';', b',', b'\t'];

/// How many lines decide the separator.
const SNIFF_LINES: usize = 20;

pub(crate) fn read(bytes: &[u8]) -> Result<Table, TableError> {
    let (text, encoding) = decode(bytes);
    // Text has no NULs and few control characters; a binary file (an image, an archive, a
    // random file) has plenty of both.
    let controls = text
        .chars()
        .take(64 * 1024)
        .filter(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .count();
    if text.contains('\0') || controls > 8 {
        return Err(TableError::NotATable);
    }
    let separator = sniff(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| TableError::Csv {
            line: e.position().map_or(0, |p| p.line()),
            why: e.to_string(),
        })?;
        let line = record.position().map_or(0, |p| p.line()) as u32;
        rows.push((line, record.iter().map(str::to_owned).collect()));
        if rows.len() > super::MAX_ROWS + super::HEADER_SEARCH_ROWS + 1 {
            break;
        }
    }
    Ok(Table {
        format: "csv",
        encoding: encoding.to_owned(),
        separator: match separator {
            b'\t' => "tab".to_owned(),
            s => char::from(s).to_string(),
        },
        rows,
    })
}

fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return (text.into_owned(), encoding.name());
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), "UTF-8"),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1251.decode_without_bom_handling(bytes);
            (text.into_owned(), encoding_rs::WINDOWS_1251.name())
        }
    }
}

/// The separator that splits the first lines into the same number of fields most often, the
/// most fields on a tie: «Вес, г» in a `;` file splits in two at the comma, but its rows
/// split in more at the semicolons.
fn sniff(text: &str) -> u8 {
    let mut best = (0, 0, b';');
    for sep in SEPARATORS {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(sep)
            .from_reader(text.as_bytes());
        let counts: Vec<usize> = reader
            .records()
            .take(SNIFF_LINES)
            .filter_map(Result::ok)
            .filter(|r| r.iter().any(|f| !f.trim().is_empty()))
            .map(|r| r.len())
            .collect();
        let Some(&fields) = counts
            .iter()
            .max_by_key(|n| counts.iter().filter(|m| m == n).count())
        else {
            continue;
        };
        if fields < 2 {
            continue;
        }
        let same = counts.iter().filter(|n| **n == fields).count();
        if (same, fields) > (best.0, best.1) {
            best = (same, fields, sep);
        }
    }
    best.2
}
