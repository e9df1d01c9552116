//! A shared check every transport's end-to-end test runs (Vector's `assert_source_compliance`
//! idea): drive a scripted call through the transport against a [`RecordingEcho`], then call
//! [`assert_transport_compliance`] to check that the agent saw exactly the audio and DTMF that
//! were sent, that the call ended with the expected reason as the last event, and that nothing of
//! the call is left in the registry.
//!
//! Test support only: it panics on failure, like `assert!`.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use parking_lot::Mutex;
use voxgate_call::{CallEvent, CallHandler, CallInfo, CallRegistry, CallSession, EndReason};

/// What the agent side saw of one call.
#[derive(Debug, Clone, Default)]
pub struct CallRecord {
    /// The call description the transport built.
    pub info: Option<CallInfo>,
    /// All inbound audio, concatenated.
    pub audio: Vec<i16>,
    /// DTMF digits in order.
    pub dtmf: String,
    /// Marks in order.
    pub marks: Vec<String>,
    /// The hangup reason, if the call ended.
    pub end: Option<EndReason>,
    /// Events received after the hangup (must be zero).
    pub events_after_end: usize,
}

/// An echo agent (zero or configured delay) that records everything it receives.
#[derive(Debug, Clone, Default)]
pub struct RecordingEcho {
    delay: Duration,
    calls: Arc<Mutex<Vec<Arc<Mutex<CallRecord>>>>>,
}

impl RecordingEcho {
    /// Echoes after `delay`.
    pub fn new(delay: Duration) -> Self {
        Self {
            delay,
            calls: Arc::default(),
        }
    }

    /// Snapshots of every call handled so far, in start order.
    pub fn records(&self) -> Vec<CallRecord> {
        self.calls.lock().iter().map(|c| c.lock().clone()).collect()
    }
}

#[async_trait]
impl CallHandler for RecordingEcho {
    async fn handle(&self, mut session: CallSession) {
        let rec = Arc::new(Mutex::new(CallRecord {
            info: Some(session.info().clone()),
            ..CallRecord::default()
        }));
        self.calls.lock().push(Arc::clone(&rec));
        // Same timing as `EchoHandler`, plus recording.
        let delay = self.delay;
        let mut pending: std::collections::VecDeque<(tokio::time::Instant, Vec<i16>)> =
            Default::default();
        loop {
            let next_due = pending.front().map(|(d, _)| *d);
            tokio::select! {
                ev = session.recv() => {
                    let Some(ev) = ev else { break };
                    let mut r = rec.lock();
                    if r.end.is_some() {
                        r.events_after_end += 1;
                        continue;
                    }
                    match ev {
                        CallEvent::Audio(f) => {
                            r.audio.extend_from_slice(&f.samples);
                            drop(r);
                            if delay.is_zero() {
                                let _ = session.play(&f.samples);
                            } else {
                                pending.push_back((tokio::time::Instant::now() + delay, f.samples));
                            }
                        }
                        CallEvent::Dtmf(d) => r.dtmf.push(d),
                        CallEvent::Mark(m) => r.marks.push(m),
                        CallEvent::Hangup(reason) => r.end = Some(reason),
                        _ => {}
                    }
                }
                () = async { if let Some(d) = next_due { tokio::time::sleep_until(d).await } }, if next_due.is_some() => {
                    if let Some((_, s)) = pending.pop_front() {
                        let _ = session.play(&s);
                    }
                }
            }
        }
    }
}

/// What a scripted call is expected to have produced.
#[derive(Debug, Clone)]
pub struct Expected {
    /// Audio the far end sent (after codec decoding), in order.
    pub audio: Vec<i16>,
    /// Allowed absolute difference per sample (0 for slin, a few hundred for mu-law).
    pub tolerance: i16,
    /// DTMF digits the far end sent.
    pub dtmf: String,
    /// How the call must have ended.
    pub end: EndReason,
}

/// Waits (up to 5 s) for `registry` to hold no call, then checks the single recorded call against
/// `expected`.
///
/// # Panics
/// On any mismatch, with a message naming it.
pub async fn assert_transport_compliance(
    registry: &CallRegistry,
    echo: &RecordingEcho,
    expected: &Expected,
) {
    if tokio::time::timeout(Duration::from_secs(5), registry.wait_idle())
        .await
        .is_err()
    {
        panic!(
            "call not cleaned up: {} still live in the registry",
            registry.active()
        );
    }
    let recs = echo.records();
    assert_eq!(
        recs.len(),
        1,
        "expected exactly one call, got {}",
        recs.len()
    );
    let r = &recs[0];
    assert!(r.info.is_some(), "call info recorded");
    assert_eq!(r.audio.len(), expected.audio.len(), "inbound audio length");
    if let Some((i, (a, b))) = r
        .audio
        .iter()
        .zip(&expected.audio)
        .enumerate()
        .find(|(_, (a, b))| (i32::from(**a) - i32::from(**b)).abs() > i32::from(expected.tolerance))
    {
        panic!("inbound audio differs at sample {i}: got {a}, sent {b}");
    }
    assert_eq!(r.dtmf, expected.dtmf, "DTMF digits");
    assert_eq!(r.end.as_ref(), Some(&expected.end), "end reason");
    assert_eq!(r.events_after_end, 0, "events after hangup");
}
