#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Issue 8, call recording end to end: an agent call (fake STT/LLM/TTS, real call session and
//! consent flow) under a `record_audio` policy, recorded through `StoreRecorder` into the
//! encrypted call store. Consent granted: a WAV that decrypts with the call's key, caller
//! audio left, agent audio right, nothing from before the answer, ciphertext on disk. Consent
//! refused: nothing stored.

use std::collections::VecDeque;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use voxgate_agent::dialog::consent::{ConsentRule, Recording, RecordingPolicy};
use voxgate_agent::llm::{
    ChatMessage, FinishReason, GenerateOptions, LanguageModel, LlmEvent, LlmStream, Usage,
};
use voxgate_agent::tools::{Knowledge, ToolRegistry};
use voxgate_agent::{AgentDeps, AgentHandler, AgentProfile, MemoryTranscriptSink, VadFactory};
use voxgate_audio::vad::VoiceActivityDetector;
use voxgate_call::{CallHandler, CallInfo, CallLimits, TransportKind, TransportLeg};
use voxgate_privacy::{Policy, Redactor};
use voxgate_server::recording::{StoreConsentSink, StoreRecorder};
use voxgate_speech::{SpeechToText, TextToSpeech, TranscribeOptions, Transcript};
use voxgate_store::audit_log::{AccessContext, AuditLog};
use voxgate_store::blobs::{self, KeyRing};
use voxgate_store::calls::CallStore;
use voxgate_store::SqliteStore;

const MASTER: &str = "4f1c0f6a2b9e8d7c6b5a49382716050403f2e1d0c9b8a79685746352413021ff";
const AUDIT: &str = "9a8b7c6d5e4f30211203f4e5d6c7b8a99a8b7c6d5e4f30211203f4e5d6c7b8a9";
const RATE: u32 = 8_000;
const FRAME: usize = 160;
const LOUD: i16 = 16_384;
const BEFORE: i16 = 777;
const AFTER: i16 = 1_234;
/// What the fake voice speaks: 0.25 full scale.
const AGENT: i16 = 8_192;

#[derive(Debug)]
struct LevelVad;

impl VoiceActivityDetector for LevelVad {
    fn sample_rate(&self) -> u32 {
        16_000
    }
    fn frame_size(&self) -> usize {
        320
    }
    fn process(&mut self, frame: &[f32]) -> voxgate_audio::Result<f32> {
        let mean = frame.iter().map(|s| s.abs()).sum::<f32>() / frame.len() as f32;
        Ok((mean / 0.5).min(1.0))
    }
    fn reset(&mut self) {}
}

#[derive(Debug)]
struct LevelVadFactory;

impl VadFactory for LevelVadFactory {
    fn build(&self) -> voxgate_audio::Result<Box<dyn VoiceActivityDetector>> {
        Ok(Box::new(LevelVad))
    }
}

struct ScriptedStt(Mutex<VecDeque<String>>);

impl SpeechToText for ScriptedStt {
    fn transcribe(&self, _: &[f32], _: &TranscribeOptions) -> voxgate_speech::Result<Transcript> {
        Ok(Transcript {
            text: self.0.lock().unwrap().pop_front().unwrap_or_default(),
            segments: Vec::new(),
        })
    }
    fn name(&self) -> &'static str {
        "scripted"
    }
}

/// 30 ms of a constant level per word, at the call's rate (no resampling ripple).
struct WordTts;

impl TextToSpeech for WordTts {
    fn sample_rate(&self) -> u32 {
        RATE
    }
    fn synthesize(&self, text: &str) -> voxgate_speech::Result<Vec<f32>> {
        Ok(vec![0.25; text.split_whitespace().count().max(1) * 240])
    }
    fn name(&self) -> &'static str {
        "words"
    }
}

struct FixedLlm;

impl LanguageModel for FixedLlm {
    fn generate(&self, _: &[ChatMessage], _: &GenerateOptions) -> LlmStream {
        Box::pin(futures::stream::iter(
            [
                LlmEvent::TextDelta("We open at nine.".into()),
                LlmEvent::Finish {
                    reason: FinishReason::Stop,
                    usage: Usage::default(),
                },
            ]
            .into_iter()
            .map(Ok),
        ))
    }
    fn name(&self) -> &str {
        "fixed"
    }
}

struct Fixture {
    _tmp: tempfile::TempDir,
    dir: std::path::PathBuf,
    calls: CallStore,
}

async fn fixture() -> Fixture {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("data");
    let store = SqliteStore::open(&dir).await.unwrap();
    let log = AuditLog::open(&store, blobs::audit_key_from_text(AUDIT).unwrap())
        .await
        .unwrap();
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
        calls,
    }
}

fn start(calls: &CallStore) -> (TransportLeg, String, tokio::task::JoinHandle<()>) {
    let deps = AgentDeps {
        stt: Arc::new(ScriptedStt(Mutex::new(
            ["What are your hours?".to_string()].into(),
        ))),
        tts: Arc::new(WordTts),
        llm: Arc::new(FixedLlm),
        vad: Arc::new(LevelVadFactory),
        tools: ToolRegistry::default(),
        knowledge: Knowledge::empty(),
        redactor: Arc::new(Redactor::new().unwrap()),
        policy: Arc::new(Policy::default()),
        sink: Arc::new(MemoryTranscriptSink::new()),
    };
    let profile = AgentProfile {
        greeting: "Hello.".into(),
        recording_policy: "ask".into(),
        ..AgentProfile::default()
    };
    let handler = AgentHandler::new(deps, profile)
        .unwrap()
        .with_recording(Recording {
            name: "ask".into(),
            policy: RecordingPolicy {
                record_audio: true,
                consent: ConsentRule::Required,
                ..RecordingPolicy::default()
            },
            sink: Arc::new(StoreConsentSink::new(calls.clone())),
        })
        .unwrap()
        .with_audio_recorder(Arc::new(StoreRecorder::new(calls.clone())));
    let (leg, session) = voxgate_call::session(
        CallInfo::new(TransportKind::Audiosocket, RATE),
        CallLimits::default(),
    )
    .unwrap();
    let id = session.id().to_string();
    let task = tokio::spawn(async move { handler.handle(session).await });
    (leg, id, task)
}

