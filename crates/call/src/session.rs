//! The two ends of a call: [`TransportLeg`] (held by the transport) and [`CallSession`] (held by
//! the agent), joined by an inbound event channel, an outbound audio queue and a control channel.

use std::collections::VecDeque;
use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use parking_lot::Mutex;
use tokio::sync::{mpsc, oneshot, Notify};
use tokio::time::Instant;
use tokio_util::sync::CancellationToken;

use crate::limits::{CallLimits, Watchdog};
use crate::registry::RegistryGuard;
use crate::types::{
    frame_samples, AudioFrame, CallEvent, CallId, CallInfo, EndReason, TransferTarget,
};
use crate::{Error, Result};

/// State shared by both ends of one call.
pub(crate) struct Shared {
    pub(crate) info: CallInfo,
    pub(crate) frame_samples: usize,
    pub(crate) limits: CallLimits,
    pub(crate) started: Instant,
    /// Nanoseconds after `started` of the last inbound audio or event, for the idle timeout.
    pub(crate) last_activity_ns: AtomicU64,
    out: Mutex<Outbound>,
    /// Wakes the transport: audio was queued, the queue was cleared, or a control request came.
    wake: Notify,
    end: Mutex<Option<EndReason>>,
    /// Cancelled when the transport leg is gone: the call is over for the agent.
    ended: CancellationToken,
    /// Server shutdown.
    pub(crate) shutdown: CancellationToken,
    /// Keeps the call counted in its registry until both ends are dropped.
    _guard: Option<RegistryGuard>,
}

impl Shared {
    pub(crate) fn touch(&self) {
        let ns = u64::try_from(self.started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.last_activity_ns.store(ns, Ordering::Relaxed);
    }
}

/// The most a transport sends ahead of real time to catch up with overdue audio.
pub const MAX_CATCH_UP: Duration = Duration::from_millis(500);

#[derive(Default)]
struct Outbound {
    queue: VecDeque<i16>,
    /// A trailing partial frame was already declined once; release it (zero-padded) next time.
    partial_waited: bool,
    sent_samples: u64,
    confirmed_samples: Option<u64>,
    clear_pending: bool,
    /// How late the most overdue audio queued by [`CallSession::play_due`] was when it was
    /// queued; the transport's pacer takes it as extra credit (see [`crate::Pacer::grant`]).
    catch_up: Duration,
}

/// Outbound playback progress of a call, in samples at the call's rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Played {
    /// Samples the transport handed to the wire.
    pub sent_samples: u64,
    /// Samples the far end confirmed as played (Twilio marks), or `sent_samples` when the
    /// transport has no playback confirmation.
    pub heard_samples: u64,
}

/// What [`CallSession::clear`] dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cleared {
    /// Queued samples that were never sent.
    pub dropped_samples: u64,
    /// Progress at the moment of the clear.
    pub played: Played,
}

/// A transfer the agent asked for; the transport answers with [`accept`](Self::accept) or
/// [`refuse`](Self::refuse). Dropping it unanswered refuses it.
#[derive(Debug)]
pub struct TransferRequest {
    /// Where to.
    pub target: TransferTarget,
    reply: oneshot::Sender<std::result::Result<(), String>>,
}

impl TransferRequest {
    /// The transfer was carried out.
    pub fn accept(self) {
        let _ = self.reply.send(Ok(()));
    }

    /// The transfer failed; `reason` must not contain PII.
    pub fn refuse(self, reason: impl Into<String>) {
        let _ = self.reply.send(Err(reason.into()));
    }
}

/// What the agent asks the transport to do.
#[derive(Debug)]
#[non_exhaustive]
pub enum ControlRequest {
    /// Hang up once the queued audio has been sent (call [`CallSession::clear`] first to hang up
    /// at once).
    Hangup,
    /// Transfer the call.
    Transfer(TransferRequest),
}

/// Creates an unregistered call: the transport keeps the [`TransportLeg`], the agent the
/// [`CallSession`]. Servers use [`CallRegistry::open`](crate::CallRegistry::open) instead, which
/// also enforces `max_concurrent_calls` and wires server shutdown.
///
/// # Errors
/// [`Error::BadSampleRate`] when the rate is not a positive multiple of 50 Hz.
pub fn session(info: CallInfo, limits: CallLimits) -> Result<(TransportLeg, CallSession)> {
    build(info, limits, CancellationToken::new(), None)
}

