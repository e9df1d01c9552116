//! End-to-end Twilio Media Streams over a real loopback WebSocket: signed upgrade, token in
//! `start`, audio in == audio out (mu-law both ways), DTMF, marks, `clear` on barge-in, `stop`,
//! and refusals that leave no call state.

// Test harness helpers outside #[test] fns: a failed setup should panic loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::result_large_err)]

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use parking_lot::Mutex;
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::http::StatusCode;
use voxgate_audio::g711;
use voxgate_call::{
    CallEvent, CallHandler, CallLimits, CallRegistry, CallSession, CancellationToken, EndReason,
};
use voxgate_telephony::twilio::client::{
    parse_connect_stream, CallIdentity, ClientError, MediaStreamClient, ServerEvent,
};
use voxgate_telephony::twilio::stream::StreamRefusal;
use voxgate_telephony::twilio::{
    compute_signature, serve_media_stream, MediaStreamOptions, Secret, StreamEnd, TokenRejection,
    TwilioConfig, TwilioService, SIGNATURE_HEADER,
};
use voxgate_telephony::ws::TungsteniteWs;

const AUTH: &str = "test-auth-token";

/// Echoes audio at once, records DTMF and marks; DTMF `9` queues 3 s of tone, `#` barges in.
#[derive(Debug, Default)]
struct TestAgent {
    seen: Arc<Mutex<Seen>>,
}

#[derive(Debug, Default)]
struct Seen {
    dtmf: Vec<char>,
    marks: Vec<String>,
    dropped_on_clear: u64,
    hangup: Option<EndReason>,
}

#[async_trait]
impl CallHandler for TestAgent {
    async fn handle(&self, mut session: CallSession) {
        while let Some(ev) = session.recv().await {
            match ev {
                CallEvent::Audio(f) => {
                    let _ = session.play(&f.samples);
                }
                CallEvent::Dtmf('9') => {
                    self.seen.lock().dtmf.push('9');
                    let tone: Vec<i16> = (0..24_000)
                        .map(|i| ((i as f32 * 0.2).sin() * 6000.0) as i16)
                        .collect();
                    let _ = session.play(&tone);
                }
                CallEvent::Dtmf('#') => {
                    self.seen.lock().dtmf.push('#');
                    let cleared = session.clear();
                    self.seen.lock().dropped_on_clear = cleared.dropped_samples;
                }
                CallEvent::Dtmf(d) => self.seen.lock().dtmf.push(d),
                CallEvent::Mark(m) => self.seen.lock().marks.push(m),
                CallEvent::Hangup(r) => {
                    self.seen.lock().hangup = Some(r);
                    break;
                }
                _ => {}
            }
        }
    }
}

struct Harness {
    service: TwilioService,
    registry: CallRegistry,
    seen: Arc<Mutex<Seen>>,
    ends: mpsc::UnboundedReceiver<StreamEnd>,
    port: u16,
}

/// A server that checks the upgrade signature like the real one (403 before upgrading) and
/// runs `serve_media_stream` on each accepted socket.
async fn harness() -> Harness {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let service = TwilioConfig::new(Secret::new(AUTH), format!("http://127.0.0.1:{port}"))
        .validate()
        .unwrap();
    let registry = CallRegistry::new(CallLimits::default(), CancellationToken::new());
    let seen = Arc::new(Mutex::new(Seen::default()));
    let agent: Arc<dyn CallHandler> = Arc::new(TestAgent {
        seen: Arc::clone(&seen),
    });
    let (tx, ends) = mpsc::unbounded_channel();
    let (svc, reg) = (service.clone(), registry.clone());
    tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else {
                return;
            };
            let (svc, reg, agent, tx) = (svc.clone(), reg.clone(), Arc::clone(&agent), tx.clone());
            tokio::spawn(async move {
                let check = |req: &Request, resp: Response| -> Result<Response, ErrorResponse> {
                    let pq = req.uri().path_and_query().map_or("/", |p| p.as_str());
                    let sig = req
                        .headers()
                        .get(SIGNATURE_HEADER)
                        .and_then(|v| v.to_str().ok());
                    match svc.verify_stream_upgrade(pq, sig) {
                        Ok(()) => Ok(resp),
                        Err(_) => {
                            let mut r = ErrorResponse::new(None);
                            *r.status_mut() = StatusCode::FORBIDDEN;
                            Err(r)
                        }
                    }
                };
                let Ok(ws) = tokio_tungstenite::accept_hdr_async(tcp, check).await else {
                    return;
                };
                let options = MediaStreamOptions {
                    start_timeout: Duration::from_secs(2),
                    ..MediaStreamOptions::default()
                };
                let end =
                    serve_media_stream(TungsteniteWs::new(ws), &svc, &reg, agent, &options).await;
                let _ = tx.send(end);
            });
        }
    });
    Harness {
        service,
        registry,
        seen,
        ends,
        port,
    }
}

