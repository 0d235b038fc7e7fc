//! The desk's side of team sync with `orderdesk-hub`.
//!
//! A round ([`round`]) pushes this desk's unsent ops (oldest first, in batches), then pulls
//! everything after the desk's cursor and applies it to the local SQLite file, where the
//! store rebuilds every order that still has local ops on top of what the hub accepted. The
//! background loop ([`SyncLoop`]) runs rounds with a long-poll between them, backs off while
//! the hub is unreachable, and keeps a [`Status`] the desk shows. A revoked device stops
//! syncing and its desk goes read-only.

mod error;
mod members;
mod round;
mod run;
mod transport;

pub use error::SyncError;
pub use members::refresh_members;
pub use round::{join, round, Round};
pub use run::{Status, SyncLoop};
pub use transport::{check_url, retry_after_s, HttpHub, HubLink, Transport};
