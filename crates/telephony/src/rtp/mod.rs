//! An RTP endpoint for Asterisk ExternalMedia: RFC 3550 packets ([`RtpPacket`]), PCMU (PT 0,
//! 8 kHz) or big-endian slin16, a [`JitterBuffer`], our own SSRC and steady 20 ms clock, ports
//! from a configured range ([`PortRange`]) and source locking to the first peer that sends.
//!
//! [`RtpEndpoint::run`] is the media loop of one call: it feeds the
//! [`TransportLeg`](voxgate_call::TransportLeg) with jitter-buffered frames on its clock and sends
//! the agent's audio. Signalling (DTMF, hangup, transfer) comes from and goes to the ARI side
//! through [`SignalIn`] and the forwarded [`ControlRequest`]s.

mod jitter;
mod packet;

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use std::time::Duration;

use bytes::{BufMut, BytesMut};
use serde::{Deserialize, Serialize};
use tokio::net::UdpSocket;
use tokio::sync::mpsc;
use tokio::time::MissedTickBehavior;
use tracing::{debug, warn};
use voxgate_audio::g711;
use voxgate_call::{ControlRequest, EndReason, TransportLeg, FRAME_MS};

pub use jitter::{JitterBuffer, JitterStats, Playout, PushOutcome};
pub use packet::{put_header, RtpError, RtpPacket, FIXED_HEADER_LEN};

/// RTP settings (`[transports.NAME.rtp]`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RtpConfig {
    /// Local address RTP sockets bind to; Asterisk must reach it (`external_host`).
    pub bind_ip: IpAddr,
    /// First port of the range (inclusive); even ports are used, as RTP convention has it.
    pub port_min: u16,
    /// Last port of the range (inclusive).
    pub port_max: u16,
    /// Jitter buffer depth in 20 ms frames before playout starts.
    pub jitter_depth_frames: usize,
    /// Payload type used for slin16 (dynamic; Asterisk's default mapping is 118).
    pub slin16_payload_type: u8,
}

impl Default for RtpConfig {
    fn default() -> Self {
        Self {
            bind_ip: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port_min: 20_000,
            port_max: 20_999,
            jitter_depth_frames: 3,
            slin16_payload_type: 118,
        }
    }
}

/// Errors of the RTP endpoint.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Every port in the range is taken.
    #[error("no free RTP port in {min}-{max}")]
    NoPort {
        /// Range start.
        min: u16,
        /// Range end.
        max: u16,
    },
    /// Socket I/O.
    #[error("rtp i/o: {0}")]
    Io(#[from] std::io::Error),
}

/// Allocates UDP sockets on even ports of a range, round-robin, skipping ports in use.
#[derive(Debug, Clone)]
pub struct PortRange {
    ip: IpAddr,
    min: u16,
    max: u16,
    cursor: Arc<AtomicU32>,
}

impl PortRange {
    /// The range of `config`.
    pub fn new(config: &RtpConfig) -> Self {
        Self {
            ip: config.bind_ip,
            min: config.port_min,
            max: config.port_max.max(config.port_min),
            cursor: Arc::default(),
        }
    }

    /// Binds the next free even port.
    ///
    /// # Errors
    /// [`Error::NoPort`] when every port of the range is taken.
    pub async fn allocate(&self) -> Result<UdpSocket, Error> {
        let first = u32::from(self.min.div_ceil(2) * 2);
        let slots = (u32::from(self.max) + 1).saturating_sub(first).div_ceil(2);
        for _ in 0..slots {
            let i = self.cursor.fetch_add(1, Ordering::Relaxed) % slots.max(1);
            let Ok(port) = u16::try_from(first + 2 * i) else {
                continue;
            };
            if let Ok(s) = UdpSocket::bind(SocketAddr::new(self.ip, port)).await {
                return Ok(s);
            }
        }
        Err(Error::NoPort {
            min: self.min,
            max: self.max,
        })
    }
}

/// The audio codec of an RTP leg.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RtpCodec {
    /// G.711 mu-law, PT 0, 8 kHz (`format=ulaw`).
    Pcmu,
    /// Signed linear 16 kHz, big-endian (`format=slin16`).
    Slin16,
}

impl RtpCodec {
    /// Sample rate.
    pub fn sample_rate(self) -> u32 {
        match self {
            RtpCodec::Pcmu => 8_000,
            RtpCodec::Slin16 => 16_000,
        }
    }

