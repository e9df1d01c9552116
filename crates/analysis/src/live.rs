//! Real-time analysis of a live call: after each finalized caller turn, the case
//! classification, its priority and the personal data seen so far are recomputed over the
//! caller's words, for supervisors watching the call.
//!
//! Cheap by design (rules and the pattern redactor, no model): a turn costs well under a
//! millisecond of CPU, so it runs on the call's own task. Only redacted text is kept: the
//! entity counts come from the raw text when the agent kept it (it is dropped right after),
//! otherwise from the placeholders (`[PHONE_NUMBER_1]`) in the redacted turn.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use voxgate_privacy::{Policy, Redactor};

use crate::taxonomy::{Classifier, Priority};

/// The state of one live call.
#[derive(Debug, Clone, Default)]
pub struct LiveCall {
    caller_text: String,
    caller_turns: usize,
    entities: BTreeMap<String, usize>,
}

/// What supervisors see after a caller turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LiveUpdate {
    /// The call.
    pub call_id: String,
    /// Caller turns analysed so far.
    pub caller_turns: usize,
    /// Category id (`self_harm`).
    pub category: String,
    /// Its label.
    pub label: String,
    /// Case priority.
    pub priority: Priority,
    /// Confidence in `0..=1`.
    pub confidence: f32,
    /// Urgency cues heard.
    pub urgency_cues: Vec<String>,
    /// Personal data mentioned by the caller so far, count per entity type.
    pub entities: BTreeMap<String, usize>,
    /// The latest caller turn, redacted.
    pub last_turn: String,
    /// When computed, Unix ms.
    pub at_ms: i64,
}

/// The engines of live analysis, shared by every call.
#[derive(Debug)]
pub struct LiveAnalyzer {
    classifier: Classifier,
    redactor: Redactor,
    policy: Policy,
}

impl LiveAnalyzer {
    /// Live analysis with this taxonomy and redaction.
    pub fn new(classifier: Classifier, redactor: Redactor, policy: Policy) -> Self {
        Self {
            classifier,
            redactor,
            policy,
        }
    }

    /// Live analysis with the configuration's taxonomy and operator.
    ///
    /// # Errors
    /// [`crate::Error::Config`] / [`crate::Error::Privacy`] for an invalid taxonomy or operator.
    pub fn from_config(config: &crate::AnalysisConfig) -> crate::Result<Self> {
        let redactor = voxgate_privacy::RedactorBuilder::new().build()?;
        let op: voxgate_privacy::Operator = config.redaction_operator.parse()?;
        let policy = Policy::with_default(op);
        policy.validate()?;
        Ok(Self::new(
            Classifier::new(config.taxonomy()?)?,
            redactor,
            policy,
        ))
    }

    /// Takes one finalized caller turn (`redacted` as stored; `raw` if the agent kept it)
    /// and returns the new picture of the call.
    pub fn caller_turn(
        &self,
        call_id: &str,
        state: &mut LiveCall,
        redacted: &str,
        raw: Option<&str>,
        now_ms: i64,
    ) -> LiveUpdate {
        let text = match raw {
            Some(raw) => {
                let (clean, findings) = self.redactor.redact(raw, &self.policy);
                for f in findings {
                    *state
                        .entities
                        .entry(f.entity_type.as_str().to_owned())
                        .or_default() += 1;
                }
                clean
            }
            None => {
                for t in placeholder_types(redacted) {
                    *state.entities.entry(t).or_default() += 1;
                }
                redacted.to_owned()
            }
        };
        if !state.caller_text.is_empty() {
            state.caller_text.push('\n');
        }
        state.caller_text.push_str(&text);
        state.caller_turns += 1;
        let c = self.classifier.classify(&state.caller_text);
        LiveUpdate {
            call_id: call_id.to_owned(),
            caller_turns: state.caller_turns,
            category: c.category,
            label: c.label,
            priority: c.priority,
            confidence: c.confidence,
            urgency_cues: c.urgency_cues,
            entities: state.entities.clone(),
            last_turn: text,
            at_ms: now_ms,
        }
    }
}

/// Entity types of the placeholders in a redacted text: `[PHONE_NUMBER_2]` and
/// `<PHONE_NUMBER>` give `PHONE_NUMBER`.
pub fn placeholder_types(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (open, close) in [('[', ']'), ('<', '>')] {
        let mut rest = text;
        while let Some(i) = rest.find(open) {
            rest = &rest[i + 1..];
            let Some(j) = rest.find(close) else { break };
            let inner = &rest[..j];
            let ok = inner.len() >= 2
                && inner.starts_with(|c: char| c.is_ascii_uppercase())
                && inner
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
            if ok {
                let name = match inner.rsplit_once('_') {
                    Some((head, n)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => {
                        head
                    }
                    _ => inner,
                };
                out.push(name.to_owned());
            }
            rest = &rest[j + 1..];
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn priority_rises_turn_by_turn_and_entities_accumulate() {
        let live = LiveAnalyzer::from_config(&crate::AnalysisConfig::default()).unwrap();
        let mut call = LiveCall::default();
        let u = live.caller_turn(
            "c1",
            &mut call,
            "Hello, I have a question about your opening hours.",
            None,
            1,
        );
        assert_eq!(u.caller_turns, 1);
        assert_ne!(u.priority, Priority::Critical);
        let u = live.caller_turn(
            "c1",
            &mut call,
            "My number is [PHONE_NUMBER_1].",
            Some("My number is (617) 492-3801."),
            2,
        );
        assert_eq!(u.entities.get("PHONE_NUMBER"), Some(&1), "{u:?}");
        assert!(!u.last_turn.contains("492"), "{}", u.last_turn);
        let u = live.caller_turn(
            "c1",
            &mut call,
            "I want to end my life, I have pills here right now. Call [PERSON_1].",
            None,
            3,
        );
        assert_eq!(u.category, "self_harm");
        assert_eq!(u.priority, Priority::Critical);
        assert_eq!(u.entities.get("PERSON"), Some(&1));
        assert_eq!(u.caller_turns, 3);
    }

    #[test]
    fn placeholders_are_parsed_strictly() {
        assert_eq!(
            placeholder_types("a [PERSON_12] b <EMAIL_ADDRESS> [not this] [A] [X1_]"),
            vec!["PERSON", "X1_", "EMAIL_ADDRESS"]
        );
    }
}
