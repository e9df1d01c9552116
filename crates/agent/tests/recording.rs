//! Call audio recording under `record_audio` policies, driven like `consent.rs`: a real
//! `CallSession`/`TransportLeg` pair, scripted STT/LLM, a level VAD and a TTS that speaks a
//! constant level, on tokio's paused clock. The recording must hold the caller's frames on
//! the left, the agent's played audio on the right, nothing from before consent, nothing at
//! all after a refusal, and only what was played when the caller barges in.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

mod support;

use std::sync::Arc;
use std::time::Duration;

use support::{says, LevelVadFactory, ScriptedLlm, ScriptedStt, WordTts};
use voxgate_agent::dialog::consent::{ConsentRule, MemoryConsentSink, Recording, RecordingPolicy};
use voxgate_agent::dialog::recorder::{MemoryRecorder, MemoryRecording};
use voxgate_agent::tools::{Knowledge, ToolRegistry};
use voxgate_agent::{AgentDeps, AgentHandler, AgentProfile, MemoryTranscriptSink};
use voxgate_call::{CallHandler, CallInfo, CallLimits, TransportKind, TransportLeg};
use voxgate_privacy::{Policy, Redactor};

const RATE: u32 = 8_000;
const FRAME: usize = 160;
const LOUD: i16 = 16_384;
/// Caller "silence" before the consent answer: must never reach the recording.
const BEFORE: i16 = 777;
/// Caller "silence" after it.
const AFTER: i16 = 1_234;
/// Samples of agent audio per word at 8 kHz (the TTS speaks 100 ms per word).
const WORD: usize = 800;

struct Call {
    leg: TransportLeg,
    task: tokio::task::JoinHandle<()>,
    recorder: MemoryRecorder,
    /// Caller samples pushed since `mark`.
    pushed: usize,
}

fn start(stt: &[&str], replies: &[&str], policy: RecordingPolicy) -> Call {
    let recorder = MemoryRecorder::new();
    let deps = AgentDeps {
        stt: Arc::new(ScriptedStt::new(stt)),
        tts: Arc::new(WordTts::default()),
        llm: ScriptedLlm::new(replies.iter().map(|r| says(r)).collect()),
        vad: Arc::new(LevelVadFactory),
        tools: ToolRegistry::default(),
        knowledge: Knowledge::empty(),
        redactor: Arc::new(Redactor::new().unwrap()),
        policy: Arc::new(Policy::default()),
        sink: Arc::new(MemoryTranscriptSink::new()),
    };
    let profile = AgentProfile {
        greeting: "Hello.".into(),
        silence_timeout_ms: 5_000,
        recording_policy: "rec".into(),
        ..AgentProfile::default()
    };
    let handler = AgentHandler::new(deps, profile)
        .unwrap()
        .with_recording(Recording {
            name: "rec".into(),
            policy,
            sink: Arc::new(MemoryConsentSink::new()),
        })
        .unwrap()
        .with_audio_recorder(Arc::new(recorder.clone()));
    let info = CallInfo::new(TransportKind::Audiosocket, RATE);
    let (leg, session) = voxgate_call::session(info, CallLimits::default()).unwrap();
    let task = tokio::spawn(async move { handler.handle(session).await });
    Call {
        leg,
        task,
        recorder,
        pushed: 0,
    }
}

fn ask() -> RecordingPolicy {
    RecordingPolicy {
        record_audio: true,
        consent: ConsentRule::Required,
        ..RecordingPolicy::default()
    }
}

impl Call {
    /// One 20 ms tick: a caller frame in, an agent frame out (if any); whether one was sent.
    async fn tick(&mut self, level: i16) -> bool {
        self.leg.push_audio(vec![level; FRAME]);
        self.pushed += FRAME;
        tokio::time::sleep(Duration::from_millis(20)).await;
        self.leg.next_frame().is_some()
    }

    async fn ticks(&mut self, n: usize, level: i16) {
        for _ in 0..n {
            self.tick(level).await;
        }
    }

    /// `level` until the agent has spoken and all its audio has been sent.
    async fn until_quiet(&mut self, level: i16) {
        let mut spoke = false;
        for _ in 0..2_000 {
            let sending = self.tick(level).await;
            spoke |= sending;
            if spoke && !sending && self.leg.queued_samples() == 0 {
                return;
            }
        }
        panic!("agent did not finish speaking");
    }

    /// `level` until the agent starts speaking.
    async fn until_speaking(&mut self, level: i16) {
        for _ in 0..2_000 {
            if self.tick(level).await {
                return;
            }
        }
        panic!("agent did not speak");
    }

    async fn hang_up(self) -> Vec<MemoryRecording> {
        self.leg.finish(voxgate_call::EndReason::RemoteHangup);
        tokio::time::timeout(Duration::from_secs(5), self.task)
            .await
            .expect("agent ends after hangup")
            .unwrap();
        self.recorder.recordings()
    }
}

/// Samples at the TTS level (0.25 full scale), allowing for resampler ripple.
fn agent_samples(ch: &[i16]) -> usize {
    ch.iter().filter(|&&v| (v - 8_192).abs() < 600).count()
}

