//! The loop that runs one call.

use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use tokio::task::JoinHandle;
use tokio::time::Instant;
use voxgate_audio::pcm::f32_to_i16_slice;
use voxgate_call::{CallEvent, CallSession, EndReason, TransferTarget};
use voxgate_speech::tts::SentenceSplitter;
use voxgate_speech::{TranscribeOptions, Transcript};

use super::consent::{CallFacts, ConsentGate, ConsentStep};
use super::listener::{Listener, Utterance};
use super::recorder::{CallRecorder, RecordingStart};
use super::Inner;
use crate::llm::{ChatMessage, GenerateOptions, LlmEvent, LlmStream, ToolCall};
use crate::tools::{money_amounts, number_values_cents, ToolContext, ToolOutcome};
use crate::transcript::{Speaker, ToolRecord, TranscriptBuilder, Turn, TurnSource, TurnTimings};

type ToolJob = Pin<Box<dyn Future<Output = (ToolCall, crate::Result<ToolOutcome>)> + Send>>;
/// Audio at the call rate, or why there is none, and how long synthesis ran.
type Synthesized = (Vec<i16>, Result<(), String>, Duration);
type SynthJob = JoinHandle<Synthesized>;
type SttJob = JoinHandle<(voxgate_speech::Result<Transcript>, Duration)>;

/// What to do once the agent's words have been played.
#[derive(Debug, Clone, PartialEq, Eq)]
enum After {
    Listen,
    HangUp,
    Transfer(String),
}

/// A sentence queued to the transport: where it sits in the outbound timeline.
#[derive(Debug)]
struct Spoken {
    text: String,
    round: u32,
    /// First sample, counted like `Played::sent_samples`.
    start: u64,
    len: u64,
}

/// The agent's turn in progress: a model reply or a fixed line.
#[derive(Debug)]
struct Reply {
    interruptible: bool,
    turn: Turn,
    /// End of the caller's speech this reply answers (timings are measured from it).
    speech_end: Option<Instant>,
    timings: TurnTimings,
    splitter: SentenceSplitter,
    round: u32,
    /// Everything the model said, over all rounds (to know whether to fall back).
    said_anything: bool,
    round_text: String,
    round_calls: Vec<ToolCall>,
    tool_queue: VecDeque<ToolCall>,
    pending: VecDeque<(String, u32)>,
    synth_text: Option<(String, u32)>,
    spoken: Vec<Spoken>,
    after: After,
    /// Money amounts (in cents) the reply may state: those in the facts, the prompt and the
    /// caller's words. Any other figure stops the model (see `CallLoop::queue_model_text`).
    allowed_cents: std::collections::HashSet<u64>,
    /// A customer record is among the facts of the call.
    identified: bool,
    /// The model stated an unsupported figure: its stream was dropped for a fixed line.
    guarded: bool,
    /// Sentences of this reply so far and the caller's words, normalized: a small model that
    /// starts to repeat itself (or echo the question) has nothing more to say.
    heard_sentences: std::collections::HashSet<String>,
}

impl Reply {
    fn ms_since_speech(&self, at: Instant) -> Option<f64> {
        self.speech_end
            .map(|e| at.saturating_duration_since(e).as_secs_f64() * 1000.0)
    }
}

struct CallLoop {
    inner: Arc<Inner>,
    session: CallSession,
    listener: Listener,
    transcript: TranscriptBuilder,
    history: Vec<ChatMessage>,
    /// Knowledge facts already placed in `history`.
    facts_given: std::collections::HashSet<String>,
    /// A customer record has been placed in `history`.
    identified: bool,
    call_id: String,
    ctx: ToolContext,
    rate: u32,
    reply: Option<Reply>,
    llm: Option<LlmStream>,
    first_token_deadline: Option<Instant>,
    synth: Option<SynthJob>,
    tool_job: Option<ToolJob>,
    stt: Option<(SttJob, Utterance)>,
    /// Speech-to-text started on a pause before the turn ended (see
    /// `EndpointerSettings::speculative_silence_ms`); becomes `stt` when the turn ends there.
    spec: Option<(SttJob, Utterance)>,
    pending_utterances: VecDeque<Utterance>,
    /// Outbound timeline position after the last queued sample.
    queued_end: u64,
    drain_check: Option<Instant>,
    echo_until: Instant,
    silence_deadline: Option<Instant>,
    reprompts: u32,
    dtmf: String,
    dtmf_deadline: Option<Instant>,
    end_deadline: Instant,
    /// The agent is saying goodbye or has hung up: no more turns.
    ending: bool,
    pending_transfer: Option<String>,
    /// The recording policy's consent question and what it allows to be kept.
    consent: ConsentGate,
    /// The call's audio recording, when the policy records audio.
    recorder: Option<CallRecorder>,
}

