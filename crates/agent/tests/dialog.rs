//! The conversation loop driven through a real `CallSession`/`TransportLeg` pair with scripted
//! fake STT, LLM, TTS and VAD, on tokio's paused clock: the test plays the transport, pushing
//! one 20 ms inbound frame and pulling at most one outbound frame per tick.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

mod support;

use std::sync::Arc;
use std::time::Duration;

use futures::FutureExt;
use support::{
    finish, says, LevelVadFactory, Script, ScriptedLlm, ScriptedStt, WordTts, TTS_LEVEL,
};
use voxgate_agent::llm::{FinishReason, LlmEvent, Role, ToolCall};
use voxgate_agent::tools::{Knowledge, ToolRegistry};
use voxgate_agent::transcript::{Speaker, TurnSource};
use voxgate_agent::{AgentDeps, AgentHandler, AgentProfile, MemoryTranscriptSink};
use voxgate_call::{
    CallHandler, CallInfo, CallLimits, ControlRequest, TransportKind, TransportLeg,
};
use voxgate_privacy::{Policy, Redactor};

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
        // The frame counts below are worked out for 600 ms of turn-ending silence.
        endpointer: voxgate_agent::EndpointerSettings {
            min_silence_ms: 600,
            ..Default::default()
        },
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
    start_full(profile, stt, llm, tools, caller, Knowledge::empty())
}

fn sample_knowledge() -> Knowledge {
    let samples = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples");
    Knowledge::load(&voxgate_agent::tools::KnowledgeConfig {
        customers: Some(samples.join("customers.csv")),
        faq: Some(samples.join("faq.json")),
        ..Default::default()
    })
    .unwrap()
}