pub(crate) fn build(
    info: CallInfo,
    limits: CallLimits,
    shutdown: CancellationToken,
    guard: Option<RegistryGuard>,
) -> Result<(TransportLeg, CallSession)> {
    if info.sample_rate == 0 || info.sample_rate % 50 != 0 {
        return Err(Error::BadSampleRate(info.sample_rate));
    }
    let (ev_tx, ev_rx) = mpsc::channel(limits.inbound_queue_frames.max(1));
    let (ctl_tx, ctl_rx) = mpsc::unbounded_channel();
    let shared = Arc::new(Shared {
        frame_samples: frame_samples(info.sample_rate),
        info,
        limits,
        started: Instant::now(),
        last_activity_ns: AtomicU64::new(0),
        out: Mutex::new(Outbound::default()),
        wake: Notify::new(),
        end: Mutex::new(None),
        ended: CancellationToken::new(),
        shutdown,
        _guard: guard,
    });
    let leg = TransportLeg {
        shared: Arc::clone(&shared),
        events: ev_tx,
        control: ctl_rx,
        inbound_dropped: 0,
    };
    let session = CallSession {
        shared,
        events: ev_rx,
        control: ctl_tx,
        hangup_delivered: false,
    };
    Ok((leg, session))
}

/// The transport's end of a call.
///
/// Push inbound events with `push_*`, pull paced outbound frames with
/// [`next_frame`](Self::next_frame), serve [`ControlRequest`]s from
/// [`recv_control`](Self::recv_control), and end with [`finish`](Self::finish). Dropping the leg
/// ends the call for the agent (its `recv` yields [`CallEvent::Hangup`]).
pub struct TransportLeg {
    shared: Arc<Shared>,
    events: mpsc::Sender<CallEvent>,
    control: mpsc::UnboundedReceiver<ControlRequest>,
    inbound_dropped: u64,
}

impl fmt::Debug for TransportLeg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportLeg")
            .field("id", &self.shared.info.id)
            .field("transport", &self.shared.info.transport)
            .finish_non_exhaustive()
    }
}

impl TransportLeg {
    /// The call's description.
    pub fn info(&self) -> &CallInfo {
        &self.shared.info
    }

    /// The call's id.
    pub fn id(&self) -> CallId {
        self.shared.info.id
    }

    /// Samples per 20 ms frame at the call's rate.
    pub fn frame_samples(&self) -> usize {
        self.shared.frame_samples
    }

    /// Hands caller audio to the agent and resets the idle timer. If the agent is more than
    /// `inbound_queue_frames` behind, the frame is dropped (and counted) rather than stalling the
    /// transport's clock.
    pub fn push_audio(&mut self, samples: Vec<i16>) {
        self.shared.touch();
        self.push(CallEvent::Audio(AudioFrame { samples }));
    }

    /// Hands a DTMF digit to the agent.
    pub fn push_dtmf(&mut self, digit: char) {
        self.shared.touch();
        self.push(CallEvent::Dtmf(digit));
    }

    /// Tells the agent the far end played up to a named mark.
    pub fn push_mark(&mut self, name: String) {
        self.shared.touch();
        self.push(CallEvent::Mark(name));
    }

    /// Counts as activity for the idle timeout without an event (keep-alives).
    pub fn touch(&self) {
        self.shared.touch();
    }

    fn push(&mut self, ev: CallEvent) {
        match self.events.try_send(ev) {
            Ok(()) => {}
            Err(mpsc::error::TrySendError::Full(_)) => {
                self.inbound_dropped += 1;
                if self.inbound_dropped.is_power_of_two() {
                    tracing::warn!(call_id = %self.shared.info.id, dropped = self.inbound_dropped,
                        "agent is behind: inbound events dropped");
                }
            }
            // The agent is gone; the transport learns it through `recv_control`.
            Err(mpsc::error::TrySendError::Closed(_)) => {}
        }
    }

    /// Inbound events dropped because the agent was behind.
    pub fn inbound_dropped(&self) -> u64 {
        self.inbound_dropped
    }

    /// Pops the next 20 ms outbound frame, if one is ready, and counts it as sent.
    ///
    /// A trailing partial frame is held back for one call (more audio usually completes it) and
    /// then released, zero-padded to a full frame.
    pub fn next_frame(&self) -> Option<Vec<i16>> {
        let mut v = Vec::with_capacity(self.shared.frame_samples);
        self.next_frame_into(&mut v).then_some(v)
    }

    /// Like [`next_frame`](Self::next_frame) into a reused buffer (cleared first); returns
    /// whether a frame was written.
    pub fn next_frame_into(&self, buf: &mut Vec<i16>) -> bool {
        buf.clear();
        let n = self.shared.frame_samples;
        let mut out = self.shared.out.lock();
        let avail = out.queue.len();
        if avail == 0 {
            out.partial_waited = false;
            return false;
        }
        if avail < n && !out.partial_waited {
            out.partial_waited = true;
            return false;
        }
        let take = avail.min(n);
        buf.extend(out.queue.drain(..take));
        buf.resize(n, 0);
        out.partial_waited = false;
        out.sent_samples += n as u64;
        true
    }

