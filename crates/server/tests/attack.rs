//! The attack suite (issue 7): a live in-process server is attacked over real sockets, and every
//! case must be refused with the right status AND leave a stored security event.
//!
//! Each case acts from its own client address through `X-Forwarded-For` (the test client is a
//! trusted proxy), so lockouts and rate limits of one case do not leak into another; the
//! spoofing case runs a server that trusts no proxy.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::time::Duration;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use futures::{SinkExt, StreamExt};
use hmac::{Hmac, Mac};
use reqwest::{Method, StatusCode};
use sha2::{Digest, Sha256, Sha512};
use support::{error_code, json_ok, lenient, now, refused, Cred, TestServer};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use voxgate_security::apikey::ApiKey;
use voxgate_security::rbac::Role;
use voxgate_server::api::{Access, ROUTES};

fn b64(v: &serde_json::Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).unwrap())
}

fn sign_hs256(key: &[u8], input: &str) -> String {
    let mut m = Hmac::<Sha256>::new_from_slice(key).unwrap();
    m.update(input.as_bytes());
    URL_SAFE_NO_PAD.encode(m.finalize().into_bytes())
}

fn sign_hs512(key: &[u8], input: &str) -> String {
    let mut m = Hmac::<Sha512>::new_from_slice(key).unwrap();
    m.update(input.as_bytes());
    URL_SAFE_NO_PAD.encode(m.finalize().into_bytes())
}

