//! Endpointing on generated speech: espeak-ng utterances separated by silence, clean, with
//! noise, and as 8 kHz mu-law telephone audio made by sox; boundaries must be found within a
//! stated tolerance.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure
mod common;

use std::path::Path;

use voxgate_audio::decode::{decode_file, write_wav, DecodeLimits};
use voxgate_audio::endpoint::{EndpointEvent, Endpointer, EndpointerConfig};
use voxgate_audio::resample::resample;
use voxgate_audio::vad::{VadBuilder, WebRtcMode};

const RATE: u32 = 16_000;

/// Test audio and where the speech really is, in samples at 16 kHz.
struct Conversation {
    samples: Vec<f32>,
    segments: Vec<(u64, u64)>,
}

/// Trims an utterance to its first and last sample above a small level.
fn trim(x: &[f32]) -> &[f32] {
    let loud = |v: &f32| v.abs() > 0.01;
    let a = x.iter().position(loud).unwrap_or(0);
    let b = x.iter().rposition(loud).map_or(x.len(), |i| i + 1);
    &x[a..b]
}

fn conversation(dir: &Path) -> Conversation {
    let texts = [
        "Hello, I would like to check the status of my order please.",
        "Yes, the number is four five six seven.",
    ];
    let mut samples = vec![0.0; RATE as usize * 8 / 10];
    let mut segments = Vec::new();
    for (i, text) in texts.iter().enumerate() {
        let wav = common::espeak(dir, &format!("u{i}"), text);
        let audio = decode_file(&wav, &DecodeLimits::default()).unwrap();
        let speech = resample(trim(&audio.samples), audio.sample_rate, RATE).unwrap();
        let start = samples.len() as u64;
        samples.extend_from_slice(&speech);
        segments.push((start, samples.len() as u64));
        samples.extend(std::iter::repeat_n(0.0, RATE as usize * 3 / 2));
    }
    Conversation { samples, segments }
}

/// Deterministic white noise with the given RMS (sum of uniforms, near Gaussian).
fn add_noise(x: &mut [f32], rms: f32, seed: u32) {
    let mut s = seed;
    let mut uniform = || {
        s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
        (s >> 8) as f32 / (1u32 << 24) as f32 - 0.5
    };
    // Variance of a sum of 4 uniforms on [-0.5, 0.5] is 4/12.
    let scale = rms / (4.0f32 / 12.0).sqrt();
    for v in x.iter_mut() {
        *v += (uniform() + uniform() + uniform() + uniform()) * scale;
    }
}

fn speech_rms(c: &Conversation) -> f32 {
    let (mut sum, mut n) = (0.0f64, 0usize);
    for &(a, b) in &c.segments {
        for &v in &c.samples[a as usize..b as usize] {
            sum += f64::from(v) * f64::from(v);
            n += 1;
        }
    }
    (sum / n as f64).sqrt() as f32
}

fn config() -> EndpointerConfig {
    EndpointerConfig {
        pre_padding_ms: 0,
        post_padding_ms: 0,
        ..Default::default()
    }
}

/// Runs an endpointer over `samples` in 20 ms chunks.
fn endpoints(builder: &VadBuilder, samples: &[f32], rate: u32) -> Vec<EndpointEvent> {
    let mut ep = Endpointer::new(builder.build().unwrap(), config()).unwrap();
    let mut events = Vec::new();
    for chunk in samples.chunks(rate as usize / 50) {
        ep.push(chunk, &mut events).unwrap();
    }
    ep.finish(&mut events);
    events
}

/// Checks the events are start/end pairs matching `truth` (16 kHz samples) within tolerances.
fn assert_boundaries(
    events: &[EndpointEvent],
    rate: u32,
    truth: &[(u64, u64)],
    start_tol_ms: u64,
    end_tol_ms: u64,
) {
    let to_ms = |s: u64| s * 1000 / u64::from(rate);
    let found: Vec<(u64, u64)> = events
        .chunks(2)
        .map(|pair| match pair {
            [EndpointEvent::SpeechStart { sample: a }, EndpointEvent::SpeechEnd { sample: b }] => {
                (to_ms(*a), to_ms(*b))
            }
            other => panic!("events out of order: {events:?} ({other:?})"),
        })
        .collect();
    let expected: Vec<(u64, u64)> = truth
        .iter()
        .map(|&(a, b)| (a * 1000 / u64::from(RATE), b * 1000 / u64::from(RATE)))
        .collect();
    eprintln!("found {found:?} ms, true {expected:?} ms");
    assert_eq!(
        found.len(),
        expected.len(),
        "found {found:?} (ms), expected {expected:?}"
    );
    for (f, e) in found.iter().zip(&expected) {
        assert!(
            f.0.abs_diff(e.0) <= start_tol_ms,
            "start {f:?} vs true {e:?} (ms)"
        );
        assert!(
            f.1.abs_diff(e.1) <= end_tol_ms,
            "end {f:?} vs true {e:?} (ms)"
        );
    }
}

