//! The Stasis application: events WebSocket with reconnect, and one task per call.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use parking_lot::Mutex;
use serde::{Deserialize, Serialize};
use tokio::sync::{mpsc, oneshot};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::Message as WsMessage;
use tracing::{debug, info, warn, Instrument};
use uuid::Uuid;
use voxgate_call::{
    CallHandler, CallInfo, CallRegistry, ControlRequest, EndReason, ProfileResolver,
    TransferRequest, TransportKind,
};

use super::client::{
    parse_transfer_target, AriClient, AriEvent, Channel, Error, ExternalMedia, Password, Result,
};
use crate::audiosocket::{ExpectedCall, MediaRendezvous};
use crate::rtp::{PortRange, RtpCodec, RtpConfig, RtpEndpoint, SignalIn};

/// How long Asterisk has to connect an AudioSocket media leg after `externalMedia`.
const MEDIA_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// How the call's audio travels between Asterisk and Voxgate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediaLeg {
    /// ExternalMedia over RTP/UDP to a port of `rtp.port_min..=rtp.port_max` (jitter buffer).
    #[default]
    Rtp,
    /// ExternalMedia over AudioSocket/TCP to Voxgate's AudioSocket listener (no RTP ports to
    /// open; TCP does the ordering).
    Audiosocket,
}

/// ARI transport settings (`[transports.NAME]` with `type = "ari"`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AriConfig {
    /// ARI base URL, e.g. `http://127.0.0.1:8088/ari` (no credentials in it).
    pub url: String,
    /// ARI user (`ari.conf`).
    pub username: String,
    /// ARI password (secret; never logged).
    pub password: Password,
    /// Stasis application name (`Stasis(APP)` in the dialplan).
    #[serde(default = "default_app")]
    pub app: String,
    /// Media codec for ExternalMedia.
    #[serde(default = "default_codec")]
    pub codec: RtpCodec,
    /// RTP ports and jitter buffer.
    #[serde(default)]
    pub rtp: RtpConfig,
    /// Host Asterisk sends RTP to (`external_host`), when it differs from `rtp.bind_ip` (NAT,
    /// bind to 0.0.0.0).
    #[serde(default)]
    pub external_host: Option<String>,
    /// First reconnect delay of the events WebSocket, ms.
    #[serde(default = "default_reconnect_min_ms")]
    pub reconnect_min_ms: u64,
    /// Longest reconnect delay, ms.
    #[serde(default = "default_reconnect_max_ms")]
    pub reconnect_max_ms: u64,
    /// The media leg: `rtp` (default) or `audiosocket`.
    #[serde(default)]
    pub media: MediaLeg,
    /// With `media = "audiosocket"`: the `host:port` of Voxgate's AudioSocket listener as
    /// Asterisk reaches it.
    #[serde(default)]
    pub audiosocket_host: Option<String>,
}

fn default_app() -> String {
    "voxgate".into()
}
fn default_codec() -> RtpCodec {
    RtpCodec::Slin16
}
fn default_reconnect_min_ms() -> u64 {
    500
}
fn default_reconnect_max_ms() -> u64 {
    30_000
}

type CallMap = Arc<Mutex<HashMap<String, mpsc::UnboundedSender<SignalIn>>>>;

/// The Stasis application. Cheap to clone.
#[derive(Debug, Clone)]
pub struct StasisApp {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    client: AriClient,
    config: AriConfig,
    registry: CallRegistry,
    handler: Arc<dyn CallHandler>,
    resolver: Arc<dyn ProfileResolver>,
    ports: PortRange,
    calls: CallMap,
    rendezvous: Option<MediaRendezvous>,
}

impl StasisApp {
    /// An app admitting calls into `registry`, routing them with `resolver` (key: the first
    /// `Stasis()` argument, or empty) and running them with `handler`.
    ///
    /// # Errors
    /// [`Error::Config`] for a bad URL.
    pub fn new(
        config: AriConfig,
        registry: CallRegistry,
        handler: Arc<dyn CallHandler>,
        resolver: Arc<dyn ProfileResolver>,
    ) -> Result<Self> {
        let client = AriClient::new(&config.url, &config.username, config.password.clone())?;
        Ok(Self {
            inner: Arc::new(Inner {
                client,
                ports: PortRange::new(&config.rtp),
                config,
                registry,
                handler,
                resolver,
                calls: CallMap::default(),
                rendezvous: None,
            }),
        })
    }

