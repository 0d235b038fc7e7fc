//! How the shop was set up on its first run: the demo, its own shop (step by step), or a
//! team's. A database that has none of these is new, and the desk asks which it is to be.
//!
//! Each step is written with its op row (local to this PC: the hub keeps its own shop) and
//! the next step in one transaction, so a desk closed midway resumes where it stopped, and a
//! step taken out of turn writes nothing.

use std::path::Path;

use domain::{Actor, Requisites, Workflow};
use jiff::Timestamp;
use rusqlite::{params, Connection};
use serde_json::json;
use uuid::Uuid;

use crate::local_ops::{self, CHOOSE_WORKFLOW, FIRST_ADMIN_OP, OPEN_DEMO, START_SHOP};
use crate::{read, requisites_rows, shop_rows, write, Seed, Store, StoreError};

/// Where the shop is; see the module docs.
const SHOP_SETUP: &str = "shop_setup";
const SHOP_NAME: &str = "shop_name";
const FIRST_ADMIN: &str = "first_admin";
/// Set by the demo's import (and by every desk before the demo was opt-in, team ones
/// included: they got the demo catalogue under it).
pub const DEMO_SEEDED: &str = "demo_seeded";

/// What the first run made of this shop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShopSetup {
    /// Nothing chosen yet.
    New,
    Demo,
    /// Joined a team hub (the hub's shop).
    Team,
    /// The shop's own, at this step of its setup.
    Own(OwnStep),
}

/// The steps of a shop of its own, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnStep {
    Requisites,
    Workflow,
    /// «Доставка и оплата», saved through the settings' own op or left as the template's.
    Methods,
    Admin,
    Done,
}

impl ShopSetup {
    fn as_str(self) -> &'static str {
        match self {
            ShopSetup::New => "new",
            ShopSetup::Demo => "demo",
            ShopSetup::Team => "team",
            ShopSetup::Own(OwnStep::Requisites) => "own:requisites",
            ShopSetup::Own(OwnStep::Workflow) => "own:workflow",
            ShopSetup::Own(OwnStep::Methods) => "own:methods",
            ShopSetup::Own(OwnStep::Admin) => "own:admin",
            ShopSetup::Own(OwnStep::Done) => "own",
        }
    }

    fn parse(text: &str) -> Option<ShopSetup> {
        [
            ShopSetup::New,
            ShopSetup::Demo,
            ShopSetup::Team,
            ShopSetup::Own(OwnStep::Requisites),
            ShopSetup::Own(OwnStep::Workflow),
            ShopSetup::Own(OwnStep::Methods),
            ShopSetup::Own(OwnStep::Admin),
            ShopSetup::Own(OwnStep::Done),
        ]
        .into_iter()
        .find(|s| s.as_str() == text)
    }
}

/// One choice of the first run, made by `actor` at `at`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SetupOp {
    pub id: Uuid,
    pub actor: Actor,
    pub at: Timestamp,
    pub choice: SetupChoice,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetupChoice {
    /// The demo shop: its orders, customers and products, and its requisites unless some
    /// were entered already.
    Demo {
        seed: Box<Seed>,
        requisites: Box<Requisites>,
    },
    /// A shop of its own, by this name.
    StartOwn { name: String },
    /// The requisites step is over (saved through the settings' own op, or skipped).
    RequisitesDone,
    /// The delivery and payment step is over (saved through the settings' own op, or the
    /// template's kept).
    MethodsDone,
    /// The shop's stages, from a template; only while the shop has no orders.
    Workflow {
        template: String,
        workflow: Workflow,
    },
    /// Who administers the shop: a person with the admin role and this PIN (its argon2 PHC
    /// string), signed in at this PC. The setup is then complete.
    FirstAdmin {
        name: String,
        person_id: Uuid,
        pin_hash: String,
    },
}

impl SetupChoice {
    /// The step it belongs to and the one after it.
    fn steps(&self) -> (ShopSetup, ShopSetup) {
        match self {
            SetupChoice::Demo { .. } => (ShopSetup::New, ShopSetup::Demo),
            SetupChoice::StartOwn { .. } => (ShopSetup::New, ShopSetup::Own(OwnStep::Requisites)),
            SetupChoice::RequisitesDone => (
                ShopSetup::Own(OwnStep::Requisites),
                ShopSetup::Own(OwnStep::Workflow),
            ),
            SetupChoice::Workflow { .. } => (
                ShopSetup::Own(OwnStep::Workflow),
                ShopSetup::Own(OwnStep::Methods),
            ),
            SetupChoice::MethodsDone => (
                ShopSetup::Own(OwnStep::Methods),
                ShopSetup::Own(OwnStep::Admin),
            ),
            SetupChoice::FirstAdmin { .. } => (
                ShopSetup::Own(OwnStep::Admin),
                ShopSetup::Own(OwnStep::Done),
            ),
        }
    }
}

/// The template's city zone as a shop of its own starts with it.
const OWN_CITY_ZONE: &str = "Москва";

/// What a step came to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetupOutcome {
    /// Written; the shop is now at this step.
    Done(ShopSetup),
    /// Not this step's turn (or the shop already has orders); nothing was written.
    OutOfTurn(ShopSetup),
}

pub(crate) fn state(conn: &Connection) -> Result<ShopSetup, StoreError> {
    if crate::sync::joined(conn)? {
        return Ok(ShopSetup::Team);
    }
    if let Some(text) = read::meta(conn, SHOP_SETUP)? {
        return ShopSetup::parse(&text)
            .ok_or_else(|| StoreError::Corrupt(format!("shop setup {text:?}")));
    }
    // A database from before the first-run screen that was given the demo: it is the demo.
    if read::meta(conn, DEMO_SEEDED)?.is_some() {
        return Ok(ShopSetup::Demo);
    }
    Ok(ShopSetup::New)
}

