//! Tests of the registry, the built-in tools, knowledge search and webhook tools.

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Redirect;
use axum::routing::{get, post};
use axum::Router;
use voxgate_security::signature::{WebhookVerifier, HEADER_NAME};

use super::*;
use crate::llm::Secret;

fn sample(file: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../samples")
        .join(file)
}

fn sample_knowledge() -> Knowledge {
    Knowledge::load(&KnowledgeConfig {
        customers: Some(sample("customers.csv")),
        faq: Some(sample("faq.json")),
        ..KnowledgeConfig::default()
    })
    .unwrap()
}

fn ctx(profile: &str) -> ToolContext {
    ToolContext {
        call_id: "c_42".into(),
        caller_id: Some("+15125550142".into()),
        profile: profile.into(),
    }
}

fn tc(name: &str, args: &str) -> ToolCall {
    ToolCall {
        id: "t1".into(),
        name: name.into(),
        arguments: args.into(),
    }
}

fn all(names: &[&str]) -> Vec<String> {
    names.iter().map(|s| s.to_string()).collect()
}

fn utility_config() -> ToolsConfig {
    let mut cfg = ToolsConfig::default();
    cfg.transfer_targets.insert(
        "billing".into(),
        TransferTargetConfig {
            target: "PJSIP/2001".into(),
            description: Some("billing questions".into()),
            announcement: Some("Connecting you to billing.".into()),
        },
    );
    cfg.transfer_targets.insert(
        "operator".into(),
        TransferTargetConfig {
            target: "+15125550100".into(),
            description: None,
            announcement: None,
        },
    );
    cfg
}

fn registry() -> ToolRegistry {
    ToolRegistry::with_knowledge(&utility_config(), sample_knowledge())
        .unwrap()
        .allow_profile("support", &all(&BUILTIN_TOOLS))
        .allow_profile("sales", &all(&[HANG_UP]))
}

fn reply_json(out: ToolOutcome) -> serde_json::Value {
    match out {
        ToolOutcome::Reply(s) => serde_json::from_str(&s).unwrap(),
        other => panic!("expected a reply, got {other:?}"),
    }
}

#[test]
fn sample_data_loads() {
    let k = sample_knowledge();
    assert_eq!(k.customer_count(), 20);
    assert_eq!(k.faq_len(), 17);
}

#[test]
fn specs_follow_allowed_list_and_data() {
    let r = registry();
    let specs = r.specs(&all(&[SEARCH_FAQ, "nope", HANG_UP, TRANSFER, SEARCH_FAQ]));
    let names: Vec<&str> = specs.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, [SEARCH_FAQ, HANG_UP, TRANSFER]);
    let transfer = &specs[2];
    assert_eq!(
        transfer.parameters["properties"]["destination"]["enum"],
        serde_json::json!(["billing", "operator"])
    );
    assert!(transfer.description.contains("billing (billing questions)"));
    // Without data or destinations the tools are not offered.
    let bare = ToolRegistry::new(Knowledge::empty()).unwrap();
    let names: Vec<String> = bare
        .specs(&all(&BUILTIN_TOOLS))
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, [HANG_UP]);
    assert_eq!(bare.tool_names(), all(&BUILTIN_TOOLS));
}

