//! The wire format between a desk and the team hub (`orderdesk-hub`), version
//! [`PROTOCOL_VERSION`]. Plain serde data: the HTTP and database code live in the `hub` and
//! `sync` crates.
//!
//! An operation travels as the JSON of `domain::OpEnvelope` (this crate stays free of the
//! domain so the wasm UI can share it). Each op of a push is judged on its own, so one
//! malformed or refused op never holds back the others.
//!
//! ```
//! use proto::sync::{OpOutcome, OpResult, RejectCode};
//! let r = OpResult {
//!     op_id: "0190f3c0-0000-7000-8000-000000000001".into(),
//!     duplicate: false,
//!     outcome: OpOutcome::Rejected {
//!         code: RejectCode::StaleVersion,
//!         message: "version 3 is not the latest (4)".into(),
//!         current: None,
//!     },
//! };
//! let json = serde_json::to_string(&r).unwrap();
//! assert!(json.contains(r#""status":"rejected","code":"stale_version""#));
//! ```

use serde::{Deserialize, Deserializer, Serialize};

/// Bumped on any change an older peer would misread. The hub answers a request of another
/// version with [`UpgradeRequired`] (HTTP 426) instead of guessing.
///
/// 2: a channel's `CreateOrder` carries `ChannelTerms` (its shipping, payments and refunds,
/// stage and dates) and payments may be negative; a desk of version 1 would drop the terms
/// and make a different order of the same op.
///
/// 3: `SetBuyer` (an order billed to a company, with its requisites) is a new kind of op; a
/// desk of version 2 could not read it when pulled and would stop at it.
///
/// 4: a payment is corrected, voided or refunded by ops of their own (`CorrectPayment`,
/// `VoidPayment`, `RefundPayment`), and a payment entry may name the one it corrects; a desk
/// of version 3 could not read them. Also 4: a workflow edit may set a stage's guards
/// (`SetGuards`), which a desk of version 3 could not read either.
/// Also 4: a channel's own change of an order's delivery (`FollowChannelDelivery`).
///
/// 5: a version may carry a short note (`NoteVersion`, a new kind of op); a desk of version 4
/// could not read it when pulled and would stop at it.
/// Still 5: a channel's `CreateOrder` may name the order's number on the channel
/// (`ChannelTerms::number`, so team desks can search by it). The field is optional and
/// skipped when absent; a desk of 5 that does not know it ignores it, makes the same order of
/// the op, and only cannot search by that number — nothing it would misread.
///
/// 6: the packages counted at the pick (`SetPlaces`, a new kind of op, and `Order::places`);
/// a desk of version 5 could not read the op when pulled and would stop at it.
/// Still 6: a hub may have shared devices (`Hello::shared`, `GET /v1/members`, the
/// `orderdesk-member` header). A desk of 6 that does not know them reads such a device as
/// its user's, and the hub refuses its ops unless that user may sign in there: nothing is
/// misread or taken under the wrong name.
pub const PROTOCOL_VERSION: u32 = 6;

/// Most ops one push may carry; a desk with more pending sends several pushes.
pub const PUSH_MAX_OPS: usize = 500;

/// Most ops one pull page returns.
pub const PULL_MAX_OPS: u32 = 5_000;

/// `POST /v1/push`: ops made on this device, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    pub protocol: u32,
    /// Each is a `domain::OpEnvelope` as JSON.
    pub ops: Vec<serde_json::Value>,
}

/// One result per op of the push, in the same order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushResponse {
    pub results: Vec<OpResult>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OpResult {
    pub op_id: String,
    /// The hub had judged this op before: `outcome` is the stored result, unchanged.
    pub duplicate: bool,
    pub outcome: OpOutcome,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum OpOutcome {
    /// Applied; `shop_seq` is its place in the shop's gap-free history.
    Accepted { shop_seq: i64 },
    /// Refused for good; pushing it again gives the same answer. `current` is the order as
    /// the hub has it (a `domain::Order` as JSON), so the author sees what won.
    Rejected {
        code: RejectCode,
        message: String,
        current: Option<serde_json::Value>,
    },
}

/// Why the hub refused an op. Stable: desks match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectCode {
    /// A stage move from a stage the order has already left.
    StaleStage,
    /// A money edit (lines, prices, discounts, delivery) made on a version that is no longer
    /// the latest.
    StaleVersion,
    /// The user's role may not do this.
    Forbidden,
    /// The order does not exist on the hub (or belongs to another shop).
    NotFound,
    /// The order already exists.
    Exists,
    /// The order is closed, or the move is not on its route.
    NotAllowed,
    /// The op breaks a business rule (amounts, lines, windows…).
    Invalid,
    /// The op could not be read (not an operation of this protocol version).
    Malformed,
    /// The op id is already used by another device.
    IdTaken,
}

/// `POST /v1/pull`: the shop's accepted ops after `after`, and this device's rejections after
/// `rejections_after`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullRequest {
    pub protocol: u32,
    /// The last shop sequence number the desk has applied (0 on a first join).
    pub after: i64,
    pub rejections_after: i64,
    /// At most this many ops (capped by [`PULL_MAX_OPS`]).
    pub limit: u32,
    /// When nothing is new, wait up to this long for a commit before answering (long-poll);
    /// 0 answers at once.
    #[serde(default)]
    pub wait_ms: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    pub ops: Vec<PulledOp>,
    /// The shop's latest sequence number: on a first join, `after / head` is the progress.
    pub head: i64,
    /// More ops wait after the last one returned.
    pub more: bool,
    pub rejections: Vec<Rejection>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PulledOp {
    pub shop_seq: i64,
    /// The op as the hub accepted it (a `domain::OpEnvelope`): the actor is the hub's record
    /// of the user, and a new order carries the number the hub gave it.
    pub envelope: serde_json::Value,
}

