//! `[recording.policies.<name>]`: what raw data a profile's calls keep and whether callers are
//! asked first (see `voxgate_agent::dialog::consent`), and [`StoreConsentSink`], which stores
//! every consent answer in the call store, where it is also audited (`consent.recorded`).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use voxgate_agent::dialog::consent::{ConsentEvent, ConsentMethod, ConsentSink, RecordingPolicy};
use voxgate_store::calls::{CallStore, NewCall};

/// `[recording]`: the named recording policies profiles choose from by `recording_policy`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RecordingSection {
    /// Policies by name. `none` (keep nothing raw, ask nothing) exists even when not listed.
    pub policies: BTreeMap<String, RecordingPolicy>,
}

impl Default for RecordingSection {
    fn default() -> Self {
        Self {
            policies: BTreeMap::from([(
                RecordingPolicy::NONE.to_owned(),
                RecordingPolicy::default(),
            )]),
        }
    }
}

impl RecordingSection {
    /// The policy called `name`; `none` falls back to the default policy.
    pub fn policy(&self, name: &str) -> Option<RecordingPolicy> {
        match self.policies.get(name) {
            Some(p) => Some(p.clone()),
            None if name == RecordingPolicy::NONE => Some(RecordingPolicy::default()),
            None => None,
        }
    }

    /// Problems, one line each: invalid policies and profiles naming an unknown one.
    pub fn validate<'a>(
        &self,
        profiles: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Vec<String> {
        let mut problems = Vec::new();
        for (name, p) in &self.policies {
            if let Err(e) = p.validate(name) {
                problems.push(format!("recording.policies.{name}: {e}"));
            }
        }
        for (profile, policy) in profiles {
            if self.policy(policy).is_none() {
                problems.push(format!(
                    "profiles.{profile}.recording_policy = {policy:?} has no [recording.policies.{policy}] section"
                ));
            }
        }
        problems
    }
}

/// Stores consent answers in the call store (which audits each one). The call's row is
/// created on the first answer if the call is not stored yet (the transcript comes at the end).
#[derive(Debug, Clone)]
pub struct StoreConsentSink {
    calls: CallStore,
}

impl StoreConsentSink {
    /// A sink writing to `calls`.
    pub fn new(calls: CallStore) -> Self {
        Self { calls }
    }
}

/// Creates the call's row unless it exists.
///
/// # Errors
/// As [`CallStore::start_call`], unless another writer created the row meanwhile.
pub async fn ensure_call(calls: &CallStore, call: &NewCall<'_>) -> voxgate_store::Result<()> {
    if calls.get_call(call.id).await.is_ok() {
        return Ok(());
    }
    match calls.start_call(call).await {
        Ok(()) => Ok(()),
        // Lost a race with the transcript or another answer: the row is there now.
        Err(e) => match calls.get_call(call.id).await {
            Ok(_) => Ok(()),
            Err(_) => Err(e),
        },
    }
}

async fn store(calls: &CallStore, ev: &ConsentEvent) -> voxgate_store::Result<()> {
    ensure_call(
        calls,
        &NewCall {
            id: &ev.call_id,
            transport: if ev.transport.is_empty() {
                "unknown"
            } else {
                &ev.transport
            },
            profile: Some(&ev.profile),
            caller: ev.caller.as_deref(),
            started_ms: ev.at_ms,
        },
    )
    .await?;
    let method = match ev.method {
        ConsentMethod::Keypad => voxgate_store::consent::ConsentMethod::Keypad,
        ConsentMethod::Speech => voxgate_store::consent::ConsentMethod::Speech,
        ConsentMethod::NoAnswer => voxgate_store::consent::ConsentMethod::NoAnswer,
    };
    calls
        .record_consent(
            &ev.call_id,
            ev.at_ms,
            method,
            &ev.policy_version,
            ev.granted,
        )
        .await?;
    Ok(())
}

impl ConsentSink for StoreConsentSink {
    fn consent(&self, event: &ConsentEvent) {
        let Ok(runtime) = tokio::runtime::Handle::try_current() else {
            tracing::error!(call_id = %event.call_id, "no runtime to store the consent answer on");
            return;
        };
        let calls = self.calls.clone();
        let ev = event.clone();
        runtime.spawn(async move {
            if let Err(e) = store(&calls, &ev).await {
                tracing::error!(call_id = %ev.call_id, error = %e, "storing the consent answer failed");
            }
        });
    }
}

/// Applies the profile's recording policy to its handler.
///
/// # Errors
/// A message when the policy is unknown or invalid, or asks for consent with nowhere to
/// store the answers.
pub fn apply(
    handler: voxgate_agent::AgentHandler,
    settings: &crate::agents::AgentSettings<'_>,
) -> Result<voxgate_agent::AgentHandler, String> {
    let name = handler.profile().recording_policy.clone();
    let policy = settings.recording.policy(&name).ok_or_else(|| {
        format!("no [recording.policies.{name}] section for its recording_policy")
    })?;
    let sink: std::sync::Arc<dyn ConsentSink> = match &settings.consent {
        Some(s) => std::sync::Arc::clone(s),
        None if policy.consent == voxgate_agent::dialog::consent::ConsentRule::Required => {
            return Err(format!(
                "recording policy `{name}` asks for consent but answers cannot be stored"
            ))
        }
        None => std::sync::Arc::new(voxgate_agent::dialog::consent::MemoryConsentSink::new()),
    };
    handler
        .with_recording(voxgate_agent::dialog::consent::Recording { name, policy, sink })
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use voxgate_agent::dialog::consent::ConsentRule;

    #[test]
    fn none_always_exists_and_unknown_names_are_reported() {
        let s: RecordingSection = toml::from_str(
            "[policies.ask]\nconsent = \"required\"\nrecord_audio = true\npolicy_version = \"3\"\n",
        )
        .unwrap();
        assert!(s.policy("none").is_some());
        assert_eq!(s.policy("ask").unwrap().consent, ConsentRule::Required);
        assert!(s.validate([("default", "none"), ("b", "ask")]).is_empty());
        let p = s.validate([("billing", "asq")]);
        assert_eq!(p.len(), 1);
        assert!(p[0].contains("profiles.billing.recording_policy"), "{p:?}");
        let bad: RecordingSection =
            toml::from_str("[policies.x]\nconsent = \"required\"\n").unwrap();
        assert!(bad.validate([])[0].contains("recording.policies.x"));
    }
}
