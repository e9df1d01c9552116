//! Benchmarks: VAD per frame (both engines), resampler throughput, G.711.
//!
//! `cargo bench -p voxgate-audio --bench audio -- --warm-up-time 1 --measurement-time 3`
//! Silero needs `models/silero-vad/silero_vad_16k.safetensors` (or `$VOXGATE_MODELS_DIR`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use voxgate_audio::g711;
use voxgate_audio::resample::Resampler;
use voxgate_audio::vad::{VadBuilder, VoiceActivityDetector, WebRtcMode};

/// Speech-like test signal: a few harmonics with a slow amplitude envelope plus a little noise.
fn signal(rate: u32, secs: f64) -> Vec<f32> {
    let n = (f64::from(rate) * secs) as usize;
    let mut seed = 1u32;
    (0..n)
        .map(|i| {
            let t = i as f64 / f64::from(rate);
            let env = 0.5 + 0.5 * (2.0 * std::f64::consts::PI * 3.0 * t).sin();
            let voice: f64 = [180.0, 360.0, 720.0, 1_440.0]
                .iter()
                .map(|f| (2.0 * std::f64::consts::PI * f * t).sin())
                .sum();
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            let noise = f64::from(seed >> 8) / f64::from(1u32 << 24) - 0.5;
            (0.08 * env * voice + 0.01 * noise) as f32
        })
        .collect()
}

fn weights() -> PathBuf {
    let dir = std::env::var_os("VOXGATE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models"));
    let p = dir.join("silero-vad/silero_vad_16k.safetensors");
    assert!(
        p.is_file(),
        "{} missing: run `voxgate models setup`",
        p.display()
    );
    p
}

fn run_frames(vad: &mut dyn VoiceActivityDetector, audio: &[f32]) -> f32 {
    let mut acc = 0.0;
    for frame in audio.chunks_exact(vad.frame_size()) {
        acc += vad.process(black_box(frame)).unwrap_or(0.0);
    }
    acc
}

fn vad(c: &mut Criterion) {
    let silero = VadBuilder::silero(&weights()).unwrap();
    let mut g = c.benchmark_group("vad_one_second");
    g.throughput(Throughput::Elements(100)); // per second = 100 frames of 10 ms
    for (name, builder, rate) in [
        ("silero_16k", silero.clone(), 16_000),
        ("silero_8k", silero.clone().sample_rate(8_000), 8_000),
        (
            "webrtc_16k",
            VadBuilder::webrtc(WebRtcMode::Aggressive),
            16_000,
        ),
        (
            "webrtc_8k",
            VadBuilder::webrtc(WebRtcMode::Aggressive).sample_rate(8_000),
            8_000,
        ),
    ] {
        let mut v = builder.build().unwrap();
        let frame = v.frame_size();
        let audio = signal(rate, 1.0);
        let audio = &audio[..audio.len() / frame * frame];
        g.bench_function(name, |b| b.iter(|| run_frames(v.as_mut(), audio)));
    }
    g.finish();
    c.bench_function("vad_builder_build_silero", |b| {
        b.iter(|| black_box(silero.build().unwrap()))
    });
}

fn resampler(c: &mut Criterion) {
    let mut g = c.benchmark_group("resample_one_second_in_20ms_frames");
    for (from, to) in [
        (8_000, 16_000),
        (22_050, 8_000),
        (16_000, 8_000),
        (24_000, 8_000),
        (48_000, 16_000),
    ] {
        let audio = signal(from, 1.0);
        g.throughput(Throughput::Elements(u64::from(from)));
        let mut r = Resampler::new(from, to).unwrap();
        let mut out = Vec::with_capacity(to as usize * 2);
        let frame = (from / 50) as usize;
        g.bench_function(format!("{from}_to_{to}"), |b| {
            b.iter(|| {
                out.clear();
                for chunk in audio.chunks(frame) {
                    r.process(black_box(chunk), &mut out);
                }
                black_box(out.len())
            })
        });
    }
    g.finish();
    c.bench_function("resampler_new_22050_to_8000", |b| {
        b.iter(|| black_box(Resampler::new(22_050, 8_000).unwrap()))
    });
}

fn g711(c: &mut Criterion) {
    let pcm: Vec<i16> = signal(8_000, 1.0)
        .iter()
        .map(|&v| (v * 32767.0) as i16)
        .collect();
    let mut codes = Vec::new();
    g711::encode_ulaw(&pcm, &mut codes);
    let mut g = c.benchmark_group("g711_one_second_8k");
    g.throughput(Throughput::Elements(pcm.len() as u64));
    let mut out8 = Vec::with_capacity(pcm.len());
    let mut out16 = Vec::with_capacity(pcm.len());
    g.bench_function("ulaw_encode", |b| {
        b.iter(|| {
            out8.clear();
            g711::encode_ulaw(black_box(&pcm), &mut out8);
        })
    });
    g.bench_function("ulaw_decode", |b| {
        b.iter(|| {
            out16.clear();
            g711::decode_ulaw(black_box(&codes), &mut out16);
        })
    });
    g.bench_function("alaw_encode", |b| {
        b.iter(|| {
            out8.clear();
            g711::encode_alaw(black_box(&pcm), &mut out8);
        })
    });
    g.finish();
}

criterion_group!(benches, vad, resampler, g711);
criterion_main!(benches);
