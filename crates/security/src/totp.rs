//! TOTP (RFC 6238) for multi-factor login: HMAC-SHA1, 6 digits, 30-second steps, ±1 step of
//! clock skew, base32 secrets and `otpauth://` provisioning URIs.
//!
//! Replay protection: [`Totp::verify`] returns the time step that matched; the caller stores it
//! per user and passes it back as `last_used_step`, and any code from that step or an earlier
//! one is refused. A code observed over a shoulder or in a phishing proxy is thus good once.

use std::fmt;

use data_encoding::BASE32_NOPAD;
use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::RngCore;
use sha1::Sha1;
use subtle::ConstantTimeEq;

use crate::{Error, Result, Secret};

/// Why a TOTP code was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum TotpRejection {
    /// Not the configured number of ASCII digits.
    Format,
    /// No step within the skew window produces this code.
    Invalid,
    /// The code matches a step already used (or older than the last used one).
    Replayed,
}

impl fmt::Display for TotpRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Format => "malformed code",
            Self::Invalid => "wrong code",
            Self::Replayed => "code already used",
        })
    }
}

/// Minimum secret length accepted (RFC 4226 R6 requires at least 128 bits).
pub const MIN_SECRET_BYTES: usize = 16;

/// A TOTP shared secret.
#[derive(Clone, Debug)]
pub struct TotpSecret(Secret<Vec<u8>>);

impl TotpSecret {
    /// 160 random bits, the length RFC 4226 recommends.
    pub fn generate() -> Self {
        let mut b = vec![0u8; 20];
        OsRng.fill_bytes(&mut b);
        Self(Secret::new(b))
    }

    /// Wraps raw bytes.
    ///
    /// # Errors
    /// [`Error::InvalidTotpSecret`] when shorter than [`MIN_SECRET_BYTES`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        if bytes.len() < MIN_SECRET_BYTES {
            return Err(Error::InvalidTotpSecret("shorter than 128 bits"));
        }
        Ok(Self(Secret::new(bytes.to_vec())))
    }

    /// Parses base32 as authenticator apps show it: case, spaces and `=` padding are ignored.
    ///
    /// # Errors
    /// [`Error::InvalidTotpSecret`] for invalid base32 or a short secret.
    pub fn from_base32(s: &str) -> Result<Self> {
        let cleaned = zeroize::Zeroizing::new(
            s.chars()
                .filter(|c| !c.is_whitespace() && *c != '=' && *c != '-')
                .map(|c| c.to_ascii_uppercase())
                .collect::<String>(),
        );
        let bytes = zeroize::Zeroizing::new(
            BASE32_NOPAD
                .decode(cleaned.as_bytes())
                .map_err(|_| Error::InvalidTotpSecret("not valid base32"))?,
        );
        Self::from_bytes(&bytes)
    }

    /// Unpadded base32, the form authenticator apps accept.
    pub fn to_base32(&self) -> String {
        BASE32_NOPAD.encode(self.0.expose())
    }
}

/// A TOTP generator/verifier for one secret.
#[derive(Clone, Debug)]
pub struct Totp {
    secret: TotpSecret,
    digits: u32,
    step_secs: u64,
    skew_steps: u64,
}

impl Totp {
    /// RFC 6238 defaults: 6 digits, 30-second steps, ±1 step of skew.
    pub fn new(secret: TotpSecret) -> Self {
        Self {
            secret,
            digits: 6,
            step_secs: 30,
            skew_steps: 1,
        }
    }

    /// Changes the number of digits (6 to 8).
    ///
    /// # Errors
    /// [`Error::Config`] outside 6..=8.
    pub fn with_digits(mut self, digits: u32) -> Result<Self> {
        if !(6..=8).contains(&digits) {
            return Err(Error::Config("TOTP digits must be 6, 7 or 8".into()));
        }
        self.digits = digits;
        Ok(self)
    }

    /// The secret.
    pub fn secret(&self) -> &TotpSecret {
        &self.secret
    }

    /// The time step a Unix time falls in.
    pub fn step_at(&self, unix_secs: u64) -> u64 {
        unix_secs / self.step_secs
    }

    fn code_for_step(&self, step: u64) -> u32 {
        // HMAC accepts keys of any length; the error branch is unreachable.
        let Ok(mut mac) = Hmac::<Sha1>::new_from_slice(self.secret.0.expose()) else {
            return u32::MAX;
        };
        mac.update(&step.to_be_bytes());
        let h = mac.finalize().into_bytes();
        let off = usize::from(h[19] & 0x0f);
        let bin = (u32::from(h[off] & 0x7f) << 24)
            | (u32::from(h[off + 1]) << 16)
            | (u32::from(h[off + 2]) << 8)
            | u32::from(h[off + 3]);
        bin % 10u32.pow(self.digits)
    }

    /// The code valid at a Unix time, zero-padded.
    pub fn code_at(&self, unix_secs: u64) -> String {
        format!(
            "{:0width$}",
            self.code_for_step(self.step_at(unix_secs)),
            width = self.digits as usize
        )
    }

