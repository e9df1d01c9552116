//! Shared set-up of the store's integration tests: a data directory with a store, an audit log
//! and a call store under fixed test keys, and helpers that look at every file under it.

// Each test crate uses its own subset of these.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use voxgate_security::audit::AuditKey;
use voxgate_store::audit_log::{AccessContext, AuditLog};
use voxgate_store::blobs::{self, KeyRing};
use voxgate_store::calls::CallStore;
use voxgate_store::SqliteStore;

pub const MASTER: &str = "4f1c0f6a2b9e8d7c6b5a49382716050403f2e1d0c9b8a79685746352413021ff";
pub const AUDIT: &str = "9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9";
pub const T0: i64 = 1_800_000_000_000;
pub const HOUR: i64 = 3_600_000;
pub const DAY: i64 = 24 * HOUR;

pub struct Fixture {
    pub _tmp: tempfile::TempDir,
    pub dir: PathBuf,
    pub store: SqliteStore,
    pub calls: CallStore,
    pub key: AuditKey,
}

pub async fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let store = SqliteStore::open(&dir).await.unwrap();
    let key = blobs::audit_key_from_text(AUDIT).unwrap();
    let log = AuditLog::open(&store, key.clone()).await.unwrap();
    let calls = CallStore::open(
        &store,
        KeyRing::new(blobs::master_key_from_text(MASTER).unwrap()),
        blobs::lookup_key_from_audit_text(AUDIT).unwrap(),
        log,
    )
    .unwrap();
    Fixture {
        _tmp: tmp,
        dir,
        store,
        calls,
        key,
    }
}

pub fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            all_files(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Every file under `dir` (database, WAL, shared memory, blobs) that contains `needle`.
pub fn files_containing(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    all_files(dir, &mut files);
    files
        .into_iter()
        .filter(|f| {
            std::fs::read(f)
                .map(|b| b.windows(needle.len()).any(|w| w == needle))
                .unwrap_or(false)
        })
        .collect()
}

pub fn admin() -> AccessContext {
    AccessContext::new("user:dpo", Some("supervisor"))
}
