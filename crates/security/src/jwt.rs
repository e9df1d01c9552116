//! Access tokens (JWT, HS256) and opaque refresh tokens.
//!
//! Access tokens are short-lived JWTs signed with HS256 only. Before any signature work the
//! header is parsed by hand and refused unless `alg` is exactly `HS256` (so `none`, `HS512`,
//! `RS256` and algorithm-confusion tricks never reach a verifier), it names a known `kid`, and it
//! carries no `crit` extensions. Signature, `iss` and `aud` are then checked by `jsonwebtoken`;
//! `exp`, `nbf` and `iat` are checked here against an injectable "now" with a small leeway.
//!
//! Key rotation: [`JwtService`] signs with one active key and verifies with every configured key,
//! selected by `kid`. To rotate, add the new key as a verification key on all instances, make it
//! the signing key, and drop the old one after the access-token lifetime has passed.
//!
//! Refresh tokens are opaque: `vgr_` + 43 base64url characters (256 random bits). The store keeps
//! only [`refresh_token_hash`] with the user, a token *family* id, an expiry and a `used` flag.
//! Rotation semantics: each refresh consumes the presented token and issues a new one in the
//! same family; presenting an already-used token means it was stolen (one of the two holders is
//! an attacker), so the store must revoke the whole family and the user logs in again. Logout
//! revokes the family. SHA-256 without salt is sufficient for the same reason as for API keys
//! (see [`crate::apikey`]): the token is 256 bits of entropy.

use std::collections::BTreeMap;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use rand::rngs::OsRng;
use rand::RngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::rbac::Role;
use crate::{Error, Result, Secret};

/// Minimum HS256 key length: the HMAC-SHA256 output size, per RFC 7518 §3.2.
pub const MIN_KEY_BYTES: usize = 32;

/// Why an access token was refused. Clients only ever see a generic 401; this detail feeds
/// logs, metrics and security events.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TokenRejection {
    /// Not three base64url parts with a JSON header and claims.
    Malformed,
    /// Header `alg` is not `HS256` (includes `none`).
    Algorithm(String),
    /// Header has no `kid`.
    MissingKid,
    /// Header `kid` names no configured key.
    UnknownKid(String),
    /// Header has a `crit` parameter we cannot honour.
    CriticalHeader,
    /// Signature does not verify with the key named by `kid`.
    BadSignature,
    /// `exp` is in the past (beyond leeway).
    Expired,
    /// `nbf` or `iat` is in the future (beyond leeway).
    NotYetValid,
    /// `aud` does not match.
    Audience,
    /// `iss` does not match.
    Issuer,
    /// A required claim is missing or has the wrong type.
    Claims(String),
}

impl fmt::Display for TokenRejection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Malformed => f.write_str("malformed token"),
            Self::Algorithm(a) => write!(f, "algorithm {a:?} not allowed"),
            Self::MissingKid => f.write_str("missing kid"),
            Self::UnknownKid(k) => write!(f, "unknown kid {k:?}"),
            Self::CriticalHeader => f.write_str("unsupported crit header"),
            Self::BadSignature => f.write_str("bad signature"),
            Self::Expired => f.write_str("expired"),
            Self::NotYetValid => f.write_str("not yet valid"),
            Self::Audience => f.write_str("wrong audience"),
            Self::Issuer => f.write_str("wrong issuer"),
            Self::Claims(c) => write!(f, "invalid claims: {c}"),
        }
    }
}

fn reject(r: TokenRejection) -> Error {
    Error::TokenRejected(r)
}

/// The claims of a Voxgate access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claims {
    /// Issuer.
    pub iss: String,
    /// Audience.
    pub aud: String,
    /// Subject: user id or API key id.
    pub sub: String,
    /// Role of the subject.
    pub role: Role,
    /// Expiry, Unix seconds.
    pub exp: u64,
    /// Not before, Unix seconds.
    pub nbf: u64,
    /// Issued at, Unix seconds.
    pub iat: u64,
    /// Unique token id (for revocation lists).
    pub jti: String,
}

