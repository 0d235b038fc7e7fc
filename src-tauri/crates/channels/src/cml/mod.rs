//! CommerceML 2 (1C): parsers for `import.xml`, `offers.xml` and `orders.xml`, the orders
//! document we answer with, and the 1C exchange protocol as an axum router.

mod dom;
pub mod exchange;
mod parse;
mod spool;
mod write;

pub use dom::{CmlError, Element};
pub use parse::{
    parse_catalog, parse_offers, parse_orders, CatalogItem, CmlOrder, CmlOrderLine, Offer,
};
pub use write::orders_document;
