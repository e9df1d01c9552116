//! The `Voxgate-Signature` webhook scheme (HMAC-SHA256 with timestamp and replay window) for
//! Voxgate's outbound webhooks and inbound callbacks. Integrator documentation with a worked
//! example lives in `docs/webhook-signatures.md`; a test checks its values.
//!
//! Header: `Voxgate-Signature: t=<unix seconds>,v1=<hex>[,v1=<hex>...]` where each `v1` is
//! `hex(HMAC-SHA256(secret, "{t}.{body}"))`. While a secret is rotated the sender signs with
//! both secrets, so receivers holding either one accept. Receivers refuse a timestamp more than
//! the tolerance (default 300 s) away from their clock, compare in constant time, and remember
//! accepted signatures until they leave the window so a captured request cannot be replayed.

use std::collections::HashMap;
use std::fmt;

use hmac::{Hmac, Mac};
use parking_lot::Mutex;
use sha2::Sha256;
use subtle::ConstantTimeEq;

use crate::{Error, Result, Secret};

/// The HTTP header carrying the signature.
pub const HEADER_NAME: &str = "Voxgate-Signature";
/// Default accepted distance between the signed timestamp and the receiver's clock.
pub const DEFAULT_TOLERANCE_SECS: u64 = 300;
/// Minimum secret length in bytes.
pub const MIN_SECRET_BYTES: usize = 16;
/// At most this many `v1` entries are examined, bounding verification work.
pub const MAX_SIGNATURES: usize = 8;

/// Why a signature was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureRejection {
    /// The header is not `t=...,v1=...`.
    Malformed(&'static str),
    /// The header has no `v1` signature.
    NoSignature,
    /// The timestamp is older than the tolerance.
    Stale,
    /// The timestamp is further in the future than the tolerance.
    FromTheFuture,
    /// No `v1` matches any configured secret.
    Mismatch,
    /// This exact signature was already accepted within the window.
    Replayed,
    /// The replay cache is full of live entries; refusing is safer than forgetting.
    ReplayCacheFull,
}

impl fmt::Display for SignatureRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed(w) => write!(f, "malformed header: {w}"),
            Self::NoSignature => f.write_str("no v1 signature"),
            Self::Stale => f.write_str("timestamp outside tolerance (too old)"),
            Self::FromTheFuture => f.write_str("timestamp outside tolerance (in the future)"),
            Self::Mismatch => f.write_str("signature mismatch"),
            Self::Replayed => f.write_str("replayed signature"),
            Self::ReplayCacheFull => f.write_str("replay cache full"),
        }
    }
}

fn reject(r: SignatureRejection) -> Error {
    Error::SignatureRejected(r)
}

fn secrets_from(secrets: &[&[u8]]) -> Result<Vec<Secret<Vec<u8>>>> {
    if secrets.is_empty() {
        return Err(Error::InvalidKey(
            "at least one webhook secret is required".into(),
        ));
    }
    secrets
        .iter()
        .map(|s| {
            if s.len() < MIN_SECRET_BYTES {
                Err(Error::InvalidKey(format!(
                    "webhook secret must be at least {MIN_SECRET_BYTES} bytes"
                )))
            } else {
                Ok(Secret::new(s.to_vec()))
            }
        })
        .collect()
}

fn mac_for(secret: &[u8], timestamp: i64, body: &[u8]) -> [u8; 32] {
    // HMAC takes keys of any length, so `new_from_slice` cannot fail here.
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return [0; 32];
    };
    mac.update(timestamp.to_string().as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize().into_bytes().into()
}

/// `hex(HMAC-SHA256(secret, "{timestamp}.{body}"))`.
pub fn compute_v1(secret: &[u8], timestamp: i64, body: &[u8]) -> String {
    hex::encode(mac_for(secret, timestamp, body))
}

/// Signs outgoing requests.
#[derive(Debug, Clone)]
pub struct WebhookSigner {
    secrets: Vec<Secret<Vec<u8>>>,
}

impl WebhookSigner {
    /// Signs with every given secret (several only during rotation).
    ///
    /// # Errors
    /// [`Error::InvalidKey`] for no secret or one shorter than [`MIN_SECRET_BYTES`].
    pub fn new(secrets: &[&[u8]]) -> Result<Self> {
        Ok(Self {
            secrets: secrets_from(secrets)?,
        })
    }

    /// The `Voxgate-Signature` header value for `body` sent at `timestamp`.
    pub fn sign(&self, body: &[u8], timestamp: i64) -> String {
        let mut out = format!("t={timestamp}");
        for s in &self.secrets {
            out.push_str(",v1=");
            out.push_str(&compute_v1(s.expose(), timestamp, body));
        }
        out
    }
}

/// Verifies incoming requests and remembers accepted signatures.
#[derive(Debug)]
pub struct WebhookVerifier {
    secrets: Vec<Secret<Vec<u8>>>,
    tolerance_secs: u64,
    max_cached: usize,
    seen: Mutex<HashMap<[u8; 32], i64>>,
}

