//! The analysis pipeline: decode -> VAD -> STT -> redact -> entities -> classify -> summarise
//! -> QA, run synchronously on the caller's (blocking) thread.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use serde::{Deserialize, Serialize};
use voxgate_agent::llm::{ChatMessage, GenerateOptions, LanguageModel, LlmEvent};
use voxgate_audio::decode::{AudioDecoder, DecodeLimits};
use voxgate_audio::vad::VadBuilder;
use voxgate_privacy::{Policy, Redactor};
use voxgate_speech::{SpeechToText, TranscribeOptions};

use crate::qa::QaScore;
use crate::redact::{redact_segments, EntityGroup, TimedText};
use crate::segment::{speech_segments, windows, SegmenterConfig};
use crate::summary::Summary;
use crate::taxonomy::{Classification, Classifier};
use crate::text::{sentences, Phrase, Sentence};
use crate::{Error, Result};

/// Version of the [`AnalysisResult`] JSON shape.
pub const RESULT_VERSION: u32 = 1;

/// Rate the recogniser and the detector run at.
const RATE: u32 = 16_000;

/// What to compute for one request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AnalyzeOptions {
    /// Redact the transcript (always on for stored results unless `include_raw` is asked).
    pub redact: bool,
    /// Include the unredacted transcript in the result too (off by default).
    pub include_raw: bool,
    /// Report entities.
    pub entities: bool,
    /// Classify the case.
    pub classify: bool,
    /// Summarise the call.
    pub summarize: bool,
    /// Score the counsellor.
    pub qa: bool,
    /// Use the language model for the summary (and classification, when configured).
    pub llm: bool,
    /// Language of the call; only English (`en`) models are installed.
    pub language: String,
}

impl Default for AnalyzeOptions {
    fn default() -> Self {
        Self {
            redact: true,
            include_raw: false,
            entities: true,
            classify: true,
            summarize: true,
            qa: true,
            llm: true,
            language: "en".into(),
        }
    }
}

impl AnalyzeOptions {
    /// Checks the options.
    ///
    /// # Errors
    /// [`Error::Unsupported`] for a language other than English.
    pub fn validate(&self) -> Result<()> {
        if !matches!(
            self.language.to_ascii_lowercase().as_str(),
            "en" | "en-us" | "en-gb" | "english"
        ) {
            return Err(Error::Unsupported(format!(
                "language {:?}: only English models are installed",
                self.language
            )));
        }
        Ok(())
    }
}

/// A stage of the pipeline, for progress reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Stage {
    /// Decoding and resampling the audio.
    Decode,
    /// Voice activity detection.
    Vad,
    /// Speech recognition.
    Transcribe,
    /// Redaction and entities.
    Redact,
    /// Classification.
    Classify,
    /// Summary.
    Summarize,
    /// QA scoring.
    Qa,
    /// Finished.
    Done,
}

impl Stage {
    /// Stage name (`transcribe`).
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Decode => "decode",
            Stage::Vad => "vad",
            Stage::Transcribe => "transcribe",
            Stage::Redact => "redact",
            Stage::Classify => "classify",
            Stage::Summarize => "summarize",
            Stage::Qa => "qa",
            Stage::Done => "done",
        }
    }

    /// Share of the whole job done when this stage starts, and its own share.
    fn span(self) -> (f32, f32) {
        match self {
            Stage::Decode => (0.0, 0.04),
            Stage::Vad => (0.04, 0.06),
            Stage::Transcribe => (0.10, 0.70),
            Stage::Redact => (0.80, 0.02),
            Stage::Classify => (0.82, 0.02),
            Stage::Summarize => (0.84, 0.14),
            Stage::Qa => (0.98, 0.02),
            Stage::Done => (1.0, 0.0),
        }
    }
}

/// A progress report: the stage and the overall fraction done.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Current stage.
    pub stage: Stage,
    /// Overall fraction in `0..=1`.
    pub fraction: f32,
}

