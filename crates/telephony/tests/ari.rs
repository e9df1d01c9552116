//! The Stasis app against a fake Asterisk: exact REST calls with basic auth, the events
//! WebSocket, ExternalMedia RTP echo, DTMF, hangup, transfer and reconnect.

// Test helpers outside #[test] fns: panicking on a broken setup is the point.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::result_large_err)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use bytes::BytesMut;
use futures::{SinkExt, StreamExt};
use parking_lot::Mutex;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream, UdpSocket};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::handshake::server::{Request, Response};
use tokio_tungstenite::tungstenite::Message as Ws;
use voxgate_call::{CallLimits, CallRegistry, CancellationToken, EndReason, ProfileMap};
use voxgate_telephony::ari::{AriConfig, MediaLeg, Password, StasisApp};
use voxgate_telephony::audiosocket::{AudioSocketConfig, AudioSocketServer, Message};
use voxgate_telephony::compliance::{assert_transport_compliance, Expected, RecordingEcho};
use voxgate_telephony::rtp::{put_header, RtpCodec, RtpConfig, RtpPacket};

const AUTH: &str = "Basic dm94Z2F0ZTpzM2NyZXQ="; // voxgate:s3cret

#[derive(Debug, Clone, PartialEq, Eq)]
struct Rest {
    method: String,
    target: String,
    auth: Option<String>,
}

#[derive(Default)]
struct Fake {
    rest: Mutex<Vec<Rest>>,
    ws_uris: Mutex<Vec<(String, Option<String>)>>,
    events: Mutex<Option<mpsc::UnboundedSender<String>>>,
    asterisk_rtp: Mutex<Option<SocketAddr>>,
    close_first_ws: bool,
}

impl Fake {
    fn rest(&self) -> Vec<Rest> {
        self.rest.lock().clone()
    }
}

async fn fake_ari(fake: Arc<Fake>) -> SocketAddr {
    let l = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    tokio::spawn(async move {
        loop {
            let Ok((s, _)) = l.accept().await else { return };
            let fake = Arc::clone(&fake);
            tokio::spawn(async move {
                let mut peek = [0u8; 16];
                let n = s.peek(&mut peek).await.unwrap_or(0);
                if peek[..n].starts_with(b"GET /ari/events") {
                    serve_ws(s, fake).await;
                } else {
                    serve_rest(s, fake).await;
                }
            });
        }
    });
    addr
}

async fn serve_ws(s: TcpStream, fake: Arc<Fake>) {
    let f2 = Arc::clone(&fake);
    let ws = tokio_tungstenite::accept_hdr_async(s, move |req: &Request, resp: Response| {
        let auth = req
            .headers()
            .get("authorization")
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        f2.ws_uris.lock().push((req.uri().to_string(), auth));
        Ok(resp)
    })
    .await
    .unwrap();
    let (mut tx, mut rx) = ws.split();
    let n = fake.ws_uris.lock().len();
    if fake.close_first_ws && n == 1 {
        let _ = tx.send(Ws::Close(None)).await;
        return;
    }
    let (etx, mut erx) = mpsc::unbounded_channel();
    *fake.events.lock() = Some(etx);
    loop {
        tokio::select! {
            e = erx.recv() => match e {
                Some(e) => if tx.send(Ws::text(e)).await.is_err() { return },
                None => return,
            },
            m = rx.next() => if m.is_none() { return },
        }
    }
}

