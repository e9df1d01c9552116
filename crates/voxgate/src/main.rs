//! The `voxgate` command.
//!
//! `main` only parses arguments, loads the configuration and hands over to the library crates;
//! this is the one crate where `anyhow` appears. Exit codes: 0 success, 1 runtime failure,
//! 2 configuration refused (bad file, bad variable, or production checks).

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

mod analyze;
mod audit;
mod call;
mod calls;
mod keys;
mod loadgen;
mod master_key;
mod redact;
mod report;
mod speech;
mod users;
use voxgate_server::checks::{self, Status};
use voxgate_server::config::{self, Mode};

/// Voxgate answers phone and browser calls with an AI agent and keeps every word private.
#[derive(Debug, Parser)]
#[command(name = "voxgate", version, about, long_about = None, propagate_version = true)]
struct Cli {
    /// Configuration file (default: $VOXGATE_CONFIG, then ./voxgate.toml if present, else built-in defaults).
    #[arg(long, short = 'c', global = true, value_name = "PATH")]
    config: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Verify the tamper-evident audit log, export it (JSON lines, RFC 5424 syslog, TCP), export its head.
    #[command(subcommand)]
    Audit(audit::AuditCommand),
    /// Compliance report for the last day, week or month (JSON or HTML with charts).
    Report(report::ReportArgs),
    /// Data-subject requests: find calls by caller number, export, delete (crypto-shred), legal hold, purge.
    #[command(subcommand)]
    Calls(calls::CallsCommand),
    /// Generate or rotate the master key that wraps every call's data key (`rotate` is also
    /// `voxgate keys rotate-master`).
    #[command(subcommand)]
    MasterKey(master_key::MasterKeyCommand),
    /// Run the server: HTTP API, admin listener (/livez, /readyz, /metrics) and call transports.
    Serve,
    /// Check configuration, secrets and file permissions; print a checklist and exit non-zero if any check fails.
    Doctor,
    /// Load and validate the configuration without starting anything.
    Validate,
    /// Print the version.
    Version,
    /// Detect and redact personal data (PII) in text from a file or standard input.
    Redact(redact::RedactArgs),
    /// Install or verify the embedded model files (speech-to-text, VAD, voice, LLM).
    #[command(subcommand)]
    Models(speech::ModelsCommand),
    /// Transcribe audio files with the embedded Whisper model: one line per file, `path<TAB>text`.
    Transcribe(speech::TranscribeArgs),
    /// Speak a text with the embedded voice into a WAV file.
    Say(speech::SayArgs),
    /// Open many concurrent echo calls against a running server and report loss and latency.
    Loadgen(loadgen::LoadgenArgs),
    /// Place a test call against a running server: speak text or WAV files, record what the
    /// agent says, print the transcript and the voice-to-voice latency of each turn.
    Call(call::CallArgs),
    /// Create, list, revoke and rotate API keys in the configured database; `rotate-master`
    /// rotates the master key that wraps every call's data key.
    #[command(subcommand)]
    Keys(keys::KeysCommand),
    /// Create the first admin, list and disable users in the configured database.
    #[command(subcommand)]
    Users(users::UsersCommand),
    /// Analyse a call recording offline: redacted transcript, entities, category, summary, QA score.
    Analyze(analyze::AnalyzeArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// The process environment, after `.env` (if present) has been read into it.
fn environment() -> BTreeMap<String, String> {
    // A missing .env is normal; a malformed one is reported but not fatal.
    if let Err(e) = dotenvy::dotenv() {
        if !e.not_found() {
            eprintln!("warning: .env not read: {e}");
        }
    }
    std::env::vars().collect()
}

fn load_config(cli: &Cli) -> Result<config::Loaded, ExitCode> {
    config::load(cli.config.as_deref(), &environment()).map_err(|e| {
        eprintln!("error: {e}");
        ExitCode::from(2)
    })
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Audit(ref cmd) => {
            let loaded = match load_config(&cli) {
                Ok(l) => l,
                Err(code) => return Ok(code),
            };
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(audit::run(cmd, &loaded.config))
        }
        Command::Report(ref args) => {
            let loaded = match load_config(&cli) {
                Ok(l) => l,
                Err(code) => return Ok(code),
            };
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(report::run(args, &loaded.config))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Calls(ref cmd) => {
            let loaded = match load_config(&cli) {
                Ok(l) => l,
                Err(code) => return Ok(code),
            };
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(calls::run(cmd, &loaded.config))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::MasterKey(ref cmd) => {
            let loaded = match load_config(&cli) {
                Ok(l) => l,
                Err(code) => return Ok(code),
            };
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(master_key::run(cmd, &loaded.config))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Models(ref cmd) => {
            let loaded = match load_config(&cli) {
                Ok(l) => l,
                Err(code) => return Ok(code),
            };
            speech::models(cmd, &loaded.config.models.dir)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Transcribe(ref args) => {
            let loaded = match load_config(&cli) {
                Ok(l) => l,
                Err(code) => return Ok(code),
            };
            let ok = speech::transcribe(args, &loaded.config.models.dir)?;
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Say(ref args) => {
            let loaded = match load_config(&cli) {
                Ok(l) => l,
                Err(code) => return Ok(code),
            };
            speech::say(args, &loaded.config.models.dir)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Analyze(ref args) => {
            let loaded = match load_config(&cli) {
                Ok(l) => l,
                Err(code) => return Ok(code),
            };
            let ok = analyze::run(args, &loaded.config.models.dir)?;
            Ok(if ok {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Call(ref args) => {
            let loaded = match load_config(&cli) {
                Ok(l) => l,
                Err(code) => return Ok(code),
            };
            let c = &loaded.config;
            let defaults = call::CallDefaults {
                audiosocket: c.audiosocket.listen,
                http: c.http.listen,
                stream_path: c.twilio.stream_path.clone(),
                twilio_token: c.twilio.auth_token.expose().map(str::to_owned),
            };
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(call::run(args, &c.models.dir, &defaults))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Loadgen(ref args) => {
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(loadgen::run(args))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Keys(ref cmd) => {
            let loaded = match load_config(&cli) {
                Ok(l) => l,
                Err(code) => return Ok(code),
            };
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(keys::run_with_config(cmd, &loaded.config))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Users(ref cmd) => {
            let loaded = match load_config(&cli) {
                Ok(l) => l,
                Err(code) => return Ok(code),
            };
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(users::run(cmd, &loaded.config.data.dir))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Redact(ref args) => {
            redact::run(args)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Version => {
            println!("voxgate {}", env!("CARGO_PKG_VERSION"));
            Ok(ExitCode::SUCCESS)
        }
        Command::Validate => {
            let loaded = match load_config(&cli) {
                Ok(l) => l,
                Err(code) => return Ok(code),
            };
            if loaded.config.mode == Mode::Production {
                let problems = checks::production_problems(&loaded.config);
                if !problems.is_empty() {
                    for p in problems {
                        eprintln!("error: {p}");
                    }
                    return Ok(ExitCode::from(2));
                }
            }
            println!("configuration ok");
            Ok(ExitCode::SUCCESS)
        }
        Command::Doctor => {
            let loaded = match load_config(&cli) {
                Ok(l) => l,
                Err(code) => return Ok(code),
            };
            let results = checks::doctor(&loaded);
            let mut failed = 0;
            for c in &results {
                let mark = match c.status {
                    Status::Pass => "[pass]",
                    Status::Warn => "[warn]",
                    Status::Fail => {
                        failed += 1;
                        "[FAIL]"
                    }
                };
                println!("{mark} {:<28} {}", c.name, c.detail);
            }
            println!(
                "{} checks, {} failed ({} mode)",
                results.len(),
                failed,
                format!("{:?}", loaded.config.mode).to_lowercase()
            );
            Ok(if failed > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Serve => {
            let loaded = match load_config(&cli) {
                Ok(l) => l,
                Err(code) => return Ok(code),
            };
            if loaded.config.mode == Mode::Production {
                let problems = checks::production_problems(&loaded.config);
                if !problems.is_empty() {
                    eprintln!("error: refusing to start in production mode:");
                    for p in problems {
                        eprintln!("  - {p}");
                    }
                    return Ok(ExitCode::from(2));
                }
            }
            voxgate_server::telemetry::init(&loaded.config.log);
            let runtime = tokio::runtime::Runtime::new()?;
            runtime.block_on(serve(loaded.config))
        }
    }
}

async fn serve(config: config::Config) -> anyhow::Result<ExitCode> {
    let shutdown = tokio_util::sync::CancellationToken::new();
    let running = voxgate_server::run(config, shutdown.clone()).await?;
    let signal = shutdown.clone();
    tokio::spawn(async move {
        wait_for_signal().await;
        signal.cancel();
    });
    running.wait().await?;
    Ok(ExitCode::SUCCESS)
}

async fn wait_for_signal() {
    use tokio::signal::unix::{signal, SignalKind};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => tracing::info!("SIGINT received"),
                _ = term.recv() => tracing::info!("SIGTERM received"),
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, "cannot listen for SIGTERM; only Ctrl-C stops the server");
            let _ = tokio::signal::ctrl_c().await;
        }
    }
}
