//! The call transports served on the HTTP listener: Twilio (voice webhook and Media Streams
//! WebSocket) and the browser voice page with its WebSocket.
//!
//! The protocol work lives in `voxgate_telephony`; this module only adapts axum to it: it checks
//! `X-Twilio-Signature` before anything else (a refused request gets 403, a security log line
//! without the signature or body, and creates no call state), serves the embedded page with its
//! Content-Security-Policy, mints browser session tokens, and bridges axum's WebSocket to the
//! library-neutral [`WsMessage`].

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::ws::{self, rejection::WebSocketUpgradeRejection, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, DefaultBodyLimit, OriginalUri, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::Router;
use futures::{Sink, SinkExt, Stream, StreamExt};
use voxgate_call::{CallHandler, CallRegistry};
use voxgate_telephony::browser::{self, assets, BrowserOptions, BrowserTokens};
use voxgate_telephony::twilio::{self, MediaStreamOptions, TwilioService, SIGNATURE_HEADER};
use voxgate_telephony::ws::{CloseFrame, WsMessage};

use crate::config::Config;

/// Largest WebSocket message (and frame) accepted. Twilio media messages are ~250 bytes of JSON
/// and browser frames 640 bytes; anything near this is abuse, not audio.
pub const MAX_WS_MESSAGE_BYTES: usize = 64 * 1024;

/// Largest Twilio webhook body accepted (the form is well under 4 KiB).
const MAX_WEBHOOK_BYTES: usize = 64 * 1024;

/// Errors building the transport routes from the configuration.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The `[twilio]` section is invalid.
    #[error(transparent)]
    Twilio(#[from] twilio::Error),
}

/// Result of this module.
pub type Result<T> = std::result::Result<T, Error>;

#[derive(Debug)]
struct TwilioState {
    service: TwilioService,
    registry: CallRegistry,
    handler: Arc<dyn CallHandler>,
    options: MediaStreamOptions,
    default_profile: String,
}

#[derive(Debug)]
struct BrowserState {
    tokens: BrowserTokens,
    profile: String,
    ttl_secs: u64,
    loopback_without_auth: bool,
    registry: CallRegistry,
    handler: Arc<dyn CallHandler>,
    options: BrowserOptions,
}

/// The routes of every enabled transport, to merge into the HTTP listener's router.
///
/// Every call goes to `handler` through `registry`, so the transports share the call limits.
/// The router needs `ConnectInfo<SocketAddr>` (serve it with
/// `into_make_service_with_connect_info`).
///
/// # Errors
/// [`Error::Twilio`] when Twilio is enabled and its configuration is invalid.
pub fn router(
    config: &Config,
    registry: &CallRegistry,
    handler: &Arc<dyn CallHandler>,
) -> Result<Router> {
    let mut router = Router::new();
    if config.twilio.enabled {
        let service = config.twilio.to_transport().validate()?;
        let webhook_path = service.config().webhook_path.clone();
        let stream_path = service.config().stream_path.clone();
        let state = Arc::new(TwilioState {
            options: MediaStreamOptions {
                default_profile: config.twilio.profile.clone(),
                ..MediaStreamOptions::default()
            },
            default_profile: config.twilio.profile.clone(),
            service,
            registry: registry.clone(),
            handler: Arc::clone(handler),
        });
        router = router.merge(
            Router::new()
                .route(
                    &webhook_path,
                    post(twilio_webhook).layer(DefaultBodyLimit::max(MAX_WEBHOOK_BYTES)),
                )
                .route(&stream_path, get(twilio_stream))
                .with_state(state),
        );
    }
    if config.browser.enabled {
        let state = Arc::new(BrowserState {
            // A per-process key: tokens are minted and checked by this same server within
            // seconds, so nothing needs to survive a restart or be shared.
            tokens: BrowserTokens::random(config.browser.token_ttl_secs),
            profile: config.browser.profile.clone(),
            ttl_secs: config.browser.token_ttl_secs,
            loopback_without_auth: config.auth.browser_token_loopback_without_auth,
            registry: registry.clone(),
            handler: Arc::clone(handler),
            options: BrowserOptions::default(),
        });
        router = router.merge(
            Router::new()
                .route(
                    "/browser",
                    get(|| async { Redirect::permanent("/browser/") }),
                )
                .route("/browser/", get(browser_index))
                .route("/browser/token", post(browser_token))
                .route("/browser/ws", get(browser_ws))
                .route("/browser/{file}", get(browser_asset))
                .with_state(state),
        );
    }
    Ok(router)
}

fn signature(headers: &HeaderMap) -> Option<&str> {
    headers.get(SIGNATURE_HEADER).and_then(|v| v.to_str().ok())
}

fn path_and_query(uri: &OriginalUri) -> &str {
    uri.0.path_and_query().map_or("/", |pq| pq.as_str())
}

/// `POST <webhook_path>`: verify the signature over the form, then answer with TwiML.
async fn twilio_webhook(
    State(state): State<Arc<TwilioState>>,
    uri: OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    match state.service.handle_webhook(
        path_and_query(&uri),
        signature(&headers),
        &body,
        &state.default_profile,
    ) {
        Ok((call, twiml)) => {
            tracing::debug!(transport = "twilio", call_sid = %call.call_sid, "voice webhook answered");
            ([(header::CONTENT_TYPE, "text/xml; charset=utf-8")], twiml).into_response()
        }
        Err(e @ (twilio::Error::Signature(_) | twilio::Error::WrongAccount)) => {
            // The security line: the reason only, never the signature, the body or numbers.
            tracing::warn!(security = true, transport = "twilio", reason = %e, "twilio webhook refused");
            signature_refused("twilio webhook", &e.to_string())
        }
        Err(e) => {
            tracing::warn!(transport = "twilio", error = %e, "bad twilio webhook");
            StatusCode::BAD_REQUEST.into_response()
        }
    }
}

/// `GET <stream_path>`: the signature is checked before the upgrade is even looked at, so a
/// forged request never gets a socket.
async fn twilio_stream(
    State(state): State<Arc<TwilioState>>,
    sec: Option<axum::Extension<crate::auth::RequestSecurity>>,
    uri: OriginalUri,
    headers: HeaderMap,
    upgrade: std::result::Result<WebSocketUpgrade, WebSocketUpgradeRejection>,
) -> Response {
    if let Err(rejection) = state
        .service
        .verify_stream_upgrade(path_and_query(&uri), signature(&headers))
    {
        tracing::warn!(security = true, transport = "twilio", reason = %rejection, "media stream upgrade refused");
        return signature_refused("twilio media stream", &rejection.to_string());
    }
    let upgrade = match upgrade {
        Ok(u) => u,
        Err(rejection) => return rejection.into_response(),
    };
    limit(upgrade).on_upgrade(move |socket| async move {
        let end = twilio::serve_media_stream(
            adapt(socket, sec.map(|e| e.0)),
            &state.service,
            &state.registry,
            Arc::clone(&state.handler),
            &state.options,
        )
        .await;
        tracing::debug!(transport = "twilio", end = ?end, "media stream over");
    })
}

fn limit(upgrade: WebSocketUpgrade) -> WebSocketUpgrade {
    upgrade
        .max_message_size(MAX_WS_MESSAGE_BYTES)
        .max_frame_size(MAX_WS_MESSAGE_BYTES)
}

fn asset(name: &str) -> Response {
    let Some((body, content_type)) = assets::get(name) else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (
                header::CONTENT_SECURITY_POLICY,
                HeaderValue::from_static(assets::CONTENT_SECURITY_POLICY),
            ),
            (
                header::X_CONTENT_TYPE_OPTIONS,
                HeaderValue::from_static("nosniff"),
            ),
            (
                header::REFERRER_POLICY,
                HeaderValue::from_static("no-referrer"),
            ),
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
        ],
        body,
    )
        .into_response()
}

