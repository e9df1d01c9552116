//! The recording-consent step, driven like `dialog.rs`: a real `CallSession`/`TransportLeg`
//! pair, scripted fake STT/LLM/TTS and a level VAD, on tokio's paused clock.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use voxgate_agent::dialog::consent::{
    ConsentMethod, ConsentRule, MemoryConsentSink, Recording, RecordingPolicy,
};
use voxgate_agent::llm::{
    ChatMessage, FinishReason, GenerateOptions, LanguageModel, LlmEvent, LlmStream, Usage,
};
use voxgate_agent::tools::{Knowledge, ToolRegistry};
use voxgate_agent::transcript::{Speaker, TurnSource};
use voxgate_agent::{AgentDeps, AgentHandler, AgentProfile, MemoryTranscriptSink, VadFactory};
use voxgate_audio::vad::VoiceActivityDetector;
use voxgate_call::{CallHandler, CallInfo, CallLimits, TransportKind, TransportLeg};
use voxgate_privacy::{Policy, Redactor};
use voxgate_speech::{SpeechToText, TextToSpeech, TranscribeOptions, Transcript};

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
        let text = self.0.lock().unwrap().pop_front().unwrap_or_default();
        Ok(Transcript {
            text,
            segments: Vec::new(),
        })
    }
    fn name(&self) -> &'static str {
        "scripted"
    }
}

struct WordTts;

impl TextToSpeech for WordTts {
    fn sample_rate(&self) -> u32 {
        16_000
    }
    fn synthesize(&self, text: &str) -> voxgate_speech::Result<Vec<f32>> {
        Ok(vec![0.25; text.split_whitespace().count().max(1) * 1600])
    }
    fn name(&self) -> &'static str {
        "words"
    }
}

/// Always answers "Happy to help." and records what it was asked.
#[derive(Default)]
struct EchoLlm(Mutex<Vec<Vec<ChatMessage>>>);

