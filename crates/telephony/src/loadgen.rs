//! Load generator: N concurrent AudioSocket calls against a running Voxgate with the `echo`
//! profile, streaming audio in real time and measuring what comes back.
//!
//! Every outbound frame is tagged in its first samples ([`TAG_MAGIC`], call-local sequence
//! number) so the echoed frame can be matched to its send time: echo returns the samples
//! unchanged over slin. Added latency = receive time - send time - the server's configured echo
//! delay. A frame is *lost* if it never comes back and *late* if its added latency exceeds
//! [`LoadgenConfig::late_after`].
//!
//! Server CPU and memory come from `/proc/<pid>/stat` and `/proc/<pid>/status` when a pid is given
//! (the server must run on the same host).

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use bytes::BytesMut;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::task::JoinSet;
use tokio::time::{Instant, MissedTickBehavior};
use uuid::Uuid;

use crate::audiosocket::{decode_audio, encode_audio, AudioFormat, Message};

/// First sample of a tagged frame.
pub const TAG_MAGIC: i16 = 0x5A17;
const RING: usize = 4096;

/// Errors of the load generator.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The audio file could not be read or is not usable.
    #[error("loadgen audio: {0}")]
    Audio(String),
    /// Bad settings.
    #[error("loadgen config: {0}")]
    Config(String),
}

/// What each call streams.
#[derive(Debug, Clone)]
pub enum LoadAudio {
    /// A sine tone at this frequency (Hz), -12 dBFS.
    Tone(f32),
    /// PCM16 mono samples at the call format's rate, looped.
    Samples(Arc<Vec<i16>>),
}

/// Load generator settings.
#[derive(Debug, Clone)]
pub struct LoadgenConfig {
    /// The AudioSocket server.
    pub target: SocketAddr,
    /// Concurrent calls.
    pub calls: usize,
    /// How long each call streams audio.
    pub duration: Duration,
    /// Call starts are spread evenly over this time.
    pub ramp: Duration,
    /// Audio format sent (and expected back).
    pub format: AudioFormat,
    /// Audio streamed.
    pub audio: LoadAudio,
    /// The server's echo delay, subtracted from round trips.
    pub echo_delay: Duration,
    /// Added latency beyond which a frame counts as late.
    pub late_after: Duration,
    /// Pid of the server process on this host, for CPU and RSS figures.
    pub server_pid: Option<u32>,
}

impl Default for LoadgenConfig {
    fn default() -> Self {
        Self {
            target: SocketAddr::from(([127, 0, 0, 1], 9092)),
            calls: 10,
            duration: Duration::from_secs(10),
            ramp: Duration::from_secs(2),
            format: AudioFormat::Slin8,
            audio: LoadAudio::Tone(440.0),
            echo_delay: Duration::ZERO,
            late_after: Duration::from_millis(40),
            server_pid: None,
        }
    }
}

/// Reads a mono PCM16 WAV whose rate matches `format`.
///
/// # Errors
/// [`Error::Audio`] if the file is unreadable, not mono 16-bit, or at another rate.
pub fn read_wav(path: &Path, format: AudioFormat) -> Result<Vec<i16>, Error> {
    let mut r = hound::WavReader::open(path).map_err(|e| Error::Audio(e.to_string()))?;
    let spec = r.spec();
    if spec.channels != 1
        || spec.bits_per_sample != 16
        || spec.sample_format != hound::SampleFormat::Int
    {
        return Err(Error::Audio("need mono 16-bit PCM".into()));
    }
    if spec.sample_rate != format.sample_rate() {
        return Err(Error::Audio(format!(
            "file is {} Hz, format needs {} Hz (convert with sox)",
            spec.sample_rate,
            format.sample_rate()
        )));
    }
    r.samples::<i16>()
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| Error::Audio(e.to_string()))
}

/// Server resource use over the steady part of the run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServerUsage {
    /// RSS before the first call, bytes.
    pub rss_idle_bytes: u64,
    /// RSS with all calls up, bytes.
    pub rss_loaded_bytes: u64,
    /// (loaded - idle) / calls, bytes.
    pub rss_per_call_bytes: u64,
    /// CPU used while all calls were up, percent of one core.
    pub cpu_percent: f64,
    /// `cpu_percent / calls`.
    pub cpu_percent_per_call: f64,
}

