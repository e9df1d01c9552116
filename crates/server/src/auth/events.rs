//! Security events: every refusal that matters (failed authentication, denied permission,
//! rate limit, network rule, bad signature, oversized input, slow client) becomes a row in
//! `security_events`, a `security = true` log line, and a signal for the [`SecurityMonitor`],
//! whose threshold events are stored too, applied as IP blocks where configured, and sent to the
//! signed alert webhook.
//!
//! Recording never blocks a request: rows go through a bounded channel to one writer task.
//! Under a flood, repeated events of one kind from one address are stored once per
//! [`DEDUP_WINDOW_SECS`], and when the channel is full events are dropped and counted
//! (`voxgate_security_events_dropped_total`) rather than slowing the server down.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use parking_lot::Mutex;
use tokio::sync::mpsc;
use voxgate_security::monitor::{SecurityEvent, SecurityMonitor, Severity};
use voxgate_security::ratelimit::{FailureOutcome, Lockout};
use voxgate_security::signature::WebhookSigner;
use voxgate_store::auth::{AuthStore, NewSecurityEvent};

/// Repeated events of one kind from one address are stored at most once per this many seconds.
pub const DEDUP_WINDOW_SECS: i64 = 10;

const QUEUE: usize = 4096;

/// A security-relevant refusal attached to an error response; the HTTP guard turns it into an
/// event with the client address. Never contains a secret.
#[derive(Debug, Clone)]
pub struct SecuritySignal {
    /// Event type, e.g. `auth.failed`.
    pub kind: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Principal or name concerned (`user:<id>`, `key:<id>`, a user name as typed).
    pub subject: Option<String>,
    /// Short reason.
    pub detail: String,
    /// Counts towards the failed-authentication lockout of the client IP.
    pub auth_failure: bool,
}

impl SecuritySignal {
    /// A failed authentication (counts towards lockout).
    pub fn auth_failed(subject: Option<String>, detail: impl Into<String>) -> Self {
        Self {
            kind: "auth.failed",
            severity: Severity::Medium,
            subject,
            detail: detail.into(),
            auth_failure: true,
        }
    }

    /// Any other refusal.
    pub fn new(kind: &'static str, severity: Severity, detail: impl Into<String>) -> Self {
        Self {
            kind,
            severity,
            subject: None,
            detail: detail.into(),
            auth_failure: false,
        }
    }

    /// Sets the subject.
    pub fn subject(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }
}

fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Low => "low",
        Severity::Medium => "medium",
        Severity::High => "high",
        Severity::Critical => "critical",
    }
}

pub(crate) fn unix_now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Where alerts go.
#[derive(Clone)]
struct Alerts {
    url: String,
    signer: Arc<WebhookSigner>,
    client: reqwest::Client,
}

/// Records security events; cheap to clone.
#[derive(Clone)]
pub struct SecurityEvents {
    tx: mpsc::Sender<NewSecurityEvent>,
    recent: Arc<Mutex<HashMap<(&'static str, IpAddr), i64>>>,
    monitor: Arc<SecurityMonitor>,
    lockout: Arc<Lockout<IpAddr>>,
    alerts: Option<Alerts>,
}

impl std::fmt::Debug for SecurityEvents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SecurityEvents")
            .field("alerts", &self.alerts.as_ref().map(|a| &a.url))
            .finish_non_exhaustive()
    }
}

