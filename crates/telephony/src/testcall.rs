//! A scripted test caller: plays a caller's side of one call against a running server, over
//! AudioSocket or Twilio Media Streams, and measures what the caller experiences.
//!
//! The caller streams audio in real time (one 20 ms frame per tick, silence between
//! utterances, as a phone line does), waits for the agent's greeting to finish, then speaks
//! each utterance of its [`CallScript`] and waits for the reply. For every turn it records the
//! **voice-to-voice latency**: from the last voiced frame it sent to the first voiced frame it
//! received. Everything heard is kept on a timeline aligned with what was sent, so a WAV of the
//! call sounds as the caller heard it. `voxgate call` is built on this, and the agent's
//! end-to-end tests and latency benchmark use it.
//!
//! "Voiced" is decided by frame energy (RMS above [`CallScript::voiced_rms`]), the same way for
//! sent and received audio, because servers may send silence frames while idle.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::time::Duration;

use async_trait::async_trait;
use bytes::BytesMut;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::time::{Instant, MissedTickBehavior};
use uuid::Uuid;

use crate::audiosocket::{decode_audio, encode_audio, AudioFormat, Message};
use crate::twilio::client::{CallIdentity, ClientSocket, MediaStreamClient, ServerEvent};
use crate::twilio::{Secret, StreamTokens, PARAM_PROFILE, PARAM_TOKEN};

/// Samples per 20 ms frame at 8 kHz, the rate of every test call.
const FRAME: usize = 160;
/// The test caller's sample rate.
pub const TEST_CALL_RATE: u32 = 8000;

/// Errors of a test call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// Connecting to the server failed.
    #[error("connect to {target}: {message}")]
    Connect {
        /// Where.
        target: String,
        /// Why.
        message: String,
    },
    /// The connection failed mid-call.
    #[error("call failed: {0}")]
    Link(String),
    /// The script cannot be played (empty utterance...).
    #[error("bad script: {0}")]
    Script(String),
}

/// What the caller says and how patient it is.
#[derive(Debug, Clone)]
pub struct CallScript {
    /// Utterances in order, PCM16 at 8 kHz; each is one caller turn.
    pub utterances: Vec<Vec<i16>>,
    /// Longest wait for the greeting to start (no greeting: the caller speaks after this).
    pub greeting_timeout: Duration,
    /// Longest wait for a reply to start after an utterance.
    pub reply_timeout: Duration,
    /// Received silence that ends a greeting or a reply.
    pub end_of_reply: Duration,
    /// Frames whose RMS exceeds this count as voiced.
    pub voiced_rms: f32,
    /// Hard limit for the whole call.
    pub max_call: Duration,
}

impl CallScript {
    /// A script speaking `utterances` with default patience.
    pub fn new(utterances: Vec<Vec<i16>>) -> Self {
        Self {
            utterances,
            greeting_timeout: Duration::from_secs(8),
            reply_timeout: Duration::from_secs(20),
            end_of_reply: Duration::from_millis(1500),
            voiced_rms: 300.0,
            max_call: Duration::from_secs(180),
        }
    }
}

/// One caller turn as measured by the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct TurnReport {
    /// Last voiced frame sent -> first voiced frame received; `None` if no reply came.
    pub voice_to_voice: Option<Duration>,
    /// How long the reply lasted (first to last voiced frame received).
    pub reply_duration: Duration,
    /// Where the reply starts and ends in [`TestCallReport::heard`], in samples.
    pub reply_span: Option<(usize, usize)>,
}

/// Everything a test call measured.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TestCallReport {
    /// Call start -> first voiced frame of the greeting, if there was one.
    pub greeting_after: Option<Duration>,
    /// Where the greeting is in [`Self::heard`], in samples.
    pub greeting_span: Option<(usize, usize)>,
    /// One entry per utterance spoken.
    pub turns: Vec<TurnReport>,
    /// What the caller sent, 8 kHz, on the call's clock.
    pub sent: Vec<i16>,
    /// What the caller heard, 8 kHz, aligned with [`Self::sent`].
    pub heard: Vec<i16>,
    /// The server ended the call (hung up or closed the connection).
    pub server_hung_up: bool,
    /// `clear` messages received (Twilio barge-in).
    pub clears: u32,
}

