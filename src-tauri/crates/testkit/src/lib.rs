//! What OrderDesk's tests and benches share across crates, kept out of the production crates:
//! - [`sites`]: WooCommerce, МойСклад, Ozon, Yandex Market and MegaMarket as their public API
//!   docs describe them, served by axum on 127.0.0.1:0; the client code under test is the one
//!   the desk runs.
//! - [`pg`]: a throw-away database per test on the local PostgreSQL, and a hub serving it.
//! - [`team`]: a team's fixtures on a hub's database.

pub mod pg;
pub mod sites;
pub mod team;
