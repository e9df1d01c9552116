//! Compliance routes:
//!
//! | route | permission | audit event |
//! | --- | --- | --- |
//! | `GET /api/v1/reports?period=day\|week\|month&format=json\|html` | `reports_read` | `report.generate` |
//! | `GET /api/v1/audit/verify` | `audit_verify` | `audit.verify` |
//!
//! The report is [`voxgate_store::report::build_report`] over the stored data; the chain check
//! uses the last exported head so truncation shows.

use axum::extract::{Query, State};
use axum::http::{header, HeaderMap, HeaderValue};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Extension;
use axum::Router;
use serde::Deserialize;
use voxgate_security::audit::{event_types, AuditResult, Classification};
use voxgate_store::audit_log::{self, now_ms};
use voxgate_store::report::{build_report, render_html, BusinessHours, Period};

use super::calls::{context, data_protection, store_error};
use super::{perm, ApiError, ApiState, Authorized, ClientIp};

pub(super) fn routes() -> Router<ApiState> {
    Router::new()
        .route("/api/v1/reports", get(report))
        .route("/api/v1/audit/verify", get(verify))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportQuery {
    period: Option<String>,
    format: Option<String>,
}

async fn report(
    State(s): State<ApiState>,
    Authorized(p, _): Authorized<perm::ReportsRead>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
    q: Result<Query<ReportQuery>, axum::extract::rejection::QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(q) = q.map_err(|_| ApiError::bad_request("query must be period, format"))?;
    let period = Period::parse(q.period.as_deref().unwrap_or("month")).map_err(store_error)?;
    let format = q.format.unwrap_or_else(|| "json".into());
    if format != "json" && format != "html" {
        return Err(ApiError::bad_request("format must be json or html"));
    }
    let dp = data_protection(&s).await?;
    let head = dp.exported_head().map_err(ApiError::internal)?;
    let r = build_report(
        dp.calls.pool(),
        &dp.audit_key,
        period,
        now_ms(),
        BusinessHours::default(),
        head,
    )
    .await
    .map_err(store_error)?;
    let mut e = context(&p, ip.as_ref().map(|e| &e.0), &headers).event(
        now_ms(),
        "report.generate",
        &format!("/api/v1/reports?period={}", r.period),
        "read",
        AuditResult::Success,
    );
    e.data_classification = Classification::Internal;
    dp.audit.append(e.finish()).await.map_err(store_error)?;
    let mut resp = if format == "html" {
        Html(render_html(&r)).into_response()
    } else {
        axum::Json(r).into_response()
    };
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(resp)
}

async fn verify(
    State(s): State<ApiState>,
    Authorized(p, _): Authorized<perm::AuditVerify>,
    ip: Option<Extension<ClientIp>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let dp = data_protection(&s).await?;
    let head = dp.exported_head().map_err(ApiError::internal)?;
    let v = audit_log::verify_stored(dp.calls.pool(), &dp.audit_key, head)
        .await
        .map_err(store_error)?;
    let first = v.first_issue().cloned();
    let mut e = context(&p, ip.as_ref().map(|e| &e.0), &headers).event(
        now_ms(),
        event_types::AUDIT_VERIFY,
        "/api/v1/audit/verify",
        "verify",
        if v.is_ok() {
            AuditResult::Success
        } else {
            AuditResult::Failure
        },
    );
    e.action_taken = first.as_ref().map(ToString::to_string);
    dp.audit.append(e.finish()).await.map_err(store_error)?;
    Ok(axum::Json(serde_json::json!({
        "ok": v.is_ok(),
        "first_issue": first.as_ref().map(|i| serde_json::json!({
            "seq": i.seq(), "issue": i, "message": i.to_string()
        })),
        "result": v,
    }))
    .into_response())
}
