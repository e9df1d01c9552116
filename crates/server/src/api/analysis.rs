//! Post-call analysis routes, each role-checked and audited:
//!
//! | route | permission | answer |
//! | --- | --- | --- |
//! | `POST /api/v1/analysis` (multipart `audio` + options, or JSON `{"call_id"}`) | `analysis.submit` | 202 `{job_id, status_url}` |
//! | `GET /api/v1/analysis` | `queue.read` | engine state, workers, counts by state, oldest queued age |
//! | `GET /api/v1/analysis/{id}` | `analysis.read` | status, progress, error; the result once done |
//! | `DELETE /api/v1/analysis/{id}` | `analysis.delete` | cancels a queued/running job, or deletes a finished one (result shredded) |
//! | `GET /api/v1/calls/{id}/live` | `transcripts.read` | SSE: live analysis per caller turn |
//!
//! The upload is streamed field by field into the spool file (never whole in memory), under
//! its own body limit (`[analysis] max_upload_bytes`) and request timeout
//! (`upload_timeout_secs`); the rest of the API keeps `[http_limits]`. These routes are mounted
//! by [`mount`] behind a second instance of the HTTP guard (same allowlists, CORS, lockout and
//! security events; its own rate-limit buckets and body limit).
//!
//! Refusals are `{"error": {"code", "message"}}`: 413 `too_large`, 415 `unsupported_format`,
//! 422 `bad_sample_rate` / `too_long` / `unsupported_option` / `raw_not_allowed`, 503
//! `analysis_unavailable` while the engine is loading, disabled or missing its models.

use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use serde::Deserialize;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use voxgate_analysis::intake::{extension_hint, UploadSpool};
use voxgate_analysis::results::StoredRef;
use voxgate_analysis::{AnalysisJob, AnalyzeOptions, JobSource, JOB_KIND};
use voxgate_store::jobs::{CancelOutcome, Job, JobStatus, QueueError};

use super::calls::context;
use super::{perm, ApiError, ApiState, Authorized, ClientIp};
use crate::analysis_service::{AnalysisService, EngineState, LiveEvent, SubmitError};

/// State of the analysis routes.
#[derive(Debug, Clone)]
pub struct AnalysisApi {
    /// The API's shared state (audit hook, security events, configuration).
    pub api: ApiState,
    /// The analysis service.
    pub service: Arc<AnalysisService>,
}

/// Largest JSON body or options field (the options are a handful of flags).
const MAX_OPTIONS_BYTES: usize = 64 * 1024;

/// Room for the multipart framing and option fields over the audio limit.
const MULTIPART_SLACK: u64 = 1024 * 1024;

/// The analysis routes with their state, body limit and timeout, behind their own guard,
/// merged into `http` (the listener's router from
/// [`http_router`](crate::auth::setup::http_router)).
///
/// # Errors
/// A message when the guard cannot be built (invalid allowlists, already caught by
/// `Config::validate`).
pub fn mount(
    http: Router,
    config: &crate::config::Config,
    security: &crate::auth::setup::Security,
    service: Arc<AnalysisService>,
) -> Result<Router, String> {
    let limit = service
        .config()
        .max_upload_bytes
        .saturating_add(MULTIPART_SLACK);
    let mut guard_config = config.clone();
    guard_config.http_limits.max_body_bytes = usize::try_from(limit).unwrap_or(usize::MAX);
    let guard = Arc::new(crate::auth::guard::HttpGuard::new(
        &guard_config,
        security.events.clone(),
        Arc::clone(&security.api.auth),
    )?);
    let timeout = Duration::from_secs(service.config().upload_timeout_secs);
    let state = AnalysisApi {
        api: security.api.clone(),
        service,
    };
    let routes = routes()
        .with_state(state)
        .layer(DefaultBodyLimit::max(
            usize::try_from(limit).unwrap_or(usize::MAX),
        ))
        .layer(RequestBodyLimitLayer::new(
            usize::try_from(limit).unwrap_or(usize::MAX),
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeout,
        ))
        .layer(axum::middleware::from_fn_with_state(
            guard,
            crate::auth::guard::guard,
        ));
    Ok(http.merge(routes))
}

