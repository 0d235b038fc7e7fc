//! The desk's use cases, one method per user action: the only API the Tauri commands call.
//!
//! ```
//! let dir = tempfile::tempdir()?;
//! let now = jiff::Timestamp::from_second(1_740_000_000)?;
//! let desk = desk::Desk::open_demo(dir.path(), now)?;
//! let queue = desk.queue(now)?;
//! let first = desk.stage_orders("new", now)?.remove(0);
//! let moved = desk.advance(&first.id, now)?;
//! assert_eq!(moved.stage_id, "call");
//! assert_eq!(queue.stages.iter().map(|s| s.count).sum::<u32>(), 300);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod actions;
pub mod backups;
mod buyer;
mod catalog;
pub mod catalog_file;
mod channel_errors;
mod channel_roles;
mod channels;
mod connection_edit;
mod convert;
mod customers;
mod delivery_map;
mod delivery_payment;
mod demo;
mod error;
mod error_reason;
mod headless;
mod history;
mod hub_channels;
mod labels;
pub mod links;
mod lists;
mod market_setup;
mod market_slots;
mod marketplace;
mod order_channels;
pub mod order_export;
mod paper_files;
mod papers;
mod payment_fix;
mod people;
mod pushes;
pub mod recovery;
mod refusal;
mod setup;
pub mod sheet;
mod team;
mod view;
mod workflow;
mod zone;

use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use domain::{Actor, Op, Role, Workflow};
use jiff::Timestamp;
use store::{NewOp, Store};
use uuid::Uuid;

pub use actions::COMMENT_MAX_CHARS;
pub use backups::restore_backup;
pub use channel_roles::ChannelTask;
pub use channels::kind_view;
pub use connection_edit::certificate_fingerprint;
pub use error::DeskError;
pub use papers::{PrintCommands, Printing};
/// A PIN as the desk keeps it (the hub keeps its members' PINs the same way).
pub use people::pin::hash as pin_hash;

// Apart from the uses above: an export added among them once took its doc and `doc(hidden)`.
/// The demo shop's surnames, for the benchmark's generated customers.
#[doc(hidden)]
pub use demo::SURNAMES as DEMO_SURNAMES;

const DATABASE_FILE: &str = "orderdesk.sqlite3";

pub struct Desk {
    /// Shared with the background sync, which writes pulled ops through the same writer.
    store: Arc<Store>,
    /// The running sync with the team hub, if this desk has joined one.
    sync: Mutex<Option<sync::SyncLoop>>,
    /// The shop's channel connections (credentials in the OS keyring).
    channels: Arc<::channels::Channels>,
    /// The OS keyring (or what tests give instead): channel credentials, the hub token.
    secrets: Arc<dyn ::channels::SecretStore>,
    /// The signed-in user; every action is recorded under them and checked against their role.
    actor: RwLock<Actor>,
    /// Whether the actor may act now: signed in, locked, nobody signed in (`people`).
    gate: RwLock<people::Gate>,
    printing: RwLock<Printing>,
    /// The shop's time zone: papers are dated and date filters cut days in it.
    zone: RwLock<jiff::tz::TimeZone>,
    /// The shop's folder: its database, papers and backups.
    data_dir: std::path::PathBuf,
    /// The channel screens' one client to the hub and the runtime its calls run on, made at
    /// the first call (`hub_channels`).
    hub_io: std::sync::OnceLock<hub_channels::HubIo>,
    /// A hub's connector worker (`open_headless`): it acts for members the hub has checked.
    headless: bool,
    /// Where the channel tasks run, chosen at open and at joining (`hub_channels`).
    connectors: RwLock<hub_channels::Connectors>,
}

/// Channel credentials live in the OS keyring (Secret Service on Linux), never in SQLite.
fn keyring() -> Arc<dyn ::channels::SecretStore> {
    Arc::new(::channels::KeyringSecrets::new())
}

impl Desk {
    /// Opens (creating if needed) `orderdesk.sqlite3` in `data_dir` (create the dir) and
    /// runs migrations. Never adds the demo: a new shop stays empty until its first run
    /// chooses what it is ([`Desk::shop_setup`]).
    pub fn open(data_dir: &Path, now: Timestamp) -> Result<Desk, DeskError> {
        Desk::open_with(data_dir, now, false, keyring())
    }

