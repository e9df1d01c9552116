#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 8 done-when tests: encryption at rest leaves no plaintext on disk, deletion shreds,
//! retention purges and legal hold blocks it, and every kind of audit tampering is detected.

use sqlx::Connection;
use voxgate_security::audit::{chain_next, event_types, AuditKey, AuditResult, ChainIssue};
use voxgate_security::crypto::{self, DataClass, WrappedKey};
use voxgate_store::audit_log;
use voxgate_store::blobs::{self, KeyRing};
use voxgate_store::calls::{CallStore, NewCall, Turn};
use voxgate_store::consent::ConsentMethod;
use voxgate_store::retention::RetentionPolicy;
use voxgate_store::Error;

mod common;
use common::*;

const SECRET_NAME: &str = "Zebulon Quackenbush";
const CARD: &str = "4111 1111 1111 1111";
const PHONE: &str = "+1 (555) 867-5309";

async fn write_call(f: &Fixture, id: &str, at: i64) {
    f.calls
        .start_call(&NewCall {
            id,
            transport: "twilio",
            profile: Some("support"),
            caller: Some(PHONE),
            started_ms: at,
        })
        .await
        .unwrap();
    f.calls
        .record_consent(id, at + 1_000, ConsentMethod::Keypad, "rec-policy-3", true)
        .await
        .unwrap();
    let raw = format!("hello, my name is {SECRET_NAME} and my card is {CARD}");
    f.calls
        .append_turn(
            id,
            &Turn {
                at_ms: at + 2_000,
                speaker: "caller",
                redacted_text: "hello, my name is [PERSON] and my card is [CREDIT_CARD]",
                raw_text: Some(&raw),
                pii: &[("PERSON", 1), ("CREDIT_CARD", 1)],
            },
        )
        .await
        .unwrap();
    // A recording large enough to go to a file, with the phrase in it as PCM-ish bytes.
    let mut wav = b"RIFF....WAVEfmt ".to_vec();
    for _ in 0..2_000 {
        wav.extend_from_slice(raw.as_bytes());
    }
    f.calls
        .put_blob(id, DataClass::Recording, "audio/wav", &wav, at + 3_000)
        .await
        .unwrap();
    let analysis =
        serde_json::json!({ "summary": format!("{SECRET_NAME} asked about card {CARD}") });
    f.calls
        .put_blob(
            id,
            DataClass::AnalysisResult,
            "application/json",
            analysis.to_string().as_bytes(),
            at + 4_000,
        )
        .await
        .unwrap();
    f.calls
        .finish_call(id, at + 65_000, "hangup")
        .await
        .unwrap();
}

