//! Serde configuration of the LLM provider.

use serde::{Deserialize, Deserializer};

/// A secret string (API key): never printed by `Debug` or `Display`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }
    /// The secret value, for the one place that must send it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl std::fmt::Display for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("[redacted]")
    }
}

impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret)
    }
}

/// Which provider answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Provider {
    /// SmolLM2-135M-Instruct in-process (offline, the default).
    #[default]
    Embedded,
    /// An OpenAI-compatible `/chat/completions` server (OpenAI, Ollama, vLLM, llama.cpp server).
    OpenaiCompatible,
}

/// Time limits of a remote LLM request, in milliseconds.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LlmTimeouts {
    /// TCP/TLS connection establishment.
    pub connect_ms: u64,
    /// From sending the request to the first token or tool-call fragment (retries included).
    pub first_token_ms: u64,
    /// From sending the request to the end of the stream.
    pub total_ms: u64,
}

impl Default for LlmTimeouts {
    fn default() -> Self {
        Self {
            connect_ms: 2_000,
            first_token_ms: 5_000,
            total_ms: 30_000,
        }
    }
}

/// The `[llm]` configuration.
///
/// ```
/// let cfg: voxgate_agent::llm::LlmConfig = serde_json::from_str(
///     r#"{"provider":"openai_compatible","base_url":"http://127.0.0.1:11434/v1","model":"qwen2.5:3b"}"#,
/// ).unwrap();
/// assert_eq!(cfg.max_tokens, 160);
/// ```
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LlmConfig {
    /// `"embedded"` (default) or `"openai_compatible"`.
    pub provider: Provider,
    /// Base URL of the server, up to and including `/v1` (e.g. `https://api.openai.com/v1`).
    /// Required for `openai_compatible`.
    pub base_url: Option<String>,
    /// Model name sent to the server. Required for `openai_compatible`.
    pub model: Option<String>,
    /// Bearer token; never logged.
    pub api_key: Option<Secret>,
    /// Time limits of remote requests.
    pub timeouts: LlmTimeouts,
    /// Retries on HTTP 429/5xx or connection failure, before the first token only.
    pub max_retries: u32,
    /// Maximum tokens per reply (a spoken turn should be short).
    pub max_tokens: u32,
    /// Sampling temperature (`0` = greedy).
    pub temperature: f32,
    /// Nucleus sampling mass.
    pub top_p: Option<f32>,
    /// Tuning of the embedded model (`[llm.embedded]`).
    pub embedded: super::EmbeddedOptions,
}

impl Default for LlmConfig {
    fn default() -> Self {
        Self {
            provider: Provider::Embedded,
            base_url: None,
            model: None,
            api_key: None,
            timeouts: LlmTimeouts::default(),
            max_retries: 2,
            max_tokens: 160,
            temperature: 0.0,
            top_p: None,
            embedded: super::EmbeddedOptions::default(),
        }
    }
}

impl LlmConfig {
    /// Default [`super::GenerateOptions`] for this configuration.
    pub fn generate_options(&self) -> super::GenerateOptions {
        super::GenerateOptions {
            max_tokens: self.max_tokens,
            temperature: self.temperature,
            top_p: self.top_p,
            ..Default::default()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_rejects_unknown_fields_and_hides_key() {
        let err = serde_json::from_str::<LlmConfig>(r#"{"provider":"embedded","modle":"x"}"#);
        assert!(err.is_err());
        let cfg: LlmConfig = serde_json::from_str(
            r#"{"provider":"openai_compatible","api_key":"sk-live-123","timeouts":{"connect_ms":5}}"#,
        )
        .unwrap();
        assert_eq!(cfg.provider, Provider::OpenaiCompatible);
        assert_eq!(cfg.timeouts.connect_ms, 5);
        assert_eq!(cfg.timeouts.total_ms, 30_000);
        let dbg = format!("{cfg:?}");
        assert!(!dbg.contains("sk-live-123"), "{dbg}");
        assert!(serde_json::from_str::<LlmConfig>(r#"{"provider":"gpt"}"#).is_err());
    }
}
