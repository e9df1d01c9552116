//! What the management routes (`/api/v1/keys`, `/api/v1/users`) share: the role in a create
//! body, the list answer, and the end of a change (cache dropped, audit entry).

use axum::response::{IntoResponse, Response};
use voxgate_security::rbac::Role;

use super::{ApiError, ApiState, Principal};

/// A role named in a request body.
///
/// # Errors
/// 400 `unknown role`.
pub(super) fn parse_role(name: &str) -> Result<Role, ApiError> {
    name.parse()
        .map_err(|_| ApiError::bad_request("unknown role"))
}

/// `{"<field>": [...]}`, each record shown by `show`.
pub(super) fn list_response<T>(
    field: &str,
    records: &[T],
    show: fn(&T) -> serde_json::Value,
) -> Response {
    let items: Vec<_> = records.iter().map(show).collect();
    let mut body = serde_json::Map::new();
    body.insert(field.to_owned(), items.into());
    axum::Json(serde_json::Value::Object(body)).into_response()
}

/// Which cached principal a change makes stale.
pub(super) enum Changed<'a> {
    /// An API key, by id.
    Key(&'a str),
    /// A user, by id.
    User(&'a str),
}

/// Records a successful change: drops the cached principal so the change applies to the next
/// request, and writes `action` to the audit log.
pub(super) fn record_change(s: &ApiState, p: &Principal, action: &str, what: Changed<'_>) {
    let resource = match what {
        Changed::Key(id) => {
            s.auth.forget_key(id);
            format!("key:{id}")
        }
        Changed::User(id) => {
            s.auth.forget_user(id);
            format!("user:{id}")
        }
    };
    s.audit.record(&p.subject, action, &resource, "success");
}
