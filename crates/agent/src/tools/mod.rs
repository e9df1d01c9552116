//! The agent's tools and the operator knowledge behind them.
//!
//! - [`ToolRegistry`] holds the built-in tools (`hang_up`, `transfer`, `lookup_customer`,
//!   `search_faq`) and the HTTP webhook tools from [`ToolsConfig`], lists their
//!   [`ToolSpec`]s for the model and runs the [`ToolCall`]s it makes. Which tools a call may use
//!   is decided per agent profile ([`ToolRegistry::allow_profile`]).
//! - [`Knowledge`] is the operator data (customer directory, FAQ) and the deterministic
//!   retrieval the tiny embedded model needs ([`Knowledge::facts`]): it cannot call tools
//!   reliably, so the conversation loop puts the caller's record and the best FAQ answer in
//!   its prompt instead.
//! - Webhook tools validate arguments against the configured JSON Schema, sign requests with
//!   the `Voxgate-Signature` scheme, cap the response size and time, and reach only public
//!   addresses unless allowlisted ([`ssrf`]).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;
use std::time::Instant;

use crate::llm::{ToolCall, ToolSpec};
use crate::{Error, Result};

mod config;
mod faq;
mod knowledge;
mod sql;
pub mod ssrf;
mod text;
mod webhook;

pub use config::{
    KeySource, KnowledgeConfig, ToolsConfig, TransferTargetConfig, WebhookMethod,
    WebhookToolConfig, DEFAULT_FAQ_MIN_SCORE, DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_WEBHOOK_TIMEOUT_MS,
};
pub use faq::{FaqEntry, FaqHit, FaqIndex};
pub use knowledge::{load_customers, load_faq, Customer, Knowledge, Lookup};
pub use sql::SqlSourceConfig;
pub use ssrf::{BlockedClass, SsrfGuard};
pub use text::{account_key, digit_runs, money_amounts, number_values_cents, phone_key};

use webhook::{ArgSchema, WebhookClient, WebhookTool};

/// Name of the built-in tool ending the call.
pub const HANG_UP: &str = "hang_up";
/// Name of the built-in tool transferring the call.
pub const TRANSFER: &str = "transfer";
/// Name of the built-in customer lookup.
pub const LOOKUP_CUSTOMER: &str = "lookup_customer";
/// Name of the built-in FAQ search.
pub const SEARCH_FAQ: &str = "search_faq";
/// The built-in tools.
pub const BUILTIN_TOOLS: [&str; 4] = [HANG_UP, TRANSFER, LOOKUP_CUSTOMER, SEARCH_FAQ];

/// The call a tool runs for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ToolContext {
    /// The call's id (sent to webhooks, used in logs).
    pub call_id: String,
    /// The caller's number as the transport reported it, if any.
    pub caller_id: Option<String>,
    /// The agent profile answering the call; decides which tools may run.
    pub profile: String,
}

/// What the conversation loop does with a tool's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ToolOutcome {
    /// Text (usually compact JSON) for the model and the transcript.
    Reply(String),
    /// End the call, after saying `farewell` if given.
    HangUp {
        /// The last words to speak.
        farewell: Option<String>,
    },
    /// Hand the call to `target` (a dialplan target or phone number from the configuration).
    Transfer {
        /// The transport-level target.
        target: String,
        /// Words to speak before transferring.
        announcement: Option<String>,
    },
}

#[derive(Debug)]
struct Inner {
    transfer_targets: BTreeMap<String, TransferTargetConfig>,
    knowledge: Knowledge,
    builtin_args: HashMap<&'static str, ArgSchema>,
    webhooks: HashMap<String, WebhookTool>,
    http: Option<WebhookClient>,
}

/// The tools of a deployment, shared by every call (cheap to clone).
///
/// Built from [`ToolsConfig`] with [`ToolRegistry::from_config`] (or [`ToolRegistry::new`] for
/// the built-ins over some [`Knowledge`]), then told which tools each agent profile may call
/// with [`ToolRegistry::allow_profile`]. A profile that was never registered may call nothing:
/// [`ToolRegistry::call`] refuses with [`Error::ToolNotAllowed`].
#[derive(Clone, Debug)]
pub struct ToolRegistry {
    inner: Arc<Inner>,
    profiles: Arc<HashMap<String, HashSet<String>>>,
}

