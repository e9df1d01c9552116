//! Authentication and the HTTP security layer.
//!
//! - [`AuthService`] turns request credentials into a [`Principal`]: an API key (`X-API-Key:
//!   vgk_...` or `Authorization: Bearer vgk_...`, checked against its stored SHA-256 hash) or an
//!   access token (`Authorization: Bearer <JWT>`, HS256 pinned, `kid`, `iss`, `aud`, `exp`,
//!   `nbf` checked by `voxgate_security::jwt`). Verified keys and users are cached for
//!   `auth.api_key_cache_secs`; changes made through the API invalidate the cache at once.
//! - Logout revokes an access token by its `jti`: written through to the store (so a restart,
//!   or another node sharing the database, refuses it too) and kept in memory, so the check on
//!   every request stays a hash lookup. [`AuthService::load_revoked`] fills the memory set at
//!   start and [`AuthService::sync_revoked`] refreshes it now and then for other nodes' logouts.
//! - [`Principal`] is an axum extractor: a handler that takes one is authenticated (401
//!   otherwise), and calls [`Principal::require`] for the one RBAC permission it needs (403
//!   otherwise). [`SetupPrincipal`] also accepts the restricted token a user gets while they
//!   still must enrol MFA or change an initial password.
//! - [`guard`] is the middleware in front of every HTTP route: client IP (trusted proxies),
//!   IP blocks, CIDR allowlists per route group, CORS, body size, rate limits, security headers,
//!   and turning refusals into stored security events ([`events`]).
//! - [`config`] holds the configuration sections.

pub mod config;
pub mod events;
pub mod guard;
pub mod setup;

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use parking_lot::Mutex;
use serde::Serialize;
use sha2::{Digest, Sha256};
use voxgate_security::apikey::{ApiKey, API_KEY_PREFIX};
use voxgate_security::crypto::MasterKey;
use voxgate_security::jwt::{Claims, JwtConfig, JwtKey, JwtService, TokenRejection};
use voxgate_security::monitor::Severity;
use voxgate_security::password::{Argon2Params, PasswordHasher, PasswordPolicy};
use voxgate_security::ratelimit::{Quota, RateLimiter, SystemClock};
use voxgate_security::rbac::{Permission, Role};
use voxgate_store::auth::{ApiKeyRecord, AuthStore, UserRecord};

use crate::api::ApiError;
use events::SecuritySignal;

/// Id given to the configured master key in wrapped keys (`security.master_key`).
pub const MASTER_KEY_ID: &str = "primary";

/// How long a revoked token is remembered past its `exp`: the JWT check tolerates some clock
/// skew, so a token is refused by its expiry only a little after `exp`.
const REVOCATION_GRACE_SECS: u64 = 60;

/// How often [`AuthService::sync_revoked`] runs (see [`setup::build`]): a logout on another
/// node sharing the database takes effect here within this time.
pub const REVOCATION_SYNC_INTERVAL: Duration = Duration::from_secs(10);

/// Whether a principal is a person or a machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PrincipalKind {
    /// A user with a password (and MFA), holding an access token.
    User,
    /// An API key.
    ApiKey,
}

/// An authenticated caller.
#[derive(Debug, Clone, Serialize)]
pub struct Principal {
    /// `user:<id>` or `key:<id>`: the actor in logs, audit entries and security events.
    pub subject: String,
    /// The role the RBAC matrix is checked against.
    pub role: Role,
    /// User or API key.
    pub kind: PrincipalKind,
    /// The user id or key id.
    pub id: String,
    /// A restricted token: only MFA enrolment and password change are allowed.
    pub restricted: bool,
    /// Token id and expiry of the access token (for logout).
    #[serde(skip)]
    pub token: Option<(String, u64)>,
}

impl Principal {
    /// The user id, when this is a user.
    pub fn user_id(&self) -> Option<&str> {
        (self.kind == PrincipalKind::User).then_some(self.id.as_str())
    }

    /// The key id, when this is an API key.
    pub fn key_id(&self) -> Option<&str> {
        (self.kind == PrincipalKind::ApiKey).then_some(self.id.as_str())
    }