    /// Outbound samples queued and not yet sent.
    pub fn queued_samples(&self) -> usize {
        self.shared.out.lock().queue.len()
    }

    /// Takes the catch-up owed for overdue audio (see [`CallSession::play_due`]); zero when
    /// everything was queued on time. Hand it to [`crate::Pacer::grant`].
    pub fn take_catch_up(&self) -> Duration {
        std::mem::take(&mut self.shared.out.lock().catch_up)
    }

    /// Whether outbound audio is queued.
    pub fn has_outbound(&self) -> bool {
        !self.shared.out.lock().queue.is_empty()
    }

    /// Resolves when the agent queued audio, cleared the queue or sent a control request since
    /// the last wake-up. Cancel-safe; use it to leave an idle state.
    pub async fn outbound_ready(&self) {
        self.shared.wake.notified().await;
    }

    /// A handle that waits like [`outbound_ready`](Self::outbound_ready) without borrowing the
    /// leg, so a `select!` can also poll [`recv_control`](Self::recv_control).
    pub fn outbound_waker(&self) -> OutboundWaker {
        OutboundWaker {
            shared: Arc::clone(&self.shared),
        }
    }

    /// Returns `true` once after each [`CallSession::clear`]: transports with a far-end buffer
    /// (Twilio) send their own clear message then.
    pub fn take_clear(&self) -> bool {
        std::mem::take(&mut self.shared.out.lock().clear_pending)
    }

    /// Records that the far end confirmed playback of `samples` samples in total (from marks).
    pub fn confirm_played(&self, samples: u64) {
        self.shared.out.lock().confirmed_samples = Some(samples);
    }

    /// The next control request. `None` means the agent dropped its session: hang up once the
    /// queued audio has been sent. Cancel-safe.
    pub async fn recv_control(&mut self) -> Option<ControlRequest> {
        self.control.recv().await
    }

    /// A watchdog for this call's `max_duration` and `idle_timeout`.
    pub fn watchdog(&self) -> Watchdog {
        Watchdog::new(Arc::clone(&self.shared))
    }

    /// Server shutdown: resolves when the transport should end the call politely.
    pub fn shutdown_token(&self) -> &CancellationToken {
        &self.shared.shutdown
    }

    /// Ends the call with `reason`: the agent's `recv` yields `Hangup(reason)` after the events
    /// already queued.
    pub fn finish(self, reason: EndReason) {
        self.set_end(reason);
    }

    fn set_end(&self, reason: EndReason) {
        let mut end = self.shared.end.lock();
        if end.is_none() {
            tracing::debug!(call_id = %self.shared.info.id, transport = %self.shared.info.transport,
                reason = reason.label(), "call ended");
            *end = Some(reason);
        }
    }
}

impl Drop for TransportLeg {
    fn drop(&mut self) {
        self.set_end(EndReason::ConnectionClosed);
        self.shared.ended.cancel();
    }
}

/// Waits for outbound activity; see [`TransportLeg::outbound_waker`].
pub struct OutboundWaker {
    shared: Arc<Shared>,
}

impl fmt::Debug for OutboundWaker {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OutboundWaker").finish_non_exhaustive()
    }
}

impl OutboundWaker {
    /// Resolves when audio was queued, the queue cleared or a control request sent. Cancel-safe.
    pub async fn ready(&self) {
        self.shared.wake.notified().await;
    }
}

/// The agent's end of a call.
///
/// Receive [`CallEvent`]s with [`recv`](Self::recv), queue speech with [`play`](Self::play),
/// barge in with [`clear`](Self::clear), end with [`hangup`](Self::hangup) or
/// [`transfer`](Self::transfer). Dropping the session asks the transport to hang up.
pub struct CallSession {
    shared: Arc<Shared>,
    events: mpsc::Receiver<CallEvent>,
    control: mpsc::UnboundedSender<ControlRequest>,
    hangup_delivered: bool,
}

impl fmt::Debug for CallSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallSession")
            .field("info", &self.shared.info)
            .finish_non_exhaustive()
    }
}

impl CallSession {
    /// The call's description.
    pub fn info(&self) -> &CallInfo {
        &self.shared.info
    }

    /// The call's id.
    pub fn id(&self) -> CallId {
        self.shared.info.id
    }

    /// The next event. After the call ends, yields `Some(CallEvent::Hangup(reason))` once, then
    /// `None`. Cancel-safe.
    pub async fn recv(&mut self) -> Option<CallEvent> {
        if let Some(ev) = self.events.recv().await {
            return Some(ev);
        }
        if self.hangup_delivered {
            return None;
        }
        self.hangup_delivered = true;
        Some(CallEvent::Hangup(
            self.end_reason().unwrap_or(EndReason::ConnectionClosed),
        ))
    }

