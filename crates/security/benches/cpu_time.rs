//! Per-operation cost measured in CPU time of the benchmarking thread (from
//! `/proc/thread-self/schedstat`), alongside wall time. On a shared 2-core machine wall-clock
//! figures include time spent waiting for a core; CPU time is what one core actually spends.
//!
//! `cargo bench -p voxgate-security --bench cpu_time`

// Benchmark inputs are constants built here; a failure is a bug worth a panic.
#![allow(clippy::unwrap_used)]

use std::hint::black_box;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::Instant;

use voxgate_security::apikey::ApiKey;
use voxgate_security::audit::{
    self, AuditEntry, AuditEvent, AuditKey, AuditResult, Classification,
};
use voxgate_security::password::{Argon2Params, PasswordHasher};
use voxgate_security::ratelimit::{Quota, RateLimiter, SystemClock};
use voxgate_security::scrub::scrub;

fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0)
}

/// Runs `f` `n` times and prints CPU and wall nanoseconds per iteration.
fn measure(name: &str, n: u64, mut f: impl FnMut(u64)) {
    for i in 0..n / 10 {
        f(i);
    }
    let (c0, w0) = (cpu_ns(), Instant::now());
    for i in 0..n {
        f(i);
    }
    let cpu = (cpu_ns() - c0) as f64 / n as f64;
    let wall = w0.elapsed().as_nanos() as f64 / n as f64;
    println!(
        "{name:<36} cpu {:>12.1} ns/op ({:>12.0} op/s per core)   wall {:>12.1} ns/op",
        cpu,
        1e9 / cpu,
        wall
    );
}

fn event(i: u64) -> AuditEvent {
    let mut e = AuditEvent::new(
        1_800_000_000_000 + i as i64,
        audit::event_types::TRANSCRIPT_READ,
        "user:3f2a9c",
        &format!("/api/v1/calls/{i:08}/transcript"),
        "read",
        AuditResult::Success,
    );
    e.call_id = Some(format!("call-{i:08}"));
    e.source_ip = Some("198.51.100.24".into());
    e.user_agent = Some("Mozilla/5.0 (X11; Linux x86_64) Voxgate-Console/1.0".into());
    e.pii_involved = true;
    e.data_classification = Classification::Confidential;
    e.finish()
}

fn main() {
    let clock = Arc::new(SystemClock::new());
    let limiter: RateLimiter<IpAddr> =
        RateLimiter::new(Quota::per_second(1_000_000_000), 100_000, clock).unwrap();
    let ip = IpAddr::V4(Ipv4Addr::new(203, 0, 113, 7));
    measure("ratelimit check (same key)", 2_000_000, |_| {
        let _ = black_box(limiter.check(black_box(&ip)));
    });
    let ips: Vec<IpAddr> = (0..10_000u32)
        .map(|i| IpAddr::from((0x0a00_0000 + i).to_be_bytes()))
        .collect();
    measure("ratelimit check (10k keys)", 2_000_000, |i| {
        let _ = black_box(limiter.check(&ips[(i % 10_000) as usize]));
    });

    let key = ApiKey::generate();
    let presented = key.expose().to_owned();
    let stored = key.hash();
    measure("api key parse + verify", 500_000, |_| {
        let k = ApiKey::parse(black_box(&presented)).unwrap();
        assert!(k.verify(&stored));
    });

    let clean = "2026-11-22T17:00:00Z INFO voxgate_server::http: request method=GET path=/api/v1/calls status=200 latency_ms=3";
    measure("scrub clean log line", 500_000, |_| {
        black_box(scrub(black_box(clean)));
    });

    let akey = AuditKey::from_bytes(&[7; 32]).unwrap();
    let events: Vec<AuditEvent> = (1..=200_000).map(event).collect();
    let mut entries: Vec<AuditEntry> = Vec::with_capacity(events.len());
    let mut buf = Vec::with_capacity(512);
    let (c0, w0) = (cpu_ns(), Instant::now());
    for e in events {
        let prev = entries.last().map(AuditEntry::head);
        entries.push(audit::chain_next_with(prev.as_ref(), e, &akey, &mut buf));
    }
    let n = entries.len() as f64;
    let cpu = (cpu_ns() - c0) as f64 / n;
    println!(
        "{:<36} cpu {:>12.1} ns/op ({:>12.0} op/s per core)   wall {:>12.1} ns/op",
        "audit chain append (in memory)",
        cpu,
        1e9 / cpu,
        w0.elapsed().as_nanos() as f64 / n
    );
    let head = entries[entries.len() - 1].head();
    let (c0, w0) = (cpu_ns(), Instant::now());
    for _ in 0..5 {
        assert!(audit::verify(&entries, &akey, Some(head)).is_ok());
    }
    let cpu = (cpu_ns() - c0) as f64 / (5.0 * n);
    println!(
        "{:<36} cpu {:>12.1} ns/op ({:>12.0} entries/s per core)   wall {:>12.1} ns/op",
        "audit verify",
        cpu,
        1e9 / cpu,
        w0.elapsed().as_nanos() as f64 / (5.0 * n)
    );

    let hasher = PasswordHasher::new(Argon2Params::default()).unwrap();
    let phc = hasher.hash("correct horse battery staple").unwrap();
    measure("argon2id verify (m=19MiB,t=2,p=1)", 20, |_| {
        assert!(hasher.verify("correct horse battery staple", &phc).unwrap());
    });
}
