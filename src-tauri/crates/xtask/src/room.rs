//! Room on the disk before a build. A debug build of every test links some hundred binaries
//! of up to 130 MB each; on a full disk the linker dies mid-write with «signal 7 [Bus
//! error]», which says nothing about why (a CI run ended so). So the test command looks
//! first, frees what is safe to free, and says what it found.

use std::path::Path;
use std::process::Command;

/// What a full test build needs beside what is already built: its new binaries and the
/// compiler's incremental state of the workspace crates.
const WANTED_GIB: u64 = 20;

/// Space available on the filesystem holding `dir` (or its nearest existing parent), in
/// GiB; `None` when `df` cannot tell.
fn free_gib(dir: &Path) -> Option<u64> {
    let existing = dir.ancestors().find(|d| d.exists())?;
    let out = Command::new("df").arg("-Pk").arg(existing).output().ok()?;
    available_gib(&String::from_utf8_lossy(&out.stdout))
}

/// `df -Pk`'s POSIX format: a header, then «filesystem blocks used available capacity
/// mount» in KiB.
fn available_gib(df: &str) -> Option<u64> {
    let kib: u64 = df.lines().nth(1)?.split_whitespace().nth(3)?.parse().ok()?;
    Some(kib / (1024 * 1024))
}

/// Frees the compiler's incremental caches under `target` when the disk is short of room
/// (they are rebuilt as needed; nothing else is touched), and warns when that is not enough.
pub fn make_room(target: &Path) {
    let Some(free) = free_gib(target) else {
        return;
    };
    if free >= WANTED_GIB {
        return;
    }
    for profile in ["debug", "release"] {
        let incremental = target.join(profile).join("incremental");
        if incremental.exists() {
            match std::fs::remove_dir_all(&incremental) {
                Ok(()) => println!(
                    "xtask: {free} GiB free; removed {} to make room",
                    incremental.display()
                ),
                Err(e) => println!("xtask: could not remove {}: {e}", incremental.display()),
            }
        }
    }
    if let Some(after) = free_gib(target).filter(|gib| *gib < WANTED_GIB) {
        println!(
            "xtask: only {after} GiB free on the disk of {}; a full test build wants about \
             {WANTED_GIB} GiB, and a linker that runs out of room dies with «Bus error»",
            target.display()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_available_column_of_df_is_read_in_gib() {
        let df = "Filesystem     1024-blocks      Used Available Capacity Mounted on\n\
                  /dev/vda         264137216  28311552  68157440      30% /\n";
        assert_eq!(available_gib(df), Some(65));
        assert_eq!(
            available_gib("Filesystem 1024-blocks Used Available\n"),
            None
        );
        assert_eq!(available_gib(""), None);
    }

    #[test]
    fn a_folder_not_made_yet_is_measured_by_its_parent() {
        let missing = std::env::temp_dir().join("orderdesk-room-test/not/made/yet");
        assert!(
            free_gib(&missing).is_some(),
            "df answers for a parent of it"
        );
    }
}
