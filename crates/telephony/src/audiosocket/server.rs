//! The accept loop and the per-connection call loop.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

use bytes::BytesMut;
use ipnet::{IpNet, Ipv4Net, Ipv6Net};
use serde::{Deserialize, Serialize};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tracing::{debug, info, warn, Instrument};
use voxgate_call::{
    CallHandler, CallId, CallInfo, CallRegistry, ControlRequest, EndReason, Pacer, ProfileResolver,
    TransportKind, TransportLeg,
};

use super::frame::{decode_audio, encode_audio, AudioFormat, FrameError, Message};
use super::rendezvous::{ExpectedCall, MediaRendezvous};
use crate::rtp::SignalIn;

/// Errors of the AudioSocket server.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Socket I/O failed.
    #[error("audiosocket i/o: {0}")]
    Io(#[from] std::io::Error),
    /// The peer broke the framing.
    #[error("audiosocket framing: {0}")]
    Frame(#[from] FrameError),
    /// The peer did not send its UUID first, or not in time.
    #[error("audiosocket: no UUID message at the start of the connection")]
    NoUuid,
    /// A configuration value is invalid.
    #[error("audiosocket config: {0}")]
    Config(String),
}

/// AudioSocket listener settings (`[transports.NAME]` with `type = "audiosocket"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AudioSocketConfig {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Source networks allowed to connect (CIDR). Default: loopback only.
    pub allow_from: Vec<IpNet>,
    /// How long a new connection has to send its UUID, in ms.
    pub uuid_timeout_ms: u64,
    /// How long to wait for the first audio frame to learn the call's format before assuming
    /// slin 8 kHz (the `AudioSocket()` dialplan app's format), in ms.
    pub format_wait_ms: u64,
    /// How long a write may block (peer not reading) before the call is dropped, in ms.
    pub write_timeout_ms: u64,
}

impl Default for AudioSocketConfig {
    fn default() -> Self {
        Self {
            listen: SocketAddr::from(([127, 0, 0, 1], 9092)),
            allow_from: vec![
                IpNet::V4(Ipv4Net::new_assert(Ipv4Addr::new(127, 0, 0, 0), 8)),
                IpNet::V6(Ipv6Net::new_assert(Ipv6Addr::LOCALHOST, 128)),
            ],
            uuid_timeout_ms: 5_000,
            format_wait_ms: 500,
            write_timeout_ms: 5_000,
        }
    }
}

impl AudioSocketConfig {
    /// Whether `ip` may connect. IPv4-mapped IPv6 addresses are checked as IPv4.
    pub fn allows(&self, ip: IpAddr) -> bool {
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
            v4 => v4,
        };
        self.allow_from.iter().any(|net| net.contains(&ip))
    }
}

/// The AudioSocket server. Cheap to clone.
#[derive(Debug, Clone)]
pub struct AudioSocketServer {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    config: AudioSocketConfig,
    registry: CallRegistry,
    handler: Arc<dyn CallHandler>,
    resolver: Arc<dyn ProfileResolver>,
    rendezvous: MediaRendezvous,
}

/// How a connection was admitted: by its UUID through the resolver, or announced by ARI.
enum Admission {
    Resolved(String),
    Announced(ExpectedCall),
}

impl AudioSocketServer {
    /// A server admitting calls into `registry`, routing them with `resolver` and running them
    /// with `handler`.
    pub fn new(
        config: AudioSocketConfig,
        registry: CallRegistry,
        handler: Arc<dyn CallHandler>,
        resolver: Arc<dyn ProfileResolver>,
    ) -> Self {
        Self {
            inner: Arc::new(Inner {
                config,
                registry,
                handler,
                resolver,
                rendezvous: MediaRendezvous::new(),
            }),
        }
    }

    /// The table where the ARI application announces the calls whose media it attaches over
    /// AudioSocket (`externalMedia` with `encapsulation=audiosocket`). A connection whose UUID
    /// was announced skips the resolver and carries the announced call details.
    pub fn rendezvous(&self) -> MediaRendezvous {
        self.inner.rendezvous.clone()
    }

    /// Binds `config.listen`.
    ///
    /// # Errors
    /// [`Error::Io`] if the address cannot be bound.
    pub async fn bind(&self) -> Result<TcpListener, Error> {
        Ok(TcpListener::bind(self.inner.config.listen).await?)
    }

