//! Silero VAD in Rust against ONNX Runtime's output for the same model.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure
mod common;

use std::sync::Arc;

use voxgate_audio::decode::{decode_file, DecodeLimits};
use voxgate_audio::silero::{SileroModel, SileroVad, CHUNK_16K};
use voxgate_audio::vad::{VadBuilder, VoiceActivityDetector};
use voxgate_audio::Error;

/// Runs the Rust network over a fixture and compares every chunk with ONNX Runtime's output
/// for the same weights (`tools/silero_reference.py run silero_vad_16k_op15.onnx CLIP
/// --weights silero_vad_16k.safetensors`, written by `tools/make_fixtures.sh`).
fn check_against_onnx_runtime(clip: &str) -> f32 {
    let model = Arc::new(SileroModel::load(&common::silero_weights()).unwrap());
    let audio = decode_file(
        &common::fixture(&format!("{clip}.wav")),
        &DecodeLimits::default(),
    )
    .unwrap();
    assert_eq!(audio.sample_rate, 16_000);
    let reference: Vec<f32> =
        std::fs::read_to_string(common::fixture(&format!("{clip}.silero_ort.txt")))
            .unwrap()
            .split(',')
            .map(|v| v.trim().parse().unwrap())
            .collect();
    let mut samples = audio.samples;
    samples.resize(samples.len().div_ceil(CHUNK_16K) * CHUNK_16K, 0.0);
    assert_eq!(samples.len() / CHUNK_16K, reference.len());

    let mut vad = SileroVad::new(model, 16_000).unwrap();
    let mut worst = 0.0f32;
    for (i, (chunk, want)) in samples.chunks(CHUNK_16K).zip(&reference).enumerate() {
        let got = vad.process(chunk).unwrap();
        let err = (got - want).abs();
        assert!(
            err < 1e-4,
            "{clip} chunk {i}: rust {got}, onnx runtime {want}"
        );
        worst = worst.max(err);
    }
    // The clips really contain speech and silence, so the comparison covers both regimes.
    assert!(reference.iter().any(|&p| p > 0.95) && reference.iter().any(|&p| p < 0.05));

    // Reset gives the same numbers again (state fully cleared).
    vad.reset();
    let first = vad.process(&samples[..CHUNK_16K]).unwrap();
    assert!((first - reference[0]).abs() < 1e-3);
    worst
}

#[test]
fn probabilities_match_onnx_runtime_on_clean_speech() {
    let worst = check_against_onnx_runtime("speech16k");
    eprintln!("worst deviation from ONNX Runtime: {worst:e}");
}

#[test]
fn probabilities_match_onnx_runtime_on_noisy_speech() {
    let worst = check_against_onnx_runtime("noisy16k");
    eprintln!("worst deviation from ONNX Runtime: {worst:e}");
}

#[test]
fn eight_khz_input_is_scored_through_the_upsampler() {
    let builder = VadBuilder::silero(&common::silero_weights())
        .unwrap()
        .sample_rate(8_000);
    let mut vad = builder.build().unwrap();
    assert_eq!((vad.sample_rate(), vad.frame_size()), (8_000, 256));
    let audio = decode_file(&common::fixture("speech16k.wav"), &DecodeLimits::default()).unwrap();
    let narrow = voxgate_audio::resample::resample(&audio.samples, 16_000, 8_000).unwrap();
    let probs: Vec<f32> = narrow
        .chunks_exact(256)
        .map(|f| vad.process(f).unwrap())
        .collect();
    // Speech runs from 0.5 s to about 3.9 s in the fixture: 256 samples = 32 ms.
    let frame_at = |secs: f64| (secs / 0.032) as usize;
    assert!(probs[..frame_at(0.4)].iter().all(|&p| p < 0.2), "{probs:?}");
    let voiced = probs[frame_at(0.7)..frame_at(3.5)]
        .iter()
        .filter(|&&p| p > 0.5)
        .count();
    assert!(
        voiced as f64 > 0.8 * (frame_at(3.5) - frame_at(0.7)) as f64,
        "{probs:?}"
    );
    assert!(probs[frame_at(4.2)..].iter().all(|&p| p < 0.2), "{probs:?}");
    assert!(matches!(
        vad.process(&[0.0; 512]),
        Err(Error::FrameSize {
            expected: 256,
            got: 512
        })
    ));
}

#[test]
fn missing_or_wrong_weights_are_clear_errors() {
    let err = SileroModel::load("/nonexistent/silero.safetensors".as_ref()).unwrap_err();
    assert!(err.to_string().contains("voxgate models setup"), "{err}");
    assert!(matches!(
        SileroModel::from_bytes(b"not a model"),
        Err(Error::Model(_))
    ));
    assert!(matches!(
        SileroVad::new(
            Arc::new(SileroModel::load(&common::silero_weights()).unwrap()),
            44_100
        ),
        Err(Error::UnsupportedRate(44_100))
    ));
}
