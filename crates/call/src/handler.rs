//! What the server hands to transports: the [`CallHandler`] that runs a call, the
//! [`ProfileResolver`] that picks an agent profile, and the [`EchoHandler`] test profile.

use std::collections::{HashMap, VecDeque};
use std::fmt::Debug;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use tokio::time::Instant;

use crate::session::CallSession;
use crate::types::{CallEvent, TransportKind};

/// Runs one call on the agent side. Transports spawn `handle` for each admitted call and keep
/// the [`TransportLeg`](crate::TransportLeg); the call ends for the transport when `handle`
/// returns and drops the session (after the queued audio is sent).
#[async_trait]
pub trait CallHandler: Send + Sync + Debug + 'static {
    /// Drives the call until it ends.
    async fn handle(&self, session: CallSession);
}

/// Maps a transport's call key (AudioSocket UUID, Twilio stream path...) to an agent profile.
pub trait ProfileResolver: Send + Sync + Debug + 'static {
    /// The profile for `key`, or `None` to refuse the call.
    fn resolve(&self, transport: TransportKind, key: &str) -> Option<String>;
}

/// A fixed table of key -> profile with an optional default for unknown keys.
/// Keys are compared case-insensitively (UUIDs come in both cases).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProfileMap {
    entries: HashMap<String, String>,
    default: Option<String>,
}

impl ProfileMap {
    /// An empty map that refuses every key.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `key -> profile`.
    pub fn with(mut self, key: &str, profile: impl Into<String>) -> Self {
        self.entries
            .insert(key.to_ascii_lowercase(), profile.into());
        self
    }

    /// Sets the profile for keys not in the table (`None`: refuse them).
    pub fn with_default(mut self, profile: Option<String>) -> Self {
        self.default = profile;
        self
    }
}

impl ProfileResolver for ProfileMap {
    fn resolve(&self, _transport: TransportKind, key: &str) -> Option<String> {
        self.entries
            .get(&key.to_ascii_lowercase())
            .or(self.default.as_ref())
            .cloned()
    }
}

/// Runs each call with the handler registered for its profile ([`CallInfo::profile`]), or the
/// default handler when the call has no profile. A call whose profile has no handler is ended
/// at once (the resolver and this table are built from the same configuration, so that only
/// happens when a transport passes a profile name through unchecked).
///
/// [`CallInfo::profile`]: crate::CallInfo::profile
#[derive(Debug, Clone, Default)]
pub struct ProfileHandlers {
    handlers: HashMap<String, Arc<dyn CallHandler>>,
    default: Option<String>,
}

impl ProfileHandlers {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers `handler` for calls of `profile`.
    pub fn with(mut self, profile: impl Into<String>, handler: Arc<dyn CallHandler>) -> Self {
        self.handlers.insert(profile.into(), handler);
        self
    }

    /// The profile used for calls that have none.
    pub fn with_default(mut self, profile: impl Into<String>) -> Self {
        self.default = Some(profile.into());
        self
    }

    /// The registered profile names, sorted.
    pub fn profiles(&self) -> Vec<&str> {
        let mut v: Vec<&str> = self.handlers.keys().map(String::as_str).collect();
        v.sort_unstable();
        v
    }

    /// The handler for `profile` (`None`: the default profile's).
    pub fn get(&self, profile: Option<&str>) -> Option<&Arc<dyn CallHandler>> {
        let name = profile.or(self.default.as_deref())?;
        self.handlers.get(name)
    }
}

#[async_trait]
impl CallHandler for ProfileHandlers {
    async fn handle(&self, session: CallSession) {
        let profile = session.info().profile.clone();
        match self.get(profile.as_deref()) {
            Some(handler) => handler.handle(session).await,
            None => {
                tracing::warn!(
                    call_id = %session.id(),
                    profile = profile.as_deref().unwrap_or("(default)"),
                    "no handler for the call's profile; ending the call"
                );
                let _ = session.hangup();
            }
        }
    }
}

/// The `echo` profile: plays back what it hears after `delay`, so transports can be tested
/// without models.
#[derive(Debug, Clone)]
pub struct EchoHandler {
    delay: Duration,
}

impl EchoHandler {
    /// The profile name servers register it under.
    pub const PROFILE: &'static str = "echo";

    /// Echoes after `delay` (zero: as soon as each frame arrives).
    pub fn new(delay: Duration) -> Self {
        Self { delay }
    }

