//! The conversation loop driven through a real `CallSession`/`TransportLeg` pair with scripted
//! fake STT, LLM, TTS and VAD, on tokio's paused clock: the test plays the transport, pushing
//! one 20 ms inbound frame and pulling at most one outbound frame per tick.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::FutureExt;
use voxgate_agent::llm::{
    ChatMessage, FinishReason, GenerateOptions, LanguageModel, LlmEvent, LlmStream, Role, ToolCall,
    Usage,
};
use voxgate_agent::tools::{Knowledge, ToolRegistry};
use voxgate_agent::transcript::{Speaker, TurnSource};
use voxgate_agent::{AgentDeps, AgentHandler, AgentProfile, MemoryTranscriptSink, VadFactory};
use voxgate_audio::vad::VoiceActivityDetector;
use voxgate_call::{
    CallHandler, CallInfo, CallLimits, ControlRequest, TransportKind, TransportLeg,
};
use voxgate_privacy::{Policy, Redactor};
use voxgate_speech::{SpeechToText, TextToSpeech, TranscribeOptions, Transcript};

// ---------- fakes ----------

/// Speech probability = mean |sample| / 0.5: a constant inbound value of 16384 scores 1.0,
/// 9830 scores 0.6 (above the endpointer's start threshold, below the barge-in threshold).
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

/// Returns scripted transcripts in order ("" once the script is used up).
#[derive(Default)]
struct ScriptedStt {
    texts: Mutex<VecDeque<String>>,
    calls: AtomicUsize,
}

impl SpeechToText for ScriptedStt {
    fn transcribe(
        &self,
        samples_16k: &[f32],
        _options: &TranscribeOptions,
    ) -> voxgate_speech::Result<Transcript> {
        assert!(!samples_16k.is_empty(), "empty utterance sent to STT");
        self.calls.fetch_add(1, Ordering::SeqCst);
        let text = self.texts.lock().unwrap().pop_front().unwrap_or_default();
        Ok(Transcript {
            text,
            segments: Vec::new(),
        })
    }
    fn name(&self) -> &'static str {
        "scripted"
    }
}

/// 100 ms of a constant tone level per word, at 16 kHz.
struct WordTts;

const TTS_LEVEL: f32 = 0.25;

impl TextToSpeech for WordTts {
    fn sample_rate(&self) -> u32 {
        16_000
    }
    fn synthesize(&self, text: &str) -> voxgate_speech::Result<Vec<f32>> {
        let words = text.split_whitespace().count().max(1);
        Ok(vec![TTS_LEVEL; words * 1600])
    }
    fn name(&self) -> &'static str {
        "words"
    }
}

#[derive(Clone)]
enum Script {
    Events(Vec<LlmEvent>),
    Fail,
    Hang,
}

/// Plays one script per generation and records the conversations it was given.
#[derive(Default)]
struct ScriptedLlm {
    scripts: Mutex<VecDeque<Script>>,
    seen: Mutex<Vec<(Vec<ChatMessage>, GenerateOptions)>>,
}

impl ScriptedLlm {
    fn new(scripts: Vec<Script>) -> Arc<Self> {
        Arc::new(Self {
            scripts: Mutex::new(scripts.into()),
            seen: Mutex::default(),
        })
    }
    fn conversations(&self) -> Vec<Vec<ChatMessage>> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .map(|(m, _)| m.clone())
            .collect()
    }
}

fn finish(reason: FinishReason) -> LlmEvent {
    LlmEvent::Finish {
        reason,
        usage: Usage::default(),
    }
}

/// A reply streamed word by word.
fn says(text: &str) -> Script {
    let mut ev: Vec<LlmEvent> = text
        .split_inclusive(' ')
        .map(|w| LlmEvent::TextDelta(w.to_string()))
        .collect();
    ev.push(finish(FinishReason::Stop));
    Script::Events(ev)
}

impl LanguageModel for ScriptedLlm {
    fn generate(&self, messages: &[ChatMessage], options: &GenerateOptions) -> LlmStream {
        self.seen
            .lock()
            .unwrap()
            .push((messages.to_vec(), options.clone()));
        let script = self
            .scripts
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or(Script::Events(vec![finish(FinishReason::Stop)]));
        match script {
            Script::Events(ev) => Box::pin(futures::stream::iter(ev.into_iter().map(Ok))),
            Script::Fail => Box::pin(futures::stream::iter([Err(
                voxgate_agent::Error::Transport("connection refused".into()),
            )])),
            Script::Hang => Box::pin(futures::stream::pending()),
        }
    }
    fn name(&self) -> &str {
        "scripted"
    }
}