/// Cancellation flag and deadline of one run, checked between pieces of work.
#[derive(Debug, Clone, Default)]
pub struct Control {
    /// Set to stop the run with [`Error::Cancelled`].
    pub cancel: Arc<AtomicBool>,
    /// Past this instant the run stops with [`Error::Timeout`].
    pub deadline: Option<(Instant, Duration)>,
}

impl Control {
    /// A control with a time limit from now.
    pub fn with_timeout(limit: Duration) -> Self {
        Self {
            cancel: Arc::default(),
            deadline: Some((Instant::now() + limit, limit)),
        }
    }

    /// `Err` when cancelled or past the deadline.
    ///
    /// # Errors
    /// [`Error::Cancelled`], [`Error::Timeout`].
    pub fn check(&self) -> Result<()> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(Error::Cancelled);
        }
        if let Some((at, limit)) = self.deadline {
            if Instant::now() >= at {
                return Err(Error::Timeout(limit.as_secs()));
            }
        }
        Ok(())
    }
}

/// Facts about the input audio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AudioSummary {
    /// Duration in seconds.
    pub duration_s: f32,
    /// Sample rate of the file, Hz.
    pub sample_rate: u32,
    /// Channels of the file (mixed down to mono).
    pub channels: usize,
    /// Codec name.
    pub codec: String,
    /// Seconds of detected speech.
    pub speech_s: f32,
    /// Recognition windows.
    pub windows: usize,
    /// Longest silence between speech segments, seconds.
    pub longest_gap_s: f32,
}

/// The transcript part of a result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TranscriptOut {
    /// Whether `text` and `segments` are redacted.
    pub redacted: bool,
    /// Whole text.
    pub text: String,
    /// Timed segments.
    pub segments: Vec<TimedText>,
    /// Unredacted segments, only when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub raw_segments: Option<Vec<TimedText>>,
    /// Words in the transcript.
    pub words: usize,
}

/// Milliseconds spent per stage.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Timings {
    /// Decode and resample.
    pub decode_ms: u64,
    /// Voice activity detection.
    pub vad_ms: u64,
    /// Speech recognition.
    pub stt_ms: u64,
    /// Redaction and entities.
    pub redact_ms: u64,
    /// Classification (with the model pass, if any).
    pub classify_ms: u64,
    /// Summary.
    pub summary_ms: u64,
    /// QA.
    pub qa_ms: u64,
    /// Whole run.
    pub total_ms: u64,
}

/// Everything the analysis found; the JSON stored as the job result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalysisResult {
    /// Shape version ([`RESULT_VERSION`]).
    pub version: u32,
    /// The input audio.
    pub audio: AudioSummary,
    /// The transcript (redacted unless asked otherwise).
    pub transcript: TranscriptOut,
    /// Personal data found, by type, with redacted values.
    pub entities: Option<Vec<EntityGroup>>,
    /// Case classification.
    pub classification: Option<Classification>,
    /// Case summary.
    pub summary: Option<Summary>,
    /// Counsellor QA scorecard.
    pub qa: Option<QaScore>,
    /// Engines used.
    pub models: ModelsUsed,
    /// Time per stage.
    pub timings: Timings,
}

/// Names of the engines that produced a result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ModelsUsed {
    /// Speech recogniser.
    pub stt: String,
    /// Language model, when one was used.
    pub llm: Option<String>,
}

/// The analysis engines, built once and shared by every job (`Arc<Analyzer>`).
pub struct Analyzer {
    stt: Arc<dyn SpeechToText>,
    vad: VadBuilder,
    redactor: Redactor,
    policy: Policy,
    classifier: Classifier,
    llm: Option<Arc<dyn LanguageModel>>,
    llm_summary: bool,
    llm_classify: bool,
    limits: DecodeLimits,
    segmenter: SegmenterConfig,
    summary_max_tokens: u32,
    llm_input_chars: usize,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer")
            .field("stt", &self.stt.name())
            .field("vad", &self.vad.kind())
            .field("llm", &self.llm.as_ref().map(|l| l.name().to_owned()))
            .field("llm_classify", &self.llm_classify)
            .field("limits", &self.limits)
            .finish_non_exhaustive()
    }
}

