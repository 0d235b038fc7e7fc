//! Yandex Market Partner API (FBS / DBS): orders in as marketplace orders, our stages out as
//! status updates through the push queue. `Api-Key` header; at most 2 parallel requests per
//! login (420 beyond that).

pub mod client;
pub mod import;
pub mod model;
pub mod push;
pub mod settings;
pub mod stock;
pub mod sync;

pub use client::YandexClient;
pub use settings::{YandexAction, YandexSettings};
