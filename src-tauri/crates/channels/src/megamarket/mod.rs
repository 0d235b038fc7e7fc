//! SberMegaMarket merchant API: shipments in as marketplace orders (searched and read on a
//! schedule, and pushed to us as `order/new`), our stages out as MegaMarket calls through the
//! push queue, stock out in batches, stickers in. Every call is a POST with
//! `{"meta": {}, "data": {"token": …, …}}`; an answer is good only with `success: 1`.

pub mod client;
pub mod import;
pub mod model;
pub mod push;
pub mod receiver;
pub mod settings;
pub mod stock;
pub mod sync;

pub use client::MegaMarketClient;
pub use settings::{MegaMarketAction, MegaMarketSettings, REJECT_REASONS};