fn valid_tool_name(name: &str) -> bool {
    (1..=64).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn builtin_schemas(
    targets: &BTreeMap<String, TransferTargetConfig>,
) -> Result<HashMap<&'static str, ArgSchema>> {
    let names: Vec<&String> = targets.keys().collect();
    let mut m = HashMap::new();
    m.insert(
        HANG_UP,
        ArgSchema::new(
            HANG_UP,
            serde_json::json!({
                "type": "object",
                "properties": {
                    "farewell": {"type": "string", "maxLength": 500,
                                 "description": "Last sentence to say before hanging up."}
                }
            }),
        )?,
    );
    m.insert(
        TRANSFER,
        ArgSchema::new(
            TRANSFER,
            serde_json::json!({
                "type": "object",
                "properties": {
                    "destination": {"type": "string", "enum": names,
                                    "description": "Where to transfer the caller."}
                },
                "required": ["destination"]
            }),
        )?,
    );
    m.insert(
        LOOKUP_CUSTOMER,
        ArgSchema::new(
            LOOKUP_CUSTOMER,
            serde_json::json!({
                "type": "object",
                "properties": {
                    "phone_number": {"type": "string", "maxLength": 64,
                                     "description": "The customer's phone number."},
                    "account_number": {"type": "string", "maxLength": 64,
                                       "description": "The customer's account number."}
                }
            }),
        )?,
    );
    m.insert(
        SEARCH_FAQ,
        ArgSchema::new(
            SEARCH_FAQ,
            serde_json::json!({
                "type": "object",
                "properties": {
                    "question": {"type": "string", "minLength": 1, "maxLength": 1000,
                                 "description": "The caller's question."}
                },
                "required": ["question"]
            }),
        )?,
    );
    Ok(m)
}

impl Default for ToolRegistry {
    /// The built-in tools over no data, callable by no profile until
    /// [`ToolRegistry::allow_profile`] (or through [`ToolRegistry::call_as`]).
    fn default() -> Self {
        Self::new(Knowledge::empty()).unwrap_or_else(|e| {
            // The built-in schemas are constants; this only guards against a schema bug.
            tracing::error!(error = %e, "built-in tool schemas failed to compile");
            Self {
                inner: Arc::new(Inner {
                    transfer_targets: BTreeMap::new(),
                    knowledge: Knowledge::empty(),
                    builtin_args: HashMap::new(),
                    webhooks: HashMap::new(),
                    http: None,
                }),
                profiles: Arc::new(HashMap::new()),
            }
        })
    }
}

impl ToolRegistry {
    /// The built-in tools over `knowledge`, no transfer destinations and no webhooks.
    ///
    /// # Errors
    /// Never in practice (the built-in schemas are fixed); typed for uniformity.
    pub fn new(knowledge: Knowledge) -> Result<Self> {
        Self::with_knowledge(&ToolsConfig::default(), knowledge)
    }

    /// Everything in `config`, loading the knowledge files it names.
    ///
    /// # Errors
    /// [`Error::KnowledgeLoad`] for an unreadable data file, [`Error::ToolsConfig`] for an
    /// invalid webhook, tool name, schema or allowlist entry.
    pub fn from_config(config: &ToolsConfig) -> Result<Self> {
        Self::with_knowledge(config, Knowledge::load(&config.knowledge)?)
    }

    /// Everything in `config` except the knowledge files, with `knowledge` instead.
    ///
    /// # Errors
    /// As [`ToolRegistry::from_config`], without the file errors.
    pub fn with_knowledge(config: &ToolsConfig, knowledge: Knowledge) -> Result<Self> {
        for (name, t) in &config.transfer_targets {
            if name.trim().is_empty() || t.target.trim().is_empty() {
                return Err(Error::ToolsConfig(format!(
                    "transfer target {name:?} needs a name and a target"
                )));
            }
        }
        let guard = SsrfGuard::new(&config.ssrf_allowlist)?;
        let mut webhooks = HashMap::new();
        for w in &config.webhooks {
            if !valid_tool_name(&w.name) {
                return Err(Error::ToolsConfig(format!(
                    "webhook name {:?} must be 1-64 of A-Z a-z 0-9 _ -",
                    w.name
                )));
            }
            if BUILTIN_TOOLS.contains(&w.name.as_str()) || webhooks.contains_key(&w.name) {
                return Err(Error::ToolsConfig(format!(
                    "tool name {:?} is used twice",
                    w.name
                )));
            }
            webhooks.insert(w.name.clone(), WebhookTool::new(w)?);
        }
        let http = if webhooks.is_empty() {
            None
        } else {
            Some(WebhookClient::new(guard)?)
        };
        Ok(Self {
            inner: Arc::new(Inner {
                builtin_args: builtin_schemas(&config.transfer_targets)?,
                transfer_targets: config.transfer_targets.clone(),
                knowledge,
                webhooks,
                http,
            }),
            profiles: Arc::new(HashMap::new()),
        })
    }

