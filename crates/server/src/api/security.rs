//! `/api/v1/security/events`: the stored security events, newest first.

use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Deserialize;

use super::{perm, ApiError, ApiState, Authorized};

pub(super) fn routes() -> Router<ApiState> {
    Router::new().route("/api/v1/security/events", get(events))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventsQuery {
    kind: Option<String>,
    before: Option<i64>,
    limit: Option<u32>,
}

async fn events(
    State(s): State<ApiState>,
    Authorized(p, _): Authorized<perm::SecurityRead>,
    q: Result<Query<EventsQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = q.map_err(|_| ApiError::bad_request("query must be kind, before, limit"))?;
    let limit = q.limit.unwrap_or(100).clamp(1, 1000);
    let events = s
        .auth_store()
        .list_security_events(q.kind.as_deref(), q.before, limit)
        .await
        .map_err(ApiError::internal)?;
    s.audit.record(
        &p.subject,
        "security.events_read",
        "/api/v1/security/events",
        "success",
    );
    Ok(axum::Json(serde_json::json!({ "events": events })).into_response())
}