async fn serve_rest(mut s: TcpStream, fake: Arc<Fake>) {
    let mut buf = Vec::new();
    loop {
        let mut chunk = [0u8; 1024];
        let n = s.read(&mut chunk).await.unwrap_or(0);
        if n == 0 {
            return;
        }
        buf.extend_from_slice(&chunk[..n]);
        if buf.windows(4).any(|w| w == b"\r\n\r\n") {
            break;
        }
    }
    let head = String::from_utf8_lossy(&buf).to_string();
    let mut lines = head.lines();
    let mut first = lines.next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_owned();
    let target = first.next().unwrap_or_default().to_owned();
    let auth = lines
        .filter_map(|l| l.split_once(':'))
        .find(|(k, _)| k.eq_ignore_ascii_case("authorization"))
        .map(|(_, v)| v.trim().to_owned());
    fake.rest.lock().push(Rest {
        method: method.clone(),
        target: target.clone(),
        auth: auth.clone(),
    });
    let (status, body) = if auth.as_deref() != Some(AUTH) {
        ("401 Unauthorized", String::new())
    } else if target.starts_with("/ari/bridges?") {
        (
            "200 OK",
            r#"{"id":"br-1","technology":"simple_bridge","bridge_type":"mixing"}"#.to_owned(),
        )
    } else if target.starts_with("/ari/channels/externalMedia?")
        && target.contains("encapsulation=audiosocket")
    {
        (
            "200 OK",
            r#"{"id":"media-1","name":"AudioSocket/127.0.0.1:9092-00000001","state":"Up","caller":{"name":"","number":""}}"#
                .to_owned(),
        )
    } else if target.starts_with("/ari/channels/externalMedia?") {
        let rtp = fake.asterisk_rtp.lock().unwrap();
        (
            "200 OK",
            format!(
                r#"{{"id":"media-1","name":"UnicastRTP/127.0.0.1:{p}-0001","state":"Down","caller":{{"name":"","number":""}},
                "channelvars":{{"UNICASTRTP_LOCAL_ADDRESS":"{ip}","UNICASTRTP_LOCAL_PORT":"{p}"}}}}"#,
                ip = rtp.ip(),
                p = rtp.port()
            ),
        )
    } else {
        ("204 No Content", String::new())
    };
    let resp = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = s.write_all(resp.as_bytes()).await;
}

fn stasis_start(channel: &str) -> String {
    format!(
        r#"{{"type":"StasisStart","application":"voxgate","args":["echo"],"channel":{{"id":"{channel}","name":"PJSIP/100-0001",
        "state":"Ring","caller":{{"name":"Alice","number":"5551234"}},"dialplan":{{"context":"from-internal","exten":"800","priority":3}}}}}}"#
    )
}

