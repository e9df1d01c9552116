//! Operators that rewrite findings, and the per-entity policy choosing them.

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use rand::RngCore;
use sha2::Sha256;

use crate::entity::EntityType;
use crate::error::{Error, Result};
use crate::finding::Finding;

/// Output encoding of the `hash` operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HashEncoding {
    /// Lower-case hex.
    Hex,
    /// URL-safe base64 without padding.
    Base64,
}

/// How one finding is rewritten.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Operator {
    /// Replace every letter and digit with `mask_char` except the last `keep_last`
    /// (separators stay: `***-***-0142`). A spoken number is masked in its digit
    /// form (`five one two ... four two` becomes `******0142`).
    Mask {
        /// Chars left visible at the end.
        keep_last: usize,
        /// Masking char.
        mask_char: char,
    },
    /// Replace with `[ENTITY_TYPE]`, or with the given text.
    Replace {
        /// Custom replacement; `None` for the typed placeholder.
        with: Option<String>,
    },
    /// `[PERSON_1]`, `[PERSON_2]`...: the same value gets the same number within a conversation.
    Numbered,
    /// `[PHONE_NUMBER:<hmac>]`: HMAC-SHA256 over the entity type and canonical value with the
    /// policy's hash key, truncated to the first 16 bytes (128 bits).
    Hash {
        /// Hex or base64.
        encoding: HashEncoding,
    },
    /// `[PHONE_NUMBER:enc:<token>]`: AES-256-GCM with a random 96-bit nonce; the token is
    /// URL-safe base64 of nonce || ciphertext || tag, with the entity type as associated
    /// data. Reverse with [`decrypt`].
    Encrypt,
    /// Delete the text.
    Remove,
    /// Leave the text as is.
    Keep,
}

impl fmt::Display for Operator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Operator::Mask { keep_last, .. } => write!(f, "mask:{keep_last}"),
            Operator::Replace { with: None } => f.write_str("replace"),
            Operator::Replace { with: Some(w) } => write!(f, "replace:{w}"),
            Operator::Numbered => f.write_str("numbered"),
            Operator::Hash {
                encoding: HashEncoding::Hex,
            } => f.write_str("hash"),
            Operator::Hash {
                encoding: HashEncoding::Base64,
            } => f.write_str("hash:base64"),
            Operator::Encrypt => f.write_str("encrypt"),
            Operator::Remove => f.write_str("remove"),
            Operator::Keep => f.write_str("keep"),
        }
    }
}

impl FromStr for Operator {
    type Err = Error;
    /// Parses `mask`, `mask:4`, `replace`, `replace:<text>`, `numbered`, `hash`,
    /// `hash:hex`, `hash:base64`, `encrypt`, `remove`, `keep`.
    fn from_str(spec: &str) -> Result<Self> {
        let bad = |reason: &str| Error::InvalidOperator {
            spec: spec.to_string(),
            reason: reason.to_string(),
        };
        let (name, arg) = match spec.trim().split_once(':') {
            Some((n, a)) => (n.trim(), Some(a)),
            None => (spec.trim(), None),
        };
        match (name.to_ascii_lowercase().as_str(), arg) {
            ("mask", None) => Ok(Operator::Mask { keep_last: 4, mask_char: '*' }),
            ("mask", Some(n)) => n
                .trim()
                .parse::<usize>()
                .map(|keep_last| Operator::Mask { keep_last, mask_char: '*' })
                .map_err(|_| bad("mask takes the number of chars to keep, e.g. mask:4")),
            ("replace", None) => Ok(Operator::Replace { with: None }),
            ("replace", Some(w)) => Ok(Operator::Replace { with: Some(w.to_string()) }),
            ("numbered", None) => Ok(Operator::Numbered),
            ("hash", None) | ("hash", Some("hex")) => Ok(Operator::Hash { encoding: HashEncoding::Hex }),
            ("hash", Some("base64")) => Ok(Operator::Hash { encoding: HashEncoding::Base64 }),
            ("hash", Some(_)) => Err(bad("hash encoding must be hex or base64")),
            ("encrypt", None) => Ok(Operator::Encrypt),
            ("remove", None) => Ok(Operator::Remove),
            ("keep", None) => Ok(Operator::Keep),
            ("numbered" | "encrypt" | "remove" | "keep", Some(_)) => Err(bad("this operator takes no argument")),
            _ => Err(bad("expected mask[:N], replace[:TEXT], numbered, hash[:hex|base64], encrypt, remove or keep")),
        }
    }
}

