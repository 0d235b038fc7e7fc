//! Printing a finished PDF through the operating system. One trait, [`PrintSystem`], with a
//! backend per OS family: CUPS `lp` on Linux and macOS ([`Cups`]), the Windows shell's
//! «PrintTo» verb run through PowerShell ([`WindowsShell`]). [`SystemPrinter`] is the one the
//! desk uses on the OS it was built for. A failed job loses nothing: the caller still holds
//! the PDF bytes and gets the print system's own reason.

mod cups;
mod windows_shell;

pub use cups::{print_pdf, print_pdf_with, printers, printers_with, Cups};
pub use windows_shell::WindowsShell;

/// Linux, macOS and the BSDs print through CUPS; macOS ships `lp` and `lpstat` with it.
#[cfg(not(windows))]
pub type SystemPrinter = Cups;
/// Windows has no `lp`; its print path is the shell verb of the PDF's registered reader.
#[cfg(windows)]
pub type SystemPrinter = WindowsShell;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintJob {
    /// The printer as the OS names it; `None` uses the system default printer.
    pub printer: Option<String>,
    pub copies: u32,
    /// Shown in the print queue: «Счёт № 12».
    pub title: String,
}

impl PrintJob {
    fn check_copies(&self) -> Result<(), PrintError> {
        if (1..=999).contains(&self.copies) {
            Ok(())
        } else {
            Err(PrintError::Copies(self.copies))
        }
    }

    fn printer_name(&self) -> String {
        self.printer
            .clone()
            .unwrap_or_else(|| "по умолчанию".to_owned())
    }
}

/// What the desk needs from a print system: the printers to offer and a way to print.
pub trait PrintSystem {
    /// The printers the OS knows, in its order; empty when none is set up.
    fn printers(&self) -> Result<Vec<String>, PrintError>;
    /// Sends `pdf` as one job (with its copies); returns what the print system reported.
    fn print(&self, pdf: &[u8], job: &PrintJob) -> Result<String, PrintError>;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrintError {
    #[error("Печать недоступна: не найдена программа `lp` (установите CUPS: пакет cups-client)")]
    LpMissing,
    #[error("Печать недоступна: не найдена программа `{0}` (Windows PowerShell)")]
    ShellMissing(String),
    #[error("Число копий должно быть от 1 до 999, а не {0}")]
    Copies(u32),
    #[error("Принтер «{printer}» не принял задание: {message}")]
    Rejected { printer: String, message: String },
    #[error("Не удалось передать документ на печать: {0}")]
    Io(String),
    #[error("Список принтеров недоступен: {0}")]
    Unavailable(String),
}