/// Builds an [`Analyzer`].
pub struct AnalyzerBuilder {
    stt: Arc<dyn SpeechToText>,
    vad: VadBuilder,
    redactor: Redactor,
    policy: Policy,
    classifier: Option<Classifier>,
    llm: Option<Arc<dyn LanguageModel>>,
    llm_summary: bool,
    llm_classify: bool,
    limits: DecodeLimits,
    segmenter: SegmenterConfig,
    summary_max_tokens: u32,
    llm_input_chars: usize,
}

impl std::fmt::Debug for AnalyzerBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnalyzerBuilder").finish_non_exhaustive()
    }
}

impl AnalyzerBuilder {
    /// Starts from a recogniser, a VAD builder (its rate is set to 16 kHz) and the redactor
    /// with its policy.
    pub fn new(
        stt: Arc<dyn SpeechToText>,
        vad: VadBuilder,
        redactor: Redactor,
        policy: Policy,
    ) -> Self {
        Self {
            stt,
            vad: vad.sample_rate(RATE),
            redactor,
            policy,
            classifier: None,
            llm: None,
            llm_summary: false,
            llm_classify: false,
            limits: DecodeLimits::default(),
            segmenter: SegmenterConfig::default(),
            summary_max_tokens: 160,
            llm_input_chars: 6_000,
        }
    }

    /// The classifier (default: the helpline taxonomy).
    pub fn classifier(mut self, c: Classifier) -> Self {
        self.classifier = Some(c);
        self
    }

    /// The language model; `summary` has it write summaries, `classify` asks it for a
    /// category as well as the rules.
    pub fn llm(mut self, llm: Arc<dyn LanguageModel>, summary: bool, classify: bool) -> Self {
        self.llm = Some(llm);
        self.llm_summary = summary;
        self.llm_classify = classify;
        self
    }

    /// Input limits (default: [`DecodeLimits::default`], 500 MiB, 4 h, 8-48 kHz).
    pub fn limits(mut self, limits: DecodeLimits) -> Self {
        self.limits = limits;
        self
    }

    /// Segmentation tuning.
    pub fn segmenter(mut self, s: SegmenterConfig) -> Self {
        self.segmenter = s;
        self
    }

    /// Tokens the model may write for a summary (default 160) and the transcript characters it
    /// reads at most (default 6,000, about 1,500 tokens: the best sentences when longer).
    pub fn summary_budget(mut self, max_tokens: u32, input_chars: usize) -> Self {
        self.summary_max_tokens = max_tokens.max(16);
        self.llm_input_chars = input_chars.max(200);
        self
    }

    /// Finishes.
    ///
    /// # Errors
    /// [`Error::Audio`] if the VAD cannot run at 16 kHz, [`Error::Config`] from the default
    /// taxonomy (never in practice).
    pub fn build(self) -> Result<Analyzer> {
        // Fail now rather than on the first job.
        self.vad.build()?;
        let classifier = match self.classifier {
            Some(c) => c,
            None => Classifier::new(crate::taxonomy::Taxonomy::default())?,
        };
        Ok(Analyzer {
            stt: self.stt,
            vad: self.vad,
            redactor: self.redactor,
            policy: self.policy,
            classifier,
            llm: self.llm,
            llm_summary: self.llm_summary,
            llm_classify: self.llm_classify,
            limits: self.limits,
            segmenter: self.segmenter,
            summary_max_tokens: self.summary_max_tokens,
            llm_input_chars: self.llm_input_chars,
        })
    }
}

fn ms_since(t: Instant) -> u64 {
    u64::try_from(t.elapsed().as_millis()).unwrap_or(u64::MAX)
}

/// Runs a model generation to completion from a blocking thread, checking `control` per event.
fn generate_text(
    llm: &dyn LanguageModel,
    messages: &[ChatMessage],
    options: &GenerateOptions,
    control: &Control,
) -> Result<String> {
    let stream = llm.generate(messages, options);
    let collect = async move {
        let mut stream = stream;
        let mut text = String::new();
        while let Some(ev) = stream.next().await {
            control.check()?;
            match ev? {
                LlmEvent::TextDelta(t) => text.push_str(&t),
                LlmEvent::Finish { .. } => break,
                _ => {}
            }
        }
        Ok::<String, Error>(text)
    };
    // Providers that do network I/O need the runtime this thread belongs to; the embedded one
    // only needs something to poll its channel.
    match tokio::runtime::Handle::try_current() {
        Ok(h) => h.block_on(collect),
        Err(_) => futures::executor::block_on(collect),
    }
}