/// Runs one call to its end.
pub(crate) async fn run(inner: Arc<Inner>, session: CallSession) {
    let call_id = session.id().to_string();
    let rate = session.info().sample_rate;
    let listener = inner
        .deps
        .vad
        .build()
        .map_err(|e| crate::Error::Audio(e.to_string()))
        .and_then(|vad| Listener::new(rate, vad, &inner.profile));
    let listener = match listener {
        Ok(l) => l,
        Err(e) => {
            tracing::error!(call_id = %call_id, error = %e, "agent cannot listen: hanging up");
            let _ = session.hangup();
            return;
        }
    };
    let profile = &inner.profile;
    let consent = ConsentGate::new(
        inner.recording.clone(),
        profile.store_raw_text,
        CallFacts {
            call_id: call_id.clone(),
            profile: profile.name.clone(),
            transport: session.info().transport.to_string(),
            caller: session.info().caller.clone(),
        },
    );
    let recorder = match (consent.recording(), &inner.audio_recorder) {
        (Some(r), Some(rec)) if r.policy.record_audio => Some(CallRecorder::new(
            std::sync::Arc::clone(rec),
            RecordingStart {
                call_id: call_id.clone(),
                profile: profile.name.clone(),
                transport: session.info().transport.to_string(),
                caller: session.info().caller.clone(),
                sample_rate: rate,
                channels: 2,
                started_at_ms: 0,
                policy: r.name.clone(),
            },
            r.policy.max_recording_secs,
        )),
        (Some(r), None) if r.policy.record_audio => {
            tracing::warn!(call_id = %call_id, policy = %r.name, "the policy records audio but no recorder is set: not recording");
            None
        }
        _ => None,
    };
    let transcript = TranscriptBuilder::new(
        Arc::clone(&inner.deps.redactor),
        Arc::clone(&inner.deps.policy),
        consent.wants_raw(),
    );
    let ctx = ToolContext {
        call_id: call_id.clone(),
        caller_id: session.info().caller.clone(),
        profile: profile.name.clone(),
    };
    let now = Instant::now();
    let end_deadline = now + profile.max_call_duration();
    let mut call = CallLoop {
        inner: Arc::clone(&inner),
        session,
        listener,
        transcript,
        history: Vec::new(),
        facts_given: std::collections::HashSet::new(),
        identified: false,
        call_id,
        ctx,
        rate,
        reply: None,
        llm: None,
        first_token_deadline: None,
        synth: None,
        tool_job: None,
        stt: None,
        spec: None,
        pending_utterances: VecDeque::new(),
        queued_end: 0,
        drain_check: None,
        echo_until: now,
        silence_deadline: None,
        reprompts: 0,
        dtmf: String::new(),
        dtmf_deadline: None,
        end_deadline,
        ending: false,
        pending_transfer: None,
        consent,
        recorder,
    };
    tracing::info!(call_id = %call.call_id, profile = %inner.profile.name, "agent answers");
    let reason = call.run().await;
    call.finish(&reason);
}

async fn sleep_opt(at: Option<Instant>) {
    match at {
        Some(at) => tokio::time::sleep_until(at).await,
        None => std::future::pending().await,
    }
}

async fn next_llm(llm: &mut Option<LlmStream>) -> Option<crate::Result<LlmEvent>> {
    match llm {
        Some(s) => s.next().await,
        None => std::future::pending().await,
    }
}

async fn join_opt<T>(job: &mut Option<JoinHandle<T>>) -> Result<T, tokio::task::JoinError> {
    match job {
        Some(h) => h.await,
        None => std::future::pending().await,
    }
}

async fn join_stt(
    job: &mut Option<(SttJob, Utterance)>,
) -> Result<(voxgate_speech::Result<Transcript>, Duration), tokio::task::JoinError> {
    match job {
        Some((h, _)) => h.await,
        None => std::future::pending().await,
    }
}

async fn tool_opt(job: &mut Option<ToolJob>) -> (ToolCall, crate::Result<ToolOutcome>) {
    match job {
        Some(f) => f.await,
        None => std::future::pending().await,
    }
}

impl CallLoop {
    async fn run(&mut self) -> EndReason {
        let greeting = self.consent.opening(&self.inner.profile.greeting);
        if greeting.trim().is_empty() {
            self.arm_silence();
        } else {
            let interruptible = self.inner.profile.barge_in.during_greeting;
            self.say(
                TurnSource::Greeting,
                &greeting,
                interruptible,
                After::Listen,
            );
        }
        loop {
            if let Some(target) = self.pending_transfer.take() {
                self.transfer(target).await;
            }
            tokio::select! {
                biased;
                ev = self.session.recv() => match ev {
                    Some(CallEvent::Audio(frame)) => self.on_audio(&frame.samples),
                    Some(CallEvent::Dtmf(d)) => self.on_dtmf(d),
                    Some(CallEvent::Hangup(reason)) => return reason,
                    None => return EndReason::ConnectionClosed,
                    Some(_) => {}
                },
                res = join_stt(&mut self.stt) => {
                    let utterance = self.stt.take().map(|(_, u)| u);
                    self.on_transcript(res, utterance);
                }
                ev = next_llm(&mut self.llm) => self.on_llm(ev),
                () = sleep_opt(self.first_token_deadline) => self.on_llm_timeout(),
                res = join_opt(&mut self.synth) => {
                    self.synth = None;
                    self.on_synthesized(res);
                }
                (call, res) = tool_opt(&mut self.tool_job) => {
                    self.tool_job = None;
                    self.on_tool(call, res);
                }
                () = sleep_opt(self.drain_check) => self.on_drain_check(),
                () = sleep_opt(self.silence_deadline) => self.on_silence(),
                () = sleep_opt(Some(self.end_deadline)), if !self.ending => {
                    tracing::info!(call_id = %self.call_id, "maximum call duration: goodbye");
                    self.goodbye();
                }
                () = sleep_opt(self.dtmf_deadline) => self.flush_dtmf(),
            }
        }
    }

    // ---- caller side ----

    fn agent_speaking(&self) -> bool {
        self.reply.is_some() || !self.session.queued().is_zero() || Instant::now() < self.echo_until
    }

