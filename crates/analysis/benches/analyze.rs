//! Post-call analysis speed: a 10-minute telephone call (8 kHz dialog: espeak-ng counsellor,
//! Piper caller, as the e2e tests generate it) fully analysed
//! end to end on the embedded models (decode, VAD, Whisper, redaction, entities,
//! classification, SmolLM2 summary, QA), then throughput in audio-hours per hour with the
//! configured worker count (`[analysis] workers`, default 1) running calls side by side.
//! Prints wall time, CPU seconds (whole process, from /proc: on a shared machine the wall clock
//! also measures the neighbours) and the time per stage.
//!
//! `cargo bench -p voxgate-analysis --bench analyze` (release build; about 2 minutes on an idle
//! 2-core host once built). Environment: `ANALYZE_BENCH_MINUTES` (default 10; 1 for a smoke
//! run), `ANALYZE_BENCH_WORKERS` (default: the configured count; `1,2` measures both),
//! `ANALYZE_BENCH_NO_LLM=1` for the extractive summary only, `ANALYZE_BENCH_STT_THREADS`
//! (default: the configured `stt_threads`, 1) to compare one job on 1 or 2 threads.

// A benchmark harness: a failed setup should stop it loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/common/mod.rs"]
mod common;

use std::sync::Arc;
use std::time::Instant;

use voxgate_analysis::{build_analyzer, AnalysisConfig, AnalyzeOptions, Analyzer, Control};

/// Counsellor and caller lines cycled to fill the call.
const LINES: &[(char, &str)] = &[
    ('C', "Hello, thank you for calling the child helpline. My name is Sam. How can I help you today?"),
    ('U', "Hi. I am calling because things at home have been really bad for a few months now."),
    ('C', "I am sorry to hear that. Thank you for reaching out. Can you tell me what has been happening?"),
    ('U', "My stepfather drinks a lot, and when he drinks he gets angry and he hits me and my little brother."),
    ('C', "That sounds very frightening. It is not your fault. Are you safe right now?"),
    ('U', "He is at work right now, so we are okay for the moment, but he comes back in the evening."),
    ('C', "Is there another adult you trust, like a teacher, a grandparent or a neighbour?"),
    ('U', "My grandmother lives nearby, but she is old and I do not want to worry her."),
    ('C', "I understand. Does your mother know what is happening when he drinks?"),
    ('U', "She knows, but she is scared of him too. Sometimes he shouts at her and throws things."),
    ('C', "Thank you for telling me all of this. You are being very brave by calling us."),
    ('U', "I just want it to stop. I cannot sleep and I stopped going to school last week."),
    ('C', "Would you like us to connect you with a social worker who can help your family?"),
    ('U', "Will he find out that I called? I am afraid he will get even angrier."),
    ('C', "What you tell us is confidential. The social worker will talk with you first about what feels safe."),
    ('U', "Okay. I think that would be good. What happens after that?"),
    ('C', "The social worker will call you back tomorrow afternoon, and together you can make a safety plan."),
    ('C', "Please hold for one moment while I check the nearest safe place for you."),
    ('C', "Thank you for holding. There is a shelter ten minutes from your school that is open every night."),
    ('U', "Thank you. I did not know there was somewhere we could go."),
    ('C', "If he hurts you again tonight, you can call us or the police at any time, day or night."),
    ('U', "I will. Can I call back if I need to talk again?"),
    ('C', "Of course. You can always call us again. Is there anything else I can help you with today?"),
    ('U', "No, that is all. Thank you for listening to me."),
    ('C', "Take care of yourself and your brother. Goodbye."),
];

fn env_list(name: &str, default: &str) -> Vec<usize> {
    std::env::var(name)
        .unwrap_or_else(|_| default.into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .filter(|&n| n > 0)
        .collect()
}

/// CPU seconds used by the whole process (all threads): utime + stime from /proc/self/stat.
fn cpu_s() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after_comm = stat.rsplit(')').next().unwrap_or_default();
    let fields: Vec<&str> = after_comm.split_whitespace().collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    (ticks(11) + ticks(12)) / 100.0
}

fn run_once(
    a: &Analyzer,
    wav: &std::path::Path,
    opts: &AnalyzeOptions,
) -> voxgate_analysis::AnalysisResult {
    match a.analyze_file(wav, opts, &Control::default(), &mut |_| {}) {
        Ok(r) => r,
        Err(e) => panic!("analysis failed: {e}"),
    }
}

