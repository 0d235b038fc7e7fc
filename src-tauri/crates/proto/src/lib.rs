//! Types that cross the boundary between the desk backend and the wasm UI.
//!
//! Everything here is plain serde data: no database, no HTTP, no clock. Money is integer
//! kopecks, quantities integer thousandths, instants Unix milliseconds (UTC); the UI formats
//! them for the shop's locale.
//!
//! ```
//! let err = proto::CommandError::new(proto::ErrorCode::NotFound, "Заказ не найден");
//! let json = serde_json::to_string(&err).unwrap();
//! assert_eq!(json, r#"{"code":"not_found","message":"Заказ не найден"}"#);
//! ```

mod backups;
mod buyer;
mod catalog;
mod channel_errors;
mod channel_flags;
mod channel_test;
mod channels;
pub mod cmd;
mod customers;
mod delivery_map;
mod delivery_payment;
mod desktop;
mod discount_text;
pub mod display;
mod edit;
mod error;
mod error_reason;
mod history;
mod history_event;
mod lenient;
mod links;
mod market;
mod market_words;
mod order_export;
mod papers;
mod payment_fix;
mod people;
mod push_notes;
mod queue;
mod setup;
pub mod sync;
mod update;
mod version_diff;
mod workflow;

pub use backups::{
    BackupKind, BackupSettings, BackupView, BackupsView, OpenProblem, OpenProblemKind,
    RecoveryView, RestoreDone,
};
pub use buyer::{BuyerField, BuyerFieldError, BuyerOutcome, BuyerProblem, CompanyBuyer};
pub use catalog::{
    CatalogField, CatalogProduct, ColumnMatch, ImportDone, ImportPreview, ImportProblem,
    ProblemKind, ProductInput,
};
pub use channel_errors::{ChannelErrorCode, ChannelErrorView};
pub use channel_flags::ChannelFlag;
pub use channel_test::{ChannelTestOutcome, TestProblem};
pub use channels::{
    ChannelKind, ChannelStateView, ChannelView, ConnectionEdit, MarketSetup, MarketplaceTriggers,
    NewConnection, NewKeys, OrderChannelView, PushDismissal, PushView, SiteCertificate,
    SiteCertificateRequest, StatusRuleView, SyncResult, TriggerView, TrustEdit, TrustInput,
    TrustView, WarehouseView,
};
pub use customers::{CustomerCard, CustomerInput, CustomerSummary};
pub use delivery_map::{DeliveryMapEdit, DeliveryMapView, SiteDeliveryMethod};
pub use delivery_payment::{method_name, DeliveryPaymentProblem, DeliveryPaymentView, TariffView};
pub use desktop::{DesktopChoice, DesktopView};
pub use discount_text::{discount_text, parse_discount};
pub use edit::{
    CallOutcome, DeliveryChange, Discount, LineEdit, NewCall, NewLine, NewOrder, NewPayment,
    ProductView, QueueQuery, QueueScope, Role, User, VatRate,
};
pub use error::{CommandError, ErrorCode};
pub use error_reason::{
    role_name, AdminTask, ChannelTask, DeliveryMapProblem, DocumentProblem, ErrorReason,
    InputField, InputProblem, MarketActionProblem, MarketNumber, OpRefusal, PreviewProblem,
    PrintProblem, ProductProblem, RequisiteField, RequisiteProblem, SetupStage, ShopPart,
    SignInRefusal, WorkflowProblem,
};
pub use history::{
    Alert, CallView, Change, DiffLine, HistoryEntry, LineChangeView, PaymentStatus, PaymentView,
    StageRef, VatView, VersionDiff, VersionSummary,
};
pub use history_event::{BuyerSummary, HistoryEvent, HubRefusalView, StateView};
pub use links::LinkTarget;
pub use market::{ChannelTag, ChannelTestResult, TriggerSlot};
pub use market_words::{MarketSlot, PushState};
pub use order_export::{ExportFailure, ExportPeriod, OrdersExport, OrdersExported, SheetKind};
pub use papers::{DocKind, PaperWarning, PrintOutcome, Requisites};
pub use payment_fix::{PaymentEntryKind, PaymentEvent, PaymentFix, Refusal};
pub use people::{PersonInput, PersonView, SessionState, SessionView, SignInChoice};
pub use queue::{
    Channel, DeliveryMethod, LineView, OrderDetail, OrderRow, PaymentMethod, QueueView, StageKind,
    StageSummary,
};
pub use setup::{SetupKind, SetupStep, ShopSetupView, WorkflowTemplate, WorkflowTemplateView};
pub use update::{UpdateOffer, UpdateProblem, UpdateView};
pub use version_diff::DiffWindow;
pub use workflow::{StageSettings, WorkflowChange, WorkflowEditInput, WorkflowSettings};

/// Integer kopecks; 1 ₽ = 100.
pub type Kopecks = i64;
/// Integer thousandths of a unit; 1 pc = 1000.
pub type Milli = i64;
/// Unix milliseconds, UTC.
pub type UnixMs = i64;
