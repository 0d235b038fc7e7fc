//! МойСклад JSON API 1.2: the back office. Confirmed orders go there as customer orders;
//! its states come back through the status map; its stock by store comes into our products
//! (and on to the site).

pub mod client;
pub mod model;
pub mod sync;

pub use client::MoySkladClient;
