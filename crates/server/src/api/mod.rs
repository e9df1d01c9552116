//! The `/api/v1` router: authentication, API keys, users, security events, signed callbacks.
//!
//! Every route is behind the HTTP guard ([`crate::auth::guard`]: client IP, IP blocks, CIDR
//! allowlists, CORS, rate limits, security headers) and, except `POST /api/v1/auth/login`,
//! `POST /api/v1/auth/refresh` and the signed callbacks, requires an authenticated
//! [`Principal`]. Each handler then demands exactly one RBAC [`Permission`] with
//! [`Principal::require`]; [`ROUTES`] lists them all and a test checks every route against
//! every role (`docs/rbac.md` is the matrix).
//!
//! # Adding routes from another module
//!
//! 1. Write `pub fn routes() -> Router<ApiState>` in your module (for example
//!    `crate::api::calls`), with paths starting `/api/v1/`.
//! 2. Each handler takes `principal: Principal` (401 without valid credentials) and starts
//!    with `principal.require(Permission::CallsRead)?;` (403 and a security event otherwise).
//!    Take `State(state): State<ApiState>` for the store (`state.sqlite`), the auth service,
//!    the security events and the audit hook.
//! 3. Return `Result<impl IntoResponse, ApiError>`; map your errors with
//!    [`ApiError::internal`] (logged, never shown) or the specific constructors. Use
//!    [`ApiJson`] instead of `axum::Json` so malformed bodies get the same error shape.
//! 4. Add one line `.merge(your_module::routes())` in [`router`] and one entry per route in
//!    [`ROUTES`]; the RBAC route test then covers your routes for every role.
//! 5. Record reads of personal data with `state.audit.record(...)` and
//!    `state.events.pii_access(...)`.
//!
//! Errors always have the shape `{"error": {"code": "...", "message": "..."}}`.

pub mod analysis;
mod auth_routes;
pub(crate) mod callbacks;
mod calls;
mod keys;
mod manage;
mod recordings;
mod reports;
mod security;
mod users;

use std::borrow::Cow;
use std::sync::Arc;

use axum::extract::rejection::JsonRejection;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use serde::de::DeserializeOwned;
use voxgate_security::rbac::Permission;
use voxgate_store::auth::AuthStore;

use crate::auth::events::{SecurityEvents, SecuritySignal};
use crate::auth::AuthService;
pub use crate::auth::{ClientIp, Principal, PrincipalKind, SetupPrincipal};
pub use keys::parse_duration_secs;
pub use users::valid_username;

/// Records who did what to which resource, and whether it worked. The default writes a log
/// line; the audit-chain store plugs in here.
pub trait AuditHook: Send + Sync + std::fmt::Debug {
    /// Records one action. `actor` is a principal subject, `resource` a path or id (never
    /// personal data), `outcome` `success` or `failure`.
    fn record(&self, actor: &str, action: &str, resource: &str, outcome: &str);
}

/// Audit hook writing `audit = true` log lines.
#[derive(Debug, Default)]
pub struct LogAudit;

impl AuditHook for LogAudit {
    fn record(&self, actor: &str, action: &str, resource: &str, outcome: &str) {
        tracing::info!(audit = true, actor, action, resource, outcome, "audit");
    }
}

/// Shared state of the API routes.
#[derive(Clone, Debug)]
pub struct ApiState {
    /// Credentials, tokens, passwords.
    pub auth: Arc<AuthService>,
    /// The database (construct your module's store from it).
    pub sqlite: voxgate_store::SqliteStore,
    /// Security event recorder.
    pub events: SecurityEvents,
    /// Audit hook.
    pub audit: Arc<dyn AuditHook>,
    /// The configuration.
    pub config: Arc<crate::config::Config>,
    /// Verifier of signed inbound callbacks (`[callbacks]`), when enabled.
    pub callbacks: Option<Arc<voxgate_security::signature::WebhookVerifier>>,
}

impl ApiState {
    /// The authentication tables.
    pub fn auth_store(&self) -> &AuthStore {
        self.auth.store()
    }
}

/// A permission as a type, for [`Authorized`]: `Authorized<perm::KeysManage>`.
pub trait RequiredPermission: Send + Sync + 'static {
    /// The permission.
    const PERMISSION: Permission;
}

