//! `/api/v1/auth/*`: login (password, then TOTP when enrolled), rotating refresh tokens,
//! logout, MFA enrolment, password change.
//!
//! A user who must change an initial password, or an admin without MFA, gets only a restricted
//! token from login: it works on `/auth/mfa/*` and `/auth/password` and nowhere else.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use voxgate_security::monitor::Severity;
use voxgate_security::rbac::Role;
use voxgate_security::totp::{Totp, TotpSecret};
use voxgate_store::auth::{self as store_auth, RefreshOutcome, UserRecord};

use super::{ApiError, ApiJson, ApiState, Principal, SetupPrincipal};
use crate::auth::events::{unix_now, SecuritySignal};

pub(super) fn routes() -> Router<ApiState> {
    Router::new()
        .route("/api/v1/auth/login", post(login))
        .route("/api/v1/auth/refresh", post(refresh))
        .route("/api/v1/auth/logout", post(logout))
        .route("/api/v1/auth/whoami", get(whoami))
        .route("/api/v1/auth/mfa/enroll", post(mfa_enroll))
        .route("/api/v1/auth/mfa/verify", post(mfa_verify))
        .route("/api/v1/auth/password", post(change_password))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LoginBody {
    username: String,
    password: String,
    #[serde(default)]
    totp: Option<String>,
}

fn bad_login(subject: &str, detail: &str) -> ApiError {
    ApiError::unauthorized().with_signal(SecuritySignal::auth_failed(
        Some(format!("login:{subject}")),
        detail,
    ))
}

/// What a user still has to do before getting a full token.
fn pending_steps(u: &UserRecord) -> Vec<&'static str> {
    let mut steps = Vec::new();
    if u.must_change_password {
        steps.push("change_password");
    }
    if u.role == Role::Admin && !u.mfa_enrolled() {
        steps.push("enroll_mfa");
    }
    steps
}

async fn login(
    State(s): State<ApiState>,
    ApiJson(b): ApiJson<LoginBody>,
) -> Result<Response, ApiError> {
    let auth = &s.auth;
    // Bounded input: a 1 MB "password" would otherwise cost argon2 time on every attempt.
    if b.username.len() > 128 || b.password.len() > auth.policy().max_bytes {
        return Err(bad_login("-", "oversized credentials"));
    }
    let user = auth
        .store()
        .user_by_name(&b.username)
        .await
        .map_err(ApiError::internal)?;
    let ok = auth
        .verify_password(&b.password, user.as_ref().map(|u| u.password_hash.as_str()))
        .await?;
    let now = unix_now();
    let Some(user) = user.filter(|_| ok) else {
        if let Some(u) = auth
            .store()
            .user_by_name(&b.username)
            .await
            .map_err(ApiError::internal)?
        {
            auth.store()
                .record_login_failure(&u.id, now)
                .await
                .map_err(ApiError::internal)?;
        }
        return Err(bad_login(&b.username, "wrong user name or password"));
    };
    if user.disabled {
        return Err(bad_login(&b.username, "login of a disabled user"));
    }
    if let Some(sealed) = &user.totp_secret {
        let Some(code) = b.totp.as_deref() else {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "mfa_required",
                "a TOTP code is required",
            ));
        };
        let secret = store_auth::open_totp_secret(auth.master_key(), &user.id, sealed)
            .map_err(ApiError::internal)?;
        let totp = Totp::new(secret);
        let step = match totp.verify(code, now.max(0).unsigned_abs(), user.totp_last_step) {
            Ok(step) => step,
            Err(e) => {
                auth.store()
                    .record_login_failure(&user.id, now)
                    .await
                    .map_err(ApiError::internal)?;
                return Err(bad_login(&b.username, &e.to_string()));
            }
        };
        // Two logins racing with one code: only the first advances the step.
        if !auth
            .store()
            .advance_totp_step(&user.id, step)
            .await
            .map_err(ApiError::internal)?
        {
            return Err(bad_login(&b.username, "TOTP code replayed"));
        }
    }
    auth.store()
        .record_login_success(&user.id, now)
        .await
        .map_err(ApiError::internal)?;
    s.audit.record(
        &format!("user:{}", user.id),
        "auth.login",
        "/api/v1/auth/login",
        "success",
    );
    let steps = pending_steps(&user);
    if !steps.is_empty() {
        let (token, ttl) = auth.issue_setup(&user)?;
        return Ok(axum::Json(serde_json::json!({
            "access_token": token,
            "token_type": "Bearer",
            "expires_in": ttl,
            "restricted": true,
            "required": steps,
        }))
        .into_response());
    }
    issue_pair(&s, &user, &uuid::Uuid::new_v4().to_string()).await
}

