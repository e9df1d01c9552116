//! The HTTP guard: one middleware in front of every route of the HTTP listener.
//!
//! In order: resolve the client IP (`X-Forwarded-For` only from trusted proxies) → refuse
//! blocked IPs (429 + `Retry-After`) → CIDR allowlist of the route group (403) → CORS (preflight
//! answered here; a foreign `Origin` gets 403) → declared body size (413) → per-IP token bucket of
//! the route group (429 + `Retry-After`) → the route → security events for any
//! [`SecuritySignal`] the route attached → security headers (HSTS with TLS) and CORS headers on
//! every response, errors included.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use voxgate_security::headers::{security_headers, CorsPolicy};
use voxgate_security::monitor::Severity;
use voxgate_security::net::{ClientIpResolver, IpAllowlist};
use voxgate_security::ratelimit::{Quota, RouteLimits, SystemClock};

use super::events::{SecurityEvents, SecuritySignal};
use super::AuthService;
use crate::api::ApiError;
use crate::config::Config;

/// Route groups: each has its own rate limit and allowlist.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RouteGroup {
    /// `/api/v1/auth/*`.
    Auth,
    /// `/api/v1/keys`, `/api/v1/users`, `/api/v1/security`.
    Admin,
    /// Other `/api/*`.
    Api,
    /// The Twilio webhook and Media Streams paths.
    Webhooks,
    /// Everything else.
    Other,
}

impl RouteGroup {
    /// Name used for rate-limit buckets and events.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Auth => "auth",
            Self::Admin => "admin",
            Self::Api => "api",
            Self::Webhooks => "webhooks",
            Self::Other => "other",
        }
    }
}

/// Everything the guard needs, built once from the configuration.
pub struct HttpGuard {
    resolver: ClientIpResolver,
    limits: Option<RouteLimits<IpAddr>>,
    allow_api: IpAllowlist,
    allow_admin: IpAllowlist,
    allow_twilio: IpAllowlist,
    allow_other: IpAllowlist,
    cors: CorsPolicy,
    headers: Vec<(HeaderName, HeaderValue)>,
    events: SecurityEvents,
    auth: Arc<AuthService>,
    twilio_paths: Vec<String>,
    max_body: u64,
}

impl std::fmt::Debug for HttpGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpGuard").finish_non_exhaustive()
    }
}

impl HttpGuard {
    /// Builds the guard.
    ///
    /// # Errors
    /// A message for an invalid allowlist, CORS origin or quota (already caught by
    /// [`Config::validate`]).
    pub fn new(
        config: &Config,
        events: SecurityEvents,
        auth: Arc<AuthService>,
    ) -> Result<Self, String> {
        let n = &config.network;
        let list = |name: &str, l: &[String]| {
            IpAllowlist::parse(l).map_err(|e| format!("network.{name}: {e}"))
        };
        let r = &config.rate_limits;
        let limits = if r.enabled {
            let q = |per_s: u32, burst: u32| Quota::per_second(per_s).with_burst(burst);
            let auth = Quota::per_minute(r.auth_per_minute).with_burst(r.auth_burst);
            let api = q(r.api_per_second, r.api_burst);
            Some(
                RouteLimits::new(
                    q(r.other_per_second, r.other_burst),
                    &[
                        ("auth", auth),
                        ("admin", api),
                        ("api", api),
                        ("webhooks", q(r.webhooks_per_second, r.webhooks_burst)),
                    ],
                    100_000,
                    Arc::new(SystemClock::new()),
                )
                .map_err(|e| format!("rate_limits: {e}"))?,
            )
        } else {
            None
        };
        let headers = security_headers(config.tls.enabled())
            .into_iter()
            .filter_map(|(k, v)| {
                Some((
                    HeaderName::from_static(static_lower(k)?),
                    HeaderValue::from_static(v),
                ))
            })
            .collect();
        let mut twilio_paths = Vec::new();
        if config.twilio.enabled {
            twilio_paths.push(config.twilio.webhook_path.clone());
            twilio_paths.push(config.twilio.stream_path.clone());
        }
        Ok(Self {
            resolver: ClientIpResolver::new(list("trusted_proxies", &n.trusted_proxies)?),
            limits,
            allow_api: list("api_allow_from", &n.api_allow_from)?,
            allow_admin: list("admin_allow_from", &n.admin_allow_from)?,
            allow_twilio: list("twilio_allow_from", &n.twilio_allow_from)?,
            allow_other: list("other_allow_from", &n.other_allow_from)?,
            cors: CorsPolicy::new(&config.cors.allowed_origins, config.cors.allow_credentials)
                .map_err(|e| format!("cors: {e}"))?,
            headers,
            events,
            auth,
            twilio_paths,
            max_body: u64::try_from(config.http_limits.max_body_bytes).unwrap_or(u64::MAX),
        })
    }

