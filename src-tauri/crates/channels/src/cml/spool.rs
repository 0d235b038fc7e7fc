//! Where the files 1C uploads wait for their import: on disk, never in memory, in a folder of
//! the exchange's own (one subfolder per session) with a cap per session and one across all
//! sessions, so one shop's 1C cannot fill the disk or the memory every other shop on the hub
//! needs. A file is removed once imported, a session's files when it starts a new exchange or
//! expires, and the whole folder when the exchange ends — or, when the process was killed,
//! by the next exchange made on this machine (the folder's lock file is free then).

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::ChannelError;

const PREFIX: &str = "orderdesk-1c-";
/// A folder younger than this is left alone even with its lock free: it may be one being made.
const LEFTOVER_AGE: Duration = Duration::from_secs(10 * 60);
const LOCK: &str = ".lock";

pub(crate) struct Spool {
    root: PathBuf,
    /// Held from the first upload on: tells a live exchange's folder from a killed one's.
    lock: Mutex<Option<File>>,
    session_bytes: usize,
    total_bytes: usize,
    /// Bytes on disk by session and file name.
    held: Mutex<HashMap<u64, HashMap<String, usize>>>,
}

fn io(what: &str, e: std::io::Error) -> ChannelError {
    ChannelError::Config(format!("{what}: {e}"))
}

impl Spool {
    /// A new folder under the OS temp dir, named at random so two exchanges (two shops'
    /// workers on one hub) never share one. Made at the first upload.
    pub(crate) fn new(session_bytes: usize, total_bytes: usize) -> Spool {
        let temp = std::env::temp_dir();
        remove_leftovers(&temp, LEFTOVER_AGE);
        let name = format!("{PREFIX}{}", uuid::Uuid::new_v4().simple());
        Spool {
            root: temp.join(name),
            lock: Mutex::new(None),
            session_bytes,
            total_bytes,
            held: Mutex::new(HashMap::new()),
        }
    }

    fn dir(&self, session: u64) -> PathBuf {
        self.root.join(session.to_string())
    }

    /// Adds `bytes` to the end of the session's file `name` (a plain file name: the caller
    /// has taken any folder off). Refused, and nothing written, past either cap.
    pub(crate) fn append(
        &self,
        session: u64,
        name: &str,
        bytes: &[u8],
    ) -> Result<(), ChannelError> {
        {
            let mut held = self.held.lock().unwrap_or_else(PoisonError::into_inner);
            let all: usize = held.values().flat_map(HashMap::values).sum();
            let mine: usize = held.get(&session).map_or(0, |f| f.values().sum());
            if mine + bytes.len() > self.session_bytes || all + bytes.len() > self.total_bytes {
                return Err(ChannelError::Config(
                    "the exchange is larger than allowed".into(),
                ));
            }
            // Counted before writing, so two requests at once cannot both pass the cap.
            *held
                .entry(session)
                .or_default()
                .entry(name.to_owned())
                .or_default() += bytes.len();
        }
        let written = self.write(session, name, bytes);
        if written.is_err() {
            // Whatever part of it reached the disk is of no use: the file is dropped whole.
            self.remove(session, name);
        }
        written
    }

    fn write(&self, session: u64, name: &str, bytes: &[u8]) -> Result<(), ChannelError> {
        let dir = self.dir(session);
        private_dir(&self.root).map_err(|e| io("temp folder", e))?;
        self.hold_lock().map_err(|e| io("temp folder", e))?;
        private_dir(&dir).map_err(|e| io("temp folder", e))?;
        let mut file = private_file(&dir.join(name)).map_err(|e| io(name, e))?;
        file.write_all(bytes).map_err(|e| io(name, e))
    }

    fn hold_lock(&self) -> std::io::Result<()> {
        let mut lock = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        if lock.is_none() {
            let file = private_file(&self.root.join(LOCK))?;
            // Ours alone: the folder's name is random and made by this process.
            file.try_lock().map_err(std::io::Error::other)?;
            *lock = Some(file);
        }
        Ok(())
    }

