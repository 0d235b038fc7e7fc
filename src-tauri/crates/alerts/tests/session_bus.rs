//! The overdue alert on a real desktop: a private session bus, the `dunst` notification daemon
//! on a virtual display, and `dbus-monitor` reading every call to the notification interface.
//!
//! Its own test binary (own process) because it points `DBUS_SESSION_BUS_ADDRESS` at the
//! private bus for the whole process.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use desk::Desk;
use jiff::Timestamp;
use proto::display::Lang;

/// How long any helper may take to come up or a message to arrive before the test gives up.
const PATIENCE: Duration = Duration::from_secs(15);

/// A bus with no service directories: nothing is auto-started behind the test's back (a
/// daemon activated without a display would die and muddy the capture), and monitoring is
/// allowed.
const BUS_CONFIG: &str = r#"<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=SOCKET</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"#;

/// Kills the helper when the test ends, passing or failing.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn tool(name: &str) -> PathBuf {
    std::env::var_os("PATH")
        .iter()
        .flat_map(std::env::split_paths)
        .map(|dir| dir.join(name))
        .find(|path| path.is_file())
        .unwrap_or_else(|| {
            panic!(
                "`{name}` is not installed. This test needs a session bus, a notification \
                 daemon and a virtual display: install the Debian packages \
                 `dbus dbus-bin dunst xvfb` (`cargo xtask setup` does)"
            )
        })
}

fn spawn(cmd: &mut Command) -> (Running, ChildStdout) {
    let mut child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("could not start {cmd:?}: {e}"));
    let stdout = child.stdout.take().expect("stdout is piped");
    (Running(child), stdout)
}

/// Lines of `out` as they come, on a thread, so waits can time out.
fn lines(out: impl Read + Send + 'static) -> Receiver<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// Reads lines into `seen` until one satisfies `done`.
fn read_until(
    rx: &Receiver<String>,
    seen: &mut Vec<String>,
    what: &str,
    done: impl Fn(&str) -> bool,
) {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => {
                let hit = done(&line);
                seen.push(line);
                if hit {
                    return;
                }
            }
            Err(_) => panic!(
                "gave up waiting for {what}; output so far:\n{}",
                seen.join("\n")
            ),
        }
    }
}

/// An X display for dunst: the one we are given, or a private Xvfb.
fn display() -> (String, Option<Running>) {
    if let Some(d) = std::env::var("DISPLAY").ok().filter(|d| !d.is_empty()) {
        return (d, None);
    }
    let (xvfb, out) = spawn(Command::new(tool("Xvfb")).args([
        "-displayfd",
        "1",
        "-screen",
        "0",
        "800x600x24",
        "-nolisten",
        "tcp",
    ]));
    let mut seen = Vec::new();
    read_until(&lines(out), &mut seen, "Xvfb's display number", |_| true);
    (format!(":{}", seen[0].trim()), Some(xvfb))
}

fn private_bus(dir: &Path) -> (String, Running) {
    let config = dir.join("bus.conf");
    let socket = dir.join("bus.socket");
    let text = BUS_CONFIG.replace("SOCKET", &socket.display().to_string());
    std::fs::write(&config, text).expect("bus config written");
    let (bus, out) = spawn(
        Command::new(tool("dbus-daemon"))
            .arg(format!("--config-file={}", config.display()))
            .args(["--nofork", "--print-address"]),
    );
    let mut seen = Vec::new();
    read_until(&lines(out), &mut seen, "the bus address", |_| true);
    (seen[0].trim().to_owned(), bus)
}

/// One message as dbus-monitor prints it: the header line and its arguments (string
/// arguments may span lines).
fn messages(output: &[String]) -> Vec<String> {
    let header = |l: &str| {
        ["method call ", "method return ", "signal ", "error "]
            .iter()
            .any(|p| l.starts_with(p))
    };
    let mut out: Vec<String> = Vec::new();
    for line in output {
        match out.last_mut() {
            Some(last) if !header(line) => {
                last.push('\n');
                last.push_str(line);
            }
            _ => out.push(line.clone()),
        }
    }
    out
}