/// An HS256 key with its id.
#[derive(Clone)]
pub struct JwtKey {
    kid: String,
    secret: Secret<Vec<u8>>,
}

impl fmt::Debug for JwtKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JwtKey")
            .field("kid", &self.kid)
            .finish_non_exhaustive()
    }
}

impl JwtKey {
    /// Builds a key.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] for an empty/overlong kid or a secret under 32 bytes.
    pub fn new(kid: impl Into<String>, secret: &[u8]) -> Result<Self> {
        let kid = kid.into();
        if kid.is_empty() || kid.len() > 64 || !kid.bytes().all(|b| b.is_ascii_graphic()) {
            return Err(Error::InvalidKey(
                "JWT kid must be 1-64 printable ASCII characters".into(),
            ));
        }
        if secret.len() < MIN_KEY_BYTES {
            return Err(Error::InvalidKey(format!(
                "JWT HS256 key must be at least {MIN_KEY_BYTES} bytes, got {}",
                secret.len()
            )));
        }
        Ok(Self {
            kid,
            secret: Secret::new(secret.to_vec()),
        })
    }

    /// A random 256-bit key.
    ///
    /// # Errors
    /// [`Error::InvalidKey`] for an invalid kid.
    pub fn generate(kid: impl Into<String>) -> Result<Self> {
        let mut b = zeroize::Zeroizing::new([0u8; 32]);
        OsRng.fill_bytes(b.as_mut());
        Self::new(kid, b.as_ref())
    }

    /// The key id.
    pub fn kid(&self) -> &str {
        &self.kid
    }
}

/// Token settings.
#[derive(Debug, Clone)]
pub struct JwtConfig {
    /// `iss` to set and require.
    pub issuer: String,
    /// `aud` to set and require.
    pub audience: String,
    /// Access-token lifetime in seconds (default 900).
    pub access_ttl_secs: u64,
    /// Clock-skew allowance in seconds for `exp`/`nbf`/`iat` (default 30).
    pub leeway_secs: u64,
}

impl JwtConfig {
    /// Defaults: 15-minute tokens, 30 s leeway.
    pub fn new(issuer: impl Into<String>, audience: impl Into<String>) -> Self {
        Self {
            issuer: issuer.into(),
            audience: audience.into(),
            access_ttl_secs: 900,
            leeway_secs: 30,
        }
    }
}

/// A freshly issued access token.
#[derive(Debug, Clone)]
pub struct IssuedToken {
    /// The compact JWT.
    pub token: String,
    /// Its claims.
    pub claims: Claims,
}

/// Issues and verifies access tokens.
pub struct JwtService {
    config: JwtConfig,
    signing_kid: String,
    encoding: EncodingKey,
    decoding: BTreeMap<String, DecodingKey>,
    validation: Validation,
}

impl fmt::Debug for JwtService {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("JwtService")
            .field("config", &self.config)
            .field("signing_kid", &self.signing_kid)
            .field(
                "verification_kids",
                &self.decoding.keys().collect::<Vec<_>>(),
            )
            .finish()
    }
}

fn unix_now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

impl JwtService {
    /// Signs with `signing`; verifies with `signing` plus `verify_only` (older or upcoming keys).
    ///
    /// # Errors
    /// [`Error::InvalidKey`] when two keys share a kid.
    pub fn new(config: JwtConfig, signing: &JwtKey, verify_only: &[JwtKey]) -> Result<Self> {
        let mut decoding = BTreeMap::new();
        for k in std::iter::once(signing).chain(verify_only) {
            if decoding
                .insert(k.kid.clone(), DecodingKey::from_secret(k.secret.expose()))
                .is_some()
            {
                return Err(Error::InvalidKey(format!("duplicate JWT kid {:?}", k.kid)));
            }
        }
        let mut validation = Validation::new(Algorithm::HS256);
        // Time claims are checked by hand against an injectable clock.
        validation.validate_exp = false;
        validation.validate_nbf = false;
        validation.leeway = 0;
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        validation.set_issuer(&[&config.issuer]);
        validation.set_audience(&[&config.audience]);
        Ok(Self {
            signing_kid: signing.kid.clone(),
            encoding: EncodingKey::from_secret(signing.secret.expose()),
            decoding,
            validation,
            config,
        })
    }