/// The routes, without state.
pub fn routes() -> Router<AnalysisApi> {
    Router::new()
        .route("/api/v1/analysis", get(queue_status).post(submit))
        .route("/api/v1/analysis/{id}", get(status).delete(remove))
        .route("/api/v1/calls/{id}/live", get(live))
}

fn submit_error(e: SubmitError) -> ApiError {
    match e {
        SubmitError::Unavailable(state) => unavailable(&state),
        SubmitError::Refused {
            status,
            code,
            message,
        } => ApiError::new(
            StatusCode::from_u16(status).unwrap_or(StatusCode::UNPROCESSABLE_ENTITY),
            code,
            message,
        ),
        SubmitError::Internal(m) => ApiError::internal(m),
    }
}

fn unavailable(state: &EngineState) -> ApiError {
    let why = match state {
        EngineState::Disabled => {
            "post-call analysis is disabled ([analysis] enabled = false)".to_owned()
        }
        EngineState::Loading => "the analysis engine is still loading; retry shortly".to_owned(),
        EngineState::Failed(reason) => format!("the analysis engine is not available: {reason}"),
        EngineState::Ready => "the analysis engine is busy".to_owned(),
    };
    ApiError::new(StatusCode::SERVICE_UNAVAILABLE, "analysis_unavailable", why)
}

fn queue_error(e: QueueError) -> ApiError {
    match e {
        QueueError::NotFound(_) => ApiError::not_found(),
        QueueError::InvalidState { status, .. } => {
            ApiError::conflict(format!("the job is {status}"))
        }
        other => ApiError::internal(other),
    }
}

/// Options as separate fields (multipart form fields or JSON keys), over the defaults or an
/// `options` object.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct OptionFields {
    redact: Option<bool>,
    include_raw: Option<bool>,
    entities: Option<bool>,
    classify: Option<bool>,
    summarize: Option<bool>,
    qa: Option<bool>,
    llm: Option<bool>,
    language: Option<String>,
}

impl OptionFields {
    fn apply(self, o: &mut AnalyzeOptions) {
        let set = |dst: &mut bool, v: Option<bool>| {
            if let Some(v) = v {
                *dst = v;
            }
        };
        set(&mut o.redact, self.redact);
        set(&mut o.include_raw, self.include_raw);
        set(&mut o.entities, self.entities);
        set(&mut o.classify, self.classify);
        set(&mut o.summarize, self.summarize);
        set(&mut o.qa, self.qa);
        set(&mut o.llm, self.llm);
        if let Some(l) = self.language {
            o.language = l;
        }
    }

    /// Sets one named form field; `false` for an unknown name.
    fn set_form(&mut self, name: &str, value: &str) -> Result<bool, ApiError> {
        let flag = || match value.trim() {
            "true" | "1" | "yes" | "on" => Ok(Some(true)),
            "false" | "0" | "no" | "off" => Ok(Some(false)),
            _ => Err(ApiError::bad_request(format!(
                "field {name} must be true or false"
            ))),
        };
        match name {
            "redact" => self.redact = flag()?,
            "include_raw" => self.include_raw = flag()?,
            "entities" => self.entities = flag()?,
            "classify" => self.classify = flag()?,
            "summarize" => self.summarize = flag()?,
            "qa" => self.qa = flag()?,
            "llm" => self.llm = flag()?,
            "language" => self.language = Some(value.trim().to_owned()),
            _ => return Ok(false),
        }
        Ok(true)
    }
}

// `flatten` and `deny_unknown_fields` do not mix on one struct: the other keys are collected
// here and checked as `OptionFields`, which denies unknown ones.
#[derive(Debug, Deserialize)]
struct CallRequest {
    call_id: String,
    #[serde(default)]
    options: Option<AnalyzeOptions>,
    #[serde(flatten)]
    fields: serde_json::Map<String, serde_json::Value>,
}

fn options_error() -> ApiError {
    ApiError::bad_request(
        "options are: redact, include_raw, entities, classify, summarize, qa, llm (true/false), language",
    )
}

