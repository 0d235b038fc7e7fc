//! The window's commands, each one type here that both sides use: the window builds it and
//! sends it, the desk's handler receives it, and [`Command::Output`] is what comes back. This
//! list is also where the desk's list of commands comes from: the app's build script makes
//! its handler, manifest and capability from [`NAMES`] (issue 17, point 1), so a command is
//! added in one place and the two sides cannot disagree on its name, arguments or answer.
//!
//! On the wire a command travels as `{"args": <the type>}`, one Tauri argument named `args`,
//! its fields in camelCase as JavaScript writes them (`{"args": {"orderId": "…"}}`).

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

/// One command of the window: its name on the wire and its answer.
pub trait Command: Serialize + DeserializeOwned {
    const NAME: &'static str;
    type Output: Serialize + DeserializeOwned;
}

/// `name => Type { field: type, .. } -> answer;` for every command.
macro_rules! commands {
    ($($name:ident => $ty:ident { $($field:ident: $fty:ty),* $(,)? } -> $out:ty;)*) => {
        $(
            #[derive(Debug, Clone, Serialize, Deserialize)]
            #[serde(rename_all = "camelCase")]
            pub struct $ty {
                $(pub $field: $fty,)*
            }

            impl Command for $ty {
                const NAME: &'static str = stringify!($name);
                type Output = $out;
            }
        )*

        /// Every command's name, as the window invokes it and the desk registers it.
        pub const NAMES: &[&str] = &[$(stringify!($name)),*];
    };
}

