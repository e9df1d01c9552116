//! Audit export to a SIEM over TCP, optionally TLS, as RFC 5424 syslog or JSON lines.
//!
//! - **Syslog**: each entry is an RFC 5424 message ([`voxgate_security::audit::to_rfc5424`])
//!   framed by octet counting, `MSG-LEN SP SYSLOG-MSG` — the framing RFC 5425 mandates for
//!   syslog over TLS and RFC 6587 §3.4.1 describes for plain TCP.
//! - **JSON lines**: each entry is one JSON object
//!   ([`voxgate_security::audit::to_json_line`]), newline-terminated.
//!
//! With TLS the collector's certificate is checked against the CA file given (PEM), or the
//! Mozilla root set (`webpki-roots`) when none is, and its name against `server_name` (the host
//! of the address by default). There is no way to turn verification off.
//!
//! A [`SiemForwarder`] is built once (it reads the CA file then) and opens one connection per
//! [`SiemForwarder::send`]; each batch is written whole and the connection closed cleanly
//! (TLS `close_notify`), so a collector that got the end of the stream got every message.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};
use tokio::io::{AsyncWrite, AsyncWriteExt};
use tokio_rustls::rustls;
use tokio_rustls::rustls::pki_types::pem::PemObject;
use tokio_rustls::rustls::pki_types::{CertificateDer, ServerName};
use voxgate_security::audit::{self, AuditEntry, SyslogFormat};

use crate::{Error, Result};

/// How entries are written on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SiemFormat {
    /// RFC 5424 messages with octet-counting framing.
    #[default]
    Rfc5424,
    /// One JSON object per line.
    JsonLines,
}

impl SiemFormat {
    /// Parses `rfc5424` or `json_lines` (also `json`).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for anything else.
    pub fn parse(s: &str) -> Result<Self> {
        match s {
            "rfc5424" | "syslog" => Ok(Self::Rfc5424),
            "json_lines" | "json" | "jsonl" => Ok(Self::JsonLines),
            other => Err(Error::InvalidInput(format!(
                "SIEM format `{other}`: use rfc5424 or json_lines"
            ))),
        }
    }
}

/// TLS settings of the SIEM connection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SiemTls {
    /// PEM file of the CA certificates to trust; `None`: the Mozilla root set.
    pub ca_file: Option<PathBuf>,
    /// Name the collector's certificate must carry; `None`: the host part of the address.
    pub server_name: Option<String>,
}

/// Where and how to send audit entries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiemTarget {
    /// `host:port` of the collector.
    pub addr: String,
    /// TLS, or plain TCP when `None`.
    pub tls: Option<SiemTls>,
    /// Wire format.
    pub format: SiemFormat,
    /// Header fields of RFC 5424 messages.
    pub syslog: SyslogFormat,
}

/// Sends audit entries to one collector; build once, reuse.
#[derive(Clone)]
pub struct SiemForwarder {
    target: SiemTarget,
    tls: Option<(tokio_rustls::TlsConnector, ServerName<'static>)>,
}

impl std::fmt::Debug for SiemForwarder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SiemForwarder")
            .field("target", &self.target)
            .field("tls", &self.tls.is_some())
            .finish()
    }
}

fn host_of(addr: &str) -> &str {
    let host = addr.rsplit_once(':').map_or(addr, |(h, _)| h);
    host.trim_start_matches('[').trim_end_matches(']')
}

/// Reads the CA certificates of a PEM file.
///
/// # Errors
/// [`Error::Io`] when unreadable, [`Error::InvalidInput`] when it holds no certificate.
pub fn load_ca_file(path: &Path) -> Result<Vec<CertificateDer<'static>>> {
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        op: "reading SIEM CA file",
        path: path.to_path_buf(),
        source,
    })?;
    let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_slice_iter(&bytes)
        .collect::<std::result::Result<_, _>>()
        .map_err(|e| Error::InvalidInput(format!("SIEM CA file {}: {e}", path.display())))?;
    if certs.is_empty() {
        return Err(Error::InvalidInput(format!(
            "SIEM CA file {} holds no certificate",
            path.display()
        )));
    }
    Ok(certs)
}

