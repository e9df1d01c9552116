//! Twilio Media Streams load generator (what `voxgate loadgen --transport twilio` runs):
//! `twilio_loadgen STREAM_URL CALLS SECONDS [SERVER_PID]` with `TWILIO_AUTH_TOKEN` set.

use std::time::Duration;

use voxgate_telephony::twilio::loadgen::{run, TwilioLoadConfig};
use voxgate_telephony::twilio::Secret;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let url = args
        .get(1)
        .ok_or("usage: twilio_loadgen STREAM_URL CALLS SECONDS")?;
    let calls: usize = args.get(2).map_or(Ok(10), |s| s.parse())?;
    let secs: u64 = args.get(3).map_or(Ok(10), |s| s.parse())?;
    let token = std::env::var("TWILIO_AUTH_TOKEN").map_err(|_| "set TWILIO_AUTH_TOKEN")?;
    let pid: Option<u32> = args.get(4).and_then(|s| s.parse().ok());
    let rss = |pid: u32| -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
        line.split_whitespace().nth(1)?.parse::<u64>().ok()
    };
    let idle = pid.and_then(rss);
    let cfg = TwilioLoadConfig {
        stream_url: url.clone(),
        auth_token: Secret::new(token),
        calls,
        duration: Duration::from_secs(secs),
        ramp: Duration::from_secs(2),
        ..TwilioLoadConfig::default()
    };
    let sampler = pid.map(|pid| {
        tokio::spawn(async move {
            // Peak RSS while the calls are up.
            let mut peak = 0;
            for _ in 0..(secs * 10) {
                tokio::time::sleep(Duration::from_millis(100)).await;
                peak = peak.max(rss(pid).unwrap_or(0));
            }
            peak
        })
    });
    let report = run(cfg).await?;
    print!("{report}");
    if let (Some(idle), Some(s)) = (idle, sampler) {
        let peak = s.await.unwrap_or(0);
        println!(
            "server RSS: {idle} KB idle, {peak} KB peak, {:.1} KB per call",
            peak.saturating_sub(idle) as f64 / calls as f64
        );
    }
    Ok(())
}
