//! Voice activity detection behind one trait, with two engines.
//!
//! - [`SileroVad`]: the Silero v5/v6 network in pure Rust; accurate and
//!   robust to telephone noise, about 0.7 M multiply-adds per 32 ms.
//! - [`WebRtcVad`]: the WebRTC GMM detector (via the pure-Rust `earshot` 0.1 port); far cheaper,
//!   binary decisions, fooled by loud noise.
//!
//! A [`VadBuilder`] is built once at startup (loading weights once) and hands out one cheap
//! detector per call, all sharing the same weights through an `Arc`.

use std::path::Path;
use std::sync::Arc;

use crate::silero::{SileroModel, SileroVad};
use crate::{pcm, Error, Result};

/// A per-stream voice activity detector: fixed-size frames in, speech probability out.
pub trait VoiceActivityDetector: Send + std::fmt::Debug {
    /// Sample rate of the frames this detector takes, in Hz.
    fn sample_rate(&self) -> u32;
    /// Samples per frame.
    fn frame_size(&self) -> usize;
    /// Scores one frame of exactly [`frame_size`](Self::frame_size) samples: probability of
    /// speech in `[0, 1]`. State carries over to the next frame.
    ///
    /// # Errors
    /// [`Error::FrameSize`] for a frame of the wrong length (state is left untouched).
    fn process(&mut self, frame: &[f32]) -> Result<f32>;
    /// Forgets all state, as for a new stream.
    fn reset(&mut self);
}

/// WebRTC aggressiveness: higher modes reject more noise and also more quiet speech.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum WebRtcMode {
    /// Mode 0: reports speech most readily.
    Quality,
    /// Mode 1: tuned for low bit-rate streams.
    LowBitrate,
    /// Mode 2.
    #[default]
    Aggressive,
    /// Mode 3: reports speech least readily.
    VeryAggressive,
}

impl WebRtcMode {
    fn profile(self) -> earshot::VoiceActivityProfile {
        match self {
            Self::Quality => earshot::VoiceActivityProfile::QUALITY,
            Self::LowBitrate => earshot::VoiceActivityProfile::LBR,
            Self::Aggressive => earshot::VoiceActivityProfile::AGGRESSIVE,
            Self::VeryAggressive => earshot::VoiceActivityProfile::VERY_AGGRESSIVE,
        }
    }
}

/// The WebRTC VAD for one stream at 8, 16, 32 or 48 kHz in 10, 20 or 30 ms frames.
/// Its decisions are binary, so probabilities are 0.0 or 1.0.
pub struct WebRtcVad {
    inner: earshot::VoiceActivityDetector,
    sample_rate: u32,
    frame_size: usize,
    scratch: Vec<i16>,
}

impl std::fmt::Debug for WebRtcVad {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebRtcVad")
            .field("sample_rate", &self.sample_rate)
            .field("frame_size", &self.frame_size)
            .finish_non_exhaustive()
    }
}

impl WebRtcVad {
    /// Creates a detector.
    ///
    /// # Errors
    /// [`Error::UnsupportedRate`] unless `sample_rate` is 8, 16, 32 or 48 kHz;
    /// [`Error::InvalidConfig`] unless `frame_ms` is 10, 20 or 30.
    pub fn new(sample_rate: u32, frame_ms: u32, mode: WebRtcMode) -> Result<Self> {
        if !matches!(sample_rate, 8_000 | 16_000 | 32_000 | 48_000) {
            return Err(Error::UnsupportedRate(sample_rate));
        }
        if !matches!(frame_ms, 10 | 20 | 30) {
            return Err(Error::InvalidConfig(format!(
                "WebRTC VAD frames must be 10, 20 or 30 ms, not {frame_ms}"
            )));
        }
        Ok(Self {
            inner: earshot::VoiceActivityDetector::new(mode.profile()),
            sample_rate,
            frame_size: (sample_rate / 1000 * frame_ms) as usize,
            scratch: Vec::new(),
        })
    }
}

impl VoiceActivityDetector for WebRtcVad {
    fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    fn frame_size(&self) -> usize {
        self.frame_size
    }

    fn process(&mut self, frame: &[f32]) -> Result<f32> {
        if frame.len() != self.frame_size {
            return Err(Error::FrameSize {
                expected: self.frame_size,
                got: frame.len(),
            });
        }
        self.scratch.clear();
        pcm::f32_to_i16_slice(frame, &mut self.scratch);
        let voiced = match self.sample_rate {
            8_000 => self.inner.predict_8khz(&self.scratch),
            16_000 => self.inner.predict_16khz(&self.scratch),
            32_000 => self.inner.predict_32khz(&self.scratch),
            _ => self.inner.predict_48khz(&self.scratch),
        }
        // Rate and length were checked above, so this only fires on an earshot bug.
        .map_err(|e| Error::InvalidConfig(format!("WebRTC VAD refused the frame: {e}")))?;
        Ok(if voiced { 1.0 } else { 0.0 })
    }

    fn reset(&mut self) {
        self.inner.reset();
    }
}

