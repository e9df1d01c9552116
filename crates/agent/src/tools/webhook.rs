//! HTTP webhook tools: schema-checked arguments, signed requests, bounded responses.

use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use futures::StreamExt;
use voxgate_security::signature::{WebhookSigner, HEADER_NAME};

use super::config::{WebhookMethod, WebhookToolConfig};
use super::ssrf::{refusal_in, Refused, SsrfGuard};
use super::{ToolContext, ToolOutcome};
use crate::llm::ToolSpec;
use crate::{Error, Result};

/// At most this many redirects are followed, each vetted like the first request.
const MAX_REDIRECTS: usize = 3;

/// A compiled argument schema.
#[derive(Clone)]
pub(crate) struct ArgSchema {
    schema: serde_json::Value,
    validator: Arc<jsonschema::Validator>,
}

impl std::fmt::Debug for ArgSchema {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ArgSchema")
            .field("schema", &self.schema)
            .finish()
    }
}

impl ArgSchema {
    /// Compiles `schema`, which must describe an object.
    pub(crate) fn new(tool: &str, schema: serde_json::Value) -> Result<Self> {
        if schema.get("type").and_then(|t| t.as_str()) != Some("object") {
            return Err(Error::ToolsConfig(format!(
                "tool {tool:?}: parameters must be a JSON Schema with \"type\": \"object\""
            )));
        }
        let validator = jsonschema::validator_for(&schema).map_err(|e| {
            Error::ToolsConfig(format!("tool {tool:?}: invalid parameters schema: {e}"))
        })?;
        Ok(Self {
            schema,
            validator: Arc::new(validator),
        })
    }

    pub(crate) fn schema(&self) -> &serde_json::Value {
        &self.schema
    }

    /// Parses the model's argument text and validates it. An empty text means `{}`.
    pub(crate) fn parse(&self, tool: &str, arguments: &str) -> Result<serde_json::Value> {
        let text = arguments.trim();
        let value: serde_json::Value = if text.is_empty() {
            serde_json::json!({})
        } else {
            serde_json::from_str(text).map_err(|e| Error::ToolArguments {
                tool: tool.to_owned(),
                reason: format!("not JSON (line {}, column {})", e.line(), e.column()),
            })?
        };
        let problems: Vec<String> = self
            .validator
            .iter_errors(&value)
            .take(4)
            .map(|e| {
                // Values the model (and so the caller) produced stay out of the message.
                let at = e.instance_path().to_string();
                let at = if at.is_empty() { "/".to_owned() } else { at };
                match e.kind() {
                    jsonschema::error::ValidationErrorKind::Required { property } => {
                        format!("missing required property {property}")
                    }
                    kind => format!("{at} fails \"{}\"", kind.keyword()),
                }
            })
            .collect();
        if problems.is_empty() {
            Ok(value)
        } else {
            Err(Error::ToolArguments {
                tool: tool.to_owned(),
                reason: problems.join("; "),
            })
        }
    }
}

/// One configured webhook tool.
#[derive(Clone)]
pub(crate) struct WebhookTool {
    name: String,
    description: String,
    args: ArgSchema,
    url: reqwest::Url,
    method: WebhookMethod,
    timeout: Duration,
    max_response_bytes: usize,
    signer: Option<WebhookSigner>,
    send_caller_id: bool,
}

impl std::fmt::Debug for WebhookTool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebhookTool")
            .field("name", &self.name)
            .field("url", &self.url.as_str())
            .field("method", &self.method)
            .field("timeout", &self.timeout)
            .field("signed", &self.signer.is_some())
            .finish()
    }
}

impl WebhookTool {
    pub(crate) fn new(cfg: &WebhookToolConfig) -> Result<Self> {
        let bad = |why: String| Error::ToolsConfig(format!("webhook {:?}: {why}", cfg.name));
        let url = reqwest::Url::parse(&cfg.url).map_err(|e| bad(format!("bad url: {e}")))?;
        if !matches!(url.scheme(), "http" | "https") {
            return Err(bad("url must be http or https".into()));
        }
        if !url.username().is_empty() || url.password().is_some() {
            return Err(bad(
                "credentials in the url would be logged; use signing_key".into(),
            ));
        }
        if cfg.timeout_ms == 0 {
            return Err(bad("timeout_ms must be above 0".into()));
        }
        let signer = match &cfg.signing_key {
            Some(src) => {
                let key = src
                    .load()
                    .map_err(|e| bad(format!("cannot read signing_key file: {e}")))?;
                Some(
                    WebhookSigner::new(&[key.expose().as_bytes()])
                        .map_err(|e| bad(format!("signing_key: {e}")))?,
                )
            }
            None => None,
        };
        Ok(Self {
            name: cfg.name.clone(),
            description: cfg.description.clone(),
            args: ArgSchema::new(&cfg.name, cfg.parameters.clone())?,
            url,
            method: cfg.method,
            timeout: Duration::from_millis(cfg.timeout_ms),
            max_response_bytes: cfg.max_response_bytes,
            signer,
            send_caller_id: cfg.send_caller_id,
        })
    }

    pub(crate) fn spec(&self) -> ToolSpec {
        ToolSpec {
            name: self.name.clone(),
            description: self.description.clone(),
            parameters: self.args.schema().clone(),
        }
    }

    pub(crate) fn args(&self) -> &ArgSchema {
        &self.args
    }

    fn failed(&self, reason: impl Into<String>) -> Error {
        Error::ToolFailed {
            tool: self.name.clone(),
            reason: reason.into(),
        }
    }

