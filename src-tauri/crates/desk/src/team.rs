//! Working as part of a team: joining a hub, the background sync, what the desk shows of
//! it, and read-only mode once the device is revoked.

use std::sync::PoisonError;

use jiff::Timestamp;
use proto::sync::{JoinProgress, RejectCode, RejectionView, SyncState, SyncStatus};
use sync::{HttpHub, HubLink, SyncError, SyncLoop};

use crate::{Desk, DeskError};

impl Desk {
    /// Joins the team hub at `url` with this device's `token` (from `orderdesk-hub admin
    /// create-device`), keeps the link for later starts, signs in as the token's user and
    /// starts syncing. Refused on the demo shop, whose orders and products are not real.
    pub fn join_team(&self, url: &str, token: &str) -> Result<proto::User, DeskError> {
        self.refuse_demo_in_team()?;
        let link = HubLink {
            url: url.trim().to_owned(),
            token: token.trim().to_owned(),
        };
        let store = self.store.clone();
        let for_join = link.clone();
        let hello = on_own_runtime(move || async move {
            let hub = HttpHub::new(for_join)?;
            let hello = sync::join(&store, &hub, jiff::Timestamp::now()).await?;
            store.set_team_shared(hello.shared)?;
            if hello.shared {
                // Who may sign in here, before anyone is asked to.
                sync::refresh_members(&store, &hub, jiff::Timestamp::now()).await?;
            }
            Ok(hello)
        })?;
        // The token goes to the OS keyring, never into the database file.
        self.secrets
            .set(self.hub_secret_id(), &hub_credentials(&link))
            .map_err(DeskError::Channel)?;
        self.store.set_hub_url(link.url.clone())?;
        // From now on the hub runs the shop's connectors.
        self.choose_connectors()?;
        let user = proto::User {
            id: hello.user_id,
            name: hello.user_name,
            role: hello.role.unwrap_or(proto::Role::Picker),
        };
        if hello.shared {
            // A PC members take turns at: nobody acts until someone signs in with their PIN.
            self.store.signed_out()?;
            self.resume_session()?;
            self.start_sync()?;
            return Ok(self.user());
        }
        self.set_user(user.clone());
        // The token's user acts here after every restart too, not «Администратор».
        self.store.set_team_member(&self.actor())?;
        self.start_sync()?;
        Ok(user)
    }

    /// Starts the background sync if this desk has joined a hub; `false` if it has not.
    pub fn start_sync(&self) -> Result<bool, DeskError> {
        let Some(link) = self.hub_link()? else {
            return Ok(false);
        };
        if self.store.is_revoked()? {
            return Ok(false);
        }
        let mut running = self.sync.lock().unwrap_or_else(PoisonError::into_inner);
        if running.is_none() {
            *running = Some(SyncLoop::start(self.store.clone(), link)?);
        }
        Ok(true)
    }

    /// The hub's address (database) and this device's token (keyring).
    pub(crate) fn hub_link(&self) -> Result<Option<HubLink>, DeskError> {
        let Some(url) = self.store.hub_url()? else {
            return Ok(None);
        };
        // A token not moved yet (see `move_hub_token_to_keyring`) is still used.
        let legacy = self.store.legacy_hub_token()?;
        let token = match self.secrets.get(self.hub_secret_id()) {
            Ok(Some(c)) => Some(c.secret.expose().to_owned()),
            Ok(None) => legacy,
            Err(e) => Some(legacy.ok_or(DeskError::Channel(e))?),
        };
        Ok(token.map(|token| HubLink { url, token }))
    }

    /// The token's keyring entry: named by this database's device id, so two shop profiles
    /// on one PC keep theirs apart.
    fn hub_secret_id(&self) -> uuid::Uuid {
        self.store.device_id()
    }