/// Parses a CLI `--operator` value `ENTITY=OP` (e.g. `PHONE_NUMBER=mask:4`).
/// `customs` lists custom entity names the redactor knows.
pub fn parse_operator_spec(spec: &str, customs: &[Arc<str>]) -> Result<(EntityType, Operator)> {
    let (e, op) = spec.split_once('=').ok_or_else(|| Error::InvalidOperator {
        spec: spec.to_string(),
        reason: "expected ENTITY=OPERATOR, e.g. PHONE_NUMBER=mask:4".into(),
    })?;
    Ok((EntityType::parse_with_customs(e, customs)?, op.parse()?))
}

/// Parses a comma-separated entity list (`PHONE_NUMBER,EMAIL_ADDRESS`).
pub fn parse_entity_list(list: &str, customs: &[Arc<str>]) -> Result<Vec<EntityType>> {
    list.split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|s| EntityType::parse_with_customs(s, customs))
        .collect()
}

/// Which operator applies to which entity, plus the keys `hash` and `encrypt` use.
#[derive(Clone)]
pub struct Policy {
    default: Operator,
    per_entity: HashMap<EntityType, Operator>,
    hash_key: Option<Arc<[u8]>>,
    cipher: Option<Arc<Aes256Gcm>>,
}

impl fmt::Debug for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Keys never appear in debug output.
        f.debug_struct("Policy")
            .field("default", &self.default)
            .field("per_entity", &self.per_entity)
            .field("hash_key", &self.hash_key.as_ref().map(|_| "<redacted>"))
            .field(
                "encryption_key",
                &self.cipher.as_ref().map(|_| "<redacted>"),
            )
            .finish()
    }
}

impl Default for Policy {
    /// Typed placeholders (`[PHONE_NUMBER]`) for everything.
    fn default() -> Self {
        Policy {
            default: Operator::Replace { with: None },
            per_entity: HashMap::new(),
            hash_key: None,
            cipher: None,
        }
    }
}

impl Policy {
    /// A policy applying `op` to every entity without a specific rule.
    pub fn with_default(op: Operator) -> Self {
        Policy {
            default: op,
            ..Policy::default()
        }
    }

    /// Sets the operator of one entity type.
    pub fn set(mut self, entity: EntityType, op: Operator) -> Self {
        self.per_entity.insert(entity, op);
        self
    }

    /// Key for `hash` (at least 16 bytes).
    pub fn hash_key(mut self, key: &[u8]) -> Result<Self> {
        if key.len() < 16 {
            return Err(Error::Key("hash key must be at least 16 bytes".into()));
        }
        self.hash_key = Some(Arc::from(key));
        Ok(self)
    }

    /// 32-byte key for `encrypt`.
    pub fn encryption_key(mut self, key: &[u8]) -> Result<Self> {
        let cipher = Aes256Gcm::new_from_slice(key)
            .map_err(|_| Error::Key("encryption key must be 32 bytes".into()))?;
        self.cipher = Some(Arc::new(cipher));
        Ok(self)
    }

