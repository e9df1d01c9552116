//! AudioSocket end to end over real sockets: echo, DTMF, hangup, cleanup when the peer vanishes,
//! limits and refusals.

// Test helpers outside #[test] fns: panicking on a broken setup is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::result_large_err)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::BytesMut;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::task::JoinHandle;
use tokio::time::Instant;
use uuid::Uuid;
use voxgate_call::{CallLimits, CallRegistry, CancellationToken, EndReason, ProfileMap};
use voxgate_telephony::audiosocket::{
    encode_audio, AudioFormat, AudioSocketConfig, AudioSocketServer, Message,
};
use voxgate_telephony::compliance::{assert_transport_compliance, Expected, RecordingEcho};

struct Harness {
    addr: SocketAddr,
    registry: CallRegistry,
    echo: RecordingEcho,
    shutdown: CancellationToken,
    server: JoinHandle<()>,
}

fn limits() -> CallLimits {
    CallLimits {
        max_duration_secs: Some(60),
        idle_timeout_ms: Some(10_000),
        max_concurrent_calls: 10,
        inbound_queue_frames: 100,
    }
}

async fn start(config: AudioSocketConfig, limits: CallLimits, profiles: ProfileMap) -> Harness {
    let shutdown = CancellationToken::new();
    let registry = CallRegistry::new(limits, shutdown.clone());
    let echo = RecordingEcho::new(Duration::ZERO);
    let server = AudioSocketServer::new(
        AudioSocketConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            ..config
        },
        registry.clone(),
        Arc::new(echo.clone()),
        Arc::new(profiles),
    );
    let listener = server.bind().await.unwrap();
    let addr = listener.local_addr().unwrap();
    let server = tokio::spawn(async move { server.run(listener).await.unwrap() });
    Harness {
        addr,
        registry,
        echo,
        shutdown,
        server,
    }
}

async fn start_default() -> Harness {
    start(
        AudioSocketConfig::default(),
        limits(),
        ProfileMap::new().with_default(Some("echo".into())),
    )
    .await
}

fn msg(m: &Message) -> Vec<u8> {
    let mut b = BytesMut::new();
    m.encode(&mut b);
    b.to_vec()
}

fn audio(format: AudioFormat, samples: &[i16]) -> Vec<u8> {
    let mut b = BytesMut::new();
    encode_audio(format, samples, &mut b);
    b.to_vec()
}

async fn connect(addr: SocketAddr) -> (TcpStream, Uuid) {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.set_nodelay(true).unwrap();
    let id = Uuid::new_v4();
    s.write_all(&msg(&Message::Uuid(id))).await.unwrap();
    (s, id)
}

/// Reads messages until `n` audio messages arrived (or EOF / hangup), with their arrival times.
async fn read_messages(
    s: &mut TcpStream,
    buf: &mut BytesMut,
    n_audio: usize,
) -> Vec<(Instant, Message)> {
    let mut out = Vec::new();
    let mut audio = 0;
    while audio < n_audio {
        match Message::parse(buf).unwrap() {
            Some(m) => {
                if matches!(m, Message::Audio { .. }) {
                    audio += 1;
                }
                let end = matches!(m, Message::Hangup);
                out.push((Instant::now(), m));
                if end {
                    break;
                }
            }
            None => {
                let n = tokio::time::timeout(Duration::from_secs(5), s.read_buf(buf))
                    .await
                    .expect("server silent for 5 s")
                    .unwrap();
                if n == 0 {
                    break;
                }
            }
        }
    }
    out
}

async fn expect_eof(s: &mut TcpStream) {
    let mut rest = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), s.read_to_end(&mut rest))
        .await
        .expect("server did not close the socket")
        .ok();
}

fn frames(format: AudioFormat, n: usize) -> Vec<Vec<i16>> {
    let fs = (format.sample_rate() / 50) as usize;
    (0..n)
        .map(|f| {
            (0..fs)
                .map(|i| ((f * 1000 + i) as i16).wrapping_mul(7))
                .collect()
        })
        .collect()
}