    fn on_audio(&mut self, samples: &[i16]) {
        if let Some(r) = self.recorder.as_mut() {
            r.caller(samples, &self.session, self.consent.records_audio());
        }
        let speaking = self.agent_speaking();
        let interruptible = self.reply.as_ref().is_none_or(|r| r.interruptible);
        let heard = match self.listener.push(samples, speaking, interruptible) {
            Ok(h) => h,
            Err(e) => {
                tracing::warn!(call_id = %self.call_id, error = %e, "VAD failed on a frame");
                return;
            }
        };
        if heard.barge_in && speaking && !self.ending {
            self.barge_in();
        }
        if heard.speech_started || self.listener.caller_talking() {
            self.silence_deadline = None;
        }
        if heard.resumed && self.spec.take().is_some() {
            // The caller went on after a pause: that transcript is of half a turn.
            metrics::counter!("voxgate_agent_speculations_total", "outcome" => "discarded")
                .increment(1);
        }
        if let Some(mut u) = heard.tentative {
            if !self.ending && self.spec.is_none() {
                let audio = std::mem::take(&mut u.audio);
                self.spec = Some((self.spawn_stt(audio), u));
            }
        }
        for u in heard.utterances {
            if self.ending {
                continue;
            }
            if let Some((job, spec)) = self.spec.take() {
                // The turn ended at the pause the speculative transcript started on.
                if spec.started == u.started
                    && self.stt.is_none()
                    && self.pending_utterances.is_empty()
                {
                    metrics::counter!("voxgate_agent_speculations_total", "outcome" => "used")
                        .increment(1);
                    self.stt = Some((job, u));
                    continue;
                }
            }
            self.pending_utterances.push_back(u);
        }
        self.start_stt();
    }

    fn spawn_stt(&self, audio: Vec<f32>) -> SttJob {
        let stt = Arc::clone(&self.inner.deps.stt);
        tokio::task::spawn_blocking(move || {
            let started = std::time::Instant::now();
            let t = stt.transcribe(
                &audio,
                &TranscribeOptions {
                    timestamps: false,
                    ..TranscribeOptions::default()
                },
            );
            (t, started.elapsed())
        })
    }

    fn start_stt(&mut self) {
        if self.stt.is_some() {
            return;
        }
        let Some(mut u) = self.pending_utterances.pop_front() else {
            return;
        };
        let audio = std::mem::take(&mut u.audio);
        self.stt = Some((self.spawn_stt(audio), u));
    }

    fn on_transcript(
        &mut self,
        res: Result<(voxgate_speech::Result<Transcript>, Duration), tokio::task::JoinError>,
        utterance: Option<Utterance>,
    ) {
        let at = Instant::now();
        let stt_run_ms = res.as_ref().ok().map(|(_, d)| d.as_secs_f64() * 1000.0);
        let text = match res.map(|(t, _)| t) {
            Ok(Ok(t)) => t.text.trim().to_string(),
            Ok(Err(e)) => {
                tracing::warn!(call_id = %self.call_id, error = %e, "speech-to-text failed");
                String::new()
            }
            Err(e) => {
                tracing::warn!(call_id = %self.call_id, error = %e, "speech-to-text task failed");
                String::new()
            }
        };
        let meaningful = text.chars().any(char::is_alphanumeric) && !is_noise_marker(&text);
        if self.ending || !meaningful {
            self.start_stt();
            if self.reply.is_none() && self.stt.is_none() {
                self.arm_silence();
            }
            return;
        }
        let speech_end = utterance.as_ref().map_or(at, |u| u.speech_end);
        let started = utterance.as_ref().map_or(at, |u| u.started);
        let turn = self
            .transcript
            .turn(Speaker::Caller, TurnSource::Speech, &text, started);
        self.push_turn(turn);
        if self.consent.pending() {
            let step = self.consent.on_speech(&text);
            self.start_stt();
            self.consent_step(step);
            return;
        }
        self.history.push(ChatMessage::user(text.clone()));
        self.reprompts = 0;
        self.start_stt();
        if self.reply.is_some() {
            // The agent started something (a DTMF answer, a reprompt) while this was being
            // transcribed: the caller's words win.
            self.interrupt();
        }
        let since_end = |t: Instant| t.saturating_duration_since(speech_end).as_secs_f64() * 1000.0;
        let timings = TurnTimings {
            transcript_ms: Some(since_end(at)),
            endpoint_ms: utterance.as_ref().map(|u| since_end(u.endpointed)),
            stt_run_ms,
            ..TurnTimings::default()
        };
        self.start_model_reply(&text, Some(speech_end), timings);
    }

    fn on_dtmf(&mut self, digit: char) {
        if self.ending {
            return;
        }
        match self.consent.on_dtmf(digit) {
            ConsentStep::Pass => {}
            step => return self.consent_step(step),
        }
        self.silence_deadline = None;
        if digit == '#' {
            self.flush_dtmf();
            return;
        }
        self.dtmf.push(digit);
        self.dtmf_deadline = Some(Instant::now() + self.inner.profile.dtmf_timeout());
    }

    fn flush_dtmf(&mut self) {
        self.dtmf_deadline = None;
        if self.dtmf.is_empty() || self.ending {
            self.dtmf.clear();
            return;
        }
        let digits: Vec<String> = self.dtmf.chars().map(String::from).collect();
        self.dtmf.clear();
        let text = format!("The caller pressed {} on the keypad.", digits.join(" "));
        let now = Instant::now();
        let turn = self
            .transcript
            .turn(Speaker::Caller, TurnSource::Dtmf, &text, now);
        self.push_turn(turn);
        self.history.push(ChatMessage::user(text.clone()));
        self.reprompts = 0;
        if self.reply.is_some() {
            self.interrupt();
        }
        let timings = TurnTimings {
            transcript_ms: Some(0.0),
            ..TurnTimings::default()
        };
        self.start_model_reply(&text, Some(now), timings);
    }

