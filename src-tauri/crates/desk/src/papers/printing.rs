//! Printing papers through the OS and recording each print in the orders' history.

use std::sync::{Arc, PoisonError};

use docs::print::{PrintSystem, SystemPrinter};

use domain::Op;
use jiff::Timestamp;
use store::NewOp;
use uuid::Uuid;

use crate::{parse_order_id, Desk, DeskError};

/// The CUPS programs the desk runs on Linux and macOS; tests and unusual installs point them
/// elsewhere.
pub type PrintCommands = docs::print::Cups;

/// The print system the desk sends jobs to: the OS's own unless a test or setting swaps it.
pub type Printing = Arc<dyn PrintSystem + Send + Sync>;

/// CUPS on Linux and macOS, the shell's «PrintTo» verb on Windows.
pub(crate) fn system_printing() -> Printing {
    Arc::new(SystemPrinter::default())
}

impl Desk {
    /// Prints through CUPS with these programs, whatever the OS.
    pub fn set_print_commands(&self, commands: PrintCommands) {
        self.set_printing(Arc::new(commands));
    }

    pub fn set_printing(&self, printing: Printing) {
        *self
            .printing
            .write()
            .unwrap_or_else(PoisonError::into_inner) = printing;
    }

    pub(crate) fn printing(&self) -> Printing {
        Arc::clone(&self.printing.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// The printers to choose from, as the OS names them.
    pub fn printers(&self) -> Result<Vec<String>, DeskError> {
        Ok(self.printing().printers()?)
    }

    /// Prints `kind` of every order as one job on `printer` (`None`: the default printer),
    /// then records a print op per order, all in one transaction. A refused job returns
    /// the print system's reason and records nothing as printed; the orders are untouched.
    pub fn print(
        &self,
        order_ids: &[String],
        kind: proto::DocKind,
        printer: Option<String>,
        copies: u32,
        now: Timestamp,
    ) -> Result<proto::PrintOutcome, DeskError> {
        self.print_paper(order_ids, kind, None, printer, copies, now)
    }

    /// [`Desk::print`] with the courier a route sheet is made out to.
    pub fn print_paper(
        &self,
        order_ids: &[String],
        kind: proto::DocKind,
        courier: Option<&str>,
        printer: Option<String>,
        copies: u32,
        now: Timestamp,
    ) -> Result<proto::PrintOutcome, DeskError> {
        let ids = order_ids
            .iter()
            .map(|id| parse_order_id(id))
            .collect::<Result<Vec<_>, _>>()?;
        let pdf = self.paper(order_ids, kind, courier, now)?;
        let title = match ids.as_slice() {
            [one] => format!(
                "{} — заказ {}",
                kind.title(),
                self.store.order(*one)?.number
            ),
            _ => format!("{} — {} заказов", kind.title(), order_ids.len()),
        };
        let printer = printer.filter(|p| !p.trim().is_empty());
        let job = docs::print::PrintJob {
            printer,
            copies,
            title,
        };
        self.print_and_record(&pdf, &job, kind.code(), &ids, now)
    }

    /// Prints `pdf` as `job`, then records a print op of `document` on each order of `ids`,
    /// all in one transaction. A refused job records nothing.
    pub(crate) fn print_and_record(
        &self,
        pdf: &[u8],
        job: &docs::print::PrintJob,
        document: &str,
        ids: &[Uuid],
        now: Timestamp,
    ) -> Result<proto::PrintOutcome, DeskError> {
        self.writable()?;
        let reply = self.printing().print(pdf, job)?;
        let actor = self.actor();
        let ops = ids
            .iter()
            .map(|&order_id| NewOp {
                id: Uuid::now_v7(),
                actor: actor.clone(),
                at: now,
                op: Op::PrintDocument {
                    order_id,
                    document: document.to_owned(),
                    copies: job.copies,
                    printer: job.printer.clone(),
                    job: reply.clone(),
                },
            })
            .collect();
        let workflow = self.store.workflow()?;
        // The paper is already out: if the history cannot be written the manager must know
        // it printed, so that they do not print it twice.
        self.store
            .record_all(ops)
            .map_err(|e| DeskError::PrintedNotRecorded {
                job: reply.clone(),
                source: Box::new(DeskError::from_store(&workflow, e)),
            })?;
        self.nudge_sync();
        Ok(proto::PrintOutcome {
            job: reply,
            orders: u32::try_from(ids.len()).unwrap_or(u32::MAX),
        })
    }
}