#[test]
fn overdue_orders_raise_one_grouped_notification_on_a_real_session_bus() {
    let (monitor_bin, dunst_bin, send_bin) =
        (tool("dbus-monitor"), tool("dunst"), tool("dbus-send"));
    let tmp = tempfile::tempdir().expect("tempdir");
    let (display, _xvfb) = display();
    let (address, _bus) = private_bus(tmp.path());
    // Everything in this process — notify-rust included — now talks to the private bus.
    std::env::set_var("DBUS_SESSION_BUS_ADDRESS", &address);

    let (_monitor, out) = spawn(
        Command::new(monitor_bin).args(["--session", "interface='org.freedesktop.Notifications'"]),
    );
    let monitor = lines(out);
    let mut captured = Vec::new();
    // dbus-monitor drops its bus name once it has become a monitor: from then on it sees all.
    read_until(&monitor, &mut captured, "dbus-monitor to start", |l| {
        l.contains("member=NameLost")
    });

    let home = tmp.path().join("home");
    std::fs::create_dir_all(&home).expect("home");
    let _dunst = spawn(
        Command::new(dunst_bin)
            .env("DISPLAY", &display)
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config")),
    )
    .0;
    // Polls until dunst owns the name; there is no activation, so a probe cannot start
    // another daemon.
    let ready_by = Instant::now() + PATIENCE;
    while let Err(e) = notify_rust::get_server_information() {
        assert!(
            Instant::now() < ready_by,
            "dunst never answered on the bus: {e}"
        );
        std::thread::sleep(Duration::from_millis(25));
    }

    let now: Timestamp = "2025-03-03T12:00:00Z".parse().expect("valid instant");
    let desk =
        Desk::open_demo(&tmp.path().join("data"), now).expect("desk opens with the demo shop");
    let due = desk.due_alerts(now).expect("due alerts");
    assert!(
        due.len() > 1,
        "the demo shop has several overdue orders at {now}"
    );
    let (click, clicked) = mpsc::channel::<String>();
    let on_click: alerts::OnClick = std::sync::Arc::new(move |number: &str| {
        let _ = click.send(number.to_owned());
    });
    alerts::show(&due, Lang::Ru, Some(on_click)).expect("notification shown");
    assert!(
        desk.due_alerts(now).expect("due alerts again").is_empty(),
        "an order alerts once per stage entry"
    );
    assert_eq!(
        alerts::check_and_show(&desk, now, Lang::Ru, None).expect("timer tick"),
        0,
        "a later tick at the same instant names nothing"
    );

    // The bus hands messages to the monitor in order: once this marker is printed, every
    // Notify sent before it has been printed too.
    let marker = "OrderDeskTestMarker";
    let status = Command::new(send_bin)
        .args([
            "--session",
            "--type=method_call",
            "--dest=org.freedesktop.Notifications",
            "/org/freedesktop/Notifications",
            &format!("org.freedesktop.Notifications.{marker}"),
        ])
        .status()
        .expect("dbus-send runs");
    assert!(status.success(), "dbus-send failed: {status}");
    read_until(&monitor, &mut captured, "the marker", |l| {
        l.contains(&format!("member={marker}"))
    });

    let notifies: Vec<String> = messages(&captured)
        .into_iter()
        .filter(|m| m.starts_with("method call ") && m.contains("member=Notify"))
        .collect();
    assert_eq!(
        notifies.len(),
        1,
        "exactly one Notify call for {} overdue orders; captured:\n{}",
        due.len(),
        captured.join("\n")
    );
    let notify = &notifies[0];
    assert!(notify.contains("string \"OrderDesk\""), "{notify}");
    assert!(
        notify.contains(&format!("Просрочено {} заказ", due.len()))
            || notify.contains(&format!("Просрочен {} заказ", due.len())),
        "{notify}"
    );
    for alert in due.iter().take(alerts::LISTED) {
        assert!(notify.contains(&format!("№{} ", alert.number)), "{notify}");
    }
    if due.len() > alerts::LISTED {
        assert!(
            notify.contains(&format!("и ещё {} заказ", due.len() - alerts::LISTED)),
            "{notify}"
        );
    }
    assert!(notify.contains("администратор"), "{notify}");
    // Urgency "critical" is byte 2 in the hints.
    assert!(notify.contains("\"urgency\""), "{notify}");
    assert!(notify.contains("byte 2"), "{notify}");
    assert!(
        notify.contains("Открыть заказ"),
        "the alert offers its click: {notify}"
    );

    // Issue 19, point 3: the manager clicks the alert (dunst's default action, what a click
    // on the bubble does) and the desk is asked to open the first order it names.
    let status = Command::new(tool("dunstctl"))
        .arg("action")
        .status()
        .expect("dunstctl runs");
    assert!(status.success(), "dunstctl action failed: {status}");
    let opened = clicked
        .recv_timeout(PATIENCE)
        .expect("the click reached the desk");
    assert_eq!(
        opened, due[0].number,
        "the click opens the first order named"
    );
}