fn accepted(job_id: &str) -> Response {
    let url = format!("/api/v1/analysis/{job_id}");
    let mut r = (
        StatusCode::ACCEPTED,
        axum::Json(serde_json::json!({ "job_id": job_id, "status": "queued", "status_url": url })),
    )
        .into_response();
    if let Ok(v) = header::HeaderValue::from_str(&url) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

async fn submit(
    State(s): State<AnalysisApi>,
    Authorized(p, _): Authorized<perm::AnalysisSubmit>,
    req: Request,
) -> Result<Response, ApiError> {
    // Refuse before reading a byte of a large upload.
    s.service.ensure_ready().map_err(submit_error)?;
    let ctype = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let outcome = if ctype.starts_with("multipart/form-data") {
        let mp = Multipart::from_request(req, &())
            .await
            .map_err(|_| ApiError::bad_request("malformed multipart body"))?;
        submit_upload(&s, mp).await
    } else if ctype.starts_with("application/json") {
        submit_json(&s, req).await
    } else {
        Err(ApiError::new(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "send multipart/form-data with an `audio` file, or application/json with a call_id",
        ))
    };
    let (resource, result) = match &outcome {
        Ok(id) => (format!("analysis:{id}"), "success"),
        Err(_) => ("analysis".to_owned(), "failure"),
    };
    s.api
        .audit
        .record(&p.subject, "analysis.submit", &resource, result);
    outcome.map(|id| accepted(&id))
}

async fn submit_json(s: &AnalysisApi, req: Request) -> Result<String, ApiError> {
    let bytes = axum::body::to_bytes(req.into_body(), MAX_OPTIONS_BYTES)
        .await
        .map_err(|_| {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body_too_large",
                "a JSON request is at most 64 KiB; upload audio as multipart/form-data",
            )
        })?;
    let body: CallRequest = serde_json::from_slice(&bytes).map_err(|_| {
        ApiError::bad_request("body must be {\"call_id\": \"...\", \"options\": {...}}")
    })?;
    let mut options = body.options.unwrap_or_default();
    let flat: OptionFields = serde_json::from_value(serde_json::Value::Object(body.fields))
        .map_err(|_| options_error())?;
    flat.apply(&mut options);
    s.service
        .submit_call(&body.call_id, options)
        .await
        .map_err(submit_error)
}

async fn submit_upload(s: &AnalysisApi, mut mp: Multipart) -> Result<String, ApiError> {
    let mut spool: Option<UploadSpool> = None;
    let mut options: Option<AnalyzeOptions> = None;
    let mut fields = OptionFields::default();
    let limit = s.service.config().max_upload_bytes;
    let field_error = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "too_large",
                format!("the upload is larger than the limit of {limit} bytes"),
            )
        } else {
            ApiError::bad_request("malformed multipart body")
        }
    };
    while let Some(mut field) = mp.next_field().await.map_err(field_error)? {
        let name = field.name().unwrap_or("").to_owned();
        if name == "audio" {
            if spool.is_some() {
                return Err(ApiError::bad_request("only one `audio` file per request"));
            }
            let ext = extension_hint(field.file_name());
            let mut sp = UploadSpool::create(s.service.upload_dir(), ext.as_deref(), limit)
                .await
                .map_err(|e| submit_error(e.into()))?;
            while let Some(chunk) = field.chunk().await.map_err(field_error)? {
                sp.write(&chunk).await.map_err(|e| submit_error(e.into()))?;
            }
            spool = Some(sp);
            continue;
        }
        let mut text = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(field_error)? {
            if text.len() + chunk.len() > MAX_OPTIONS_BYTES {
                return Err(ApiError::bad_request(format!("field {name} is too long")));
            }
            text.extend_from_slice(&chunk);
        }
        let text = String::from_utf8(text)
            .map_err(|_| ApiError::bad_request(format!("field {name} is not UTF-8 text")))?;
        if name == "options" {
            options = Some(serde_json::from_str(&text).map_err(|_| options_error())?);
        } else if !fields.set_form(&name, &text)? {
            return Err(ApiError::bad_request(
                "unknown field: send `audio`, `options` (JSON) or option fields",
            ));
        }
    }
    let Some(spool) = spool else {
        return Err(ApiError::bad_request("missing the `audio` file field"));
    };
    let mut options = options.unwrap_or_default();
    fields.apply(&mut options);
    if let Err(e) = s.service.check_options(&options) {
        drop(spool);
        return Err(submit_error(e));
    }
    let limits = s.service.config().decode_limits();
    let (path, info) = spool
        .finish(&limits)
        .await
        .map_err(|e| submit_error(e.into()))?;
    tracing::info!(
        bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0),
        rate = info.sample_rate,
        codec = %info.codec,
        "analysis upload accepted"
    );
    let job = AnalysisJob {
        source: JobSource::File {
            path: path.clone(),
            delete_after: true,
        },
        options,
    };
    match s.service.enqueue(&job).await {
        Ok(id) => Ok(id),
        Err(e) => {
            let _ = tokio::fs::remove_file(&path).await;
            Err(submit_error(e))
        }
    }
}

