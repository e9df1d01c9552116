//! `/api/v1/users`: list, create (with an initial password the user must change), disable,
//! reset MFA, delete. The last enabled admin can be neither deleted nor disabled.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::Router;
use serde::Deserialize;
use voxgate_security::rbac::Role;
use voxgate_store::auth::UserRecord;

use super::manage::{list_response, parse_role, record_change, Changed};
use super::{perm, ApiError, ApiJson, ApiState, Authorized, Principal};
use crate::auth::events::unix_now;

pub(super) fn routes() -> Router<ApiState> {
    Router::new()
        .route("/api/v1/users", get(list).post(create))
        .route("/api/v1/users/{id}", delete(remove))
        .route("/api/v1/users/{id}/disable", post(disable))
        .route("/api/v1/users/{id}/reset-mfa", post(reset_mfa))
}

fn user_json(u: &UserRecord) -> serde_json::Value {
    serde_json::json!({
        "id": u.id,
        "username": u.username,
        "role": u.role,
        "mfa_enrolled": u.mfa_enrolled(),
        "must_change_password": u.must_change_password,
        "disabled": u.disabled,
        "created_at": u.created_at,
        "last_login_at": u.last_login_at,
    })
}

async fn list(
    State(s): State<ApiState>,
    Authorized(_p, _): Authorized<perm::UsersManage>,
) -> Result<Response, ApiError> {
    let users = s
        .auth_store()
        .list_users()
        .await
        .map_err(ApiError::internal)?;
    Ok(list_response("users", &users, user_json))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateBody {
    username: String,
    role: String,
    password: String,
}

/// User names: 3-64 characters of letters, digits, `.`, `_`, `-`, `@`.
pub fn valid_username(n: &str) -> bool {
    (3..=64).contains(&n.len())
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
}

async fn create(
    State(s): State<ApiState>,
    Authorized(p, _): Authorized<perm::UsersManage>,
    ApiJson(b): ApiJson<CreateBody>,
) -> Result<Response, ApiError> {
    let role = parse_role(&b.role)?;
    if !valid_username(&b.username) {
        return Err(ApiError::bad_request(
            "username must be 3-64 letters, digits, '.', '_', '-' or '@'",
        ));
    }
    s.auth
        .policy()
        .check(&b.password, &[&b.username, "voxgate"])
        .map_err(|e| ApiError::bad_request(e.to_string()))?;
    let hash = s.auth.hash_password(&b.password).await?;
    let u = s
        .auth_store()
        .create_user(&b.username, &hash, role, true, unix_now())
        .await
        .map_err(|e| match e {
            voxgate_store::auth::Error::Conflict(_) => ApiError::conflict("user name taken"),
            other => ApiError::internal(other),
        })?;
    s.audit.record(
        &p.subject,
        "users.create",
        &format!("user:{}", u.id),
        "success",
    );
    Ok((StatusCode::CREATED, axum::Json(user_json(&u))).into_response())
}

async fn target(s: &ApiState, p: &Principal, id: &str) -> Result<UserRecord, ApiError> {
    if p.user_id() == Some(id) {
        return Err(ApiError::conflict("you cannot do this to your own account"));
    }
    let u = s
        .auth_store()
        .user_by_id(id)
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(ApiError::not_found)?;
    if u.role == Role::Admin
        && !u.disabled
        && s.auth_store()
            .count_active_with_role(Role::Admin)
            .await
            .map_err(ApiError::internal)?
            <= 1
    {
        return Err(ApiError::conflict("this is the last enabled admin"));
    }
    Ok(u)
}

async fn remove(
    State(s): State<ApiState>,
    Authorized(p, _): Authorized<perm::UsersManage>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    target(&s, &p, &id).await?;
    s.auth_store()
        .delete_user(&id)
        .await
        .map_err(ApiError::internal)?;
    record_change(&s, &p, "users.delete", Changed::User(&id));
    Ok(StatusCode::NO_CONTENT)
}

async fn disable(
    State(s): State<ApiState>,
    Authorized(p, _): Authorized<perm::UsersManage>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    target(&s, &p, &id).await?;
    s.auth_store()
        .set_disabled(&id, true, unix_now())
        .await
        .map_err(ApiError::internal)?;
    record_change(&s, &p, "users.disable", Changed::User(&id));
    Ok(StatusCode::NO_CONTENT)
}

async fn reset_mfa(
    State(s): State<ApiState>,
    Authorized(p, _): Authorized<perm::UsersManage>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    if p.user_id() == Some(id.as_str()) {
        return Err(ApiError::conflict("you cannot do this to your own account"));
    }
    if !s
        .auth_store()
        .clear_totp(&id)
        .await
        .map_err(ApiError::internal)?
    {
        return Err(ApiError::not_found());
    }
    s.auth_store()
        .revoke_user_refresh_tokens(&id, unix_now())
        .await
        .map_err(ApiError::internal)?;
    record_change(&s, &p, "users.reset_mfa", Changed::User(&id));
    Ok(StatusCode::NO_CONTENT)
}
