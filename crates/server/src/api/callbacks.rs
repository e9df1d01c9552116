//! `POST /api/v1/callbacks/{source}`: inbound callbacks from integrators, authenticated by the
//! `Voxgate-Signature` HMAC-SHA256 scheme (timestamp, replay window; see `docs/security.md`).
//!
//! A verified callback is acknowledged with 202 and logged by source and size; a forged,
//! stale or replayed one gets 401 and a security event. The payload itself is not stored here.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use voxgate_security::signature::{SignatureRejection, WebhookVerifier, HEADER_NAME};

use super::{ApiError, ApiState, ClientIp};
use crate::auth::events::unix_now;

pub(super) fn routes() -> Router<ApiState> {
    Router::new().route("/api/v1/callbacks/{source}", post(callback))
}

/// The verifier for `[callbacks]`; it remembers recently seen signatures to refuse replays, so
/// one instance lives in [`ApiState`] for the life of the server.
pub(crate) fn verifier(c: &crate::auth::config::CallbacksSection) -> Option<Arc<WebhookVerifier>> {
    if !c.enabled {
        return None;
    }
    let secret = c.secret.expose()?;
    WebhookVerifier::new(&[secret.as_bytes()])
        .ok()
        .map(|v| Arc::new(v.with_tolerance_secs(c.tolerance_secs)))
}

async fn callback(
    State(s): State<ApiState>,
    ClientIp(ip): ClientIp,
    Path(source): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<StatusCode, ApiError> {
    let Some(v) = &s.callbacks else {
        return Err(ApiError::not_found());
    };
    if source.len() > 64
        || !source
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(ApiError::bad_request("bad source name"));
    }
    let header = headers
        .get(HEADER_NAME)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("");
    match v.verify(header, &body, unix_now()) {
        Ok(()) => {
            tracing::info!(source = %source, bytes = body.len(), "signed callback accepted");
            Ok(StatusCode::ACCEPTED)
        }
        Err(e) => {
            let kind = match &e {
                voxgate_security::Error::SignatureRejected(SignatureRejection::Replayed) => {
                    "signature.replayed"
                }
                _ => "signature.invalid",
            };
            s.events
                .signature_failure(ip, &format!("callback:{source}"), kind, &e.to_string());
            Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "bad_signature",
                "signature missing, invalid, stale or replayed",
            ))
        }
    }
}
