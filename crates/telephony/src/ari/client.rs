//! The ARI REST client (HTTP basic auth; the password never goes into a URL or a log line) and
//! the typed events of the `/ari/events` WebSocket.

use std::collections::BTreeMap;
use std::fmt;

use serde::Deserialize;
use serde_json::Value;

/// A secret that prints as `<redacted>`.
#[derive(Clone, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(transparent)]
pub struct Password(String);

impl Password {
    /// Wraps a secret.
    pub fn new(s: impl Into<String>) -> Self {
        Self(s.into())
    }

    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Errors of the ARI client and app.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The HTTP request failed (connection, timeout, body).
    #[error("ari http: {0}")]
    Http(#[from] reqwest::Error),
    /// Asterisk answered with an error status.
    #[error("ari {method} {path}: status {status}")]
    Status {
        /// HTTP method.
        method: &'static str,
        /// Path under the ARI base (ids only, no secrets).
        path: String,
        /// Status code.
        status: u16,
    },
    /// The events WebSocket failed.
    #[error("ari events websocket: {0}")]
    WebSocket(String),
    /// A reply did not have the expected shape.
    #[error("ari reply: {0}")]
    Reply(String),
    /// Bad configuration.
    #[error("ari config: {0}")]
    Config(String),
}

/// Result alias of this module.
pub type Result<T> = std::result::Result<T, Error>;

/// A channel as ARI describes it (the fields we use).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default)]
pub struct Channel {
    /// Unique id.
    pub id: String,
    /// Channel name (`PJSIP/100-00000001`, `UnicastRTP/127.0.0.1:20000-...`).
    pub name: String,
    /// `Up`, `Down`, `Ring`...
    pub state: String,
    /// Caller id (PII).
    pub caller: CallerId,
    /// Where the dialplan was.
    pub dialplan: Option<DialplanCep>,
    /// Channel variables returned with some replies (externalMedia).
    pub channelvars: BTreeMap<String, String>,
}

/// Caller id (PII: never logged).
#[derive(Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default)]
pub struct CallerId {
    /// Name.
    pub name: String,
    /// Number.
    pub number: String,
}

impl fmt::Debug for CallerId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("CallerId(<redacted>)")
    }
}

/// Context, extension, priority.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Default)]
#[serde(default)]
pub struct DialplanCep {
    /// Context.
    pub context: String,
    /// Extension.
    pub exten: String,
    /// Priority.
    pub priority: i64,
}

/// A bridge (only its id matters to us).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Bridge {
    /// Unique id.
    pub id: String,
}

/// Events from `/ari/events`. Kinds we do not act on are kept whole as [`AriEvent::Other`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum AriEvent {
    /// A channel entered our Stasis app.
    StasisStart {
        /// The channel.
        channel: Channel,
        /// `Stasis(APP,args...)` arguments.
        args: Vec<String>,
    },
    /// A channel left the app.
    StasisEnd {
        /// The channel.
        channel: Channel,
    },
    /// A DTMF digit.
    ChannelDtmfReceived {
        /// The channel.
        channel: Channel,
        /// The digit.
        digit: char,
    },
    /// Someone asked to hang the channel up.
    ChannelHangupRequest {
        /// The channel.
        channel: Channel,
    },
    /// The channel is gone.
    ChannelDestroyed {
        /// The channel.
        channel: Channel,
    },
    /// A playback finished.
    PlaybackFinished {
        /// The playback id.
        playback_id: String,
    },
    /// Anything else.
    Other {
        /// The `type` field.
        kind: String,
        /// The whole event.
        raw: Value,
    },
}

