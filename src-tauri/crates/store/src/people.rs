//! The shop's people and who is signed in at this PC (issue 14, point 3). Each change is a
//! local shop op written with its effect in one transaction; its before/after say whether a
//! PIN is set, never the PIN's hash. A person's responsible stages are the stages' own
//! `responsible_users`, read from the workflow, not kept here.

use domain::{Actor, Role};
use jiff::Timestamp;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::json;
use uuid::Uuid;

use crate::local_ops::{record, ShopOp, REMOVE_PERSON, SET_IDLE_LOCK, SET_PERSON, SET_PERSON_PIN};
use crate::rows::{ms, opt_timestamp, parse, uuid};
use crate::{read, Store, StoreError};

/// The person signed in at this PC, remembered across restarts (this database is this PC's).
pub(crate) const SIGNED_IN: &str = "signed_in_person";
/// The team member a hub's token names (JSON of an actor): a team desk's actor.
const TEAM_MEMBER: &str = "team_member";
/// Minutes without a key or a click before the desk locks; this PC's.
const IDLE_LOCK: &str = "idle_lock_minutes";
pub const DEFAULT_IDLE_LOCK_MINUTES: u32 = 15;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRow {
    pub id: Uuid,
    pub name: String,
    pub phone: String,
    pub email: String,
    pub role: Role,
    pub has_pin: bool,
    pub removed: bool,
    /// Wrong PINs in a row since the last right one.
    pub failed_tries: u32,
    /// No PIN is checked before this instant.
    pub retry_after: Option<Timestamp>,
}

impl PersonRow {
    pub fn actor(&self) -> Actor {
        Actor {
            id: self.id.to_string(),
            name: self.name.clone(),
            role: self.role,
        }
    }
}

/// What an admin changes about a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonChange {
    /// Added, or name, contacts and role changed.
    Details {
        name: String,
        phone: String,
        email: String,
        role: Role,
    },
    /// A new PIN, as its argon2 PHC string.
    Pin { hash: String },
    /// Removed: kept for the history, never signs in again.
    Remove,
}

/// One change of a person by `actor` at `at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonEdit {
    pub op_id: Uuid,
    pub actor: Actor,
    pub at: Timestamp,
    pub person_id: Uuid,
    pub change: PersonChange,
}

const COLUMNS: &str =
    "id, name, phone, email, role, pin_hash IS NOT NULL, removed_at IS NOT NULL, \
                       failed_tries, retry_after";

fn row(r: &rusqlite::Row<'_>) -> Result<PersonRow, StoreError> {
    Ok(PersonRow {
        id: uuid(&r.get::<_, String>(0)?)?,
        name: r.get(1)?,
        phone: r.get(2)?,
        email: r.get(3)?,
        role: parse(&r.get::<_, String>(4)?, "role", Role::parse)?,
        has_pin: r.get(5)?,
        removed: r.get(6)?,
        failed_tries: r.get(7)?,
        retry_after: opt_timestamp(r.get(8)?)?,
    })
}

pub(crate) fn person(conn: &Connection, id: Uuid) -> Result<Option<PersonRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM people WHERE id = ?1"))?;
    let mut rows = stmt.query([id.to_string()])?;
    rows.next()?.map(row).transpose()
}

fn people(conn: &Connection) -> Result<Vec<PersonRow>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM people ORDER BY removed_at IS NOT NULL, name COLLATE NOCASE, id"
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(row(r)?);
    }
    Ok(out)
}

/// What the history shows of a person: never the PIN's hash.
fn shown(p: &PersonRow) -> String {
    json!({
        "name": p.name, "phone": p.phone, "email": p.email, "role": p.role.as_str(),
        "pin": p.has_pin, "removed": p.removed,
    })
    .to_string()
}

/// Adds a person (first run's administrator included) with their PIN, no op: the caller
/// records its own.
pub(crate) fn insert(
    conn: &Connection,
    id: Uuid,
    name: &str,
    role: Role,
    pin_hash: &str,
    at: Timestamp,
) -> Result<(), StoreError> {
    conn.execute(
        "INSERT INTO people (id, name, role, pin_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id.to_string(), name, role.as_str(), pin_hash, ms(at)],
    )?;
    Ok(())
}

fn apply(conn: &Connection, device_id: Uuid, edit: PersonEdit) -> Result<(), StoreError> {
    let id = edit.person_id.to_string();
    let before = person(conn, edit.person_id)?;
    let kind = match &edit.change {
        PersonChange::Details {
            name,
            phone,
            email,
            role,
        } => {
            conn.execute(
                "INSERT INTO people (id, name, phone, email, role, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (id) DO UPDATE SET \
                 name = excluded.name, phone = excluded.phone, email = excluded.email, \
                 role = excluded.role",
                params![id, name, phone, email, role.as_str(), ms(edit.at)],
            )?;
            SET_PERSON
        }
        PersonChange::Pin { hash } => {
            if before.is_none() {
                return Err(StoreError::Corrupt(format!("no person {id}")));
            }
            conn.execute(
                "UPDATE people SET pin_hash = ?2, failed_tries = 0, retry_after = NULL \
                 WHERE id = ?1",
                params![id, hash],
            )?;
            SET_PERSON_PIN
        }
        PersonChange::Remove => {
            if before.is_none() {
                return Err(StoreError::Corrupt(format!("no person {id}")));
            }
            conn.execute(
                "UPDATE people SET removed_at = COALESCE(removed_at, ?2) WHERE id = ?1",
                params![id, ms(edit.at)],
            )?;
            // Not signed in here any more either.
            if read::meta(conn, SIGNED_IN)?.as_deref() == Some(id.as_str()) {
                conn.execute("DELETE FROM meta WHERE key = ?1", [SIGNED_IN])?;
            }
            REMOVE_PERSON
        }
    };
    let after = person(conn, edit.person_id)?
        .ok_or_else(|| StoreError::Corrupt(format!("person {id} vanished")))?;
    record(
        conn,
        device_id,
        &ShopOp {
            id: edit.op_id,
            actor: edit.actor,
            at: edit.at,
            kind: kind.to_owned(),
            payload: json!({ "person_id": id, "name": after.name }).to_string(),
            before: before.as_ref().map(shown),
            after: Some(shown(&after)),
        },
    )?;
    Ok(())
}

