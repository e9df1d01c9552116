//! The `/api/v1` security framework against a live server: every route against every role
//! (table-driven from `ROUTES` and the RBAC matrix), the user login flow with mandatory admin
//! MFA and rotating refresh tokens, key management, and TLS with certificate reload.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::sync::Arc;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use support::{error_code, json_ok, now, roomy, Cred, TestServer};
use voxgate_security::rbac::Role;
use voxgate_security::totp::{Totp, TotpSecret};
use voxgate_server::api::{Access, ROUTES};

#[tokio::test]
async fn every_route_against_every_role() {
    let s = TestServer::start(roomy).await;
    let body = serde_json::json!({});
    for (method, path, access) in ROUTES {
        let path = path.replace("{id}", "zzzzzzzz").replace("{source}", "crm");
        // Without credentials: 401 everywhere but the public routes.
        let r = s
            .req(method.clone(), &path, "192.0.2.1")
            .json(&body)
            .send()
            .await
            .unwrap();
        if *access == Access::Public {
            assert_ne!(r.status(), StatusCode::UNAUTHORIZED, "{method} {path}");
            assert_ne!(r.status(), StatusCode::FORBIDDEN, "{method} {path}");
        } else {
            assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{method} {path}");
            assert_eq!(error_code(r).await, "unauthorized");
        }
        for role in Role::ALL {
            let r = s
                .req(method.clone(), &path, "192.0.2.2")
                .header("x-api-key", s.key(role))
                .json(&body)
                .send()
                .await
                .unwrap();
            let status = r.status();
            let allowed = match access {
                Access::Public | Access::Authenticated | Access::Setup => true,
                Access::Permission(p) => role.allows(*p),
            };
            if allowed {
                assert!(
                    status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN,
                    "{role} {method} {path}: {status}"
                );
            } else {
                assert_eq!(status, StatusCode::FORBIDDEN, "{role} {method} {path}");
                assert_eq!(error_code(r).await, "forbidden");
            }
        }
    }
    // Unknown API paths are 404 in the error shape, after the guard.
    let r = s
        .req(Method::GET, "/api/v1/nothing-here", "192.0.2.3")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(error_code(r).await, "not_found");
    s.stop().await;
}

