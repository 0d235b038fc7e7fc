//! Marketplace push notifications, received on a hub: Ozon's push notifications
//! (`POST /ozon/{connection}`, as configured in the seller's cabinet) and Yandex Market's
//! notification API (`POST /yandex/{connection}/notification`: Yandex appends
//! `/notification` to the URL it is given). Neither carries the order itself in a form we can
//! import, so a notification about an order `kick`s an immediate pull of that connection;
//! the scheduled pull stays on as the fallback. Both answer at once (Yandex waits 10 s) in the
//! shapes their documents ask for. Neither marketplace signs its notifications: the
//! connection id in the URL (random, 128 bits) is what a stranger would have to guess, and
//! the seller / campaign named in the body must be the connection's own.
//!
//! SberMegaMarket's order push is `channels::megamarket`'s to add (mounted by the hub under
//! `/hooks/{shop}/megamarket/…`).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::config::Kind;
use crate::Channels;

/// Asks whoever runs the connectors to pull this connection's orders now.
pub type Kick = Arc<dyn Fn(Uuid) + Send + Sync>;

struct Receiver {
    channels: Arc<Channels>,
    kick: Kick,
}

/// Mount under a per-shop prefix on a hub.
pub fn router(channels: Arc<Channels>, kick: Kick) -> Router {
    Router::new()
        .route("/ozon/{connection}", post(ozon))
        .route("/yandex/{connection}/notification", post(yandex))
        .with_state(Arc::new(Receiver { channels, kick }))
}

const NAME: &str = "OrderDesk";

fn now_text() -> String {
    jiff::Timestamp::now().to_string()
}

fn ozon_error(status: StatusCode, code: &str, message: &str) -> Response {
    let body = json!({"error": {"code": code, "message": message, "details": null}});
    (status, Json(body)).into_response()
}

/// Ozon: `TYPE_PING` is answered with our name and version; posting events (new, cancelled,
/// status, cutoff or delivery date changed) pull the connection; others are acknowledged.
async fn ozon(State(r): State<Arc<Receiver>>, Path(id): Path<String>, body: Bytes) -> Response {
    let conn = match r.channels.receiving(&id, Kind::Ozon) {
        Ok(Some(conn)) => conn,
        Ok(None) => {
            return ozon_error(StatusCode::NOT_FOUND, "ERROR_UNKNOWN", "unknown connection")
        }
        Err(_) => {
            return ozon_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "ERROR_UNKNOWN",
                "try again later",
            )
        }
    };
    let Ok(event) = serde_json::from_slice::<Value>(&body) else {
        return ozon_error(
            StatusCode::BAD_REQUEST,
            "ERROR_PARAMETER_VALUE_MISSED",
            "the body is not JSON",
        );
    };
    let kind = event["message_type"].as_str().unwrap_or_default();
    if kind == "TYPE_PING" {
        let body = json!({"version": env!("CARGO_PKG_VERSION"), "name": NAME, "time": now_text()});
        return (StatusCode::OK, Json(body)).into_response();
    }
    // The seller id is the connection's Client-Id: another seller's event is not ours.
    let seller = event["seller_id"].as_i64().map(|s| s.to_string());
    let ours = r
        .channels
        .credentials(conn.id)
        .map(|c| c.key.trim().to_owned())
        .ok();
    if seller.is_some() && ours.is_some() && seller != ours {
        return ozon_error(StatusCode::FORBIDDEN, "ERROR_UNKNOWN", "another seller");
    }
    let about_postings = matches!(
        kind,
        "TYPE_NEW_POSTING"
            | "TYPE_POSTING_CANCELLED"
            | "TYPE_STATE_CHANGED"
            | "TYPE_CUTOFF_DATE_CHANGED"
            | "TYPE_DELIVERY_DATE_CHANGED"
    );
    if about_postings {
        (r.kick)(conn.id);
    }
    (StatusCode::OK, Json(json!({"result": true}))).into_response()
}

fn yandex_error(status: StatusCode, kind: &str, message: &str) -> Response {
    (
        status,
        Json(json!({"error": {"type": kind, "message": message}})),
    )
        .into_response()
}

/// Yandex Market: `PING` and every order event are answered with `{version, name, time}`;
/// order events (`ORDER_CREATED`, `ORDER_CANCELLED`, `ORDER_STATUS_UPDATED`, …) of the
/// connection's campaign pull it.
async fn yandex(State(r): State<Arc<Receiver>>, Path(id): Path<String>, body: Bytes) -> Response {
    let conn = match r.channels.receiving(&id, Kind::YandexMarket) {
        Ok(Some(conn)) => conn,
        Ok(None) => return yandex_error(StatusCode::NOT_FOUND, "UNKNOWN", "unknown connection"),
        Err(_) => {
            return yandex_error(
                StatusCode::SERVICE_UNAVAILABLE,
                "UNKNOWN",
                "try again later",
            )
        }
    };
    let Ok(event) = serde_json::from_slice::<Value>(&body) else {
        return yandex_error(
            StatusCode::BAD_REQUEST,
            "WRONG_EVENT_FORMAT",
            "the body is not JSON",
        );
    };
    let Some(kind) = event["notificationType"].as_str() else {
        return yandex_error(
            StatusCode::BAD_REQUEST,
            "WRONG_EVENT_FORMAT",
            "no notificationType",
        );
    };
    let campaign = conn.settings.yandex.as_ref().map(|y| y.campaign_id);
    let named = event["campaignId"].as_i64();
    if let (Some(ours), Some(theirs)) = (campaign, named) {
        if ours != 0 && ours != theirs {
            return yandex_error(StatusCode::BAD_REQUEST, "UNKNOWN", "another campaign");
        }
    }
    if kind.starts_with("ORDER_") {
        (r.kick)(conn.id);
    }
    let body = json!({"version": env!("CARGO_PKG_VERSION"), "name": NAME, "time": now_text()});
    (StatusCode::OK, Json(body)).into_response()
}
