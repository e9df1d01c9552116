//! The OpenAI-compatible provider: `POST {base_url}/chat/completions` with `stream: true`.
//!
//! The reply arrives as server-sent events, one `chat.completion.chunk` JSON per `data:` line and
//! `data: [DONE]` at the end. Tool calls arrive in fragments (`delta.tool_calls[i]` with the id and
//! name first, then pieces of `function.arguments`) and are emitted as complete
//! [`ToolCall`]s when the choice finishes. Requests that fail with HTTP 429/5xx or cannot connect
//! are retried with exponential backoff (honouring `Retry-After` in seconds) while the first-token
//! deadline allows; once tokens flow, a failure is final because the caller has already heard them.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use serde_json::{json, Value};
use tokio::time::Instant;

use super::sse::SseParser;
use super::{
    ChannelStream, ChatMessage, FinishReason, GenerateOptions, LanguageModel, LlmConfig, LlmEvent,
    LlmStream, LlmTimeouts, Role, Secret, StopMatcher, ToolCall, Usage,
};
use crate::{Error, Result, TimeoutKind};

/// Settings of an [`OpenAiCompatible`] provider.
#[derive(Debug, Clone)]
pub struct OpenAiConfig {
    /// Base URL up to and including `/v1`.
    pub base_url: String,
    /// Model name.
    pub model: String,
    /// Bearer token, if the server needs one.
    pub api_key: Option<Secret>,
    /// Time limits.
    pub timeouts: LlmTimeouts,
    /// Retries before the first token.
    pub max_retries: u32,
    /// First backoff delay; doubled on each retry.
    pub backoff: Duration,
}

impl OpenAiConfig {
    /// Takes the remote settings from an [`LlmConfig`].
    ///
    /// # Errors
    /// [`Error::Config`] when `base_url` or `model` is missing or the URL is not http(s).
    pub fn from_llm_config(config: &LlmConfig) -> Result<Self> {
        let base_url = config
            .base_url
            .clone()
            .ok_or_else(|| Error::Config("openai_compatible needs `base_url`".into()))?;
        let model = config
            .model
            .clone()
            .ok_or_else(|| Error::Config("openai_compatible needs `model`".into()))?;
        Ok(Self {
            base_url,
            model,
            api_key: config.api_key.clone(),
            timeouts: config.timeouts.clone(),
            max_retries: config.max_retries,
            backoff: Duration::from_millis(200),
        })
    }
}

/// A chat-completions client streaming replies and tool calls.
#[derive(Debug, Clone)]
pub struct OpenAiCompatible {
    client: reqwest::Client,
    config: Arc<OpenAiConfig>,
    url: String,
}

impl OpenAiCompatible {
    /// Creates the client (no request is made yet).
    ///
    /// # Errors
    /// [`Error::Config`] for a URL that is not http(s) or an API key that is not a valid header.
    pub fn new(config: OpenAiConfig) -> Result<Self> {
        let base = config.base_url.trim_end_matches('/');
        if !(base.starts_with("http://") || base.starts_with("https://")) {
            return Err(Error::Config(
                "`base_url` must start with http:// or https://".into(),
            ));
        }
        if let Some(key) = &config.api_key {
            if reqwest::header::HeaderValue::from_str(&format!("Bearer {}", key.expose())).is_err()
            {
                return Err(Error::Config(
                    "`api_key` contains invalid characters".into(),
                ));
            }
        }
        let client = reqwest::Client::builder()
            .connect_timeout(Duration::from_millis(config.timeouts.connect_ms))
            .build()
            .map_err(|e| Error::Config(format!("HTTP client: {e}")))?;
        Ok(Self {
            client,
            url: format!("{base}/chat/completions"),
            config: Arc::new(config),
        })
    }
}

fn message_json(m: &ChatMessage) -> Value {
    let mut v = json!({ "role": m.role.as_str(), "content": m.content });
    if m.role == Role::Assistant && !m.tool_calls.is_empty() {
        if m.content.is_empty() {
            v["content"] = Value::Null;
        }
        v["tool_calls"] = m
            .tool_calls
            .iter()
            .map(|c| {
                json!({"id": c.id, "type": "function",
                       "function": {"name": c.name, "arguments": c.arguments}})
            })
            .collect();
    }
    if let Some(id) = &m.tool_call_id {
        v["tool_call_id"] = json!(id);
    }
    v
}

