//! The store's side of the documents: requisites, invoice numbers, and ops recorded for a
//! batch of orders at once (one print job).

use domain::{Op, OpEnvelope};
use jiff::civil::Date;
use jiff::Timestamp;
use rusqlite::TransactionBehavior;

use crate::invoices::{self, Invoice};
use crate::paper_dates::{self, PaperDate};
use crate::requisites_rows::{self, Requisites};
use crate::{write, NewOp, Store, StoreError};

impl Store {
    /// The shop's requisites; `None` until they are entered.
    pub fn requisites(&self) -> Result<Option<Requisites>, StoreError> {
        self.readers.read(requisites_rows::load)
    }

    pub fn set_requisites(&self, r: Requisites, now: Timestamp) -> Result<(), StoreError> {
        self.writer.run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            requisites_rows::save(&tx, &r, now)?;
            tx.commit()?;
            Ok(())
        })
    }

    /// This device's invoice prefix (see [`crate::invoices`] for why numbers carry one).
    pub fn invoice_prefix(&self) -> Result<String, StoreError> {
        let device_id = self.device_id;
        self.readers
            .read(move |conn| invoices::prefix(conn, device_id))
    }

    /// Sets the prefix; check it with [`crate::valid_prefix`] first. Numbers already issued
    /// keep theirs; the new prefix counts from 1 unless it was used before.
    pub fn set_invoice_prefix(&self, prefix: &str) -> Result<(), StoreError> {
        let prefix = prefix.to_owned();
        self.writer.run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            invoices::set_prefix(&tx, &prefix)?;
            tx.commit()?;
            Ok(())
        })
    }

    pub fn invoice(&self, order_id: uuid::Uuid) -> Result<Option<Invoice>, StoreError> {
        self.readers
            .read(move |conn| invoices::of_order(conn, order_id))
    }

    /// The order's invoice, issuing it dated `issued_on` (the shop's local day, which also
    /// gives the year it is numbered in) if it has none: the number is taken, the
    /// `IssueInvoice` op (whose number is filled in here) and the invoice row commit together.
    /// An order that already has an invoice gets it back, date and all, and nothing is
    /// recorded.
    pub fn issue_invoice(&self, mut new: NewOp, issued_on: Date) -> Result<Invoice, StoreError> {
        let year = issued_on.year();
        let device_id = self.device_id;
        self.writer.run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let order_id = new.op.order_id();
            if let Some(known) = invoices::of_order(&tx, order_id)? {
                return Ok(known);
            }
            let prefix = invoices::prefix(&tx, device_id)?;
            let seq = invoices::next_seq(&tx, &prefix, year)?;
            let invoice = Invoice {
                order_id,
                number: invoices::format_number(&prefix, year, seq),
                prefix,
                year,
                seq,
                issued_at: new.at,
                issued_on: Some(issued_on),
            };
            if let Op::IssueInvoice { number, .. } = &mut new.op {
                number.clone_from(&invoice.number);
            }
            let op_id = new.id;
            write::record(&tx, device_id, new)?;
            invoices::insert(&tx, &invoice, op_id)?;
            tx.commit()?;
            Ok(invoice)
        })
    }

    /// The number and date `order_id`'s paper of `kind` was first made with, keeping `first`
    /// (made at `now`) if there is none yet: a reprint is the same paper, whatever the clock
    /// or the order's number says later.
    pub fn paper_date(
        &self,
        order_id: uuid::Uuid,
        kind: &str,
        first: PaperDate,
        now: Timestamp,
    ) -> Result<PaperDate, StoreError> {
        let kind = kind.to_owned();
        self.writer.run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            if let Some(known) = paper_dates::of_order(&tx, order_id, &kind)? {
                return Ok(known);
            }
            paper_dates::insert(&tx, order_id, &kind, &first, now)?;
            tx.commit()?;
            Ok(first)
        })
    }

    /// The paper of `kind` made for `order_id`, if one was.
    pub fn paper_dated(
        &self,
        order_id: uuid::Uuid,
        kind: &str,
    ) -> Result<Option<PaperDate>, StoreError> {
        let kind = kind.to_owned();
        self.readers
            .read(move |conn| paper_dates::of_order(conn, order_id, &kind))
    }

    /// When `order_id`'s paper `document` was first printed on any PC of the shop, if it was:
    /// the date a PC that did not make the paper gives it on a reprint.
    pub fn first_printed(
        &self,
        order_id: uuid::Uuid,
        document: &str,
    ) -> Result<Option<Timestamp>, StoreError> {
        let document = document.to_owned();
        self.readers
            .read(move |conn| paper_dates::first_printed(conn, order_id, &document))
    }

    /// Records several ops in one transaction: all of them or none.
    pub fn record_all(&self, ops: Vec<NewOp>) -> Result<Vec<OpEnvelope>, StoreError> {
        let device_id = self.device_id;
        self.writer.run(move |conn| {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut out = Vec::with_capacity(ops.len());
            for op in ops {
                out.push(write::record(&tx, device_id, op)?);
            }
            tx.commit()?;
            Ok(out)
        })
    }
}
