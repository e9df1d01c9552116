//! `voxgate call`: places a test call against a running server and reports what the caller
//! heard, with voice-to-voice latency per turn.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::Context;
use uuid::Uuid;
use voxgate_audio::decode::{decode_file, DecodeLimits};
use voxgate_audio::resample::resample;
use voxgate_speech::stt::WhisperStt;
use voxgate_speech::tts::{load_voice, synthesize_at, Voice};
use voxgate_speech::{SpeechToText, TranscribeOptions};
use voxgate_telephony::testcall::{
    self, AudioSocketCaller, CallScript, TestCallReport, TwilioCaller, TEST_CALL_RATE,
};

/// Transport the test call uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CallTransport {
    /// Asterisk AudioSocket over TCP.
    Audiosocket,
    /// Twilio Media Streams over WebSocket.
    Twilio,
}

/// Arguments of `voxgate call`.
#[derive(Debug, clap::Args)]
pub struct CallArgs {
    /// What the caller says, one turn per `--say` (spoken with the embedded voice).
    #[arg(long, value_name = "TEXT")]
    pub say: Vec<String>,
    /// Audio files the caller plays, one turn each, after the `--say` turns.
    #[arg(long, value_name = "FILE")]
    pub wav: Vec<PathBuf>,
    /// Transport to call over.
    #[arg(long, value_enum, default_value = "audiosocket")]
    pub transport: CallTransport,
    /// AudioSocket address (default: audiosocket.listen from the configuration).
    #[arg(long)]
    pub target: Option<SocketAddr>,
    /// AudioSocket call UUID, which the server maps to an agent profile (default: random,
    /// which gets the default profile).
    #[arg(long)]
    pub uuid: Option<Uuid>,
    /// Media Streams URL for --transport twilio (default: from http.listen); the auth token is
    /// read from VOXGATE_TWILIO__AUTH_TOKEN(_FILE) like the server's.
    #[arg(long)]
    pub url: Option<String>,
    /// Agent profile for --transport twilio.
    #[arg(long, default_value = "default")]
    pub profile: String,
    /// Write the call as a stereo WAV (left: caller, right: agent), 8 kHz.
    #[arg(long, short = 'o', value_name = "WAV")]
    pub output: Option<PathBuf>,
    /// Do not transcribe the agent's replies.
    #[arg(long)]
    pub no_transcribe: bool,
    /// Place the call this many times and print latency percentiles.
    #[arg(long, default_value_t = 1)]
    pub repeat: usize,
    /// Print the report as JSON.
    #[arg(long)]
    pub json: bool,
    /// Seconds of silence from the agent that end its reply.
    #[arg(long, default_value_t = 1.5)]
    pub end_of_reply_secs: f32,
}

/// Where `voxgate call` connects when not told.
#[derive(Debug, Clone)]
pub struct CallDefaults {
    /// The configured AudioSocket listener.
    pub audiosocket: SocketAddr,
    /// The configured HTTP listener.
    pub http: SocketAddr,
    /// The configured Media Streams path.
    pub stream_path: String,
    /// The Twilio auth token from the configuration, if set.
    pub twilio_token: Option<String>,
}

pub async fn run(
    args: &CallArgs,
    models_dir: &Path,
    defaults: &CallDefaults,
) -> anyhow::Result<()> {
    if args.say.is_empty() && args.wav.is_empty() {
        anyhow::bail!("nothing to say: give --say TEXT or --wav FILE (repeatable)");
    }
    let utterances = load_utterances(args, models_dir)?;
    let mut script = CallScript::new(utterances);
    script.end_of_reply = Duration::from_secs_f32(args.end_of_reply_secs.max(0.2));
    let stt = if args.no_transcribe {
        None
    } else {
        Some(WhisperStt::from_models_dir(models_dir, 2).context(
            "loading Whisper to transcribe the replies (run `voxgate models setup`, or pass --no-transcribe)",
        )?)
    };

    let mut all_v2v = Vec::new();
    let mut reports = Vec::new();
    for i in 0..args.repeat.max(1) {
        let report = place_call(args, defaults, &script).await?;
        all_v2v.extend(report.turns.iter().filter_map(|t| t.voice_to_voice));
        if args.repeat > 1 {
            // Progress on stderr, so a long run that is cut short still leaves its figures.
            let turns: Vec<String> = report
                .turns
                .iter()
                .map(|t| {
                    t.voice_to_voice
                        .map_or_else(|| "no reply".into(), |d| format!("{} ms", d.as_millis()))
                })
                .collect();
            eprintln!(
                "call {}/{}: voice-to-voice {}",
                i + 1,
                args.repeat,
                turns.join(", ")
            );
        }
        if i == 0 {
            if let Some(path) = &args.output {
                write_stereo(path, &report)?;
            }
        }
        reports.push(report);
    }

    let first = reports.first().context("no call placed")?;
    let texts = transcribe_replies(stt.as_ref(), first)?;
    if args.json {
        let turns: Vec<_> = first
            .turns
            .iter()
            .enumerate()
            .map(|(i, t)| {
                serde_json::json!({
                    "caller": turn_label(args, i),
                    "agent": texts.replies.get(i).cloned().flatten(),
                    "voice_to_voice_ms": t.voice_to_voice.map(|d| d.as_millis() as u64),
                    "reply_ms": t.reply_duration.as_millis() as u64,
                })
            })
            .collect();
        let v = serde_json::json!({
            "greeting": texts.greeting,
            "greeting_after_ms": first.greeting_after.map(|d| d.as_millis() as u64),
            "turns": turns,
            "server_hung_up": first.server_hung_up,
            "calls": reports.len(),
            "voice_to_voice_p50_ms": testcall::percentile(&all_v2v, 0.5).map(|d| d.as_millis() as u64),
            "voice_to_voice_p95_ms": testcall::percentile(&all_v2v, 0.95).map(|d| d.as_millis() as u64),
        });
        println!("{v:#}");
    } else {
        if let Some(at) = first.greeting_after {
            println!(
                "agent  (greeting after {} ms): {}",
                at.as_millis(),
                texts.greeting.as_deref().unwrap_or("(audio)")
            );
        }
        for (i, t) in first.turns.iter().enumerate() {
            println!("caller: {}", turn_label(args, i));
            match t.voice_to_voice {
                Some(v2v) => println!(
                    "agent  ({} ms voice-to-voice, {:.1} s): {}",
                    v2v.as_millis(),
                    t.reply_duration.as_secs_f32(),
                    texts
                        .replies
                        .get(i)
                        .cloned()
                        .flatten()
                        .unwrap_or_else(|| "(audio)".into())
                ),
                None => println!("agent  (no reply)"),
            }
        }
        if first.server_hung_up {
            println!("(the agent hung up)");
        }
        if let (Some(p50), Some(p95)) = (
            testcall::percentile(&all_v2v, 0.5),
            testcall::percentile(&all_v2v, 0.95),
        ) {
            println!(
                "voice-to-voice over {} turns in {} calls: p50 {} ms, p95 {} ms",
                all_v2v.len(),
                reports.len(),
                p50.as_millis(),
                p95.as_millis()
            );
        }
        if let Some(path) = &args.output {
            println!("call recording: {}", path.display());
        }
    }
    Ok(())
}

