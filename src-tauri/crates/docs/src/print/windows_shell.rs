//! Printing on Windows through the shell: the PDF is saved to a file and the «PrintTo» verb of
//! the application registered for PDF files sends it to the chosen printer, as Explorer's
//! «Print» does. PowerShell runs the verb and lists printers (`Win32_Printer`), so there is no
//! unsafe FFI and no extra crate. The module builds on every OS (its tests run here with a
//! stand-in `powershell`); only Windows selects it as [`super::SystemPrinter`].
//!
//! The script goes in `-EncodedCommand` (UTF-16LE, base64) and the file, printer and copies in
//! environment variables, so no printer name or path is ever quoted into code.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use super::{PrintError, PrintJob, PrintSystem};

/// Lists printer names one a line, UTF-8 so that «Склад» survives the console code page.
const LIST_SCRIPT: &str = "\
$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = [Text.Encoding]::UTF8
Get-CimInstance -ClassName Win32_Printer | ForEach-Object { $_.Name }
";

/// Exit code of [`PRINT_SCRIPT`] when the named printer is not installed.
const NO_SUCH_PRINTER: i32 = 3;

/// Sends the file once per copy: the PrintTo verb has no copies argument.
const PRINT_SCRIPT: &str = "\
$ErrorActionPreference = 'Stop'
[Console]::OutputEncoding = [Text.Encoding]::UTF8
$file = $env:ORDERDESK_PDF
$printer = $env:ORDERDESK_PRINTER
$copies = [int]$env:ORDERDESK_COPIES
if ($printer) {
  $known = @(Get-CimInstance -ClassName Win32_Printer | ForEach-Object { $_.Name })
  if ($known -notcontains $printer) { exit 3 }
}
for ($i = 0; $i -lt $copies; $i++) {
  if ($printer) {
    Start-Process -FilePath $file -Verb PrintTo -ArgumentList ('\"' + $printer + '\"') -WindowStyle Hidden
  } else {
    Start-Process -FilePath $file -Verb Print -WindowStyle Hidden
  }
}
";

/// Saved PDFs are kept this long: the reader that prints them opens the file after the verb
/// returns, so it cannot be removed at once; older ones are swept at the next print.
const KEEP: Duration = Duration::from_secs(24 * 60 * 60);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowsShell {
    /// `powershell.exe` (Windows PowerShell 5.1, present on every Windows 10 and 11).
    pub powershell: PathBuf,
    /// Where the PDFs handed to the reader are saved.
    pub spool_dir: PathBuf,
}

impl Default for WindowsShell {
    fn default() -> Self {
        WindowsShell {
            powershell: PathBuf::from("powershell.exe"),
            spool_dir: std::env::temp_dir().join("OrderDesk-print"),
        }
    }
}

/// `-EncodedCommand` takes the script as base64 of its UTF-16LE bytes.
fn encode_command(script: &str) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let bytes: Vec<u8> = script.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = u32::from(b[0]) << 16 | u32::from(b[1]) << 8 | u32::from(b[2]);
        for (i, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> shift & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

impl WindowsShell {
    fn run(&self, script: &str, env: &[(&str, &str)]) -> Result<Output, PrintError> {
        let mut cmd = Command::new(&self.powershell);
        cmd.args([
            "-NoProfile",
            "-NonInteractive",
            "-ExecutionPolicy",
            "Bypass",
            "-EncodedCommand",
            &encode_command(script),
        ]);
        for (key, value) in env {
            cmd.env(key, value);
        }
        cmd.stdin(Stdio::null())
            .output()
            .map_err(|e| match e.kind() {
                std::io::ErrorKind::NotFound => {
                    PrintError::ShellMissing(self.powershell.display().to_string())
                }
                _ => PrintError::Io(e.to_string()),
            })
    }

    /// Saves `pdf` under a name no other job of this or another desk process uses.
    fn save(&self, pdf: &[u8]) -> Result<PathBuf, PrintError> {
        static SEQ: AtomicU64 = AtomicU64::new(0);
        let io = |e: std::io::Error| PrintError::Io(e.to_string());
        std::fs::create_dir_all(&self.spool_dir).map_err(io)?;
        sweep(&self.spool_dir);
        let stamp = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let name = format!(
            "orderdesk-{}-{stamp}-{}.pdf",
            std::process::id(),
            SEQ.fetch_add(1, Ordering::Relaxed)
        );
        let path = self.spool_dir.join(name);
        let mut file = std::fs::File::create(&path).map_err(io)?;
        file.write_all(pdf)
            .and_then(|()| file.sync_all())
            .map_err(io)?;
        Ok(path)
    }
}

/// Removes saved PDFs older than [`KEEP`]; a file still open in a reader just stays.
fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > KEEP);
        let ours = entry
            .file_name()
            .to_str()
            .is_some_and(|n| n.starts_with("orderdesk-") && n.ends_with(".pdf"));
        if old && ours {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn stderr_or_code(out: &Output, program: &str) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).trim().to_owned();
    if stderr.is_empty() {
        format!("{program} завершился с кодом {:?}", out.status.code())
    } else {
        stderr
    }
}

impl PrintSystem for WindowsShell {
    fn printers(&self) -> Result<Vec<String>, PrintError> {
        let out = self.run(LIST_SCRIPT, &[])?;
        if !out.status.success() {
            return Err(PrintError::Unavailable(stderr_or_code(&out, "PowerShell")));
        }
        Ok(String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect())
    }

    fn print(&self, pdf: &[u8], job: &PrintJob) -> Result<String, PrintError> {
        job.check_copies()?;
        let path = self.save(pdf)?;
        let file = path.to_string_lossy();
        let copies = job.copies.to_string();
        let printer = job.printer.as_deref().unwrap_or_default();
        let out = self.run(
            PRINT_SCRIPT,
            &[
                ("ORDERDESK_PDF", file.as_ref()),
                ("ORDERDESK_PRINTER", printer),
                ("ORDERDESK_COPIES", copies.as_str()),
            ],
        )?;
        if out.status.success() {
            return Ok(format!(
                "передано в Windows: «{}», {} экз., файл {}",
                job.printer_name(),
                job.copies,
                path.display()
            ));
        }
        let message = if out.status.code() == Some(NO_SUCH_PRINTER) {
            "такого принтера нет в Windows".to_owned()
        } else {
            // The usual cause: the default PDF app (Edge, for one) has no «PrintTo» verb.
            format!(
                "{} (для печати нужна программа просмотра PDF, умеющая печатать из \
                 проводника, например Adobe Acrobat Reader или SumatraPDF)",
                stderr_or_code(&out, "PowerShell")
            )
        };
        Err(PrintError::Rejected {
            printer: job.printer_name(),
            message,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encoded_command_is_base64_of_utf16le() {
        // "a" is 61 00; "ab" is 61 00 62 00; «Ж» is U+0416, 16 04.
        assert_eq!(encode_command("a"), "YQA=");
        assert_eq!(encode_command("ab"), "YQBiAA==");
        assert_eq!(encode_command("Ж"), "FgQ=");
        assert_eq!(encode_command("abc"), "YQBiAGMA");
    }
}
