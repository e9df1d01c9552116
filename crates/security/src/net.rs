//! Network rules: CIDR allowlists and client-IP resolution behind trusted proxies.
//!
//! IPv4-mapped IPv6 addresses (`::ffff:192.0.2.1`, what a dual-stack socket reports for an IPv4
//! peer) are treated as the IPv4 address everywhere, and so are mapped networks in rules, so one
//! IPv4 rule covers both forms and an attacker cannot slip past with the other spelling.
//!
//! `X-Forwarded-For` is only believed when the TCP peer is a configured trusted proxy; the
//! header is then read right to left (each proxy appends the address it saw), skipping trusted
//! hops, and the first untrusted address is the client. Everything left of that is
//! client-controlled and ignored.

use std::net::{IpAddr, Ipv4Addr};

use ipnet::{IpNet, Ipv4Net};

use crate::{Error, Result};

/// The canonical form of an address: IPv4-mapped IPv6 becomes IPv4.
pub fn canonical_ip(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => IpAddr::V6(v6),
        },
        v4 => v4,
    }
}

fn canonical_net(net: IpNet) -> IpNet {
    if let IpNet::V6(n) = net {
        if let Some(v4) = n.addr().to_ipv4_mapped() {
            if n.prefix_len() >= 96 {
                if let Ok(m) = Ipv4Net::new(v4, n.prefix_len() - 96) {
                    return IpNet::V4(m.trunc());
                }
            }
        }
    }
    net.trunc()
}

/// A set of networks. Empty means nothing is allowed (deny by default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IpAllowlist {
    nets: Vec<IpNet>,
}

impl IpAllowlist {
    /// Parses entries like `10.0.0.0/8`, `2001:db8::/32`, `192.0.2.7` (a single host) or
    /// `::ffff:10.1.0.0/112`.
    ///
    /// # Errors
    /// [`Error::InvalidNetwork`] naming the first bad entry.
    pub fn parse<S: AsRef<str>>(entries: &[S]) -> Result<Self> {
        let mut nets = Vec::with_capacity(entries.len());
        for e in entries {
            let s = e.as_ref().trim();
            let net = if s.contains('/') {
                s.parse::<IpNet>().map_err(|err| Error::InvalidNetwork {
                    input: s.to_owned(),
                    reason: err.to_string(),
                })?
            } else {
                IpNet::from(s.parse::<IpAddr>().map_err(|err| Error::InvalidNetwork {
                    input: s.to_owned(),
                    reason: err.to_string(),
                })?)
            };
            nets.push(canonical_net(net));
        }
        Ok(Self { nets })
    }

    /// Allows every address (`0.0.0.0/0` and `::/0`); for listeners meant to be public.
    pub fn any() -> Self {
        Self {
            nets: vec![
                IpNet::V4(Ipv4Net::new(Ipv4Addr::UNSPECIFIED, 0).unwrap_or_default()),
                IpNet::V6(ipnet::Ipv6Net::default()),
            ],
        }
    }

    /// Whether `ip` falls in any network.
    pub fn contains(&self, ip: IpAddr) -> bool {
        let ip = canonical_ip(ip);
        self.nets.iter().any(|n| n.contains(&ip))
    }

    /// Whether the list is empty (allows nothing).
    pub fn is_empty(&self) -> bool {
        self.nets.is_empty()
    }
}

/// Resolves the real client address of a request.
#[derive(Debug, Clone, Default)]
pub struct ClientIpResolver {
    trusted_proxies: IpAllowlist,
}

/// At most this many `X-Forwarded-For` entries are examined, bounding work on hostile headers.
pub const MAX_FORWARDED_HOPS: usize = 32;

impl ClientIpResolver {
    /// Trusts `X-Forwarded-For` only from these proxies.
    pub fn new(trusted_proxies: IpAllowlist) -> Self {
        Self { trusted_proxies }
    }

    /// The client address given the socket peer and every `X-Forwarded-For` header value in
    /// the order received. Unparseable entries stop the walk: the nearest address known to be
    /// real (the last trusted hop) is returned rather than anything further left.
    pub fn resolve<S: AsRef<str>>(&self, peer: IpAddr, forwarded_for: &[S]) -> IpAddr {
        let peer = canonical_ip(peer);
        if !self.trusted_proxies.contains(peer) {
            return peer;
        }
        let mut current = peer;
        let hops = forwarded_for
            .iter()
            .rev()
            .flat_map(|h| h.as_ref().rsplit(','))
            .take(MAX_FORWARDED_HOPS);
        for hop in hops {
            let Some(ip) = parse_hop(hop.trim()) else {
                return current;
            };
            current = canonical_ip(ip);
            if !self.trusted_proxies.contains(current) {
                return current;
            }
        }
        current
    }
}