impl SecurityEvents {
    /// Starts the writer task on the current runtime. `alert` is the webhook URL and its
    /// signing secret.
    pub fn start(
        store: AuthStore,
        monitor: Arc<SecurityMonitor>,
        lockout: Arc<Lockout<IpAddr>>,
        alert: Option<(String, WebhookSigner)>,
    ) -> Self {
        let (tx, mut rx) = mpsc::channel::<NewSecurityEvent>(QUEUE);
        tokio::spawn(async move {
            while let Some(e) = rx.recv().await {
                if let Err(err) = store.insert_security_event(&e).await {
                    tracing::error!(error = %err, kind = %e.kind, "storing a security event failed");
                }
            }
        });
        let alerts = alert.map(|(url, signer)| Alerts {
            url,
            signer: Arc::new(signer),
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(10))
                .build()
                .unwrap_or_default(),
        });
        Self {
            tx,
            recent: Arc::new(Mutex::new(HashMap::new())),
            monitor,
            lockout,
            alerts,
        }
    }

    /// The lockout table (IP blocks).
    pub fn lockout(&self) -> &Arc<Lockout<IpAddr>> {
        &self.lockout
    }

    /// Records an event.
    pub fn record(
        &self,
        kind: &'static str,
        severity: Severity,
        ip: Option<IpAddr>,
        subject: Option<&str>,
        detail: &str,
    ) {
        tracing::warn!(
            security = true,
            kind,
            severity = severity_name(severity),
            ip = ip.map(|i| i.to_string()).unwrap_or_default(),
            subject = subject.unwrap_or(""),
            detail,
            "security event"
        );
        metrics::counter!("voxgate_security_events_total", "kind" => kind).increment(1);
        let row = NewSecurityEvent {
            at: unix_now(),
            kind: kind.to_owned(),
            severity: severity_name(severity).to_owned(),
            ip: ip.map(|i| i.to_string()),
            subject: subject.map(str::to_owned),
            detail: detail.to_owned(),
        };
        if self.tx.try_send(row).is_err() {
            metrics::counter!("voxgate_security_events_dropped_total").increment(1);
        }
    }

    /// Records an event unless one of the same kind from the same address was recorded within
    /// [`DEDUP_WINDOW_SECS`]; for refusals that come in floods.
    pub fn record_deduped(
        &self,
        kind: &'static str,
        severity: Severity,
        ip: IpAddr,
        subject: Option<&str>,
        detail: &str,
    ) {
        let now = unix_now();
        {
            let mut recent = self.recent.lock();
            if recent
                .get(&(kind, ip))
                .is_some_and(|&t| now - t < DEDUP_WINDOW_SECS)
            {
                return;
            }
            if recent.len() > 100_000 {
                recent.retain(|_, t| now - *t < DEDUP_WINDOW_SECS);
            }
            recent.insert((kind, ip), now);
        }
        self.record(kind, severity, Some(ip), subject, detail);
    }

    /// Handles a [`SecuritySignal`] from a response: stores it, and for failed authentication
    /// feeds the lockout and the monitor.
    pub fn signal(&self, ip: IpAddr, s: &SecuritySignal) {
        self.record(
            s.kind,
            s.severity,
            Some(ip),
            s.subject.as_deref(),
            &s.detail,
        );
        if s.auth_failure {
            self.failed_auth(ip);
        }
    }

    fn failed_auth(&self, ip: IpAddr) {
        if let FailureOutcome::Blocked(retry) = self.lockout.record_failure(&ip) {
            self.record(
                "auth.lockout",
                Severity::High,
                Some(ip),
                None,
                &format!(
                    "too many failed authentications: address blocked for {} s",
                    retry.secs_ceil()
                ),
            );
        }
        if let Some(ev) = self.monitor.record_failed_auth(ip, unix_now()) {
            self.threshold(ev);
        }
    }

    /// A request refused by the rate limiter.
    pub fn rate_limited(&self, ip: IpAddr, group: &str) {
        self.record_deduped(
            "ratelimit.exceeded",
            Severity::Low,
            ip,
            None,
            &format!("rate limit of route group {group} exceeded"),
        );
        if let Some(ev) = self.monitor.record_rate_limited(ip, unix_now()) {
            self.threshold(ev);
        }
    }

    /// A webhook or callback with a bad signature from `source`.
    pub fn signature_failure(&self, ip: IpAddr, source: &str, kind: &'static str, detail: &str) {
        self.record(kind, Severity::Medium, Some(ip), Some(source), detail);
        if let Some(ev) = self.monitor.record_signature_failure(source, unix_now()) {
            self.threshold(ev);
        }
    }

    /// Personal data read by `actor`: an event when outside business hours.
    pub fn pii_access(&self, actor: &str, resource: &str) {
        if let Some(ev) = self.monitor.record_pii_access(actor, resource, unix_now()) {
            self.threshold(ev);
        }
    }

    /// A monitor threshold fired: store it, apply the block, alert.
    fn threshold(&self, ev: SecurityEvent) {
        let ip = ev.subject.parse::<IpAddr>().ok();
        self.record(
            ev.kind.event_type(),
            ev.severity,
            ip,
            Some(&ev.subject),
            &ev.message,
        );
        if let Some(b) = ev.block {
            self.lockout.block(b.ip, b.duration);
            self.record(
                "security.ip_blocked",
                Severity::High,
                Some(b.ip),
                None,
                &format!("automatic block for {} s", b.duration.as_secs()),
            );
        }
        if let Some(a) = &self.alerts {
            let a = a.clone();
            let body = serde_json::to_vec(&serde_json::json!({
                "type": ev.kind.event_type(),
                "severity": ev.severity,
                "subject": ev.subject,
                "count": ev.count,
                "window_secs": ev.window.as_secs(),
                "at": ev.at_unix,
                "blocked_secs": ev.block.map(|b| b.duration.as_secs()),
                "message": ev.message,
            }))
            .unwrap_or_default();
            tokio::spawn(async move {
                let sig = a.signer.sign(&body, unix_now());
                let sent = a
                    .client
                    .post(&a.url)
                    .header(voxgate_security::signature::HEADER_NAME, sig)
                    .header("content-type", "application/json")
                    .body(body)
                    .send()
                    .await;
                match sent {
                    Ok(r) if r.status().is_success() => {}
                    Ok(r) => {
                        tracing::warn!(status = %r.status(), "alert webhook refused the alert")
                    }
                    Err(e) => tracing::warn!(error = %e, "alert webhook unreachable"),
                }
            });
        }
    }
}
