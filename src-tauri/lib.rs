//! The desktop shell: opens the shop database, registers the commands, shows the window.
//! Everything the commands do is in the `desk` crate.

mod commands;
mod launch;
mod shop;
mod watch;
mod window_state;

use std::sync::Arc;

use tauri::Manager;

pub use launch::Launch;

/// Shared state of the running desk.
pub struct AppState {
    /// The open desk, or why its database could not be opened (the recovery window).
    pub shop: Arc<shop::Shop>,
    pub launch: Launch,
}

impl AppState {
    /// The open desk; `desk_closed` while it is not (the commands' own reply, see shop.rs).
    #[allow(clippy::result_large_err)]
    pub fn desk(&self) -> Result<Arc<desk::Desk>, proto::CommandError> {
        self.shop.desk()
    }
}

pub fn run() {
    let launch = Launch::from_env();
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .init();

    let result = tauri::Builder::default()
        .setup(move |app| {
            let data_dir = match &launch.data_dir {
                Some(dir) => dir.clone(),
                None => app.path().app_data_dir()?,
            };
            tracing::info!(data_dir = %data_dir.display(), "opening the shop");
            // A database that cannot be opened leaves the desk closed and the window on the
            // recovery screen, which says why and offers the latest good copy.
            let shop = shop::Shop::open(data_dir.clone(), launch.clone());
            app.manage(AppState {
                shop: Arc::new(shop),
                launch: launch.clone(),
            });
            window_state::keep(app, &data_dir);
            if let Some(window) = app.get_webview_window("main") {
                window_state::restore(&window, &data_dir);
            }
            Ok(())
        })
        .on_window_event(|window, event| {
            if matches!(
                event,
                tauri::WindowEvent::Resized(_) | tauri::WindowEvent::Moved(_)
            ) {
                if let Some(keeper) = window.try_state::<window_state::Keeper>() {
                    keeper.record(window);
                }
            }
        })
        .invoke_handler(tauri::generate_handler![
            commands::queue,
            commands::order_detail,
            commands::advance_order,
            commands::ui_rendered,
            commands::clock_now,
            commands::data_revision,
            commands::orders,
            commands::search_orders,
            commands::count_orders,
            commands::products,
            commands::find_products,
            commands::order_versions,
            commands::diff_versions,
            commands::order_history,
            commands::current_user,
            commands::session,
            commands::sign_in_with_pin,
            commands::switch_user,
            commands::lock_desk,
            commands::people,
            commands::save_person,
            commands::remove_person,
            commands::set_idle_lock_minutes,
            commands::create_order,
            commands::edit_lines,
            commands::set_order_discount,
            commands::change_delivery,
            commands::record_payment,
            commands::fix_payment,
            commands::log_call,
            commands::move_order,
            commands::cancel_order,
            commands::publish_version,
            commands::confirm_version,
            commands::note_version,
            commands::preview_paper,
            commands::save_paper,
            commands::print_paper,
            commands::paper_warnings,
            commands::order_labels_print,
            commands::order_labels_save,
            commands::printers,
            commands::requisites,
            commands::save_requisites,
            commands::invoice_prefix,
            commands::set_invoice_prefix,
            commands::workflow_settings,
            commands::edit_workflow,
            commands::time_zone,
            commands::set_time_zone,
            commands::input_limits,
            commands::set_input_limits,
            commands::delivery_payment,
            commands::set_delivery_payment,
            commands::sync_state,
            commands::join_team,
            commands::set_comment,
            commands::set_places,
            commands::set_buyer,
            commands::channels_list,
            commands::channel_add,
            commands::channel_set_status_map,
            commands::channel_remove,
            commands::channel_resume,
            commands::channel_sync_now,
            commands::order_channels,
            commands::channel_pushes,
            commands::order_pushes,
            commands::marketplace_triggers,
            commands::set_marketplace_triggers,
            commands::push_retry,
            commands::push_dismiss,
            commands::channel_test,
            commands::channel_test_new,
            commands::channel_edit,
            commands::channel_test_edit,
            commands::certificate_fingerprint,
            commands::site_certificate,
            commands::channel_delivery_map,
            commands::set_channel_delivery_map,
            commands::ozon_warehouses,
            commands::ozon_warehouses_new,
            commands::shop_setup,
            commands::open_demo_shop,
            commands::start_own_shop,
            commands::finish_requisites_step,
            commands::finish_methods_step,
            commands::workflow_templates,
            commands::choose_workflow_template,
            commands::set_first_admin,
            commands::catalog,
            commands::save_product,
            commands::preview_catalog_file,
            commands::import_catalog_file,
            commands::export_catalog,
            commands::export_orders,
            commands::customers,
            commands::customer,
            commands::save_customer,
            commands::merge_customers,
            commands::keep_customers_apart,
            commands::split_customer,
            commands::backups,
            commands::make_backup,
            commands::set_backup_settings,
            commands::restore_backup,
            commands::recovery_state,
            commands::recover,
            commands::retry_open,
            commands::quit,
        ])
        .build(tauri::generate_context!());
    match result {
        Ok(app) => app.run(|app, event| {
            // Let the sync loop finish its round, so the last answer from the hub is kept.
            if let tauri::RunEvent::Exit = event {
                // The window's last move or resize may still be settling: write it now.
                if let Some(keeper) = app.try_state::<window_state::Keeper>() {
                    keeper.flush();
                }
                if let Some(state) = app.try_state::<AppState>() {
                    state.shop.stop();
                }
            }
        }),
        Err(err) => {
            eprintln!("OrderDesk could not start: {err}");
            std::process::exit(1);
        }
    }
}
