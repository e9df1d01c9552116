//! The Media Streams WebSocket handler: one Twilio stream = one call session.
//!
//! Inbound: `connected`, then `start` (the stream token in its custom parameters is checked
//! before any call state exists), `media` (base64 mu-law -> PCM16 8 kHz into the call), `dtmf`,
//! `mark` (playback confirmations) and `stop`. Outbound: the call's queued audio goes out as one
//! `media` message per 20 ms frame on our own clock, so Twilio's playback buffer stays short and
//! `clear` (sent when the agent barges in) drops little; a `mark` follows every few frames and
//! the end of every utterance, named after the running sample count, so Twilio's echo of the
//! mark tells the call how much the caller actually heard.
//!
//! Malformed or unknown messages are logged (kind only: never payloads or identifiers beyond
//! the call id) and ignored; a peer that sends nothing but garbage is disconnected.

use std::collections::VecDeque;
use std::sync::Arc;
use std::time::Duration;

use base64::Engine as _;
use futures::{FutureExt, Sink, SinkExt, Stream, StreamExt};
use voxgate_audio::g711;
use voxgate_call::{
    CallHandler, CallId, CallInfo, CallRegistry, ControlRequest, EndReason, Pacer, TransportKind,
    TransportLeg,
};

use super::messages::{MarkName, OutboundPayload, StartInfo, TwilioInbound, TwilioOutbound};
use super::{TokenRejection, TwilioService, PARAM_PROFILE, PARAM_TOKEN};
use crate::ws::{close_code, send_within, WsMessage};

/// Twilio's only audio rate.
const RATE: u32 = 8000;
/// Samples per 20 ms frame at 8 kHz.
const FRAME: usize = 160;
/// Consecutive unparseable messages tolerated before the stream is dropped.
const MAX_BAD_MESSAGES: u32 = 50;

/// Tuning of the Media Streams handler.
#[derive(Debug, Clone)]
pub struct MediaStreamOptions {
    /// Profile when `start` carries none (and tokens are not required).
    pub default_profile: String,
    /// Refuse streams whose `start` lacks a valid stream token (keep `true` in production:
    /// the upgrade signature proves the request came from Twilio, the token proves the
    /// webhook answered this very call).
    pub require_token: bool,
    /// How long to wait for `start` after the socket opens.
    pub start_timeout: Duration,
    /// Send a mark after this many frames of continuous audio (and at the end of each
    /// utterance), bounding how stale "what the caller heard" can be.
    pub mark_every_frames: u32,
    /// Frames sent back to back when audio starts, so Twilio's buffer never runs dry on
    /// network jitter; everything after follows the 20 ms clock.
    pub lead_frames: u32,
}

impl Default for MediaStreamOptions {
    fn default() -> Self {
        Self {
            default_profile: voxgate_call::EchoHandler::PROFILE.to_owned(),
            require_token: true,
            start_timeout: Duration::from_secs(10),
            mark_every_frames: 10,
            lead_frames: 2,
        }
    }
}

/// Why a stream was refused before a call existed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum StreamRefusal {
    /// No valid `start` before the timeout or the socket closed first.
    #[error("no start message")]
    NoStart,
    /// The stream token was missing, forged or expired.
    #[error("stream token refused: {0}")]
    Token(#[from] TokenRejection),
    /// The media format is not mu-law 8 kHz mono.
    #[error("unsupported media format")]
    MediaFormat,
    /// The call registry refused the call (limit or shutdown).
    #[error("call refused: {0}")]
    Admission(String),
}

/// Counters of one stream.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StreamStats {
    /// `media` messages received.
    pub media_in: u64,
    /// `media` messages sent.
    pub media_out: u64,
    /// DTMF digits received.
    pub dtmf: u64,
    /// Marks sent.
    pub marks_sent: u64,
    /// Marks confirmed by Twilio.
    pub marks_confirmed: u64,
    /// `clear` messages sent.
    pub clears: u64,
    /// Messages that could not be parsed or made no sense.
    pub bad_messages: u64,
}

/// How a stream ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamEnd {
    /// Refused before any call state was created.
    Refused(StreamRefusal),
    /// The call ran and ended.
    Ended {
        /// The call.
        call_id: CallId,
        /// Why it ended.
        reason: EndReason,
        /// Counters.
        stats: StreamStats,
    },
}