    /// The whole file as uploaded.
    pub(crate) fn read(&self, session: u64, name: &str) -> Result<Vec<u8>, ChannelError> {
        let known = self
            .held
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&session)
            .is_some_and(|f| f.contains_key(name));
        if !known {
            return Err(ChannelError::Config(format!("{name} was not uploaded")));
        }
        std::fs::read(self.dir(session).join(name)).map_err(|e| io(name, e))
    }

    /// The file is not needed any more (imported, or broken off).
    pub(crate) fn remove(&self, session: u64, name: &str) {
        if let Some(files) = self
            .held
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get_mut(&session)
        {
            files.remove(name);
        }
        let _ = std::fs::remove_file(self.dir(session).join(name));
    }

    /// Every file of the session, and its folder.
    pub(crate) fn clear(&self, session: u64) {
        self.held
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&session);
        let _ = std::fs::remove_dir_all(self.dir(session));
    }

    pub(crate) fn held_bytes(&self) -> usize {
        self.held
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .values()
            .flat_map(HashMap::values)
            .sum()
    }

    /// Files actually on disk, whatever the accounting says (tests).
    pub(crate) fn files_on_disk(&self) -> usize {
        let Ok(sessions) = std::fs::read_dir(&self.root) else {
            return 0;
        };
        sessions
            .filter_map(Result::ok)
            .filter_map(|s| std::fs::read_dir(s.path()).ok())
            .map(Iterator::count)
            .sum()
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        // Closed first: Windows removes no folder with a file open in it.
        drop(
            self.lock
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take(),
        );
        let _ = std::fs::remove_dir_all(&self.root);
    }
}

/// Removes the exchange folders under `temp` that no live process holds (a hub or desk killed
/// mid-exchange left them), older than `age`.
fn remove_leftovers(temp: &Path, age: Duration) {
    let Ok(entries) = std::fs::read_dir(temp) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        let ours = entry.file_name().to_string_lossy().starts_with(PREFIX);
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|elapsed| elapsed >= age);
        if !ours || !old || !path.is_dir() {
            continue;
        }
        let free = match File::open(path.join(LOCK)) {
            // Free: its process is gone (the OS let go of the lock with it).
            Ok(file) => file.try_lock().is_ok(),
            // Never locked, and old: its process died before its first upload was written.
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        };
        if free {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// Customers' orders and the shop's prices: other accounts on the machine may not read them.
#[cfg(unix)]
fn private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    match std::fs::DirBuilder::new().mode(0o700).create(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        other => other,
    }
}

#[cfg(not(unix))]
fn private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

fn private_file(path: &Path) -> std::io::Result<File> {
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::{remove_leftovers, Spool};

    #[test]
    fn a_killed_exchanges_folder_is_removed_and_a_live_ones_kept() {
        let temp = tempfile::tempdir().expect("temp");
        let folder = |name: &str| {
            let dir = temp.path().join(name);
            std::fs::create_dir_all(dir.join("0")).expect("folder");
            std::fs::write(dir.join("0").join("import.xml"), b"<x/>").expect("file");
            std::fs::write(dir.join(".lock"), b"").expect("lock file");
            dir
        };
        let killed = folder("orderdesk-1c-killed");
        let live = folder("orderdesk-1c-live");
        let held = std::fs::File::open(live.join(".lock")).expect("open");
        held.lock().expect("held by a live exchange");
        let other = temp.path().join("someone-elses");
        std::fs::create_dir(&other).expect("another program's folder");
        // Too young: left alone whatever its lock says.
        remove_leftovers(temp.path(), Duration::from_secs(3600));
        assert!(killed.exists());
        remove_leftovers(temp.path(), Duration::ZERO);
        assert!(!killed.exists(), "the killed exchange's upload is removed");
        assert!(
            live.join("0").join("import.xml").exists(),
            "a live one's is kept"
        );
        assert!(other.exists());
    }

    #[test]
    fn files_are_kept_on_disk_within_the_caps_and_removed() {
        let spool = Spool::new(10, 15);
        spool.append(1, "import.xml", b"12345").expect("first part");
        spool.append(1, "import.xml", b"678").expect("second part");
        assert_eq!(spool.read(1, "import.xml").expect("read"), b"12345678");
        assert!(
            spool.append(1, "offers.xml", b"abc").is_err(),
            "past the session's cap"
        );
        spool
            .append(2, "import.xml", b"abcdefg")
            .expect("another session");
        assert!(
            spool.append(3, "import.xml", b"x").is_err(),
            "past the total cap"
        );
        assert_eq!((spool.held_bytes(), spool.files_on_disk()), (15, 2));
        spool.remove(1, "import.xml");
        spool.clear(2);
        assert_eq!((spool.held_bytes(), spool.files_on_disk()), (0, 0));
        let root = spool.root.clone();
        drop(spool);
        assert!(!root.exists(), "the folder goes with the exchange");
    }
}
