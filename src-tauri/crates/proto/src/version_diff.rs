//! What the versions tab needs to read a diff: whether two versions differ at all, and a
//! delivery window as it travels.

use serde::{Deserialize, Serialize};

use crate::{UnixMs, VersionDiff};

/// A delivery time window agreed with the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DiffWindow {
    pub from: UnixMs,
    pub to: UnixMs,
}

impl VersionDiff {
    /// Nothing a version fixes differs, the totals included: the tab says «Версии совпадают».
    /// Every field is asked, so a version that changes only the zone (or the window, or a
    /// VAT rate) is never called the same.
    pub fn is_same(&self) -> bool {
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
            && self.subtotal.before == self.subtotal.after
            && self.discount_total.before == self.discount_total.after
            && self.total.before == self.total.after
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Change, VatRate};

    fn same() -> VersionDiff {
        let total = Change {
            before: 100,
            after: 100,
        };
        VersionDiff {
            from: 1,
            to: 2,
            added: vec![],
            removed: vec![],
            changed: vec![],
            discount: None,
            delivery: None,
            delivery_zone: None,
            address: None,
            delivery_window: None,
            delivery_cost: None,
            delivery_vat: None,
            subtotal: total.clone(),
            discount_total: Change {
                before: 0,
                after: 0,
            },
            total,
        }
    }

    #[test]
    fn a_zone_only_diff_is_not_the_same() {
        assert!(same().is_same());
        let zone = VersionDiff {
            delivery_zone: Some(Change {
                before: Some("Москва".into()),
                after: Some("Область".into()),
            }),
            ..same()
        };
        assert!(!zone.is_same());
    }

    #[test]
    fn a_window_or_a_delivery_vat_only_diff_is_not_the_same() {
        let window = VersionDiff {
            delivery_window: Some(Change {
                before: None,
                after: Some(DiffWindow { from: 1, to: 2 }),
            }),
            ..same()
        };
        assert!(!window.is_same());
        let vat = VersionDiff {
            delivery_vat: Some(Change {
                before: VatRate::Vat22,
                after: VatRate::Vat5,
            }),
            ..same()
        };
        assert!(!vat.is_same());
    }

    #[test]
    fn a_diff_from_an_older_desk_reads_without_the_newer_fields() {
        let mut json = serde_json::to_value(same()).expect("json");
        for field in ["delivery_zone", "delivery_window", "delivery_vat"] {
            json.as_object_mut().expect("an object").remove(field);
        }
        let read: VersionDiff = serde_json::from_value(json).expect("reads");
        assert_eq!(read, same());
    }
}