/// Results of a run.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoadgenReport {
    /// Calls that connected.
    pub calls_started: usize,
    /// Calls that streamed for the whole duration and ended cleanly.
    pub calls_completed: usize,
    /// Calls that failed (connect, refused, reset, early close).
    pub calls_failed: usize,
    /// Frames sent.
    pub frames_sent: u64,
    /// Tagged frames received back.
    pub frames_received: u64,
    /// Sent frames never echoed.
    pub frames_lost: u64,
    /// Received frames whose added latency exceeded `late_after`.
    pub frames_late: u64,
    /// Added latency, median.
    pub latency_p50: Duration,
    /// Added latency, 99th percentile.
    pub latency_p99: Duration,
    /// Added latency, worst.
    pub latency_max: Duration,
    /// Server figures, when a pid was given.
    pub server: Option<ServerUsage>,
}

impl std::fmt::Display for LoadgenReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "calls: {} started, {} completed, {} failed",
            self.calls_started, self.calls_completed, self.calls_failed
        )?;
        writeln!(
            f,
            "frames: {} sent, {} received, {} lost, {} late",
            self.frames_sent, self.frames_received, self.frames_lost, self.frames_late
        )?;
        writeln!(
            f,
            "added latency: p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            ms(self.latency_p50),
            ms(self.latency_p99),
            ms(self.latency_max)
        )?;
        if let Some(s) = &self.server {
            writeln!(
                f,
                "server: RSS {:.1} MB idle, {:.1} MB loaded, {:.1} KB per call; CPU {:.1}% ({:.3}% per call)",
                s.rss_idle_bytes as f64 / 1e6,
                s.rss_loaded_bytes as f64 / 1e6,
                s.rss_per_call_bytes as f64 / 1e3,
                s.cpu_percent,
                s.cpu_percent_per_call
            )?;
        }
        Ok(())
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

#[derive(Debug, Default)]
struct CallResult {
    connected: bool,
    completed: bool,
    sent: u64,
    received: u64,
    late: u64,
    latencies_us: Vec<u32>,
}