    /// Queues PCM16 audio at the call's rate, of any length; the transport sends it in 20 ms
    /// frames in real time.
    ///
    /// # Errors
    /// [`Error::CallEnded`] once the transport is gone.
    pub fn play(&self, samples: &[i16]) -> Result<()> {
        self.queue(samples, Duration::ZERO)
    }

    /// Like [`play`](Self::play) for audio that belongs at `due` on the call's timeline, such as
    /// an echo of caller audio. When it is queued after `due` (the process was descheduled,
    /// or the caller's frames arrived in a bunch), the transport may send it faster than real
    /// time until it is back on time, up to [`MAX_CATCH_UP`] behind. [`play`](Self::play) paces
    /// from the moment audio is queued, so every stall would otherwise add its length to the
    /// delay for the rest of a continuous stream.
    ///
    /// # Errors
    /// [`Error::CallEnded`] once the transport is gone.
    pub fn play_due(&self, samples: &[i16], due: Instant) -> Result<()> {
        let late = Instant::now().saturating_duration_since(due);
        self.queue(samples, late.min(MAX_CATCH_UP))
    }

    /// Queues audio that is `late` behind its place on the call's timeline.
    fn queue(&self, samples: &[i16], late: Duration) -> Result<()> {
        if self.shared.ended.is_cancelled() {
            return Err(Error::CallEnded(self.id()));
        }
        if samples.is_empty() {
            return Ok(());
        }
        let mut out = self.shared.out.lock();
        out.queue.extend(samples.iter().copied());
        out.catch_up = out.catch_up.max(late);
        drop(out);
        self.shared.wake.notify_one();
        Ok(())
    }

    /// Barge-in: drops everything queued at once and tells the transport (which also flushes any
    /// far-end buffer it controls). Returns what was dropped and the progress so far.
    pub fn clear(&self) -> Cleared {
        let mut out = self.shared.out.lock();
        let dropped = out.queue.len() as u64;
        out.queue.clear();
        out.partial_waited = false;
        out.clear_pending = true;
        out.catch_up = Duration::ZERO;
        let played = played_of(&out);
        drop(out);
        self.shared.wake.notify_one();
        Cleared {
            dropped_samples: dropped,
            played,
        }
    }

    /// Audio queued and not yet sent.
    pub fn queued(&self) -> Duration {
        let n = self.shared.out.lock().queue.len() as u64;
        samples_to_duration(n, self.shared.info.sample_rate)
    }

    /// Playback progress.
    pub fn played(&self) -> Played {
        played_of(&self.shared.out.lock())
    }

    /// How much of the agent's audio the caller heard so far (confirmed by the far end when the
    /// transport supports it, otherwise handed to the wire).
    pub fn heard(&self) -> Duration {
        samples_to_duration(self.played().heard_samples, self.shared.info.sample_rate)
    }

    /// Asks the transport to hang up once the queued audio is sent.
    ///
    /// # Errors
    /// [`Error::CallEnded`] if the transport is already gone.
    pub fn hangup(&self) -> Result<()> {
        self.control
            .send(ControlRequest::Hangup)
            .map_err(|_| Error::CallEnded(self.id()))?;
        self.shared.wake.notify_one();
        Ok(())
    }

    /// Transfers the call and waits for the transport's answer.
    ///
    /// # Errors
    /// [`Error::CallEnded`] if the transport is gone, [`Error::TransferFailed`] if it refused.
    pub async fn transfer(&self, target: TransferTarget) -> Result<()> {
        let (tx, rx) = oneshot::channel();
        self.control
            .send(ControlRequest::Transfer(TransferRequest {
                target,
                reply: tx,
            }))
            .map_err(|_| Error::CallEnded(self.id()))?;
        self.shared.wake.notify_one();
        match rx.await {
            Ok(Ok(())) => Ok(()),
            Ok(Err(reason)) => Err(Error::TransferFailed {
                call: self.id(),
                reason,
            }),
            Err(_) => Err(Error::TransferFailed {
                call: self.id(),
                reason: "transport ended before answering".into(),
            }),
        }
    }

    /// Resolves when the transport side of the call is gone.
    pub async fn closed(&self) {
        self.shared.ended.cancelled().await;
    }

    /// Why the call ended, once it has.
    pub fn end_reason(&self) -> Option<EndReason> {
        self.shared.end.lock().clone()
    }

    /// Time since the call started.
    pub fn elapsed(&self) -> Duration {
        self.shared.started.elapsed()
    }
}

fn played_of(out: &Outbound) -> Played {
    Played {
        sent_samples: out.sent_samples,
        heard_samples: out.confirmed_samples.unwrap_or(out.sent_samples),
    }
}

fn samples_to_duration(samples: u64, rate: u32) -> Duration {
    Duration::from_nanos(samples.saturating_mul(1_000_000_000) / u64::from(rate.max(1)))
}