#[tokio::test]
async fn phrase_is_nowhere_on_disk_and_delete_shreds() {
    let f = fixture().await;
    write_call(&f, "call-a", T0).await;
    write_call(&f, "call-b", T0 + 10_000).await;

    // Readable through the store, with the right key.
    let export = f
        .calls
        .export_call(&admin(), "call-a", T0 + HOUR)
        .await
        .unwrap();
    assert_eq!(export.transcript.len(), 1);
    assert!(export.transcript[0]
        .raw_text
        .as_deref()
        .unwrap()
        .contains(SECRET_NAME));
    assert!(export.blobs.iter().any(|b| b
        .json
        .as_ref()
        .is_some_and(|j| j["summary"].as_str().unwrap().contains(CARD))));
    assert!(export.caller_hash_stored);
    assert_eq!(export.consents.len(), 1);
    let found = f
        .calls
        .find_by_caller(&admin(), "+15558675309", T0 + HOUR)
        .await
        .unwrap();
    assert_eq!(
        found.len(),
        2,
        "both calls found by number in another format"
    );

    // Nothing readable anywhere on disk: database, WAL, blobs.
    for needle in [
        SECRET_NAME.as_bytes(),
        b"Quackenbush",
        CARD.as_bytes(),
        b"4111",
        b"5558675309",
        b"867-5309",
    ] {
        let hits = files_containing(&f.dir, needle);
        assert!(
            hits.is_empty(),
            "{:?} found in {hits:?}",
            String::from_utf8_lossy(needle)
        );
    }
    // The redacted text is what is kept in clear.
    let mut files = Vec::new();
    all_files(&f.dir, &mut files);
    assert!(files
        .iter()
        .any(|p| p.ends_with("voxgate.db-wal") || p.ends_with("voxgate.db")));

    // Save what a backup would hold: the recording file, the inline raw ciphertext, the
    // wrapped key.
    let blob_files: Vec<_> = files
        .iter()
        .filter(|p| p.to_string_lossy().contains("/blobs/call-a/"))
        .cloned()
        .collect();
    assert_eq!(blob_files.len(), 1, "{files:?}");
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&blob_files[0])
            .unwrap()
            .permissions()
            .mode()
            & 0o777,
        0o640
    );
    let backup_file = std::fs::read(&blob_files[0]).unwrap();
    let (raw_id, raw_ct): (String, Vec<u8>) = sqlx::query_as(
        "SELECT id, ciphertext FROM blobs WHERE call_id = 'call-a' AND class = 'raw_transcript'",
    )
    .fetch_one(f.store.pool())
    .await
    .unwrap();
    let (wrapped,): (Vec<u8>,) =
        sqlx::query_as("SELECT wrapped FROM call_keys WHERE call_id = 'call-a'")
            .fetch_one(f.store.pool())
            .await
            .unwrap();

    let report = f
        .calls
        .delete_call(&admin(), "call-a", T0 + 2 * HOUR)
        .await
        .unwrap();
    assert!(report.key_shredded);
    assert_eq!(report.files, 1);
    assert!(!blob_files[0].exists());

    // Gone for the API: export is NotFound, lookups no longer list it.
    let err = f
        .calls
        .export_call(&admin(), "call-a", T0 + 3 * HOUR)
        .await
        .unwrap_err();
    assert!(matches!(err, Error::NotFound { .. }), "{err}");
    let found = f
        .calls
        .find_by_caller(&admin(), PHONE, T0 + 3 * HOUR)
        .await
        .unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, "call-b");

    // The saved ciphertext opens with no key left in the database (nor the master key
    // itself, nor another call's data key).
    let ring = KeyRing::new(blobs::master_key_from_text(MASTER).unwrap());
    let keys: Vec<(String, Vec<u8>)> = sqlx::query_as("SELECT call_id, wrapped FROM call_keys")
        .fetch_all(f.store.pool())
        .await
        .unwrap();
    assert_eq!(keys.len(), 1);
    for (call, w) in &keys {
        let dk = ring
            .unwrap(&WrappedKey::from_bytes(w).unwrap(), call)
            .unwrap();
        assert!(
            crypto::open_blob(&dk, "call-a", DataClass::RawTranscript, &raw_id, &raw_ct).is_err()
        );
        assert!(crypto::open(&dk, "call-a", DataClass::Recording, &backup_file).is_err());
    }
    // The wrapped key is not left in free pages or WAL frames.
    assert!(
        files_containing(&f.dir, &wrapped).is_empty(),
        "wrapped key bytes survive on disk"
    );
    // The erasure is audited without personal data.
    let entries = audit_log::entries_for_call(f.store.pool(), "call-a")
        .await
        .unwrap();
    let del = entries
        .iter()
        .find(|e| e.event.event_type == event_types::CALL_DELETE)
        .unwrap();
    assert_eq!(del.event.result, AuditResult::Success);
    assert_eq!(del.event.actor, "user:dpo#supervisor");
    assert!(del.event.compliance_tags.iter().any(|t| t == "GDPR:Art.17"));
    let json = serde_json::to_string(&entries).unwrap();
    assert!(!json.contains("Quackenbush") && !json.contains("5309"));
    // A second delete is NotFound (and audited as a failure).
    assert!(matches!(
        f.calls.delete_call(&admin(), "call-a", T0 + 4 * HOUR).await,
        Err(Error::NotFound { .. })
    ));
    let v = audit_log::verify_stored(f.store.pool(), &f.key, None)
        .await
        .unwrap();
    assert!(v.is_ok(), "{:?}", v.report.issues);
}

