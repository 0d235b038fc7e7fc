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
    let needle = fold(text.trim());
    let words: Vec<&str> = needle.split_whitespace().collect();
    // Words of three characters or more go to the index, each a quoted substring (quotes
    // doubled, so typed text is never read as FTS5 syntax); shorter ones have no trigram and
    // are checked here on what the index found, or on the catalogue read by name, which the
    // limit stops early.
    let fts: Vec<String> = words
        .iter()
        .filter(|w| w.chars().count() >= 3)
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect();
    let (sql, query) = if fts.is_empty() {
        (
            format!(
                "SELECT {PRODUCT_COLUMNS} FROM products WHERE archived = 0 \
                 ORDER BY name, sku"
            ),
            None,
        )
    } else {
        // A scanned barcode or a typed SKU names one product: it comes first.
        (
            format!(
                "SELECT {PRODUCT_COLUMNS} FROM products WHERE archived = 0 AND id IN \
                 (SELECT k.product_id FROM product_search s \
                  JOIN product_keys k ON k.key = s.rowid WHERE product_search MATCH ?1) \
                 ORDER BY (lower(sku) = ?2 OR barcode = ?2) DESC, name, sku"
            ),
            Some(fts.join(" ")),
        )
    };
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = match &query {
        Some(q) => stmt.query(rusqlite::params![q, needle])?,
        None => stmt.query([])?,
    };
    let mut found = Vec::new();
    while found.len() < limit {
        let Some(r) = rows.next()? else { break };
        let p = product_row(r)?;
        let haystack = fold(&format!("{}  {}  {}", p.name, p.sku, p.barcode));
        if words.iter().all(|w| haystack.contains(w)) {
            found.push(p);
        }
    }
    Ok(found)
}
