//! Recording consent: one row per answer (call, time, method, policy version, answer), each
//! also audited as `consent.recorded`.

use serde::{Deserialize, Serialize};
use sqlx::Row;
use voxgate_security::audit::{event_types, Classification};

use crate::audit_log::AccessContext;
use crate::calls::{not_found, outcome, CallStore};
use crate::{Error, Result};

/// How the caller answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConsentMethod {
    /// A keypad press (1 = yes).
    Keypad,
    /// A spoken yes or no.
    Speech,
    /// No usable answer after the reprompt (silence, twice unclear): recorded as a refusal.
    NoAnswer,
}

impl ConsentMethod {
    /// Stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Keypad => "keypad",
            Self::Speech => "speech",
            Self::NoAnswer => "no_answer",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        match s {
            "keypad" => Some(Self::Keypad),
            "speech" => Some(Self::Speech),
            "no_answer" => Some(Self::NoAnswer),
            _ => None,
        }
    }
}

/// A stored consent answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConsentRecord {
    /// Row id.
    pub id: i64,
    /// Call.
    pub call_id: String,
    /// When answered (Unix ms).
    pub at_ms: i64,
    /// Keypad or speech.
    pub method: ConsentMethod,
    /// Version of the recording policy the caller was read.
    pub policy_version: String,
    /// Whether the caller agreed.
    pub granted: bool,
}

impl CallStore {
    /// Records a consent answer and audits it; returns the row id.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown call, [`Error::InvalidInput`] for an empty policy
    /// version, [`Error::Database`].
    pub async fn record_consent(
        &self,
        call_id: &str,
        at_ms: i64,
        method: ConsentMethod,
        policy_version: &str,
        granted: bool,
    ) -> Result<i64> {
        let result = async {
            if policy_version.trim().is_empty() || policy_version.len() > 64 {
                return Err(Error::InvalidInput(
                    "policy version must be 1-64 characters".into(),
                ));
            }
            if granted && method == ConsentMethod::NoAnswer {
                return Err(Error::InvalidInput(
                    "no answer cannot grant consent".into(),
                ));
            }
            let exists: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM calls WHERE id = ?")
                .bind(call_id)
                .fetch_optional(self.pool())
                .await?;
            if exists.is_none() {
                return Err(not_found(call_id));
            }
            let r = sqlx::query(
                "INSERT INTO consents (call_id, at_ms, method, policy_version, granted) VALUES (?, ?, ?, ?, ?)",
            )
            .bind(call_id)
            .bind(at_ms)
            .bind(method.as_str())
            .bind(policy_version)
            .bind(granted)
            .execute(self.pool())
            .await?;
            Ok(r.last_insert_rowid())
        }
        .await;
        let mut e = AccessContext::system().event(
            at_ms,
            event_types::CONSENT_RECORDED,
            &format!("call:{call_id}/consent"),
            if granted { "granted" } else { "refused" },
            outcome(&result),
        );
        e.call_id = Some(call_id.to_owned());
        e.pii_involved = true;
        e.data_classification = Classification::Confidential;
        e.action_taken = Some(format!(
            "method={} policy={}",
            method.as_str(),
            policy_version.chars().take(64).collect::<String>()
        ));
        self.audit().append(e.finish()).await?;
        result
    }

    /// Consent answers of a call, oldest first.
    ///
    /// # Errors
    /// [`Error::Database`].
    pub async fn consents(&self, call_id: &str) -> Result<Vec<ConsentRecord>> {
        let rows = sqlx::query(
            "SELECT id, call_id, at_ms, method, policy_version, granted FROM consents WHERE call_id = ? ORDER BY at_ms, id",
        )
        .bind(call_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let method: String = r.try_get(3)?;
                Ok(ConsentRecord {
                    id: r.try_get(0)?,
                    call_id: r.try_get(1)?,
                    at_ms: r.try_get(2)?,
                    method: ConsentMethod::parse(&method)
                        .ok_or_else(|| Error::InvalidInput(format!("stored method {method}")))?,
                    policy_version: r.try_get(4)?,
                    granted: r.try_get(5)?,
                })
            })
            .collect()
    }
}
