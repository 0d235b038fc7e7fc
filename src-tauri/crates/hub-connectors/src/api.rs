//! `/v1/channels`: the team desks' channels screen, served by their shop's worker. Any member
//! sees the connections and their state; admins and managers may "sync now"; only the
//! admin adds, edits, resumes and removes. A device only ever reaches its own shop's worker.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use desk::{ChannelTask, Desk, DeskError};
use proto::sync::{HubError as WireError, HubErrorCode};
use proto::{
    ChannelTestResult, ChannelView, ConnectionEdit, MarketplaceTriggers, NewConnection,
    OrderChannelView, PushDismissal, PushView, SiteCertificate, SiteCertificateRequest,
    StatusRuleView, SyncResult, WarehouseView,
};

use axum::routing::{delete, get, post, put};
use axum::Router;
use hub::{Device, HubError};

use crate::{Shared, Worker};

/// The routes the hub mounts behind its gate for its members.
pub(crate) fn routes(shared: Arc<Shared>) -> Router {
    Router::new()
        .route("/v1/channels", get(list).post(add))
        .route("/v1/channels/test", post(test_new))
        .route("/v1/channels/certificate", post(site_certificate))
        .route("/v1/channels/{id}", delete(remove).put(edit))
        .route("/v1/channels/{id}/test", post(test))
        .route("/v1/channels/{id}/status-map", put(set_status_map))
        .route("/v1/channels/{id}/sync", post(sync_now))
        .route("/v1/channels/{id}/resume", post(resume))
        .route("/v1/channels/{id}/pushes", get(pushes))
        .route(
            "/v1/channels/{id}/triggers",
            get(triggers).put(set_triggers),
        )
        .route(
            "/v1/channels/{id}/delivery",
            get(delivery_map).put(set_delivery_map),
        )
        .route("/v1/channels/{id}/ozon-warehouses", get(ozon_warehouses))
        .route("/v1/orders/{id}/channels", get(order_channels))
        .route("/v1/orders/{id}/pushes", get(order_pushes))
        .route("/v1/pushes/{id}/retry", post(retry_push))
        .route("/v1/pushes/{id}/dismiss", post(dismiss_push))
        .with_state(shared)
}

pub(crate) enum ApiError {
    Hub(HubError),
    /// The worker's desk refused: its status, words and typed reason.
    Refused(StatusCode, String, Option<Box<proto::ErrorReason>>),
}

impl From<HubError> for ApiError {
    fn from(e: HubError) -> Self {
        ApiError::Hub(e)
    }
}

impl From<DeskError> for ApiError {
    fn from(e: DeskError) -> Self {
        use proto::ErrorCode as C;
        let status = match e.code() {
            C::NotFound => StatusCode::NOT_FOUND,
            C::Forbidden => StatusCode::FORBIDDEN,
            C::InvalidInput => StatusCode::BAD_REQUEST,
            C::ChannelFailed => StatusCode::BAD_GATEWAY,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        // Channel errors never carry credentials or URLs with keys (see channels::error).
        let message = e.to_string();
        // The typed reason goes with it: the team desk turns it back into the same refusal,
        // worded in its window's language.
        let reason = e.reason().map(Box::new);
        ApiError::Refused(status, message, reason)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match self {
            ApiError::Hub(e) => e.into_response(),
            ApiError::Refused(status, message, reason) => {
                let code = HubErrorCode::BadRequest;
                let body = WireError {
                    code,
                    message,
                    reason,
                };
                (status, Json(body)).into_response()
            }
        }
    }
}

type Answer<T> = Result<Json<T>, ApiError>;

/// The worker of `device`'s shop, when the member may do `task` (the desk's own table, so a
/// team desk refuses exactly what the hub would).
fn worker_of(state: &Shared, device: &Device, task: ChannelTask) -> Result<Arc<Worker>, ApiError> {
    if !task.allows(device.actor.role) {
        return Err(ApiError::Refused(
            StatusCode::FORBIDDEN,
            "your role may not do this with the shop's channel connections".into(),
            None,
        ));
    }
    state.workers.get(device.shop_id).ok_or_else(|| {
        ApiError::Refused(
            StatusCode::NOT_FOUND,
            "the hub does not run this shop's connectors: orderdesk-hub connector enable".into(),
            None,
        )
    })
}

const ANYONE: ChannelTask = ChannelTask::See;
const MANAGERS: ChannelTask = ChannelTask::Run;
const ADMIN: ChannelTask = ChannelTask::Administer;

/// Runs a blocking desk use case off the async workers.
async fn desk_call<T: Send + 'static>(
    worker: Arc<Worker>,
    f: impl FnOnce(&Desk) -> Result<T, DeskError> + Send + 'static,
) -> Answer<T> {
    tokio::task::spawn_blocking(move || f(&worker.desk))
        .await
        .map_err(|e| ApiError::Hub(HubError::Admin(format!("worker: {e}"))))?
        .map(Json)
        .map_err(ApiError::from)
}

