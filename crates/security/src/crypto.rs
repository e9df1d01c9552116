//! Envelope encryption at rest (AES-256-GCM) and keyed hashes for lookups.
//!
//! - A [`MasterKey`] (32 bytes from a secret file or variable, with an id) wraps per-call
//!   [`DataKey`]s. The wrapped key's associated data is the master key id and the call id, so a
//!   wrapped key copied to another call row does not unwrap.
//! - Blobs are sealed with the call's data key; associated data binds each ciphertext to its call
//!   id and [`DataClass`], so a raw transcript cannot be passed off as another call's or as a
//!   redacted transcript.
//! - Rotation re-wraps data keys ([`rewrap`]) without touching blobs; crypto-shredding is
//!   deleting the wrapped data key.
//!
//! Formats (all integers big-endian):
//! - sealed blob: `0x01 | nonce (12) | ciphertext+tag`
//! - wrapped key: `0x01 | kid_len (1) | kid | nonce (12) | encrypted key (32) + tag (16)`
//!
//! Nonces are random 96-bit values. Each data key encrypts only a handful of blobs (one call), far
//! below the 2^32 messages at which random-nonce collisions become a concern.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Nonce};
use base64::Engine as _;
use hmac::{Hmac, Mac};
use rand::rngs::OsRng;
use rand::RngCore;
use sha2::Sha256;
use zeroize::{Zeroize, Zeroizing};

use crate::{Error, Result};

/// Current format version of sealed blobs and wrapped keys.
pub const FORMAT_VERSION: u8 = 1;
const NONCE_LEN: usize = 12;
const TAG_LEN: usize = 16;
const KEY_LEN: usize = 32;

/// The kind of data a ciphertext holds; part of its associated data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DataClass {
    /// Audio recordings.
    Recording,
    /// Unredacted transcripts.
    RawTranscript,
    /// Redacted transcripts.
    RedactedTranscript,
    /// Analysis results (entities, summary, scores).
    AnalysisResult,
    /// Other personal data (caller number, names, consent details).
    Pii,
}

impl DataClass {
    /// Every class, in a fixed order.
    pub const ALL: [DataClass; 5] = [
        DataClass::Recording,
        DataClass::RawTranscript,
        DataClass::RedactedTranscript,
        DataClass::AnalysisResult,
        DataClass::Pii,
    ];

    /// The class named by [`Self::as_str`], if any.
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.as_str() == name)
    }

    /// Stable name, used in associated data and retention settings.
    pub fn as_str(self) -> &'static str {
        match self {
            DataClass::Recording => "recording",
            DataClass::RawTranscript => "raw_transcript",
            DataClass::RedactedTranscript => "redacted_transcript",
            DataClass::AnalysisResult => "analysis_result",
            DataClass::Pii => "pii",
        }
    }
}

fn key_from_bytes(bytes: &[u8]) -> Result<Zeroizing<[u8; KEY_LEN]>> {
    if bytes.len() != KEY_LEN {
        return Err(Error::InvalidKey(format!(
            "AES-256 key must be exactly {KEY_LEN} bytes, got {}",
            bytes.len()
        )));
    }
    let mut k = Zeroizing::new([0u8; KEY_LEN]);
    k.copy_from_slice(bytes);
    Ok(k)
}

/// The key-encryption key. Zeroized on drop.
pub struct MasterKey {
    id: String,
    key: Zeroizing<[u8; KEY_LEN]>,
}

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MasterKey")
            .field("id", &self.id)
            .finish_non_exhaustive()
    }
}

