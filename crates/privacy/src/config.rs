//! Serde configuration of the privacy engine (the `[privacy]` table of `voxgate.toml`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::{CustomRecognizerConfig, Redactor, RedactorBuilder};
use crate::error::Result;
use crate::operator::{Operator, Policy};

/// Privacy settings as written in configuration.
///
/// ```toml
/// [privacy]
/// threshold = 0.5
/// context_window_words = 6
/// entities = ["PHONE_NUMBER", "EMAIL_ADDRESS", "PERSON"]   # omit for all
/// default_operator = "replace"
/// operators = { PERSON = "numbered", PHONE_NUMBER = "mask:4" }
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrivacyConfig {
    /// Entity types to detect; every built-in and custom one when absent.
    #[serde(default)]
    pub entities: Option<Vec<String>>,
    /// Minimum score of a finding (0..=1).
    #[serde(default = "default_threshold")]
    pub threshold: f32,
    /// Words before a candidate searched for context.
    #[serde(default = "default_window")]
    pub context_window_words: u8,
    /// Operator for entities without their own rule (`replace`, `mask:4`, `hash`...).
    #[serde(default = "default_operator")]
    pub default_operator: String,
    /// Per-entity operators, entity name to operator spec.
    #[serde(default)]
    pub operators: BTreeMap<String, String>,
    /// Custom recognizers.
    #[serde(default)]
    pub recognizers: Vec<CustomRecognizerConfig>,
}

fn default_threshold() -> f32 {
    0.5
}
fn default_window() -> u8 {
    6
}
fn default_operator() -> String {
    "replace".into()
}

impl Default for PrivacyConfig {
    fn default() -> Self {
        PrivacyConfig {
            entities: None,
            threshold: default_threshold(),
            context_window_words: default_window(),
            default_operator: default_operator(),
            operators: BTreeMap::new(),
            recognizers: Vec::new(),
        }
    }
}

impl PrivacyConfig {
    /// Builds the shared redactor and the policy. `hash_key` and `encryption_key`
    /// (32 bytes) come from the secret store and are only needed when an operator
    /// uses them.
    pub fn build(
        &self,
        hash_key: Option<&[u8]>,
        encryption_key: Option<&[u8]>,
    ) -> Result<(Redactor, Policy)> {
        let mut b = RedactorBuilder::new()
            .threshold(self.threshold)
            .context_window(self.context_window_words);
        for c in &self.recognizers {
            b = b.custom(c.clone());
        }
        let customs: Vec<std::sync::Arc<str>> = self
            .recognizers
            .iter()
            .map(|c| std::sync::Arc::from(c.entity_type.trim().to_ascii_uppercase().as_str()))
            .collect();
        if let Some(list) = &self.entities {
            let parsed = list
                .iter()
                .map(|e| crate::EntityType::parse_with_customs(e, &customs))
                .collect::<Result<Vec<_>>>()?;
            b = b.entities(parsed);
        }
        let redactor = b.build()?;
        let mut policy = Policy::with_default(self.default_operator.parse::<Operator>()?);
        for (e, op) in &self.operators {
            policy = policy.set(
                crate::EntityType::parse_with_customs(e, &customs)?,
                op.parse()?,
            );
        }
        if let Some(k) = hash_key {
            policy = policy.hash_key(k)?;
        }
        if let Some(k) = encryption_key {
            policy = policy.encryption_key(k)?;
        }
        policy.validate()?;
        Ok((redactor, policy))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Error;

    #[test]
    fn builds_from_json_and_reports_bad_specs() {
        let cfg: PrivacyConfig = serde_json::from_str(
            r#"{"entities":["PHONE_NUMBER","PERSON"],"operators":{"PERSON":"numbered","PHONE_NUMBER":"mask:4"}}"#,
        )
        .unwrap();
        let (r, p) = cfg.build(None, None).unwrap();
        let (out, _) = r.redact("this is Maria Lopez at 512-555-0142, maria@example.com", &p);
        assert_eq!(out, "this is [PERSON_1] at ***-***-0142, maria@example.com");
        let bad = PrivacyConfig {
            default_operator: "hash".into(),
            ..PrivacyConfig::default()
        };
        assert!(matches!(bad.build(None, None), Err(Error::Key(_))));
        let bad = PrivacyConfig {
            entities: Some(vec!["NOPE".into()]),
            ..PrivacyConfig::default()
        };
        assert!(matches!(
            bad.build(None, None),
            Err(Error::UnknownEntity(_))
        ));
    }
}
