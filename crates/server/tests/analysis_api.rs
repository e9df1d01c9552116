//! The post-call analysis API against a live server (agent disabled): authentication and roles,
//! every upload refusal, submission to result, cancellation and deletion with crypto-shredding,
//! queue status, post-call jobs over stored transcripts, live analysis over SSE, and one run
//! on the real models over generated speech whose words must not appear in any file of the
//! data directory.
//!
//! The engine is injected: a stand-in recogniser (fixed text, optional delay) for the API
//! mechanics, real Whisper for the end-to-end test. Audio is spoken by espeak-ng.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::Value;
use tokio_util::sync::CancellationToken;
use voxgate_analysis::{Analyzer, AnalyzerBuilder};
use voxgate_security::apikey::ApiKey;
use voxgate_security::rbac::Role;
use voxgate_server::analysis_service::Engine;
use voxgate_server::config::Config;
use voxgate_server::Running;

fn models_dir() -> PathBuf {
    let dir = std::env::var_os("VOXGATE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models"));
    let paths = voxgate_models::ModelPaths::resolve(&dir);
    assert!(
        paths.whisper_dir.join("model.bin").exists() && paths.silero_safetensors.exists(),
        "models missing in {}: run `voxgate models setup` first",
        dir.display()
    );
    dir
}

/// A recogniser standing in for Whisper: every window "says" `text`, after `delay`.
struct FixedStt {
    text: String,
    delay: Duration,
}

impl voxgate_speech::SpeechToText for FixedStt {
    fn transcribe(
        &self,
        samples: &[f32],
        _: &voxgate_speech::TranscribeOptions,
    ) -> voxgate_speech::Result<voxgate_speech::Transcript> {
        std::thread::sleep(self.delay);
        let end = samples.len() as f32 / 16_000.0;
        Ok(voxgate_speech::Transcript {
            text: self.text.clone(),
            segments: vec![voxgate_speech::Segment {
                start_s: 0.0,
                end_s: end,
                text: self.text.clone(),
            }],
        })
    }
    fn name(&self) -> &'static str {
        "fixed"
    }
}

fn fixed_engine(text: &str, delay: Duration) -> Analyzer {
    let paths = voxgate_models::ModelPaths::resolve(models_dir());
    AnalyzerBuilder::new(
        Arc::new(FixedStt {
            text: text.into(),
            delay,
        }),
        voxgate_audio::vad::VadBuilder::silero(&paths.silero_safetensors).unwrap(),
        voxgate_privacy::RedactorBuilder::new().build().unwrap(),
        voxgate_privacy::Policy::with_default("numbered".parse().unwrap()),
    )
    .build()
    .unwrap()
}

fn run_cmd(cmd: &mut Command) {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e} (install espeak-ng and sox)"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Speaks each line with espeak-ng into one mono 16-bit WAV at `rate`, `gap_s` of silence after
/// each line.
fn speak(dir: &Path, name: &str, lines: &[&str], rate: u32, gap_s: f32) -> Vec<u8> {
    let mut parts = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let raw = dir.join(format!("{name}-{i}.wav"));
        run_cmd(
            Command::new("espeak-ng")
                .args(["-v", "en-us", "-s", "160", "-w"])
                .arg(&raw)
                .arg(line),
        );
        let fixed = dir.join(format!("{name}-{i}-r.wav"));
        run_cmd(
            Command::new("sox")
                .arg(&raw)
                .args(["-r", &rate.to_string(), "-c", "1", "-b", "16"])
                .arg(&fixed)
                .args(["pad", "0.3", &gap_s.to_string()]),
        );
        parts.push(fixed);
    }
    let out = dir.join(format!("{name}.wav"));
    run_cmd(Command::new("sox").args(&parts).arg(&out));
    std::fs::read(out).unwrap()
}

struct Server {
    running: Option<Running>,
    keys: HashMap<Role, String>,
    client: reqwest::Client,
    config: Config,
    _tmp: tempfile::TempDir,
}

