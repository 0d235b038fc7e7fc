//! Marketplace package labels: the PDF the marketplace makes for the order's boxes, printed
//! through the same print path as our papers or saved beside them. The download is async
//! (network); printing and saving are blocking and take the PDF already fetched.

use std::path::Path;

use jiff::Timestamp;

use crate::{parse_order_id, Desk, DeskError};

/// The op's document code for marketplace labels.
pub const LABELS_DOCUMENT: &str = "mp_labels";

impl Desk {
    /// Downloads the labels of a marketplace order from the marketplace that holds it. Only a
    /// PDF is returned: anything else is an error naming what came instead.
    pub async fn order_labels(&self, order_id: &str) -> Result<Vec<u8>, DeskError> {
        let id = parse_order_id(order_id)?;
        for row in self.store.order_channels(id)? {
            let Ok(c) = self.channels.connection(row.connection_id) else {
                continue;
            };
            if c.kind.is_marketplace() {
                return self
                    .channels
                    .labels(c.id, &row.external_id)
                    .await
                    .map_err(DeskError::labels);
            }
        }
        Err(proto::InputProblem::NotMarketplaceOrder.into())
    }

    /// Prints the labels `order_labels` fetched and records the print on the order.
    pub fn print_order_labels(
        &self,
        order_id: &str,
        pdf: &[u8],
        printer: Option<String>,
        copies: u32,
        now: Timestamp,
    ) -> Result<proto::PrintOutcome, DeskError> {
        let id = parse_order_id(order_id)?;
        let number = self.store.order(id)?.number;
        let printer = printer.filter(|p| !p.trim().is_empty());
        let job = docs::print::PrintJob {
            printer,
            copies,
            title: format!("Этикетки маркетплейса — заказ {number}"),
        };
        self.print_and_record(pdf, &job, LABELS_DOCUMENT, &[id], now)
    }

    /// Saves the labels into `dir` (the papers folder) under a name that never overwrites an
    /// earlier file; returns the path.
    pub fn save_order_labels(
        &self,
        order_id: &str,
        pdf: &[u8],
        dir: &Path,
    ) -> Result<String, DeskError> {
        let number = self.store.order(parse_order_id(order_id)?)?.number;
        let path = crate::paper_files::write_new(dir, &format!("Этикетки — заказ {number}"), pdf)?;
        Ok(path.display().to_string())
    }
}
