//! A shared team PC's people: the hub's members who may sign in at it, mirrored into this
//! desk's `people` so the sign-in, the lockout and the idle lock work as in a shop of its own,
//! offline too. They are the hub's, not this desk's: no op records them (the hub's admin
//! made them), and whoever the hub no longer lists can no longer sign in here.

use domain::Role;
use jiff::Timestamp;
use rusqlite::params;
use uuid::Uuid;

use crate::rows::ms;
use crate::{read, Store, StoreError};

/// Set when the hub says this device is shared (several members take turns at it).
const TEAM_SHARED: &str = "team_shared_device";

/// A member as the hub lists them for a shared device.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamPerson {
    pub id: Uuid,
    pub name: String,
    pub role: Role,
    /// The PIN's argon2 PHC string.
    pub pin_hash: String,
}

impl Store {
    pub fn set_team_shared(&self, shared: bool) -> Result<(), StoreError> {
        self.write(move |conn| {
            crate::meta::set_meta(conn, TEAM_SHARED, if shared { "1" } else { "0" })
        })
    }

    /// Whether this desk is one of the team's shared PCs.
    pub fn team_shared(&self) -> Result<bool, StoreError> {
        self.readers
            .read(|conn| Ok(read::meta(conn, TEAM_SHARED)?.as_deref() == Some("1")))
    }

    /// The hub's members as of `now`: each listed one may sign in (with the hub's name, role
    /// and PIN); everyone else here is removed — kept for the history, never signs in again.
    /// A member's wrong-PIN count stays unless their PIN changed.
    pub fn set_team_people(
        &self,
        members: Vec<TeamPerson>,
        now: Timestamp,
    ) -> Result<(), StoreError> {
        self.write(move |conn| {
            let listed: Vec<String> = members.iter().map(|m| m.id.to_string()).collect();
            for m in &members {
                conn.execute(
                    "INSERT INTO people (id, name, role, pin_hash, created_at) \
                     VALUES (?1, ?2, ?3, ?4, ?5) \
                     ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, \
                     removed_at = NULL, \
                     failed_tries = CASE WHEN pin_hash IS excluded.pin_hash \
                                    THEN failed_tries ELSE 0 END, \
                     retry_after = CASE WHEN pin_hash IS excluded.pin_hash \
                                   THEN retry_after ELSE NULL END, \
                     pin_hash = excluded.pin_hash",
                    params![
                        m.id.to_string(),
                        m.name,
                        m.role.as_str(),
                        m.pin_hash,
                        ms(now)
                    ],
                )?;
            }
            let mut stmt = conn.prepare("SELECT id FROM people WHERE removed_at IS NULL")?;
            let here: Vec<String> = stmt
                .query_map([], |r| r.get::<_, String>(0))?
                .collect::<Result<_, _>>()?;
            for id in here.iter().filter(|id| !listed.contains(id)) {
                conn.execute(
                    "UPDATE people SET removed_at = ?2 WHERE id = ?1",
                    params![id, ms(now)],
                )?;
            }
            Ok(())
        })
    }
}
