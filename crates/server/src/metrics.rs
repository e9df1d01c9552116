//! Prometheus metrics.
//!
//! Lower crates record through the `metrics` facade (no dependency on this crate); this module
//! installs the process-wide Prometheus recorder once and renders the text format for
//! `/metrics`. Labels stay low-cardinality: transports, outcomes, route groups, never ids or
//! phone numbers.

use std::sync::OnceLock;

use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};

static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// The process-wide recorder handle, installing the recorder on first use.
///
/// If another recorder was installed first (only possible in tests), a detached recorder is
/// used so rendering still works.
pub fn handle() -> PrometheusHandle {
    HANDLE
        .get_or_init(|| {
            let recorder = PrometheusBuilder::new()
                .set_buckets(&[
                    0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.5, 5.0, 10.0,
                ])
                .map(PrometheusBuilder::build_recorder)
                .unwrap_or_else(|_| PrometheusBuilder::new().build_recorder());
            let handle = recorder.handle();
            if metrics::set_global_recorder(recorder).is_err() {
                tracing::debug!("a metrics recorder was already installed");
            }
            describe();
            handle
        })
        .clone()
}

fn describe() {
    metrics::describe_gauge!(
        "voxgate_build_info",
        "Build information (value is always 1)"
    );
    metrics::describe_gauge!("voxgate_ready", "1 when every readiness check passes");
    metrics::describe_counter!(
        "voxgate_http_requests_total",
        "HTTP requests by listener and status class"
    );
    metrics::gauge!("voxgate_build_info", "version" => env!("CARGO_PKG_VERSION")).set(1.0);
}