    fn on_silence(&mut self) {
        self.silence_deadline = None;
        if self.ending
            || self.reply.is_some()
            || self.stt.is_some()
            || self.listener.caller_talking()
        {
            return;
        }
        if self.listener.hearing() {
            // Speech has begun but is not yet long enough to count as a turn: wait for it.
            self.silence_deadline = Some(Instant::now() + Duration::from_millis(100));
            return;
        }
        if self.consent.pending() {
            let step = self.consent.on_silence();
            return self.consent_step(step);
        }
        self.reprompts += 1;
        if self.reprompts > self.inner.profile.max_reprompts {
            tracing::info!(call_id = %self.call_id, "caller silent: goodbye");
            self.goodbye();
            return;
        }
        let text = self.inner.profile.reprompt.clone();
        if text.trim().is_empty() {
            self.arm_silence();
        } else {
            self.say(TurnSource::Reprompt, &text, true, After::Listen);
        }
    }

    /// Acts on a consent answer: the caller's answer cuts the prompt short.
    fn consent_step(&mut self, step: ConsentStep) {
        let (source, line) = match step {
            ConsentStep::Say(line) => (TurnSource::Greeting, line),
            ConsentStep::Reprompt(line) => (TurnSource::Reprompt, line),
            ConsentStep::Pass | ConsentStep::Ignore => {
                if self.reply.is_none() && self.stt.is_none() {
                    self.arm_silence();
                }
                return;
            }
        };
        if self.reply.is_some() {
            self.interrupt();
        }
        self.say(source, &line, true, After::Listen);
    }

    fn arm_silence(&mut self) {
        if !self.ending {
            self.silence_deadline = Some(Instant::now() + self.inner.profile.silence_timeout());
        }
    }

    // ---- agent side ----

    fn new_reply(&self, source: TurnSource, interruptible: bool) -> Reply {
        Reply {
            interruptible,
            turn: self
                .transcript
                .turn(Speaker::Agent, source, "", Instant::now()),
            speech_end: None,
            timings: TurnTimings::default(),
            splitter: SentenceSplitter::new(),
            round: 0,
            said_anything: false,
            round_text: String::new(),
            round_calls: Vec::new(),
            tool_queue: VecDeque::new(),
            pending: VecDeque::new(),
            synth_text: None,
            spoken: Vec::new(),
            after: After::Listen,
            allowed_cents: std::collections::HashSet::new(),
            identified: false,
            guarded: false,
            heard_sentences: std::collections::HashSet::new(),
        }
    }

    /// Speaks a fixed line as its own agent turn.
    fn say(&mut self, source: TurnSource, text: &str, interruptible: bool, after: After) {
        self.silence_deadline = None;
        let mut reply = self.new_reply(source, interruptible);
        reply.after = after;
        queue_text(&mut reply, text);
        self.reply = Some(reply);
        self.start_synth();
        self.maybe_finish();
    }

    fn goodbye(&mut self) {
        if self.reply.is_some() {
            self.interrupt();
        }
        self.ending = true;
        self.silence_deadline = None;
        let text = self.inner.profile.goodbye.clone();
        if text.trim().is_empty() {
            self.hang_up();
        } else {
            self.say(TurnSource::Goodbye, &text, false, After::HangUp);
        }
    }

    fn hang_up(&mut self) {
        self.ending = true;
        if let Err(e) = self.session.hangup() {
            tracing::debug!(call_id = %self.call_id, error = %e, "hangup after the call ended");
        }
    }

    fn start_model_reply(
        &mut self,
        utterance: &str,
        speech_end: Option<Instant>,
        timings: TurnTimings,
    ) {
        self.silence_deadline = None;
        let mut reply = self.new_reply(TurnSource::Reply, true);
        reply.speech_end = speech_end;
        reply.timings = timings;
        reply
            .heard_sentences
            .extend(split_sentences(utterance).map(sentence_key));
        self.reply = Some(reply);
        self.start_llm(utterance);
    }

    fn start_llm(&mut self, utterance: &str) {
        let deps = &self.inner.deps;
        let profile = &self.inner.profile;
        let lookup = deps
            .knowledge
            .lookup(self.ctx.caller_id.as_deref(), utterance);
        self.identified |= lookup.identified;
        let facts = lookup.facts;
        // Facts enter the history once, as a system message just before the caller's message
        // that brought them up, rather than into the system prompt: the prompt then only ever
        // grows at its end, so the embedded model's prefix cache reuses every earlier token.
        let new_facts: Vec<String> = facts
            .into_iter()
            .filter(|f| self.facts_given.insert(f.clone()))
            .collect();
        if !new_facts.is_empty() {
            let mut text = String::from("Facts for this call:");
            for f in &new_facts {
                text.push_str("\n- ");
                text.push_str(f);
            }
            let at = self.history.len().saturating_sub(1);
            self.history.insert(at, ChatMessage::system(text));
        }
        if let Some(reply) = self.reply.as_mut() {
            reply.identified = self.identified;
            reply.allowed_cents = number_values_cents(&profile.system_prompt)
                .into_iter()
                .chain(self.facts_given.iter().flat_map(|f| number_values_cents(f)))
                .chain(
                    self.history
                        .iter()
                        .filter(|m| m.role == crate::llm::Role::User)
                        .flat_map(|m| number_values_cents(&m.content)),
                )
                // "$84" for 84.20 is rounding, not an invented figure.
                .flat_map(|c| [c, c / 100 * 100, (c + 50) / 100 * 100])
                .collect();
            if lookup.account_not_found && !self.identified {
                // No record for the number the caller gave: say so and ask again, rather than
                // let the model answer without the record (a small model invents a balance).
                metrics::counter!("voxgate_agent_account_not_found_total").increment(1);
                reply.turn.source = TurnSource::Fallback;
                reply.said_anything = true;
                let line = profile.not_found.clone();
                queue_text(reply, &line);
                self.start_synth();
                self.maybe_finish();
                return;
            }
        }
        let mut messages = Vec::with_capacity(self.history.len() + 1);
        messages.push(ChatMessage::system(profile.system_prompt.clone()));
        messages.extend(self.history.iter().cloned());
        let options = GenerateOptions {
            max_tokens: profile.max_reply_tokens,
            temperature: profile.temperature,
            tools: deps.tools.specs(&profile.tools),
            ..GenerateOptions::default()
        };
        self.llm = Some(deps.llm.generate(&messages, &options));
        self.first_token_deadline = Some(Instant::now() + profile.first_token_timeout());
    }

