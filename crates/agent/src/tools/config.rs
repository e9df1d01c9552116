//! Serde configuration of the tools (`[tools]`).

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Deserializer};

use crate::llm::Secret;

/// The `[tools]` section: transfer destinations, webhook tools, operator data, SSRF allowlist.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ToolsConfig {
    /// Named transfer destinations the `transfer` tool may use (`[tools.transfer_targets.billing]`).
    /// The model only ever sees the names; unknown names are refused.
    pub transfer_targets: BTreeMap<String, TransferTargetConfig>,
    /// HTTP webhook tools (`[[tools.webhooks]]`).
    pub webhooks: Vec<WebhookToolConfig>,
    /// Operator data for `lookup_customer`, `search_faq` and per-turn facts.
    pub knowledge: KnowledgeConfig,
    /// Networks (`10.1.0.0/16`, `192.0.2.7`) and host names (`crm.internal`, `*.corp.example`)
    /// webhooks may reach although they are private, loopback or link-local. Empty: only public
    /// addresses.
    pub ssrf_allowlist: Vec<String>,
}

/// One transfer destination.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferTargetConfig {
    /// The transport-level target: a dialplan target (`context,extension,priority` or
    /// `PJSIP/2001`) for Asterisk, or a phone number / SIP URI for Twilio `<Dial>`.
    pub target: String,
    /// What the destination is for, shown to the model (e.g. "billing questions").
    #[serde(default)]
    pub description: Option<String>,
    /// What the agent says before transferring (e.g. "Connecting you to billing.").
    #[serde(default)]
    pub announcement: Option<String>,
}

/// Operator data files.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct KnowledgeConfig {
    /// Customer directory, `.csv` (header row) or `.json` (array of objects). Columns `phone`
    /// (or `phone_number`) and `account_number` (or `account`) are the search keys; every
    /// column is part of the record.
    pub customers: Option<PathBuf>,
    /// FAQ, `.json` (array of `{question, answer, keywords}`) or `.csv` (`question,answer,keywords`
    /// with keywords separated by `;`).
    pub faq: Option<PathBuf>,
    /// Customer directory from a SQL query (`url`, `query`), added to `customers`' records.
    pub customers_sql: Option<super::sql::SqlSourceConfig>,
    /// FAQ from a SQL query with `question`, `answer` (and `keywords`) columns, added to `faq`.
    pub faq_sql: Option<super::sql::SqlSourceConfig>,
    /// Minimum BM25 score for an FAQ answer to be offered (higher: fewer, surer answers).
    pub faq_min_score: f32,
}

impl Default for KnowledgeConfig {
    fn default() -> Self {
        Self {
            customers: None,
            faq: None,
            customers_sql: None,
            faq_sql: None,
            faq_min_score: DEFAULT_FAQ_MIN_SCORE,
        }
    }
}

/// Default [`KnowledgeConfig::faq_min_score`].
pub const DEFAULT_FAQ_MIN_SCORE: f32 = 2.5;

/// HTTP method of a webhook tool.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum WebhookMethod {
    /// JSON body `{tool, call_id, profile, arguments}` (the default).
    #[default]
    Post,
    /// Same body as POST.
    Put,
    /// Arguments as query parameters; the signature then covers the empty body only.
    Get,
}

/// An HTTP tool the model can call.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebhookToolConfig {
    /// Tool name for the model (`[A-Za-z0-9_-]{1,64}`, distinct from the built-in tools).
    pub name: String,
    /// What the tool does and when to use it, for the model.
    pub description: String,
    /// JSON Schema of the arguments object, as a table or as a JSON string.
    #[serde(default = "empty_object_schema", deserialize_with = "schema_value")]
    pub parameters: serde_json::Value,
    /// `http://` or `https://` URL.
    pub url: String,
    /// HTTP method.
    #[serde(default)]
    pub method: WebhookMethod,
    /// Time limit for the whole request, response body included.
    #[serde(default = "default_timeout_ms")]
    pub timeout_ms: u64,
    /// Responses larger than this are refused.
    #[serde(default = "default_max_response_bytes")]
    pub max_response_bytes: usize,
    /// HMAC key (at least 16 bytes) for the `Voxgate-Signature` header, inline or
    /// `{ file = "/run/secrets/hook" }`; unsigned when absent.
    #[serde(default)]
    pub signing_key: Option<KeySource>,
    /// Send the caller's number as `caller_id` in the body (off: it is personal data).
    #[serde(default)]
    pub send_caller_id: bool,
}

