//! Ozon Seller API (FBS / rFBS): postings in as orders, our stages out as Ozon actions through
//! a push queue. All calls are POST JSON with `Client-Id` and `Api-Key` headers.

pub mod client;
pub mod import;
pub mod model;
pub mod push;
pub mod settings;
pub mod stock;
pub mod sync;
pub mod warehouses;

pub use client::OzonClient;
pub use settings::{OzonAction, OzonSettings};
pub use warehouses::Warehouse;
