//! Updates of the desk itself (issue 19, point 4). The desk looks for a new version at the
//! address this PC was given, or else at its team hub's `/updates/latest.json`, so a shop with
//! a hub publishes a release once for all its PCs. The release is described by the JSON
//! Tauri's updater reads (version, notes, date, a URL and a signature per system), and the
//! downloaded file is checked against OrderDesk's public key (minisign, compiled in from
//! `plugins.updater.pubkey`) before anything is replaced: a file changed on the way, or signed
//! by someone else, is refused and nothing is installed. The signature also names the version
//! it was made for (`requireSignedVersion`), so an old signed release cannot be passed off as
//! a new one.
//!
//! Nothing is installed by itself: the window offers the version and the manager starts the
//! install, which the window refuses while it keeps typed work not yet saved (see
//! `ui/src/updates.rs`). Installing then restarts the desk on the new version (Windows: the
//! NSIS installer replaces it and starts it again; Linux: the `.deb`/`.rpm` through the
//! system's package tool, or the program file itself when it was not installed from a
//! package).
//!
//! Sources are `https://`, or `http://` to this PC itself (a local mirror, the tests), the
//! rule team sync follows: the file is trusted for its signature, but the release description
//! is not signed, and over plain http anyone on the way could stop the updates or show their
//! own text as the release notes. (`dangerousInsecureTransportProtocol` in the config only lets
//! the loopback case through the plugin; the address is checked here first.)

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use proto::display::Lang;
use proto::{CommandError, ErrorCode, ErrorReason, UpdateOffer, UpdateProblem, UpdateView};
use serde::{Deserialize, Serialize};
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_updater::{Update, UpdaterExt};

const FILE: &str = "updates.json";
/// Where a team hub serves its releases (hub's `updates_dir`).
pub const HUB_PATH: &str = "/updates/latest.json";
/// A source that does not answer the check within this is reported unreachable.
const TIMEOUT: Duration = Duration::from_secs(60);
/// The whole download of the installer (20 MB) must end within this, or it is given up.
const DOWNLOAD_TIMEOUT: Duration = Duration::from_secs(15 * 60);
/// The longest address kept; anything longer is not an address a person typed.
const MAX_ADDRESS: usize = 2048;

/// What this PC keeps about updates, beside the shop's database.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Kept {
    /// The address this PC looks at; `None`: the team hub's.
    source: Option<String>,
}

pub struct Updates {
    path: PathBuf,
    kept: Mutex<Kept>,
    /// The update the last check found, to be installed when the manager asks.
    found: tokio::sync::Mutex<Option<Update>>,
    checked: Mutex<bool>,
    /// An install is under way (a download, the system's password prompt): a second one is
    /// refused rather than queued behind it.
    installing: AtomicBool,
}

/// Clears the install flag however the install ends.
struct Installing<'a>(&'a AtomicBool);

impl Drop for Installing<'_> {
    fn drop(&mut self) {
        self.0.store(false, Ordering::SeqCst);
    }
}

impl Updates {
    pub fn load(dir: &std::path::Path) -> Self {
        let path = dir.join(FILE);
        // Unreadable: the team hub's source applies.
        let kept: Kept = crate::window_state::read_or_default(&path);
        Self {
            path,
            kept: Mutex::new(kept),
            found: tokio::sync::Mutex::new(None),
            checked: Mutex::new(false),
            installing: AtomicBool::new(false),
        }
    }

    fn own_source(&self) -> Option<String> {
        self.kept
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .source
            .clone()
    }

    /// Where to look: this PC's address, else the hub's releases.
    fn source(&self, hub: Option<&str>) -> Option<String> {
        self.own_source()
            .or_else(|| hub.map(|h| format!("{}{HUB_PATH}", h.trim_end_matches('/'))))
    }

    pub async fn view<R: Runtime>(&self, app: &AppHandle<R>, hub: Option<&str>) -> UpdateView {
        let offer = self.found.lock().await.as_ref().map(offer_of);
        UpdateView {
            current: app.package_info().version.to_string(),
            own_source: self.own_source(),
            source: self.source(hub),
            offer,
            checked: *self.checked.lock().unwrap_or_else(PoisonError::into_inner),
        }
    }

