//! Configuration sections of the security layer: `[auth]`, `[http_limits]`, `[rate_limits]`,
//! `[network]`, `[cors]` and `[monitor]`. Each key is documented, with its default, in
//! `voxgate.example.toml`.

use serde::{Deserialize, Serialize};

use crate::config::ConfigSecret;

/// Tokens, passwords and lockout (`[auth]`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuthSection {
    /// `iss` of access tokens.
    pub issuer: String,
    /// `aud` of access tokens.
    pub audience: String,
    /// Access-token lifetime in seconds.
    pub access_ttl_secs: u64,
    /// Refresh-token lifetime in seconds.
    pub refresh_ttl_secs: u64,
    /// Lifetime of the restricted token that only allows enrolling MFA or changing an initial
    /// password, in seconds.
    pub setup_ttl_secs: u64,
    /// Minimum password length in characters.
    pub password_min_chars: usize,
    /// Failed authentications from one client IP within `lockout_window_secs` that block it.
    pub lockout_max_failures: u32,
    /// Sliding window of the lockout, in seconds.
    pub lockout_window_secs: u64,
    /// How long a locked-out IP stays blocked, in seconds.
    pub lockout_block_secs: u64,
    /// How long a verified API key is cached in memory, in seconds; revocations through the API
    /// take effect at once, revocations by the CLI within this time.
    pub api_key_cache_secs: u64,
    /// Allow `POST /browser/token` without authentication from loopback clients (development).
    pub browser_token_loopback_without_auth: bool,
}

impl Default for AuthSection {
    fn default() -> Self {
        Self {
            issuer: "voxgate".into(),
            audience: "voxgate-api".into(),
            access_ttl_secs: 900,
            refresh_ttl_secs: 7 * 24 * 3600,
            setup_ttl_secs: 600,
            password_min_chars: 12,
            lockout_max_failures: 5,
            lockout_window_secs: 900,
            lockout_block_secs: 3600,
            api_key_cache_secs: 5,
            browser_token_loopback_without_auth: true,
        }
    }
}

/// Limits of the HTTP listener against oversized and slow clients (`[http_limits]`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct HttpLimitsSection {
    /// Largest request body, in bytes (413 above).
    pub max_body_bytes: usize,
    /// Largest request head (request line and headers), in bytes (431 above).
    pub max_header_bytes: usize,
    /// Most header fields in one request.
    pub max_headers: usize,
    /// Time a client has to send a complete request head, including the wait for the next
    /// request on a kept-alive connection; slow or idle connections are closed after it.
    pub header_read_timeout_secs: u64,
    /// Time to read a body and produce a response (408 after it); WebSockets are exempt once
    /// upgraded.
    pub request_timeout_secs: u64,
    /// Time a TLS handshake may take, in seconds.
    pub tls_handshake_timeout_secs: u64,
    /// Open connections allowed per client IP.
    pub max_connections_per_ip: u32,
}

impl Default for HttpLimitsSection {
    fn default() -> Self {
        Self {
            max_body_bytes: 1024 * 1024,
            max_header_bytes: 16 * 1024,
            max_headers: 64,
            header_read_timeout_secs: 10,
            request_timeout_secs: 30,
            tls_handshake_timeout_secs: 10,
            max_connections_per_ip: 256,
        }
    }
}

/// Token-bucket limits per route group (`[rate_limits]`). Each client IP gets one bucket per
/// group; each authenticated principal gets one more bucket (`per_principal_*`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RateLimitsSection {
    /// Whether rate limiting is on.
    pub enabled: bool,
    /// `/api/v1/auth/*` requests per minute per IP.
    pub auth_per_minute: u32,
    /// Burst for the auth group.
    pub auth_burst: u32,
    /// Other `/api/*` requests per second per IP.
    pub api_per_second: u32,
    /// Burst for the api group.
    pub api_burst: u32,
    /// Twilio webhook and stream requests per second per IP.
    pub webhooks_per_second: u32,
    /// Burst for the webhooks group.
    pub webhooks_burst: u32,
    /// Everything else (browser page, tokens) per second per IP.
    pub other_per_second: u32,
    /// Burst for everything else.
    pub other_burst: u32,
    /// Requests per second per authenticated user or API key.
    pub per_principal_per_second: u32,
    /// Burst per principal.
    pub per_principal_burst: u32,
}