#[derive(Debug, Clone)]
enum Engine {
    Silero(Arc<SileroModel>),
    WebRtc { mode: WebRtcMode, frame_ms: u32 },
}

/// Which engine a [`VadBuilder`] builds, for configuration and logs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum VadKind {
    /// Silero VAD.
    Silero,
    /// WebRTC VAD.
    WebRtc,
}

/// Built once, shared by every call; [`build`](Self::build) makes a fresh per-call detector.
///
/// ```no_run
/// # use voxgate_audio::vad::{VadBuilder, VoiceActivityDetector};
/// let builder = VadBuilder::silero("models/silero-vad/silero_vad_16k.safetensors".as_ref())?
///     .sample_rate(8_000);
/// let mut vad = builder.build()?; // per call: no file I/O, weights shared
/// let p = vad.process(&vec![0.0; vad.frame_size()])?;
/// # Ok::<(), voxgate_audio::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct VadBuilder {
    engine: Engine,
    sample_rate: u32,
}

impl VadBuilder {
    /// A Silero builder from the `silero_vad_16k.safetensors` file; the weights are loaded now.
    ///
    /// # Errors
    /// [`Error::Model`] if the file is missing or not Silero's weights.
    pub fn silero(weights: &Path) -> Result<Self> {
        Ok(Self::silero_model(Arc::new(SileroModel::load(weights)?)))
    }

    /// A Silero builder from already loaded weights.
    pub fn silero_model(model: Arc<SileroModel>) -> Self {
        Self {
            engine: Engine::Silero(model),
            sample_rate: 16_000,
        }
    }

    /// A WebRTC builder with 20 ms frames.
    pub fn webrtc(mode: WebRtcMode) -> Self {
        Self {
            engine: Engine::WebRtc { mode, frame_ms: 20 },
            sample_rate: 16_000,
        }
    }

    /// Sets the input rate of the detectors (default 16 kHz). Silero takes 8 or 16 kHz,
    /// WebRTC 8, 16, 32 or 48 kHz; checked by [`build`](Self::build).
    pub fn sample_rate(mut self, hz: u32) -> Self {
        self.sample_rate = hz;
        self
    }

    /// Sets the WebRTC frame length (10, 20 or 30 ms); Silero's frames are always 32 ms.
    pub fn frame_ms(mut self, ms: u32) -> Self {
        if let Engine::WebRtc { frame_ms, .. } = &mut self.engine {
            *frame_ms = ms;
        }
        self
    }

    /// The engine this builder makes.
    pub fn kind(&self) -> VadKind {
        match self.engine {
            Engine::Silero(_) => VadKind::Silero,
            Engine::WebRtc { .. } => VadKind::WebRtc,
        }
    }

    /// Makes an [`Endpointer`](crate::endpoint::Endpointer) over a fresh detector, for one call.
    ///
    /// # Errors
    /// As [`build`](Self::build) and [`EndpointerConfig::validate`](crate::endpoint::EndpointerConfig::validate).
    pub fn endpointer(
        &self,
        config: crate::endpoint::EndpointerConfig,
    ) -> Result<crate::endpoint::Endpointer> {
        crate::endpoint::Endpointer::new(self.build()?, config)
    }

    /// Makes a detector for one stream.
    ///
    /// # Errors
    /// [`Error::UnsupportedRate`] or [`Error::InvalidConfig`] if the engine cannot run with the
    /// configured rate or frame length.
    pub fn build(&self) -> Result<Box<dyn VoiceActivityDetector>> {
        Ok(match &self.engine {
            Engine::Silero(model) => Box::new(SileroVad::new(Arc::clone(model), self.sample_rate)?),
            Engine::WebRtc { mode, frame_ms } => {
                Box::new(WebRtcVad::new(self.sample_rate, *frame_ms, *mode)?)
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webrtc_checks_rate_frame_and_length() {
        assert!(matches!(
            WebRtcVad::new(22_050, 20, WebRtcMode::Quality),
            Err(Error::UnsupportedRate(22_050))
        ));
        assert!(matches!(
            WebRtcVad::new(8_000, 25, WebRtcMode::Quality),
            Err(Error::InvalidConfig(_))
        ));
        let mut v = WebRtcVad::new(8_000, 20, WebRtcMode::Quality).unwrap();
        assert_eq!(v.frame_size(), 160);
        assert!(matches!(
            v.process(&[0.0; 100]),
            Err(Error::FrameSize {
                expected: 160,
                got: 100
            })
        ));
        assert_eq!(v.process(&[0.0; 160]).unwrap(), 0.0);
    }

    #[test]
    fn builder_makes_independent_send_detectors() {
        fn assert_send<T: Send>(_: &T) {}
        let b = VadBuilder::webrtc(WebRtcMode::VeryAggressive)
            .sample_rate(8_000)
            .frame_ms(10);
        assert_eq!(b.kind(), VadKind::WebRtc);
        let v = b.build().unwrap();
        assert_send(&v);
        assert_eq!((v.sample_rate(), v.frame_size()), (8_000, 80));
        assert!(VadBuilder::webrtc(WebRtcMode::Quality)
            .sample_rate(11_025)
            .build()
            .is_err());
    }
}