fn main() {
    let minutes: f32 = std::env::var("ANALYZE_BENCH_MINUTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10.0);
    let no_llm = std::env::var_os("ANALYZE_BENCH_NO_LLM").is_some();
    let tmp = tempfile::tempdir().expect("tempdir");
    // One pass of the dialog, repeated and cut to length.
    let t = Instant::now();
    let once = common::synth_dialog(tmp.path(), "pass", LINES, 8_000, 0.6);
    let pass_s: f32 = hound_secs(&once);
    let reps = ((minutes * 60.0) / pass_s).ceil() as usize;
    let wav = tmp.path().join("call.wav");
    let mut cmd = std::process::Command::new("sox");
    for _ in 0..reps {
        cmd.arg(&once);
    }
    cmd.arg(&wav)
        .args(["trim", "0", &format!("{}", minutes * 60.0)]);
    assert!(
        cmd.status().map(|s| s.success()).unwrap_or(false),
        "sox failed"
    );
    eprintln!(
        "generated {minutes} min of 8 kHz dialog ({reps} x {pass_s:.1} s) in {:.1?}",
        t.elapsed()
    );

    let models = common::models_dir();
    let mut config = AnalysisConfig::default();
    if let Some(t) = env_list("ANALYZE_BENCH_STT_THREADS", "").first() {
        config.stt_threads = *t;
    }
    eprintln!(
        "stt_threads = {}, workers = {}",
        config.stt_threads, config.workers
    );
    let t = Instant::now();
    let llm = (!no_llm).then(|| voxgate_analysis::load_embedded_llm(&models).expect("LLM"));
    let analyzer = Arc::new(build_analyzer(&models, &config, llm).expect("models"));
    eprintln!("models loaded in {:.1?}", t.elapsed());
    let opts = AnalyzeOptions::default();

    let cpu = cpu_s();
    let t = Instant::now();
    let r = run_once(&analyzer, &wav, &opts);
    let wall = t.elapsed().as_secs_f32();
    let cpu = cpu_s() - cpu;
    let tm = &r.timings;
    println!(
        "analyze/{minutes}min: {wall:.1} s wall, {cpu:.1} s CPU for {:.0} s of audio (RTF {:.3}); \
         decode {} ms, vad {} ms, stt {} ms ({} windows), redact {} ms, classify {} ms, \
         summary {} ms ({}), qa {} ms",
        r.audio.duration_s,
        wall / r.audio.duration_s,
        tm.decode_ms,
        tm.vad_ms,
        tm.stt_ms,
        r.audio.windows,
        tm.redact_ms,
        tm.classify_ms,
        tm.summary_ms,
        r.summary.as_ref().map_or("none", |s| s.method.as_str()),
        tm.qa_ms
    );
    println!(
        "analyze/{minutes}min: {} words, category {}, {} entity types, QA {:.2}",
        r.transcript.words,
        r.classification
            .as_ref()
            .map_or("-", |c| c.category.as_str()),
        r.entities.as_ref().map_or(0, Vec::len),
        r.qa.as_ref().map_or(0.0, |q| q.overall)
    );
    let configured = config.workers.max(1);
    let workers = env_list("ANALYZE_BENCH_WORKERS", &configured.to_string());
    for w in workers {
        if w == 1 {
            // The run above is the one-worker measurement.
            println!(
                "throughput/workers=1: {:.1} audio-hours per hour ({wall:.1} s wall, {cpu:.1} s CPU){}",
                r.audio.duration_s / wall,
                if configured == 1 { " [configured]" } else { "" }
            );
            continue;
        }
        let cpu = cpu_s();
        let t = Instant::now();
        let handles: Vec<_> = (0..w)
            .map(|_| {
                let a = Arc::clone(&analyzer);
                let wav = wav.clone();
                let opts = opts.clone();
                std::thread::spawn(move || run_once(&a, &wav, &opts).audio.duration_s)
            })
            .collect();
        let audio: f32 = handles.into_iter().map(|h| h.join().unwrap_or(0.0)).sum();
        let wall = t.elapsed().as_secs_f32();
        let cpu = cpu_s() - cpu;
        println!(
            "throughput/workers={w}: {:.1} audio-hours per hour ({w} calls in {wall:.1} s wall, \
             {cpu:.1} s CPU){}",
            audio / wall,
            if configured == w { " [configured]" } else { "" }
        );
    }
}

fn hound_secs(p: &std::path::Path) -> f32 {
    let out = std::process::Command::new("soxi")
        .arg("-D")
        .arg(p)
        .output()
        .expect("soxi");
    String::from_utf8_lossy(&out.stdout)
        .trim()
        .parse()
        .expect("duration")
}