    fn on_llm(&mut self, ev: Option<crate::Result<LlmEvent>>) {
        let Some(reply) = self.reply.as_mut() else {
            self.llm = None;
            return;
        };
        match ev {
            Some(Ok(LlmEvent::TextDelta(text))) => {
                self.first_token_deadline = None;
                if reply.timings.first_token_ms.is_none() {
                    reply.timings.first_token_ms = reply.ms_since_speech(Instant::now());
                }
                reply.round_text.push_str(&text);
                let mut sentences = reply.splitter.push(&text);
                if sentences.is_empty() && !reply.said_anything {
                    // Speak the first clause as soon as it is complete rather than wait for
                    // the whole first sentence: the caller hears the reply sooner.
                    let pending = reply.splitter.pending();
                    if let Some(cut) = first_clause_end(pending) {
                        let (head, rest) = pending.split_at(cut);
                        let (head, rest) = (head.trim().to_owned(), rest.to_owned());
                        reply.splitter = SentenceSplitter::new();
                        sentences.push(head);
                        sentences.extend(reply.splitter.push(&rest));
                    }
                }
                self.queue_model_text(sentences);
                self.start_synth();
            }
            Some(Ok(LlmEvent::ToolCall(call))) => {
                self.first_token_deadline = None;
                if reply.timings.first_token_ms.is_none() {
                    reply.timings.first_token_ms = reply.ms_since_speech(Instant::now());
                }
                reply.round_calls.push(call);
            }
            Some(Ok(LlmEvent::Finish { .. })) | None => {
                self.llm = None;
                self.first_token_deadline = None;
                let sentences = reply.splitter.finish_all();
                self.queue_model_text(sentences);
                let Some(reply) = self.reply.as_mut() else {
                    return;
                };
                if !reply.round_calls.is_empty() {
                    let calls = std::mem::take(&mut reply.round_calls);
                    let mut msg = ChatMessage::assistant_tool_calls(calls.clone());
                    msg.content = std::mem::take(&mut reply.round_text);
                    self.history.push(msg);
                    reply.tool_queue.extend(calls);
                    self.start_tool();
                } else if !reply.said_anything {
                    tracing::warn!(call_id = %self.call_id, "model gave an empty reply");
                    self.fall_back();
                }
                self.start_synth();
                self.maybe_finish();
            }
            Some(Err(e)) => {
                tracing::warn!(call_id = %self.call_id, error = %e, "model failed");
                self.llm = None;
                self.first_token_deadline = None;
                let rest = reply.splitter.finish_all();
                self.queue_model_text(rest);
                if !self.reply.as_ref().is_some_and(|r| r.said_anything) {
                    self.fall_back();
                }
                self.start_synth();
                self.maybe_finish();
            }
        }
    }

    /// Queues the model's finished sentences for speech, unless one states a money amount
    /// that is in none of the facts (a 135M model invents balances): then the model is
    /// stopped and a fixed line is said instead: `not_found` while no customer record is
    /// known, otherwise `fallback`.
    fn queue_model_text(&mut self, sentences: Vec<String>) {
        let Some(reply) = self.reply.as_mut() else {
            return;
        };
        for s in sentences {
            if reply.guarded {
                return;
            }
            let unsupported = money_amounts(&s)
                .into_iter()
                .any(|c| !reply.allowed_cents.contains(&c));
            if unsupported {
                tracing::warn!(
                    call_id = %self.call_id,
                    "the reply stated an amount that is not in the facts: replaced"
                );
                metrics::counter!("voxgate_agent_guarded_replies_total").increment(1);
                reply.guarded = true;
                self.llm = None;
                self.first_token_deadline = None;
                let profile = &self.inner.profile;
                let line = if reply.identified {
                    profile.fallback.clone()
                } else {
                    profile.not_found.clone()
                };
                if !reply.said_anything {
                    reply.turn.source = TurnSource::Fallback;
                }
                reply.said_anything = true;
                reply.round_calls.clear();
                queue_text(reply, &line);
                return;
            }
            let key = sentence_key(&s);
            if !key.is_empty() && !reply.heard_sentences.insert(key) {
                // Repeating a sentence (or the caller's question) is where a small model's
                // reply turns into a loop: the reply ends with what was said so far.
                tracing::debug!(call_id = %self.call_id, "the reply repeated a sentence: stopped");
                metrics::counter!("voxgate_agent_repetition_stops_total").increment(1);
                reply.guarded = true;
                self.llm = None;
                self.first_token_deadline = None;
                reply.round_calls.clear();
                return;
            }
            reply.said_anything = true;
            reply.pending.push_back((s, reply.round));
        }
    }