impl MasterKey {
    /// From exactly 32 bytes.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] for a wrong length or an id that is empty, longer than 255 bytes
    /// or not printable ASCII.
    pub fn from_bytes(id: impl Into<String>, bytes: &[u8]) -> Result<Self> {
        let id = id.into();
        if id.is_empty() || id.len() > 255 || !id.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::InvalidKey(
                "master key id must be 1-255 printable ASCII characters".into(),
            ));
        }
        Ok(Self {
            id,
            key: key_from_bytes(bytes)?,
        })
    }

    /// Parses 64 hex digits or base64 (standard or URL-safe, padded or not) of 32 bytes;
    /// surrounding whitespace (a trailing newline in a key file) is ignored.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when the text decodes to anything but 32 bytes.
    pub fn parse(id: impl Into<String>, text: &str) -> Result<Self> {
        let t = text.trim();
        let bytes = Zeroizing::new(
            if t.len() == 64 && t.bytes().all(|b| b.is_ascii_hexdigit()) {
                hex::decode(t).map_err(|e| Error::InvalidKey(e.to_string()))?
            } else {
                use base64::engine::general_purpose::{STANDARD, URL_SAFE};
                let unpadded = t.trim_end_matches('=');
                let padded = format!("{unpadded}{}", "=".repeat((4 - unpadded.len() % 4) % 4));
                STANDARD
                    .decode(&padded)
                    .or_else(|_| URL_SAFE.decode(&padded))
                    .map_err(|_| {
                        Error::InvalidKey("master key must be 64 hex digits or base64".into())
                    })?
            },
        );
        Self::from_bytes(id, &bytes)
    }

    /// A random key (for `voxgate keys rotate-master` and tests).
    pub fn generate(id: impl Into<String>) -> Result<Self> {
        let mut b = Zeroizing::new([0u8; KEY_LEN]);
        OsRng.fill_bytes(b.as_mut());
        Self::from_bytes(id, b.as_ref())
    }

    /// The key id recorded in every wrapped key.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// Base64 of the key, for writing a newly generated key to its secret file.
    pub fn to_base64(&self) -> Zeroizing<String> {
        Zeroizing::new(base64::engine::general_purpose::STANDARD.encode(self.key.as_ref()))
    }
}

/// Bytes [`seal`] and [`seal_blob`] add to a plaintext: format version, nonce and tag.
pub const SEALED_OVERHEAD: usize = 1 + NONCE_LEN + TAG_LEN;

/// A per-call data-encryption key. Zeroized on drop.
pub struct DataKey(Zeroizing<[u8; KEY_LEN]>);

impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey([REDACTED])")
    }
}

impl DataKey {
    /// A fresh random key from the OS RNG.
    pub fn generate() -> Self {
        let mut k = Zeroizing::new([0u8; KEY_LEN]);
        OsRng.fill_bytes(k.as_mut());
        Self(k)
    }

    fn cipher(&self) -> Aes256Gcm {
        Aes256Gcm::new(self.0.as_ref().into())
    }
}

/// A data key encrypted under a master key, as stored next to the call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrappedKey {
    master_key_id: String,
    nonce: [u8; NONCE_LEN],
    ciphertext: Vec<u8>,
}

impl WrappedKey {
    /// Id of the master key that wrapped it (to pick the key during rotation).
    pub fn master_key_id(&self) -> &str {
        &self.master_key_id
    }

    /// Serialises to the versioned format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(2 + self.master_key_id.len() + NONCE_LEN + self.ciphertext.len());
        out.push(FORMAT_VERSION);
        // The id length is checked to be <= 255 when the master key is built.
        out.push(u8::try_from(self.master_key_id.len()).unwrap_or(u8::MAX));
        out.extend_from_slice(self.master_key_id.as_bytes());
        out.extend_from_slice(&self.nonce);
        out.extend_from_slice(&self.ciphertext);
        out
    }

    /// Parses the versioned format.
    ///
    /// # Errors
    /// [`Error::UnsupportedVersion`] or [`Error::MalformedCiphertext`].
    pub fn from_bytes(b: &[u8]) -> Result<Self> {
        let (&version, rest) = b
            .split_first()
            .ok_or(Error::MalformedCiphertext("empty wrapped key"))?;
        if version != FORMAT_VERSION {
            return Err(Error::UnsupportedVersion(version));
        }
        let (&kid_len, rest) = rest
            .split_first()
            .ok_or(Error::MalformedCiphertext("wrapped key truncated"))?;
        let kid_len = usize::from(kid_len);
        if rest.len() != kid_len + NONCE_LEN + KEY_LEN + TAG_LEN {
            return Err(Error::MalformedCiphertext(
                "wrapped key has the wrong length",
            ));
        }
        let (kid, rest) = rest.split_at(kid_len);
        let (nonce, ct) = rest.split_at(NONCE_LEN);
        let master_key_id = std::str::from_utf8(kid)
            .map_err(|_| Error::MalformedCiphertext("master key id is not UTF-8"))?
            .to_owned();
        let mut n = [0u8; NONCE_LEN];
        n.copy_from_slice(nonce);
        Ok(Self {
            master_key_id,
            nonce: n,
            ciphertext: ct.to_vec(),
        })
    }
}

