//! Versions of an order's content: what the customer is charged for, saved immutably on every
//! change, and the difference between any two.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::input::InputError;
use crate::methods::{DeliveryMethod, VatRate};
use crate::money::{Kopecks, MoneyOverflow};
use crate::order::{Line, Order, TimeWindow};
use crate::pricing::Discount;

#[cfg(test)]
mod tests;

/// The longest note a version carries, in characters: a line saying what changed and why,
/// not a letter (the order has its own note for that).
pub const VERSION_NOTE_MAX: usize = 200;

/// A version's note as typed, trimmed; `None` for an empty one (which removes the note).
pub fn version_note(text: Option<&str>) -> Result<Option<String>, InputError> {
    let note = text.map(str::trim).filter(|t| !t.is_empty());
    check_note(note)?;
    Ok(note.map(str::to_owned))
}

pub(crate) fn check_note(note: Option<&str>) -> Result<(), InputError> {
    match note {
        Some(n) if n.chars().count() > VERSION_NOTE_MAX => Err(InputError::VersionNoteTooLong {
            max: VERSION_NOTE_MAX,
        }),
        _ => Ok(()),
    }
}

/// How one version stands, for the marks in the versions list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VersionMarks {
    /// The order runs on it: the papers, the totals and the bill are this version's.
    pub in_force: bool,
    /// The customer was shown it (the last version published).
    pub shown: bool,
    /// The customer agreed to it (the version confirmed).
    pub confirmed: bool,
}

/// Everything a version fixes: composition, prices, discounts, delivery and the totals.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrderContent {
    pub lines: Vec<Line>,
    pub discount: Discount,
    pub delivery: DeliveryMethod,
    pub delivery_zone: Option<String>,
    pub address: String,
    pub delivery_window: Option<TimeWindow>,
    pub delivery_cost: Kopecks,
    pub delivery_vat: VatRate,
    pub subtotal: Kopecks,
    /// Every discount applied (lines and order).
    pub discount_total: Kopecks,
    pub total: Kopecks,
}

impl Order {
    pub fn content(&self) -> Result<OrderContent, MoneyOverflow> {
        let totals = self.totals()?;
        Ok(OrderContent {
            lines: self.lines.clone(),
            discount: self.discount,
            delivery: self.delivery,
            delivery_zone: self.delivery_zone.clone(),
            address: self.address.clone(),
            delivery_window: self.delivery_window,
            delivery_cost: totals.delivery_cost,
            delivery_vat: self.delivery_vat,
            subtotal: totals.subtotal,
            discount_total: totals.discount,
            total: totals.total,
        })
    }
}

impl Order {
    /// The version the order runs on: none while it is a draft the customer has not agreed
    /// to yet; once confirmed, the latest — a working order's later saves (a line out of
    /// stock replaced, a new address) are what it ships and bills.
    pub fn version_in_force(&self) -> Option<i64> {
        (!self.draft).then_some(self.version)
    }

    pub fn version_marks(&self, number: i64) -> VersionMarks {
        VersionMarks {
            in_force: self.version_in_force() == Some(number),
            shown: self.published_version == Some(number),
            confirmed: self.confirmed_version == Some(number),
        }
    }

    /// Confirming `number` would agree to a version other than the one the customer was
    /// shown: the shown one, for the question asked first. `None` when the customer was
    /// shown nothing or this very version.
    pub fn shown_other_than(&self, number: i64) -> Option<i64> {
        self.published_version.filter(|shown| *shown != number)
    }
}

/// A value before and after.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change<T> {
    pub before: T,
    pub after: T,
}

impl<T: PartialEq + Clone> Change<T> {
    fn of(before: &T, after: &T) -> Option<Change<T>> {
        (before != after).then(|| Change {
            before: before.clone(),
            after: after.clone(),
        })
    }
}

/// A line present in both versions with something different.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineChange {
    pub line_id: Uuid,
    pub name: String,
    pub quantity: Option<Change<crate::Quantity>>,
    pub price: Option<Change<Kopecks>>,
    pub discount: Option<Change<Discount>>,
    pub vat: Option<Change<VatRate>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionDiff {
    pub added: Vec<Line>,
    pub removed: Vec<Line>,
    pub changed: Vec<LineChange>,
    pub discount: Option<Change<Discount>>,
    pub delivery: Option<Change<DeliveryMethod>>,
    pub delivery_zone: Option<Change<Option<String>>>,
    pub address: Option<Change<String>>,
    pub delivery_window: Option<Change<Option<TimeWindow>>>,
    pub delivery_cost: Option<Change<Kopecks>>,
    /// The rate the delivery is taxed at (the shop's rate when the order was last priced).
    pub delivery_vat: Option<Change<VatRate>>,
    pub subtotal: Change<Kopecks>,
    pub discount_total: Change<Kopecks>,
    /// Always present, changed or not: the UI shows the two totals side by side.
    pub total: Change<Kopecks>,
}

impl VersionDiff {
    /// What changed from `a` to `b`; lines are matched by id, so a renamed or repriced line is
    /// a change, not a removal plus an addition.
    pub fn between(a: &OrderContent, b: &OrderContent) -> VersionDiff {
        let added = b
            .lines
            .iter()
            .filter(|l| !a.lines.iter().any(|o| o.id == l.id))
            .cloned()
            .collect();
        let removed = a
            .lines
            .iter()
            .filter(|l| !b.lines.iter().any(|n| n.id == l.id))
            .cloned()
            .collect();
        let changed = a
            .lines
            .iter()
            .filter_map(|old| {
                let new = b.lines.iter().find(|n| n.id == old.id)?;
                let change = LineChange {
                    line_id: old.id,
                    name: new.name.clone(),
                    quantity: Change::of(&old.quantity, &new.quantity),
                    price: Change::of(&old.price, &new.price),
                    discount: Change::of(&old.discount, &new.discount),
                    vat: Change::of(&old.vat, &new.vat),
                };
                let any = change.quantity.is_some()
                    || change.price.is_some()
                    || change.discount.is_some()
                    || change.vat.is_some();
                any.then_some(change)
            })
            .collect();
        VersionDiff {
            added,
            removed,
            changed,
            discount: Change::of(&a.discount, &b.discount),
            delivery: Change::of(&a.delivery, &b.delivery),
            delivery_zone: Change::of(&a.delivery_zone, &b.delivery_zone),
            address: Change::of(&a.address, &b.address),
            delivery_window: Change::of(&a.delivery_window, &b.delivery_window),
            delivery_cost: Change::of(&a.delivery_cost, &b.delivery_cost),
            delivery_vat: Change::of(&a.delivery_vat, &b.delivery_vat),
            subtotal: Change {
                before: a.subtotal,
                after: b.subtotal,
            },
            discount_total: Change {
                before: a.discount_total,
                after: b.discount_total,
            },
            total: Change {
                before: a.total,
                after: b.total,
            },
        }
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.changed.is_empty()
            && self.discount.is_none()
            && self.delivery.is_none()
            && self.delivery_zone.is_none()
            && self.address.is_none()
            && self.delivery_window.is_none()
            && self.delivery_cost.is_none()
            && self.delivery_vat.is_none()
    }
}
