//! Load generator: N concurrent AudioSocket calls against a running Voxgate with the `echo`
//! profile, streaming audio in real time and measuring what comes back.
//!
//! Every outbound frame is tagged in its first samples ([`TAG_MAGIC`], call-local sequence
//! number) so the echoed frame can be matched to its send time: echo returns the samples
//! unchanged over slin. Added latency = kernel receive time - send time - the server's configured
//! echo delay. A frame is *lost* if it never comes back and *late* if its added latency exceeds
//! [`LoadgenConfig::late_after`].
//!
//! The generator shares the machine with the server it measures, so it is built to be cheap: a
//! few threads walk their calls' non-blocking sockets on a 20 ms clock (no task per call, no
//! wake-up per frame), and arrival times come from the kernel, so the generator's own delays do
//! not count against the server.
//!
//! Server CPU and memory come from `/proc/<pid>/stat` and `/proc/<pid>/status` when a pid is given
//! (the server must run on the same host).

use std::net::SocketAddr;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tokio::time::Instant;

use crate::audiosocket::AudioFormat;

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
    /// Load threads, each driving a share of the calls.
    pub threads: usize,
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
            threads: std::thread::available_parallelism().map_or(1, usize::from),
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
    /// The generator's own worst delay in starting a send slot (its scheduling stalls). A
    /// stall longer than the server's burst allowance (3 frames) comes back as a backlog that
    /// real-time pacing never drains, so it is reported beside the server's figures.
    pub generator_worst_delay: Duration,
    /// Send slots the generator started more than one 20 ms frame late.
    pub generator_late_slots: u64,
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
        writeln!(
            f,
            "generator: worst send delay {:.2} ms, {} slots over 20 ms late",
            ms(self.generator_worst_delay),
            self.generator_late_slots
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

/// What one load thread saw of its own timing.
#[derive(Debug, Default)]
struct ShardTiming {
    worst_delay: Duration,
    late_slots: u64,
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
/// Calls are driven by a few OS threads (one per core by default), each owning a shard of
/// non-blocking sockets and walking them on a 20 ms clock, each call at its own phase of it:
/// it sends each call's next frame, and half a tick later reads what came back. No task or
/// wake-up per frame, so the generator costs a fraction of what the server does and leaves it
/// the CPU. Arrival times are the kernel's receive timestamps (`SO_TIMESTAMPNS`), not the time
/// the generator got round to reading: a generator that is itself late does not inflate the
/// server's figures.
///
/// # Errors
/// [`Error::Config`] for zero calls or a zero duration.
pub async fn run(cfg: LoadgenConfig) -> Result<LoadgenReport, Error> {
    if cfg.calls == 0 || cfg.duration.is_zero() {
        return Err(Error::Config("calls and duration must be positive".into()));
    }
    let frame_samples = (cfg.format.sample_rate() / 50) as usize;
    let audio: Arc<Vec<i16>> = match &cfg.audio {
        LoadAudio::Samples(s) if s.len() >= frame_samples => Arc::clone(s),
        LoadAudio::Samples(_) => return Err(Error::Config("audio shorter than one frame".into())),
        LoadAudio::Tone(hz) => Arc::new(tone(*hz, cfg.format.sample_rate())),
    };
    let threads = cfg.threads.clamp(1, cfg.calls);
    let cfg = Arc::new(cfg);
    let idle = cfg.server_pid.and_then(proc_sample);
    let start = std::time::Instant::now() + Duration::from_millis(20);
    let mut shards = Vec::with_capacity(threads);
    for t in 0..threads {
        let cfg = Arc::clone(&cfg);
        let audio = Arc::clone(&audio);
        let handle = std::thread::Builder::new()
            .name(format!("loadgen-{t}"))
            .spawn(move || shard::run(&cfg, &audio, start, t, threads))
            .map_err(|e| Error::Config(format!("starting a load thread: {e}")))?;
        shards.push(handle);
    }
    let start = Instant::from_std(start);
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
    let results = tokio::task::spawn_blocking(move || {
        shards
            .into_iter()
            .map(|h| h.join().unwrap_or_default())
            .collect::<Vec<(Vec<CallResult>, ShardTiming)>>()
    })
    .await
    .map_err(|e| Error::Config(format!("load threads: {e}")))?;
    let mut report = LoadgenReport {
        server: usage,
        ..LoadgenReport::default()
    };
    let mut lat: Vec<u32> = Vec::new();
    let mut calls = Vec::new();
    for (shard_calls, timing) in results {
        report.generator_worst_delay = report.generator_worst_delay.max(timing.worst_delay);
        report.generator_late_slots += timing.late_slots;
        calls.extend(shard_calls);
    }
    for r in calls {
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
    // A thread that died took its calls with it: count them as failed.
    let accounted = report.calls_completed + report.calls_failed;
    report.calls_failed += cfg.calls.saturating_sub(accounted);
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

/// One load thread and the calls it drives.
mod shard {
    use std::io::{ErrorKind, IoSliceMut, Write};
    use std::net::TcpStream;
    use std::os::fd::AsRawFd;
    use std::sync::mpsc;
    use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

    use bytes::BytesMut;
    use nix::sys::socket::{recvmsg, setsockopt, sockopt, ControlMessageOwned, MsgFlags};
    use uuid::Uuid;

    use super::{CallResult, LoadgenConfig, ShardTiming, RING, TAG_MAGIC};
    use crate::audiosocket::{decode_audio, encode_audio, Message};

    const TICK: Duration = Duration::from_millis(20);
    /// Phases of the tick the calls are spread over (2 ms apart).
    const SLOTS: usize = 10;

    #[derive(Debug, PartialEq, Eq)]
    enum State {
        /// Not yet due to start.
        Waiting,
        /// Sending a frame every tick.
        Streaming,
        /// Sending is over; late echoes may still come until the deadline.
        Draining(Instant),
        /// Our hangup is sent; waiting for the server to close, until the deadline.
        Closing(Instant),
        Done,
    }

    struct Call {
        index: usize,
        starts_at: Instant,
        stream: Option<TcpStream>,
        state: State,
        stop_sending_at: Instant,
        /// Bytes that did not fit in the socket on the last write.
        out: BytesMut,
        rbuf: BytesMut,
        /// Send time of each in-flight sequence number, ns since the epoch; 0 = none.
        sent_at_ns: Box<[u64]>,
        seq: u16,
        pos: usize,
        res: CallResult,
    }

    pub(super) fn run(
        cfg: &LoadgenConfig,
        audio: &[i16],
        start: Instant,
        shard: usize,
        shards: usize,
    ) -> (Vec<CallResult>, ShardTiming) {
        let mut calls: Vec<Call> = (shard..cfg.calls)
            .step_by(shards)
            .map(|index| {
                let starts_at = start + cfg.ramp.mul_f64(index as f64 / cfg.calls as f64);
                Call {
                    index,
                    starts_at,
                    stream: None,
                    state: State::Waiting,
                    stop_sending_at: starts_at + cfg.duration,
                    out: BytesMut::new(),
                    rbuf: BytesMut::with_capacity(4096),
                    sent_at_ns: vec![0; RING].into_boxed_slice(),
                    seq: 0,
                    pos: 0,
                    res: CallResult::default(),
                }
            })
            .collect();
        let mut timing = ShardTiming::default();
        // Connecting blocks (a server busy accepting can take milliseconds per handshake), so a
        // dialer thread does it and hands the sockets over: a sender that waited on connect()
        // would stall every streaming call of its shard and then burst their frames.
        let plan: Vec<(usize, Instant)> = calls
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.starts_at))
            .collect();
        let (dialed_tx, dialed_rx) = mpsc::channel::<(usize, Option<TcpStream>)>();
        let target = cfg.target;
        let dialer = std::thread::Builder::new()
            .name(format!("loadgen-dial-{shard}"))
            .spawn(move || {
                for (i, at) in plan {
                    sleep_until(at);
                    if dialed_tx.send((i, dial(target))).is_err() {
                        return;
                    }
                }
            });
        if dialer.is_err() {
            return (calls.into_iter().map(|c| c.res).collect(), timing);
        }
        let fs = (cfg.format.sample_rate() / 50) as usize;
        // One whole message per read, so the kernel timestamp is that message's arrival.
        let message_len = 3 + fs * 2;
        let mut frame = vec![0i16; fs];
        let mut wbuf = BytesMut::with_capacity(message_len);
        let mut scratch = vec![0u8; message_len];
        let mut decoded = Vec::with_capacity(fs);
        // Real calls start at random moments, so their frames are spread over the 20 ms
        // period; sending every call's frame at the same instant would measure a burst no
        // server sees. Calls are spread over SLOTS phases of the tick by their index; each
        // slot sends its own calls' frames and reads those of the calls half a tick earlier,
        // so one read per call per tick finds at most one new message.
        let slot_len = TICK / SLOTS as u32;
        let mut next_slot = start;
        let mut slot = 0usize;
        while calls.iter().any(|c| c.state != State::Done) {
            sleep_until(next_slot);
            let now = Instant::now();
            let delay = now.saturating_duration_since(next_slot);
            timing.worst_delay = timing.worst_delay.max(delay);
            if delay > TICK {
                timing.late_slots += 1;
            }
            loop {
                match dialed_rx.try_recv() {
                    Ok((i, stream)) => {
                        if let Some(c) = calls.get_mut(i) {
                            c.dialed(stream, cfg, audio);
                        }
                    }
                    Err(mpsc::TryRecvError::Empty) => break,
                    Err(mpsc::TryRecvError::Disconnected) => {
                        // Every call has been dialed; any still waiting never will be.
                        for c in calls.iter_mut().filter(|c| c.state == State::Waiting) {
                            c.fail();
                        }
                        break;
                    }
                }
            }
            let reading = (slot + SLOTS / 2) % SLOTS;
            for c in &mut calls {
                let phase = c.index % SLOTS;
                if phase == slot {
                    c.step(cfg, audio, now, &mut frame, &mut wbuf);
                } else if phase == reading {
                    c.receive(cfg, &mut scratch, &mut decoded);
                }
            }
            slot = (slot + 1) % SLOTS;
            next_slot += slot_len;
            // A thread that fell far behind skips ticks rather than bursting to catch up.
            let now = Instant::now();
            if now > next_slot + TICK * 5 {
                next_slot = now;
            }
        }
        (calls.into_iter().map(|c| c.res).collect(), timing)
    }

    /// Connects, says hello with a fresh UUID and returns the socket in non-blocking mode.
    fn dial(target: std::net::SocketAddr) -> Option<TcpStream> {
        let stream = TcpStream::connect_timeout(&target, Duration::from_secs(2)).ok()?;
        stream.set_nodelay(true).ok()?;
        setsockopt(&stream, sockopt::ReceiveTimestampns, &true).ok()?;
        let mut hello = BytesMut::new();
        Message::Uuid(Uuid::new_v4()).encode(&mut hello);
        (&stream).write_all(&hello).ok()?;
        stream.set_nonblocking(true).ok()?;
        Some(stream)
    }

    fn sleep_until(t: Instant) {
        let now = Instant::now();
        if t > now {
            std::thread::sleep(t - now);
        }
    }

    fn epoch_ns(t: SystemTime) -> u64 {
        t.duration_since(UNIX_EPOCH)
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
    }

    impl Call {
        fn step(
            &mut self,
            cfg: &LoadgenConfig,
            audio: &[i16],
            now: Instant,
            frame: &mut [i16],
            wbuf: &mut BytesMut,
        ) {
            match self.state {
                State::Streaming if now >= self.stop_sending_at => {
                    self.state = State::Draining(now + cfg.echo_delay + Duration::from_millis(300));
                }
                State::Streaming => self.send_frame(cfg, audio, frame, wbuf),
                State::Draining(until) if now >= until => {
                    wbuf.clear();
                    Message::Hangup.encode(wbuf);
                    if self.write(wbuf) {
                        self.state = State::Closing(now + Duration::from_secs(2));
                    } else {
                        self.fail();
                    }
                }
                State::Closing(until) if now >= until => self.fail(),
                _ => {}
            }
        }

        fn dialed(&mut self, stream: Option<TcpStream>, cfg: &LoadgenConfig, audio: &[i16]) {
            if self.state != State::Waiting {
                return;
            }
            let Some(stream) = stream else {
                self.state = State::Done;
                return;
            };
            self.res.connected = true;
            self.pos = (self.index * 160 * 7) % audio.len();
            self.stream = Some(stream);
            self.state = State::Streaming;
            self.stop_sending_at = Instant::now() + cfg.duration;
        }

        fn send_frame(
            &mut self,
            cfg: &LoadgenConfig,
            audio: &[i16],
            frame: &mut [i16],
            wbuf: &mut BytesMut,
        ) {
            for s in frame.iter_mut() {
                *s = audio[self.pos];
                self.pos = (self.pos + 1) % audio.len();
            }
            frame[0] = TAG_MAGIC;
            frame[1] = self.seq as i16;
            wbuf.clear();
            encode_audio(cfg.format, frame, wbuf);
            self.sent_at_ns[usize::from(self.seq) % RING] = epoch_ns(SystemTime::now());
            if !self.write(wbuf) {
                self.fail();
                return;
            }
            self.res.sent += 1;
            self.seq = self.seq.wrapping_add(1);
        }

        /// Writes without blocking; what the socket does not take now goes first next time.
        fn write(&mut self, bytes: &[u8]) -> bool {
            let Some(stream) = self.stream.as_mut() else {
                return false;
            };
            self.out.extend_from_slice(bytes);
            while !self.out.is_empty() {
                match stream.write(&self.out) {
                    Ok(0) => return false,
                    Ok(n) => {
                        let _ = self.out.split_to(n);
                    }
                    Err(e) if e.kind() == ErrorKind::WouldBlock => return true,
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    Err(_) => return false,
                }
            }
            true
        }

        fn receive(&mut self, cfg: &LoadgenConfig, scratch: &mut [u8], decoded: &mut Vec<i16>) {
            let Some(stream) = self.stream.as_ref() else {
                return;
            };
            let fd = stream.as_raw_fd();
            loop {
                let mut cmsg = nix::cmsg_space!(nix::sys::time::TimeSpec);
                let mut iov = [IoSliceMut::new(scratch)];
                let (n, arrived_ns) =
                    match recvmsg::<()>(fd, &mut iov, Some(&mut cmsg), MsgFlags::MSG_DONTWAIT) {
                        Ok(msg) => {
                            let mut at = None;
                            if let Ok(cmsgs) = msg.cmsgs() {
                                for c in cmsgs {
                                    if let ControlMessageOwned::ScmTimestampns(ts) = c {
                                        let ns = u64::try_from(ts.tv_sec()).unwrap_or(0)
                                            * 1_000_000_000
                                            + u64::try_from(ts.tv_nsec()).unwrap_or(0);
                                        at = Some(ns);
                                    }
                                }
                            }
                            (msg.bytes, at)
                        }
                        Err(nix::errno::Errno::EAGAIN) => return,
                        Err(nix::errno::Errno::EINTR) => continue,
                        Err(_) => return self.fail(),
                    };
                if n == 0 {
                    // The server closed: the end we wait for after our hangup, a failure before.
                    if matches!(self.state, State::Closing(_)) {
                        self.res.completed = true;
                        self.stream = None;
                        self.state = State::Done;
                    } else {
                        self.fail();
                    }
                    return;
                }
                let arrived_ns = arrived_ns.unwrap_or_else(|| epoch_ns(SystemTime::now()));
                self.rbuf.extend_from_slice(&scratch[..n]);
                loop {
                    match Message::parse(&mut self.rbuf) {
                        Ok(Some(Message::Audio { payload, .. })) => {
                            decoded.clear();
                            decode_audio(&payload, decoded);
                            if decoded.len() >= 2 && decoded[0] == TAG_MAGIC {
                                self.on_echo(cfg, decoded[1] as u16, arrived_ns);
                            }
                        }
                        Ok(Some(Message::Hangup)) => {
                            if !matches!(self.state, State::Closing(_)) {
                                return self.fail();
                            }
                        }
                        Ok(Some(_)) => {}
                        Ok(None) => break,
                        Err(_) => return self.fail(),
                    }
                }
            }
        }

        fn on_echo(&mut self, cfg: &LoadgenConfig, seq: u16, arrived_ns: u64) {
            let slot = &mut self.sent_at_ns[usize::from(seq) % RING];
            if *slot == 0 {
                return;
            }
            let sent = std::mem::take(slot);
            self.res.received += 1;
            let round_trip = Duration::from_nanos(arrived_ns.saturating_sub(sent));
            let added = round_trip.saturating_sub(cfg.echo_delay);
            if added > cfg.late_after {
                self.res.late += 1;
            }
            self.res
                .latencies_us
                .push(u32::try_from(added.as_micros()).unwrap_or(u32::MAX));
        }

        fn fail(&mut self) {
            self.stream = None;
            self.state = State::Done;
        }
    }
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