fn wrap_aad(master_key_id: &str, call_id: &str) -> Vec<u8> {
    let mut aad = Vec::with_capacity(32 + master_key_id.len() + call_id.len());
    aad.extend_from_slice(b"voxgate-data-key\0");
    aad.push(FORMAT_VERSION);
    push_lp(&mut aad, master_key_id.as_bytes());
    push_lp(&mut aad, call_id.as_bytes());
    aad
}

fn blob_aad(call_id: &str, class: DataClass) -> Vec<u8> {
    let mut aad = Vec::with_capacity(32 + call_id.len());
    aad.extend_from_slice(b"voxgate-blob\0");
    aad.push(FORMAT_VERSION);
    push_lp(&mut aad, call_id.as_bytes());
    push_lp(&mut aad, class.as_str().as_bytes());
    aad
}

/// Associated data of a stored blob: [`blob_aad`] plus the blob's own id, so one blob of a call
/// cannot be swapped for another of the same class.
fn blob_id_aad(call_id: &str, class: DataClass, blob_id: &str) -> Vec<u8> {
    let mut aad = blob_aad(call_id, class);
    push_lp(&mut aad, blob_id.as_bytes());
    aad
}

/// Length-prefixed field, so `("ab","c")` and `("a","bc")` give different associated data.
fn push_lp(out: &mut Vec<u8>, field: &[u8]) {
    out.extend_from_slice(&(field.len() as u64).to_be_bytes());
    out.extend_from_slice(field);
}

/// Wraps `data_key` for `call_id` under `master`.
///
/// # Errors
/// [`Error::Encrypt`] (not expected for 32-byte inputs).
pub fn wrap(master: &MasterKey, data_key: &DataKey, call_id: &str) -> Result<WrappedKey> {
    let cipher = Aes256Gcm::new(master.key.as_ref().into());
    let mut nonce = [0u8; NONCE_LEN];
    OsRng.fill_bytes(&mut nonce);
    let aad = wrap_aad(&master.id, call_id);
    let ciphertext = cipher
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: data_key.0.as_ref(),
                aad: &aad,
            },
        )
        .map_err(|_| Error::Encrypt)?;
    Ok(WrappedKey {
        master_key_id: master.id.clone(),
        nonce,
        ciphertext,
    })
}

/// Recovers the data key of `call_id`.
///
/// # Errors
/// [`Error::WrongMasterKey`] when `wrapped` names another master key; [`Error::Decrypt`] when
/// authentication fails (wrong key material, other call id, tampering).
pub fn unwrap(master: &MasterKey, wrapped: &WrappedKey, call_id: &str) -> Result<DataKey> {
    if wrapped.master_key_id != master.id {
        return Err(Error::WrongMasterKey {
            expected: master.id.clone(),
            found: wrapped.master_key_id.clone(),
        });
    }
    let cipher = Aes256Gcm::new(master.key.as_ref().into());
    let aad = wrap_aad(&master.id, call_id);
    let mut plain = cipher
        .decrypt(
            Nonce::from_slice(&wrapped.nonce),
            Payload {
                msg: &wrapped.ciphertext,
                aad: &aad,
            },
        )
        .map_err(|_| Error::Decrypt)?;
    let key = key_from_bytes(&plain);
    plain.zeroize();
    Ok(DataKey(key.map_err(|_| Error::Decrypt)?))
}

/// Re-wraps a data key from `old` to `new` master key (rotation); blobs stay untouched.
///
/// # Errors
/// As [`unwrap`] and [`wrap`].
pub fn rewrap(
    wrapped: &WrappedKey,
    call_id: &str,
    old: &MasterKey,
    new: &MasterKey,
) -> Result<WrappedKey> {
    let dk = unwrap(old, wrapped, call_id)?;
    wrap(new, &dk, call_id)
}

/// Encrypts `plaintext` of `class` for `call_id`.
///
/// # Errors
/// [`Error::Encrypt`] for inputs beyond AES-GCM's 64 GiB limit.
pub fn seal(key: &DataKey, call_id: &str, class: DataClass, plaintext: &[u8]) -> Result<Vec<u8>> {
    let mut nonce = [0u8; NONCE_LEN];
    OsRng.fill_bytes(&mut nonce);
    let aad = blob_aad(call_id, class);
    let ct = key
        .cipher()
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad: &aad,
            },
        )
        .map_err(|_| Error::Encrypt)?;
    let mut out = Vec::with_capacity(1 + NONCE_LEN + ct.len());
    out.push(FORMAT_VERSION);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    Ok(out)
}

