//! Browser session tokens.
//!
//! The page must present a token in its first message. The server mints it for an
//! authenticated user (or an operator embeds one for a kiosk) with [`BrowserTokens::mint`];
//! [`serve_browser_session`](super::serve_browser_session) checks it through the
//! [`BrowserAuthorizer`] trait, so the server can plug in its own scheme instead.
//!
//! Token format: `v1.<expiry unix secs>.<base64url(profile)>.<base64url(HMAC-SHA256)>`.

use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use subtle::ConstantTimeEq;

/// What a valid token grants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrowserGrant {
    /// Agent profile the session runs.
    pub profile: String,
}

/// Why a browser session was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AuthRejection {
    /// Not a token we issued.
    #[error("malformed session token")]
    Malformed,
    /// Forged or tampered.
    #[error("invalid session token")]
    Invalid,
    /// Too old.
    #[error("expired session token")]
    Expired,
    /// The page asked for another profile than the token grants.
    #[error("profile not allowed by the session token")]
    ProfileNotAllowed,
}

/// Decides whether a browser may open a voice session.
pub trait BrowserAuthorizer: Send + Sync + std::fmt::Debug {
    /// Checks `token`; `requested_profile` is what the page asked for, if anything.
    ///
    /// # Errors
    /// The [`AuthRejection`] reason; the session is refused with no call state created.
    fn authorize(
        &self,
        token: &str,
        requested_profile: Option<&str>,
    ) -> Result<BrowserGrant, AuthRejection>;
}

/// HMAC-signed, short-lived, profile-bound session tokens.
#[derive(Clone)]
pub struct BrowserTokens {
    key: [u8; 32],
    ttl_secs: u64,
}

impl std::fmt::Debug for BrowserTokens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("BrowserTokens")
            .field("key", &"[redacted]")
            .field("ttl_secs", &self.ttl_secs)
            .finish()
    }
}

impl BrowserTokens {
    /// Tokens signed with `key` (at least 32 random bytes are advised), valid for `ttl_secs`.
    pub fn new(key: &[u8], ttl_secs: u64) -> Self {
        let mut mac = mac_with(key);
        mac.update(b"voxgate browser session token v1");
        Self {
            key: mac.finalize().into_bytes().into(),
            ttl_secs,
        }
    }

    /// Tokens with a fresh random key: valid only in this process (fine for one server).
    pub fn random(ttl_secs: u64) -> Self {
        let key: [u8; 32] = rand::random();
        Self::new(&key, ttl_secs)
    }

    /// A token for `profile`, valid from now.
    pub fn mint(&self, profile: &str) -> String {
        self.mint_at(profile, unix_now())
    }

    /// A token for `profile` at a given time.
    pub fn mint_at(&self, profile: &str, now: u64) -> String {
        let expiry = now.saturating_add(self.ttl_secs);
        let p = URL_SAFE_NO_PAD.encode(profile);
        let mac = self.mac(expiry, profile);
        format!("v1.{expiry}.{p}.{}", URL_SAFE_NO_PAD.encode(mac))
    }

    /// Checks a token at a given time.
    ///
    /// # Errors
    /// The [`AuthRejection`] reason.
    pub fn check_at(
        &self,
        token: &str,
        requested_profile: Option<&str>,
        now: u64,
    ) -> Result<BrowserGrant, AuthRejection> {
        let mut parts = token.split('.');
        let (Some("v1"), Some(expiry), Some(profile), Some(mac), None) = (
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
            parts.next(),
        ) else {
            return Err(AuthRejection::Malformed);
        };
        let expiry: u64 = expiry.parse().map_err(|_| AuthRejection::Malformed)?;
        let profile = URL_SAFE_NO_PAD
            .decode(profile)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .ok_or(AuthRejection::Malformed)?;
        let given = URL_SAFE_NO_PAD
            .decode(mac)
            .map_err(|_| AuthRejection::Malformed)?;
        if !bool::from(self.mac(expiry, &profile).ct_eq(given.as_slice())) {
            return Err(AuthRejection::Invalid);
        }
        if now > expiry {
            return Err(AuthRejection::Expired);
        }
        if requested_profile.is_some_and(|p| !p.is_empty() && p != profile) {
            return Err(AuthRejection::ProfileNotAllowed);
        }
        Ok(BrowserGrant { profile })
    }

    fn mac(&self, expiry: u64, profile: &str) -> [u8; 32] {
        let mut mac = mac_with(&self.key);
        mac.update(&expiry.to_be_bytes());
        mac.update(profile.as_bytes());
        mac.finalize().into_bytes().into()
    }
}

impl BrowserAuthorizer for BrowserTokens {
    fn authorize(
        &self,
        token: &str,
        requested_profile: Option<&str>,
    ) -> Result<BrowserGrant, AuthRejection> {
        self.check_at(token, requested_profile, unix_now())
    }
}

fn mac_with(key: &[u8]) -> Hmac<Sha256> {
    // HMAC accepts any key length; the fallback only keeps this panic-free.
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
    fn tokens() {
        let t = BrowserTokens::new(b"0123456789abcdef0123456789abcdef", 300);
        let tok = t.mint_at("echo", 100);
        let grant = BrowserGrant {
            profile: "echo".into(),
        };
        assert_eq!(t.check_at(&tok, None, 100), Ok(grant.clone()));
        assert_eq!(t.check_at(&tok, Some("echo"), 400), Ok(grant));
        assert_eq!(t.check_at(&tok, None, 401), Err(AuthRejection::Expired));
        assert_eq!(
            t.check_at(&tok, Some("sales"), 100),
            Err(AuthRejection::ProfileNotAllowed)
        );
        let other = BrowserTokens::new(b"another key of thirty-two bytes!", 300);
        assert_eq!(other.check_at(&tok, None, 100), Err(AuthRejection::Invalid));
        // Swapping the profile part breaks the MAC.
        let parts: Vec<&str> = tok.split('.').collect();
        let swapped = format!(
            "v1.{}.{}.{}",
            parts[1],
            URL_SAFE_NO_PAD.encode("admin"),
            parts[3]
        );
        assert_eq!(t.check_at(&swapped, None, 100), Err(AuthRejection::Invalid));
        for bad in ["", "v1.1.2", "v1.x.ZWNobw.AAAA", "v1.1.ZWNobw.AAAA.extra"] {
            assert_eq!(
                t.check_at(bad, None, 0),
                Err(AuthRejection::Malformed),
                "{bad}"
            );
        }
    }
}
