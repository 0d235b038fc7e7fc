//! Every [`ChannelError`] as a stable code with its params, kept beside the English text in
//! the connection's state so the card can word it in the manager's language
//! (`proto::ChannelErrorCode` lists the same codes and words them).

use crate::ChannelError;

/// A code and its params, by name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCode {
    pub code: &'static str,
    pub params: Vec<(&'static str, String)>,
}

impl ErrorCode {
    fn new(code: &'static str, params: Vec<(&'static str, String)>) -> ErrorCode {
        ErrorCode { code, params }
    }

    /// The params as the store keeps them: a JSON object of strings.
    pub fn params_json(&self) -> String {
        let map: serde_json::Map<String, serde_json::Value> = self
            .params
            .iter()
            .map(|(k, v)| ((*k).to_owned(), serde_json::Value::String(v.clone())))
            .collect();
        serde_json::Value::Object(map).to_string()
    }

    /// The marketplace has the order where `action` cannot start.
    pub fn push_wrong_state(action: &str, state: &str) -> ErrorCode {
        ErrorCode::new(
            "push_wrong_state",
            vec![("action", action.to_owned()), ("state", state.to_owned())],
        )
    }

    /// The marketplace took the call, yet the order is not where it was sent.
    pub fn push_not_reached(wanted: &str, answered: &str) -> ErrorCode {
        ErrorCode::new(
            "push_not_reached",
            vec![
                ("wanted", wanted.to_owned()),
                ("answered", answered.to_owned()),
            ],
        )
    }

    /// A status the marketplace takes only after `needed` unanswered calls are logged.
    pub fn push_calls_needed(status: &str, needed: usize, logged: usize) -> ErrorCode {
        ErrorCode::new(
            "push_calls_needed",
            vec![
                ("status", status.to_owned()),
                ("needed", needed.to_string()),
                ("logged", logged.to_string()),
            ],
        )
    }

    pub fn push_not_cancelled(market: &str) -> ErrorCode {
        ErrorCode::new("push_not_cancelled", vec![("market", market.to_owned())])
    }

    pub fn push_no_merchant() -> ErrorCode {
        ErrorCode::new("push_no_merchant", Vec::new())
    }

    pub fn push_no_boxes() -> ErrorCode {
        ErrorCode::new("push_no_boxes", Vec::new())
    }

    pub fn push_status_refused(status: &str, detail: &str) -> ErrorCode {
        ErrorCode::new(
            "push_status_refused",
            vec![("status", status.to_owned()), ("detail", detail.to_owned())],
        )
    }

    /// The marketplace cancelled the order: its actions are no longer sent.
    pub fn cancelled_there(market: &str) -> ErrorCode {
        ErrorCode::new("cancelled_there", vec![("market", market.to_owned())])
    }

    /// Our order was cancelled: the stage's action is no longer sent.
    pub fn cancelled_here(stage: &str) -> ErrorCode {
        ErrorCode::new("cancelled_here", vec![("stage", stage.to_owned())])
    }

    /// A queued action that cannot be read or made (an unknown reason code).
    pub fn config(detail: &str) -> ErrorCode {
        ErrorCode::new("config", vec![("detail", detail.to_owned())])
    }

    /// A failed marketplace action kept as the connection's error.
    pub fn push_failed(order: &str, stage: &str, detail: &str) -> ErrorCode {
        ErrorCode::new(
            "push_failed",
            vec![
                ("order", order.to_owned()),
                ("stage", stage.to_owned()),
                ("detail", detail.to_owned()),
            ],
        )
    }
}

impl ChannelError {
    /// The error's stable code (one per variant; a new variant does not compile without one).
    pub fn code(&self) -> ErrorCode {
        use ChannelError as E;
        let s = |v: &dyn ToString| v.to_string();
        match self {
            E::Unauthorized { status, reason } => ErrorCode::new(
                "unauthorized",
                vec![("status", s(status)), ("reason", reason.clone())],
            ),
            E::RateLimited { attempts } => {
                ErrorCode::new("rate_limited", vec![("attempts", s(attempts))])
            }
            E::Server { status, attempts } => ErrorCode::new(
                "server_error",
                vec![("status", s(status)), ("attempts", s(attempts))],
            ),
            E::Refused { status, message } => ErrorCode::new(
                "refused",
                vec![("status", s(status)), ("message", message.clone())],
            ),
            E::Timeout { attempts } => ErrorCode::new("timeout", vec![("attempts", s(attempts))]),
            E::Network(detail) => ErrorCode::new("network", vec![("detail", detail.clone())]),
            // A question of trust, not of the address: the card must not send the admin to
            // check the address and the internet.
            E::Certificate(detail) => {
                ErrorCode::new("certificate_untrusted", vec![("detail", detail.clone())])
            }
            E::Malformed { what, detail } => ErrorCode::new(
                "malformed",
                vec![("what", (*what).to_owned()), ("detail", detail.clone())],
            ),
            E::EndlessPaging { what, pages } => ErrorCode::new(
                "endless_paging",
                vec![("what", (*what).to_owned()), ("pages", s(pages))],
            ),
            E::ReadOnlyKey { status } => {
                ErrorCode::new("read_only_key", vec![("status", s(status))])
            }
            E::WrongOrder { market, asked, got } => ErrorCode::new(
                "wrong_order",
                vec![
                    ("market", (*market).to_owned()),
                    ("asked", asked.clone()),
                    ("got", got.clone()),
                ],
            ),
            E::TooLarge { limit_mb } => {
                ErrorCode::new("too_large", vec![("limit_mb", s(limit_mb))])
            }
            E::NoCredentials => ErrorCode::new("no_credentials", Vec::new()),
            E::Keyring(detail) => ErrorCode::new("keyring", vec![("detail", detail.clone())]),
            E::Paused(_) => ErrorCode::new("paused", Vec::new()),
            E::UnknownConnection(id) => ErrorCode::new("unknown_connection", vec![("id", s(id))]),
            E::Config(detail) => ErrorCode::new("config", vec![("detail", detail.clone())]),
            E::Store(e) => ErrorCode::new("storage", vec![("detail", s(e))]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_are_kept_as_a_json_object_of_strings() {
        let code = ChannelError::Server {
            status: 502,
            attempts: 5,
        }
        .code();
        assert_eq!(code.code, "server_error");
        let back: serde_json::Value =
            serde_json::from_str(&code.params_json()).expect("params are JSON");
        assert_eq!(back, serde_json::json!({"status": "502", "attempts": "5"}));
        assert_eq!(ChannelError::NoCredentials.code().params_json(), "{}");
    }
}