/// Decrypts a blob sealed by [`seal`] for the same call and class.
///
/// # Errors
/// [`Error::UnsupportedVersion`], [`Error::MalformedCiphertext`], or [`Error::Decrypt`] when the
/// key, call id or class differ or the blob was modified.
pub fn open(
    key: &DataKey,
    call_id: &str,
    class: DataClass,
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let (&version, rest) = sealed
        .split_first()
        .ok_or(Error::MalformedCiphertext("empty ciphertext"))?;
    if version != FORMAT_VERSION {
        return Err(Error::UnsupportedVersion(version));
    }
    if rest.len() < NONCE_LEN + TAG_LEN {
        return Err(Error::MalformedCiphertext("ciphertext truncated"));
    }
    let (nonce, ct) = rest.split_at(NONCE_LEN);
    let aad = blob_aad(call_id, class);
    key.cipher()
        .decrypt(Nonce::from_slice(nonce), Payload { msg: ct, aad: &aad })
        .map(Zeroizing::new)
        .map_err(|_| Error::Decrypt)
}

/// Encrypts a stored blob: like [`seal`], with `blob_id` also bound into the associated data
/// (call id, class and blob id).
///
/// # Errors
/// [`Error::Encrypt`] for inputs beyond AES-GCM's 64 GiB limit.
pub fn seal_blob(
    key: &DataKey,
    call_id: &str,
    class: DataClass,
    blob_id: &str,
    plaintext: &[u8],
) -> Result<Vec<u8>> {
    seal_with_aad(key, &blob_id_aad(call_id, class, blob_id), plaintext)
}

/// Decrypts a blob sealed by [`seal_blob`] for the same call, class and blob id.
///
/// # Errors
/// As [`open`].
pub fn open_blob(
    key: &DataKey,
    call_id: &str,
    class: DataClass,
    blob_id: &str,
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    open_with_aad(key, &blob_id_aad(call_id, class, blob_id), sealed)
}

fn seal_with_aad(key: &DataKey, aad: &[u8], plaintext: &[u8]) -> Result<Vec<u8>> {
    let mut nonce = [0u8; NONCE_LEN];
    OsRng.fill_bytes(&mut nonce);
    let ct = key
        .cipher()
        .encrypt(
            Nonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad,
            },
        )
        .map_err(|_| Error::Encrypt)?;
    let mut out = Vec::with_capacity(1 + NONCE_LEN + ct.len());
    out.push(FORMAT_VERSION);
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ct);
    Ok(out)
}

fn open_with_aad(key: &DataKey, aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>> {
    let (&version, rest) = sealed
        .split_first()
        .ok_or(Error::MalformedCiphertext("empty ciphertext"))?;
    if version != FORMAT_VERSION {
        return Err(Error::UnsupportedVersion(version));
    }
    if rest.len() < NONCE_LEN + TAG_LEN {
        return Err(Error::MalformedCiphertext("ciphertext truncated"));
    }
    let (nonce, ct) = rest.split_at(NONCE_LEN);
    key.cipher()
        .decrypt(Nonce::from_slice(nonce), Payload { msg: ct, aad })
        .map(Zeroizing::new)
        .map_err(|_| Error::Decrypt)
}

/// Key for [`caller_hash`]; keep it apart from the master key so lookups survive master rotation.
pub struct LookupKey(Zeroizing<Vec<u8>>);

impl std::fmt::Debug for LookupKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("LookupKey([REDACTED])")
    }
}

impl LookupKey {
    /// From at least 32 bytes.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when shorter.
    pub fn from_bytes(b: &[u8]) -> Result<Self> {
        if b.len() < KEY_LEN {
            return Err(Error::InvalidKey(format!(
                "lookup key must be at least {KEY_LEN} bytes"
            )));
        }
        Ok(Self(Zeroizing::new(b.to_vec())))
    }
}

/// Normalises a phone number to E.164 digits (no `+`): strips spaces, dashes, dots, slashes and
/// parentheses, and an international prefix `+` or `00`. Numbers without a prefix are kept as
/// dialled (Asterisk may deliver national numbers); callers that know the country should
/// prepend it first so that all forms of one number hash alike.
///
/// # Errors
/// [`Error::InvalidPhoneNumber`] for letters or other symbols, or a length outside 2..=15 digits.
pub fn normalize_phone(phone: &str) -> Result<String> {
    let t = phone.trim();
    let t = t.strip_prefix('+').unwrap_or(t);
    let mut digits = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '0'..='9' => digits.push(c),
            ' ' | '-' | '.' | '(' | ')' | '/' | '\u{a0}' => {}
            _ => {
                return Err(Error::InvalidPhoneNumber(
                    "contains characters other than digits",
                ))
            }
        }
    }
    let digits = if !phone.trim().starts_with('+') && digits.starts_with("00") {
        digits[2..].to_owned()
    } else {
        digits
    };
    if !(2..=15).contains(&digits.len()) {
        return Err(Error::InvalidPhoneNumber("must have 2 to 15 digits"));
    }
    Ok(digits)
}