    /// Keeps this PC's address; an empty one goes back to the hub's.
    pub async fn set_source<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        hub: Option<&str>,
        address: &str,
    ) -> Result<UpdateView, CommandError> {
        let address = address.trim();
        let source = if address.is_empty() {
            None
        } else {
            Some(parse_address(address)?.to_string())
        };
        let kept = Kept { source };
        crate::window_state::write_json(&self.path, &kept)?;
        *self.kept.lock().unwrap_or_else(PoisonError::into_inner) = kept;
        // An offer from the old source is not this source's.
        *self.found.lock().await = None;
        Ok(self.view(app, hub).await)
    }

    /// Asks the source whether there is a newer version; the offer is kept for `install`.
    pub async fn check<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        hub: Option<&str>,
    ) -> Result<UpdateView, CommandError> {
        let source = self
            .source(hub)
            .ok_or_else(|| refused(UpdateProblem::NoSource))?;
        let url = parse_address(&source)?;
        let closing = app.clone();
        let mut builder = app
            .updater_builder()
            .timeout(TIMEOUT)
            // Windows: the installer restarts the desk itself, without `--hidden`, with the
            // same shop (the plugin would pass every argument of this start, so a desk started
            // at login would come back in the tray after the manager asked for the update).
            .restart_after_install(false)
            .installer_args(windows_restart_args())
            // Windows ends the desk right after starting the installer: close the shop and
            // keep the window's place first, as a normal exit does.
            .on_before_exit(move || crate::close_for_restart(&closing))
            .endpoints(vec![url])
            .map_err(|err| problem_of(&err, &source))?;
        if let Some(key) = test_key() {
            builder = builder.pubkey(key);
        }
        let found = builder
            .build()
            .map_err(|err| problem_of(&err, &source))?
            .check()
            .await
            .map_err(|err| {
                tracing::warn!(%err, %source, "update check failed");
                problem_of(&err, &source)
            })?;
        tracing::info!(
            %source,
            found = found.as_ref().map(|u| u.version.as_str()),
            "update check"
        );
        // A check still under way when the address changed answers for the old address.
        if self.source(hub).as_deref() != Some(source.as_str()) {
            return Ok(self.view(app, hub).await);
        }
        *self.found.lock().await = found;
        *self.checked.lock().unwrap_or_else(PoisonError::into_inner) = true;
        Ok(self.view(app, hub).await)
    }

    /// Downloads the offered `version`, checks its signature and puts it in place, then
    /// restarts the desk on it. Returns only when it was refused: nothing was replaced then.
    pub async fn install<R: Runtime>(
        &self,
        app: &AppHandle<R>,
        version: &str,
    ) -> Result<(), CommandError> {
        if self.installing.swap(true, Ordering::SeqCst) {
            return Err(refused(UpdateProblem::Installing));
        }
        let _installing = Installing(&self.installing);
        // Taken out of the lock: a download or a password prompt must not hold the screen's
        // reads and checks.
        let mut update = self
            .found
            .lock()
            .await
            .clone()
            .filter(|u| u.version == version)
            .ok_or_else(|| {
                refused(UpdateProblem::Stale {
                    version: version.to_owned(),
                })
            })?;
        update.timeout = Some(DOWNLOAD_TIMEOUT);
        let from = update.download_url.to_string();
        let bytes = update.download(|_, _| {}, || {}).await.map_err(|err| {
            tracing::warn!(%err, version, "update download refused");
            problem_of(&err, &from)
        })?;
        // Installing runs the system's package tool (it may ask for a password): off the
        // async threads.
        let installed = tauri::async_runtime::spawn_blocking(move || update.install(bytes))
            .await
            .map_err(|err| {
                tracing::warn!(%err, version, "the install's thread failed");
                refused(UpdateProblem::InstallFailed {
                    detail: err.to_string(),
                })
            })?;
        installed.map_err(|err| {
            tracing::warn!(%err, version, "update not installed");
            problem_of(&err, &from)
        })?;
        tracing::info!(version, "update installed; restarting");
        *self.found.lock().await = None;
        restart(app)
    }
}

