//! Embedded LLM figures: load time, prefill and generation speed, time to first token.
//!
//! `cargo bench -p voxgate-agent --bench llm` (release). Uses `$VOXGATE_MODELS_DIR` or the
//! workspace `models/`.

use std::path::PathBuf;
use std::time::Instant;

use futures::StreamExt;
use voxgate_agent::llm::{ChatMessage, EmbeddedLlm, GenerateOptions, LanguageModel, LlmEvent};

const SYSTEM: &str = "You are the voice assistant of Northwind Utilities, answering a phone call. \
Answer in one or two short sentences, plainly, without lists or markdown. Facts you may use: \
the caller is Maria Lopez, account 88231, on the Green Saver electricity plan since March 2021. \
Her last bill was 84.20 euros, issued on 2 November and due on 30 November; it has not been paid \
yet. Her meter was read on 28 October. Payment can be made by card over the phone, by bank \
transfer to the account printed on the bill, or in the mobile app. Office hours are Monday to \
Friday from 8 in the morning to 6 in the evening, and Saturday from 9 to 1. Outages can be \
reported at any time by pressing 2. A payment plan can be set up for bills over 50 euros if the \
caller asks for one; a human agent handles that. Never invent facts that are not listed here; \
if you do not know, offer to transfer the caller to a human agent. Be warm and brief.";

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let dir = std::env::var_os("VOXGATE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models")));
    let path = voxgate_models::ModelPaths::resolve(&dir).smollm2_gguf;
    let t = Instant::now();
    let llm = match EmbeddedLlm::load(&path) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}: run `voxgate models setup`");
            std::process::exit(1);
        }
    };
    println!("load: {:.0} ms", t.elapsed().as_secs_f64() * 1e3);
    let msgs = [
        ChatMessage::system(SYSTEM),
        ChatMessage::user("Hi, how much is my last bill and when is it due?"),
    ];
    println!("prompt: {} tokens", llm.prompt_tokens(&msgs).len());
    let opts = GenerateOptions {
        max_tokens: 64,
        ..Default::default()
    };
    let mut ttfts = Vec::new();
    for run in 0..4 {
        let t = Instant::now();
        let mut stream = llm.generate(&msgs, &opts);
        let mut ttft = None;
        let mut text = String::new();
        while let Some(ev) = stream.next().await {
            match ev {
                Ok(LlmEvent::TextDelta(d)) => {
                    ttft.get_or_insert(t.elapsed());
                    text.push_str(&d);
                }
                Ok(LlmEvent::Finish { reason, usage }) => {
                    let prefill = usage.prefill.unwrap_or_default().as_secs_f64();
                    let gen = usage.generation.unwrap_or_default().as_secs_f64();
                    let ttft = ttft.unwrap_or_default().as_secs_f64();
                    println!(
                        "run {run}: ttft {:.0} ms, prefill {} tok in {:.0} ms = {:.0} tok/s, \
                         generation {} tok in {:.0} ms = {:.1} tok/s ({reason:?})",
                        ttft * 1e3,
                        usage.prompt_tokens,
                        prefill * 1e3,
                        f64::from(usage.prompt_tokens) / prefill,
                        usage.completion_tokens,
                        gen * 1e3,
                        f64::from(usage.completion_tokens.saturating_sub(1)) / gen,
                    );
                    if run > 0 {
                        ttfts.push(ttft);
                    }
                }
                Ok(LlmEvent::ToolCall(_)) => {}
                Err(e) => {
                    eprintln!("generation failed: {e}");
                    std::process::exit(1);
                }
            }
        }
        if run == 0 {
            println!("reply: {text:?}");
        }
    }
    ttfts.sort_by(f64::total_cmp);
    println!("ttft median (warm): {:.0} ms", ttfts[ttfts.len() / 2] * 1e3);
}