    /// Checks that every `hash`/`encrypt` rule has its key. Call after configuring.
    pub fn validate(&self) -> Result<()> {
        for op in self
            .per_entity
            .values()
            .chain(std::iter::once(&self.default))
        {
            match op {
                Operator::Hash { .. } if self.hash_key.is_none() => {
                    return Err(Error::Key(
                        "hash operator configured without a hash key".into(),
                    ))
                }
                Operator::Encrypt if self.cipher.is_none() => {
                    return Err(Error::Key(
                        "encrypt operator configured without an encryption key".into(),
                    ))
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// The operator for `entity`.
    pub fn operator(&self, entity: &EntityType) -> &Operator {
        self.per_entity.get(entity).unwrap_or(&self.default)
    }
}

/// Numbered-placeholder state of one conversation.
#[derive(Debug, Default, Clone)]
pub struct Placeholders {
    ids: HashMap<(EntityType, String), usize>,
    counts: HashMap<EntityType, usize>,
}

impl Placeholders {
    fn number(&mut self, e: &EntityType, key: &str) -> usize {
        if let Some(&n) = self.ids.get(&(e.clone(), key.to_string())) {
            return n;
        }
        let c = self.counts.entry(e.clone()).or_insert(0);
        *c += 1;
        let n = *c;
        self.ids.insert((e.clone(), key.to_string()), n);
        n
    }
}

/// Rewrites `text` with findings (sorted, non-overlapping).
pub(crate) fn apply(
    text: &str,
    findings: &[Finding],
    policy: &Policy,
    state: &mut Placeholders,
) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut at = 0;
    for f in findings {
        if f.start < at || f.end > text.len() {
            continue;
        }
        out.push_str(&text[at..f.start]);
        let value = &text[f.start..f.end];
        let key: std::borrow::Cow<'_, str> = if f.key.is_empty() {
            value.to_lowercase().into()
        } else {
            f.key.as_str().into()
        };
        let name = f.entity_type.as_str();
        match policy.operator(&f.entity_type) {
            Operator::Mask {
                keep_last,
                mask_char,
            } if value.bytes().any(|c| c.is_ascii_alphabetic())
                && !key.is_empty()
                && key.bytes().all(|c| c.is_ascii_digit() || c == b'+') =>
            {
                // A spoken number is masked in its digit form: "******0142".
                let digits: Vec<char> = key.chars().filter(char::is_ascii_digit).collect();
                let keep = (*keep_last).min(digits.len());
                out.extend(std::iter::repeat_n(*mask_char, digits.len() - keep));
                out.extend(&digits[digits.len() - keep..]);
            }
            Operator::Mask {
                keep_last,
                mask_char,
            } => {
                let total = value.chars().filter(|c| c.is_alphanumeric()).count();
                let mut seen = 0;
                for c in value.chars() {
                    if c.is_alphanumeric() {
                        seen += 1;
                        if seen + keep_last > total {
                            out.push(c);
                        } else {
                            out.push(*mask_char);
                        }
                    } else {
                        out.push(c);
                    }
                }
            }
            Operator::Replace { with: None } => {
                out.push('[');
                out.push_str(name);
                out.push(']');
            }
            Operator::Replace { with: Some(w) } => out.push_str(w),
            Operator::Numbered => {
                let n = state.number(&f.entity_type, &key);
                out.push_str(&format!("[{name}_{n}]"));
            }
            Operator::Hash { encoding } => match &policy.hash_key {
                Some(k) => out.push_str(&format!(
                    "[{name}:{}]",
                    hmac_value(k, name, &key, *encoding)
                )),
                None => {
                    out.push('[');
                    out.push_str(name);
                    out.push(']');
                }
            },
            Operator::Encrypt => match policy
                .cipher
                .as_deref()
                .and_then(|c| encrypt(c, name, value).ok())
            {
                Some(tok) => out.push_str(&format!("[{name}:enc:{tok}]")),
                // Without a working key the value is dropped, never leaked.
                None => {
                    out.push('[');
                    out.push_str(name);
                    out.push(']');
                }
            },
            Operator::Remove => {}
            Operator::Keep => out.push_str(value),
        }
        at = f.end;
    }
    out.push_str(&text[at..]);
    out
}

fn hmac_value(key: &[u8], entity: &str, value: &str, enc: HashEncoding) -> String {
    let Ok(mut mac) = <Hmac<Sha256> as Mac>::new_from_slice(key) else {
        return String::new();
    };
    mac.update(entity.as_bytes());
    mac.update(&[0]);
    mac.update(value.as_bytes());
    let tag = mac.finalize().into_bytes();
    let short = &tag[..16];
    match enc {
        HashEncoding::Hex => hex::encode(short),
        HashEncoding::Base64 => base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(short),
    }
}

/// HMAC-SHA256 of a value as the `hash` operator computes it (first 16 bytes, hex), for
/// joining records: `hash_value(key, "PHONE_NUMBER", "+15125550142")`.
pub fn hash_value(key: &[u8], entity: &str, canonical: &str) -> String {
    hmac_value(key, entity, canonical, HashEncoding::Hex)
}

fn encrypt(cipher: &Aes256Gcm, entity: &str, value: &str) -> Result<String> {
    let mut nonce = [0u8; 12];
    rand::thread_rng().fill_bytes(&mut nonce);
    let ct = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: value.as_bytes(),
                aad: entity.as_bytes(),
            },
        )
        .map_err(|_| Error::Key("encryption failed".into()))?;
    let mut blob = nonce.to_vec();
    blob.extend_from_slice(&ct);
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(blob))
}

/// Decrypts the token of an `encrypt` placeholder (`[ENTITY:enc:TOKEN]` or the bare
/// token). `entity` must be the entity type the placeholder names.
pub fn decrypt(key: &[u8], entity: &str, token: &str) -> Result<String> {
    let token = token
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .and_then(|t| t.rsplit_once(":enc:").map(|(_, tok)| tok))
        .unwrap_or(token);
    let cipher = Aes256Gcm::new_from_slice(key)
        .map_err(|_| Error::Key("encryption key must be 32 bytes".into()))?;
    let blob = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token.trim())
        .map_err(|_| Error::Decrypt("token is not base64"))?;
    if blob.len() < 12 + 16 {
        return Err(Error::Decrypt("token too short"));
    }
    let (nonce, ct) = blob.split_at(12);
    let pt = cipher
        .decrypt(
            Nonce::from_slice(nonce),
            Payload {
                msg: ct,
                aad: entity.as_bytes(),
            },
        )
        .map_err(|_| {
            Error::Decrypt("authentication failed (wrong key, entity or tampered token)")
        })?;
    String::from_utf8(pt).map_err(|_| Error::Decrypt("plaintext is not UTF-8"))
}