    /// The route group of a path.
    pub fn group(&self, path: &str) -> RouteGroup {
        if let Some(rest) = path.strip_prefix("/api/") {
            if rest.starts_with("v1/auth/") {
                RouteGroup::Auth
            } else if ["v1/keys", "v1/users", "v1/security"]
                .iter()
                .any(|p| rest.starts_with(p))
            {
                RouteGroup::Admin
            } else {
                RouteGroup::Api
            }
        } else if self.twilio_paths.iter().any(|p| p == path) {
            RouteGroup::Webhooks
        } else {
            RouteGroup::Other
        }
    }

    fn allowlist(&self, g: RouteGroup) -> &IpAllowlist {
        match g {
            RouteGroup::Auth | RouteGroup::Api => &self.allow_api,
            RouteGroup::Admin => &self.allow_admin,
            RouteGroup::Webhooks => &self.allow_twilio,
            RouteGroup::Other => &self.allow_other,
        }
    }
}

/// `security_headers` names are `&'static str` in canonical case; `HeaderName::from_static`
/// wants lowercase, so map the known ones.
fn static_lower(name: &'static str) -> Option<&'static str> {
    Some(match name {
        "Content-Security-Policy" => "content-security-policy",
        "X-Content-Type-Options" => "x-content-type-options",
        "X-Frame-Options" => "x-frame-options",
        "Referrer-Policy" => "referrer-policy",
        "Permissions-Policy" => "permissions-policy",
        "Cross-Origin-Opener-Policy" => "cross-origin-opener-policy",
        "Cross-Origin-Resource-Policy" => "cross-origin-resource-policy",
        "Cache-Control" => "cache-control",
        "Strict-Transport-Security" => "strict-transport-security",
        _ => return None,
    })
}

/// Whether `origin` names the host the request was sent to (same-origin requests from the
/// browser page carry an `Origin` too).
fn same_origin(origin: &str, host: Option<&str>) -> bool {
    let Some(host) = host else { return false };
    origin
        .split_once("://")
        .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(host))
}

/// The middleware; install with `axum::middleware::from_fn_with_state(Arc<HttpGuard>, guard)`.
pub async fn guard(State(g): State<Arc<HttpGuard>>, mut req: Request, next: Next) -> Response {
    let peer = req
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip())
        .unwrap_or(IpAddr::from([0, 0, 0, 0]));
    let xff: Vec<&str> = req
        .headers()
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let ip = g.resolver.resolve(peer, &xff);
    let spoofed = !xff.is_empty() && ip == voxgate_security::net::canonical_ip(peer);
    let group = g.group(req.uri().path());
    let origin = req
        .headers()
        .get(header::ORIGIN)
        .and_then(|o| o.to_str().ok())
        .map(str::to_owned);
    let allowed_origin = origin.as_deref().and_then(|o| g.cors.allow_origin(o));

    let early = pre_checks(
        &g,
        &req,
        ip,
        peer,
        spoofed,
        group,
        origin.as_deref(),
        &allowed_origin,
    );
    let mut response = match early {
        Some(r) => r,
        None => {
            req.extensions_mut().insert(super::ClientIp(ip));
            req.extensions_mut().insert(Arc::clone(&g.auth));
            req.extensions_mut().insert(super::RequestSecurity {
                ip,
                events: g.events.clone(),
            });
            let mut r = next.run(req).await;
            if let Some(sig) = r.extensions_mut().remove::<SecuritySignal>() {
                if let Some(source) = sig
                    .kind
                    .starts_with("signature.")
                    .then_some(())
                    .and(sig.subject.as_deref())
                {
                    g.events
                        .signature_failure(ip, source, sig.kind, &sig.detail);
                } else if sig.severity == Severity::Low && !sig.auth_failure {
                    g.events.record_deduped(
                        sig.kind,
                        sig.severity,
                        ip,
                        sig.subject.as_deref(),
                        &sig.detail,
                    );
                } else {
                    g.events.signal(ip, &sig);
                }
            }
            r
        }
    };
    let h = response.headers_mut();
    for (k, v) in &g.headers {
        // A route that set its own (the browser page's CSP) keeps it.
        if !h.contains_key(k) {
            h.insert(k.clone(), v.clone());
        }
    }
    if let Some(o) = allowed_origin.and_then(|o| HeaderValue::from_str(&o).ok()) {
        h.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, o);
        h.append(header::VARY, HeaderValue::from_static("origin"));
        if g.cors.allow_credentials() {
            h.insert(
                header::ACCESS_CONTROL_ALLOW_CREDENTIALS,
                HeaderValue::from_static("true"),
            );
        }
    }
    response
}