impl TestCallReport {
    /// The call as a stereo-interleaved buffer: left what the caller said, right what it heard.
    pub fn stereo(&self) -> Vec<i16> {
        let n = self.sent.len().max(self.heard.len());
        let mut out = Vec::with_capacity(n * 2);
        for i in 0..n {
            out.push(self.sent.get(i).copied().unwrap_or(0));
            out.push(self.heard.get(i).copied().unwrap_or(0));
        }
        out
    }
}

/// Something the server sent.
#[derive(Debug)]
pub enum LinkEvent {
    /// Agent audio, PCM16 8 kHz.
    Audio(Vec<i16>),
    /// Drop queued audio (barge-in) — the server already stopped sending.
    Clear,
    /// Anything else the caller can ignore (marks).
    Other,
    /// The server ended the call.
    Closed,
}

/// A caller's connection to a server: one implementation per transport.
#[async_trait]
pub trait CallerLink: Send {
    /// Sends one frame of caller audio (PCM16 8 kHz).
    async fn send_audio(&mut self, frame: &[i16]) -> Result<(), Error>;
    /// The next server event. Must be cancel-safe: the caller races it against its clock.
    async fn recv(&mut self) -> Result<LinkEvent, Error>;
    /// Ends the call from the caller's side.
    async fn hangup(&mut self);
}

/// An AudioSocket caller (Asterisk's side of the protocol, slin 8 kHz).
#[derive(Debug)]
pub struct AudioSocketCaller {
    stream: TcpStream,
    rbuf: BytesMut,
    wbuf: BytesMut,
    pending: std::collections::VecDeque<LinkEvent>,
}

impl AudioSocketCaller {
    /// Connects to `target` and announces `uuid` (the key the server maps to an agent profile).
    ///
    /// # Errors
    /// [`Error::Connect`].
    pub async fn connect(target: SocketAddr, uuid: Uuid) -> Result<Self, Error> {
        let mut stream = TcpStream::connect(target)
            .await
            .map_err(|e| Error::Connect {
                target: target.to_string(),
                message: e.to_string(),
            })?;
        let _ = stream.set_nodelay(true);
        let mut wbuf = BytesMut::with_capacity(512);
        Message::Uuid(uuid).encode(&mut wbuf);
        stream
            .write_all(&wbuf)
            .await
            .map_err(|e| Error::Link(e.to_string()))?;
        Ok(Self {
            stream,
            rbuf: BytesMut::with_capacity(8192),
            wbuf,
            pending: std::collections::VecDeque::new(),
        })
    }

    /// Sends one DTMF digit.
    ///
    /// # Errors
    /// [`Error::Link`] when the socket fails.
    pub async fn send_dtmf(&mut self, digit: char) -> Result<(), Error> {
        self.wbuf.clear();
        Message::Dtmf(digit).encode(&mut self.wbuf);
        self.stream
            .write_all(&self.wbuf)
            .await
            .map_err(|e| Error::Link(e.to_string()))
    }

    fn drain_parsed(&mut self) -> Result<(), Error> {
        loop {
            match Message::parse(&mut self.rbuf) {
                Ok(Some(Message::Audio { payload, .. })) => {
                    let mut pcm = Vec::with_capacity(payload.len() / 2);
                    decode_audio(&payload, &mut pcm);
                    self.pending.push_back(LinkEvent::Audio(pcm));
                }
                Ok(Some(Message::Hangup)) => self.pending.push_back(LinkEvent::Closed),
                Ok(Some(_)) => self.pending.push_back(LinkEvent::Other),
                Ok(None) => return Ok(()),
                Err(e) => return Err(Error::Link(format!("bad frame from server: {e}"))),
            }
        }
    }
}

