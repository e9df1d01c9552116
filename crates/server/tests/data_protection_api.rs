//! The data-subject and compliance routes against a live server (agent disabled): find by
//! caller number, export, delete with crypto-shredding, legal hold against purge, compliance
//! reports and the audit verify route — each also refused without credentials (401) and for
//! the roles that lack its permission (403).

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod attack_support;

use attack_support::{error_code, TestServer};
use reqwest::{Method, StatusCode};
use voxgate_security::crypto::DataClass;
use voxgate_security::rbac::{Permission, Role};
use voxgate_server::retention::{for_store, DataProtection};
use voxgate_store::calls::{NewCall, Turn};
use voxgate_store::retention::RetentionPolicy;

const PHONE: &str = "+14155550123";
const PHRASE: &str = "violet walrus 7731";

fn roomy(c: &mut voxgate_server::config::Config) {
    c.rate_limits.api_burst = 10_000;
    c.rate_limits.auth_burst = 10_000;
    c.auth.lockout_max_failures = 1000;
    c.monitor.failed_auth_limit = 1000;
    // The test runs its own purges.
    c.retention.enabled = false;
}

async fn setup() -> (TestServer, DataProtection) {
    let s = TestServer::start(roomy).await;
    let sqlite = voxgate_store::SqliteStore::open(&s.config.data.dir)
        .await
        .unwrap();
    // The same data protection the server registered (shared audit writer).
    let dp = for_store(&s.config, &sqlite).await.unwrap();
    (s, dp)
}

/// A call with a caller number, a turn whose raw text holds `PHRASE`, and a recording.
async fn seed(dp: &DataProtection, id: &str, started_ms: i64) {
    dp.calls
        .start_call(&NewCall {
            id,
            transport: "audiosocket",
            profile: Some("default"),
            caller: Some(PHONE),
            started_ms,
        })
        .await
        .unwrap();
    dp.calls
        .append_turn(
            id,
            &Turn {
                at_ms: started_ms + 1_000,
                speaker: "caller",
                redacted_text: "my code is [SECRET]",
                raw_text: Some(&format!("my code is {PHRASE}")),
                pii: &[],
            },
        )
        .await
        .unwrap();
    dp.calls
        .put_blob(
            id,
            DataClass::Recording,
            "audio/wav",
            format!("RIFF....{PHRASE}").as_bytes(),
            started_ms + 2_000,
        )
        .await
        .unwrap();
    dp.calls
        .finish_call(id, started_ms + 60_000, "remote_hangup")
        .await
        .unwrap();
}

/// Asserts 401 without a key and 403 for every role lacking `perm`; returns a role holding it.
async fn check_access(s: &TestServer, method: Method, path: &str, perm: Permission) -> Role {
    let r = s
        .req(method.clone(), path, "192.0.2.1")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{method} {path}");
    assert_eq!(error_code(r).await, "unauthorized");
    let mut allowed = None;
    for role in Role::ALL {
        if role.allows(perm) {
            allowed.get_or_insert(role);
            continue;
        }
        let r = s
            .req(method.clone(), path, "192.0.2.2")
            .header("x-api-key", s.key(role))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{role} {method} {path}");
        assert_eq!(error_code(r).await, "forbidden");
    }
    allowed.expect("some role holds the permission")
}

async fn call(s: &TestServer, role: Role, method: Method, path: &str) -> reqwest::Response {
    s.req(method, path, "192.0.2.3")
        .header("x-api-key", s.key(role))
        .header("user-agent", "dp-test/1")
        .send()
        .await
        .unwrap()
}

fn now_ms() -> i64 {
    voxgate_store::audit_log::now_ms()
}