/// The installer's arguments on Windows: quiet (`installMode`), started again afterwards
/// (`/R`) with this start's arguments but `--hidden` (see `installer.nsi`).
fn windows_restart_args() -> Vec<String> {
    let mut args = vec!["/R".to_owned(), "/ARGS".to_owned()];
    args.extend(relaunch_args().into_iter().map(|a| {
        // Windows' own arguments are UTF-16 and convert whole; lossy only for what could
        // not be a Windows argument anyway.
        let a = a.to_string_lossy().into_owned();
        if a.contains(' ') {
            format!("\"{a}\"")
        } else {
            a
        }
    }));
    args
}

/// This start's arguments without the program and without `--hidden`: the desk comes back
/// on the screen, on the same shop. As the OS gave them: a `--data-dir` in a non-UTF-8
/// path (a KOI8-R folder name on Linux) is passed on, not a panic.
fn relaunch_args() -> Vec<std::ffi::OsString> {
    std::env::args_os()
        .skip(1)
        .filter(|a| a != crate::desktop::HIDDEN_ARG)
        .collect()
}

/// Starts the installed program again and ends this one, after closing the shop as a normal
/// exit does.
fn restart<R: Runtime>(app: &AppHandle<R>) -> ! {
    crate::close_for_restart(app);
    let program = tauri::process::current_binary(&app.env());
    match program {
        Ok(program) => {
            if let Err(err) = std::process::Command::new(&program)
                .args(relaunch_args())
                .spawn()
            {
                tracing::warn!(%err, program = %program.display(), "the new version did not start");
            }
        }
        Err(err) => tracing::warn!(%err, "the program's path is unknown"),
    }
    std::process::exit(0)
}

fn offer_of(update: &Update) -> UpdateOffer {
    UpdateOffer {
        version: update.version.clone(),
        notes: update.body.clone().filter(|n| !n.trim().is_empty()),
        published_at: update.date.map(|d| d.unix_timestamp()),
    }
}

fn parse_address(address: &str) -> Result<tauri::Url, CommandError> {
    let bad = || {
        refused(UpdateProblem::BadAddress {
            address: address.chars().take(200).collect(),
        })
    };
    if address.len() > MAX_ADDRESS {
        return Err(bad());
    }
    let url = tauri::Url::parse(address).map_err(|_| bad())?;
    let host = url.host_str().ok_or_else(bad)?;
    let loopback = host.eq_ignore_ascii_case("localhost")
        || host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    match url.scheme() {
        "https" => Ok(url),
        "http" if loopback => Ok(url),
        "http" => Err(refused(UpdateProblem::PlainHttp {
            address: address.chars().take(200).collect(),
        })),
        _ => Err(bad()),
    }
}

/// A debug build (the tests') may be told to trust another key, so a test can sign its own
/// release; a release build trusts only the key it was built with.
fn test_key() -> Option<String> {
    if cfg!(debug_assertions) {
        std::env::var("ORDERDESK_UPDATE_PUBKEY").ok()
    } else {
        None
    }
}

fn refused(problem: UpdateProblem) -> CommandError {
    let code = match problem {
        UpdateProblem::NoSource | UpdateProblem::BadAddress { .. } => ErrorCode::InvalidInput,
        UpdateProblem::Unreachable { .. } => ErrorCode::Offline,
        UpdateProblem::Stale { .. } => ErrorCode::NotFound,
        _ => ErrorCode::Internal,
    };
    let reason = ErrorReason::Update { problem };
    let mut err = CommandError::new(code, reason.wording(Lang::Ru));
    err.reason = Some(Box::new(reason));
    err
}

