//! Prints Silero VAD probabilities for a 16 kHz WAV, one per 512-sample chunk, in the format of
//! `tools/silero_reference.py`, to compare weights or implementations by hand:
//!
//! ```sh
//! cargo run -p voxgate-audio --example silero_probs -- WEIGHTS.safetensors CLIP.wav
//! ```
use std::process::ExitCode;
use std::sync::Arc;

use voxgate_audio::decode::{decode_file, DecodeLimits};
use voxgate_audio::silero::{SileroModel, SileroVad, CHUNK_16K};
use voxgate_audio::vad::VoiceActivityDetector;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let [_, weights, clip] = args.as_slice() else {
        eprintln!("usage: silero_probs WEIGHTS.safetensors CLIP.wav");
        return ExitCode::from(2);
    };
    match run(weights, clip) {
        Ok(line) => {
            println!("{line}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(weights: &str, clip: &str) -> voxgate_audio::Result<String> {
    let model = Arc::new(SileroModel::load(weights.as_ref())?);
    let audio = decode_file(clip.as_ref(), &DecodeLimits::default())?;
    if audio.sample_rate != 16_000 {
        return Err(voxgate_audio::Error::UnsupportedRate(audio.sample_rate));
    }
    let mut samples = audio.samples;
    samples.resize(samples.len().div_ceil(CHUNK_16K) * CHUNK_16K, 0.0);
    let mut vad = SileroVad::new(model, 16_000)?;
    let probs = samples
        .chunks(CHUNK_16K)
        .map(|c| vad.process(c).map(|p| format!("{p:.6}")))
        .collect::<voxgate_audio::Result<Vec<_>>>()?;
    Ok(probs.join(", "))
}
