//! `GET /api/v1/calls/{id}/recording`: the call's recording as `audio/wav` (2 channels, caller
//! left, agent right), for the `recordings_play` permission. The store decrypts it with the
//! call's data key and audits the access (`recording.play`, also when refused or missing); the
//! export lists the recording with this link instead of inlining it.
//!
//! A deleted call, or one without a recording, answers 404.

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use voxgate_store::audit_log::now_ms;

use super::calls::{context, data_protection, store_error};
use super::{perm, ApiError, ApiState, Authorized, ClientIp};

pub(super) fn routes() -> Router<ApiState> {
    Router::new().route("/api/v1/calls/{id}/recording", get(recording))
}

async fn recording(
    State(s): State<ApiState>,
    Authorized(p, _): Authorized<perm::RecordingsPlay>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let dp = data_protection(&s).await?;
    let (info, wav) = dp
        .calls
        .read_recording(
            &context(&p, ip.as_ref().map(|e| &e.0), &headers),
            &id,
            now_ms(),
        )
        .await
        .map_err(store_error)?;
    s.events
        .pii_access(&p.subject, &format!("/api/v1/calls/{id}/recording"));
    let disposition = format!("attachment; filename=\"call-{}.wav\"", info.id);
    let mut r = wav.to_vec().into_response();
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("audio/wav"));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}
