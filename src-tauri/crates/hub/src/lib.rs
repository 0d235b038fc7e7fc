//! The team hub: desks push their operations here and pull everyone else's. Each op is
//! re-validated with the same `domain` rules as on the desk, in its own PostgreSQL
//! transaction, and gets a gap-free place in its shop's history; a refusal is stored with a
//! code and the order as it is, so a repeated push gets the same answer.
//!
//! This library is the sync server alone (axum + PostgreSQL). The `orderdesk-hub` binary is
//! built by the `hub-connectors` crate, which adds the shops' channel connectors through
//! [`extension::Extension`]. Tests start a [`Hub`] on port 0 against a throw-away database
//! (`testkit::pg::TestDatabase`, a dev-dependency).

pub mod admin;
mod auth;
pub mod config;
mod data_lock;
pub mod db;
mod error;
pub mod extension;
mod gate;
mod handlers;
mod judge;
mod limits;
mod listener;
mod optx;
mod order_locks;
mod order_ops;
mod pull;
mod push;
mod sequencer;
mod server;
mod shop_ops;
mod state;
mod tls;
mod updates;

pub use auth::Device;
pub use config::Config;
pub use error::HubError;
pub use server::Hub;
