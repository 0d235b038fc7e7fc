//! Where this PC keeps copies of the database and how many: `backups.json` beside the
//! database, not a row in it, because it must be read when the database cannot be (the
//! recovery window looks for copies there), and because it belongs to this PC, not to the
//! shop that a team shares.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::DeskError;

const FILE: &str = "backups.json";
/// Two weeks of daily copies.
const KEEP_DEFAULT: u32 = 14;
/// A year of daily copies is the most anyone has asked to keep; more fills the disk unseen.
pub(crate) const KEEP_MAX: u32 = 365;

#[derive(Debug, Default, Serialize, Deserialize)]
struct Saved {
    folder: Option<PathBuf>,
    keep: Option<u32>,
}

/// The folder copies go to and how many daily copies stay there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupPlace {
    pub folder: PathBuf,
    pub keep: u32,
}

impl BackupPlace {
    /// `backups` in the shop's data folder.
    pub fn default_folder(data_dir: &Path) -> PathBuf {
        data_dir.join("backups")
    }

    /// This PC's choice; a missing or damaged file is the default (copies go on being made).
    pub fn read(data_dir: &Path) -> BackupPlace {
        let saved = match std::fs::read(data_dir.join(FILE)) {
            Ok(bytes) => serde_json::from_slice::<Saved>(&bytes).unwrap_or_else(|e| {
                tracing::warn!(error = %e, "backups.json is damaged: copies go to the default folder");
                Saved::default()
            }),
            Err(_) => Saved::default(),
        };
        BackupPlace {
            folder: saved
                .folder
                .filter(|f| f.is_absolute())
                .unwrap_or_else(|| BackupPlace::default_folder(data_dir)),
            keep: saved
                .keep
                .filter(|k| (1..=KEEP_MAX).contains(k))
                .unwrap_or(KEEP_DEFAULT),
        }
    }

    /// Takes the administrator's choice once the folder is made and a file written in it:
    /// a folder that cannot take a copy is refused now, not found out at night.
    pub(crate) fn save(data_dir: &Path, wanted: &proto::BackupSettings) -> Result<(), DeskError> {
        if !(1..=KEEP_MAX).contains(&wanted.keep) {
            return Err(proto::InputProblem::BackupsKept { max: KEEP_MAX }.into());
        }
        let folder = wanted.folder.trim();
        let folder = (!folder.is_empty()).then(|| PathBuf::from(folder));
        let target = match &folder {
            Some(f) if !f.is_absolute() => {
                return Err(DeskError::BackupFolder {
                    path: f.clone(),
                    source: std::io::Error::new(
                        std::io::ErrorKind::InvalidInput,
                        "a folder is named by its full path",
                    ),
                })
            }
            Some(f) => f.clone(),
            None => BackupPlace::default_folder(data_dir),
        };
        try_writing(&target).map_err(|source| DeskError::BackupFolder {
            path: target.clone(),
            source,
        })?;
        let saved = Saved {
            // The default is not written down, so it follows the data folder if that moves.
            folder: folder.filter(|f| *f != BackupPlace::default_folder(data_dir)),
            keep: Some(wanted.keep),
        };
        let text =
            serde_json::to_vec_pretty(&saved).map_err(|e| proto::InputProblem::Unencodable {
                detail: e.to_string(),
            })?;
        write_replacing(&data_dir.join(FILE), &text).map_err(|source| DeskError::DataDir {
            path: data_dir.to_path_buf(),
            source,
        })
    }
}

fn try_writing(folder: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(folder)?;
    let probe = folder.join(".orderdesk-write-test");
    std::fs::write(&probe, b"ok")?;
    std::fs::remove_file(&probe)
}

/// Written beside and renamed, so a crash never leaves half a file.
fn write_replacing(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let partial = path.with_extension("json.partial");
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_or_missing_settings_file_is_the_default() {
        let dir = tempfile::tempdir().expect("dir");
        let default = BackupPlace {
            folder: dir.path().join("backups"),
            keep: KEEP_DEFAULT,
        };
        assert_eq!(BackupPlace::read(dir.path()), default);
        std::fs::write(dir.path().join(FILE), b"{not json").expect("write");
        assert_eq!(BackupPlace::read(dir.path()), default);
    }

    #[test]
    fn a_chosen_folder_and_count_are_kept_and_a_bad_one_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let chosen = dir.path().join("elsewhere").join("copies");
        let wanted = proto::BackupSettings {
            folder: chosen.display().to_string(),
            keep: 30,
        };
        BackupPlace::save(dir.path(), &wanted).expect("saved");
        assert_eq!(
            BackupPlace::read(dir.path()),
            BackupPlace {
                folder: chosen,
                keep: 30
            }
        );
        let relative = proto::BackupSettings {
            folder: "copies".into(),
            keep: 30,
        };
        assert!(matches!(
            BackupPlace::save(dir.path(), &relative),
            Err(DeskError::BackupFolder { .. })
        ));
        let too_many = proto::BackupSettings {
            folder: String::new(),
            keep: KEEP_MAX + 1,
        };
        assert!(BackupPlace::save(dir.path(), &too_many).is_err());
        assert_eq!(BackupPlace::read(dir.path()).keep, 30);
    }
}
