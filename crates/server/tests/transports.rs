//! The transports as `voxgate serve` runs them: the whole server in process on loopback ports,
//! driven over real HTTP and WebSockets. Twilio is configured as if behind a TLS proxy (its
//! public URL differs from the listener), so the tests also prove signatures are checked over
//! the public URL and never over the `Host` header.

// Test harness helpers outside #[test] fns: a failed setup should panic loudly.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeMap;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use tokio_tungstenite::tungstenite::client::IntoClientRequest;
use tokio_tungstenite::tungstenite::http::HeaderValue;
use tokio_tungstenite::tungstenite::Message;
use tokio_util::sync::CancellationToken;
use voxgate_server::config::{Config, ConfigSecret};
use voxgate_server::Running;
use voxgate_telephony::browser::assets;
use voxgate_telephony::browser::protocol::samples_to_pcm16le;
use voxgate_telephony::twilio::client::{
    parse_connect_stream, CallIdentity, ClientSocket, MediaStreamClient, ServerEvent,
};
use voxgate_telephony::twilio::{compute_signature, Secret, SIGNATURE_HEADER};
use voxgate_telephony::ws::TungsteniteWs;

const AUTH: &str = "twilio-test-auth-token";
const PUBLIC: &str = "https://voice.example.test";

struct Server {
    running: Running,
    _data: tempfile::TempDir,
}

impl Server {
    async fn start() -> Self {
        let data = tempfile::tempdir().unwrap();
        let mut config = Config::default();
        config.agent.enabled = false;
        config.data.dir = data.path().join("data");
        config.http.listen = "127.0.0.1:0".parse().unwrap();
        config.admin.listen = "127.0.0.1:0".parse().unwrap();
        config.audiosocket.enabled = false;
        config.shutdown_grace_secs = 2;
        config.twilio.enabled = true;
        config.twilio.auth_token = ConfigSecret::new(AUTH);
        config.twilio.public_base_url = PUBLIC.into();
        assert!(config.validate().is_empty(), "{:?}", config.validate());
        let running = voxgate_server::run(config, CancellationToken::new())
            .await
            .unwrap();
        Self {
            running,
            _data: data,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.running.http_addr)
    }

    fn ws_url(&self, path: &str) -> String {
        format!("ws://{}{path}", self.running.http_addr)
    }

    async fn stop(self) {
        self.running.shutdown();
        tokio::time::timeout(Duration::from_secs(15), self.running.wait())
            .await
            .expect("server stops")
            .unwrap();
    }
}

fn webhook_body(id: &CallIdentity) -> String {
    format!(
        "CallSid={}&AccountSid={}&From=%2B15550001111&To=%2B15550002222&CallStatus=ringing&Direction=inbound",
        id.call_sid, id.account_sid
    )
}

