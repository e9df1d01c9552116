//! Browser voice sessions over a WebSocket, and the web page that drives them.
//!
//! The protocol (documented in `docs/browser-protocol.md`): the page sends
//! `{"type":"start","token":..,"profile":..,"sample_rate":16000}` as its first text frame, then
//! binary frames of 20 ms PCM16 little-endian at 16 kHz; the server answers `ready`, streams the
//! agent's audio back in the same format on its own 20 ms clock, and sends JSON events
//! (`clear` on barge-in, `hangup`, `error`, and `transcript`/`agent_state` for the UI).
//!
//! [`serve_browser_session`] runs one session against a [`CallRegistry`] and a
//! [`CallHandler`]; the page itself is embedded ([`assets`]) so the server can serve it with a
//! strict CSP (no inline script, no external resource).

pub mod assets;
pub mod auth;
pub mod protocol;

use std::sync::Arc;
use std::time::Duration;

use futures::{Sink, SinkExt, Stream, StreamExt};
use voxgate_call::{CallHandler, CallId, CallInfo, CallRegistry, EndReason, Pacer, TransportKind};

pub use auth::{AuthRejection, BrowserAuthorizer, BrowserGrant, BrowserTokens};
pub use protocol::{ClientMessage, ServerMessage, FRAME_BYTES, FRAME_SAMPLES, SAMPLE_RATE};

use crate::twilio::stream::{drain_control, AgentTask};
use crate::ws::{close_code, send_within, WsMessage};
use protocol::{pcm16le_to_samples, samples_to_pcm16le, MAX_FRAME_BYTES};

/// Consecutive bad messages tolerated before the session is dropped.
const MAX_BAD_MESSAGES: u32 = 50;

/// Tuning of the browser handler.
#[derive(Debug, Clone)]
pub struct BrowserOptions {
    /// How long the page has to send `start` after the socket opens.
    pub start_timeout: Duration,
    /// Frames sent back to back when agent audio starts, to prime the page's jitter buffer.
    pub lead_frames: u32,
}

impl Default for BrowserOptions {
    fn default() -> Self {
        Self {
            start_timeout: Duration::from_secs(5),
            lead_frames: 3,
        }
    }
}

/// Why a session was refused before a call existed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SessionRefusal {
    /// No `start` in time, or the first frame was something else.
    #[error("no start message")]
    NoStart,
    /// The token was refused.
    #[error("unauthorized: {0}")]
    Unauthorized(#[from] AuthRejection),
    /// The page offered a rate other than 16 kHz.
    #[error("unsupported sample rate")]
    UnsupportedRate,
    /// The registry refused the call (limit or shutdown).
    #[error("call refused: {0}")]
    Admission(String),
}

/// Counters of one session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SessionStats {
    /// Binary audio frames received.
    pub frames_in: u64,
    /// Binary audio frames sent.
    pub frames_out: u64,
    /// DTMF digits received.
    pub dtmf: u64,
    /// `clear` messages sent.
    pub clears: u64,
    /// Messages refused as malformed.
    pub bad_messages: u64,
}

/// How a session ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionEnd {
    /// Refused before any call state was created.
    Refused(SessionRefusal),
    /// The call ran and ended.
    Ended {
        /// The call.
        call_id: CallId,
        /// Why it ended.
        reason: EndReason,
        /// Counters.
        stats: SessionStats,
    },
}

