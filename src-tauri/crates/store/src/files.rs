//! File modes of what the desk writes: the database, its copies and the instance lock.

use std::path::Path;

use crate::StoreError;

/// The shop's database holds customers' names, phones and addresses: on a shared PC only its
/// owner may read it. The file is made (or tightened) to 0600 before SQLite opens it, and
/// SQLite gives its WAL and shared-memory files the database file's mode.
#[cfg(unix)]
pub(crate) fn owner_only(path: &Path) -> Result<(), StoreError> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let open = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .mode(0o600)
        .open(path);
    let file = open.map_err(StoreError::Io)?;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
        .map_err(StoreError::Io)
}

/// On Windows the profile directory's ACL already keeps other users out.
#[cfg(not(unix))]
pub(crate) fn owner_only(_path: &Path) -> Result<(), StoreError> {
    Ok(())
}
