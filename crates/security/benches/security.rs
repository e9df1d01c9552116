//! Benchmarks for the per-request and per-record paths of the security crate.
//!
//! `cargo bench -p voxgate-security -- --warm-up-time 1 --measurement-time 3`

// Benchmark inputs are constants built here; a failure is a bug worth a panic.
#![allow(clippy::unwrap_used)]

use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use voxgate_security::apikey::{ApiKey, ApiKeyHash};
use voxgate_security::audit::{
    self, AuditEntry, AuditEvent, AuditKey, AuditResult, Classification,
};
use voxgate_security::crypto::{self, DataClass, DataKey};
use voxgate_security::jwt::{JwtConfig, JwtKey, JwtService};
use voxgate_security::password::{Argon2Params, PasswordHasher};
use voxgate_security::ratelimit::{Quota, RateLimiter, SystemClock};
use voxgate_security::rbac::Role;
use voxgate_security::scrub::scrub;

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

fn chain(n: u64, key: &AuditKey) -> Vec<AuditEntry> {
    let mut out: Vec<AuditEntry> = Vec::with_capacity(n as usize);
    for i in 1..=n {
        let prev = out.last().map(AuditEntry::head);
        out.push(audit::chain_next(prev.as_ref(), event(i), key));
    }
    out
}

fn bench_ratelimit(c: &mut Criterion) {
    let clock = Arc::new(SystemClock::new());
    let limiter: RateLimiter<IpAddr> =
        RateLimiter::new(Quota::per_second(1_000_000_000), 100_000, clock.clone()).unwrap();
    let ip = IpAddr::V4(Ipv4Addr::new(203, 0, 113, 7));
    c.bench_function("ratelimit_check_same_key", |b| {
        b.iter(|| limiter.check(std::hint::black_box(&ip)))
    });
    let ips: Vec<IpAddr> = (0..10_000u32)
        .map(|i| IpAddr::from((0x0a00_0000 + i).to_be_bytes()))
        .collect();
    let mut i = 0usize;
    c.bench_function("ratelimit_check_10k_keys", |b| {
        b.iter(|| {
            i = (i + 1) % ips.len();
            limiter.check(&ips[i])
        })
    });
}

fn bench_auth(c: &mut Criterion) {
    let key = ApiKey::generate();
    let presented = key.expose().to_owned();
    let stored: ApiKeyHash = key.hash();
    c.bench_function("apikey_parse_and_verify", |b| {
        b.iter(|| {
            let k = ApiKey::parse(std::hint::black_box(&presented)).unwrap();
            assert!(k.verify(&stored));
        })
    });
    let jwt = JwtService::new(
        JwtConfig::new("voxgate", "voxgate-api"),
        &JwtKey::generate("k1").unwrap(),
        &[],
    )
    .unwrap();
    let token = jwt.issue("user-1", Role::Supervisor).unwrap().token;
    c.bench_function("jwt_verify", |b| {
        b.iter(|| jwt.verify(std::hint::black_box(&token)).unwrap())
    });
    let hasher = PasswordHasher::new(Argon2Params::default()).unwrap();
    let phc = hasher.hash("correct horse battery staple").unwrap();
    let mut g = c.benchmark_group("argon2id");
    g.sample_size(10);
    g.bench_function("verify_owasp_m19MiB_t2_p1", |b| {
        b.iter(|| assert!(hasher.verify("correct horse battery staple", &phc).unwrap()))
    });
    g.finish();
}

fn bench_audit(c: &mut Criterion) {
    let key = AuditKey::from_bytes(&[7; 32]).unwrap();
    let entries = chain(100_000, &key);
    let mut g = c.benchmark_group("audit");
    g.throughput(Throughput::Elements(entries.len() as u64));
    g.sample_size(10);
    g.bench_function("verify_100k", |b| {
        b.iter(|| {
            let r = audit::verify(&entries, &key, Some(entries[entries.len() - 1].head()));
            assert!(r.is_ok());
        })
    });
    g.finish();
    let mut head = entries[entries.len() - 1].head();
    let mut buf = Vec::with_capacity(512);
    let mut i = 0u64;
    c.bench_function("audit_chain_append", |b| {
        b.iter_batched(
            || {
                i += 1;
                event(i)
            },
            |e| {
                let entry = audit::chain_next_with(Some(&head), e, &key, &mut buf);
                head = entry.head();
                entry
            },
            BatchSize::SmallInput,
        )
    });
}

fn bench_crypto_and_scrub(c: &mut Criterion) {
    let dk = DataKey::generate();
    let blob = vec![0x5au8; 64 * 1024];
    let mut g = c.benchmark_group("aes256gcm");
    g.throughput(Throughput::Bytes(blob.len() as u64));
    g.bench_function("seal_64KiB", |b| {
        b.iter(|| crypto::seal(&dk, "call-1", DataClass::Recording, &blob).unwrap())
    });
    let sealed = crypto::seal(&dk, "call-1", DataClass::Recording, &blob).unwrap();
    g.bench_function("open_64KiB", |b| {
        b.iter(|| crypto::open(&dk, "call-1", DataClass::Recording, &sealed).unwrap())
    });
    g.finish();
    let clean = "2026-11-22T17:00:00Z INFO voxgate_server::http: request method=GET path=/api/v1/calls status=200 latency_ms=3";
    let dirty = r#"2026-11-22T17:00:00Z WARN auth: rejected {"user":"bob","password":"hunter2"} Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc"#;
    c.bench_function("scrub_clean_line", |b| {
        b.iter(|| scrub(std::hint::black_box(clean)))
    });
    c.bench_function("scrub_secret_line", |b| {
        b.iter(|| scrub(std::hint::black_box(dirty)))
    });
}

criterion_group!(
    benches,
    bench_ratelimit,
    bench_auth,
    bench_audit,
    bench_crypto_and_scrub
);
criterion_main!(benches);