async fn browser_index() -> Response {
    asset("index.html")
}

async fn browser_asset(Path(file): Path<String>) -> Response {
    // `assets::get` is a closed list of names, so no path ever reaches the file system.
    if file.is_empty() {
        return StatusCode::NOT_FOUND.into_response();
    }
    asset(&file)
}

/// `POST /browser/token`: a short-lived token for one session of the configured profile.
///
/// Needs a principal holding `sessions.create` (API key or access token). With
/// `auth.browser_token_loopback_without_auth` (development), a loopback client presenting no
/// credentials at all is served too.
async fn browser_token(
    State(state): State<Arc<BrowserState>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    principal: std::result::Result<crate::auth::Principal, crate::api::ApiError>,
) -> Response {
    let presented =
        headers.contains_key(header::AUTHORIZATION) || headers.contains_key("x-api-key");
    match principal {
        Ok(p) => {
            if let Err(e) = p.require(voxgate_security::rbac::Permission::SessionsCreate) {
                return e.into_response();
            }
        }
        Err(e) if presented || !(state.loopback_without_auth && peer.ip().is_loopback()) => {
            return e.into_response();
        }
        Err(_) => {}
    }
    let token = state.tokens.mint(&state.profile);
    (
        [(header::CACHE_CONTROL, "no-store")],
        axum::Json(serde_json::json!({
            "token": token,
            "profile": state.profile,
            "expires_in": state.ttl_secs,
        })),
    )
        .into_response()
}

