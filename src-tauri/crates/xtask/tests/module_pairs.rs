//! No two modules of `store`, `channels`, `sync`, `hub` or `hub-connectors` use each other
//! (issue 17): a pair that does is one module cut in two, and whoever changes one half must
//! read both. What they share goes to a third module both use. A module here is a top-level
//! file or folder of the crate's `src`; what it uses is every `crate::name` outside comments
//! and its own tests.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const CRATES: [&str; 5] = ["store", "channels", "sync", "hub", "hub-connectors"];

fn src(krate: &str) -> PathBuf {
    // This crate is one of `src-tauri/crates`.
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(krate)
        .join("src")
}

fn rust_files(dir: &Path, into: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_files(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push(path);
        }
    }
}

/// The module a file belongs to: `a.rs` and everything under `a/` are `a`.
fn modules(root: &Path) -> BTreeMap<String, Vec<PathBuf>> {
    let mut files = Vec::new();
    rust_files(root, &mut files);
    let mut by_module: BTreeMap<String, Vec<PathBuf>> = BTreeMap::new();
    for file in files {
        let Ok(rel) = file.strip_prefix(root) else {
            continue;
        };
        let first = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = first.trim_end_matches(".rs").to_owned();
        if name == "lib" || name == "main" {
            continue;
        }
        by_module.entry(name).or_default().push(file);
    }
    by_module
}

/// The code of a file without its line comments and its `mod tests`.
fn code(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or(text);
    text.lines()
        .map(|line| line.split("//").next().unwrap_or(line))
        .collect::<Vec<_>>()
        .join("\n")
}

fn identifiers(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
}

/// The crate's modules a piece of code names: `crate::a…` and `use crate::{a, b::c};`.
fn used(code: &str, names: &BTreeSet<String>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let rest = &code[at + "crate::".len()..];
        let group = if let Some(inner) = rest.strip_prefix('{') {
            inner.split('}').next().unwrap_or("")
        } else {
            rest.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .next()
                .unwrap_or("")
        };
        // In a group, a module is a name that starts an item: `a`, `a::b`, `self` excluded.
        for item in group.split(',') {
            if let Some(first) = identifiers(item.trim()).next() {
                if names.contains(first) {
                    out.insert(first.to_owned());
                }
            }
        }
    }
    out
}

fn pairs(krate: &str) -> Vec<(String, String)> {
    let by_module = modules(&src(krate));
    let names: BTreeSet<String> = by_module.keys().cloned().collect();
    let mut uses: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (name, files) in &by_module {
        let mut all = BTreeSet::new();
        for file in files {
            let text =
                std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            all.extend(used(&code(&text), &names));
        }
        all.remove(name);
        uses.insert(name, all);
    }
    let mut found = Vec::new();
    for (a, used_by_a) in &uses {
        for b in used_by_a {
            if a < &b.as_str() && uses.get(b.as_str()).is_some_and(|u| u.contains(*a)) {
                found.push((a.to_string(), b.clone()));
            }
        }
    }
    found
}

#[test]
fn no_two_modules_of_a_crate_use_each_other() {
    let mut all = Vec::new();
    for krate in CRATES {
        for (a, b) in pairs(krate) {
            all.push(format!("{krate}: {a} <-> {b}"));
        }
    }
    assert!(
        all.is_empty(),
        "modules that use each other:\n{}",
        all.join("\n")
    );
}

/// The scan itself: a pair written into a sample is found, comments and tests are not.
#[test]
fn the_scan_finds_a_pair_and_ignores_comments_and_tests() {
    let names: BTreeSet<String> = ["a", "b", "c"].map(String::from).into();
    assert_eq!(
        used("use crate::{b::x, c};\nfn f() { crate::a::g() }", &names),
        ["a", "b", "c"].map(String::from).into()
    );
    let commented = code("// see crate::b\nfn f() {}\n#[cfg(test)]\nmod tests { crate::c::h() }");
    assert!(used(&commented, &names).is_empty());
}