    fn on_llm_timeout(&mut self) {
        self.first_token_deadline = None;
        if self.llm.take().is_some() {
            tracing::warn!(call_id = %self.call_id, "model first-token timeout");
            self.fall_back();
            self.start_synth();
            self.maybe_finish();
        }
    }

    /// Speaks the fallback line inside the current reply.
    fn fall_back(&mut self) {
        metrics::counter!("voxgate_agent_fallbacks_total").increment(1);
        let text = self.inner.profile.fallback.clone();
        if let Some(reply) = self.reply.as_mut() {
            if !reply.said_anything {
                reply.turn.source = TurnSource::Fallback;
            }
            reply.said_anything = true;
            reply.round += 1;
            reply.round_text.clear();
            queue_text(reply, &text);
        }
    }

    fn start_tool(&mut self) {
        if self.tool_job.is_some() {
            return;
        }
        let Some(call) = self.reply.as_mut().and_then(|r| r.tool_queue.pop_front()) else {
            return;
        };
        let tools = self.inner.deps.tools.clone();
        let ctx = self.ctx.clone();
        tracing::debug!(call_id = %self.call_id, tool = %call.name, "tool call");
        self.tool_job = Some(Box::pin(async move {
            let res = tools.call(&ctx, &call).await;
            (call, res)
        }));
    }

    fn on_tool(&mut self, call: ToolCall, res: crate::Result<ToolOutcome>) {
        let mut record = ToolRecord {
            id: call.id.clone(),
            name: call.name.clone(),
            arguments: self.transcript.redact(&call.arguments),
            result: None,
            failed: false,
        };
        let mut speak: Option<(String, After)> = None;
        match res {
            Ok(ToolOutcome::Reply(text)) => {
                record.result = Some(self.transcript.redact(&text));
                self.history
                    .push(ChatMessage::tool_result(call.id.clone(), text));
            }
            Ok(ToolOutcome::HangUp { farewell }) => {
                record.result = Some("hang up".into());
                self.history.push(ChatMessage::tool_result(
                    call.id.clone(),
                    "The call is ending.",
                ));
                let text = farewell.unwrap_or_else(|| self.inner.profile.goodbye.clone());
                speak = Some((text, After::HangUp));
            }
            Ok(ToolOutcome::Transfer {
                target,
                announcement,
            }) => {
                record.result = Some("transfer".into());
                self.history.push(ChatMessage::tool_result(
                    call.id.clone(),
                    "The call is being transferred.",
                ));
                speak = Some((announcement.unwrap_or_default(), After::Transfer(target)));
            }
            Err(e) => {
                tracing::warn!(call_id = %self.call_id, tool = %call.name, error = %e, "tool failed");
                record.failed = true;
                record.result = Some(self.transcript.redact(&e.to_string()));
                self.history.push(ChatMessage::tool_result(
                    call.id.clone(),
                    format!("error: {e}"),
                ));
            }
        }
        let Some(reply) = self.reply.as_mut() else {
            return;
        };
        reply.turn.tool_calls.push(record);
        if let Some((text, after)) = speak {
            // The call is ending or moving: the model does not speak again.
            for rest in reply.tool_queue.drain(..) {
                self.history.push(ChatMessage::tool_result(
                    rest.id,
                    "Not run: the call is ending.",
                ));
            }
            if after == After::HangUp {
                self.ending = true;
            }
            reply.after = after;
            reply.interruptible = false;
            reply.round += 1;
            queue_text(reply, &text);
            self.start_synth();
            self.maybe_finish();
            return;
        }
        if !reply.tool_queue.is_empty() {
            self.start_tool();
            return;
        }
        if reply.round + 1 >= self.inner.profile.max_tool_rounds.max(1) {
            tracing::warn!(call_id = %self.call_id, "too many tool rounds");
            self.fall_back();
            self.start_synth();
            self.maybe_finish();
            return;
        }
        reply.round += 1;
        reply.round_text.clear();
        reply.splitter = SentenceSplitter::new();
        let utterance = self
            .history
            .iter()
            .rev()
            .find(|m| m.role == crate::llm::Role::User)
            .map(|m| m.content.clone())
            .unwrap_or_default();
        self.start_llm(&utterance);
    }

    fn start_synth(&mut self) {
        if self.synth.is_some() {
            return;
        }
        let Some(reply) = self.reply.as_mut() else {
            return;
        };
        let Some((text, round)) = reply.pending.pop_front() else {
            return;
        };
        let tts = Arc::clone(&self.inner.deps.tts);
        let rate = self.rate;
        let job_text = text.clone();
        reply.synth_text = Some((text, round));
        if reply.timings.first_clause_ms.is_none() {
            reply.timings.first_clause_ms = reply.ms_since_speech(Instant::now());
        }
        self.synth = Some(tokio::task::spawn_blocking(move || {
            let started = std::time::Instant::now();
            let mut out = Vec::new();
            let native = match tts.synthesize(&job_text) {
                Ok(s) => s,
                Err(e) => return (out, Err(e.to_string()), started.elapsed()),
            };
            let from = tts.sample_rate();
            let at_rate = if from == rate {
                native
            } else {
                match voxgate_audio::resample::resample(&native, from, rate) {
                    Ok(s) => s,
                    Err(e) => return (out, Err(e.to_string()), started.elapsed()),
                }
            };
            f32_to_i16_slice(&at_rate, &mut out);
            (out, Ok(()), started.elapsed())
        }));
    }