impl AriEvent {
    /// Parses one event (a WebSocket text frame).
    ///
    /// # Errors
    /// [`Error::Reply`] for text that is not a JSON object with a `type`.
    pub fn parse(text: &str) -> Result<Self> {
        #[derive(Deserialize)]
        struct Raw {
            #[serde(rename = "type")]
            kind: String,
            #[serde(default)]
            channel: Option<Channel>,
            #[serde(default)]
            args: Vec<String>,
            #[serde(default)]
            digit: Option<String>,
            #[serde(default)]
            playback: Option<Value>,
        }
        let value: Value =
            serde_json::from_str(text).map_err(|e| Error::Reply(format!("event json: {e}")))?;
        let raw: Raw = serde_json::from_value(value.clone())
            .map_err(|e| Error::Reply(format!("event shape: {e}")))?;
        let channel = raw.channel;
        let need_channel = |c: Option<Channel>| {
            c.ok_or_else(|| Error::Reply(format!("{} without channel", raw.kind)))
        };
        Ok(match raw.kind.as_str() {
            "StasisStart" => AriEvent::StasisStart {
                channel: need_channel(channel)?,
                args: raw.args,
            },
            "StasisEnd" => AriEvent::StasisEnd {
                channel: need_channel(channel)?,
            },
            "ChannelDtmfReceived" => AriEvent::ChannelDtmfReceived {
                channel: need_channel(channel)?,
                digit: raw
                    .digit
                    .and_then(|d| d.chars().next())
                    .ok_or_else(|| Error::Reply("ChannelDtmfReceived without digit".into()))?,
            },
            "ChannelHangupRequest" => AriEvent::ChannelHangupRequest {
                channel: need_channel(channel)?,
            },
            "ChannelDestroyed" => AriEvent::ChannelDestroyed {
                channel: need_channel(channel)?,
            },
            "PlaybackFinished" => AriEvent::PlaybackFinished {
                playback_id: raw
                    .playback
                    .as_ref()
                    .and_then(|p| p.get("id"))
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_owned(),
            },
            _ => AriEvent::Other {
                kind: raw.kind,
                raw: value,
            },
        })
    }
}

/// Parameters of `POST /channels/externalMedia`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternalMedia<'a> {
    /// Stasis app the media channel joins.
    pub app: &'a str,
    /// `host:port` Asterisk sends media to.
    pub external_host: &'a str,
    /// `ulaw`, `slin16`...
    pub format: &'a str,
    /// `rtp` or `audiosocket`.
    pub encapsulation: &'a str,
    /// `udp` (rtp) or `tcp` (audiosocket).
    pub transport: &'a str,
    /// For audiosocket: the UUID sent as the first message.
    pub data: Option<&'a str>,
}

/// The ARI REST client.
#[derive(Clone)]
pub struct AriClient {
    http: reqwest::Client,
    base: String,
    user: String,
    password: Password,
}

impl fmt::Debug for AriClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("AriClient")
            .field("base", &self.base)
            .field("user", &self.user)
            .finish_non_exhaustive()
    }
}

impl AriClient {
    /// A client for `base` (e.g. `http://127.0.0.1:8088/ari`).
    ///
    /// # Errors
    /// [`Error::Config`] if `base` carries credentials or is not http(s); [`Error::Http`] if the
    /// HTTP client cannot be built.
    pub fn new(base: &str, user: &str, password: Password) -> Result<Self> {
        let url = url::Url::parse(base).map_err(|e| Error::Config(format!("base url: {e}")))?;
        if !url.username().is_empty() || url.password().is_some() {
            return Err(Error::Config(
                "put credentials in username/password, not in the URL".into(),
            ));
        }
        if !matches!(url.scheme(), "http" | "https") {
            return Err(Error::Config("base url must be http or https".into()));
        }
        let http = reqwest::Client::builder()
            .timeout(std::time::Duration::from_secs(10))
            .build()?;
        Ok(Self {
            http,
            base: base.trim_end_matches('/').to_owned(),
            user: user.to_owned(),
            password,
        })
    }

    /// The base URL.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The `ws(s)://.../events?app=APP` URL (no credentials in it).
    pub fn events_url(&self, app: &str) -> String {
        let ws = if let Some(rest) = self.base.strip_prefix("https://") {
            format!("wss://{rest}")
        } else {
            format!("ws://{}", self.base.trim_start_matches("http://"))
        };
        let app: String = url::form_urlencoded::byte_serialize(app.as_bytes()).collect();
        format!("{ws}/events?app={app}")
    }

    /// The `Authorization: Basic ...` header value.
    pub(crate) fn basic_auth_header(&self) -> String {
        use base64::Engine as _;
        let raw = format!("{}:{}", self.user, self.password.expose());
        format!(
            "Basic {}",
            base64::engine::general_purpose::STANDARD.encode(raw)
        )
    }

