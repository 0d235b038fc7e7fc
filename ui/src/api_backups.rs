//! Typed wrappers over the backups and recovery commands.

use proto::{
    cmd, BackupSettings, BackupView, BackupsView, CommandError, RecoveryView, RestoreDone,
};

use crate::api::call;

pub async fn backups() -> Result<BackupsView, CommandError> {
    call(&cmd::Backups {}).await
}

pub async fn make_backup() -> Result<BackupView, CommandError> {
    call(&cmd::MakeBackup {}).await
}

pub async fn set_backup_settings(settings: BackupSettings) -> Result<BackupsView, CommandError> {
    call(&cmd::SetBackupSettings { settings }).await
}

pub async fn restore_backup(name: String) -> Result<RestoreDone, CommandError> {
    call(&cmd::RestoreBackup { name }).await
}

pub async fn recovery_state() -> Result<RecoveryView, CommandError> {
    call(&cmd::RecoveryState {}).await
}

/// `None`: the latest copy that passes the check.
pub async fn recover(name: Option<String>) -> Result<RestoreDone, CommandError> {
    call(&cmd::Recover { name }).await
}

pub async fn retry_open() -> Result<RecoveryView, CommandError> {
    call(&cmd::RetryOpen {}).await
}

pub async fn quit() -> Result<(), CommandError> {
    call(&cmd::Quit {}).await
}
