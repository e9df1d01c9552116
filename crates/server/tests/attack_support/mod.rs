//! Shared harness of the security tests: a whole server in process on loopback ports, API keys
//! for every role written straight into its database, and helpers to read the security events
//! it stored (read from the database, so a locked-out test client can still check them).

#![allow(clippy::unwrap_used, clippy::expect_used, dead_code)]

use std::collections::HashMap;
use std::time::Duration;

use tokio_util::sync::CancellationToken;
use voxgate_security::apikey::ApiKey;
use voxgate_security::rbac::Role;
use voxgate_server::config::Config;
use voxgate_server::Running;
use voxgate_store::auth::{AuthStore, SecurityEventRecord};

pub struct TestServer {
    pub running: Option<Running>,
    pub store: AuthStore,
    pub keys: HashMap<Role, String>,
    pub client: reqwest::Client,
    pub config: Config,
    _data: tempfile::TempDir,
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

    pub async fn stop(mut self) {
        let running = self.running.take().unwrap();
        running.shutdown();
        tokio::time::timeout(Duration::from_secs(15), running.wait())
            .await
            .expect("server stops")
            .unwrap();
    }
}

/// Asserts the documented error body shape and returns the code.
pub async fn error_code(r: reqwest::Response) -> String {
    let v: serde_json::Value = r.json().await.unwrap();
    let code = v["error"]["code"].as_str().unwrap_or_default().to_owned();
    assert!(v["error"]["message"].is_string(), "{v}");
    code
}
