fn main() {
    ensure_ui_dist();
    // Capabilities live under src-tauri/ while the manifest sits at the top (see Cargo.toml).
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    // The built UI is embedded at compile time: a new UI build must rebuild the shell, or the
    // binary keeps serving the old files (once a mix of old and new that did not start).
    println!("cargo:rerun-if-changed=ui/dist");
    let paths = command_paths();
    let names: Vec<&'static str> = paths
        .iter()
        .map(|p| &*String::leak(p.rsplit("::").next().unwrap_or(p).to_owned()))
        .collect();
    write_handler(&paths);
    write_capability(&names);
    let attrs = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*.json")
        .app_manifest(tauri_build::AppManifest::new().commands(Vec::leak(names)));
    if let Err(err) = tauri_build::try_build(attrs) {
        eprintln!("tauri-build failed: {err:#}");
        std::process::exit(1);
    }
}

/// The one list of the window's commands is `proto::cmd` (issue 17, point 1): the handler,
/// the app manifest and the capability are made from it here, so none of them can miss a
/// command, and each command's arguments and answer are the types both sides use.
fn command_paths() -> Vec<String> {
    proto::cmd::NAMES
        .iter()
        .map(|name| format!("commands::{name}"))
        .collect()
}

fn stop(why: &str) -> ! {
    eprintln!("{why}");
    std::process::exit(1);
}

/// `$OUT_DIR/invoke_handler.rs`, which lib.rs includes as its `invoke_handler`.
fn write_handler(paths: &[String]) {
    let out = std::env::var_os("OUT_DIR").unwrap_or_else(|| stop("OUT_DIR is not set"));
    let handler = format!(
        "tauri::generate_handler![\n    {},\n]\n",
        paths.join(",\n    ")
    );
    let file = std::path::Path::new(&out).join("invoke_handler.rs");
    if let Err(e) = std::fs::write(&file, handler) {
        stop(&format!("{}: {e}", file.display()));
    }
}

/// `capabilities/default.json`: the main window may call these commands and nothing else.
/// Written only when it changes, so a build leaves the committed file as it is.
fn write_capability(names: &[&str]) {
    let permissions: Vec<String> = names
        .iter()
        .map(|n| format!("    \"allow-{}\"", n.replace('_', "-")))
        .collect();
    let json = format!(
        "{{\n  \"identifier\": \"default\",\n  \"description\": \"The main window may call \
         OrderDesk's own commands and nothing else.\",\n  \"windows\": [\n    \"main\"\n  ],\n  \
         \"permissions\": [\n{}\n  ]\n}}\n",
        permissions.join(",\n")
    );
    let file = std::path::Path::new("src-tauri/capabilities/default.json");
    if std::fs::read_to_string(file).ok().as_deref() != Some(json.as_str()) {
        if let Err(e) = std::fs::write(file, json) {
            stop(&format!("{}: {e}", file.display()));
        }
    }
}

fn ensure_ui_dist() {
    let dist = std::path::Path::new("ui/dist");
    if dist.join("index.html").exists() {
        return;
    }
    let page = "<!doctype html><html lang=\"ru\"><meta charset=\"utf-8\"><title>OrderDesk</title>\
        <body><p>Интерфейс не собран: выполните <code>cargo xtask run</code>.</p>\
        <p>The UI is not built: run <code>cargo xtask run</code>.</p></body></html>";
    if let Err(err) =
        std::fs::create_dir_all(dist).and_then(|()| std::fs::write(dist.join("index.html"), page))
    {
        println!("cargo:warning=cannot create ui/dist: {err}");
    }
}
