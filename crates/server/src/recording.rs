//! `[recording.policies.<name>]`: what raw data a profile's calls keep and whether callers are
//! asked first (see `voxgate_agent::dialog::consent`), and [`StoreConsentSink`], which stores
//! every consent answer in the call store, where it is also audited (`consent.recorded`).
//!
//! [`StoreRecorder`] stores the call audio of `record_audio` policies (see
//! `voxgate_agent::dialog::recorder`): each call's blocks go through a small bounded channel to
//! a task of its own that seals and appends them to the call's encrypted recording file on a
//! blocking thread (`voxgate_store::recording`), so the call loop never waits on disk. When
//! the disk falls behind by more than [`RECORDING_QUEUE_BLOCKS`] blocks, a block is dropped and
//! replaced by silence of the same length, keeping both channels in time.

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
    let records_audio = policy.record_audio;
    let handler = handler
        .with_recording(voxgate_agent::dialog::consent::Recording { name, policy, sink })
        .map_err(|e| e.to_string())?;
    match (&settings.recorder, records_audio) {
        (Some(r), true) => Ok(handler.with_audio_recorder(std::sync::Arc::clone(r))),
        (None, true) => Err(format!(
            "recording policy `{}` records audio but recordings cannot be stored",
            handler.profile().recording_policy
        )),
        _ => Ok(handler),
    }
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

/// Blocks (one second each) a call's recording may have in flight to its writer.
pub const RECORDING_QUEUE_BLOCKS: usize = 8;

enum RecMsg {
    /// Frames of silence for blocks lost on the way, then a block.
    Block {
        gap_frames: u64,
        block: Vec<i16>,
    },
    Finish(voxgate_agent::dialog::recorder::RecordingEnd),
}

/// Writes recordings into the call store, sealed with each call's data key.
#[derive(Debug, Clone)]
pub struct StoreRecorder {
    calls: CallStore,
}

impl StoreRecorder {
    /// A recorder writing to `calls`.
    pub fn new(calls: CallStore) -> Self {
        Self { calls }
    }
}

struct ChannelWriter {
    tx: tokio::sync::mpsc::Sender<RecMsg>,
    channels: u64,
    /// Frames lost to a full queue since the last block that got through.
    gap_frames: u64,
    call_id: String,
}

impl voxgate_agent::dialog::recorder::RecordingWriter for ChannelWriter {
    fn write(&mut self, block: Vec<i16>) {
        let frames = block.len() as u64 / self.channels.max(1);
        let msg = RecMsg::Block {
            gap_frames: self.gap_frames,
            block,
        };
        match self.tx.try_send(msg) {
            Ok(()) => self.gap_frames = 0,
            Err(tokio::sync::mpsc::error::TrySendError::Full(_)) => {
                metrics::counter!("voxgate_recording_blocks_dropped_total").increment(1);
                tracing::warn!(call_id = %self.call_id, "recording writer behind: a second of audio replaced by silence");
                self.gap_frames += frames;
            }
            // The writer gave up (logged there).
            Err(tokio::sync::mpsc::error::TrySendError::Closed(_)) => {}
        }
    }

    fn finish(self: Box<Self>, end: voxgate_agent::dialog::recorder::RecordingEnd) {
        let tx = self.tx.clone();
        let call_id = self.call_id.clone();
        // The queue may be full: wait for room on the runtime rather than in the call loop.
        match tokio::runtime::Handle::try_current() {
            Ok(rt) => {
                rt.spawn(async move {
                    if tx.send(RecMsg::Finish(end)).await.is_err() {
                        tracing::debug!(call_id = %call_id, "recording writer already gone");
                    }
                });
            }
            Err(_) => tracing::error!(call_id = %call_id, "no runtime to finish the recording on"),
        }
    }
}

impl voxgate_agent::dialog::recorder::AudioRecorder for StoreRecorder {
    fn start(
        &self,
        start: &voxgate_agent::dialog::recorder::RecordingStart,
    ) -> Box<dyn voxgate_agent::dialog::recorder::RecordingWriter> {
        let (tx, rx) = tokio::sync::mpsc::channel(RECORDING_QUEUE_BLOCKS);
        match tokio::runtime::Handle::try_current() {
            Ok(rt) => {
                rt.spawn(write_recording(self.calls.clone(), start.clone(), rx));
            }
            Err(_) => {
                tracing::error!(call_id = %start.call_id, "no runtime to record the call on");
            }
        }
        Box::new(ChannelWriter {
            tx,
            channels: u64::from(start.channels),
            gap_frames: 0,
            call_id: start.call_id.clone(),
        })
    }
}

/// One call's recording writer: creates the call row if needed, opens the sealed file, appends
/// blocks on a blocking thread, and lists the recording when the call ends.
async fn write_recording(
    calls: CallStore,
    start: voxgate_agent::dialog::recorder::RecordingStart,
    mut rx: tokio::sync::mpsc::Receiver<RecMsg>,
) {
    let call_id = start.call_id.clone();
    let opened = async {
        ensure_call(
            &calls,
            &NewCall {
                id: &start.call_id,
                transport: if start.transport.is_empty() {
                    "unknown"
                } else {
                    &start.transport
                },
                profile: Some(&start.profile),
                caller: start.caller.as_deref(),
                started_ms: start.started_at_ms,
            },
        )
        .await?;
        calls
            .begin_recording(
                &start.call_id,
                voxgate_store::recording::RecordingFormat {
                    sample_rate: start.sample_rate,
                    channels: start.channels,
                },
            )
            .await
    }
    .await;
    let mut file = match opened {
        Ok(f) => f,
        Err(e) => {
            tracing::error!(call_id = %call_id, error = %e, "cannot start the call recording");
            return;
        }
    };
    let mut end_ms = None;
    while let Some(msg) = rx.recv().await {
        match msg {
            RecMsg::Block { gap_frames, block } => {
                let res = tokio::task::spawn_blocking(move || {
                    let r = file
                        .append_silence(gap_frames)
                        .and_then(|()| file.append(&block));
                    (file, r)
                })
                .await;
                match res {
                    Ok((f, Ok(()))) => file = f,
                    Ok((f, Err(e))) => {
                        tracing::error!(call_id = %call_id, error = %e, "writing the call recording failed: recording abandoned");
                        let _ = tokio::task::spawn_blocking(move || f.abort()).await;
                        return;
                    }
                    Err(e) => {
                        tracing::error!(call_id = %call_id, error = %e, "recording task failed");
                        return;
                    }
                }
            }
            RecMsg::Finish(end) => {
                end_ms = Some(end.ended_at_ms);
                break;
            }
        }
    }
    // A writer dropped without finishing (the call task died) still keeps what it recorded.
    let now = end_ms.unwrap_or_else(voxgate_store::audit_log::now_ms);
    match calls.finish_recording(file, now).await {
        Ok(Some(info)) => {
            metrics::counter!("voxgate_recordings_stored_total").increment(1);
            tracing::info!(call_id = %call_id, blob = %info.id, bytes = info.size, "call recording stored");
        }
        Ok(None) => tracing::debug!(call_id = %call_id, "empty call recording discarded"),
        Err(e) => {
            tracing::error!(call_id = %call_id, error = %e, "storing the call recording failed")
        }
    }
}