    fn on_synthesized(&mut self, res: Result<Synthesized, tokio::task::JoinError>) {
        let now = Instant::now();
        let Some(reply) = self.reply.as_mut() else {
            return;
        };
        let Some((text, round)) = reply.synth_text.take() else {
            return;
        };
        match res {
            Ok((samples, Ok(()), ran)) if !samples.is_empty() => {
                if reply.timings.first_audio_ms.is_none() {
                    reply.timings.first_audio_ms = reply.ms_since_speech(now);
                    reply.timings.tts_run_ms = Some(ran.as_secs_f64() * 1000.0);
                }
                let played = self.session.played();
                let start = self.queued_end.max(played.sent_samples);
                let len = samples.len() as u64;
                if self.session.play(&samples).is_ok() {
                    if let Some(r) = self.recorder.as_mut() {
                        r.queued(&samples);
                    }
                    if reply.timings.first_frame_ms.is_none() {
                        reply.timings.first_frame_ms = reply.ms_since_speech(Instant::now());
                    }
                    self.queued_end = start + len;
                    reply.spoken.push(Spoken {
                        text,
                        round,
                        start,
                        len,
                    });
                    self.drain_check = Some(Instant::now() + self.session.queued());
                }
            }
            Ok((_, Ok(()), _)) => {}
            Ok((_, Err(e), _)) => {
                tracing::warn!(call_id = %self.call_id, error = %e, "text-to-speech failed");
            }
            Err(e) => {
                tracing::warn!(call_id = %self.call_id, error = %e, "text-to-speech task failed");
            }
        }
        self.start_synth();
        self.maybe_finish();
    }

    fn on_drain_check(&mut self) {
        self.drain_check = None;
        let queued = self.session.queued();
        if !queued.is_zero() {
            // One frame of slack: the transport takes whole frames.
            self.drain_check = Some(Instant::now() + queued.max(Duration::from_millis(5)));
            return;
        }
        self.echo_until = Instant::now()
            + Duration::from_millis(u64::from(self.inner.profile.barge_in.echo_tail_ms));
        self.maybe_finish();
    }

    /// Ends the reply if everything is generated and played, and does what comes after.
    fn maybe_finish(&mut self) {
        let Some(reply) = self.reply.as_ref() else {
            return;
        };
        let generating = self.llm.is_some()
            || self.tool_job.is_some()
            || !reply.tool_queue.is_empty()
            || self.synth.is_some()
            || !reply.pending.is_empty();
        if generating || !self.session.queued().is_zero() {
            return;
        }
        let Some(reply) = self.reply.take() else {
            return;
        };
        let after = reply.after.clone();
        self.close_reply(reply, false);
        match after {
            After::Listen => self.arm_silence(),
            After::HangUp => self.hang_up(),
            After::Transfer(target) => self.pending_transfer = Some(target),
        }
    }

    /// Transfers once the announcement has been played (awaits the transport's answer).
    async fn transfer(&mut self, target: String) {
        tracing::info!(call_id = %self.call_id, "transferring the call");
        match self.session.transfer(TransferTarget(target)).await {
            Ok(()) => self.ending = true,
            Err(e) => {
                tracing::warn!(call_id = %self.call_id, error = %e, "transfer failed");
                let text = self.inner.profile.fallback.clone();
                self.say(TurnSource::Fallback, &text, true, After::Listen);
            }
        }
    }

    /// Barge-in: stop talking now.
    fn barge_in(&mut self) {
        metrics::counter!("voxgate_agent_barge_ins_total").increment(1);
        tracing::debug!(call_id = %self.call_id, "barge-in");
        self.interrupt();
    }

    /// Drops the reply in flight and the queued audio; the transcript keeps what was heard.
    fn interrupt(&mut self) {
        self.llm = None;
        self.first_token_deadline = None;
        self.synth = None;
        self.tool_job = None;
        let cleared = self.session.clear();
        if let Some(r) = self.recorder.as_mut() {
            r.cleared(&cleared);
        }
        self.queued_end = cleared.played.sent_samples;
        self.drain_check = None;
        self.echo_until = Instant::now();
        if let Some(reply) = self.reply.take() {
            for call in &reply.tool_queue {
                self.history.push(ChatMessage::tool_result(
                    call.id.clone(),
                    "Not run: the caller interrupted.",
                ));
            }
            let heard = cleared.played.heard_samples;
            self.close_reply_heard(reply, heard, true);
        }
    }

    fn close_reply(&mut self, reply: Reply, interrupted: bool) {
        let heard = u64::MAX;
        self.close_reply_heard(reply, heard, interrupted);
    }