    /// Lets `profile` call the tools named in `allowed` (replacing an earlier list).
    pub fn allow_profile(mut self, profile: impl Into<String>, allowed: &[String]) -> Self {
        Arc::make_mut(&mut self.profiles).insert(profile.into(), allowed.iter().cloned().collect());
        self
    }

    /// The knowledge behind `lookup_customer` and `search_faq`.
    pub fn knowledge(&self) -> &Knowledge {
        &self.inner.knowledge
    }

    /// Every tool name: the built-ins, then the webhooks in name order.
    pub fn tool_names(&self) -> Vec<String> {
        let mut hooks: Vec<String> = self.inner.webhooks.keys().cloned().collect();
        hooks.sort();
        BUILTIN_TOOLS
            .iter()
            .map(|s| (*s).to_owned())
            .chain(hooks)
            .collect()
    }

    fn builtin_spec(&self, name: &str) -> Option<ToolSpec> {
        let (key, description) = match name {
            HANG_UP => (
                HANG_UP,
                "End the call. Use when the caller says goodbye or asks to hang up.".to_owned(),
            ),
            TRANSFER => {
                // Useless without destinations: the model would only invent names.
                if self.inner.transfer_targets.is_empty() {
                    return None;
                }
                let list = self
                    .inner
                    .transfer_targets
                    .iter()
                    .map(|(n, t)| match &t.description {
                        Some(d) => format!("{n} ({d})"),
                        None => n.clone(),
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                (
                    TRANSFER,
                    format!("Transfer the caller to a person or department. Destinations: {list}."),
                )
            }
            LOOKUP_CUSTOMER => {
                if self.inner.knowledge.customer_count() == 0 {
                    return None;
                }
                (
                    LOOKUP_CUSTOMER,
                    "Look up a customer's record (balance, due date, service status) by phone \
                     number or account number."
                        .to_owned(),
                )
            }
            SEARCH_FAQ => {
                if self.inner.knowledge.faq_len() == 0 {
                    return None;
                }
                (
                    SEARCH_FAQ,
                    "Search the company's FAQ for the answer to the caller's question.".to_owned(),
                )
            }
            _ => return None,
        };
        let args = self.inner.builtin_args.get(key)?;
        Some(ToolSpec {
            name: key.to_owned(),
            description,
            parameters: args.schema().clone(),
        })
    }

    /// The specs of the tools named in `allowed`, in that order. Unknown names are skipped, and
    /// so are built-ins with nothing to work on (`transfer` without destinations,
    /// `lookup_customer` without a directory, `search_faq` without an FAQ).
    pub fn specs(&self, allowed: &[String]) -> Vec<ToolSpec> {
        let mut seen = HashSet::new();
        allowed
            .iter()
            .filter(|n| seen.insert(n.as_str()))
            .filter_map(|n| {
                self.builtin_spec(n)
                    .or_else(|| self.inner.webhooks.get(n).map(WebhookTool::spec))
            })
            .collect()
    }

    /// Runs `call` for the call `ctx`.
    ///
    /// # Errors
    /// [`Error::UnknownTool`], [`Error::ToolNotAllowed`] (for `ctx.profile`),
    /// [`Error::ToolArguments`] (not JSON, schema violated, unknown transfer destination),
    /// and for webhooks [`Error::ToolFailed`], [`Error::ToolTimeout`], [`Error::SsrfRefused`].
    /// Error texts never contain argument values, so the loop may log them and hand them to the
    /// model as the tool's result.
    pub async fn call(&self, ctx: &ToolContext, call: &ToolCall) -> Result<ToolOutcome> {
        let allowed = self
            .profiles
            .get(&ctx.profile)
            .is_some_and(|allowed| allowed.contains(&call.name));
        self.run(ctx, call, allowed).await
    }

    /// Like [`ToolRegistry::call`], with the profile's tool list given by the caller (the
    /// profile's `tools` setting) instead of registered with [`ToolRegistry::allow_profile`].
    ///
    /// # Errors
    /// As [`ToolRegistry::call`]; [`Error::ToolNotAllowed`] when `allowed` lacks the tool.
    pub async fn call_as(
        &self,
        ctx: &ToolContext,
        call: &ToolCall,
        allowed: &[String],
    ) -> Result<ToolOutcome> {
        self.run(ctx, call, allowed.contains(&call.name)).await
    }

    async fn run(&self, ctx: &ToolContext, call: &ToolCall, allowed: bool) -> Result<ToolOutcome> {
        let name = call.name.as_str();
        let webhook = self.inner.webhooks.get(name);
        let args = match (self.inner.builtin_args.get(name), webhook) {
            (Some(a), _) => a,
            (None, Some(w)) => w.args(),
            (None, None) => return Err(Error::UnknownTool(name.to_owned())),
        };
        if !allowed {
            return Err(Error::ToolNotAllowed {
                tool: name.to_owned(),
                profile: ctx.profile.clone(),
            });
        }
        let value = args.parse(name, &call.arguments)?;
        let started = Instant::now();
        let out = match (name, webhook) {
            (HANG_UP, _) => Ok(ToolOutcome::HangUp {
                farewell: str_arg(&value, "farewell"),
            }),
            (TRANSFER, _) => self.transfer(&value),
            (LOOKUP_CUSTOMER, _) => self.lookup_customer(&value),
            (SEARCH_FAQ, _) => Ok(self.search_faq(&value)),
            (_, Some(w)) => match &self.inner.http {
                Some(http) => w.call(http, ctx, value).await,
                None => Err(Error::UnknownTool(name.to_owned())),
            },
            _ => Err(Error::UnknownTool(name.to_owned())),
        };
        tracing::debug!(
            call_id = %ctx.call_id,
            tool = name,
            ok = out.is_ok(),
            elapsed_ms = started.elapsed().as_millis() as u64,
            "tool call"
        );
        out
    }

    fn transfer(&self, args: &serde_json::Value) -> Result<ToolOutcome> {
        let dest = str_arg(args, "destination").unwrap_or_default();
        let t = self
            .inner
            .transfer_targets
            .get(&dest)
            .ok_or_else(|| Error::ToolArguments {
                tool: TRANSFER.to_owned(),
                reason: "unknown destination".to_owned(),
            })?;
        Ok(ToolOutcome::Transfer {
            target: t.target.clone(),
            announcement: t.announcement.clone(),
        })
    }

    fn lookup_customer(&self, args: &serde_json::Value) -> Result<ToolOutcome> {
        let phone = str_arg(args, "phone_number");
        let account = str_arg(args, "account_number");
        if phone.is_none() && account.is_none() {
            return Err(Error::ToolArguments {
                tool: LOOKUP_CUSTOMER.to_owned(),
                reason: "give phone_number or account_number".to_owned(),
            });
        }
        let k = &self.inner.knowledge;
        let found = account
            .as_deref()
            .and_then(|a| k.customer_by_account(a))
            .or_else(|| {
                // Models often put spoken digits in the field ("four oh oh one ...").
                account
                    .as_deref()
                    .and_then(|a| digit_runs(a).first().and_then(|d| k.customer_by_account(d)))
            })
            .or_else(|| phone.as_deref().and_then(|p| k.customer_by_phone(p)))
            .or_else(|| {
                phone
                    .as_deref()
                    .and_then(|p| digit_runs(p).first().and_then(|d| k.customer_by_phone(d)))
            });
        let body = match found {
            Some(c) => serde_json::json!({"found": true, "customer": c.to_json()}),
            None => serde_json::json!({"found": false}),
        };
        Ok(ToolOutcome::Reply(body.to_string()))
    }

    fn search_faq(&self, args: &serde_json::Value) -> ToolOutcome {
        let q = str_arg(args, "question").unwrap_or_default();
        let hits = self.inner.knowledge.search_faq(&q, 2);
        let body = if hits.is_empty() {
            serde_json::json!({"found": false})
        } else {
            serde_json::json!({
                "found": true,
                "results": hits.iter().map(|h| serde_json::json!({
                    "question": h.entry.question,
                    "answer": h.entry.answer,
                })).collect::<Vec<_>>(),
            })
        };
        ToolOutcome::Reply(body.to_string())
    }
}

fn str_arg(v: &serde_json::Value, key: &str) -> Option<String> {
    v.get(key)
        .and_then(|x| x.as_str())
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

#[cfg(test)]
mod tests;
