//! End-to-end browser voice protocol over a real loopback WebSocket: token check, audio in ==
//! audio out (PCM16 passes untouched), DTMF, `clear` on barge-in, hangup, and refusals that leave
//! no call state.

// Test harness helpers outside #[test] fns: a failed setup should panic loudly.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::result_large_err)]

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use futures::{SinkExt, StreamExt};
use parking_lot::Mutex;
use tokio::net::TcpListener;
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message;
use voxgate_call::{
    CallEvent, CallHandler, CallLimits, CallRegistry, CallSession, CancellationToken, EndReason,
};
use voxgate_telephony::browser::protocol::{pcm16le_to_samples, samples_to_pcm16le};
use voxgate_telephony::browser::{
    serve_browser_session, AuthRejection, BrowserOptions, BrowserTokens, ServerMessage, SessionEnd,
    SessionRefusal,
};
use voxgate_telephony::ws::TungsteniteWs;

/// Echoes audio at once, records DTMF; `9` queues 3 s of tone, `#` barges in.
#[derive(Debug, Default)]
struct TestAgent {
    seen: Arc<Mutex<Vec<char>>>,
}

#[async_trait]
impl CallHandler for TestAgent {
    async fn handle(&self, mut session: CallSession) {
        while let Some(ev) = session.recv().await {
            match ev {
                CallEvent::Audio(f) => {
                    let _ = session.play(&f.samples);
                }
                CallEvent::Dtmf(d) => {
                    self.seen.lock().push(d);
                    if d == '9' {
                        let tone: Vec<i16> = (0..48_000)
                            .map(|i| ((i as f32 * 0.1).sin() * 6000.0) as i16)
                            .collect();
                        let _ = session.play(&tone);
                    } else if d == '#' {
                        session.clear();
                    }
                }
                CallEvent::Hangup(_) => break,
                _ => {}
            }
        }
    }
}

struct Harness {
    url: String,
    tokens: BrowserTokens,
    registry: CallRegistry,
    seen: Arc<Mutex<Vec<char>>>,
    ends: mpsc::UnboundedReceiver<SessionEnd>,
}

async fn harness() -> Harness {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("ws://{}/browser/ws", listener.local_addr().unwrap());
    let tokens = BrowserTokens::random(300);
    let registry = CallRegistry::new(CallLimits::default(), CancellationToken::new());
    let seen = Arc::new(Mutex::new(Vec::new()));
    let agent: Arc<dyn CallHandler> = Arc::new(TestAgent {
        seen: Arc::clone(&seen),
    });
    let (tx, ends) = mpsc::unbounded_channel();
    let (tok, reg) = (tokens.clone(), registry.clone());
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let (tok, reg, agent, tx) = (tok.clone(), reg.clone(), Arc::clone(&agent), tx.clone());
            tokio::spawn(async move {
                let Ok(ws) = tokio_tungstenite::accept_async(tcp).await else {
                    return;
                };
                let end = serve_browser_session(
                    TungsteniteWs::new(ws),
                    &tok,
                    &reg,
                    agent,
                    &BrowserOptions::default(),
                )
                .await;
                let _ = tx.send(end);
            });
        }
    });
    Harness {
        url,
        tokens,
        registry,
        seen,
        ends,
    }
}

type Client =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

async fn connect(h: &Harness) -> Client {
    tokio_tungstenite::connect_async(h.url.as_str())
        .await
        .unwrap()
        .0
}

async fn next_json(c: &mut Client) -> ServerMessage {
    loop {
        match tokio::time::timeout(Duration::from_secs(3), c.next()).await {
            Ok(Some(Ok(Message::Text(t)))) => return serde_json::from_str(t.as_str()).unwrap(),
            Ok(Some(Ok(Message::Binary(_)))) => continue,
            other => panic!("expected a text frame, got {other:?}"),
        }
    }
}

async fn next_end(h: &mut Harness) -> SessionEnd {
    tokio::time::timeout(Duration::from_secs(5), h.ends.recv())
        .await
        .expect("session did not end")
        .expect("server task gone")
}

