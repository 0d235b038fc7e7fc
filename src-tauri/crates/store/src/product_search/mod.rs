//! The product picker's search: any part of a name, an SKU or a barcode, through the trigram
//! index of migration 0039; archived products are not offered.

#[cfg(test)]
mod tests;

use domain::Product;
use rusqlite::Connection;

use crate::catalog::{product_row, PRODUCT_COLUMNS};
use crate::{Store, StoreError};

/// Matches a search returns at most: a dropdown, not a list to scroll.
pub const PRODUCT_MATCHES_MAX: u32 = 50;

/// Products read by name before a search turns to the trigram index.
const READ_FIRST: usize = 300;

impl Store {
    /// Products not archived whose name, SKU or barcode holds every word of `text` (any case,
    /// ё as е): an exact SKU or barcode first, then by name; the first by name when `text` is
    /// empty. At most `limit` (1 to [`PRODUCT_MATCHES_MAX`]).
    pub fn find_products(&self, text: &str, limit: u32) -> Result<Vec<Product>, StoreError> {
        let text = text.to_owned();
        self.readers.read(move |conn| find(conn, &text, limit))
    }
}

/// Lower case with ё as е, as the index holds it (its tokenizer folds case the same way).
fn fold(s: &str) -> String {
    s.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == 'ё' { 'е' } else { c })
        .collect()
}

fn find(conn: &Connection, text: &str, limit: u32) -> Result<Vec<Product>, StoreError> {
    let limit = limit.clamp(1, PRODUCT_MATCHES_MAX) as usize;
    let typed = text.trim();
    let needle = fold(typed);
    let words: Vec<&str> = needle.split_whitespace().collect();
    // Words of three characters or more can go to the index, each a quoted substring (quotes
    // doubled, so typed text is never read as FTS5 syntax); shorter ones have no trigram and
    // are checked here, as every word is on what is read.
    let fts: Vec<String> = words
        .iter()
        .filter(|w| w.chars().count() >= 3)
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    // A scanned barcode or a typed SKU names one product: it comes first, found through the
    // SKU and barcode indexes.
    let mut exact: Vec<Product> = Vec::new();
    if !typed.is_empty() {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {PRODUCT_COLUMNS} FROM products WHERE archived = 0 \
             AND (sku IN (?1, ?2) OR barcode = ?1) ORDER BY name, sku"
        ))?;
        let mut rows = stmt.query(rusqlite::params![typed, typed.to_uppercase()])?;
        while let Some(r) = rows.next()? {
            exact.push(product_row(r)?);
        }
        exact.truncate(limit);
    }
    let wanted = limit - exact.len();
    let matches = |p: &Product| {
        !exact.iter().any(|e| e.id == p.id) && {
            let haystack = fold(&format!("{}  {}  {}", p.name, p.sku, p.barcode));
            words.iter().all(|w| haystack.contains(w))
        }
    };
    // The rest by name. A common word («кабель») matches much of the catalogue: reading by
    // name (the partial index of migration 0039) finds a dropdown's worth at once, where the
    // trigram index would hand over every match to be sorted; only a rarer word, not met in
    // the first products read, goes on to the index.
    let mut more = Vec::new();
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PRODUCT_COLUMNS} FROM products \
         WHERE archived = 0 ORDER BY name, sku"
    ))?;
    let mut rows = stmt.query([])?;
    let mut read = 0;
    while more.len() < wanted && (fts.is_empty() || read < READ_FIRST) {
        let Some(r) = rows.next()? else { break };
        read += 1;
        let p = product_row(r)?;
        if matches(&p) {
            more.push(p);
        }
    }
    drop(rows);
    if !fts.is_empty() && more.len() < wanted && read == READ_FIRST {
        more.clear();
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT {PRODUCT_COLUMNS} FROM products WHERE archived = 0 AND id IN \
             (SELECT k.product_id FROM product_search s \
              JOIN product_keys k ON k.key = s.rowid WHERE product_search MATCH ?1) \
             ORDER BY name, sku"
        ))?;
        let mut rows = stmt.query([fts.join(" ")])?;
        while more.len() < wanted {
            let Some(r) = rows.next()? else { break };
            let p = product_row(r)?;
            if matches(&p) {
                more.push(p);
            }
        }
    }
    exact.extend(more);
    Ok(exact)
}
