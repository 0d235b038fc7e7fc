//! The real OS keyring: Secret Service on Linux, served by gnome-keyring-daemon on a private
//! D-Bus session (the Debian packages `gnome-keyring` and `dbus`, which `cargo xtask setup`
//! installs); the Credential Manager on Windows (`cargo xtask test --windows` runs it under
//! Wine, whose Credential Manager is its own, not Microsoft's).

use channels::{Credentials, KeyringSecrets, Secret, SecretStore};
use uuid::Uuid;

#[cfg(not(windows))]
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
    secrets.set(id, &first).expect("store in the keyring");
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

/// Also the test of keyring's `windows-native` feature: without it keyring 3 falls back to a
/// mock on Windows whose every entry is a new empty one, and the first read-back fails.
#[cfg(windows)]
#[test]
fn credentials_round_trip_through_the_credential_manager() {
    exercise_keyring();
}

#[cfg(not(windows))]
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
    let status = std::process::Command::new("dbus-run-session")
        .args(["--", "sh", "-c", &script])
        .env(CHILD, "1")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_RUNTIME_DIR", home.path())
        .status()
        .expect("dbus-run-session runs (Debian package dbus)");
    assert!(status.success(), "keyring round trip failed: {status}");
}