/// Plays the webhook step as Twilio would: signed POST -> TwiML -> stream URL and parameters.
fn webhook(h: &Harness, id: &CallIdentity) -> (String, BTreeMap<String, String>) {
    let body = format!(
        "CallSid={}&AccountSid={}&From=%2B15550001111&To=%2B15550002222&CallStatus=ringing&Direction=inbound",
        id.call_sid, id.account_sid
    );
    let params = voxgate_telephony::twilio::parse_form(body.as_bytes());
    let url = format!("http://127.0.0.1:{}/twilio/voice", h.port);
    let sig = compute_signature(&Secret::new(AUTH), &url, &params);
    let (_, twiml) = h
        .service
        .handle_webhook("/twilio/voice", Some(&sig), body.as_bytes(), "echo")
        .unwrap();
    parse_connect_stream(&twiml).unwrap()
}

fn tone(frames: usize) -> Vec<Vec<i16>> {
    (0..frames)
        .map(|f| {
            (0..160)
                .map(|i| {
                    let t = (f * 160 + i) as f32 / 8000.0;
                    // A chirp with a changing envelope, so misaligned audio cannot match.
                    ((t * (300.0 + 900.0 * t) * std::f32::consts::TAU).sin()
                        * (2000.0 + 9000.0 * (f % 7) as f32 / 7.0)) as i16
                })
                .collect()
        })
        .collect()
}

fn g711_roundtrip(s: &[i16]) -> Vec<i16> {
    let mut enc = Vec::new();
    g711::encode_ulaw(s, &mut enc);
    let mut dec = Vec::new();
    g711::decode_ulaw(&enc, &mut dec);
    dec
}

async fn next_end(h: &mut Harness) -> StreamEnd {
    tokio::time::timeout(Duration::from_secs(5), h.ends.recv())
        .await
        .expect("stream did not end")
        .expect("server task gone")
}