async fn issue_pair(s: &ApiState, user: &UserRecord, family: &str) -> Result<Response, ApiError> {
    let (access, ttl) = s.auth.issue_access(user)?;
    let refresh = voxgate_security::jwt::generate_refresh_token();
    let now = unix_now();
    let refresh_ttl = i64::try_from(s.auth.refresh_ttl_secs()).unwrap_or(i64::MAX);
    s.auth
        .store()
        .insert_refresh_token(
            &voxgate_security::jwt::refresh_token_hash(refresh.expose()),
            family,
            &user.id,
            now,
            now.saturating_add(refresh_ttl),
        )
        .await
        .map_err(ApiError::internal)?;
    Ok((
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        axum::Json(serde_json::json!({
            "access_token": access,
            "token_type": "Bearer",
            "expires_in": ttl,
            "refresh_token": refresh.expose(),
            "refresh_expires_in": s.auth.refresh_ttl_secs(),
            "role": user.role,
            "restricted": false,
        })),
    )
        .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RefreshBody {
    refresh_token: String,
}

async fn refresh(
    State(s): State<ApiState>,
    ApiJson(b): ApiJson<RefreshBody>,
) -> Result<Response, ApiError> {
    let hash = voxgate_security::jwt::refresh_token_hash(&b.refresh_token);
    let now = unix_now();
    let outcome = s
        .auth
        .store()
        .use_refresh_token(&hash, now)
        .await
        .map_err(ApiError::internal)?;
    let (user_id, family) = match outcome {
        RefreshOutcome::Valid { user_id, family_id } => (user_id, family_id),
        RefreshOutcome::Reused { user_id, family_id } => {
            return Err(ApiError::unauthorized().with_signal(SecuritySignal {
                kind: "auth.refresh_reuse",
                severity: Severity::High,
                subject: Some(format!("user:{user_id}")),
                detail: format!("refresh token used twice: family {family_id} revoked"),
                auth_failure: true,
            }));
        }
        RefreshOutcome::Inactive => {
            return Err(
                ApiError::unauthorized().with_signal(SecuritySignal::auth_failed(
                    None,
                    "expired or revoked refresh token",
                )),
            )
        }
        RefreshOutcome::Unknown => {
            return Err(ApiError::unauthorized()
                .with_signal(SecuritySignal::auth_failed(None, "unknown refresh token")))
        }
    };
    let user = s
        .auth
        .store()
        .user_by_id(&user_id)
        .await
        .map_err(ApiError::internal)?
        .filter(|u| !u.disabled && pending_steps(u).is_empty());
    let Some(user) = user else {
        s.auth
            .store()
            .revoke_refresh_family(&family, now)
            .await
            .map_err(ApiError::internal)?;
        return Err(
            ApiError::unauthorized().with_signal(SecuritySignal::auth_failed(
                Some(format!("user:{user_id}")),
                "refresh for a disabled or incomplete user",
            )),
        );
    };
    issue_pair(&s, &user, &family).await
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct LogoutBody {
    #[serde(default)]
    refresh_token: Option<String>,
}

async fn logout(
    State(s): State<ApiState>,
    p: Principal,
    body: Result<ApiJson<LogoutBody>, ApiError>,
) -> Result<StatusCode, ApiError> {
    let now = unix_now();
    if let Some((jti, exp)) = &p.token {
        s.auth.revoke_token(jti, *exp).await?;
    }
    // The body is optional: a bare POST logs out the access token only.
    if let (
        Ok(ApiJson(LogoutBody {
            refresh_token: Some(t),
        })),
        Some(uid),
    ) = (body, p.user_id())
    {
        let hash = voxgate_security::jwt::refresh_token_hash(&t);
        if let Some((owner, family)) = s
            .auth
            .store()
            .refresh_token_family(&hash)
            .await
            .map_err(ApiError::internal)?
        {
            if owner == uid {
                s.auth
                    .store()
                    .revoke_refresh_family(&family, now)
                    .await
                    .map_err(ApiError::internal)?;
            }
        }
    }
    s.audit
        .record(&p.subject, "auth.logout", "/api/v1/auth/logout", "success");
    Ok(StatusCode::NO_CONTENT)
}

async fn whoami(p: Principal) -> impl IntoResponse {
    axum::Json(p)
}

fn user_only(p: &crate::auth::Principal) -> Result<&str, ApiError> {
    p.user_id()
        .ok_or_else(|| ApiError::bad_request("only users have MFA and passwords"))
}

/// The account a setup-scoped session belongs to (404 if it was deleted meanwhile).
async fn signed_in_user(s: &ApiState, uid: &str) -> Result<UserRecord, ApiError> {
    s.auth
        .store()
        .user_by_id(uid)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(ApiError::not_found)
}

async fn mfa_enroll(
    State(s): State<ApiState>,
    SetupPrincipal(p): SetupPrincipal,
) -> Result<Response, ApiError> {
    let uid = user_only(&p)?;
    let user = signed_in_user(&s, uid).await?;
    if user.mfa_enrolled() {
        return Err(ApiError::conflict(
            "MFA is already enrolled; an administrator can reset it",
        ));
    }
    let secret = TotpSecret::generate();
    let sealed =
        store_auth::seal_user_secret(s.auth.master_key(), uid, secret.to_base32().as_bytes())
            .map_err(ApiError::internal)?;
    s.auth
        .store()
        .set_totp_pending(uid, &sealed)
        .await
        .map_err(ApiError::internal)?;
    let totp = Totp::new(secret);
    let uri = totp.otpauth_uri(&s.config.auth.issuer, &user.username);
    Ok((
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        axum::Json(serde_json::json!({
            "secret": totp.secret().to_base32(),
            "otpauth_uri": uri,
        })),
    )
        .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CodeBody {
    code: String,
}

async fn mfa_verify(
    State(s): State<ApiState>,
    SetupPrincipal(p): SetupPrincipal,
    ApiJson(b): ApiJson<CodeBody>,
) -> Result<Response, ApiError> {
    let uid = user_only(&p)?;
    let user = signed_in_user(&s, uid).await?;
    let Some(pending) = &user.totp_pending else {
        return Err(ApiError::conflict("no MFA enrolment in progress"));
    };
    let secret = store_auth::open_totp_secret(s.auth.master_key(), uid, pending)
        .map_err(ApiError::internal)?;
    let step = Totp::new(secret)
        .verify(&b.code, unix_now().max(0).unsigned_abs(), None)
        .map_err(|e| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                "invalid_code",
                "the code is not valid",
            )
            .with_signal(SecuritySignal::auth_failed(
                Some(p.subject.clone()),
                format!("MFA enrolment: {e}"),
            ))
        })?;
    s.auth
        .store()
        .activate_totp(uid, step)
        .await
        .map_err(ApiError::internal)?;
    s.auth.forget_user(uid);
    s.audit.record(
        &p.subject,
        "auth.mfa_enrolled",
        "/api/v1/auth/mfa/verify",
        "success",
    );
    let mut user = user;
    user.totp_secret = Some(Vec::new());
    Ok(axum::Json(serde_json::json!({
        "enrolled": true,
        "required": pending_steps(&user),
    }))
    .into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PasswordBody {
    current_password: String,
    new_password: String,
}

async fn change_password(
    State(s): State<ApiState>,
    SetupPrincipal(p): SetupPrincipal,
    ApiJson(b): ApiJson<PasswordBody>,
) -> Result<Response, ApiError> {
    let uid = user_only(&p)?;
    let user = signed_in_user(&s, uid).await?;
    if b.current_password.len() > s.auth.policy().max_bytes
        || !s
            .auth
            .verify_password(&b.current_password, Some(&user.password_hash))
            .await?
    {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "wrong_password",
            "the current password is wrong",
        )
        .with_signal(SecuritySignal::auth_failed(
            Some(p.subject.clone()),
            "password change with a wrong current password",
        )));
    }
    if b.new_password == b.current_password {
        return Err(ApiError::bad_request(
            "the new password must differ from the current one",
        ));
    }
    s.auth
        .policy()
        .check(&b.new_password, &[&user.username, "voxgate"])
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let hash = s.auth.hash_password(&b.new_password).await?;
    s.auth
        .store()
        .set_password(uid, &hash, false, unix_now())
        .await
        .map_err(ApiError::internal)?;
    s.auth.forget_user(uid);
    s.audit.record(
        &p.subject,
        "auth.password_changed",
        "/api/v1/auth/password",
        "success",
    );
    let mut user = user;
    user.must_change_password = false;
    Ok(
        axum::Json(serde_json::json!({ "changed": true, "required": pending_steps(&user) }))
            .into_response(),
    )
}
