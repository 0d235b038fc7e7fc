//! The real OS keyring: Secret Service on Linux, served by gnome-keyring-daemon on a private
//! D-Bus session. Needs the Debian packages `gnome-keyring` and `dbus` (dbus-run-session),
//! which `cargo xtask setup` installs.

use std::process::Command;

use channels::{Credentials, KeyringSecrets, Secret, SecretStore};
use uuid::Uuid;

const CHILD: &str = "ORDERDESK_KEYRING_CHILD";

/// Runs inside the private session (see the test below): store, read, replace, delete.
fn exercise_keyring() {
    let secrets = KeyringSecrets::with_service(&format!("orderdesk-test-{}", Uuid::now_v7()));
    let id = Uuid::now_v7();
    assert_eq!(secrets.get(id).expect("empty keyring answers"), None);
    let first = Credentials {
        key: "ck_live_1".into(),
        secret: Secret::new("cs_live_первый"),
    };
    secrets.set(id, &first).expect("store in Secret Service");
    assert_eq!(secrets.get(id).expect("read back"), Some(first));
    let second = Credentials {
        key: "ck_live_2".into(),
        secret: Secret::new("cs_live_2"),
    };
    secrets.set(id, &second).expect("replace");
    assert_eq!(secrets.get(id).expect("read back"), Some(second));
    secrets.delete(id).expect("delete");
    assert_eq!(secrets.get(id).expect("gone"), None);
}

#[test]
fn credentials_round_trip_through_secret_service() {
    if std::env::var_os(CHILD).is_some() {
        exercise_keyring();
        return;
    }
    let me = std::env::current_exe().expect("test binary");
    // A private session bus with an unlocked keyring (empty password), then this same test
    // again inside it.
    let script = format!(
        "printf 'orderdesk-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null && \
         exec '{}' --exact credentials_round_trip_through_secret_service --nocapture",
        me.display()
    );
    // The daemon keeps its keyring files under the data dir: a private one, not the user's.
    let home = tempfile::tempdir().expect("temp home");
    let status = Command::new("dbus-run-session")
        .args(["--", "sh", "-c", &script])
        .env(CHILD, "1")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_RUNTIME_DIR", home.path())
        .status()
        .expect("dbus-run-session runs (Debian package dbus)");
    assert!(status.success(), "keyring round trip failed: {status}");
}