    async fn send(
        &self,
        method: reqwest::Method,
        name: &'static str,
        path: &str,
        query: &[(&str, &str)],
    ) -> Result<reqwest::Response> {
        let resp = self
            .http
            .request(method, format!("{}{}", self.base, path))
            .basic_auth(&self.user, Some(self.password.expose()))
            .query(query)
            .send()
            .await?;
        let status = resp.status();
        if !status.is_success() {
            return Err(Error::Status {
                method: name,
                path: path.to_owned(),
                status: status.as_u16(),
            });
        }
        Ok(resp)
    }

    /// `POST /channels/{id}/answer`.
    ///
    /// # Errors
    /// HTTP or status errors.
    pub async fn answer(&self, channel: &str) -> Result<()> {
        self.send(
            reqwest::Method::POST,
            "POST",
            &format!("/channels/{}/answer", seg(channel)),
            &[],
        )
        .await
        .map(drop)
    }

    /// `POST /bridges?type=mixing`.
    ///
    /// # Errors
    /// HTTP, status or reply-shape errors.
    pub async fn create_bridge(&self) -> Result<Bridge> {
        let r = self
            .send(
                reqwest::Method::POST,
                "POST",
                "/bridges",
                &[("type", "mixing")],
            )
            .await?;
        r.json()
            .await
            .map_err(|e| Error::Reply(format!("bridge: {e}")))
    }

    /// `POST /bridges/{bridge}/addChannel?channel={channel}`.
    ///
    /// # Errors
    /// HTTP or status errors.
    pub async fn add_channel(&self, bridge: &str, channel: &str) -> Result<()> {
        self.send(
            reqwest::Method::POST,
            "POST",
            &format!("/bridges/{}/addChannel", seg(bridge)),
            &[("channel", channel)],
        )
        .await
        .map(drop)
    }

    /// `POST /channels/externalMedia`.
    ///
    /// # Errors
    /// HTTP, status or reply-shape errors.
    pub async fn external_media(&self, p: &ExternalMedia<'_>) -> Result<Channel> {
        let mut q = vec![
            ("app", p.app),
            ("external_host", p.external_host),
            ("format", p.format),
            ("encapsulation", p.encapsulation),
            ("transport", p.transport),
            ("direction", "both"),
        ];
        if let Some(d) = p.data {
            q.push(("data", d));
        }
        let r = self
            .send(reqwest::Method::POST, "POST", "/channels/externalMedia", &q)
            .await?;
        r.json()
            .await
            .map_err(|e| Error::Reply(format!("externalMedia: {e}")))
    }

    /// `GET /channels/{id}/variable?variable=NAME`.
    ///
    /// # Errors
    /// HTTP, status or reply-shape errors.
    pub async fn get_variable(&self, channel: &str, name: &str) -> Result<String> {
        #[derive(Deserialize)]
        struct V {
            value: String,
        }
        let r = self
            .send(
                reqwest::Method::GET,
                "GET",
                &format!("/channels/{}/variable", seg(channel)),
                &[("variable", name)],
            )
            .await?;
        let v: V = r
            .json()
            .await
            .map_err(|e| Error::Reply(format!("variable: {e}")))?;
        Ok(v.value)
    }

    /// `DELETE /channels/{id}` (hang up).
    ///
    /// # Errors
    /// HTTP or status errors (404 if already gone).
    pub async fn hangup(&self, channel: &str) -> Result<()> {
        self.send(
            reqwest::Method::DELETE,
            "DELETE",
            &format!("/channels/{}", seg(channel)),
            &[],
        )
        .await
        .map(drop)
    }

    /// `DELETE /bridges/{id}`.
    ///
    /// # Errors
    /// HTTP or status errors.
    pub async fn destroy_bridge(&self, bridge: &str) -> Result<()> {
        self.send(
            reqwest::Method::DELETE,
            "DELETE",
            &format!("/bridges/{}", seg(bridge)),
            &[],
        )
        .await
        .map(drop)
    }

    /// `POST /channels/{id}/continue?context=&extension=&priority=` (back to the dialplan).
    ///
    /// # Errors
    /// HTTP or status errors.
    pub async fn continue_in_dialplan(
        &self,
        channel: &str,
        context: &str,
        extension: &str,
        priority: u32,
    ) -> Result<()> {
        let prio = priority.to_string();
        self.send(
            reqwest::Method::POST,
            "POST",
            &format!("/channels/{}/continue", seg(channel)),
            &[
                ("context", context),
                ("extension", extension),
                ("priority", &prio),
            ],
        )
        .await
        .map(drop)
    }
}

