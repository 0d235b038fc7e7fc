//! The desk without a window: a hub's connector worker opens one per shop, as a device of
//! that shop, and runs the shop's connectors there. Everything else is the same desk code.

use std::path::Path;
use std::sync::{Arc, PoisonError};

use channels::Jobs;
use jiff::Timestamp;
use sync::{HttpHub, HubLink, SyncLoop};

use crate::{Desk, DeskError};

impl Desk {
    /// Opens a desk for a server: no demo shop (its orders come from the hub), credentials in
    /// `secrets` (a private file on a server; there is no desktop keyring).
    pub fn open_headless(
        data_dir: &Path,
        now: Timestamp,
        secrets: Arc<dyn channels::SecretStore>,
    ) -> Result<Desk, DeskError> {
        let mut desk = Desk::open_with(data_dir, now, false, secrets)?;
        desk.headless = true;
        desk.choose_connectors()?;
        Ok(desk)
    }

    /// Signs in to the hub with this device's token and syncs in the background. Unlike
    /// [`Desk::join_team`] the token is not kept in the database: the worker reads it from
    /// its secret file at every start, and the hub's address may change between starts.
    pub fn connect_headless(&self, url: &str, token: &str) -> Result<proto::User, DeskError> {
        let link = HubLink {
            url: url.trim().to_owned(),
            token: token.trim().to_owned(),
        };
        let store = self.store.clone();
        let for_join = link.clone();
        let hello = crate::team::on_own_runtime(move || async move {
            let hub = HttpHub::new(for_join)?;
            sync::join(&store, &hub, jiff::Timestamp::now()).await
        })?;
        let user = proto::User {
            id: hello.user_id,
            name: hello.user_name,
            role: hello.role.unwrap_or(proto::Role::Picker),
        };
        self.set_user(user.clone());
        let mut running = self.sync.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(old) = running.take() {
            old.stop();
        }
        *running = Some(SyncLoop::start(self.store.clone(), link)?);
        Ok(user)
    }

    /// Pulls one connection's orders now (a marketplace said something changed), whatever
    /// its schedule says; the outcome is kept in the connection's state.
    pub async fn pull_orders_now(
        &self,
        connection_id: uuid::Uuid,
        now: Timestamp,
    ) -> Result<(), DeskError> {
        let jobs = Jobs {
            orders: true,
            stock: false,
        };
        self.channels.sync_now(connection_id, jobs, now).await?;
        self.nudge_sync();
        Ok(())
    }

    /// Something was recorded outside a desk action (a webhook's import): push it now.
    pub fn push_soon(&self) {
        self.nudge_sync();
    }

    /// The connectors, for the routers a hub mounts (webhooks, 1C, notifications).
    pub fn channel_runner(&self) -> Arc<channels::Channels> {
        self.channels.clone()
    }

    /// The sync's state, for the hub's log and tests.
    pub fn sync_status(&self) -> Option<sync::Status> {
        self.sync
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .map(SyncLoop::status)
    }
}
