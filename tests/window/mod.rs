//! What the end-to-end tests share: starting tauri-driver, opening the desk in a WebDriver
//! session, and small waits on the DOM.

// Each end-to-end test binary includes this module and uses only part of it.
#![allow(dead_code)]

pub mod x11;

use std::net::TcpListener;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};

/// A running tauri-driver for one test.
pub struct Harness {
    driver: Child,
    port: u16,
    app: PathBuf,
    /// The private home of a keyring session ([`Harness::start_with_keyring`]).
    _home: Option<tempfile::TempDir>,
    /// The test's own D-Bus session bus and its address ([`Harness::start_on_bus`]).
    bus: Option<(Child, String)>,
}

impl Drop for Harness {
    fn drop(&mut self) {
        // tauri-driver leaves its WebKitWebDriver behind when killed alone: end the whole group.
        let group = format!("-{}", self.driver.id());
        let _ = Command::new("kill").args(["-TERM", "--", &group]).status();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        if let Some((daemon, _)) = &mut self.bus {
            let _ = daemon.kill();
            let _ = daemon.wait();
        }
    }
}

fn free_port() -> Result<u16, String> {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("no free local port: {e}"))
}

fn find_program(name: &str, extra: &[PathBuf]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain(extra.iter().cloned())
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

impl Harness {
    /// Checks every prerequisite and says exactly which one is missing.
    pub fn start() -> Result<Self, String> {
        Self::launch(false, None, &[])
    }

    /// [`Harness::start`] with the desk program at `app` (a copy the test may see replaced,
    /// as an update does) and `env` set for it.
    pub fn start_app(app: &Path, env: &[(&str, &str)]) -> Result<Self, String> {
        Self::launch_app(Some(app.to_owned()), false, None, env)
    }

    /// [`Harness::start_app`] with the keyring of [`Harness::start_with_keyring`]: a copy
    /// of the desk that joins a team (its hub token lives in the keyring).
    pub fn start_app_with_keyring(app: &Path, env: &[(&str, &str)]) -> Result<Self, String> {
        Self::launch_app(Some(app.to_owned()), true, None, env)
    }

    /// [`Harness::start`] with the desk on a private D-Bus session holding an unlocked
    /// gnome-keyring: what saving a channel connection's keys from the window needs (the
    /// desk keeps them in the OS keyring, and a test machine has none running).
    pub fn start_with_keyring() -> Result<Self, String> {
        Self::launch(true, None, &[])
    }

    /// [`Harness::start`] with the desk on a D-Bus session bus of the test's own, so that
    /// a second launch of the desk on the same bus ([`Harness::second_launch`]) finds the
    /// first, as on a manager's desktop session.
    pub fn start_on_bus() -> Result<Self, String> {
        Self::start_on_bus_with(&[])
    }

    /// [`Harness::start_on_bus`] with `env` set for the desk (test knobs such as
    /// `ORDERDESK_ALERT_EVERY_SECONDS`).
    pub fn start_on_bus_with(env: &[(&str, &str)]) -> Result<Self, String> {
        let mut daemon = Command::new("dbus-daemon")
            .args(["--session", "--nofork", "--print-address=1"])
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("could not start dbus-daemon (package dbus): {e}"))?;
        let mut address = String::new();
        let out = daemon.stdout.take().ok_or("dbus-daemon's output")?;
        std::io::BufRead::read_line(&mut std::io::BufReader::new(out), &mut address)
            .map_err(|e| format!("dbus-daemon's address: {e}"))?;
        let address = address.trim().to_owned();
        if address.is_empty() {
            let _ = daemon.kill();
            return Err("dbus-daemon printed no address".into());
        }
        let mut harness = Self::launch(false, Some(&address), env);
        if let Ok(h) = &mut harness {
            h.bus = Some((daemon, address));
        } else {
            let _ = daemon.kill();
        }
        harness
    }

    /// The address of the harness's own session bus ([`Harness::start_on_bus`]).
    pub fn bus_address(&self) -> Option<&str> {
        self.bus.as_ref().map(|(_, address)| address.as_str())
    }

    /// Runs the desk binary again with `args` on the harness's bus (and the display), as a
    /// dialer or a second click on the shortcut does, and waits for it to end: a launch
    /// that is still running after 30 s opened a desk of its own, and fails the test.
    pub fn second_launch(&self, args: &[&std::ffi::OsStr]) -> std::process::ExitStatus {
        let mut command = Command::new(&self.app);
        command.args(args).stdin(Stdio::null());
        if let Some((_, address)) = &self.bus {
            command.env("DBUS_SESSION_BUS_ADDRESS", address);
        }
        let mut child = command.spawn().expect("the desk binary starts");
        let pid = child.id().to_string();
        let (ended, end) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = ended.send(child.wait());
        });
        match end.recv_timeout(Duration::from_secs(30)) {
            Ok(status) => status.expect("the second launch's exit status"),
            Err(_) => {
                let _ = Command::new("kill").args(["-KILL", &pid]).status();
                panic!("the second launch still ran after 30 s: it opened a desk of its own");
            }
        }
    }

    fn launch(keyring: bool, bus: Option<&str>, env: &[(&str, &str)]) -> Result<Self, String> {
        Self::launch_app(None, keyring, bus, env)
    }

    /// The desk program the tests run: `ORDERDESK_APP`, else the debug build.
    pub fn built_app() -> PathBuf {
        std::env::var_os("ORDERDESK_APP")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/debug/orderdesk")
            })
    }

    fn launch_app(
        app: Option<PathBuf>,
        keyring: bool,
        bus: Option<&str>,
        env: &[(&str, &str)],
    ) -> Result<Self, String> {
        let app = app.unwrap_or_else(Self::built_app);
        if !app.is_file() {
            return Err(format!(
                "the desk binary is missing at {}: run `cargo xtask test`",
                app.display()
            ));
        }
        if std::env::var_os("DISPLAY").is_none() {
            return Err(
                "no DISPLAY: run `cargo xtask test`, which starts Xvfb when there is no display"
                    .into(),
            );
        }
        let cargo_bin = std::env::var_os("HOME")
            .map(|h| PathBuf::from(h).join(".cargo/bin"))
            .into_iter()
            .collect::<Vec<_>>();
        let driver = find_program("tauri-driver", &cargo_bin)
            .ok_or("tauri-driver is not installed: run `cargo xtask setup`")?;
        let native = find_program("WebKitWebDriver", &[PathBuf::from("/usr/bin")])
            .ok_or("WebKitWebDriver is missing: install the `webkit2gtk-driver` package (`cargo xtask setup`)")?;
        let port = free_port()?;
        let native_port = free_port()?;
        let driver_args = [
            "--port".to_owned(),
            port.to_string(),
            "--native-port".to_owned(),
            native_port.to_string(),
            "--native-driver".to_owned(),
            native.display().to_string(),
        ];
        let (mut command, home) = if keyring {
            let home = tempfile::tempdir().map_err(|e| format!("a temp home: {e}"))?;
            // The daemon keeps its keyring under the private home, never the user's.
            let script = "printf 'orderdesk-e2e' | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec \"$0\" \"$@\"";
            let mut c = Command::new("dbus-run-session");
            c.args(["--", "sh", "-c", script])
                .arg(&driver)
                .args(&driver_args)
                .env("HOME", home.path())
                .env("XDG_DATA_HOME", home.path().join("data"))
                .env("XDG_RUNTIME_DIR", home.path());
            (c, Some(home))
        } else {
            // The webview's own storage (drafts kept on the PC, the card's width) lives under
            // XDG_DATA_HOME: one per test, so a draft left by one story never shows in the next.
            let home = tempfile::tempdir().map_err(|e| format!("a temp data home: {e}"))?;
            let mut c = Command::new(&driver);
            c.args(&driver_args)
                .env("XDG_DATA_HOME", home.path().join("data"))
                .env("XDG_CACHE_HOME", home.path().join("cache"));
            (c, Some(home))
        };
        if let Some(address) = bus {
            command.env("DBUS_SESSION_BUS_ADDRESS", address);
        }
        command.envs(env.iter().copied());
        let driver = command
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| {
                if keyring {
                    format!(
                        "could not start dbus-run-session (packages dbus and gnome-keyring, \
                         `cargo xtask setup`): {e}"
                    )
                } else {
                    format!("could not start tauri-driver: {e}")
                }
            })?;
        let harness = Harness {
            driver,
            port,
            app,
            _home: home,
            bus: None,
        };
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > Duration::from_secs(15) {
                return Err("tauri-driver did not listen within 15 s".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(harness)
    }
}