#[tokio::test]
async fn echo_call_end_to_end() {
    let mut h = harness().await;
    let id = CallIdentity::random();
    let (url, params) = webhook(&h, &id);
    assert_eq!(url, format!("ws://127.0.0.1:{}/twilio/stream", h.port));
    let mut c = MediaStreamClient::connect(&url, Some(&Secret::new(AUTH)), id)
        .await
        .unwrap();
    c.start(params).await.unwrap();
    // Garbage and unknown events are ignored without ending the call.
    c.send_raw("{not json").await.unwrap();
    c.send_raw(r#"{"event":"future-event","x":1}"#)
        .await
        .unwrap();

    let sent = tone(40);
    let expected: Vec<i16> = sent.iter().flat_map(|f| g711_roundtrip(f)).collect();
    let mut received: Vec<i16> = Vec::new();
    let mut marks = 0;
    let mut ticker = tokio::time::interval(Duration::from_millis(20));
    let mut next = 0;
    // Send in real time and read the echo concurrently.
    while received.len() < expected.len() {
        tokio::select! {
            _ = ticker.tick(), if next < sent.len() => {
                c.send_audio(&sent[next]).await.unwrap();
                next += 1;
            }
            ev = c.next_event() => match ev.unwrap() {
                ServerEvent::Audio(a) => {
                    assert_eq!(a.len(), 160, "20 ms frames");
                    received.extend(a);
                }
                ServerEvent::Mark(name) => {
                    marks += 1;
                    c.ack_mark(&name).await.unwrap();
                }
                other => panic!("unexpected {other:?}"),
            },
            _ = tokio::time::sleep(Duration::from_secs(3)) => panic!("echo stalled at {} samples", received.len()),
        }
    }
    // mu-law is idempotent after one round trip: the echo is bit-exact against it.
    assert_eq!(received, expected);
    assert!(marks >= 1, "marks follow the audio");

    // DTMF reaches the agent; `9` starts 3 s of speech, `#` barges in.
    c.send_dtmf('9').await.unwrap();
    let mut frames_before_clear = 0;
    while frames_before_clear < 5 {
        match c.next_event().await.unwrap() {
            ServerEvent::Audio(_) => frames_before_clear += 1,
            ServerEvent::Mark(n) => c.ack_mark(&n).await.unwrap(),
            other => panic!("unexpected {other:?}"),
        }
    }
    c.send_dtmf('#').await.unwrap();
    let mut after = 0;
    loop {
        match c.next_event().await.unwrap() {
            ServerEvent::Clear => break,
            ServerEvent::Audio(_) => after += 1,
            ServerEvent::Mark(_) => {}
            ServerEvent::Closed => panic!("closed before clear"),
        }
    }
    // Paced output: only the frames in flight when `#` was sent arrive before the clear.
    assert!(
        after < 10,
        "{after} frames after barge-in: output is not paced"
    );
    c.stop().await.unwrap();

    let end = next_end(&mut h).await;
    let StreamEnd::Ended { reason, stats, .. } = end else {
        panic!("refused: {end:?}")
    };
    assert_eq!(reason, EndReason::RemoteHangup);
    assert_eq!(stats.media_in, 40);
    assert_eq!(stats.dtmf, 2);
    assert_eq!(stats.clears, 1);
    assert_eq!(stats.bad_messages, 1, "the garbage frame");
    assert!(stats.marks_confirmed >= 1);
    assert!(stats.media_out < 40 + 150, "the 3 s tone was cut short");
    {
        let seen = h.seen.lock();
        assert_eq!(seen.dtmf, ['9', '#']);
        assert!(!seen.marks.is_empty(), "confirmed marks reach the agent");
        assert!(seen.dropped_on_clear > 8000, "most of the tone was dropped");
        assert_eq!(seen.hangup, Some(EndReason::RemoteHangup));
    }
    assert_eq!(h.registry.active(), 0, "no call state left");
}

#[tokio::test]
async fn bad_upgrade_signature_is_refused_with_403() {
    let mut h = harness().await;
    let id = CallIdentity::random();
    let (url, _) = webhook(&h, &id);
    for token in [Some(Secret::new("wrong-token")), None] {
        let err = MediaStreamClient::connect(&url, token.as_ref(), id.clone())
            .await
            .unwrap_err();
        let ClientError::Connect(msg) = err else {
            panic!("{err:?}")
        };
        assert!(msg.contains("403"), "{msg}");
    }
    assert!(h.ends.try_recv().is_err(), "no stream was served");
    assert_eq!(h.registry.stats().started, 0);
}

#[tokio::test]
async fn forged_or_missing_stream_token_creates_no_call() {
    let mut h = harness().await;
    let id = CallIdentity::random();
    let (url, params) = webhook(&h, &id);

    // A token minted for another call.
    let mut other = id.clone();
    other.call_sid = CallIdentity::random().call_sid;
    let mut c = MediaStreamClient::connect(&url, Some(&Secret::new(AUTH)), other)
        .await
        .unwrap();
    c.start(params.clone()).await.unwrap();
    assert_eq!(c.next_event().await.unwrap(), ServerEvent::Closed);
    assert_eq!(
        next_end(&mut h).await,
        StreamEnd::Refused(StreamRefusal::Token(TokenRejection::Mismatch))
    );

    // No token at all.
    let mut c = MediaStreamClient::connect(&url, Some(&Secret::new(AUTH)), id.clone())
        .await
        .unwrap();
    let mut no_token = params.clone();
    no_token.remove("token");
    c.start(no_token).await.unwrap();
    assert_eq!(c.next_event().await.unwrap(), ServerEvent::Closed);
    assert_eq!(
        next_end(&mut h).await,
        StreamEnd::Refused(StreamRefusal::Token(TokenRejection::Missing))
    );

    // Profile switched after the webhook.
    let mut c = MediaStreamClient::connect(&url, Some(&Secret::new(AUTH)), id)
        .await
        .unwrap();
    let mut switched = params;
    switched.insert("profile".into(), "admin".into());
    c.start(switched).await.unwrap();
    assert_eq!(
        next_end(&mut h).await,
        StreamEnd::Refused(StreamRefusal::Token(TokenRejection::Mismatch))
    );
    assert_eq!(h.registry.stats().started, 0, "no call state was created");
}

#[tokio::test]
async fn peer_vanishing_ends_the_call() {
    let mut h = harness().await;
    let id = CallIdentity::random();
    let (url, params) = webhook(&h, &id);
    let mut c = MediaStreamClient::connect(&url, Some(&Secret::new(AUTH)), id)
        .await
        .unwrap();
    c.start(params).await.unwrap();
    c.send_audio(&[0; 160]).await.unwrap();
    // Wait until the call is admitted, then drop the socket without `stop`.
    for _ in 0..100 {
        if h.registry.active() == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    assert_eq!(h.registry.active(), 1);
    drop(c);
    let StreamEnd::Ended { reason, .. } = next_end(&mut h).await else {
        panic!("refused")
    };
    assert_eq!(reason, EndReason::ConnectionClosed);
    assert_eq!(h.registry.active(), 0);
    assert_eq!(h.seen.lock().hangup, Some(EndReason::ConnectionClosed));
}

#[tokio::test]
async fn loadgen_twilio_mode_measures_the_echo() {
    let mut h = harness().await;
    let cfg = voxgate_telephony::twilio::loadgen::TwilioLoadConfig {
        stream_url: format!("ws://127.0.0.1:{}/twilio/stream", h.port),
        auth_token: Secret::new(AUTH),
        profile: "echo".into(),
        calls: 4,
        duration: Duration::from_millis(600),
        ramp: Duration::from_millis(100),
        late_after: Duration::from_millis(200),
        ..Default::default()
    };
    let report = voxgate_telephony::twilio::loadgen::run(cfg).await.unwrap();
    assert_eq!(report.calls_started, 4, "{report}");
    assert_eq!(report.calls_completed, 4, "{report}");
    assert!(report.frames_sent >= 4 * 25, "{report}");
    assert_eq!(report.frames_lost, 0, "{report}");
    assert_eq!(report.frames_received, report.frames_sent, "{report}");
    assert!(report.latency_max > Duration::ZERO, "{report}");
    for _ in 0..4 {
        let StreamEnd::Ended { reason, .. } = next_end(&mut h).await else {
            panic!("refused")
        };
        assert_eq!(reason, EndReason::RemoteHangup);
    }
    assert_eq!(h.registry.active(), 0);
}
