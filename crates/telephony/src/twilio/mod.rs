//! Twilio Programmable Voice: the voice webhook, `X-Twilio-Signature`, and Media Streams.
//!
//! The flow of a Twilio call:
//! 1. Twilio POSTs the call's form fields to the voice webhook. The server checks the signature
//!    with [`TwilioService::verify_webhook`] (refusing with 403 on any
//!    [`SignatureRejection`]) and answers with the TwiML of [`TwilioService::answer`]: a
//!    bidirectional `<Connect><Stream>` carrying the profile and a short-lived stream token as
//!    custom parameters.
//! 2. Twilio opens the WebSocket. The server checks the upgrade's signature with
//!    [`TwilioService::verify_stream_upgrade`] before upgrading, then hands the socket to
//!    [`stream::serve_media_stream`], which checks the token in `start`, creates the call
//!    session and pumps audio, DTMF, marks and `clear` both ways.
//!
//! The messages are typed in [`messages`], and [`client`] speaks the Twilio side of a Media
//! Stream for the load generator and `voxgate call`.

pub mod client;
pub mod loadgen;
pub mod messages;
pub mod signature;
pub mod stream;
pub mod token;
pub mod twiml;

use std::fmt;

use serde::Deserialize;

pub use messages::{TwilioInbound, TwilioOutbound};
pub use signature::{compute_signature, validate_signature, SignatureRejection, SIGNATURE_HEADER};
pub use stream::{serve_media_stream, MediaStreamOptions, StreamEnd};
pub use token::{StreamTokens, TokenRejection};

