//! Load generator over Twilio Media Streams: N concurrent simulated Twilio calls against a
//! running Voxgate (`echo` profile), streaming audio in real time and measuring the echo.
//! The CLI's `voxgate loadgen --transport twilio` maps its flags onto [`TwilioLoadConfig`]; the
//! report is the same [`LoadgenReport`] as the AudioSocket load generator's.
//!
//! Each call connects like Twilio (signed upgrade), sends `start` with a stream token it mints
//! itself (tokens are keyed from the auth token, which a load generator needs anyway to sign),
//! and sends one `media` message per 20 ms. Frames are tagged so the echo can be matched to its
//! send time: the tag and a sequence number are written as mu-law *codes* in the first samples,
//! which survive the mu-law round trips unchanged (every code but 0x7F, negative zero, decodes and
//! re-encodes to itself). Marks from the server are acknowledged at once.

use std::sync::Arc;
use std::time::Duration;

use tokio::task::JoinSet;
use tokio::time::{Instant, MissedTickBehavior};
use voxgate_audio::g711;

use super::client::{CallIdentity, MediaStreamClient, ServerEvent};
use super::{Secret, StreamTokens, PARAM_PROFILE, PARAM_TOKEN};
use crate::loadgen::{Error, LoadAudio, LoadgenReport};

/// The two mu-law codes that open a tagged frame.
const TAG: [u8; 2] = [0x01, 0x02];
/// Sequence numbers ring: enough for 80 s of 20 ms frames in flight per call.
const RING: usize = 4096;
/// Samples per 20 ms at 8 kHz.
const FRAME: usize = 160;

/// Settings of a Twilio load run.
#[derive(Debug, Clone)]
pub struct TwilioLoadConfig {
    /// The Media Streams WebSocket URL (`ws://HOST:PORT/twilio/stream`, or `wss://` behind TLS),
    /// as the server's `public_base_url` + `stream_path` says it.
    pub stream_url: String,
    /// The Twilio auth token configured on the server: signs the upgrades and keys the tokens.
    pub auth_token: Secret,
    /// Agent profile (the server must run `echo` for latency figures to mean anything).
    pub profile: String,
    /// Concurrent calls.
    pub calls: usize,
    /// How long each call streams audio.
    pub duration: Duration,
    /// Call starts are spread evenly over this time.
    pub ramp: Duration,
    /// Audio streamed: PCM16 at 8 kHz, or a tone.
    pub audio: LoadAudio,
    /// The server's echo delay, subtracted from round trips.
    pub echo_delay: Duration,
    /// Added latency beyond which a frame counts as late.
    pub late_after: Duration,
}

impl Default for TwilioLoadConfig {
    fn default() -> Self {
        Self {
            stream_url: "ws://127.0.0.1:8080/twilio/stream".to_owned(),
            auth_token: Secret::new(""),
            profile: "echo".to_owned(),
            calls: 10,
            duration: Duration::from_secs(10),
            ramp: Duration::from_secs(2),
            audio: LoadAudio::Tone(440.0),
            echo_delay: Duration::ZERO,
            late_after: Duration::from_millis(40),
        }
    }
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

/// Runs the load and reports (`server` stays `None`: sample the server's /proc as the
/// AudioSocket load generator does if needed).
///
/// # Errors
/// [`Error::Config`] for zero calls, a zero duration or audio shorter than a frame.
pub async fn run(cfg: TwilioLoadConfig) -> Result<LoadgenReport, Error> {
    if cfg.calls == 0 || cfg.duration.is_zero() {
        return Err(Error::Config("calls and duration must be positive".into()));
    }
    let audio: Arc<Vec<i16>> = match &cfg.audio {
        LoadAudio::Samples(s) if s.len() >= FRAME => Arc::clone(s),
        LoadAudio::Samples(_) => return Err(Error::Config("audio shorter than one frame".into())),
        LoadAudio::Tone(hz) => Arc::new(
            (0..8000)
                .map(|n| ((n as f32 / 8000.0 * hz * std::f32::consts::TAU).sin() * 8192.0) as i16)
                .collect(),
        ),
    };
    let tokens = Arc::new(StreamTokens::new(&cfg.auth_token, 3600));
    let cfg = Arc::new(cfg);
    let start = Instant::now();
    let mut set = JoinSet::new();
    for i in 0..cfg.calls {
        let at = start + cfg.ramp.mul_f64(i as f64 / cfg.calls as f64);
        let (cfg, audio, tokens) = (Arc::clone(&cfg), Arc::clone(&audio), Arc::clone(&tokens));
        set.spawn(async move {
            tokio::time::sleep_until(at).await;
            one_call(&cfg, &audio, &tokens, i).await
        });
    }
    let mut report = LoadgenReport::default();
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
        match lat.len() {
            0 => Duration::ZERO,
            n => {
                let i = ((n - 1) as f64 * p).round() as usize;
                Duration::from_micros(u64::from(lat[i.min(n - 1)]))
            }
        }
    };
    report.latency_p50 = pct(0.50);
    report.latency_p99 = pct(0.99);
    report.latency_max = pct(1.0);
    Ok(report)
}

