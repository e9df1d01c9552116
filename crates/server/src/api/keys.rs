//! `/api/v1/keys`: create (the key is shown once), list, rotate, revoke.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post};
use axum::Router;
use serde::Deserialize;
use voxgate_security::apikey::ApiKey;
use voxgate_store::auth::ApiKeyRecord;

use super::manage::{list_response, parse_role, record_change, Changed};
use super::{perm, ApiError, ApiJson, ApiState, Authorized};
use crate::auth::events::unix_now;

pub(super) fn routes() -> Router<ApiState> {
    Router::new()
        .route("/api/v1/keys", get(list).post(create))
        .route("/api/v1/keys/{id}/rotate", post(rotate))
        .route("/api/v1/keys/{id}", delete(revoke))
}

/// A key as shown by the API (never its hash).
pub(crate) fn key_json(k: &ApiKeyRecord) -> serde_json::Value {
    serde_json::json!({
        "id": k.id,
        "name": k.name,
        "role": k.role,
        "created_at": k.created_at,
        "created_by": k.created_by,
        "expires_at": k.expires_at,
        "revoked_at": k.revoked_at,
        "last_used_at": k.last_used_at,
        "rotated_to": k.rotated_to,
        "active": k.is_active(unix_now()),
    })
}

/// Parses `30d`, `12h`, `90m`, `3600s` or plain seconds.
pub fn parse_duration_secs(s: &str) -> Option<u64> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last()? {
        (i, 'd') => (&s[..i], 86_400),
        (i, 'h') => (&s[..i], 3600),
        (i, 'm') => (&s[..i], 60),
        (i, 's') => (&s[..i], 1),
        _ => (s, 1),
    };
    let n: u64 = num.parse().ok()?;
    n.checked_mul(mult).filter(|&v| v > 0)
}

async fn list(
    State(s): State<ApiState>,
    Authorized(_p, _): Authorized<perm::KeysManage>,
) -> Result<Response, ApiError> {
    let keys = s
        .auth_store()
        .list_api_keys()
        .await
        .map_err(ApiError::internal)?;
    Ok(list_response("keys", &keys, key_json))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateBody {
    name: String,
    role: String,
    #[serde(default)]
    expires_in: Option<String>,
}

fn valid_name(n: &str) -> bool {
    !n.trim().is_empty() && n.len() <= 100 && !n.chars().any(char::is_control)
}

async fn create(
    State(s): State<ApiState>,
    Authorized(p, _): Authorized<perm::KeysManage>,
    ApiJson(b): ApiJson<CreateBody>,
) -> Result<Response, ApiError> {
    let role = parse_role(&b.role)?;
    if !valid_name(&b.name) {
        return Err(ApiError::bad_request(
            "name must be 1-100 printable characters",
        ));
    }
    let now = unix_now();
    let expires_at = match b.expires_in.as_deref() {
        None => None,
        Some(d) => {
            let secs = parse_duration_secs(d).ok_or_else(|| {
                ApiError::bad_request("expires_in must look like 30d, 12h, 90m or 3600")
            })?;
            Some(now.saturating_add(i64::try_from(secs).unwrap_or(i64::MAX)))
        }
    };
    let key = ApiKey::generate();
    let rec = s
        .auth_store()
        .create_api_key(&key, b.name.trim(), role, expires_at, Some(&p.subject), now)
        .await
        .map_err(ApiError::internal)?;
    s.audit.record(
        &p.subject,
        "keys.create",
        &format!("key:{}", rec.id),
        "success",
    );
    Ok((StatusCode::CREATED, shown_once(&rec, &key, None)).into_response())
}

/// A new key's record with the key itself, which is never shown again (hence `no-store`).
fn shown_once(rec: &ApiKeyRecord, key: &ApiKey, replaces: Option<String>) -> Response {
    let mut body = key_json(rec);
    body["key"] = key.expose().into();
    if let Some(old) = replaces {
        body["replaces"] = old.into();
    }
    (
        [(axum::http::header::CACHE_CONTROL, "no-store")],
        axum::Json(body),
    )
        .into_response()
}

async fn rotate(
    State(s): State<ApiState>,
    Authorized(p, _): Authorized<perm::KeysManage>,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let key = ApiKey::generate();
    let rec = s
        .auth_store()
        .rotate_api_key(&id, &key, Some(&p.subject), unix_now())
        .await
        .map_err(ApiError::internal)?
        .ok_or_else(ApiError::not_found)?;
    record_change(&s, &p, "keys.rotate", Changed::Key(&id));
    Ok(shown_once(&rec, &key, Some(id)))
}

async fn revoke(
    State(s): State<ApiState>,
    Authorized(p, _): Authorized<perm::KeysManage>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let done = s
        .auth_store()
        .revoke_api_key(&id, unix_now())
        .await
        .map_err(ApiError::internal)?;
    if !done {
        s.auth.forget_key(&id);
        return Err(ApiError::not_found());
    }
    record_change(&s, &p, "keys.revoke", Changed::Key(&id));
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::parse_duration_secs;

    #[test]
    fn durations() {
        assert_eq!(parse_duration_secs("30d"), Some(30 * 86_400));
        assert_eq!(parse_duration_secs("12h"), Some(43_200));
        assert_eq!(parse_duration_secs("90m"), Some(5400));
        assert_eq!(parse_duration_secs("3600"), Some(3600));
        assert_eq!(parse_duration_secs("3600s"), Some(3600));
        for bad in ["", "d", "0d", "-1d", "1w", "1.5h", "99999999999999999999d"] {
            assert_eq!(parse_duration_secs(bad), None, "{bad}");
        }
    }
}
