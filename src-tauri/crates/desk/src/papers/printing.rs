//! Printing papers through the OS and recording each print in the orders' history.

use std::path::PathBuf;
use std::sync::PoisonError;

use domain::Op;
use jiff::Timestamp;
use store::NewOp;
use uuid::Uuid;

use crate::{parse_order_id, Desk, DeskError};

/// The CUPS programs the desk runs; tests and unusual installs point them elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintCommands {
    pub lp: PathBuf,
    pub lpstat: PathBuf,
}

impl Default for PrintCommands {
    fn default() -> Self {
        PrintCommands {
            lp: PathBuf::from("lp"),
            lpstat: PathBuf::from("lpstat"),
        }
    }
}

impl Desk {
    pub fn set_print_commands(&self, commands: PrintCommands) {
        *self
            .print_commands
            .write()
            .unwrap_or_else(PoisonError::into_inner) = commands;
    }

    fn print_commands(&self) -> PrintCommands {
        self.print_commands
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// The printers to choose from, as the OS names them.
    pub fn printers(&self) -> Result<Vec<String>, DeskError> {
        Ok(docs::print::printers_with(&self.print_commands().lpstat)?)
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
        let ids = order_ids
            .iter()
            .map(|id| parse_order_id(id))
            .collect::<Result<Vec<_>, _>>()?;
        let pdf = self.documents(order_ids, kind, now)?;
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
            printer: printer.clone(),
            copies,
            title,
        };
        self.writable()?;
        let reply = docs::print::print_pdf_with(&self.print_commands().lp, &pdf, &job)?;
        let actor = self.actor();
        let ops = ids
            .iter()
            .map(|&order_id| NewOp {
                id: Uuid::now_v7(),
                actor: actor.clone(),
                at: now,
                op: Op::PrintDocument {
                    order_id,
                    document: kind.code().to_owned(),
                    copies,
                    printer: printer.clone(),
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