/// Runs the load and reports.
///
/// # Errors
/// [`Error::Config`] for zero calls or a zero duration.
pub async fn run(cfg: LoadgenConfig) -> Result<LoadgenReport, Error> {
    if cfg.calls == 0 || cfg.duration.is_zero() {
        return Err(Error::Config("calls and duration must be positive".into()));
    }
    let cfg = Arc::new(cfg);
    let frame_samples = (cfg.format.sample_rate() / 50) as usize;
    let audio: Arc<Vec<i16>> = match &cfg.audio {
        LoadAudio::Samples(s) if s.len() >= frame_samples => Arc::clone(s),
        LoadAudio::Samples(_) => return Err(Error::Config("audio shorter than one frame".into())),
        LoadAudio::Tone(hz) => Arc::new(tone(*hz, cfg.format.sample_rate())),
    };
    let idle = cfg.server_pid.and_then(proc_sample);
    let start = Instant::now();
    let mut set = JoinSet::new();
    for i in 0..cfg.calls {
        let at = start + cfg.ramp.mul_f64(i as f64 / cfg.calls as f64);
        let cfg = Arc::clone(&cfg);
        let audio = Arc::clone(&audio);
        set.spawn(async move {
            tokio::time::sleep_until(at).await;
            one_call(&cfg, &audio, i).await
        });
    }
    // Steady window: from all calls up to just before the first ones stop.
    let steady_from = start + cfg.ramp + Duration::from_millis(500);
    let steady_to = start + cfg.duration.saturating_sub(Duration::from_millis(500));
    let usage = if let (Some(pid), Some(idle), true) =
        (cfg.server_pid, idle, steady_to > steady_from)
    {
        tokio::time::sleep_until(steady_from).await;
        let a = proc_sample(pid);
        let t_a = Instant::now();
        tokio::time::sleep_until(steady_to).await;
        let b = proc_sample(pid);
        let secs = t_a.elapsed().as_secs_f64();
        match (a, b) {
            (Some(a), Some(b)) => {
                let cpu = (b.cpu_ticks.saturating_sub(a.cpu_ticks)) as f64 / CLK_TCK / secs * 100.0;
                let loaded = a.rss_bytes.max(b.rss_bytes);
                Some(ServerUsage {
                    rss_idle_bytes: idle.rss_bytes,
                    rss_loaded_bytes: loaded,
                    rss_per_call_bytes: loaded.saturating_sub(idle.rss_bytes) / cfg.calls as u64,
                    cpu_percent: cpu,
                    cpu_percent_per_call: cpu / cfg.calls as f64,
                })
            }
            _ => None,
        }
    } else {
        None
    };
    let mut report = LoadgenReport {
        server: usage,
        ..LoadgenReport::default()
    };
    let mut lat: Vec<u32> = Vec::new();
    while let Some(r) = set.join_next().await {
        let Ok(r) = r else {
            report.calls_failed += 1;
            continue;
        };
        report.calls_started += usize::from(r.connected);
        if r.completed {
            report.calls_completed += 1;
        } else {
            report.calls_failed += 1;
        }
        report.frames_sent += r.sent;
        report.frames_received += r.received;
        report.frames_lost += r.sent.saturating_sub(r.received);
        report.frames_late += r.late;
        lat.extend_from_slice(&r.latencies_us);
    }
    lat.sort_unstable();
    let pct = |p: f64| -> Duration {
        if lat.is_empty() {
            return Duration::ZERO;
        }
        let i = ((lat.len() - 1) as f64 * p).round() as usize;
        Duration::from_micros(u64::from(lat[i.min(lat.len() - 1)]))
    };
    report.latency_p50 = pct(0.50);
    report.latency_p99 = pct(0.99);
    report.latency_max = pct(1.0);
    Ok(report)
}

fn tone(hz: f32, rate: u32) -> Vec<i16> {
    // One second, a whole number of cycles for integer hz, so the loop is seamless.
    (0..rate)
        .map(|n| {
            let t = n as f32 / rate as f32;
            ((2.0 * std::f32::consts::PI * hz * t).sin() * 8192.0) as i16
        })
        .collect()
}

