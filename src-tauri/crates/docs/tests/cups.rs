//! A real print: the test starts its own CUPS scheduler (private config, spool and socket in
//! a temporary directory, so the machine's own CUPS is left alone), adds a cups-pdf printer,
//! prints a multi-page invoice through `docs::print::print_pdf`, and waits for cups-pdf to
//! write the file. It needs root: the cups-pdf backend only runs as root.
// CUPS and cups-pdf run on Linux only.
#![cfg(unix)]

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use docs::print::{print_pdf, printers, PrintError, PrintJob};

const PACKAGES: &str = "cups cups-client cups-bsd printer-driver-cups-pdf poppler-utils";
const PRINTER: &str = "OrderDeskPDF";
const PPDS: &[&str] = &[
    "/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd",
    "/usr/share/cups/model/CUPS-PDF_opt.ppd",
    "/usr/share/ppd/cupsfilters/CUPS-PDF_opt.ppd",
];

/// The private scheduler; stopped (by its own pid) when the test ends, pass or fail.
struct Scheduler {
    child: Child,
    _dir: tempfile::TempDir,
}

impl Drop for Scheduler {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn require(path: &str) -> PathBuf {
    let found = [
        PathBuf::from(path),
        Path::new("/usr/sbin").join(path),
        Path::new("/usr/bin").join(path),
    ]
    .into_iter()
    .find(|p| p.is_file() || which(p));
    found.unwrap_or_else(|| panic!("`{path}` not found: install the Debian packages {PACKAGES}"))
}

fn which(p: &Path) -> bool {
    p.components().count() == 1
        && Command::new("sh")
            .args(["-c", &format!("command -v {}", p.display())])
            .output()
            .is_ok_and(|o| o.status.success())
}

fn is_root() -> bool {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with("Uid:"))
        .and_then(|l| l.split_whitespace().nth(1))
        == Some("0")
}

