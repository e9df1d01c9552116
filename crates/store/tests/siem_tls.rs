//! SIEM export against a local rustls collector with a generated certificate: the bytes it
//! receives are exactly the RFC 5425 octet-counted RFC 5424 messages (or JSON lines), and an
//! untrusted certificate or a wrong name stops the export at the handshake.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use tokio::io::AsyncReadExt;
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use voxgate_security::audit::{
    chain_next, event_types, octet_frame, to_json_line, to_rfc5424, AuditEntry, AuditEvent,
    AuditKey, AuditResult, SyslogFormat,
};
use voxgate_store::siem::{SiemFormat, SiemForwarder, SiemTarget, SiemTls};

fn entries(n: u64) -> Vec<AuditEntry> {
    let key = AuditKey::from_bytes(&[3; 32]).unwrap();
    let mut out: Vec<AuditEntry> = Vec::new();
    for i in 0..n {
        let mut e = AuditEvent::new(
            1_800_000_000_000 + i as i64,
            event_types::CALL_EXPORT,
            "user:7f3a#supervisor",
            &format!("/api/v1/calls/c{i}/export say \"hi\" ]\\"),
            "export",
            AuditResult::Success,
        );
        e.call_id = Some(format!("c{i}"));
        e.source_ip = Some("203.0.113.9".into());
        let prev = out.last().map(AuditEntry::head);
        out.push(chain_next(prev.as_ref(), e.finish(), &key));
    }
    out
}

/// A TLS collector for `name`; returns its address, the CA PEM file and a task yielding every
/// byte one connection sent.
async fn collector(
    dir: &std::path::Path,
    name: &str,
) -> (
    String,
    std::path::PathBuf,
    tokio::task::JoinHandle<std::io::Result<Vec<u8>>>,
) {
    let ck = rcgen::generate_simple_self_signed(vec![name.to_owned()]).unwrap();
    let ca = dir.join(format!("{name}-ca.pem"));
    std::fs::write(&ca, ck.cert.pem()).unwrap();
    let cert = CertificateDer::from(ck.cert.der().to_vec());
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(ck.signing_key.serialize_der()));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![cert], key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap().to_string();
    let task = tokio::spawn(async move {
        let (tcp, _) = listener.accept().await?;
        let mut tls = acceptor.accept(tcp).await?;
        let mut buf = Vec::new();
        // Reading to the end needs the client's close_notify: a cut stream is an error here.
        tls.read_to_end(&mut buf).await?;
        Ok(buf)
    });
    (addr, ca, task)
}

fn target(addr: &str, ca: &std::path::Path, name: &str, format: SiemFormat) -> SiemTarget {
    SiemTarget {
        addr: addr.to_owned(),
        tls: Some(SiemTls {
            ca_file: Some(ca.to_path_buf()),
            server_name: Some(name.to_owned()),
        }),
        format,
        syslog: SyslogFormat {
            hostname: "gw1.example.net".into(),
            ..SyslogFormat::default()
        },
    }
}

/// Splits RFC 5425 frames: `MSG-LEN SP SYSLOG-MSG`, MSG-LEN in octets.
fn split_frames(mut b: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    while !b.is_empty() {
        let sp = b.iter().position(|&c| c == b' ').unwrap();
        let len: usize = std::str::from_utf8(&b[..sp]).unwrap().parse().unwrap();
        assert!(b[0] != b'0', "MSG-LEN has no leading zero");
        out.push(&b[sp + 1..sp + 1 + len]);
        b = &b[sp + 1 + len..];
    }
    out
}

#[tokio::test]
async fn rfc5424_over_tls_is_byte_exact() {
    let tmp = tempfile::tempdir().unwrap();
    let (addr, ca, task) = collector(tmp.path(), "siem.test").await;
    let t = target(&addr, &ca, "siem.test", SiemFormat::Rfc5424);
    let fwd = SiemForwarder::new(t.clone()).unwrap();
    let list = entries(5);
    assert_eq!(fwd.send(&list).await.unwrap(), 5);
    let got = task.await.unwrap().unwrap();
    let mut expected = String::new();
    for e in &list {
        expected.push_str(&octet_frame(&to_rfc5424(e, &t.syslog)));
    }
    assert_eq!(got, expected.as_bytes());
    let frames = split_frames(&got);
    assert_eq!(frames.len(), 5);
    for (f, e) in frames.iter().zip(&list) {
        let msg = std::str::from_utf8(f).unwrap();
        // PRI 110 = facility 13 (log audit) * 8 + severity 6 (risk below 30), version 1.
        assert!(msg.starts_with("<110>1 2027-01-15T08:00:0"), "{msg}");
        assert!(msg.contains("gw1.example.net voxgate"), "{msg}");
        assert!(msg.contains(&format!("seq=\"{}\"", e.seq)), "{msg}");
        // SD-PARAM escaping of `"`, `]` and `\` (RFC 5424 §6.3.3).
        assert!(msg.contains(r#"say \"hi\" \]\\"#), "{msg}");
    }
}

#[tokio::test]
async fn json_lines_over_tls() {
    let tmp = tempfile::tempdir().unwrap();
    let (addr, ca, task) = collector(tmp.path(), "siem.test").await;
    let fwd = SiemForwarder::new(target(&addr, &ca, "siem.test", SiemFormat::JsonLines)).unwrap();
    let list = entries(3);
    fwd.send(&list).await.unwrap();
    let got = String::from_utf8(task.await.unwrap().unwrap()).unwrap();
    let lines: Vec<&str> = got.lines().collect();
    assert_eq!(lines.len(), 3);
    for (l, e) in lines.iter().zip(&list) {
        assert_eq!(format!("{l}\n"), to_json_line(e));
        let back: AuditEntry = serde_json::from_str(l).unwrap();
        assert_eq!(&back, e);
    }
}

#[tokio::test]
async fn untrusted_certificate_or_wrong_name_fails_the_handshake() {
    let tmp = tempfile::tempdir().unwrap();
    // A collector whose certificate the client's CA file does not hold.
    let (addr, _, task) = collector(tmp.path(), "siem.test").await;
    let (_, other_ca, _other) = collector(tmp.path(), "other.test").await;
    let fwd =
        SiemForwarder::new(target(&addr, &other_ca, "siem.test", SiemFormat::Rfc5424)).unwrap();
    let err = fwd.send(&entries(1)).await.unwrap_err().to_string();
    assert!(err.contains("TLS handshake"), "{err}");
    assert!(task.await.unwrap().is_err());

    // The right CA, the wrong name.
    let (addr, ca, task) = collector(tmp.path(), "siem.test").await;
    let fwd =
        SiemForwarder::new(target(&addr, &ca, "elsewhere.test", SiemFormat::Rfc5424)).unwrap();
    let err = fwd.send(&entries(1)).await.unwrap_err().to_string();
    assert!(err.contains("TLS handshake"), "{err}");
    assert!(task.await.unwrap().is_err());

    // A CA file without certificates is refused up front.
    let empty = tmp.path().join("empty.pem");
    std::fs::write(&empty, "not a certificate\n").unwrap();
    assert!(SiemForwarder::new(target(&addr, &empty, "siem.test", SiemFormat::Rfc5424)).is_err());
}
