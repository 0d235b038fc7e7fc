//! The desk's commands are listed by hand in four places: the handler (`src-tauri/lib.rs`),
//! the app manifest (`src-tauri/build.rs`), the window's capability
//! (`src-tauri/capabilities/default.json`) and the window's calls (`ui/src`). A command missing
//! from one of them fails only at run time, in the window («command not allowed», «not found»),
//! or is never called at all. This test reads the four and fails when they disagree
//! (issue 17, point 1, until the list has one source).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of `text` between the first `start` and the next `end` after it.
fn between<'a>(text: &'a str, start: &str, end: &str) -> &'a str {
    let from = text.find(start).unwrap_or_else(|| panic!("no {start:?}")) + start.len();
    let rest = &text[from..];
    &rest[..rest
        .find(end)
        .unwrap_or_else(|| panic!("no {end:?} after {start:?}"))]
}

/// `"name"` strings, in order.
fn quoted(text: &str) -> Vec<String> {
    text.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

fn manifest() -> BTreeSet<String> {
    let build = read(&root().join("src-tauri/build.rs"));
    let list = between(&build, "fn orderdesk_commands", "]\n}");
    let list = &list[list.find("&[").expect("the list") + 2..];
    quoted(list).into_iter().collect()
}

fn handler() -> BTreeSet<String> {
    let lib = read(&root().join("src-tauri/lib.rs"));
    between(&lib, "generate_handler![", "])")
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|path| path.rsplit("::").next().unwrap_or(path).to_owned())
        .collect()
}

fn capability() -> BTreeSet<String> {
    let text = read(&root().join("src-tauri/capabilities/default.json"));
    let json: serde_json::Value = serde_json::from_str(&text).expect("the capability is JSON");
    json["permissions"]
        .as_array()
        .expect("its permissions")
        .iter()
        .filter_map(|p| p.as_str()?.strip_prefix("allow-"))
        .map(|p| p.replace('-', "_"))
        .collect()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Every `call("name"` of the window (whitespace allowed after the parenthesis).
fn window_calls() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(&root().join("ui/src"), &mut files);
    let mut names = BTreeSet::new();
    for file in files {
        let text = read(&file);
        for (at, _) in text.match_indices("call(") {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let after = text[at + "call(".len()..].trim_start();
            if let Some(rest) = after.strip_prefix('"') {
                if let Some(end) = rest.find('"') {
                    names.insert(rest[..end].to_owned());
                }
            }
        }
    }
    names
}

fn differ(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Vec<String> {
    a.difference(b).cloned().collect()
}

#[test]
fn the_four_command_lists_agree() {
    let (manifest, handler, capability, window) =
        (manifest(), handler(), capability(), window_calls());
    assert!(
        manifest.len() > 100,
        "the manifest list was read: {manifest:?}"
    );
    assert_eq!(
        (differ(&manifest, &handler), differ(&handler, &manifest)),
        (vec![], vec![]),
        "build.rs and lib.rs's generate_handler! (in build.rs only, in lib.rs only)"
    );
    assert_eq!(
        (
            differ(&manifest, &capability),
            differ(&capability, &manifest)
        ),
        (vec![], vec![]),
        "build.rs and capabilities/default.json (not allowed, allowed but not a command)"
    );
    assert_eq!(
        differ(&window, &manifest),
        Vec::<String>::new(),
        "the window calls commands that are not registered"
    );
    assert_eq!(
        differ(&manifest, &window),
        Vec::<String>::new(),
        "registered commands the window never calls"
    );
}