async fn one_call(cfg: &LoadgenConfig, audio: &[i16], index: usize) -> CallResult {
    let mut res = CallResult::default();
    let Ok(mut stream) = TcpStream::connect(cfg.target).await else {
        return res;
    };
    let _ = stream.set_nodelay(true);
    res.connected = true;
    let fs = (cfg.format.sample_rate() / 50) as usize;
    let mut wbuf = BytesMut::with_capacity(fs * 2 + 32);
    Message::Uuid(Uuid::new_v4()).encode(&mut wbuf);
    if stream.write_all(&wbuf).await.is_err() {
        return res;
    }
    let mut rbuf = BytesMut::with_capacity(4096);
    let mut sent_at = vec![None::<Instant>; RING];
    let mut frame = vec![0i16; fs];
    let mut decoded = Vec::with_capacity(fs);
    let mut pos = (index * fs * 7) % audio.len();
    let mut seq: u16 = 0;
    let mut tick = tokio::time::interval(Duration::from_millis(20));
    tick.set_missed_tick_behavior(MissedTickBehavior::Burst);
    let stop_sending = Instant::now() + cfg.duration;
    let tail = cfg.echo_delay + Duration::from_millis(300);
    let mut sending = true;
    let drain_until = tokio::time::sleep_until(stop_sending + tail);
    tokio::pin!(drain_until);
    let mut clean = true;
    loop {
        tokio::select! {
            biased;
            n = stream.read_buf(&mut rbuf) => {
                match n {
                    Ok(0) | Err(_) => { clean = false; break; }
                    Ok(_) => {}
                }
                let now = Instant::now();
                loop {
                    match Message::parse(&mut rbuf) {
                        Ok(Some(Message::Audio { payload, .. })) => {
                            decoded.clear();
                            decode_audio(&payload, &mut decoded);
                            if decoded.len() >= 2 && decoded[0] == TAG_MAGIC {
                                let s = decoded[1] as u16;
                                if let Some(t) = sent_at[usize::from(s) % RING].take() {
                                    res.received += 1;
                                    let added = now.saturating_duration_since(t).saturating_sub(cfg.echo_delay);
                                    if added > cfg.late_after {
                                        res.late += 1;
                                    }
                                    res.latencies_us.push(u32::try_from(added.as_micros()).unwrap_or(u32::MAX));
                                }
                            }
                        }
                        Ok(Some(Message::Hangup)) => { clean = false; break; }
                        Ok(Some(_)) => {}
                        Ok(None) => break,
                        Err(_) => { clean = false; break; }
                    }
                }
                if !clean { break; }
            }
            _ = tick.tick(), if sending => {
                if Instant::now() >= stop_sending {
                    sending = false;
                    continue;
                }
                for s in frame.iter_mut() {
                    *s = audio[pos];
                    pos = (pos + 1) % audio.len();
                }
                frame[0] = TAG_MAGIC;
                frame[1] = seq as i16;
                wbuf.clear();
                encode_audio(cfg.format, &frame, &mut wbuf);
                sent_at[usize::from(seq) % RING] = Some(Instant::now());
                if stream.write_all(&wbuf).await.is_err() {
                    clean = false;
                    break;
                }
                res.sent += 1;
                seq = seq.wrapping_add(1);
            }
            () = &mut drain_until => break,
        }
    }
    if clean {
        wbuf.clear();
        Message::Hangup.encode(&mut wbuf);
        let _ = stream.write_all(&wbuf).await;
        // The server closes after our hangup; wait for it so the call is really over.
        let mut sink = [0u8; 1024];
        let closed = tokio::time::timeout(Duration::from_secs(2), async {
            loop {
                match stream.read(&mut sink).await {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {}
                }
            }
        })
        .await;
        res.completed = closed.is_ok();
    }
    res
}

/// Linux USER_HZ; 100 on every mainstream architecture.
const CLK_TCK: f64 = 100.0;

#[derive(Debug, Clone, Copy)]
struct ProcSample {
    cpu_ticks: u64,
    rss_bytes: u64,
}

fn proc_sample(pid: u32) -> Option<ProcSample> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    Some(ProcSample {
        cpu_ticks: parse_stat_cpu(&stat)?,
        rss_bytes: parse_status_rss(&status)?,
    })
}

/// utime + stime (fields 14 and 15) of `/proc/<pid>/stat`. The command name (field 2) may
/// contain spaces and parentheses, so fields are counted after its last `)`.
fn parse_stat_cpu(stat: &str) -> Option<u64> {
    let rest = &stat[stat.rfind(')')? + 1..];
    let mut f = rest.split_whitespace().skip(11);
    let utime: u64 = f.next()?.parse().ok()?;
    let stime: u64 = f.next()?.parse().ok()?;
    Some(utime + stime)
}

/// `VmRSS` of `/proc/<pid>/status`, in bytes.
fn parse_status_rss(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proc_parsers_read_the_right_fields() {
        let stat =
            "1234 (my (odd) srv) S 1 1234 1234 0 -1 4194560 100 0 0 0 250 75 0 0 20 0 3 0 100 0 0";
        assert_eq!(parse_stat_cpu(stat), Some(325));
        let status = "Name:\tsrv\nVmPeak:\t  9000 kB\nVmRSS:\t  5120 kB\nThreads:\t3\n";
        assert_eq!(parse_status_rss(status), Some(5120 * 1024));
        assert_eq!(parse_status_rss("Name: x\n"), None);
    }

    #[test]
    fn this_process_can_be_sampled() {
        let s = proc_sample(std::process::id()).unwrap();
        assert!(s.rss_bytes > 0);
    }

    #[test]
    fn tone_loops_seamlessly() {
        let t = tone(440.0, 8000);
        assert_eq!(t.len(), 8000);
        assert_eq!(t[0], 0);
        // The sample after the last is the first again: t[7999] mirrors t[1].
        assert!((i32::from(t[7999]) + i32::from(t[1])).abs() <= 2);
    }
}