    /// Attaches media legs over AudioSocket (`media = "audiosocket"`) through `rendezvous`, the
    /// table of the AudioSocket server that Asterisk will connect to
    /// ([`AudioSocketServer::rendezvous`](crate::audiosocket::AudioSocketServer::rendezvous)).
    /// Call it right after [`StasisApp::new`], before the app is cloned.
    ///
    /// # Errors
    /// [`Error::Config`] when the app was already cloned or `audiosocket_host` is missing.
    pub fn with_audiosocket_media(mut self, rendezvous: MediaRendezvous) -> Result<Self> {
        let inner = Arc::get_mut(&mut self.inner)
            .ok_or_else(|| Error::Config("the ARI app is already shared".into()))?;
        if inner.config.audiosocket_host.is_none() {
            return Err(Error::Config(
                "media = \"audiosocket\" needs audiosocket_host (where Asterisk reaches Voxgate's AudioSocket listener)".into(),
            ));
        }
        inner.rendezvous = Some(rendezvous);
        Ok(self)
    }

    /// The REST client.
    pub fn client(&self) -> &AriClient {
        &self.inner.client
    }

    /// Calls in progress.
    pub fn active_calls(&self) -> usize {
        self.inner.calls.lock().len()
    }

    /// Keeps the events WebSocket connected (reconnecting with exponential backoff) and runs
    /// calls until the registry's shutdown token is cancelled; then waits for calls to end.
    ///
    /// # Errors
    /// None today: connection problems are retried, per-call problems end that call.
    pub async fn run(self) -> Result<()> {
        let shutdown = self.inner.registry.shutdown_token().clone();
        let min = Duration::from_millis(self.inner.config.reconnect_min_ms.max(1));
        let max = Duration::from_millis(self.inner.config.reconnect_max_ms).max(min);
        let mut backoff = min;
        let mut tasks = tokio::task::JoinSet::new();
        while !shutdown.is_cancelled() {
            let connected = tokio::select! {
                () = shutdown.cancelled() => break,
                r = self.session(&mut tasks) => r,
            };
            match connected {
                Ok(true) => backoff = min,
                Ok(false) => {}
                Err(e) => warn!(error = %e, "ari events connection failed"),
            }
            debug!(
                delay_ms = backoff.as_millis() as u64,
                "ari events reconnecting"
            );
            tokio::select! {
                () = shutdown.cancelled() => break,
                () = tokio::time::sleep(backoff) => {}
            }
            backoff = (backoff * 2).min(max);
        }
        while tasks.join_next().await.is_some() {}
        Ok(())
    }

    /// One WebSocket connection; `Ok(true)` if it connected before it ended.
    async fn session(&self, tasks: &mut tokio::task::JoinSet<()>) -> Result<bool> {
        let inner = &self.inner;
        let mut req = inner
            .client
            .events_url(&inner.config.app)
            .into_client_request()
            .map_err(|e| Error::WebSocket(e.to_string()))?;
        let auth = inner
            .client
            .basic_auth_header()
            .parse()
            .map_err(|_| Error::Config("credentials not valid in a header".into()))?;
        req.headers_mut().insert("authorization", auth);
        let (mut ws, _) = tokio_tungstenite::connect_async(req)
            .await
            .map_err(|e| Error::WebSocket(ws_error_kind(&e)))?;
        info!(app = %inner.config.app, "ari events connected");
        loop {
            tokio::select! {
                Some(_) = tasks.join_next(), if !tasks.is_empty() => {}
                msg = ws.next() => {
                    let Some(msg) = msg else { break };
                    let msg = msg.map_err(|e| Error::WebSocket(ws_error_kind(&e)))?;
                    match msg {
                        WsMessage::Text(t) => match AriEvent::parse(t.as_str()) {
                            Ok(ev) => self.on_event(ev, tasks),
                            Err(e) => warn!(error = %e, "ari event ignored"),
                        },
                        WsMessage::Close(_) => break,
                        _ => {}
                    }
                }
            }
        }
        Ok(true)
    }