/// A secret written inline or read from a file (trailing newlines dropped) when tools are built.
#[derive(Debug, Clone)]
pub enum KeySource {
    /// The value itself.
    Inline(Secret),
    /// A file holding the value (Docker/Kubernetes secrets).
    File(PathBuf),
}

impl KeySource {
    /// The secret's value, reading the file if needed.
    ///
    /// # Errors
    /// The file's I/O error.
    pub fn load(&self) -> std::io::Result<Secret> {
        match self {
            Self::Inline(s) => Ok(s.clone()),
            Self::File(p) => Ok(Secret::new(
                std::fs::read_to_string(p)?.trim_end_matches(['\n', '\r']),
            )),
        }
    }
}

impl<'de> Deserialize<'de> for KeySource {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Repr {
            Inline(String),
            File { file: PathBuf },
        }
        match Repr::deserialize(d).map_err(|_| {
            serde::de::Error::custom("expected a string or a table { file = \"/path/to/secret\" }")
        })? {
            Repr::Inline(s) => Ok(Self::Inline(Secret::new(s))),
            Repr::File { file } => Ok(Self::File(file)),
        }
    }
}

/// Default [`WebhookToolConfig::timeout_ms`].
pub const DEFAULT_WEBHOOK_TIMEOUT_MS: u64 = 5_000;
/// Default [`WebhookToolConfig::max_response_bytes`].
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 64 * 1024;

fn default_timeout_ms() -> u64 {
    DEFAULT_WEBHOOK_TIMEOUT_MS
}

fn default_max_response_bytes() -> usize {
    DEFAULT_MAX_RESPONSE_BYTES
}

fn empty_object_schema() -> serde_json::Value {
    serde_json::json!({"type": "object", "properties": {}})
}

fn schema_value<'de, D: Deserializer<'de>>(d: D) -> Result<serde_json::Value, D::Error> {
    let v = serde_json::Value::deserialize(d)?;
    match v {
        serde_json::Value::String(s) => serde_json::from_str(&s).map_err(serde::de::Error::custom),
        other => Ok(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_unknown_fields() {
        let c: ToolsConfig = serde_json::from_value(serde_json::json!({})).unwrap();
        assert!(c.webhooks.is_empty());
        assert_eq!(c.knowledge.faq_min_score, DEFAULT_FAQ_MIN_SCORE);
        let bad = serde_json::from_value::<ToolsConfig>(serde_json::json!({"webhook": []}));
        assert!(bad.is_err());
        let w: WebhookToolConfig = serde_json::from_value(serde_json::json!({
            "name": "order_status", "description": "d", "url": "https://x.example/",
            "parameters": "{\"type\":\"object\",\"required\":[\"id\"]}",
        }))
        .unwrap();
        assert_eq!(w.parameters["required"][0], "id");
        assert_eq!(w.method, WebhookMethod::Post);
        assert_eq!(w.timeout_ms, DEFAULT_WEBHOOK_TIMEOUT_MS);
        assert!(
            serde_json::from_value::<WebhookToolConfig>(serde_json::json!({
                "name": "x", "description": "d", "url": "u", "method": "TRACE"
            }))
            .is_err()
        );
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("key");
        std::fs::write(&f, "0123456789abcdef-file\n").unwrap();
        let w: WebhookToolConfig = serde_json::from_value(serde_json::json!({
            "name": "x", "description": "d", "url": "u", "signing_key": {"file": f},
        }))
        .unwrap();
        let key = w.signing_key.unwrap().load().unwrap();
        assert_eq!(key.expose(), "0123456789abcdef-file");
        let w: WebhookToolConfig = serde_json::from_value(serde_json::json!({
            "name": "x", "description": "d", "url": "u", "signing_key": "inline-key-0123456789",
        }))
        .unwrap();
        assert_eq!(
            w.signing_key.unwrap().load().unwrap().expose(),
            "inline-key-0123456789"
        );
        assert!(
            serde_json::from_value::<WebhookToolConfig>(serde_json::json!({
                "name": "x", "description": "d", "url": "u", "signing_key": 5,
            }))
            .is_err()
        );
    }
}
