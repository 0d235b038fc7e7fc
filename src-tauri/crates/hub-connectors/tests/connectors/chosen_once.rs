//! Issue 17: where a desk's channel tasks run is chosen when it opens and when it joins, not
//! by reading the database and the OS keyring (D-Bus on Linux, the Credential Manager on
//! Windows) at every click on the channels screen; and a keyring that is not there yet at
//! start-up never turns a team desk into one that runs the shop's connectors itself.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use channels::{ChannelError, Credentials, MemorySecrets, SecretStore};

use super::*;

/// The OS keyring as the desk sees it, counting reads, and out of reach while `down`.
#[derive(Default)]
struct Keyring {
    inner: MemorySecrets,
    reads: AtomicUsize,
    down: AtomicBool,
}

impl SecretStore for Keyring {
    fn get(&self, id: Uuid) -> Result<Option<Credentials>, ChannelError> {
        self.reads.fetch_add(1, Ordering::SeqCst);
        if self.down.load(Ordering::SeqCst) {
            return Err(ChannelError::Keyring(
                "the keyring is locked or unreachable".into(),
            ));
        }
        self.inner.get(id)
    }
    fn set(&self, id: Uuid, credentials: &Credentials) -> Result<(), ChannelError> {
        self.inner.set(id, credentials)
    }
    fn delete(&self, id: Uuid) -> Result<(), ChannelError> {
        self.inner.delete(id)
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_team_desk_chooses_its_connectors_once_and_a_missing_keyring_never_makes_them_local() {
    let team = Team::start("conn_chosen_once").await;
    let (_a, admin_desk) = team.desk("admin").await;
    let (_site, home) = fake_site().await;
    let added = add_site(&admin_desk, &home).await;

    let token = team.token(team.shop, "manager").await;
    let url = team.hub.url();
    let dir = tempfile::tempdir().expect("desk dir");
    let path = dir.path().to_path_buf();
    let keyring = Arc::new(Keyring::default());
    let k = keyring.clone();
    tokio::task::spawn_blocking(move || {
        let open = || {
            desk::Desk::open_with_secrets(&path, jiff::Timestamp::now(), k.clone()).expect("open")
        };
        let desk = open();
        desk.join_team(&url, &token).expect("join");
        let after_join = k.reads.load(Ordering::SeqCst);
        for _ in 0..5 {
            let seen = desk.channels().expect("the hub's connections");
            assert_eq!(seen.len(), 1, "the admin's site, as the hub runs it");
            assert_eq!(seen[0].id, added.id);
        }
        assert_eq!(
            k.reads.load(Ordering::SeqCst),
            after_join,
            "five looks at the channels read the keyring no more"
        );
        drop(desk);

        // The next start finds the keyring not yet unlocked.
        k.down.store(true, Ordering::SeqCst);
        let desk = open();
        assert!(
            desk.channels().is_err(),
            "no token, no hub: an error, not an empty list of this PC's own connectors"
        );
        assert!(!desk.runs_connectors().expect("state"), "still a team desk");
        // Unlocked a moment later: the next look reaches the hub, and the one after it
        // reads the keyring no more.
        k.down.store(false, Ordering::SeqCst);
        let seen = desk.channels().expect("the hub's connections");
        assert_eq!(seen.len(), 1);
        let reads = k.reads.load(Ordering::SeqCst);
        desk.channels().expect("again");
        assert_eq!(k.reads.load(Ordering::SeqCst), reads);
    })
    .await
    .expect("desk thread");
}
