//! Pipeline overhead of one conversation turn with instant fake providers.
//!
//! A real `CallSession`/`TransportLeg` pair at 8 kHz and the real `AgentHandler` loop, with a
//! VAD, speech-to-text, LLM and TTS that answer at once. Each turn: 400 ms of caller "speech",
//! then silence frames one by one; the clock starts when the silence frame that ends the turn is
//! pushed and stops when the reply's first audio is queued for the transport. That time is what
//! the loop itself adds to a turn (resampling, VAD bookkeeping, endpointing, two blocking-pool
//! round trips, sentence splitting, prompt building, transcript redaction, metrics). The fakes
//! are the dialog tests' (`tests/support`).
//!
//! `cargo bench -p voxgate-agent --bench dialog` (target: p95 under 5 ms).

#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "../tests/support/mod.rs"]
mod support;

use std::sync::Arc;
use std::time::{Duration, Instant};

use support::{says, LevelVadFactory, ScriptedLlm, ScriptedStt, WordTts};
use voxgate_agent::tools::{Knowledge, ToolRegistry};
use voxgate_agent::transcript::NullTranscriptSink;
use voxgate_agent::{AgentDeps, AgentHandler, AgentProfile};
use voxgate_call::{CallHandler, CallInfo, CallLimits, TransportKind};
use voxgate_privacy::{Policy, Redactor};

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(run());
}

async fn run() {
    let deps = AgentDeps {
        stt: Arc::new(ScriptedStt::always(
            "What is the balance on my account, please?",
        )),
        // 20 ms per word at Piper's rate, so the reply drains quickly between turns.
        tts: Arc::new(WordTts {
            rate: 22_050,
            ms_per_word: 20,
            level: 0.1,
        }),
        llm: ScriptedLlm::always(says("Your balance is eighty four euros. Anything else? ")),
        vad: Arc::new(LevelVadFactory),
        tools: ToolRegistry::default(),
        knowledge: Knowledge::empty(),
        redactor: Arc::new(Redactor::new().unwrap()),
        policy: Arc::new(Policy::default()),
        sink: Arc::new(NullTranscriptSink),
    };
    let mut profile = AgentProfile {
        greeting: String::new(),
        silence_timeout_ms: 600_000,
        ..AgentProfile::default()
    };
    profile.barge_in.echo_tail_ms = 0;
    let handler = AgentHandler::new(deps, profile).unwrap();
    let (mut leg, session) = voxgate_call::session(
        CallInfo::new(TransportKind::Audiosocket, 8_000),
        CallLimits {
            max_duration_secs: None,
            idle_timeout_ms: None,
            inbound_queue_frames: 1000,
            ..CallLimits::default()
        },
    )
    .unwrap();
    let task = tokio::spawn(async move { handler.handle(session).await });

    let turns = 200;
    let mut overheads = Vec::with_capacity(turns);
    for _ in 0..turns {
        for _ in 0..20 {
            leg.push_audio(vec![16_384; 160]);
        }
        let mut measured = None;
        for _ in 0..60 {
            // Let the loop catch up so the clock covers one frame's work only.
            tokio::time::sleep(Duration::from_millis(2)).await;
            let t0 = Instant::now();
            leg.push_audio(vec![0; 160]);
            while t0.elapsed() < Duration::from_millis(20) {
                if leg.queued_samples() > 0 {
                    measured = Some(t0.elapsed());
                    break;
                }
                tokio::task::yield_now().await;
            }
            if measured.is_some() {
                break;
            }
        }
        let Some(d) = measured else {
            panic!("no reply audio after a turn");
        };
        overheads.push(d);
        // Play the reply out (unpaced) and wait for the agent to see the queue drained.
        while leg.next_frame().is_some() {}
        tokio::time::sleep(Duration::from_millis(30)).await;
        while leg.next_frame().is_some() {}
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    leg.finish(voxgate_call::EndReason::RemoteHangup);
    let _ = task.await;

    overheads.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let pct = |p: f64| ms(overheads[((overheads.len() - 1) as f64 * p).round() as usize]);
    let mean = overheads.iter().map(|d| ms(*d)).sum::<f64>() / overheads.len() as f64;
    println!(
        "dialog turn overhead (instant fakes, 8 kHz call, {} turns): mean {:.3} ms, p50 {:.3} ms, p95 {:.3} ms, max {:.3} ms",
        overheads.len(),
        mean,
        pct(0.5),
        pct(0.95),
        ms(overheads[overheads.len() - 1]),
    );
}
