//! Shared harness of the security tests (`api_auth`, `attack`, `data_protection_api`): a whole
//! server in process on loopback ports, API keys for every role written straight into its
//! database, a client that acts from any address through the trusted-proxy header, and helpers
//! to read the security events it stored (read from the database, so a locked-out test client
//! can still check them).

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::collections::HashMap;
use std::time::Duration;

use reqwest::{Method, StatusCode};
use tokio_util::sync::CancellationToken;
use voxgate_security::apikey::ApiKey;
use voxgate_security::rbac::Role;
use voxgate_server::config::Config;
use voxgate_server::Running;
use voxgate_store::auth::{AuthStore, SecurityEventRecord, UserRecord};

pub struct TestServer {
    pub running: Option<Running>,
    pub store: AuthStore,
    pub keys: HashMap<Role, String>,
    pub client: reqwest::Client,
    pub config: Config,
    _data: tempfile::TempDir,
}

/// How a test request authenticates.
#[derive(Debug, Clone, Copy)]
pub enum Cred<'a> {
    /// No credentials.
    Anonymous,
    /// `X-API-Key: <key>`.
    Key(&'a str),
    /// `Authorization: Bearer <token>` (an access token or an API key).
    Bearer(&'a str),
}

/// Unix seconds now.
pub fn now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs()
}

/// A configuration for tests: loopback, port 0, no AudioSocket, and the test client trusted as
/// a proxy so each case can act as its own client address through `X-Forwarded-For`.
pub fn test_config(data: &std::path::Path) -> Config {
    let mut c = Config::default();
    c.agent.enabled = false;
    c.data.dir = data.join("data");
    c.http.listen = "127.0.0.1:0".parse().unwrap();
    c.admin.listen = "127.0.0.1:0".parse().unwrap();
    c.audiosocket.enabled = false;
    c.shutdown_grace_secs = 2;
    c.network.trusted_proxies = vec!["127.0.0.1".into()];
    c.auth.browser_token_loopback_without_auth = false;
    c
}

/// Lockout and monitor out of the way, for cases that fail authentication many times.
pub fn lenient(c: &mut Config) {
    c.auth.lockout_max_failures = 1000;
    c.monitor.failed_auth_limit = 1000;
}

/// [`lenient`], and rate limits out of the way for cases that send many requests.
pub fn roomy(c: &mut Config) {
    lenient(c);
    c.rate_limits.api_burst = 10_000;
    c.rate_limits.auth_burst = 10_000;
}

