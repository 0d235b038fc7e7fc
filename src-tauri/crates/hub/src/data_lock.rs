//! One hub per data directory: two hubs on one directory would each run every shop's
//! connector worker on the same SQLite files, sending every marketplace action twice. A lock
//! file in the directory, held while the hub runs, keeps the second one out; the operating
//! system lets go of it when the process ends, however it ends.

use std::fs::{File, OpenOptions, TryLockError};
use std::path::Path;

use crate::HubError;

/// Held for as long as the hub runs.
#[derive(Debug)]
pub(crate) struct DataDirLock {
    _file: File,
}

/// Makes the data directory (its owner's alone: it holds every shop's customers and keys) and
/// takes its lock, or says that another hub has it.
pub(crate) fn lock(dir: &Path) -> Result<DataDirLock, HubError> {
    let failed =
        |e: std::io::Error| HubError::Admin(format!("data directory {}: {e}", dir.display()));
    private_dir(dir).map_err(failed)?;
    let mut options = OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(dir.join("hub.lock")).map_err(failed)?;
    match file.try_lock() {
        Ok(()) => Ok(DataDirLock { _file: file }),
        Err(TryLockError::WouldBlock) => Err(HubError::DataDirInUse(dir.to_path_buf())),
        Err(TryLockError::Error(e)) => Err(failed(e)),
    }
}

/// Made 0700, and made so again when it was not (an older hub left it 0755).
#[cfg(unix)]
fn private_dir(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
fn private_dir(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

#[cfg(test)]
mod tests {
    use crate::{Config, Hub};
    use testkit::pg::TestDatabase;

    #[tokio::test]
    async fn a_second_hub_on_the_same_data_dir_is_refused() {
        let db = TestDatabase::create("hub_data_lock")
            .await
            .expect("database");
        let dir = tempfile::tempdir().expect("dir");
        let config = Config {
            database_url: db.url.clone(),
            listen: "127.0.0.1:0".parse().expect("address"),
            data_dir: dir.path().join("data"),
            ..Config::default()
        };
        let first = Hub::start(&config).await.expect("first hub");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&config.data_dir)
                .expect("made")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o700, "every shop's data is the hub's alone");
        }
        match Hub::start(&config).await {
            Err(e) => assert!(
                matches!(&e, crate::HubError::DataDirInUse(p) if *p == config.data_dir)
                    && e.to_string().contains("another orderdesk-hub"),
                "refused for another reason: {e}"
            ),
            Ok(_) => panic!("two hubs run on one data directory"),
        }
        let elsewhere = Config {
            data_dir: dir.path().join("other"),
            ..config.clone()
        };
        Hub::start(&elsewhere)
            .await
            .expect("another data directory")
            .stop()
            .await;
        first.stop().await;
        Hub::start(&config)
            .await
            .expect("starts once the first has stopped")
            .stop()
            .await;
        db.drop_now().await.expect("dropped");
    }
}