/// Serves one browser voice WebSocket (already upgraded).
///
/// Checks the `start` message's token with `auth`, opens the call in `registry`, runs `handler`
/// in a task, and returns once the call is over and the handler has returned.
pub async fn serve_browser_session<S, E>(
    mut socket: S,
    auth: &dyn BrowserAuthorizer,
    registry: &CallRegistry,
    handler: Arc<dyn CallHandler>,
    options: &BrowserOptions,
) -> SessionEnd
where
    S: Stream<Item = Result<WsMessage, E>> + Sink<WsMessage> + Unpin + Send,
    E: std::fmt::Display,
{
    let refuse = |code: &str, msg: &str| WsMessage::Text(ServerMessage::error(code, msg).to_json());
    let (token, profile, rate) = match first_message(&mut socket, options.start_timeout).await {
        Some(x) => x,
        None => {
            tracing::warn!(
                transport = "browser",
                "browser session without start refused"
            );
            let _ = send_within(
                &mut socket,
                refuse("bad_request", "expected a start message"),
            )
            .await;
            let _ = send_within(
                &mut socket,
                WsMessage::close(close_code::POLICY, "no start"),
            )
            .await;
            return SessionEnd::Refused(SessionRefusal::NoStart);
        }
    };
    if rate != SAMPLE_RATE {
        let _ = send_within(
            &mut socket,
            refuse("unsupported_rate", "sample_rate must be 16000"),
        )
        .await;
        let _ = send_within(
            &mut socket,
            WsMessage::close(close_code::UNSUPPORTED, "rate"),
        )
        .await;
        return SessionEnd::Refused(SessionRefusal::UnsupportedRate);
    }
    let grant = match auth.authorize(&token, profile.as_deref()) {
        Ok(g) => g,
        Err(rejection) => {
            // The security log line: why, never the token.
            tracing::warn!(transport = "browser", reason = %rejection, "browser session refused");
            let _ = send_within(&mut socket, refuse("unauthorized", "session token refused")).await;
            let _ = send_within(
                &mut socket,
                WsMessage::close(close_code::POLICY, "unauthorized"),
            )
            .await;
            return SessionEnd::Refused(rejection.into());
        }
    };
    let mut info = CallInfo::new(TransportKind::Browser, SAMPLE_RATE);
    info.profile = Some(grant.profile);
    let (leg, session) = match registry.open(info) {
        Ok(pair) => pair,
        Err(e) => {
            tracing::warn!(transport = "browser", error = %e, "browser session not admitted");
            let _ = send_within(&mut socket, refuse("busy", "no capacity, try again later")).await;
            let _ = send_within(
                &mut socket,
                WsMessage::close(close_code::TRY_AGAIN_LATER, "busy"),
            )
            .await;
            return SessionEnd::Refused(SessionRefusal::Admission(e.to_string()));
        }
    };
    let call_id = leg.id();
    let ready = ServerMessage::Ready {
        call_id: call_id.to_string(),
        sample_rate: SAMPLE_RATE,
        frame_ms: 20,
    };
    tracing::info!(call_id = %call_id, transport = "browser", "call started");
    let mut agent = AgentTask::new(
        tokio::spawn(async move { handler.handle(session).await }),
        call_id,
    );
    let (reason, stats) = if send_within(&mut socket, WsMessage::Text(ready.to_json()))
        .await
        .is_ok()
    {
        run_call(&mut socket, leg, &mut agent, options).await
    } else {
        leg.finish(EndReason::ConnectionClosed);
        (EndReason::ConnectionClosed, SessionStats::default())
    };
    if !matches!(reason, EndReason::ConnectionClosed) {
        let hangup = ServerMessage::Hangup {
            reason: hangup_reason(&reason).to_owned(),
        };
        let _ = send_within(&mut socket, WsMessage::Text(hangup.to_json())).await;
        let _ = send_within(&mut socket, WsMessage::close(close_code::NORMAL, "")).await;
    }
    let _ = socket.close().await;
    agent.join().await;
    tracing::info!(call_id = %call_id, transport = "browser", reason = reason.label(),
        frames_in = stats.frames_in, frames_out = stats.frames_out, "call ended");
    SessionEnd::Ended {
        call_id,
        reason,
        stats,
    }
}

fn hangup_reason(reason: &EndReason) -> &'static str {
    match reason {
        EndReason::RemoteHangup | EndReason::ConnectionClosed => "caller",
        EndReason::LocalHangup | EndReason::Transferred => "agent",
        EndReason::MaxDuration | EndReason::IdleTimeout => "timeout",
        EndReason::Shutdown => "shutdown",
        _ => "error",
    }
}

async fn first_message<S, E>(
    socket: &mut S,
    timeout: Duration,
) -> Option<(String, Option<String>, u32)>
where
    S: Stream<Item = Result<WsMessage, E>> + Unpin,
{
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let msg = tokio::time::timeout_at(deadline, socket.next())
            .await
            .ok()??;
        match msg.ok()? {
            WsMessage::Text(t) => {
                return match ClientMessage::parse(&t) {
                    Ok(ClientMessage::Start {
                        token,
                        profile,
                        sample_rate,
                    }) => Some((token, profile, sample_rate)),
                    _ => None,
                };
            }
            WsMessage::Ping(_) | WsMessage::Pong(_) => {}
            _ => return None,
        }
    }
}