/// The JSON body of a streaming chat-completions request.
pub(crate) fn request_body(model: &str, messages: &[ChatMessage], o: &GenerateOptions) -> Value {
    let mut body = json!({
        "model": model,
        "messages": messages.iter().map(message_json).collect::<Vec<_>>(),
        "stream": true,
        "stream_options": {"include_usage": true},
        "max_tokens": o.max_tokens,
        "temperature": o.temperature,
    });
    if let Some(p) = o.top_p {
        body["top_p"] = json!(p);
    }
    if !o.stop.is_empty() {
        body["stop"] = json!(o.stop);
    }
    if !o.tools.is_empty() {
        body["tools"] = o
            .tools
            .iter()
            .map(|t| {
                json!({"type": "function", "function": {
                    "name": t.name, "description": t.description, "parameters": t.parameters}})
            })
            .collect();
    }
    body
}

#[derive(Default)]
struct PartialCall {
    id: String,
    name: String,
    arguments: String,
}

/// Turns chunk JSONs into events, assembling tool-call fragments.
#[derive(Default)]
pub(crate) struct ChunkAssembler {
    calls: BTreeMap<u64, PartialCall>,
    pub(crate) finish: Option<FinishReason>,
    pub(crate) usage: Usage,
    /// Whether any content or tool-call fragment has arrived.
    pub(crate) started: bool,
}

impl ChunkAssembler {
    fn flush_calls(&mut self, out: &mut Vec<LlmEvent>) {
        for (_, c) in std::mem::take(&mut self.calls) {
            out.push(LlmEvent::ToolCall(ToolCall {
                id: c.id,
                name: c.name,
                arguments: c.arguments,
            }));
        }
    }

    /// Handles one `data:` payload (not `[DONE]`).
    pub(crate) fn handle(&mut self, data: &str) -> Result<Vec<LlmEvent>> {
        let v: Value = serde_json::from_str(data)
            .map_err(|e| Error::Protocol(format!("chunk is not JSON: {e}")))?;
        if let Some(err) = v.get("error") {
            let msg = err
                .get("message")
                .and_then(Value::as_str)
                .map_or_else(|| err.to_string(), str::to_string);
            return Err(Error::Api(msg.chars().take(300).collect()));
        }
        let mut out = Vec::new();
        if let Some(u) = v.get("usage").filter(|u| !u.is_null()) {
            let n = |k: &str| u.get(k).and_then(Value::as_u64).unwrap_or(0) as u32;
            self.usage.prompt_tokens = n("prompt_tokens");
            self.usage.completion_tokens = n("completion_tokens");
        }
        let choice = v
            .get("choices")
            .and_then(Value::as_array)
            .and_then(|c| c.first());
        let Some(choice) = choice else {
            return Ok(out);
        };
        if let Some(delta) = choice.get("delta") {
            if let Some(text) = delta.get("content").and_then(Value::as_str) {
                if !text.is_empty() {
                    self.started = true;
                    out.push(LlmEvent::TextDelta(text.to_string()));
                }
            }
            if let Some(calls) = delta.get("tool_calls").and_then(Value::as_array) {
                for (pos, c) in calls.iter().enumerate() {
                    self.started = true;
                    let index = c.get("index").and_then(Value::as_u64).unwrap_or(pos as u64);
                    let entry = self.calls.entry(index).or_default();
                    if let Some(id) = c.get("id").and_then(Value::as_str) {
                        entry.id.push_str(id);
                    }
                    if let Some(f) = c.get("function") {
                        if let Some(name) = f.get("name").and_then(Value::as_str) {
                            entry.name.push_str(name);
                        }
                        if let Some(args) = f.get("arguments").and_then(Value::as_str) {
                            entry.arguments.push_str(args);
                        }
                    }
                }
            }
        }
        if let Some(reason) = choice.get("finish_reason").and_then(Value::as_str) {
            self.finish = Some(match reason {
                "stop" => FinishReason::Stop,
                "length" => FinishReason::Length,
                "tool_calls" | "function_call" => FinishReason::ToolCalls,
                "content_filter" => FinishReason::ContentFilter,
                other => FinishReason::Other(other.to_string()),
            });
            self.flush_calls(&mut out);
        }
        Ok(out)
    }

