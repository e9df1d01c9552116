//! Data-subject routes on calls, each role-checked and audited in the chain by the store:
//!
//! | route | permission | audit event |
//! | --- | --- | --- |
//! | `GET /api/v1/calls?caller=+1555...` | `calls_lookup_caller` | `call.lookup` (number never recorded) |
//! | `GET /api/v1/calls/{id}/export?format=json` | `calls_export` | `call.export` |
//! | `DELETE /api/v1/calls/{id}` | `calls_delete` | `call.delete` (key shredded) |
//! | `POST /api/v1/calls/{id}/hold` `{"hold": true}` | `legal_hold_set` | `legal_hold.set` |
//!
//! A deleted or unknown call answers 404; deleting a call under legal hold answers 409.

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::Extension;
use axum::Router;
use serde::Deserialize;
use voxgate_store::audit_log::{now_ms, AccessContext};

use super::{perm, ApiError, ApiState, Authorized, ClientIp, Principal};
use crate::retention::{for_store, DataProtection};

pub(super) fn routes() -> Router<ApiState> {
    Router::new()
        .route("/api/v1/calls", get(find))
        .route("/api/v1/calls/{id}", delete(remove))
        .route("/api/v1/calls/{id}/export", get(export))
        .route("/api/v1/calls/{id}/hold", post(hold))
}

/// The audit context of a request: principal with role, client address, user agent.
pub(crate) fn context(p: &Principal, ip: Option<&ClientIp>, headers: &HeaderMap) -> AccessContext {
    AccessContext {
        actor: p.subject.clone(),
        role: Some(p.role.as_str().to_owned()),
        source_ip: ip.map(|c| c.0.to_string()),
        user_agent: headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(|s| s.chars().take(200).collect()),
    }
}

pub(crate) async fn data_protection(s: &ApiState) -> Result<DataProtection, ApiError> {
    for_store(&s.config, &s.sqlite)
        .await
        .map_err(ApiError::internal)
}

/// Maps store errors: unknown call 404, legal hold 409, bad input 400, the rest 500.
pub(crate) fn store_error(e: voxgate_store::Error) -> ApiError {
    match e {
        voxgate_store::Error::NotFound { .. } => ApiError::not_found(),
        voxgate_store::Error::LegalHold(_) => ApiError::conflict("the call is under legal hold"),
        voxgate_store::Error::InvalidInput(m) => ApiError::bad_request(m),
        other => ApiError::internal(other),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FindQuery {
    caller: String,
}

async fn find(
    State(s): State<ApiState>,
    Authorized(p, _): Authorized<perm::CallsLookupCaller>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    q: Result<Query<FindQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = q.map_err(|_| ApiError::bad_request("query must be caller=<phone number>"))?;
    let dp = data_protection(&s).await?;
    let calls = dp
        .calls
        .find_by_caller(
            &context(&p, ip.as_ref().map(|e| &e.0), &headers),
            &q.caller,
            now_ms(),
        )
        .await
        .map_err(store_error)?;
    s.events.pii_access(&p.subject, "/api/v1/calls?caller");
    Ok(axum::Json(serde_json::json!({ "calls": calls })).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ExportQuery {
    format: Option<String>,
}

async fn export(
    State(s): State<ApiState>,
    Authorized(p, _): Authorized<perm::CallsExport>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    q: Result<Query<ExportQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = q.map_err(|_| ApiError::bad_request("query must be format=json"))?;
    if q.format.as_deref().is_some_and(|f| f != "json") {
        return Err(ApiError::bad_request("format must be json"));
    }
    let dp = data_protection(&s).await?;
    let export = dp
        .calls
        .export_call(
            &context(&p, ip.as_ref().map(|e| &e.0), &headers),
            &id,
            now_ms(),
        )
        .await
        .map_err(store_error)?;
    s.events
        .pii_access(&p.subject, &format!("/api/v1/calls/{id}/export"));
    let mut r = axum::Json(export).into_response();
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(r)
}

async fn remove(
    State(s): State<ApiState>,
    Authorized(p, _): Authorized<perm::CallsDelete>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let dp = data_protection(&s).await?;
    let report = dp
        .calls
        .delete_call(
            &context(&p, ip.as_ref().map(|e| &e.0), &headers),
            &id,
            now_ms(),
        )
        .await
        .map_err(store_error)?;
    Ok(axum::Json(serde_json::json!({ "deleted": id, "report": report })).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HoldBody {
    hold: bool,
}

async fn hold(
    State(s): State<ApiState>,
    Authorized(p, _): Authorized<perm::LegalHoldSet>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: axum::body::Bytes,
) -> Result<Response, ApiError> {
    // No body sets the hold; `{"hold": false}` releases it.
    let on = if body.iter().all(u8::is_ascii_whitespace) {
        true
    } else {
        serde_json::from_slice::<HoldBody>(&body)
            .map_err(|_| ApiError::bad_request("body must be {\"hold\": true|false}"))?
            .hold
    };
    let dp = data_protection(&s).await?;
    dp.calls
        .set_legal_hold(
            &context(&p, ip.as_ref().map(|e| &e.0), &headers),
            &id,
            on,
            now_ms(),
        )
        .await
        .map_err(store_error)?;
    Ok(axum::Json(serde_json::json!({ "call": id, "legal_hold": on })).into_response())
}
