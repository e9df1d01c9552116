//! The agent end to end with the real embedded models: `voxgate serve`'s server in process, a
//! caller over AudioSocket speaking a question about a customer of the shipped sample data (a
//! Piper voice at 8 kHz, as on a phone line), and the reply transcribed with Whisper.
//!
//! Needs the models (`voxgate models setup`); CI installs them before the tests.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::PathBuf;
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use uuid::Uuid;
use voxgate_server::config::Config;
use voxgate_speech::stt::WhisperStt;
use voxgate_speech::tts::{load_voice, synthesize_at, Voice};
use voxgate_speech::{SpeechToText, TranscribeOptions};
use voxgate_telephony::testcall::{self, AudioSocketCaller, CallScript, TEST_CALL_RATE};

fn models_dir() -> PathBuf {
    let dir = std::env::var_os("VOXGATE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../models"));
    assert!(
        voxgate_models::ModelPaths::resolve(&dir)
            .verify_quick()
            .is_ok(),
        "models missing in {}: run `voxgate models setup`",
        dir.display()
    );
    dir
}

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn pcm16(samples: &[f32]) -> Vec<i16> {
    samples
        .iter()
        .map(|&s| (s.clamp(-1.0, 1.0) * 32767.0) as i16)
        .collect()
}

// The whole chain: greeting, endpointing, Whisper, the knowledge lookup, SmolLM2, Piper and
// audio back over AudioSocket. The caller says the account number the way callers do on the
// phone, digit by digit with short pauses; Whisper tiny writes that as "4, 0, 0, 1, ..." (or
// digit words, or homophones such as "for"), which `agent::tools::digit_runs` reads back into
// 40017342; the caller's name makes a one-digit mishearing harmless (a name and a nearly right
// account number identify the record; either alone does not). Run as one sentence without pauses, Whisper tiny at 8 kHz hears it as
// "400, 1,100,70,3,442": then the agent says it found no such account and asks for the number
// again, digit by digit, rather than let the 135M model invent a balance (the reply guard).
// Set VOXGATE_E2E_WAV=/tmp/call.wav to keep the call recording.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn agent_answers_a_spoken_question_about_a_sample_customer_over_audiosocket() {
    // The agent logs each turn's stage timings ("turn timings"); shown with --nocapture.
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter("warn,voxgate_agent=info")
        .try_init();
    let models = models_dir();
    let data = tempfile::tempdir().unwrap();
    let mut config = Config::default();
    config.data.dir = data.path().join("data");
    config.models.dir.clone_from(&models);
    config.http.listen = "127.0.0.1:0".parse().unwrap();
    config.admin.listen = "127.0.0.1:0".parse().unwrap();
    config.audiosocket.listen = "127.0.0.1:0".parse().unwrap();
    config.shutdown_grace_secs = 2;
    let root = repo_root();
    config.tools.knowledge.customers = Some(root.join("samples/customers.csv"));
    config.tools.knowledge.faq = Some(root.join("samples/faq.json"));
    assert!(config.validate().is_empty(), "{:?}", config.validate());

    let running = voxgate_server::run(config, CancellationToken::new())
        .await
        .unwrap();
    let target = running.audiosocket_addr.expect("audiosocket enabled");

    // Maria Lopez, account 40017342, balance 84.20 in samples/customers.csv.
    let voice = load_voice(Voice::Piper, &models).unwrap();
    let question = synthesize_at(
        &*voice,
        "Hi, this is Maria Lopez, what is the balance of account 4, 0, 0, 1, 7, 3, 4, 2?",
        TEST_CALL_RATE,
    )
    .unwrap();
    let mut script = CallScript::new(vec![pcm16(&question)]);
    script.reply_timeout = Duration::from_secs(60);
    let mut link = AudioSocketCaller::connect(target, Uuid::new_v4())
        .await
        .unwrap();
    let report = testcall::run(&mut link, &script).await.unwrap();
    if let Some(path) = std::env::var_os("VOXGATE_E2E_WAV") {
        // What the caller heard, for listening when this test fails.
        let spec = hound::WavSpec {
            channels: 2,
            sample_rate: TEST_CALL_RATE,
            bits_per_sample: 16,
            sample_format: hound::SampleFormat::Int,
        };
        let mut w = hound::WavWriter::create(path, spec).unwrap();
        for s in report.stereo() {
            w.write_sample(s).unwrap();
        }
        w.finalize().unwrap();
    }

    assert!(
        report.greeting_after.is_some(),
        "the agent greets the caller"
    );
    assert_eq!(report.turns.len(), 1);
    let turn = &report.turns[0];
    let (a, b) = turn.reply_span.expect("the agent replied");
    let reply: Vec<f32> = report.heard[a..b.min(report.heard.len())]
        .iter()
        .map(|&s| f32::from(s) / 32768.0)
        .collect();
    let at16 = voxgate_audio::resample::resample(&reply, TEST_CALL_RATE, 16_000).unwrap();
    let stt = WhisperStt::from_models_dir(&models, 2).unwrap();
    let text = stt
        .transcribe(&at16, &TranscribeOptions::default())
        .unwrap()
        .text
        .to_lowercase();
    eprintln!(
        "reply after {:?}: {text}",
        turn.voice_to_voice.unwrap_or_default()
    );
    assert!(
        text.contains("84") || text.contains("eighty-four") || text.contains("eighty four"),
        "the reply gives Maria Lopez's balance of 84.20: {text}"
    );

    running.shutdown();
    tokio::time::timeout(Duration::from_secs(20), running.wait())
        .await
        .expect("server stops")
        .unwrap();
}
