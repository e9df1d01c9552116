//! Builds the security services from the configuration and wraps the HTTP router in them.

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::Router;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use voxgate_security::monitor::{MonitorConfig, SecurityMonitor, Threshold};
use voxgate_security::ratelimit::{Lockout, LockoutConfig, SystemClock};
use voxgate_security::signature::WebhookSigner;
use voxgate_store::auth::AuthStore;

use super::events::SecurityEvents;
use super::guard::HttpGuard;
use super::AuthService;
use crate::api::{ApiState, LogAudit};
use crate::config::Config;

/// The security services of a running server.
#[derive(Debug, Clone)]
pub struct Security {
    /// API state (auth, store, events, audit).
    pub api: ApiState,
    /// Security event recorder.
    pub events: SecurityEvents,
    /// The HTTP guard.
    pub guard: Arc<HttpGuard>,
}

/// Builds everything; must run inside the tokio runtime (it starts the event writer and the
/// task that picks up other nodes' token revocations). The revoked tokens are loaded before
/// this returns, so no logged-out token is accepted after a restart.
///
/// # Errors
/// A message naming the bad key or setting, or the failed read of the revoked tokens.
pub async fn build(
    config: &Config,
    sqlite: &voxgate_store::SqliteStore,
) -> Result<Security, String> {
    let store = AuthStore::new(sqlite);
    let auth = Arc::new(AuthService::new(config, store.clone()).map_err(|e| e.to_string())?);
    auth.load_revoked().await.map_err(|e| e.to_string())?;
    spawn_revocation_sync(Arc::downgrade(&auth));
    let a = &config.auth;
    let lockout = Arc::new(
        Lockout::<IpAddr>::new(
            LockoutConfig {
                max_failures: a.lockout_max_failures,
                window: Duration::from_secs(a.lockout_window_secs),
                block: Duration::from_secs(a.lockout_block_secs),
                ..LockoutConfig::default()
            },
            Arc::new(SystemClock::new()),
        )
        .map_err(|e| format!("auth lockout: {e}"))?,
    );
    let m = &config.monitor;
    let monitor = Arc::new(
        SecurityMonitor::new(MonitorConfig {
            failed_auth: Threshold {
                limit: m.failed_auth_limit,
                window: Duration::from_secs(m.failed_auth_window_secs),
            },
            rate_limit: Threshold {
                limit: m.rate_limit_limit,
                window: Duration::from_secs(m.rate_limit_window_secs),
            },
            signature_failures: Threshold {
                limit: m.signature_limit,
                window: Duration::from_secs(m.signature_window_secs),
            },
            auto_block: (m.auto_block_secs > 0).then(|| Duration::from_secs(m.auto_block_secs)),
            ..MonitorConfig::default()
        })
        .map_err(|e| format!("monitor: {e}"))?,
    );
    let alert = if m.alert_webhook_url.is_empty() {
        None
    } else {
        let secret = m.alert_webhook_secret.expose().unwrap_or_default();
        let signer = WebhookSigner::new(&[secret.as_bytes()])
            .map_err(|e| format!("monitor.alert_webhook_secret: {e}"))?;
        Some((m.alert_webhook_url.clone(), signer))
    };
    let events = SecurityEvents::start(store, monitor, lockout, alert);
    let guard = Arc::new(HttpGuard::new(config, events.clone(), Arc::clone(&auth))?);
    let api = ApiState {
        auth,
        sqlite: sqlite.clone(),
        events: events.clone(),
        audit: Arc::new(LogAudit),
        config: Arc::new(config.clone()),
        callbacks: crate::api::callbacks::verifier(&config.callbacks),
    };
    Ok(Security { api, events, guard })
}

/// Refreshes the revoked-token set from the store until the auth service is dropped.
fn spawn_revocation_sync(auth: std::sync::Weak<AuthService>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(super::REVOCATION_SYNC_INTERVAL);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        tick.tick().await;
        loop {
            tick.tick().await;
            let Some(auth) = auth.upgrade() else { break };
            if let Err(e) = auth.sync_revoked().await {
                tracing::warn!(error = %e, "refreshing revoked tokens failed; retrying");
            }
        }
    });
}

/// The HTTP listener's router: the `/api/v1` routes plus `other` (transports, index page),
/// behind the guard, a request timeout (408) and the body limit (413).
pub fn http_router(config: &Config, security: &Security, other: Router) -> Router {
    let l = &config.http_limits;
    crate::api::router(security.api.clone())
        .merge(other)
        .layer(DefaultBodyLimit::max(l.max_body_bytes))
        .layer(RequestBodyLimitLayer::new(l.max_body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            Duration::from_secs(l.request_timeout_secs),
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&security.guard),
            super::guard::guard,
        ))
}