    /// Accepts connections on `listener` until the registry's shutdown token is cancelled, then
    /// ends every call politely (`0x00`) and returns once all connection tasks are done.
    ///
    /// # Errors
    /// Never for per-connection problems (those end that call only).
    pub async fn run(self, listener: TcpListener) -> Result<(), Error> {
        let shutdown = self.inner.registry.shutdown_token().clone();
        let mut tasks = JoinSet::new();
        let mut backoff = Duration::from_millis(5);
        loop {
            tokio::select! {
                () = shutdown.cancelled() => break,
                Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
                accepted = listener.accept() => match accepted {
                    Ok((stream, peer)) => {
                        backoff = Duration::from_millis(5);
                        let inner = Arc::clone(&self.inner);
                        tasks.spawn(async move { inner.connection(stream, peer).await });
                    }
                    Err(e) => {
                        // EMFILE and friends: back off instead of spinning.
                        warn!(error = %e, "audiosocket accept failed");
                        tokio::time::sleep(backoff).await;
                        backoff = (backoff * 2).min(Duration::from_secs(1));
                    }
                },
            }
        }
        drop(listener);
        while tasks.join_next().await.is_some() {}
        Ok(())
    }
}

impl Inner {
    async fn connection(&self, mut stream: TcpStream, peer: SocketAddr) {
        if !self.config.allows(peer.ip()) {
            // Security log: the address is operator data, not caller PII.
            warn!(peer = %peer.ip(), "audiosocket connection refused: source address not allowed");
            return;
        }
        let _ = stream.set_nodelay(true);
        let mut rbuf = BytesMut::with_capacity(2048);
        let uuid = match tokio::time::timeout(
            Duration::from_millis(self.config.uuid_timeout_ms),
            read_message(&mut stream, &mut rbuf),
        )
        .await
        {
            Ok(Ok(Some(Message::Uuid(u)))) => u,
            Ok(Ok(_)) | Err(_) => {
                warn!(peer = %peer.ip(), "audiosocket connection without UUID closed");
                return;
            }
            Ok(Err(e)) => {
                warn!(peer = %peer.ip(), error = %e, "audiosocket handshake failed");
                return;
            }
        };
        let call_id = CallId::from_uuid(uuid);
        let admission = if let Some(expected) = self.rendezvous.take(&uuid) {
            Admission::Announced(expected)
        } else if let Some(profile) = self
            .resolver
            .resolve(TransportKind::Audiosocket, &uuid.to_string())
        {
            Admission::Resolved(profile)
        } else {
            warn!(call_id = %call_id, "audiosocket UUID not allowed: connection closed");
            return;
        };
        let span = tracing::info_span!("call", call_id = %call_id, transport = "audiosocket");
        self.call(stream, rbuf, call_id, admission)
            .instrument(span)
            .await;
    }

    async fn call(
        &self,
        mut stream: TcpStream,
        mut rbuf: BytesMut,
        id: CallId,
        admission: Admission,
    ) {
        let (mut info, mut signals, transfers, ended) = match admission {
            Admission::Resolved(profile) => {
                let mut info = CallInfo::new(TransportKind::Audiosocket, 8_000);
                info.profile = Some(profile);
                (info, None, None, None)
            }
            Admission::Announced(e) => (e.info, Some(e.signals), Some(e.transfers), Some(e.ended)),
        };
        let report = |reason: EndReason| {
            if let Some(tx) = ended {
                let _ = tx.send(reason);
            }
        };
        // Learn the format from the first audio frame; keep DTMF that comes before it.
        let mut early = Vec::new();
        let wait = tokio::time::sleep(Duration::from_millis(self.config.format_wait_ms));
        tokio::pin!(wait);
        let format = loop {
            tokio::select! {
                () = &mut wait => break AudioFormat::Slin8,
                m = read_message(&mut stream, &mut rbuf) => match m {
                    Ok(Some(Message::Audio { format, payload })) => {
                        early.push(Message::Audio { format, payload });
                        break format;
                    }
                    Ok(Some(Message::Hangup | Message::Error(_))) | Ok(None) => {
                        debug!("audiosocket call ended before audio");
                        report(EndReason::RemoteHangup);
                        return;
                    }
                    Ok(Some(m)) => early.push(m),
                    Err(e) => {
                        warn!(error = %e, "audiosocket call failed before audio");
                        report(EndReason::Error("audiosocket failed before audio".into()));
                        return;
                    }
                }
            }
        };
        info.id = id;
        info.sample_rate = format.sample_rate();
        let (mut leg, session) = match self.registry.open(info) {
            Ok(pair) => pair,
            Err(e) => {
                warn!(error = %e, "audiosocket call refused");
                let mut w = BytesMut::new();
                Message::Hangup.encode(&mut w);
                let _ = stream.write_all(&w).await;
                report(EndReason::Error("call refused".into()));
                return;
            }
        };
        info!(format = format.sample_rate(), "audiosocket call started");
        let handler = Arc::clone(&self.handler);
        let agent = tokio::spawn(async move { handler.handle(session).await }.in_current_span());
        for m in early {
            let _ = on_message(&mut leg, m, format);
        }
        let reason = CallLoop {
            stream: &mut stream,
            rbuf,
            wbuf: BytesMut::with_capacity(1024),
            frame: Vec::with_capacity(leg.frame_samples()),
            format,
            write_timeout: Duration::from_millis(self.config.write_timeout_ms),
            signals: signals.take(),
            transfers,
        }
        .run(&mut leg)
        .await;
        info!(reason = reason.label(), "audiosocket call ended");
        let _ = stream.shutdown().await;
        drop(stream);
        report(reason.clone());
        leg.finish(reason);
        // The agent sees the hangup and returns; don't let a stuck one outlive the call.
        let abort = agent.abort_handle();
        if tokio::time::timeout(Duration::from_secs(5), agent)
            .await
            .is_err()
        {
            warn!("agent did not finish after hangup: aborted");
            abort.abort();
        }
    }
}