impl Default for RateLimitsSection {
    fn default() -> Self {
        Self {
            enabled: true,
            auth_per_minute: 30,
            auth_burst: 10,
            api_per_second: 50,
            api_burst: 100,
            webhooks_per_second: 50,
            webhooks_burst: 100,
            other_per_second: 20,
            other_burst: 40,
            per_principal_per_second: 100,
            per_principal_burst: 200,
        }
    }
}

fn everywhere() -> Vec<String> {
    vec!["0.0.0.0/0".into(), "::/0".into()]
}

/// Network rules (`[network]`): CIDR allowlists per route group and trusted proxies.
/// An empty list allows nothing.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NetworkSection {
    /// Proxies whose `X-Forwarded-For` is believed; from anyone else it is ignored.
    pub trusted_proxies: Vec<String>,
    /// Who may reach `/api/v1/*` (except the admin routes below).
    pub api_allow_from: Vec<String>,
    /// Who may reach the administrative routes (`/api/v1/keys`, `/api/v1/users`,
    /// `/api/v1/security`).
    pub admin_allow_from: Vec<String>,
    /// Who may reach the Twilio webhook and Media Streams paths (Twilio's egress ranges).
    pub twilio_allow_from: Vec<String>,
    /// Who may reach everything else on the HTTP listener (browser page and WebSocket).
    pub other_allow_from: Vec<String>,
}

impl Default for NetworkSection {
    fn default() -> Self {
        Self {
            trusted_proxies: Vec::new(),
            api_allow_from: everywhere(),
            admin_allow_from: everywhere(),
            twilio_allow_from: everywhere(),
            other_allow_from: everywhere(),
        }
    }
}

/// Cross-origin browser access (`[cors]`). Same-origin requests are always allowed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CorsSection {
    /// Origins (`https://app.example.org`) allowed to call the API from a browser.
    pub allowed_origins: Vec<String>,
    /// Whether those origins may send credentials (cookies); never with `*`.
    pub allow_credentials: bool,
}

/// Security monitoring thresholds and alerting (`[monitor]`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MonitorSection {
    /// Failed authentications per IP within `failed_auth_window_secs` that raise an event.
    pub failed_auth_limit: u32,
    /// Window of the failed-auth rule, in seconds.
    pub failed_auth_window_secs: u64,
    /// Rate-limit refusals per IP within `rate_limit_window_secs` that raise an event.
    pub rate_limit_limit: u32,
    /// Window of the rate-limit rule, in seconds.
    pub rate_limit_window_secs: u64,
    /// Bad signatures per source within `signature_window_secs` that raise an event.
    pub signature_limit: u32,
    /// Window of the signature rule, in seconds.
    pub signature_window_secs: u64,
    /// Block the IP of a failed-auth or rate-limit event for this long, in seconds; 0 disables.
    pub auto_block_secs: u64,
    /// URL receiving threshold events as signed JSON (`Voxgate-Signature`); empty disables.
    pub alert_webhook_url: String,
    /// Secret signing the alert webhook (at least 16 bytes).
    pub alert_webhook_secret: ConfigSecret,
}

impl Default for MonitorSection {
    fn default() -> Self {
        Self {
            failed_auth_limit: 10,
            failed_auth_window_secs: 900,
            rate_limit_limit: 100,
            rate_limit_window_secs: 3600,
            signature_limit: 10,
            signature_window_secs: 3600,
            auto_block_secs: 3600,
            alert_webhook_url: String::new(),
            alert_webhook_secret: ConfigSecret::default(),
        }
    }
}

/// Inbound callbacks signed with `Voxgate-Signature` (`[callbacks]`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CallbacksSection {
    /// Whether `POST /api/v1/callbacks/{source}` is served.
    pub enabled: bool,
    /// Shared secret integrators sign with (at least 16 bytes).
    pub secret: ConfigSecret,
    /// Accepted clock difference and replay window, in seconds.
    pub tolerance_secs: u64,
}

impl Default for CallbacksSection {
    fn default() -> Self {
        Self {
            enabled: false,
            secret: ConfigSecret::default(),
            tolerance_secs: voxgate_security::signature::DEFAULT_TOLERANCE_SECS,
        }
    }
}