impl Server {
    async fn start(engine: Analyzer, tweak: impl FnOnce(&mut Config)) -> Self {
        let tmp = tempfile::tempdir().unwrap();
        let mut c = Config::default();
        c.agent.enabled = false;
        c.data.dir = tmp.path().join("data");
        c.http.listen = "127.0.0.1:0".parse().unwrap();
        c.admin.listen = "127.0.0.1:0".parse().unwrap();
        c.audiosocket.enabled = false;
        c.shutdown_grace_secs = 2;
        c.rate_limits.api_burst = 10_000;
        c.rate_limits.auth_burst = 10_000;
        c.auth.lockout_max_failures = 1000;
        c.monitor.failed_auth_limit = 1000;
        c.analysis.poll_interval_ms = 50;
        c.analysis.heartbeat_secs = 1;
        c.analysis.lease_secs = 5;
        c.analysis.llm_summary = false;
        tweak(&mut c);
        assert!(c.validate().is_empty(), "{:?}", c.validate());
        let running = voxgate_server::run::run_with_analysis_engine(
            c.clone(),
            CancellationToken::new(),
            Some(Engine::Ready(Arc::new(engine))),
        )
        .await
        .unwrap();
        let sqlite = voxgate_store::SqliteStore::open(&c.data.dir).await.unwrap();
        let store = voxgate_store::auth::AuthStore::new(&sqlite);
        let mut keys = HashMap::new();
        for role in Role::ALL {
            let k = ApiKey::generate();
            store
                .create_api_key(&k, &format!("test {role}"), role, None, Some("test"), 0)
                .await
                .unwrap();
            keys.insert(role, k.expose().to_owned());
        }
        Self {
            running: Some(running),
            keys,
            // A fresh connection per request: after a refusal the server closes the connection
            // without reading the body, and a pooled connection may already be closed.
            client: reqwest::Client::builder()
                .timeout(Duration::from_secs(60))
                .pool_max_idle_per_host(0)
                .build()
                .unwrap(),
            config: c,
            _tmp: tmp,
        }
    }

    fn running(&self) -> &Running {
        self.running.as_ref().unwrap()
    }

    fn req(&self, method: Method, path: &str, role: Option<Role>) -> reqwest::RequestBuilder {
        let r = self
            .client
            .request(method, format!("http://{}{path}", self.running().http_addr));
        match role {
            Some(role) => r.header("x-api-key", &self.keys[&role]),
            None => r,
        }
    }