/// Writes the tag and `seq` as mu-law codes over the start of `codes`.
fn tag_codes(codes: &mut [u8], seq: u16) {
    codes[0] = TAG[0];
    codes[1] = TAG[1];
    // Positive codes 0x80..=0xFF all round-trip; 7 bits each.
    codes[2] = 0x80 | (seq >> 14) as u8;
    codes[3] = 0x80 | ((seq >> 7) & 0x7F) as u8;
    codes[4] = 0x80 | (seq & 0x7F) as u8;
}

/// Reads back the sequence number of a tagged frame of decoded samples.
fn read_tag(samples: &[i16]) -> Option<u16> {
    if samples.len() < 5 {
        return None;
    }
    let c: Vec<u8> = samples[..5]
        .iter()
        .map(|&s| g711::linear_to_ulaw(s))
        .collect();
    if c[0] != TAG[0] || c[1] != TAG[1] || c[2..].iter().any(|b| b & 0x80 == 0) {
        return None;
    }
    let seq =
        (u16::from(c[2] & 0x7F) << 14) | (u16::from(c[3] & 0x7F) << 7) | u16::from(c[4] & 0x7F);
    Some(seq)
}

async fn one_call(
    cfg: &TwilioLoadConfig,
    audio: &[i16],
    tokens: &StreamTokens,
    index: usize,
) -> CallResult {
    let mut res = CallResult::default();
    let id = CallIdentity::random();
    let token = tokens.mint(&id.call_sid, &cfg.profile);
    let Ok(mut client) =
        MediaStreamClient::connect(&cfg.stream_url, Some(&cfg.auth_token), id).await
    else {
        return res;
    };
    res.connected = true;
    let params = [
        (PARAM_PROFILE.to_owned(), cfg.profile.clone()),
        (PARAM_TOKEN.to_owned(), token),
    ]
    .into_iter()
    .collect();
    if client.start(params).await.is_err() {
        return res;
    }
    let mut sent_at = vec![None::<Instant>; RING];
    let mut codes: Vec<u8> = Vec::with_capacity(FRAME);
    let mut pcm: Vec<i16> = Vec::with_capacity(FRAME);
    let mut pos = (index * FRAME * 7) % audio.len();
    let mut seq: u16 = 0;
    let mut tick = tokio::time::interval(Duration::from_millis(20));
    tick.set_missed_tick_behavior(MissedTickBehavior::Burst);
    let stop_sending = Instant::now() + cfg.duration;
    let drain_until =
        tokio::time::sleep_until(stop_sending + cfg.echo_delay + Duration::from_millis(300));
    tokio::pin!(drain_until);
    let mut sending = true;
    loop {
        tokio::select! {
            biased;
            ev = client.next_event() => match ev {
                Ok(ServerEvent::Audio(samples)) => {
                    let now = Instant::now();
                    if let Some(s) = read_tag(&samples) {
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
                Ok(ServerEvent::Mark(name)) => {
                    if client.ack_mark(&name).await.is_err() {
                        return res;
                    }
                }
                Ok(ServerEvent::Clear) => {}
                Ok(ServerEvent::Closed) | Err(_) => return res,
            },
            _ = tick.tick(), if sending => {
                if Instant::now() >= stop_sending {
                    sending = false;
                    continue;
                }
                codes.clear();
                for _ in 0..FRAME {
                    codes.push(g711::linear_to_ulaw(audio[pos]));
                    pos = (pos + 1) % audio.len();
                }
                tag_codes(&mut codes, seq);
                pcm.clear();
                g711::decode_ulaw(&codes, &mut pcm);
                sent_at[usize::from(seq) % RING] = Some(Instant::now());
                if client.send_audio(&pcm).await.is_err() {
                    return res;
                }
                res.sent += 1;
                seq = seq.wrapping_add(1);
            }
            () = &mut drain_until => break,
        }
    }
    if client.stop().await.is_err() {
        return res;
    }
    // The server closes once it has handled `stop`: the call is really over then.
    let closed = tokio::time::timeout(Duration::from_secs(2), async {
        loop {
            if let Ok(ServerEvent::Closed) | Err(_) = client.next_event().await {
                break;
            }
        }
    })
    .await;
    res.completed = closed.is_ok();
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_survive_mulaw_round_trips() {
        for seq in [0u16, 1, 127, 128, 4095, 40_000, u16::MAX] {
            let mut codes = vec![0xFFu8; FRAME];
            tag_codes(&mut codes, seq);
            let mut pcm = Vec::new();
            g711::decode_ulaw(&codes, &mut pcm);
            // Server side: decode -> (echo) -> encode -> client decodes.
            let mut again = Vec::new();
            g711::encode_ulaw(&pcm, &mut again);
            let mut back = Vec::new();
            g711::decode_ulaw(&again, &mut back);
            assert_eq!(read_tag(&back), Some(seq));
        }
        assert_eq!(read_tag(&[0; 160]), None);
    }
}
