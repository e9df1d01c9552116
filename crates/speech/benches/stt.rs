//! STT speed and accuracy bench (a plain binary, not criterion: one pass over a clip set is the
//! measurement). Prints model load time, then for each clip set the total wall time over all
//! utterances (model loaded once, one warm-up clip first), the real-time factor and the word
//! error rate; then the real-time factor on a long clip.
//!
//!   cargo bench -p voxgate-speech --bench stt
//!
//! Environment: `STT_CLIPS=DIR` (made by tools/gen_clips.sh; generated into a temp dir when
//! unset), `STT_THREADS` (default 2), `STT_FULL_CONTEXT=1` also runs full 30 s windows to show
//! the effect of the reduced audio context, `STT_MARGINS=100,200` tries other margins,
//! `STT_BEAM=5` uses beam search, `STT_LONG=0` skips the long clip, `STT_NO_FALLBACK=1` decodes
//! each window once (no temperature fallback). Each line also counts the windows that needed
//! the fallback (`fallbacks`) and the decodes run (`decodes`).
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failure is a test failure

#[path = "../tests/stt_common.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::time::Instant;

use voxgate_speech::stt::WhisperStt;
use voxgate_speech::{Decoding, SpeechToText, TranscribeOptions};

/// CPU seconds used by the whole process (all threads), from /proc: on a shared machine the
/// wall clock also measures the neighbours, CPU time measures us.
fn cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_comm = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after_comm.split_whitespace().collect();
    // utime and stime (fields 14 and 15 of stat) are 12 and 13 after the command name, in ticks.
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn run_set(stt: &WhisperStt, clips: &Path, set: &str, opts: &TranscribeOptions, label: &str) {
    let refs = common::read_refs(clips);
    let audios: Vec<(String, Vec<f32>)> = refs
        .iter()
        .map(|(n, _)| {
            (
                n.clone(),
                common::read_wav_16k(&clips.join(set).join(format!("{n}.wav"))),
            )
        })
        .collect();
    let cpu = cpu_s();
    let started = Instant::now();
    let mut hyps = Vec::new();
    let (mut fallbacks, mut decodes) = (0, 0);
    for (_, audio) in &audios {
        hyps.push(match stt.transcribe_with_stats(audio, opts) {
            Ok((t, stats)) => {
                if std::env::var_os("STT_VERBOSE").is_some() && stats.fallbacks > 0 {
                    println!("  fallback: {stats:?}: {}", t.text);
                }
                fallbacks += stats.fallbacks;
                decodes += stats.decodes;
                t.text
            }
            Err(_) => String::new(),
        });
    }
    let total = started.elapsed().as_secs_f64();
    let cpu = cpu_s() - cpu;
    let (mut errors, mut words) = (0, 0);
    for ((_, text), hyp) in refs.iter().zip(&hyps) {
        let (e, w) = common::word_errors(text, hyp);
        errors += e;
        words += w;
        if std::env::var_os("STT_VERBOSE").is_some() && (e > 0 || hyp.is_empty()) {
            println!("  ref: {text}\n  hyp: {hyp}");
        }
    }
    let audio_s: f64 = audios.iter().map(|(_, a)| a.len() as f64 / 16_000.0).sum();
    println!(
        "{{\"engine\": \"voxgate\", \"variant\": \"{label}\", \"set\": \"{set}\", \"clips\": {}, \"audio_s\": {audio_s:.2}, \"total_s\": {total:.3}, \"rtf\": {:.4}, \"cpu_s\": {cpu:.2}, \"wer_pct\": {:.2}, \"fallbacks\": {fallbacks}, \"decodes\": {decodes}}}",
        audios.len(),
        total / audio_s,
        100.0 * errors as f64 / words.max(1) as f64
    );
}

fn main() {
    // `cargo bench` passes `--bench`; nothing else is accepted.
    let threads: usize = std::env::var("STT_THREADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2);
    let clips = match std::env::var_os("STT_CLIPS") {
        Some(d) => PathBuf::from(d),
        None => {
            let dir = std::env::temp_dir().join("voxgate-stt-clips");
            if !dir.join("refs.tsv").is_file() {
                common::gen_clips(&dir, None);
            }
            dir
        }
    };
    let started = Instant::now();
    let mut stt = WhisperStt::load(&common::whisper_dir(), threads).expect("load");
    if std::env::var_os("STT_NO_FALLBACK").is_some() {
        stt = stt.with_fallback(voxgate_speech::stt::FallbackConfig {
            temperatures: vec![0.0],
            ..Default::default()
        });
    }
    println!(
        "{{\"engine\": \"voxgate\", \"load_s\": {:.3}}}",
        started.elapsed().as_secs_f64()
    );
    let decoding = match std::env::var("STT_BEAM").ok().and_then(|v| v.parse().ok()) {
        Some(b) if b > 1 => Decoding::Beam(b),
        _ => Decoding::Greedy,
    };
    let opts = TranscribeOptions {
        decoding,
        timestamps: true,
    };
    // Warm-up.
    let first = common::read_refs(&clips)
        .first()
        .map(|(n, _)| common::read_wav_16k(&clips.join("16k").join(format!("{n}.wav"))))
        .unwrap_or_default();
    let _ = stt.transcribe(&first, &opts);

    let mut variants: Vec<(String, Option<usize>)> = vec![(
        format!("margin{}", voxgate_speech::stt::DEFAULT_AUDIO_MARGIN_FRAMES),
        Some(voxgate_speech::stt::DEFAULT_AUDIO_MARGIN_FRAMES),
    )];
    if let Ok(list) = std::env::var("STT_MARGINS") {
        variants = list
            .split(',')
            .filter_map(|m| m.trim().parse().ok())
            .map(|m: usize| (format!("margin{m}"), Some(m)))
            .collect();
    }
    if std::env::var_os("STT_FULL_CONTEXT").is_some() {
        variants.push(("full30s".into(), None));
    }
    let sets: Vec<String> = std::env::var("STT_SETS")
        .unwrap_or_else(|_| "16k,8k".into())
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty() && *s != "none")
        .map(str::to_owned)
        .collect();
    for (label, margin) in variants {
        stt = stt.with_audio_margin(margin);
        for set in &sets {
            run_set(&stt, &clips, set, &opts, &label);
        }
    }
    let stt = stt.with_audio_margin(Some(voxgate_speech::stt::DEFAULT_AUDIO_MARGIN_FRAMES));
    if std::env::var("STT_LONG").map_or(true, |v| v != "0") {
        let long = common::read_wav_16k(&clips.join("long16k.wav"));
        let cpu = cpu_s();
        let started = Instant::now();
        let t = stt.transcribe(&long, &opts).expect("long");
        let total = started.elapsed().as_secs_f64();
        let cpu = cpu_s() - cpu;
        let audio_s = long.len() as f64 / 16_000.0;
        println!(
            "{{\"engine\": \"voxgate\", \"set\": \"long16k\", \"audio_s\": {audio_s:.2}, \"total_s\": {total:.3}, \"rtf\": {:.4}, \"cpu_s\": {cpu:.2}, \"segments\": {}}}",
            total / audio_s,
            t.segments.len()
        );
    }
}
