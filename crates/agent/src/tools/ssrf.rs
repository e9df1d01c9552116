//! SSRF protection for webhook tools.
//!
//! A webhook URL comes from configuration, but its host name resolves at call time, and a
//! tool's target is exactly what an attacker who controls DNS (or a redirect) would aim at the
//! cloud metadata service or an internal admin port. So: the host is resolved here, every
//! address is classified, non-public ones are refused unless allowlisted, and the HTTP client
//! connects only to the addresses that passed ([`GuardedResolver`] is reqwest's resolver, so
//! there is no second lookup a rebinding DNS server could answer differently). IP literals,
//! which reqwest does not resolve, are vetted by [`SsrfGuard::check_url`] before the request
//! and by the redirect policy for every hop.

use std::collections::HashSet;
use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;

use voxgate_security::net::IpAllowlist;

use crate::{Error, Result};

/// Why an address is not public.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BlockedClass {
    /// `0.0.0.0/8`, `::`.
    Unspecified,
    /// `127.0.0.0/8`, `::1`.
    Loopback,
    /// RFC 1918: `10/8`, `172.16/12`, `192.168/16`.
    Private,
    /// IPv6 unique local `fc00::/7` (and deprecated site-local `fec0::/10`).
    UniqueLocal,
    /// `169.254.0.0/16` (cloud metadata at `169.254.169.254`), `fe80::/10`.
    LinkLocal,
    /// Carrier-grade NAT `100.64.0.0/10`.
    SharedCgnat,
    /// `224.0.0.0/4`, `ff00::/8`.
    Multicast,
    /// `255.255.255.255`.
    Broadcast,
    /// Documentation, benchmarking, IETF protocol and reserved ranges (`192.0.2/24`,
    /// `198.18/15`, `240/4`, `2001:db8::/32`, `100::/64`, `2001::/23`, ...).
    Reserved,
}

impl BlockedClass {
    /// A short lower-case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Unspecified => "unspecified",
            Self::Loopback => "loopback",
            Self::Private => "private",
            Self::UniqueLocal => "unique local",
            Self::LinkLocal => "link-local",
            Self::SharedCgnat => "carrier-grade NAT",
            Self::Multicast => "multicast",
            Self::Broadcast => "broadcast",
            Self::Reserved => "reserved",
        }
    }
}

impl fmt::Display for BlockedClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

fn classify_v4(ip: Ipv4Addr) -> Option<BlockedClass> {
    let [a, b, c, _] = ip.octets();
    Some(match (a, b, c) {
        (0, _, _) => BlockedClass::Unspecified,
        (127, _, _) => BlockedClass::Loopback,
        (10, _, _) | (192, 168, _) => BlockedClass::Private,
        (172, b, _) if (16..=31).contains(&b) => BlockedClass::Private,
        (169, 254, _) => BlockedClass::LinkLocal,
        (100, b, _) if (64..=127).contains(&b) => BlockedClass::SharedCgnat,
        (224..=239, _, _) => BlockedClass::Multicast,
        _ if ip == Ipv4Addr::BROADCAST => BlockedClass::Broadcast,
        (240..=255, _, _)
        | (192, 0, 0)
        | (192, 0, 2)
        | (198, 51, 100)
        | (203, 0, 113)
        | (192, 88, 99) => BlockedClass::Reserved,
        (198, 18 | 19, _) => BlockedClass::Reserved,
        _ => return None,
    })
}

/// The IPv4 address an IPv6 address carries, for the forms that reach an IPv4 host:
/// IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible `::a.b.c.d`, NAT64 `64:ff9b::a.b.c.d` and
/// 6to4 `2002:aabb:ccdd::`.
fn embedded_v4(ip: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = ip.segments();
    let tail = Ipv4Addr::new((s[6] >> 8) as u8, s[6] as u8, (s[7] >> 8) as u8, s[7] as u8);
    if let Some(v4) = ip.to_ipv4_mapped() {
        return Some(v4);
    }
    if s[..6] == [0; 6] && !(s[6] == 0 && s[7] <= 1) {
        return Some(tail);
    }
    if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        return Some(tail);
    }
    if s[0] == 0x2002 {
        return Some(Ipv4Addr::new(
            (s[1] >> 8) as u8,
            s[1] as u8,
            (s[2] >> 8) as u8,
            s[2] as u8,
        ));
    }
    None
}