impl Analyzer {
    /// The input limits.
    pub fn limits(&self) -> &DecodeLimits {
        &self.limits
    }

    /// Whether a language model is configured.
    pub fn has_llm(&self) -> bool {
        self.llm.is_some()
    }

    /// Analyses an audio file. Blocking and CPU-heavy: call from a blocking thread.
    /// `progress` is called at every stage and during recognition.
    ///
    /// # Errors
    /// [`Error::Audio`] for refused or undecodable audio, [`Error::Unsupported`] for bad options,
    /// [`Error::Speech`] when recognition fails, [`Error::Cancelled`] / [`Error::Timeout`] from
    /// `control`. A failing language model is not an error: the summary falls back.
    pub fn analyze_file(
        &self,
        path: &Path,
        options: &AnalyzeOptions,
        control: &Control,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<AnalysisResult> {
        options.validate()?;
        let started = Instant::now();
        let mut timings = Timings::default();
        let mut report = |stage: Stage, within: f32| {
            let (at, share) = stage.span();
            progress(Progress {
                stage,
                fraction: (at + share * within.clamp(0.0, 1.0)).min(1.0),
            });
        };

        report(Stage::Decode, 0.0);
        control.check()?;
        let t = Instant::now();
        let decoder = AudioDecoder::open(path, &self.limits)?;
        let info = decoder.info().clone();
        let decoded = decoder.decode_all()?;
        let duration_s = decoded.duration_secs() as f32;
        let audio = decoded.resampled(RATE)?;
        let samples = audio.samples;
        timings.decode_ms = ms_since(t);

        report(Stage::Vad, 0.0);
        let t = Instant::now();
        let mut vad = self.vad.build()?;
        let spans = speech_segments(vad.as_mut(), &samples, &self.segmenter, &mut |f| {
            report(Stage::Vad, f);
            control.check()
        })?;
        let wins = windows(&spans, RATE, &self.segmenter);
        timings.vad_ms = ms_since(t);
        let speech_s = spans.iter().map(|s| s.end - s.start).sum::<usize>() as f32 / RATE as f32;
        let longest_gap_s = spans
            .windows(2)
            .map(|w| (w[1].start - w[0].end) as f32 / RATE as f32)
            .fold(0.0f32, f32::max);

        report(Stage::Transcribe, 0.0);
        let t = Instant::now();
        let stt_opts = TranscribeOptions::default();
        let total: usize = wins.iter().map(|w| w.end - w.start).sum::<usize>().max(1);
        let mut done = 0usize;
        let mut raw: Vec<TimedText> = Vec::new();
        for w in &wins {
            control.check()?;
            let offset = w.start as f32 / RATE as f32;
            let tr = self.stt.transcribe(&samples[w.start..w.end], &stt_opts)?;
            for s in tr.segments {
                let text = s.text.trim();
                if text.is_empty() {
                    continue;
                }
                raw.push(TimedText {
                    start_s: offset + s.start_s,
                    end_s: offset + s.end_s,
                    text: text.to_owned(),
                });
            }
            done += w.end - w.start;
            report(Stage::Transcribe, done as f32 / total as f32);
        }
        timings.stt_ms = ms_since(t);
        drop(samples);

        let audio = AudioSummary {
            duration_s,
            sample_rate: info.sample_rate,
            channels: info.channels,
            codec: info.codec.clone(),
            speech_s,
            windows: wins.len(),
            longest_gap_s,
        };
        self.analyze_text(raw, audio, options, control, timings, started, &mut report)
    }

    /// Analyses a transcript that already exists (a call Voxgate answered: its stored turns),
    /// without audio: redaction, entities, classification, summary and QA as for a file.
    /// `duration_s` is the call's length. Blocking when a language model is configured.
    ///
    /// # Errors
    /// [`Error::Unsupported`] for bad options, [`Error::Cancelled`] / [`Error::Timeout`] from
    /// `control`.
    pub fn analyze_transcript(
        &self,
        segments: Vec<TimedText>,
        duration_s: f32,
        options: &AnalyzeOptions,
        control: &Control,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<AnalysisResult> {
        options.validate()?;
        let started = Instant::now();
        let mut report = |stage: Stage, within: f32| {
            let (at, share) = stage.span();
            progress(Progress {
                stage,
                fraction: (at + share * within.clamp(0.0, 1.0)).min(1.0),
            });
        };
        let segments: Vec<TimedText> = segments
            .into_iter()
            .filter(|s| !s.text.trim().is_empty())
            .collect();
        let speech_s = segments
            .iter()
            .map(|s| (s.end_s - s.start_s).max(0.0))
            .sum();
        let longest_gap_s = segments
            .windows(2)
            .map(|w| (w[1].start_s - w[0].end_s).max(0.0))
            .fold(0.0f32, f32::max);
        let audio = AudioSummary {
            duration_s,
            sample_rate: 0,
            channels: 0,
            codec: "transcript".into(),
            speech_s,
            windows: 0,
            longest_gap_s,
        };
        self.analyze_text(
            segments,
            audio,
            options,
            control,
            Timings::default(),
            started,
            &mut report,
        )
    }

    // The stages after recognition, shared by files and stored transcripts.
    #[allow(clippy::too_many_arguments)]
    fn analyze_text(
        &self,
        raw: Vec<TimedText>,
        audio: AudioSummary,
        options: &AnalyzeOptions,
        control: &Control,
        mut timings: Timings,
        started: Instant,
        report: &mut dyn FnMut(Stage, f32),
    ) -> Result<AnalysisResult> {
        let longest_gap_s = audio.longest_gap_s;
        report(Stage::Redact, 0.0);
        control.check()?;
        let t = Instant::now();
        let redacted = redact_segments(&raw, &self.redactor, &self.policy);
        let (segments, redacted_flag) = if options.redact {
            (redacted.segments.clone(), true)
        } else {
            (raw.clone(), false)
        };
        timings.redact_ms = ms_since(t);
        // Classification, summary and QA always read the redacted text, so no personal data
        // reaches the model or the stored summary whatever the transcript options.
        let red_text = join(&redacted.segments);
        let red_sentences: Vec<Sentence> = sentences(
            redacted
                .segments
                .iter()
                .map(|s| (s.text.as_str(), s.start_s, s.end_s)),
        );

        report(Stage::Classify, 0.0);
        let t = Instant::now();
        let use_llm = options.llm && !red_text.is_empty();
        let classification = if options.classify {
            control.check()?;
            let rules = self.classifier.classify(&red_text);
            Some(match (&self.llm, self.llm_classify && use_llm) {
                (Some(llm), true) => {
                    let answer = self.llm_category(llm.as_ref(), &red_sentences, control)?;
                    self.classifier.merge_llm(rules, answer)
                }
                _ => rules,
            })
        } else {
            None
        };
        timings.classify_ms = ms_since(t);

        report(Stage::Summarize, 0.0);
        let t = Instant::now();
        let key_phrases = self.key_phrases(classification.as_ref());
        let summary = if options.summarize {
            control.check()?;
            Some(self.summarize(&red_sentences, &key_phrases, use_llm, control)?)
        } else {
            None
        };
        timings.summary_ms = ms_since(t);

        report(Stage::Qa, 0.0);
        let t = Instant::now();
        let qa = options
            .qa
            .then(|| crate::qa::score(&red_sentences, longest_gap_s));
        timings.qa_ms = ms_since(t);
        timings.total_ms = ms_since(started);
        report(Stage::Done, 1.0);

        let llm_used = summary.as_ref().is_some_and(|s| s.method == "llm")
            || classification
                .as_ref()
                .is_some_and(|c| c.llm_category.is_some());
        Ok(AnalysisResult {
            version: RESULT_VERSION,
            audio,
            transcript: TranscriptOut {
                redacted: redacted_flag,
                words: crate::text::words(&red_text).len(),
                text: join(&segments),
                segments,
                raw_segments: (options.include_raw && options.redact).then_some(raw),
            },
            entities: options.entities.then_some(redacted.entities),
            classification,
            summary,
            qa,
            models: ModelsUsed {
                stt: self.stt.name().to_owned(),
                llm: if llm_used {
                    self.llm.as_ref().map(|l| l.name().to_owned())
                } else {
                    None
                },
            },
            timings,
        })
    }

    fn key_phrases(&self, c: Option<&Classification>) -> Vec<Phrase> {
        let Some(c) = c else {
            return Vec::new();
        };
        c.scores
            .iter()
            .flat_map(|s| s.matched.iter())
            .filter_map(|p| Phrase::parse(p))
            .collect()
    }

    fn llm_category(
        &self,
        llm: &dyn LanguageModel,
        sentences: &[Sentence],
        control: &Control,
    ) -> Result<Option<String>> {
        let cats = &self.classifier.taxonomy().categories;
        let list = cats
            .iter()
            .map(|c| c.label.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let input = crate::summary::llm_input(sentences, &[], self.llm_input_chars);
        let messages = [
            ChatMessage::system(format!(
                "You classify helpline calls. Answer with one category from this list and \
                 nothing else: {list}."
            )),
            ChatMessage::user(format!("Call transcript:\n{input}\n\nCategory:")),
        ];
        let opts = GenerateOptions {
            max_tokens: 12,
            ..GenerateOptions::default()
        };
        match generate_text(llm, &messages, &opts, control) {
            Ok(answer) => Ok(self.classifier.parse_answer(&answer)),
            Err(e @ (Error::Cancelled | Error::Timeout(_))) => Err(e),
            Err(e) => {
                tracing::warn!(error = %e, "LLM classification failed; rules only");
                Ok(None)
            }
        }
    }

    fn summarize(
        &self,
        sentences: &[Sentence],
        key_phrases: &[Phrase],
        use_llm: bool,
        control: &Control,
    ) -> Result<Summary> {
        let extractive = || {
            crate::summary::extractive(
                sentences,
                key_phrases,
                crate::summary::extractive_len(sentences.len()),
            )
        };
        let llm = match (&self.llm, use_llm && self.llm_summary) {
            (Some(l), true) => l,
            _ => {
                return Ok(Summary {
                    text: extractive(),
                    method: "extractive".into(),
                    fallback_reason: None,
                })
            }
        };
        let input = crate::summary::llm_input(sentences, key_phrases, self.llm_input_chars);
        let messages = [
            ChatMessage::system(
                "You write case notes for a child and family helpline. Summarise the call in \
                 two or three sentences: who called, what the concern is, and what was agreed. \
                 Keep placeholders such as [PERSON_1] exactly as written.",
            ),
            ChatMessage::user(format!("Call transcript:\n{input}")),
        ];
        let opts = GenerateOptions {
            max_tokens: self.summary_max_tokens,
            ..GenerateOptions::default()
        };
        let reason = match generate_text(llm.as_ref(), &messages, &opts, control) {
            Ok(text) => match crate::summary::check_llm_summary(&text) {
                Ok(text) => {
                    // The model saw only redacted text, but may still invent a number or name.
                    let (clean, _) = self.redactor.redact(&text, &self.policy);
                    return Ok(Summary {
                        text: clean,
                        method: "llm".into(),
                        fallback_reason: None,
                    });
                }
                Err(why) => why.to_owned(),
            },
            Err(e @ (Error::Cancelled | Error::Timeout(_))) => return Err(e),
            Err(e) => {
                tracing::warn!(error = %e, "LLM summary failed; extractive fallback");
                format!("model failed: {e}")
            }
        };
        Ok(Summary {
            text: extractive(),
            method: "extractive".into(),
            fallback_reason: Some(reason),
        })
    }
}

fn join(segments: &[TimedText]) -> String {
    segments
        .iter()
        .map(|s| s.text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}