// ---------- harness ----------

const RATE: u32 = 8_000;
const FRAME: usize = 160;
const LOUD: i16 = 16_384;
const SOFT: i16 = 9_830;

struct Call {
    leg: TransportLeg,
    task: tokio::task::JoinHandle<()>,
    sink: MemoryTranscriptSink,
    llm: Arc<ScriptedLlm>,
    stt: Arc<ScriptedStt>,
    /// Outbound frames received, one entry per tick (None: nothing was sent that tick).
    out: Vec<Option<Vec<i16>>>,
    controls: Vec<String>,
}

fn profile() -> AgentProfile {
    AgentProfile {
        greeting: String::new(),
        silence_timeout_ms: 60_000,
        ..AgentProfile::default()
    }
}

fn start(profile: AgentProfile, stt: &[&str], llm: Vec<Script>, tools: ToolRegistry) -> Call {
    start_with(profile, stt, llm, tools, None)
}

fn start_with(
    profile: AgentProfile,
    stt: &[&str],
    llm: Vec<Script>,
    tools: ToolRegistry,
    caller: Option<&str>,
) -> Call {
    let sink = MemoryTranscriptSink::new();
    let stt = Arc::new(ScriptedStt {
        texts: Mutex::new(stt.iter().map(|s| s.to_string()).collect()),
        calls: AtomicUsize::new(0),
    });
    let llm = ScriptedLlm::new(llm);
    let deps = AgentDeps {
        stt: stt.clone(),
        tts: Arc::new(WordTts),
        llm: llm.clone(),
        vad: Arc::new(LevelVadFactory),
        tools,
        knowledge: Knowledge::empty(),
        redactor: Arc::new(Redactor::new().unwrap()),
        policy: Arc::new(Policy::default()),
        sink: Arc::new(sink.clone()),
    };
    let handler = AgentHandler::new(deps, profile).unwrap();
    let mut info = CallInfo::new(TransportKind::Audiosocket, RATE);
    info.caller = caller.map(str::to_string);
    let (leg, session) = voxgate_call::session(info, CallLimits::default()).unwrap();
    let task = tokio::spawn(async move { handler.handle(session).await });
    Call {
        leg,
        task,
        sink,
        llm,
        stt,
        out: Vec::new(),
        controls: Vec::new(),
    }
}

impl Call {
    /// One 20 ms tick: push a frame of constant `level`, let the agent run, pull a frame.
    async fn tick(&mut self, level: i16) {
        self.leg.push_audio(vec![level; FRAME]);
        tokio::time::sleep(Duration::from_millis(20)).await;
        self.out.push(self.leg.next_frame());
        while let Some(Some(req)) = self.leg.recv_control().now_or_never() {
            match req {
                ControlRequest::Hangup => self.controls.push("hangup".into()),
                ControlRequest::Transfer(t) => {
                    self.controls.push(format!("transfer {}", t.target));
                    t.accept();
                }
                _ => self.controls.push("other".into()),
            }
        }
    }

    async fn ticks(&mut self, n: usize, level: i16) {
        for _ in 0..n {
            self.tick(level).await;
        }
    }

    /// The caller says something: `ms` of loud speech, then the silence that ends the turn.
    async fn say(&mut self, ms: usize) {
        self.ticks(ms / 20, LOUD).await;
        self.ticks(40, 0).await;
    }

    /// Ticks of silence until the agent has sent audio and gone quiet again (at most `max`).
    async fn until_quiet(&mut self, max: usize) {
        let mut spoke = false;
        for _ in 0..max {
            self.tick(0).await;
            let sending = self.out.last().is_some_and(Option::is_some);
            spoke |= sending;
            if spoke && !sending && self.leg.queued_samples() == 0 {
                return;
            }
        }
        panic!("agent did not finish speaking in {max} ticks");
    }

    fn frames_sent(&self) -> usize {
        self.out.iter().filter(|f| f.is_some()).count()
    }

    async fn hang_up(self) -> MemoryTranscriptSink {
        self.leg.finish(voxgate_call::EndReason::RemoteHangup);
        tokio::time::timeout(Duration::from_secs(5), self.task)
            .await
            .expect("agent task ends after hangup")
            .unwrap();
        self.sink
    }
}

fn agent_turns(sink: &MemoryTranscriptSink) -> Vec<voxgate_agent::Turn> {
    sink.turns()
        .into_iter()
        .map(|(_, t)| t)
        .filter(|t| t.speaker == Speaker::Agent)
        .collect()
}