#[tokio::test(start_paused = true)]
async fn granted_consent_records_both_sides_from_the_answer_on() {
    let mut call = start(&["What are your hours?"], &["We open at nine."], ask());
    // Greeting and consent question; the caller's audio meanwhile is not to be kept.
    call.until_quiet(BEFORE).await;
    call.ticks(10, BEFORE).await;
    assert!(
        call.recorder.recordings().is_empty(),
        "recording before consent"
    );
    call.leg.push_dtmf('1');
    call.pushed = 0;
    // "Thank you. How can I help you?" (6 words).
    call.until_quiet(AFTER).await;
    // A question, and the 4-word answer.
    call.ticks(25, LOUD).await;
    call.until_quiet(AFTER).await;
    call.ticks(5, AFTER).await;
    let pushed = call.pushed;
    let recs = call.hang_up().await;

    assert_eq!(recs.len(), 1, "one recording");
    let rec = &recs[0];
    let start = rec.start.as_ref().unwrap();
    assert_eq!((start.sample_rate, start.channels), (RATE, 2));
    let end = rec.end.unwrap();
    assert!(!end.capped);
    let (caller, agent) = (rec.channel(0), rec.channel(1));
    assert_eq!(end.frames as usize, caller.len());
    assert_eq!(caller.len(), agent.len());

    // Left: exactly the caller's frames after the answer, in order, and none before it.
    assert!(!caller.contains(&BEFORE), "audio from before consent kept");
    let sent: Vec<i16> = caller.iter().copied().filter(|&v| v != 0).collect();
    assert_eq!(sent.len(), pushed, "every caller sample after consent");
    assert_eq!(caller.iter().filter(|&&v| v == LOUD).count(), 25 * FRAME);
    let first_loud = caller.iter().position(|&v| v == LOUD).unwrap();
    assert!(caller[..first_loud].iter().all(|&v| v == AFTER || v == 0));

    // Right: the two agent lines played after consent (10 words), not the long prompt.
    let spoken = agent_samples(&agent);
    assert!(
        (9 * WORD..=11 * WORD).contains(&spoken),
        "{spoken} agent samples, expected about {}",
        10 * WORD
    );
    // In time: the agent spoke while the caller was quiet, never over the question.
    for (i, &a) in agent.iter().enumerate() {
        if (a - 8_192).abs() < 600 {
            assert_ne!(caller[i], LOUD, "agent audio over the caller at frame {i}");
        }
    }
    // The answer came after the question ended.
    let last_loud = caller.iter().rposition(|&v| v == LOUD).unwrap();
    assert!(agent_samples(&agent[last_loud..]) >= 3 * WORD);
}

#[tokio::test(start_paused = true)]
async fn refused_consent_records_nothing() {
    let mut call = start(&["What are your hours?"], &["We open at nine."], ask());
    call.until_quiet(BEFORE).await;
    call.leg.push_dtmf('2');
    call.until_quiet(AFTER).await;
    call.ticks(25, LOUD).await;
    call.until_quiet(AFTER).await;
    let recs = call.hang_up().await;
    assert!(
        recs.is_empty(),
        "{} recording(s) after a refusal",
        recs.len()
    );
}

#[tokio::test(start_paused = true)]
async fn barge_in_keeps_only_what_was_played() {
    let long = "one two three four five six seven eight nine ten eleven twelve thirteen \
                fourteen fifteen sixteen seventeen eighteen nineteen twenty.";
    let policy = RecordingPolicy {
        record_audio: true,
        consent: ConsentRule::None,
        ..RecordingPolicy::default()
    };
    let mut call = start(&["Tell me everything."], &[long], policy);
    // No consent asked: the greeting is recorded too.
    call.until_quiet(AFTER).await;
    call.ticks(25, LOUD).await;
    call.until_speaking(AFTER).await;
    call.ticks(25, AFTER).await; // half a second of the reply
    call.ticks(30, LOUD).await; // the caller talks over it
    call.ticks(100, AFTER).await;
    let recs = call.hang_up().await;
    assert_eq!(recs.len(), 1);
    let agent = recs[0].channel(1);
    let caller = recs[0].channel(0);
    let spoken = agent_samples(&agent);
    // Greeting (1 word) + about 0.5 s of reply + the barge-in reaction time (300 ms), far
    // from the 20 words queued.
    assert!(spoken > WORD + 4 * FRAME, "{spoken}");
    assert!(
        spoken < WORD + 10 * WORD,
        "{spoken}: unplayed audio recorded"
    );
    // Nothing of the reply after the caller's barge-in plus its detection time.
    let barge = caller.iter().rposition(|&v| v == LOUD).unwrap() - 30 * FRAME + 1;
    let late = agent_samples(&agent[barge + 20 * FRAME..]);
    assert_eq!(late, 0, "agent audio recorded after the barge-in");
}

#[tokio::test(start_paused = true)]
async fn the_cap_ends_the_recording_not_the_call() {
    let policy = RecordingPolicy {
        record_audio: true,
        max_recording_secs: 1,
        ..RecordingPolicy::default()
    };
    let mut call = start(&[], &[], policy);
    call.ticks(150, AFTER).await; // 3 s
    let recs = call.hang_up().await;
    assert_eq!(recs.len(), 1);
    let end = recs[0].end.unwrap();
    assert!(end.capped);
    assert_eq!(end.frames, u64::from(RATE));
    assert_eq!(recs[0].channel(0).len(), RATE as usize);
}