fn silero() -> VadBuilder {
    VadBuilder::silero(&common::silero_weights()).unwrap()
}

#[test]
fn silero_finds_utterances_in_clean_16k_audio() {
    let dir = tempfile::tempdir().unwrap();
    let c = conversation(dir.path());
    let events = endpoints(&silero(), &c.samples, RATE);
    assert_boundaries(&events, RATE, &c.segments, 100, 150);
}

#[test]
fn silero_is_robust_to_line_noise_at_10_db_snr() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = conversation(dir.path());
    let rms = speech_rms(&c) / 10f32.powf(10.0 / 20.0);
    add_noise(&mut c.samples, rms, 7);
    let events = endpoints(&silero(), &c.samples, RATE);
    assert_boundaries(&events, RATE, &c.segments, 150, 250);

    // The same noise with no speech at all starts no turn.
    let mut hiss = vec![0.0; RATE as usize * 6];
    add_noise(&mut hiss, rms, 11);
    assert!(endpoints(&silero(), &hiss, RATE).is_empty());
}

#[test]
fn silero_finds_utterances_in_8khz_mulaw_telephone_audio() {
    let dir = tempfile::tempdir().unwrap();
    let mut c = conversation(dir.path());
    let rms = speech_rms(&c) / 10f32.powf(20.0 / 20.0);
    add_noise(&mut c.samples, rms, 3);
    let wide = dir.path().join("call16k.wav");
    write_wav(&wide, &c.samples, RATE).unwrap();
    let phone = dir.path().join("call8k_mulaw.wav");
    common::run(
        "sox",
        &[
            wide.to_str().unwrap(),
            "-r",
            "8000",
            "-e",
            "mu-law",
            phone.to_str().unwrap(),
        ],
    );
    let audio = decode_file(&phone, &DecodeLimits::default()).unwrap();
    assert_eq!(audio.sample_rate, 8_000);
    let events = endpoints(&silero().sample_rate(8_000), &audio.samples, 8_000);
    assert_boundaries(&events, 8_000, &c.segments, 150, 250);
}

#[test]
fn webrtc_finds_utterances_in_clean_audio() {
    let dir = tempfile::tempdir().unwrap();
    let c = conversation(dir.path());
    let builder = VadBuilder::webrtc(WebRtcMode::Aggressive);
    let events = endpoints(&builder, &c.samples, RATE);
    assert_boundaries(&events, RATE, &c.segments, 100, 300);
    let narrow = resample(&c.samples, RATE, 8_000).unwrap();
    let events = endpoints(&builder.clone().sample_rate(8_000), &narrow, 8_000);
    assert_boundaries(&events, 8_000, &c.segments, 100, 300);
}

#[test]
fn barge_in_can_be_decided_from_speech_duration() {
    let dir = tempfile::tempdir().unwrap();
    let c = conversation(dir.path());
    let mut ep = silero().endpointer(config()).unwrap();
    let mut events = Vec::new();
    let (start, _) = c.segments[0];
    let mut decided_at = None;
    for chunk in c.samples.chunks(320) {
        ep.push(chunk, &mut events).unwrap();
        if decided_at.is_none() && ep.has_speech_for(300) {
            decided_at = Some(ep.position());
        }
    }
    let decided_at = decided_at.unwrap();
    // Decided 300 ms into the speech, give or take a frame or two of model lag.
    let lag_ms = (decided_at - start) * 1000 / u64::from(RATE);
    assert!(
        (300..=450).contains(&lag_ms),
        "barge-in decided {lag_ms} ms after speech began"
    );
}