    /// The settings.
    pub fn config(&self) -> &JwtConfig {
        &self.config
    }

    /// Issues a token for `subject` with `role`, valid from now for the configured lifetime.
    ///
    /// # Errors
    /// Only if JSON encoding fails (not expected).
    pub fn issue(&self, subject: &str, role: Role) -> Result<IssuedToken> {
        self.issue_at(subject, role, unix_now())
    }

    /// [`issue`](Self::issue) at a given Unix time.
    ///
    /// # Errors
    /// Only if JSON encoding fails (not expected).
    pub fn issue_at(&self, subject: &str, role: Role, now: u64) -> Result<IssuedToken> {
        let mut jti = [0u8; 16];
        OsRng.fill_bytes(&mut jti);
        let claims = Claims {
            iss: self.config.issuer.clone(),
            aud: self.config.audience.clone(),
            sub: subject.to_owned(),
            role,
            exp: now.saturating_add(self.config.access_ttl_secs),
            nbf: now,
            iat: now,
            jti: URL_SAFE_NO_PAD.encode(jti),
        };
        let mut header = Header::new(Algorithm::HS256);
        header.kid = Some(self.signing_kid.clone());
        let token = encode(&header, &claims, &self.encoding)
            .map_err(|e| Error::Config(format!("JWT encoding failed: {e}")))?;
        Ok(IssuedToken { token, claims })
    }

    /// Verifies a token now.
    ///
    /// # Errors
    /// [`Error::TokenRejected`] with the reason.
    pub fn verify(&self, token: &str) -> Result<Claims> {
        self.verify_at(token, unix_now())
    }

    /// Verifies a token at a given Unix time.
    ///
    /// # Errors
    /// [`Error::TokenRejected`] with the reason.
    pub fn verify_at(&self, token: &str, now: u64) -> Result<Claims> {
        let kid = self.check_header(token)?;
        let key = self
            .decoding
            .get(&kid)
            .ok_or_else(|| reject(TokenRejection::UnknownKid(kid.clone())))?;
        let data = decode::<Claims>(token, key, &self.validation).map_err(|e| {
            use jsonwebtoken::errors::ErrorKind as K;
            reject(match e.kind() {
                K::InvalidSignature => TokenRejection::BadSignature,
                K::InvalidAudience => TokenRejection::Audience,
                K::InvalidIssuer => TokenRejection::Issuer,
                K::InvalidAlgorithm | K::InvalidAlgorithmName => {
                    TokenRejection::Algorithm("?".into())
                }
                K::MissingRequiredClaim(c) => TokenRejection::Claims(format!("missing {c}")),
                K::InvalidClaimFormat(c) => TokenRejection::Claims(format!("bad {c}")),
                K::Json(_) => TokenRejection::Claims("claims do not match schema".into()),
                _ => TokenRejection::Malformed,
            })
        })?;
        let c = data.claims;
        let leeway = self.config.leeway_secs;
        if now >= c.exp.saturating_add(leeway) {
            return Err(reject(TokenRejection::Expired));
        }
        if c.nbf > now.saturating_add(leeway) || c.iat > now.saturating_add(leeway) {
            return Err(reject(TokenRejection::NotYetValid));
        }
        Ok(c)
    }

