//! A shared device's members: who may sign in at this PC, as the hub lists them, kept in the
//! desk's file so signing in works offline. Fetched when the desk joins and then now and
//! again by the background loop, so a member the hub revokes soon cannot sign in here either
//! (the hub refuses their ops from the moment it revokes them).

use jiff::Timestamp;
use proto::sync::Members;
use store::{Store, TeamPerson};
use uuid::Uuid;

use crate::{HttpHub, SyncError};

impl HttpHub {
    pub async fn members(&self) -> Result<Members, SyncError> {
        self.get("/v1/members").await
    }
}

/// Fetches the members and keeps them; returns how many may sign in. A member the desk
/// cannot read (an unknown role, an id that is not one) is left out and logged: they
/// cannot sign in here until the hub and the desk agree.
pub async fn refresh_members(
    store: &Store,
    hub: &HttpHub,
    now: Timestamp,
) -> Result<usize, SyncError> {
    let listed = hub.members().await?;
    let mut people = Vec::with_capacity(listed.members.len());
    for m in listed.members {
        let role = m.role.and_then(|r| domain::Role::parse(r.as_str()));
        match (Uuid::parse_str(&m.id), role) {
            (Ok(id), Some(role)) => people.push(TeamPerson {
                id,
                name: m.name,
                role,
                pin_hash: m.pin_hash,
            }),
            _ => tracing::warn!(id = %m.id, role = ?m.role, "a member this desk cannot read"),
        }
    }
    let n = people.len();
    store.set_team_people(people, now)?;
    Ok(n)
}