/// A refusal of one of this device's ops, kept on the hub until the device has seen it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rejection {
    /// This device's rejection counter: the cursor for `rejections_after`.
    pub n: i64,
    pub op_id: String,
    pub code: RejectCode,
    pub message: String,
    pub current: Option<serde_json::Value>,
}

/// `GET /v1/hello`: who the token belongs to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hello {
    pub protocol: u32,
    pub shop_id: String,
    pub shop_name: String,
    pub device_id: String,
    pub user_id: String,
    pub user_name: String,
    /// `None`: a role this version does not know (a newer hub's); the desk then acts with
    /// the least a member may do.
    #[serde(default, deserialize_with = "known_role")]
    pub role: Option<crate::Role>,
    pub head: i64,
    /// A shared device: several members take turns at it, each signing in with their PIN
    /// (their list from `GET /v1/members`); the user above only answers for the device.
    /// Absent from hubs before shared devices, which have none.
    #[serde(default)]
    pub shared: bool,
}

/// `GET /v1/members`, for a shared device only: who may sign in at it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Members {
    pub members: Vec<Member>,
}

/// One member of the shop with a PIN, not revoked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Member {
    pub id: String,
    pub name: String,
    /// `None`: a role this version does not know; such a member cannot sign in here until
    /// the hub and the desk agree.
    #[serde(default, deserialize_with = "known_role")]
    pub role: Option<crate::Role>,
    /// The PIN's argon2 PHC string, so the PC checks it offline; never the PIN.
    pub pin_hash: String,
}

/// The answer (HTTP 426) to a request of a protocol version the hub does not speak.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpgradeRequired {
    pub code: String,
    pub supported: Vec<u32>,
    pub message: String,
}

/// Every non-2xx answer of the hub other than [`UpgradeRequired`]: `{code, message}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HubError {
    pub code: HubErrorCode,
    pub message: String,
    /// Why a connector worker's desk refused what a team desk sent (a 400): the same typed
    /// reason a desk alone would give, so the team desk words it in its window's language.
    /// Absent from older hubs and from the hub's own errors.
    /// Read leniently: a reason this version cannot read (one a newer hub added, nested
    /// where `Unknown` cannot catch it) leaves the message, not a failed answer.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        deserialize_with = "crate::lenient::option"
    )]
    pub reason: Option<Box<crate::ErrorReason>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HubErrorCode {
    /// No token, or one the hub does not know (401).
    Unauthorized,
    /// The device was revoked (403): the desk keeps its data read-only.
    Revoked,
    /// The request body is not what the endpoint takes (400/413/415).
    BadRequest,
    /// Too many requests from this device (429, see Retry-After).
    RateLimited,
    /// The hub or its database is briefly unavailable (5xx): retry later.
    Unavailable,
    UpgradeRequired,
}

/// What the desk shows about sync (`desk.sync_state()`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncState {
    pub status: SyncStatus,
    /// Local ops the hub has not judged yet.
    pub pending: u32,
    /// When the hub was last unreachable, if it still is.
    pub offline_since: Option<crate::UnixMs>,
    pub last_error: Option<String>,
    /// While a first join pulls the shop: ops applied so far and the shop's head.
    pub join: Option<JoinProgress>,
    /// Refusals of this desk's ops, newest first, with the value that won.
    pub rejections: Vec<RejectionView>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncStatus {
    /// This desk works alone.
    NotJoined,
    /// Everything local is on the hub and the desk has the hub's latest.
    Synced,
    /// Local ops wait for the hub.
    Pending,
    /// The hub cannot be reached; work goes on locally.
    Offline,
    /// The device was revoked: its data stays, read-only.
    Revoked,
    /// The hub speaks a newer protocol: install the new version.
    UpgradeRequired,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinProgress {
    pub done: i64,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RejectionView {
    pub op_id: String,
    pub order_id: Option<String>,
    /// The op's kind, e.g. `set_order_discount`.
    pub kind: String,
    pub code: RejectCode,
    pub message: String,
    /// The order as the hub has it (a `domain::Order` as JSON).
    pub current: Option<serde_json::Value>,
    pub at: crate::UnixMs,
}

/// A role by its wire name, `None` for a name this version does not know: a hub newer than
/// the desk may have roles the desk has not heard of, and one unknown member must not make
/// the whole answer unreadable.
fn known_role<'de, D: Deserializer<'de>>(d: D) -> Result<Option<crate::Role>, D::Error> {
    Ok(Option::<String>::deserialize(d)?.and_then(|name| crate::Role::parse(&name)))
}

#[cfg(test)]
mod role_tests {
    use super::*;

    #[test]
    fn a_role_this_version_does_not_know_reads_as_none_and_the_rest_as_they_are() {
        let member = |role: &str| {
            serde_json::from_str::<Member>(&format!(
                r#"{{"id":"u1","name":"Анна","role":"{role}","pin_hash":"$argon2id$x"}}"#
            ))
            .expect("a member")
        };
        assert_eq!(member("manager").role, Some(crate::Role::Manager));
        assert_eq!(member("accountant").role, None);
        let json = serde_json::to_string(&member("dispatcher")).expect("json");
        assert!(json.contains(r#""role":"dispatcher""#), "{json}");
    }
}