    /// [`Desk::open`], and a new shop becomes the demo shop (as «Открыть демо-магазин»
    /// does). A shop already set up, or in a team, is opened as it is.
    pub fn open_demo(data_dir: &Path, now: Timestamp) -> Result<Desk, DeskError> {
        Desk::open_with(data_dir, now, true, keyring())
    }

    /// [`Desk::open`] with channel credentials and the hub token kept in `secrets` (tests,
    /// a hub).
    pub fn open_with_secrets(
        data_dir: &Path,
        now: Timestamp,
        secrets: Arc<dyn ::channels::SecretStore>,
    ) -> Result<Desk, DeskError> {
        Desk::open_with(data_dir, now, false, secrets)
    }

    /// [`Desk::open_demo`] with secrets kept in `secrets` (tests).
    pub fn open_demo_with_secrets(
        data_dir: &Path,
        now: Timestamp,
        secrets: Arc<dyn ::channels::SecretStore>,
    ) -> Result<Desk, DeskError> {
        Desk::open_with(data_dir, now, true, secrets)
    }

    fn open_with(
        data_dir: &Path,
        now: Timestamp,
        demo: bool,
        secrets: Arc<dyn ::channels::SecretStore>,
    ) -> Result<Desk, DeskError> {
        std::fs::create_dir_all(data_dir).map_err(|source| DeskError::DataDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        owner_only(data_dir).map_err(|source| DeskError::DataDir {
            path: data_dir.to_path_buf(),
            source,
        })?;
        let store = Store::open(&data_dir.join(DATABASE_FILE))?;
        // A zone the system no longer knows falls back to the default rather than failing to
        // open the shop.
        let zone = store
            .time_zone()?
            .and_then(|name| jiff::tz::TimeZone::get(&name).ok())
            .unwrap_or_else(papers::default_zone);
        let store = Arc::new(store);
        let desk = Desk {
            data_dir: data_dir.to_path_buf(),
            zone: RwLock::new(zone),
            channels: Arc::new(::channels::Channels::new(store.clone(), secrets.clone())),
            secrets,
            store,
            sync: Mutex::new(None),
            actor: RwLock::new(nobody_signed_in()),
            gate: RwLock::new(people::Gate::Open),
            printing: RwLock::new(papers::system_printing()),
            hub_io: std::sync::OnceLock::new(),
            headless: false,
            connectors: RwLock::new(hub_channels::Connectors::Here),
        };
        // Not fatal: without a reachable keyring the token stays where it was (and is still
        // used) until a later start can move it.
        if let Err(e) = desk.move_hub_token_to_keyring() {
            tracing::warn!(error = %e, "the hub token could not be moved to the keyring");
        }
        if let Err(e) = desk.choose_connectors() {
            tracing::warn!(error = %e, "the hub token could not be read; channel calls will try again");
        }
        desk.after_open(demo, now)?;
        Ok(desk)
    }

    /// Acts as `user` from now on, without a PIN: for tests and the hub's headless desk. The
    /// window signs people in with [`Desk::sign_in`].
    pub fn set_user(&self, user: proto::User) {
        *self.actor.write().unwrap_or_else(PoisonError::into_inner) = Actor {
            id: user.id,
            name: user.name,
            role: convert::to_role(user.role),
        };
    }

    pub fn user(&self) -> proto::User {
        let actor = self.actor();
        proto::User {
            id: actor.id,
            name: actor.name,
            role: convert::role(actor.role),
        }
    }

    /// The person signed in, if anyone is: papers name them as who handed the goods over.
    pub(crate) fn signed_in(&self) -> Option<Actor> {
        Some(self.actor()).filter(|actor| *actor != nobody_signed_in())
    }

    pub(crate) fn actor(&self) -> Actor {
        self.actor
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Records `op` as the signed-in user at `now` and returns the order card as it is after.
    pub(crate) fn run(&self, op: Op, now: Timestamp) -> Result<proto::OrderDetail, DeskError> {
        self.writable()?;
        let id = op.order_id();
        let workflow = self.store.workflow()?;
        let actor = self.actor();
        let role = actor.role;
        // The writer validates against the row as it is then: another window may have
        // changed the order since the caller read it.
        self.store
            .record(NewOp {
                id: Uuid::now_v7(),
                actor,
                at: now,
                op,
            })
            .map_err(|e| DeskError::from_store(&workflow, e))?;
        self.nudge_sync();
        self.detail(id, &workflow, role)
    }

    fn detail(
        &self,
        id: Uuid,
        workflow: &Workflow,
        role: Role,
    ) -> Result<proto::OrderDetail, DeskError> {
        let mut detail = view::detail(self.store.order(id)?, workflow, role)?;
        detail.companies = self
            .store
            .companies_of_order(id)?
            .iter()
            .map(buyer::company)
            .collect();
        Ok(detail)
    }

    /// See [`store::Store::data_revision`].
    pub fn data_revision(&self) -> Result<i64, DeskError> {
        Ok(self.store.data_revision()?)
    }

    /// Every stage in workflow order with its order count and how many are overdue at `now`.
    pub fn queue(&self, now: Timestamp) -> Result<proto::QueueView, DeskError> {
        let workflow = self.store.workflow()?;
        let counts = self.store.stage_counts(now)?;
        let mut stages = workflow
            .stages()
            .iter()
            .map(|stage| {
                let count = counts.iter().find(|c| c.stage_id == stage.id);
                proto::StageSummary {
                    id: stage.id.clone(),
                    name: stage.name.clone(),
                    position: stage.position,
                    kind: view::stage_kind(stage.kind),
                    count: count.map_or(0, |c| c.count),
                    overdue: count.map_or(0, |c| c.overdue),
                    removed: false,
                }
            })
            .collect::<Vec<_>>();
        // A removed stage is listed while orders are still in it, every one of them flagged.
        let stranded = workflow.retired().iter().filter_map(|stage| {
            let count = counts
                .iter()
                .find(|c| c.stage_id == stage.id && c.count > 0)?;
            Some(proto::StageSummary {
                id: stage.id.clone(),
                name: stage.name.clone(),
                position: stage.position,
                kind: view::stage_kind(stage.kind),
                count: count.count,
                overdue: count.count,
                removed: true,
            })
        });
        stages.extend(stranded);
        stages.sort_by_key(|s| s.position);
        Ok(proto::QueueView { stages })
    }

    /// A stage's orders, most urgent deadline first.
    pub fn stage_orders(
        &self,
        stage_id: &str,
        now: Timestamp,
    ) -> Result<Vec<proto::OrderRow>, DeskError> {
        let workflow = self.store.workflow()?;
        if workflow.stage(stage_id).is_none() && workflow.retired_stage(stage_id).is_none() {
            return Err(DeskError::StageNotFound(stage_id.to_owned()));
        }
        let rows = self.store.stage_orders(stage_id)?;
        self.annotate(rows.into_iter().map(|r| view::row(r, now)).collect())
    }

    pub fn order(&self, order_id: &str) -> Result<proto::OrderDetail, DeskError> {
        let id = parse_order_id(order_id)?;
        let workflow = self.store.workflow()?;
        self.detail(id, &workflow, self.actor().role)
    }

    /// "Move to the next stage" along the order's route; persists (effect + op row in one tx).
    pub fn advance(&self, order_id: &str, now: Timestamp) -> Result<proto::OrderDetail, DeskError> {
        let id = parse_order_id(order_id)?;
        let workflow = self.store.workflow()?;
        let order = self.store.order(id)?;
        let to = workflow
            .advance_target(&order.state())
            .map_err(|e| DeskError::refused(&workflow, e))?;
        let op = Op::AdvanceStage {
            order_id: id,
            from_stage: order.stage.stage_id,
            to_stage: to.id.clone(),
        };
        self.run(op, now)
    }

    /// The database's operation log for one order, oldest first (the audit's raw material).
    pub fn order_ops(&self, order_id: &str) -> Result<Vec<store::OpRecord>, DeskError> {
        Ok(self.store.order_ops(parse_order_id(order_id)?)?)
    }
}

/// A malformed id cannot name an order, so it is "not found" rather than a separate error the
/// UI would have to handle.
pub(crate) fn parse_order_id(order_id: &str) -> Result<Uuid, DeskError> {
    Uuid::parse_str(order_id).map_err(|_| DeskError::OrderNotFound(order_id.to_owned()))
}

/// The shop's folder (its database, papers and backups) is its owner's alone on a shared PC.
#[cfg(unix)]
fn owner_only(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

/// On Windows the profile directory's ACL already keeps other users out.
#[cfg(not(unix))]
fn owner_only(_dir: &Path) -> std::io::Result<()> {
    Ok(())
}

/// Who acts until someone signs in: the shop's administrator, not a person by name.
pub(crate) fn nobody_signed_in() -> Actor {
    Actor {
        id: "admin".into(),
        name: "Администратор".into(),
        role: Role::Admin,
    }
}
