//! Operator data read from SQL tables (`[tools.knowledge.customers_sql]`, `faq_sql`): SQLite or
//! PostgreSQL, one query each, read when the tools are built.
//!
//! The rows become the same in-memory directory and FAQ index as the CSV/JSON files, so the
//! fuzzy matching of spoken account numbers and names works identically, and a slow or
//! unavailable database never stalls a call. A changed table is picked up at the next start.

use std::path::PathBuf;

use serde::Deserialize;
use sqlx::any::AnyRow;
use sqlx::{Column, Row, ValueRef};

use super::config::KeySource;
use super::faq::FaqEntry;
use super::knowledge::Customer;
use crate::{Error, Result};

/// Rows longer than this are refused: the agent keeps the directory in memory.
const MAX_ROWS: usize = 1_000_000;

/// A query over a SQL database.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SqlSourceConfig {
    /// `sqlite:///var/lib/crm.db?mode=ro` or `postgres://user:pass@host/db`: a secret (it may
    /// hold a password), inline or `{ file = "/run/secrets/crm_url" }`.
    pub url: KeySource,
    /// A `SELECT` whose column names are the record's fields. Customers need a `phone` (or
    /// `phone_number`) or `account_number` (or `account`) column; an FAQ needs `question` and
    /// `answer`, and may have `keywords` (separated by `;`).
    pub query: String,
    /// Seconds to wait for the connection and the query.
    #[serde(default = "default_timeout_secs")]
    pub timeout_secs: u64,
}

fn default_timeout_secs() -> u64 {
    10
}

/// Where errors point: the query, never the URL (it may hold a password).
fn origin(what: &str) -> PathBuf {
    PathBuf::from(format!("[tools.knowledge.{what}]"))
}

fn sql_err(what: &str, reason: impl std::fmt::Display) -> Error {
    Error::KnowledgeLoad {
        path: origin(what),
        reason: reason.to_string(),
    }
}

/// Runs `source.query` and returns its rows as column-name/text pairs (NULL columns left out).
/// Blocks the calling thread; the query runs on a runtime of its own, so this works from both
/// synchronous code and inside a Tokio runtime.
fn fetch(what: &'static str, source: &SqlSourceConfig) -> Result<Vec<Vec<(String, String)>>> {
    let url = source
        .url
        .load()
        .map_err(|e| sql_err(what, format!("reading the url file: {e}")))?;
    let url = url.expose().to_owned();
    let query = source.query.clone();
    let timeout = std::time::Duration::from_secs(source.timeout_secs.max(1));
    std::thread::scope(|s| {
        s.spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| sql_err(what, e))?;
            rt.block_on(async move {
                sqlx::any::install_default_drivers();
                let run = async {
                    use sqlx::ConnectOptions;
                    let opts: sqlx::any::AnyConnectOptions = url
                        .parse()
                        .map_err(|e: sqlx::Error| sql_err(what, scrub(&e)))?;
                    let mut conn = opts.connect().await.map_err(|e| sql_err(what, scrub(&e)))?;
                    let rows: Vec<AnyRow> = sqlx::query(&query)
                        .fetch_all(&mut conn)
                        .await
                        .map_err(|e| sql_err(what, scrub(&e)))?;
                    if rows.len() > MAX_ROWS {
                        return Err(sql_err(
                            what,
                            format!("{} rows: more than {MAX_ROWS}", rows.len()),
                        ));
                    }
                    rows.iter().map(|r| row_text(what, r)).collect()
                };
                tokio::time::timeout(timeout, run)
                    .await
                    .map_err(|_| sql_err(what, format!("no answer within {timeout:?}")))?
            })
        })
        .join()
        .map_err(|_| sql_err(what, "the query thread panicked"))?
    })
}

/// A database error without anything that could be the connection string.
fn scrub(e: &sqlx::Error) -> String {
    match e {
        sqlx::Error::Configuration(_) => {
            "the url is not a valid sqlite:// or postgres:// URL".into()
        }
        sqlx::Error::Database(d) => format!("database: {}", d.message()),
        sqlx::Error::Io(io) => format!("connection: {}", io.kind()),
        sqlx::Error::Tls(_) => "TLS to the database failed".into(),
        sqlx::Error::PoolTimedOut => "connection timed out".into(),
        sqlx::Error::ColumnDecode { index, .. } => format!("column {index} cannot be read as text"),
        other => other.to_string(),
    }
}

/// One row as text: strings as they are, numbers and booleans printed, NULL left out.
fn row_text(what: &str, row: &AnyRow) -> Result<Vec<(String, String)>> {
    let mut out = Vec::with_capacity(row.columns().len());
    for (i, col) in row.columns().iter().enumerate() {
        let raw = row.try_get_raw(i).map_err(|e| sql_err(what, scrub(&e)))?;
        if raw.is_null() {
            continue;
        }
        let text = if let Ok(v) = row.try_get::<String, _>(i) {
            v
        } else if let Ok(v) = row.try_get::<i64, _>(i) {
            v.to_string()
        } else if let Ok(v) = row.try_get::<f64, _>(i) {
            v.to_string()
        } else if let Ok(v) = row.try_get::<bool, _>(i) {
            v.to_string()
        } else {
            return Err(sql_err(
                what,
                format!(
                    "column `{}` is not text, a number or a boolean: cast it in the query",
                    col.name()
                ),
            ));
        };
        out.push((col.name().to_owned(), text));
    }
    Ok(out)
}

/// The customer directory from `source`.
///
/// # Errors
/// [`Error::KnowledgeLoad`] naming `[tools.knowledge.customers_sql]` when the database cannot
/// be reached or queried, or the rows have neither a phone nor an account column.
pub fn load_customers(source: &SqlSourceConfig) -> Result<Vec<Customer>> {
    let customers: Vec<Customer> = fetch("customers_sql", source)?
        .into_iter()
        .map(Customer::new)
        .collect();
    if !customers.is_empty()
        && customers
            .iter()
            .all(|c| c.phone().is_none() && c.account_number().is_none())
    {
        return Err(sql_err(
            "customers_sql",
            "no phone or account_number column: nothing to search by",
        ));
    }
    Ok(customers)
}

/// The FAQ from `source`.
///
/// # Errors
/// [`Error::KnowledgeLoad`] naming `[tools.knowledge.faq_sql]` when the database cannot be
/// reached or queried, or a row lacks `question` or `answer`.
pub fn load_faq(source: &SqlSourceConfig) -> Result<Vec<FaqEntry>> {
    fetch("faq_sql", source)?
        .into_iter()
        .enumerate()
        .map(|(i, row)| {
            let get = |name: &str| {
                row.iter()
                    .find(|(k, _)| k.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.clone())
            };
            let (Some(question), Some(answer)) = (get("question"), get("answer")) else {
                return Err(sql_err(
                    "faq_sql",
                    format!("row {}: needs `question` and `answer` columns", i + 1),
                ));
            };
            Ok(FaqEntry {
                question,
                answer,
                keywords: get("keywords")
                    .unwrap_or_default()
                    .split(';')
                    .map(str::trim)
                    .filter(|k| !k.is_empty())
                    .map(str::to_owned)
                    .collect(),
            })
        })
        .collect()
}