    fn on_event(&self, ev: AriEvent, tasks: &mut tokio::task::JoinSet<()>) {
        let signal = |ch: &Channel, s: SignalIn| {
            if let Some(tx) = self.inner.calls.lock().get(&ch.id) {
                let _ = tx.send(s);
            }
        };
        match ev {
            AriEvent::StasisStart { channel, args } => {
                if is_media_channel(&channel) {
                    return;
                }
                let (tx, rx) = mpsc::unbounded_channel();
                self.inner.calls.lock().insert(channel.id.clone(), tx);
                let inner = Arc::clone(&self.inner);
                let span =
                    tracing::info_span!("call", transport = "ari_rtp", channel = %channel.id);
                tasks.spawn(
                    async move {
                        let id = channel.id.clone();
                        if let Err(e) = inner.call(channel, args, rx).await {
                            warn!(error = %e, "ari call failed");
                            let _ = inner.client.hangup(&id).await;
                        }
                        inner.calls.lock().remove(&id);
                    }
                    .instrument(span),
                );
            }
            AriEvent::ChannelDtmfReceived { channel, digit } => {
                signal(&channel, SignalIn::Dtmf(digit))
            }
            AriEvent::ChannelHangupRequest { channel }
            | AriEvent::StasisEnd { channel }
            | AriEvent::ChannelDestroyed { channel } => {
                signal(&channel, SignalIn::End(EndReason::RemoteHangup))
            }
            AriEvent::PlaybackFinished { .. } | AriEvent::Other { .. } => {}
        }
    }
}

/// Our own ExternalMedia channels also enter Stasis; they are not calls.
fn is_media_channel(c: &Channel) -> bool {
    c.name.starts_with("UnicastRTP/") || c.name.starts_with("AudioSocket/")
}

fn ws_error_kind(e: &tokio_tungstenite::tungstenite::Error) -> String {
    use tokio_tungstenite::tungstenite::Error as E;
    // Never print the request: it carries the Authorization header.
    match e {
        E::Http(r) => format!("http status {}", r.status()),
        E::Io(io) => format!("io: {}", io.kind()),
        E::ConnectionClosed | E::AlreadyClosed => "closed".into(),
        other => format!("{other}"),
    }
}

impl Inner {
    async fn call(
        &self,
        channel: Channel,
        args: Vec<String>,
        signals: mpsc::UnboundedReceiver<SignalIn>,
    ) -> Result<()> {
        let c = &self.client;
        let key = args.first().map(String::as_str).unwrap_or_default();
        let Some(profile) = self.resolver.resolve(TransportKind::AriRtp, key) else {
            warn!("ari call refused: no profile for its Stasis argument");
            return c.hangup(&channel.id).await;
        };
        let codec = self.config.codec;
        let mut info = CallInfo::new(TransportKind::AriRtp, codec.sample_rate());
        info.profile = Some(profile);
        info.caller = Some(channel.caller.number.clone()).filter(|n| !n.is_empty());
        info.called = channel
            .dialplan
            .as_ref()
            .map(|d| d.exten.clone())
            .filter(|e| !e.is_empty());
        info.parameters = args
            .iter()
            .enumerate()
            .map(|(i, a)| (format!("arg{i}"), a.clone()))
            .collect();
        if self.config.media == MediaLeg::Audiosocket {
            return self.call_over_audiosocket(channel, info, signals).await;
        }
        let (leg, session) = match self.registry.open(info) {
            Ok(p) => p,
            Err(e) => {
                warn!(error = %e, "ari call refused");
                return c.hangup(&channel.id).await;
            }
        };

        c.answer(&channel.id).await?;
        let bridge = c.create_bridge().await?;
        let media = self.attach_media(&channel, &bridge.id, codec).await;
        let (mut endpoint, media_channel) = match media {
            Ok(m) => m,
            Err(e) => {
                let _ = c.destroy_bridge(&bridge.id).await;
                return Err(e);
            }
        };
        info!(call_id = %leg.id(), "ari call started");

        let handler = Arc::clone(&self.handler);
        let agent = tokio::spawn(async move { handler.handle(session).await }.in_current_span());
        let (ctl_tx, mut ctl_rx) = mpsc::unbounded_channel();
        let (end_tx, end_rx) = mpsc::unbounded_channel::<SignalIn>();
        // Merge ARI signals and our own transfer outcome into the media loop's input.
        let merged = merge(signals, end_rx);
        if let Some(remote) = media_channel.1 {
            endpoint.set_remote(remote);
        }
        let media_loop = endpoint.run(leg, merged, ctl_tx);
        tokio::pin!(media_loop);
        let mut transferred = false;
        let (reason, stats) = loop {
            tokio::select! {
                r = &mut media_loop => break r,
                Some(ctl) = ctl_rx.recv() => {
                    // Hangup requests come after the media loop ended; only transfers matter here.
                    if let ControlRequest::Transfer(req) = ctl {
                        if self.transfer(&channel.id, req).await {
                            transferred = true;
                            let _ = end_tx.send(SignalIn::End(EndReason::Transferred));
                        }
                    }
                }
            }
        };
        info!(
            reason = reason.label(),
            rtp_sent = stats.sent,
            rtp_received = stats.jitter.received,
            concealed = stats.jitter.concealed,
            late = stats.jitter.late,
            "ari call ended"
        );
        if !transferred && reason != EndReason::RemoteHangup {
            let _ = c.hangup(&channel.id).await;
        }
        let _ = c.hangup(&media_channel.0).await;
        let _ = c.destroy_bridge(&bridge.id).await;
        let abort = agent.abort_handle();
        if tokio::time::timeout(Duration::from_secs(5), agent)
            .await
            .is_err()
        {
            abort.abort();
        }
        Ok(())
    }

