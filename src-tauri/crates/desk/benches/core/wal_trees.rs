//! Which tables and indexes the pages an op writes belong to. An op costs the store several
//! times a bare transaction mostly because it writes several times the pages (each page
//! changed is one WAL frame: written, checksummed, later copied into the database file), so
//! the report names them: `wal_frames_by_tree` in `core.json`.
//!
//! Read from the WAL itself after a block that started from an empty WAL: every frame of the
//! current generation (the header's salts) names its page; SQLite's `dbstat` table then says
//! which b-tree holds each of those pages.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use crate::Error;

/// Frames per commit by the tree they belong to, largest first. A page no tree holds was
/// free when looked up (the pages a block's splits abandoned).
pub fn per_commit(conn: &rusqlite::Connection, wal: &Path) -> Result<Vec<(String, f64)>, Error> {
    let (pages, commits) = frames(&std::fs::read(wal)?)?;
    if commits == 0 {
        return Ok(Vec::new());
    }
    let mut wanted: HashSet<u32> = pages.iter().copied().collect();
    let mut tree_of: HashMap<u32, String> = HashMap::new();
    // A full walk of the file on a large shop (seconds, off the clock); it stops once every
    // page is placed.
    let mut stmt = conn.prepare("SELECT name, pageno FROM dbstat")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let page: u32 = row.get(1)?;
        if wanted.remove(&page) {
            tree_of.insert(page, row.get(0)?);
            if wanted.is_empty() {
                break;
            }
        }
    }
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for page in &pages {
        let tree = match tree_of.get(page) {
            // Page 1 also holds the file's header, which a commit that grows the file
            // rewrites.
            Some(name) if *page == 1 => format!("{name} (page 1: the file's header)"),
            Some(name) => name.clone(),
            None => "(a page free when looked up)".to_owned(),
        };
        *counts.entry(tree).or_default() += 1;
    }
    let mut out: Vec<(String, f64)> = counts
        .into_iter()
        .map(|(tree, n)| (tree, benchkit::round(n as f64 / commits as f64, 2)))
        .collect();
    out.sort_by(|a, b| b.1.total_cmp(&a.1));
    Ok(out)
}

/// The page number of every frame of the WAL's current generation, and how many of them end
/// a commit. A WAL started over keeps its file's size, so frames of earlier generations
/// follow; their salts differ from the header's.
fn frames(wal: &[u8]) -> Result<(Vec<u32>, usize), Error> {
    const HEADER: usize = 32;
    const FRAME_HEADER: usize = 24;
    let be = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(wal.get(at..at + 4)?.try_into().ok()?))
    };
    let (Some(page_size), Some(salt1), Some(salt2)) = (be(8), be(16), be(20)) else {
        // No header: nothing was written since the WAL was created.
        return Ok((Vec::new(), 0));
    };
    let step = FRAME_HEADER + page_size as usize;
    let mut pages = Vec::new();
    let mut commits = 0;
    let mut at = HEADER;
    while at + step <= wal.len() {
        let (Some(page), Some(commit), Some(s1), Some(s2)) =
            (be(at), be(at + 4), be(at + 8), be(at + 12))
        else {
            break;
        };
        if (s1, s2) != (salt1, salt2) {
            break;
        }
        pages.push(page);
        commits += usize::from(commit != 0);
        at += step;
    }
    Ok((pages, commits))
}
