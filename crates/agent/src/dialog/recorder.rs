//! Call audio recording under a `record_audio` policy.
//!
//! The call loop records what the caller sent and what the agent actually played, as one
//! 2-channel PCM16 stream at the call's rate: caller left, agent right. One stereo file rather
//! than two mono tracks because that is what an operator reviewing a call wants: any player
//! plays it as the conversation, in time, with each side still separable (pan, or split the
//! channels) for quality review or a dispute; two files would need a tool to line them up.
//!
//! The caller's frames are the clock: each inbound frame writes that many stereo frames. The
//! agent side mirrors the transport's outbound queue: audio handed to
//! [`CallSession::play`](voxgate_call::CallSession::play) enters the mirror, and what the
//! transport has taken from its queue since the last frame (mirror length minus the session's
//! queue length) moves to the agent channel. A barge-in drops the rest of the mirror, and what
//! the far end reports as sent but not heard (Twilio marks) is taken back while still unwritten,
//! so the agent channel holds what the caller heard, as far as the call model tells.
//!
//! Recording begins only once raw data may be kept (consent granted, or not required):
//! nothing before the consent answer is kept. Memory per call is one block (one second of
//! stereo frames) plus the agent speech already queued; full blocks go to a
//! [`RecordingWriter`], which must not block (the server seals and appends them to an
//! encrypted blob file on a blocking thread). No allocation happens per frame: a fresh block
//! buffer is allocated once a second, when the full one is handed over.

use std::collections::VecDeque;
use std::fmt;
use std::sync::Arc;

use parking_lot::Mutex;
use voxgate_call::{CallSession, Cleared};

/// What a recording is of, given to [`AudioRecorder::start`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordingStart {
    /// The call.
    pub call_id: String,
    /// The profile answering it.
    pub profile: String,
    /// The transport (`audiosocket`, `twilio`, ...).
    pub transport: String,
    /// The caller's number, when known.
    pub caller: Option<String>,
    /// Frames per second (the call's rate).
    pub sample_rate: u32,
    /// Interleaved channels: 2, caller left, agent right.
    pub channels: u16,
    /// When recording started (Unix ms).
    pub started_at_ms: i64,
    /// The recording policy's name.
    pub policy: String,
}

/// How a recording ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordingEnd {
    /// Frames recorded in total (including blocks the writer may have lost).
    pub frames: u64,
    /// The policy's `max_recording_secs` was reached before the call ended.
    pub capped: bool,
    /// When it ended (Unix ms).
    pub ended_at_ms: i64,
}

/// Receives one call's recording, block by block. Called from the call loop: must not block.
pub trait RecordingWriter: Send {
    /// A block of interleaved frames (caller left, agent right), in order.
    fn write(&mut self, block: Vec<i16>);
    /// The recording is complete.
    fn finish(self: Box<Self>, end: RecordingEnd);
}

/// Starts recordings; the server's writes encrypted blobs. Called from the call loop: must not
/// block.
pub trait AudioRecorder: Send + Sync + fmt::Debug {
    /// A new recording of the call described by `start`.
    fn start(&self, start: &RecordingStart) -> Box<dyn RecordingWriter>;
}

/// A finished (or running) in-memory recording of [`MemoryRecorder`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MemoryRecording {
    /// How it started; `None` only in `Default`.
    pub start: Option<RecordingStart>,
    /// Interleaved frames so far.
    pub samples: Vec<i16>,
    /// Set once finished.
    pub end: Option<RecordingEnd>,
}

impl MemoryRecording {
    /// One channel (0 caller, 1 agent).
    pub fn channel(&self, ch: usize) -> Vec<i16> {
        self.samples.iter().skip(ch).step_by(2).copied().collect()
    }
}

/// Keeps recordings in memory (tests, tools).
#[derive(Debug, Default, Clone)]
pub struct MemoryRecorder {
    recordings: Arc<Mutex<Vec<MemoryRecording>>>,
}

impl MemoryRecorder {
    /// An empty recorder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Recordings so far.
    pub fn recordings(&self) -> Vec<MemoryRecording> {
        self.recordings.lock().clone()
    }
}

struct MemoryWriter {
    all: Arc<Mutex<Vec<MemoryRecording>>>,
    index: usize,
}

impl RecordingWriter for MemoryWriter {
    fn write(&mut self, block: Vec<i16>) {
        if let Some(r) = self.all.lock().get_mut(self.index) {
            r.samples.extend_from_slice(&block);
        }
    }
    fn finish(self: Box<Self>, end: RecordingEnd) {
        if let Some(r) = self.all.lock().get_mut(self.index) {
            r.end = Some(end);
        }
    }
}

impl AudioRecorder for MemoryRecorder {
    fn start(&self, start: &RecordingStart) -> Box<dyn RecordingWriter> {
        let mut all = self.recordings.lock();
        all.push(MemoryRecording {
            start: Some(start.clone()),
            samples: Vec::new(),
            end: None,
        });
        Box::new(MemoryWriter {
            all: Arc::clone(&self.recordings),
            index: all.len() - 1,
        })
    }
}

fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

/// Which state the recorder of one call is in.
enum Phase {
    /// Waiting for consent (or never recording: no recorder is built then).
    Waiting,
    Recording(Box<dyn RecordingWriter>),
    /// Finished (cap reached or call ended).
    Done,
}

/// The recording of one call, driven by the call loop.
pub(crate) struct CallRecorder {
    recorder: Arc<dyn AudioRecorder>,
    start: RecordingStart,
    phase: Phase,
    /// Agent audio queued to the transport and not yet taken by it.
    mirror: VecDeque<i16>,
    /// Agent audio the transport has sent that has no caller frame beside it yet.
    sent: VecDeque<i16>,
    block: Vec<i16>,
    block_frames: usize,
    frames: u64,
    max_frames: u64,
}