async fn queue_status(
    State(s): State<AnalysisApi>,
    Authorized(p, _): Authorized<perm::QueueRead>,
) -> Result<Response, ApiError> {
    let stats = s
        .service
        .queue()
        .stats(Some(JOB_KIND))
        .await
        .map_err(ApiError::internal)?;
    let c = s.service.config();
    s.api
        .audit
        .record(&p.subject, "analysis.queue", "analysis", "success");
    Ok(axum::Json(serde_json::json!({
        "engine": s.service.engine_state(),
        "mode": c.mode,
        "workers": { "configured": c.workers, "active": stats.active_workers },
        "jobs": {
            "queued": stats.queued,
            "running": stats.running,
            "succeeded": stats.succeeded,
            "failed": stats.failed,
            "cancelled": stats.cancelled,
            "stale": stats.stale,
        },
        "oldest_queued_ms": stats.oldest_queued_ms,
    }))
    .into_response())
}

async fn job_of(s: &AnalysisApi, id: &str) -> Result<Job, ApiError> {
    match s.service.queue().get(id).await {
        Ok(Some(j)) if j.kind == JOB_KIND => Ok(j),
        Ok(_) => Err(ApiError::not_found()),
        Err(e) => Err(ApiError::internal(e)),
    }
}

fn source_view(job: &Job) -> serde_json::Value {
    match serde_json::from_value::<AnalysisJob>(job.payload.clone()) {
        // The spool path is ours, not the client's business.
        Ok(AnalysisJob {
            source: JobSource::Call { call_id },
            options,
        }) => {
            serde_json::json!({ "source": { "type": "call", "call_id": call_id }, "options": options })
        }
        Ok(AnalysisJob { options, .. }) => {
            serde_json::json!({ "source": { "type": "upload" }, "options": options })
        }
        Err(_) => serde_json::json!({ "source": null, "options": null }),
    }
}

async fn status(
    State(s): State<AnalysisApi>,
    Authorized(p, _): Authorized<perm::AnalysisRead>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let job = job_of(&s, &id).await?;
    let view = source_view(&job);
    let mut body = serde_json::json!({
        "job_id": job.id,
        "status": job.status,
        "progress": job.progress,
        "stage": job.stage,
        "attempts": job.attempts,
        "max_attempts": job.max_attempts,
        "error": job.error,
        "source": view["source"],
        "options": view["options"],
        "created_ms": job.created_at,
        "started_ms": job.started_at,
        "finished_ms": job.finished_at,
        "result": null,
    });
    if job.status == JobStatus::Succeeded {
        let stored = job.result.as_ref().and_then(StoredRef::from_job_result);
        let Some(stored) = stored else {
            return Err(ApiError::internal("succeeded job without a sealed result"));
        };
        let ctx = context(&p, ip.as_ref().map(|e| &e.0), &headers);
        match s.service.results().read(&ctx, &stored).await {
            Ok(result) => {
                body["result"] = serde_json::to_value(result).map_err(ApiError::internal)?;
                s.api
                    .events
                    .pii_access(&p.subject, &format!("/api/v1/analysis/{id}"));
            }
            Err(voxgate_analysis::Error::Store(voxgate_store::Error::NotFound { .. })) => {
                body["result_erased"] = serde_json::Value::Bool(true);
            }
            Err(e) => return Err(ApiError::internal(e)),
        }
    }
    s.api.audit.record(
        &p.subject,
        "analysis.read",
        &format!("analysis:{id}"),
        "success",
    );
    let mut r = axum::Json(body).into_response();
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(r)
}

