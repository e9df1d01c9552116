//! The admin listener: liveness, readiness and metrics, on loopback by default.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use futures::future::BoxFuture;
use metrics_exporter_prometheus::PrometheusHandle;

/// Something `/readyz` waits for: storage, a loaded model, a connected ARI socket.
pub trait ReadinessCheck: Send + Sync {
    /// Short name shown in the `/readyz` body.
    fn name(&self) -> &'static str;
    /// Ok when ready; otherwise a short reason (no secrets).
    fn check(&self) -> BoxFuture<'_, Result<(), String>>;
}

/// Storage readiness: the database answers a query.
#[derive(Debug)]
pub struct StorageReady(pub Arc<dyn voxgate_store::Storage>);

impl ReadinessCheck for StorageReady {
    fn name(&self) -> &'static str {
        "storage"
    }

    fn check(&self) -> BoxFuture<'_, Result<(), String>> {
        Box::pin(async move {
            self.0
                .ping()
                .await
                .map_err(|e| format!("{} not answering: {e}", self.0.backend()))
        })
    }
}

/// Shared state of the admin listener.
#[derive(Clone)]
pub struct AdminState {
    /// Readiness checks, all of which must pass.
    pub checks: Arc<Vec<Arc<dyn ReadinessCheck>>>,
    /// Prometheus renderer.
    pub metrics: PrometheusHandle,
    /// Set when shutdown begins, so load balancers stop sending traffic.
    pub draining: Arc<AtomicBool>,
}

impl std::fmt::Debug for AdminState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AdminState")
            .field("checks", &self.checks.len())
            .finish_non_exhaustive()
    }
}

/// The admin router.
pub fn router(state: AdminState) -> Router {
    Router::new()
        .route("/livez", get(livez))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
        .with_state(state)
}

async fn livez() -> &'static str {
    "ok\n"
}

async fn readyz(State(state): State<AdminState>) -> Response {
    let mut all_ok = !state.draining.load(Ordering::Relaxed);
    let mut results = serde_json::Map::new();
    if !all_ok {
        results.insert("shutdown".into(), "draining".into());
    }
    for check in state.checks.iter() {
        let outcome = tokio::time::timeout(Duration::from_secs(2), check.check()).await;
        let value = match outcome {
            Ok(Ok(())) => "ok".to_string(),
            Ok(Err(reason)) => {
                all_ok = false;
                reason
            }
            Err(_) => {
                all_ok = false;
                "timed out".to_string()
            }
        };
        results.insert(check.name().into(), value.into());
    }
    metrics::gauge!("voxgate_ready").set(if all_ok { 1.0 } else { 0.0 });
    let status = if all_ok {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = serde_json::json!({
        "status": if all_ok { "ready" } else { "not ready" },
        "checks": results,
    });
    (status, Json(body)).into_response()
}

async fn metrics(State(state): State<AdminState>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        state.metrics.render(),
    )
        .into_response()
}
