use jiff::Timestamp;

use crate::config::Connection;
use crate::{ChannelError, Channels, Credentials, Jobs, SyncReport};

pub async fn run(
    _channels: &Channels,
    _connection: &Connection,
    _credentials: Credentials,
    _jobs: Jobs,
    _now: Timestamp,
    _report: &mut SyncReport,
) -> Result<(), ChannelError> {
    Err(ChannelError::Config("МойСклад is not wired yet".into()))
}