/// Serves one Twilio Media Streams WebSocket (already upgraded, signature already checked).
///
/// Creates the call in `registry` once a valid `start` arrives, runs `handler` on it in a task,
/// and returns when the call is over and the handler has returned: nothing of the call is left
/// behind.
pub async fn serve_media_stream<S, E>(
    mut socket: S,
    service: &TwilioService,
    registry: &CallRegistry,
    handler: Arc<dyn CallHandler>,
    options: &MediaStreamOptions,
) -> StreamEnd
where
    S: Stream<Item = Result<WsMessage, E>> + Sink<WsMessage> + Unpin + Send,
    E: std::fmt::Display,
{
    let start = match wait_for_start(&mut socket, options.start_timeout).await {
        Some(s) => s,
        None => {
            tracing::warn!(transport = "twilio", "media stream closed before start");
            let _ = send_within(
                &mut socket,
                WsMessage::close(close_code::POLICY, "no start"),
            )
            .await;
            return StreamEnd::Refused(StreamRefusal::NoStart);
        }
    };
    let stream_sid = start.stream_sid.clone();
    let info = match admit(&start, service, options) {
        Ok(info) => info,
        Err(refusal) => {
            // The security log line: no identifiers, only why.
            tracing::warn!(transport = "twilio", reason = %refusal, "media stream refused");
            let _ = send_within(&mut socket, WsMessage::close(close_code::POLICY, "refused")).await;
            return StreamEnd::Refused(refusal);
        }
    };
    let (leg, session) = match registry.open(info) {
        Ok(pair) => pair,
        Err(e) => {
            tracing::warn!(transport = "twilio", error = %e, "media stream not admitted");
            let _ = send_within(
                &mut socket,
                WsMessage::close(close_code::TRY_AGAIN_LATER, "busy"),
            )
            .await;
            return StreamEnd::Refused(StreamRefusal::Admission(e.to_string()));
        }
    };
    let call_id = leg.id();
    tracing::info!(call_id = %call_id, transport = "twilio", "call started");
    let mut agent = AgentTask::new(
        tokio::spawn(async move { handler.handle(session).await }),
        call_id,
    );
    let (reason, stats) = run_call(&mut socket, leg, &mut agent, &stream_sid, options).await;
    // Hang up on Twilio's side: closing the stream ends `<Connect>`, and with no TwiML after it
    // the call. Harmless if Twilio already closed.
    let _ = send_within(&mut socket, WsMessage::close(close_code::NORMAL, "")).await;
    let _ = socket.close().await;
    agent.join().await;
    tracing::info!(call_id = %call_id, transport = "twilio", reason = reason.label(),
        media_in = stats.media_in, media_out = stats.media_out, "call ended");
    StreamEnd::Ended {
        call_id,
        reason,
        stats,
    }
}

/// The agent task of one call, as seen by its transport loop.
pub(crate) struct AgentTask {
    handle: Option<tokio::task::JoinHandle<()>>,
    call_id: CallId,
}

impl AgentTask {
    pub(crate) fn new(handle: tokio::task::JoinHandle<()>, call_id: CallId) -> Self {
        Self {
            handle: Some(handle),
            call_id,
        }
    }

    /// Whether the handler is still running.
    pub(crate) fn running(&self) -> bool {
        self.handle.is_some()
    }

    /// Resolves when the handler returns (its session is then dropped: hang up once the
    /// queued audio is out). Pending forever afterwards. Cancel-safe.
    pub(crate) async fn finished(&mut self) {
        match &mut self.handle {
            Some(h) => {
                let _ = h.await;
                self.handle = None;
            }
            None => std::future::pending().await,
        }
    }

    /// Waits for the handler to see the hangup and return; one that ignores it is aborted so
    /// no task outlives its call.
    pub(crate) async fn join(self) {
        let Some(handle) = self.handle else {
            return;
        };
        let abort = handle.abort_handle();
        if tokio::time::timeout(Duration::from_secs(2), handle)
            .await
            .is_err()
        {
            tracing::warn!(call_id = %self.call_id, "call handler ignored hangup: aborted");
            abort.abort();
        }
    }
}

/// Serves the agent's pending control requests without waiting (they come with a wake-up of
/// `outbound_ready`). Returns whether the agent asked to hang up. Transfers are refused: neither
/// WebSocket transport can carry them.
pub(crate) fn drain_control(leg: &mut TransportLeg, transport: &str) -> bool {
    let mut hangup = false;
    loop {
        match leg.recv_control().now_or_never() {
            None => return hangup,
            Some(None) => return true,
            Some(Some(ControlRequest::Hangup)) => hangup = true,
            Some(Some(ControlRequest::Transfer(req))) => {
                req.refuse(format!("transfer is not supported on {transport} streams"));
            }
            Some(Some(_)) => {}
        }
    }
}

