//! A tiny server for the browser voice page with the echo profile: serves the embedded page and
//! the `/ws` voice WebSocket on one port. Used by `scripts/browser-e2e/run.sh`; the real server
//! wires the same handler behind axum.
//!
//! ```text
//! cargo run -p voxgate-telephony --example browser_echo -- 127.0.0.1:8099
//! ```
//!
//! Prints `URL http://ADDR/#token=...&profile=echo` once listening, and one
//! `SESSION {...}` JSON line with the server-side counters when each session ends.

use std::sync::Arc;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use voxgate_call::{CallHandler, CallLimits, CallRegistry, CancellationToken, EchoHandler};
use voxgate_telephony::browser::{
    assets, serve_browser_session, BrowserOptions, BrowserTokens, SessionEnd,
};
use voxgate_telephony::ws::TungsteniteWs;

#[tokio::main(flavor = "current_thread")]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "127.0.0.1:8099".to_owned());
    let listener = TcpListener::bind(&addr).await?;
    let local = listener.local_addr()?;
    let tokens = BrowserTokens::random(600);
    let registry = CallRegistry::new(CallLimits::default(), CancellationToken::new());
    let echo: Arc<dyn CallHandler> = Arc::new(EchoHandler::new(Duration::from_millis(100)));
    println!(
        "URL http://{local}/#token={}&profile=echo",
        tokens.mint(EchoHandler::PROFILE)
    );
    loop {
        let (tcp, _) = listener.accept().await?;
        let _ = tcp.set_nodelay(true);
        let (tokens, registry, echo) = (tokens.clone(), registry.clone(), Arc::clone(&echo));
        tokio::spawn(async move {
            if let Err(e) = serve(tcp, &tokens, &registry, echo).await {
                eprintln!("connection error: {e}");
            }
        });
    }
}

async fn serve(
    mut tcp: TcpStream,
    tokens: &BrowserTokens,
    registry: &CallRegistry,
    echo: Arc<dyn CallHandler>,
) -> std::io::Result<()> {
    // Peek at the request head so a WebSocket upgrade can still be handed, unread, to
    // tungstenite.
    let mut buf = [0u8; 4096];
    let mut n = 0;
    for _ in 0..200 {
        n = tcp.peek(&mut buf).await?;
        if buf[..n].windows(4).any(|w| w == b"\r\n\r\n") || n == buf.len() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    let head = String::from_utf8_lossy(&buf[..n]).into_owned();
    let path = head
        .lines()
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .unwrap_or("/")
        .to_owned();
    if path == "/ws" {
        let ws = tokio_tungstenite::accept_async(tcp)
            .await
            .map_err(std::io::Error::other)?;
        let end = serve_browser_session(
            TungsteniteWs::new(ws),
            tokens,
            registry,
            echo,
            &BrowserOptions::default(),
        )
        .await;
        match end {
            SessionEnd::Ended {
                reason, stats, ..
            } => println!(
                "SESSION {{\"reason\":\"{}\",\"frames_in\":{},\"frames_out\":{},\"dtmf\":{},\"bad\":{}}}",
                reason.label(),
                stats.frames_in,
                stats.frames_out,
                stats.dtmf,
                stats.bad_messages
            ),
            SessionEnd::Refused(r) => println!("SESSION {{\"refused\":\"{r}\"}}"),
        }
        return Ok(());
    }
    // Consume the request head, answer, close.
    let mut sink = vec![0u8; n];
    tcp.read_exact(&mut sink).await?;
    let name = path
        .trim_start_matches('/')
        .split(['?', '#'])
        .next()
        .unwrap_or("");
    let response = match assets::get(name) {
        Some((body, ctype)) => format!(
            "HTTP/1.1 200 OK\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\n\
             Content-Security-Policy: {}\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
            body.len(),
            assets::CONTENT_SECURITY_POLICY
        ),
        None => {
            eprintln!("404 {name}");
            "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_owned()
        }
    };
    tcp.write_all(response.as_bytes()).await?;
    tcp.shutdown().await
}