/// The updater's error, met at `address` (the release description or the file), as the
/// manager is told it.
fn problem_of(err: &tauri_plugin_updater::Error, address: &str) -> CommandError {
    use tauri_plugin_updater::Error as E;
    let detail = err.to_string();
    refused(match err {
        E::Minisign(_)
        | E::Base64(_)
        | E::SignatureUtf8(_)
        | E::SignedVersionMismatch { .. }
        | E::MissingSignedVersion => UpdateProblem::BadSignature,
        // A 200 answer that is not the updater's JSON (a web page) is the source's mistake.
        E::Reqwest(e) if e.is_decode() => UpdateProblem::BadAnswer { detail },
        E::Reqwest(_) | E::Network(_) => UpdateProblem::Unreachable { detail },
        E::ReleaseNotFound => UpdateProblem::NoRelease {
            address: address.to_owned(),
        },
        E::TargetNotFound(_)
        | E::TargetsNotFound(_)
        | E::Serialization(_)
        | E::Semver(_)
        | E::UrlParse(_)
        | E::InvalidUpdaterFormat
        | E::BinaryNotFoundInArchive => UpdateProblem::BadAnswer { detail },
        _ => UpdateProblem::InstallFailed { detail },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_http_or_https_with_a_host_and_not_endless() {
        assert!(parse_address("https://hub.shop.ru/updates/latest.json").is_ok());
        assert!(parse_address("http://127.0.0.1:8080/updates/latest.json").is_ok());
        assert!(parse_address("http://localhost/latest.json").is_ok());
        let plain = parse_address("http://192.168.1.5:8080/updates/latest.json")
            .expect_err("plain http to another machine");
        assert!(matches!(
            plain.reason.as_deref(),
            Some(ErrorReason::Update {
                problem: UpdateProblem::PlainHttp { .. }
            })
        ));
        for bad in [
            "hub.shop.ru/latest.json",
            "file:///etc/passwd",
            "ftp://shop.ru/x",
            "http://",
            "javascript:alert(1)",
        ] {
            let err = parse_address(bad).expect_err(bad);
            assert!(matches!(
                err.reason.as_deref(),
                Some(ErrorReason::Update {
                    problem: UpdateProblem::BadAddress { .. }
                })
            ));
        }
        let long = format!("https://shop.ru/{}", "a".repeat(MAX_ADDRESS));
        assert!(parse_address(&long).is_err());
    }

    #[test]
    fn the_hub_is_the_source_until_this_pc_sets_its_own() {
        let dir = tempfile::tempdir().expect("dir");
        let updates = Updates::load(dir.path());
        assert_eq!(updates.source(None), None);
        assert_eq!(
            updates.source(Some("https://hub.shop.ru/")).as_deref(),
            Some("https://hub.shop.ru/updates/latest.json")
        );
        let kept = Kept {
            source: Some("http://10.0.0.2/latest.json".into()),
        };
        let text = serde_json::to_vec(&kept).expect("json");
        crate::window_state::write_atomically(&dir.path().join(FILE), &text).expect("written");
        let again = Updates::load(dir.path());
        assert_eq!(
            again.source(Some("https://hub.shop.ru")).as_deref(),
            Some("http://10.0.0.2/latest.json")
        );
        std::fs::write(dir.path().join(FILE), b"{\"source\": 4").expect("junk");
        assert_eq!(Updates::load(dir.path()).own_source(), None);
    }

    #[test]
    fn a_bad_signature_is_said_as_such_and_a_dead_source_as_unreachable() {
        let bad = problem_of(
            &tauri_plugin_updater::Error::Minisign(minisign_verify::Error::InvalidSignature),
            "https://hub.shop.ru/updates/OrderDesk.deb",
        );
        assert!(matches!(
            bad.reason.as_deref(),
            Some(ErrorReason::Update {
                problem: UpdateProblem::BadSignature
            })
        ));
        assert!(bad.message.contains("подпись"), "{}", bad.message);
        let gone = problem_of(
            &tauri_plugin_updater::Error::Network("503".into()),
            "https://hub.shop.ru/updates/latest.json",
        );
        assert_eq!(gone.code, ErrorCode::Offline);
    }
}
