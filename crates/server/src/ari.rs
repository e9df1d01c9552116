//! The `[ari]` section: Voxgate as an Asterisk Stasis application.
//!
//! Asterisk sends calls with `Stasis(voxgate[,PROFILE])` in the dialplan; the app answers,
//! bridges the channel with an ExternalMedia leg (RTP to a port of `rtp_port_min..=rtp_port_max`,
//! or AudioSocket to Voxgate's AudioSocket listener), and runs the agent profile named by the
//! first Stasis argument (or `default_profile`). The dialplan and `ari.conf` an operator adds are
//! in `docs/asterisk.md`.

use std::net::IpAddr;
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use voxgate_call::{CallHandler, CallRegistry, ProfileMap};
use voxgate_telephony::ari::{AriConfig, MediaLeg, Password, StasisApp};
use voxgate_telephony::audiosocket::MediaRendezvous;
use voxgate_telephony::rtp::{RtpCodec, RtpConfig};

use crate::config::{Config, ConfigSecret};

/// Asterisk ARI (REST + events WebSocket) running Voxgate's Stasis application.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AriSection {
    /// Whether to connect to Asterisk and take calls sent to the Stasis app.
    pub enabled: bool,
    /// ARI base URL, without credentials (`http://127.0.0.1:8088/ari`).
    pub url: String,
    /// ARI user from `ari.conf`.
    pub username: String,
    /// Its password (secret), e.g. `{ file = "/run/secrets/ari_password" }`.
    pub password: ConfigSecret,
    /// Stasis application name (`Stasis(voxgate)` in the dialplan).
    pub app: String,
    /// Agent profile when the dialplan gives no Stasis argument, or one naming no profile.
    pub default_profile: String,
    /// Media leg: `rtp` (ExternalMedia over RTP/UDP) or `audiosocket` (ExternalMedia over
    /// AudioSocket/TCP to the `[audiosocket]` listener, which must be enabled).
    pub media: MediaLeg,
    /// With `media = "audiosocket"`: `host:port` of the AudioSocket listener as Asterisk
    /// reaches it; empty: `audiosocket.listen`.
    pub audiosocket_host: String,
    /// RTP codec: `pcmu` (G.711 mu-law, 8 kHz) or `slin16` (16 kHz linear).
    pub codec: RtpCodec,
    /// Address RTP sockets bind to.
    pub rtp_bind_ip: IpAddr,
    /// Must be true for a non-loopback `rtp_bind_ip`.
    pub rtp_allow_public_bind: bool,
    /// First RTP port (even ports are used).
    pub rtp_port_min: u16,
    /// Last RTP port.
    pub rtp_port_max: u16,
    /// Jitter buffer depth in 20 ms frames before playout starts.
    pub jitter_depth_frames: usize,
    /// Host Asterisk sends RTP to when it differs from `rtp_bind_ip` (NAT); empty: none.
    pub external_host: String,
    /// First reconnect delay of the events WebSocket, in ms (doubles up to the maximum).
    pub reconnect_min_ms: u64,
    /// Longest reconnect delay, in ms.
    pub reconnect_max_ms: u64,
}

impl Default for AriSection {
    fn default() -> Self {
        let rtp = RtpConfig::default();
        Self {
            enabled: false,
            url: "http://127.0.0.1:8088/ari".into(),
            username: "voxgate".into(),
            password: ConfigSecret::default(),
            app: "voxgate".into(),
            default_profile: "default".into(),
            media: MediaLeg::Rtp,
            audiosocket_host: String::new(),
            codec: RtpCodec::Pcmu,
            rtp_bind_ip: rtp.bind_ip,
            rtp_allow_public_bind: false,
            rtp_port_min: rtp.port_min,
            rtp_port_max: rtp.port_max,
            jitter_depth_frames: rtp.jitter_depth_frames,
            external_host: String::new(),
            reconnect_min_ms: 500,
            reconnect_max_ms: 30_000,
        }
    }
}

impl AriSection {
    /// The transport's configuration; `audiosocket_listen` fills an empty `audiosocket_host`.
    pub fn to_transport(&self, audiosocket_listen: Option<std::net::SocketAddr>) -> AriConfig {
        let audiosocket_host = if self.audiosocket_host.is_empty() {
            audiosocket_listen.map(|a| a.to_string())
        } else {
            Some(self.audiosocket_host.clone())
        };
        AriConfig {
            url: self.url.clone(),
            username: self.username.clone(),
            password: Password::new(self.password.expose().unwrap_or_default()),
            app: self.app.clone(),
            codec: self.codec,
            rtp: RtpConfig {
                bind_ip: self.rtp_bind_ip,
                port_min: self.rtp_port_min,
                port_max: self.rtp_port_max,
                jitter_depth_frames: self.jitter_depth_frames,
                ..RtpConfig::default()
            },
            external_host: (!self.external_host.is_empty()).then(|| self.external_host.clone()),
            reconnect_min_ms: self.reconnect_min_ms,
            reconnect_max_ms: self.reconnect_max_ms,
            media: self.media,
            audiosocket_host,
        }
    }
}