    /// Refuses with 403 (and an `authz.denied` security event) unless the role holds `perm`.
    ///
    /// # Errors
    /// [`ApiError`] 403 `forbidden`.
    pub fn require(&self, perm: Permission) -> Result<(), ApiError> {
        if !self.restricted && self.role.allows(perm) {
            return Ok(());
        }
        Err(ApiError::forbidden().with_signal(
            SecuritySignal::new(
                "authz.denied",
                Severity::Medium,
                format!("role {} lacks permission {}", self.role, perm.as_str()),
            )
            .subject(self.subject.clone()),
        ))
    }
}

/// Rejects restricted tokens; see [`SetupPrincipal`] for the routes that accept them.
impl<S: Send + Sync> FromRequestParts<S> for Principal {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let auth = parts
            .extensions
            .get::<Arc<AuthService>>()
            .cloned()
            .ok_or_else(|| ApiError::internal("auth service missing from request extensions"))?;
        auth.authenticate(&parts.headers, false).await
    }
}

/// A principal that may hold a restricted token (MFA enrolment, initial password change).
#[derive(Debug, Clone)]
pub struct SetupPrincipal(pub Principal);

impl<S: Send + Sync> FromRequestParts<S> for SetupPrincipal {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let auth = parts
            .extensions
            .get::<Arc<AuthService>>()
            .cloned()
            .ok_or_else(|| ApiError::internal("auth service missing from request extensions"))?;
        auth.authenticate(&parts.headers, true).await.map(Self)
    }
}

/// What the HTTP guard hands to handlers that report security events themselves (WebSocket
/// sessions, which outlive the request): the client address and the recorder.
#[derive(Debug, Clone)]
pub struct RequestSecurity {
    /// Client address.
    pub ip: IpAddr,
    /// Event recorder.
    pub events: events::SecurityEvents,
}

/// The client address the HTTP guard resolved (trusted proxies applied).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<ClientIp>()
            .copied()
            .ok_or_else(|| ApiError::internal("client ip missing from request extensions"))
    }
}

/// Errors building the auth service from configuration.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A key or setting is unusable.
    #[error("{0}")]
    Config(String),
    /// The authentication tables could not be read.
    #[error("auth store: {0}")]
    Store(#[from] voxgate_store::auth::Error),
}

struct Cached<T> {
    value: T,
    at: Instant,
}

/// Credentials to principals; also issues tokens and hashes passwords.
pub struct AuthService {
    access: JwtService,
    setup: JwtService,
    store: AuthStore,
    hasher: PasswordHasher,
    policy: PasswordPolicy,
    master: MasterKey,
    cache_ttl: Duration,
    keys: Mutex<HashMap<String, Cached<Arc<ApiKeyRecord>>>>,
    users: Mutex<HashMap<String, Cached<UserRecord>>>,
    /// Revoked access tokens: `jti` to the time (Unix seconds) they may be forgotten.
    revoked_jti: Mutex<HashMap<String, u64>>,
    per_principal: Option<RateLimiter<String>>,
    refresh_ttl_secs: u64,
    /// A valid argon2id hash of a random password, verified when a login names an unknown user
    /// so that the response time does not reveal which user names exist.
    dummy_hash: String,
}

impl std::fmt::Debug for AuthService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuthService")
            .field("access", &self.access)
            .finish_non_exhaustive()
    }
}

fn kid_of(secret: &[u8]) -> String {
    let d = Sha256::digest(secret);
    format!("k{}", hex_prefix(&d[..4]))
}

fn hex_prefix(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}