/// Marker types, one per [`Permission`] variant, for [`Authorized`].
pub mod perm {
    use super::{Permission, RequiredPermission};
    macro_rules! markers {
        ($($name:ident),* $(,)?) => {$(
            #[doc = concat!("Marker for [`Permission::", stringify!($name), "`].")]
            #[derive(Debug, Clone, Copy)]
            pub struct $name;
            impl RequiredPermission for $name {
                const PERMISSION: Permission = Permission::$name;
            }
        )*};
    }
    markers!(
        CallsRead,
        CallsReadRaw,
        CallsDelete,
        CallsExport,
        CallsLookupCaller,
        CallsControl,
        TranscriptsRead,
        RecordingsPlay,
        AnalysisSubmit,
        AnalysisRead,
        AnalysisDelete,
        QueueRead,
        SessionsCreate,
        ConsentRead,
        LegalHoldSet,
        RetentionRun,
        KeysManage,
        UsersManage,
        AuditRead,
        AuditVerify,
        AuditExport,
        ReportsRead,
        ConfigRead,
        ConfigWrite,
        SecurityRead,
        SecurityManage,
    );
}

/// An authenticated principal already checked for `P`'s permission (401/403 otherwise),
/// before the body is read: `Authorized(principal, _): Authorized<perm::KeysManage>`.
#[derive(Debug, Clone)]
pub struct Authorized<P>(pub Principal, pub std::marker::PhantomData<P>);

impl<S: Send + Sync, P: RequiredPermission> FromRequestParts<S> for Authorized<P> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        let p = Principal::from_request_parts(parts, state).await?;
        p.require(P::PERMISSION)?;
        Ok(Self(p, std::marker::PhantomData))
    }
}

/// What a route requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// No credentials (the credentials are the request: login, refresh, signed callbacks).
    Public,
    /// Any valid principal, including a restricted setup token (own MFA and password).
    Setup,
    /// Any valid principal (own identity, own logout).
    Authenticated,
    /// A principal whose role holds this permission.
    Permission(Permission),
}

/// Every `/api/v1` route: method, path (axum syntax) and what it requires.
pub const ROUTES: &[(Method, &str, Access)] = &[
    (Method::GET, "/api/v1/version", Access::Public),
    (Method::POST, "/api/v1/auth/login", Access::Public),
    (Method::POST, "/api/v1/auth/refresh", Access::Public),
    (Method::POST, "/api/v1/auth/logout", Access::Authenticated),
    (Method::GET, "/api/v1/auth/whoami", Access::Authenticated),
    (Method::POST, "/api/v1/auth/mfa/enroll", Access::Setup),
    (Method::POST, "/api/v1/auth/mfa/verify", Access::Setup),
    (Method::POST, "/api/v1/auth/password", Access::Setup),
    (
        Method::GET,
        "/api/v1/keys",
        Access::Permission(Permission::KeysManage),
    ),
    (
        Method::POST,
        "/api/v1/keys",
        Access::Permission(Permission::KeysManage),
    ),
    (
        Method::POST,
        "/api/v1/keys/{id}/rotate",
        Access::Permission(Permission::KeysManage),
    ),
    (
        Method::DELETE,
        "/api/v1/keys/{id}",
        Access::Permission(Permission::KeysManage),
    ),
    (
        Method::GET,
        "/api/v1/users",
        Access::Permission(Permission::UsersManage),
    ),
    (
        Method::POST,
        "/api/v1/users",
        Access::Permission(Permission::UsersManage),
    ),
    (
        Method::DELETE,
        "/api/v1/users/{id}",
        Access::Permission(Permission::UsersManage),
    ),
    (
        Method::POST,
        "/api/v1/users/{id}/disable",
        Access::Permission(Permission::UsersManage),
    ),
    (
        Method::POST,
        "/api/v1/users/{id}/reset-mfa",
        Access::Permission(Permission::UsersManage),
    ),
    (
        Method::GET,
        "/api/v1/security/events",
        Access::Permission(Permission::SecurityRead),
    ),
    (Method::POST, "/api/v1/callbacks/{source}", Access::Public),
    (
        Method::GET,
        "/api/v1/calls",
        Access::Permission(Permission::CallsLookupCaller),
    ),
    (
        Method::DELETE,
        "/api/v1/calls/{id}",
        Access::Permission(Permission::CallsDelete),
    ),
    (
        Method::GET,
        "/api/v1/calls/{id}/export",
        Access::Permission(Permission::CallsExport),
    ),
    (
        Method::POST,
        "/api/v1/calls/{id}/hold",
        Access::Permission(Permission::LegalHoldSet),
    ),
    (
        Method::GET,
        "/api/v1/calls/{id}/recording",
        Access::Permission(Permission::RecordingsPlay),
    ),
    (
        Method::GET,
        "/api/v1/reports",
        Access::Permission(Permission::ReportsRead),
    ),
    (
        Method::GET,
        "/api/v1/audit/verify",
        Access::Permission(Permission::AuditVerify),
    ),
    // Mounted by `analysis::mount` (own body limit and timeout).
    (
        Method::POST,
        "/api/v1/analysis",
        Access::Permission(Permission::AnalysisSubmit),
    ),
    (
        Method::GET,
        "/api/v1/analysis",
        Access::Permission(Permission::QueueRead),
    ),
    (
        Method::GET,
        "/api/v1/analysis/{id}",
        Access::Permission(Permission::AnalysisRead),
    ),
    (
        Method::DELETE,
        "/api/v1/analysis/{id}",
        Access::Permission(Permission::AnalysisDelete),
    ),
    (
        Method::GET,
        "/api/v1/calls/{id}/live",
        Access::Permission(Permission::TranscriptsRead),
    ),
];

