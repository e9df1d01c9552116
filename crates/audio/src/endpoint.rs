//! Turn-taking on top of a VAD: speech start and end events with sample offsets.
//!
//! The [`Endpointer`] runs a [`VoiceActivityDetector`] over audio of any chunk size and applies
//! the usual hysteresis rules (as Silero's `get_speech_timestamps` does):
//!
//! - speech *may* start when a frame scores at least `start_threshold`; it is confirmed, and
//!   [`EndpointEvent::SpeechStart`] emitted, once it has stayed at or above `end_threshold` for
//!   `min_speech_ms` (so clicks and line noise do not start a turn);
//! - confirmed speech ends once frames have stayed below `end_threshold` for `min_silence_ms`,
//!   emitting [`EndpointEvent::SpeechEnd`];
//! - event offsets include `pre_padding_ms`/`post_padding_ms`, so a caller cutting the
//!   utterance at those offsets keeps soft onsets and trailing consonants.
//!
//! Offsets are counted in samples at the detector's rate from the start of the stream. The
//! caller decides what to buffer: a SpeechStart's offset lies up to `min_speech_ms +
//! pre_padding_ms` in the past.

use crate::vad::VoiceActivityDetector;
use crate::{Error, Result};

/// Endpointing parameters.
#[derive(Debug, Clone, PartialEq)]
pub struct EndpointerConfig {
    /// Probability at which speech may begin.
    pub start_threshold: f32,
    /// Probability below which a frame counts as silence (at most `start_threshold`).
    pub end_threshold: f32,
    /// Speech shorter than this never produces events.
    pub min_speech_ms: u32,
    /// Silence needed to end a turn.
    pub min_silence_ms: u32,
    /// Added before the detected start.
    pub pre_padding_ms: u32,
    /// Added after the detected end (never past the audio already seen).
    pub post_padding_ms: u32,
}

impl Default for EndpointerConfig {
    /// Thresholds 0.5/0.35, 250 ms minimum speech, 600 ms silence to end a turn, 200 ms padding
    /// before and 150 ms after.
    fn default() -> Self {
        Self {
            start_threshold: 0.5,
            end_threshold: 0.35,
            min_speech_ms: 250,
            min_silence_ms: 600,
            pre_padding_ms: 200,
            post_padding_ms: 150,
        }
    }
}

impl EndpointerConfig {
    /// Checks the thresholds.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] unless `0 <= end_threshold <= start_threshold <= 1`.
    pub fn validate(&self) -> Result<()> {
        let ok = (0.0..=1.0).contains(&self.start_threshold)
            && (0.0..=1.0).contains(&self.end_threshold)
            && self.end_threshold <= self.start_threshold;
        if !ok {
            return Err(Error::InvalidConfig(format!(
                "endpointer thresholds need 0 <= end ({}) <= start ({}) <= 1",
                self.end_threshold, self.start_threshold
            )));
        }
        Ok(())
    }
}

/// A speech boundary, in samples from the start of the stream (at the detector's rate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndpointEvent {
    /// Speech began at `sample` (pre-padding included).
    SpeechStart {
        /// Offset in samples.
        sample: u64,
    },
    /// Speech ended at `sample` (post-padding included).
    SpeechEnd {
        /// Offset in samples.
        sample: u64,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Silence,
    /// Above the start threshold since `start`, not yet long enough.
    Candidate {
        start: u64,
    },
    /// Confirmed speech since `start`; below the end threshold since `quiet_since`, if it is.
    Speech {
        start: u64,
        quiet_since: Option<u64>,
    },
}

/// Speech start/end detection for one stream. `Send`; one per call.
#[derive(Debug)]
pub struct Endpointer {
    vad: Box<dyn VoiceActivityDetector>,
    config: EndpointerConfig,
    frame: Vec<f32>,
    frame_size: usize,
    /// Samples fed to the detector so far (whole frames).
    position: u64,
    state: State,
    last_probability: f32,
    min_speech: u64,
    min_silence: u64,
    pre: u64,
    post: u64,
}

impl Endpointer {
    /// Wraps a detector.
    ///
    /// # Errors
    /// [`Error::InvalidConfig`] as [`EndpointerConfig::validate`].
    pub fn new(vad: Box<dyn VoiceActivityDetector>, config: EndpointerConfig) -> Result<Self> {
        config.validate()?;
        let rate = u64::from(vad.sample_rate());
        let ms = |v: u32| u64::from(v) * rate / 1000;
        Ok(Self {
            frame_size: vad.frame_size(),
            frame: Vec::with_capacity(vad.frame_size()),
            position: 0,
            state: State::Silence,
            last_probability: 0.0,
            min_speech: ms(config.min_speech_ms),
            min_silence: ms(config.min_silence_ms),
            pre: ms(config.pre_padding_ms),
            post: ms(config.post_padding_ms),
            vad,
            config,
        })
    }