#[tokio::test]
async fn retention_purges_past_the_clock_and_legal_hold_blocks() {
    let f = fixture().await;
    write_call(&f, "held", T0).await;
    write_call(&f, "free", T0).await;
    f.calls
        .set_legal_hold(&admin(), "held", true, T0 + HOUR)
        .await
        .unwrap();
    let policy = RetentionPolicy {
        recordings: Some(std::time::Duration::from_secs(30 * 86_400)),
        raw_transcripts: Some(std::time::Duration::from_secs(7 * 86_400)),
        redacted_transcripts: Some(std::time::Duration::from_secs(90 * 86_400)),
        analysis_results: Some(std::time::Duration::from_secs(30 * 86_400)),
        pii: Some(std::time::Duration::from_secs(30 * 86_400)),
        audit_records: None,
    };
    // Before any period ends: nothing goes.
    let r = f.calls.purge(&policy, T0 + 6 * DAY).await.unwrap();
    assert_eq!(r.total(), 0, "{r:?}");
    // Past the raw-transcript period only.
    let r = f.calls.purge(&policy, T0 + 8 * DAY).await.unwrap();
    let raw = r
        .classes
        .iter()
        .find(|c| c.class == "raw_transcript")
        .unwrap();
    assert_eq!((raw.items, raw.calls, raw.held_skipped), (1, 1, 1));
    assert_eq!(r.total(), 1);
    let free = f.calls.get_call("free").await.unwrap();
    assert_eq!(
        (free.turns, free.blobs),
        (1, 2),
        "redacted turn kept, raw text gone"
    );
    let exp = f
        .calls
        .export_call(&admin(), "free", T0 + 8 * DAY)
        .await
        .unwrap();
    assert!(exp.transcript[0].raw_text.is_none());
    assert!(exp.transcript[0].redacted_text.is_some());
    // Past recordings and analysis: the free call loses them, then its key.
    let r = f.calls.purge(&policy, T0 + 31 * DAY).await.unwrap();
    let rec = r.classes.iter().find(|c| c.class == "recording").unwrap();
    assert_eq!((rec.items, rec.held_skipped), (1, 1));
    assert_eq!(r.keys_shredded, 1);
    let free = f.calls.get_call("free").await.unwrap();
    assert_eq!(free.blobs, 0);
    assert!(f.calls.blob_files().read("free", "x").is_err());
    // The held call keeps everything.
    let held = f.calls.get_call("held").await.unwrap();
    assert_eq!((held.turns, held.blobs), (1, 3));
    let exp = f
        .calls
        .export_call(&admin(), "held", T0 + 31 * DAY)
        .await
        .unwrap();
    assert!(exp.transcript[0]
        .raw_text
        .as_deref()
        .unwrap()
        .contains(SECRET_NAME));
    // Deleting a held call is refused.
    assert!(matches!(
        f.calls.delete_call(&admin(), "held", T0 + 31 * DAY).await,
        Err(Error::LegalHold(_))
    ));
    // Redacted transcripts past 90 days; releasing the hold lets the next purge take it all.
    f.calls
        .set_legal_hold(&admin(), "held", false, T0 + 91 * DAY)
        .await
        .unwrap();
    let r = f.calls.purge(&policy, T0 + 91 * DAY).await.unwrap();
    let red = r
        .classes
        .iter()
        .find(|c| c.class == "redacted_transcript")
        .unwrap();
    assert_eq!((red.items, red.calls, red.held_skipped), (2, 2, 0));
    assert_eq!(f.calls.get_call("held").await.unwrap().blobs, 0);
    // Every purge is audited, and the purge log feeds reports.
    let purges: Vec<(String, String)> = sqlx::query_as(
        "SELECT resource, action_taken FROM audit_log WHERE event_type = 'retention.purge' ORDER BY seq",
    )
    .fetch_all(f.store.pool())
    .await
    .unwrap();
    assert!(purges.iter().any(|(r, t)| r == "retention:raw_transcript"
        && t == "purged 1 item(s) from 1 call(s); 1 held call(s) skipped"));
    assert!(purges.iter().any(|(r, _)| r == "retention:data_keys"));
    let (runs,): (i64,) = sqlx::query_as("SELECT COUNT(DISTINCT at_ms) FROM purge_log")
        .fetch_one(f.store.pool())
        .await
        .unwrap();
    assert_eq!(runs, 3);

    // Audit records: the oldest entries go as a prefix; the chain still verifies from the
    // anchor, and cutting one more entry off the front is caught.
    let before = audit_log::verify_stored(f.store.pool(), &f.key, None)
        .await
        .unwrap();
    assert!(before.is_ok());
    let audit_policy = RetentionPolicy {
        audit_records: Some(std::time::Duration::from_secs(30 * 86_400)),
        ..RetentionPolicy::default()
    };
    let r = f.calls.purge(&audit_policy, T0 + 100 * DAY).await.unwrap();
    let a = &r.classes[0];
    assert!(a.items > 10, "{a:?}");
    let after = audit_log::verify_stored(f.store.pool(), &f.key, None)
        .await
        .unwrap();
    assert!(after.is_ok(), "{:?}", after.report.issues);
    let anchor = after.anchor.unwrap();
    assert_eq!(after.report.first_seq, Some(anchor.seq + 1));
    let mut conn = sqlx::SqliteConnection::connect_with(
        &sqlx::sqlite::SqliteConnectOptions::new().filename(f.store.path()),
    )
    .await
    .unwrap();
    sqlx::query("UPDATE audit_guard SET allow_delete = 1")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("DELETE FROM audit_log WHERE seq = ?")
        .bind(i64::try_from(anchor.seq + 1).unwrap())
        .execute(&mut conn)
        .await
        .unwrap();
    let cut = audit_log::verify_stored(f.store.pool(), &f.key, None)
        .await
        .unwrap();
    assert_eq!(
        cut.first_issue(),
        Some(&ChainIssue::Deleted {
            first: anchor.seq + 1,
            last: anchor.seq + 1
        })
    );
}