const STORY: &str = "Once upon a time there was a small robot. It lived in a quiet town by the \
sea. Every morning it walked to the harbour to count the boats. One day a boat did not come back. \
The robot waited until the sun went down.";

// ---------- tests ----------

#[tokio::test(start_paused = true)]
async fn a_turn_flows_from_speech_to_reply_audio_with_timings() {
    let mut call = start(
        profile(),
        &["What are your opening hours?"],
        vec![says(
            "We are open from nine to five. Is there anything else?",
        )],
        ToolRegistry::default(),
    );
    call.say(500).await;
    call.until_quiet(400).await;
    // 11 words at 100 ms each = 1.1 s = 55 frames of 20 ms.
    assert!(
        (54..=57).contains(&call.frames_sent()),
        "{}",
        call.frames_sent()
    );
    let sent: Vec<i16> = call.out.iter().flatten().flatten().copied().collect();
    let level = (TTS_LEVEL * 32767.0) as i16;
    let mid = &sent[FRAME * 5..FRAME * 30];
    assert!(
        mid.iter().all(|&s| (s - level).abs() < 200),
        "reply audio is the TTS output"
    );
    let convo = &call.llm.conversations()[0];
    assert_eq!(convo[0].role, Role::System);
    assert_eq!(
        convo.last().unwrap().content,
        "What are your opening hours?"
    );
    let sink = call.hang_up().await;
    let t = sink.transcripts().pop().unwrap();
    assert_eq!(t.turns.len(), 2);
    assert_eq!(t.turns[0].speaker, Speaker::Caller);
    assert_eq!(
        t.turns[1].text,
        "We are open from nine to five. Is there anything else?"
    );
    assert!(!t.turns[1].interrupted);
    let timings = t.turns[1].timings.unwrap();
    let v2v = timings.first_frame_ms.unwrap();
    // The turn ends 600 ms of silence after the last voiced frame; fakes are instant.
    assert!((560.0..=700.0).contains(&v2v), "voice to voice {v2v} ms");
    assert!(timings.transcript_ms.unwrap() <= timings.first_token_ms.unwrap());
    assert!(timings.first_token_ms.unwrap() <= timings.first_audio_ms.unwrap());
    assert_eq!(t.end_reason, "remote_hangup");
}

#[tokio::test(start_paused = true)]
async fn barge_in_clears_the_queue_within_one_frame_and_keeps_only_heard_text() {
    let mut call = start(
        profile(),
        &["Tell me a story.", "Stop, what time is it?"],
        vec![says(STORY), says("It is noon.")],
        ToolRegistry::default(),
    );
    call.say(500).await;
    // Let the story play for a while (about 2 s of its 4.5 s).
    for _ in 0..100 {
        call.tick(0).await;
    }
    assert!(call.leg.queued_samples() > 0, "the story is still queued");
    let mut cleared_at = None;
    for i in 1..=20 {
        call.tick(LOUD).await;
        if call.leg.queued_samples() == 0 && cleared_at.is_none() {
            cleared_at = Some(i);
        }
    }
    // 300 ms of speech = 15 frames; the clear comes on that frame or the next, never before.
    let at = cleared_at.expect("queue cleared");
    assert!(
        (15..=16).contains(&at),
        "cleared after {at} frames of speech"
    );
    call.ticks(40, 0).await;
    call.until_quiet(200).await;
    let convos = call.llm.conversations();
    assert_eq!(convos.len(), 2);
    let heard = convos[1]
        .iter()
        .find(|m| m.role == Role::Assistant)
        .expect("the interrupted reply is in the history")
        .content
        .clone();
    assert!(heard.starts_with("Once upon a time"), "{heard}");
    // About 2.3 s were played at 100 ms a word.
    let words = heard.split_whitespace().count();
    assert!((18..=30).contains(&words), "only the heard part: {heard}");
    assert!(!heard.contains("sun went down"));
    assert_eq!(convos[1].last().unwrap().content, "Stop, what time is it?");
    let sink = call.hang_up().await;
    let turns = agent_turns(&sink);
    assert!(turns[0].interrupted);
    assert_eq!(turns[0].text, heard);
    assert_eq!(turns[1].text, "It is noon.");
    assert!(!turns[1].interrupted);
}