/// Pure checks of the security sections (no I/O); one line per problem.
pub fn validate(c: &crate::config::Config) -> Vec<String> {
    let mut p = Vec::new();
    let a = &c.auth;
    if a.issuer.is_empty() || a.audience.is_empty() {
        p.push("auth.issuer and auth.audience must not be empty".into());
    }
    for (k, v, lo, hi) in [
        ("auth.access_ttl_secs", a.access_ttl_secs, 30, 86_400),
        ("auth.refresh_ttl_secs", a.refresh_ttl_secs, 60, 90 * 86_400),
        ("auth.setup_ttl_secs", a.setup_ttl_secs, 30, 3600),
        ("auth.lockout_window_secs", a.lockout_window_secs, 1, 86_400),
        (
            "auth.lockout_block_secs",
            a.lockout_block_secs,
            1,
            30 * 86_400,
        ),
        ("auth.api_key_cache_secs", a.api_key_cache_secs, 0, 300),
        (
            "http_limits.header_read_timeout_secs",
            c.http_limits.header_read_timeout_secs,
            1,
            600,
        ),
        (
            "http_limits.request_timeout_secs",
            c.http_limits.request_timeout_secs,
            1,
            3600,
        ),
        (
            "http_limits.tls_handshake_timeout_secs",
            c.http_limits.tls_handshake_timeout_secs,
            1,
            600,
        ),
        (
            "tls.reload_interval_secs",
            c.tls.reload_interval_secs,
            1,
            86_400,
        ),
    ] {
        if !(lo..=hi).contains(&v) {
            p.push(format!("{k} = {v} must be between {lo} and {hi}"));
        }
    }
    if a.password_min_chars < 8 {
        p.push("auth.password_min_chars must be at least 8".into());
    }
    if a.lockout_max_failures == 0 {
        p.push("auth.lockout_max_failures must be at least 1".into());
    }
    let l = &c.http_limits;
    if l.max_header_bytes < 8192 {
        p.push("http_limits.max_header_bytes must be at least 8192".into());
    }
    if l.max_headers == 0 || l.max_body_bytes == 0 {
        p.push("http_limits: max_headers and max_body_bytes must be positive".into());
    }
    if l.max_connections_per_ip == 0 {
        p.push("http_limits.max_connections_per_ip must be at least 1".into());
    }
    let r = &c.rate_limits;
    for (k, v) in [
        ("auth_per_minute", r.auth_per_minute),
        ("auth_burst", r.auth_burst),
        ("api_per_second", r.api_per_second),
        ("api_burst", r.api_burst),
        ("webhooks_per_second", r.webhooks_per_second),
        ("webhooks_burst", r.webhooks_burst),
        ("other_per_second", r.other_per_second),
        ("other_burst", r.other_burst),
        ("per_principal_per_second", r.per_principal_per_second),
        ("per_principal_burst", r.per_principal_burst),
    ] {
        if v == 0 {
            p.push(format!("rate_limits.{k} must be at least 1"));
        }
    }
    let n = &c.network;
    for (k, list) in [
        ("trusted_proxies", &n.trusted_proxies),
        ("api_allow_from", &n.api_allow_from),
        ("admin_allow_from", &n.admin_allow_from),
        ("twilio_allow_from", &n.twilio_allow_from),
        ("other_allow_from", &n.other_allow_from),
    ] {
        if let Err(e) = voxgate_security::net::IpAllowlist::parse(list) {
            p.push(format!("network.{k}: {e}"));
        }
    }
    if let Err(e) = voxgate_security::headers::CorsPolicy::new(
        &c.cors.allowed_origins,
        c.cors.allow_credentials,
    ) {
        p.push(format!("cors.allowed_origins: {e}"));
    }
    let m = &c.monitor;
    if m.failed_auth_limit == 0
        || m.rate_limit_limit == 0
        || m.signature_limit == 0
        || m.failed_auth_window_secs == 0
        || m.rate_limit_window_secs == 0
        || m.signature_window_secs == 0
    {
        p.push("monitor: every limit and window must be at least 1".into());
    }
    if !m.alert_webhook_url.is_empty() {
        if !(m.alert_webhook_url.starts_with("https://")
            || m.alert_webhook_url.starts_with("http://"))
        {
            p.push("monitor.alert_webhook_url must be an http(s) URL".into());
        }
        if m.alert_webhook_secret.expose().map_or(0, str::len)
            < voxgate_security::signature::MIN_SECRET_BYTES
        {
            p.push("monitor.alert_webhook_secret must be set (at least 16 bytes) when alert_webhook_url is".into());
        }
    }
    if c.callbacks.enabled
        && c.callbacks.secret.expose().map_or(0, str::len)
            < voxgate_security::signature::MIN_SECRET_BYTES
    {
        p.push("callbacks.secret must be set (at least 16 bytes) when callbacks.enabled".into());
    }
    p
}
