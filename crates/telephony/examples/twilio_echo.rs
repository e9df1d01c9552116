//! A Twilio Media Streams server with the echo profile, for load runs and manual tests: checks
//! the upgrade signature (403 otherwise) and the stream token, then echoes. The real server
//! wires the same calls behind axum.
//!
//! ```text
//! TWILIO_AUTH_TOKEN=secret cargo run --release -p voxgate-telephony --example twilio_echo -- 127.0.0.1:8098
//! TWILIO_AUTH_TOKEN=secret cargo run --release -p voxgate-telephony --example twilio_loadgen -- \
//!     ws://127.0.0.1:8098/twilio/stream 200 10
//! ```

// tungstenite's handshake callback returns its (large) error response by value.
#![allow(clippy::result_large_err)]

use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio_tungstenite::tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tokio_tungstenite::tungstenite::http::StatusCode;
use voxgate_call::{CallHandler, CallLimits, CallRegistry, CancellationToken, EchoHandler};
use voxgate_telephony::twilio::{
    serve_media_stream, MediaStreamOptions, Secret, TwilioConfig, SIGNATURE_HEADER,
};
use voxgate_telephony::ws::TungsteniteWs;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8098".to_owned());
    let token = std::env::var("TWILIO_AUTH_TOKEN").map_err(|_| "set TWILIO_AUTH_TOKEN")?;
    let listener = TcpListener::bind(&addr).await?;
    let local = listener.local_addr()?;
    let service = TwilioConfig::new(Secret::new(token), format!("http://{local}")).validate()?;
    let limits = CallLimits {
        max_concurrent_calls: 10_000,
        ..CallLimits::default()
    };
    let registry = CallRegistry::new(limits, CancellationToken::new());
    let echo: Arc<dyn CallHandler> = Arc::new(EchoHandler::new(Duration::ZERO));
    println!(
        "listening on {} (pid {})",
        service.stream_url(),
        std::process::id()
    );
    loop {
        let (tcp, _) = listener.accept().await?;
        let _ = tcp.set_nodelay(true);
        let (service, registry, echo) = (service.clone(), registry.clone(), Arc::clone(&echo));
        tokio::spawn(async move {
            let check = |req: &Request, resp: Response| {
                let pq = req.uri().path_and_query().map_or("/", |p| p.as_str());
                let sig = req
                    .headers()
                    .get(SIGNATURE_HEADER)
                    .and_then(|v| v.to_str().ok());
                match service.verify_stream_upgrade(pq, sig) {
                    Ok(()) => Ok(resp),
                    Err(reason) => {
                        eprintln!("403: {reason}");
                        let mut r = ErrorResponse::new(None);
                        *r.status_mut() = StatusCode::FORBIDDEN;
                        Err(r)
                    }
                }
            };
            let Ok(ws) = tokio_tungstenite::accept_hdr_async(tcp, check).await else {
                return;
            };
            serve_media_stream(
                TungsteniteWs::new(ws),
                &service,
                &registry,
                echo,
                &MediaStreamOptions::default(),
            )
            .await;
        });
    }
}