fn run(program: &Path, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{} could not run: {e}", program.display()));
    assert!(
        out.status.success(),
        "{} {} failed: {}",
        program.display(),
        args.join(" "),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn start_scheduler(cupsd: &Path) -> (Scheduler, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    for sub in ["spool", "cache", "state", "log", "tmp"] {
        std::fs::create_dir(root.join(sub)).expect("create dir");
    }
    // Filters run as the `lp` user and write their temporary files here.
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(root.join("tmp"), std::fs::Permissions::from_mode(0o1777))
        .expect("chmod tmp");
    std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let socket = root.join("cups.sock");
    std::fs::write(
        root.join("cupsd.conf"),
        format!(
            "Listen {}\nLogLevel debug\nWebInterface No\nBrowsing Off\n\
             <Location />\n  Order allow,deny\n  Allow all\n</Location>\n",
            socket.display()
        ),
    )
    .expect("cupsd.conf");
    std::fs::write(
        root.join("cups-files.conf"),
        format!(
            "ServerRoot {r}\nRequestRoot {r}/spool\nCacheDir {r}/cache\nStateDir {r}/state\n\
             TempDir {r}/tmp\nErrorLog {r}/log/error_log\nAccessLog {r}/log/access_log\n\
             PageLog {r}/log/page_log\nSystemGroup root\n",
            r = root.display()
        ),
    )
    .expect("cups-files.conf");
    let conf = root.join("cupsd.conf");
    let files = root.join("cups-files.conf");
    let child = Command::new(cupsd)
        .args(["-f", "-c"])
        .arg(&conf)
        .arg("-s")
        .arg(&files)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start cupsd");
    (Scheduler { child, _dir: dir }, socket)
}

fn wait_for<T>(what: &str, limit: Duration, mut probe: impl FnMut() -> Option<T>) -> T {
    let start = Instant::now();
    loop {
        if let Some(found) = probe() {
            return found;
        }
        assert!(
            start.elapsed() < limit,
            "gave up after {limit:?} waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// Where cups-pdf writes: the `Out` setting of /etc/cups/cups-pdf.conf, `${HOME}` being the
/// home of the user who printed (us).
fn output_dir() -> PathBuf {
    let home = std::env::var("HOME").unwrap_or_else(|_| "/root".to_owned());
    let conf = std::fs::read_to_string("/etc/cups/cups-pdf.conf").unwrap_or_default();
    let out = conf
        .lines()
        .map(str::trim)
        .find_map(|l| l.strip_prefix("Out "))
        .unwrap_or("${HOME}/PDF")
        .trim()
        .replace("${HOME}", &home);
    PathBuf::from(out)
}

fn pdf_pages(path: &Path) -> Option<u32> {
    let out = Command::new("pdfinfo").arg(path).output().ok()?;
    if !out.status.success() {
        return None;
    }
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
}

#[test]
fn invoice_prints_through_a_real_cups_pdf_printer() {
    let cupsd = require("cupsd");
    let lpadmin = require("lpadmin");
    let lpstat = require("lpstat");
    require("lp");
    require("pdfinfo");
    assert!(
        Path::new("/usr/lib/cups/backend/cups-pdf").is_file(),
        "the cups-pdf backend is missing: install the Debian packages {PACKAGES}"
    );
    let ppd = PPDS
        .iter()
        .find(|p| Path::new(p).is_file())
        .unwrap_or_else(|| panic!("CUPS-PDF_opt.ppd not found: install {PACKAGES}"));
    assert!(
        is_root(),
        "the cups-pdf backend runs only as root: run this test as root"
    );

    let (_scheduler, socket) = start_scheduler(&cupsd);
    // Every CUPS client of this test process (lp, lpstat, lpadmin) talks to our scheduler;
    // this binary holds one test, so no other test sees the variable.
    std::env::set_var("CUPS_SERVER", &socket);
    wait_for("the scheduler", Duration::from_secs(15), || {
        let out = Command::new(&lpstat).arg("-r").output().ok()?;
        String::from_utf8_lossy(&out.stdout)
            .contains("scheduler is running")
            .then_some(())
    });
    assert_eq!(
        printers(),
        Ok(Vec::new()),
        "a fresh scheduler has no printers"
    );
    run(
        &lpadmin,
        &["-p", PRINTER, "-v", "cups-pdf:/", "-P", ppd, "-E"],
    );
    assert_eq!(printers(), Ok(vec![PRINTER.to_owned()]));

    // A printer that does not exist is refused with CUPS's reason.
    let missing = PrintJob {
        printer: Some("NoSuchPrinter".into()),
        copies: 1,
        title: "missing".into(),
    };
    let err = print_pdf(b"%PDF-1.7", &missing).expect_err("no such printer");
    assert!(matches!(err, PrintError::Rejected { .. }), "{err:?}");
    assert!(
        err.to_string()
            .contains("Принтер «NoSuchPrinter» не принял задание"),
        "{err}"
    );

    let pdf = docs::invoice::invoice(&common::shop(), &common::order(120)).expect("invoice");
    let (dir, _keep) = common::out_dir();
    let expected_pages = pdf_pages(&common::write(&dir, "invoice.pdf", &pdf)).expect("pages");
    assert!(
        expected_pages >= 3,
        "a 120-line invoice has {expected_pages} pages"
    );

    let out_dir = output_dir();
    let before: Vec<PathBuf> = std::fs::read_dir(&out_dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    let job = PrintJob {
        printer: Some(PRINTER.into()),
        copies: 1,
        title: "OrderDesk invoice".into(),
    };
    let reply = print_pdf(&pdf, &job).expect("CUPS accepts the job");
    let job_id = reply
        .split_whitespace()
        .find_map(|w| w.strip_prefix(&format!("{PRINTER}-")))
        .expect("lp names the job")
        .to_owned();
    let suffix = format!("job_{job_id}.pdf");
    // Done when the job has left the queue and cups-pdf's file reads as a whole PDF.
    let printed = wait_for("cups-pdf's output file", Duration::from_secs(60), || {
        let queue = Command::new(&lpstat).arg("-o").output().ok()?;
        if String::from_utf8_lossy(&queue.stdout).contains(&format!("{PRINTER}-{job_id} ")) {
            return None;
        }
        let file = std::fs::read_dir(&out_dir)
            .ok()?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .find(|p| {
                !before.contains(p)
                    && p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.ends_with(&suffix))
            })?;
        pdf_pages(&file).map(|pages| (file, pages))
    });
    let (file, pages) = printed;
    let head = std::fs::read(&file).expect("read the printed file");
    assert!(head.starts_with(b"%PDF"), "{} is not a PDF", file.display());
    assert_eq!(pages, expected_pages, "pages of {}", file.display());
    std::fs::remove_file(&file).expect("remove the printed copy");
}