    /// Events at the end of the stream: leftover tool calls and the finish.
    pub(crate) fn end(&mut self) -> Vec<LlmEvent> {
        let mut out = Vec::new();
        let had_calls = !self.calls.is_empty();
        self.flush_calls(&mut out);
        let reason = self.finish.take().unwrap_or(if had_calls {
            FinishReason::ToolCalls
        } else {
            FinishReason::Stop
        });
        out.push(LlmEvent::Finish {
            reason,
            usage: self.usage.clone(),
        });
        out
    }
}

fn retry_after(resp: &reqwest::Response) -> Option<Duration> {
    let secs: u64 = resp
        .headers()
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(Duration::from_secs(secs.min(30)))
}

async fn error_message(resp: reqwest::Response) -> String {
    let text = resp.text().await.unwrap_or_default();
    let msg = serde_json::from_str::<Value>(&text)
        .ok()
        .and_then(|v| {
            v.pointer("/error/message")
                .and_then(Value::as_str)
                .map(str::to_string)
        })
        .unwrap_or(text);
    msg.chars().take(300).collect()
}

impl OpenAiCompatible {
    async fn send_with_retries(&self, body: &Value) -> Result<reqwest::Response> {
        let mut attempt = 0u32;
        loop {
            let mut req = self.client.post(&self.url).json(body);
            if let Some(key) = &self.config.api_key {
                if let Ok(mut value) =
                    reqwest::header::HeaderValue::from_str(&format!("Bearer {}", key.expose()))
                {
                    value.set_sensitive(true);
                    req = req.header(reqwest::header::AUTHORIZATION, value);
                }
            }
            let backoff = self.config.backoff * 2u32.saturating_pow(attempt);
            let can_retry = attempt < self.config.max_retries;
            attempt += 1;
            match req.send().await {
                Ok(resp) if resp.status().is_success() => return Ok(resp),
                Ok(resp) => {
                    let status = resp.status();
                    if can_retry && (status.as_u16() == 429 || status.is_server_error()) {
                        let wait = retry_after(&resp).unwrap_or(backoff);
                        tracing::warn!(
                            status = status.as_u16(),
                            attempt,
                            "LLM request failed, retrying"
                        );
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    return Err(Error::Http {
                        status: status.as_u16(),
                        message: error_message(resp).await,
                    });
                }
                Err(e) if e.is_connect() && can_retry => {
                    tracing::warn!(attempt, "cannot connect to LLM server, retrying");
                    tokio::time::sleep(backoff).await;
                }
                Err(e) if e.is_connect() && e.is_timeout() => {
                    return Err(Error::Timeout(TimeoutKind::Connect))
                }
                Err(e) => return Err(Error::Transport(e.without_url().to_string())),
            }
        }
    }

    async fn drive(
        &self,
        body: Value,
        tx: &tokio::sync::mpsc::Sender<Result<LlmEvent>>,
        stop: &[String],
    ) -> Result<()> {
        let first_deadline =
            Instant::now() + Duration::from_millis(self.config.timeouts.first_token_ms);
        let resp = tokio::time::timeout_at(first_deadline, self.send_with_retries(&body))
            .await
            .map_err(|_| Error::Timeout(TimeoutKind::FirstToken))??;
        let mut bytes = resp.bytes_stream();
        let mut parser = SseParser::new();
        let mut chunks = ChunkAssembler::default();
        // Servers that ignore `stop` are still cut at the stop sequence.
        let mut stops = StopMatcher::new(stop);
        let mut done = false;
        while !done {
            let next = if chunks.started {
                bytes.next().await
            } else {
                tokio::time::timeout_at(first_deadline, bytes.next())
                    .await
                    .map_err(|_| Error::Timeout(TimeoutKind::FirstToken))?
            };
            let data = match next {
                None => break,
                Some(Err(e)) => return Err(Error::Transport(e.without_url().to_string())),
                Some(Ok(data)) => data,
            };
            for ev in parser.feed(&data) {
                if ev.data.trim() == "[DONE]" {
                    done = true;
                    break;
                }
                for event in chunks.handle(&ev.data)? {
                    let event = match event {
                        LlmEvent::TextDelta(t) => {
                            let (out, hit) = stops.push(&t);
                            if hit {
                                chunks.finish = Some(FinishReason::Stop);
                                done = true;
                            }
                            if out.is_empty() {
                                continue;
                            }
                            LlmEvent::TextDelta(out)
                        }
                        other => other,
                    };
                    if tx.send(Ok(event)).await.is_err() {
                        return Ok(());
                    }
                }
                if done {
                    break;
                }
            }
        }
        if !done && chunks.finish.is_none() {
            return Err(Error::Protocol("stream ended before [DONE]".into()));
        }
        let rest = stops.finish();
        if !rest.is_empty() {
            let _ = tx.send(Ok(LlmEvent::TextDelta(rest))).await;
        }
        for event in chunks.end() {
            if tx.send(Ok(event)).await.is_err() {
                break;
            }
        }
        Ok(())
    }
}

impl LanguageModel for OpenAiCompatible {
    fn generate(&self, messages: &[ChatMessage], options: &GenerateOptions) -> LlmStream {
        let Ok(handle) = tokio::runtime::Handle::try_current() else {
            return super::error_stream(Error::Config(
                "the OpenAI-compatible provider needs a tokio runtime".into(),
            ));
        };
        let body = request_body(&self.config.model, messages, options);
        let this = self.clone();
        let stop = options.stop.clone();
        let (tx, rx) = tokio::sync::mpsc::channel(32);
        let total = Duration::from_millis(self.config.timeouts.total_ms);
        let task = handle.spawn(async move {
            let result = tokio::time::timeout(total, this.drive(body, &tx, &stop))
                .await
                .unwrap_or(Err(Error::Timeout(TimeoutKind::Total)));
            if let Err(e) = result {
                let _ = tx.send(Err(e)).await;
            }
        });
        Box::pin(ChannelStream::new(rx, Some(task)))
    }