async fn echo_round_trip(format: AudioFormat) {
    let h = start_default().await;
    let (mut s, id) = connect(h.addr).await;
    let sent = frames(format, 10);
    s.write_all(&msg(&Message::Dtmf('5'))).await.unwrap();
    for f in &sent {
        s.write_all(&audio(format, f)).await.unwrap();
    }
    s.write_all(&msg(&Message::Dtmf('#'))).await.unwrap();
    let mut buf = BytesMut::new();
    let got = read_messages(&mut s, &mut buf, sent.len()).await;
    let echoed: Vec<Vec<u8>> = got
        .iter()
        .filter_map(|(_, m)| match m {
            Message::Audio { format: f, payload } => {
                assert_eq!(*f, format, "echo comes back in the kind it arrived in");
                Some(payload.to_vec())
            }
            _ => None,
        })
        .collect();
    let expected: Vec<Vec<u8>> = sent
        .iter()
        .map(|f| audio(format, f)[3..].to_vec())
        .collect();
    assert_eq!(echoed, expected, "audio in == audio out, byte for byte");
    s.write_all(&msg(&Message::Hangup)).await.unwrap();
    expect_eof(&mut s).await;
    assert_transport_compliance(
        &h.registry,
        &h.echo,
        &Expected {
            audio: sent.concat(),
            tolerance: 0,
            dtmf: "5#".into(),
            end: EndReason::RemoteHangup,
        },
    )
    .await;
    let rec = &h.echo.records()[0];
    let info = rec.info.as_ref().unwrap();
    assert_eq!(info.id.as_uuid(), &id);
    assert_eq!(info.sample_rate, format.sample_rate());
    assert_eq!(info.profile.as_deref(), Some("echo"));
    h.shutdown.cancel();
    h.server.await.unwrap();
}

#[tokio::test]
async fn echo_slin8_end_to_end() {
    echo_round_trip(AudioFormat::Slin8).await;
}

#[tokio::test]
async fn echo_slin16_end_to_end() {
    echo_round_trip(AudioFormat::Slin16).await;
}

#[tokio::test]
async fn echo_slin48_end_to_end() {
    echo_round_trip(AudioFormat::Slin48).await;
}

#[tokio::test]
async fn output_is_paced_one_frame_per_20ms_even_when_input_bursts() {
    let h = start_default().await;
    let (mut s, _) = connect(h.addr).await;
    let burst: Vec<u8> = frames(AudioFormat::Slin8, 25)
        .iter()
        .flat_map(|f| audio(AudioFormat::Slin8, f))
        .collect();
    s.write_all(&burst).await.unwrap(); // 500 ms of audio in one write
    let mut buf = BytesMut::new();
    let got = read_messages(&mut s, &mut buf, 25).await;
    assert_eq!(got.len(), 25);
    let span = got[24].0 - got[0].0;
    // Three frames of burst credit, then one per 20 ms: at least 22 periods.
    assert!(
        span >= Duration::from_millis(430),
        "25 frames in {span:?}: not paced"
    );
    // Never more than a few frames back to back.
    let mut run = 0;
    for w in got.windows(2) {
        run = if w[1].0 - w[0].0 < Duration::from_millis(5) {
            run + 1
        } else {
            0
        };
        assert!(run < 4, "burst of {run} frames");
    }
    drop(s);
    tokio::time::timeout(Duration::from_secs(5), h.registry.wait_idle())
        .await
        .unwrap();
}

#[tokio::test]
async fn eof_without_hangup_ends_and_cleans_up_the_call() {
    let h = start_default().await;
    let (mut s, _) = connect(h.addr).await;
    let f = frames(AudioFormat::Slin8, 2);
    s.write_all(&audio(AudioFormat::Slin8, &f[0]))
        .await
        .unwrap();
    s.write_all(&audio(AudioFormat::Slin8, &f[1]))
        .await
        .unwrap();
    let mut buf = BytesMut::new();
    read_messages(&mut s, &mut buf, 2).await;
    assert_eq!(h.registry.active(), 1);
    s.shutdown().await.unwrap(); // FIN, as Asterisk does when the caller hangs up
    expect_eof(&mut s).await; // the server closed its side too
    assert_transport_compliance(
        &h.registry,
        &h.echo,
        &Expected {
            audio: f.concat(),
            tolerance: 0,
            dtmf: String::new(),
            end: EndReason::ConnectionClosed,
        },
    )
    .await;
}

#[tokio::test]
async fn connection_reset_ends_and_cleans_up_the_call() {
    let h = start_default().await;
    let (mut s, _) = connect(h.addr).await;
    let f = frames(AudioFormat::Slin8, 1);
    s.write_all(&audio(AudioFormat::Slin8, &f[0]))
        .await
        .unwrap();
    let mut buf = BytesMut::new();
    read_messages(&mut s, &mut buf, 1).await;
    s.set_zero_linger().unwrap();
    drop(s); // RST
    tokio::time::timeout(Duration::from_secs(5), h.registry.wait_idle())
        .await
        .expect("call left behind after reset");
    let rec = &h.echo.records()[0];
    assert!(
        matches!(
            rec.end,
            Some(EndReason::Error(_) | EndReason::ConnectionClosed)
        ),
        "{:?}",
        rec.end
    );
    assert_eq!(h.registry.stats().active, 0);
}

