//! The customers screen (issue 14, point 5): the register the store derives from the orders,
//! searched by any part of a name, phone or e-mail; a card with the customer's orders; the
//! manager's correction of a card's contacts, recorded as a shop op; and the new-order form's
//! choice of a known customer.

use domain::Role;
use jiff::Timestamp;
use proto::InputProblem;

use crate::{Desk, DeskError};

/// The list shows this many customers; a longer list is narrowed by typing.
const LIST_LIMIT: u32 = 50;

impl Desk {
    /// Customers whose name, phone or e-mail holds `text` (any part: «915 105», «mail.ru»,
    /// «иван»), or those of the latest orders when `text` is empty.
    pub fn customers(&self, text: &str) -> Result<Vec<proto::CustomerSummary>, DeskError> {
        Ok(self
            .store
            .customers(text, LIST_LIMIT)?
            .into_iter()
            .map(summary)
            .collect())
    }

    /// A customer's card by its key (see [`proto::CustomerSummary::key`]).
    pub fn customer(&self, key: &str, now: Timestamp) -> Result<proto::CustomerCard, DeskError> {
        let card = self
            .store
            .customer(key)?
            .ok_or_else(|| InputProblem::Customer {
                key: key.to_owned(),
            })?;
        let workflow = self.store.workflow()?;
        let mut stages: Vec<(String, String)> = Vec::new();
        for o in &card.orders {
            if !stages.iter().any(|(id, _)| *id == o.stage_id) {
                let name = workflow
                    .stage(&o.stage_id)
                    .or_else(|| workflow.retired_stage(&o.stage_id))
                    .map_or_else(|| o.stage_id.clone(), |s| s.name.clone());
                stages.push((o.stage_id.clone(), name));
            }
        }
        Ok(proto::CustomerCard {
            stages,
            note: card.note.unwrap_or_default(),
            corrected: card.corrected,
            addresses: card.addresses,
            companies: card.companies.iter().map(crate::buyer::company).collect(),
            orders: card
                .orders
                .into_iter()
                .map(|r| crate::view::row(r, now))
                .collect(),
            summary: summary(card.row),
            merged: card.merged.into_iter().map(summary).collect(),
            suggested: card.suggested.into_iter().map(summary).collect(),
        })
    }

    /// The manager confirms a suggested merge: the card `from` shows inside `into` from now
    /// on (on this PC, like a card's correction). Merging a card with itself changes nothing.
    pub fn merge_customers(
        &self,
        into: &str,
        from: &str,
        now: Timestamp,
    ) -> Result<proto::CustomerCard, DeskError> {
        self.customer_editor()?;
        let done =
            self.store
                .merge_customers(into.to_owned(), from.to_owned(), self.actor(), now)?;
        self.card_after(done, now)
    }

    /// The manager's "these are two people": the pair is not suggested again.
    pub fn keep_customers_apart(
        &self,
        key: &str,
        other: &str,
        now: Timestamp,
    ) -> Result<proto::CustomerCard, DeskError> {
        self.customer_editor()?;
        let done =
            self.store
                .keep_customers_apart(key.to_owned(), other.to_owned(), self.actor(), now)?;
        self.card_after(done, now)
    }

    /// Takes a merged card out again; the card returned is its own.
    pub fn split_customer(
        &self,
        key: &str,
        now: Timestamp,
    ) -> Result<proto::CustomerCard, DeskError> {
        self.customer_editor()?;
        let done = self
            .store
            .split_customer(key.to_owned(), self.actor(), now)?;
        self.card_after(done, now)
    }

    fn card_after(
        &self,
        done: store::MergeOutcome,
        now: Timestamp,
    ) -> Result<proto::CustomerCard, DeskError> {
        match done {
            store::MergeOutcome::Done(key) | store::MergeOutcome::Unchanged(key) => {
                self.customer(&key, now)
            }
            store::MergeOutcome::NoCard(key) => Err(InputProblem::Customer { key }.into()),
        }
    }

    /// Administrators and managers look after the customer base.
    fn customer_editor(&self) -> Result<(), DeskError> {
        self.writable()?;
        if !matches!(self.actor().role, Role::Admin | Role::Manager) {
            return Err(DeskError::AdminOnly(proto::AdminTask::Customers));
        }
        Ok(())
    }

    /// The manager's correction of a card's contacts and note; an empty field goes back to
    /// what the orders say. Administrators and managers only; the orders are not changed.
    pub fn save_customer(
        &self,
        input: proto::CustomerInput,
        now: Timestamp,
    ) -> Result<proto::CustomerCard, DeskError> {
        self.customer_editor()?;
        let phone = input.phone.trim();
        let phone = if phone.is_empty() {
            String::new()
        } else {
            let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
            store::normalise_phone(&digits).ok_or_else(|| InputProblem::Phone {
                phone: phone.to_owned(),
            })?
        };
        let email = input.email.trim();
        if !email.is_empty() && !email.contains('@') {
            return Err(InputProblem::Email {
                email: email.to_owned(),
            }
            .into());
        }
        let edit = store::CustomerEdit {
            name: input.name.trim().to_owned(),
            phone,
            email: email.to_owned(),
            address: input.address.trim().to_owned(),
            note: input.note.trim().to_owned(),
        };
        let found = self
            .store
            .correct_customer(input.key.clone(), edit, self.actor(), now)?;
        if !found {
            return Err(InputProblem::Customer { key: input.key }.into());
        }
        self.customer(&input.key, now)
    }
}

fn summary(r: store::CustomerRow) -> proto::CustomerSummary {
    proto::CustomerSummary {
        key: r.key,
        name: r.name,
        phone: r.phone,
        email: r.email,
        address: r.address,
        orders: r.orders,
        total: r.total.0,
        last_at: r.last_at.as_millisecond(),
    }
}