    /// Parses the header ourselves so that nothing but `HS256` with a `kid` is ever processed.
    fn check_header(&self, token: &str) -> Result<String> {
        let mut parts = token.split('.');
        let (Some(h), Some(_), Some(_), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(reject(TokenRejection::Malformed));
        };
        let raw = URL_SAFE_NO_PAD
            .decode(h)
            .map_err(|_| reject(TokenRejection::Malformed))?;
        let header: serde_json::Map<String, serde_json::Value> =
            serde_json::from_slice(&raw).map_err(|_| reject(TokenRejection::Malformed))?;
        match header.get("alg") {
            Some(serde_json::Value::String(a)) if a == "HS256" => {}
            Some(serde_json::Value::String(a)) => {
                return Err(reject(TokenRejection::Algorithm(a.clone())))
            }
            _ => return Err(reject(TokenRejection::Algorithm("missing".into()))),
        }
        if header.contains_key("crit") {
            return Err(reject(TokenRejection::CriticalHeader));
        }
        match header.get("kid") {
            Some(serde_json::Value::String(k)) => {
                if self.decoding.contains_key(k) {
                    Ok(k.clone())
                } else {
                    Err(reject(TokenRejection::UnknownKid(k.clone())))
                }
            }
            _ => Err(reject(TokenRejection::MissingKid)),
        }
    }
}

/// Prefix of refresh tokens, recognisable by the log scrubber.
pub const REFRESH_TOKEN_PREFIX: &str = "vgr_";

/// A new opaque refresh token (`vgr_` + 256 random bits in base64url). Give it to the client
/// once and store [`refresh_token_hash`] of it.
pub fn generate_refresh_token() -> Secret<String> {
    let mut b = zeroize::Zeroizing::new([0u8; 32]);
    OsRng.fill_bytes(b.as_mut());
    let mut s = String::from(REFRESH_TOKEN_PREFIX);
    URL_SAFE_NO_PAD.encode_string(b.as_ref(), &mut s);
    Secret::new(s)
}

/// The SHA-256 to store for a refresh token (also the lookup key).
pub fn refresh_token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// Constant-time check of a presented refresh token against a stored hash.
pub fn verify_refresh_token(presented: &str, stored: &[u8; 32]) -> bool {
    refresh_token_hash(presented).ct_eq(stored).into()
}

#[cfg(test)]
mod tests {
    use super::*;
    use hmac::{Hmac, Mac};

    const NOW: u64 = 1_800_000_000;

    fn key(kid: &str, byte: u8) -> JwtKey {
        JwtKey::new(kid, &[byte; 32]).unwrap()
    }

    fn service() -> JwtService {
        JwtService::new(
            JwtConfig::new("voxgate", "voxgate-api"),
            &key("k2", 2),
            &[key("k1", 1)],
        )
        .unwrap()
    }

    fn rejection(r: Result<Claims>) -> TokenRejection {
        match r {
            Err(Error::TokenRejected(t)) => t,
            other => panic!("expected rejection, got {other:?}"),
        }
    }

    /// Builds a token with an arbitrary header, signed with HMAC-SHA256 under `secret`.
    fn forge(header: &str, claims: &serde_json::Value, secret: &[u8]) -> String {
        let h = URL_SAFE_NO_PAD.encode(header);
        let c = URL_SAFE_NO_PAD.encode(serde_json::to_vec(claims).unwrap());
        let mut mac = Hmac::<Sha256>::new_from_slice(secret).unwrap();
        mac.update(format!("{h}.{c}").as_bytes());
        format!(
            "{h}.{c}.{}",
            URL_SAFE_NO_PAD.encode(mac.finalize().into_bytes())
        )
    }

    fn good_claims() -> serde_json::Value {
        serde_json::json!({"iss":"voxgate","aud":"voxgate-api","sub":"u1","role":"admin",
            "exp": NOW + 900, "nbf": NOW, "iat": NOW, "jti":"x"})
    }