    fn name(&self) -> &str {
        "openai_compatible"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::llm::ToolSpec;

    #[test]
    fn request_body_has_tools_and_tool_messages() {
        let msgs = [
            ChatMessage::user("Transfer me"),
            ChatMessage::assistant_tool_calls(vec![ToolCall {
                id: "call_1".into(),
                name: "transfer".into(),
                arguments: "{\"to\":\"sales\"}".into(),
            }]),
            ChatMessage::tool_result("call_1", "ok"),
        ];
        let opts = GenerateOptions {
            tools: vec![ToolSpec {
                name: "transfer".into(),
                description: "Transfer the call".into(),
                parameters: json!({"type":"object","properties":{"to":{"type":"string"}}}),
            }],
            stop: vec!["\n\n".into()],
            ..Default::default()
        };
        let body = request_body("m", &msgs, &opts);
        assert_eq!(body["stream"], json!(true));
        assert_eq!(body["tools"][0]["function"]["name"], json!("transfer"));
        assert_eq!(body["messages"][1]["content"], Value::Null);
        assert_eq!(body["messages"][1]["tool_calls"][0]["id"], json!("call_1"));
        assert_eq!(body["messages"][2]["tool_call_id"], json!("call_1"));
        assert_eq!(body["stop"], json!(["\n\n"]));
    }

    #[test]
    fn assembler_joins_tool_call_fragments() {
        let mut a = ChunkAssembler::default();
        let chunks = [
            r#"{"choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_9","type":"function","function":{"name":"lookup","arguments":""}}]},"finish_reason":null}]}"#,
            r#"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"acc"}}]},"finish_reason":null}]}"#,
            r#"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ount\":\"42\"}"}}]},"finish_reason":null}]}"#,
        ];
        for c in chunks {
            assert!(a.handle(c).unwrap().is_empty());
        }
        let ev = a
            .handle(r#"{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"#)
            .unwrap();
        assert_eq!(
            ev,
            vec![LlmEvent::ToolCall(ToolCall {
                id: "call_9".into(),
                name: "lookup".into(),
                arguments: "{\"account\":\"42\"}".into()
            })]
        );
        assert!(matches!(
            a.handle(r#"{"error":{"message":"overloaded"}}"#),
            Err(Error::Api(m)) if m == "overloaded"
        ));
        assert!(matches!(a.handle("{nope"), Err(Error::Protocol(_))));
    }
}
