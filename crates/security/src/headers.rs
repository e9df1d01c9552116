//! Hardened HTTP response headers and the CORS origin policy, as plain data for the server's
//! middleware (no HTTP framework here).
//!
//! CORS is an exact-match allowlist of origins (`scheme://host[:port]`). A wildcard is refused
//! when credentials are allowed, `null` (sandboxed frames, `file://`) is never allowed, and the
//! response echoes the one matching origin, never `*` for credentialed requests.

use crate::{Error, Result};

/// `Strict-Transport-Security` value sent when TLS is on: two years, subdomains included.
pub const HSTS: &str = "max-age=63072000; includeSubDomains";

/// Content Security Policy for the API and the browser voice client: same-origin scripts,
/// styles, media and WebSocket connections only; no plugins, no framing, no foreign forms.
pub const CSP: &str =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
media-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
form-action 'self'; frame-ancestors 'none'";

/// The security headers to add to every response. `Strict-Transport-Security` is included only
/// when `tls` is true (browsers ignore it over plain HTTP, and sending it there misleads).
pub fn security_headers(tls: bool) -> Vec<(&'static str, &'static str)> {
    let mut h = vec![
        ("Content-Security-Policy", CSP),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "no-referrer"),
        (
            "Permissions-Policy",
            "microphone=(self), camera=(), geolocation=(), payment=(), usb=()",
        ),
        ("Cross-Origin-Opener-Policy", "same-origin"),
        ("Cross-Origin-Resource-Policy", "same-origin"),
        ("Cache-Control", "no-store"),
    ];
    if tls {
        h.push(("Strict-Transport-Security", HSTS));
    }
    h
}

/// Which cross-origin callers may use the API from a browser.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorsPolicy {
    origins: Vec<String>,
    any: bool,
    allow_credentials: bool,
}

/// Lowercases scheme and host, drops a default port and a trailing slash; `None` unless the
/// text is exactly `http(s)://host[:port]`.
fn normalize_origin(origin: &str) -> Option<String> {
    let o = origin.trim().trim_end_matches('/').to_ascii_lowercase();
    let (scheme, rest) = o.split_once("://")?;
    if scheme != "http" && scheme != "https" {
        return None;
    }
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', ' ']) || !rest.is_ascii() {
        return None;
    }
    // Split host and port; IPv6 literals are bracketed.
    let (host, port) = if let Some(r) = rest.strip_prefix('[') {
        let (h, after) = r.split_once(']')?;
        h.parse::<std::net::Ipv6Addr>().ok()?;
        if !after.is_empty() && !after.starts_with(':') {
            return None;
        }
        (&rest[..h.len() + 2], after.strip_prefix(':'))
    } else {
        match rest.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (rest, None),
        }
    };
    if host.is_empty() || (!host.starts_with('[') && host.contains(':')) {
        return None;
    }
    let port = match port {
        Some(p) => Some(p.parse::<u16>().ok()?),
        None => None,
    };
    let default = if scheme == "https" { 443 } else { 80 };
    let host = match port {
        Some(p) if p != default => format!("{host}:{p}"),
        _ => host.to_owned(),
    };
    Some(format!("{scheme}://{host}"))
}

impl CorsPolicy {
    /// Builds a policy. `origins` may contain `*` only when `allow_credentials` is false.
    ///
    /// # Errors
    /// [`Error::Config`] for `*` with credentials, `null`, or an entry that is not an origin.
    pub fn new<S: AsRef<str>>(origins: &[S], allow_credentials: bool) -> Result<Self> {
        let mut list = Vec::new();
        let mut any = false;
        for o in origins {
            let o = o.as_ref().trim();
            if o == "*" {
                if allow_credentials {
                    return Err(Error::Config(
                        "CORS: '*' cannot be combined with credentials; list the origins".into(),
                    ));
                }
                any = true;
            } else if o.eq_ignore_ascii_case("null") {
                return Err(Error::Config(
                    "CORS: the 'null' origin is never allowed".into(),
                ));
            } else {
                list.push(normalize_origin(o).ok_or_else(|| {
                    Error::Config(format!(
                        "CORS: {o:?} is not an origin (scheme://host[:port])"
                    ))
                })?);
            }
        }
        Ok(Self {
            origins: list,
            any,
            allow_credentials,
        })
    }

    /// A policy that allows no cross-origin use (the default).
    pub fn deny_all() -> Self {
        Self {
            origins: Vec::new(),
            any: false,
            allow_credentials: false,
        }
    }

    /// The `Access-Control-Allow-Origin` value for a request's `Origin`, or `None` to send no
    /// CORS headers (the browser then blocks the response).
    pub fn allow_origin(&self, origin: &str) -> Option<String> {
        let n = normalize_origin(origin)?;
        if self.origins.contains(&n) {
            Some(origin.trim().to_owned())
        } else if self.any {
            Some("*".to_owned())
        } else {
            None
        }
    }

    /// Whether `Access-Control-Allow-Credentials: true` is sent (only with an echoed origin).
    pub fn allow_credentials(&self) -> bool {
        self.allow_credentials
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_hsts_only_with_tls() {
        let plain = security_headers(false);
        assert!(plain.iter().all(|(k, _)| *k != "Strict-Transport-Security"));
        assert!(plain.contains(&("X-Content-Type-Options", "nosniff")));
        assert!(plain.contains(&("Referrer-Policy", "no-referrer")));
        let csp = plain
            .iter()
            .find(|(k, _)| *k == "Content-Security-Policy")
            .unwrap()
            .1;
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline") && !csp.contains('*'));
        let tls = security_headers(true);
        assert!(tls.contains(&("Strict-Transport-Security", HSTS)));
    }

    #[test]
    fn cors_allowlist() {
        let p = CorsPolicy::new(
            &["https://console.example.org", "http://localhost:5173/"],
            true,
        )
        .unwrap();
        assert_eq!(
            p.allow_origin("https://console.example.org").as_deref(),
            Some("https://console.example.org")
        );
        assert!(p.allow_origin("HTTPS://Console.Example.org:443").is_some());
        assert!(p.allow_origin("http://localhost:5173").is_some());
        assert_eq!(
            normalize_origin("https://[::1]:8443").as_deref(),
            Some("https://[::1]:8443")
        );
        assert_eq!(normalize_origin("http://h:80").as_deref(), Some("http://h"));
        assert_eq!(normalize_origin("http://h:99999"), None);
        assert_eq!(normalize_origin("http://[::1]x"), None);
        assert_eq!(normalize_origin("http://a:b:1"), None);
        for foreign in [
            "https://evil.example",
            "https://console.example.org.evil.example",
            "http://console.example.org",
            "https://console.example.org:8443",
            "null",
            "",
            "https://console.example.org/path",
        ] {
            assert_eq!(p.allow_origin(foreign), None, "{foreign}");
        }
        assert!(p.allow_credentials());
    }

    #[test]
    fn cors_configuration_rules() {
        assert!(CorsPolicy::new(&["*"], true).is_err());
        assert!(CorsPolicy::new(&["null"], false).is_err());
        assert!(CorsPolicy::new(&["console.example.org"], false).is_err());
        assert!(CorsPolicy::new(&["ftp://x.example"], false).is_err());
        let open = CorsPolicy::new(&["*"], false).unwrap();
        assert_eq!(
            open.allow_origin("https://anyone.example").as_deref(),
            Some("*")
        );
        assert_eq!(open.allow_origin("null"), None);
        assert_eq!(
            CorsPolicy::deny_all().allow_origin("https://a.example"),
            None
        );
    }
}