/// One desk window in one WebDriver session.
pub struct Desk {
    client: Client,
}

const WAIT: Duration = Duration::from_secs(20);

impl Desk {
    /// Opens the desk on the demo shop (a new data dir becomes the demo, as `cargo xtask run`
    /// makes it).
    pub async fn open(harness: &Harness, data_dir: &Path) -> Self {
        Self::open_at(harness, data_dir, 0).await
    }

    /// Opens the desk on the demo shop with its clock `offset_minutes` ahead (time limits
    /// without waiting).
    pub async fn open_at(harness: &Harness, data_dir: &Path, offset_minutes: i64) -> Self {
        Self::launch(harness, data_dir, offset_minutes, true, "li.stage .count").await
    }

    /// Opens the desk as an installed one starts: no demo asked for, so a new data dir shows
    /// the first run. Waits for `ready` (`#first-run`, or the queue of a shop set up).
    pub async fn open_without_demo(harness: &Harness, data_dir: &Path, ready: &str) -> Self {
        Self::launch(harness, data_dir, 0, false, ready).await
    }

    async fn launch(
        harness: &Harness,
        data_dir: &Path,
        offset_minutes: i64,
        demo: bool,
        ready: &str,
    ) -> Self {
        let mut args = vec![
            json!("--data-dir"),
            json!(data_dir),
            json!("--clock-offset-minutes"),
            json!(offset_minutes.to_string()),
            // "Save PDF" writes beside the test's data, never into the user's documents.
            json!("--papers-dir"),
            json!(data_dir.join("papers")),
        ];
        if demo {
            args.push(json!("--demo"));
        }
        let caps = json!({
            "browserName": "wry",
            "tauri:options": {
                "application": harness.app,
                "args": args,
            }
        });
        let Value::Object(caps) = caps else {
            unreachable!("a JSON object literal")
        };
        let url = format!("http://127.0.0.1:{}", harness.port);
        let started = Instant::now();
        let client = loop {
            let mut builder = ClientBuilder::rustls().expect("TLS setup for the WebDriver client");
            let connect = builder.capabilities(caps.clone()).connect(&url);
            // A desk that dies at start (no display, a crash) leaves the session request hanging.
            let attempt = tokio::time::timeout(WAIT * 3, connect)
                .await
                .unwrap_or_else(|_| {
                    panic!(
                        "the desk did not open within {:?}; is the display alive?",
                        WAIT * 3
                    )
                });
            match attempt {
                Ok(client) => break client,
                // tauri-driver listens before the WebKitWebDriver it starts does, and then
                // drops the first session request (CI: «IncompleteMessage»): ask again until
                // the driver answers, within the same limit.
                Err(fantoccini::error::NewSessionError::FailedC(e))
                    if started.elapsed() < WAIT * 3 =>
                {
                    eprintln!("WebDriver not ready yet ({e}); asking again");
                    tokio::time::sleep(Duration::from_millis(250)).await;
                }
                Err(e) => panic!("a WebDriver session with the desk: {e:?}"),
            }
        };
        let desk = Desk { client };
        let opened = desk
            .client
            .wait()
            .at_most(WAIT)
            .for_element(Locator::Css(ready))
            .await;
        if let Err(e) = opened {
            // What the window shows instead (an error banner, a blank page) says why.
            desk.screenshot("e2e-open-failed.png").await;
            let shown = desk
                .client
                .execute("return document.body.innerText", vec![])
                .await
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default();
            // Starting the UI again reports what stopped it (a wasm load or start-up error).
            let start = desk
                .client
                .execute_async(
                    "const done = arguments[arguments.length - 1];\
                     import('./orderdesk_ui.js')\
                       .then(m => m.default({ module_or_path: new URL('./orderdesk_ui_bg.wasm', location.href) }))\
                       .then(() => done('the UI starts when asked again'), e => done('UI start failed: ' + e));",
                    vec![],
                )
                .await
                .map(|v| v.to_string())
                .unwrap_or_else(|e| format!("no answer: {e}"));
            panic!(
                "`{ready}` did not appear within {WAIT:?} ({e}); the window shows: «{shown}»; {start}"
            );
        }
        desk
    }