impl LanguageModel for EchoLlm {
    fn generate(&self, messages: &[ChatMessage], _: &GenerateOptions) -> LlmStream {
        self.0.lock().unwrap().push(messages.to_vec());
        Box::pin(futures::stream::iter(
            [
                LlmEvent::TextDelta("Happy to help.".into()),
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
        "echo"
    }
}

const FRAME: usize = 160;
const LOUD: i16 = 16_384;

struct Call {
    leg: TransportLeg,
    task: tokio::task::JoinHandle<()>,
    transcripts: MemoryTranscriptSink,
    consents: MemoryConsentSink,
    llm: Arc<EchoLlm>,
}

fn policy() -> RecordingPolicy {
    RecordingPolicy {
        record_audio: true,
        keep_raw_transcript: true,
        keep_redacted_transcript: true,
        consent: ConsentRule::Required,
        policy_version: "2026-11-a".into(),
        ..RecordingPolicy::default()
    }
}

fn start(stt: &[&str], policy: RecordingPolicy) -> Call {
    let transcripts = MemoryTranscriptSink::new();
    let consents = MemoryConsentSink::new();
    let llm = Arc::new(EchoLlm::default());
    let deps = AgentDeps {
        stt: Arc::new(ScriptedStt(Mutex::new(
            stt.iter().map(|s| s.to_string()).collect(),
        ))),
        tts: Arc::new(WordTts),
        llm: llm.clone(),
        vad: Arc::new(LevelVadFactory),
        tools: ToolRegistry::default(),
        knowledge: Knowledge::empty(),
        redactor: Arc::new(Redactor::new().unwrap()),
        policy: Arc::new(Policy::default()),
        sink: Arc::new(transcripts.clone()),
    };
    let profile = AgentProfile {
        greeting: "Hello.".into(),
        silence_timeout_ms: 3_000,
        recording_policy: "ask".into(),
        ..AgentProfile::default()
    };
    let handler = AgentHandler::new(deps, profile)
        .unwrap()
        .with_recording(Recording {
            name: "ask".into(),
            policy,
            sink: Arc::new(consents.clone()),
        })
        .unwrap();
    let mut info = CallInfo::new(TransportKind::Audiosocket, 8_000);
    info.caller = Some("+14155550100".into());
    let (leg, session) = voxgate_call::session(info, CallLimits::default()).unwrap();
    let task = tokio::spawn(async move { handler.handle(session).await });
    Call {
        leg,
        task,
        transcripts,
        consents,
        llm,
    }
}

impl Call {
    async fn ticks(&mut self, n: usize, level: i16) {
        for _ in 0..n {
            self.leg.push_audio(vec![level; FRAME]);
            tokio::time::sleep(Duration::from_millis(20)).await;
            let _ = self.leg.next_frame();
        }
    }

    /// Silence until the agent's audio has all been played.
    async fn until_quiet(&mut self) {
        let mut spoke = false;
        for _ in 0..2_000 {
            self.leg.push_audio(vec![0; FRAME]);
            tokio::time::sleep(Duration::from_millis(20)).await;
            let sending = self.leg.next_frame().is_some();
            spoke |= sending;
            if spoke && !sending && self.leg.queued_samples() == 0 {
                return;
            }
        }
        panic!("agent did not finish speaking");
    }

    async fn say(&mut self) {
        self.ticks(25, LOUD).await;
        self.ticks(40, 0).await;
    }

    async fn hang_up(self) -> (MemoryTranscriptSink, MemoryConsentSink, Arc<EchoLlm>) {
        self.leg.finish(voxgate_call::EndReason::RemoteHangup);
        tokio::time::timeout(Duration::from_secs(5), self.task)
            .await
            .expect("agent ends after hangup")
            .unwrap();
        (self.transcripts, self.consents, self.llm)
    }
}

fn agent_lines(t: &MemoryTranscriptSink) -> Vec<(TurnSource, String)> {
    t.turns()
        .into_iter()
        .filter(|(_, t)| t.speaker == Speaker::Agent)
        .map(|(_, t)| (t.source, t.text))
        .collect()
}

#[tokio::test(start_paused = true)]
async fn keypad_1_grants_consent_and_raw_text_is_kept_afterwards() {
    let mut call = start(&["My meter number is 4471."], policy());
    call.until_quiet().await;
    call.leg.push_dtmf('1');
    call.until_quiet().await;
    call.say().await;
    call.until_quiet().await;
    let (t, c, llm) = call.hang_up().await;

    let ev = c.events();
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert!(ev[0].granted);
    assert_eq!(ev[0].method, ConsentMethod::Keypad);
    assert_eq!(ev[0].policy, "ask");
    assert_eq!(ev[0].policy_version, "2026-11-a");
    assert!(ev[0].record_audio);
    assert_eq!(ev[0].caller.as_deref(), Some("+14155550100"));

    let lines = agent_lines(&t);
    assert!(
        lines[0].1.starts_with("Hello. This call may be recorded"),
        "{lines:?}"
    );
    assert_eq!(
        lines[1],
        (
            TurnSource::Greeting,
            "Thank you. How can I help you?".into()
        )
    );
    // The keypress is not a question for the model; the next utterance is.
    let asked = llm.0.lock().unwrap().clone();
    assert_eq!(asked.len(), 1);
    let transcript = &t.transcripts()[0];
    let caller: Vec<_> = transcript
        .turns
        .iter()
        .filter(|t| t.speaker == Speaker::Caller)
        .collect();
    assert_eq!(caller.len(), 1);
    assert_eq!(
        caller[0].raw_text.as_deref(),
        Some("My meter number is 4471.")
    );
}

#[tokio::test(start_paused = true)]
async fn spoken_yes_grants_consent() {
    let mut call = start(&["Yeah, that's fine.", "What are your hours?"], policy());
    call.until_quiet().await;
    call.say().await;
    call.until_quiet().await;
    call.say().await;
    call.until_quiet().await;
    let (t, c, llm) = call.hang_up().await;
    let ev = c.events();
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert!(ev[0].granted);
    assert_eq!(ev[0].method, ConsentMethod::Speech);
    // Only the question after the answer went to the model.
    let asked = llm.0.lock().unwrap().clone();
    assert_eq!(asked.len(), 1);
    assert_eq!(
        asked[0].last().unwrap().content,
        "What are your hours?".to_string()
    );
    let turns = &t.transcripts()[0].turns;
    let answer = turns
        .iter()
        .find(|t| t.speaker == Speaker::Caller && t.text.contains("fine"))
        .unwrap();
    // Given before consent existed: no raw copy.
    assert!(answer.raw_text.is_none());
    let question = turns.iter().find(|t| t.text.contains("hours")).unwrap();
    assert_eq!(question.raw_text.as_deref(), Some("What are your hours?"));
}

#[tokio::test(start_paused = true)]
async fn spoken_no_refuses_and_nothing_raw_is_kept() {
    let mut call = start(
        &["No, I don't want that.", "My account is 99812."],
        policy(),
    );
    call.until_quiet().await;
    call.say().await;
    call.until_quiet().await;
    call.say().await;
    call.until_quiet().await;
    let (t, c, _) = call.hang_up().await;
    let ev = c.events();
    assert_eq!(ev.len(), 1);
    assert!(!ev[0].granted);
    assert!(!ev[0].record_audio);
    assert_eq!(ev[0].method, ConsentMethod::Speech);
    let lines = agent_lines(&t);
    assert!(
        lines
            .iter()
            .any(|(_, l)| l.contains("will not be recorded")),
        "{lines:?}"
    );
    let transcript = &t.transcripts()[0];
    assert!(!transcript.turns.is_empty(), "redacted transcript is kept");
    assert!(transcript.turns.iter().all(|t| t.raw_text.is_none()));
    assert!(t.turns().iter().all(|(_, t)| t.raw_text.is_none()));
}

#[tokio::test(start_paused = true)]
async fn refusal_without_redacted_transcript_keeps_no_turns() {
    let mut call = start(
        &["My account is 99812."],
        RecordingPolicy {
            keep_redacted_transcript: false,
            ..policy()
        },
    );
    call.until_quiet().await;
    call.leg.push_dtmf('2');
    call.until_quiet().await;
    call.say().await;
    call.until_quiet().await;
    let (t, c, _) = call.hang_up().await;
    assert_eq!(c.events()[0].method, ConsentMethod::Keypad);
    assert!(!c.events()[0].granted);
    assert!(t.transcripts()[0].turns.is_empty());
}

#[tokio::test(start_paused = true)]
async fn silence_means_no_consent_after_one_reprompt() {
    let mut call = start(&[], policy());
    call.until_quiet().await;
    // Silence timeout (3 s): the reprompt.
    call.until_quiet().await;
    assert!(call.consents.events().is_empty());
    // Silence again: no answer, no consent.
    call.until_quiet().await;
    let (t, c, llm) = call.hang_up().await;
    let ev = c.events();
    assert_eq!(ev.len(), 1, "{ev:?}");
    assert!(!ev[0].granted);
    assert_eq!(ev[0].method, ConsentMethod::NoAnswer);
    let lines = agent_lines(&t);
    assert_eq!(lines[1].0, TurnSource::Reprompt, "{lines:?}");
    assert!(lines[2].1.contains("will not be recorded"), "{lines:?}");
    assert!(llm.0.lock().unwrap().is_empty());
}