#[tokio::test]
async fn forged_and_broken_jwts_are_refused_and_recorded() {
    let s = TestServer::start(lenient).await;
    let secret = std::fs::read_to_string(s.config.data.dir.join("keys/jwt_secret.key")).unwrap();
    let secret = secret.trim().as_bytes().to_vec();
    let kid = format!(
        "k{}",
        Sha256::digest(&secret)[..4]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let user = s
        .create_user("auditor1", "correct horse battery staple", Role::Auditor)
        .await;
    let t = now();
    let claims = |aud: &str, exp: u64, role: &str| {
        serde_json::json!({
            "iss": "voxgate", "aud": aud, "sub": format!("user:{}", user.id), "role": role,
            "exp": exp, "nbf": t - 10, "iat": t - 10, "jti": "j1"
        })
    };
    let hs256 = |header: serde_json::Value, claims: serde_json::Value, key: &[u8]| {
        let input = format!("{}.{}", b64(&header), b64(&claims));
        format!("{input}.{}", sign_hs256(key, &input))
    };
    let good_header = serde_json::json!({"alg": "HS256", "typ": "JWT", "kid": kid});
    let valid = hs256(
        good_header.clone(),
        claims("voxgate-api", t + 600, "auditor"),
        &secret,
    );

    // The crafted baseline is accepted, so every refusal below is about the attack alone.
    let r = s
        .send(
            Method::GET,
            "/api/v1/auth/whoami",
            "198.51.100.1",
            Cred::Bearer(&valid),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);

    let none = format!(
        "{}.{}.",
        b64(&serde_json::json!({"alg": "none", "typ": "JWT", "kid": kid})),
        b64(&claims("voxgate-api", t + 600, "admin"))
    );
    let hs512 = {
        let h = serde_json::json!({"alg": "HS512", "typ": "JWT", "kid": kid});
        let input = format!(
            "{}.{}",
            b64(&h),
            b64(&claims("voxgate-api", t + 600, "auditor"))
        );
        format!("{input}.{}", sign_hs512(&secret, &input))
    };
    let wrong_key = hs256(
        good_header.clone(),
        claims("voxgate-api", t + 600, "auditor"),
        b"another-secret-of-at-least-32-bytes!!",
    );
    let expired = hs256(
        good_header.clone(),
        claims("voxgate-api", t - 3600, "auditor"),
        &secret,
    );
    let wrong_aud = hs256(
        good_header.clone(),
        claims("other-service", t + 600, "auditor"),
        &secret,
    );
    let tampered = {
        let mut parts = valid.split('.').map(str::to_owned).collect::<Vec<_>>();
        parts[1] = b64(&claims("voxgate-api", t + 600, "admin"));
        parts.join(".")
    };
    let cases = [
        ("198.51.100.11", none, "algorithm"),
        ("198.51.100.12", hs512, "algorithm"),
        ("198.51.100.13", wrong_key, "bad signature"),
        ("198.51.100.14", expired, "expired"),
        ("198.51.100.15", wrong_aud, "wrong audience"),
        ("198.51.100.16", tampered, "bad signature"),
    ];
    for (ip, token, reason) in cases {
        let r = s
            .send(
                Method::GET,
                "/api/v1/security/events",
                ip,
                Cred::Bearer(&token),
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{reason}");
        assert!(r.headers().contains_key("www-authenticate"));
        assert_eq!(error_code(r).await, "unauthorized");
        let e = s.wait_event_from("auth.failed", ip).await;
        assert!(e.detail.contains(reason), "{reason}: {}", e.detail);
        // The event never holds the token.
        assert!(!e.detail.contains(&token[..20]));
    }
    s.stop().await;
}

#[tokio::test]
async fn revoked_expired_and_forged_api_keys_are_refused() {
    let s = TestServer::start(lenient).await;
    let revoked = ApiKey::generate();
    s.store
        .create_api_key(&revoked, "old", Role::Admin, None, None, 0)
        .await
        .unwrap();
    s.store.revoke_api_key(revoked.id(), 1).await.unwrap();
    let expired = ApiKey::generate();
    s.store
        .create_api_key(&expired, "temp", Role::Admin, Some(10), None, 0)
        .await
        .unwrap();
    // Right id, wrong secret.
    let admin = s.key(Role::Admin).to_owned();
    let forged = format!("{}{}", &admin[..13], "A".repeat(43));
    let cases = [
        (
            "198.51.100.21",
            revoked.expose().to_owned(),
            "revoked API key",
        ),
        (
            "198.51.100.22",
            expired.expose().to_owned(),
            "expired API key",
        ),
        ("198.51.100.23", forged, "wrong API key secret"),
        (
            "198.51.100.24",
            "vgk_nonsense".to_owned(),
            "malformed API key",
        ),
    ];
    for (ip, key, reason) in cases {
        for header in ["x-api-key", "authorization"] {
            let value = if header == "authorization" {
                format!("Bearer {key}")
            } else {
                key.clone()
            };
            let r = s
                .req(Method::GET, "/api/v1/keys", ip)
                .header(header, value)
                .send()
                .await
                .unwrap();
            assert_eq!(
                r.status(),
                StatusCode::UNAUTHORIZED,
                "{reason} via {header}"
            );
        }
        let e = s.wait_event_from("auth.failed", ip).await;
        assert!(e.detail.contains(reason), "{reason}: {}", e.detail);
    }
    // Revocation through the API takes effect at once, despite the key cache.
    let k = ApiKey::generate();
    s.store
        .create_api_key(&k, "live", Role::Service, None, None, 0)
        .await
        .unwrap();
    let whoami = |key: String| {
        s.req(Method::GET, "/api/v1/auth/whoami", "198.51.100.25")
            .header("x-api-key", key)
            .send()
    };
    assert_eq!(
        whoami(k.expose().into()).await.unwrap().status(),
        StatusCode::OK
    );
    let r = s
        .send(
            Method::DELETE,
            &format!("/api/v1/keys/{}", k.id()),
            "198.51.100.25",
            Cred::Key(&admin),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        whoami(k.expose().into()).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    s.stop().await;
}

#[tokio::test]
async fn logged_out_tokens_stay_refused_after_a_restart() {
    let mut s = TestServer::start(lenient).await;
    s.create_user("worker1", "a case worker password 7", Role::CaseWorker)
        .await;
    let ip = "198.51.100.30";
    let login = || async {
        let body =
            serde_json::json!({"username": "worker1", "password": "a case worker password 7"});
        let r = s
            .send_json(
                Method::POST,
                "/api/v1/auth/login",
                ip,
                Cred::Anonymous,
                Some(body),
            )
            .await;
        json_ok(r).await["access_token"]
            .as_str()
            .unwrap()
            .to_owned()
    };
    let gone = login().await;
    let kept = login().await;
    let r = s
        .send(Method::POST, "/api/v1/auth/logout", ip, Cred::Bearer(&gone))
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);

    // A restart: a new AuthService over the same database, with nothing kept in memory.
    s.restart().await;
    let after = "198.51.100.31";
    let whoami = "/api/v1/auth/whoami";
    let r = s
        .send(Method::GET, whoami, after, Cred::Bearer(&gone))
        .await;
    assert_eq!(refused(r, StatusCode::UNAUTHORIZED).await, "unauthorized");
    let e = s.wait_event_from("auth.failed", after).await;
    assert!(e.detail.contains("revoked"), "{}", e.detail);
    // Only the logged-out token is refused: another session of the same user still works.
    let r = s
        .send(Method::GET, whoami, after, Cred::Bearer(&kept))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    s.stop().await;
}

#[tokio::test]
async fn role_escalation_is_refused_on_every_privileged_route() {
    let s = TestServer::start(|c| {
        lenient(c);
        c.rate_limits.api_burst = 10_000;
    })
    .await;
    let mut n = 0;
    for (method, path, access) in ROUTES {
        let Access::Permission(p) = access else {
            continue;
        };
        let path = path.replace("{id}", "abcdefgh").replace("{source}", "crm");
        for role in voxgate_security::rbac::Role::ALL {
            if role.allows(*p) {
                continue;
            }
            n += 1;
            let ip = format!("192.0.2.{n}");
            let body = serde_json::json!({"name": "x", "role": "admin", "username": "eve", "password": "escalate-me-now-1"});
            let r = s
                .send_json(
                    method.clone(),
                    &path,
                    &ip,
                    Cred::Key(s.key(role)),
                    Some(body),
                )
                .await;
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{role} {method} {path}");
            let e = s.wait_event_from("authz.denied", ip.as_str()).await;
            assert!(e.detail.contains(p.as_str()), "{}", e.detail);
            assert_eq!(
                e.subject.as_deref().map(|x| x.starts_with("key:")),
                Some(true)
            );
        }
    }
    assert!(n >= 20, "only {n} escalation cases");
    // Nothing was created by the refused attempts.
    assert_eq!(s.store.list_users().await.unwrap().len(), 0);
    assert_eq!(s.store.list_api_keys().await.unwrap().len(), 5);
    s.stop().await;
}

#[tokio::test]
async fn spoofed_forwarded_for_is_ignored_from_untrusted_peers() {
    let s = TestServer::start(|c| {
        c.network.trusted_proxies = Vec::new();
        c.network.admin_allow_from = vec!["10.0.0.0/8".into()];
    })
    .await;
    let r = s
        .client
        .get(s.url("/api/v1/keys"))
        .header("x-forwarded-for", "10.1.2.3")
        .header("x-api-key", s.key(Role::Admin))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let e = s.wait_event_from("network.denied", "127.0.0.1").await;
    assert!(e.detail.contains("X-Forwarded-For"), "{}", e.detail);
    // The API group is not restricted: same client, same header, allowed there.
    let r = s
        .client
        .get(s.url("/api/v1/auth/whoami"))
        .header("x-forwarded-for", "10.1.2.3")
        .header("x-api-key", s.key(Role::Admin))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    s.stop().await;
}

#[tokio::test]
async fn forged_stale_and_replayed_signatures_are_refused() {
    const SECRET: &str = "callback-secret-0123456789";
    const TWILIO: &str = "twilio-auth-token-for-tests";
    let s = TestServer::start(|c| {
        c.callbacks.enabled = true;
        c.callbacks.secret = voxgate_server::config::ConfigSecret::new(SECRET);
        c.twilio.enabled = true;
        c.twilio.auth_token = voxgate_server::config::ConfigSecret::new(TWILIO);
        c.twilio.public_base_url = "https://voice.example.test".into();
    })
    .await;
    let body = br#"{"event":"crm.ack","id":"42"}"#.to_vec();
    let t = i64::try_from(now()).unwrap();
    let signer = voxgate_security::signature::WebhookSigner::new(&[SECRET.as_bytes()]).unwrap();
    let forger =
        voxgate_security::signature::WebhookSigner::new(&[b"not-the-secret-at-all".as_slice()])
            .unwrap();
    let post = |ip: &str, sig: String| {
        s.req(Method::POST, "/api/v1/callbacks/crm", ip)
            .header("voxgate-signature", sig)
            .body(body.clone())
            .send()
    };
    let good = signer.sign(&body, t);
    assert_eq!(
        post("203.0.113.1", good.clone()).await.unwrap().status(),
        StatusCode::ACCEPTED
    );
    // Replayed: the very same signed request again.
    let r = post("203.0.113.2", good).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_code(r).await, "bad_signature");
    s.wait_event_from("signature.replayed", "203.0.113.2").await;
    // Forged: signed with another secret.
    let r = post("203.0.113.3", forger.sign(&body, t)).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    s.wait_event_from("signature.invalid", "203.0.113.3").await;
    // Stale: a correct signature from an hour ago.
    let r = post("203.0.113.4", signer.sign(&body, t - 3600))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    s.wait_event_from("signature.invalid", "203.0.113.4").await;
    // Tampered body under a good signature.
    let sig = signer.sign(&body, t);
    let r = s
        .req(Method::POST, "/api/v1/callbacks/crm", "203.0.113.5")
        .header("voxgate-signature", sig)
        .body(br#"{"event":"crm.ack","id":"43"}"#.to_vec())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    s.wait_event_from("signature.invalid", "203.0.113.5").await;
    // Twilio: a forged X-Twilio-Signature on the voice webhook.
    let r = s
        .req(Method::POST, "/twilio/voice", "203.0.113.6")
        .header("x-twilio-signature", "bm90IGEgc2lnbmF0dXJl")
        .header("content-type", "application/x-www-form-urlencoded")
        .body("CallSid=CA1&AccountSid=AC1&From=%2B15550001111&To=%2B15550002222")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let e = s.wait_event_from("signature.invalid", "203.0.113.6").await;
    assert_eq!(e.subject.as_deref(), Some("twilio"));
    s.stop().await;
}

#[tokio::test]
async fn oversized_bodies_and_websocket_messages_are_refused() {
    let s = TestServer::start(|c| {
        c.http_limits.max_body_bytes = 64 * 1024;
    })
    .await;
    let big = vec![b'a'; 200 * 1024];
    let r = s
        .req(Method::POST, "/api/v1/auth/login", "203.0.113.20")
        .header("content-type", "application/json")
        .body(big.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);
    s.wait_event_from("http.body_too_large", "203.0.113.20")
        .await;
    // Chunked, with no declared length: the streaming limit still refuses it.
    let stream = futures::stream::iter(
        (0..20).map(|_| Ok::<_, std::io::Error>(bytes::Bytes::from(vec![b' '; 16 * 1024]))),
    );
    let r = s
        .req(Method::POST, "/api/v1/auth/login", "203.0.113.21")
        .header("content-type", "application/json")
        .body(reqwest::Body::wrap_stream(stream))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::PAYLOAD_TOO_LARGE);

    // A WebSocket message over 64 KiB ends the socket.
    let mut req = tokio_tungstenite::tungstenite::client::IntoClientRequest::into_client_request(
        format!("ws://{}/browser/ws", s.addr()),
    )
    .unwrap();
    req.headers_mut()
        .insert("x-forwarded-for", "203.0.113.22".parse().unwrap());
    let (mut ws, _) = tokio_tungstenite::connect_async(req).await.unwrap();
    let _ = ws
        .send(tokio_tungstenite::tungstenite::Message::Binary(
            vec![0u8; 200 * 1024].into(),
        ))
        .await;
    let ended = tokio::time::timeout(Duration::from_secs(5), async {
        loop {
            match ws.next().await {
                None | Some(Err(_)) => break,
                Some(Ok(tokio_tungstenite::tungstenite::Message::Close(_))) => break,
                Some(Ok(_)) => {}
            }
        }
    })
    .await;
    assert!(
        ended.is_ok(),
        "the socket stays open after an oversized message"
    );
    s.wait_event_from("ws.message_too_large", "203.0.113.22")
        .await;
    s.stop().await;
}

#[tokio::test]
async fn slowloris_and_idle_connections_are_closed() {
    let s = TestServer::start(|c| {
        c.http_limits.header_read_timeout_secs = 1;
        c.network.trusted_proxies = Vec::new();
    })
    .await;
    let started = std::time::Instant::now();
    let mut sock = tokio::net::TcpStream::connect(s.addr()).await.unwrap();
    sock.write_all(b"GET /api/v1/version HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    // Trickle a header byte now and then, never finishing the head.
    let mut buf = [0u8; 256];
    let closed = tokio::time::timeout(Duration::from_secs(6), async {
        loop {
            let _ = sock.write_all(b"X").await;
            match tokio::time::timeout(Duration::from_millis(300), sock.read(&mut buf)).await {
                Ok(Ok(0)) | Ok(Err(_)) => break,
                Ok(Ok(_)) => {}
                Err(_) => {}
            }
        }
    })
    .await;
    assert!(closed.is_ok(), "slow client still connected");
    assert!(started.elapsed() < Duration::from_secs(4));
    s.wait_event_from("http.header_timeout", "127.0.0.1").await;
    // An idle connection that never sends anything is closed too.
    let mut idle = tokio::net::TcpStream::connect(s.addr()).await.unwrap();
    let r = tokio::time::timeout(Duration::from_secs(5), idle.read(&mut buf)).await;
    assert!(
        matches!(r, Ok(Ok(0)) | Ok(Err(_))),
        "idle connection kept open: {r:?}"
    );
    s.stop().await;
}

#[tokio::test]
async fn brute_force_reaches_lockout() {
    let s = TestServer::start(|_| {}).await;
    s.create_user("victim", "the right password 123", Role::CaseWorker)
        .await;
    let login = |ip: &'static str, pw: &'static str| {
        s.req(Method::POST, "/api/v1/auth/login", ip)
            .json(&serde_json::json!({"username": "victim", "password": pw}))
            .send()
    };
    for i in 0..5 {
        let r = login("203.0.113.30", "guess").await.unwrap();
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    // Locked out: even the right password is refused now, with a Retry-After of about an hour.
    let r = login("203.0.113.30", "the right password 123")
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry: u64 = r.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((3500..=3600).contains(&retry), "{retry}");
    s.wait_event_from("auth.lockout", "203.0.113.30").await;
    let failed = s
        .store
        .list_security_events(Some("auth.failed"), None, 100)
        .await
        .unwrap();
    assert_eq!(
        failed
            .iter()
            .filter(|e| e.ip.as_deref() == Some("203.0.113.30"))
            .count(),
        5
    );
    // Another address is not affected.
    let r = login("203.0.113.31", "the right password 123")
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let failures = s
        .store
        .user_by_name("victim")
        .await
        .unwrap()
        .unwrap()
        .failed_logins;
    assert_eq!(failures, 0);
    s.stop().await;
}

#[tokio::test]
async fn foreign_origins_and_floods_are_refused() {
    let s = TestServer::start(|c| {
        // The flood below fails authentication every time: keep lockout out of this case.
        lenient(c);
        c.cors.allowed_origins = vec!["https://app.example.org".into()];
    })
    .await;
    // Preflight from a foreign origin.
    let r = s
        .req(Method::OPTIONS, "/api/v1/keys", "203.0.113.40")
        .header("origin", "https://evil.example")
        .header("access-control-request-method", "DELETE")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(!r.headers().contains_key("access-control-allow-origin"));
    s.wait_event_from("cors.origin_refused", "203.0.113.40")
        .await;
    // A simple cross-origin request carrying a key is refused too.
    let r = s
        .req(Method::GET, "/api/v1/keys", "203.0.113.41")
        .header("origin", "https://evil.example")
        .header("x-api-key", s.key(Role::Admin))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(error_code(r).await, "origin_not_allowed");
    // The allowed origin gets its preflight and its origin echoed, never `*`.
    let r = s
        .req(Method::OPTIONS, "/api/v1/keys", "203.0.113.42")
        .header("origin", "https://app.example.org")
        .header("access-control-request-method", "GET")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        r.headers()["access-control-allow-origin"],
        "https://app.example.org"
    );

    // A flood on the auth routes: the burst passes, then 429 with Retry-After.
    let mut limited = None;
    for i in 0..30 {
        let r = s
            .req(Method::POST, "/api/v1/auth/refresh", "203.0.113.43")
            .json(&serde_json::json!({"refresh_token": "vgr_nothing"}))
            .send()
            .await
            .unwrap();
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            limited = Some((i, r));
            break;
        }
    }
    let (i, r) = limited.expect("never rate limited");
    assert_eq!(i, 10, "burst of the auth group is 10");
    assert!(r.headers().contains_key("retry-after"));
    // Security headers are on refusals too.
    assert_eq!(r.headers()["x-content-type-options"], "nosniff");
    assert!(r.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("frame-ancestors 'none'"));
    assert!(!r.headers().contains_key("strict-transport-security"));
    s.wait_event_from("ratelimit.exceeded", "203.0.113.43")
        .await;
    s.stop().await;
}