#[tokio::test]
async fn admin_login_requires_mfa_and_refresh_tokens_rotate() {
    let s = TestServer::start(roomy).await;
    s.create_user("root-admin", "an admin password 42", Role::Admin)
        .await;
    let ip = "192.0.2.10";
    let login = |totp: Option<String>| {
        s.req(Method::POST, "/api/v1/auth/login", ip)
            .json(&serde_json::json!({
                "username": "root-admin", "password": "an admin password 42", "totp": totp
            }))
            .send()
    };
    // First login: only a restricted token, asking for MFA.
    let v = json_ok(login(None).await.unwrap()).await;
    assert_eq!(v["restricted"], true);
    assert_eq!(v["required"], serde_json::json!(["enroll_mfa"]));
    assert!(v.get("refresh_token").is_none());
    let setup = v["access_token"].as_str().unwrap().to_owned();
    // The restricted token opens nothing else.
    for path in ["/api/v1/keys", "/api/v1/auth/whoami"] {
        let r = s.send(Method::GET, path, ip, Cred::Bearer(&setup)).await;
        assert_eq!(r.status(), StatusCode::UNAUTHORIZED, "{path}");
    }
    let v = s
        .send_ok(
            Method::POST,
            "/api/v1/auth/mfa/enroll",
            ip,
            Cred::Bearer(&setup),
        )
        .await;
    assert!(v["otpauth_uri"]
        .as_str()
        .unwrap()
        .starts_with("otpauth://totp/"));
    let b32 = v["secret"].as_str().unwrap().to_owned();
    let totp = Totp::new(TotpSecret::from_base32(&b32).unwrap());
    // Codes are tied to this instant so a step boundary during the test changes nothing.
    let enrolled_at = now();
    // A wrong code does not enrol.
    let r = s
        .send_json(
            Method::POST,
            "/api/v1/auth/mfa/verify",
            ip,
            Cred::Bearer(&setup),
            Some(serde_json::json!({"code": "000000"})),
        )
        .await;
    if totp.code_at(enrolled_at) != "000000" {
        assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    }
    let v = json_ok(
        s.send_json(
            Method::POST,
            "/api/v1/auth/mfa/verify",
            ip,
            Cred::Bearer(&setup),
            Some(serde_json::json!({"code": totp.code_at(enrolled_at)})),
        )
        .await,
    )
    .await;
    assert_eq!(v["enrolled"], true);
    // The secret is stored sealed, not in the clear.
    let row = s.store.user_by_name("root-admin").await.unwrap().unwrap();
    let sealed = row.totp_secret.unwrap();
    assert!(!String::from_utf8_lossy(&sealed).contains(&b32[..16]));

    // Now a TOTP code is required; the code used for enrolment cannot be replayed.
    let r = login(None).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(error_code(r).await, "mfa_required");
    let r = login(Some(totp.code_at(enrolled_at))).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let v = json_ok(login(Some(totp.code_at(enrolled_at + 30))).await.unwrap()).await;
    assert_eq!(v["restricted"], false);
    let access = v["access_token"].as_str().unwrap().to_owned();
    let refresh1 = v["refresh_token"].as_str().unwrap().to_owned();
    let r = s
        .send(Method::GET, "/api/v1/keys", ip, Cred::Bearer(&access))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let me = s
        .send_ok(
            Method::GET,
            "/api/v1/auth/whoami",
            ip,
            Cred::Bearer(&access),
        )
        .await;
    assert_eq!(me["role"], "admin");
    assert_eq!(me["kind"], "user");

    // Refresh rotates; the old refresh token is single-use and its reuse kills the family.
    let refresh = |t: String| {
        s.req(Method::POST, "/api/v1/auth/refresh", ip)
            .json(&serde_json::json!({"refresh_token": t}))
            .send()
    };
    let v = json_ok(refresh(refresh1.clone()).await.unwrap()).await;
    let refresh2 = v["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(refresh1, refresh2);
    assert_eq!(
        refresh(refresh1).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    s.wait_event_from("auth.refresh_reuse", ip).await;
    assert_eq!(
        refresh(refresh2).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );

    // Logout makes the access token unusable at once.
    let r = s
        .send(
            Method::POST,
            "/api/v1/auth/logout",
            ip,
            Cred::Bearer(&access),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = s
        .send(Method::GET, "/api/v1/keys", ip, Cred::Bearer(&access))
        .await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    s.stop().await;
}

#[tokio::test]
async fn users_and_keys_are_managed_through_the_api() {
    let _ = tracing_subscriber::fmt()
        .with_test_writer()
        .with_env_filter("error")
        .try_init();
    let s = TestServer::start(roomy).await;
    let ip = "192.0.2.20";
    let admin = s.key(Role::Admin).to_owned();
    // A user created by an admin must change the initial password first.
    let create_carol = |password: &'static str| {
        let body =
            serde_json::json!({"username": "carol", "role": "case_worker", "password": password});
        s.send_json(
            Method::POST,
            "/api/v1/users",
            ip,
            Cred::Key(&admin),
            Some(body),
        )
    };
    let r = create_carol("short").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let r = create_carol("initial pass 4321").await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let carol: serde_json::Value = r.json().await.unwrap();
    assert_eq!(carol["must_change_password"], true);
    let login = |pw: &str| {
        s.req(Method::POST, "/api/v1/auth/login", ip)
            .json(&serde_json::json!({"username": "carol", "password": pw}))
            .send()
    };
    let v = json_ok(login("initial pass 4321").await.unwrap()).await;
    assert_eq!(v["required"], serde_json::json!(["change_password"]));
    let setup = v["access_token"].as_str().unwrap().to_owned();
    let body = serde_json::json!({"current_password": "wrong one here", "new_password": "my own secret 98765"});
    let r = s
        .send_json(
            Method::POST,
            "/api/v1/auth/password",
            ip,
            Cred::Bearer(&setup),
            Some(body),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let body = serde_json::json!({"current_password": "initial pass 4321", "new_password": "my own secret 98765"});
    json_ok(
        s.send_json(
            Method::POST,
            "/api/v1/auth/password",
            ip,
            Cred::Bearer(&setup),
            Some(body),
        )
        .await,
    )
    .await;
    assert_eq!(
        login("initial pass 4321").await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    let v = json_ok(login("my own secret 98765").await.unwrap()).await;
    assert_eq!(v["restricted"], false);
    assert_eq!(v["role"], "case_worker");

    // Keys: created (shown once), used, rotated (old refused, new accepted), revoked.
    let r = s
        .send_json(
            Method::POST,
            "/api/v1/keys",
            ip,
            Cred::Key(&admin),
            Some(serde_json::json!({"name": "crm", "role": "service", "expires_in": "30d"})),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let k: serde_json::Value = r.json().await.unwrap();
    let key1 = k["key"].as_str().unwrap().to_owned();
    let id1 = k["id"].as_str().unwrap().to_owned();
    let exp = k["expires_at"].as_i64().unwrap();
    assert!((exp - i64::try_from(now()).unwrap() - 30 * 86_400).abs() < 10);
    let listed = s
        .send_ok(Method::GET, "/api/v1/keys", ip, Cred::Key(&admin))
        .await;
    let text = listed.to_string();
    assert!(
        text.contains(&id1) && !text.contains(&key1[13..]),
        "list leaks a secret"
    );
    let whoami = |k: String| {
        s.req(Method::GET, "/api/v1/auth/whoami", ip)
            .bearer_auth(k)
            .send()
    };
    assert_eq!(whoami(key1.clone()).await.unwrap().status(), StatusCode::OK);
    let rotated = s
        .send_ok(
            Method::POST,
            &format!("/api/v1/keys/{id1}/rotate"),
            ip,
            Cred::Key(&admin),
        )
        .await;
    let key2 = rotated["key"].as_str().unwrap().to_owned();
    assert_eq!(rotated["role"], "service");
    assert_eq!(
        whoami(key1).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(whoami(key2.clone()).await.unwrap().status(), StatusCode::OK);
    let id2 = rotated["id"].as_str().unwrap();
    let r = s
        .send(
            Method::DELETE,
            &format!("/api/v1/keys/{id2}"),
            ip,
            Cred::Key(&admin),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        whoami(key2).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );

    // Disabling a user stops their tokens; the events route shows what happened.
    let access = v["access_token"].as_str().unwrap().to_owned();
    let carol_id = carol["id"].as_str().unwrap();
    let r = s
        .send(
            Method::POST,
            &format!("/api/v1/users/{carol_id}/disable"),
            ip,
            Cred::Key(&admin),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        whoami(access).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    s.wait_event_from("auth.failed", ip).await;
    let events = s
        .send_ok(
            Method::GET,
            "/api/v1/security/events?kind=auth.failed&limit=5",
            ip,
            Cred::Key(s.key(Role::Auditor)),
        )
        .await;
    assert!(!events["events"].as_array().unwrap().is_empty());
    s.stop().await;
}

#[tokio::test]
async fn browser_tokens_need_sessions_create() {
    let s = TestServer::start(roomy).await;
    let ip = "192.0.2.30";
    let post = |key: Option<&str>| {
        let r = s.req(Method::POST, "/browser/token", ip);
        match key {
            Some(k) => r.header("x-api-key", k),
            None => r,
        }
        .send()
    };
    assert_eq!(post(None).await.unwrap().status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        post(Some(s.key(Role::Auditor))).await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    let r = post(Some(s.key(Role::Service))).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let v: serde_json::Value = r.json().await.unwrap();
    assert!(v["token"].is_string());
    s.stop().await;
}

fn self_signed(name: &str) -> (String, String, Vec<u8>) {
    let ck =
        rcgen::generate_simple_self_signed(vec![name.to_owned(), "localhost".to_owned()]).unwrap();
    (
        ck.cert.pem(),
        ck.signing_key.serialize_pem(),
        ck.cert.der().to_vec(),
    )
}

async fn handshake(
    addr: std::net::SocketAddr,
    roots: &rustls::RootCertStore,
    version: &'static rustls::SupportedProtocolVersion,
) -> (Vec<u8>, String) {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let cfg = rustls::ClientConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_protocol_versions(&[version])
    .unwrap()
    .with_root_certificates(roots.clone())
    .with_no_client_auth();
    let connector = tokio_rustls::TlsConnector::from(Arc::new(cfg));
    let tcp = tokio::net::TcpStream::connect(addr).await.unwrap();
    let name = rustls::pki_types::ServerName::try_from("localhost").unwrap();
    let mut tls = connector.connect(name, tcp).await.unwrap();
    let cert = tls.get_ref().1.peer_certificates().unwrap()[0].to_vec();
    tls.write_all(b"GET /api/v1/version HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
        .await
        .unwrap();
    let mut out = Vec::new();
    tls.read_to_end(&mut out).await.unwrap_or_default();
    (cert, String::from_utf8_lossy(&out).into_owned())
}

#[tokio::test]
async fn tls_serves_hsts_and_reloads_certificates_without_restart() {
    let dir = tempfile::tempdir().unwrap();
    let (cert1, key1, der1) = self_signed("one.test");
    let (cert2, key2, der2) = self_signed("two.test");
    let cert_path = dir.path().join("cert.pem");
    let key_path = dir.path().join("key.pem");
    std::fs::write(&cert_path, &cert1).unwrap();
    std::fs::write(&key_path, &key1).unwrap();
    let (cp, kp) = (cert_path.clone(), key_path.clone());
    let s = TestServer::start(move |c| {
        c.tls.cert_file = cp;
        c.tls.key_file = kp;
        c.tls.reload_interval_secs = 1;
    })
    .await;
    let mut roots = rustls::RootCertStore::empty();
    roots
        .add(rustls::pki_types::CertificateDer::from(der1.clone()))
        .unwrap();
    roots
        .add(rustls::pki_types::CertificateDer::from(der2.clone()))
        .unwrap();
    for v in [&rustls::version::TLS13, &rustls::version::TLS12] {
        let (cert, resp) = handshake(s.addr(), &roots, v).await;
        assert_eq!(cert, der1);
        assert!(resp.starts_with("HTTP/1.1 200"), "{resp}");
        assert!(
            resp.to_ascii_lowercase()
                .contains("strict-transport-security: max-age=63072000"),
            "{resp}"
        );
    }
    // Renew: write the new pair; the next handshake presents it, no restart.
    std::fs::write(&key_path, &key2).unwrap();
    std::fs::write(&cert_path, &cert2).unwrap();
    let mut seen = Vec::new();
    for _ in 0..40 {
        tokio::time::sleep(Duration::from_millis(250)).await;
        seen = handshake(s.addr(), &roots, &rustls::version::TLS13).await.0;
        if seen == der2 {
            break;
        }
    }
    assert_eq!(seen, der2, "certificate not reloaded");
    // Plain HTTP on the TLS port gets nowhere.
    let r = reqwest::Client::new()
        .get(s.url("/api/v1/version"))
        .send()
        .await;
    assert!(r.map(|r| !r.status().is_success()).unwrap_or(true));
    s.stop().await;
}