commands! {
    // The queue and the window's own (src-tauri/commands/mod.rs).
    queue => Queue {} -> crate::QueueView;
    order_detail => OrderDetail { order_id: String } -> crate::OrderDetail;
    advance_order => AdvanceOrder { order_id: String } -> crate::OrderDetail;
    ui_rendered => UiRendered {} -> ();
    clock_now => ClockNow {} -> i64;
    data_revision => DataRevision {} -> i64;
    // A link the desk was started or woken with (`orderdesk://…`), once (src-tauri/links.rs).
    take_link => TakeLink {} -> Option<crate::LinkTarget>;
    // This PC's desktop: the tray and start at login (src-tauri/desktop.rs).
    desktop_settings => DesktopSettings {} -> crate::DesktopView;
    set_desktop_settings => SetDesktopSettings { choice: crate::DesktopChoice } -> crate::DesktopView;
    // The window's language («ru», «en»), for the tray's menu.
    desktop_language => DesktopLanguage { lang: String } -> ();
    // Updates of the desk itself (src-tauri/updates.rs): where from, check, install.
    update_settings => UpdateSettings {} -> crate::UpdateView;
    set_update_source => SetUpdateSource { address: String } -> crate::UpdateView;
    check_update => CheckUpdate {} -> crate::UpdateView;
    install_update => InstallUpdate { version: String } -> ();

    // Lists and lookups (src-tauri/commands/lists.rs).
    orders => Orders { query: crate::QueueQuery } -> Vec<crate::OrderRow>;
    search_orders => SearchOrders { text: String } -> Vec<crate::OrderRow>;
    count_orders => CountOrders { query: crate::QueueQuery } -> u64;
    products => Products {} -> Vec<crate::ProductView>;
    find_products => FindProducts { text: String, limit: u32 } -> Vec<crate::ProductView>;
    order_versions => OrderVersions { order_id: String } -> Vec<crate::VersionSummary>;
    diff_versions => DiffVersions { order_id: String, from: i64, to: i64 } -> crate::VersionDiff;
    order_history => OrderHistory { order_id: String } -> Vec<crate::HistoryEntry>;
    current_user => CurrentUser {} -> crate::User;

    // Who is at the desk (src-tauri/commands/people.rs).
    session => Session {} -> crate::SessionView;
    sign_in_with_pin => SignInWithPin { person_id: String, pin: String } -> crate::SessionView;
    switch_user => SwitchUser {} -> crate::SessionView;
    lock_desk => LockDesk {} -> crate::SessionView;
    people => People {} -> Vec<crate::PersonView>;
    save_person => SavePerson { person: crate::PersonInput } -> crate::PersonView;
    remove_person => RemovePerson { person_id: String } -> crate::PersonView;
    set_idle_lock_minutes => SetIdleLockMinutes { minutes: u32 } -> crate::SessionView;

    // Changes to an order, each one operation (src-tauri/commands/edit.rs).
    create_order => CreateOrder { order: crate::NewOrder } -> crate::OrderDetail;
    edit_lines => EditLines { order_id: String, edits: Vec<crate::LineEdit> } -> crate::OrderDetail;
    set_order_discount => SetOrderDiscount { order_id: String, discount: crate::Discount } -> crate::OrderDetail;
    change_delivery => ChangeDelivery { order_id: String, change: crate::DeliveryChange } -> crate::OrderDetail;
    record_payment => RecordPayment { order_id: String, payment: crate::NewPayment } -> crate::OrderDetail;
    fix_payment => FixPayment { order_id: String, fix: crate::PaymentFix } -> crate::OrderDetail;
    log_call => LogCall { order_id: String, call: crate::NewCall } -> crate::OrderDetail;
    move_order => MoveOrder { order_id: String, stage_id: String } -> crate::OrderDetail;
    cancel_order => CancelOrder { order_id: String, reason: Option<String> } -> crate::OrderDetail;
    publish_version => PublishVersion { order_id: String, version: i64 } -> crate::OrderDetail;
    confirm_version => ConfirmVersion { order_id: String, version: i64 } -> crate::OrderDetail;
    note_version => NoteVersion { order_id: String, version: i64, note: Option<String> } -> crate::OrderDetail;

    // Papers and printing (src-tauri/commands/papers.rs).
    preview_paper => PreviewPaper { order_ids: Vec<String>, kind: crate::DocKind, courier: Option<String> } -> Vec<String>;
    save_paper => SavePaper { order_ids: Vec<String>, kind: crate::DocKind, courier: Option<String> } -> String;
    print_paper => PrintPaper { order_ids: Vec<String>, kind: crate::DocKind, courier: Option<String>, printer: Option<String>, copies: u32 } -> crate::PrintOutcome;
    paper_warnings => PaperWarnings { order_ids: Vec<String>, kind: crate::DocKind } -> Vec<crate::PaperWarning>;
    printers => Printers {} -> Vec<String>;
    requisites => Requisites {} -> Option<crate::Requisites>;
    save_requisites => SaveRequisites { requisites: crate::Requisites } -> crate::Requisites;
    invoice_prefix => InvoicePrefix {} -> String;
    set_invoice_prefix => SetInvoicePrefix { prefix: String } -> String;

    // Marketplace labels (src-tauri/commands/labels.rs).
    order_labels_print => OrderLabelsPrint { order_id: String, printer: Option<String>, copies: u32 } -> crate::PrintOutcome;
    order_labels_save => OrderLabelsSave { order_id: String } -> String;

    // The shop's settings (src-tauri/commands/settings.rs).
    workflow_settings => WorkflowSettings {} -> crate::WorkflowSettings;
    edit_workflow => EditWorkflow { edit: crate::WorkflowEditInput } -> crate::WorkflowSettings;
    time_zone => TimeZone {} -> String;
    set_time_zone => SetTimeZone { name: String } -> String;
    input_limits => InputLimits {} -> crate::display::rules::InputLimitsView;
    set_input_limits => SetInputLimits { limits: crate::display::rules::InputLimitsView } -> crate::display::rules::InputLimitsView;
    delivery_payment => DeliveryPayment {} -> crate::DeliveryPaymentView;
    set_delivery_payment => SetDeliveryPayment { setting: crate::DeliveryPaymentView } -> crate::DeliveryPaymentView;

    // The team hub (src-tauri/commands/team.rs).
    sync_state => SyncState {} -> crate::sync::SyncState;
    join_team => JoinTeam { url: String, token: String } -> crate::User;
    set_comment => SetComment { order_id: String, comment: Option<String> } -> crate::OrderDetail;
    set_places => SetPlaces { order_id: String, places: Option<u32> } -> crate::OrderDetail;

    // The buyer of an order (src-tauri/commands/buyer.rs).
    set_buyer => SetBuyer { order_id: String, company: Option<crate::CompanyBuyer> } -> crate::BuyerOutcome;

    // Sales channels (src-tauri/commands/channels.rs).
    channels_list => ChannelsList {} -> Vec<crate::ChannelView>;
    channel_add => ChannelAdd { new: crate::NewConnection } -> crate::ChannelView;
    channel_set_status_map => ChannelSetStatusMap { connection_id: String, rules: Vec<crate::StatusRuleView> } -> crate::ChannelView;
    channel_remove => ChannelRemove { connection_id: String } -> ();
    channel_resume => ChannelResume { connection_id: String } -> ();
    channel_sync_now => ChannelSyncNow { connection_id: String } -> crate::SyncResult;
    order_channels => OrderChannels { order_id: String } -> Vec<crate::OrderChannelView>;
    channel_pushes => ChannelPushes { connection_id: String } -> Vec<crate::PushView>;
    order_pushes => OrderPushes { order_id: String } -> Vec<crate::PushView>;
    channel_edit => ChannelEdit { connection_id: String, edit: crate::ConnectionEdit } -> crate::ChannelView;
    channel_test_edit => ChannelTestEdit { connection_id: String, edit: crate::ConnectionEdit } -> crate::ChannelTestResult;
    certificate_fingerprint => CertificateFingerprint { pem: String } -> String;
    site_certificate => SiteCertificate { base_url: String } -> crate::SiteCertificate;

    // Marketplaces (src-tauri/commands/market.rs).
    marketplace_triggers => MarketplaceTriggers { connection_id: String } -> crate::MarketplaceTriggers;
    set_marketplace_triggers => SetMarketplaceTriggers { connection_id: String, triggers: crate::MarketplaceTriggers } -> crate::MarketplaceTriggers;
    push_retry => PushRetry { push_id: String } -> crate::PushView;
    push_dismiss => PushDismiss { push_id: String, reason: String } -> crate::PushView;
    channel_test => ChannelTest { connection_id: String } -> crate::ChannelTestResult;
    channel_test_new => ChannelTestNew { new: crate::NewConnection } -> crate::ChannelTestResult;
    ozon_warehouses => OzonWarehouses { connection_id: String } -> Vec<crate::WarehouseView>;
    ozon_warehouses_new => OzonWarehousesNew { new: crate::NewConnection } -> Vec<crate::WarehouseView>;

    // Delivery methods of a site (src-tauri/commands/delivery.rs).
    channel_delivery_map => ChannelDeliveryMap { connection_id: String } -> crate::DeliveryMapView;
    set_channel_delivery_map => SetChannelDeliveryMap { connection_id: String, edit: crate::DeliveryMapEdit } -> ();

    // The first run (src-tauri/commands/setup.rs).
    shop_setup => ShopSetup {} -> crate::ShopSetupView;
    open_demo_shop => OpenDemoShop {} -> crate::ShopSetupView;
    start_own_shop => StartOwnShop { name: String } -> crate::ShopSetupView;
    finish_requisites_step => FinishRequisitesStep {} -> crate::ShopSetupView;
    finish_methods_step => FinishMethodsStep {} -> crate::ShopSetupView;
    workflow_templates => WorkflowTemplates {} -> Vec<crate::WorkflowTemplateView>;
    choose_workflow_template => ChooseWorkflowTemplate { template: crate::WorkflowTemplate } -> crate::ShopSetupView;
    set_first_admin => SetFirstAdmin { name: String, pin: String } -> crate::ShopSetupView;

    // The catalogue (src-tauri/commands/catalog.rs).
    catalog => Catalog { text: String, archived: bool } -> Vec<crate::CatalogProduct>;
    save_product => SaveProduct { product: crate::ProductInput } -> crate::CatalogProduct;
    preview_catalog_file => PreviewCatalogFile { path: String } -> crate::ImportPreview;
    import_catalog_file => ImportCatalogFile { path: String, digest: String } -> crate::ImportDone;
    export_catalog => ExportCatalog { path: String } -> u32;

    // Orders to a spreadsheet (src-tauri/commands/export.rs).
    export_orders => ExportOrders { export: crate::OrdersExport } -> crate::OrdersExported;

    // Customers (src-tauri/commands/customers.rs).
    customers => Customers { text: String } -> Vec<crate::CustomerSummary>;
    customer => Customer { key: String } -> crate::CustomerCard;
    save_customer => SaveCustomer { customer: crate::CustomerInput } -> crate::CustomerCard;
    merge_customers => MergeCustomers { into: String, from: String } -> crate::CustomerCard;
    keep_customers_apart => KeepCustomersApart { key: String, other: String } -> crate::CustomerCard;
    split_customer => SplitCustomer { key: String } -> crate::CustomerCard;

    // Backups and recovery (src-tauri/commands/backups.rs).
    backups => Backups {} -> crate::BackupsView;
    make_backup => MakeBackup {} -> crate::BackupView;
    set_backup_settings => SetBackupSettings { settings: crate::BackupSettings } -> crate::BackupsView;
    restore_backup => RestoreBackup { name: String } -> crate::RestoreDone;
    recovery_state => RecoveryState {} -> crate::RecoveryView;
    recover => Recover { name: Option<String> } -> crate::RestoreDone;
    retry_open => RetryOpen {} -> crate::RecoveryView;
    quit => Quit {} -> ();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_snake_case_identifiers() {
        let mut seen = std::collections::BTreeSet::new();
        for name in NAMES {
            assert!(seen.insert(*name), "{name} listed twice");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}"
            );
        }
        assert_eq!(NAMES.len(), 118);
    }

    #[test]
    fn a_command_travels_as_its_fields() {
        let edit = EditLines {
            order_id: "o1".into(),
            edits: vec![],
        };
        let json = serde_json::to_value(&edit).expect("json");
        assert_eq!(json, serde_json::json!({"orderId": "o1", "edits": []}));
        assert_eq!(EditLines::NAME, "edit_lines");
    }
}