    /// The configured delay.
    pub fn delay(&self) -> Duration {
        self.delay
    }
}

impl Default for EchoHandler {
    fn default() -> Self {
        Self::new(Duration::from_millis(200))
    }
}

#[async_trait]
impl CallHandler for EchoHandler {
    async fn handle(&self, mut session: CallSession) {
        let mut pending: VecDeque<(Instant, Vec<i16>)> = VecDeque::new();
        let mut clock = MediaClock::new(session.info().sample_rate);
        let timer = tokio::time::sleep(Duration::ZERO);
        tokio::pin!(timer);
        loop {
            tokio::select! {
                ev = session.recv() => match ev {
                    Some(CallEvent::Audio(frame)) => {
                        // Each frame's place on the caller's timeline, not the moment this task
                        // got to it: after a stall the echo is then overdue and the transport
                        // catches up, rather than keeping the stall as delay for the whole call.
                        let due = clock.place(frame.samples.len(), Instant::now()) + self.delay;
                        if self.delay.is_zero() {
                            if session.play_due(&frame.samples, due).is_err() {
                                break;
                            }
                        } else {
                            if pending.is_empty() {
                                timer.as_mut().reset(due);
                            }
                            pending.push_back((due, frame.samples));
                        }
                    }
                    Some(CallEvent::Dtmf(d)) => {
                        tracing::debug!(call_id = %session.id(), digit = %d, "echo: dtmf");
                    }
                    Some(CallEvent::Hangup(_)) | None => break,
                    Some(_) => {}
                },
                () = &mut timer, if !pending.is_empty() => {
                    let now = Instant::now();
                    while pending.front().is_some_and(|(due, _)| *due <= now) {
                        if let Some((due, samples)) = pending.pop_front() {
                            if session.play_due(&samples, due).is_err() {
                                return;
                            }
                        }
                    }
                    if let Some((due, _)) = pending.front() {
                        timer.as_mut().reset(*due);
                    }
                }
            }
        }
    }
}

/// Where inbound frames sit on the caller's timeline: the arrival of the stream's first frame
/// plus the audio received since. Transports deliver frames at the caller's real-time rate, so
/// a frame that arrives later than its place was held up on our side (or bunched by the
/// network) and one that arrives earlier shows the caller's clock runs fast: the clock then
/// moves to it. A gap longer than [`MediaClock::MAX_SLIP`] is taken as the caller pausing the
/// stream, not as lateness, and restarts the timeline.
#[derive(Debug)]
struct MediaClock {
    rate: u64,
    anchor: Option<Instant>,
    samples: u64,
}

impl MediaClock {
    const MAX_SLIP: Duration = Duration::from_millis(500);

    fn new(sample_rate: u32) -> Self {
        Self {
            rate: u64::from(sample_rate.max(1)),
            anchor: None,
            samples: 0,
        }
    }

    /// The timeline position of a frame of `len` samples that arrived at `now`.
    fn place(&mut self, len: usize, now: Instant) -> Instant {
        let at = match self.anchor {
            Some(anchor) => {
                let expected = anchor + Duration::from_micros(self.samples * 1_000_000 / self.rate);
                if expected > now || now.saturating_duration_since(expected) > Self::MAX_SLIP {
                    self.anchor = Some(now);
                    self.samples = 0;
                    now
                } else {
                    expected
                }
            }
            None => {
                self.anchor = Some(now);
                now
            }
        };
        self.samples += len as u64;
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_clock_places_bunched_frames_on_the_callers_timeline() {
        let t0 = Instant::now();
        let mut c = MediaClock::new(8_000);
        assert_eq!(c.place(160, t0), t0);
        assert_eq!(
            c.place(160, t0 + Duration::from_millis(20)),
            t0 + Duration::from_millis(20)
        );
        // A 100 ms stall: five frames read at once keep their own places.
        let late = t0 + Duration::from_millis(140);
        for k in 2..7u64 {
            assert_eq!(c.place(160, late), t0 + Duration::from_millis(20 * k));
        }
        // An early frame moves the timeline to it (a caller clock running fast).
        let early = t0 + Duration::from_millis(135);
        assert_eq!(c.place(160, early), early);
        assert_eq!(
            c.place(160, early + Duration::from_millis(20)),
            early + Duration::from_millis(20)
        );
        // A long pause restarts the timeline instead of making every later frame overdue.
        let resumed = early + Duration::from_secs(3);
        assert_eq!(c.place(160, resumed), resumed);
    }
}