/// HMAC-SHA256 of the normalised number: what the store keeps instead of the number.
///
/// # Errors
/// As [`normalize_phone`].
pub fn caller_hash(key: &LookupKey, phone: &str) -> Result<[u8; 32]> {
    let digits = normalize_phone(phone)?;
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key.0)
        .map_err(|_| Error::InvalidKey("lookup key".into()))?;
    mac.update(b"voxgate-caller-v1\0");
    mac.update(digits.as_bytes());
    Ok(mac.finalize().into_bytes().into())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn master(id: &str, b: u8) -> MasterKey {
        MasterKey::from_bytes(id, &[b; 32]).unwrap()
    }

    #[test]
    fn seal_open_round_trip_and_binding() {
        let dk = DataKey::generate();
        let pt = b"the caller said: my name is Jane Roe";
        let ct = seal(&dk, "call-1", DataClass::RawTranscript, pt).unwrap();
        assert_eq!(ct[0], FORMAT_VERSION);
        assert_eq!(ct.len(), 1 + 12 + pt.len() + 16);
        assert_eq!(ct.len(), pt.len() + SEALED_OVERHEAD);
        let blob = seal_blob(&dk, "call-1", DataClass::Recording, "b1", pt).unwrap();
        assert_eq!(blob.len(), pt.len() + SEALED_OVERHEAD);
        assert!(!ct.windows(4).any(|w| w == b"Jane"));
        assert_eq!(
            open(&dk, "call-1", DataClass::RawTranscript, &ct)
                .unwrap()
                .as_slice(),
            pt
        );
        // Other call, other class, other key, tampering, truncation, version.
        assert!(matches!(
            open(&dk, "call-2", DataClass::RawTranscript, &ct),
            Err(Error::Decrypt)
        ));
        assert!(matches!(
            open(&dk, "call-1", DataClass::RedactedTranscript, &ct),
            Err(Error::Decrypt)
        ));
        assert!(matches!(
            open(
                &DataKey::generate(),
                "call-1",
                DataClass::RawTranscript,
                &ct
            ),
            Err(Error::Decrypt)
        ));
        let mut t = ct.clone();
        t[20] ^= 1;
        assert!(matches!(
            open(&dk, "call-1", DataClass::RawTranscript, &t),
            Err(Error::Decrypt)
        ));
        assert!(matches!(
            open(&dk, "call-1", DataClass::RawTranscript, &ct[..20]),
            Err(Error::MalformedCiphertext(_))
        ));
        assert!(matches!(
            open(&dk, "call-1", DataClass::RawTranscript, &[]),
            Err(Error::MalformedCiphertext(_))
        ));
        let mut v = ct.clone();
        v[0] = 2;
        assert!(matches!(
            open(&dk, "call-1", DataClass::RawTranscript, &v),
            Err(Error::UnsupportedVersion(2))
        ));
        // Random nonces: the same plaintext encrypts differently.
        assert_ne!(
            ct,
            seal(&dk, "call-1", DataClass::RawTranscript, pt).unwrap()
        );
    }

    #[test]
    fn blob_id_is_bound() {
        let dk = DataKey::generate();
        let ct = seal_blob(&dk, "c1", DataClass::Recording, "b1", b"audio").unwrap();
        assert_eq!(
            open_blob(&dk, "c1", DataClass::Recording, "b1", &ct)
                .unwrap()
                .as_slice(),
            b"audio"
        );
        for (call, class, blob) in [
            ("c1", DataClass::Recording, "b2"),
            ("c2", DataClass::Recording, "b1"),
            ("c1", DataClass::Pii, "b1"),
        ] {
            assert!(matches!(
                open_blob(&dk, call, class, blob, &ct),
                Err(Error::Decrypt)
            ));
        }
        // Not interchangeable with the id-less format.
        assert!(open(&dk, "c1", DataClass::Recording, &ct).is_err());
    }

    #[test]
    fn wrap_unwrap_rewrap() {
        let m1 = master("mk-2026-01", 1);
        let m2 = master("mk-2026-06", 2);
        let dk = DataKey::generate();
        let blob = seal(&dk, "call-9", DataClass::Recording, b"RIFF....").unwrap();
        let w = wrap(&m1, &dk, "call-9").unwrap();
        let bytes = w.to_bytes();
        assert_eq!(bytes.len(), 2 + "mk-2026-01".len() + 12 + 48);
        let parsed = WrappedKey::from_bytes(&bytes).unwrap();
        assert_eq!(parsed, w);
        assert_eq!(parsed.master_key_id(), "mk-2026-01");
        let dk2 = unwrap(&m1, &parsed, "call-9").unwrap();
        assert_eq!(
            open(&dk2, "call-9", DataClass::Recording, &blob)
                .unwrap()
                .as_slice(),
            b"RIFF...."
        );
        assert!(matches!(
            unwrap(&m1, &parsed, "call-10"),
            Err(Error::Decrypt)
        ));
        assert!(matches!(
            unwrap(&m2, &parsed, "call-9"),
            Err(Error::WrongMasterKey { .. })
        ));
        // Same id, different key material (a wrong secret file).
        assert!(matches!(
            unwrap(&master("mk-2026-01", 7), &parsed, "call-9"),
            Err(Error::Decrypt)
        ));
        // Rotation: the blob is untouched and opens with the re-wrapped key.
        let rw = rewrap(&parsed, "call-9", &m1, &m2).unwrap();
        assert_eq!(rw.master_key_id(), "mk-2026-06");
        let dk3 = unwrap(&m2, &rw, "call-9").unwrap();
        assert_eq!(
            open(&dk3, "call-9", DataClass::Recording, &blob)
                .unwrap()
                .as_slice(),
            b"RIFF...."
        );
        assert!(rewrap(&rw, "call-9", &m1, &m2).is_err());
        // Malformed wrapped keys.
        assert!(WrappedKey::from_bytes(&[]).is_err());
        assert!(matches!(
            WrappedKey::from_bytes(&[9, 0]),
            Err(Error::UnsupportedVersion(9))
        ));
        assert!(WrappedKey::from_bytes(&bytes[..bytes.len() - 1]).is_err());
    }

    #[test]
    fn master_key_parsing() {
        let hex_text = "00".repeat(31) + "ff";
        let k = MasterKey::parse("k", &format!("{hex_text}\n")).unwrap();
        assert_eq!(k.key[31], 0xff);
        let b64 = base64::engine::general_purpose::STANDARD.encode([7u8; 32]);
        assert_eq!(MasterKey::parse("k", &b64).unwrap().key[0], 7);
        let url = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode([0xfbu8; 32]);
        assert_eq!(MasterKey::parse("k", &url).unwrap().key[0], 0xfb);
        let g = MasterKey::generate("k").unwrap();
        assert_eq!(MasterKey::parse("k", &g.to_base64()).unwrap().key, g.key);
        assert!(
            MasterKey::parse("k", &"00".repeat(16)).is_err(),
            "16 bytes is too short"
        );
        assert!(MasterKey::parse("k", "not a key").is_err());
        assert!(MasterKey::from_bytes("k", &[0; 31]).is_err());
        assert!(MasterKey::from_bytes("", &[0; 32]).is_err());
        assert!(!format!("{g:?}").contains(&g.to_base64()[..8]));
    }

    #[test]
    fn caller_hashes() {
        let k = LookupKey::from_bytes(&[3; 32]).unwrap();
        let a = caller_hash(&k, "+44 20 7946 0958").unwrap();
        assert_eq!(a, caller_hash(&k, "0044 (20) 7946-0958").unwrap());
        assert_eq!(a, caller_hash(&k, "442079460958").unwrap());
        assert_ne!(a, caller_hash(&k, "+44 20 7946 0959").unwrap());
        let other = LookupKey::from_bytes(&[4; 32]).unwrap();
        assert_ne!(a, caller_hash(&other, "+442079460958").unwrap());
        assert_eq!(normalize_phone("+1 (555) 010-9999").unwrap(), "15550109999");
        assert!(normalize_phone("call me").is_err());
        assert!(normalize_phone("+1234567890123456").is_err());
        assert!(normalize_phone("").is_err());
        assert!(LookupKey::from_bytes(&[0; 16]).is_err());
    }
}