/// Reads until one whole message is parsed; `Ok(None)` on EOF.
async fn read_message(
    stream: &mut TcpStream,
    rbuf: &mut BytesMut,
) -> Result<Option<Message>, Error> {
    loop {
        if let Some(m) = Message::parse(rbuf)? {
            return Ok(Some(m));
        }
        if stream.read_buf(rbuf).await? == 0 {
            return Ok(None);
        }
    }
}

/// What an inbound message means for the call loop.
enum Inbound {
    Continue,
    End(EndReason),
}

fn on_message(leg: &mut TransportLeg, m: Message, format: AudioFormat) -> Inbound {
    match m {
        Message::Audio { format: f, payload } => {
            if f == format {
                let mut samples = Vec::with_capacity(payload.len() / 2);
                decode_audio(&payload, &mut samples);
                leg.push_audio(samples);
            } else {
                // Asterisk does not switch formats mid-call; a peer that does is broken.
                return Inbound::End(EndReason::Error("audio format changed mid-call".into()));
            }
        }
        Message::Dtmf(d) => leg.push_dtmf(d),
        Message::Hangup => return Inbound::End(EndReason::RemoteHangup),
        Message::Error(code) => {
            warn!(code, "audiosocket error message from peer");
            return Inbound::End(if code == 0x01 {
                EndReason::RemoteHangup
            } else {
                EndReason::Error(format!("peer error code 0x{code:02x}"))
            });
        }
        Message::Uuid(_) => leg.touch(),
    }
    Inbound::Continue
}

struct CallLoop<'a> {
    stream: &'a mut TcpStream,
    rbuf: BytesMut,
    wbuf: BytesMut,
    frame: Vec<i16>,
    format: AudioFormat,
    write_timeout: Duration,
    /// Signalling of a call announced by ARI (DTMF, hangup); `None` for plain AudioSocket.
    signals: Option<mpsc::UnboundedReceiver<SignalIn>>,
    /// Where transfer requests go when ARI owns the call's signalling.
    transfers: Option<mpsc::UnboundedSender<voxgate_call::TransferRequest>>,
}

/// The next ARI signal, or never when there is no signalling side (or it went away).
async fn next_signal(rx: &mut Option<mpsc::UnboundedReceiver<SignalIn>>) -> Option<SignalIn> {
    match rx {
        Some(r) => r.recv().await,
        None => std::future::pending().await,
    }
}

