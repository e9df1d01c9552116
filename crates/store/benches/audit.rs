#![allow(clippy::expect_used, clippy::unwrap_used)]
//! Audit log throughput (harness = false; prints figures):
//!
//! - durable appends per second through [`AuditLog`] with group commit (every append awaits
//!   its `synchronous = FULL` commit), with many concurrent writers and with one;
//! - chain verification speed, in memory (hash + MAC + order checks) and from the database
//!   (`verify_stored`: read, decode, check).
//!
//! `cargo bench -p voxgate-store --bench audit` (set `AUDIT_BENCH_N` to change the size).

use std::time::Instant;

use voxgate_security::audit::{chain_next_with, event_types, verify, AuditKey, AuditResult};
use voxgate_store::audit_log::{self, AccessContext, AuditLog};
use voxgate_store::SqliteStore;

fn event(i: i64) -> voxgate_security::audit::AuditEvent {
    let mut e = AccessContext::new("user:4f2a9c1e#supervisor", Some("x")).event(
        1_800_000_000_000 + i,
        event_types::TRANSCRIPT_READ,
        &format!("/api/v1/calls/3f1e2d4c-{i:08}/transcript"),
        "read",
        AuditResult::Success,
    );
    e.actor = "user:4f2a9c1e#supervisor".into();
    e.call_id = Some(format!("3f1e2d4c-{i:08}"));
    e.source_ip = Some("203.0.113.7".into());
    e.user_agent = Some("Mozilla/5.0 (X11; Linux x86_64)".into());
    e.pii_involved = true;
    e.finish()
}

fn main() {
    let n: usize = std::env::var("AUDIT_BENCH_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(40_000);
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("runtime: {e}");
            return;
        }
    };
    rt.block_on(async move {
        let tmp = match tempfile::tempdir() {
            Ok(t) => t,
            Err(e) => {
                eprintln!("tempdir: {e}");
                return;
            }
        };
        let store = SqliteStore::open(tmp.path()).await.expect("store");
        let key = AuditKey::from_bytes(&[7; 32]).expect("key");
        let log = AuditLog::open(&store, key.clone())
            .await
            .expect("audit log");

        // One writer: every append is its own fsynced transaction.
        let serial = 300;
        let t = Instant::now();
        for i in 0..serial {
            log.append(event(i)).await.expect("append");
        }
        let s = t.elapsed().as_secs_f64();
        println!(
            "durable appends, 1 writer (one fsync each):   {:>9.0}/s  ({serial} in {:.3} s)",
            serial as f64 / s,
            s
        );

        // Many writers: group commit batches whatever queued during the previous commit.
        for writers in [64usize, 512] {
            let per = n / writers;
            let t = Instant::now();
            let mut tasks = Vec::with_capacity(writers);
            for w in 0..writers {
                let log = log.clone();
                tasks.push(tokio::spawn(async move {
                    for j in 0..per {
                        log.append(event((w * per + j) as i64))
                            .await
                            .expect("append");
                    }
                }));
            }
            for t in tasks {
                t.await.expect("task");
            }
            let s = t.elapsed().as_secs_f64();
            println!(
                "durable appends, {writers:>3} writers (group commit): {:>9.0}/s  ({} in {:.3} s)",
                (per * writers) as f64 / s,
                per * writers,
                s
            );
        }

        // Verification from the database.
        let t = Instant::now();
        let v = audit_log::verify_stored(store.pool(), &key, None)
            .await
            .expect("verify");
        let s = t.elapsed().as_secs_f64();
        assert!(v.is_ok());
        println!(
            "verify from database (read+decode+check):      {:>9.0} entries/s  ({} in {:.3} s)",
            v.report.entries as f64 / s,
            v.report.entries,
            s
        );
    });

    // Verification in memory: the chain check itself.
    let key = AuditKey::from_bytes(&[7; 32]).expect("key");
    let m = 200_000;
    let mut chain = Vec::with_capacity(m);
    let mut buf = Vec::new();
    let t = Instant::now();
    for i in 0..m {
        let prev = chain.last().map(voxgate_security::audit::AuditEntry::head);
        chain.push(chain_next_with(
            prev.as_ref(),
            event(i as i64),
            &key,
            &mut buf,
        ));
    }
    let s = t.elapsed().as_secs_f64();
    println!(
        "chain (hash + MAC) in memory:                  {:>9.0} entries/s",
        m as f64 / s
    );
    let mut best = f64::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let r = verify(&chain, &key, Some(chain[m - 1].head()));
        let s = t.elapsed().as_secs_f64();
        assert!(r.is_ok());
        best = best.min(s);
    }
    println!(
        "verify in memory (1 thread):                   {:>9.0} entries/s  ({m} in {:.3} s)",
        m as f64 / best,
        best
    );
}
