//! Per-call limits, the watchdog that enforces them and the 20 ms pacing clock.

use std::pin::Pin;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio::time::{Instant, Sleep};

use crate::session::Shared;
use crate::types::{EndReason, FRAME_MS};

/// Limits applied to calls.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct CallLimits {
    /// Longest a call may last, in seconds (`None`: no limit).
    pub max_duration_secs: Option<u64>,
    /// End the call when nothing (audio, DTMF, keep-alive) arrives for this long, in ms.
    pub idle_timeout_ms: Option<u64>,
    /// Calls allowed at once across all transports of a registry.
    pub max_concurrent_calls: usize,
    /// Inbound events buffered for a slow agent before frames are dropped (50 frames = 1 s).
    pub inbound_queue_frames: usize,
}

impl Default for CallLimits {
    fn default() -> Self {
        Self {
            max_duration_secs: Some(3600),
            idle_timeout_ms: Some(30_000),
            max_concurrent_calls: 2000,
            inbound_queue_frames: 100,
        }
    }
}

impl CallLimits {
    /// `max_duration_secs` as a duration.
    pub fn max_duration(&self) -> Option<Duration> {
        self.max_duration_secs.map(Duration::from_secs)
    }

    /// `idle_timeout_ms` as a duration.
    pub fn idle_timeout(&self) -> Option<Duration> {
        self.idle_timeout_ms.map(Duration::from_millis)
    }
}

/// Enforces `max_duration` and `idle_timeout` for one call. Keep one per call loop and poll
/// [`expired`](Self::expired) in its `select!`: it holds a single timer that it re-arms lazily,
/// so polling it every frame costs nothing.
pub struct Watchdog {
    shared: Arc<Shared>,
    sleep: Pin<Box<Sleep>>,
}

impl std::fmt::Debug for Watchdog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watchdog").finish_non_exhaustive()
    }
}

impl Watchdog {
    pub(crate) fn new(shared: Arc<Shared>) -> Self {
        let first = next_deadline(&shared).map_or(far_future(), |(at, _)| at);
        Self {
            shared,
            sleep: Box::pin(tokio::time::sleep_until(first)),
        }
    }

    /// Resolves with [`EndReason::MaxDuration`] or [`EndReason::IdleTimeout`] when a limit is
    /// hit; never resolves without limits. Cancel-safe.
    pub async fn expired(&mut self) -> EndReason {
        loop {
            self.sleep.as_mut().await;
            match next_deadline(&self.shared) {
                Some((at, reason)) if at <= Instant::now() => return reason,
                Some((at, _)) => self.sleep.as_mut().reset(at),
                None => self.sleep.as_mut().reset(far_future()),
            }
        }
    }
}

fn far_future() -> Instant {
    Instant::now() + Duration::from_secs(86_400 * 365)
}

fn next_deadline(shared: &Shared) -> Option<(Instant, EndReason)> {
    let max = shared
        .limits
        .max_duration()
        .map(|d| (shared.started + d, EndReason::MaxDuration));
    let idle = shared.limits.idle_timeout().map(|d| {
        let last = Duration::from_nanos(shared.last_activity_ns.load(Ordering::Relaxed));
        (shared.started + last + d, EndReason::IdleTimeout)
    });
    match (max, idle) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// The outbound clock: a token bucket that allows one 20 ms frame per 20 ms of real time, with
/// up to `burst` frames of credit (3 by default).
///
/// Credit accrues from elapsed time, so a backlog (a TTS sentence queued at once) goes out at
/// exactly real-time rate with no drift however late each timer fires, and never more than
/// `burst` frames back to back. When the agent produces audio no faster than real time (echo,
/// streaming TTS) there is always credit and each frame leaves as soon as it is ready: a fixed
/// tick grid would instead hold every frame until the next tick, up to a whole period, and jitter
/// ratchets such a grid towards the worst phase.
#[derive(Debug)]
pub struct Pacer {
    period: Duration,
    cap: Duration,
    credit: Duration,
    /// Extra credit for overdue audio ([`grant`](Self::grant)), spent after `credit`, never
    /// refilled by time.
    catch_up: Duration,
    last: Instant,
    active: bool,
}

impl Default for Pacer {
    fn default() -> Self {
        Self::new()
    }
}

impl Pacer {
    /// A 20 ms pacer with a burst of 3 frames, starting with full credit.
    pub fn new() -> Self {
        Self::with_burst(Duration::from_millis(FRAME_MS), 3)
    }

    /// A pacer with a custom period and burst (at least 1).
    pub fn with_burst(period: Duration, burst: u32) -> Self {
        let cap = period * burst.max(1);
        Self {
            period,
            cap,
            credit: cap,
            catch_up: Duration::ZERO,
            last: Instant::now(),
            active: false,
        }
    }

    fn refill(&mut self) {
        let now = Instant::now();
        self.credit = (self.credit + now.saturating_duration_since(self.last)).min(self.cap);
        self.last = now;
    }

    /// Takes credit for one frame if there is enough; send a frame when it returns `true`
    /// (or [`refund`](Self::refund) it if there turned out to be nothing to send).
    pub fn try_take(&mut self) -> bool {
        self.refill();
        if self.credit >= self.period {
            self.credit -= self.period;
            true
        } else if self.catch_up >= self.period {
            self.catch_up -= self.period;
            true
        } else {
            false
        }
    }

    /// Lets `behind` worth of frames out on top of the real-time rate, because the audio they
    /// carry is already that late (see `CallSession::play_due`). Grants do not add up: several
    /// overdue frames of one stream are late by the oldest one's lateness.
    pub fn grant(&mut self, behind: Duration) {
        self.catch_up = self.catch_up.max(behind);
    }

    /// Drops unused catch-up credit: the queue ran dry, so the stream is on time again.
    pub fn settle(&mut self) {
        self.catch_up = Duration::ZERO;
    }

    /// Gives back a frame's credit taken by [`try_take`](Self::try_take) but not used.
    pub fn refund(&mut self) {
        self.credit = (self.credit + self.period).min(self.cap);
    }

    /// When the next frame's credit will be there (now if it already is).
    pub fn next_ready_at(&self) -> Instant {
        if self.catch_up >= self.period {
            return self.last;
        }
        let missing = self.period.saturating_sub(self.credit);
        self.last + missing
    }

    /// The frame period.
    pub fn period(&self) -> Duration {
        self.period
    }

    /// Tick-style use: whether the clock is running (see [`start`](Self::start)).
    pub fn is_active(&self) -> bool {
        self.active
    }

    /// Tick-style use: the caller sends a frame now (its credit is taken) and then calls
    /// [`tick`](Self::tick) before each further frame.
    pub fn start(&mut self) {
        let _ = self.try_take();
        self.active = true;
    }

    /// Tick-style use: stops the clock (the queue ran dry, so any catch-up is settled).
    pub fn stop(&mut self) {
        self.active = false;
        self.settle();
    }

    /// Tick-style use: waits until a frame may be sent and takes its credit. Guard the
    /// `select!` branch with `if pacer.is_active()`. Cancel-safe (credit is taken only on
    /// completion).
    pub async fn tick(&mut self) -> Instant {
        loop {
            tokio::time::sleep_until(self.next_ready_at()).await;
            if self.try_take() {
                return self.last;
            }
        }
    }
}
