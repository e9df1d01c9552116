//! Every secret form the issue names is absent from real log output, in both formats, whether
//! it travels in a field or in the message.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::zombie_processes)]

use std::io::Write;
use std::sync::{Arc, Mutex};

use tracing_subscriber::fmt::MakeWriter;
use voxgate_server::config::{LogConfig, LogFormat};
use voxgate_server::telemetry;

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

fn capture(format: LogFormat, emit: impl FnOnce()) -> String {
    let sink = Capture::default();
    let config = LogConfig {
        level: "trace".into(),
        format,
    };
    let subscriber = telemetry::subscriber(&config, sink.clone());
    tracing::subscriber::with_default(subscriber, emit);
    let bytes = sink.0.lock().unwrap().clone();
    String::from_utf8(bytes).unwrap()
}

const JWT: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJhZG1pbiJ9.c2lnbmF0dXJlLXZhbHVlLWhlcmUtMTIzNDU2";
const OPENAI: &str = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z";
const OPENAI_OLD: &str = "sk-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789";

fn ours() -> String {
    voxgate_security::apikey::ApiKey::generate()
        .expose()
        .to_string()
}

/// Emits `secret` through each channel and checks every output format.
fn assert_absent(secret: &str, emit: impl Fn()) {
    for format in [LogFormat::Human, LogFormat::Json] {
        let out = capture(format, &emit);
        assert!(!out.is_empty(), "nothing was logged");
        assert!(
            !out.contains(secret),
            "secret leaked in {format:?} output:\n{out}"
        );
    }
}

#[test]
fn password_field() {
    let s = "Hunter2-correct-horse";
    assert_absent(s, || tracing::info!(password = s, "login"));
    assert_absent(s, || tracing::info!(db_password = %s, "connect"));
}

#[test]
fn secret_token_api_key_fields() {
    let s = "q8Zr1vN3xJ0pL6tY2wB9cF4h";
    assert_absent(s, || tracing::info!(secret = s, "x"));
    assert_absent(s, || tracing::warn!(token = s, "x"));
    assert_absent(s, || tracing::warn!(api_key = s, "x"));
    assert_absent(s, || tracing::warn!(credential = s, "x"));
    assert_absent(s, || tracing::warn!(cookie = s, "x"));
}

#[test]
fn authorization_header_and_bearer_in_message() {
    let s = "opaque-bearer-value-8f7e6d5c";
    assert_absent(
        s,
        || tracing::info!(authorization = %format!("Bearer {s}"), "request"),
    );
    assert_absent(s, || {
        tracing::info!("upstream said Authorization: Bearer {s} ok")
    });
}

#[test]
fn jwt_anywhere() {
    assert_absent(JWT, || tracing::info!(claims = JWT, "decoded"));
    assert_absent(JWT, || tracing::error!("rejected token {JWT} for user"));
}

#[test]
fn provider_keys_anywhere() {
    assert_absent(OPENAI, || tracing::info!("using key {OPENAI}"));
    assert_absent(OPENAI_OLD, || {
        tracing::info!(provider_key = OPENAI_OLD, "llm")
    });
}

#[test]
fn our_api_keys_anywhere() {
    let key = ours();
    assert_absent(&key, || tracing::info!("created key {key}"));
    assert_absent(&key, || tracing::info!(header = %key, "x-api-key seen"));
}

#[test]
fn url_userinfo_and_query_parameters() {
    assert_absent("s3cr3t-pass", || {
        tracing::info!(
            url = "postgres://voxgate:s3cr3t-pass@db.internal:5432/vg",
            "connecting"
        )
    });
    assert_absent("s3cr3t-pass", || {
        tracing::info!("GET http://asterisk:8088/ari/events?app=vg&api_key=user:s3cr3t-pass")
    });
    assert_absent("tok-99887766", || {
        tracing::info!("callback https://example.org/hook?token=tok-99887766&x=1")
    });
    assert_absent("pw-44556677", || {
        tracing::info!("https://example.org/login?user=a&password=pw-44556677")
    });
}

#[test]
fn ordinary_lines_are_untouched() {
    let out = capture(LogFormat::Human, || {
        tracing::info!(call_id = "4f1c", frames = 250, "call ended normally")
    });
    assert!(out.contains("call ended normally"), "{out}");
    assert!(out.contains("frames=250"));
}

#[test]
fn personal_data_in_log_lines_is_redacted() {
    for format in [LogFormat::Human, LogFormat::Json] {
        let out = capture(format, || {
            tracing::info!(
                "caller said my number is 512-555-0142 and my ssn is 536-22-1234, mail jane.doe@example.org"
            );
            tracing::info!(from = "+1 512 555 0199", "inbound call");
        });
        for value in [
            "512-555-0142",
            "536-22-1234",
            "jane.doe@example.org",
            "555 0199",
        ] {
            assert!(!out.contains(value), "{value} leaked in {format:?}:\n{out}");
        }
        assert!(out.contains("[PHONE_NUMBER]"), "{out}");
    }
}

#[test]
fn operational_values_survive_pii_redaction() {
    let out = capture(LogFormat::Human, || {
        tracing::info!(
            source_ip = "203.0.113.7",
            call_id = "6f9619ff-8b86-d011-b42d-00c04fc964ff",
            frames = 1500,
            "audiosocket call ended after 30000 ms"
        )
    });
    for value in [
        "203.0.113.7",
        "6f9619ff-8b86-d011-b42d-00c04fc964ff",
        "frames=1500",
        "30000 ms",
    ] {
        assert!(out.contains(value), "{value} was removed:\n{out}");
    }
}
