//! The prefix cache on the real model: reused keys and values must give the same answer as a
//! cold evaluation.

use std::path::PathBuf;
use std::sync::OnceLock;

use futures::StreamExt;

use super::*;

/// The shared model; tests that read the cache counters hold this lock.
static SERIAL: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

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

const SYSTEM: &str = "You are the phone assistant of a bakery. Answer in one short sentence. \
The bakery opens at 7 and closes at 6, every day except Monday.";

async fn reply(llm: &EmbeddedLlm, msgs: &[ChatMessage]) -> String {
    let opts = GenerateOptions {
        max_tokens: 20,
        ..Default::default()
    };
    let mut out = String::new();
    let mut stream = llm.generate(msgs, &opts);
    while let Some(ev) = stream.next().await {
        match ev.expect("generation succeeds") {
            LlmEvent::TextDelta(t) => out.push_str(&t),
            LlmEvent::Finish { .. } => return out,
            LlmEvent::ToolCall(_) => panic!("no tool calls from the embedded model"),
        }
    }
    panic!("stream ended without Finish: {out:?}");
}

/// Runs `msgs` and returns the reply and how many prompt tokens came from the cache.
async fn reply_counting(llm: &EmbeddedLlm, msgs: &[ChatMessage]) -> (String, u64) {
    let before = llm.cache_stats();
    let text = reply(llm, msgs).await;
    (text, llm.cache_stats().reused_tokens - before.reused_tokens)
}

#[test]
fn split_forward_matches_one_pass_logits() {
    let llm = model();
    let m = &llm.inner.model;
    let tokens = llm.prompt_tokens(&[ChatMessage::system(SYSTEM), ChatMessage::user("Hi!")]);
    let mut cold = m.new_cache();
    let full = m.forward(&tokens, &mut cold).unwrap();
    // Prefix in one batch, then a truncated clone extended token by token and in a batch.
    let mut base = m.new_cache();
    m.forward(&tokens[..20], &mut base).unwrap();
    let mut shared = base.clone();
    shared.truncate(12).unwrap();
    assert_eq!(shared.len(), 12);
    assert_eq!(base.len(), 20, "truncating a clone leaves the original");
    let mut split = None;
    for (i, &t) in tokens[12..].iter().enumerate() {
        if i == 3 {
            split = Some(m.forward(&tokens[15..], &mut shared).unwrap());
            break;
        }
        m.forward(&[t], &mut shared).unwrap();
    }
    let split = split.unwrap();
    assert_eq!(shared.len(), tokens.len());
    let diff = (full.clone() - &split)
        .unwrap()
        .abs()
        .unwrap()
        .max(0)
        .unwrap()
        .to_scalar::<f32>()
        .unwrap();
    // Hybrid weights: the batch runs on f32 weights, single tokens on Q8_0 ones.
    assert!(diff < 1.0, "max logit difference {diff}");
    assert_eq!(
        crate::llm::llama::argmax(&full).unwrap(),
        crate::llm::llama::argmax(&split).unwrap()
    );
    // The untouched original still continues correctly.
    let again = m.forward(&tokens[20..], &mut base).unwrap();
    assert_eq!(
        crate::llm::llama::argmax(&full).unwrap(),
        crate::llm::llama::argmax(&again).unwrap()
    );
}

#[tokio::test]
async fn cached_prefix_gives_the_same_greedy_reply_as_a_cold_run() {
    let _serial = SERIAL.lock().await;
    let llm = model();
    llm.clear_prefix_cache();
    let turn1 = [
        ChatMessage::system(SYSTEM),
        ChatMessage::user("Are you open on Sunday?"),
    ];
    let (first, reused) = reply_counting(llm, &turn1).await;
    assert_eq!(reused, 0, "nothing cached yet");
    let mut turn2 = turn1.to_vec();
    turn2.push(ChatMessage::assistant(first.trim()));
    turn2.push(ChatMessage::user("And what time do you close?"));

    let (warm, reused) = reply_counting(llm, &turn2).await;
    let turn1_len = llm.prompt_tokens(&turn1).len() as u64;
    assert!(
        reused >= turn1_len,
        "turn 2 reused {reused} tokens, turn 1 prompt alone is {turn1_len}"
    );

    llm.clear_prefix_cache();
    let (cold, reused) = reply_counting(llm, &turn2).await;
    assert_eq!(reused, 0);
    assert!(!cold.trim().is_empty());
    assert_eq!(warm, cold);
}