/// One real-time 20 ms tick: a caller frame in, an agent frame out; whether one was sent.
async fn tick(leg: &mut TransportLeg, level: i16) -> bool {
    leg.push_audio(vec![level; FRAME]);
    tokio::time::sleep(Duration::from_millis(20)).await;
    leg.next_frame().is_some()
}

async fn until_quiet(leg: &mut TransportLeg, level: i16) {
    let mut spoke = false;
    for _ in 0..1_000 {
        let sending = tick(leg, level).await;
        spoke |= sending;
        if spoke && !sending && leg.queued_samples() == 0 {
            return;
        }
    }
    panic!("agent did not finish speaking");
}

async fn end(leg: TransportLeg, task: tokio::task::JoinHandle<()>) {
    leg.finish(voxgate_call::EndReason::RemoteHangup);
    tokio::time::timeout(Duration::from_secs(10), task)
        .await
        .expect("agent ends after hangup")
        .unwrap();
}

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consented_call_is_recorded_encrypted_with_both_sides() {
    let f = fixture().await;
    let (mut leg, id, task) = start(&f.calls);
    until_quiet(&mut leg, BEFORE).await;
    leg.push_dtmf('1');
    until_quiet(&mut leg, AFTER).await;
    for _ in 0..25 {
        tick(&mut leg, LOUD).await;
    }
    until_quiet(&mut leg, AFTER).await;
    end(leg, task).await;

    // The writer lists the recording once the call has ended.
    let admin = AccessContext::new("user:dpo", Some("supervisor"));
    let mut found = None;
    for _ in 0..200 {
        if let Ok(info) = f.calls.latest_recording(&id).await {
            found = Some(info);
            break;
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    let info = found.expect("recording stored");
    assert_eq!(info.media_type, "audio/wav");

    // On disk: ciphertext only.
    let path = f.calls.blob_files().path(&id, &info.id).unwrap();
    let raw = std::fs::read(&path).unwrap();
    assert!(!raw.windows(4).any(|w| w == b"RIFF"));
    let run: Vec<u8> = [AFTER; 16].iter().flat_map(|s| s.to_le_bytes()).collect();
    let mut all = Vec::new();
    files(&f.dir, &mut all);
    for p in &all {
        let bytes = std::fs::read(p).unwrap();
        assert!(
            !bytes.windows(run.len()).any(|w| w == run),
            "caller audio in clear in {p:?}"
        );
    }

    let (_, wav) = f.calls.read_recording(&admin, &id, 0).await.unwrap();
    let reader = hound::WavReader::new(std::io::Cursor::new(&wav[..])).unwrap();
    let spec = reader.spec();
    assert_eq!(
        (spec.channels, spec.sample_rate, spec.bits_per_sample),
        (2, RATE, 16)
    );
    let samples: Vec<i16> = reader.into_samples().map(Result::unwrap).collect();
    let caller: Vec<i16> = samples.iter().step_by(2).copied().collect();
    let agent: Vec<i16> = samples.iter().skip(1).step_by(2).copied().collect();
    assert!(
        !caller.contains(&BEFORE),
        "audio from before consent recorded"
    );
    assert_eq!(caller.iter().filter(|&&v| v == LOUD).count(), 25 * FRAME);
    assert!(caller.iter().filter(|&&v| v == AFTER).count() > 10 * FRAME);
    // "Thank you. How can I help you?" and "We open at nine.": 11 words of 240 samples.
    let spoken = agent.iter().filter(|&&v| (v - AGENT).abs() < 64).count();
    assert_eq!(spoken, 11 * 240, "agent samples in the right channel");
    let last_loud = caller.iter().rposition(|&v| v == LOUD).unwrap();
    assert!(
        agent[last_loud..]
            .iter()
            .filter(|&&v| (v - AGENT).abs() < 64)
            .count()
            >= 4 * 240
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_consent_stores_no_recording() {
    let f = fixture().await;
    let (mut leg, id, task) = start(&f.calls);
    until_quiet(&mut leg, BEFORE).await;
    leg.push_dtmf('2');
    until_quiet(&mut leg, AFTER).await;
    for _ in 0..25 {
        tick(&mut leg, LOUD).await;
    }
    until_quiet(&mut leg, AFTER).await;
    end(leg, task).await;
    // The consent answer is stored (the row exists); no recording ever is.
    let mut consents = Vec::new();
    for _ in 0..100 {
        consents = f.calls.consents(&id).await.unwrap_or_default();
        if !consents.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(consents.len(), 1);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(f.calls.list_blobs(&id).await.unwrap().is_empty());
    let mut all = Vec::new();
    files(&f.dir, &mut all);
    assert!(
        !all.iter().any(|p| p.to_string_lossy().contains("/blobs/")),
        "{all:?}"
    );
}