async fn list(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
) -> Answer<Vec<ChannelView>> {
    let w = worker_of(&state, &device, ANYONE)?;
    desk_call(w, Desk::channels).await
}

async fn add(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Json(new): Json<NewConnection>,
) -> Answer<ChannelView> {
    let w = worker_of(&state, &device, ADMIN)?;
    crate::public_url::check(&new.base_url, state.allow_private_channel_hosts)
        .await
        .map_err(address_refused)?;
    desk_call(w, move |d| d.add_connection(new, jiff::Timestamp::now())).await
}

/// An edit of a connection's address must pass the same check as «Добавить»: otherwise a
/// shop's admin could add a public site and then point it inside the hub's network.
async fn edit(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Path(id): Path<String>,
    Json(edit): Json<ConnectionEdit>,
) -> Answer<ChannelView> {
    let w = worker_of(&state, &device, ADMIN)?;
    crate::public_url::check(&edit.base_url, state.allow_private_channel_hosts)
        .await
        .map_err(address_refused)?;
    // Saved as the admin who asked: the worker's own user is not an admin.
    desk_call(w, move |d| {
        d.edit_connection_by(&id, edit, jiff::Timestamp::now(), device.actor)
    })
    .await
}

/// The add form's test, run where the connector will run; an address the hub would refuse
/// is answered as a failed test, in the same words.
async fn test_new(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Json(new): Json<NewConnection>,
) -> Answer<ChannelTestResult> {
    let w = worker_of(&state, &device, ADMIN)?;
    if let Err(problem) =
        crate::public_url::check(&new.base_url, state.allow_private_channel_hosts).await
    {
        return Ok(Json(refused(problem)));
    }
    Ok(Json(
        w.desk.channel_test_new(new, jiff::Timestamp::now()).await?,
    ))
}

/// «Получить сертификат сайта» for a team desk's form: fetched by the worker, from where it
/// will connect. The address passes the same check as «Добавить» first, and the worker
/// checks what the name resolves to again as it connects: a shared hub must not be made to
/// open connections into its own network, even ones that only read a certificate.
async fn site_certificate(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Json(ask): Json<SiteCertificateRequest>,
) -> Answer<SiteCertificate> {
    let w = worker_of(&state, &device, ADMIN)?;
    crate::public_url::check(&ask.base_url, state.allow_private_channel_hosts)
        .await
        .map_err(address_refused)?;
    Ok(Json(
        w.desk
            .site_certificate(&ask.base_url, jiff::Timestamp::now())
            .await?,
    ))
}

/// A saved connection's test (no body), or an edit's before it is saved.
async fn test(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Path(id): Path<String>,
    edit: Option<Json<ConnectionEdit>>,
) -> Answer<ChannelTestResult> {
    let w = worker_of(&state, &device, ADMIN)?;
    let now = jiff::Timestamp::now();
    let Some(Json(edit)) = edit else {
        return Ok(Json(w.desk.channel_test(&id, now).await?));
    };
    if let Err(problem) =
        crate::public_url::check(&edit.base_url, state.allow_private_channel_hosts).await
    {
        return Ok(Json(refused(problem)));
    }
    Ok(Json(w.desk.channel_test_edit(&id, edit, now).await?))
}

/// A test the hub refuses for its address: a failed test, said as the add and edit
/// refusals are.
fn refused(problem: proto::InputProblem) -> ChannelTestResult {
    let outcome = proto::ChannelTestOutcome::AddressRefused { problem };
    ChannelTestResult {
        ok: false,
        message: outcome.wording(proto::display::Lang::Ru),
        may_save_anyway: false,
        outcome: Some(outcome),
    }
}

/// An address the hub refuses to call: a 400 with the typed problem, which the team desk
/// shows beside the address field in its window's language.
fn address_refused(problem: proto::InputProblem) -> ApiError {
    let words = problem.wording(proto::display::Lang::Ru);
    let reason = proto::ErrorReason::Input { problem };
    ApiError::Refused(StatusCode::BAD_REQUEST, words, Some(Box::new(reason)))
}

async fn set_status_map(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Path(id): Path<String>,
    Json(rules): Json<Vec<StatusRuleView>>,
) -> Answer<ChannelView> {
    let w = worker_of(&state, &device, ADMIN)?;
    desk_call(w, move |d| d.set_status_map(&id, rules)).await
}

