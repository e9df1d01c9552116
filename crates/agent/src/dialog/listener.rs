//! The caller side of a call: resampling, endpointing, utterance buffering and barge-in
//! detection.

use tokio::time::Instant;
use voxgate_audio::endpoint::{EndpointEvent, Endpointer, EndpointerConfig};
use voxgate_audio::pcm::i16_to_f32_slice;
use voxgate_audio::vad::VoiceActivityDetector;
use voxgate_audio::Resampler;

use crate::profile::{AgentProfile, BargeInConfig};
use crate::{Error, Result};

/// The rate speech-to-text takes.
pub(crate) const STT_RATE: u32 = 16_000;

/// What one chunk of caller audio meant.
#[derive(Debug, Default)]
pub(crate) struct Heard {
    /// The caller started an utterance (possibly not yet confirmed as barge-in).
    pub(crate) speech_started: bool,
    /// The caller has talked over the agent long and loud enough: stop the agent.
    pub(crate) barge_in: bool,
    /// Finished utterances to transcribe.
    pub(crate) utterances: Vec<Utterance>,
    /// The open utterance has been quiet for `speculative_silence_ms`: the audio so far, to
    /// transcribe before the turn is over. It equals the utterance the endpointer will give
    /// if the caller stays silent.
    pub(crate) tentative: Option<Utterance>,
    /// The caller spoke again after a tentative utterance: it is out of date.
    pub(crate) resumed: bool,
}

/// A finished caller utterance.
#[derive(Debug)]
pub(crate) struct Utterance {
    /// 16 kHz mono audio, padding included.
    pub(crate) audio: Vec<f32>,
    /// When the last voiced audio arrived (the end of the caller's speech).
    pub(crate) speech_end: Instant,
    /// When the utterance started.
    pub(crate) started: Instant,
    /// When the endpointer ended it.
    pub(crate) endpointed: Instant,
}

#[derive(Debug)]
struct Open {
    /// Offset of the first sample, in 16 kHz samples from the call start.
    start: u64,
    started: Instant,
    /// Began while the agent was speaking: counts only if confirmed as barge-in.
    over_agent: bool,
    confirmed: bool,
    /// Already answered because it grew past `max_utterance_secs`; its end is ignored.
    cut: bool,
    /// Quiet (below the end threshold) for this long, in ms, as the endpointer counts it.
    quiet_ms: u64,
    /// A tentative utterance was given for the current pause.
    speculated: bool,
}

/// One per call.
pub(crate) struct Listener {
    to_stt: Resampler,
    /// Call rate -> VAD rate, when the VAD does not run at 16 kHz.
    to_vad: Option<Resampler>,
    endpointer: Endpointer,
    vad_rate: u32,
    vad_frame: usize,
    frame_ms: u64,
    /// VAD input waiting for a whole frame.
    vad_pending: Vec<f32>,
    /// 16 kHz audio; `buf[0]` is at offset `buf_start`.
    buf: Vec<f32>,
    buf_start: u64,
    /// How much audio to keep before a possible utterance start.
    keep_before: u64,
    max_utterance: u64,
    post_padding: u64,
    /// `speculative_silence_ms`, 0 when off.
    speculate_ms: u64,
    open: Option<Open>,
    /// Consecutive ms of strong speech (for barge-in).
    strong_ms: u64,
    barge: BargeInConfig,
    end_threshold: f32,
    scratch_f32: Vec<f32>,
    scratch_16k: Vec<f32>,
    scratch_vad: Vec<f32>,
    events: Vec<EndpointEvent>,
}

impl std::fmt::Debug for Listener {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Listener").finish_non_exhaustive()
    }
}