    /// Carries out the agent's transfer back to the dialplan (`context,extension,priority`);
    /// answers the request and returns whether the call left Stasis.
    async fn transfer(&self, channel: &str, req: TransferRequest) -> bool {
        let outcome = match parse_transfer_target(&req.target.0) {
            Ok((ctx, ext, prio)) => {
                self.client
                    .continue_in_dialplan(channel, &ctx, &ext, prio)
                    .await
            }
            Err(e) => Err(e),
        };
        match outcome {
            Ok(()) => {
                req.accept();
                true
            }
            Err(e) => {
                req.refuse(e.to_string());
                false
            }
        }
    }

    /// Runs a call whose media Asterisk sends to our AudioSocket listener: announces it under a
    /// fresh UUID, has Asterisk connect that leg, then relays ARI signalling (DTMF, hangup) to
    /// it and its transfer requests back, until the AudioSocket side reports the end.
    async fn call_over_audiosocket(
        &self,
        channel: Channel,
        mut info: CallInfo,
        mut signals: mpsc::UnboundedReceiver<SignalIn>,
    ) -> Result<()> {
        let c = &self.client;
        let (Some(rendezvous), Some(host)) = (&self.rendezvous, &self.config.audiosocket_host)
        else {
            warn!("ari call refused: media = \"audiosocket\" without the AudioSocket listener");
            return c.hangup(&channel.id).await;
        };
        // The admission check (call limits) happens when the leg connects; the AudioSocket
        // server hangs up a refused leg, which ends this call too.
        info.transport = TransportKind::Audiosocket;
        c.answer(&channel.id).await?;
        let bridge = c.create_bridge().await?;
        let uuid = Uuid::new_v4();
        let (signal_tx, signal_rx) = mpsc::unbounded_channel();
        let (transfer_tx, mut transfer_rx) = mpsc::unbounded_channel();
        let (ended_tx, mut ended_rx) = oneshot::channel();
        rendezvous.expect(
            uuid,
            ExpectedCall {
                info,
                signals: signal_rx,
                transfers: transfer_tx,
                ended: ended_tx,
            },
        );
        let uuid_text = uuid.to_string();
        let media = async {
            c.add_channel(&bridge.id, &channel.id).await?;
            let media = c
                .external_media(&ExternalMedia {
                    app: &self.config.app,
                    external_host: host,
                    format: "slin16",
                    encapsulation: "audiosocket",
                    transport: "tcp",
                    data: Some(&uuid_text),
                })
                .await?;
            if let Err(e) = c.add_channel(&bridge.id, &media.id).await {
                let _ = c.hangup(&media.id).await;
                return Err(e);
            }
            Ok(media)
        }
        .await;
        let media = match media {
            Ok(m) => m,
            Err(e) => {
                rendezvous.cancel(&uuid);
                let _ = c.destroy_bridge(&bridge.id).await;
                return Err(e);
            }
        };
        info!(media = "audiosocket", "ari call started");
        let connect_deadline = tokio::time::sleep(MEDIA_CONNECT_TIMEOUT);
        tokio::pin!(connect_deadline);
        let mut waiting_for_leg = true;
        let mut signals_open = true;
        let mut transferred = false;
        let mut remote_hangup = false;
        let reason = loop {
            tokio::select! {
                r = &mut ended_rx => break r.unwrap_or(EndReason::ConnectionClosed),
                () = &mut connect_deadline, if waiting_for_leg => {
                    waiting_for_leg = false;
                    if rendezvous.cancel(&uuid) {
                        warn!("audiosocket media leg did not connect in time");
                        break EndReason::Error("media leg did not connect".into());
                    }
                }
                s = signals.recv(), if signals_open => match s {
                    Some(SignalIn::End(r)) => {
                        remote_hangup |= r == EndReason::RemoteHangup;
                        // Not connected yet: nothing will report an end, so stop here.
                        if rendezvous.cancel(&uuid) {
                            break r;
                        }
                        let _ = signal_tx.send(SignalIn::End(r));
                    }
                    Some(s) => { let _ = signal_tx.send(s); }
                    // The events side forgot the call (app shutting down): end the leg.
                    None => {
                        if rendezvous.cancel(&uuid) {
                            break EndReason::Shutdown;
                        }
                        let _ = signal_tx.send(SignalIn::End(EndReason::Shutdown));
                        // Wait for the leg's report without listening here again.
                        signals_open = false;
                    }
                },
                Some(req) = transfer_rx.recv() => {
                    if self.transfer(&channel.id, req).await {
                        transferred = true;
                        let _ = signal_tx.send(SignalIn::End(EndReason::Transferred));
                    }
                }
            }
        };
        info!(
            reason = reason.label(),
            media = "audiosocket",
            "ari call ended"
        );
        if !transferred && !remote_hangup && reason != EndReason::RemoteHangup {
            let _ = c.hangup(&channel.id).await;
        }
        let _ = c.hangup(&media.id).await;
        let _ = c.destroy_bridge(&bridge.id).await;
        Ok(())
    }