#[tokio::test]
async fn diverging_and_repeated_prompts_reuse_only_the_common_prefix() {
    let _serial = SERIAL.lock().await;
    let llm = model();
    llm.clear_prefix_cache();
    let system = ChatMessage::system(SYSTEM);
    let a = [system.clone(), ChatMessage::user("Do you sell bread?")];
    let b = [
        system.clone(),
        ChatMessage::user("Can I order a cake for Friday?"),
    ];
    let a_reply = reply(llm, &a).await;

    // Same system prompt, different question: the shared part is reused, the rest evaluated.
    let (b_warm, reused) = reply_counting(llm, &b).await;
    let pa = llm.prompt_tokens(&a);
    let pb = llm.prompt_tokens(&b);
    let common = pa.iter().zip(&pb).take_while(|(x, y)| x == y).count() as u64;
    assert_eq!(reused, common);
    assert!(common >= llm.prompt_tokens(std::slice::from_ref(&system)).len() as u64 - 3);

    // Exactly the same prompt again: the cached conversation is longer (it holds the reply),
    // so it is truncated to leave the last prompt token to evaluate.
    let (a_again, reused) = reply_counting(llm, &a).await;
    assert_eq!(reused, pa.len() as u64 - 1);
    assert_eq!(a_again, a_reply);

    llm.clear_prefix_cache();
    let (b_cold, reused) = reply_counting(llm, &b).await;
    assert_eq!(reused, 0);
    assert_eq!(b_warm, b_cold);
}

#[tokio::test]
async fn warmed_system_prompt_is_reused_by_new_calls() {
    let _serial = SERIAL.lock().await;
    let llm = model();
    llm.clear_prefix_cache();
    let system = ChatMessage::system(SYSTEM);
    let evaluated = llm.warm_prefix(std::slice::from_ref(&system)).unwrap();
    let sys_len = evaluated as u64;
    assert!(sys_len > 20);
    // Warming again evaluates nothing new.
    assert_eq!(llm.warm_prefix(std::slice::from_ref(&system)).unwrap(), 0);
    for q in ["Do you bake on Monday?", "Hello, do you have croissants?"] {
        let (_, reused) = reply_counting(llm, &[system.clone(), ChatMessage::user(q)]).await;
        assert!(
            reused >= sys_len,
            "reused {reused} of the {sys_len} warmed tokens"
        );
    }
}

#[test]
fn a_token_that_would_repeat_a_four_token_run_is_banned() {
    // Reply so far: 5 6 7 8 | 5 6 7 -> 8 would repeat "5 6 7 8".
    let generated = [5, 6, 7, 8, 5, 6, 7];
    let mut logits = vec![1.0_f32; 10];
    logits[9] = -1.0;
    penalize_repeats(&mut logits, &generated);
    assert_eq!(logits[8], f32::NEG_INFINITY);
    // Recently generated tokens are penalized, not banned; others are untouched.
    assert!((logits[5] - 1.0 / REPEAT_PENALTY).abs() < 1e-6);
    assert_eq!(logits[1], 1.0);
    assert_eq!(logits[9], -1.0);
    // A run seen once only continues freely.
    let mut logits = vec![1.0_f32; 10];
    penalize_repeats(&mut logits, &[1, 2, 3]);
    assert!(logits.iter().all(|l| l.is_finite()));
}