impl AuthService {
    /// Builds the service from the configuration's keys and `[auth]`/`[rate_limits]` sections.
    ///
    /// # Errors
    /// [`Error::Config`] for a missing or short JWT secret or master key.
    pub fn new(config: &crate::config::Config, store: AuthStore) -> Result<Self, Error> {
        let secret = config
            .security
            .jwt_secret
            .expose()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| Error::Config("security.jwt_secret is not set".into()))?;
        let key = JwtKey::new(kid_of(secret.as_bytes()), secret.as_bytes())
            .map_err(|e| Error::Config(format!("security.jwt_secret: {e}")))?;
        let a = &config.auth;
        let mut access_cfg = JwtConfig::new(a.issuer.clone(), a.audience.clone());
        access_cfg.access_ttl_secs = a.access_ttl_secs;
        let mut setup_cfg = JwtConfig::new(a.issuer.clone(), format!("{}#setup", a.audience));
        setup_cfg.access_ttl_secs = a.setup_ttl_secs;
        let jwt_err = |e: voxgate_security::Error| Error::Config(format!("JWT: {e}"));
        let access = JwtService::new(access_cfg, &key, &[]).map_err(jwt_err)?;
        let setup = JwtService::new(setup_cfg, &key, &[]).map_err(jwt_err)?;
        let master_text = config
            .security
            .master_key
            .expose()
            .filter(|s| !s.is_empty())
            .ok_or_else(|| Error::Config("security.master_key is not set".into()))?;
        let master = MasterKey::parse(MASTER_KEY_ID, master_text)
            .map_err(|e| Error::Config(format!("security.master_key: {e}")))?;
        let hasher = PasswordHasher::new(Argon2Params::default())
            .map_err(|e| Error::Config(e.to_string()))?;
        let dummy_hash = hasher
            .hash(&uuid::Uuid::new_v4().to_string())
            .map_err(|e| Error::Config(e.to_string()))?;
        let r = &config.rate_limits;
        let per_principal = if r.enabled {
            let q = Quota::per_second(r.per_principal_per_second).with_burst(r.per_principal_burst);
            Some(
                RateLimiter::new(q, 100_000, Arc::new(SystemClock::new()))
                    .map_err(|e| Error::Config(format!("rate_limits: {e}")))?,
            )
        } else {
            None
        };
        Ok(Self {
            access,
            setup,
            store,
            hasher,
            policy: PasswordPolicy {
                min_chars: a.password_min_chars,
                ..PasswordPolicy::default()
            },
            master,
            cache_ttl: Duration::from_secs(a.api_key_cache_secs),
            keys: Mutex::new(HashMap::new()),
            users: Mutex::new(HashMap::new()),
            revoked_jti: Mutex::new(HashMap::new()),
            per_principal,
            refresh_ttl_secs: a.refresh_ttl_secs,
            dummy_hash,
        })
    }

    /// The authentication tables.
    pub fn store(&self) -> &AuthStore {
        &self.store
    }

    /// The master key (for sealing TOTP secrets).
    pub fn master_key(&self) -> &MasterKey {
        &self.master
    }

    /// The password policy.
    pub fn policy(&self) -> &PasswordPolicy {
        &self.policy
    }

    /// Refresh-token lifetime.
    pub fn refresh_ttl_secs(&self) -> u64 {
        self.refresh_ttl_secs
    }

    /// Hashes a password on the blocking pool (argon2id takes tens of milliseconds).
    ///
    /// # Errors
    /// 500 if hashing fails.
    pub async fn hash_password(&self, password: &str) -> Result<String, ApiError> {
        let hasher = self.hasher.clone();
        let pw = zeroize::Zeroizing::new(password.to_owned());
        tokio::task::spawn_blocking(move || hasher.hash(&pw))
            .await
            .map_err(ApiError::internal)?
            .map_err(ApiError::internal)
    }

    /// Verifies a password on the blocking pool; `None` as `stored` verifies against a dummy
    /// hash and returns false, taking the same time.
    ///
    /// # Errors
    /// 500 if the stored hash is unreadable.
    pub async fn verify_password(
        &self,
        password: &str,
        stored: Option<&str>,
    ) -> Result<bool, ApiError> {
        let hasher = self.hasher.clone();
        let pw = zeroize::Zeroizing::new(password.to_owned());
        let known = stored.is_some();
        let hash = stored.unwrap_or(&self.dummy_hash).to_owned();
        let ok = tokio::task::spawn_blocking(move || hasher.verify(&pw, &hash))
            .await
            .map_err(ApiError::internal)?
            .map_err(ApiError::internal)?;
        Ok(ok && known)
    }

    /// Issues a full access token.
    ///
    /// # Errors
    /// 500 if signing fails.
    pub fn issue_access(&self, user: &UserRecord) -> Result<(String, u64), ApiError> {
        let t = self
            .access
            .issue(&format!("user:{}", user.id), user.role)
            .map_err(ApiError::internal)?;
        Ok((t.token, self.access.config().access_ttl_secs))
    }

    /// Issues a restricted token (MFA enrolment and password change only).
    ///
    /// # Errors
    /// 500 if signing fails.
    pub fn issue_setup(&self, user: &UserRecord) -> Result<(String, u64), ApiError> {
        let t = self
            .setup
            .issue(&format!("user:{}", user.id), user.role)
            .map_err(ApiError::internal)?;
        Ok((t.token, self.setup.config().access_ttl_secs))
    }

    /// Makes an access token unusable before it expires (logout): stored first, so the
    /// revocation survives a restart and reaches other nodes, then cached for the per-request
    /// check.
    ///
    /// # Errors
    /// 500 if the store refuses the write (the token then stays valid: the client may retry).
    pub async fn revoke_token(&self, jti: &str, exp: u64) -> Result<(), ApiError> {
        let keep_until = exp.saturating_add(REVOCATION_GRACE_SECS);
        let now = events::unix_now();
        self.store
            .insert_revoked_token(jti, i64::try_from(keep_until).unwrap_or(i64::MAX), now)
            .await
            .map_err(ApiError::internal)?;
        self.remember_revoked([(jti.to_owned(), keep_until)]);
        Ok(())
    }

    /// Loads the revoked tokens that have not expired yet (at start, before serving).
    ///
    /// # Errors
    /// [`Error::Store`] if the table cannot be read.
    pub async fn load_revoked(&self) -> Result<usize, Error> {
        self.sync_revoked().await
    }

    /// Adds the store's unexpired revocations (other nodes' logouts) to the memory set and
    /// drops expired ones; returns how many are held.
    ///
    /// # Errors
    /// [`Error::Store`] if the table cannot be read.
    pub async fn sync_revoked(&self) -> Result<usize, Error> {
        let rows = self.store.revoked_tokens(events::unix_now()).await?;
        let rows = rows
            .into_iter()
            .map(|(jti, until)| (jti, u64::try_from(until).unwrap_or(0)));
        Ok(self.remember_revoked(rows))
    }

    fn remember_revoked(&self, rows: impl IntoIterator<Item = (String, u64)>) -> usize {
        let now = u64::try_from(events::unix_now()).unwrap_or(0);
        let mut m = self.revoked_jti.lock();
        m.retain(|_, until| *until > now);
        m.extend(rows);
        m.len()
    }

    /// Drops a cached key after revocation or rotation.
    pub fn forget_key(&self, id: &str) {
        self.keys.lock().remove(id);
    }

    /// Drops a cached user after a change.
    pub fn forget_user(&self, id: &str) {
        self.users.lock().remove(id);
    }

    /// Authenticates a request from its headers.
    ///
    /// # Errors
    /// 401 for missing or invalid credentials (with a security signal), 429 when the
    /// principal's own rate limit is exhausted.
    pub async fn authenticate(
        &self,
        headers: &HeaderMap,
        allow_setup: bool,
    ) -> Result<Principal, ApiError> {
        let principal = match credential(headers)? {
            Credential::ApiKey(k) => self.authenticate_key(k).await?,
            Credential::Bearer(t) => self.authenticate_jwt(t, allow_setup).await?,
        };
        if let Some(l) = &self.per_principal {
            if let Err(retry) = l.check(principal.subject.as_str()) {
                return Err(ApiError::too_many_requests(retry.secs_ceil()).with_signal(
                    SecuritySignal::new(
                        "ratelimit.principal",
                        Severity::Low,
                        "per-principal rate limit exceeded",
                    )
                    .subject(principal.subject.clone()),
                ));
            }
        }
        Ok(principal)
    }

    async fn authenticate_key(&self, presented: &str) -> Result<Principal, ApiError> {
        let key = ApiKey::parse(presented).map_err(|_| {
            ApiError::unauthorized()
                .with_signal(SecuritySignal::auth_failed(None, "malformed API key"))
        })?;
        let id = key.id().to_owned();
        let now = events::unix_now();
        let cached = {
            let m = self.keys.lock();
            m.get(&id)
                .filter(|c| c.at.elapsed() < self.cache_ttl)
                .map(|c| Arc::clone(&c.value))
        };
        let rec = match cached {
            Some(r) => r,
            None => {
                let rec = self.store.api_key(&id).await.map_err(ApiError::internal)?;
                let Some(rec) = rec else {
                    return Err(
                        ApiError::unauthorized().with_signal(SecuritySignal::auth_failed(
                            Some(format!("key:{id}")),
                            "unknown API key",
                        )),
                    );
                };
                if rec.last_used_at.is_none_or(|t| now - t >= 60) && rec.is_active(now) {
                    let store = self.store.clone();
                    let kid = id.clone();
                    tokio::spawn(async move {
                        let _ = store.touch_api_key(&kid, now).await;
                    });
                }
                let rec = Arc::new(rec);
                let mut m = self.keys.lock();
                if m.len() > 100_000 {
                    m.retain(|_, c| c.at.elapsed() < self.cache_ttl);
                }
                m.insert(
                    id.clone(),
                    Cached {
                        value: Arc::clone(&rec),
                        at: Instant::now(),
                    },
                );
                rec
            }
        };
        if !key.verify(&rec.key_hash) {
            return Err(
                ApiError::unauthorized().with_signal(SecuritySignal::auth_failed(
                    Some(format!("key:{id}")),
                    "wrong API key secret",
                )),
            );
        }
        if rec.revoked_at.is_some() {
            return Err(
                ApiError::unauthorized().with_signal(SecuritySignal::auth_failed(
                    Some(format!("key:{id}")),
                    "revoked API key",
                )),
            );
        }
        if rec.expires_at.is_some_and(|e| now >= e) {
            return Err(
                ApiError::unauthorized().with_signal(SecuritySignal::auth_failed(
                    Some(format!("key:{id}")),
                    "expired API key",
                )),
            );
        }
        Ok(Principal {
            subject: format!("key:{id}"),
            role: rec.role,
            kind: PrincipalKind::ApiKey,
            id,
            restricted: false,
            token: None,
        })
    }

    async fn authenticate_jwt(
        &self,
        token: &str,
        allow_setup: bool,
    ) -> Result<Principal, ApiError> {
        let fail = |detail: String| {
            ApiError::unauthorized().with_signal(SecuritySignal::auth_failed(None, detail))
        };
        let (claims, restricted): (Claims, bool) = match self.access.verify(token) {
            Ok(c) => (c, false),
            Err(voxgate_security::Error::TokenRejected(TokenRejection::Audience))
                if allow_setup =>
            {
                match self.setup.verify(token) {
                    Ok(c) => (c, true),
                    Err(e) => return Err(fail(format!("access token: {e}"))),
                }
            }
            Err(e) => return Err(fail(format!("access token: {e}"))),
        };
        if self.revoked_jti.lock().contains_key(&claims.jti) {
            return Err(fail("access token revoked (logged out)".into()));
        }
        let Some(user_id) = claims.sub.strip_prefix("user:") else {
            return Err(fail("access token subject is not a user".into()));
        };
        let user = self.user(user_id).await?;
        let Some(user) = user else {
            return Err(fail("access token for a deleted user".into()));
        };
        if user.disabled {
            return Err(fail(format!("access token of disabled user:{user_id}")));
        }
        if user.role != claims.role {
            return Err(fail(format!(
                "access token role is stale for user:{user_id}"
            )));
        }
        Ok(Principal {
            subject: claims.sub.clone(),
            role: claims.role,
            kind: PrincipalKind::User,
            id: user_id.to_owned(),
            restricted,
            token: Some((claims.jti, claims.exp)),
        })
    }

    async fn user(&self, id: &str) -> Result<Option<UserRecord>, ApiError> {
        {
            let m = self.users.lock();
            if let Some(c) = m.get(id).filter(|c| c.at.elapsed() < self.cache_ttl) {
                return Ok(Some(c.value.clone()));
            }
        }
        let u = self
            .store
            .user_by_id(id)
            .await
            .map_err(ApiError::internal)?;
        if let Some(u) = &u {
            let mut m = self.users.lock();
            if m.len() > 100_000 {
                m.retain(|_, c| c.at.elapsed() < self.cache_ttl);
            }
            m.insert(
                id.to_owned(),
                Cached {
                    value: u.clone(),
                    at: Instant::now(),
                },
            );
        }
        Ok(u)
    }
}