    /// Allocates an RTP port, creates the ExternalMedia channel and bridges it. Returns the
    /// endpoint and (media channel id, where Asterisk receives RTP if it said so).
    async fn attach_media(
        &self,
        channel: &Channel,
        bridge: &str,
        codec: RtpCodec,
    ) -> Result<(RtpEndpoint, (String, Option<std::net::SocketAddr>))> {
        let c = &self.client;
        c.add_channel(bridge, &channel.id).await?;
        let socket = self
            .ports
            .allocate()
            .await
            .map_err(|e| Error::Config(e.to_string()))?;
        let endpoint = RtpEndpoint::new(socket, codec, &self.config.rtp);
        let local = endpoint
            .local_addr()
            .map_err(|e| Error::Config(format!("rtp socket: {e}")))?;
        let host = match &self.config.external_host {
            Some(h) => format!("{h}:{}", local.port()),
            None => local.to_string(),
        };
        let media = c
            .external_media(&ExternalMedia {
                app: &self.config.app,
                external_host: &host,
                format: codec.ari_format(),
                encapsulation: "rtp",
                transport: "udp",
                data: None,
            })
            .await?;
        let remote = remote_of(&media);
        if let Err(e) = c.add_channel(bridge, &media.id).await {
            let _ = c.hangup(&media.id).await;
            return Err(e);
        }
        Ok((endpoint, (media.id, remote)))
    }
}

fn remote_of(media: &Channel) -> Option<std::net::SocketAddr> {
    let ip = media.channelvars.get("UNICASTRTP_LOCAL_ADDRESS")?;
    let port = media.channelvars.get("UNICASTRTP_LOCAL_PORT")?;
    format!("{ip}:{port}").parse().ok()
}

fn merge(
    mut a: mpsc::UnboundedReceiver<SignalIn>,
    mut b: mpsc::UnboundedReceiver<SignalIn>,
) -> mpsc::UnboundedReceiver<SignalIn> {
    let (tx, rx) = mpsc::unbounded_channel();
    tokio::spawn(async move {
        let (mut a_open, mut b_open) = (true, true);
        while a_open || b_open {
            let s = tokio::select! {
                s = a.recv(), if a_open => match s { Some(s) => s, None => { a_open = false; continue } },
                s = b.recv(), if b_open => match s { Some(s) => s, None => { b_open = false; continue } },
            };
            if tx.send(s).is_err() {
                break;
            }
        }
    });
    rx
}