fn event(kind: &str, channel: &str, extra: &str) -> String {
    format!(r#"{{"type":"{kind}","channel":{{"id":"{channel}","name":"PJSIP/100-0001"}}{extra}}}"#)
}

struct Setup {
    fake: Arc<Fake>,
    registry: CallRegistry,
    echo: RecordingEcho,
    shutdown: CancellationToken,
    app: tokio::task::JoinHandle<()>,
    asterisk: UdpSocket,
}

async fn setup(close_first_ws: bool, port_base: u16) -> Setup {
    let asterisk = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let fake = Arc::new(Fake {
        close_first_ws,
        ..Fake::default()
    });
    *fake.asterisk_rtp.lock() = Some(asterisk.local_addr().unwrap());
    let addr = fake_ari(Arc::clone(&fake)).await;
    let shutdown = CancellationToken::new();
    let registry = CallRegistry::new(CallLimits::default(), shutdown.clone());
    let echo = RecordingEcho::new(Duration::ZERO);
    let app = StasisApp::new(
        AriConfig {
            url: format!("http://{addr}/ari"),
            username: "voxgate".into(),
            password: Password::new("s3cret"),
            app: "voxgate".into(),
            codec: RtpCodec::Pcmu,
            rtp: RtpConfig {
                port_min: port_base,
                port_max: port_base + 99,
                jitter_depth_frames: 5,
                ..RtpConfig::default()
            },
            external_host: None,
            reconnect_min_ms: 50,
            reconnect_max_ms: 200,
            media: MediaLeg::Rtp,
            audiosocket_host: None,
        },
        registry.clone(),
        Arc::new(echo.clone()),
        Arc::new(ProfileMap::new().with("echo", "echo")),
    )
    .unwrap();
    let app = tokio::spawn(async move { app.run().await.unwrap() });
    Setup {
        fake,
        registry,
        echo,
        shutdown,
        app,
        asterisk,
    }
}

async fn wait_for<F: Fn() -> bool>(what: &str, f: F) {
    for _ in 0..500 {
        if f() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out waiting for {what}");
}

fn send_event(fake: &Fake, e: String) {
    fake.events.lock().as_ref().unwrap().send(e).unwrap();
}

fn ulaw_frame(n: usize) -> Vec<u8> {
    // Distinct mu-law codes; 0x7f/0xff both decode to zero, avoid them for exactness.
    (0..160).map(|i| ((n * 37 + i * 3) % 0x7e) as u8).collect()
}

#[tokio::test]
async fn stasis_call_flow_rtp_echo_dtmf_and_hangup() {
    let s = setup(false, 32_000).await;
    wait_for("events websocket", || s.fake.events.lock().is_some()).await;
    let (uri, auth) = s.fake.ws_uris.lock()[0].clone();
    assert_eq!(uri, "/ari/events?app=voxgate");
    assert_eq!(auth.as_deref(), Some(AUTH));

    send_event(&s.fake, stasis_start("chan-1"));
    wait_for("bridge join", || s.fake.rest().len() >= 5).await;
    // Our media channel also enters Stasis; it must not become a call.
    send_event(
        &s.fake,
        r#"{"type":"StasisStart","args":[],"channel":{"id":"media-1","name":"UnicastRTP/127.0.0.1:1-0001"}}"#.into(),
    );

    let rest = s.fake.rest();
    let em = &rest[3].target;
    let external_host = em
        .split('&')
        .find_map(|kv| kv.strip_prefix("external_host="))
        .unwrap()
        .replace("%3A", ":");
    let ours: SocketAddr = external_host.parse().unwrap();
    assert!((32_000..32_100).contains(&ours.port()) && ours.port() % 2 == 0);

    // "Asterisk" streams 15 mu-law frames of 20 ms.
    let mut buf = BytesMut::new();
    let frames: Vec<Vec<u8>> = (0..15).map(ulaw_frame).collect();
    for (i, f) in frames.iter().enumerate() {
        buf.clear();
        put_header(
            &mut buf,
            i == 0,
            0,
            65_530u16.wrapping_add(i as u16),
            1000 + 160 * i as u32,
            0xabcd,
        );
        buf.extend_from_slice(f);
        s.asterisk.send_to(&buf, ours).await.unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    send_event(
        &s.fake,
        event(
            "ChannelDtmfReceived",
            "chan-1",
            r#","digit":"5","duration_ms":120"#,
        ),
    );

    let mut got = Vec::new();
    let mut d = [0u8; 2048];
    while got.len() < 15 {
        let (n, from) = tokio::time::timeout(Duration::from_secs(3), s.asterisk.recv_from(&mut d))
            .await
            .expect("echoed RTP")
            .unwrap();
        assert_eq!(from, ours, "RTP comes from the port we advertised");
        got.push(RtpPacket::parse(&d[..n]).unwrap());
    }
    assert_eq!(
        got.iter().map(|p| p.payload.to_vec()).collect::<Vec<_>>(),
        frames,
        "echo byte for byte"
    );
    let ssrc = got[0].ssrc;
    assert_ne!(ssrc, 0xabcd, "our own SSRC");
    assert!(got[0].marker, "marker on the first packet of the talkspurt");
    for w in got.windows(2) {
        assert_eq!(w[1].ssrc, ssrc);
        assert_eq!(w[1].payload_type, 0);
        assert_eq!(w[1].sequence, w[0].sequence.wrapping_add(1));
        assert_eq!(w[1].timestamp, w[0].timestamp.wrapping_add(160));
        assert!(!w[1].marker);
    }

    send_event(&s.fake, event("ChannelHangupRequest", "chan-1", ""));
    let decoded: Vec<i16> = frames
        .iter()
        .flat_map(|f| f.iter().map(|c| voxgate_audio::g711::ulaw_to_linear(*c)))
        .collect();
    assert_transport_compliance(
        &s.registry,
        &s.echo,
        &Expected {
            audio: decoded,
            tolerance: 0,
            dtmf: "5".into(),
            end: EndReason::RemoteHangup,
        },
    )
    .await;
    wait_for("cleanup calls", || s.fake.rest().len() >= 7).await;
    let rest = s.fake.rest();
    let calls: Vec<(String, String)> = rest
        .iter()
        .map(|r| {
            (
                r.method.clone(),
                r.target.split('?').next().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert_eq!(
        calls,
        vec![
            ("POST".into(), "/ari/channels/chan-1/answer".into()),
            ("POST".into(), "/ari/bridges".into()),
            ("POST".into(), "/ari/bridges/br-1/addChannel".into()),
            ("POST".into(), "/ari/channels/externalMedia".into()),
            ("POST".into(), "/ari/bridges/br-1/addChannel".into()),
            ("DELETE".into(), "/ari/channels/media-1".into()),
            ("DELETE".into(), "/ari/bridges/br-1".into()),
        ]
    );
    assert_eq!(rest[1].target, "/ari/bridges?type=mixing");
    assert_eq!(
        rest[2].target,
        "/ari/bridges/br-1/addChannel?channel=chan-1"
    );
    assert_eq!(
        rest[4].target,
        "/ari/bridges/br-1/addChannel?channel=media-1"
    );
    let em = &rest[3].target;
    for p in [
        "app=voxgate",
        "format=ulaw",
        "encapsulation=rtp",
        "transport=udp",
        "direction=both",
    ] {
        assert!(em.contains(p), "{em} lacks {p}");
    }
    for r in &rest {
        assert_eq!(r.auth.as_deref(), Some(AUTH), "basic auth on {}", r.target);
        assert!(!r.target.contains("s3cret") && !r.target.contains("api_key"));
    }
    let info = s.echo.records()[0].info.clone().unwrap();
    assert_eq!(info.caller.as_deref(), Some("5551234"));
    assert_eq!(info.called.as_deref(), Some("800"));
    assert_eq!(info.profile.as_deref(), Some("echo"));
    s.shutdown.cancel();
    tokio::time::timeout(Duration::from_secs(5), s.app)
        .await
        .unwrap()
        .unwrap();
}

#[tokio::test]
async fn events_websocket_reconnects_after_close() {
    let s = setup(true, 32_200).await;
    wait_for("second connection", || s.fake.ws_uris.lock().len() >= 2).await;
    wait_for("events websocket", || s.fake.events.lock().is_some()).await;
    for (_, auth) in s.fake.ws_uris.lock().iter() {
        assert_eq!(auth.as_deref(), Some(AUTH));
    }
    s.shutdown.cancel();
    tokio::time::timeout(Duration::from_secs(5), s.app)
        .await
        .unwrap()
        .unwrap();
}

#[tokio::test]
async fn unknown_profile_is_hung_up() {
    let s = setup(false, 32_400).await;
    wait_for("events websocket", || s.fake.events.lock().is_some()).await;
    send_event(
        &s.fake,
        r#"{"type":"StasisStart","args":["nobody"],"channel":{"id":"chan-9","name":"PJSIP/1-1"}}"#
            .into(),
    );
    wait_for("hangup", || !s.fake.rest().is_empty()).await;
    let r = &s.fake.rest()[0];
    assert_eq!(
        (r.method.as_str(), r.target.as_str()),
        ("DELETE", "/ari/channels/chan-9")
    );
    assert_eq!(s.registry.stats().started, 0);
    s.shutdown.cancel();
}

/// Transfers the call to `voxgate-transfer,100,2` on the first DTMF digit.
#[derive(Debug)]
struct TransferOnDtmf(Arc<Mutex<Option<Result<(), String>>>>);

#[async_trait::async_trait]
impl voxgate_call::CallHandler for TransferOnDtmf {
    async fn handle(&self, mut session: voxgate_call::CallSession) {
        while let Some(ev) = session.recv().await {
            if let voxgate_call::CallEvent::Dtmf(_) = ev {
                let r = session
                    .transfer(voxgate_call::TransferTarget(
                        "voxgate-transfer,100,2".into(),
                    ))
                    .await
                    .map_err(|e| e.to_string());
                *self.0.lock() = Some(r);
            }
        }
    }
}

#[tokio::test]
async fn agent_transfer_continues_in_the_dialplan_without_hanging_up() {
    let asterisk = UdpSocket::bind("127.0.0.1:0").await.unwrap();
    let fake = Arc::new(Fake::default());
    *fake.asterisk_rtp.lock() = Some(asterisk.local_addr().unwrap());
    let addr = fake_ari(Arc::clone(&fake)).await;
    let shutdown = CancellationToken::new();
    let registry = CallRegistry::new(CallLimits::default(), shutdown.clone());
    let outcome = Arc::new(Mutex::new(None));
    let app = StasisApp::new(
        AriConfig {
            url: format!("http://{addr}/ari"),
            username: "voxgate".into(),
            password: Password::new("s3cret"),
            app: "voxgate".into(),
            codec: RtpCodec::Slin16,
            rtp: RtpConfig {
                port_min: 32_600,
                port_max: 32_699,
                ..RtpConfig::default()
            },
            external_host: None,
            reconnect_min_ms: 50,
            reconnect_max_ms: 200,
            media: MediaLeg::Rtp,
            audiosocket_host: None,
        },
        registry.clone(),
        Arc::new(TransferOnDtmf(Arc::clone(&outcome))),
        Arc::new(ProfileMap::new().with_default(Some("agent".into()))),
    )
    .unwrap();
    let task = tokio::spawn(app.run());
    wait_for("events websocket", || fake.events.lock().is_some()).await;
    send_event(&fake, stasis_start("chan-2"));
    wait_for("bridge join", || fake.rest().len() >= 5).await;
    assert!(fake.rest()[3].target.contains("format=slin16"));
    send_event(
        &fake,
        event("ChannelDtmfReceived", "chan-2", r#","digit":"9""#),
    );
    wait_for("transfer outcome", || outcome.lock().is_some()).await;
    assert_eq!(*outcome.lock(), Some(Ok(())));
    tokio::time::timeout(Duration::from_secs(5), registry.wait_idle())
        .await
        .unwrap();
    wait_for("cleanup", || fake.rest().len() >= 8).await;
    let rest = fake.rest();
    assert_eq!(rest[5].method, "POST");
    assert_eq!(
        rest[5].target,
        "/ari/channels/chan-2/continue?context=voxgate-transfer&extension=100&priority=2"
    );
    let tail: Vec<_> = rest[6..]
        .iter()
        .map(|r| (r.method.as_str(), r.target.as_str()))
        .collect();
    assert_eq!(
        tail,
        vec![
            ("DELETE", "/ari/channels/media-1"),
            ("DELETE", "/ari/bridges/br-1")
        ]
    );
    assert!(
        !rest
            .iter()
            .any(|r| r.method == "DELETE" && r.target == "/ari/channels/chan-2"),
        "transferred call not hung up"
    );
    shutdown.cancel();
    tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
}

fn query_param(target: &str, key: &str) -> String {
    target
        .split(['?', '&'])
        .find_map(|kv| kv.strip_prefix(&format!("{key}=")))
        .unwrap_or_default()
        .replace("%3A", ":")
}

async fn read_audiosocket(tcp: &mut TcpStream, buf: &mut BytesMut) -> Option<Message> {
    loop {
        if let Some(m) = Message::parse(buf).unwrap() {
            return Some(m);
        }
        if tcp.read_buf(buf).await.unwrap() == 0 {
            return None;
        }
    }
}

#[tokio::test]
async fn audiosocket_media_leg_carries_the_call_while_ari_keeps_the_signalling() {
    let fake = Arc::new(Fake::default());
    let addr = fake_ari(Arc::clone(&fake)).await;
    let shutdown = CancellationToken::new();
    let registry = CallRegistry::new(CallLimits::default(), shutdown.clone());
    let echo = RecordingEcho::new(Duration::ZERO);
    let handler: Arc<dyn voxgate_call::CallHandler> = Arc::new(echo.clone());
    // The AudioSocket listener refuses every UUID it was not told about.
    let audiosocket = AudioSocketServer::new(
        AudioSocketConfig {
            listen: "127.0.0.1:0".parse().unwrap(),
            ..AudioSocketConfig::default()
        },
        registry.clone(),
        Arc::clone(&handler),
        Arc::new(ProfileMap::new()),
    );
    let listener = audiosocket.bind().await.unwrap();
    let audiosocket_addr = listener.local_addr().unwrap();
    let rendezvous = audiosocket.rendezvous();
    let audiosocket_task = tokio::spawn(audiosocket.run(listener));
    let app = StasisApp::new(
        AriConfig {
            url: format!("http://{addr}/ari"),
            username: "voxgate".into(),
            password: Password::new("s3cret"),
            app: "voxgate".into(),
            codec: RtpCodec::Pcmu,
            rtp: RtpConfig::default(),
            external_host: None,
            reconnect_min_ms: 50,
            reconnect_max_ms: 200,
            media: MediaLeg::Audiosocket,
            audiosocket_host: Some(audiosocket_addr.to_string()),
        },
        registry.clone(),
        handler,
        Arc::new(ProfileMap::new().with("echo", "echo")),
    )
    .unwrap()
    .with_audiosocket_media(rendezvous.clone())
    .unwrap();
    let task = tokio::spawn(app.run());
    wait_for("events websocket", || fake.events.lock().is_some()).await;
    send_event(&fake, stasis_start("chan-1"));
    wait_for("media leg joined", || fake.rest().len() >= 5).await;
    let em = fake.rest()[3].target.clone();
    assert!(em.starts_with("/ari/channels/externalMedia?"), "{em}");
    for p in [
        "app=voxgate",
        "format=slin16",
        "encapsulation=audiosocket",
        "transport=tcp",
    ] {
        assert!(em.contains(p), "{em} lacks {p}");
    }
    assert_eq!(
        query_param(&em, "external_host"),
        audiosocket_addr.to_string()
    );
    let uuid: uuid::Uuid = query_param(&em, "data").parse().expect("UUID in data");
    assert_eq!(rendezvous.pending(), 1);

    // "Asterisk" connects the leg with that UUID and streams 10 slin16 frames.
    let mut tcp = TcpStream::connect(audiosocket_addr).await.unwrap();
    let mut out = BytesMut::new();
    Message::Uuid(uuid).encode(&mut out);
    tcp.write_all(&out).await.unwrap();
    let frames: Vec<Vec<i16>> = (0..10)
        .map(|n| {
            (0..320)
                .map(|i| ((n * 311 + i * 17) % 20_000) as i16 - 10_000)
                .collect()
        })
        .collect();
    for f in &frames {
        out.clear();
        voxgate_telephony::audiosocket::encode_audio(
            voxgate_telephony::audiosocket::AudioFormat::Slin16,
            f,
            &mut out,
        );
        tcp.write_all(&out).await.unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    wait_for("leg admitted", || rendezvous.pending() == 0).await;
    // DTMF arrives as an ARI event, not on the AudioSocket.
    send_event(
        &fake,
        event("ChannelDtmfReceived", "chan-1", r#","digit":"7""#),
    );
    let mut rbuf = BytesMut::new();
    let mut echoed = Vec::new();
    while echoed.len() < 320 * 10 {
        let m = tokio::time::timeout(
            Duration::from_secs(3),
            read_audiosocket(&mut tcp, &mut rbuf),
        )
        .await
        .expect("echoed audio")
        .expect("socket open");
        match m {
            Message::Audio { format, payload } => {
                assert_eq!(format, voxgate_telephony::audiosocket::AudioFormat::Slin16);
                voxgate_telephony::audiosocket::decode_audio(&payload, &mut echoed);
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    // The caller hangs up: ARI says so, and the AudioSocket leg is ended with 0x00.
    send_event(&fake, event("ChannelHangupRequest", "chan-1", ""));
    let mut saw_hangup = false;
    while let Ok(Some(m)) = tokio::time::timeout(
        Duration::from_secs(3),
        read_audiosocket(&mut tcp, &mut rbuf),
    )
    .await
    {
        if m == Message::Hangup {
            saw_hangup = true;
        }
    }
    assert!(saw_hangup, "0x00 sent on the AudioSocket leg");
    assert_transport_compliance(
        &registry,
        &echo,
        &Expected {
            audio: frames.concat(),
            tolerance: 0,
            dtmf: "7".into(),
            end: EndReason::RemoteHangup,
        },
    )
    .await;
    let info = echo.records()[0].info.clone().unwrap();
    assert_eq!(info.id.as_uuid(), &uuid);
    assert_eq!(info.caller.as_deref(), Some("5551234"));
    assert_eq!(info.profile.as_deref(), Some("echo"));
    assert_eq!(info.sample_rate, 16_000);
    assert_eq!(info.transport, voxgate_call::TransportKind::Audiosocket);
    wait_for("cleanup", || fake.rest().len() >= 7).await;
    let tail: Vec<(String, String)> = fake.rest()[5..]
        .iter()
        .map(|r| (r.method.clone(), r.target.clone()))
        .collect();
    assert_eq!(
        tail,
        vec![
            ("DELETE".into(), "/ari/channels/media-1".into()),
            ("DELETE".into(), "/ari/bridges/br-1".into()),
        ],
        "the caller hung up himself: only our legs are removed"
    );
    shutdown.cancel();
    tokio::time::timeout(Duration::from_secs(5), task)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    tokio::time::timeout(Duration::from_secs(5), audiosocket_task)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
}