#[async_trait]
impl CallerLink for AudioSocketCaller {
    async fn send_audio(&mut self, frame: &[i16]) -> Result<(), Error> {
        self.wbuf.clear();
        encode_audio(AudioFormat::Slin8, frame, &mut self.wbuf);
        self.stream
            .write_all(&self.wbuf)
            .await
            .map_err(|e| Error::Link(e.to_string()))
    }

    async fn recv(&mut self) -> Result<LinkEvent, Error> {
        loop {
            if let Some(ev) = self.pending.pop_front() {
                return Ok(ev);
            }
            // read_buf is cancel-safe: bytes are either in rbuf or still in the socket.
            match self.stream.read_buf(&mut self.rbuf).await {
                Ok(0) | Err(_) => return Ok(LinkEvent::Closed),
                Ok(_) => self.drain_parsed()?,
            }
        }
    }

    async fn hangup(&mut self) {
        self.wbuf.clear();
        Message::Hangup.encode(&mut self.wbuf);
        let _ = self.stream.write_all(&self.wbuf).await;
        let _ = self.stream.shutdown().await;
    }
}

/// A Twilio Media Streams caller (Twilio's side: signed upgrade, `start` with custom
/// parameters, μ-law media).
#[derive(Debug)]
pub struct TwilioCaller {
    client: MediaStreamClient<ClientSocket>,
}

impl TwilioCaller {
    /// Connects to the stream `url` as Twilio would: the upgrade signed with `auth_token`, and
    /// a `start` whose custom parameters carry `profile` and a stream token minted from the
    /// same auth token (what the server's voice webhook would have put in its TwiML).
    ///
    /// # Errors
    /// [`Error::Connect`].
    pub async fn connect(url: &str, auth_token: &Secret, profile: &str) -> Result<Self, Error> {
        let id = CallIdentity::random();
        let token = StreamTokens::new(auth_token, 3600).mint(&id.call_sid, profile);
        let mut client = MediaStreamClient::connect(url, Some(auth_token), id)
            .await
            .map_err(|e| Error::Connect {
                target: url.to_string(),
                message: e.to_string(),
            })?;
        let parameters: BTreeMap<String, String> = [
            (PARAM_PROFILE.to_owned(), profile.to_owned()),
            (PARAM_TOKEN.to_owned(), token),
        ]
        .into_iter()
        .collect();
        client
            .start(parameters)
            .await
            .map_err(|e| Error::Link(e.to_string()))?;
        Ok(Self { client })
    }
}

#[async_trait]
impl CallerLink for TwilioCaller {
    async fn send_audio(&mut self, frame: &[i16]) -> Result<(), Error> {
        self.client
            .send_audio(frame)
            .await
            .map_err(|e| Error::Link(e.to_string()))
    }

    async fn recv(&mut self) -> Result<LinkEvent, Error> {
        match self.client.next_event().await {
            Ok(ServerEvent::Audio(pcm)) => Ok(LinkEvent::Audio(pcm)),
            Ok(ServerEvent::Clear) => Ok(LinkEvent::Clear),
            Ok(ServerEvent::Mark(name)) => {
                // Twilio echoes a mark once the audio before it has played; audio "plays"
                // as it arrives here.
                self.client
                    .ack_mark(&name)
                    .await
                    .map_err(|e| Error::Link(e.to_string()))?;
                Ok(LinkEvent::Other)
            }
            Ok(ServerEvent::Closed) => Ok(LinkEvent::Closed),
            Err(e) => Err(Error::Link(e.to_string())),
        }
    }

    async fn hangup(&mut self) {
        let _ = self.client.stop().await;
    }
}