fn start_msg(token: &str, rate: u32) -> Message {
    Message::Text(
        format!(r#"{{"type":"start","token":"{token}","profile":"echo","sample_rate":{rate}}}"#)
            .into(),
    )
}

#[tokio::test]
async fn echo_session_end_to_end() {
    let mut h = harness().await;
    let mut c = connect(&h).await;
    c.send(start_msg(&h.tokens.mint("echo"), 16000))
        .await
        .unwrap();
    let ServerMessage::Ready {
        sample_rate,
        frame_ms,
        ..
    } = next_json(&mut c).await
    else {
        panic!("no ready")
    };
    assert_eq!((sample_rate, frame_ms), (16000, 20));
    // Garbage is ignored.
    c.send(Message::Text("nope".into())).await.unwrap();
    c.send(Message::Binary(vec![1, 2, 3].into())).await.unwrap();

    let sent: Vec<Vec<i16>> = (0..40)
        .map(|f| {
            (0..320)
                .map(|i| (((f * 320 + i) as f32 * 0.05).sin() * (1000.0 + 500.0 * f as f32)) as i16)
                .collect()
        })
        .collect();
    let expected: Vec<i16> = sent.concat();
    let mut received = Vec::new();
    let mut ticker = tokio::time::interval(Duration::from_millis(20));
    let mut next = 0;
    while received.len() < expected.len() {
        tokio::select! {
            _ = ticker.tick(), if next < sent.len() => {
                c.send(Message::Binary(samples_to_pcm16le(&sent[next]).into())).await.unwrap();
                next += 1;
            }
            m = c.next() => match m {
                Some(Ok(Message::Binary(b))) => {
                    assert_eq!(b.len(), 640, "20 ms frames at 16 kHz");
                    received.extend(pcm16le_to_samples(&b).unwrap());
                }
                other => panic!("unexpected {other:?}"),
            },
            _ = tokio::time::sleep(Duration::from_secs(3)) => panic!("echo stalled"),
        }
    }
    assert_eq!(received, expected, "PCM16 echoes bit-exact");

    c.send(Message::Text(r#"{"type":"dtmf","digit":"9"}"#.into()))
        .await
        .unwrap();
    assert_eq!(
        next_json(&mut c).await,
        ServerMessage::Dtmf { digit: "9".into() }
    );
    let mut frames = 0;
    while frames < 5 {
        if let Some(Ok(Message::Binary(_))) = c.next().await {
            frames += 1;
        }
    }
    c.send(Message::Text(r##"{"type":"dtmf","digit":"#"}"##.into()))
        .await
        .unwrap();
    let mut after = 0;
    loop {
        match c.next().await {
            Some(Ok(Message::Binary(_))) => after += 1,
            Some(Ok(Message::Text(t))) => {
                let m: ServerMessage = serde_json::from_str(t.as_str()).unwrap();
                if m == ServerMessage::Clear {
                    break;
                }
            }
            other => panic!("unexpected {other:?}"),
        }
    }
    assert!(after < 10, "{after} frames after barge-in");
    c.send(Message::Text(r#"{"type":"hangup"}"#.into()))
        .await
        .unwrap();
    let SessionEnd::Ended { reason, stats, .. } = next_end(&mut h).await else {
        panic!("refused")
    };
    assert_eq!(reason, EndReason::RemoteHangup);
    assert_eq!(stats.frames_in, 40);
    assert_eq!(stats.dtmf, 2);
    assert_eq!(stats.clears, 1);
    assert_eq!(stats.bad_messages, 2);
    assert!(stats.frames_out < 40 + 150, "the tone was cut short");
    assert_eq!(*h.seen.lock(), ['9', '#']);
    assert_eq!(
        next_json(&mut c).await,
        ServerMessage::Hangup {
            reason: "caller".into()
        }
    );
    assert_eq!(h.registry.active(), 0);
}

#[tokio::test]
async fn refusals_create_no_call() {
    let mut h = harness().await;
    let other = BrowserTokens::random(300);
    let cases = [
        (
            start_msg(&other.mint("echo"), 16000),
            "unauthorized",
            SessionRefusal::Unauthorized(AuthRejection::Invalid),
        ),
        (
            start_msg(&h.tokens.mint("sales"), 16000),
            "unauthorized",
            SessionRefusal::Unauthorized(AuthRejection::ProfileNotAllowed),
        ),
        (
            start_msg(&h.tokens.mint("echo"), 48000),
            "unsupported_rate",
            SessionRefusal::UnsupportedRate,
        ),
        (
            Message::Binary(vec![0; 640].into()),
            "bad_request",
            SessionRefusal::NoStart,
        ),
    ];
    for (first, code, refusal) in cases {
        let mut c = connect(&h).await;
        c.send(first).await.unwrap();
        let ServerMessage::Error { code: got, .. } = next_json(&mut c).await else {
            panic!("expected an error")
        };
        assert_eq!(got, code);
        assert!(matches!(c.next().await, Some(Ok(Message::Close(_))) | None));
        assert_eq!(next_end(&mut h).await, SessionEnd::Refused(refusal));
    }
    assert_eq!(h.registry.stats().started, 0);
}

#[tokio::test]
async fn vanished_page_is_cleaned_up() {
    let mut h = harness().await;
    let mut c = connect(&h).await;
    c.send(start_msg(&h.tokens.mint("echo"), 16000))
        .await
        .unwrap();
    assert!(matches!(
        next_json(&mut c).await,
        ServerMessage::Ready { .. }
    ));
    assert_eq!(h.registry.active(), 1);
    drop(c);
    let SessionEnd::Ended { reason, .. } = next_end(&mut h).await else {
        panic!("refused")
    };
    assert_eq!(reason, EndReason::ConnectionClosed);
    assert_eq!(h.registry.active(), 0);
}