fn turn_label(args: &CallArgs, i: usize) -> String {
    if let Some(s) = args.say.get(i) {
        return s.clone();
    }
    i.checked_sub(args.say.len())
        .and_then(|j| args.wav.get(j))
        .map(|p| format!("[{}]", p.display()))
        .unwrap_or_default()
}

fn load_utterances(args: &CallArgs, models_dir: &Path) -> anyhow::Result<Vec<Vec<i16>>> {
    let mut out = Vec::new();
    if !args.say.is_empty() {
        let voice = load_voice(Voice::Piper, models_dir)
            .context("loading the embedded voice (run `voxgate models setup`)")?;
        for text in &args.say {
            let samples = synthesize_at(&*voice, text, TEST_CALL_RATE)?;
            out.push(to_pcm16(&samples));
        }
    }
    for path in &args.wav {
        let audio = decode_file(path, &DecodeLimits::default())
            .with_context(|| format!("reading {}", path.display()))?
            .resampled(TEST_CALL_RATE)?;
        out.push(to_pcm16(&audio.samples));
    }
    // Callers pause after speaking; the trailing silence is what endpointers wait for.
    Ok(out)
}

fn to_pcm16(samples: &[f32]) -> Vec<i16> {
    samples
        .iter()
        .map(|&s| (s.clamp(-1.0, 1.0) * 32767.0) as i16)
        .collect()
}

async fn place_call(
    args: &CallArgs,
    defaults: &CallDefaults,
    script: &CallScript,
) -> anyhow::Result<TestCallReport> {
    Ok(match args.transport {
        CallTransport::Audiosocket => {
            let target = args.target.unwrap_or(defaults.audiosocket);
            let mut link =
                AudioSocketCaller::connect(target, args.uuid.unwrap_or_else(Uuid::new_v4)).await?;
            testcall::run(&mut link, script).await?
        }
        CallTransport::Twilio => {
            let token = defaults
                .twilio_token
                .clone()
                .context("set twilio.auth_token (VOXGATE_TWILIO__AUTH_TOKEN) to the server's Twilio auth token")?;
            let secret = voxgate_telephony::twilio::Secret::new(token);
            let url = args
                .url
                .clone()
                .unwrap_or_else(|| format!("ws://{}{}", defaults.http, defaults.stream_path));
            let mut link = TwilioCaller::connect(&url, &secret, &args.profile).await?;
            testcall::run(&mut link, script).await?
        }
    })
}

fn write_stereo(path: &Path, report: &TestCallReport) -> anyhow::Result<()> {
    let spec = hound::WavSpec {
        channels: 2,
        sample_rate: TEST_CALL_RATE,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    };
    let mut w = hound::WavWriter::create(path, spec)
        .with_context(|| format!("creating {}", path.display()))?;
    for s in report.stereo() {
        w.write_sample(s)?;
    }
    w.finalize()?;
    Ok(())
}

struct ReplyTexts {
    greeting: Option<String>,
    replies: Vec<Option<String>>,
}

fn transcribe_replies(
    stt: Option<&WhisperStt>,
    report: &TestCallReport,
) -> anyhow::Result<ReplyTexts> {
    let Some(stt) = stt else {
        return Ok(ReplyTexts {
            greeting: None,
            replies: Vec::new(),
        });
    };
    let text_of = |span: Option<(usize, usize)>| -> anyhow::Result<Option<String>> {
        let Some((a, b)) = span else { return Ok(None) };
        let b = b.min(report.heard.len());
        if a >= b {
            return Ok(None);
        }
        let pcm: Vec<f32> = report.heard[a..b]
            .iter()
            .map(|&s| f32::from(s) / 32768.0)
            .collect();
        let at16 = resample(&pcm, TEST_CALL_RATE, 16_000)?;
        Ok(Some(
            stt.transcribe(&at16, &TranscribeOptions::default())?
                .text
                .trim()
                .to_owned(),
        ))
    };
    let greeting = text_of(report.greeting_span)?;
    let replies = report
        .turns
        .iter()
        .map(|t| text_of(t.reply_span))
        .collect::<anyhow::Result<Vec<_>>>()?;
    Ok(ReplyTexts { greeting, replies })
}