/// Root-mean-square of a frame.
pub fn frame_rms(frame: &[i16]) -> f32 {
    if frame.is_empty() {
        return 0.0;
    }
    let sum: f64 = frame.iter().map(|&s| f64::from(s) * f64::from(s)).sum();
    (sum / frame.len() as f64).sqrt() as f32
}

/// Where the caller is in its script.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Phase {
    /// Waiting for the greeting to start or, once started, to end.
    Greeting,
    /// Speaking utterance `n`.
    Speaking(usize),
    /// Waiting for the reply to utterance `n`.
    Waiting(usize),
    /// Done: hang up.
    Done,
}

/// Plays `script` over `link` and reports what the caller experienced.
///
/// # Errors
/// [`Error::Script`] for an empty utterance; [`Error::Link`] when the connection fails. A server
/// hanging up is not an error: the report says so and lists the turns completed.
pub async fn run<L: CallerLink>(
    link: &mut L,
    script: &CallScript,
) -> Result<TestCallReport, Error> {
    if script.utterances.iter().any(Vec::is_empty) {
        return Err(Error::Script("an utterance is empty".into()));
    }
    let end_frames = (script.end_of_reply.as_millis() / 20).max(1) as usize;
    let mut report = TestCallReport::default();
    let start = Instant::now();
    let mut tick = tokio::time::interval(Duration::from_millis(20));
    tick.set_missed_tick_behavior(MissedTickBehavior::Burst);
    let silence = [0i16; FRAME];

    let mut phase = Phase::Greeting;
    let mut phase_started = Instant::now();
    let mut pos = 0usize; // position in the current utterance
    let mut last_voiced_sent: Option<Instant> = None;
    // Reply tracking (greeting or turn): first voiced frame time/sample and trailing quiet count.
    let mut reply_first: Option<(Instant, usize)> = None;
    let mut reply_last_sample = 0usize;
    let mut quiet_frames = 0usize;
    let mut voiced_since_tick = false;
    // Where each utterance's last voiced frame ends: a reply may start after it, not in a
    // pause between words.
    let speech_end: Vec<usize> = script
        .utterances
        .iter()
        .map(|u| {
            u.chunks(FRAME)
                .rposition(|f| frame_rms(f) > script.voiced_rms)
                .map_or(0, |i| (i + 1) * FRAME)
        })
        .collect();

    loop {
        if phase == Phase::Done || start.elapsed() > script.max_call {
            break;
        }
        tokio::select! {
            biased;
            ev = link.recv() => {
                match ev? {
                    LinkEvent::Audio(pcm) => {
                        // Align: what arrives now plays at the current position of the call clock.
                        if report.heard.len() < report.sent.len() {
                            report.heard.resize(report.sent.len(), 0);
                        }
                        for chunk in pcm.chunks(FRAME) {
                            let at = report.heard.len();
                            report.heard.extend_from_slice(chunk);
                            if frame_rms(chunk) > script.voiced_rms {
                                // Servers send silence frames while idle: only voiced audio
                                // keeps a greeting or reply going.
                                voiced_since_tick = true;
                                quiet_frames = 0;
                                reply_last_sample = at + chunk.len();
                                // A reply may start during the utterance's trailing silence.
                                let after_speech = match phase {
                                    Phase::Greeting | Phase::Waiting(_) => true,
                                    Phase::Speaking(n) => pos >= speech_end[n],
                                    Phase::Done => false,
                                };
                                if reply_first.is_none() && after_speech {
                                    reply_first = Some((Instant::now(), at));
                                }
                            }
                        }
                    }
                    LinkEvent::Clear => report.clears += 1,
                    LinkEvent::Other => {}
                    LinkEvent::Closed => {
                        report.server_hung_up = true;
                        break;
                    }
                }
            }
            _ = tick.tick() => {
                // Caller audio for this tick.
                let frame: &[i16] = match phase {
                    Phase::Speaking(n) => {
                        let utt = &script.utterances[n];
                        let end = (pos + FRAME).min(utt.len());
                        let f = &utt[pos..end];
                        pos = end;
                        f
                    }
                    _ => &silence,
                };
                let mut padded = [0i16; FRAME];
                padded[..frame.len()].copy_from_slice(frame);
                link.send_audio(&padded).await?;
                if frame_rms(&padded) > script.voiced_rms {
                    last_voiced_sent = Some(Instant::now());
                }
                report.sent.extend_from_slice(&padded);
                if !voiced_since_tick && reply_first.is_some() {
                    quiet_frames += 1;
                }
                voiced_since_tick = false;

                // Phase transitions.
                match phase {
                    Phase::Greeting => {
                        let done = match reply_first {
                            Some((at, sample)) if quiet_frames >= end_frames => {
                                report.greeting_after = Some(at.duration_since(start));
                                report.greeting_span = Some((sample, reply_last_sample));
                                true
                            }
                            None => phase_started.elapsed() >= script.greeting_timeout,
                            _ => false,
                        };
                        if done {
                            phase = if script.utterances.is_empty() { Phase::Done } else { Phase::Speaking(0) };
                            pos = 0;
                            last_voiced_sent = None;
                            reply_first = None;
                            quiet_frames = 0;
                            phase_started = Instant::now();
                        }
                    }
                    Phase::Speaking(n) => {
                        if pos >= script.utterances[n].len() {
                            phase = Phase::Waiting(n);
                            phase_started = Instant::now();
                        }
                    }
                    Phase::Waiting(n) => {
                        let finished = match reply_first {
                            Some(_) => quiet_frames >= end_frames,
                            None => phase_started.elapsed() >= script.reply_timeout,
                        };
                        if finished {
                            report.turns.push(turn_report(reply_first, last_voiced_sent, reply_last_sample));
                            reply_first = None;
                            quiet_frames = 0;
                            pos = 0;
                            last_voiced_sent = None;
                            phase_started = Instant::now();
                            phase = if n + 1 < script.utterances.len() { Phase::Speaking(n + 1) } else { Phase::Done };
                        }
                    }
                    Phase::Done => {}
                }
            }
        }
    }
    // A reply cut short by the server hanging up still counts.
    if let Phase::Waiting(_) = phase {
        report.turns.push(turn_report(
            reply_first,
            last_voiced_sent,
            reply_last_sample,
        ));
    }
    if !report.server_hung_up {
        link.hangup().await;
    }
    // One timeline for both directions: a frame may arrive after the caller's last tick.
    let len = report.sent.len().max(report.heard.len());
    report.sent.resize(len, 0);
    report.heard.resize(len, 0);
    Ok(report)
}

