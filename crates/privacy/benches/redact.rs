//! Throughput of detection+redaction on conversational text with every default
//! recognizer, single thread, and latency of one 200-byte streaming chunk.
//!
//! `cargo bench -p voxgate-privacy --bench redact -- --warm-up-time 1 --measurement-time 3`
//!
//! Every figure is measured twice: in wall time (`throughput/...`, `streaming/...`)
//! and in this thread's CPU time (`cpu-throughput/...`, `cpu-streaming/...`). On a
//! shared, loaded machine the wall figures swing with other people's jobs; the
//! CPU-time ones measure the single-thread cost the target is about.
// Test and bench code: a failed set-up should abort loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]
use std::hint::black_box;

use criterion::measurement::{Measurement, ValueFormatter, WallTime};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use voxgate_privacy::{eval, Policy, Redactor, RedactorBuilder, StreamingRedactor};

/// The eval utterances (half of them plain negatives or PII-free chat) joined as one transcript.
fn corpus() -> String {
    let utts = eval::load(include_str!("../eval/utterances.jsonl")).unwrap_or_default();
    let mut s = String::new();
    // Real calls are mostly small talk; interleave PII-free turns like a transcript does.
    let filler = [
        "okay thank you so much for holding, let me just pull that up for you.",
        "yeah no problem, I appreciate you looking into it, it's been a long week honestly.",
        "alright I see here that the last payment went through, is there anything else I can help with today?",
        "sure, hang on one second while I grab my glasses, they were right here a minute ago.",
    ];
    for (i, u) in utts.iter().enumerate() {
        s.push_str(&u.text);
        s.push('\n');
        s.push_str(filler[i % filler.len()]);
        s.push('\n');
    }
    s
}

/// CPU time consumed by the calling thread, in nanoseconds (Linux schedstat).
struct ThreadCpu;

fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .expect("/proc/thread-self/schedstat (Linux) is needed for the CPU-time benches")
}

static WALL: WallTime = WallTime;

impl Measurement for ThreadCpu {
    type Intermediate = u64;
    type Value = u64;
    fn start(&self) -> u64 {
        thread_cpu_ns()
    }
    fn end(&self, i: u64) -> u64 {
        thread_cpu_ns().saturating_sub(i)
    }
    fn add(&self, a: &u64, b: &u64) -> u64 {
        a + b
    }
    fn zero(&self) -> u64 {
        0
    }
    fn to_f64(&self, v: &u64) -> f64 {
        *v as f64
    }
    // Values are nanoseconds, like wall time: its formatter prints them right.
    fn formatter(&self) -> &dyn ValueFormatter {
        WALL.formatter()
    }
}

fn bench(c: &mut Criterion) {
    bench_with(c, "");
}

fn bench_cpu(c: &mut Criterion<ThreadCpu>) {
    bench_with(c, "cpu-");
}

fn bench_with<M: Measurement>(c: &mut Criterion<M>, prefix: &str) {
    let r: Redactor = RedactorBuilder::new().build().unwrap();
    let text = corpus();
    let policy = Policy::default();
    let mut g = c.benchmark_group(format!("{prefix}throughput"));
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function(BenchmarkId::new("detect", text.len()), |b| {
        b.iter(|| black_box(r.detect(black_box(&text))))
    });
    g.bench_function(BenchmarkId::new("redact", text.len()), |b| {
        b.iter(|| black_box(r.redact(black_box(&text), &policy)))
    });
    g.finish();

    // 200-byte chunks of the transcript, pushed one at a time.
    let mut chunks = Vec::new();
    let mut start = 0;
    while start + 200 < text.len() {
        let mut end = start + 200;
        while !text.is_char_boundary(end) {
            end += 1;
        }
        chunks.push(&text[start..end]);
        start = end;
    }
    let mut g = c.benchmark_group(format!("{prefix}streaming"));
    g.throughput(Throughput::Bytes(200));
    g.bench_function("chunk_200b", |b| {
        let mut s = StreamingRedactor::new(r.clone(), policy.clone());
        let mut i = 0;
        b.iter(|| {
            let out = s.push(black_box(chunks[i % chunks.len()]));
            i += 1;
            black_box(out)
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_group! {
    name = cpu;
    config = Criterion::default().with_measurement(ThreadCpu);
    targets = bench_cpu
}
criterion_main!(benches, cpu);
