//! OrderDesk's business rules, free of I/O: money in kopecks, pricing (discounts, VAT,
//! delivery tariffs), orders and their versions, the workflow (stages, routes, time limits,
//! roles) and operations. Time is always passed in.
//!
//! ```
//! use domain::{DeliveryMethod, PaymentMethod, Workflow};
//!
//! let wf = Workflow::default_template();
//! // A pickup paid in cash at the counter skips the courier and post stages.
//! let next = wf.next_stage("picking", DeliveryMethod::Pickup, PaymentMethod::CashOnDelivery);
//! assert_eq!(next.map(|s| s.name.as_str()), Some("Внесение денег в кассу"));
//! ```

mod buyer;
mod input;
mod methods;
mod money;
mod op;
mod order;
pub mod pin;
mod pricing;
pub mod requisites;
mod shop;
mod shop_op;
mod version;
mod workflow;

pub use buyer::{Buyer, BuyerError, BuyerField, BuyerProblem, Company};
pub use input::{
    check_address, check_email, check_phone, is_piece_unit, InputError, InputField, InputLimits,
};
pub use methods::{Channel, DeliveryMethod, PaymentMethod, Role, VatRate};
pub use money::{Kopecks, MoneyOverflow, Quantity};
pub use op::{
    Actor, ChannelNumber, ChannelTerms, DeliveryChange, LineEdit, Op, OpEnvelope, OpError,
    OrderState, Snapshot, VersionRef, MAX_PLACES,
};
pub use order::{
    Call, CallOutcome, Customer, DraftOf, Line, Order, Payment, PaymentStatus, Product, TimeWindow,
};
pub use pricing::{
    DeliveryPayment, DeliveryPaymentError, Discount, DiscountError, LinePrice, Offered, Tariff,
    Tariffs, Totals, VatSum, ALL_DELIVERY, ALL_PAYMENT, FULL_PERCENT, MAX_TARIFFS, MAX_ZONE_CHARS,
};
pub use shop::Shop;
pub use shop_op::{
    AnyOp, Requisites, ShopOp, ShopOpEnvelope, ShopOpForbidden, ShopPart, SET_DELIVERY_PAYMENT,
    SET_INPUT_LIMITS, SET_PRODUCT, SET_REQUISITES,
};
pub use version::{
    version_note, Change, LineChange, OrderContent, VersionDiff, VersionMarks, VERSION_NOTE_MAX,
};
pub use workflow::{
    Guard, Responsible, RouteRule, Stage, StageGuards, StageKind, StagePosition, Transition,
    Workflow, WorkflowEdit, WorkflowError, WorkflowTemplate,
};