/// Percent-encodes an id for use as one path segment.
fn seg(id: &str) -> String {
    url::form_urlencoded::byte_serialize(id.as_bytes()).collect()
}

/// Parses a transfer target `context,extension[,priority]` (dialplan `Goto` order).
///
/// # Errors
/// [`Error::Config`] when the context or extension is missing or the priority is not a number.
pub fn parse_transfer_target(target: &str) -> Result<(String, String, u32)> {
    let mut parts = target.split(',').map(str::trim);
    let (Some(ctx), Some(ext)) = (parts.next(), parts.next()) else {
        return Err(Error::Config(
            "transfer target must be context,extension[,priority]".into(),
        ));
    };
    if ctx.is_empty() || ext.is_empty() {
        return Err(Error::Config(
            "transfer target must be context,extension[,priority]".into(),
        ));
    }
    let prio = match parts.next() {
        Some(p) => p
            .parse()
            .map_err(|_| Error::Config("transfer priority must be a number".into()))?,
        None => 1,
    };
    Ok((ctx.to_owned(), ext.to_owned(), prio))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_parse_into_types() {
        let e = AriEvent::parse(
            r#"{"type":"StasisStart","application":"voxgate","args":["sales"],
               "channel":{"id":"1700.1","name":"PJSIP/100-01","state":"Ring",
               "caller":{"name":"A","number":"100"},"dialplan":{"context":"default","exten":"500","priority":2}}}"#,
        )
        .unwrap();
        match e {
            AriEvent::StasisStart { channel, args } => {
                assert_eq!(channel.id, "1700.1");
                assert_eq!(channel.caller.number, "100");
                assert_eq!(channel.dialplan.unwrap().exten, "500");
                assert_eq!(args, vec!["sales"]);
            }
            other => panic!("{other:?}"),
        }
        let e = AriEvent::parse(
            r#"{"type":"ChannelDtmfReceived","digit":"7","duration_ms":100,"channel":{"id":"c"}}"#,
        )
        .unwrap();
        assert!(matches!(
            e,
            AriEvent::ChannelDtmfReceived { digit: '7', .. }
        ));
        for kind in ["StasisEnd", "ChannelHangupRequest", "ChannelDestroyed"] {
            let e =
                AriEvent::parse(&format!(r#"{{"type":"{kind}","channel":{{"id":"c"}}}}"#)).unwrap();
            assert!(!matches!(e, AriEvent::Other { .. }), "{kind}");
        }
        let e = AriEvent::parse(r#"{"type":"PlaybackFinished","playback":{"id":"pb1"}}"#).unwrap();
        assert_eq!(
            e,
            AriEvent::PlaybackFinished {
                playback_id: "pb1".into()
            }
        );
        let e = AriEvent::parse(r#"{"type":"ChannelVarset","variable":"X"}"#).unwrap();
        assert!(matches!(e, AriEvent::Other { kind, .. } if kind == "ChannelVarset"));
        assert!(AriEvent::parse("not json").is_err());
        assert!(AriEvent::parse(r#"{"type":"StasisStart"}"#).is_err());
    }

    #[test]
    fn credentials_stay_out_of_urls_and_debug() {
        let c = AriClient::new(
            "http://127.0.0.1:8088/ari/",
            "voxgate",
            Password::new("s3cret"),
        )
        .unwrap();
        assert_eq!(
            c.events_url("vox gate"),
            "ws://127.0.0.1:8088/ari/events?app=vox+gate"
        );
        assert!(!format!("{c:?}").contains("s3cret"));
        assert_eq!(c.basic_auth_header(), "Basic dm94Z2F0ZTpzM2NyZXQ=");
        assert!(AriClient::new("http://u:p@h:8088/ari", "u", Password::new("p")).is_err());
        let s = AriClient::new("https://pbx/ari", "u", Password::new("p")).unwrap();
        assert_eq!(s.events_url("a"), "wss://pbx/ari/events?app=a");
    }

    #[test]
    fn transfer_targets_parse() {
        assert_eq!(
            parse_transfer_target("sales,100,2").unwrap(),
            ("sales".into(), "100".into(), 2)
        );
        assert_eq!(
            parse_transfer_target("sales, 100").unwrap(),
            ("sales".into(), "100".into(), 1)
        );
        assert!(parse_transfer_target("sales").is_err());
        assert!(parse_transfer_target("sales,100,x").is_err());
    }
}