struct Parsed {
    t: i64,
    sigs: Vec<[u8; 32]>,
}

fn parse_header(header: &str) -> std::result::Result<Parsed, SignatureRejection> {
    let mut t = None;
    let mut sigs = Vec::new();
    for item in header.split(',') {
        let (k, v) = item
            .trim()
            .split_once('=')
            .ok_or(SignatureRejection::Malformed("item without '='"))?;
        match k {
            "t" => {
                if t.is_some() {
                    return Err(SignatureRejection::Malformed("duplicate t"));
                }
                if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
                    return Err(SignatureRejection::Malformed("t is not a Unix time"));
                }
                t = Some(
                    v.parse::<i64>()
                        .map_err(|_| SignatureRejection::Malformed("t out of range"))?,
                );
            }
            "v1" => {
                if sigs.len() == MAX_SIGNATURES {
                    return Err(SignatureRejection::Malformed("too many signatures"));
                }
                let mut b = [0u8; 32];
                hex::decode_to_slice(v, &mut b)
                    .map_err(|_| SignatureRejection::Malformed("v1 is not 64 hex digits"))?;
                sigs.push(b);
            }
            // Future schemes are ignored so senders can add them without breaking receivers.
            _ => {}
        }
    }
    let t = t.ok_or(SignatureRejection::Malformed("missing t"))?;
    if sigs.is_empty() {
        return Err(SignatureRejection::NoSignature);
    }
    Ok(Parsed { t, sigs })
}

impl WebhookVerifier {
    /// A verifier accepting any of `secrets`, with the default 300 s tolerance.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] for no secret or one shorter than [`MIN_SECRET_BYTES`].
    pub fn new(secrets: &[&[u8]]) -> Result<Self> {
        Ok(Self {
            secrets: secrets_from(secrets)?,
            tolerance_secs: DEFAULT_TOLERANCE_SECS,
            max_cached: 100_000,
            seen: Mutex::new(HashMap::new()),
        })
    }

    /// Changes the tolerance window.
    pub fn with_tolerance_secs(mut self, secs: u64) -> Self {
        self.tolerance_secs = secs;
        self
    }

    /// Changes the replay-cache bound (default 100,000 signatures).
    pub fn with_max_cached(mut self, n: usize) -> Self {
        self.max_cached = n.max(1);
        self
    }

    /// Verifies `header` for `body` at Unix time `now`, recording the signature on success.
    ///
    /// # Errors
    /// [`Error::SignatureRejected`] with the reason.
    pub fn verify(&self, header: &str, body: &[u8], now: i64) -> Result<()> {
        let p = parse_header(header).map_err(reject)?;
        let tol = i64::try_from(self.tolerance_secs).unwrap_or(i64::MAX);
        if p.t < now.saturating_sub(tol) {
            return Err(reject(SignatureRejection::Stale));
        }
        if p.t > now.saturating_add(tol) {
            return Err(reject(SignatureRejection::FromTheFuture));
        }
        let mut matched = None;
        for secret in &self.secrets {
            let expected = mac_for(secret.expose(), p.t, body);
            for sig in &p.sigs {
                if bool::from(expected.ct_eq(sig)) && matched.is_none() {
                    matched = Some(expected);
                }
            }
        }
        let sig = matched.ok_or_else(|| reject(SignatureRejection::Mismatch))?;
        let expires = p.t.saturating_add(tol);
        let mut seen = self.seen.lock();
        if let Some(&exp) = seen.get(&sig) {
            if exp >= now {
                return Err(reject(SignatureRejection::Replayed));
            }
        }
        if seen.len() >= self.max_cached {
            seen.retain(|_, exp| *exp >= now);
            if seen.len() >= self.max_cached {
                return Err(reject(SignatureRejection::ReplayCacheFull));
            }
        }
        seen.insert(sig, expires);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"voxgate-example-secret-0123456789";
    const ROTATED: &[u8] = b"voxgate-example-secret-rotated-987";
    const T: i64 = 1_700_000_000;
    const BODY: &[u8] = br#"{"event":"call.completed","call_id":"c_123"}"#;
    const V1: &str = "e7994ed370809eb1b4a882baf3330f51ff99160086510ca89db810c4c00c9fac";
    const V1_ROTATED: &str = "10c50635a0eae54abf044ec716355a66d7458a28801c8b6db19036741b2336b0";

    fn rejection(r: Result<()>) -> SignatureRejection {
        match r {
            Err(Error::SignatureRejected(s)) => s,
            other => panic!("expected rejection, got {other:?}"),
        }
    }

    #[test]
    fn worked_example_matches_docs() {
        // Values computed independently with `openssl dgst -sha256 -hmac`.
        assert_eq!(compute_v1(SECRET, T, BODY), V1);
        assert_eq!(compute_v1(ROTATED, T, BODY), V1_ROTATED);
        let header = WebhookSigner::new(&[SECRET]).unwrap().sign(BODY, T);
        assert_eq!(header, format!("t={T},v1={V1}"));
        let both = WebhookSigner::new(&[SECRET, ROTATED])
            .unwrap()
            .sign(BODY, T);
        assert_eq!(both, format!("t={T},v1={V1},v1={V1_ROTATED}"));
        let doc_path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/webhook-signatures.md"
        );
        let doc = std::fs::read_to_string(doc_path).expect("docs/webhook-signatures.md");
        for needle in [
            std::str::from_utf8(SECRET).unwrap(),
            std::str::from_utf8(BODY).unwrap(),
            &format!("Voxgate-Signature: {header}"),
            &format!("Voxgate-Signature: {both}"),
        ] {
            assert!(doc.contains(needle), "docs lack {needle}");
        }
    }

