//! Credentials live in the OS keyring (Secret Service on Linux), never in the database, logs
//! or error messages. A [`Secret`] prints as `***`.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Mutex, PoisonError};

use uuid::Uuid;

use crate::ChannelError;

/// A secret value; `Debug` and `Display` never show it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The pair every channel authenticates with: consumer key and secret for WooCommerce,
/// login and password (or a token as the secret) for МойСклад and 1C.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub key: String,
    pub secret: Secret,
}

/// Where credentials are kept, per connection.
pub trait SecretStore: Send + Sync {
    fn get(&self, connection: Uuid) -> Result<Option<Credentials>, ChannelError>;
    fn set(&self, connection: Uuid, credentials: &Credentials) -> Result<(), ChannelError>;
    fn delete(&self, connection: Uuid) -> Result<(), ChannelError>;
}

/// The OS keyring. Each connection is one entry, service `orderdesk`, user
/// `channel:<id>`; key and secret are stored together so they cannot drift apart.
pub struct KeyringSecrets {
    service: String,
}

impl KeyringSecrets {
    pub fn new() -> KeyringSecrets {
        KeyringSecrets::with_service("orderdesk")
    }

    /// A separate service name, e.g. per shop profile or per test.
    pub fn with_service(service: &str) -> KeyringSecrets {
        KeyringSecrets {
            service: service.to_owned(),
        }
    }

    fn entry(&self, connection: Uuid) -> Result<keyring::Entry, ChannelError> {
        keyring::Entry::new(&self.service, &format!("channel:{connection}")).map_err(keyring_error)
    }
}

impl Default for KeyringSecrets {
    fn default() -> Self {
        KeyringSecrets::new()
    }
}

/// keyring's errors describe the store, never the secret: the platform's reason is kept for
/// the two that need it to be fixed.
fn keyring_error(e: keyring::Error) -> ChannelError {
    let kind = match e {
        keyring::Error::PlatformFailure(inner) => {
            return ChannelError::Keyring(format!("the keyring service failed: {inner}"))
        }
        keyring::Error::NoStorageAccess(inner) => {
            return ChannelError::Keyring(format!("the keyring is locked or unreachable: {inner}"))
        }
        keyring::Error::BadEncoding(_) => "the stored entry is not text",
        keyring::Error::TooLong(..) => "the value is too long for the keyring",
        keyring::Error::Invalid(..) => "invalid keyring entry name",
        keyring::Error::Ambiguous(_) => "several keyring entries match",
        _ => "keyring error",
    };
    ChannelError::Keyring(kind.to_owned())
}

/// Stored as `key\nsecret`: a key never contains a newline.
pub(crate) fn encode(c: &Credentials) -> Result<String, ChannelError> {
    if c.key.contains('\n') {
        return Err(ChannelError::Config("the key must be one line".into()));
    }
    Ok(format!("{}\n{}", c.key, c.secret.expose()))
}

pub(crate) fn decode(text: &str) -> Option<Credentials> {
    let (key, secret) = text.split_once('\n')?;
    Some(Credentials {
        key: key.to_owned(),
        secret: Secret::new(secret),
    })
}

impl SecretStore for KeyringSecrets {
    fn get(&self, connection: Uuid) -> Result<Option<Credentials>, ChannelError> {
        match self.entry(connection)?.get_password() {
            Ok(text) => Ok(decode(&text)),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(keyring_error(e)),
        }
    }

    fn set(&self, connection: Uuid, credentials: &Credentials) -> Result<(), ChannelError> {
        self.entry(connection)?
            .set_password(&encode(credentials)?)
            .map_err(keyring_error)
    }

    fn delete(&self, connection: Uuid) -> Result<(), ChannelError> {
        match self.entry(connection)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(keyring_error(e)),
        }
    }
}

/// For tests and for a hub that gets credentials from its own configuration.
#[derive(Default)]
pub struct MemorySecrets(Mutex<HashMap<Uuid, Credentials>>);

impl SecretStore for MemorySecrets {
    fn get(&self, connection: Uuid) -> Result<Option<Credentials>, ChannelError> {
        let map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        Ok(map.get(&connection).cloned())
    }

    fn set(&self, connection: Uuid, credentials: &Credentials) -> Result<(), ChannelError> {
        encode(credentials)?;
        let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        map.insert(connection, credentials.clone());
        Ok(())
    }

    fn delete(&self, connection: Uuid) -> Result<(), ChannelError> {
        let mut map = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        map.remove(&connection);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let c = Credentials {
            key: "ck_1".into(),
            secret: Secret::new("cs_topsecret"),
        };
        assert!(!format!("{c:?}").contains("topsecret"));
        let encoded = encode(&c).expect("one-line key");
        assert_eq!(decode(&encoded), Some(c));
    }
}