#[tokio::test]
async fn silent_peer_is_hung_up_after_the_idle_timeout() {
    let h = start(
        AudioSocketConfig::default(),
        CallLimits {
            idle_timeout_ms: Some(300),
            ..limits()
        },
        ProfileMap::new().with_default(Some("echo".into())),
    )
    .await;
    let (mut s, _) = connect(h.addr).await;
    let t0 = Instant::now();
    s.write_all(&audio(
        AudioFormat::Slin8,
        &frames(AudioFormat::Slin8, 1)[0],
    ))
    .await
    .unwrap();
    let mut buf = BytesMut::new();
    let got = read_messages(&mut s, &mut buf, 2).await;
    assert!(
        matches!(got.last(), Some((_, Message::Hangup))),
        "server sends 0x00 on idle timeout"
    );
    assert!(t0.elapsed() >= Duration::from_millis(300));
    expect_eof(&mut s).await;
    tokio::time::timeout(Duration::from_secs(5), h.registry.wait_idle())
        .await
        .unwrap();
    assert_eq!(h.echo.records()[0].end, Some(EndReason::IdleTimeout));
}

#[tokio::test]
async fn source_address_not_in_allowlist_is_refused() {
    let h = start(
        AudioSocketConfig {
            allow_from: vec!["10.0.0.0/8".parse().unwrap()],
            ..AudioSocketConfig::default()
        },
        limits(),
        ProfileMap::new().with_default(Some("echo".into())),
    )
    .await;
    let (mut s, _) = connect(h.addr).await;
    let _ = s.write_all(&audio(AudioFormat::Slin8, &[0; 160])).await;
    expect_eof(&mut s).await;
    assert_eq!(h.registry.stats().started, 0);
    assert!(h.echo.records().is_empty());
}

#[test]
fn default_allowlist_is_loopback_only() {
    let c = AudioSocketConfig::default();
    assert!(c.allows("127.0.0.1".parse().unwrap()));
    assert!(c.allows("127.9.9.9".parse().unwrap()));
    assert!(c.allows("::1".parse().unwrap()));
    assert!(c.allows("::ffff:127.0.0.1".parse().unwrap()));
    assert!(!c.allows("192.168.1.10".parse().unwrap()));
    assert!(!c.allows("::ffff:10.0.0.1".parse().unwrap()));
}

#[tokio::test]
async fn unknown_uuid_is_refused_when_there_is_no_default_profile() {
    let known = Uuid::new_v4();
    let h = start(
        AudioSocketConfig::default(),
        limits(),
        ProfileMap::new().with(&known.to_string(), "sales"),
    )
    .await;
    let (mut s, _) = connect(h.addr).await;
    expect_eof(&mut s).await;
    assert_eq!(h.registry.stats().started, 0);

    let mut s = TcpStream::connect(h.addr).await.unwrap();
    s.write_all(&msg(&Message::Uuid(known))).await.unwrap();
    s.write_all(&audio(AudioFormat::Slin8, &[3; 160]))
        .await
        .unwrap();
    let mut buf = BytesMut::new();
    assert_eq!(read_messages(&mut s, &mut buf, 1).await.len(), 1);
    assert_eq!(
        h.echo.records()[0]
            .info
            .as_ref()
            .unwrap()
            .profile
            .as_deref(),
        Some("sales")
    );
}

#[tokio::test]
async fn first_message_must_be_the_uuid() {
    let h = start_default().await;
    let mut s = TcpStream::connect(h.addr).await.unwrap();
    s.write_all(&audio(AudioFormat::Slin8, &[0; 160]))
        .await
        .unwrap();
    expect_eof(&mut s).await;
    assert_eq!(h.registry.stats().started, 0);
}

#[tokio::test]
async fn unknown_kind_mid_call_hangs_up_as_asterisk_does() {
    let h = start_default().await;
    let (mut s, _) = connect(h.addr).await;
    s.write_all(&audio(AudioFormat::Slin8, &[1; 160]))
        .await
        .unwrap();
    s.write_all(&[0x42, 0x00, 0x01, 0x00]).await.unwrap();
    let mut buf = BytesMut::new();
    let got = read_messages(&mut s, &mut buf, 2).await;
    assert!(matches!(got.last(), Some((_, Message::Hangup))), "{got:?}");
    expect_eof(&mut s).await;
    tokio::time::timeout(Duration::from_secs(5), h.registry.wait_idle())
        .await
        .unwrap();
    assert!(matches!(h.echo.records()[0].end, Some(EndReason::Error(_))));
}