enum Credential<'a> {
    ApiKey(&'a str),
    Bearer(&'a str),
}

fn credential(headers: &HeaderMap) -> Result<Credential<'_>, ApiError> {
    let missing = || {
        ApiError::unauthorized().with_signal(SecuritySignal {
            kind: "auth.missing",
            severity: Severity::Low,
            subject: None,
            detail: "no credentials".into(),
            auth_failure: false,
        })
    };
    let malformed = |what: &str| {
        ApiError::unauthorized().with_signal(SecuritySignal::auth_failed(
            None,
            format!("malformed {what}"),
        ))
    };
    if let Some(v) = headers.get("x-api-key") {
        let v = v.to_str().map_err(|_| malformed("X-API-Key header"))?;
        return Ok(Credential::ApiKey(v.trim()));
    }
    let Some(v) = headers.get(axum::http::header::AUTHORIZATION) else {
        return Err(missing());
    };
    let v = v.to_str().map_err(|_| malformed("Authorization header"))?;
    let (scheme, rest) = v
        .split_once(' ')
        .ok_or_else(|| malformed("Authorization header"))?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Err(malformed("Authorization scheme"));
    }
    let token = rest.trim();
    if token.starts_with(API_KEY_PREFIX) {
        Ok(Credential::ApiKey(token))
    } else {
        Ok(Credential::Bearer(token))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, ConfigSecret};

    /// One server node's auth service over `db`.
    fn node(db: &voxgate_store::SqliteStore) -> AuthService {
        let mut c = Config::default();
        c.security.jwt_secret =
            ConfigSecret::new("a jwt secret for the revocation tests, 32+ bytes");
        c.security.master_key = ConfigSecret::new("11".repeat(32));
        AuthService::new(&c, AuthStore::new(db)).unwrap()
    }

    fn bearer(token: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert(
            axum::http::header::AUTHORIZATION,
            format!("Bearer {token}").parse().unwrap(),
        );
        h
    }

    #[tokio::test]
    async fn revocation_reaches_other_nodes_and_survives_restarts() {
        let tmp = tempfile::tempdir().unwrap();
        let db = voxgate_store::SqliteStore::open(tmp.path()).await.unwrap();
        let (a, b) = (node(&db), node(&db));
        let user = a
            .store()
            .create_user("nina", "$argon2id$unused", Role::Auditor, false, 0)
            .await
            .unwrap();
        let (token, _) = a.issue_access(&user).unwrap();
        let p = a.authenticate(&bearer(&token), false).await.unwrap();
        assert!(b.authenticate(&bearer(&token), false).await.is_ok());
        let (jti, exp) = p.token.unwrap();
        a.revoke_token(&jti, exp).await.unwrap();

        let refused = |r: Result<Principal, ApiError>| {
            r.map(|_| ()).unwrap_err().status() == axum::http::StatusCode::UNAUTHORIZED
        };
        assert!(refused(a.authenticate(&bearer(&token), false).await));
        // Node b learns of it at its next sync, without a query per request.
        assert_eq!(b.sync_revoked().await.unwrap(), 1);
        assert!(refused(b.authenticate(&bearer(&token), false).await));
        // A restarted node loads it before serving.
        let c = node(&db);
        assert_eq!(c.load_revoked().await.unwrap(), 1);
        assert!(refused(c.authenticate(&bearer(&token), false).await));
        // Other tokens of the same user are untouched.
        let (other, _) = c.issue_access(&user).unwrap();
        assert!(c.authenticate(&bearer(&other), false).await.is_ok());
    }
}