#[tokio::test]
async fn find_export_delete_with_shredding() {
    let (s, dp) = setup().await;
    let id = "c0ffee00-0000-4000-8000-000000000001";
    seed(&dp, id, now_ms() - 120_000).await;

    // Find by caller number: only the keyed hash is stored.
    let find = format!("/api/v1/calls?caller={}", PHONE.replace('+', "%2B"));
    let role = check_access(&s, Method::GET, &find, Permission::CallsLookupCaller).await;
    let r = call(&s, role, Method::GET, &find).await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["calls"][0]["id"], id, "{v}");
    assert_eq!(v["calls"].as_array().unwrap().len(), 1);
    let r = call(&s, role, Method::GET, "/api/v1/calls?caller=%2B14155550999").await;
    let v: serde_json::Value = r.json().await.unwrap();
    assert!(v["calls"].as_array().unwrap().is_empty());
    let r = call(&s, role, Method::GET, "/api/v1/calls?caller=not-a-number").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    // Export: everything held, decrypted, not cached.
    let export = format!("/api/v1/calls/{id}/export?format=json");
    let role = check_access(&s, Method::GET, &export, Permission::CallsExport).await;
    let r = call(&s, role, Method::GET, &export).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["call"]["id"], id);
    assert_eq!(v["caller_hash_stored"], true);
    assert_eq!(
        v["transcript"][0]["raw_text"],
        format!("my code is {PHRASE}")
    );
    assert_eq!(v["blobs"].as_array().unwrap().len(), 1, "{v}");
    assert!(
        !v.to_string().contains(PHONE),
        "the number is never exported back"
    );
    let r = call(
        &s,
        role,
        Method::GET,
        &format!("/api/v1/calls/{id}/export?format=xml"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    // The sealed recording as stored, before the delete.
    let (sealed,): (Vec<u8>,) =
        sqlx::query_as("SELECT ciphertext FROM blobs WHERE call_id = ? AND class = 'recording'")
            .bind(id)
            .fetch_one(dp.calls.pool())
            .await
            .unwrap();
    assert!(!String::from_utf8_lossy(&sealed).contains(PHRASE));

    // Delete: data gone, key shredded, export 404.
    let path = format!("/api/v1/calls/{id}");
    let role = check_access(&s, Method::DELETE, &path, Permission::CallsDelete).await;
    let r = call(&s, role, Method::DELETE, &path).await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["report"]["key_shredded"], true, "{v}");
    assert_eq!(v["report"]["turns"], 1);
    let export_role = Role::ALL
        .into_iter()
        .find(|r| r.allows(Permission::CallsExport))
        .unwrap();
    let r = call(&s, export_role, Method::GET, &export).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_code(r).await, "not_found");
    let r = call(&s, role, Method::DELETE, &path).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let (keys,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM call_keys WHERE call_id = ?")
        .bind(id)
        .fetch_one(dp.calls.pool())
        .await
        .unwrap();
    assert_eq!(keys, 0, "the data key is destroyed");
    // The ciphertext copy (as a backup would hold it) has no key left to open it with.
    assert!(dp
        .calls
        .read_blob(
            &voxgate_store::audit_log::AccessContext::system(),
            id,
            "any",
            now_ms()
        )
        .await
        .is_err());

    // The audit trail keeps the delete, without personal data.
    let trail = voxgate_store::audit_log::entries_for_call(dp.calls.pool(), id)
        .await
        .unwrap();
    let del = trail
        .iter()
        .find(|e| e.event.event_type == "call.delete")
        .expect("delete audited");
    assert!(del.event.actor.ends_with(&format!("#{}", role.as_str())));
    assert_eq!(del.event.user_agent.as_deref(), Some("dp-test/1"));
    let text = serde_json::to_string(&trail).unwrap();
    assert!(!text.contains(PHRASE) && !text.contains(PHONE), "{text}");
    s.stop().await;
}

