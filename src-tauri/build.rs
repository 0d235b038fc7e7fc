fn main() {
    ensure_ui_dist();
    // Capabilities live under src-tauri/ while the manifest sits at the top (see Cargo.toml).
    println!("cargo:rerun-if-changed=src-tauri/capabilities");
    // The built UI is embedded at compile time: a new UI build must rebuild the shell, or the
    // binary keeps serving the old files (once a mix of old and new that did not start).
    println!("cargo:rerun-if-changed=ui/dist");
    let attrs = tauri_build::Attributes::new()
        .capabilities_path_pattern("src-tauri/capabilities/**/*.json")
        .app_manifest(tauri_build::AppManifest::new().commands(orderdesk_commands()));
    if let Err(err) = tauri_build::try_build(attrs) {
        eprintln!("tauri-build failed: {err:#}");
        std::process::exit(1);
    }
}

/// Every command the UI may invoke; each gets an `allow-…` permission that the capability grants.
fn orderdesk_commands() -> &'static [&'static str] {
    &[
        "queue",
        "order_detail",
        "advance_order",
        "ui_rendered",
        "clock_now",
        "data_revision",
        "orders",
        "search_orders",
        "count_orders",
        "products",
        "find_products",
        "order_versions",
        "diff_versions",
        "order_history",
        "current_user",
        "session",
        "sign_in_with_pin",
        "switch_user",
        "lock_desk",
        "people",
        "save_person",
        "remove_person",
        "set_idle_lock_minutes",
        "create_order",
        "edit_lines",
        "set_order_discount",
        "change_delivery",
        "record_payment",
        "fix_payment",
        "log_call",
        "move_order",
        "cancel_order",
        "publish_version",
        "confirm_version",
        "note_version",
        "preview_paper",
        "save_paper",
        "print_paper",
        "paper_warnings",
        "order_labels_print",
        "order_labels_save",
        "printers",
        "requisites",
        "save_requisites",
        "invoice_prefix",
        "set_invoice_prefix",
        "workflow_settings",
        "edit_workflow",
        "time_zone",
        "set_time_zone",
        "input_limits",
        "set_input_limits",
        "delivery_payment",
        "set_delivery_payment",
        "sync_state",
        "join_team",
        "set_comment",
        "set_places",
        "set_buyer",
        "channels_list",
        "channel_add",
        "channel_set_status_map",
        "channel_remove",
        "channel_resume",
        "channel_sync_now",
        "order_channels",
        "channel_pushes",
        "order_pushes",
        "marketplace_triggers",
        "set_marketplace_triggers",
        "push_retry",
        "push_dismiss",
        "channel_test",
        "channel_test_new",
        "channel_edit",
        "channel_test_edit",
        "certificate_fingerprint",
        "site_certificate",
        "channel_delivery_map",
        "set_channel_delivery_map",
        "ozon_warehouses",
        "ozon_warehouses_new",
        "shop_setup",
        "open_demo_shop",
        "start_own_shop",
        "finish_requisites_step",
        "finish_methods_step",
        "workflow_templates",
        "choose_workflow_template",
        "set_first_admin",
        "catalog",
        "save_product",
        "preview_catalog_file",
        "import_catalog_file",
        "export_catalog",
        "export_orders",
        "customers",
        "customer",
        "save_customer",
        "merge_customers",
        "keep_customers_apart",
        "split_customer",
        "backups",
        "make_backup",
        "set_backup_settings",
        "restore_backup",
        "recovery_state",
        "recover",
        "retry_open",
        "quit",
    ]
}

/// Tauri embeds `ui/dist` at compile time and refuses to compile without it. `cargo xtask`
/// builds the real UI there; a bare `cargo build` or `cargo clippy` on a fresh clone gets a page
/// that says how to build it, instead of a compile error.
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