impl Listener {
    pub(crate) fn new(
        call_rate: u32,
        vad: Box<dyn VoiceActivityDetector>,
        profile: &AgentProfile,
    ) -> Result<Self> {
        let vad_rate = vad.sample_rate();
        let vad_frame = vad.frame_size();
        if vad_frame == 0 || vad_rate == 0 {
            return Err(Error::Audio("VAD reports an empty frame".into()));
        }
        let config = EndpointerConfig::from(&profile.endpointer);
        let endpointer = Endpointer::new(vad, config).map_err(|e| Error::Audio(e.to_string()))?;
        let to_stt =
            Resampler::new(call_rate, STT_RATE).map_err(|e| Error::Audio(e.to_string()))?;
        let to_vad = if vad_rate == STT_RATE {
            None
        } else {
            Some(Resampler::new(call_rate, vad_rate).map_err(|e| Error::Audio(e.to_string()))?)
        };
        let ms16 = |ms: u64| ms * u64::from(STT_RATE) / 1000;
        let ep = &profile.endpointer;
        Ok(Self {
            to_stt,
            to_vad,
            endpointer,
            vad_rate,
            vad_frame,
            frame_ms: (vad_frame as u64 * 1000 / u64::from(vad_rate)).max(1),
            vad_pending: Vec::with_capacity(vad_frame),
            buf: Vec::new(),
            buf_start: 0,
            keep_before: ms16(u64::from(ep.pre_padding_ms + ep.min_speech_ms) + 500),
            max_utterance: ms16(profile.max_utterance_secs.saturating_mul(1000)),
            post_padding: ms16(u64::from(ep.post_padding_ms)),
            speculate_ms: if ep.speculative_silence_ms < ep.min_silence_ms {
                u64::from(ep.speculative_silence_ms)
            } else {
                0
            },
            open: None,
            strong_ms: 0,
            barge: profile.barge_in.clone(),
            end_threshold: ep.end_threshold,
            scratch_f32: Vec::new(),
            scratch_16k: Vec::new(),
            scratch_vad: Vec::new(),
            events: Vec::new(),
        })
    }

    /// Whether the caller is in the middle of an utterance the agent should wait for.
    pub(crate) fn caller_talking(&self) -> bool {
        self.open
            .as_ref()
            .is_some_and(|o| !o.over_agent || o.confirmed)
    }

    /// Whether the VAD hears speech right now, even speech too short yet to open an utterance.
    pub(crate) fn hearing(&self) -> bool {
        self.endpointer.speech_ms() > 0
    }

    /// Feeds one inbound frame at the call rate. `agent_speaking`: the agent's audio is playing
    /// (or its echo may still come back); `interruptible`: barge-in may stop it.
    pub(crate) fn push(
        &mut self,
        samples: &[i16],
        agent_speaking: bool,
        interruptible: bool,
    ) -> Result<Heard> {
        let mut heard = Heard::default();
        self.scratch_f32.clear();
        i16_to_f32_slice(samples, &mut self.scratch_f32);
        self.scratch_16k.clear();
        self.to_stt
            .process(&self.scratch_f32, &mut self.scratch_16k);
        self.buf.extend_from_slice(&self.scratch_16k);
        let vad_in = match &mut self.to_vad {
            Some(r) => {
                self.scratch_vad.clear();
                r.process(&self.scratch_f32, &mut self.scratch_vad);
                std::mem::take(&mut self.scratch_vad)
            }
            None => std::mem::take(&mut self.scratch_16k),
        };
        // One VAD frame at a time, so every frame's probability is seen (barge-in counts them).
        let mut rest: &[f32] = &vad_in;
        while !rest.is_empty() {
            let take = (self.vad_frame - self.vad_pending.len()).min(rest.len());
            self.vad_pending.extend_from_slice(&rest[..take]);
            rest = &rest[take..];
            if self.vad_pending.len() == self.vad_frame {
                self.events.clear();
                self.endpointer
                    .push(&self.vad_pending, &mut self.events)
                    .map_err(|e| Error::Audio(e.to_string()))?;
                self.vad_pending.clear();
                let p = self.endpointer.last_probability();
                self.on_frame(p, agent_speaking, interruptible, &mut heard);
            }
        }
        match &mut self.to_vad {
            Some(_) => self.scratch_vad = vad_in,
            None => self.scratch_16k = vad_in,
        }
        self.trim();
        Ok(heard)
    }