/// A log of 20 entries, its exported head, and a raw connection with the guards removed (an
/// attacker with write access to the database file).
async fn tamper_fixture() -> (
    Fixture,
    voxgate_security::audit::ChainHead,
    sqlx::SqliteConnection,
) {
    let f = fixture().await;
    for i in 0..20 {
        let e = admin().event(
            T0 + i,
            event_types::TRANSCRIPT_READ,
            &format!("call:c{i}/transcript"),
            "read",
            AuditResult::Success,
        );
        f.calls.audit().append(e.finish()).await.unwrap();
    }
    let head_path = f.dir.join("audit-head.json");
    audit_log::export_head(f.store.pool(), &f.key, &head_path, T0)
        .await
        .unwrap();
    let head = audit_log::read_head_file(&head_path, &f.key).unwrap();
    assert_eq!(head.seq, 20);
    let mut conn = sqlx::SqliteConnection::connect_with(
        &sqlx::sqlite::SqliteConnectOptions::new().filename(f.store.path()),
    )
    .await
    .unwrap();
    for sql in [
        "DROP TRIGGER audit_log_no_update",
        "DROP TRIGGER audit_log_no_delete",
    ] {
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    }
    let clean = audit_log::verify_stored(f.store.pool(), &f.key, Some(head))
        .await
        .unwrap();
    assert!(clean.is_ok());
    (f, head, conn)
}

async fn first_issue(f: &Fixture, head: voxgate_security::audit::ChainHead) -> ChainIssue {
    let v = audit_log::verify_stored(f.store.pool(), &f.key, Some(head))
        .await
        .unwrap();
    assert!(!v.is_ok());
    v.first_issue().cloned().unwrap()
}

#[tokio::test]
async fn tamper_edit_is_detected() {
    let (f, head, mut conn) = tamper_fixture().await;
    sqlx::query("UPDATE audit_log SET actor = 'user:mallory#admin' WHERE seq = 7")
        .execute(&mut conn)
        .await
        .unwrap();
    assert_eq!(first_issue(&f, head).await, ChainIssue::Modified { seq: 7 });
    // A value no writer produces is also an edit, not a crash.
    sqlx::query("UPDATE audit_log SET result = 'fine' WHERE seq = 3")
        .execute(&mut conn)
        .await
        .unwrap();
    assert_eq!(first_issue(&f, head).await, ChainIssue::Modified { seq: 3 });
}