/// Problems with `[ari]`, one line each (empty when disabled).
pub fn validate(config: &Config) -> Vec<String> {
    let a = &config.ari;
    let mut problems = Vec::new();
    if !a.enabled {
        return problems;
    }
    match reqwest::Url::parse(&a.url) {
        Ok(u) if !u.username().is_empty() || u.password().is_some() => problems
            .push("ari.url must not carry credentials: use ari.username and ari.password".into()),
        Ok(u) if u.scheme() == "http" || u.scheme() == "https" => {}
        _ => problems.push(format!("ari.url = {:?} is not an http(s) URL", a.url)),
    }
    if a.username.is_empty() || !a.password.is_set() {
        problems.push("ari.username and ari.password are required when ari.enabled".into());
    }
    if a.app.is_empty() {
        problems.push("ari.app must name the Stasis application".into());
    }
    match a.media {
        MediaLeg::Audiosocket if !config.audiosocket.enabled => problems.push(
            "ari.media = \"audiosocket\" needs the AudioSocket listener: set audiosocket.enabled = true"
                .into(),
        ),
        MediaLeg::Rtp => {
            if a.rtp_port_min > a.rtp_port_max || a.rtp_port_max - a.rtp_port_min < 1 {
                problems.push("ari.rtp_port_min..ari.rtp_port_max must hold at least two ports".into());
            }
            if !a.rtp_bind_ip.is_loopback() && !a.rtp_allow_public_bind {
                problems.push(format!(
                    "ari.rtp_bind_ip = {} is not a loopback address: set ari.rtp_allow_public_bind = true to expose it on purpose",
                    a.rtp_bind_ip
                ));
            }
        }
        _ => {}
    }
    problems
}

/// The Stasis application for `config.ari`, routing by Stasis argument to the profiles in
/// `profiles` (others and none: `default_profile`). `rendezvous` is the AudioSocket server's
/// table, needed with `media = "audiosocket"`.
///
/// # Errors
/// A message naming the problem (bad URL, AudioSocket media without the listener).
pub fn stasis_app(
    config: &Config,
    registry: &CallRegistry,
    handler: &Arc<dyn CallHandler>,
    profiles: &[String],
    audiosocket: Option<(MediaRendezvous, std::net::SocketAddr)>,
) -> Result<StasisApp, String> {
    let a = &config.ari;
    let resolver = profiles
        .iter()
        .fold(ProfileMap::new(), |m, p| m.with(p, p.clone()))
        .with_default(Some(a.default_profile.clone()));
    let listen = audiosocket.as_ref().map(|(_, addr)| *addr);
    let app = StasisApp::new(
        a.to_transport(listen),
        registry.clone(),
        Arc::clone(handler),
        Arc::new(resolver),
    )
    .map_err(|e| e.to_string())?;
    match (a.media, audiosocket) {
        (MediaLeg::Audiosocket, Some((rendezvous, _))) => app
            .with_audiosocket_media(rendezvous)
            .map_err(|e| e.to_string()),
        (MediaLeg::Audiosocket, None) => {
            Err("ari.media = \"audiosocket\" needs the AudioSocket listener".into())
        }
        _ => Ok(app),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disabled_section_has_no_problems_and_enabled_needs_credentials() {
        let mut c = Config::default();
        assert!(validate(&c).is_empty());
        c.ari.enabled = true;
        let p = validate(&c);
        assert!(p.iter().any(|l| l.contains("ari.password")), "{p:?}");
        c.ari.password = ConfigSecret::new("a-long-ari-password");
        assert!(validate(&c).is_empty(), "{:?}", validate(&c));
        c.ari.url = "http://user:pw@127.0.0.1:8088/ari".into();
        assert!(validate(&c).iter().any(|l| l.contains("credentials")));
        c.ari.url = "http://127.0.0.1:8088/ari".into();
        c.ari.rtp_bind_ip = "0.0.0.0".parse().unwrap();
        assert!(validate(&c)
            .iter()
            .any(|l| l.contains("rtp_allow_public_bind")));
        c.ari.media = MediaLeg::Audiosocket;
        c.audiosocket.enabled = false;
        assert!(validate(&c)
            .iter()
            .any(|l| l.contains("audiosocket.enabled")));
    }

    #[test]
    fn empty_audiosocket_host_means_the_listener() {
        let mut s = AriSection {
            media: MediaLeg::Audiosocket,
            ..AriSection::default()
        };
        let listen = "127.0.0.1:9092".parse().ok();
        assert_eq!(
            s.to_transport(listen).audiosocket_host.as_deref(),
            Some("127.0.0.1:9092")
        );
        s.audiosocket_host = "10.0.0.5:9092".into();
        assert_eq!(
            s.to_transport(listen).audiosocket_host.as_deref(),
            Some("10.0.0.5:9092")
        );
        assert_eq!(s.to_transport(listen).external_host, None);
    }
}