fn start_full(
    profile: AgentProfile,
    stt: &[&str],
    llm: Vec<Script>,
    tools: ToolRegistry,
    caller: Option<&str>,
    knowledge: Knowledge,
) -> Call {
    let sink = MemoryTranscriptSink::new();
    let stt = Arc::new(ScriptedStt::new(stt));
    let llm = ScriptedLlm::new(llm);
    let deps = AgentDeps {
        stt: stt.clone(),
        tts: Arc::new(WordTts::default()),
        llm: llm.clone(),
        vad: Arc::new(LevelVadFactory),
        tools,
        knowledge,
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
    assert_eq!(call.stt.calls(), 0, "noise was not transcribed");
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

#[tokio::test(start_paused = true)]
async fn an_unknown_account_number_gets_the_not_found_line_without_the_model() {
    let p = profile();
    let not_found = p.not_found.clone();
    let mut call = start_full(
        p,
        &["What is the balance of account 4, 0, 0, 1, 1, 0, 0, 7?"],
        vec![says("Your balance is $12.50.")],
        ToolRegistry::default(),
        None,
        sample_knowledge(),
    );
    call.say(500).await;
    call.until_quiet(600).await;
    assert!(
        call.llm.conversations().is_empty(),
        "the model was not asked"
    );
    let sink = call.hang_up().await;
    let turns = agent_turns(&sink);
    assert_eq!(turns.len(), 1);
    assert_eq!(turns[0].source, TurnSource::Fallback);
    assert_eq!(turns[0].text, not_found);
}

#[tokio::test(start_paused = true)]
async fn a_spoken_account_number_puts_the_record_in_the_prompt() {
    let mut call = start_full(
        profile(),
        &["What is the balance of account 4, 0, 0, 1, 7, 3, 4, 2?"],
        vec![says("Your balance is $84.20, due on December 5.")],
        ToolRegistry::default(),
        None,
        sample_knowledge(),
    );
    call.say(500).await;
    call.until_quiet(600).await;
    let convo = &call.llm.conversations()[0];
    let facts = &convo[convo.len() - 2];
    assert_eq!(facts.role, Role::System);
    assert!(facts.content.contains("Maria Lopez"), "{}", facts.content);
    let sink = call.hang_up().await;
    let turns = agent_turns(&sink);
    assert_eq!(turns[0].source, TurnSource::Reply);
    assert_eq!(turns[0].text, "Your balance is $84.20, due on December 5.");
}

#[tokio::test(start_paused = true)]
async fn a_figure_that_is_in_no_fact_is_never_spoken() {
    let p = AgentProfile {
        fallback: "Sorry, let me check that again.".into(),
        ..profile()
    };
    let not_found = p.not_found.clone();
    // No record identified: an invented balance becomes the not-found line.
    let mut call = start_full(
        p.clone(),
        &["What is my balance?"],
        vec![says("Let me see. Your balance is $42.17. Anything else?")],
        ToolRegistry::default(),
        None,
        sample_knowledge(),
    );
    call.say(500).await;
    call.until_quiet(600).await;
    let sink = call.hang_up().await;
    let turns = agent_turns(&sink);
    assert_eq!(turns[0].text, format!("Let me see. {not_found}"));
    // The caller is known by caller ID (balance 84.20): a wrong figure gets the fallback line,
    // the right one is spoken.
    let mut call = start_full(
        p,
        &["What is my balance?", "And the other amount?"],
        vec![
            says("Your balance is $84.20."),
            says("It is 120.00 dollars."),
        ],
        ToolRegistry::default(),
        Some("+1 512 555 0142"),
        sample_knowledge(),
    );
    call.say(500).await;
    call.until_quiet(600).await;
    call.say(500).await;
    call.until_quiet(600).await;
    let sink = call.hang_up().await;
    let turns = agent_turns(&sink);
    assert_eq!(turns[0].text, "Your balance is $84.20.");
    assert_eq!(turns[1].source, TurnSource::Fallback);
    assert_eq!(turns[1].text, "Sorry, let me check that again.");
}

#[tokio::test(start_paused = true)]
async fn speech_to_text_starts_in_the_pause_and_is_used_when_the_turn_ends_there() {
    let mut call = start(
        profile(),
        &["What are your opening hours?"],
        vec![says("We are open from nine to five.")],
        ToolRegistry::default(),
    );
    call.say(500).await;
    call.until_quiet(400).await;
    assert_eq!(call.stt.calls(), 1, "one transcription");
    let sink = call.hang_up().await;
    let turns = agent_turns(&sink);
    let t = turns[0].timings.unwrap();
    // Started 200 ms into the 600 ms pause: done (instantly here) before the turn ended.
    assert!(t.endpoint_ms.unwrap() >= 560.0, "{t:?}");
    assert!(
        t.transcript_ms.unwrap() - t.endpoint_ms.unwrap() < 25.0,
        "{t:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn a_speculative_transcript_is_discarded_when_the_caller_goes_on() {
    let mut call = start(
        profile(),
        &[
            "My account number is",
            "My account number is four oh oh one.",
        ],
        vec![says("Thank you, I have noted your account number.")],
        ToolRegistry::default(),
    );
    // A 400 ms pause mid-sentence: longer than the speculative 200 ms, shorter than 600 ms.
    call.ticks(25, LOUD).await;
    call.ticks(20, 0).await;
    assert_eq!(call.stt.calls(), 1, "speculative run");
    call.say(600).await;
    call.until_quiet(400).await;
    assert_eq!(call.stt.calls(), 2);
    let convos = call.llm.conversations();
    assert_eq!(convos.len(), 1, "one reply, to the whole turn");
    let users: Vec<&str> = convos[0]
        .iter()
        .filter(|m| m.role == Role::User)
        .map(|m| m.content.as_str())
        .collect();
    assert_eq!(users, ["My account number is four oh oh one."]);
    let sink = call.hang_up().await;
    let callers: Vec<_> = sink
        .turns()
        .into_iter()
        .map(|(_, t)| t)
        .filter(|t| t.speaker == Speaker::Caller)
        .collect();
    assert_eq!(callers.len(), 1);
}

#[tokio::test(start_paused = true)]
async fn the_first_clause_is_spoken_before_the_sentence_is_complete() {
    // The model streams a long sentence and stalls after its first clause: the clause is
    // already playing.
    let events: Vec<LlmEvent> = "Sure, I can check that for you, one"
        .split_inclusive(' ')
        .map(|w| LlmEvent::TextDelta(w.to_string()))
        .collect();
    let mut call = start(
        profile(),
        &["Can you check my bill?"],
        vec![Script::Stall(events)],
        ToolRegistry::default(),
    );
    call.say(500).await;
    call.until_quiet(400).await;
    // 7 words at 100 ms each.
    assert!(
        (34..=36).contains(&call.frames_sent()),
        "{}",
        call.frames_sent()
    );
    let sink = call.hang_up().await;
    let turns = agent_turns(&sink);
    assert_eq!(turns[0].text, "Sure, I can check that for you,");
}

#[tokio::test(start_paused = true)]
async fn a_reply_that_starts_repeating_itself_or_the_question_is_cut_there() {
    // SmolLM2-135M, asked something it has no fact for, can loop on one sentence or echo the
    // caller's question back; the caller hears each sentence once and the loop is stopped.
    let mut call = start(
        profile(),
        &["What are your opening hours?"],
        vec![says(
            "I am the assistant of the utility. What are your opening hours? \
             I am the assistant of the utility. Call us again.",
        )],
        ToolRegistry::default(),
    );
    call.say(500).await;
    call.until_quiet(800).await;
    let sink = call.hang_up().await;
    let turns = agent_turns(&sink);
    assert_eq!(turns[0].text, "I am the assistant of the utility.");
    // A reply that does not repeat is spoken whole.
    let mut call = start(
        profile(),
        &["What are your opening hours?"],
        vec![says(
            "We are open from eight to six. On Saturday we are open from nine.",
        )],
        ToolRegistry::default(),
    );
    call.say(500).await;
    call.until_quiet(800).await;
    let sink = call.hang_up().await;
    let turns = agent_turns(&sink);
    assert_eq!(
        turns[0].text,
        "We are open from eight to six. On Saturday we are open from nine."
    );
}