impl TestServer {
    pub async fn start(tweak: impl FnOnce(&mut Config)) -> Self {
        let data = tempfile::tempdir().unwrap();
        let mut config = test_config(data.path());
        tweak(&mut config);
        assert!(config.validate().is_empty(), "{:?}", config.validate());
        let running = voxgate_server::run(config.clone(), CancellationToken::new())
            .await
            .unwrap();
        let sqlite = voxgate_store::SqliteStore::open(&config.data.dir)
            .await
            .unwrap();
        let store = AuthStore::new(&sqlite);
        let mut keys = HashMap::new();
        for role in Role::ALL {
            let k = ApiKey::generate();
            store
                .create_api_key(&k, &format!("test {role}"), role, None, Some("test"), 0)
                .await
                .unwrap();
            keys.insert(role, k.expose().to_owned());
        }
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(20))
            .build()
            .unwrap();
        Self {
            running: Some(running),
            store,
            keys,
            client,
            config,
            _data: data,
        }
    }

    /// Stops the server and starts a new one over the same data directory and configuration
    /// (a restart: nothing survives but what is stored). The HTTP port changes.
    pub async fn restart(&mut self) {
        self.shutdown().await;
        self.running = Some(
            voxgate_server::run(self.config.clone(), CancellationToken::new())
                .await
                .unwrap(),
        );
    }

    pub fn addr(&self) -> std::net::SocketAddr {
        self.running.as_ref().unwrap().http_addr
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr())
    }

    pub fn key(&self, role: Role) -> &str {
        &self.keys[&role]
    }

    /// A request from a given client address (through the trusted-proxy header).
    pub fn req(
        &self,
        method: reqwest::Method,
        path: &str,
        client_ip: &str,
    ) -> reqwest::RequestBuilder {
        self.client
            .request(method, self.url(path))
            .header("x-forwarded-for", client_ip)
    }

    /// A request from `client_ip` with credentials, sent.
    pub async fn send(
        &self,
        method: Method,
        path: &str,
        client_ip: &str,
        cred: Cred<'_>,
    ) -> reqwest::Response {
        self.send_json(method, path, client_ip, cred, None).await
    }

    /// A request from `client_ip` with credentials and an optional JSON body, sent.
    pub async fn send_json(
        &self,
        method: Method,
        path: &str,
        client_ip: &str,
        cred: Cred<'_>,
        body: Option<serde_json::Value>,
    ) -> reqwest::Response {
        let r = self.req(method, path, client_ip);
        let r = match cred {
            Cred::Anonymous => r,
            Cred::Key(k) => r.header("x-api-key", k),
            Cred::Bearer(t) => r.bearer_auth(t),
        };
        let r = match body {
            Some(b) => r.json(&b),
            None => r,
        };
        r.send().await.unwrap()
    }

    /// A request from `client_ip` with credentials, sent; asserts success and returns the JSON
    /// answer.
    pub async fn send_ok(
        &self,
        method: Method,
        path: &str,
        client_ip: &str,
        cred: Cred<'_>,
    ) -> serde_json::Value {
        json_ok(self.send(method, path, client_ip, cred).await).await
    }

    /// A user with `password` (hashed as the server would), no initial-password change due.
    pub async fn create_user(&self, name: &str, password: &str, role: Role) -> UserRecord {
        let hash = voxgate_security::password::PasswordHasher::new(Default::default())
            .unwrap()
            .hash(password)
            .unwrap();
        self.store
            .create_user(name, &hash, role, false, 0)
            .await
            .unwrap()
    }

    /// Waits up to 5 s for a stored event of `kind` matching `pred`.
    pub async fn wait_event(
        &self,
        kind: &str,
        pred: impl Fn(&SecurityEventRecord) -> bool,
    ) -> SecurityEventRecord {
        for _ in 0..100 {
            let events = self
                .store
                .list_security_events(Some(kind), None, 1000)
                .await
                .unwrap();
            if let Some(e) = events.into_iter().find(|e| pred(e)) {
                return e;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        let all = self
            .store
            .list_security_events(None, None, 1000)
            .await
            .unwrap();
        panic!("no {kind} event; stored: {all:#?}");
    }

    /// Waits up to 5 s for an event of `kind` from `ip`.
    pub async fn wait_event_from(&self, kind: &str, ip: &str) -> SecurityEventRecord {
        self.wait_event(kind, |e| e.ip.as_deref() == Some(ip)).await
    }

    async fn shutdown(&mut self) {
        let running = self.running.take().unwrap();
        running.shutdown();
        tokio::time::timeout(Duration::from_secs(15), running.wait())
            .await
            .expect("server stops")
            .unwrap();
    }

    pub async fn stop(mut self) {
        self.shutdown().await;
    }
}

/// Asserts a success status and returns the JSON body.
pub async fn json_ok(r: reqwest::Response) -> serde_json::Value {
    let status = r.status();
    let v: serde_json::Value = r.json().await.unwrap();
    assert!(status.is_success(), "{status}: {v}");
    v
}

/// Asserts `status` and the documented error body shape; returns the error code.
pub async fn refused(r: reqwest::Response, status: StatusCode) -> String {
    assert_eq!(r.status(), status);
    error_code(r).await
}

/// Asserts the documented error body shape and returns the code.
pub async fn error_code(r: reqwest::Response) -> String {
    let v: serde_json::Value = r.json().await.unwrap();
    let code = v["error"]["code"].as_str().unwrap_or_default().to_owned();
    assert!(v["error"]["message"].is_string(), "{v}");
    code
}
