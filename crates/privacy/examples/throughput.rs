//! Quick single-thread throughput check on the eval corpus (the criterion bench is the reference).
//! `cargo run -p voxgate-privacy --release --example throughput`
use std::time::Instant;

use voxgate_privacy::{eval, Policy, RedactorBuilder, StreamingRedactor};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let utts = eval::load(include_str!("../eval/utterances.jsonl"))?;
    let mut text = String::new();
    for u in &utts {
        text.push_str(&u.text);
        text.push('\n');
        text.push_str("okay thank you so much for holding, let me just pull that up for you.\n");
    }
    let r = RedactorBuilder::new().build()?;
    let lines: Vec<&str> = text.lines().collect();
    let mut iters = 0usize;
    let t = Instant::now();
    let c0 = cpu_ns();
    while t.elapsed().as_secs_f64() < 3.0 {
        std::hint::black_box(r.detect(&text));
        iters += 1;
    }
    report(
        "whole transcript",
        text.len() * iters,
        t.elapsed().as_secs_f64(),
        cpu_ns() - c0,
    );
    let mut iters = 0usize;
    let t = Instant::now();
    let c0 = cpu_ns();
    while t.elapsed().as_secs_f64() < 3.0 {
        for l in &lines {
            std::hint::black_box(r.detect(l));
        }
        iters += 1;
    }
    report(
        "per utterance",
        text.len() * iters,
        t.elapsed().as_secs_f64(),
        cpu_ns() - c0,
    );

    // 200-byte streaming chunks.
    let mut chunks = Vec::new();
    let mut at = 0;
    while at + 200 < text.len() {
        let mut end = at + 200;
        while !text.is_char_boundary(end) {
            end += 1;
        }
        chunks.push(&text[at..end]);
        at = end;
    }
    let mut s = StreamingRedactor::new(r.clone(), Policy::default());
    let mut pushed = 0usize;
    let t = Instant::now();
    let c0 = cpu_ns();
    while t.elapsed().as_secs_f64() < 3.0 {
        for c in &chunks {
            std::hint::black_box(s.push(c));
        }
        pushed += chunks.len();
    }
    let wall = t.elapsed().as_secs_f64();
    let cpu = cpu_ns() - c0;
    println!(
        "streaming 200-byte chunk: {:.1} us wall, {:.1} us CPU per chunk ({pushed} chunks)",
        wall * 1e6 / pushed as f64,
        cpu / 1e3 / pushed as f64
    );
    Ok(())
}

/// CPU time of this thread in ns (Linux), so a loaded machine does not distort the figure.
fn cpu_ns() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| {
            s.split_whitespace()
                .next()
                .and_then(|v| v.parse::<f64>().ok())
        })
        .unwrap_or(f64::NAN)
}

fn report(what: &str, bytes: usize, wall: f64, cpu: f64) {
    println!(
        "{what}: {:.1} MB/s wall, {:.1} MB/s per CPU-second ({bytes} bytes)",
        bytes as f64 / wall / 1e6,
        bytes as f64 / (cpu / 1e9) / 1e6
    );
}
