//! An AudioSocket server running the `echo` profile, for load tests and manual Asterisk tests.
//!
//! ```text
//! cargo run --release -p voxgate-telephony --example audiosocket_echo -- \
//!     [--listen 127.0.0.1:9092] [--max-calls 2000] [--echo-delay-ms 0] [--workers 2]
//! ```
//! Prints its pid (for `loadgen --server-pid`) and runs until Ctrl-C.

use std::sync::Arc;
use std::time::Duration;

use voxgate_call::{CallLimits, CallRegistry, CancellationToken, EchoHandler, ProfileMap};
use voxgate_telephony::audiosocket::{AudioSocketConfig, AudioSocketServer};

fn arg<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> T {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let listen = arg(&args, "--listen", "127.0.0.1:9092".parse()?);
    let max_calls = arg(&args, "--max-calls", 2000usize);
    let delay = Duration::from_millis(arg(&args, "--echo-delay-ms", 0u64));
    let workers = arg(&args, "--workers", 2usize);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let shutdown = CancellationToken::new();
        let registry = CallRegistry::new(
            CallLimits {
                max_concurrent_calls: max_calls,
                ..CallLimits::default()
            },
            shutdown.clone(),
        );
        let server = AudioSocketServer::new(
            AudioSocketConfig {
                listen,
                ..AudioSocketConfig::default()
            },
            registry.clone(),
            Arc::new(EchoHandler::new(delay)),
            Arc::new(ProfileMap::new().with_default(Some(EchoHandler::PROFILE.into()))),
        );
        let listener = server.bind().await?;
        println!(
            "audiosocket echo listening on {} pid {}",
            listener.local_addr()?,
            std::process::id()
        );
        let run = tokio::spawn(server.run(listener));
        tokio::signal::ctrl_c().await?;
        shutdown.cancel();
        run.await??;
        println!("stopped; calls started: {}", registry.stats().started);
        Ok(())
    })
}