#[allow(clippy::too_many_arguments)]
fn pre_checks(
    g: &HttpGuard,
    req: &Request,
    ip: IpAddr,
    peer: IpAddr,
    spoofed: bool,
    group: RouteGroup,
    origin: Option<&str>,
    allowed_origin: &Option<String>,
) -> Option<Response> {
    if let Err(retry) = g.events.lockout().check(&ip) {
        g.events.record_deduped(
            "blocked.request",
            Severity::Low,
            ip,
            None,
            "request from a blocked address",
        );
        return Some(ApiError::too_many_requests(retry.secs_ceil()).into_response());
    }
    if !g.allowlist(group).contains(ip) {
        let detail = if spoofed {
            format!(
                "address not allowed for route group {} (X-Forwarded-For from untrusted peer {peer} ignored)",
                group.as_str()
            )
        } else {
            format!("address not allowed for route group {}", group.as_str())
        };
        g.events
            .record_deduped("network.denied", Severity::Medium, ip, None, &detail);
        return Some(ApiError::forbidden().into_response());
    }
    if let Some(o) = origin {
        let host = req
            .headers()
            .get(header::HOST)
            .and_then(|h| h.to_str().ok());
        let preflight = req.method() == Method::OPTIONS
            && req
                .headers()
                .contains_key(header::ACCESS_CONTROL_REQUEST_METHOD);
        if allowed_origin.is_none() && !same_origin(o, host) {
            g.events.record_deduped(
                "cors.origin_refused",
                Severity::Medium,
                ip,
                None,
                &format!("cross-origin request from {:?} refused", truncate(o, 100)),
            );
            return Some(
                ApiError::new(
                    StatusCode::FORBIDDEN,
                    "origin_not_allowed",
                    "origin not allowed",
                )
                .into_response(),
            );
        }
        if preflight {
            return Some(
                (
                    StatusCode::NO_CONTENT,
                    [
                        (
                            header::ACCESS_CONTROL_ALLOW_METHODS,
                            "GET, POST, PUT, PATCH, DELETE",
                        ),
                        (
                            header::ACCESS_CONTROL_ALLOW_HEADERS,
                            "authorization, content-type, x-api-key",
                        ),
                        (header::ACCESS_CONTROL_MAX_AGE, "600"),
                    ],
                )
                    .into_response(),
            );
        }
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|n| n > g.max_body) {
        g.events.record_deduped(
            "http.body_too_large",
            Severity::Medium,
            ip,
            None,
            &format!(
                "declared body of {} bytes over the limit of {}",
                declared.unwrap_or(0),
                g.max_body
            ),
        );
        return Some(
            ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body_too_large",
                "request body too large",
            )
            .into_response(),
        );
    }
    if let Some(l) = &g.limits {
        if let Err(retry) = l.check(group.as_str(), &ip) {
            g.events.rate_limited(ip, group.as_str());
            return Some(ApiError::too_many_requests(retry.secs_ceil()).into_response());
        }
    }
    None
}

fn truncate(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_origin_matches_host_only() {
        assert!(same_origin("http://127.0.0.1:8080", Some("127.0.0.1:8080")));
        assert!(same_origin(
            "https://Voice.Example.org",
            Some("voice.example.org")
        ));
        assert!(!same_origin(
            "https://evil.example",
            Some("voice.example.org")
        ));
        assert!(!same_origin(
            "https://voice.example.org.evil",
            Some("voice.example.org")
        ));
        assert!(!same_origin("null", Some("x")));
        assert!(!same_origin("https://a", None));
    }

    #[test]
    fn every_security_header_has_a_lowercase_name() {
        for (k, _) in security_headers(true) {
            assert_eq!(
                static_lower(k),
                Some(k.to_ascii_lowercase()).as_deref(),
                "{k}"
            );
        }
    }
}
