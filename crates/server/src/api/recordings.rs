//! `GET /api/v1/calls/{id}/recording`: the call's recording as `audio/wav` (2 channels, caller
//! left, agent right), for the `recordings_play` permission. The store decrypts it with the
//! call's data key and audits the access (`recording.play`, also when refused or missing); the
//! export lists the recording with this link instead of inlining it.
//!
//! The WAV is streamed: the header first (its size comes from the record lengths), then each
//! second of audio as it is decrypted, so a long recording is never held whole in memory.
//!
//! A deleted call, or one without a recording, answers 404.

use axum::body::{Body, Bytes};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::Response;
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
    let (info, stream) = dp
        .calls
        .open_recording(
            &context(&p, ip.as_ref().map(|e| &e.0), &headers),
            &id,
            now_ms(),
        )
        .await
        .map_err(store_error)?;
    s.events
        .pii_access(&p.subject, &format!("/api/v1/calls/{id}/recording"));
    let len = stream.wav_len();
    // Each block is read and decrypted on a blocking thread when the client is ready for it, so
    // a slow client holds no thread while it waits.
    let call_id = info.id.clone();
    let chunks = futures::stream::try_unfold(Some(stream), move |state| {
        let call_id = call_id.clone();
        async move {
            let Some(mut stream) = state else {
                return Ok(None);
            };
            let (stream, next) = tokio::task::spawn_blocking(move || {
                let next = stream.next_chunk();
                (stream, next)
            })
            .await
            .map_err(|_| std::io::Error::other("recording reader stopped"))?;
            match next {
                Ok(Some(chunk)) => Ok(Some((Bytes::copy_from_slice(&chunk), Some(stream)))),
                Ok(None) => Ok(None),
                Err(e) => {
                    // The headers are gone already: all that is left is to cut the body short.
                    tracing::warn!(call_id = %call_id, error = %e, "recording failed while streaming");
                    Err(std::io::Error::other("recording failed to open"))
                }
            }
        }
    });
    let body = Body::from_stream(chunks);
    let disposition = format!("attachment; filename=\"call-{}.wav\"", info.id);
    let mut r = Response::new(body);
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static("audio/wav"));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(len));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}
