//! WooCommerce REST API v3: the shop's own site.

mod buyer;
pub mod catalog;
mod changes;
pub mod client;
pub mod import;
pub mod model;
pub mod oauth;
pub mod pages;
pub mod shipping;
pub mod stock;
pub mod sync;
pub mod webhook;

pub use client::WooClient;
