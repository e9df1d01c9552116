//! API keys: `vgk_` + 8-character public key id + `_` + 43-character base64url secret.
//!
//! The secret is 256 bits from the operating system RNG. The store keeps only the key id (for
//! lookup) and [`ApiKeyHash`], the SHA-256 of the full key string; the key itself is shown once.
//!
//! Why SHA-256 and not argon2: slow password hashes exist to make guessing *low-entropy* inputs
//! expensive. A 256-bit uniformly random secret cannot be guessed, and inverting SHA-256 on it
//! is as hard as finding the key by brute force (2^256 work), so a slow hash adds no security.
//! It would, however, cost tens of milliseconds and megabytes of memory on *every* API request,
//! which would cap the server far below its 20,000 req/s target and hand attackers a cheap DoS.
//!
//! Verification compares the hashes in constant time so timing does not leak how many bytes matched.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use rand::rngs::OsRng;
use rand::{Rng, RngCore};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::{Error, Result, Secret};

/// Prefix of every Voxgate API key; recognisable in logs and by secret scanners.
pub const API_KEY_PREFIX: &str = "vgk_";
/// Length of the public key id.
pub const KEY_ID_LEN: usize = 8;
/// Length of the base64url (unpadded) encoding of the 32-byte secret.
pub const SECRET_LEN: usize = 43;
/// Total length of a key string.
pub const API_KEY_LEN: usize = API_KEY_PREFIX.len() + KEY_ID_LEN + 1 + SECRET_LEN;

/// Regular expression (for the `regex` crate) matching a Voxgate API key anywhere in text;
/// the log scrubber uses it.
pub const API_KEY_PATTERN: &str = r"vgk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}";

const KEY_ID_ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// A full API key (id and secret). Only exists when a key is created or presented by a client.
#[derive(Clone)]
pub struct ApiKey {
    full: Secret<String>,
}

impl std::fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApiKey")
            .field("id", &self.id())
            .field("secret", &crate::secret::REDACTED)
            .finish()
    }
}

impl ApiKey {
    /// Generates a new key with a random id and 256 random bits from the OS RNG.
    pub fn generate() -> Self {
        let mut rng = OsRng;
        let mut full = String::with_capacity(API_KEY_LEN);
        full.push_str(API_KEY_PREFIX);
        for _ in 0..KEY_ID_LEN {
            let i = rng.gen_range(0..KEY_ID_ALPHABET.len());
            full.push(char::from(KEY_ID_ALPHABET[i]));
        }
        full.push('_');
        let mut secret = zeroize::Zeroizing::new([0u8; 32]);
        rng.fill_bytes(secret.as_mut());
        URL_SAFE_NO_PAD.encode_string(secret.as_ref(), &mut full);
        Self {
            full: Secret::new(full),
        }
    }

    /// Parses a key presented by a client (from `X-API-Key` or `Authorization: Bearer`).
    ///
    /// # Errors
    /// [`Error::MalformedApiKey`] naming the first problem: prefix, length, id or secret encoding.
    pub fn parse(presented: &str) -> Result<Self> {
        let rest = presented
            .strip_prefix(API_KEY_PREFIX)
            .ok_or(Error::MalformedApiKey("missing vgk_ prefix"))?;
        if presented.len() != API_KEY_LEN {
            return Err(Error::MalformedApiKey("wrong length"));
        }
        if !presented.is_ascii() {
            return Err(Error::MalformedApiKey("non-ASCII characters"));
        }
        let (id, tail) = rest.split_at(KEY_ID_LEN);
        if !id.bytes().all(|b| KEY_ID_ALPHABET.contains(&b)) {
            return Err(Error::MalformedApiKey(
                "key id must be 8 lowercase letters or digits",
            ));
        }
        let secret = tail
            .strip_prefix('_')
            .ok_or(Error::MalformedApiKey("missing separator after key id"))?;
        let mut buf = zeroize::Zeroizing::new([0u8; 33]);
        match URL_SAFE_NO_PAD.decode_slice(secret, buf.as_mut()) {
            Ok(32) => {}
            _ => {
                return Err(Error::MalformedApiKey(
                    "secret is not 32 bytes of base64url",
                ))
            }
        }
        Ok(Self {
            full: Secret::new(presented.to_owned()),
        })
    }

