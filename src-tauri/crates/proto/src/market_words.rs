//! What a marketplace action is and where its call stands, as enums rather than the strings
//! the window used to search: the window words them, the desk decides them.

use serde::{Deserialize, Serialize};

/// A marketplace action, the same five or six on every marketplace (each marketplace has its
/// own subset and its own call for it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MarketSlot {
    /// Accepted (MegaMarket only: the others' orders arrive accepted).
    Confirm,
    /// Packed, ready to ship.
    Packing,
    /// Handed to delivery.
    Shipped,
    /// At the pickup point.
    Pickup,
    Delivered,
    Cancel,
}

/// Where one queued marketplace call stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PushState {
    /// Waiting for its turn or its next attempt.
    Pending,
    Done,
    /// Will not heal by itself; kept for the admin to retry or dismiss.
    Failed,
    /// Cancelled on the marketplace (or here) before it was made.
    Stopped,
    /// A failure the admin chose not to retry.
    Dismissed,
}

/// The wire names, which tests and the window's data attributes read too.
macro_rules! named {
    ($ty:ident { $($variant:ident => $name:literal),+ $(,)? }) => {
        impl $ty {
            pub const ALL: &'static [$ty] = &[$($ty::$variant),+];

            pub fn as_str(self) -> &'static str {
                match self {
                    $($ty::$variant => $name),+
                }
            }

            /// The value of a wire name; `None` for a name this version does not know.
            pub fn parse(name: &str) -> Option<$ty> {
                match name {
                    $($name => Some($ty::$variant),)+
                    _ => None,
                }
            }
        }

        impl PartialEq<str> for $ty {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $ty {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl std::fmt::Display for $ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

named!(MarketSlot {
    Confirm => "confirm",
    Packing => "packing",
    Shipped => "shipped",
    Pickup => "pickup",
    Delivered => "delivered",
    Cancel => "cancel",
});

named!(PushState {
    Pending => "pending",
    Done => "done",
    Failed => "failed",
    Stopped => "stopped",
    Dismissed => "dismissed",
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wire_names_are_serdes_and_parse_back() {
        for slot in MarketSlot::ALL {
            let json = serde_json::to_string(slot).expect("json");
            assert_eq!(json, format!("\"{}\"", slot.as_str()));
            assert_eq!(MarketSlot::parse(slot.as_str()), Some(*slot));
        }
        for state in PushState::ALL {
            let json = serde_json::to_string(state).expect("json");
            assert_eq!(json, format!("\"{}\"", state.as_str()));
            assert_eq!(PushState::parse(state.as_str()), Some(*state));
        }
        assert_eq!(PushState::parse("exploded"), None);
        assert!(PushState::Failed == "failed");
        assert!(serde_json::from_str::<MarketSlot>("\"teleport\"").is_err());
    }
}
