//! Where a link into the desk leads (issue 19, point 2): `orderdesk://order/10243` opens that
//! order, `orderdesk://call?from=+7…` the caller's card, or a new order for a number the shop
//! has not seen. The desk resolves the link; the window only goes there.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LinkTarget {
    /// The order the link names, by its id.
    Order { order_id: String },
    /// A known customer's card, by its key (the phone's digits).
    Customer { key: String },
    /// A number no order has: the new-order form with this phone filled in (its digits,
    /// `79161234567`, as a customer's key is).
    NewCaller { phone: String },
}