impl fmt::Debug for CallRecorder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallRecorder")
            .field("call_id", &self.start.call_id)
            .field("frames", &self.frames)
            .finish_non_exhaustive()
    }
}

impl CallRecorder {
    /// A recorder for a call at `start.sample_rate`, capped at `max_secs` (0: no cap).
    pub(crate) fn new(
        recorder: Arc<dyn AudioRecorder>,
        start: RecordingStart,
        max_secs: u64,
    ) -> Self {
        let rate = u64::from(start.sample_rate.max(1));
        let block_frames = usize::try_from(rate).unwrap_or(8_000);
        Self {
            recorder,
            start,
            phase: Phase::Waiting,
            mirror: VecDeque::new(),
            sent: VecDeque::new(),
            block: Vec::new(),
            block_frames,
            frames: 0,
            max_frames: if max_secs == 0 {
                u64::MAX
            } else {
                max_secs.saturating_mul(rate)
            },
        }
    }

    fn recording(&self) -> bool {
        matches!(self.phase, Phase::Recording(_))
    }

    /// Agent audio was queued to the transport.
    pub(crate) fn queued(&mut self, samples: &[i16]) {
        if matches!(self.phase, Phase::Done) {
            return;
        }
        self.mirror.extend(samples.iter().copied());
    }

    /// Moves what the transport took from its queue since last time to the sent side.
    fn sync(&mut self, still_queued: usize) {
        let taken = self.mirror.len().saturating_sub(still_queued);
        if taken == 0 {
            return;
        }
        if self.recording() {
            self.sent.extend(self.mirror.drain(..taken));
        } else {
            // Played before recording began: not kept.
            self.mirror.drain(..taken);
        }
    }

    /// The agent barged in: `cleared` is what the session dropped and how far playback got.
    pub(crate) fn cleared(&mut self, cleared: &Cleared) {
        let dropped = usize::try_from(cleared.dropped_samples).unwrap_or(usize::MAX);
        self.sync(dropped);
        self.mirror.clear();
        // Sent but not heard (the far end flushed its buffer): take back what is unwritten.
        let unheard = cleared
            .played
            .sent_samples
            .saturating_sub(cleared.played.heard_samples);
        let unheard = usize::try_from(unheard)
            .unwrap_or(usize::MAX)
            .min(self.sent.len());
        self.sent.truncate(self.sent.len() - unheard);
    }

    /// A caller frame arrived; `allowed` says whether raw data may be kept now.
    pub(crate) fn caller(&mut self, samples: &[i16], session: &CallSession, allowed: bool) {
        if matches!(self.phase, Phase::Done) {
            return;
        }
        if !self.mirror.is_empty() {
            // The session's queue length; it only reports a duration, converted back exactly.
            let q = session.queued();
            let rate = u128::from(self.start.sample_rate.max(1));
            let n = (q.as_nanos() * rate + 500_000_000) / 1_000_000_000;
            self.sync(usize::try_from(n).unwrap_or(usize::MAX));
        }
        if !self.recording() {
            if !allowed {
                return;
            }
            let mut start = self.start.clone();
            start.started_at_ms = now_ms();
            tracing::info!(call_id = %start.call_id, policy = %start.policy, "recording the call");
            self.phase = Phase::Recording(self.recorder.start(&start));
            self.block = Vec::with_capacity(self.block_frames * 2);
            self.sent.clear();
        }
        for &s in samples {
            let a = self.sent.pop_front().unwrap_or(0);
            self.push_frame(s, a);
        }
        // The caller's side stalled (no inbound audio) while the agent spoke: keep the agent's
        // audio in real time with the caller silent, rather than let it pile up.
        let limit = self.block_frames;
        while self.sent.len() > limit {
            let a = self.sent.pop_front().unwrap_or(0);
            self.push_frame(0, a);
        }
    }

    fn push_frame(&mut self, caller: i16, agent: i16) {
        if !self.recording() {
            return;
        }
        self.block.push(caller);
        self.block.push(agent);
        self.frames += 1;
        if self.block.len() >= self.block_frames * 2 {
            self.flush();
        }
        if self.frames >= self.max_frames {
            tracing::info!(call_id = %self.start.call_id, "recording reached max_recording_secs");
            self.end(true);
        }
    }

    fn flush(&mut self) {
        if self.block.is_empty() {
            return;
        }
        if let Phase::Recording(w) = &mut self.phase {
            let full =
                std::mem::replace(&mut self.block, Vec::with_capacity(self.block_frames * 2));
            w.write(full);
        }
    }

    fn end(&mut self, capped: bool) {
        self.flush();
        self.mirror.clear();
        self.sent.clear();
        self.block = Vec::new();
        if let Phase::Recording(w) = std::mem::replace(&mut self.phase, Phase::Done) {
            w.finish(RecordingEnd {
                frames: self.frames,
                capped,
                ended_at_ms: now_ms(),
            });
        }
        self.phase = Phase::Done;
    }

    /// The call ended: agent audio already sent is written beside silence, the rest dropped.
    pub(crate) fn finish(mut self, session: &CallSession) {
        if self.recording() {
            let q = session.queued();
            let rate = u128::from(self.start.sample_rate.max(1));
            let n = (q.as_nanos() * rate + 500_000_000) / 1_000_000_000;
            self.sync(usize::try_from(n).unwrap_or(usize::MAX));
            while let Some(a) = self.sent.pop_front() {
                if !self.recording() {
                    break;
                }
                self.push_frame(0, a);
            }
        }
        self.end(false);
    }
}