#[tokio::test]
async fn error_message_from_asterisk_ends_the_call() {
    let h = start_default().await;
    let (mut s, _) = connect(h.addr).await;
    s.write_all(&audio(AudioFormat::Slin8, &[1; 160]))
        .await
        .unwrap();
    s.write_all(&msg(&Message::Error(0x01))).await.unwrap();
    expect_eof(&mut s).await;
    tokio::time::timeout(Duration::from_secs(5), h.registry.wait_idle())
        .await
        .unwrap();
    assert_eq!(h.echo.records()[0].end, Some(EndReason::RemoteHangup));
}

#[tokio::test]
async fn calls_over_the_limit_get_a_hangup() {
    let h = start(
        AudioSocketConfig::default(),
        CallLimits {
            max_concurrent_calls: 1,
            ..limits()
        },
        ProfileMap::new().with_default(Some("echo".into())),
    )
    .await;
    let (mut a, _) = connect(h.addr).await;
    a.write_all(&audio(AudioFormat::Slin8, &[1; 160]))
        .await
        .unwrap();
    let mut buf = BytesMut::new();
    read_messages(&mut a, &mut buf, 1).await;
    let (mut b, _) = connect(h.addr).await;
    b.write_all(&audio(AudioFormat::Slin8, &[1; 160]))
        .await
        .unwrap();
    let mut buf = BytesMut::new();
    let got = read_messages(&mut b, &mut buf, 1).await;
    assert!(matches!(got.as_slice(), [(_, Message::Hangup)]), "{got:?}");
    assert_eq!(h.registry.stats().rejected, 1);
}

#[tokio::test]
async fn shutdown_hangs_up_every_call_and_stops_the_server() {
    let h = start_default().await;
    let (mut s, _) = connect(h.addr).await;
    s.write_all(&audio(AudioFormat::Slin8, &[1; 160]))
        .await
        .unwrap();
    let mut buf = BytesMut::new();
    read_messages(&mut s, &mut buf, 1).await;
    h.shutdown.cancel();
    let got = read_messages(&mut s, &mut buf, 1).await;
    assert!(matches!(got.as_slice(), [(_, Message::Hangup)]), "{got:?}");
    tokio::time::timeout(Duration::from_secs(5), h.server)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(h.registry.active(), 0);
    assert!(TcpStream::connect(h.addr).await.is_err(), "listener closed");
}

/// The load generator against the real server with a delayed echo: every frame comes back, and
/// the added latency it reports is measured from kernel timestamps with the echo delay removed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn loadgen_counts_every_echoed_frame_and_subtracts_the_echo_delay() {
    use voxgate_call::EchoHandler;
    use voxgate_telephony::loadgen::{run, LoadAudio, LoadgenConfig};
    let shutdown = CancellationToken::new();
    let registry = CallRegistry::new(
        CallLimits {
            max_concurrent_calls: 50,
            ..limits()
        },
        shutdown.clone(),
    );
    let delay = Duration::from_millis(100);
    let server = AudioSocketServer::new(
        AudioSocketConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            ..AudioSocketConfig::default()
        },
        registry.clone(),
        Arc::new(EchoHandler::new(delay)),
        Arc::new(ProfileMap::new().with_default(Some(EchoHandler::PROFILE.into()))),
    );
    let listener = server.bind().await.unwrap();
    let addr = listener.local_addr().unwrap();
    let serving = tokio::spawn(async move { server.run(listener).await.unwrap() });

    let report = run(LoadgenConfig {
        target: addr,
        calls: 20,
        duration: Duration::from_secs(2),
        ramp: Duration::from_millis(200),
        audio: LoadAudio::Tone(440.0),
        echo_delay: delay,
        threads: 2,
        ..LoadgenConfig::default()
    })
    .await
    .unwrap();
    assert_eq!(report.calls_started, 20, "{report}");
    assert_eq!(report.calls_completed, 20, "{report}");
    // 2 s of 20 ms frames per call.
    assert!((95..=101).contains(&(report.frames_sent / 20)), "{report}");
    assert_eq!(report.frames_lost, 0, "{report}");
    assert_eq!(report.frames_received, report.frames_sent, "{report}");
    // Had the delay not been subtracted, every frame would show >= 100 ms.
    assert!(report.latency_p50 < Duration::from_millis(50), "{report}");
    // The calls are cleaned up on the server once the generator hung up.
    let deadline = Instant::now() + Duration::from_secs(5);
    while registry.active() > 0 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(registry.active(), 0);
    shutdown.cancel();
    let _ = serving.await;
}
