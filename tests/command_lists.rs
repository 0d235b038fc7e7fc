//! The desk's commands have one list, `proto::cmd`: build.rs makes the handler (which lib.rs
//! includes), the app manifest and `src-tauri/capabilities/default.json` from it, and the
//! window calls a command by building its type, so a command it calls that is not listed
//! does not compile. What no build checks is the other way: a listed command the window never
//! calls is a door left open; and the capability is a committed file. This test reads the
//! list, the committed capability and the window's calls, and fails when they disagree
//! (issue 17, point 1).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The commands' names, from the one list.
fn listed() -> BTreeSet<String> {
    proto::cmd::NAMES.iter().map(|n| (*n).to_owned()).collect()
}

/// `order_detail` → `OrderDetail`, the command's type in `proto::cmd`.
fn type_name(name: &str) -> String {
    name.split('_')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// lib.rs no longer lists them: it includes the handler build.rs writes from the list.
#[test]
fn the_handler_is_the_one_build_rs_makes_from_the_list() {
    let lib = read(&root().join("src-tauri/lib.rs"));
    assert!(
        lib.contains(r#"include!(concat!(env!("OUT_DIR"), "/invoke_handler.rs"))"#),
        "lib.rs includes the generated handler"
    );
    assert!(
        !lib.contains("generate_handler!["),
        "and lists no command itself"
    );
    let build = read(&root().join("src-tauri/build.rs"));
    assert!(
        build.contains("proto::cmd::NAMES"),
        "build.rs reads the one list"
    );
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

/// The commands the window builds (`cmd::OrderDetail {`, `cmd::Queue {}`): a command the
/// window calls must be a type of `proto::cmd`, so the compiler already refuses one that is
/// not listed; what is left to find is a listed one the window never calls.
fn window_calls() -> BTreeSet<String> {
    let mut files = Vec::new();
    rust_files(&root().join("ui/src"), &mut files);
    let text: String = files.iter().map(|f| read(f)).collect();
    listed()
        .into_iter()
        .filter(|name| {
            let built = format!("cmd::{} {{", type_name(name));
            text.contains(&built)
        })
        .collect()
}

fn differ(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Vec<String> {
    a.difference(b).cloned().collect()
}

#[test]
fn the_list_the_capability_and_the_window_agree() {
    let (listed, capability, window) = (listed(), capability(), window_calls());
    assert!(listed.len() > 100, "the list was read: {listed:?}");
    assert_eq!(
        (differ(&listed, &capability), differ(&capability, &listed)),
        (vec![], vec![]),
        "proto::cmd and capabilities/default.json (not allowed, allowed but not a command): \
         a build writes the capability from the list; commit what it wrote"
    );
    assert_eq!(
        differ(&window, &listed),
        Vec::<String>::new(),
        "the window calls commands that are not registered"
    );
    assert_eq!(
        differ(&listed, &window),
        Vec::<String>::new(),
        "registered commands the window never calls"
    );
}