    /// Versions before the keyring kept the token in the database: moved to the keyring and
    /// wiped from the file. Run at every open; does nothing once done.
    pub(crate) fn move_hub_token_to_keyring(&self) -> Result<(), DeskError> {
        let Some(token) = self.store.legacy_hub_token()? else {
            return Ok(());
        };
        let url = self.store.hub_url()?.unwrap_or_default();
        self.secrets
            .set(
                self.hub_secret_id(),
                &hub_credentials(&HubLink { url, token }),
            )
            .map_err(DeskError::Channel)?;
        self.store.wipe_legacy_hub_token()?;
        Ok(())
    }

    /// Stops the background sync (closing the app, switching profile); work stays local
    /// until the next start.
    pub fn stop_sync(&self) {
        let running = self
            .sync
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(running) = running {
            running.stop();
        }
    }

    /// The team hub's address when this PC is in a team (updates are looked for there too).
    pub fn hub_address(&self) -> Result<Option<String>, DeskError> {
        Ok(self.store.hub_url()?)
    }

    /// What the sync indicator shows.
    pub fn sync_state(&self) -> Result<SyncState, DeskError> {
        let pending = self.store.unsent_count()?;
        let rejections = self
            .store
            .rejections()?
            .into_iter()
            .map(|r| RejectionView {
                op_id: r.rejection.op_id.to_string(),
                order_id: r.order_id.map(|id| id.to_string()),
                kind: r.kind,
                code: serde_json::from_value(serde_json::Value::String(r.rejection.code))
                    .unwrap_or(RejectCode::Invalid),
                message: r.rejection.message,
                current: r
                    .rejection
                    .current
                    .as_deref()
                    .and_then(|c| serde_json::from_str(c).ok()),
                at: r.rejection.at.as_millisecond(),
            })
            .collect();
        if !self.store.is_joined()? {
            return Ok(SyncState {
                status: SyncStatus::NotJoined,
                pending,
                offline_since: None,
                last_error: None,
                join: None,
                rejections,
            });
        }
        let status = self
            .sync
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .map(SyncLoop::status)
            .unwrap_or_default();
        let shown = if status.revoked || self.store.is_revoked()? {
            SyncStatus::Revoked
        } else if status.upgrade_required {
            SyncStatus::UpgradeRequired
        } else if status.offline_since.is_some() || !status.running {
            SyncStatus::Offline
        } else if pending > 0 || status.last_synced.is_none() {
            SyncStatus::Pending
        } else {
            SyncStatus::Synced
        };
        Ok(SyncState {
            status: shown,
            pending,
            offline_since: status.offline_since.map(Timestamp::as_millisecond),
            last_error: status.last_error,
            join: status
                .catching_up
                .map(|(done, total)| JoinProgress { done, total }),
            rejections,
        })
    }

    /// A revoked device keeps its data but changes nothing: the hub would refuse it all. Nor
    /// does a locked desk, or one nobody is signed in at (`people`).
    pub(crate) fn writable(&self) -> Result<(), DeskError> {
        if self.store.is_revoked()? {
            return Err(DeskError::ReadOnly);
        }
        self.signed_in_or_open()
    }

    /// A local op was recorded: let the sync push it now.
    pub(crate) fn nudge_sync(&self) {
        if let Some(running) = self
            .sync
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
        {
            running.nudge();
        }
    }
}

/// Kept as the channels keep theirs: the address as the key, the token as the secret.
fn hub_credentials(link: &HubLink) -> ::channels::Credentials {
    ::channels::Credentials {
        key: link.url.clone(),
        secret: ::channels::Secret::new(link.token.clone()),
    }
}

/// Runs `work` on a thread and runtime of its own and waits for it: the caller (a command,
/// the hub's worker) may itself be inside an async runtime, where blocking on one would panic.
pub(crate) fn on_own_runtime<T, F, Fut>(work: F) -> Result<T, DeskError>
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<T, SyncError>>,
    T: Send + 'static,
{
    std::thread::spawn(move || {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| SyncError::Offline(e.to_string()))?
            .block_on(work())
    })
    .join()
    .map_err(|_| DeskError::Sync(SyncError::Offline("the join thread failed".into())))?
    .map_err(DeskError::from)
}