    /// The public key id used to look the key up in storage.
    pub fn id(&self) -> &str {
        &self.full.expose()[API_KEY_PREFIX.len()..API_KEY_PREFIX.len() + KEY_ID_LEN]
    }

    /// The full key string, to be shown to its owner exactly once.
    pub fn expose(&self) -> &str {
        self.full.expose()
    }

    /// The hash to store.
    pub fn hash(&self) -> ApiKeyHash {
        ApiKeyHash(Sha256::digest(self.full.expose().as_bytes()).into())
    }

    /// Checks this presented key against a stored hash in constant time.
    pub fn verify(&self, stored: &ApiKeyHash) -> bool {
        self.hash().0.ct_eq(&stored.0).into()
    }
}

/// SHA-256 of a full API key: what the store keeps.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ApiKeyHash(pub [u8; 32]);

impl std::fmt::Debug for ApiKeyHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "ApiKeyHash({})", self.to_hex())
    }
}

impl ApiKeyHash {
    /// Lowercase hex, for text columns.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// Parses the hex form.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when the text is not 64 hex digits.
    pub fn from_hex(s: &str) -> Result<Self> {
        let mut out = [0u8; 32];
        hex::decode_to_slice(s, &mut out)
            .map_err(|e| Error::InvalidKey(format!("API key hash: {e}")))?;
        Ok(Self(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn generated_keys_have_the_documented_shape() {
        let re = Regex::new(&format!("^{API_KEY_PATTERN}$")).unwrap();
        let a = ApiKey::generate();
        let b = ApiKey::generate();
        assert_eq!(a.expose().len(), API_KEY_LEN);
        assert!(re.is_match(a.expose()), "{}", a.expose());
        assert_ne!(a.expose(), b.expose());
        assert_ne!(a.id(), b.id());
        let parsed = ApiKey::parse(a.expose()).unwrap();
        assert_eq!(parsed.id(), a.id());
        assert!(!format!("{a:?}").contains(&a.expose()[13..]));
    }

    #[test]
    fn verify_accepts_only_the_right_key() {
        let k = ApiKey::generate();
        let stored = ApiKeyHash::from_hex(&k.hash().to_hex()).unwrap();
        assert!(ApiKey::parse(k.expose()).unwrap().verify(&stored));
        // Same id, different secret.
        let mut forged = k.expose().to_owned();
        let last = forged.pop().unwrap();
        forged.push(if last == 'A' { 'Q' } else { 'A' });
        if let Ok(f) = ApiKey::parse(&forged) {
            assert!(!f.verify(&stored));
        }
        assert!(!ApiKey::generate().verify(&stored));
    }

    #[test]
    fn parse_errors_are_specific() {
        let good = ApiKey::generate();
        let g = good.expose();
        let cases = [
            ("", "prefix"),
            ("sk-abcdef", "prefix"),
            ("vgk_short", "length"),
            (&format!("{g}x"), "length"),
        ];
        for (input, want) in cases {
            let err = ApiKey::parse(input).unwrap_err().to_string();
            assert!(err.contains(want), "{input:?}: {err}");
        }
        let upper_id = format!("vgk_ABCDEFGH{}", &g[12..]);
        assert!(ApiKey::parse(&upper_id)
            .unwrap_err()
            .to_string()
            .contains("key id"));
        let no_sep = format!("{}-{}", &g[..12], &g[13..]);
        assert!(ApiKey::parse(&no_sep)
            .unwrap_err()
            .to_string()
            .contains("separator"));
        let bad_secret = format!("{}{}", &g[..13], "!".repeat(43));
        assert!(ApiKey::parse(&bad_secret)
            .unwrap_err()
            .to_string()
            .contains("secret"));
        // Non-ASCII must not panic on the byte-index split.
        let unicode = format!("vgk_ééééé{}", "a".repeat(API_KEY_LEN - 14));
        assert!(ApiKey::parse(&unicode).is_err());
    }
}
