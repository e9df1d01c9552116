//! Embedded LLM figures: load time, cold and warm time to first token, time to the first 8
//! tokens, decoding speed, and two concurrent conversations.
//!
//! `cargo bench -p voxgate-agent --bench llm [-- --format q8_0|f32|native] [--runs N]`
//! (release). Uses `$VOXGATE_MODELS_DIR` or the workspace `models/`.
//!
//! - *cold*: empty prefix cache, the whole ~250-token system + user prompt is evaluated;
//! - *warm turn*: the second turn of the same conversation (its first turn and reply are
//!   cached, ~20 new tokens);
//! - *warm system*: the first turn of a new call whose system prompt was warmed
//!   ([`EmbeddedLlm::warm_prefix`]) or computed by an earlier call;
//! - *concurrent*: two new calls (warm system prompt) started at the same instant.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use futures::StreamExt;
use voxgate_agent::llm::{
    ChatMessage, EmbeddedLlm, EmbeddedOptions, GenerateOptions, LanguageModel, LlmEvent,
    WeightFormat,
};

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

const QUESTION: &str = "Hi, how much is my last bill and when is it due?";
const FOLLOW_UPS: [&str; 3] = [
    "Okay, thanks. And can I pay it with my card right now over the phone, please?",
    "Alright. What are your office hours on Saturday, in case I want to come by in person?",
    "Thanks. How do I report a power outage in my street if it happens tonight?",
];
const OTHER_CALLERS: [&str; 2] = [
    "Hello, when was my meter last read?",
    "Good morning, what plan am I on at the moment?",
];
/// Pairs of new callers for the concurrency runs (each pair unseen by the cache).
const PAIRS: [[&str; 2]; 3] = [
    [
        "Hi, is my bill paid already?",
        "Hello, can I get a payment plan?",
    ],
    [
        "Hey, what is my account number?",
        "Hi, when is the office open today?",
    ],
    [
        "Hello, how do I pay by bank transfer?",
        "Hi, who do I call about an outage?",
    ],
];

struct Turn {
    ttft: Duration,
    first8: Option<Duration>,
    text: String,
    decode_tps: f64,
    prompt_tokens: u32,
}

