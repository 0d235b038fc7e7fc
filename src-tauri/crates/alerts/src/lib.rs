//! The desktop alert for overdue orders: one notification per check, naming the orders that
//! have just become overdue, for the people responsible and the administrator.
//!
//! Each order alerts once per stage entry: [`desk::Desk::due_alerts`] marks what it returns in
//! the same transaction, so calling [`check_and_show`] on a timer never repeats an alert.
//!
//! ```
//! use proto::display::Lang;
//! let alert = proto::Alert {
//!     order_id: "0190…".into(),
//!     number: "10042".into(),
//!     customer: "Иванов Иван".into(),
//!     stage_id: "call".into(),
//!     stage_name: "Звонок".into(),
//!     deadline: 1_740_000_000_000,
//!     overdue_ms: 40 * 60_000,
//!     responsible_roles: vec![proto::Role::Manager],
//!     responsible_users: vec![],
//! };
//! let (summary, body) = alerts::notification_for(&[alert], Lang::Ru).expect("one alert");
//! assert_eq!(summary, "Просрочен заказ №10042");
//! assert!(body.starts_with("Этап «Звонок»: просрочен на 40 мин."));
//! ```

mod text;

use desk::{Desk, DeskError};
use jiff::Timestamp;
use notify_rust::{Notification, Timeout};
use proto::display::Lang;
use proto::Alert;

pub use text::{notification_for, overdue_count, LISTED};

/// The name the notification daemon shows and groups our notifications under.
pub const APP_NAME: &str = "OrderDesk";

#[derive(Debug, thiserror::Error)]
pub enum AlertError {
    #[error("could not read the overdue orders: {0}")]
    Desk(#[from] DeskError),
    /// No session bus or no notification daemon: the orders still show in the problem queue.
    #[error("could not show the desktop notification: {0}")]
    Notify(#[from] notify_rust::error::Error),
}

/// What the shell does when the manager clicks an alert: open the order of this number (the
/// first the alert names) in the desk's window, which comes forward.
pub type OnClick = std::sync::Arc<dyn Fn(&str) + Send + Sync>;

/// Shows `alerts` as one critical desktop notification; nothing when `alerts` is empty. A
/// click on it calls `on_click` with the first order's number where the desktop tells us
/// (freedesktop daemons: the notification's default action); on Windows and macOS a click
/// brings the desk forward, as the system does for any app.
pub fn show(alerts: &[Alert], lang: Lang, on_click: Option<OnClick>) -> Result<(), AlertError> {
    let Some((summary, body)) = notification_for(alerts, lang) else {
        return Ok(());
    };
    let mut notification = Notification::new();
    notification
        .appname(APP_NAME)
        .summary(&summary)
        .body(&for_daemon(body))
        // A stuck order waits for a person: it stays until dismissed.
        .timeout(Timeout::Never);
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        notification.urgency(notify_rust::Urgency::Critical);
        if on_click.is_some() {
            notification.action("default", text::open_label(lang));
        }
    }
    let shown = notification.show()?;
    #[cfg(all(unix, not(target_os = "macos")))]
    if let (Some(on_click), Some(first)) = (on_click, alerts.first()) {
        let number = first.number.clone();
        // The daemon answers when the notification is clicked or closed, which may be hours
        // later: a small thread waits for it.
        let waiting = std::thread::Builder::new()
            .name("alert-click".into())
            .stack_size(128 * 1024)
            .spawn(move || {
                shown.wait_for_action(|action| {
                    if action == "default" {
                        on_click(&number);
                    }
                });
            });
        if let Err(err) = waiting {
            // The alert is shown; only its click does nothing.
            tracing::warn!(%err, "the alert's click will not open the order");
        }
    }
    #[cfg(not(all(unix, not(target_os = "macos"))))]
    let _ = (shown, on_click);
    Ok(())
}

/// Takes the orders that have become overdue by `now` and shows them as one notification.
/// Returns how many orders it named. Meant for a timer in the shell; an error leaves the
/// orders marked as alerted (they stay visible in the problem queue).
pub fn check_and_show(
    desk: &Desk,
    now: Timestamp,
    lang: Lang,
    on_click: Option<OnClick>,
) -> Result<usize, AlertError> {
    let alerts = desk.due_alerts(now)?;
    show(&alerts, lang, on_click)?;
    Ok(alerts.len())
}

/// Daemons that read the body as markup would swallow a customer named `ООО <Ромашка>` or
/// turn `&` into an error; the others show text as it is.
#[cfg(all(unix, not(target_os = "macos")))]
fn for_daemon(body: String) -> String {
    let markup = notify_rust::get_capabilities()
        .map(|caps| caps.iter().any(|c| c == "body-markup"))
        .unwrap_or(false);
    if markup {
        escape_markup(&body)
    } else {
        body
    }
}

#[cfg(not(all(unix, not(target_os = "macos"))))]
fn for_daemon(body: String) -> String {
    body
}

// Only the freedesktop daemons read markup; its test runs on every OS.
#[cfg(any(test, all(unix, not(target_os = "macos"))))]
fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_characters_in_names_are_escaped() {
        assert_eq!(
            escape_markup("ООО <Рога & Копыта>"),
            "ООО &lt;Рога &amp; Копыта&gt;"
        );
    }

    #[test]
    fn nothing_to_show_needs_no_desktop() {
        // No bus is touched for an empty list, so a headless check cannot fail.
        show(&[], Lang::Ru, None).expect("an empty list shows nothing");
    }
}