#[tokio::test]
async fn tamper_delete_is_detected() {
    let (f, head, mut conn) = tamper_fixture().await;
    sqlx::query("DELETE FROM audit_log WHERE seq IN (9, 10)")
        .execute(&mut conn)
        .await
        .unwrap();
    assert_eq!(
        first_issue(&f, head).await,
        ChainIssue::Deleted { first: 9, last: 10 }
    );
}

#[tokio::test]
async fn tamper_insert_is_detected() {
    let (f, head, mut conn) = tamper_fixture().await;
    let fake_key = AuditKey::from_bytes(&[1; 32]).unwrap();
    let forge = |prev| {
        chain_next(
            Some(&prev),
            admin()
                .event(
                    T0 + 5,
                    event_types::CONFIG_CHANGE,
                    "config",
                    "change",
                    AuditResult::Success,
                )
                .finish(),
            &fake_key,
        )
    };
    // An entry appended by someone without the audit key.
    audit_log::insert_entries(&mut conn, &[forge(head)])
        .await
        .unwrap();
    assert_eq!(first_issue(&f, head).await, ChainIssue::BadMac { seq: 21 });
    sqlx::query("DELETE FROM audit_log WHERE seq = 21")
        .execute(&mut conn)
        .await
        .unwrap();
    // An entry slipped in after entry 5, renumbering the rest to make room.
    let prev = audit_log::read_entries(f.store.pool(), 5, 1).await.unwrap()[0].head();
    for sql in [
        "UPDATE audit_log SET seq = seq + 1000 WHERE seq > 5",
        "UPDATE audit_log SET seq = seq - 999 WHERE seq > 1000",
    ] {
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    }
    audit_log::insert_entries(&mut conn, &[forge(prev)])
        .await
        .unwrap();
    let v = audit_log::verify_stored(f.store.pool(), &f.key, Some(head))
        .await
        .unwrap();
    assert!(
        v.report.issues.contains(&ChainIssue::BadMac { seq: 6 }),
        "{:?}",
        v.report.issues
    );
    assert_eq!(v.first_issue().unwrap().seq(), 6);
    assert!(v.report.issues.contains(&ChainIssue::Modified { seq: 7 }));
}