async fn wait_for_start<S, E>(socket: &mut S, timeout: Duration) -> Option<StartInfo>
where
    S: Stream<Item = Result<WsMessage, E>> + Unpin,
{
    let deadline = tokio::time::Instant::now() + timeout;
    let mut bad = 0u32;
    loop {
        let msg = tokio::time::timeout_at(deadline, socket.next())
            .await
            .ok()??;
        match msg {
            Ok(WsMessage::Text(t)) => match TwilioInbound::parse(&t) {
                Ok(TwilioInbound::Start(s)) => return Some(s.start),
                Ok(TwilioInbound::Connected(c)) => {
                    tracing::debug!(protocol = %c.protocol, version = %c.version, "twilio connected");
                }
                Ok(other) => tracing::debug!(kind = other.kind(), "twilio message before start"),
                Err(e) => {
                    bad += 1;
                    tracing::debug!(line = e.line(), column = e.column(), "bad twilio message");
                    if bad > MAX_BAD_MESSAGES {
                        return None;
                    }
                }
            },
            Ok(WsMessage::Close(_)) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

fn admit(
    start: &StartInfo,
    service: &TwilioService,
    options: &MediaStreamOptions,
) -> Result<CallInfo, StreamRefusal> {
    let fmt = &start.media_format;
    if !fmt.encoding.eq_ignore_ascii_case("audio/x-mulaw")
        || fmt.sample_rate != RATE
        || fmt.channels != 1
    {
        return Err(StreamRefusal::MediaFormat);
    }
    let params = &start.custom_parameters;
    let profile = params
        .get(PARAM_PROFILE)
        .cloned()
        .unwrap_or_else(|| options.default_profile.clone());
    match params.get(PARAM_TOKEN) {
        Some(token) => service.tokens().verify(token, &start.call_sid, &profile)?,
        None if options.require_token => return Err(TokenRejection::Missing.into()),
        None => {}
    }
    let mut info = CallInfo::new(TransportKind::Twilio, RATE);
    info.profile = Some(profile);
    info.parameters = params
        .iter()
        .filter(|(k, _)| k.as_str() != PARAM_TOKEN && k.as_str() != PARAM_PROFILE)
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    info.parameters
        .insert("twilio_call_sid".to_owned(), start.call_sid.clone());
    info.parameters
        .insert("twilio_stream_sid".to_owned(), start.stream_sid.clone());
    Ok(info)
}

/// A mark we sent and have not seen back.
struct PendingMark {
    name: String,
    samples: u64,
}

async fn run_call<S, E>(
    socket: &mut S,
    mut leg: TransportLeg,
    agent: &mut AgentTask,
    stream_sid: &str,
    options: &MediaStreamOptions,
) -> (EndReason, StreamStats)
where
    S: Stream<Item = Result<WsMessage, E>> + Sink<WsMessage> + Unpin + Send,
    E: std::fmt::Display,
{
    let mut stats = StreamStats::default();
    let mut watchdog = leg.watchdog();
    let shutdown = leg.shutdown_token().clone();
    let mut pacer = Pacer::new();
    let mut frame: Vec<i16> = Vec::with_capacity(FRAME);
    let mut pcm: Vec<i16> = Vec::with_capacity(FRAME * 2);
    let mut mulaw: Vec<u8> = Vec::with_capacity(FRAME);
    let mut sent_samples: u64 = 0;
    let mut frames_since_mark: u32 = 0;
    let mut pending_marks: VecDeque<PendingMark> = VecDeque::new();
    // Marks that were in Twilio's buffer when we cleared it: Twilio returns them at once,
    // but that audio was never heard.
    let mut flushed_marks: VecDeque<String> = VecDeque::new();
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
                        tracing::debug!(call_id = %leg.id(), error = %e, "twilio socket error");
                        break EndReason::ConnectionClosed;
                    }
                    None => break EndReason::ConnectionClosed,
                };
                let text = match msg {
                    WsMessage::Text(t) => t,
                    WsMessage::Close(_) => break EndReason::ConnectionClosed,
                    WsMessage::Binary(_) => {
                        stats.bad_messages += 1;
                        tracing::debug!(call_id = %leg.id(), "binary frame on a twilio stream ignored");
                        continue;
                    }
                    WsMessage::Ping(_) | WsMessage::Pong(_) => { leg.touch(); continue; }
                };
                match TwilioInbound::parse(&text) {
                    Ok(TwilioInbound::Media(m)) => {
                        bad_streak = 0;
                        // Only the caller's track goes to the agent.
                        if m.media.track != "inbound" && m.media.track != "inbound_track" {
                            continue;
                        }
                        match decode_media(&m.media.payload, &mut pcm) {
                            Some(()) => {
                                stats.media_in += 1;
                                leg.push_audio(std::mem::replace(&mut pcm, Vec::with_capacity(FRAME * 2)));
                            }
                            None => {
                                stats.bad_messages += 1;
                                tracing::debug!(call_id = %leg.id(), "twilio media payload is not base64");
                            }
                        }
                    }
                    Ok(TwilioInbound::Dtmf(d)) => {
                        bad_streak = 0;
                        match single_dtmf(&d.dtmf.digit) {
                            Some(c) => { stats.dtmf += 1; leg.push_dtmf(c); }
                            None => {
                                stats.bad_messages += 1;
                                tracing::debug!(call_id = %leg.id(), "invalid dtmf digit ignored");
                            }
                        }
                    }
                    Ok(TwilioInbound::Mark(m)) => {
                        bad_streak = 0;
                        let name = m.mark.name;
                        if let Some(pos) = flushed_marks.iter().position(|n| *n == name) {
                            flushed_marks.remove(pos);
                            continue;
                        }
                        // Marks come back in order; anything older was played too.
                        while let Some(p) = pending_marks.pop_front() {
                            if p.name == name {
                                stats.marks_confirmed += 1;
                                leg.confirm_played(p.samples);
                                leg.push_mark(name.clone());
                                break;
                            }
                        }
                    }
                    Ok(TwilioInbound::Stop(_)) => break EndReason::RemoteHangup,
                    Ok(other @ (TwilioInbound::Connected(_) | TwilioInbound::Start(_))) => {
                        stats.bad_messages += 1;
                        tracing::debug!(call_id = %leg.id(), kind = other.kind(), "repeated twilio message ignored");
                    }
                    Ok(TwilioInbound::Unknown) => {
                        tracing::debug!(call_id = %leg.id(), "unknown twilio event ignored");
                    }
                    Err(e) => {
                        stats.bad_messages += 1;
                        bad_streak += 1;
                        tracing::warn!(call_id = %leg.id(), line = e.line(), column = e.column(),
                            "malformed twilio message ignored");
                        if bad_streak > MAX_BAD_MESSAGES {
                            break EndReason::Error("protocol: too many malformed messages".into());
                        }
                    }
                }
            }
            _ = pacer.tick(), if pacer.is_active() => {
                let pacer_frame_sent = leg.next_frame_into(&mut frame);
                if pacer_frame_sent {
                    if send_frame(socket, stream_sid, &frame, &mut mulaw).await.is_err() {
                        break EndReason::ConnectionClosed;
                    }
                    stats.media_out += 1;
                    sent_samples += frame.len() as u64;
                    frames_since_mark += 1;
                    if frames_since_mark >= options.mark_every_frames {
                        frames_since_mark = 0;
                        if send_mark(socket, stream_sid, sent_samples, &mut pending_marks, &mut stats).await.is_err() {
                            break EndReason::ConnectionClosed;
                        }
                    }
                } else {
                    // Nothing went out: give the frame's credit back, or a start/stop cycle
                    // per frame would drain the pacer and delay every later frame.
                    pacer.refund();
                }
                if !pacer_frame_sent && !leg.has_outbound() {
                    // (A trailing partial frame is still queued otherwise: the next tick
                    // releases it, zero-padded.)
                    pacer.stop();
                    if frames_since_mark > 0 {
                        frames_since_mark = 0;
                        if send_mark(socket, stream_sid, sent_samples, &mut pending_marks, &mut stats).await.is_err() {
                            break EndReason::ConnectionClosed;
                        }
                    }
                }
            }
            () = leg.outbound_ready() => {
                hangup_when_drained |= drain_control(&mut leg, "twilio");
                if leg.take_clear() {
                    let clear = TwilioOutbound::Clear { stream_sid: stream_sid.to_owned() };
                    if send_within(socket, WsMessage::Text(clear.to_json())).await.is_err() {
                        break EndReason::ConnectionClosed;
                    }
                    stats.clears += 1;
                    frames_since_mark = 0;
                    flushed_marks.extend(pending_marks.drain(..).map(|p| p.name));
                    // Keep the list bounded if Twilio never returns flushed marks.
                    while flushed_marks.len() > 64 {
                        flushed_marks.pop_front();
                    }
                }
                pacer.grant(leg.take_catch_up());
                if !pacer.is_active() && leg.has_outbound() {
                    // The first frame goes out now (`start` takes its credit); a short lead
                    // follows while the pacer's burst credit lasts, then the clock.
                    pacer.start();
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
                        if send_frame(socket, stream_sid, &frame, &mut mulaw).await.is_err() {
                            break;
                        }
                        stats.media_out += 1;
                        sent_samples += frame.len() as u64;
                        frames_since_mark += 1;
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

/// Base64 mu-law -> PCM16 into `out` (cleared first). `None` if the payload is not base64.
pub(crate) fn decode_media(payload: &str, out: &mut Vec<i16>) -> Option<()> {
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(payload)
        .ok()?;
    out.clear();
    g711::decode_ulaw(&bytes, out);
    Some(())
}

/// PCM16 -> base64 mu-law, reusing `mulaw` as scratch.
pub(crate) fn encode_media(samples: &[i16], mulaw: &mut Vec<u8>) -> String {
    mulaw.clear();
    g711::encode_ulaw(samples, mulaw);
    base64::engine::general_purpose::STANDARD.encode(mulaw)
}

fn single_dtmf(s: &str) -> Option<char> {
    let mut it = s.chars();
    match (it.next(), it.next()) {
        (Some(c), None) if c.is_ascii_digit() || matches!(c, '*' | '#' | 'A'..='D') => Some(c),
        _ => None,
    }
}

async fn send_frame<S>(
    socket: &mut S,
    stream_sid: &str,
    frame: &[i16],
    mulaw: &mut Vec<u8>,
) -> Result<(), ()>
where
    S: Sink<WsMessage> + Unpin,
{
    let msg = TwilioOutbound::Media {
        stream_sid: stream_sid.to_owned(),
        media: OutboundPayload {
            payload: encode_media(frame, mulaw),
        },
    };
    send_within(socket, WsMessage::Text(msg.to_json())).await
}

async fn send_mark<S>(
    socket: &mut S,
    stream_sid: &str,
    sent_samples: u64,
    pending: &mut VecDeque<PendingMark>,
    stats: &mut StreamStats,
) -> Result<(), ()>
where
    S: Sink<WsMessage> + Unpin,
{
    let name = format!("vg-{sent_samples}");
    let msg = TwilioOutbound::Mark {
        stream_sid: stream_sid.to_owned(),
        mark: MarkName { name: name.clone() },
    };
    send_within(socket, WsMessage::Text(msg.to_json())).await?;
    stats.marks_sent += 1;
    pending.push_back(PendingMark {
        name,
        samples: sent_samples,
    });
    // A peer that never confirms must not grow this without bound.
    while pending.len() > 256 {
        pending.pop_front();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_codec_roundtrip_within_g711() {
        let samples: Vec<i16> = (0..160)
            .map(|i| ((i as f32 * 0.3).sin() * 8000.0) as i16)
            .collect();
        let mut scratch = Vec::new();
        let b64 = encode_media(&samples, &mut scratch);
        assert_eq!(b64.len(), 216); // 160 bytes -> 216 base64 chars
        let mut back = Vec::new();
        decode_media(&b64, &mut back).unwrap();
        for (a, b) in samples.iter().zip(&back) {
            // mu-law quantisation error is at most ~1/16 of the magnitude (+ a small floor).
            assert!((i32::from(*a) - i32::from(*b)).abs() <= i32::from(a.unsigned_abs() / 16) + 8);
        }
        assert!(decode_media("!!", &mut back).is_none());
        // Twilio mu-law silence is 0xFF.
        assert_eq!(encode_media(&[0; 3], &mut scratch), "////");
    }

    #[test]
    fn dtmf_digits() {
        for ok in ["0", "9", "*", "#", "A", "D"] {
            assert!(single_dtmf(ok).is_some());
        }
        for bad in ["", "11", "x", "E"] {
            assert!(single_dtmf(bad).is_none());
        }
    }
}