fn take(conn: &Connection, device_id: Uuid, op: SetupOp) -> Result<SetupOutcome, StoreError> {
    let now = state(conn)?;
    let (turn, next) = op.choice.steps();
    if now != turn {
        return Ok(SetupOutcome::OutOfTurn(now));
    }
    let (kind, payload) = match &op.choice {
        SetupChoice::Demo { seed, requisites } => {
            write::seed_once(conn, DEMO_SEEDED, seed)?;
            if requisites_rows::load(conn)?.is_none() {
                requisites_rows::save(conn, requisites, op.at)?;
            }
            (OPEN_DEMO, json!({ "orders": seed.orders.len() }))
        }
        SetupChoice::StartOwn { name } => {
            crate::meta::set_meta(conn, SHOP_NAME, name)?;
            // The template's city zone is named `moscow` for the demo and the tests that
            // price by it; a shop of its own sees its zones as it would type them. It has no
            // orders yet, so nothing names the old zone.
            conn.execute(
                "UPDATE delivery_tariffs SET zone = ?1 WHERE zone = 'moscow'",
                [OWN_CITY_ZONE],
            )?;
            crate::shop_rows::bump_settings(conn)?;
            (START_SHOP, json!({ "name": name }))
        }
        SetupChoice::RequisitesDone | SetupChoice::MethodsDone => {
            // The requisites were saved by their own op (or left for later): only the step moves.
            crate::meta::set_meta(conn, SHOP_SETUP, next.as_str())?;
            return Ok(SetupOutcome::Done(next));
        }
        SetupChoice::Workflow { template, workflow } => {
            let orders: i64 = conn.query_row("SELECT COUNT(*) FROM orders", [], |r| r.get(0))?;
            if orders > 0 {
                return Ok(SetupOutcome::OutOfTurn(now));
            }
            replace_workflow(conn, workflow)?;
            (CHOOSE_WORKFLOW, json!({ "template": template }))
        }
        SetupChoice::FirstAdmin {
            name,
            person_id,
            pin_hash,
        } => {
            crate::meta::set_meta(conn, FIRST_ADMIN, name)?;
            crate::people::insert(conn, *person_id, name, domain::Role::Admin, pin_hash, op.at)?;
            crate::meta::set_meta(conn, crate::people::SIGNED_IN, &person_id.to_string())?;
            (
                FIRST_ADMIN_OP,
                json!({ "name": name, "person_id": person_id.to_string() }),
            )
        }
    };
    crate::meta::set_meta(conn, SHOP_SETUP, next.as_str())?;
    local_ops::record(
        conn,
        device_id,
        &local_ops::ShopOp {
            id: op.id,
            actor: op.actor,
            at: op.at,
            kind: kind.to_owned(),
            payload: payload.to_string(),
            before: Some(json!({ "setup": now.as_str() }).to_string()),
            after: Some(json!({ "setup": next.as_str() }).to_string()),
        },
    )?;
    Ok(SetupOutcome::Done(next))
}

/// A new shop's stages and transitions become the template's. Nothing refers to the old
/// stages yet: the caller made sure there are no orders.
fn replace_workflow(conn: &Connection, workflow: &Workflow) -> Result<(), StoreError> {
    conn.execute("DELETE FROM stage_transitions", [])?;
    conn.execute("DELETE FROM stages", [])?;
    shop_rows::insert_workflow(conn, workflow)?;
    for t in workflow.transitions() {
        conn.execute(
            "INSERT INTO stage_transitions (role, from_stage, to_stage) VALUES (?1, ?2, ?3)",
            params![t.role.as_str(), t.from, t.to],
        )?;
    }
    Ok(())
}

impl Store {
    /// What the first run made of this shop.
    pub fn shop_setup(&self) -> Result<ShopSetup, StoreError> {
        self.readers.read(state)
    }

    /// Takes one step of the first run (see [`SetupChoice`]).
    pub fn set_up(&self, op: SetupOp) -> Result<SetupOutcome, StoreError> {
        let device_id = self.device_id();
        self.write(move |conn| take(conn, device_id, op))
    }

    /// The shop's own name, as its owner gave it on the first run.
    pub fn shop_name(&self) -> Result<Option<String>, StoreError> {
        self.readers.read(|conn| read::meta(conn, SHOP_NAME))
    }

    /// The administrator named on the first run.
    pub fn first_admin(&self) -> Result<Option<String>, StoreError> {
        self.readers.read(|conn| read::meta(conn, FIRST_ADMIN))
    }

    /// How many rows of each kind the shop holds: orders, products, customers, requisites
    /// (0 or 1). What "nothing of the demo" is checked against.
    pub fn row_counts(&self) -> Result<RowCounts, StoreError> {
        self.readers.read(counts)
    }
}

/// [`Store::row_counts`] of the database at `path`, read without opening it for writing: a
/// running desk (a hub's worker) may hold it.
pub fn row_counts_at(path: &Path) -> Result<RowCounts, StoreError> {
    counts(&crate::connection::open_reader(path)?)
}

fn counts(conn: &Connection) -> Result<RowCounts, StoreError> {
    let count = |table: &str| -> Result<i64, StoreError> {
        Ok(conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?)
    };
    Ok(RowCounts {
        orders: count("orders")?,
        products: count("products")?,
        customers: count("customers")?,
        requisites: count("shop_requisites")?,
    })
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowCounts {
    pub orders: i64,
    pub products: i64,
    pub customers: i64,
    pub requisites: i64,
}

#[cfg(test)]
#[path = "setup_tests.rs"]
mod tests;
