//! The OpenAI-compatible provider against a fake chat-completions server streaming SSE bytes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use axum::routing::post;
use axum::Router;
use futures::StreamExt;
use voxgate_agent::llm::{
    ChatMessage, FinishReason, GenerateOptions, LanguageModel, LlmEvent, LlmTimeouts,
    OpenAiCompatible, OpenAiConfig, Secret, ToolCall, ToolSpec,
};
use voxgate_agent::{Error, TimeoutKind};

/// What the fake server does for each request, in order (the last one repeats).
#[derive(Clone)]
enum Reply {
    Status(u16),
    /// SSE body as separate byte chunks, with a pause between chunks.
    Sse(Vec<&'static [u8]>, Duration),
    /// Accept, then never answer.
    Hang,
}

#[derive(Clone)]
struct Fake {
    replies: Arc<Vec<Reply>>,
    hits: Arc<AtomicUsize>,
    bodies: Arc<std::sync::Mutex<Vec<(String, serde_json::Value)>>>,
}

async fn handler(State(f): State<Fake>, headers: HeaderMap, body: String) -> Response {
    let n = f.hits.fetch_add(1, Ordering::SeqCst);
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let json = serde_json::from_str(&body).unwrap_or(serde_json::Value::Null);
    f.bodies.lock().unwrap().push((auth, json));
    let reply = f.replies[n.min(f.replies.len() - 1)].clone();
    match reply {
        Reply::Status(code) => Response::builder()
            .status(StatusCode::from_u16(code).unwrap())
            .body(Body::from(r#"{"error":{"message":"busy"}}"#))
            .unwrap(),
        Reply::Sse(chunks, pause) => {
            let stream = futures::stream::iter(chunks).then(move |c| async move {
                tokio::time::sleep(pause).await;
                Ok::<_, Infallible>(bytes::Bytes::from_static(c))
            });
            Response::builder()
                .header("content-type", "text/event-stream")
                .body(Body::from_stream(stream))
                .unwrap()
        }
        Reply::Hang => {
            tokio::time::sleep(Duration::from_secs(60)).await;
            Response::new(Body::empty())
        }
    }
}

async fn serve(replies: Vec<Reply>) -> (SocketAddr, Fake) {
    let fake = Fake {
        replies: Arc::new(replies),
        hits: Arc::new(AtomicUsize::new(0)),
        bodies: Arc::default(),
    };
    let app = Router::new()
        .route("/v1/chat/completions", post(handler))
        .with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (addr, fake)
}

fn client(addr: SocketAddr, first_token_ms: u64) -> OpenAiCompatible {
    OpenAiCompatible::new(OpenAiConfig {
        base_url: format!("http://{addr}/v1"),
        model: "test-model".into(),
        api_key: Some(Secret::new("sk-test-secret")),
        timeouts: LlmTimeouts {
            connect_ms: 500,
            first_token_ms,
            total_ms: 5_000,
        },
        max_retries: 2,
        backoff: Duration::from_millis(10),
    })
    .unwrap()
}

async fn collect(llm: &dyn LanguageModel, opts: &GenerateOptions) -> Vec<Result<LlmEvent, Error>> {
    llm.generate(&[ChatMessage::user("hi")], opts)
        .collect()
        .await
}

// Byte for byte what api.openai.com sends, with chunk boundaries inside JSON, inside a UTF-8
// character ("é" = C3 A9) and between CR and LF.
const TEXT: &[&[u8]] = &[
    b"data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}\n\n",
    b"data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"Caf\xc3",
    b"\xa9 opens\"},\"finish_reason\":null}]}\r",
    b"\n\r\n",
    b"data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\" at 9.\"},\"finish_reason\":null}]}\n\n: ping\n\n",
    b"data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\n",
    b"data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":12,\"completion_tokens\":4,\"total_tokens\":16}}\n\n",
    b"data: [DONE]\n\n",
];

const TOOL: &[&[u8]] = &[
    b"data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[{\"index\":0,\"id\":\"call_abc\",\"type\":\"function\",\"function\":{\"name\":\"lookup_customer\",\"arguments\":\"\"}}]},\"finish_reason\":null}]}\n\n",
    b"data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"{\\\"acc\"}}]},\"finish_reason\":null}]}\n\n",
    b"data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,\"function\":{\"arguments\":\"ount\\\": \\\"",
    b"1234\\\"}\"}}]},\"finish_reason\":null}]}\n\n",
    b"data: {\"id\":\"c2\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}\n\ndata: [DONE]\n\n",
];

#[tokio::test]
async fn streams_text_split_anywhere() {
    let (addr, fake) = serve(vec![Reply::Sse(TEXT.to_vec(), Duration::from_millis(5))]).await;
    let llm = client(addr, 2_000);
    let events: Vec<LlmEvent> = collect(&llm, &GenerateOptions::default())
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            LlmEvent::TextDelta(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(text, "Café opens at 9.");
    match events.last().unwrap() {
        LlmEvent::Finish { reason, usage } => {
            assert_eq!(*reason, FinishReason::Stop);
            assert_eq!((usage.prompt_tokens, usage.completion_tokens), (12, 4));
        }
        other => panic!("last event {other:?}"),
    }
    let bodies = fake.bodies.lock().unwrap();
    assert_eq!(bodies[0].0, "Bearer sk-test-secret");
    assert_eq!(bodies[0].1["stream"], serde_json::json!(true));
    assert_eq!(bodies[0].1["model"], serde_json::json!("test-model"));
}

#[tokio::test]
async fn assembles_tool_call_after_500_retry() {
    let (addr, fake) = serve(vec![
        Reply::Status(500),
        Reply::Status(429),
        Reply::Sse(TOOL.to_vec(), Duration::from_millis(2)),
    ])
    .await;
    let llm = client(addr, 2_000);
    let opts = GenerateOptions {
        tools: vec![ToolSpec {
            name: "lookup_customer".into(),
            description: "Find a customer by account number".into(),
            parameters: serde_json::json!({"type":"object","properties":{"account":{"type":"string"}},"required":["account"]}),
        }],
        ..Default::default()
    };
    let events: Vec<LlmEvent> = collect(&llm, &opts)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(fake.hits.load(Ordering::SeqCst), 3);
    assert_eq!(
        events[0],
        LlmEvent::ToolCall(ToolCall {
            id: "call_abc".into(),
            name: "lookup_customer".into(),
            arguments: "{\"account\": \"1234\"}".into(),
        })
    );
    assert!(matches!(
        events[1],
        LlmEvent::Finish {
            reason: FinishReason::ToolCalls,
            ..
        }
    ));
    assert_eq!(events.len(), 2);
    let bodies = fake.bodies.lock().unwrap();
    assert_eq!(
        bodies[2].1["tools"][0]["function"]["parameters"]["required"],
        serde_json::json!(["account"])
    );
}

#[tokio::test]
async fn gives_up_after_retries_with_http_error() {
    let (addr, fake) = serve(vec![Reply::Status(503)]).await;
    let events = collect(&client(addr, 2_000), &GenerateOptions::default()).await;
    assert_eq!(fake.hits.load(Ordering::SeqCst), 3);
    match &events[..] {
        [Err(Error::Http {
            status: 503,
            message,
        })] => assert_eq!(message, "busy"),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn first_token_timeout() {
    let (addr, _fake) = serve(vec![Reply::Hang]).await;
    let started = std::time::Instant::now();
    let events = collect(&client(addr, 200), &GenerateOptions::default()).await;
    assert!(matches!(
        &events[..],
        [Err(Error::Timeout(TimeoutKind::FirstToken))]
    ));
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn stop_sequence_cuts_remote_text() {
    let (addr, _fake) = serve(vec![Reply::Sse(TEXT.to_vec(), Duration::ZERO)]).await;
    let opts = GenerateOptions {
        stop: vec![" at".into()],
        ..Default::default()
    };
    let events: Vec<LlmEvent> = collect(&client(addr, 2_000), &opts)
        .await
        .into_iter()
        .map(Result::unwrap)
        .collect();
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            LlmEvent::TextDelta(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(text, "Café opens");
}

#[test]
fn config_errors_are_typed() {
    let cfg: voxgate_agent::llm::LlmConfig =
        serde_json::from_str(r#"{"provider":"openai_compatible","model":"x"}"#).unwrap();
    assert!(matches!(
        voxgate_agent::llm::build(&cfg, std::path::Path::new("/nonexistent")),
        Err(Error::Config(_))
    ));
}