    #[test]
    fn issue_and_verify_round_trip() {
        let s = service();
        let t = s.issue_at("user-7", Role::CaseWorker, NOW).unwrap();
        let c = s.verify_at(&t.token, NOW + 10).unwrap();
        assert_eq!(c, t.claims);
        assert_eq!(c.role, Role::CaseWorker);
        assert_eq!(c.exp, NOW + 900);
        let header = jsonwebtoken::decode_header(&t.token).unwrap();
        assert_eq!(header.alg, Algorithm::HS256);
        assert_eq!(header.kid.as_deref(), Some("k2"));
        // A hand-forged token with the right key and header is accepted: the forge helper is sound.
        let ok = forge(
            r#"{"alg":"HS256","typ":"JWT","kid":"k2"}"#,
            &good_claims(),
            &[2; 32],
        );
        assert!(s.verify_at(&ok, NOW).is_ok());
    }

    #[test]
    fn rotation_old_kid_still_verifies() {
        let old =
            JwtService::new(JwtConfig::new("voxgate", "voxgate-api"), &key("k1", 1), &[]).unwrap();
        let t = old.issue_at("u", Role::Admin, NOW).unwrap();
        assert!(service().verify_at(&t.token, NOW).is_ok());
    }

    #[test]
    fn rejects_alg_none() {
        let claims = URL_SAFE_NO_PAD.encode(serde_json::to_vec(&good_claims()).unwrap());
        for h in [
            r#"{"alg":"none","kid":"k2"}"#,
            r#"{"alg":"None","kid":"k2"}"#,
            r#"{"kid":"k2"}"#,
        ] {
            let t = format!("{}.{claims}.", URL_SAFE_NO_PAD.encode(h));
            assert!(
                matches!(
                    rejection(service().verify_at(&t, NOW)),
                    TokenRejection::Algorithm(_)
                ),
                "{h}"
            );
        }
    }

