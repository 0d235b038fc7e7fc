//! `SetPlaces`: the packages counted at the pick — by the picker too — one to 99,999 of them,
//! shown before and after in the history; the same count again is no change.

use super::{created, id, now};
use crate::{Op, OpError, Order, Role, Shop, Snapshot, MAX_PLACES};

fn set(places: Option<u32>) -> Op {
    Op::SetPlaces {
        order_id: id(),
        places,
    }
}

fn apply(op: &Op, role: Role, order: &Order) -> Result<Order, OpError> {
    op.apply(&Shop::default_template(), role, Some(order), now())
}

#[test]
fn the_picker_counts_the_packages_and_the_count_is_kept() {
    let order = created(&Shop::default_template());
    assert_eq!(order.places, None, "a new order has no count");
    let after = apply(&set(Some(3)), Role::Picker, &order).expect("the picker counts");
    assert_eq!(after.places, Some(3));
    // Not a money edit: no new version, nothing else changes.
    assert_eq!(after.version, order.version);
    assert_eq!(after.lines, order.lines);
    assert_eq!(
        set(Some(4)).snapshot(Some(&after)).expect("snapshot"),
        Some(Snapshot::Places { places: Some(3) })
    );
    let cleared = apply(&set(None), Role::Dispatcher, &after).expect("cleared");
    assert_eq!(cleared.places, None);
}

#[test]
fn no_packages_or_more_than_the_waybill_prints_are_refused() {
    let order = created(&Shop::default_template());
    for wrong in [0, MAX_PLACES + 1, u32::MAX] {
        assert_eq!(
            apply(&set(Some(wrong)), Role::Manager, &order),
            Err(OpError::InvalidQuantity),
            "{wrong}"
        );
    }
    let most = apply(&set(Some(MAX_PLACES)), Role::Manager, &order).expect("the maximum");
    assert_eq!(most.places, Some(MAX_PLACES));
    assert_eq!(
        apply(&set(Some(MAX_PLACES)), Role::Manager, &most),
        Err(OpError::Unchanged)
    );
}