/// `GET /browser/ws`: the token is checked in the first message by the session itself.
async fn browser_ws(
    State(state): State<Arc<BrowserState>>,
    sec: Option<axum::Extension<crate::auth::RequestSecurity>>,
    upgrade: WebSocketUpgrade,
) -> Response {
    limit(upgrade).on_upgrade(move |socket| async move {
        let end = browser::serve_browser_session(
            adapt(socket, sec.map(|e| e.0)),
            &state.tokens,
            &state.registry,
            Arc::clone(&state.handler),
            &state.options,
        )
        .await;
        tracing::debug!(transport = "browser", end = ?end, "browser session over");
    })
}

/// A 403 for a refused signature, carrying the security signal the HTTP guard stores.
fn signature_refused(what: &str, reason: &str) -> Response {
    let mut r = StatusCode::FORBIDDEN.into_response();
    r.extensions_mut().insert(
        crate::auth::events::SecuritySignal::new(
            "signature.invalid",
            voxgate_security::monitor::Severity::Medium,
            format!("{what}: {reason}"),
        )
        .subject("twilio"),
    );
    r
}

/// Bridges axum's WebSocket to the transport-neutral [`WsMessage`] stream and sink; a message
/// over [`MAX_WS_MESSAGE_BYTES`] ends the socket and becomes a `ws.message_too_large` event.
fn adapt(
    socket: WebSocket,
    sec: Option<crate::auth::RequestSecurity>,
) -> impl Stream<Item = std::result::Result<WsMessage, axum::Error>>
       + Sink<WsMessage, Error = axum::Error>
       + Unpin
       + Send {
    Box::pin(
        socket
            .inspect(move |r| {
                if let (Err(e), Some(sec)) = (r, &sec) {
                    // tungstenite's capacity error, seen through axum's opaque error.
                    let text = e.to_string();
                    if text.contains("Message too long") || text.contains("Space limit exceeded") {
                        sec.events.record(
                            "ws.message_too_large",
                            voxgate_security::monitor::Severity::Medium,
                            Some(sec.ip),
                            None,
                            &format!("WebSocket message over {MAX_WS_MESSAGE_BYTES} bytes"),
                        );
                    }
                }
            })
            .map(|r| r.map(from_axum))
            .with(|m: WsMessage| futures::future::ready(Ok::<_, axum::Error>(to_axum(m)))),
    )
}

fn from_axum(m: ws::Message) -> WsMessage {
    match m {
        ws::Message::Text(t) => WsMessage::Text(t.as_str().to_owned()),
        ws::Message::Binary(b) => WsMessage::Binary(b),
        ws::Message::Ping(b) => WsMessage::Ping(b),
        ws::Message::Pong(b) => WsMessage::Pong(b),
        ws::Message::Close(c) => WsMessage::Close(c.map(|c| CloseFrame {
            code: c.code,
            reason: c.reason.as_str().to_owned(),
        })),
    }
}

fn to_axum(m: WsMessage) -> ws::Message {
    match m {
        WsMessage::Text(t) => ws::Message::Text(t.into()),
        WsMessage::Binary(b) => ws::Message::Binary(b),
        WsMessage::Ping(b) => ws::Message::Ping(b),
        WsMessage::Pong(b) => ws::Message::Pong(b),
        WsMessage::Close(c) => ws::Message::Close(c.map(|c| ws::CloseFrame {
            code: c.code,
            reason: c.reason.into(),
        })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_survive_the_bridge_both_ways() {
        let cases = [
            WsMessage::Text("{\"event\":\"stop\"}".into()),
            WsMessage::Binary(Bytes::from_static(&[0, 1, 255])),
            WsMessage::Ping(Bytes::from_static(b"p")),
            WsMessage::Pong(Bytes::new()),
            WsMessage::Close(None),
            WsMessage::close(1008, "unauthorized"),
        ];
        for m in cases {
            assert_eq!(from_axum(to_axum(m.clone())), m);
        }
    }
}