    /// The configuration in use.
    pub fn config(&self) -> &EndpointerConfig {
        &self.config
    }

    /// Sample rate of the audio this endpointer takes.
    pub fn sample_rate(&self) -> u32 {
        self.vad.sample_rate()
    }

    /// Feeds samples of any length, appending any boundaries found to `events`.
    ///
    /// # Errors
    /// Only what the detector returns; with a detector from [`crate::vad`] none occur here.
    pub fn push(&mut self, mut samples: &[f32], events: &mut Vec<EndpointEvent>) -> Result<()> {
        while !samples.is_empty() {
            let take = (self.frame_size - self.frame.len()).min(samples.len());
            self.frame.extend_from_slice(&samples[..take]);
            samples = &samples[take..];
            if self.frame.len() == self.frame_size {
                let p = self.vad.process(&self.frame)?;
                self.frame.clear();
                self.step(p, events);
            }
        }
        Ok(())
    }

    fn step(&mut self, p: f32, events: &mut Vec<EndpointEvent>) {
        let frame_start = self.position;
        self.position += self.frame_size as u64;
        let now = self.position;
        self.last_probability = p;
        let cfg = &self.config;
        self.state = match self.state {
            State::Silence if p >= cfg.start_threshold => {
                self.confirm_or_wait(frame_start, now, events)
            }
            State::Silence => State::Silence,
            State::Candidate { start } if p >= cfg.end_threshold => {
                self.confirm_or_wait(start, now, events)
            }
            State::Candidate { .. } => State::Silence,
            State::Speech { start, .. } if p >= cfg.end_threshold => State::Speech {
                start,
                quiet_since: None,
            },
            State::Speech { start, quiet_since } => {
                let since = quiet_since.unwrap_or(frame_start);
                if now - since >= self.min_silence {
                    events.push(EndpointEvent::SpeechEnd {
                        sample: (since + self.post).min(now),
                    });
                    State::Silence
                } else {
                    State::Speech {
                        start,
                        quiet_since: Some(since),
                    }
                }
            }
        };
    }

    fn confirm_or_wait(&self, start: u64, now: u64, events: &mut Vec<EndpointEvent>) -> State {
        if now - start >= self.min_speech {
            events.push(EndpointEvent::SpeechStart {
                sample: start.saturating_sub(self.pre),
            });
            State::Speech {
                start,
                quiet_since: None,
            }
        } else {
            State::Candidate { start }
        }
    }

    /// Ends the stream: closes an open utterance with a SpeechEnd at the end of the audio seen.
    /// The endpointer is then reset for a new stream.
    pub fn finish(&mut self, events: &mut Vec<EndpointEvent>) {
        if let State::Speech { quiet_since, .. } = self.state {
            let end = self.position + self.frame.len() as u64;
            let sample = quiet_since.map_or(end, |q| (q + self.post).min(end));
            events.push(EndpointEvent::SpeechEnd { sample });
        }
        self.reset();
    }

    /// Forgets all state, including the detector's.
    pub fn reset(&mut self) {
        self.vad.reset();
        self.frame.clear();
        self.position = 0;
        self.state = State::Silence;
        self.last_probability = 0.0;
    }

    /// Whether a confirmed utterance is in progress (between SpeechStart and SpeechEnd).
    pub fn in_speech(&self) -> bool {
        matches!(self.state, State::Speech { .. })
    }

    /// How long the current speech run has lasted, in ms, counting unconfirmed speech and
    /// excluding trailing silence; 0 in silence. Cheap: for barge-in decisions per frame.
    pub fn speech_ms(&self) -> u64 {
        let rate = u64::from(self.vad.sample_rate());
        match self.state {
            State::Silence => 0,
            State::Candidate { start } => (self.position - start) * 1000 / rate,
            State::Speech { start, quiet_since } => {
                (quiet_since.unwrap_or(self.position) - start) * 1000 / rate
            }
        }
    }

    /// Whether the current speech run has lasted at least `ms` milliseconds.
    pub fn has_speech_for(&self, ms: u64) -> bool {
        self.speech_ms() >= ms
    }

    /// The detector's probability for the latest frame.
    pub fn last_probability(&self) -> f32 {
        self.last_probability
    }

