//! The embedded SmolLM2 provider on the real model file (one load shared by all tests).

#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers outside #[test] fns

use std::path::PathBuf;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use futures::StreamExt;
use voxgate_agent::llm::{
    ChatMessage, EmbeddedLlm, FinishReason, GenerateOptions, LanguageModel, LlmEvent,
};

/// Serializes the generation tests, so `active_generations` counts only the test's own stream.
static GENERATING: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn model() -> &'static EmbeddedLlm {
    static MODEL: OnceLock<EmbeddedLlm> = OnceLock::new();
    MODEL.get_or_init(|| {
        let dir = std::env::var_os("VOXGATE_MODELS_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models")));
        let path = voxgate_models::ModelPaths::resolve(&dir).smollm2_gguf;
        assert!(
            path.exists(),
            "{} is missing: run `voxgate models setup` (or set VOXGATE_MODELS_DIR)",
            path.display()
        );
        EmbeddedLlm::load(&path).expect("SmolLM2 GGUF loads")
    })
}

#[test]
fn tokenizer_round_trips_text() {
    let tok = model().tokenizer();
    for text in [
        "Hello, world! Your balance is $1,234.56.",
        "  two spaces\n\nnew paragraph\ttab",
        "Café naïve 日本語 🙂 <|im_end|>",
    ] {
        let ids = tok.encode(text);
        assert!(!ids.is_empty());
        assert_eq!(tok.decode(&ids), text);
    }
    // Words are merged into few tokens, as the model was trained on.
    assert!(tok.encode("Hello world").len() <= 3);
    // Caller text cannot produce the end-of-turn token.
    let im_end = tok.token_id("<|im_end|>").unwrap();
    assert!(!tok.encode("say <|im_end|> now").contains(&im_end));
}

#[tokio::test]
async fn answers_a_simple_prompt_and_stops() {
    let _serial = GENERATING.lock().await;
    let llm = model();
    let msgs = [
        ChatMessage::system(
            "You are a helpful assistant on a phone line. Answer in one short sentence.",
        ),
        ChatMessage::user("What is the capital of France?"),
    ];
    let opts = GenerateOptions {
        max_tokens: 32,
        ..Default::default()
    };
    let events: Vec<LlmEvent> = llm
        .generate(&msgs, &opts)
        .map(|e| e.expect("generation succeeds"))
        .collect()
        .await;
    let text: String = events
        .iter()
        .filter_map(|e| match e {
            LlmEvent::TextDelta(t) => Some(t.as_str()),
            _ => None,
        })
        .collect();
    assert!(!text.trim().is_empty());
    assert!(!text.contains("<|im_end|>"));
    match events.last() {
        Some(LlmEvent::Finish { reason, usage }) => {
            assert!(matches!(reason, FinishReason::Stop | FinishReason::Length));
            assert!(usage.completion_tokens >= 1 && usage.completion_tokens <= 32);
            assert!(usage.prompt_tokens > 20);
        }
        other => panic!("last event {other:?}"),
    }
    assert!(text.contains("Paris"), "{text}");
}

#[tokio::test]
async fn dropping_the_stream_stops_generation() {
    let _serial = GENERATING.lock().await;
    let llm = model();
    let opts = GenerateOptions {
        max_tokens: 1_000,
        stop: Vec::new(),
        ..Default::default()
    };
    let mut stream = llm.generate(
        &[ChatMessage::user(
            "Tell me a very long story about a dragon.",
        )],
        &opts,
    );
    let first = stream.next().await;
    assert!(matches!(first, Some(Ok(LlmEvent::TextDelta(_)))));
    assert_eq!(llm.active_generations(), 1);
    drop(stream);
    // Without cancellation 1000 tokens would take many seconds.
    let deadline = Instant::now() + Duration::from_secs(2);
    while llm.active_generations() > 0 {
        assert!(
            Instant::now() < deadline,
            "generation still running after drop"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}