#[tokio::test]
async fn legal_hold_blocks_purge_and_delete() {
    let (s, dp) = setup().await;
    let id = "c0ffee00-0000-4000-8000-000000000002";
    // Old enough for any retention period below.
    seed(&dp, id, now_ms() - 40 * 86_400_000).await;
    let hold = format!("/api/v1/calls/{id}/hold");
    let role = check_access(&s, Method::POST, &hold, Permission::LegalHoldSet).await;
    let r = call(&s, role, Method::POST, &hold).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(dp.calls.get_call(id).await.unwrap().legal_hold);

    let day = std::time::Duration::from_secs(86_400);
    let policy = RetentionPolicy {
        recordings: Some(day),
        raw_transcripts: Some(day),
        redacted_transcripts: Some(day),
        analysis_results: Some(day),
        pii: Some(day),
        ..RetentionPolicy::default()
    };
    let before = dp.calls.get_call(id).await.unwrap();
    assert!(before.turns >= 1 && before.blobs >= 1);
    dp.calls.purge(&policy, now_ms()).await.unwrap();
    let kept = dp.calls.get_call(id).await.unwrap();
    assert_eq!(
        (kept.turns, kept.blobs),
        (before.turns, before.blobs),
        "held data survives the purge"
    );
    let delete_role = Role::ALL
        .into_iter()
        .find(|r| r.allows(Permission::CallsDelete))
        .unwrap();
    let r = call(
        &s,
        delete_role,
        Method::DELETE,
        &format!("/api/v1/calls/{id}"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);

    // Released: the next purge removes it.
    let r = s
        .req(Method::POST, &hold, "192.0.2.3")
        .header("x-api-key", s.key(role))
        .json(&serde_json::json!({"hold": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let report = dp.calls.purge(&policy, now_ms()).await.unwrap();
    assert!(report.total() >= 2, "{report:?}");
    let gone = dp.calls.get_call(id).await;
    assert!(gone.map_or(true, |c| c.turns == 0 && c.blobs == 0));
    s.stop().await;
}

#[tokio::test]
async fn reports_and_audit_verify_over_the_api() {
    let (s, dp) = setup().await;
    seed(
        &dp,
        "c0ffee00-0000-4000-8000-000000000003",
        now_ms() - 3_600_000,
    )
    .await;

    let path = "/api/v1/reports?period=day&format=json";
    let role = check_access(&s, Method::GET, path, Permission::ReportsRead).await;
    let r = call(&s, role, Method::GET, path).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["cache-control"], "no-store");
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["period"], "day", "{v}");
    assert_eq!(v["calls"]["calls"], 1, "{v}");
    let r = call(
        &s,
        role,
        Method::GET,
        "/api/v1/reports?period=week&format=html",
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let html = r.text().await.unwrap();
    assert!(html.contains("<svg"), "the HTML report has charts");
    let r = call(&s, role, Method::GET, "/api/v1/reports?period=year").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = call(&s, role, Method::GET, "/api/v1/reports?format=pdf").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    let path = "/api/v1/audit/verify";
    let role = check_access(&s, Method::GET, path, Permission::AuditVerify).await;
    let r = call(&s, role, Method::GET, path).await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["ok"], true, "{v}");
    assert!(v["result"]["entries"].as_u64().unwrap() >= 2, "{v}");
    // An attacker with write access to the database file drops the append-only trigger and
    // edits one stored entry: the route names it.
    sqlx::query("DROP TRIGGER audit_log_no_update")
        .execute(dp.calls.pool())
        .await
        .unwrap();
    sqlx::query("UPDATE audit_log SET action = 'nothing' WHERE seq = 2")
        .execute(dp.calls.pool())
        .await
        .unwrap();
    let r = call(&s, role, Method::GET, path).await;
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(v["ok"], false, "{v}");
    assert_eq!(v["first_issue"]["seq"], 2, "{v}");
    assert_eq!(v["first_issue"]["issue"]["kind"], "modified", "{v}");
    s.stop().await;
}

#[tokio::test]
async fn recording_route_streams_the_wav_with_its_length() {
    use voxgate_store::recording::RecordingFormat;
    let (s, dp) = setup().await;
    // A streamed recording: 3 s of stereo at 8 kHz, written as the call recorder does.
    let id = "c0ffee00-0000-4000-8000-000000000003";
    dp.calls
        .start_call(&NewCall {
            id,
            transport: "audiosocket",
            profile: Some("default"),
            caller: None,
            started_ms: now_ms() - 10_000,
        })
        .await
        .unwrap();
    let mut rec = dp
        .calls
        .begin_recording(
            id,
            RecordingFormat {
                sample_rate: 8_000,
                channels: 2,
            },
        )
        .await
        .unwrap();
    let samples: Vec<i16> = (0..3 * 8_000 * 2).map(|i| (i % 30_000) as i16).collect();
    for second in samples.chunks(8_000 * 2) {
        rec.append(second).unwrap();
    }
    dp.calls
        .finish_recording(rec, now_ms())
        .await
        .unwrap()
        .unwrap();

    let path = format!("/api/v1/calls/{id}/recording");
    let role = check_access(&s, Method::GET, &path, Permission::RecordingsPlay).await;
    let r = call(&s, role, Method::GET, &path).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "audio/wav");
    assert_eq!(r.headers()["cache-control"], "no-store");
    assert_eq!(
        r.headers()["content-length"],
        (44 + samples.len() * 2).to_string().as_str()
    );
    let body = r.bytes().await.unwrap();
    let wav = hound::WavReader::new(std::io::Cursor::new(body.to_vec())).unwrap();
    assert_eq!(wav.spec().channels, 2);
    assert_eq!(wav.spec().sample_rate, 8_000);
    let got: Vec<i16> = wav.into_samples::<i16>().map(Result::unwrap).collect();
    assert_eq!(got, samples);

    // A recording sealed as one blob (older stores) still plays, whole.
    let old = "c0ffee00-0000-4000-8000-000000000004";
    seed(&dp, old, now_ms() - 120_000).await;
    let r = call(
        &s,
        role,
        Method::GET,
        &format!("/api/v1/calls/{old}/recording"),
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.bytes().await.unwrap().as_ref(),
        format!("RIFF....{PHRASE}").as_bytes()
    );
    // No recording: 404.
    let r = call(&s, role, Method::GET, "/api/v1/calls/nobody/recording").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}
