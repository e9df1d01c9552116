//! `voxgate loadgen`: many concurrent echo calls against a running server, with loss and
//! latency figures.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use voxgate_telephony::audiosocket::AudioFormat;
use voxgate_telephony::loadgen::{self, LoadAudio, LoadgenConfig};

/// Transport the load generator speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LoadTransport {
    /// Asterisk AudioSocket over TCP.
    Audiosocket,
    /// Twilio Media Streams over WebSocket.
    Twilio,
}

/// Arguments of `voxgate loadgen`.
#[derive(Debug, clap::Args)]
pub struct LoadgenArgs {
    /// Transport to open calls over.
    #[arg(long, value_enum, default_value = "audiosocket")]
    pub transport: LoadTransport,
    /// AudioSocket server address.
    #[arg(long, default_value = "127.0.0.1:9092")]
    pub target: SocketAddr,
    /// Media Streams URL for --transport twilio (auth token in VOXGATE_LOADGEN_TWILIO_TOKEN).
    #[arg(long, default_value = "ws://127.0.0.1:8080/twilio/stream")]
    pub url: String,
    /// Concurrent calls.
    #[arg(long, short = 'n', default_value_t = 100)]
    pub calls: usize,
    /// Seconds each call streams audio.
    #[arg(long, default_value_t = 10)]
    pub duration_secs: u64,
    /// Seconds over which call starts are spread.
    #[arg(long, default_value_t = 2)]
    pub ramp_secs: u64,
    /// Mono 16-bit WAV to stream (8 kHz); a 440 Hz tone when absent.
    #[arg(long)]
    pub wav: Option<PathBuf>,
    /// The server's echo delay in ms, subtracted from round trips (the built-in `echo`
    /// profile's is 200 ms).
    #[arg(long, default_value_t = 200)]
    pub echo_delay_ms: u64,
    /// Server pid on this host, for CPU and memory per call.
    #[arg(long)]
    pub server_pid: Option<u32>,
    /// Load threads for --transport audiosocket (default: one per core).
    #[arg(long)]
    pub threads: Option<usize>,
}

pub async fn run(args: &LoadgenArgs) -> anyhow::Result<()> {
    let audio = match &args.wav {
        Some(path) => LoadAudio::Samples(Arc::new(
            loadgen::read_wav(path, AudioFormat::Slin8)
                .with_context(|| format!("reading {}", path.display()))?,
        )),
        None => LoadAudio::Tone(440.0),
    };
    let report = match args.transport {
        LoadTransport::Audiosocket => {
            let defaults = LoadgenConfig::default();
            loadgen::run(LoadgenConfig {
                threads: args.threads.unwrap_or(defaults.threads),
                target: args.target,
                calls: args.calls,
                duration: Duration::from_secs(args.duration_secs),
                ramp: Duration::from_secs(args.ramp_secs),
                audio,
                echo_delay: Duration::from_millis(args.echo_delay_ms),
                server_pid: args.server_pid,
                ..defaults
            })
            .await?
        }
        LoadTransport::Twilio => {
            let token = std::env::var("VOXGATE_LOADGEN_TWILIO_TOKEN")
                .context("set VOXGATE_LOADGEN_TWILIO_TOKEN to the server's Twilio auth token")?;
            voxgate_telephony::twilio::loadgen::run(
                voxgate_telephony::twilio::loadgen::TwilioLoadConfig {
                    stream_url: args.url.clone(),
                    auth_token: voxgate_telephony::twilio::Secret::new(token),
                    calls: args.calls,
                    duration: Duration::from_secs(args.duration_secs),
                    ramp: Duration::from_secs(args.ramp_secs),
                    audio,
                    echo_delay: Duration::from_millis(args.echo_delay_ms),
                    ..Default::default()
                },
            )
            .await?
        }
    };
    println!("{report}");
    Ok(())
}
