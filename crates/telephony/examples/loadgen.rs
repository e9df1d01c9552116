//! Runs the AudioSocket load generator against a running echo server.
//!
//! ```text
//! cargo run --release -p voxgate-telephony --example loadgen -- \
//!     --target 127.0.0.1:9092 --calls 1000 --duration-secs 20 --ramp-secs 5 \
//!     [--wav FILE.wav] [--format 16000] [--echo-delay-ms 0] [--server-pid PID] [--workers 2]
//! ```

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use voxgate_telephony::audiosocket::AudioFormat;
use voxgate_telephony::loadgen::{read_wav, run, LoadAudio, LoadgenConfig};

fn arg<T: std::str::FromStr>(args: &[String], name: &str) -> Option<T> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let format = AudioFormat::from_rate(arg(&args, "--format").unwrap_or(8000))
        .ok_or("no such AudioSocket rate")?;
    let audio = match arg::<PathBuf>(&args, "--wav") {
        Some(p) => LoadAudio::Samples(Arc::new(read_wav(&p, format)?)),
        None => LoadAudio::Tone(440.0),
    };
    let cfg = LoadgenConfig {
        target: arg(&args, "--target").unwrap_or_else(|| {
            "127.0.0.1:9092"
                .parse()
                .unwrap_or(LoadgenConfig::default().target)
        }),
        calls: arg(&args, "--calls").unwrap_or(100),
        duration: Duration::from_secs(arg(&args, "--duration-secs").unwrap_or(20)),
        ramp: Duration::from_secs(arg(&args, "--ramp-secs").unwrap_or(5)),
        format,
        audio,
        echo_delay: Duration::from_millis(arg(&args, "--echo-delay-ms").unwrap_or(0)),
        server_pid: arg(&args, "--server-pid"),
        ..LoadgenConfig::default()
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(arg(&args, "--workers").unwrap_or(2))
        .enable_all()
        .build()?;
    let report = rt.block_on(run(cfg))?;
    print!("{report}");
    Ok(())
}