/// Errors of the Twilio transport.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The configuration is invalid; every problem is listed.
    #[error("invalid twilio configuration: {}", .0.join("; "))]
    Config(Vec<String>),
    /// A webhook POST lacks a required form field.
    #[error("twilio webhook is missing field {0}")]
    MissingField(&'static str),
    /// The webhook came from another Twilio account than the configured one.
    #[error("twilio webhook from an unexpected account")]
    WrongAccount,
    /// The request's signature was refused (answer 403).
    #[error(transparent)]
    Signature(#[from] SignatureRejection),
}

/// Result of the Twilio transport.
pub type Result<T> = std::result::Result<T, Error>;

/// A secret string (auth token) that never appears in `Debug` or `Display` output.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }

    /// The secret itself, for the one place that needs it (the HMAC key).
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret([redacted])")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// `[transports.twilio]` configuration.
///
/// ```toml
/// auth_token = "${TWILIO_AUTH_TOKEN:?set the Twilio auth token}"
/// public_base_url = "https://voice.example.com"
/// ```
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TwilioConfig {
    /// The Twilio account's auth token: the HMAC key of `X-Twilio-Signature`. Secret.
    pub auth_token: Secret,
    /// The public base URL Twilio reaches this server at, as configured in the Twilio console
    /// (scheme, host, optional port and path prefix; e.g. `https://voice.example.com`).
    /// Signatures are computed over this URL, never over the `Host` header.
    pub public_base_url: String,
    /// Path of the voice webhook, below `public_base_url`.
    #[serde(default = "default_webhook_path")]
    pub webhook_path: String,
    /// Path of the Media Streams WebSocket, below `public_base_url`.
    #[serde(default = "default_stream_path")]
    pub stream_path: String,
    /// Only accept webhooks from this account (`AC...`); any account when unset.
    #[serde(default)]
    pub account_sid: Option<String>,
    /// Agent profile for Twilio calls; the server's default profile when unset.
    #[serde(default)]
    pub profile: Option<String>,
    /// How long the stream token minted by the webhook stays valid (Twilio connects the
    /// stream within a second or two).
    #[serde(default = "default_stream_token_ttl_secs")]
    pub stream_token_ttl_secs: u64,
}

fn default_webhook_path() -> String {
    "/twilio/voice".to_owned()
}
fn default_stream_path() -> String {
    "/twilio/stream".to_owned()
}
fn default_stream_token_ttl_secs() -> u64 {
    60
}

impl TwilioConfig {
    /// A configuration with defaults for everything but the token and base URL.
    pub fn new(auth_token: Secret, public_base_url: impl Into<String>) -> Self {
        Self {
            auth_token,
            public_base_url: public_base_url.into(),
            webhook_path: default_webhook_path(),
            stream_path: default_stream_path(),
            account_sid: None,
            profile: None,
            stream_token_ttl_secs: default_stream_token_ttl_secs(),
        }
    }

    /// Checks the configuration without I/O and builds the service.
    ///
    /// # Errors
    /// [`Error::Config`] with every problem found.
    pub fn validate(self) -> Result<TwilioService> {
        let mut problems = Vec::new();
        if self.auth_token.expose().trim().is_empty() {
            problems.push("auth_token is empty".to_owned());
        }
        let base = self.public_base_url.trim_end_matches('/').to_owned();
        let mut stream_base = String::new();
        match url::Url::parse(&base) {
            Ok(u) if matches!(u.scheme(), "https" | "http") && u.host_str().is_some() => {
                if u.query().is_some() || u.fragment().is_some() {
                    problems.push("public_base_url must not have a query or fragment".to_owned());
                }
                let ws_scheme = if u.scheme() == "https" { "wss" } else { "ws" };
                stream_base = format!("{ws_scheme}{}", &base[u.scheme().len()..]);
            }
            Ok(_) => problems.push("public_base_url must be an http(s) URL with a host".to_owned()),
            Err(e) => problems.push(format!("public_base_url is not a URL: {e}")),
        }
        for (name, path) in [
            ("webhook_path", &self.webhook_path),
            ("stream_path", &self.stream_path),
        ] {
            if !path.starts_with('/') || path.contains(['?', '#', ' ']) {
                problems.push(format!("{name} must be an absolute path without query"));
            }
        }
        if let Some(sid) = &self.account_sid {
            if !sid.starts_with("AC") {
                problems.push("account_sid must start with AC".to_owned());
            }
        }
        if self.stream_token_ttl_secs == 0 || self.stream_token_ttl_secs > 3600 {
            problems.push("stream_token_ttl_secs must be between 1 and 3600".to_owned());
        }
        if !problems.is_empty() {
            return Err(Error::Config(problems));
        }
        let tokens = StreamTokens::new(&self.auth_token, self.stream_token_ttl_secs);
        Ok(TwilioService {
            stream_url: format!("{stream_base}{}", self.stream_path),
            base,
            stream_base,
            tokens,
            config: self,
        })
    }
}

/// The fields of a voice webhook POST that Voxgate uses.
///
/// `from`/`to` are phone numbers (PII): never log them.
#[derive(Clone, PartialEq, Eq)]
pub struct VoiceWebhook {
    /// `CallSid`.
    pub call_sid: String,
    /// `AccountSid`.
    pub account_sid: String,
    /// `From` (caller number; PII).
    pub from: Option<String>,
    /// `To` (called number).
    pub to: Option<String>,
    /// `CallStatus` (ringing, in-progress, ...).
    pub call_status: Option<String>,
    /// `Direction` (inbound, outbound-api, ...).
    pub direction: Option<String>,
}

impl fmt::Debug for VoiceWebhook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("VoiceWebhook")
            .field("call_sid", &self.call_sid)
            .field("account_sid", &self.account_sid)
            .field("from", &self.from.as_ref().map(|_| "[redacted]"))
            .field("to", &self.to.as_ref().map(|_| "[redacted]"))
            .field("call_status", &self.call_status)
            .field("direction", &self.direction)
            .finish()
    }
}

impl VoiceWebhook {
    /// Picks the fields out of decoded form parameters.
    ///
    /// # Errors
    /// [`Error::MissingField`] without `CallSid` or `AccountSid`.
    pub fn from_params<K: AsRef<str>, V: AsRef<str>>(params: &[(K, V)]) -> Result<Self> {
        let get = |name: &str| {
            params
                .iter()
                .find(|(k, _)| k.as_ref() == name)
                .map(|(_, v)| v.as_ref().to_owned())
        };
        Ok(Self {
            call_sid: get("CallSid")
                .filter(|s| !s.is_empty())
                .ok_or(Error::MissingField("CallSid"))?,
            account_sid: get("AccountSid")
                .filter(|s| !s.is_empty())
                .ok_or(Error::MissingField("AccountSid"))?,
            from: get("From"),
            to: get("To"),
            call_status: get("CallStatus"),
            direction: get("Direction"),
        })
    }
}

