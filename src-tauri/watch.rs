//! Background watchers of the running desk. Each returns its task, so closing the desk (to
//! put a copy back) ends them: each holds the desk.

use std::sync::Arc;
use std::time::Duration;

use tauri::async_runtime::JoinHandle;

/// What the background jobs tell the window and the tray.
#[derive(Clone)]
pub struct Hooks {
    /// A click on an overdue alert: the window opens that order.
    pub alert_click: alerts::OnClick,
    /// The number of overdue orders now, for the tray.
    pub overdue: Arc<dyn Fn(u32) + Send + Sync>,
    /// The window's language, which the alerts speak.
    pub lang: Arc<dyn Fn() -> proto::display::Lang + Send + Sync>,
}

/// Raises one desktop notification for the orders that went overdue since the last look (the
/// desk remembers what it already announced, so each order and stage alerts once); a click
/// on it opens its order; the tray shows how many orders are overdue.
pub fn overdue_alerts(
    desk: Arc<desk::Desk>,
    launch: crate::Launch,
    hooks: Hooks,
) -> JoinHandle<()> {
    tauri::async_runtime::spawn(async move {
        let mut tick = tokio::time::interval(launch.alert_every);
        loop {
            tick.tick().await;
            let desk = Arc::clone(&desk);
            let on_click = Arc::clone(&hooks.alert_click);
            let lang = (hooks.lang)();
            // The desk's clock (with its offset), the same one every command uses.
            let now = launch.now();
            let looked = tauri::async_runtime::spawn_blocking(move || {
                let shown = alerts::check_and_show(&desk, now, lang, Some(on_click));
                let overdue = desk
                    .queue(now)
                    .map(|q| q.stages.iter().map(|s| s.overdue).sum::<u32>());
                (shown, overdue)
            })
            .await;
            let shown = match looked {
                Ok((shown, overdue)) => {
                    match overdue {
                        Ok(count) => (hooks.overdue)(count),
                        Err(err) => tracing::warn!(%err, "overdue orders not counted"),
                    }
                    Ok(shown)
                }
                Err(err) => Err(err),
            };
            match shown {
                Ok(Ok(0)) => {}
                Ok(Ok(n)) => tracing::info!(orders = n, "overdue alert shown"),
                // No notification daemon (a bare server, CI): the problem queue still shows them.
                Ok(Err(err)) => tracing::warn!(%err, "overdue alert not shown"),
                Err(err) => tracing::warn!(%err, "overdue alert check failed"),
            }
        }
    })
}

/// How often channel schedules are looked at; each connection has its own period (orders every
/// 5 minutes, stock hourly by default).
const CHANNELS_EVERY: Duration = Duration::from_secs(60);

/// Runs the channel connectors that are due when this desk works alone; a team's hub runs
/// them for the team's desks.
pub fn channel_schedules(desk: Arc<desk::Desk>, launch: crate::Launch) -> JoinHandle<()> {
    tauri::async_runtime::spawn(async move {
        let mut tick = tokio::time::interval(CHANNELS_EVERY);
        loop {
            tick.tick().await;
            match desk.runs_connectors() {
                Ok(true) => {
                    let ran = desk.run_due_channels(launch.now()).await;
                    if ran > 0 {
                        tracing::info!(connections = ran, "channel exchange ran");
                    }
                }
                Ok(false) => {}
                Err(err) => tracing::warn!(%err, "channel schedule check failed"),
            }
        }
    })
}

/// How often the desk looks whether the day's copy of the database is due.
const BACKUP_EVERY: Duration = Duration::from_secs(60 * 60);

/// A checked copy of the shop's database once a day while the desk runs (at start, then
/// when the newest copy is a day old), in the folder this PC keeps them in.
pub fn daily_backups(desk: Arc<desk::Desk>, launch: crate::Launch) -> JoinHandle<()> {
    tauri::async_runtime::spawn(async move {
        let mut tick = tokio::time::interval(BACKUP_EVERY);
        loop {
            tick.tick().await;
            let desk = Arc::clone(&desk);
            let now = launch.now();
            let made = tauri::async_runtime::spawn_blocking(move || desk.backup_if_due(now)).await;
            match made {
                Ok(Ok(Some(copy))) => {
                    tracing::info!(path = %copy.path.display(), "database copied")
                }
                Ok(Ok(None)) => {}
                Ok(Err(err)) => tracing::warn!(%err, "the daily copy of the database failed"),
                Err(err) => tracing::warn!(%err, "the daily copy of the database failed"),
            }
        }
    })
}