#[tokio::test]
async fn hang_up_and_transfer() {
    let r = registry();
    let c = ctx("support");
    assert_eq!(
        r.call(&c, &tc(HANG_UP, r#"{"farewell":"Goodbye!"}"#))
            .await
            .unwrap(),
        ToolOutcome::HangUp {
            farewell: Some("Goodbye!".into())
        }
    );
    assert_eq!(
        r.call(&c, &tc(HANG_UP, "")).await.unwrap(),
        ToolOutcome::HangUp { farewell: None }
    );
    assert_eq!(
        r.call(&c, &tc(TRANSFER, r#"{"destination":"billing"}"#))
            .await
            .unwrap(),
        ToolOutcome::Transfer {
            target: "PJSIP/2001".into(),
            announcement: Some("Connecting you to billing.".into())
        }
    );
    for bad in [
        r#"{"destination":"PJSIP/9999"}"#,
        r#"{}"#,
        r#"{"destination":7}"#,
    ] {
        match r.call(&c, &tc(TRANSFER, bad)).await {
            Err(Error::ToolArguments { tool, reason }) => {
                assert_eq!(tool, TRANSFER);
                // Argument values never appear in the error.
                assert!(!reason.contains("9999"), "{reason}");
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
}

#[tokio::test]
async fn unknown_disallowed_and_malformed_calls_are_refused() {
    let r = registry();
    assert!(matches!(
        r.call(&ctx("support"), &tc("format_disk", "{}")).await,
        Err(Error::UnknownTool(n)) if n == "format_disk"
    ));
    assert!(matches!(
        r.call(&ctx("sales"), &tc(LOOKUP_CUSTOMER, r#"{"account_number":"40017342"}"#)).await,
        Err(Error::ToolNotAllowed { tool, profile }) if tool == LOOKUP_CUSTOMER && profile == "sales"
    ));
    assert!(matches!(
        r.call(&ctx("unregistered"), &tc(HANG_UP, "{}")).await,
        Err(Error::ToolNotAllowed { .. })
    ));
    // The list can also come with the call.
    let d = ToolRegistry::default();
    assert!(matches!(
        d.call_as(&ctx("x"), &tc(HANG_UP, "{}"), &all(&[HANG_UP]))
            .await,
        Ok(ToolOutcome::HangUp { farewell: None })
    ));
    assert!(matches!(
        d.call_as(&ctx("x"), &tc(HANG_UP, "{}"), &all(&[SEARCH_FAQ]))
            .await,
        Err(Error::ToolNotAllowed { .. })
    ));
    assert!(matches!(
        d.call(&ctx("x"), &tc(HANG_UP, "{}")).await,
        Err(Error::ToolNotAllowed { .. })
    ));
    assert!(matches!(
        r.call(&ctx("support"), &tc(SEARCH_FAQ, "{question: outage"))
            .await,
        Err(Error::ToolArguments { .. })
    ));
    assert!(matches!(
        r.call(&ctx("support"), &tc(LOOKUP_CUSTOMER, "{}")).await,
        Err(Error::ToolArguments { .. })
    ));
    assert!(matches!(
        r.call(&ctx("support"), &tc(HANG_UP, r#"{"farewell": 5}"#))
            .await,
        Err(Error::ToolArguments { .. })
    ));
}

#[tokio::test]
async fn lookup_customer_by_phone_or_account() {
    let r = registry();
    let c = ctx("support");
    for args in [
        r#"{"phone_number":"(512) 555-0163"}"#,
        r#"{"phone_number":"+1 512.555.0163"}"#,
        r#"{"phone_number":"15125550163"}"#,
        r#"{"account_number":"4003-1275"}"#,
        r#"{"account_number":"four oh oh three one two seven five"}"#,
        r#"{"account_number":"00000000","phone_number":"5125550163"}"#,
    ] {
        let v = reply_json(r.call(&c, &tc(LOOKUP_CUSTOMER, args)).await.unwrap());
        assert_eq!(v["found"], true, "{args}");
        assert_eq!(v["customer"]["name"], "Aisha Khan", "{args}");
        assert_eq!(v["customer"]["balance"], "152.75");
        assert_eq!(v["customer"]["service_status"], "past due");
    }
    let v = reply_json(
        r.call(
            &c,
            &tc(LOOKUP_CUSTOMER, r#"{"phone_number":"+1 512 555 0000"}"#),
        )
        .await
        .unwrap(),
    );
    assert_eq!(v, serde_json::json!({"found": false}));
}

#[tokio::test]
async fn search_faq_tool() {
    let r = registry();
    let v = reply_json(
        r.call(
            &ctx("support"),
            &tc(
                SEARCH_FAQ,
                r#"{"question":"can I split what I owe into monthly payments?"}"#,
            ),
        )
        .await
        .unwrap(),
    );
    assert_eq!(v["found"], true);
    assert_eq!(v["results"][0]["question"], "Can I set up a payment plan?");
    let v = reply_json(
        r.call(
            &ctx("support"),
            &tc(
                SEARCH_FAQ,
                r#"{"question":"what is the capital of France"}"#,
            ),
        )
        .await
        .unwrap(),
    );
    assert_eq!(v["found"], false);
}

#[test]
fn faq_ranking_handles_paraphrases() {
    let k = sample_knowledge();
    for (query, want) in [
        (
            "the lights went out in my whole street",
            "What should I do during a power outage?",
        ),
        (
            "when will the electricity be back on",
            "How long will the outage last?",
        ),
        ("what ways are there to pay", "How can I pay my bill?"),
        (
            "I can't afford the whole amount, can I pay in instalments",
            "Can I set up a payment plan?",
        ),
        (
            "why is my bill so expensive this month",
            "Why is my bill higher than usual?",
        ),
        (
            "I'm relocating next month and need to move my service",
            "I am moving. How do I transfer or stop my service?",
        ),
        (
            "they shut off my power, how do I get it turned back on",
            "My service was disconnected. How do I get it reconnected?",
        ),
        (
            "there's a smell of gas in my kitchen",
            "I smell gas. What should I do?",
        ),
        (
            "a pipe burst in the road",
            "How do I report a water leak or burst pipe?",
        ),
        (
            "is there a discount for pensioners, I'm a senior",
            "Do you offer discounts for low-income customers or seniors?",
        ),
        (
            "I want payments to come out automatically each month",
            "How do I set up autopay?",
        ),
        (
            "when do I have to pay by, is there a late fee",
            "When is my bill due?",
        ),
    ] {
        let hits = k.search_faq(query, 3);
        assert!(!hits.is_empty(), "no answer above threshold for {query:?}");
        assert_eq!(hits[0].entry.question, want, "{query:?}: {hits:?}");
    }
    for chit_chat in [
        "hello how are you",
        "what is the weather like",
        "thank you so much",
    ] {
        assert!(k.search_faq(chit_chat, 3).is_empty(), "{chit_chat:?}");
    }
}

#[test]
fn facts_for_the_embedded_model() {
    let k = sample_knowledge();
    // Caller known by caller ID, in a SIP URI.
    let facts = k.facts(Some("sip:+15125550142@pbx.example"), "hi there");
    assert_eq!(facts.len(), 1, "{facts:?}");
    assert!(facts[0].starts_with("The caller's customer record: name Maria Lopez,"));
    assert!(facts[0].contains("balance 84.20"));
    assert!(facts[0].contains("due date 2026-12-05"));
    // Account number spoken digit by digit, caller unknown, plus an FAQ question.
    let facts = k.facts(
        Some("anonymous"),
        "my account number is four oh one oh four eight seven five, why is my bill so high",
    );
    assert_eq!(facts.len(), 2, "{facts:?}");
    assert!(facts[0].starts_with("Customer record for account 40104875: name Robert Fischer,"));
    assert!(facts[0].contains("suspended for nonpayment"));
    assert!(facts[1].starts_with("FAQ answer to \"Why is my bill higher than usual?\":"));
    // The caller's own record is not repeated when they also say their account number.
    let facts = k.facts(Some("5125550142"), "it's 4001-7342");
    assert_eq!(facts.len(), 1, "{facts:?}");
    // Nothing matches: no facts.
    assert!(k.facts(None, "good morning").is_empty());
    assert!(Knowledge::empty()
        .facts(Some("5125550142"), "power outage")
        .is_empty());
}

#[test]
fn customers_mentioned_in_utterances() {
    let k = sample_knowledge();
    let names = |u: &str| -> Vec<String> {
        k.customers_mentioned(u)
            .iter()
            .filter_map(|c| c.name().map(str::to_owned))
            .collect()
    };
    assert_eq!(names("account 40052394"), ["Grace Okafor"]);
    assert!(names("account nine nine nine one two three four five").is_empty());
    assert_eq!(
        names("four double oh six eight one two seven"),
        ["Liam O'Connor"]
    );
    assert_eq!(
        names("my number is five one two five five five oh one eight one"),
        ["Grace Okafor"]
    );
    // Glued to other digits.
    assert_eq!(names("40189406 1"), ["Mateo Garcia"]);
    assert!(names("I was born in 1985").is_empty());
}

#[test]
fn a_name_needs_a_second_identifier() {
    let k = sample_knowledge();
    let names = |u: &str| -> Vec<String> {
        k.customers_mentioned(u)
            .iter()
            .filter_map(|c| c.name().map(str::to_owned))
            .collect()
    };
    // One digit misheard, but the name confirms it.
    assert_eq!(
        names("This is Maria Lopes, account 4001 7343, what do I owe?"),
        ["Maria Lopez"]
    );
    // Name and street address.
    assert_eq!(names("Maria Lopez, 12 Elm Street"), ["Maria Lopez"]);
    // Name and the phone's last four digits.
    assert_eq!(
        names("it's Tom Becker, my number ends in 0119"),
        ["Tom Becker"]
    );
    // A name alone, or a nearly right number alone, identifies nobody.
    assert!(names("This is Maria Lopez, what is my balance?").is_empty());
    assert!(names("account 4001 7343").is_empty());
    // The wrong name with a nearly right number neither.
    assert!(names("James Carter, account 4001 7343").is_empty());
}

#[test]
fn an_unknown_account_number_is_reported() {
    let k = sample_knowledge();
    let l = k.lookup(None, "what's the balance on account 4001 1007 0344");
    assert!(l.account_not_found);
    assert!(!l.identified);
    assert!(
        l.facts.iter().all(|f| !f.contains("record")),
        "{:?}",
        l.facts
    );
    let l = k.lookup(
        None,
        "what's the balance on account 4, 0, 0, 1, 7, 3, 4, 2?",
    );
    assert!(!l.account_not_found);
    assert!(l.facts[0].contains("Maria Lopez"), "{:?}", l.facts);
    // No number at all, or a short one: nothing to report.
    assert!(!k.lookup(None, "what is my balance").account_not_found);
    assert!(!k.lookup(None, "I was born in 1985").account_not_found);
    // A known caller asking with a wrong number still has their own record.
    assert!(
        !k.lookup(Some("+15125550142"), "account 99999999")
            .account_not_found
    );
    assert!(
        !Knowledge::empty()
            .lookup(None, "account 99999999")
            .account_not_found
    );
}

#[test]
fn knowledge_files_json_customers_and_csv_faq() {
    let dir = tempfile::tempdir().unwrap();
    let customers = dir.path().join("c.json");
    std::fs::write(
        &customers,
        r#"[{"name":"Ann Test","phone_number":"555-010-9999","account":"AB-77","balance":12.5,"vip":true,"notes":null}]"#,
    )
    .unwrap();
    let faq = dir.path().join("f.csv");
    std::fs::write(
        &faq,
        "question,answer,keywords\n\"Where is your office?\",\"At 1 Main Street.\",address; location\n",
    )
    .unwrap();
    let k = Knowledge::load(&KnowledgeConfig {
        customers: Some(customers.clone()),
        faq: Some(faq),
        faq_min_score: 0.0,
        ..KnowledgeConfig::default()
    })
    .unwrap();
    let c = k.customer_by_account("ab 77").unwrap();
    assert_eq!(c.get("balance"), Some("12.5"));
    assert_eq!(c.get("vip"), Some("true"));
    assert_eq!(c.get("notes"), None);
    assert!(k.customer_by_phone("+1 (555) 010-9999").is_some());
    assert_eq!(k.customers_mentioned("it is AB-77").len(), 1);
    assert_eq!(
        k.search_faq("what is your location", 1)[0].entry.answer,
        "At 1 Main Street."
    );

    // Errors name the file and never panic.
    std::fs::write(&customers, "[{]").unwrap();
    match Knowledge::load(&KnowledgeConfig {
        customers: Some(customers.clone()),
        ..KnowledgeConfig::default()
    }) {
        Err(Error::KnowledgeLoad { path, .. }) => assert_eq!(path, customers),
        other => panic!("{other:?}"),
    }
    let nokeys = dir.path().join("n.csv");
    std::fs::write(&nokeys, "name,city\nA,B\n").unwrap();
    assert!(matches!(
        load_customers(&nokeys),
        Err(Error::KnowledgeLoad { .. })
    ));
    assert!(matches!(
        load_faq(&dir.path().join("missing.json")),
        Err(Error::KnowledgeLoad { .. })
    ));
}

#[test]
fn config_errors() {
    let mut cfg = ToolsConfig::default();
    cfg.webhooks.push(hook("hang_up", "http://127.0.0.1:1/"));
    assert!(matches!(
        ToolRegistry::new_from(&cfg),
        Err(Error::ToolsConfig(m)) if m.contains("used twice")
    ));
    let mut cfg = ToolsConfig::default();
    cfg.webhooks.push(hook("bad name!", "http://127.0.0.1:1/"));
    assert!(ToolRegistry::new_from(&cfg).is_err());
    let mut cfg = ToolsConfig::default();
    cfg.webhooks.push(hook("x", "ftp://example.com/"));
    assert!(ToolRegistry::new_from(&cfg).is_err());
    let mut cfg = ToolsConfig::default();
    let mut h = hook("x", "https://example.com/");
    h.parameters = serde_json::json!({"type": "string"});
    cfg.webhooks.push(h);
    assert!(ToolRegistry::new_from(&cfg).is_err());
    let mut cfg = ToolsConfig::default();
    let mut h = hook("x", "https://example.com/");
    h.parameters = serde_json::json!({"type": "object", "properties": {"a": {"type": "nonsense"}}});
    cfg.webhooks.push(h);
    assert!(ToolRegistry::new_from(&cfg).is_err());
    let mut cfg = ToolsConfig::default();
    let mut h = hook("x", "https://example.com/");
    h.signing_key = Some(KeySource::Inline(Secret::new("short")));
    cfg.webhooks.push(h);
    assert!(ToolRegistry::new_from(&cfg).is_err());
    let mut cfg = ToolsConfig::default();
    cfg.ssrf_allowlist.push("300.1.1.1/8".into());
    assert!(ToolRegistry::new_from(&cfg).is_err());
}

impl ToolRegistry {
    fn new_from(cfg: &ToolsConfig) -> Result<Self> {
        Self::with_knowledge(cfg, Knowledge::empty())
    }
}

// ---- webhooks against a local axum server ----

const KEY: &str = "webhook-test-key-0123456789";

fn hook(name: &str, url: &str) -> WebhookToolConfig {
    WebhookToolConfig {
        name: name.into(),
        description: "Checks an order's status.".into(),
        parameters: serde_json::json!({
            "type": "object",
            "properties": {
                "order_id": {"type": "string", "pattern": "^[0-9]{4,10}$"},
                "express": {"type": "boolean"}
            },
            "required": ["order_id"]
        }),
        url: url.into(),
        method: WebhookMethod::Post,
        timeout_ms: 2_000,
        max_response_bytes: 1_024,
        signing_key: Some(KeySource::Inline(Secret::new(KEY))),
        send_caller_id: false,
    }
}

/// Headers, body and query string of the last request.
type Request = (HeaderMap, Bytes, Option<String>);

#[derive(Clone, Default)]
struct Seen {
    hits: Arc<AtomicUsize>,
    last: Arc<Mutex<Option<Request>>>,
}

fn record(s: &Seen, headers: HeaderMap, q: RawQuery, body: Bytes) {
    s.hits.fetch_add(1, Ordering::SeqCst);
    *s.last.lock().unwrap() = Some((headers, body, q.0));
}

async fn order(
    State(s): State<Seen>,
    headers: HeaderMap,
    q: RawQuery,
    body: Bytes,
) -> axum::Json<serde_json::Value> {
    record(&s, headers, q, body);
    axum::Json(serde_json::json!({"status": "shipped", "eta": "Tuesday"}))
}

async fn order_get(State(s): State<Seen>, headers: HeaderMap, q: RawQuery) -> &'static str {
    record(&s, headers, q, Bytes::new());
    "shipped on Monday"
}

async fn serve() -> (SocketAddr, Seen) {
    let seen = Seen::default();
    let app = Router::new()
        .route("/order", post(order))
        .route("/order-get", get(order_get))
        .route(
            "/slow",
            post(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "late"
            }),
        )
        .route("/big", post(|| async { "x".repeat(10_000) }))
        .route(
            "/big-chunked",
            post(|| async {
                let chunks = (0..20).map(|_| Ok::<_, std::io::Error>(Bytes::from(vec![b'y'; 100])));
                axum::body::Body::from_stream(futures::stream::iter(chunks))
            }),
        )
        .route(
            "/fail",
            post(|| async { (StatusCode::INTERNAL_SERVER_ERROR, "secret internal detail") }),
        )
        .route(
            "/to-metadata",
            post(|| async { Redirect::temporary("http://169.254.169.254/latest/meta-data/") }),
        )
        .route(
            "/to-mapped",
            post(|| async { Redirect::temporary("http://[::ffff:a9fe:a9fe]/") }),
        )
        .with_state(seen.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (addr, seen)
}

fn webhook_registry(hooks: Vec<WebhookToolConfig>, allow: &[&str]) -> ToolRegistry {
    let cfg = ToolsConfig {
        webhooks: hooks,
        ssrf_allowlist: all(allow),
        ..ToolsConfig::default()
    };
    let names: Vec<String> = cfg.webhooks.iter().map(|w| w.name.clone()).collect();
    ToolRegistry::with_knowledge(&cfg, Knowledge::empty())
        .unwrap()
        .allow_profile("support", &names)
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

#[tokio::test]
async fn webhook_round_trip_is_signed_and_validated() {
    let (addr, seen) = serve().await;
    let mut h = hook("order_status", &format!("http://{addr}/order"));
    h.send_caller_id = true;
    let r = webhook_registry(vec![h], &["127.0.0.1"]);
    let spec = &r.specs(&all(&["order_status"]))[0];
    assert_eq!(spec.parameters["required"][0], "order_id");

    let out = r
        .call(
            &ctx("support"),
            &tc("order_status", r#"{"order_id":"123456","express":true}"#),
        )
        .await
        .unwrap();
    assert_eq!(
        reply_json(out),
        serde_json::json!({"status": "shipped", "eta": "Tuesday"})
    );
    let (headers, body, _) = seen.last.lock().unwrap().clone().unwrap();
    let sent: serde_json::Value = serde_json::from_slice(&body).unwrap();
    assert_eq!(
        sent,
        serde_json::json!({
            "tool": "order_status", "call_id": "c_42", "profile": "support",
            "arguments": {"order_id": "123456", "express": true},
            "caller_id": "+15125550142",
        })
    );
    assert_eq!(headers["content-type"], "application/json");
    assert_eq!(headers["voxgate-call-id"], "c_42");
    let sig = headers[HEADER_NAME].to_str().unwrap();
    let verifier = WebhookVerifier::new(&[KEY.as_bytes()]).unwrap();
    verifier.verify(sig, &body, now()).unwrap();
    // Replaying the same signed request is caught by the receiver.
    assert!(verifier.verify(sig, &body, now()).is_err());
    // A different key does not verify.
    assert!(WebhookVerifier::new(&[b"another-key-0123456789abcdef"])
        .unwrap()
        .verify(sig, &body, now())
        .is_err());

    // Schema violations never reach the server.
    let before = seen.hits.load(Ordering::SeqCst);
    for bad in [
        r#"{"express":true}"#,
        r#"{"order_id":"12"}"#,
        r#"{"order_id":123456}"#,
        r#"{"order_id":"123456","express":"yes"}"#,
        "not json",
    ] {
        match r.call(&ctx("support"), &tc("order_status", bad)).await {
            Err(Error::ToolArguments { reason, .. }) => {
                assert!(!reason.contains("123456"), "{reason}")
            }
            other => panic!("{bad}: {other:?}"),
        }
    }
    assert_eq!(seen.hits.load(Ordering::SeqCst), before);
}

#[tokio::test]
async fn webhook_get_sends_query_and_text_reply() {
    let (addr, seen) = serve().await;
    let mut h = hook(
        "order_get",
        &format!("http://{addr}/order-get?source=voxgate"),
    );
    h.method = WebhookMethod::Get;
    h.signing_key = None;
    let r = webhook_registry(vec![h], &["127.0.0.0/8"]);
    let out = r
        .call(&ctx("support"), &tc("order_get", r#"{"order_id":"98765"}"#))
        .await
        .unwrap();
    assert_eq!(out, ToolOutcome::Reply("shipped on Monday".into()));
    let (headers, body, query) = seen.last.lock().unwrap().clone().unwrap();
    assert!(body.is_empty());
    assert_eq!(query.as_deref(), Some("source=voxgate&order_id=98765"));
    assert!(headers.get(HEADER_NAME).is_none());
}

#[tokio::test]
async fn webhook_limits_time_size_and_status() {
    let (addr, _) = serve().await;
    let mut slow = hook("slow", &format!("http://{addr}/slow"));
    slow.timeout_ms = 300;
    let hooks = vec![
        slow,
        hook("big", &format!("http://{addr}/big")),
        hook("big_chunked", &format!("http://{addr}/big-chunked")),
        hook("fail", &format!("http://{addr}/fail")),
    ];
    let r = webhook_registry(hooks, &["127.0.0.1"]);
    let args = r#"{"order_id":"1234"}"#;
    let started = std::time::Instant::now();
    match r.call(&ctx("support"), &tc("slow", args)).await {
        Err(Error::ToolTimeout { tool, after }) => {
            assert_eq!(tool, "slow");
            assert_eq!(after, Duration::from_millis(300));
        }
        other => panic!("{other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(2));
    for name in ["big", "big_chunked"] {
        match r.call(&ctx("support"), &tc(name, args)).await {
            Err(Error::ToolFailed { reason, .. }) => assert!(reason.contains("larger"), "{reason}"),
            other => panic!("{name}: {other:?}"),
        }
    }
    match r.call(&ctx("support"), &tc("fail", args)).await {
        Err(Error::ToolFailed { reason, .. }) => {
            assert_eq!(reason, "HTTP 500");
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn webhook_ssrf_refusals() {
    let (addr, seen) = serve().await;
    let port = addr.port();
    let args = r#"{"order_id":"1234"}"#;
    // Not allowlisted: loopback by literal, by name, and by mapped spelling; never contacted.
    for url in [
        format!("http://127.0.0.1:{port}/order"),
        format!("http://localhost:{port}/order"),
        format!("http://[::ffff:127.0.0.1]:{port}/order"),
        format!("http://2130706433:{port}/order"),
        "http://169.254.169.254/latest/meta-data/".to_owned(),
        "http://10.0.0.1/".to_owned(),
        "http://[fd00::1]/".to_owned(),
        "http://100.64.0.1/".to_owned(),
        "http://0.0.0.0/".to_owned(),
        "http://224.0.0.1/".to_owned(),
    ] {
        let r = webhook_registry(vec![hook("h", &url)], &[]);
        match r.call(&ctx("support"), &tc("h", args)).await {
            Err(Error::SsrfRefused { .. }) => {}
            other => panic!("{url}: {other:?}"),
        }
    }
    assert_eq!(seen.hits.load(Ordering::SeqCst), 0);
    // Allowlisted origin redirecting to the metadata service: refused at the redirect.
    for path in ["to-metadata", "to-mapped"] {
        let r = webhook_registry(
            vec![hook("h", &format!("http://127.0.0.1:{port}/{path}"))],
            &["127.0.0.1"],
        );
        match r.call(&ctx("support"), &tc("h", args)).await {
            Err(Error::SsrfRefused { reason, .. }) => {
                assert!(reason.contains("link-local"), "{reason}")
            }
            other => panic!("{path}: {other:?}"),
        }
    }
    // A host-name allowlist entry lets that name through.
    let r = webhook_registry(
        vec![hook("h", &format!("http://localhost:{port}/order"))],
        &["localhost"],
    );
    assert!(r.call(&ctx("support"), &tc("h", args)).await.is_ok());
}

#[tokio::test]
async fn knowledge_from_sql_tables() {
    use sqlx::Connection;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("crm.db");
    let url = format!("sqlite://{}?mode=rwc", db.display());
    let mut conn = sqlx::SqliteConnection::connect(&url).await.unwrap();
    for stmt in [
        "CREATE TABLE clients (full_name TEXT, tel TEXT, acct INTEGER, balance REAL, note TEXT)",
        "INSERT INTO clients VALUES ('Ann Test', '555-010-9999', 7731, 12.5, NULL)",
        "CREATE TABLE faq (q TEXT, a TEXT, kw TEXT)",
        "INSERT INTO faq VALUES ('Where is your office?', 'At 1 Main Street.', 'address; location')",
    ] {
        sqlx::query(stmt).execute(&mut conn).await.unwrap();
    }
    conn.close().await.unwrap();
    let source = |query: &str| SqlSourceConfig {
        url: KeySource::Inline(crate::llm::Secret::new(format!(
            "sqlite://{}?mode=ro",
            db.display()
        ))),
        query: query.into(),
        timeout_secs: 5,
    };
    // Columns renamed in the query become the record's fields.
    let k = Knowledge::load(&KnowledgeConfig {
        customers_sql: Some(source(
            "SELECT full_name AS name, tel AS phone, acct AS account_number, balance, note FROM clients",
        )),
        faq_sql: Some(source("SELECT q AS question, a AS answer, kw AS keywords FROM faq")),
        faq_min_score: 0.0,
        ..KnowledgeConfig::default()
    })
    .unwrap();
    let c = k.customer_by_account("7731").unwrap();
    assert_eq!(c.get("name"), Some("Ann Test"));
    assert_eq!(c.get("balance"), Some("12.5"));
    assert_eq!(c.get("note"), None);
    assert!(k.customer_by_phone("(555) 010 9999").is_some());
    assert_eq!(
        k.search_faq("what is your location", 1)[0].entry.answer,
        "At 1 Main Street."
    );

    // Errors name the source, never the URL.
    let err = Knowledge::load(&KnowledgeConfig {
        customers_sql: Some(source("SELECT * FROM missing_table")),
        ..KnowledgeConfig::default()
    })
    .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("customers_sql"), "{text}");
    assert!(!text.contains("crm.db"), "{text}");
    assert!(matches!(
        Knowledge::load(&KnowledgeConfig {
            customers_sql: Some(source("SELECT full_name, balance FROM clients")),
            ..KnowledgeConfig::default()
        }),
        Err(Error::KnowledgeLoad { .. })
    ));
    assert!(matches!(
        Knowledge::load(&KnowledgeConfig {
            faq_sql: Some(source("SELECT q AS question FROM faq")),
            ..KnowledgeConfig::default()
        }),
        Err(Error::KnowledgeLoad { .. })
    ));
}