fn turn_report(
    reply_first: Option<(Instant, usize)>,
    last_voiced_sent: Option<Instant>,
    reply_last_sample: usize,
) -> TurnReport {
    match reply_first {
        Some((at, sample)) => TurnReport {
            voice_to_voice: last_voiced_sent.map(|s| at.saturating_duration_since(s)),
            reply_duration: Duration::from_millis(
                (reply_last_sample.saturating_sub(sample) as u64 * 1000)
                    / u64::from(TEST_CALL_RATE),
            ),
            reply_span: Some((sample, reply_last_sample)),
        },
        None => TurnReport {
            voice_to_voice: None,
            reply_duration: Duration::ZERO,
            reply_span: None,
        },
    }
}

/// Percentile (0.0-1.0) of a set of durations, nearest-rank; `None` when empty.
pub fn percentile(values: &[Duration], p: f64) -> Option<Duration> {
    if values.is_empty() {
        return None;
    }
    let mut v = values.to_vec();
    v.sort_unstable();
    let i = ((v.len() - 1) as f64 * p.clamp(0.0, 1.0)).round() as usize;
    v.get(i.min(v.len() - 1)).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;
    use voxgate_call::{CallLimits, CallRegistry, CancellationToken, EchoHandler, ProfileMap};

    fn tone(ms: usize, amp: f32) -> Vec<i16> {
        (0..ms * 8)
            .map(|n| ((n as f32 * 0.3).sin() * amp) as i16)
            .collect()
    }

    #[test]
    fn rms_of_known_signals() {
        assert_eq!(frame_rms(&[]), 0.0);
        assert_eq!(frame_rms(&[0; 160]), 0.0);
        assert!((frame_rms(&[1000; 160]) - 1000.0).abs() < 0.01);
        assert!((frame_rms(&[1000, -1000]) - 1000.0).abs() < 0.01);
    }

    #[test]
    fn percentiles_by_nearest_rank() {
        let v: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&v, 0.5), Some(Duration::from_millis(51)));
        assert_eq!(percentile(&v, 0.95), Some(Duration::from_millis(95)));
        assert_eq!(percentile(&v, 1.0), Some(Duration::from_millis(100)));
        assert_eq!(percentile(&[], 0.5), None);
    }

    #[tokio::test]
    async fn empty_utterance_is_refused() {
        struct Never;
        #[async_trait]
        impl CallerLink for Never {
            async fn send_audio(&mut self, _: &[i16]) -> Result<(), Error> {
                Ok(())
            }
            async fn recv(&mut self) -> Result<LinkEvent, Error> {
                std::future::pending().await
            }
            async fn hangup(&mut self) {}
        }
        let r = run(&mut Never, &CallScript::new(vec![vec![]])).await;
        assert!(matches!(r, Err(Error::Script(_))));
    }

    /// Against the real AudioSocket server with the echo profile: the "reply" is the caller's
    /// own voice 300 ms later, so the measured voice-to-voice latency must be about the echo
    /// delay (plus the utterance's own trailing quiet), and the reply as long as the utterance.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn measures_an_echo_call_over_audiosocket() {
        use crate::audiosocket::{AudioSocketConfig, AudioSocketServer};
        let shutdown = CancellationToken::new();
        let registry = CallRegistry::new(CallLimits::default(), shutdown.clone());
        let server = AudioSocketServer::new(
            AudioSocketConfig {
                listen: "127.0.0.1:0".parse().unwrap(),
                ..AudioSocketConfig::default()
            },
            registry.clone(),
            Arc::new(EchoHandler::new(Duration::from_millis(300))),
            Arc::new(ProfileMap::new().with_default(Some("echo".into()))),
        );
        let listener = server.bind().await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(server.run(listener));

        // 200 ms of tone then 400 ms of silence: the echo (300 ms later) starts inside the
        // utterance's trailing silence, as a fast agent's reply would.
        let mut utterance = tone(200, 6000.0);
        utterance.extend(vec![0i16; 8 * 400]);
        let mut script = CallScript::new(vec![utterance.clone(), utterance]);
        script.greeting_timeout = Duration::from_millis(200);
        script.end_of_reply = Duration::from_millis(400);
        let mut link = AudioSocketCaller::connect(addr, Uuid::new_v4())
            .await
            .unwrap();
        let report = run(&mut link, &script).await.unwrap();

        assert_eq!(report.greeting_after, None, "echo has no greeting");
        assert_eq!(report.turns.len(), 2);
        for t in &report.turns {
            let v2v = t.voice_to_voice.expect("echo replied");
            // Echo delay 300 ms after the tone's start = 100 ms after its last voiced frame.
            assert!(v2v >= Duration::from_millis(60), "{v2v:?}");
            assert!(v2v <= Duration::from_millis(260), "{v2v:?}");
            let d = t.reply_duration.as_millis();
            assert!((140..=280).contains(&d), "reply lasted {d} ms");
        }
        assert!(!report.server_hung_up);
        assert_eq!(report.sent.len(), report.heard.len());
        assert_eq!(report.stereo().len(), report.sent.len() * 2);
        shutdown.cancel();
    }
}
