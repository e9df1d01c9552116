//! TTS speed figures: time to first audio of a sentence and real-time factor on a paragraph,
//! for Piper (2 intra-op threads) and espeak-ng, streamed to 8 kHz as a phone call needs.
//!
//! Run: `cargo bench -p voxgate-speech --bench tts` (models from `$VOXGATE_MODELS_DIR` or the
//! workspace's `models/`). Targets: first audio <= 150 ms, real-time factor <= 0.2.

// A measuring tool: failing loudly on a broken setup is what it should do.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::path::PathBuf;
use std::time::{Duration, Instant};

use voxgate_speech::tts::{synthesize_stream, EspeakTts, PiperTts};
use voxgate_speech::TextToSpeech;

const SHORT: &str = "Hello, how can I help you today?";
const MEDIUM: &str =
    "Your next appointment is on Tuesday the fourteenth at half past three in the afternoon.";
const LONG: &str = "I have checked your account and I can see that the last payment of forty two dollars was received \
on the third of March, so your balance is now zero and there is nothing else you need to do at this time.";
const PARAGRAPH: &str = "Thanks for calling the city library. Our opening hours are nine to six from Monday to \
Friday, and ten to four on Saturdays. You can renew up to five books online or by phone. Late fees are twenty \
cents a day per item. If you would like to speak to a librarian, please stay on the line. Is there anything else \
I can help you with today?";

const RATE_HZ: u32 = 8_000;

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// Median wall time to the first chunk, and mean CPU time per first chunk.
fn first_audio(engine: &dyn TextToSpeech, text: &str, runs: usize) -> (Duration, f64) {
    let cpu = cpu_s();
    let wall = median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                let mut stream = synthesize_stream(engine, text, RATE_HZ).expect("stream");
                let chunk = stream.next().expect("a chunk").expect("audio");
                assert!(!chunk.samples.is_empty());
                t.elapsed()
            })
            .collect(),
    );
    (wall, (cpu_s() - cpu) / runs as f64)
}

/// CPU seconds used by the whole process (all threads), from /proc: on a loaded machine the
/// wall clock measures the neighbours, CPU time measures us.
fn cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_comm = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after_comm.split_whitespace().collect();
    // Fields 14 and 15 of stat (utime, stime) are 12 and 13 after the command name, in ticks.
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn rtf(engine: &dyn TextToSpeech, text: &str, runs: usize) -> (f64, f64, f64) {
    let mut best = f64::MAX;
    let mut best_cpu = f64::MAX;
    let mut audio_s = 0.0;
    for _ in 0..runs {
        let cpu = cpu_s();
        let t = Instant::now();
        let samples: usize = synthesize_stream(engine, text, RATE_HZ)
            .expect("stream")
            .map(|c| c.expect("audio").samples.len())
            .sum();
        let elapsed = t.elapsed().as_secs_f64();
        audio_s = samples as f64 / f64::from(RATE_HZ);
        best = best.min(elapsed / audio_s);
        best_cpu = best_cpu.min((cpu_s() - cpu) / audio_s);
    }
    (best, best_cpu, audio_s)
}

fn report(name: &str, engine: &dyn TextToSpeech) {
    // Warm-up: first runs allocate ONNX Runtime's arenas and espeak's dictionaries.
    for _ in 0..2 {
        let _ = engine.synthesize(MEDIUM);
    }
    for (label, text) in [
        ("short", SHORT),
        ("medium", MEDIUM),
        ("long", LONG),
        ("paragraph", PARAGRAPH),
    ] {
        let (wall, cpu) = first_audio(engine, text, 7);
        println!(
            "{name:7} first audio, {label:9} ({:3} bytes in the first chunk): {:7.1} ms wall, {:7.1} ms CPU",
            first_len(text),
            wall.as_secs_f64() * 1e3,
            cpu * 1e3
        );
    }
    let (rtf, cpu, audio_s) = rtf(engine, PARAGRAPH, 3);
    println!("{name:7} real-time factor on a {audio_s:.1} s paragraph: {rtf:.3} wall, {cpu:.3} CPU-s per audio-s");
    let (load1, _) = load_average();
    println!("{name:7} (load average during the run: {load1})");
}

fn load_average() -> (String, ()) {
    let s = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    (s.split_whitespace().next().unwrap_or("?").to_owned(), ())
}

/// Bytes of the first chunk a stream speaks (the first sentence, or its head when split).
fn first_len(text: &str) -> usize {
    let sentences = voxgate_speech::tts::split_sentences(text);
    let first = sentences.first().map_or("", String::as_str);
    voxgate_speech::tts::split_first_chunk(first).map_or(first.len(), |(head, _)| head.len())
}

fn main() {
    let dir = std::env::var_os("VOXGATE_MODELS_DIR")
        .filter(|d| !d.is_empty())
        .map_or_else(
            || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models"),
            PathBuf::from,
        );
    let t = Instant::now();
    let piper = PiperTts::from_models_dir(&dir)
        .unwrap_or_else(|e| panic!("{e} (models dir {})", dir.display()));
    println!(
        "piper   load: {:.0} ms (2 intra-op threads)",
        t.elapsed().as_secs_f64() * 1e3
    );
    report("piper", &piper);
    let espeak = EspeakTts::new("en-us").expect("espeak-ng");
    report("espeak", &espeak);
}