async fn post_webhook(s: &Server, body: &str, signature: Option<&str>) -> reqwest::Response {
    let mut req = reqwest::Client::new()
        .post(s.url("/twilio/voice"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_owned());
    if let Some(sig) = signature {
        req = req.header(SIGNATURE_HEADER, sig);
    }
    req.send().await.unwrap()
}

/// Twilio's webhook step: a form signed over the public URL, answered with TwiML.
async fn signed_webhook(s: &Server, id: &CallIdentity) -> (String, BTreeMap<String, String>) {
    let body = webhook_body(id);
    let params = voxgate_telephony::twilio::parse_form(body.as_bytes());
    let sig = compute_signature(
        &Secret::new(AUTH),
        &format!("{PUBLIC}/twilio/voice"),
        &params,
    );
    let resp = post_webhook(s, &body, Some(&sig)).await;
    assert_eq!(resp.status(), 200);
    let ct = resp.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(ct.starts_with("text/xml"), "{ct}");
    let twiml = resp.text().await.unwrap();
    parse_connect_stream(&twiml).unwrap_or_else(|| panic!("no <Connect><Stream> in {twiml}"))
}

/// Opens the Media Stream as Twilio would through the proxy: the request goes to our listener,
/// the signature covers the public `wss://` URL.
async fn connect_stream(
    s: &Server,
    public_url: &str,
    key: Option<&str>,
) -> Result<ClientSocket, tokio_tungstenite::tungstenite::Error> {
    let path = public_url
        .strip_prefix("wss://voice.example.test")
        .expect("stream URL below the public base");
    let mut req = s.ws_url(path).into_client_request().unwrap();
    if let Some(key) = key {
        let none: &[(&str, &str)] = &[];
        let sig = compute_signature(&Secret::new(key), public_url, none);
        req.headers_mut()
            .insert(SIGNATURE_HEADER, HeaderValue::from_str(&sig).unwrap());
    }
    let (ws, _) = tokio_tungstenite::connect_async(req).await?;
    Ok(TungsteniteWs::new(ws))
}

fn refused_status(err: tokio_tungstenite::tungstenite::Error) -> u16 {
    match err {
        tokio_tungstenite::tungstenite::Error::Http(resp) => resp.status().as_u16(),
        other => panic!("expected an HTTP refusal, got {other}"),
    }
}

/// 20 ms frames of a chirp with a changing envelope, so misaligned audio cannot match.
fn chirp(frames: usize, rate: usize) -> Vec<Vec<i16>> {
    let n = rate / 50;
    (0..frames)
        .map(|f| {
            (0..n)
                .map(|i| {
                    let t = (f * n + i) as f32 / rate as f32;
                    ((t * (300.0 + 900.0 * t) * std::f32::consts::TAU).sin()
                        * (2000.0 + 9000.0 * (f % 7) as f32 / 7.0)) as i16
                })
                .collect()
        })
        .collect()
}

fn ulaw_roundtrip(s: &[i16]) -> Vec<i16> {
    let mut enc = Vec::new();
    voxgate_audio::g711::encode_ulaw(s, &mut enc);
    let mut dec = Vec::new();
    voxgate_audio::g711::decode_ulaw(&enc, &mut dec);
    dec
}

/// Strips leading silence: the echo starts with nothing until the first frame comes back.
fn from_first_sound(s: &[i16]) -> &[i16] {
    let start = s.iter().position(|&x| x != 0).unwrap_or(s.len());
    &s[start..]
}

#[tokio::test]
async fn twilio_webhook_answers_signed_requests_only() {
    let s = Server::start().await;
    let id = CallIdentity::random();
    let (stream_url, params) = signed_webhook(&s, &id).await;
    assert_eq!(stream_url, "wss://voice.example.test/twilio/stream");
    assert_eq!(params.get("profile").map(String::as_str), Some("echo"));
    assert!(params.get("token").is_some_and(|t| t.starts_with("v1.")));

    let body = webhook_body(&id);
    let params = voxgate_telephony::twilio::parse_form(body.as_bytes());
    // Signed with another account's token; over the listener's own URL (the Host header);
    // a valid signature replayed on a modified body; no signature at all.
    let wrong_key = compute_signature(
        &Secret::new("not-our-token"),
        &format!("{PUBLIC}/twilio/voice"),
        &params,
    );
    let over_host = compute_signature(&Secret::new(AUTH), &s.url("/twilio/voice"), &params);
    let good = compute_signature(
        &Secret::new(AUTH),
        &format!("{PUBLIC}/twilio/voice"),
        &params,
    );
    let tampered = body.replace("ringing", "in-progress");
    for (body, sig) in [
        (body.as_str(), Some(wrong_key.as_str())),
        (body.as_str(), Some(over_host.as_str())),
        (tampered.as_str(), Some(good.as_str())),
        (body.as_str(), None),
    ] {
        let resp = post_webhook(&s, body, sig).await;
        assert_eq!(resp.status(), 403, "sig {sig:?}");
        assert!(
            resp.text().await.unwrap().is_empty(),
            "no TwiML when refused"
        );
    }
    s.stop().await;
}

#[tokio::test]
async fn twilio_media_stream_echoes_and_refuses_forged_upgrades() {
    let s = Server::start().await;
    let id = CallIdentity::random();
    let (stream_url, params) = signed_webhook(&s, &id).await;

    // Forged upgrades are refused before the socket exists.
    for key in [Some("not-our-token"), None] {
        let err = connect_stream(&s, &stream_url, key).await.unwrap_err();
        assert_eq!(refused_status(err), 403, "key {key:?}");
    }

    let ws = connect_stream(&s, &stream_url, Some(AUTH)).await.unwrap();
    let mut c = MediaStreamClient::new(ws, id);
    c.start(params).await.unwrap();
    let sent = chirp(30, 8000);
    let expected: Vec<i16> = sent.iter().flat_map(|f| ulaw_roundtrip(f)).collect();
    let expected = from_first_sound(&expected).to_vec();
    let mut received: Vec<i16> = Vec::new();
    let mut ticker = tokio::time::interval(Duration::from_millis(20));
    let mut next = 0;
    let deadline = tokio::time::sleep(Duration::from_secs(5));
    tokio::pin!(deadline);
    while from_first_sound(&received).len() < expected.len() {
        tokio::select! {
            _ = ticker.tick(), if next < sent.len() => {
                c.send_audio(&sent[next]).await.unwrap();
                next += 1;
            }
            ev = c.next_event() => match ev.unwrap() {
                ServerEvent::Audio(a) => received.extend(a),
                ServerEvent::Mark(name) => c.ack_mark(&name).await.unwrap(),
                other => panic!("unexpected {other:?}"),
            },
            () = &mut deadline => panic!("echo stalled at {} samples", received.len()),
        }
    }
    // The echo handler plays back exactly what it got; mu-law is idempotent after one round.
    assert_eq!(
        &from_first_sound(&received)[..expected.len()],
        &expected[..]
    );
    c.stop().await.unwrap();
    s.stop().await;
}

#[tokio::test]
async fn browser_page_is_served_with_its_csp() {
    let s = Server::start().await;
    let http = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for (path, body, ct) in [
        ("/browser/", assets::INDEX_HTML, "text/html"),
        ("/browser/index.html", assets::INDEX_HTML, "text/html"),
        ("/browser/app.js", assets::APP_JS, "text/javascript"),
        ("/browser/worklet.js", assets::WORKLET_JS, "text/javascript"),
        ("/browser/style.css", assets::STYLE_CSS, "text/css"),
    ] {
        let resp = http.get(s.url(path)).send().await.unwrap();
        assert_eq!(resp.status(), 200, "{path}");
        let h = resp.headers();
        assert!(
            h["content-type"].to_str().unwrap().starts_with(ct),
            "{path}"
        );
        assert_eq!(
            h["content-security-policy"],
            assets::CONTENT_SECURITY_POLICY,
            "{path}"
        );
        assert_eq!(h["x-content-type-options"], "nosniff", "{path}");
        assert_eq!(resp.text().await.unwrap(), body, "{path}");
    }
    let resp = http.get(s.url("/browser")).send().await.unwrap();
    assert!(resp.status().is_redirection());
    assert_eq!(resp.headers()["location"], "/browser/");
    for path in ["/browser/secret.txt", "/browser/..%2Fconfig.rs"] {
        let resp = http.get(s.url(path)).send().await.unwrap();
        assert_eq!(resp.status(), 404, "{path}");
    }
    s.stop().await;
}

#[tokio::test]
async fn browser_session_echoes_with_a_minted_token() {
    let s = Server::start().await;
    let resp = reqwest::Client::new()
        .post(s.url("/browser/token"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), 200);
    let grant: serde_json::Value = resp.json().await.unwrap();
    let token = grant["token"].as_str().unwrap().to_owned();
    assert_eq!(grant["profile"], "echo");

    let (mut ws, _) = tokio_tungstenite::connect_async(s.ws_url("/browser/ws"))
        .await
        .unwrap();
    let start =
        format!(r#"{{"type":"start","token":"{token}","profile":"echo","sample_rate":16000}}"#);
    ws.send(Message::Text(start.clone().into())).await.unwrap();
    let ready = tokio::time::timeout(Duration::from_secs(2), ws.next())
        .await
        .expect("ready in time");
    let Some(Ok(Message::Text(ready))) = ready else {
        panic!("no ready: {ready:?}")
    };
    let ready: serde_json::Value = serde_json::from_str(&ready).unwrap();
    assert_eq!(ready["type"], "ready", "{ready}");

    let sent = chirp(30, 16000);
    let expected: Vec<i16> = sent.concat();
    let expected = from_first_sound(&expected).to_vec();
    let mut received: Vec<i16> = Vec::new();
    let mut ticker = tokio::time::interval(Duration::from_millis(20));
    let mut next = 0;
    let deadline = tokio::time::sleep(Duration::from_secs(5));
    tokio::pin!(deadline);
    while from_first_sound(&received).len() < expected.len() {
        tokio::select! {
            _ = ticker.tick(), if next < sent.len() => {
                ws.send(Message::Binary(samples_to_pcm16le(&sent[next]).into())).await.unwrap();
                next += 1;
            }
            msg = ws.next() => match msg {
                Some(Ok(Message::Binary(b))) => {
                    assert_eq!(b.len(), 640, "20 ms frames at 16 kHz");
                    received.extend(b.chunks_exact(2).map(|p| i16::from_le_bytes([p[0], p[1]])));
                }
                Some(Ok(Message::Text(_) | Message::Ping(_) | Message::Pong(_))) => {}
                other => panic!("unexpected {other:?}"),
            },
            () = &mut deadline => panic!("echo stalled at {} samples", received.len()),
        }
    }
    assert_eq!(
        &from_first_sound(&received)[..expected.len()],
        &expected[..],
        "browser audio is echoed bit for bit"
    );

    // A forged token gets no session.
    let (mut forged, _) = tokio_tungstenite::connect_async(s.ws_url("/browser/ws"))
        .await
        .unwrap();
    let bad = start.replace(&token, "v1.99999999999.ZWNobw.AAAA");
    forged.send(Message::Text(bad.into())).await.unwrap();
    let reply = tokio::time::timeout(Duration::from_secs(2), forged.next())
        .await
        .expect("refusal in time");
    let Some(Ok(Message::Text(reply))) = reply else {
        panic!("no refusal: {reply:?}")
    };
    assert!(reply.contains("unauthorized"), "{reply}");

    // Oversized messages are not accepted.
    let huge = vec![0u8; 2 * voxgate_server::transports::MAX_WS_MESSAGE_BYTES];
    let _ = ws.send(Message::Binary(huge.into())).await;
    let closed = tokio::time::timeout(Duration::from_secs(2), async {
        loop {
            match ws.next().await {
                None | Some(Err(_)) | Some(Ok(Message::Close(_))) => break,
                Some(Ok(_)) => {}
            }
        }
    })
    .await;
    assert!(closed.is_ok(), "an oversized message ends the socket");
    s.stop().await;
}