impl SiemForwarder {
    /// Prepares the connection settings (reads the CA file, checks the server name).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for a bad address, server name or CA file; [`Error::Io`] when
    /// the CA file cannot be read.
    pub fn new(target: SiemTarget) -> Result<Self> {
        if !target.addr.contains(':') {
            return Err(Error::InvalidInput(format!(
                "SIEM address `{}` must be host:port",
                target.addr
            )));
        }
        let tls = match &target.tls {
            None => None,
            Some(t) => {
                let mut roots = rustls::RootCertStore::empty();
                match &t.ca_file {
                    Some(path) => {
                        for cert in load_ca_file(path)? {
                            roots.add(cert).map_err(|e| {
                                Error::InvalidInput(format!("SIEM CA file {}: {e}", path.display()))
                            })?;
                        }
                    }
                    None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
                }
                let provider = Arc::new(rustls::crypto::ring::default_provider());
                let config = rustls::ClientConfig::builder_with_provider(provider)
                    .with_safe_default_protocol_versions()
                    .map_err(|e| Error::InvalidInput(format!("SIEM TLS: {e}")))?
                    .with_root_certificates(roots)
                    .with_no_client_auth();
                let name = t
                    .server_name
                    .clone()
                    .unwrap_or_else(|| host_of(&target.addr).to_owned());
                let name = ServerName::try_from(name.clone()).map_err(|_| {
                    Error::InvalidInput(format!("SIEM server name `{name}` is not valid"))
                })?;
                Some((tokio_rustls::TlsConnector::from(Arc::new(config)), name))
            }
        };
        Ok(Self { target, tls })
    }

    /// The target.
    pub fn target(&self) -> &SiemTarget {
        &self.target
    }

    /// The bytes sent for `entries`, in the configured format.
    pub fn encode(&self, entries: &[AuditEntry]) -> Vec<u8> {
        encode(entries, self.target.format, &self.target.syslog)
    }

    /// Connects, sends `entries` and closes; returns how many were sent.
    ///
    /// # Errors
    /// [`Error::Io`] when connecting, the TLS handshake (an untrusted certificate or a wrong
    /// name) or a write fails.
    pub async fn send(&self, entries: &[AuditEntry]) -> Result<usize> {
        let addr = self.target.addr.as_str();
        let io = |op: &'static str| {
            let path = PathBuf::from(addr);
            move |source| Error::Io { op, path, source }
        };
        let bytes = self.encode(entries);
        let tcp = tokio::net::TcpStream::connect(addr)
            .await
            .map_err(io("connecting to SIEM collector"))?;
        // Batches are written whole: no reason to wait for the collector's ACKs per segment.
        let _ = tcp.set_nodelay(true);
        match &self.tls {
            None => write_all_and_close(tcp, &bytes)
                .await
                .map_err(io("writing to SIEM collector"))?,
            Some((connector, name)) => {
                let stream = connector
                    .connect(name.clone(), tcp)
                    .await
                    .map_err(io("TLS handshake with SIEM collector"))?;
                write_all_and_close(stream, &bytes)
                    .await
                    .map_err(io("writing to SIEM collector over TLS"))?;
            }
        }
        Ok(entries.len())
    }
}

async fn write_all_and_close<S: AsyncWrite + Unpin>(mut s: S, bytes: &[u8]) -> std::io::Result<()> {
    s.write_all(bytes).await?;
    s.flush().await?;
    s.shutdown().await
}

/// The wire bytes of `entries` in `format`.
pub fn encode(entries: &[AuditEntry], format: SiemFormat, syslog: &SyslogFormat) -> Vec<u8> {
    let mut out = String::with_capacity(entries.len() * 512);
    for e in entries {
        match format {
            SiemFormat::Rfc5424 => out.push_str(&audit::octet_frame(&audit::to_rfc5424(e, syslog))),
            SiemFormat::JsonLines => out.push_str(&audit::to_json_line(e)),
        }
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_and_hosts() {
        assert_eq!(SiemFormat::parse("rfc5424").unwrap(), SiemFormat::Rfc5424);
        assert_eq!(
            SiemFormat::parse("json_lines").unwrap(),
            SiemFormat::JsonLines
        );
        assert!(SiemFormat::parse("cef").is_err());
        assert_eq!(host_of("siem.example.net:6514"), "siem.example.net");
        assert_eq!(host_of("[::1]:6514"), "::1");
        let bad = SiemForwarder::new(SiemTarget {
            addr: "nohost".into(),
            tls: None,
            format: SiemFormat::Rfc5424,
            syslog: SyslogFormat::default(),
        });
        assert!(bad.is_err());
    }
}