    async fn upload(&self, role: Role, parts: &[Part<'_>]) -> (StatusCode, Value) {
        let (ctype, body) = multipart(parts);
        let r = self
            .req(Method::POST, "/api/v1/analysis", Some(role))
            .header("content-type", ctype)
            .body(body)
            .send()
            .await
            .unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// An upload the server refuses before reading all of it: the client sees the answer, or,
    /// when it was still writing as the server closed, `None` (HTTP/1.1 without
    /// `Expect: 100-continue` cannot do better).
    async fn upload_refused(&self, role: Role, parts: &[Part<'_>]) -> Option<(StatusCode, Value)> {
        let (ctype, body) = multipart(parts);
        let r = self
            .req(Method::POST, "/api/v1/analysis", Some(role))
            .header("content-type", ctype)
            .body(body)
            .send()
            .await;
        match r {
            Ok(r) => {
                let status = r.status();
                Some((status, r.json().await.unwrap_or(Value::Null)))
            }
            Err(e) => {
                assert!(e.is_request() && !e.is_timeout(), "{e}");
                None
            }
        }
    }

    async fn get(&self, path: &str, role: Role) -> (StatusCode, Value) {
        let r = self
            .req(Method::GET, path, Some(role))
            .send()
            .await
            .unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    async fn delete(&self, path: &str, role: Role) -> (StatusCode, Value) {
        let r = self
            .req(Method::DELETE, path, Some(role))
            .send()
            .await
            .unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or(Value::Null))
    }

    /// Polls a job until `pred` holds on its status body.
    async fn wait_job(&self, id: &str, pred: impl Fn(&Value) -> bool, within: Duration) -> Value {
        let deadline = Instant::now() + within;
        loop {
            let (s, v) = self
                .get(&format!("/api/v1/analysis/{id}"), Role::Supervisor)
                .await;
            assert_eq!(s, StatusCode::OK, "{v}");
            if pred(&v) {
                return v;
            }
            assert!(Instant::now() < deadline, "job {id} stuck: {v}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    fn upload_dir(&self) -> PathBuf {
        self.config.data.dir.join("analysis-uploads")
    }

    async fn stop(mut self) {
        let r = self.running.take().unwrap();
        r.shutdown();
        r.wait().await.unwrap();
    }
}

struct Part<'a> {
    name: &'a str,
    file_name: Option<&'a str>,
    data: &'a [u8],
}

fn part<'a>(name: &'a str, data: &'a [u8]) -> Part<'a> {
    Part {
        name,
        file_name: None,
        data,
    }
}

fn audio<'a>(file_name: &'a str, data: &'a [u8]) -> Part<'a> {
    Part {
        name: "audio",
        file_name: Some(file_name),
        data,
    }
}

/// A `multipart/form-data` body (RFC 7578), written by hand.
fn multipart(parts: &[Part<'_>]) -> (String, Vec<u8>) {
    let boundary = "vxg-boundary-7MA4YWxkTrZu0gW";
    let mut body = Vec::new();
    for p in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match p.file_name {
            Some(f) => body.extend_from_slice(
                format!(
                    "Content-Disposition: form-data; name=\"{}\"; filename=\"{f}\"\r\nContent-Type: application/octet-stream\r\n\r\n",
                    p.name
                )
                .as_bytes(),
            ),
            None => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{}\"\r\n\r\n", p.name).as_bytes(),
            ),
        }
        body.extend_from_slice(p.data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn code(v: &Value) -> &str {
    v["error"]["code"].as_str().unwrap_or("")
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

/// Files of `dir` whose bytes contain `needle` (case-insensitive ASCII).
fn files_containing(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    let needle: Vec<u8> = needle.to_ascii_lowercase();
    files_under(dir)
        .into_iter()
        .filter(|p| {
            let bytes = std::fs::read(p).unwrap_or_default().to_ascii_lowercase();
            bytes.windows(needle.len()).any(|w| w == needle.as_slice())
        })
        .collect()
}

fn contains_bytes(dir: &Path, needle: &[u8]) -> Vec<PathBuf> {
    files_under(dir)
        .into_iter()
        .filter(|p| {
            let bytes = std::fs::read(p).unwrap_or_default();
            bytes.windows(needle.len()).any(|w| w == needle)
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn authentication_roles_and_every_refusal() {
    let tmp = tempfile::tempdir().unwrap();
    let speech = speak(
        tmp.path(),
        "hello",
        &["Hello, I need some help."],
        16_000,
        0.2,
    );
    let s = Server::start(fixed_engine("hello", Duration::ZERO), |c| {
        c.analysis.max_upload_bytes = 400_000;
        c.analysis.max_duration_secs = 5;
    })
    .await;

    // 401 without credentials, on every analysis route.
    for (m, p) in [
        (Method::POST, "/api/v1/analysis"),
        (Method::GET, "/api/v1/analysis"),
        (Method::GET, "/api/v1/analysis/x1"),
        (Method::DELETE, "/api/v1/analysis/x1"),
        (Method::GET, "/api/v1/calls/c1/live"),
    ] {
        let r = s.req(m.clone(), p, None).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{m} {p}");
    }
    // 403 for roles without the permission, before the body is read.
    let (st, v) = s.upload(Role::Auditor, &[audio("a.wav", &speech)]).await;
    assert_eq!((st, code(&v)), (StatusCode::FORBIDDEN, "forbidden"));
    assert_eq!(
        s.get("/api/v1/analysis", Role::CaseWorker).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.delete("/api/v1/analysis/x1", Role::CaseWorker).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.get("/api/v1/analysis/x1", Role::Auditor).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.get("/api/v1/calls/c1/live", Role::Auditor).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        s.get("/api/v1/analysis/nope", Role::Service).await.0,
        StatusCode::NOT_FOUND
    );

    // 413: over max_upload_bytes while streaming, and by declared length at the guard.
    let big = voxgate_audio::decode::wav_bytes(&vec![0.01f32; 250_000], 16_000).unwrap();
    if let Some((st, v)) = s
        .upload_refused(Role::Service, &[audio("big.wav", &big)])
        .await
    {
        assert_eq!(
            (st, code(&v)),
            (StatusCode::PAYLOAD_TOO_LARGE, "too_large"),
            "{v}"
        );
    }
    let huge = vec![0u8; 2_000_000];
    let sent = s
        .req(Method::POST, "/api/v1/analysis", Some(Role::Service))
        .header("content-type", "multipart/form-data; boundary=x")
        .body(huge)
        .send()
        .await;
    // The guard refuses by the declared length before reading the body and closes the
    // connection: the client sees the 413, or, if it was still writing, a broken pipe.
    match sent {
        Ok(r) => assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE),
        Err(e) => assert!(e.is_request() && !e.is_timeout(), "{e}"),
    }
    // 415: not audio, and not a multipart or JSON request.
    let (st, v) = s
        .upload(
            Role::Service,
            &[audio("notes.mp3", b"this is only text, no audio here")],
        )
        .await;
    assert_eq!(
        (st, code(&v)),
        (StatusCode::UNSUPPORTED_MEDIA_TYPE, "unsupported_format")
    );
    let r = s
        .req(Method::POST, "/api/v1/analysis", Some(Role::Service))
        .header("content-type", "text/plain")
        .body("hello")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // 422: sample rate, duration, language, raw transcript not allowed.
    let low = voxgate_audio::decode::wav_bytes(&vec![0.0f32; 4_000], 4_000).unwrap();
    let (st, v) = s.upload(Role::Service, &[audio("low.wav", &low)]).await;
    assert_eq!(
        (st, code(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, "bad_sample_rate")
    );
    let long = voxgate_audio::decode::wav_bytes(&vec![0.0f32; 8_000 * 6], 8_000).unwrap();
    let (st, v) = s.upload(Role::Service, &[audio("long.wav", &long)]).await;
    assert_eq!(
        (st, code(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, "too_long"),
        "{v}"
    );
    let (st, v) = s
        .upload(
            Role::Service,
            &[audio("a.wav", &speech), part("language", b"fr")],
        )
        .await;
    assert_eq!(
        (st, code(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, "unsupported_option")
    );
    let (st, v) = s
        .upload(
            Role::Service,
            &[
                part("options", br#"{"include_raw": true}"#),
                audio("a.wav", &speech),
            ],
        )
        .await;
    assert_eq!(
        (st, code(&v)),
        (StatusCode::UNPROCESSABLE_ENTITY, "raw_not_allowed")
    );
    // 400: no audio, unknown field, bad flag; 404: unknown call.
    let (st, _) = s.upload(Role::Service, &[part("qa", b"true")]).await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    let (st, _) = s
        .upload(
            Role::Service,
            &[audio("a.wav", &speech), part("colour", b"red")],
        )
        .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    let (st, _) = s
        .upload(
            Role::Service,
            &[audio("a.wav", &speech), part("qa", b"maybe")],
        )
        .await;
    assert_eq!(st, StatusCode::BAD_REQUEST);
    let r = s
        .req(Method::POST, "/api/v1/analysis", Some(Role::Service))
        .json(&serde_json::json!({"call_id": "no-such-call"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = s
        .req(Method::POST, "/api/v1/analysis", Some(Role::Service))
        .json(&serde_json::json!({"call_id": "c1", "colour": "red"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    // Nothing refused stays on disk.
    let left = std::fs::read_dir(s.upload_dir())
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(left, 0, "refused uploads are removed");
    // The rest of the API keeps its small body limit.
    let r = s
        .req(Method::POST, "/api/v1/keys", Some(Role::Admin))
        .header("content-type", "application/json")
        .body(vec![b' '; 2_000_000])
        .send()
        .await;
    match r {
        Ok(r) => assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE),
        Err(e) => assert!(e.is_request() && !e.is_timeout(), "{e}"),
    }
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancel_running_and_queued_jobs_and_queue_status() {
    let tmp = tempfile::tempdir().unwrap();
    // Three utterances apart by more than the 2 s window cut: three recognition windows.
    let wav = speak(
        tmp.path(),
        "three",
        &[
            "Hello, I am calling about my son.",
            "He has not been eating for days.",
            "Thank you, goodbye.",
        ],
        16_000,
        2.5,
    );
    let s = Server::start(
        fixed_engine("I am calling about my son.", Duration::from_millis(1500)),
        |c| c.analysis.workers = 1,
    )
    .await;
    let (st, first) = s.upload(Role::CaseWorker, &[audio("one.wav", &wav)]).await;
    assert_eq!(st, StatusCode::ACCEPTED, "{first}");
    let first = first["job_id"].as_str().unwrap().to_owned();
    let (_, second) = s.upload(Role::CaseWorker, &[audio("two.wav", &wav)]).await;
    let second = second["job_id"].as_str().unwrap().to_owned();
    s.wait_job(
        &first,
        |v| v["status"] == "running",
        Duration::from_secs(20),
    )
    .await;

    let (st, q) = s.get("/api/v1/analysis", Role::Service).await;
    assert_eq!(st, StatusCode::OK);
    assert_eq!(q["engine"]["state"], "ready");
    assert_eq!(q["workers"]["configured"], 1);
    assert_eq!(
        (q["jobs"]["running"].as_u64(), q["jobs"]["queued"].as_u64()),
        (Some(1), Some(1)),
        "{q}"
    );
    assert!(q["oldest_queued_ms"].as_i64().unwrap() >= 0);
    assert_eq!(std::fs::read_dir(s.upload_dir()).unwrap().count(), 2);

    // The queued one is cancelled at once and its upload deleted.
    let (st, v) = s
        .delete(&format!("/api/v1/analysis/{second}"), Role::Supervisor)
        .await;
    assert_eq!(
        (st, v["status"].as_str()),
        (StatusCode::OK, Some("cancelled"))
    );
    // The running one is asked to stop, and does at its next heartbeat.
    let (st, v) = s
        .delete(&format!("/api/v1/analysis/{first}"), Role::Supervisor)
        .await;
    assert_eq!(
        (st, v["status"].as_str()),
        (StatusCode::ACCEPTED, Some("cancelling"))
    );
    let v = s
        .wait_job(
            &first,
            |v| v["status"] == "cancelled",
            Duration::from_secs(20),
        )
        .await;
    assert!(v["result"].is_null());
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::fs::read_dir(s.upload_dir()).unwrap().count() > 0 {
        assert!(
            Instant::now() < deadline,
            "uploads of cancelled jobs remain"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let (_, q) = s.get("/api/v1/analysis", Role::Admin).await;
    assert_eq!(q["jobs"]["cancelled"], 2, "{q}");
    assert_eq!(q["jobs"]["running"], 0);
    // Finished jobs are deleted by a second DELETE.
    let (st, v) = s
        .delete(&format!("/api/v1/analysis/{first}"), Role::Supervisor)
        .await;
    assert_eq!((st, v["deleted"].as_bool()), (StatusCode::OK, Some(true)));
    assert_eq!(
        s.get(&format!("/api/v1/analysis/{first}"), Role::Supervisor)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    s.stop().await;
}

fn caller_turn(index: usize, text: &str, raw: Option<&str>) -> voxgate_agent::transcript::Turn {
    voxgate_agent::transcript::Turn {
        index,
        speaker: voxgate_agent::transcript::Speaker::Caller,
        source: voxgate_agent::transcript::TurnSource::Speech,
        text: text.into(),
        raw_text: raw.map(str::to_owned),
        started_at_ms: 1_000 * index as u64,
        offset_ms: 1_000 * index as u64,
        interrupted: false,
        tool_calls: Vec::new(),
        timings: None,
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hybrid_mode_live_updates_and_post_call_jobs() {
    let s = Server::start(fixed_engine("unused", Duration::ZERO), |c| {
        c.analysis.mode = voxgate_analysis::ProcessingMode::Hybrid;
        c.analysis.on_call_end = true;
    })
    .await;
    // A supervisor watches call live-1 before its first turn.
    let r = s
        .req(
            Method::GET,
            "/api/v1/calls/live-1/live",
            Some(Role::Supervisor),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/event-stream"));
    let reader = tokio::spawn(async move {
        use futures::StreamExt;
        let mut body = String::new();
        let mut stream = r.bytes_stream();
        while let Some(chunk) = stream.next().await {
            body.push_str(&String::from_utf8_lossy(&chunk.unwrap()));
            if body.contains("event: ended") {
                break;
            }
        }
        body
    });
    tokio::time::sleep(Duration::from_millis(200)).await;
    let a = &s.running().analysis;
    a.turn(
        "live-1",
        &caller_turn(1, "Hi, I have a question about the service.", None),
    );
    a.turn(
        "live-1",
        &caller_turn(
            3,
            "My number is [PHONE_NUMBER_1].",
            Some("My number is (617) 492-3801."),
        ),
    );
    a.turn(
        "live-1",
        &caller_turn(
            5,
            "I want to end my life, I have pills here right now.",
            None,
        ),
    );
    a.call_ended("live-1");
    let body = tokio::time::timeout(Duration::from_secs(10), reader)
        .await
        .unwrap()
        .unwrap();
    let updates: Vec<Value> = body
        .lines()
        .filter_map(|l| l.strip_prefix("data: "))
        .map(|d| serde_json::from_str(d).unwrap())
        .collect();
    assert_eq!(updates.len(), 4, "{body}");
    assert_eq!(updates[1]["entities"]["PHONE_NUMBER"], 1);
    // The number's own digits: a millisecond timestamp may hold "492" alone.
    assert!(
        !body.contains("492-3801") && !body.contains("4923801"),
        "raw numbers never leave: {body}"
    );
    assert_eq!(updates[2]["category"], "self_harm");
    assert_eq!(updates[2]["priority"], "critical");
    assert_eq!(updates[2]["caller_turns"], 3);
    assert_eq!(updates[3]["event"], "ended");

    // Post-call: a stored call is analysed from its transcript, result sealed under its key.
    let sqlite = voxgate_store::SqliteStore::open(&s.config.data.dir)
        .await
        .unwrap();
    let dp = voxgate_server::retention::DataProtection::open(&s.config, &sqlite, Vec::new())
        .await
        .unwrap();
    dp.calls
        .start_call(&voxgate_store::calls::NewCall {
            id: "call-42",
            transport: "twilio",
            profile: Some("default"),
            caller: None,
            started_ms: 1_000,
        })
        .await
        .unwrap();
    for (i, (who, text)) in [
        (
            "agent",
            "Hello, thank you for calling the helpline. How can I help you today?",
        ),
        (
            "caller",
            "My stepfather beats me when he drinks and I have bruises on my arms.",
        ),
        (
            "agent",
            "I am so sorry. I will refer you to a social worker. Take care, goodbye.",
        ),
    ]
    .iter()
    .enumerate()
    {
        dp.calls
            .append_turn(
                "call-42",
                &voxgate_store::calls::Turn {
                    at_ms: 1_000 + 4_000 * i as i64,
                    speaker: who,
                    redacted_text: text,
                    raw_text: None,
                    pii: &[],
                },
            )
            .await
            .unwrap();
    }
    dp.calls
        .finish_call("call-42", 14_000, "hangup")
        .await
        .unwrap();
    a.call_stored("call-42").await;
    let (_, q) = s.get("/api/v1/analysis", Role::Service).await;
    assert_eq!(q["mode"], "hybrid");
    let deadline = Instant::now() + Duration::from_secs(20);
    let job = loop {
        let (_, q) = s.get("/api/v1/analysis", Role::Service).await;
        if q["jobs"]["succeeded"] == 1 {
            let row: (String,) = sqlx::query_as("SELECT id FROM jobs WHERE status = 'succeeded'")
                .fetch_one(sqlite.pool())
                .await
                .unwrap();
            break row.0;
        }
        assert!(Instant::now() < deadline, "post-call job not done: {q}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    };
    let (_, v) = s
        .get(&format!("/api/v1/analysis/{job}"), Role::CaseWorker)
        .await;
    assert_eq!(v["source"]["call_id"], "call-42");
    assert_eq!(v["result"]["audio"]["codec"], "transcript");
    assert_eq!(v["result"]["classification"]["category"], "abuse");
    assert!(v["result"]["summary"]["text"].as_str().unwrap().len() > 10);
    assert!(v["result"]["qa"].is_object());
    let blobs = dp.calls.list_blobs("call-42").await.unwrap();
    assert_eq!(blobs.len(), 1);
    assert_eq!(blobs[0].class, "analysis_result");
    // The same call by API, JSON.
    let r = s
        .req(Method::POST, "/api/v1/analysis", Some(Role::Service))
        .json(&serde_json::json!({"call_id": "call-42", "summarize": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    let v: Value = r.json().await.unwrap();
    assert_eq!(
        v["status_url"],
        format!("/api/v1/analysis/{}", v["job_id"].as_str().unwrap())
    );
    // Deleting the job removes the result but leaves the call and its key.
    let (st, v) = s
        .delete(&format!("/api/v1/analysis/{job}"), Role::Supervisor)
        .await;
    assert_eq!(
        (st, v["key_shredded"].as_bool()),
        (StatusCode::OK, Some(false)),
        "{v}"
    );
    assert!(dp
        .calls
        .list_blobs("call-42")
        .await
        .unwrap()
        .iter()
        .all(|b| b.id != blobs[0].id));
    assert!(dp.calls.get_call("call-42").await.is_ok());
    s.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn real_models_upload_is_analysed_stored_encrypted_and_shredded() {
    let tmp = tempfile::tempdir().unwrap();
    let wav = speak(
        tmp.path(),
        "call",
        &[
            "Please help me. My father hits me every day, and I am scared of him.",
            "The purple elephant sleeps in the garden.",
        ],
        16_000,
        0.6,
    );
    let config = voxgate_analysis::AnalysisConfig {
        llm_summary: false,
        ..Default::default()
    };
    let engine = voxgate_analysis::build_analyzer(&models_dir(), &config, None).unwrap();
    let s = Server::start(engine, |_| {}).await;
    let started = Instant::now();
    let (st, v) = s
        .upload(
            Role::Service,
            &[
                audio("call.wav", &wav),
                part("options", br#"{"qa": true, "language": "en"}"#),
            ],
        )
        .await;
    assert_eq!(st, StatusCode::ACCEPTED, "{v}");
    let id = v["job_id"].as_str().unwrap().to_owned();
    let v = s
        .wait_job(
            &id,
            |v| v["status"] != "queued" && v["status"] != "running",
            Duration::from_secs(120),
        )
        .await;
    eprintln!("analysed in {:?}", started.elapsed());
    assert_eq!(v["status"], "succeeded", "{v}");
    assert_eq!(v["progress"], 1.0);
    let r = &v["result"];
    let text = r["transcript"]["text"].as_str().unwrap().to_lowercase();
    assert!(text.contains("elephant"), "{text}");
    assert_eq!(r["transcript"]["redacted"], true);
    assert_eq!(r["audio"]["sample_rate"], 16_000);
    assert_eq!(r["classification"]["category"], "abuse", "{text}");
    assert!(r["qa"].is_object() && r["summary"].is_object() && r["entities"].is_array());

    // Sealed: the words are in no file of the data directory (database, WAL, blobs), and the
    // upload is gone.
    let data = &s.config.data.dir;
    assert!(files_containing(data, b"elephant").is_empty());
    assert!(files_containing(data, b"scared").is_empty());
    assert_eq!(std::fs::read_dir(s.upload_dir()).unwrap().count(), 0);

    // DELETE shreds the job's key: the wrapped key's bytes leave every file.
    let sqlite = voxgate_store::SqliteStore::open(data).await.unwrap();
    let call_id = voxgate_analysis::results::upload_call_id(&id);
    let (wrapped,): (Vec<u8>,) = sqlx::query_as("SELECT wrapped FROM call_keys WHERE call_id = ?")
        .bind(&call_id)
        .fetch_one(sqlite.pool())
        .await
        .unwrap();
    assert!(
        !contains_bytes(data, &wrapped).is_empty(),
        "the key is stored wrapped"
    );
    let (st, v) = s
        .delete(&format!("/api/v1/analysis/{id}"), Role::Admin)
        .await;
    assert_eq!(st, StatusCode::OK, "{v}");
    assert_eq!(v["key_shredded"], true);
    assert_eq!(
        s.get(&format!("/api/v1/analysis/{id}"), Role::Admin)
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let left: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM call_keys WHERE call_id = ?")
        .bind(&call_id)
        .fetch_optional(sqlite.pool())
        .await
        .unwrap();
    assert!(left.is_none());
    let blobs: (i64,) = sqlx::query_as("SELECT COUNT(*) FROM blobs WHERE call_id = ?")
        .bind(&call_id)
        .fetch_one(sqlite.pool())
        .await
        .unwrap();
    assert_eq!(blobs.0, 0);
    assert!(
        contains_bytes(data, &wrapped).is_empty(),
        "the wrapped key must not survive in the database or WAL"
    );
    s.stop().await;
}

/// Uploads a crash left in the spool are deleted at start, and by later sweeps, unless a queued
/// or running job still needs them or they may still be arriving.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn orphaned_uploads_are_swept_at_start_and_later() {
    use std::time::SystemTime;
    use voxgate_analysis::{AnalysisJob, AnalyzeOptions, JobSource};
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    let spool = tmp.path().join("spool");
    std::fs::create_dir_all(&spool).unwrap();
    let put = |name: &str, age: Duration| {
        let p = spool.join(name);
        std::fs::write(&p, b"not really audio").unwrap();
        std::fs::File::options()
            .write(true)
            .open(&p)
            .unwrap()
            .set_modified(SystemTime::now() - age)
            .unwrap();
        p
    };
    let hours = |h: u64| Duration::from_secs(h * 3600);
    let needed = put("needed.wav", hours(3));
    let orphan = put("orphan.wav", hours(3));
    let arriving = put("arriving.wav", Duration::ZERO);
    let job_id = {
        let sqlite = voxgate_store::SqliteStore::open(&data).await.unwrap();
        let queue = voxgate_store::jobs::JobQueue::new(&sqlite);
        // Not deleted after the job: the test sees what the sweep does with it.
        let job = AnalysisJob {
            source: JobSource::File {
                path: needed.clone(),
                delete_after: false,
            },
            options: AnalyzeOptions::default(),
        };
        voxgate_analysis::worker::submit(&queue, &job, 1, Duration::from_secs(60))
            .await
            .unwrap()
    };
    let s = Server::start(fixed_engine("hello", Duration::ZERO), |c| {
        c.data.dir = data.clone();
        c.analysis.upload_dir = Some(spool.clone());
    })
    .await;
    assert!(!orphan.exists(), "an old orphan survived the start");
    assert!(needed.exists(), "the file of a queued job was swept");
    assert!(arriving.exists(), "a recent upload was swept");

    // The job ends (its file is no audio); from then on its file is an orphan too.
    s.wait_job(
        &job_id,
        |v| v["status"] == "failed",
        Duration::from_secs(20),
    )
    .await;
    let late = put("late.mp3", hours(2));
    let report = s.running().analysis.sweep_spool().await.unwrap();
    assert_eq!(
        (report.removed, report.kept_live, report.kept_recent),
        (2, 0, 1),
        "{report:?}"
    );
    assert!(!needed.exists() && !late.exists() && arriving.exists());
    s.stop().await;
}