impl CallLoop<'_> {
    async fn run(&mut self, leg: &mut TransportLeg) -> EndReason {
        let mut pacer = Pacer::new();
        let mut watchdog = leg.watchdog();
        let shutdown = leg.shutdown_token().clone();
        let waker = leg.outbound_waker();
        // One timer, re-armed only while audio waits for credit or a partial frame waits.
        let retry = tokio::time::sleep(Duration::ZERO);
        tokio::pin!(retry);
        let mut retry_armed = false;
        let mut closing = false;
        // Bytes left over from the handshake may already hold whole messages.
        if let Some(end) = self.drain(leg) {
            return self.end_inbound(end).await;
        }
        loop {
            tokio::select! {
                biased;
                () = shutdown.cancelled() => return self.hangup(EndReason::Shutdown).await,
                r = watchdog.expired() => return self.hangup(r).await,
                n = self.stream.read_buf(&mut self.rbuf) => match n {
                    Ok(0) => return EndReason::ConnectionClosed,
                    Ok(_) => if let Some(end) = self.drain(leg) {
                        return self.end_inbound(end).await;
                    },
                    Err(e) => return EndReason::Error(format!("read: {}", e.kind())),
                },
                signal = next_signal(&mut self.signals) => match signal {
                    Some(SignalIn::Dtmf(d)) => leg.push_dtmf(d),
                    Some(SignalIn::End(reason)) => return self.hangup(reason).await,
                    // The signalling side is gone; the media leg alone still ends the call.
                    None => self.signals = None,
                },
                ctl = leg.recv_control(), if !closing => match ctl {
                    Some(ControlRequest::Transfer(req)) => match &self.transfers {
                        Some(tx) => {
                            if let Err(mpsc::error::SendError(req)) = tx.send(req) {
                                req.refuse("call signalling ended");
                            }
                        }
                        None => req.refuse(
                            "AudioSocket has no signalling; use the ARI transport to transfer",
                        ),
                    },
                    // Hangup, or the agent dropped its session: finish the queued audio first.
                    Some(_) | None => closing = true,
                },
                () = waker.ready() => {}
                () = &mut retry, if retry_armed => retry_armed = false,
            }
            match self.pump(leg, &mut pacer).await {
                Err(e) => return e,
                Ok(None) => {}
                Ok(Some(at)) => {
                    retry.as_mut().reset(at);
                    retry_armed = true;
                }
            }
            if closing && !leg.has_outbound() {
                return self.hangup(EndReason::LocalHangup).await;
            }
        }
    }

    /// Sends every frame the pacer has credit for. Returns when to try again if audio is left.
    async fn pump(
        &mut self,
        leg: &TransportLeg,
        pacer: &mut Pacer,
    ) -> Result<Option<tokio::time::Instant>, EndReason> {
        pacer.grant(leg.take_catch_up());
        while leg.has_outbound() {
            if !pacer.try_take() {
                return Ok(Some(pacer.next_ready_at()));
            }
            if !leg.next_frame_into(&mut self.frame) {
                // A partial tail: give it one period to be completed before it goes out padded.
                pacer.refund();
                return Ok(Some(tokio::time::Instant::now() + pacer.period()));
            }
            self.wbuf.clear();
            encode_audio(self.format, &self.frame, &mut self.wbuf);
            self.write_wbuf().await?;
        }
        pacer.settle();
        Ok(None)
    }

    fn drain(&mut self, leg: &mut TransportLeg) -> Option<EndReason> {
        loop {
            match Message::parse(&mut self.rbuf) {
                Ok(Some(m)) => {
                    if let Inbound::End(r) = on_message(leg, m, self.format) {
                        return Some(r);
                    }
                }
                Ok(None) => return None,
                Err(e) => {
                    warn!(error = %e, "audiosocket protocol error: hanging up");
                    return Some(EndReason::Error(e.to_string()));
                }
            }
        }
    }

    async fn write_wbuf(&mut self) -> Result<(), EndReason> {
        // Nearly always the socket buffer has room: skip the timer in that case.
        let n = match self.stream.try_write(&self.wbuf) {
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => 0,
            Err(e) => return Err(EndReason::Error(format!("write: {}", e.kind()))),
        };
        if n == self.wbuf.len() {
            return Ok(());
        }
        match tokio::time::timeout(self.write_timeout, self.stream.write_all(&self.wbuf[n..])).await
        {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(EndReason::Error(format!("write: {}", e.kind()))),
            Err(_) => Err(EndReason::Error("write timeout: peer not reading".into())),
        }
    }

    /// An end found in the inbound stream: the peer's own hangup needs no answer; a protocol
    /// error gets our `0x00` before the socket closes, as Asterisk would do.
    async fn end_inbound(&mut self, reason: EndReason) -> EndReason {
        match reason {
            EndReason::Error(_) => self.hangup(reason).await,
            other => other,
        }
    }

    /// Sends `0x00` (best effort) and returns `reason`.
    async fn hangup(&mut self, reason: EndReason) -> EndReason {
        self.wbuf.clear();
        Message::Hangup.encode(&mut self.wbuf);
        let _ = self.write_wbuf().await;
        reason
    }
}
