//! Typed wrappers over the backups and recovery commands.

use proto::{BackupSettings, BackupView, BackupsView, CommandError, RecoveryView, RestoreDone};
use serde::Serialize;

use crate::api::{call, NoArgs};

pub async fn backups() -> Result<BackupsView, CommandError> {
    call("backups", &NoArgs {}).await
}

pub async fn make_backup() -> Result<BackupView, CommandError> {
    call("make_backup", &NoArgs {}).await
}

pub async fn set_backup_settings(settings: BackupSettings) -> Result<BackupsView, CommandError> {
    #[derive(Serialize)]
    struct Args {
        settings: BackupSettings,
    }
    call("set_backup_settings", &Args { settings }).await
}

pub async fn restore_backup(name: String) -> Result<RestoreDone, CommandError> {
    #[derive(Serialize)]
    struct Args {
        name: String,
    }
    call("restore_backup", &Args { name }).await
}

pub async fn recovery_state() -> Result<RecoveryView, CommandError> {
    call("recovery_state", &NoArgs {}).await
}

/// `None`: the latest copy that passes the check.
pub async fn recover(name: Option<String>) -> Result<RestoreDone, CommandError> {
    #[derive(Serialize)]
    struct Args {
        name: Option<String>,
    }
    call("recover", &Args { name }).await
}

pub async fn retry_open() -> Result<RecoveryView, CommandError> {
    call("retry_open", &NoArgs {}).await
}

pub async fn quit() -> Result<(), CommandError> {
    call("quit", &NoArgs {}).await
}