    fn map_reqwest(&self, e: reqwest::Error) -> Error {
        if let Some(r) = refusal_in(&e) {
            return r;
        }
        if e.is_timeout() {
            return Error::ToolTimeout {
                tool: self.name.clone(),
                after: self.timeout,
            };
        }
        // Without the URL: it may carry tokens in its query.
        let e = e.without_url();
        let mut reason = e.to_string();
        let mut cur = std::error::Error::source(&e);
        while let Some(s) = cur {
            reason.push_str(": ");
            reason.push_str(&s.to_string());
            cur = s.source();
        }
        self.failed(reason)
    }

    /// Sends the request and turns the response into a [`ToolOutcome::Reply`].
    pub(crate) async fn call(
        &self,
        http: &WebhookClient,
        ctx: &ToolContext,
        args: serde_json::Value,
    ) -> Result<ToolOutcome> {
        http.guard.check_url(&self.url)?;
        let (url, body) = match self.method {
            WebhookMethod::Get => {
                let mut url = self.url.clone();
                if let Some(obj) = args.as_object() {
                    let mut q = url.query_pairs_mut();
                    for (k, v) in obj {
                        match v {
                            serde_json::Value::String(s) => q.append_pair(k, s),
                            other => q.append_pair(k, &other.to_string()),
                        };
                    }
                }
                (url, Vec::new())
            }
            WebhookMethod::Post | WebhookMethod::Put => {
                let mut body = serde_json::json!({
                    "tool": self.name,
                    "call_id": ctx.call_id,
                    "profile": ctx.profile,
                    "arguments": args,
                });
                if self.send_caller_id {
                    body["caller_id"] = serde_json::json!(ctx.caller_id);
                }
                (
                    self.url.clone(),
                    serde_json::to_vec(&body).unwrap_or_default(),
                )
            }
        };
        let method = match self.method {
            WebhookMethod::Get => reqwest::Method::GET,
            WebhookMethod::Post => reqwest::Method::POST,
            WebhookMethod::Put => reqwest::Method::PUT,
        };
        let mut req = http
            .client
            .request(method, url)
            .header(reqwest::header::ACCEPT, "application/json, text/plain")
            .header("Voxgate-Call-Id", ctx.call_id.as_str());
        if self.method != WebhookMethod::Get {
            req = req.header(reqwest::header::CONTENT_TYPE, "application/json");
        }
        if let Some(signer) = &self.signer {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
            req = req.header(HEADER_NAME, signer.sign(&body, now));
        }
        let req = req.body(body);
        let work = async {
            let resp = req.send().await.map_err(|e| self.map_reqwest(e))?;
            let status = resp.status();
            if !status.is_success() {
                return Err(self.failed(format!("HTTP {}", status.as_u16())));
            }
            if resp
                .content_length()
                .is_some_and(|n| n > self.max_response_bytes as u64)
            {
                return Err(self.failed(format!(
                    "response larger than {} bytes",
                    self.max_response_bytes
                )));
            }
            let mut buf = Vec::new();
            let mut stream = resp.bytes_stream();
            while let Some(chunk) = stream.next().await {
                let chunk = chunk.map_err(|e| self.map_reqwest(e))?;
                if buf.len() + chunk.len() > self.max_response_bytes {
                    return Err(self.failed(format!(
                        "response larger than {} bytes",
                        self.max_response_bytes
                    )));
                }
                buf.extend_from_slice(&chunk);
            }
            Ok(buf)
        };
        let buf = tokio::time::timeout(self.timeout, work)
            .await
            .map_err(|_| Error::ToolTimeout {
                tool: self.name.clone(),
                after: self.timeout,
            })??;
        if buf.iter().all(u8::is_ascii_whitespace) {
            return Ok(ToolOutcome::Reply(r#"{"ok":true}"#.to_owned()));
        }
        if let Ok(v) = serde_json::from_slice::<serde_json::Value>(&buf) {
            return Ok(ToolOutcome::Reply(v.to_string()));
        }
        String::from_utf8(buf)
            .map(|s| ToolOutcome::Reply(s.trim().to_owned()))
            .map_err(|_| self.failed("response is neither JSON nor UTF-8 text"))
    }
}

/// The HTTP client shared by the webhook tools, resolving through the SSRF guard.
#[derive(Clone, Debug)]
pub(crate) struct WebhookClient {
    client: reqwest::Client,
    guard: Arc<SsrfGuard>,
}

impl WebhookClient {
    pub(crate) fn new(guard: SsrfGuard) -> Result<Self> {
        let guard = Arc::new(guard);
        let redirect_guard = Arc::clone(&guard);
        let policy = reqwest::redirect::Policy::custom(move |attempt| {
            if attempt.previous().len() >= MAX_REDIRECTS {
                return attempt.error("too many redirects");
            }
            // Host names are vetted by the resolver at connect time; literals only here.
            match redirect_guard.check_url(attempt.url()) {
                Ok(()) => attempt.follow(),
                Err(e) => attempt.error(Refused(e)),
            }
        });
        let client = reqwest::Client::builder()
            // A proxy would resolve the host itself, out of the guard's sight.
            .no_proxy()
            .dns_resolver(Arc::new(super::ssrf::GuardedResolver(Arc::clone(&guard))))
            .redirect(policy)
            .user_agent(concat!("voxgate/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| Error::ToolsConfig(format!("cannot build the webhook client: {e}")))?;
        Ok(Self { client, guard })
    }
}