    /// The `format=` value for ARI externalMedia.
    pub fn ari_format(self) -> &'static str {
        match self {
            RtpCodec::Pcmu => "ulaw",
            RtpCodec::Slin16 => "slin16",
        }
    }

    /// Decodes a payload to PCM16.
    pub fn decode(self, payload: &[u8], out: &mut Vec<i16>) {
        match self {
            RtpCodec::Pcmu => g711::decode_ulaw(payload, out),
            RtpCodec::Slin16 => {
                out.extend(
                    payload
                        .chunks_exact(2)
                        .map(|c| i16::from_be_bytes([c[0], c[1]])),
                );
            }
        }
    }

    /// Encodes PCM16 into `out`.
    pub fn encode(self, samples: &[i16], out: &mut BytesMut) {
        match self {
            RtpCodec::Pcmu => {
                out.reserve(samples.len());
                for s in samples {
                    out.put_u8(g711::linear_to_ulaw(*s));
                }
            }
            RtpCodec::Slin16 => {
                out.reserve(samples.len() * 2);
                for s in samples {
                    out.put_i16(*s);
                }
            }
        }
    }
}

/// Signalling from the ARI side into a running media loop.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignalIn {
    /// A DTMF digit (ChannelDtmfReceived).
    Dtmf(char),
    /// The call ended on the signalling side (ChannelHangupRequest, StasisEnd, transfer done).
    End(EndReason),
}

/// Counters of an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RtpStats {
    /// Jitter buffer counters.
    pub jitter: JitterStats,
    /// Packets sent.
    pub sent: u64,
    /// Packets dropped because they came from another source than the locked peer.
    pub foreign_source: u64,
    /// Unparseable datagrams or unexpected payload types.
    pub malformed: u64,
}

/// One call's RTP media.
#[derive(Debug)]
pub struct RtpEndpoint {
    socket: UdpSocket,
    codec: RtpCodec,
    payload_type: u8,
    ssrc: u32,
    seq: u16,
    ts: u32,
    peer: Option<SocketAddr>,
    remote_hint: Option<SocketAddr>,
    jitter: JitterBuffer,
    stats: RtpStats,
}

impl RtpEndpoint {
    /// An endpoint on `socket` with a random SSRC, sequence and timestamp start (RFC 3550 5.1).
    pub fn new(socket: UdpSocket, codec: RtpCodec, config: &RtpConfig) -> Self {
        let frame = (codec.sample_rate() / 50) as usize;
        Self {
            socket,
            codec,
            payload_type: match codec {
                RtpCodec::Pcmu => 0,
                RtpCodec::Slin16 => config.slin16_payload_type & 0x7f,
            },
            ssrc: rand::random(),
            seq: rand::random(),
            ts: rand::random(),
            peer: None,
            remote_hint: None,
            jitter: JitterBuffer::new(config.jitter_depth_frames, frame),
            stats: RtpStats::default(),
        }
    }

    /// Our SSRC.
    pub fn ssrc(&self) -> u32 {
        self.ssrc
    }

    /// The local address (what goes into `external_host`).
    ///
    /// # Errors
    /// Socket errors.
    pub fn local_addr(&self) -> std::io::Result<SocketAddr> {
        self.socket.local_addr()
    }

    /// Where to send before any packet arrived (Asterisk's `UNICASTRTP_LOCAL_ADDRESS:PORT`).
    /// Once a packet arrives the endpoint locks to its source and sends there.
    pub fn set_remote(&mut self, addr: SocketAddr) {
        self.remote_hint = Some(addr);
    }

    /// Counters so far.
    pub fn stats(&self) -> RtpStats {
        RtpStats {
            jitter: self.jitter.stats(),
            ..self.stats
        }
    }