/// The class of a non-public address, `None` for a public one.
pub fn classify(ip: IpAddr) -> Option<BlockedClass> {
    match ip {
        IpAddr::V4(v4) => classify_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = embedded_v4(v6) {
                return classify_v4(v4);
            }
            let s = v6.segments();
            if v6.is_unspecified() {
                Some(BlockedClass::Unspecified)
            } else if v6.is_loopback() {
                Some(BlockedClass::Loopback)
            } else if s[0] & 0xfe00 == 0xfc00 || s[0] & 0xffc0 == 0xfec0 {
                Some(BlockedClass::UniqueLocal)
            } else if s[0] & 0xffc0 == 0xfe80 {
                Some(BlockedClass::LinkLocal)
            } else if s[0] & 0xff00 == 0xff00 {
                Some(BlockedClass::Multicast)
            } else if (s[0] == 0x2001 && (s[1] == 0x0db8 || s[1] < 0x0200))
                || (s[0] == 0x0100 && s[1..4] == [0, 0, 0])
                || s[0] & 0xe000 != 0x2000
            {
                // Outside 2000::/3 nothing is routable global unicast today.
                Some(BlockedClass::Reserved)
            } else {
                None
            }
        }
    }
}

/// The vetting rules: which destinations webhooks may reach.
#[derive(Debug, Clone, Default)]
pub struct SsrfGuard {
    nets: IpAllowlist,
    hosts: HashSet<String>,
    /// `*.corp.example` entries, stored as `.corp.example`.
    suffixes: Vec<String>,
}

fn normalize_host(h: &str) -> String {
    h.trim()
        .trim_end_matches('.')
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_ascii_lowercase()
}

impl SsrfGuard {
    /// Rules with `allowlist` entries: CIDRs or addresses (`10.1.0.0/16`, `127.0.0.1`, `::1`),
    /// host names (`crm.internal`) and wildcard domains (`*.corp.example`).
    ///
    /// # Errors
    /// [`Error::ToolsConfig`] for an entry that is neither.
    pub fn new<S: AsRef<str>>(allowlist: &[S]) -> Result<Self> {
        let mut nets = Vec::new();
        let mut hosts = HashSet::new();
        let mut suffixes = Vec::new();
        for e in allowlist {
            let e = e.as_ref().trim();
            let looks_ip = e.contains('/')
                || e.contains(':')
                || e.parse::<IpAddr>().is_ok()
                || e.chars().all(|c| c.is_ascii_digit() || c == '.');
            if looks_ip {
                nets.push(e.to_owned());
            } else if let Some(rest) = e.strip_prefix("*.") {
                if !valid_hostname(rest) {
                    return Err(Error::ToolsConfig(format!(
                        "ssrf_allowlist entry {e:?} is not a domain"
                    )));
                }
                suffixes.push(format!(".{}", normalize_host(rest)));
            } else if valid_hostname(e) {
                hosts.insert(normalize_host(e));
            } else {
                return Err(Error::ToolsConfig(format!(
                    "ssrf_allowlist entry {e:?} is neither a network nor a host name"
                )));
            }
        }
        let nets = IpAllowlist::parse(&nets)
            .map_err(|e| Error::ToolsConfig(format!("ssrf_allowlist: {e}")))?;
        Ok(Self {
            nets,
            hosts,
            suffixes,
        })
    }

    fn host_allowed(&self, host: &str) -> bool {
        let h = normalize_host(host);
        self.hosts.contains(&h) || self.suffixes.iter().any(|s| h.ends_with(s.as_str()))
    }

    /// Whether `ip`, reached through `host`, may be contacted.
    ///
    /// # Errors
    /// [`Error::SsrfRefused`] with the address class.
    pub fn check_ip(&self, host: &str, ip: IpAddr) -> Result<()> {
        match classify(ip) {
            None => Ok(()),
            Some(_) if self.nets.contains(ip) || self.host_allowed(host) => Ok(()),
            Some(class) => Err(Error::SsrfRefused {
                host: host.to_owned(),
                reason: format!("{ip} is a {class} address"),
            }),
        }
    }