/// Parses `1.2.3.4`, `1.2.3.4:5678`, `2001:db8::1` and `[2001:db8::1]:443`.
fn parse_hop(s: &str) -> Option<IpAddr> {
    if let Ok(ip) = s.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Some(rest) = s.strip_prefix('[') {
        let (addr, _) = rest.split_once(']')?;
        return addr.parse().ok();
    }
    let (addr, port) = s.rsplit_once(':')?;
    port.parse::<u16>().ok()?;
    addr.parse::<Ipv4Addr>().ok().map(IpAddr::V4)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn allowlist_matching_and_mapped_addresses() {
        let l = IpAllowlist::parse(&[
            "10.0.0.0/8",
            "192.0.2.7",
            "2001:db8::/32",
            "::ffff:172.16.0.0/108",
        ])
        .unwrap();
        assert!(l.contains(ip("10.20.30.40")));
        assert!(
            l.contains(ip("::ffff:10.20.30.40")),
            "mapped form of an allowed IPv4"
        );
        assert!(l.contains(ip("192.0.2.7")));
        assert!(!l.contains(ip("192.0.2.8")));
        assert!(l.contains(ip("2001:db8:1::5")));
        assert!(!l.contains(ip("2001:db9::1")));
        assert!(
            l.contains(ip("172.16.5.5")),
            "mapped rule applies to plain IPv4"
        );
        assert!(!l.contains(ip("172.32.0.1")));
        assert!(!l.contains(ip("::ffff:11.0.0.1")));
        assert!(
            !IpAllowlist::default().contains(ip("127.0.0.1")),
            "empty denies"
        );
        assert!(IpAllowlist::any().contains(ip("8.8.8.8")));
        assert!(IpAllowlist::any().contains(ip("2606:4700::1")));
        let err = IpAllowlist::parse(&["10.0.0.0/33"])
            .unwrap_err()
            .to_string();
        assert!(err.contains("10.0.0.0/33"), "{err}");
        assert!(IpAllowlist::parse(&["example.com"]).is_err());
    }

    fn resolver() -> ClientIpResolver {
        ClientIpResolver::new(IpAllowlist::parse(&["10.0.0.0/8"]).unwrap())
    }

    #[test]
    fn untrusted_peer_cannot_spoof() {
        let r = resolver();
        assert_eq!(
            r.resolve(ip("203.0.113.5"), &["1.2.3.4"]),
            ip("203.0.113.5")
        );
        assert_eq!(
            r.resolve(ip("203.0.113.5"), &["10.0.0.1"]),
            ip("203.0.113.5")
        );
    }

    #[test]
    fn trusted_chain_is_walked_right_to_left() {
        let r = resolver();
        // client -> proxy 10.0.0.2 -> proxy 10.0.0.1 (peer)
        assert_eq!(
            r.resolve(ip("10.0.0.1"), &["198.51.100.4, 10.0.0.2"]),
            ip("198.51.100.4")
        );
        // The client prepended a fake address: it stays left of the real one and is ignored.
        assert_eq!(
            r.resolve(ip("10.0.0.1"), &["6.6.6.6, 198.51.100.4, 10.0.0.2"]),
            ip("198.51.100.4")
        );
        // Client tries to look internal by claiming a trusted address on the far left.
        assert_eq!(
            r.resolve(ip("10.0.0.1"), &["10.9.9.9, 198.51.100.4"]),
            ip("198.51.100.4")
        );
        // Multiple header lines are one list, in order.
        assert_eq!(
            r.resolve(ip("10.0.0.1"), &["7.7.7.7", "198.51.100.4, 10.0.0.2"]),
            ip("198.51.100.4")
        );
        // Ports, brackets and mapped forms.
        assert_eq!(
            r.resolve(ip("::ffff:10.0.0.1"), &["198.51.100.4:5555"]),
            ip("198.51.100.4")
        );
        assert_eq!(
            r.resolve(ip("10.0.0.1"), &["[2001:db8::7]:443"]),
            ip("2001:db8::7")
        );
        assert_eq!(
            r.resolve(ip("10.0.0.1"), &["::ffff:198.51.100.4"]),
            ip("198.51.100.4")
        );
        // No header, or only trusted hops.
        let none: [&str; 0] = [];
        assert_eq!(r.resolve(ip("10.0.0.1"), &none), ip("10.0.0.1"));
        assert_eq!(r.resolve(ip("10.0.0.1"), &["10.0.0.3"]), ip("10.0.0.3"));
        // Garbage stops the walk at the last address known to be real.
        assert_eq!(
            r.resolve(ip("10.0.0.1"), &["198.51.100.4, garbage"]),
            ip("10.0.0.1")
        );
        assert_eq!(
            r.resolve(ip("10.0.0.1"), &["unknown, 10.0.0.2"]),
            ip("10.0.0.2")
        );
    }
}
