//! Printing through CUPS `lp` (Linux, macOS): the PDF goes on stdin, so nothing is left in
//! temporary files.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::{PrintError, PrintJob, PrintSystem};

/// The CUPS programs to run; tests and unusual installs point them elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cups {
    pub lp: PathBuf,
    pub lpstat: PathBuf,
}

impl Default for Cups {
    fn default() -> Self {
        Cups {
            lp: PathBuf::from("lp"),
            lpstat: PathBuf::from("lpstat"),
        }
    }
}

impl PrintSystem for Cups {
    fn printers(&self) -> Result<Vec<String>, PrintError> {
        printers_with(&self.lpstat)
    }

    fn print(&self, pdf: &[u8], job: &PrintJob) -> Result<String, PrintError> {
        print_pdf_with(&self.lp, pdf, job)
    }
}

/// The printers CUPS knows (`lpstat -e`), in its order; empty when none is set up.
pub fn printers() -> Result<Vec<String>, PrintError> {
    printers_with(Path::new("lpstat"))
}

/// As [`printers`] with an explicit `lpstat` program.
pub fn printers_with(lpstat: &Path) -> Result<Vec<String>, PrintError> {
    let out = Command::new(lpstat)
        .arg("-e")
        .stdin(Stdio::null())
        .output()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => PrintError::LpMissing,
            _ => PrintError::Io(e.to_string()),
        })?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let names: Vec<String> = stdout
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect();
    if out.status.success() {
        return Ok(names);
    }
    let stderr = String::from_utf8_lossy(&out.stderr).trim().to_owned();
    // CUPS answers "No destinations added." with a failure status: that is an empty list,
    // not a broken print system.
    if names.is_empty() && stderr.contains("No destinations") {
        return Ok(Vec::new());
    }
    Err(PrintError::Unavailable(if stderr.is_empty() {
        format!("lpstat завершился с кодом {:?}", out.status.code())
    } else {
        stderr
    }))
}

/// Sends `pdf` to the printer with the system `lp`; returns what `lp` reported (the job id).
pub fn print_pdf(pdf: &[u8], job: &PrintJob) -> Result<String, PrintError> {
    print_pdf_with(Path::new("lp"), pdf, job)
}

/// As [`print_pdf`] with an explicit `lp` program, for tests and non-standard installs.
pub fn print_pdf_with(lp: &Path, pdf: &[u8], job: &PrintJob) -> Result<String, PrintError> {
    job.check_copies()?;
    let mut cmd = Command::new(lp);
    if let Some(printer) = &job.printer {
        cmd.args(["-d", printer]);
    }
    cmd.args([
        "-n",
        &job.copies.to_string(),
        "-t",
        &job.title,
        "-o",
        "media=A4",
        "-",
    ]);
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => PrintError::LpMissing,
            _ => PrintError::Io(e.to_string()),
        })?;
    if let Some(mut stdin) = child.stdin.take() {
        // A printer that refuses early closes the pipe; its stderr then says why, so a
        // write error is not reported on its own.
        let _ = stdin.write_all(pdf);
    }
    let out = child
        .wait_with_output()
        .map_err(|e| PrintError::Io(e.to_string()))?;
    if out.status.success() {
        return Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned());
    }
    let stderr = String::from_utf8_lossy(&out.stderr).trim().to_owned();
    Err(PrintError::Rejected {
        printer: job.printer_name(),
        message: if stderr.is_empty() {
            format!("lp завершился с кодом {:?}", out.status.code())
        } else {
            stderr
        },
    })
}