fn delete_upload(job: &Job) {
    if let Ok(AnalysisJob {
        source: JobSource::File {
            path,
            delete_after: true,
        },
        ..
    }) = serde_json::from_value::<AnalysisJob>(job.payload.clone())
    {
        if let Err(e) = std::fs::remove_file(&path) {
            if e.kind() != std::io::ErrorKind::NotFound {
                tracing::warn!(error = %e, "cannot delete a cancelled upload");
            }
        }
    }
}

async fn remove(
    State(s): State<AnalysisApi>,
    Authorized(p, _): Authorized<perm::AnalysisDelete>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let job = job_of(&s, &id).await?;
    let queue = s.service.queue();
    let resource = format!("analysis:{id}");
    if !job.status.is_terminal() {
        let out = queue.cancel(&id).await.map_err(queue_error)?;
        let (code, state) = match out {
            CancelOutcome::Cancelled => {
                delete_upload(&job);
                (StatusCode::OK, "cancelled")
            }
            CancelOutcome::Requested => (StatusCode::ACCEPTED, "cancelling"),
            // It ended meanwhile: the client deletes it with a second DELETE.
            CancelOutcome::AlreadyFinished(st) => (StatusCode::CONFLICT, st.as_str()),
        };
        s.api
            .audit
            .record(&p.subject, "analysis.cancel", &resource, "success");
        return Ok((
            code,
            axum::Json(serde_json::json!({ "job_id": id, "status": state })),
        )
            .into_response());
    }
    let ctx = context(&p, ip.as_ref().map(|e| &e.0), &headers);
    let stored = job.result.as_ref().and_then(StoredRef::from_job_result);
    if let Some(r) = &stored {
        s.service
            .results()
            .erase(&ctx, r)
            .await
            .map_err(ApiError::internal)?;
    }
    delete_upload(&job);
    queue.delete(&id).await.map_err(queue_error)?;
    s.api
        .audit
        .record(&p.subject, "analysis.delete", &resource, "success");
    Ok(axum::Json(serde_json::json!({
        "job_id": id,
        "deleted": true,
        "result_erased": stored.is_some(),
        "key_shredded": stored.is_some_and(|r| r.scope == voxgate_analysis::results::KeyScope::Job),
    }))
    .into_response())
}

async fn live(
    State(s): State<AnalysisApi>,
    Authorized(p, _): Authorized<perm::TranscriptsRead>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    if voxgate_store::blobs::check_id("call", &id).is_err() {
        return Err(ApiError::bad_request("not a call id"));
    }
    if !s.service.live_enabled() {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "live_analysis_off",
            "live analysis is off: set [analysis] mode = \"real_time\" or \"hybrid\"",
        ));
    }
    let Some((last, rx)) = s.service.subscribe(&id) else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "too_many_live_calls",
            "too many live calls are tracked",
        ));
    };
    s.api.audit.record(
        &p.subject,
        "analysis.live",
        &format!("call:{id}"),
        "success",
    );
    s.api
        .events
        .pii_access(&p.subject, &format!("/api/v1/calls/{id}/live"));
    let first = last.map(LiveEvent::Update);
    let stream = futures::stream::unfold((first, rx, false), |(first, mut rx, done)| async move {
        if done {
            return None;
        }
        if let Some(ev) = first {
            return Some((sse_event(&ev), (None, rx, false)));
        }
        loop {
            match rx.recv().await {
                Ok(ev) => {
                    let end = matches!(ev, LiveEvent::Ended { .. });
                    return Some((sse_event(&ev), (None, rx, end)));
                }
                // A slow reader skips to the newest picture.
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => continue,
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
            }
        }
    });
    let mut r = Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response();
    r.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(r)
}

fn sse_event(ev: &LiveEvent) -> Result<Event, std::convert::Infallible> {
    let name = match ev {
        LiveEvent::Update(_) => "update",
        LiveEvent::Ended { .. } => "ended",
    };
    Ok(Event::default()
        .event(name)
        .data(serde_json::to_string(ev).unwrap_or_else(|_| "{}".into())))
}
