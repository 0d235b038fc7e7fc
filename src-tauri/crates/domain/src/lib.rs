//! OrderDesk's business rules, free of I/O: money in kopecks, orders and totals, the workflow
//! (stages, routes, time limits) and operations. Time is always passed in.
//!
//! ```
//! use domain::{DeliveryMethod, PaymentMethod, Workflow};
//!
//! let wf = Workflow::default_template();
//! // A pickup paid in cash at the counter skips the courier and post stages.
//! let next = wf.next_stage("picking", DeliveryMethod::Pickup, PaymentMethod::CashOnDelivery);
//! assert_eq!(next.map(|s| s.name.as_str()), Some("Внесение денег в кассу"));
//! ```

mod methods;
mod money;
mod op;
mod order;
mod workflow;

pub use methods::{Channel, DeliveryMethod, PaymentMethod, VatRate};
pub use money::{Kopecks, MoneyOverflow, Quantity};
pub use op::{Actor, Op, OpEnvelope, OpError, OrderState};
pub use order::{Customer, Line, Order, Product, Totals};
pub use workflow::{RouteRule, Stage, StageKind, StagePosition, Workflow};
