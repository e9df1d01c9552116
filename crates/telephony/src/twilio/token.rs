//! Short-lived stream tokens: minted by the voice webhook, checked on the stream's `start`.
//!
//! The webhook passes the token to Twilio as a `<Parameter>` and Twilio hands it back in
//! `start.customParameters`. It binds the call SID, the profile and an expiry with
//! HMAC-SHA256, so a WebSocket that passed the upgrade check still cannot open a stream for a
//! call the webhook never answered, nor switch profile. The key is derived from the auth token,
//! so every server instance behind a load balancer agrees without another shared secret.
//!
//! Format: `v1.<expiry unix seconds>.<base64url(mac)>`.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

use super::Secret;

/// Why a stream token was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TokenRejection {
    /// No token parameter in `start`.
    #[error("stream token missing")]
    Missing,
    /// Not a token of ours.
    #[error("stream token malformed")]
    Malformed,
    /// The token's time is up.
    #[error("stream token expired")]
    Expired,
    /// Signed for another call or profile, or forged.
    #[error("stream token does not match the call")]
    Mismatch,
}

/// Mints and checks stream tokens.
#[derive(Clone)]
pub struct StreamTokens {
    key: [u8; 32],
    ttl_secs: u64,
}

impl std::fmt::Debug for StreamTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamTokens")
            .field("key", &"[redacted]")
            .field("ttl_secs", &self.ttl_secs)
            .finish()
    }
}

impl StreamTokens {
    /// Tokens keyed from `auth_token`, valid for `ttl_secs`.
    pub fn new(auth_token: &Secret, ttl_secs: u64) -> Self {
        let mut mac = hmac_sha256(auth_token.expose().as_bytes());
        mac.update(b"voxgate twilio stream token v1");
        Self {
            key: mac.finalize().into_bytes().into(),
            ttl_secs,
        }
    }

    /// A token for `call_sid` and `profile`, valid from now.
    pub fn mint(&self, call_sid: &str, profile: &str) -> String {
        self.mint_at(call_sid, profile, unix_now())
    }

    /// As [`mint`](Self::mint), at a given time (seconds since the epoch).
    pub fn mint_at(&self, call_sid: &str, profile: &str, now: u64) -> String {
        let expiry = now.saturating_add(self.ttl_secs);
        let mac = self.mac(call_sid, profile, expiry);
        format!(
            "v1.{expiry}.{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(mac)
        )
    }

    /// Checks a token against `call_sid` and `profile`, now.
    ///
    /// # Errors
    /// The [`TokenRejection`] reason.
    pub fn verify(&self, token: &str, call_sid: &str, profile: &str) -> Result<(), TokenRejection> {
        self.verify_at(token, call_sid, profile, unix_now())
    }

    /// As [`verify`](Self::verify), at a given time.
    ///
    /// # Errors
    /// The [`TokenRejection`] reason.
    pub fn verify_at(
        &self,
        token: &str,
        call_sid: &str,
        profile: &str,
        now: u64,
    ) -> Result<(), TokenRejection> {
        let mut parts = token.splitn(3, '.');
        let (Some("v1"), Some(expiry), Some(mac)) = (parts.next(), parts.next(), parts.next())
        else {
            return Err(TokenRejection::Malformed);
        };
        let expiry: u64 = expiry.parse().map_err(|_| TokenRejection::Malformed)?;
        let given = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(mac)
            .map_err(|_| TokenRejection::Malformed)?;
        let expected = self.mac(call_sid, profile, expiry);
        if !bool::from(expected.ct_eq(given.as_slice())) {
            return Err(TokenRejection::Mismatch);
        }
        if now > expiry {
            return Err(TokenRejection::Expired);
        }
        Ok(())
    }

    fn mac(&self, call_sid: &str, profile: &str, expiry: u64) -> [u8; 32] {
        let mut mac = hmac_sha256(&self.key);
        // Length-prefix each field so ("ab","c") and ("a","bc") sign differently.
        for field in [call_sid.as_bytes(), profile.as_bytes()] {
            mac.update(&(field.len() as u64).to_be_bytes());
            mac.update(field);
        }
        mac.update(&expiry.to_be_bytes());
        mac.finalize().into_bytes().into()
    }
}

fn hmac_sha256(key: &[u8]) -> Hmac<Sha256> {
    // HMAC takes keys of any length, so `new_from_slice` cannot fail here; the fallback only
    // keeps this panic-free.
    Hmac::<Sha256>::new_from_slice(key)
        .unwrap_or_else(|_| <Hmac<Sha256> as Mac>::new(&Default::default()))
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mint_verify_expire_and_bind() {
        let t = StreamTokens::new(&Secret::new("secret"), 60);
        let tok = t.mint_at("CA1", "echo", 1_000);
        assert!(tok.starts_with("v1.1060."));
        assert_eq!(t.verify_at(&tok, "CA1", "echo", 1_000), Ok(()));
        assert_eq!(t.verify_at(&tok, "CA1", "echo", 1_060), Ok(()));
        assert_eq!(
            t.verify_at(&tok, "CA1", "echo", 1_061),
            Err(TokenRejection::Expired)
        );
        assert_eq!(
            t.verify_at(&tok, "CA2", "echo", 1_000),
            Err(TokenRejection::Mismatch)
        );
        assert_eq!(
            t.verify_at(&tok, "CA1", "sales", 1_000),
            Err(TokenRejection::Mismatch)
        );
        // Pushing the expiry forward breaks the MAC.
        let forged = tok.replacen("1060", "9999", 1);
        assert_eq!(
            t.verify_at(&forged, "CA1", "echo", 1_000),
            Err(TokenRejection::Mismatch)
        );
        let other = StreamTokens::new(&Secret::new("other"), 60);
        assert_eq!(
            other.verify_at(&tok, "CA1", "echo", 1_000),
            Err(TokenRejection::Mismatch)
        );
        for bad in ["", "v1", "v2.1.AAAA", "v1.x.AAAA", "v1.5.!!"] {
            assert_eq!(
                t.verify_at(bad, "CA1", "echo", 0),
                Err(TokenRejection::Malformed),
                "{bad}"
            );
        }
    }
}