#[tokio::test(start_paused = true)]
async fn a_cough_and_the_agents_echo_do_not_interrupt() {
    let p = AgentProfile {
        greeting: STORY.into(),
        ..profile()
    };
    let mut call = start(
        p,
        &["should not be transcribed"],
        vec![],
        ToolRegistry::default(),
    );
    call.ticks(25, 0).await;
    // A cough: 200 ms of loud noise (under the 300 ms barge-in minimum).
    call.ticks(10, LOUD).await;
    call.ticks(20, 0).await;
    // Echo of the agent: 1.5 s at a level the endpointer calls speech but under the barge-in
    // threshold.
    call.ticks(75, SOFT).await;
    call.ticks(10, 0).await;
    assert!(call.leg.queued_samples() > 0, "agent still talking");
    call.until_quiet(400).await;
    // The whole greeting was played: 45 words = 4.5 s = 225 frames.
    assert!(
        (224..=226).contains(&call.frames_sent()),
        "{}",
        call.frames_sent()
    );
    assert_eq!(
        call.stt.calls.load(Ordering::SeqCst),
        0,
        "noise was not transcribed"
    );
    let sink = call.hang_up().await;
    let turns = agent_turns(&sink);
    assert_eq!(turns.len(), 1);
    assert!(!turns[0].interrupted);
    assert_eq!(turns[0].text, STORY);
}

#[tokio::test(start_paused = true)]
async fn silence_reprompts_then_says_goodbye_and_hangs_up() {
    let p = AgentProfile {
        greeting: "Hi there.".into(),
        reprompt: "Are you still there?".into(),
        goodbye: "Goodbye now.".into(),
        silence_timeout_ms: 2_000,
        max_reprompts: 1,
        ..profile()
    };
    let mut call = start(p, &[], vec![], ToolRegistry::default());
    for _ in 0..400 {
        call.tick(0).await;
        if !call.controls.is_empty() {
            break;
        }
    }
    assert_eq!(call.controls, ["hangup"]);
    let sink = call.hang_up().await;
    let turns = agent_turns(&sink);
    let sources: Vec<TurnSource> = turns.iter().map(|t| t.source).collect();
    assert_eq!(
        sources,
        [
            TurnSource::Greeting,
            TurnSource::Reprompt,
            TurnSource::Goodbye
        ]
    );
    // Greeting (0.2 s) + 2 s silence -> reprompt; its 0.4 s + 2 s -> goodbye.
    assert!(
        (2_100..=2_400).contains(&turns[1].offset_ms),
        "{}",
        turns[1].offset_ms
    );
    assert!(
        (4_400..=4_900).contains(&turns[2].offset_ms),
        "{}",
        turns[2].offset_ms
    );
}

#[tokio::test(start_paused = true)]
async fn caller_speech_resets_the_silence_timer() {
    let p = AgentProfile {
        silence_timeout_ms: 2_000,
        ..profile()
    };
    let mut call = start(
        p,
        &["Hmm."],
        vec![says("Take your time.")],
        ToolRegistry::default(),
    );
    call.ticks(90, 0).await; // 1.8 s
    call.say(400).await; // speech starts before the timeout; the reply follows
    call.until_quiet(200).await;
    let sink = call.hang_up().await;
    let turns = agent_turns(&sink);
    assert_eq!(turns.len(), 1);
    assert_eq!(turns[0].source, TurnSource::Reply);
}

#[tokio::test(start_paused = true)]
async fn max_call_duration_says_goodbye_and_ends_the_call() {
    let p = AgentProfile {
        max_call_duration_secs: 3,
        goodbye: "Our time is up. Goodbye.".into(),
        ..profile()
    };
    let mut call = start(p, &[], vec![], ToolRegistry::default());
    for _ in 0..300 {
        call.tick(0).await;
        if !call.controls.is_empty() {
            break;
        }
    }
    assert_eq!(call.controls, ["hangup"]);
    // The goodbye (5 words, 0.5 s) was played before the hangup request.
    assert!(call.frames_sent() >= 24, "{}", call.frames_sent());
    let sink = call.hang_up().await;
    let turns = agent_turns(&sink);
    assert_eq!(turns.len(), 1);
    assert_eq!(turns[0].source, TurnSource::Goodbye);
    assert!(
        (3_000..=3_040).contains(&turns[0].offset_ms),
        "{}",
        turns[0].offset_ms
    );
}

#[tokio::test(start_paused = true)]
async fn a_failed_model_speaks_the_fallback_line() {
    let p = AgentProfile {
        fallback: "Sorry, something went wrong.".into(),
        ..profile()
    };
    let mut call = start(p, &["Hello?"], vec![Script::Fail], ToolRegistry::default());
    call.say(400).await;
    call.until_quiet(200).await;
    let sink = call.hang_up().await;
    let turns = agent_turns(&sink);
    assert_eq!(turns.len(), 1);
    assert_eq!(turns[0].source, TurnSource::Fallback);
    assert_eq!(turns[0].text, "Sorry, something went wrong.");
}