impl Store {
    /// Everyone, removed people last.
    pub fn people(&self) -> Result<Vec<PersonRow>, StoreError> {
        self.readers.read(people)
    }

    pub fn person(&self, id: Uuid) -> Result<Option<PersonRow>, StoreError> {
        self.readers.read(move |conn| person(conn, id))
    }

    /// Whether anyone can sign in here: until then the desk acts as the shop's administrator.
    pub fn has_people_with_pin(&self) -> Result<bool, StoreError> {
        self.readers.read(|conn| {
            Ok(conn
                .prepare_cached(
                    "SELECT 1 FROM people WHERE pin_hash IS NOT NULL AND removed_at IS NULL",
                )?
                .query_row([], |_| Ok(()))
                .optional()?
                .is_some())
        })
    }

    /// The PIN's hash to check a sign-in against (`None`: no such person or no PIN).
    pub fn pin_hash(&self, id: Uuid) -> Result<Option<String>, StoreError> {
        self.readers.read(move |conn| {
            Ok(conn
                .prepare_cached("SELECT pin_hash FROM people WHERE id = ?1")?
                .query_row([id.to_string()], |r| r.get::<_, Option<String>>(0))
                .optional()?
                .flatten())
        })
    }

    /// Changes people, each change with its op, all in one transaction (a new person and
    /// their PIN together, or neither).
    pub fn edit_people(&self, edits: Vec<PersonEdit>) -> Result<(), StoreError> {
        let device_id = self.device_id();
        self.write(move |conn| {
            for edit in edits {
                apply(conn, device_id, edit)?;
            }
            Ok(())
        })
    }

    /// A wrong PIN: the count of wrong ones in a row, and when the next may be tried.
    pub fn note_wrong_pin(
        &self,
        id: Uuid,
        failed_tries: u32,
        retry_after: Option<Timestamp>,
    ) -> Result<(), StoreError> {
        self.write(move |conn| {
            conn.execute(
                "UPDATE people SET failed_tries = ?2, retry_after = ?3 WHERE id = ?1",
                params![id.to_string(), failed_tries, retry_after.map(ms)],
            )?;
            Ok(())
        })
    }

    /// A right PIN: the person is signed in at this PC (remembered across restarts) and the
    /// wrong ones before it are forgotten.
    pub fn signed_in(&self, id: Uuid) -> Result<(), StoreError> {
        self.write(move |conn| {
            conn.execute(
                "UPDATE people SET failed_tries = 0, retry_after = NULL WHERE id = ?1",
                [id.to_string()],
            )?;
            crate::meta::set_meta(conn, SIGNED_IN, &id.to_string())
        })
    }

    /// «Сменить пользователя»: nobody is signed in at this PC.
    pub fn signed_out(&self) -> Result<(), StoreError> {
        self.write(|conn| {
            conn.execute("DELETE FROM meta WHERE key = ?1", [SIGNED_IN])?;
            Ok(())
        })
    }

    /// Who was signed in at this PC when the desk last closed.
    pub fn remembered_person(&self) -> Result<Option<Uuid>, StoreError> {
        self.readers.read(|conn| {
            read::meta(conn, SIGNED_IN)?
                .as_deref()
                .map(uuid)
                .transpose()
        })
    }

    /// Keeps who the hub's token names, so a team desk acts as them after a restart.
    pub fn set_team_member(&self, actor: &Actor) -> Result<(), StoreError> {
        let json = serde_json::to_string(actor)?;
        self.write(move |conn| crate::meta::set_meta(conn, TEAM_MEMBER, &json))
    }

    pub fn team_member(&self) -> Result<Option<Actor>, StoreError> {
        self.readers.read(|conn| {
            Ok(read::meta(conn, TEAM_MEMBER)?
                .map(|j| serde_json::from_str(&j))
                .transpose()?)
        })
    }

    pub fn idle_lock_minutes(&self) -> Result<u32, StoreError> {
        self.readers.read(|conn| {
            Ok(read::meta(conn, IDLE_LOCK)?
                .and_then(|m| m.parse().ok())
                .unwrap_or(DEFAULT_IDLE_LOCK_MINUTES))
        })
    }

    /// A new idle time before the lock, with its op.
    pub fn set_idle_lock_minutes(
        &self,
        minutes: u32,
        op_id: Uuid,
        actor: Actor,
        at: Timestamp,
    ) -> Result<(), StoreError> {
        let device_id = self.device_id();
        self.write(move |conn| {
            let before = read::meta(conn, IDLE_LOCK)?;
            crate::meta::set_meta(conn, IDLE_LOCK, &minutes.to_string())?;
            record(
                conn,
                device_id,
                &ShopOp {
                    id: op_id,
                    actor,
                    at,
                    kind: SET_IDLE_LOCK.to_owned(),
                    payload: json!({ "minutes": minutes }).to_string(),
                    before: before.map(|m| json!({ "minutes": m }).to_string()),
                    after: Some(json!({ "minutes": minutes }).to_string()),
                },
            )
        })
    }
}
