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

/// The pages of the WAL's current generation, and how many commits wrote them.
pub struct Frames {
    pages: Vec<u32>,
    commits: usize,
}

impl Frames {
    pub fn read(wal: &Path) -> Result<Frames, Error> {
        let (pages, commits) = frames(&std::fs::read(wal)?);
        Ok(Frames { pages, commits })
    }

    /// Frames per commit by the tree their page belongs to, largest first.
    pub fn per_commit(&self, trees: &Trees) -> Vec<(String, f64)> {
        if self.commits == 0 {
            return Vec::new();
        }
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        for page in &self.pages {
            let tree = match trees.0.get(page) {
                // Page 1 also holds the file's header, which a commit that grows the file
                // rewrites.
                Some(name) if *page == 1 => format!("{name} (page 1: the file's header)"),
                Some(name) => name.clone(),
                // In a file without auto-vacuum a page no b-tree holds is on the freelist:
                // its trunk page changes whenever a page is taken from it or given back.
                None => "(the freelist)".to_owned(),
            };
            *counts.entry(tree).or_default() += 1;
        }
        let mut out: Vec<(String, f64)> = counts
            .into_iter()
            .map(|(tree, n)| (tree, benchkit::round(n as f64 / self.commits as f64, 2)))
            .collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1));
        out
    }
}

/// The b-tree of each page asked about.
pub struct Trees(HashMap<u32, String>);

impl Trees {
    /// One walk of the whole file with `dbstat` (seconds on a large shop, off the clock), for
    /// the pages of every block at once. It stops early only if every page is placed, which a
    /// block that touched the freelist never is.
    pub fn place(conn: &rusqlite::Connection, blocks: &[&Frames]) -> Result<Trees, Error> {
        let mut wanted: HashSet<u32> = blocks
            .iter()
            .flat_map(|b| b.pages.iter().copied())
            .collect();
        let mut placed = HashMap::new();
        let mut stmt = conn.prepare("SELECT name, pageno FROM dbstat")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let page: u32 = row.get(1)?;
            if wanted.remove(&page) {
                placed.insert(page, row.get(0)?);
                if wanted.is_empty() {
                    break;
                }
            }
        }
        Ok(Trees(placed))
    }
}

/// The page number of every frame of the WAL's current generation, and how many of them end
/// a commit. A WAL started over keeps its file's size, so frames of earlier generations
/// follow; their salts differ from the header's.
fn frames(wal: &[u8]) -> (Vec<u32>, usize) {
    const HEADER: usize = 32;
    const FRAME_HEADER: usize = 24;
    let be = |at: usize| -> Option<u32> {
        Some(u32::from_be_bytes(wal.get(at..at + 4)?.try_into().ok()?))
    };
    // The WAL header holds the page size as it is (65536 too, unlike the database header).
    let (Some(page_size), Some(salt1), Some(salt2)) = (be(8), be(16), be(20)) else {
        // No header: nothing was written since the WAL was created.
        return (Vec::new(), 0);
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
    (pages, commits)
}