    /// Checks a URL before a request: `http`/`https` only, and an IP-literal host is vetted
    /// here because no resolver sees it.
    ///
    /// # Errors
    /// [`Error::SsrfRefused`].
    pub fn check_url(&self, url: &reqwest::Url) -> Result<()> {
        let host = url.host_str().unwrap_or_default().to_owned();
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Error::SsrfRefused {
                host,
                reason: format!("scheme {:?} is not http or https", url.scheme()),
            });
        }
        if host.is_empty() {
            return Err(Error::SsrfRefused {
                host,
                reason: "URL has no host".into(),
            });
        }
        // The URL parser already turned `2130706433` or `0x7f.1` into dotted form.
        match host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .parse::<IpAddr>()
        {
            Ok(ip) => self.check_ip(&host, ip),
            Err(_) => Ok(()),
        }
    }

    /// Resolves `host` and keeps the addresses that pass; refuses when none does.
    ///
    /// # Errors
    /// [`Error::SsrfRefused`] (all addresses refused, or resolution failed).
    pub async fn resolve(&self, host: &str) -> Result<Vec<SocketAddr>> {
        let addrs: Vec<SocketAddr> = tokio::net::lookup_host((host, 0))
            .await
            .map_err(|e| Error::SsrfRefused {
                host: host.to_owned(),
                reason: format!("cannot resolve: {e}"),
            })?
            .collect();
        let mut first_err = None;
        let mut ok = Vec::new();
        for a in addrs {
            match self.check_ip(host, a.ip()) {
                Ok(()) => ok.push(a),
                Err(e) => {
                    first_err.get_or_insert(e);
                }
            }
        }
        if ok.is_empty() {
            return Err(first_err.unwrap_or_else(|| Error::SsrfRefused {
                host: host.to_owned(),
                reason: "no address".into(),
            }));
        }
        Ok(ok)
    }
}