/// Decodes an `application/x-www-form-urlencoded` body into name/value pairs.
pub fn parse_form(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

/// The validated Twilio transport configuration with the operations the HTTP handlers need.
#[derive(Debug, Clone)]
pub struct TwilioService {
    config: TwilioConfig,
    base: String,
    stream_base: String,
    stream_url: String,
    tokens: StreamTokens,
}

/// Custom parameter carrying the agent profile.
pub const PARAM_PROFILE: &str = "profile";
/// Custom parameter carrying the stream token.
pub const PARAM_TOKEN: &str = "token";

impl TwilioService {
    /// The configuration this was built from.
    pub fn config(&self) -> &TwilioConfig {
        &self.config
    }

    /// The stream tokens minted and checked by this service.
    pub fn tokens(&self) -> &StreamTokens {
        &self.tokens
    }

    /// The `wss://` URL Twilio is told to open.
    pub fn stream_url(&self) -> &str {
        &self.stream_url
    }

    /// The public URL of a request, given the path and query the server received.
    pub fn public_url(&self, path_and_query: &str) -> String {
        format!("{}{}", self.base, path_and_query)
    }

    /// Checks a webhook POST: `path_and_query` as received, the `X-Twilio-Signature` header,
    /// and the decoded form parameters.
    ///
    /// # Errors
    /// The [`SignatureRejection`]; answer 403, log a security line, create nothing.
    pub fn verify_webhook<K: AsRef<str>, V: AsRef<str>>(
        &self,
        path_and_query: &str,
        signature: Option<&str>,
        params: &[(K, V)],
    ) -> std::result::Result<(), SignatureRejection> {
        validate_signature(
            &self.config.auth_token,
            signature,
            &self.public_url(path_and_query),
            params,
        )
    }

    /// Checks the Media Streams WebSocket upgrade request (GET): Twilio signs the `wss://` URL
    /// with its query and no body parameters. The `https://` spelling is accepted too, since
    /// some proxies and Twilio SDKs differ on it.
    ///
    /// # Errors
    /// The [`SignatureRejection`]; answer 403 before upgrading.
    pub fn verify_stream_upgrade(
        &self,
        path_and_query: &str,
        signature: Option<&str>,
    ) -> std::result::Result<(), SignatureRejection> {
        let none: &[(&str, &str)] = &[];
        let wss = format!("{}{}", self.stream_base, path_and_query);
        match validate_signature(&self.config.auth_token, signature, &wss, none) {
            Err(SignatureRejection::Mismatch) => validate_signature(
                &self.config.auth_token,
                signature,
                &self.public_url(path_and_query),
                none,
            ),
            other => other,
        }
    }

    /// The TwiML answering a voice webhook: connect the call to our Media Stream, passing the
    /// profile (explicit, else the configured one, else `default_profile`) and a fresh stream
    /// token bound to the call and profile.
    ///
    /// # Errors
    /// [`Error::WrongAccount`] when `account_sid` is configured and differs.
    pub fn answer(&self, call: &VoiceWebhook, default_profile: &str) -> Result<String> {
        if let Some(expected) = &self.config.account_sid {
            if *expected != call.account_sid {
                return Err(Error::WrongAccount);
            }
        }
        let profile = self.config.profile.as_deref().unwrap_or(default_profile);
        let token = self.tokens.mint(&call.call_sid, profile);
        Ok(twiml::connect_stream(
            &self.stream_url,
            &[(PARAM_PROFILE, profile), (PARAM_TOKEN, &token)],
        ))
    }

    /// The whole webhook in one call: parse the form body, check the signature, answer.
    ///
    /// # Errors
    /// [`Error::Signature`] (answer 403), [`Error::MissingField`] (400),
    /// [`Error::WrongAccount`] (403).
    pub fn handle_webhook(
        &self,
        path_and_query: &str,
        signature: Option<&str>,
        body: &[u8],
        default_profile: &str,
    ) -> Result<(VoiceWebhook, String)> {
        let params = parse_form(body);
        self.verify_webhook(path_and_query, signature, &params)?;
        let call = VoiceWebhook::from_params(&params)?;
        let twiml = self.answer(&call, default_profile)?;
        Ok((call, twiml))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service() -> TwilioService {
        TwilioConfig::new(Secret::new("tok"), "https://voice.example.com/")
            .validate()
            .unwrap()
    }

    #[test]
    fn secret_is_redacted() {
        let c = TwilioConfig::new(Secret::new("hunter2"), "https://x.example");
        let dbg = format!("{c:?} {}", c.auth_token);
        assert!(!dbg.contains("hunter2"), "{dbg}");
        assert!(dbg.contains("redacted"));
    }

    #[test]
    fn config_from_toml_with_defaults_and_unknown_fields_refused() {
        let c: TwilioConfig =
            serde_json::from_str(r#"{"auth_token":"t","public_base_url":"https://v.example.com"}"#)
                .unwrap();
        assert_eq!(c.stream_path, "/twilio/stream");
        assert_eq!(c.stream_token_ttl_secs, 60);
        assert!(serde_json::from_str::<TwilioConfig>(
            r#"{"auth_token":"t","public_base_url":"https://v.example.com","authtoken":"x"}"#
        )
        .is_err());
    }

    #[test]
    fn validation_lists_every_problem() {
        let mut c = TwilioConfig::new(Secret::new(" "), "ftp://x");
        c.stream_path = "nope".into();
        c.stream_token_ttl_secs = 0;
        let Err(Error::Config(p)) = c.validate() else {
            panic!("should fail")
        };
        assert_eq!(p.len(), 4, "{p:?}");
    }

    #[test]
    fn urls() {
        let s = service();
        assert_eq!(s.stream_url(), "wss://voice.example.com/twilio/stream");
        assert_eq!(
            s.public_url("/twilio/voice?x=1"),
            "https://voice.example.com/twilio/voice?x=1"
        );
        let http = TwilioConfig::new(Secret::new("t"), "http://127.0.0.1:8080/vg")
            .validate()
            .unwrap();
        assert_eq!(http.stream_url(), "ws://127.0.0.1:8080/vg/twilio/stream");
    }

    #[test]
    fn webhook_signed_accepted_and_answered_unsigned_refused() {
        let s = service();
        let body = b"CallSid=CA123&AccountSid=AC9&From=%2B15551234567&To=%2B15557654321&CallStatus=ringing&Direction=inbound";
        let params = parse_form(body);
        let sig = compute_signature(
            &Secret::new("tok"),
            "https://voice.example.com/twilio/voice",
            &params,
        );
        let (call, twiml) = s
            .handle_webhook("/twilio/voice", Some(&sig), body, "echo")
            .unwrap();
        assert_eq!(call.from.as_deref(), Some("+15551234567"));
        assert!(!format!("{call:?}").contains("5551234567"));
        assert!(twiml.starts_with(
            r#"<?xml version="1.0" encoding="UTF-8"?><Response><Connect><Stream url="wss://voice.example.com/twilio/stream"><Parameter name="profile" value="echo"/><Parameter name="token" value="v1."#
        ));
        let token = twiml
            .split(r#"name="token" value=""#)
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap();
        assert_eq!(s.tokens().verify(token, "CA123", "echo"), Ok(()));

        for bad in [
            None,
            Some("AAAAAAAAAAAAAAAAAAAAAAAAAAA="),
            Some(sig.as_str()),
        ] {
            let path = if bad == Some(sig.as_str()) {
                "/twilio/voice?tampered=1"
            } else {
                "/twilio/voice"
            };
            assert!(matches!(
                s.handle_webhook(path, bad, body, "echo"),
                Err(Error::Signature(_))
            ));
        }
    }

    #[test]
    fn wrong_account_refused() {
        let mut c = TwilioConfig::new(Secret::new("tok"), "https://voice.example.com");
        c.account_sid = Some("AC1".into());
        let s = c.validate().unwrap();
        let call = VoiceWebhook::from_params(&[("CallSid", "CA1"), ("AccountSid", "AC2")]).unwrap();
        assert!(matches!(s.answer(&call, "echo"), Err(Error::WrongAccount)));
        assert!(matches!(
            VoiceWebhook::from_params(&[("AccountSid", "AC2")]),
            Err(Error::MissingField("CallSid"))
        ));
    }

    #[test]
    fn stream_upgrade_signature() {
        let s = service();
        let none: &[(&str, &str)] = &[];
        let sig = compute_signature(
            &Secret::new("tok"),
            "wss://voice.example.com/twilio/stream",
            none,
        );
        assert_eq!(
            s.verify_stream_upgrade("/twilio/stream", Some(&sig)),
            Ok(())
        );
        let https = compute_signature(
            &Secret::new("tok"),
            "https://voice.example.com/twilio/stream",
            none,
        );
        assert_eq!(
            s.verify_stream_upgrade("/twilio/stream", Some(&https)),
            Ok(())
        );
        assert_eq!(
            s.verify_stream_upgrade("/twilio/stream?x=1", Some(&sig)),
            Err(SignatureRejection::Mismatch)
        );
        assert_eq!(
            s.verify_stream_upgrade("/twilio/stream", None),
            Err(SignatureRejection::Missing)
        );
    }
}