    fn close_reply_heard(&mut self, mut reply: Reply, heard: u64, interrupted: bool) {
        let mut all = Vec::new();
        let mut last_round = Vec::new();
        let last = reply.spoken.iter().map(|s| s.round).max();
        let mut cut = false;
        for s in &reply.spoken {
            let got = heard.saturating_sub(s.start).min(s.len);
            let part = if got >= s.len {
                s.text.clone()
            } else {
                cut = true;
                heard_prefix(&s.text, got, s.len)
            };
            if part.is_empty() {
                continue;
            }
            if Some(s.round) == last {
                last_round.push(part.clone());
            }
            all.push(part);
        }
        let unsaid = !reply.pending.is_empty() || reply.synth_text.is_some();
        let text = all.join(" ");
        self.transcript.set_text(&mut reply.turn, &text);
        // An interruption that came after the last word was heard cut nothing off.
        reply.turn.interrupted = interrupted && (cut || unsaid || text.is_empty());
        if !last_round.is_empty() {
            self.history
                .push(ChatMessage::assistant(last_round.join(" ")));
        }
        if reply.speech_end.is_some() {
            let t = &reply.timings;
            let ms = |v: Option<f64>| v.map_or(-1, |v| v.round() as i64);
            tracing::info!(
                call_id = %self.call_id,
                endpoint_ms = ms(t.endpoint_ms),
                stt_run_ms = ms(t.stt_run_ms),
                transcript_ms = ms(t.transcript_ms),
                first_token_ms = ms(t.first_token_ms),
                first_clause_ms = ms(t.first_clause_ms),
                tts_run_ms = ms(t.tts_run_ms),
                first_audio_ms = ms(t.first_audio_ms),
                first_frame_ms = ms(t.first_frame_ms),
                "turn timings (ms after the caller's last voiced audio; *_run_ms: stage cost)"
            );
            reply.timings.record_metrics(&self.inner.profile.name);
            reply.turn.timings = Some(reply.timings);
        }
        if text.is_empty() && reply.turn.tool_calls.is_empty() && !interrupted {
            return;
        }
        self.push_turn(reply.turn);
    }

    fn push_turn(&mut self, turn: Turn) {
        let turn = self.consent.filter_turn(turn);
        let turn = self.transcript.push(turn);
        self.inner.deps.sink.turn(&self.call_id, turn);
    }

    fn finish(mut self, reason: &EndReason) {
        self.llm = None;
        self.tool_job = None;
        self.synth = None;
        if let Some(reply) = self.reply.take() {
            let heard = self.session.played().heard_samples;
            let complete = self.session.queued().is_zero()
                && reply.pending.is_empty()
                && reply.synth_text.is_none();
            self.close_reply_heard(reply, heard, !complete);
        }
        tracing::info!(call_id = %self.call_id, reason = reason.label(), "agent call ended");
        if let Some(r) = self.recorder.take() {
            r.finish(&self.session);
        }
        let transport = self.session.info().transport.to_string();
        let caller = self.session.info().caller.clone();
        let CallLoop {
            transcript,
            call_id,
            inner,
            consent,
            ..
        } = self;
        let mut t = transcript.finish(call_id, &inner.profile, reason.label());
        t.transport = transport;
        t.caller = caller;
        consent.finalize(&mut t);
        inner.deps.sink.finished(&t);
    }
}

/// Words a first clause needs before a comma, semicolon or colon may end it.
const MIN_CLAUSE_WORDS: usize = 4;

/// Where the first clause of `text` ends (just after its comma, semicolon or colon, when a
/// space follows and at least [`MIN_CLAUSE_WORDS`] words precede it).
fn first_clause_end(text: &str) -> Option<usize> {
    let mut words = 0;
    let mut in_word = false;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_whitespace() {
            in_word = false;
            continue;
        }
        if !in_word {
            in_word = true;
            words += 1;
        }
        if matches!(b, b',' | b';' | b':')
            && words >= MIN_CLAUSE_WORDS
            && bytes.get(i + 1).is_some_and(u8::is_ascii_whitespace)
        {
            return Some(i + 1);
        }
    }
    None
}

fn queue_text(reply: &mut Reply, text: &str) {
    let round = reply.round;
    for s in voxgate_speech::tts::split_sentences(text) {
        reply.pending.push_back((s, round));
    }
}

/// The words of `text` heard when `got` of its `len` samples were played.
fn heard_prefix(text: &str, got: u64, len: u64) -> String {
    if got == 0 || len == 0 {
        return String::new();
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    let n = (words.len() as u64 * got / len) as usize;
    words[..n.min(words.len())].join(" ")
}

/// Whisper's annotations for non-speech (`[BLANK_AUDIO]`, `(coughs)`).
fn is_noise_marker(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with('[') && t.ends_with(']')) || (t.starts_with('(') && t.ends_with(')'))
}

/// The sentences of a whole text (for what the caller said, which arrives in one piece).
fn split_sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['.', '?', '!'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A sentence reduced to its words, lowercase: "What are your hours?" and "what are your
/// hours" are the same sentence.
fn sentence_key(sentence: &str) -> String {
    let mut key = String::with_capacity(sentence.len());
    for word in sentence
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push(' ');
        }
        key.extend(word.chars().flat_map(char::to_lowercase));
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heard_prefix_keeps_whole_words_in_proportion() {
        assert_eq!(heard_prefix("one two three four", 50, 100), "one two");
        assert_eq!(heard_prefix("one two three four", 0, 100), "");
        assert_eq!(heard_prefix("one two three four", 99, 100), "one two three");
        assert!(is_noise_marker(" [BLANK_AUDIO]"));
        assert!(!is_noise_marker("Hello."));
    }

    #[test]
    fn first_clauses_end_at_punctuation_after_enough_words() {
        let t = "Your balance is 84.20 dollars, due on December 5";
        assert_eq!(
            &t[..first_clause_end(t).unwrap()],
            "Your balance is 84.20 dollars,"
        );
        assert_eq!(first_clause_end("Hello, how are you"), None);
        assert_eq!(first_clause_end("We owe you 1,250 dollars"), None);
        let t = "Sure, I can check that, one moment please";
        assert_eq!(
            &t[..first_clause_end(t).unwrap()],
            "Sure, I can check that,"
        );
        assert_eq!(first_clause_end("one two three four,"), None);
    }
}