    pub async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        let started = Instant::now();
        loop {
            let left = WAIT.saturating_sub(started.elapsed());
            match self
                .client
                .wait()
                .at_most(left)
                .for_element(Locator::Css(css))
                .await
            {
                Ok(element) => return element,
                // A window that reloads (a restored copy, a language switch) answers a search
                // made while it unloads with this error; the new page is searched again.
                Err(e) if page_unloading(&e) && started.elapsed() < WAIT => {}
                Err(e) => panic!("`{css}` did not appear within {WAIT:?}: {e}"),
            }
        }
    }

    pub async fn click(&self, css: &str) {
        let started = Instant::now();
        loop {
            match self.wait_for(css).await.click().await {
                Ok(_) => return,
                // A click on a node that was re-rendered in between did nothing: find it again.
                Err(e) if node_gone(&e) && started.elapsed() < WAIT => {}
                Err(e) => panic!("click on `{css}`: {e}"),
            }
        }
    }

    /// Clicks through the DOM. WebKitWebDriver refuses native clicks on rows scrolled inside
    /// an overflow container (an empty error), so rows below the fold are clicked this way.
    pub async fn click_in_dom(&self, css: &str) {
        let started = Instant::now();
        loop {
            let element = self.wait_for(css).await;
            let arg = serde_json::to_value(&element).expect("an element reference");
            let clicked = self
                .client
                .execute(
                    "arguments[0].scrollIntoView({block: 'center'}); arguments[0].click();",
                    vec![arg],
                )
                .await;
            match clicked {
                Ok(_) => return,
                Err(e) if node_gone(&e) && started.elapsed() < WAIT => {}
                Err(e) => panic!("click on `{css}`: {e}"),
            }
        }
    }

    /// The text of `css`. A reactive UI may replace the node between finding it and reading
    /// it (the CI failure `text of #order-papers .done: Node … was not found`), so a node
    /// that went away is looked up again.
    pub async fn text(&self, css: &str) -> String {
        let started = Instant::now();
        loop {
            match self.wait_for(css).await.text().await {
                Ok(text) => return text,
                Err(e) if node_gone(&e) && started.elapsed() < WAIT => {}
                Err(e) => panic!("text of `{css}`: {e}"),
            }
        }
    }

    pub async fn wait_text(&self, css: &str, want: &str, within: Duration) {
        let started = Instant::now();
        loop {
            let have = self.text(css).await;
            if have.trim() == want {
                return;
            }
            assert!(
                started.elapsed() < within,
                "`{css}` shows «{have}», expected «{want}» within {within:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the text of `css` contains `want`.
    pub async fn wait_contains(&self, css: &str, want: &str, within: Duration) {
        let started = Instant::now();
        loop {
            let have = self.text(css).await;
            if have.contains(want) {
                return;
            }
            assert!(
                started.elapsed() < within,
                "`{css}` shows «{have}», expected it to contain «{want}» within {within:?}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Sets an input's value and fires `change`, as finishing an edit does. `fill` would
    /// fire `change` for the cleared field first, which an input that saves on change obeys.
    pub async fn set_value(&self, css: &str, text: &str) {
        let input = self.wait_for(css).await;
        let arg = serde_json::to_value(&input).expect("an element reference");
        let script = "const [el, v] = arguments; el.value = v;\
             el.dispatchEvent(new Event('input', { bubbles: true }));\
             el.dispatchEvent(new Event('change', { bubbles: true }));";
        self.client
            .execute(script, vec![arg, json!(text)])
            .await
            .unwrap_or_else(|e| panic!("set `{css}` to {text}: {e}"));
    }

    /// Types into an input (replacing what was there).
    pub async fn fill(&self, css: &str, text: &str) {
        let input = self.wait_for(css).await;
        input
            .clear()
            .await
            .unwrap_or_else(|e| panic!("clear `{css}`: {e}"));
        input
            .send_keys(text)
            .await
            .unwrap_or_else(|e| panic!("type into `{css}`: {e}"));
    }

    /// Picks an option of a `<select>` by value (by index when `value` is `#N`), as a user's
    /// choice does: the value changes and a `change` event fires.
    pub async fn choose(&self, css: &str, value: &str) {
        let select = self.wait_for(css).await;
        let arg = serde_json::to_value(&select).expect("an element reference");
        let script = "const [el, v] = arguments;\
             if (v.startsWith('#')) { el.selectedIndex = Number(v.slice(1)); } else { el.value = v; }\
             el.dispatchEvent(new Event('change', { bubbles: true }));\
             return el.value;";
        let chosen = self
            .client
            .execute(script, vec![arg, json!(value)])
            .await
            .unwrap_or_else(|e| panic!("choose {value} in `{css}`: {e}"));
        assert!(
            chosen.as_str().is_some_and(|v| !v.is_empty()),
            "`{css}` has no option {value}"
        );
    }

    /// The number of elements matching `css` now.
    pub async fn count(&self, css: &str) -> usize {
        self.client
            .find_all(Locator::Css(css))
            .await
            .map(|v| v.len())
            .unwrap_or(0)
    }

    /// Waits until `check` holds, asking again every 200 ms (the step of the other waits);
    /// fails naming `what` after `WAIT`.
    pub async fn until<F, Fut>(&self, what: &str, check: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        self.until_within(what, WAIT, check).await;
    }

    /// [`Desk::until`] with its own limit, for what takes longer than a step of the window
    /// (an order that goes overdue a minute later).
    pub async fn until_within<F, Fut>(&self, what: &str, within: Duration, mut check: F)
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = bool>,
    {
        let started = Instant::now();
        while !check().await {
            assert!(started.elapsed() < within, "{what}: not within {within:?}");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Waits until `css` matches exactly `n` elements.
    pub async fn wait_count(&self, css: &str, n: usize) {
        let started = Instant::now();
        loop {
            let have = self.count(css).await;
            if have == n {
                return;
            }
            assert!(
                started.elapsed() < WAIT,
                "`{css}` matches {have} elements, expected {n}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// (stage id, order count) for every stage in the left column.
    pub async fn stage_counts(&self) -> Vec<(String, u32)> {
        self.wait_for("li.stage .count").await;
        let items = self
            .client
            .find_all(Locator::Css("li.stage[data-stage]"))
            .await
            .expect("stage list");
        let mut out = Vec::new();
        for item in items {
            let id = item
                .attr("data-stage")
                .await
                .ok()
                .flatten()
                .unwrap_or_default();
            let count = item
                .find(Locator::Css(".count"))
                .await
                .expect("a count per stage")
                .text()
                .await
                .expect("count text");
            out.push((id, count.trim().parse().expect("a numeric count")));
        }
        out
    }

    pub async fn click_stage(&self, id: &str) {
        self.click(&format!("li.stage[data-stage='{id}']")).await;
        self.wait_for(&format!("li.stage.active[data-stage='{id}']"))
            .await;
    }

    /// Opens the first order of the table; returns its id.
    pub async fn open_first_order(&self) -> String {
        let row = self.wait_for("#orders tbody tr.order").await;
        let id = row
            .attr("data-order-id")
            .await
            .ok()
            .flatten()
            .expect("rows carry their order id");
        // WebKitWebDriver does not click table rows, only what is inside them.
        self.click(&format!("tr[data-order-id='{id}'] td.number"))
            .await;
        self.wait_for(&format!("#order-card[data-order-id='{id}']"))
            .await;
        id
    }

    /// Answers «yes» to the desk's own question dialog (ui/src/dialog.rs), once it shows.
    pub async fn accept_dialog(&self) {
        self.wait_for("#dialog").await;
        self.click_in_dom("#dialog-yes").await;
        self.wait_count("#dialog", 0).await;
    }

    /// Types `text` into the desk's question dialog that asks for a line, and answers it.
    pub async fn answer_dialog(&self, text: &str) {
        self.wait_for("#dialog-input").await;
        self.fill("#dialog-input", text).await;
        self.accept_dialog().await;
    }

    /// Presses keys as a user does, into `css` (focused first). WebDriver key codes:
    /// `\u{E015}` ↓, `\u{E013}` ↑, `\u{E007}` Enter, `\u{E009}` Control (held to `\u{E000}`).
    pub async fn press(&self, css: &str, keys: &str) {
        self.wait_for(css)
            .await
            .send_keys(keys)
            .await
            .unwrap_or_else(|e| panic!("keys into `{css}`: {e}"));
    }

    /// Enter in `css` through the DOM: WebKitWebDriver refuses native typing below the fold
    /// of a scrolled pane, where `press` cannot reach.
    pub async fn enter_in_dom(&self, css: &str) {
        let target = self.wait_for(css).await;
        let arg = serde_json::to_value(&target).expect("an element reference");
        let script = "const [el] = arguments; el.focus();\
             el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));\
             return true;";
        self.client
            .execute(script, vec![arg])
            .await
            .unwrap_or_else(|e| panic!("Enter in `{css}`: {e}"));
    }

    /// Runs a script in the page and returns what it returns.
    pub async fn eval(&self, script: &str) -> Value {
        self.client
            .execute(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("script failed: {e}"))
    }

    /// Calls a command straight through the IPC, as the window's own code does (its
    /// `proto::cmd` arguments, camelCase, under `args`), and returns its reply; a refusal fails
    /// the test with the desk's error.
    pub async fn invoke(&self, command: &str, args: Value) -> Value {
        let script = format!(
            "const done = arguments[arguments.length - 1];\
             window.__TAURI__.core.invoke('{command}', {{args: arguments[0]}})\
               .then(ok => done({{ok}}), err => done({{err}}));"
        );
        let reply = self
            .client
            .execute_async(&script, vec![args])
            .await
            .expect("the invoke script ran");
        match reply.get("ok") {
            Some(ok) => ok.clone(),
            None => panic!("`{command}` refused: {}", reply["err"]),
        }
    }

    /// Calls a command straight through the IPC and returns its error reply.
    pub async fn invoke_error(&self, command: &str, args_json: &str) -> Value {
        let script = format!(
            "const done = arguments[arguments.length - 1];\
             window.__TAURI__.core.invoke('{command}', {{args: {args_json}}})\
               .then(ok => done({{unexpected_ok: ok}}), err => done(err));"
        );
        self.client
            .execute_async(&script, vec![])
            .await
            .expect("the invoke script ran")
    }

    pub async fn screenshot(&self, name: &str) {
        let dir = std::env::var_os("ORDERDESK_SCREENSHOTS")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/screenshots")
            });
        let png = self.client.screenshot().await.expect("a screenshot");
        std::fs::create_dir_all(&dir).expect("screenshot dir");
        std::fs::write(dir.join(name), png).expect("screenshot written");
    }

    /// Resizes the window to `width`×`height` and waits until the page has that viewport.
    pub async fn resize(&self, width: u32, height: u32) {
        self.client
            .set_window_size(width, height)
            .await
            .unwrap_or_else(|e| panic!("resize to {width}×{height}: {e}"));
        let started = Instant::now();
        loop {
            let have = self
                .client
                .execute("return [window.innerWidth, window.innerHeight]", vec![])
                .await
                .expect("the viewport");
            if have == json!([width, height]) {
                return;
            }
            assert!(
                started.elapsed() < WAIT,
                "the viewport stayed {have} instead of {width}×{height}"
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the page has been painted twice since now: a screenshot right after a
    /// resize otherwise catches the window half redrawn (black bands, missing text).
    pub async fn painted(&self) {
        let script = "const done = arguments[arguments.length - 1];\
             requestAnimationFrame(() => requestAnimationFrame(() => done(true)));";
        self.client
            .execute_async(script, vec![])
            .await
            .unwrap_or_else(|e| panic!("the page was not painted: {e}"));
    }

    /// Screenshots at both sizes the desk is checked at, `{stem}-1920x1080.png` then
    /// `{stem}-1366x768.png`, each once the page has been painted at that size. Leaves the
    /// window at 1366×768.
    pub async fn both_sizes(&self, stem: &str) {
        for (width, height) in [(1920, 1080), (1366, 768)] {
            self.resize(width, height).await;
            self.painted().await;
            self.screenshot(&format!("{stem}-{width}x{height}.png"))
                .await;
        }
    }

    /// From the first run: joins the team at `hub_url` with this PC's `token`.
    pub async fn join_team(&self, hub_url: &str, token: &str) {
        self.click("#first-run-team").await;
        self.fill("#hub-url", hub_url).await;
        self.fill("#hub-token", token).await;
        self.click("#join-team").await;
    }

    /// Adds a person in «Настройки → Сотрудники» (open already) and waits until the list
    /// names them.
    pub async fn add_person(&self, name: &str, role: &str, pin: &str) {
        self.click("#add-person").await;
        self.fill("#person-name", name).await;
        self.fill("#person-phone", "+7 900 123-45-67").await;
        self.choose("#person-role", role).await;
        self.fill("#person-pin", pin).await;
        self.click("#save-person").await;
        self.wait_contains("#people-settings", name, Duration::from_secs(10))
            .await;
    }

    /// The sign-in screen's button for the person whose name holds `name`, as a selector
    /// (the buttons' ids are the people's ids, unknown to a story).
    pub async fn sign_in_button(&self, name: &str) -> String {
        self.wait_for("#sign-in-people button").await;
        let id = self
            .client
            .execute(
                "return [...document.querySelectorAll('#sign-in-people button')]\
                 .find(b => b.textContent.includes(arguments[0]))?.id ?? null",
                vec![json!(name)],
            )
            .await
            .unwrap_or_else(|e| panic!("the sign-in buttons: {e}"));
        let id = id
            .as_str()
            .unwrap_or_else(|| panic!("no sign-in button names {name}"));
        format!("#{id}")
    }

    /// The lock over a restarted desk: it names the person remembered on this PC, and their
    /// PIN opens the desk.
    pub async fn unlock(&self, name: &str, pin: &str) {
        self.wait_for("#lock-screen").await;
        self.wait_contains("#locked-user", name, Duration::from_secs(10))
            .await;
        self.fill("#pin-input", pin).await;
        self.click("#sign-in").await;
        self.wait_count("#lock-screen", 0).await;
    }

    pub async fn close(self) {
        self.client.close().await.expect("the session closes");
    }
}

/// Whether WebDriver refused because the element was replaced or removed after it was found.
fn page_unloading(e: &fantoccini::error::CmdError) -> bool {
    e.to_string().contains("before the unload event")
}

fn node_gone(e: &fantoccini::error::CmdError) -> bool {
    let said = e.to_string();
    said.contains("was not found") || said.contains("stale element") || page_unloading(e)
}

/// A phone order of one unit of `product` collected by the customer, paid in cash: what a
/// story writes into a shop before the window opens on it.
pub fn pickup_order(
    customer: &str,
    phone: &str,
    email: Option<&str>,
    product: &str,
) -> proto::NewOrder {
    proto::NewOrder {
        customer: customer.into(),
        phone: phone.into(),
        email: email.map(Into::into),
        delivery: proto::DeliveryChange {
            method: proto::DeliveryMethod::Pickup,
            zone: None,
            address: String::new(),
            window_from: None,
            window_to: None,
        },
        payment: proto::PaymentMethod::CashOnDelivery,
        lines: vec![proto::NewLine {
            product_id: product.into(),
            quantity: 1000,
        }],
        comment: None,
    }
}
