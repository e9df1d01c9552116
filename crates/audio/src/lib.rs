//! Audio toolkit for Voxgate.
//!
//! Everything that touches samples and nothing that touches sockets or model runtimes:
//!
//! - [`g711`]: mu-law and A-law companding for telephone audio.
//! - [`pcm`]: `i16`/`f32` conversion, little/big-endian byte buffers, mono downmix.
//! - [`resample`]: [`Resampler`], a streaming polyphase resampler for any pair of
//!   8/16/22.05/24/48 kHz (and other common file rates) with state kept across frames.
//! - [`decode`]: [`AudioDecoder`](decode::AudioDecoder), streaming decoding of WAV, MP3, FLAC,
//!   Ogg Vorbis and M4A/AAC to mono `f32`, validated against [`DecodeLimits`](decode::DecodeLimits);
//!   WAV writing.
//! - [`vad`]: the [`VoiceActivityDetector`](vad::VoiceActivityDetector) trait with Silero
//!   ([`silero`], pure Rust from the safetensors weights) and WebRTC engines, made per call by a
//!   shared [`VadBuilder`](vad::VadBuilder).
//! - [`endpoint`]: the [`Endpointer`](endpoint::Endpointer), speech start/end events for
//!   turn-taking and barge-in.
//!
//! ```
//! use voxgate_audio::resample::Resampler;
//!
//! let mut r = Resampler::new(8_000, 16_000)?;
//! let mut out = Vec::new();
//! for frame in vec![0.0f32; 1_600].chunks(160) {
//!     r.process(frame, &mut out); // 20 ms telephone frames in, 16 kHz out
//! }
//! r.flush(&mut out);
//! assert_eq!(out.len(), 3_200);
//! # Ok::<(), voxgate_audio::Error>(())
//! ```

pub mod decode;
pub mod endpoint;
mod error;
pub mod g711;
pub mod pcm;
pub mod resample;
pub mod silero;
mod simd;
pub mod vad;

pub use error::{Error, Result};
pub use resample::Resampler;