async fn turn(llm: &EmbeddedLlm, msgs: &[ChatMessage], max_tokens: u32) -> Turn {
    let opts = GenerateOptions {
        max_tokens,
        ..Default::default()
    };
    let t = Instant::now();
    let mut stream = llm.generate(msgs, &opts);
    let mut ttft = None;
    let mut first8 = None;
    let mut deltas = 0;
    let mut text = String::new();
    let mut decode_tps = 0.0;
    let mut prompt_tokens = 0;
    while let Some(ev) = stream.next().await {
        match ev {
            Ok(LlmEvent::TextDelta(d)) => {
                ttft.get_or_insert(t.elapsed());
                deltas += 1;
                if deltas == 8 {
                    first8 = Some(t.elapsed());
                }
                text.push_str(&d);
            }
            Ok(LlmEvent::Finish { usage, .. }) => {
                let gen = usage.generation.unwrap_or_default().as_secs_f64();
                decode_tps = f64::from(usage.completion_tokens.saturating_sub(1)) / gen.max(1e-9);
                prompt_tokens = usage.prompt_tokens;
            }
            Ok(_) => {}
            Err(e) => {
                eprintln!("generation failed: {e}");
                std::process::exit(1);
            }
        }
    }
    Turn {
        ttft: ttft.unwrap_or_default(),
        first8,
        text,
        decode_tps,
        prompt_tokens,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
}

fn report(label: &str, turns: &[Turn]) {
    let ttft = median(turns.iter().map(|t| ms(t.ttft)).collect());
    let first8 = median(
        turns
            .iter()
            .map(|t| t.first8.map_or(f64::NAN, ms))
            .collect(),
    );
    let tps = median(turns.iter().map(|t| t.decode_tps).collect());
    let prompt = turns.first().map_or(0, |t| t.prompt_tokens);
    println!(
        "{label:<12} prompt {prompt:>3} tok | ttft median {ttft:>6.0} ms | first 8 tokens {first8:>6.0} ms \
         | decode {tps:>5.1} tok/s | runs {}",
        turns.len()
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let args: Vec<String> = std::env::args().collect();
    let arg = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let format: WeightFormat = match arg("--format").map(|s| s.parse()) {
        None => WeightFormat::default(),
        Some(Ok(f)) => f,
        Some(Err(e)) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let runs: usize = arg("--runs").and_then(|s| s.parse().ok()).unwrap_or(3);
    let dir = std::env::var_os("VOXGATE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../models")));
    let path = voxgate_models::ModelPaths::resolve(&dir).smollm2_gguf;
    let options = EmbeddedOptions {
        weight_format: format.into(),
        ..Default::default()
    };
    let t = Instant::now();
    let llm = match EmbeddedLlm::load_with(&path, &options) {
        Ok(l) => l,
        Err(e) => {
            eprintln!("{e}: run `voxgate models setup`");
            std::process::exit(1);
        }
    };
    println!(
        "weights {format:?}, rayon threads {}: load + warm-up {:.0} ms",
        rayon_threads(),
        ms(t.elapsed())
    );

    let first = [ChatMessage::system(SYSTEM), ChatMessage::user(QUESTION)];

    // Cold: nothing cached.
    let mut cold = Vec::new();
    for _ in 0..runs {
        llm.clear_prefix_cache();
        cold.push(turn(&llm, &first, 48).await);
    }
    println!("reply: {:?}", cold[0].text);
    report("cold", &cold);

    // Warm turn: second turn of the same conversation.
    let mut warm = Vec::new();
    for q in FOLLOW_UPS.iter().cycle().take(runs) {
        llm.clear_prefix_cache();
        let t1 = turn(&llm, &first, 48).await;
        let mut msgs = first.to_vec();
        msgs.push(ChatMessage::assistant(t1.text.trim()));
        msgs.push(ChatMessage::user(*q));
        let new_tokens = llm.prompt_tokens(&msgs).len() - llm.prompt_tokens(&first).len();
        let before = llm.cache_stats();
        warm.push(turn(&llm, &msgs, 48).await);
        let after = llm.cache_stats();
        if warm.len() == 1 {
            println!(
                "warm turn: {new_tokens} tokens more than turn 1; evaluated {} of {}",
                after.evaluated_tokens - before.evaluated_tokens,
                llm.prompt_tokens(&msgs).len()
            );
        }
    }
    report("warm turn", &warm);

    // Warm system prompt: a new call after the profile's prompt was warmed.
    llm.clear_prefix_cache();
    let t = Instant::now();
    let warmed = llm.warm_prefix(&[ChatMessage::system(SYSTEM)]);
    println!(
        "warm_prefix(system): {warmed:?} tokens in {:.0} ms",
        ms(t.elapsed())
    );
    let mut sys = Vec::new();
    for q in OTHER_CALLERS.iter().chain(FOLLOW_UPS.iter()).take(runs) {
        sys.push(
            turn(
                &llm,
                &[ChatMessage::system(SYSTEM), ChatMessage::user(*q)],
                48,
            )
            .await,
        );
    }
    report("warm system", &sys);

    // Two new calls at once, system prompt warm.
    let mut conc = Vec::new();
    for [qa, qb] in PAIRS.iter().cycle().take(runs) {
        let a = [ChatMessage::system(SYSTEM), ChatMessage::user(*qa)];
        let b = [ChatMessage::system(SYSTEM), ChatMessage::user(*qb)];
        let (ta, tb) = tokio::join!(turn(&llm, &a, 48), turn(&llm, &b, 48));
        conc.push(ta);
        conc.push(tb);
    }
    report("2 concurrent", &conc);

    // Two new calls at once, nothing cached.
    let mut conc_cold = Vec::new();
    for _ in 0..runs.min(2) {
        llm.clear_prefix_cache();
        let a = [
            ChatMessage::system(SYSTEM),
            ChatMessage::user(OTHER_CALLERS[0]),
        ];
        let b = [
            ChatMessage::system(SYSTEM),
            ChatMessage::user(OTHER_CALLERS[1]),
        ];
        let (ta, tb) = tokio::join!(turn(&llm, &a, 48), turn(&llm, &b, 48));
        conc_cold.push(ta);
        conc_cold.push(tb);
    }
    report("2 conc cold", &conc_cold);
    println!("{:?}", llm.cache_stats());
}

fn rayon_threads() -> String {
    std::env::var("RAYON_NUM_THREADS").unwrap_or_else(|_| {
        std::thread::available_parallelism().map_or("?".into(), |n| n.get().to_string())
    })
}