async fn run_call<S, E>(
    socket: &mut S,
    mut leg: voxgate_call::TransportLeg,
    agent: &mut AgentTask,
    options: &BrowserOptions,
) -> (EndReason, SessionStats)
where
    S: Stream<Item = Result<WsMessage, E>> + Sink<WsMessage> + Unpin + Send,
    E: std::fmt::Display,
{
    let mut stats = SessionStats::default();
    let mut watchdog = leg.watchdog();
    let shutdown = leg.shutdown_token().clone();
    let mut pacer = Pacer::new();
    let mut frame: Vec<i16> = Vec::with_capacity(FRAME_SAMPLES);
    let mut hangup_when_drained = false;
    let mut bad_streak = 0u32;

    let reason = loop {
        if hangup_when_drained && !pacer.is_active() && !leg.has_outbound() {
            break EndReason::LocalHangup;
        }
        tokio::select! {
            msg = socket.next() => {
                let msg = match msg {
                    Some(Ok(m)) => m,
                    Some(Err(e)) => {
                        tracing::debug!(call_id = %leg.id(), error = %e, "browser socket error");
                        break EndReason::ConnectionClosed;
                    }
                    None => break EndReason::ConnectionClosed,
                };
                match msg {
                    WsMessage::Binary(b) => {
                        match (b.len() <= MAX_FRAME_BYTES).then(|| pcm16le_to_samples(&b)).flatten() {
                            Some(samples) if !samples.is_empty() => {
                                bad_streak = 0;
                                stats.frames_in += 1;
                                leg.push_audio(samples);
                            }
                            _ => {
                                stats.bad_messages += 1;
                                bad_streak += 1;
                                tracing::debug!(call_id = %leg.id(), len = b.len(), "bad browser audio frame ignored");
                            }
                        }
                    }
                    WsMessage::Text(t) => match ClientMessage::parse(&t) {
                        Ok(ClientMessage::Dtmf { digit }) => match single_dtmf(&digit) {
                            Some(c) => {
                                bad_streak = 0;
                                stats.dtmf += 1;
                                leg.push_dtmf(c);
                                let ack = ServerMessage::Dtmf { digit };
                                if send_within(socket, WsMessage::Text(ack.to_json())).await.is_err() {
                                    break EndReason::ConnectionClosed;
                                }
                            }
                            None => {
                                stats.bad_messages += 1;
                                bad_streak += 1;
                            }
                        },
                        Ok(ClientMessage::Hangup) => break EndReason::RemoteHangup,
                        Ok(ClientMessage::Start { .. }) => {
                            stats.bad_messages += 1;
                            tracing::debug!(call_id = %leg.id(), "repeated start ignored");
                        }
                        Ok(ClientMessage::Unknown) => {
                            tracing::debug!(call_id = %leg.id(), "unknown browser message ignored");
                        }
                        Err(e) => {
                            stats.bad_messages += 1;
                            bad_streak += 1;
                            tracing::warn!(call_id = %leg.id(), line = e.line(), column = e.column(),
                                "malformed browser message ignored");
                        }
                    },
                    WsMessage::Close(_) => break EndReason::ConnectionClosed,
                    WsMessage::Ping(_) | WsMessage::Pong(_) => leg.touch(),
                }
                if bad_streak > MAX_BAD_MESSAGES {
                    break EndReason::Error("protocol: too many malformed messages".into());
                }
            }
            _ = pacer.tick(), if pacer.is_active() => {
                let pacer_frame_sent = leg.next_frame_into(&mut frame);
                if pacer_frame_sent {
                    if send_within(socket, WsMessage::Binary(samples_to_pcm16le(&frame).into())).await.is_err() {
                        break EndReason::ConnectionClosed;
                    }
                    stats.frames_out += 1;
                } else {
                    // Nothing went out: give the frame's credit back, or a start/stop cycle
                    // per frame would drain the pacer and delay every later frame.
                    pacer.refund();
                }
                if !pacer_frame_sent && !leg.has_outbound() {
                    // (A trailing partial frame is still queued otherwise: the next tick
                    // releases it, zero-padded.)
                    pacer.stop();
                }
            }
            () = leg.outbound_ready() => {
                hangup_when_drained |= drain_control(&mut leg, "browser");
                if leg.take_clear() {
                    if send_within(socket, WsMessage::Text(ServerMessage::Clear.to_json())).await.is_err() {
                        break EndReason::ConnectionClosed;
                    }
                    stats.clears += 1;
                }
                pacer.grant(leg.take_catch_up());
                if !pacer.is_active() && leg.has_outbound() {
                    // The first frame goes out now (`start` takes its credit); a short lead
                    // primes the page's jitter buffer while the pacer's burst credit lasts.
                    pacer.start();
                    let mut failed = false;
                    for i in 0..options.lead_frames.max(1) {
                        if i > 0 && !pacer.try_take() {
                            break;
                        }
                        if !leg.next_frame_into(&mut frame) {
                            if i > 0 {
                                pacer.refund();
                            }
                            break;
                        }
                        if send_within(socket, WsMessage::Binary(samples_to_pcm16le(&frame).into())).await.is_err() {
                            failed = true;
                            break;
                        }
                        stats.frames_out += 1;
                    }
                    if failed {
                        break EndReason::ConnectionClosed;
                    }
                }
            }
            () = agent.finished(), if agent.running() => hangup_when_drained = true,
            reason = watchdog.expired() => break reason,
            () = shutdown.cancelled() => break EndReason::Shutdown,
        }
    };
    leg.finish(reason.clone());
    (reason, stats)
}

fn single_dtmf(s: &str) -> Option<char> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) if c.is_ascii_digit() || matches!(c, '*' | '#' | 'A'..='D') => Some(c),
        _ => None,
    }
}
