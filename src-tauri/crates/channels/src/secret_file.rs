//! Credentials of a headless server (the hub's connector worker): one JSON file per shop,
//! created with mode 0600 so only the hub's own user can read it, next to — never inside —
//! the shop's SQLite file. A server has no unlocked desktop keyring (Secret Service needs a
//! logged-in session), and environment variables cannot hold connections the admin adds
//! later from a desk; a private file is what servers use for such keys.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::secrets::{decode, encode};
use crate::{ChannelError, Credentials, SecretStore};

/// A [`SecretStore`] in one private file; every change rewrites it atomically.
pub struct FileSecrets {
    path: PathBuf,
    /// Serialises read-modify-write cycles of this process.
    lock: Mutex<()>,
}

#[derive(Default, Serialize, Deserialize)]
struct Contents {
    /// Connection id → `key\nsecret`, the keyring's encoding.
    channels: BTreeMap<Uuid, String>,
}

impl FileSecrets {
    pub fn new(path: impl Into<PathBuf>) -> FileSecrets {
        FileSecrets {
            path: path.into(),
            lock: Mutex::new(()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn read(&self) -> Result<Contents, ChannelError> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                // Never quote the file: it holds the secrets.
                .map_err(|_| ChannelError::Keyring("the secret file is not valid JSON".into())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Contents::default()),
            Err(e) => Err(ChannelError::Keyring(format!(
                "reading the secret file: {e}"
            ))),
        }
    }

    fn write(&self, contents: &Contents) -> Result<(), ChannelError> {
        let io = |e: std::io::Error| ChannelError::Keyring(format!("writing the secret file: {e}"));
        if let Some(dir) = self.path.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        let text = serde_json::to_vec_pretty(contents)
            .map_err(|e| ChannelError::Keyring(format!("encoding the secret file: {e}")))?;
        let tmp = self.path.with_extension("tmp");
        let _ = std::fs::remove_file(&tmp);
        let mut file = private_file(&tmp).map_err(io)?;
        file.write_all(&text).map_err(io)?;
        file.sync_all().map_err(io)?;
        std::fs::rename(&tmp, &self.path).map_err(io)
    }

    fn change(&self, f: impl FnOnce(&mut Contents)) -> Result<(), ChannelError> {
        let _guard = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        let mut contents = self.read()?;
        f(&mut contents);
        self.write(&contents)
    }
}

/// A new file only its owner can read and write: created with 0600, not chmod-ed after, so
/// it is never readable by others even for a moment.
#[cfg(unix)]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn private_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

impl SecretStore for FileSecrets {
    fn get(&self, connection: Uuid) -> Result<Option<Credentials>, ChannelError> {
        let _guard = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(self
            .read()?
            .channels
            .get(&connection)
            .and_then(|text| decode(text)))
    }

    fn set(&self, connection: Uuid, credentials: &Credentials) -> Result<(), ChannelError> {
        let text = encode(credentials)?;
        self.change(|c| {
            c.channels.insert(connection, text);
        })
    }

    fn delete(&self, connection: Uuid) -> Result<(), ChannelError> {
        self.change(|c| {
            c.channels.remove(&connection);
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Secret;

    #[test]
    fn file_secrets_round_trip_in_a_private_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let secrets = FileSecrets::new(dir.path().join("shop").join("secrets.json"));
        let id = Uuid::now_v7();
        let creds = Credentials {
            key: "ck_1".into(),
            secret: Secret::new("cs_topsecret"),
        };
        secrets.set(id, &creds).expect("set");
        // A second handle (a restarted hub) reads what the first wrote.
        let again = FileSecrets::new(secrets.path());
        assert_eq!(again.get(id).expect("get"), Some(creds));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(secrets.path())
                .expect("metadata")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        again.delete(id).expect("delete");
        assert_eq!(secrets.get(id).expect("get"), None);
    }
}
