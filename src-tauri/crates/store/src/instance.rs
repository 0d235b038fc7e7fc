//! One desk per database: two copies of the app on one data directory would both run the
//! channels' push queue and the sync loop on the same file, sending every marketplace action
//! twice. A lock file beside the database, held while the store is open, keeps the second
//! one out; the operating system lets go of it when the process ends, however it ends.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::StoreError;

/// Held for as long as the store is open.
#[derive(Debug)]
pub(crate) struct InstanceLock {
    _file: File,
}

/// `shop.db` → `shop.db.lock`.
pub(crate) fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(".lock");
    PathBuf::from(name)
}

/// How long a start waits for a copy that is just closing (the window gone, the process
/// still flushing its last writes) before it says the database is in use.
pub(crate) const CLOSING_GRACE: Duration = Duration::from_secs(5);

pub(crate) fn lock(db: &Path, grace: Duration) -> Result<InstanceLock, StoreError> {
    let path = lock_path(db);
    crate::files::owner_only(&path)?;
    // owner_only makes the file on Unix only; on Windows it must be made here.
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(StoreError::Io)?;
    let until = Instant::now() + grace;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(InstanceLock { _file: file }),
            Err(TryLockError::WouldBlock) if Instant::now() < until => {
                // The OS offers no wait-with-timeout on a file lock: look again shortly.
                std::thread::sleep(Duration::from_millis(50));
            }
            Err(TryLockError::WouldBlock) => return Err(StoreError::InUse(db.to_path_buf())),
            Err(TryLockError::Error(e)) => return Err(StoreError::Io(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::lock;
    use crate::{Store, StoreError};

    #[test]
    fn a_start_waits_for_a_copy_that_is_closing() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("shop.db");
        let closing = lock(&path, Duration::ZERO).expect("first");
        let released = std::sync::mpsc::channel::<()>();
        let holder = std::thread::spawn(move || {
            // Let go once the second start is already waiting.
            let _ = released.1.recv();
            drop(closing);
        });
        let waiting = std::thread::spawn({
            let path = path.clone();
            move || lock(&path, Duration::from_secs(30))
        });
        // Refused outright without a grace period while the first holds it…
        assert!(matches!(
            lock(&path, Duration::ZERO),
            Err(StoreError::InUse(_))
        ));
        let _ = released.0.send(());
        holder.join().expect("holder");
        // …and the waiting start gets it once the first is gone.
        waiting
            .join()
            .expect("waiter")
            .expect("locked after the close");
    }

    #[test]
    fn a_second_store_on_the_same_database_is_refused_until_the_first_closes() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("shop.db");
        let first = Store::open(&path).expect("first open");
        match Store::open(&path) {
            Err(StoreError::InUse(p)) => assert_eq!(p, path),
            Err(e) => panic!("refused for another reason: {e}"),
            Ok(_) => panic!("two stores opened one database"),
        }
        // Another shop's database beside it is not locked by this one.
        Store::open(&dir.path().join("other.db")).expect("another database opens");
        drop(first);
        Store::open(&path).expect("opens again once the first is closed");
    }
}