fn valid_hostname(h: &str) -> bool {
    !h.is_empty()
        && h.len() <= 253
        && h.trim_end_matches('.').split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

/// The refusal carried through reqwest's boxed errors, found again by downcasting.
#[derive(Debug)]
pub(crate) struct Refused(pub(crate) Error);

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for Refused {}

/// reqwest's DNS resolver that only returns vetted addresses.
#[derive(Debug, Clone)]
pub(crate) struct GuardedResolver(pub(crate) Arc<SsrfGuard>);

impl reqwest::dns::Resolve for GuardedResolver {
    fn resolve(&self, name: reqwest::dns::Name) -> reqwest::dns::Resolving {
        let guard = Arc::clone(&self.0);
        Box::pin(async move {
            let addrs = guard
                .resolve(name.as_str())
                .await
                .map_err(|e| Box::new(Refused(e)) as Box<dyn std::error::Error + Send + Sync>)?;
            Ok(Box::new(addrs.into_iter()) as reqwest::dns::Addrs)
        })
    }
}

/// The SSRF refusal inside a reqwest error chain, if that is what failed.
pub(crate) fn refusal_in(err: &(dyn std::error::Error + 'static)) -> Option<Error> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(e) = cur {
        if let Some(Refused(inner)) = e.downcast_ref::<Refused>() {
            return Some(match inner {
                Error::SsrfRefused { host, reason } => Error::SsrfRefused {
                    host: host.clone(),
                    reason: reason.clone(),
                },
                other => Error::SsrfRefused {
                    host: String::new(),
                    reason: other.to_string(),
                },
            });
        }
        cur = e.source();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(s: &str) -> Option<BlockedClass> {
        classify(s.parse().unwrap())
    }

    #[test]
    fn every_class_is_refused() {
        use BlockedClass::*;
        for (ip, want) in [
            ("0.0.0.0", Unspecified),
            ("0.1.2.3", Unspecified),
            ("::", Unspecified),
            ("127.0.0.1", Loopback),
            ("127.255.0.9", Loopback),
            ("::1", Loopback),
            ("10.0.0.1", Private),
            ("172.16.0.1", Private),
            ("172.31.255.255", Private),
            ("192.168.1.1", Private),
            ("fc00::1", UniqueLocal),
            ("fd12:3456::1", UniqueLocal),
            ("fec0::1", UniqueLocal),
            ("169.254.169.254", LinkLocal),
            ("169.254.0.1", LinkLocal),
            ("fe80::1", LinkLocal),
            ("100.64.0.1", SharedCgnat),
            ("100.127.255.254", SharedCgnat),
            ("224.0.0.1", Multicast),
            ("239.255.255.250", Multicast),
            ("ff02::1", Multicast),
            ("255.255.255.255", Broadcast),
            ("240.0.0.1", Reserved),
            ("192.0.2.1", Reserved),
            ("198.18.0.1", Reserved),
            ("2001:db8::1", Reserved),
            ("100::1", Reserved),
            // IPv4-mapped, compatible, NAT64 and 6to4 spellings of blocked IPv4 addresses.
            ("::ffff:127.0.0.1", Loopback),
            ("::ffff:169.254.169.254", LinkLocal),
            ("::ffff:10.1.2.3", Private),
            ("::ffff:100.64.1.1", SharedCgnat),
            ("::127.0.0.1", Loopback),
            ("64:ff9b::a9fe:a9fe", LinkLocal),
            ("2002:c0a8:0101::1", Private),
            ("2002:7f00:0001::", Loopback),
        ] {
            assert_eq!(class(ip), Some(want), "{ip}");
        }
        for public in [
            "8.8.8.8",
            "1.1.1.1",
            "172.32.0.1",
            "100.128.0.1",
            "2606:4700:4700::1111",
            "::ffff:8.8.8.8",
            "2002:0808:0808::1",
        ] {
            assert_eq!(class(public), None, "{public}");
        }
    }

    #[test]
    fn allowlist_overrides() {
        let g = SsrfGuard::new(&["127.0.0.1", "10.1.0.0/16", "crm.internal", "*.corp.example"])
            .unwrap();
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        assert!(g.check_ip("x", ip("127.0.0.1")).is_ok());
        assert!(g.check_ip("x", ip("::ffff:127.0.0.1")).is_ok());
        assert!(g.check_ip("x", ip("127.0.0.2")).is_err());
        assert!(g.check_ip("x", ip("10.1.200.3")).is_ok());
        assert!(g.check_ip("x", ip("10.2.0.1")).is_err());
        assert!(g.check_ip("CRM.internal.", ip("10.9.9.9")).is_ok());
        assert!(g.check_ip("api.corp.example", ip("192.168.0.3")).is_ok());
        assert!(g.check_ip("corp.example.evil", ip("192.168.0.3")).is_err());
        assert!(g.check_ip("x", ip("8.8.8.8")).is_ok());
        match g.check_ip("meta", ip("169.254.169.254")) {
            Err(Error::SsrfRefused { reason, .. }) => assert!(reason.contains("link-local")),
            other => panic!("{other:?}"),
        }
        assert!(SsrfGuard::new(&["10.0.0.0/33"]).is_err());
        assert!(SsrfGuard::new(&["not a host!"]).is_err());
    }

    #[test]
    fn urls_are_vetted() {
        let g = SsrfGuard::new::<&str>(&[]).unwrap();
        let u = |s: &str| reqwest::Url::parse(s).unwrap();
        assert!(g.check_url(&u("http://127.0.0.1:8080/x")).is_err());
        assert!(g.check_url(&u("http://[::ffff:7f00:1]/x")).is_err());
        assert!(g.check_url(&u("http://[fe80::1]/x")).is_err());
        // The URL parser turns decimal and hex spellings into the address they mean.
        assert!(g.check_url(&u("http://2130706433/x")).is_err());
        assert!(g.check_url(&u("http://0x7f.1/x")).is_err());
        assert!(g.check_url(&u("file:///etc/passwd")).is_err());
        assert!(g.check_url(&u("https://203.0.114.1/hook")).is_ok());
        assert!(g.check_url(&u("https://hooks.example.com/x")).is_ok());
    }

    #[tokio::test]
    async fn resolution_refuses_localhost() {
        let g = SsrfGuard::new::<&str>(&[]).unwrap();
        assert!(matches!(
            g.resolve("localhost").await,
            Err(Error::SsrfRefused { .. })
        ));
        let g = SsrfGuard::new(&["localhost"]).unwrap();
        assert!(!g.resolve("localhost").await.unwrap().is_empty());
    }
}