    #[test]
    fn accepts_valid_and_rotated() {
        let header = WebhookSigner::new(&[SECRET]).unwrap().sign(BODY, T);
        assert!(WebhookVerifier::new(&[SECRET])
            .unwrap()
            .verify(&header, BODY, T + 10)
            .is_ok());
        // Receiver already moved to the new secret, sender signs with both.
        let both = WebhookSigner::new(&[SECRET, ROTATED])
            .unwrap()
            .sign(BODY, T);
        assert!(WebhookVerifier::new(&[ROTATED])
            .unwrap()
            .verify(&both, BODY, T)
            .is_ok());
        // Receiver holds both, sender only the new one; spaces and unknown schemes tolerated.
        let h = format!("t={T}, v0=abc, v1={V1_ROTATED}");
        assert!(WebhookVerifier::new(&[SECRET, ROTATED])
            .unwrap()
            .verify(&h, BODY, T)
            .is_ok());
    }

    #[test]
    fn forged_and_tampered_are_refused() {
        let v = WebhookVerifier::new(&[SECRET]).unwrap();
        let forged = WebhookSigner::new(&[b"attacker-guessed-secret!"])
            .unwrap()
            .sign(BODY, T);
        assert_eq!(
            rejection(v.verify(&forged, BODY, T)),
            SignatureRejection::Mismatch
        );
        let header = format!("t={T},v1={V1}");
        assert_eq!(
            rejection(v.verify(
                &header,
                br#"{"event":"call.completed","call_id":"c_124"}"#,
                T
            )),
            SignatureRejection::Mismatch
        );
        // Moving the timestamp invalidates the MAC.
        let moved = format!("t={},v1={V1}", T + 1);
        assert_eq!(
            rejection(v.verify(&moved, BODY, T)),
            SignatureRejection::Mismatch
        );
    }

    #[test]
    fn window_and_replay() {
        let v = WebhookVerifier::new(&[SECRET]).unwrap();
        let header = format!("t={T},v1={V1}");
        assert_eq!(
            rejection(v.verify(&header, BODY, T + 301)),
            SignatureRejection::Stale
        );
        assert_eq!(
            rejection(v.verify(&header, BODY, T - 301)),
            SignatureRejection::FromTheFuture
        );
        assert!(v.verify(&header, BODY, T + 300).is_ok());
        assert_eq!(
            rejection(v.verify(&header, BODY, T + 300)),
            SignatureRejection::Replayed
        );
        let short = WebhookVerifier::new(&[SECRET])
            .unwrap()
            .with_tolerance_secs(10);
        assert_eq!(
            rejection(short.verify(&header, BODY, T + 11)),
            SignatureRejection::Stale
        );
    }

    #[test]
    fn replay_cache_is_bounded() {
        let signer = WebhookSigner::new(&[SECRET]).unwrap();
        let v = WebhookVerifier::new(&[SECRET]).unwrap().with_max_cached(2);
        assert!(v.verify(&signer.sign(b"a", T), b"a", T).is_ok());
        assert!(v.verify(&signer.sign(b"b", T), b"b", T).is_ok());
        assert_eq!(
            rejection(v.verify(&signer.sign(b"c", T), b"c", T)),
            SignatureRejection::ReplayCacheFull
        );
        // Once the first two left the window they are evicted.
        let later = T + 400;
        assert!(v.verify(&signer.sign(b"c", later), b"c", later).is_ok());
    }

    #[test]
    fn malformed_headers() {
        let v = WebhookVerifier::new(&[SECRET]).unwrap();
        for h in [
            "",
            "t=abc,v1=00",
            &format!("v1={V1}"),
            &format!("t={T},v1=zz"),
            &format!("t={T},t={T},v1={V1}"),
            &format!("t=-5,v1={V1}"),
            "garbage",
        ] {
            assert!(
                matches!(
                    rejection(v.verify(h, BODY, T)),
                    SignatureRejection::Malformed(_)
                ),
                "{h:?}"
            );
        }
        assert_eq!(
            rejection(v.verify(&format!("t={T}"), BODY, T)),
            SignatureRejection::NoSignature
        );
        let many = format!("t={T}{}", format!(",v1={V1}").repeat(9));
        assert!(matches!(
            rejection(v.verify(&many, BODY, T)),
            SignatureRejection::Malformed(_)
        ));
        assert!(WebhookVerifier::new(&[b"short"]).is_err());
        assert!(WebhookSigner::new(&[]).is_err());
    }
}