    /// Runs the media loop until the call ends; returns why and the final counters.
    ///
    /// `control_out` receives the agent's hangup and transfer requests for the signalling side
    /// (after queued audio is sent, a hangup also ends this loop with
    /// [`EndReason::LocalHangup`]).
    pub async fn run(
        mut self,
        mut leg: TransportLeg,
        mut signals: mpsc::UnboundedReceiver<SignalIn>,
        control_out: mpsc::UnboundedSender<ControlRequest>,
    ) -> (EndReason, RtpStats) {
        let mut tick = tokio::time::interval(Duration::from_millis(FRAME_MS));
        tick.set_missed_tick_behavior(MissedTickBehavior::Burst);
        let mut watchdog = leg.watchdog();
        let shutdown = leg.shutdown_token().clone();
        let mut buf = vec![0u8; 2048];
        let mut frame = Vec::with_capacity(leg.frame_samples());
        let mut out = BytesMut::with_capacity(2048);
        let mut decoded = Vec::with_capacity(leg.frame_samples());
        let mut closing = false;
        let mut signals_open = true;
        let mut talking = false;
        let samples_per_tick = leg.frame_samples() as u32;
        let reason = loop {
            tokio::select! {
                biased;
                () = shutdown.cancelled() => break EndReason::Shutdown,
                r = watchdog.expired() => break r,
                s = signals.recv(), if signals_open => match s {
                    Some(SignalIn::Dtmf(d)) => leg.push_dtmf(d),
                    Some(SignalIn::End(r)) => break r,
                    None => signals_open = false,
                },
                c = leg.recv_control(), if !closing => match c {
                    Some(ControlRequest::Transfer(req)) => {
                        if let Err(mpsc::error::SendError(ControlRequest::Transfer(req))) =
                            control_out.send(ControlRequest::Transfer(req))
                        {
                            req.refuse("no signalling channel");
                        }
                    }
                    Some(_) | None => closing = true,
                },
                r = self.socket.recv_from(&mut buf) => match r {
                    Ok((n, from)) => self.on_datagram(&buf[..n], from, &mut decoded),
                    Err(e) => {
                        // ICMP port unreachable shows up here on Linux; the peer may not be up yet.
                        debug!(error = %e, "rtp recv error");
                    }
                },
                _ = tick.tick() => {
                    match self.jitter.pop() {
                        Playout::Frame(f) | Playout::Concealed(f) => leg.push_audio(f),
                        Playout::Nothing => {}
                    }
                    if leg.next_frame_into(&mut frame) {
                        if let Some(to) = self.peer.or(self.remote_hint) {
                            out.clear();
                            put_header(&mut out, !talking, self.payload_type, self.seq, self.ts, self.ssrc);
                            self.codec.encode(&frame, &mut out);
                            if let Err(e) = self.socket.send_to(&out, to).await {
                                debug!(error = %e, "rtp send error");
                            }
                            self.seq = self.seq.wrapping_add(1);
                            self.stats.sent += 1;
                        }
                        talking = true;
                    } else {
                        talking = false;
                    }
                    // The timestamp follows the clock, so silence gaps are real gaps.
                    self.ts = self.ts.wrapping_add(samples_per_tick);
                    if closing && !leg.has_outbound() {
                        break EndReason::LocalHangup;
                    }
                }
            }
        };
        if reason == EndReason::LocalHangup {
            let _ = control_out.send(ControlRequest::Hangup);
        }
        let stats = self.stats();
        leg.finish(reason.clone());
        (reason, stats)
    }

    fn on_datagram(&mut self, data: &[u8], from: SocketAddr, decoded: &mut Vec<i16>) {
        match self.peer {
            Some(p) if p != from => {
                self.stats.foreign_source += 1;
                if self.stats.foreign_source.is_power_of_two() {
                    warn!(source = %from.ip(), "rtp from a source other than the locked peer dropped");
                }
                return;
            }
            Some(_) => {}
            None => self.peer = Some(from),
        }
        let Ok(p) = RtpPacket::parse(data) else {
            self.stats.malformed += 1;
            return;
        };
        let expected_pt = match self.codec {
            RtpCodec::Pcmu => Some(0),
            // Dynamic PT: accept whatever the peer negotiated for slin16, except static audio types.
            RtpCodec::Slin16 => None,
        };
        if expected_pt.is_some_and(|pt| pt != p.payload_type)
            || (expected_pt.is_none() && p.payload_type < 96)
        {
            self.stats.malformed += 1;
            return;
        }
        decoded.clear();
        self.codec.decode(&p.payload, decoded);
        self.jitter.push(p.sequence, std::mem::take(decoded));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codecs_round_trip_and_slin16_is_big_endian() {
        let mut b = BytesMut::new();
        RtpCodec::Slin16.encode(&[0x0102, -2], &mut b);
        assert_eq!(&b[..], &[0x01, 0x02, 0xff, 0xfe]);
        let mut out = Vec::new();
        RtpCodec::Slin16.decode(&b, &mut out);
        assert_eq!(out, vec![0x0102, -2]);
        let mut b = BytesMut::new();
        RtpCodec::Pcmu.encode(&[0, 1000, -1000], &mut b);
        assert_eq!(b[0], 0xff, "mu-law silence");
        let mut out = Vec::new();
        RtpCodec::Pcmu.decode(&b, &mut out);
        assert!(out
            .iter()
            .zip([0i16, 1000, -1000])
            .all(|(a, b)| (a - b).abs() < 64));
    }

    #[tokio::test]
    async fn ports_are_even_and_in_range_and_exhaustion_is_an_error() {
        let cfg = RtpConfig {
            port_min: 31_001,
            port_max: 31_005,
            ..RtpConfig::default()
        };
        let r = PortRange::new(&cfg);
        let a = r.allocate().await.unwrap();
        let b = r.allocate().await.unwrap();
        let pa = a.local_addr().unwrap().port();
        let pb = b.local_addr().unwrap().port();
        assert!([31_002, 31_004].contains(&pa) && [31_002, 31_004].contains(&pb) && pa != pb);
        assert!(matches!(r.allocate().await, Err(Error::NoPort { .. })));
        drop(a);
        assert_eq!(r.allocate().await.unwrap().local_addr().unwrap().port(), pa);
    }
}
