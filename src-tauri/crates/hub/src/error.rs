use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use proto::sync::{HubErrorCode, UpgradeRequired, PROTOCOL_VERSION};

/// What a request can fail with. Business refusals are not here: they are 2xx answers with a
/// code per op.
#[derive(Debug, thiserror::Error)]
pub enum HubError {
    #[error("no valid token")]
    Unauthorized,
    #[error("this device was revoked")]
    Revoked,
    #[error("{0}")]
    BadRequest(String),
    #[error("protocol version {0} is not spoken here")]
    Upgrade(u32),
    #[error("too many requests")]
    RateLimited { retry_after_s: u64 },
    #[error("database: {0}")]
    Db(#[from] tokio_postgres::Error),
    #[error("database pool: {0}")]
    Pool(#[from] deadpool_postgres::PoolError),
    #[error("stored data unreadable: {0}")]
    Corrupt(String),
    /// An order changed under every attempt to judge an op on it: the desk pushes again later.
    #[error("the order is being changed by others; retry later")]
    Contended,
    #[error("{0}")]
    Admin(String),
    /// Another hub runs on this data directory (its connector workers would run every
    /// shop's channels twice).
    #[error("the data directory {} is in use by another orderdesk-hub; stop that one first", .0.display())]
    DataDirInUse(std::path::PathBuf),
}

impl IntoResponse for HubError {
    fn into_response(self) -> Response {
        let (status, code) = match &self {
            HubError::Unauthorized => (StatusCode::UNAUTHORIZED, HubErrorCode::Unauthorized),
            HubError::Revoked => (StatusCode::FORBIDDEN, HubErrorCode::Revoked),
            HubError::BadRequest(_) | HubError::Admin(_) | HubError::DataDirInUse(_) => {
                (StatusCode::BAD_REQUEST, HubErrorCode::BadRequest)
            }
            HubError::Upgrade(_) => {
                let body = UpgradeRequired {
                    code: "upgrade_required".into(),
                    supported: vec![PROTOCOL_VERSION],
                    message: self.to_string(),
                };
                return (StatusCode::UPGRADE_REQUIRED, axum::Json(body)).into_response();
            }
            HubError::RateLimited { retry_after_s } => {
                let body = proto::sync::HubError {
                    code: HubErrorCode::RateLimited,
                    message: self.to_string(),
                    reason: None,
                };
                return (
                    StatusCode::TOO_MANY_REQUESTS,
                    [("retry-after", retry_after_s.to_string())],
                    axum::Json(body),
                )
                    .into_response();
            }
            HubError::Contended => (StatusCode::SERVICE_UNAVAILABLE, HubErrorCode::Unavailable),
            HubError::Db(_) | HubError::Pool(_) | HubError::Corrupt(_) => {
                // The cause goes to the hub's log, not to the desk: it may name tables or data.
                tracing::error!(error = %self, "request failed");
                (StatusCode::SERVICE_UNAVAILABLE, HubErrorCode::Unavailable)
            }
        };
        let message = match code {
            HubErrorCode::Unavailable => "the hub is briefly unavailable; retry later".to_owned(),
            _ => self.to_string(),
        };
        (
            status,
            axum::Json(proto::sync::HubError {
                code,
                message,
                reason: None,
            }),
        )
            .into_response()
    }
}