    fn on_frame(&mut self, p: f32, agent_speaking: bool, interruptible: bool, heard: &mut Heard) {
        let now = Instant::now();
        if p >= self.barge.threshold {
            self.strong_ms += self.frame_ms;
        } else if p < self.end_threshold {
            self.strong_ms = 0;
        }
        let events = std::mem::take(&mut self.events);
        for ev in &events {
            match *ev {
                EndpointEvent::SpeechStart { sample } => {
                    let start = self.to_16k(sample);
                    self.open = Some(Open {
                        start,
                        started: now,
                        over_agent: agent_speaking,
                        confirmed: false,
                        cut: false,
                        quiet_ms: 0,
                        speculated: false,
                    });
                    heard.speech_started = true;
                }
                EndpointEvent::SpeechEnd { sample } => {
                    if let Some(open) = self.open.take() {
                        let accepted = !open.cut && (!open.over_agent || open.confirmed);
                        if accepted {
                            let end = self.to_16k(sample);
                            let voiced_end = end.saturating_sub(self.post_padding);
                            let lag = self
                                .to_16k(self.endpointer.position())
                                .saturating_sub(voiced_end);
                            heard.utterances.push(Utterance {
                                audio: self.slice(open.start, end),
                                speech_end: now
                                    .checked_sub(std::time::Duration::from_micros(
                                        lag * 1_000_000 / u64::from(STT_RATE),
                                    ))
                                    .unwrap_or(now),
                                started: open.started,
                                endpointed: now,
                            });
                        }
                    }
                }
            }
        }
        self.events = events;
        let pos16 = self.to_16k(self.endpointer.position());
        let strong = self.strong_ms >= u64::from(self.barge.min_speech_ms);
        let may_barge = self.barge.enabled && interruptible;
        let max_utterance = self.max_utterance;
        let mut cut_from = None;
        let mut tentative = None;
        let (speculate_ms, post_padding, end_threshold, frame_ms) = (
            self.speculate_ms,
            self.post_padding,
            self.end_threshold,
            self.frame_ms,
        );
        if let Some(open) = &mut self.open {
            if p < end_threshold {
                open.quiet_ms += frame_ms;
            } else {
                open.quiet_ms = 0;
                if open.speculated {
                    open.speculated = false;
                    heard.resumed = true;
                }
            }
            let accepted = !open.cut && (!open.over_agent || open.confirmed);
            if speculate_ms > 0 && accepted && !open.speculated && open.quiet_ms >= speculate_ms {
                open.speculated = true;
                // The end the endpointer will report: the quiet start plus the post-padding.
                let quiet16 = open.quiet_ms * u64::from(STT_RATE) / 1000;
                let end = (pos16.saturating_sub(quiet16) + post_padding).min(pos16);
                tentative = Some((open.start, end, open.started, quiet16));
            }
            if open.over_agent && !open.confirmed && strong {
                if !agent_speaking {
                    // The agent stopped on its own while this was going on: from here on it is
                    // an ordinary turn.
                    open.confirmed = true;
                } else if may_barge {
                    open.confirmed = true;
                    heard.barge_in = true;
                }
            }
            if !open.cut && pos16.saturating_sub(open.start) > max_utterance {
                open.cut = true;
                if !open.over_agent || open.confirmed {
                    cut_from = Some((open.start, open.started));
                }
            }
        }
        if let Some((start, end, started, quiet16)) = tentative {
            heard.tentative = Some(Utterance {
                audio: self.slice(start, end),
                speech_end: now
                    .checked_sub(std::time::Duration::from_micros(
                        quiet16 * 1_000_000 / u64::from(STT_RATE),
                    ))
                    .unwrap_or(now),
                started,
                endpointed: now,
            });
        }
        if let Some((start, started)) = cut_from {
            let end = self.buf_start + self.buf.len() as u64;
            heard.utterances.push(Utterance {
                audio: self.slice(start, end),
                speech_end: now,
                started,
                endpointed: now,
            });
        }
        // A strong run while the agent speaks interrupts even before the endpointer confirmed
        // the utterance (its minimum may be longer than the barge-in minimum).
        if self.open.is_none()
            && agent_speaking
            && interruptible
            && self.barge.enabled
            && self.strong_ms >= u64::from(self.barge.min_speech_ms)
            && self.endpointer.speech_ms() >= u64::from(self.barge.min_speech_ms)
        {
            heard.barge_in = true;
        }
    }

    fn to_16k(&self, vad_sample: u64) -> u64 {
        vad_sample * u64::from(STT_RATE) / u64::from(self.vad_rate)
    }

    fn slice(&self, from: u64, to: u64) -> Vec<f32> {
        let a = from.saturating_sub(self.buf_start) as usize;
        let b = (to.saturating_sub(self.buf_start) as usize).min(self.buf.len());
        self.buf.get(a..b).map(<[f32]>::to_vec).unwrap_or_default()
    }

    /// Keeps only the audio a future or open utterance can still need.
    fn trim(&mut self) {
        let end = self.buf_start + self.buf.len() as u64;
        let keep_from = match &self.open {
            Some(o) if !o.cut => o.start,
            _ => end.saturating_sub(self.keep_before),
        };
        let drop = keep_from.saturating_sub(self.buf_start) as usize;
        // Draining is a memmove: do it in large steps.
        if drop > 0 && (drop >= STT_RATE as usize || (self.open.is_none() && drop > 4096)) {
            let drop = drop.min(self.buf.len());
            self.buf.drain(..drop);
            self.buf_start += drop as u64;
        }
    }
}