/// The `/api/v1` router with its state applied.
pub fn router(state: ApiState) -> Router {
    Router::new()
        .merge(auth_routes::routes())
        .merge(keys::routes())
        .merge(users::routes())
        .merge(security::routes())
        .merge(callbacks::routes())
        .merge(calls::routes())
        .merge(recordings::routes())
        .merge(reports::routes())
        .route(
            "/api/v1/version",
            axum::routing::get(|| async {
                axum::Json(serde_json::json!({ "version": env!("CARGO_PKG_VERSION") }))
            }),
        )
        .fallback(|| async { ApiError::not_found() })
        .with_state(state)
}

/// An API error: status plus `{"error": {"code", "message"}}`. Internal causes are logged, never
/// sent; a [`SecuritySignal`] rides along in the response extensions for the HTTP guard.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    code: &'static str,
    message: Cow<'static, str>,
    // Boxed: errors travel in every `Result` of the API, and the signal is the bulky, rare part.
    signal: Option<Box<SecuritySignal>>,
    retry_after: Option<u64>,
}

impl ApiError {
    /// Any status, code and client-safe message.
    pub fn new(
        status: StatusCode,
        code: &'static str,
        message: impl Into<Cow<'static, str>>,
    ) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            signal: None,
            retry_after: None,
        }
    }

    /// 400 with a message for the client (must not echo personal data).
    pub fn bad_request(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    /// 401: missing or invalid credentials. The reason goes in the signal, not to the client.
    pub fn unauthorized() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "missing or invalid credentials",
        )
    }

    /// 403: authenticated but not allowed.
    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, "forbidden", "not allowed")
    }

    /// 404.
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "not_found", "no such resource")
    }

    /// 409.
    pub fn conflict(message: impl Into<Cow<'static, str>>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflict", message)
    }

    /// 429 with `Retry-After`.
    pub fn too_many_requests(retry_after_secs: u64) -> Self {
        let mut e = Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            "rate_limited",
            "too many requests",
        );
        e.retry_after = Some(retry_after_secs);
        e
    }

    /// 500: logs `cause` and sends a generic message.
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        tracing::error!(error = %cause, "internal error answering an API request");
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "internal error",
        )
    }

    /// Attaches a security signal.
    pub fn with_signal(mut self, signal: SecuritySignal) -> Self {
        self.signal = Some(Box::new(signal));
        self
    }

    /// The status.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The machine-readable code.
    pub fn code(&self) -> &'static str {
        self.code
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": { "code": self.code, "message": self.message }
        });
        let mut r = (self.status, axum::Json(body)).into_response();
        if let Some(s) = self.retry_after {
            if let Ok(v) = HeaderValue::from_str(&s.to_string()) {
                r.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"voxgate\""),
            );
        }
        if let Some(sig) = self.signal {
            r.extensions_mut().insert(*sig);
        }
        r
    }
}

/// `axum::Json` whose rejections use the [`ApiError`] shape (and never echo the body).
#[derive(Debug, Clone, Copy, Default)]
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Self(v)),
            Err(JsonRejection::BytesRejection(_)) => Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "body_too_large",
                "request body too large or unreadable",
            )),
            Err(JsonRejection::MissingJsonContentType(_)) => Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "expected Content-Type: application/json",
            )),
            Err(e) => Err(ApiError::bad_request(match e {
                JsonRejection::JsonSyntaxError(_) => "body is not valid JSON",
                _ => "body does not match the expected fields",
            })),
        }
    }
}

impl<T: serde::Serialize> IntoResponse for ApiJson<T> {
    fn into_response(self) -> Response {
        axum::Json(self.0).into_response()
    }
}