#[tokio::test(start_paused = true)]
async fn a_model_that_never_answers_times_out_to_the_fallback() {
    let p = AgentProfile {
        fallback: "Sorry, something went wrong.".into(),
        llm_first_token_timeout_ms: 1_500,
        ..profile()
    };
    let mut call = start(p, &["Hello?"], vec![Script::Hang], ToolRegistry::default());
    call.say(400).await;
    call.until_quiet(300).await;
    let sink = call.hang_up().await;
    let turns = agent_turns(&sink);
    assert_eq!(turns[0].source, TurnSource::Fallback);
    // Silence (600 ms) + timeout (1.5 s) before the first fallback audio.
    let v2v = turns[0].timings.unwrap().first_frame_ms.unwrap();
    assert!((2_000.0..=2_200.0).contains(&v2v), "{v2v}");
}

#[tokio::test(start_paused = true)]
async fn dtmf_digits_become_caller_input() {
    let mut call = start(
        profile(),
        &[],
        vec![says("Thank you, I found your account.")],
        ToolRegistry::default(),
    );
    call.ticks(5, 0).await;
    for d in ['1', '2', '3', '#'] {
        call.leg.push_dtmf(d);
        call.tick(0).await;
    }
    call.until_quiet(200).await;
    let convo = &call.llm.conversations()[0];
    assert_eq!(
        convo.last().unwrap().content,
        "The caller pressed 1 2 3 on the keypad."
    );
    let sink = call.hang_up().await;
    let turns: Vec<_> = sink.turns().into_iter().map(|(_, t)| t).collect();
    assert_eq!(turns[0].source, TurnSource::Dtmf);
    assert_eq!(turns[1].text, "Thank you, I found your account.");
}

#[tokio::test(start_paused = true)]
async fn the_transcript_redacts_a_spoken_phone_number() {
    let said = "call me back at five one two five five five oh one four two";
    let mut call = start(
        profile(),
        &[said],
        vec![says("Thanks, I have noted it.")],
        ToolRegistry::default(),
    );
    call.say(600).await;
    call.until_quiet(200).await;
    // The model sees what was said; only the stored transcript is redacted.
    assert_eq!(call.llm.conversations()[0].last().unwrap().content, said);
    let sink = call.hang_up().await;
    let t = sink.transcripts().pop().unwrap();
    let caller = &t.turns[0];
    assert!(caller.text.contains("[PHONE_NUMBER]"), "{}", caller.text);
    assert!(!caller.text.contains("oh one four two"), "{}", caller.text);
    assert_eq!(caller.raw_text, None);
    let json = serde_json::to_string(&t).unwrap();
    assert!(!json.contains("four two"), "{json}");
}

#[tokio::test(start_paused = true)]
async fn a_tool_result_goes_back_to_the_model() {
    let call_event = LlmEvent::ToolCall(ToolCall {
        id: "call_1".into(),
        name: "lookup_customer".into(),
        arguments: r#"{"email": "maria.lopez@example.com"}"#.into(),
    });
    let mut call = start(
        AgentProfile {
            tools: vec!["lookup_customer".into()],
            ..profile()
        },
        &["What is my balance?"],
        vec![
            Script::Events(vec![call_event, finish(FinishReason::ToolCalls)]),
            says("I could not find your account right now."),
        ],
        ToolRegistry::default(),
    );
    call.say(500).await;
    call.until_quiet(300).await;
    let convos = call.llm.conversations();
    assert_eq!(
        convos.len(),
        2,
        "the model is called again with the tool result"
    );
    let second = &convos[1];
    let asked = second
        .iter()
        .find(|m| m.role == Role::Assistant && !m.tool_calls.is_empty())
        .expect("the tool call is in the history");
    assert_eq!(asked.tool_calls[0].id, "call_1");
    let result = second.last().unwrap();
    assert_eq!(result.role, Role::Tool);
    assert_eq!(result.tool_call_id.as_deref(), Some("call_1"));
    assert!(!result.content.is_empty());
    let sink = call.hang_up().await;
    let turns = agent_turns(&sink);
    assert_eq!(turns.len(), 1);
    let record = &turns[0].tool_calls[0];
    assert_eq!(record.name, "lookup_customer");
    assert!(
        record.arguments.contains("[EMAIL_ADDRESS]"),
        "{}",
        record.arguments
    );
    assert_eq!(turns[0].text, "I could not find your account right now.");
}