#[tokio::test]
async fn tamper_duplicate_is_detected_as_insertion() {
    let (f, head, mut conn) = tamper_fixture().await;
    let mut e = audit_log::read_entries(f.store.pool(), 4, 1).await.unwrap();
    // A replayed copy of a genuine entry, stored after the others.
    // The UNIQUE(seq) constraint is part of the table; rebuild without it as an attacker would.
    sqlx::query("CREATE TABLE t AS SELECT * FROM audit_log")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query("DROP TABLE audit_log")
        .execute(&mut conn)
        .await
        .unwrap();
    sqlx::query(
        "CREATE TABLE audit_log (row_id INTEGER PRIMARY KEY, seq INTEGER, event_id TEXT, \
         timestamp_ms INTEGER, event_type TEXT, actor TEXT, call_id TEXT, session_id TEXT, \
         source_ip TEXT, user_agent TEXT, resource TEXT, action TEXT, result TEXT, \
         pii_involved INTEGER, data_classification TEXT, compliance_tags TEXT, risk_score INTEGER, \
         action_taken TEXT, prev_hash BLOB, hash BLOB, mac BLOB)",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    sqlx::query("INSERT INTO audit_log SELECT * FROM t ORDER BY row_id")
        .execute(&mut conn)
        .await
        .unwrap();
    audit_log::insert_entries(&mut conn, &[e.remove(0)])
        .await
        .unwrap();
    assert_eq!(first_issue(&f, head).await, ChainIssue::Inserted { seq: 4 });
}

#[tokio::test]
async fn tamper_reorder_is_detected() {
    let (f, head, mut conn) = tamper_fixture().await;
    for sql in [
        "UPDATE audit_log SET row_id = -1 WHERE seq = 12",
        "UPDATE audit_log SET row_id = 12 WHERE seq = 11",
        "UPDATE audit_log SET row_id = 11 WHERE seq = 12",
    ] {
        sqlx::query(sql).execute(&mut conn).await.unwrap();
    }
    assert_eq!(
        first_issue(&f, head).await,
        ChainIssue::Reordered { seq: 11 }
    );
}

#[tokio::test]
async fn tamper_truncate_is_detected_against_the_exported_head() {
    let (f, head, mut conn) = tamper_fixture().await;
    sqlx::query("DELETE FROM audit_log WHERE seq > 17")
        .execute(&mut conn)
        .await
        .unwrap();
    // Without the head, a shorter chain is self-consistent ...
    let v = audit_log::verify_stored(f.store.pool(), &f.key, None)
        .await
        .unwrap();
    assert!(v.is_ok());
    // ... the exported head shows the cut.
    assert_eq!(
        first_issue(&f, head).await,
        ChainIssue::Truncated {
            last_seq: 17,
            expected_seq: 20
        }
    );
    // Truncating and appending new entries (the writer continues from 17) is caught too.
    f.calls
        .audit()
        .append(
            admin()
                .event(
                    T0 + 99,
                    event_types::AUTH_LOGIN,
                    "/login",
                    "login",
                    AuditResult::Success,
                )
                .finish(),
        )
        .await
        .unwrap();
    for _ in 0..3 {
        f.calls
            .audit()
            .append(
                admin()
                    .event(
                        T0 + 99,
                        event_types::AUTH_LOGIN,
                        "/login",
                        "login",
                        AuditResult::Success,
                    )
                    .finish(),
            )
            .await
            .unwrap();
    }
    assert_eq!(
        first_issue(&f, head).await,
        ChainIssue::HeadMismatch { seq: 20 }
    );
}

#[tokio::test]
async fn master_key_rotation_rewraps_without_touching_blobs() {
    let f = fixture().await;
    write_call(&f, "r1", T0).await;
    let (ct_before,): (Vec<u8>,) = sqlx::query_as(
        "SELECT ciphertext FROM blobs WHERE call_id = 'r1' AND class = 'raw_transcript'",
    )
    .fetch_one(f.store.pool())
    .await
    .unwrap();
    let old = blobs::master_key_from_text(MASTER).unwrap();
    let new_text = "77".repeat(32);
    let new = blobs::master_key_from_text(&new_text).unwrap();
    let new_id = new.id().to_owned();
    let rotated = CallStore::open(
        &f.store,
        KeyRing::new(new).with_older(old),
        blobs::lookup_key_from_audit_text(AUDIT).unwrap(),
        f.calls.audit().clone(),
    )
    .unwrap();
    assert_eq!(rotated.rewrap_all(&admin(), T0 + HOUR).await.unwrap(), 1);
    assert_eq!(rotated.key_usage().await.unwrap(), vec![(new_id, 1)]);
    // Only the new key is needed now.
    let only_new = CallStore::open(
        &f.store,
        KeyRing::new(blobs::master_key_from_text(&new_text).unwrap()),
        blobs::lookup_key_from_audit_text(AUDIT).unwrap(),
        f.calls.audit().clone(),
    )
    .unwrap();
    let exp = only_new
        .export_call(&admin(), "r1", T0 + HOUR)
        .await
        .unwrap();
    assert!(exp.transcript[0]
        .raw_text
        .as_deref()
        .unwrap()
        .contains(CARD));
    let (ct_after,): (Vec<u8>,) = sqlx::query_as(
        "SELECT ciphertext FROM blobs WHERE call_id = 'r1' AND class = 'raw_transcript'",
    )
    .fetch_one(f.store.pool())
    .await
    .unwrap();
    assert_eq!(ct_before, ct_after);
    // The old key no longer opens anything.
    assert!(matches!(
        f.calls.export_call(&admin(), "r1", T0 + HOUR).await,
        Err(Error::Key(_))
    ));
}