    /// Verifies a code at `unix_secs`, accepting the steps `now-1 ..= now+1`, refusing any step
    /// `<= last_used_step`. Returns the matched step, which the caller must persist.
    ///
    /// # Errors
    /// [`Error::TotpRejected`] with [`TotpRejection::Format`], `Invalid` or `Replayed`.
    pub fn verify(&self, code: &str, unix_secs: u64, last_used_step: Option<u64>) -> Result<u64> {
        let code = code.trim();
        if code.len() != self.digits as usize || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Error::TotpRejected(TotpRejection::Format));
        }
        let now = self.step_at(unix_secs);
        let mut matched: Option<u64> = None;
        // Compute every candidate so timing does not reveal which step matched.
        for step in now.saturating_sub(self.skew_steps)..=now.saturating_add(self.skew_steps) {
            let expected = format!(
                "{:0width$}",
                self.code_for_step(step),
                width = self.digits as usize
            );
            if bool::from(expected.as_bytes().ct_eq(code.as_bytes())) && matched.is_none() {
                matched = Some(step);
            }
        }
        match matched {
            None => Err(Error::TotpRejected(TotpRejection::Invalid)),
            Some(step) if last_used_step.is_some_and(|last| step <= last) => {
                Err(Error::TotpRejected(TotpRejection::Replayed))
            }
            Some(step) => Ok(step),
        }
    }

    /// The `otpauth://totp/...` URI for QR-code enrolment.
    pub fn otpauth_uri(&self, issuer: &str, account: &str) -> String {
        format!(
            "otpauth://totp/{}:{}?secret={}&issuer={}&algorithm=SHA1&digits={}&period={}",
            percent_encode(issuer),
            percent_encode(account),
            self.secret.to_base32(),
            percent_encode(issuer),
            self.digits,
            self.step_secs
        )
    }
}

/// RFC 3986 percent-encoding of everything except unreserved characters.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rfc_totp(digits: u32) -> Totp {
        // RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
        Totp::new(TotpSecret::from_bytes(b"12345678901234567890").unwrap())
            .with_digits(digits)
            .unwrap()
    }

    const VECTORS: [(u64, &str); 6] = [
        (59, "94287082"),
        (1_111_111_109, "07081804"),
        (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"),
        (20_000_000_000, "65353130"),
    ];

    #[test]
    fn rfc6238_appendix_b_sha1_vectors() {
        let t8 = rfc_totp(8);
        let t6 = rfc_totp(6);
        for (time, code) in VECTORS {
            assert_eq!(t8.code_at(time), code, "t={time}");
            assert_eq!(t6.code_at(time), &code[2..], "t={time}");
            assert_eq!(t8.verify(code, time, None).unwrap(), time / 30);
        }
    }

    #[test]
    fn skew_window_is_one_step() {
        let t = rfc_totp(6);
        let now = 1_111_111_111;
        let prev = t.code_at(now - 30);
        let next = t.code_at(now + 30);
        let far = t.code_at(now - 60);
        assert!(t.verify(&prev, now, None).is_ok());
        assert!(t.verify(&next, now, None).is_ok());
        assert!(matches!(
            t.verify(&far, now, None),
            Err(Error::TotpRejected(TotpRejection::Invalid))
        ));
    }

    #[test]
    fn replay_is_refused() {
        let t = rfc_totp(6);
        let now = 1_234_567_890;
        let code = t.code_at(now);
        let step = t.verify(&code, now, None).unwrap();
        assert!(matches!(
            t.verify(&code, now + 5, Some(step)),
            Err(Error::TotpRejected(TotpRejection::Replayed))
        ));
        // An older (still in-window) code is refused after a newer one was used.
        let older = t.code_at(now - 30);
        assert!(matches!(
            t.verify(&older, now, Some(step)),
            Err(Error::TotpRejected(TotpRejection::Replayed))
        ));
        // The next step's code is fine.
        assert!(t.verify(&t.code_at(now + 30), now + 30, Some(step)).is_ok());
    }

    #[test]
    fn malformed_codes() {
        let t = rfc_totp(6);
        for bad in ["", "12345", "1234567", "12a456", "１２３４５６"] {
            assert!(matches!(
                t.verify(bad, 59, None),
                Err(Error::TotpRejected(TotpRejection::Format))
            ));
        }
    }

    #[test]
    fn base32_and_uri() {
        let s = TotpSecret::from_base32("gezd gnbv gy3t qojq gezd gnbv gy3t qojq").unwrap();
        assert_eq!(s.0.expose().as_slice(), b"12345678901234567890");
        assert_eq!(s.to_base32(), "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
        assert!(TotpSecret::from_base32("GEZDGNBV").is_err(), "too short");
        assert!(TotpSecret::from_base32("not base32!!").is_err());
        let uri = Totp::new(s).otpauth_uri("Voxgate Helpline", "ana@example.org");
        assert_eq!(
            uri,
            "otpauth://totp/Voxgate%20Helpline:ana%40example.org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ\
             &issuer=Voxgate%20Helpline&algorithm=SHA1&digits=6&period=30"
        );
        let g = TotpSecret::generate();
        assert_eq!(
            TotpSecret::from_base32(&g.to_base32()).unwrap().0.expose(),
            g.0.expose()
        );
    }
}