    /// Samples consumed so far (whole frames; a partial frame is held until completed).
    pub fn position(&self) -> u64 {
        self.position
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A detector that replays scripted probabilities, to test the state machine exactly.
    #[derive(Debug)]
    struct Scripted {
        probs: Vec<f32>,
        i: usize,
    }

    impl VoiceActivityDetector for Scripted {
        fn sample_rate(&self) -> u32 {
            1_000
        }
        fn frame_size(&self) -> usize {
            10
        }
        fn process(&mut self, frame: &[f32]) -> Result<f32> {
            assert_eq!(frame.len(), 10);
            let p = self.probs.get(self.i).copied().unwrap_or(0.0);
            self.i += 1;
            Ok(p)
        }
        fn reset(&mut self) {
            self.i = 0;
        }
    }

    fn run(probs: &[f32], config: EndpointerConfig, chunk: usize) -> Vec<EndpointEvent> {
        let n = probs.len() * 10;
        let mut ep = Endpointer::new(
            Box::new(Scripted {
                probs: probs.to_vec(),
                i: 0,
            }),
            config,
        )
        .unwrap();
        let mut ev = Vec::new();
        let audio = vec![0.0; n];
        for c in audio.chunks(chunk) {
            ep.push(c, &mut ev).unwrap();
        }
        ep.finish(&mut ev);
        ev
    }

    fn cfg() -> EndpointerConfig {
        // At 1 kHz with 10-sample frames: 1 frame = 10 ms = 10 samples.
        EndpointerConfig {
            start_threshold: 0.6,
            end_threshold: 0.3,
            min_speech_ms: 30,
            min_silence_ms: 40,
            pre_padding_ms: 20,
            post_padding_ms: 10,
        }
    }

    #[test]
    fn start_and_end_offsets_follow_the_rules() {
        let mut p = vec![0.0; 10];
        p.extend([0.9, 0.5, 0.4, 0.9, 0.9]); // starts at frame 10 = sample 100
        p.extend([0.1, 0.1, 0.1, 0.1, 0.1, 0.0]); // quiet from frame 15 = sample 150
        let ev = run(&p, cfg(), 7);
        assert_eq!(
            ev,
            [
                EndpointEvent::SpeechStart { sample: 80 },
                EndpointEvent::SpeechEnd { sample: 160 }
            ]
        );
    }

    #[test]
    fn short_blips_and_dips_are_ignored() {
        // Two frames of speech are under min_speech; a 30 ms dip is under min_silence.
        let mut p = vec![0.9, 0.9, 0.0, 0.0];
        p.extend([0.9, 0.9, 0.9, 0.9, 0.1, 0.1, 0.1, 0.9, 0.9]);
        let ev = run(&p, cfg(), 10);
        assert_eq!(
            ev,
            [
                EndpointEvent::SpeechStart { sample: 20 },
                EndpointEvent::SpeechEnd { sample: 130 }
            ]
        );
    }

    #[test]
    fn hysteresis_keeps_speech_between_thresholds() {
        // 0.4 is below start (0.6) but above end (0.3): speech continues.
        let p = [0.7, 0.4, 0.4, 0.4, 0.4, 0.4, 0.4, 0.2, 0.2, 0.2, 0.2, 0.2];
        let ev = run(&p, cfg(), 33);
        assert_eq!(
            ev,
            [
                EndpointEvent::SpeechStart { sample: 0 },
                EndpointEvent::SpeechEnd { sample: 80 }
            ]
        );
        // Never above start: nothing.
        assert!(run(&[0.5; 20], cfg(), 10).is_empty());
    }

    #[test]
    fn speech_duration_is_reported_as_it_grows() {
        let mut ep = Endpointer::new(
            Box::new(Scripted {
                probs: vec![0.0, 0.9, 0.9, 0.9, 0.9, 0.1],
                i: 0,
            }),
            cfg(),
        )
        .unwrap();
        let mut ev = Vec::new();
        let mut seen = Vec::new();
        for _ in 0..6 {
            ep.push(&[0.0; 10], &mut ev).unwrap();
            seen.push((ep.speech_ms(), ep.in_speech()));
        }
        assert_eq!(
            seen,
            [
                (0, false),
                (10, false),
                (20, false),
                (30, true),
                (40, true),
                (40, true)
            ]
        );
        assert!(ep.has_speech_for(40) && !ep.has_speech_for(41));
        ep.finish(&mut ev);
        assert_eq!(ev.last(), Some(&EndpointEvent::SpeechEnd { sample: 60 }));
    }

    #[test]
    fn bad_thresholds_are_refused() {
        let vad = || {
            Box::new(Scripted {
                probs: vec![],
                i: 0,
            })
        };
        let mut c = cfg();
        c.end_threshold = 0.7;
        assert!(matches!(
            Endpointer::new(vad(), c),
            Err(Error::InvalidConfig(_))
        ));
        let mut c = cfg();
        c.start_threshold = 1.5;
        assert!(Endpointer::new(vad(), c).is_err());
    }
}