    #[test]
    fn rejects_other_algorithms() {
        let s = service();
        let mut h = Header::new(Algorithm::HS512);
        h.kid = Some("k2".into());
        let hs512 = encode(&h, &good_claims(), &EncodingKey::from_secret(&[2; 32])).unwrap();
        assert_eq!(
            rejection(s.verify_at(&hs512, NOW)),
            TokenRejection::Algorithm("HS512".into())
        );
        // Algorithm confusion: RS256 header, HMAC signature with the shared secret.
        let rs = forge(r#"{"alg":"RS256","kid":"k2"}"#, &good_claims(), &[2; 32]);
        assert_eq!(
            rejection(s.verify_at(&rs, NOW)),
            TokenRejection::Algorithm("RS256".into())
        );
    }

    #[test]
    fn rejects_wrong_key_and_kid() {
        let s = service();
        let wrong_key = forge(r#"{"alg":"HS256","kid":"k2"}"#, &good_claims(), &[9; 32]);
        assert_eq!(
            rejection(s.verify_at(&wrong_key, NOW)),
            TokenRejection::BadSignature
        );
        // Right key for k2 but labelled k1.
        let wrong_kid = forge(r#"{"alg":"HS256","kid":"k1"}"#, &good_claims(), &[2; 32]);
        assert_eq!(
            rejection(s.verify_at(&wrong_kid, NOW)),
            TokenRejection::BadSignature
        );
        let unknown = forge(r#"{"alg":"HS256","kid":"k9"}"#, &good_claims(), &[2; 32]);
        assert_eq!(
            rejection(s.verify_at(&unknown, NOW)),
            TokenRejection::UnknownKid("k9".into())
        );
        let none = forge(r#"{"alg":"HS256"}"#, &good_claims(), &[2; 32]);
        assert_eq!(
            rejection(s.verify_at(&none, NOW)),
            TokenRejection::MissingKid
        );
        let crit = forge(
            r#"{"alg":"HS256","kid":"k2","crit":["exp"]}"#,
            &good_claims(),
            &[2; 32],
        );
        assert_eq!(
            rejection(s.verify_at(&crit, NOW)),
            TokenRejection::CriticalHeader
        );
    }

    #[test]
    fn rejects_time_violations() {
        let s = service();
        let t = s.issue_at("u", Role::Admin, NOW).unwrap().token;
        // Within leeway after exp is still fine; beyond is not.
        assert!(s.verify_at(&t, NOW + 900 + 29).is_ok());
        assert_eq!(
            rejection(s.verify_at(&t, NOW + 900 + 30)),
            TokenRejection::Expired
        );
        assert!(s.verify_at(&t, NOW - 30).is_ok());
        assert_eq!(
            rejection(s.verify_at(&t, NOW - 31)),
            TokenRejection::NotYetValid
        );
    }

    #[test]
    fn rejects_wrong_audience_and_issuer() {
        let mut c = good_claims();
        c["aud"] = "other-api".into();
        let t = forge(r#"{"alg":"HS256","kid":"k2"}"#, &c, &[2; 32]);
        assert_eq!(
            rejection(service().verify_at(&t, NOW)),
            TokenRejection::Audience
        );
        let mut c = good_claims();
        c["iss"] = "evil".into();
        let t = forge(r#"{"alg":"HS256","kid":"k2"}"#, &c, &[2; 32]);
        assert_eq!(
            rejection(service().verify_at(&t, NOW)),
            TokenRejection::Issuer
        );
        let mut c = good_claims();
        c.as_object_mut().unwrap().remove("aud");
        let t = forge(r#"{"alg":"HS256","kid":"k2"}"#, &c, &[2; 32]);
        assert!(matches!(
            rejection(service().verify_at(&t, NOW)),
            TokenRejection::Claims(_)
        ));
        let mut c = good_claims();
        c["role"] = "root".into();
        let t = forge(r#"{"alg":"HS256","kid":"k2"}"#, &c, &[2; 32]);
        assert!(matches!(
            rejection(service().verify_at(&t, NOW)),
            TokenRejection::Claims(_)
        ));
    }

    #[test]
    fn rejects_tampered_claims_and_garbage() {
        let s = service();
        let t = s.issue_at("u", Role::CaseWorker, NOW).unwrap().token;
        let parts: Vec<&str> = t.split('.').collect();
        let mut claims: serde_json::Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        claims["role"] = "admin".into();
        let tampered = format!(
            "{}.{}.{}",
            parts[0],
            URL_SAFE_NO_PAD.encode(serde_json::to_vec(&claims).unwrap()),
            parts[2]
        );
        assert_eq!(
            rejection(s.verify_at(&tampered, NOW)),
            TokenRejection::BadSignature
        );
        for g in [
            "",
            "a.b",
            "a.b.c.d",
            "!!!.x.y",
            "e30.e30.",
            "bm90IGpzb24.e30.x",
        ] {
            let r = rejection(s.verify_at(g, NOW));
            assert!(
                matches!(r, TokenRejection::Malformed | TokenRejection::Algorithm(_)),
                "{g}: {r:?}"
            );
        }
    }

    #[test]
    fn key_rules() {
        assert!(JwtKey::new("k", &[0; 31]).is_err());
        assert!(JwtKey::new("", &[0; 32]).is_err());
        assert!(JwtKey::new("bad kid", &[0; 32]).is_err());
        assert!(JwtService::new(JwtConfig::new("a", "b"), &key("k", 1), &[key("k", 2)]).is_err());
        assert!(!format!("{:?}", key("k", 7)).contains("7, 7"));
    }

    #[test]
    fn refresh_tokens() {
        let t = generate_refresh_token();
        assert!(t.expose().starts_with("vgr_"));
        assert_eq!(t.expose().len(), 4 + 43);
        let h = refresh_token_hash(t.expose());
        assert!(verify_refresh_token(t.expose(), &h));
        assert!(!verify_refresh_token(generate_refresh_token().expose(), &h));
    }
}