async fn remove(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Path(id): Path<String>,
) -> Answer<()> {
    let w = worker_of(&state, &device, ADMIN)?;
    desk_call(w, move |d| d.remove_connection(&id)).await
}

async fn resume(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Path(id): Path<String>,
) -> Answer<()> {
    let w = worker_of(&state, &device, ADMIN)?;
    desk_call(w, move |d| d.resume_connection(&id)).await
}

async fn pushes(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Path(id): Path<String>,
) -> Answer<Vec<PushView>> {
    let w = worker_of(&state, &device, ANYONE)?;
    desk_call(w, move |d| d.channel_pushes(&id)).await
}

/// "Sync now" on the hub; the desk that asked sees the imported orders through its sync.
async fn sync_now(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Path(id): Path<String>,
) -> Answer<SyncResult> {
    let w = worker_of(&state, &device, MANAGERS)?;
    let result = w.desk.sync_now(&id, jiff::Timestamp::now()).await?;
    w.desk.push_soon();
    Ok(Json(result))
}

async fn triggers(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Path(id): Path<String>,
) -> Answer<MarketplaceTriggers> {
    let w = worker_of(&state, &device, ANYONE)?;
    desk_call(w, move |d| d.marketplace_triggers(&id)).await
}

async fn set_triggers(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Path(id): Path<String>,
    Json(new): Json<MarketplaceTriggers>,
) -> Answer<MarketplaceTriggers> {
    let w = worker_of(&state, &device, ADMIN)?;
    // Saved as the admin who asked: the worker's own user is not an admin.
    desk_call(w, move |d| {
        d.set_marketplace_triggers_by(&id, new, jiff::Timestamp::now(), device.actor)
    })
    .await
}

/// Ozon's warehouses for the trigger editor's stock warehouse: the keys are the worker's.
async fn ozon_warehouses(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Path(id): Path<String>,
) -> Answer<Vec<WarehouseView>> {
    let w = worker_of(&state, &device, ADMIN)?;
    Ok(Json(w.desk.ozon_warehouses(&id).await?))
}

/// How the channels know an order (for its card): kept by the worker, which imported it.
async fn order_channels(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Path(id): Path<String>,
) -> Answer<Vec<OrderChannelView>> {
    let w = worker_of(&state, &device, ANYONE)?;
    desk_call(w, move |d| d.order_channels(&id)).await
}

async fn order_pushes(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Path(id): Path<String>,
) -> Answer<Vec<PushView>> {
    let w = worker_of(&state, &device, ANYONE)?;
    desk_call(w, move |d| d.order_pushes(&id)).await
}

/// «Повторить» from a team desk: the worker, which keeps the queue, puts the push back as the
/// member who asked and runs the connection's orders job at once, so the call goes out now.
async fn retry_push(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Path(id): Path<String>,
) -> Answer<PushView> {
    let w = worker_of(&state, &device, MANAGERS)?;
    let kick = w.kick.clone();
    let view = desk_call(w, move |d| {
        d.push_retry_by(&id, jiff::Timestamp::now(), device.actor)
    })
    .await?;
    if let Ok(connection) = uuid::Uuid::parse_str(&view.connection_id) {
        kick(connection);
    }
    Ok(view)
}

/// «Скрыть» from a team desk, kept in the shop's history as the member who asked.
async fn dismiss_push(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Path(id): Path<String>,
    Json(body): Json<PushDismissal>,
) -> Answer<PushView> {
    let w = worker_of(&state, &device, MANAGERS)?;
    desk_call(w, move |d| {
        d.push_dismiss_by(&id, &body.reason, jiff::Timestamp::now(), device.actor)
    })
    .await
}

/// The site's delivery methods and their map: the worker reads the site with the keys it holds.
async fn delivery_map(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Path(id): Path<String>,
) -> Answer<proto::DeliveryMapView> {
    let w = worker_of(&state, &device, ADMIN)?;
    Ok(Json(w.desk.delivery_map(&id).await?))
}

async fn set_delivery_map(
    State(state): State<Arc<Shared>>,
    Extension(device): Extension<Device>,
    Path(id): Path<String>,
    Json(edit): Json<proto::DeliveryMapEdit>,
) -> Answer<()> {
    let w = worker_of(&state, &device, ADMIN)?;
    // Saved as the admin who asked: the worker's own user is not an admin.
    desk_call(w, move |d| {
        d.set_delivery_map_by(&id, edit, jiff::Timestamp::now(), device.actor)
    })
    .await
}
