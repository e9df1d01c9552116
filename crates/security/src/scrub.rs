//! Secret redaction for log lines: [`scrub`] is called by the log layer on every formatted line.
//!
//! It removes, replacing with `[REDACTED]`:
//! - values of keys named like password, passwd, pwd, passphrase, secret, token, api_key/apikey,
//!   authorization, credential, cookie, session, private_key (any prefix or suffix, any case), in
//!   `key=value`, `key: value`, `key="quoted"`/`key='quoted'`, JSON `"key":"value"` (also
//!   escaped JSON inside a JSON string) and `Cookie:`/`Set-Cookie:` header forms;
//! - `Bearer <token>` and `Basic <credentials>`;
//! - JWTs (three base64url parts starting with `ey`);
//! - provider keys: `sk-`, `sk-proj-`, `sk_live_`, GitHub, Slack and AWS access key ids;
//! - Voxgate API keys (`vgk_`) and refresh tokens (`vgr_`);
//! - URL user info (`scheme://user:pass@host`);
//! - `api_key=`, `apikey=`, `token=`, `access_token=`, `password=`, `key=`, `secret=`, `sig=`
//!   query parameters.
//!
//! Fast path: one Aho-Corasick scan for the literal cues of every rule; a line with none of
//! them is returned as `Cow::Borrowed` without running any regular expression. Counts such as
//! `max_tokens=256` are left readable.

use std::borrow::Cow;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::{Captures, Regex};

use crate::apikey::API_KEY_PATTERN;

/// Replacement text.
pub const REDACTED: &str = crate::secret::REDACTED;

const KEYWORDS: &str = r"password|passwd|pwd|passphrase|secret|token|api[_-]?key|authorization|credentials?|cookie|session|private[_-]?key";

struct Rules {
    prefilter: Option<AhoCorasick>,
    json_string: Regex,
    json_escaped: Regex,
    json_scalar: Regex,
    cookie_header: Regex,
    quoted: Regex,
    unquoted: Regex,
    auth_scheme: Regex,
    jwt: Regex,
    provider_keys: Regex,
    voxgate_keys: Regex,
    url_userinfo: Regex,
    query: Regex,
}

/// Literal cues: every rule's match contains at least one of them (case-insensitively).
const CUES: &[&str] = &[
    "pass",
    "pwd",
    "secret",
    "token",
    "key",
    "auth",
    "credential",
    "cookie",
    "session",
    "bearer",
    "basic",
    "eyj",
    "sk-",
    "sk_",
    "rk_",
    "ghp_",
    "gho_",
    "ghu_",
    "ghs_",
    "ghr_",
    "github_pat_",
    "xox",
    "akia",
    "vgk_",
    "vgr_",
    "://",
    "sig=",
];

fn build() -> Result<Rules, regex::Error> {
    // The key starts at the keyword (any prefix such as `db_` stays before the match and is
    // kept): without a leading character class the regex engine can search for the keyword
    // literals directly.
    let key = format!(r"(?:{KEYWORDS})[A-Za-z0-9_.-]*");
    Ok(Rules {
        prefilter: AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .kind(Some(AhoCorasickKind::DFA))
            .build(CUES)
            .ok(),
        json_string: Regex::new(&format!(r#"(?i)({key}"\s*:\s*")(?:[^"\\]|\\.)*(")"#))?,
        json_escaped: Regex::new(&format!(
            r#"(?i)({key}\\"\s*:\s*\\")(?:[^\\]|\\[^"])*?(\\")"#
        ))?,
        json_scalar: Regex::new(&format!(
            r#"(?i)({key}"\s*:\s*)(?:-?[0-9][0-9.eE+-]*|true|false)"#
        ))?,
        cookie_header: Regex::new(r"(?i)\b((?:set-)?cookie\s*:\s*)[^\r\n]+")?,
        quoted: Regex::new(&format!(
            r#"(?i)({key})(\s*[=:]\s*)(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')"#
        ))?,
        // An optional leading `::` is captured so a Rust module path such as a log target
        // `voxgate_security::secret: message` can be told apart from `secret: value`.
        unquoted: Regex::new(&format!(
            r#"(?i)((?:::)?{key})(\s*[=:]\s*)((?:(?:bearer|basic|digest|token|negotiate)\s+)?[^\s,;&"'<>{{}}\[\]]+)"#
        ))?,
        auth_scheme: Regex::new(
            r"(?i:\b(bearer))\s+[A-Za-z0-9._~+/-]{8,}=*|\b(Basic)\s+[A-Za-z0-9+/]{6,}=*",
        )?,
        jwt: Regex::new(r"\bey[A-Za-z0-9_-]{8,}\.ey[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*")?,
        provider_keys: Regex::new(concat!(
            r"\b(?:sk-(?:proj-|ant-|live-|test-|svcacct-)?[A-Za-z0-9_-]{16,}",
            r"|[sr]k_(?:live|test)_[A-Za-z0-9]{16,}",
            r"|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}",
            r"|xox[abprs]-[A-Za-z0-9-]{10,}|AKIA[0-9A-Z]{16})"
        ))?,
        voxgate_keys: Regex::new(&format!(r"{API_KEY_PATTERN}|vgr_[A-Za-z0-9_-]{{43}}"))?,
        url_userinfo: Regex::new(r"(?i)\b([a-z][a-z0-9+.-]*://)[^\s/?#@\[\]]+@")?,
        query: Regex::new(
            r#"(?i)([?&](?:api_key|apikey|token|access_token|refresh_token|id_token|password|passwd|key|secret|client_secret|sig|signature|auth)=)[^&\s#"']+"#,
        )?,
    })
}

static RULES: LazyLock<Option<Rules>> = LazyLock::new(|| build().ok());

/// Keys that contain a keyword but hold counts or sizes, which are useful and not secret.
fn benign_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.contains("tokens")
        || [
            "_count", "_len", "_length", "_ms", "_secs", "_timeout", "_ttl", "_size",
        ]
        .iter()
        .any(|s| k.ends_with(s))
}

fn apply<'a>(cur: Cow<'a, str>, re: &Regex, rep: impl regex::Replacer) -> Cow<'a, str> {
    let next = re.replace_all(&cur, rep);
    match next {
        Cow::Owned(s) => Cow::Owned(s),
        Cow::Borrowed(_) => cur,
    }
}

/// Removes secrets from `line`. Returns the input unchanged (borrowed) when it contains none.
pub fn scrub(line: &str) -> Cow<'_, str> {
    let Some(r) = RULES.as_ref() else {
        // The rules are fixed and covered by tests; if they ever failed to build, hiding the
        // whole line is the only safe choice.
        return Cow::Borrowed(REDACTED);
    };
    if let Some(pre) = &r.prefilter {
        if !pre.is_match(line) {
            return Cow::Borrowed(line);
        }
    }
    let mut cur = Cow::Borrowed(line);
    let redacted_value = format!("${{1}}{REDACTED}${{2}}");
    cur = apply(cur, &r.json_string, redacted_value.as_str());
    cur = apply(cur, &r.json_escaped, redacted_value.as_str());
    cur = apply(
        cur,
        &r.json_scalar,
        format!("${{1}}\"{REDACTED}\"").as_str(),
    );
    cur = apply(cur, &r.cookie_header, format!("${{1}}{REDACTED}").as_str());
    cur = apply(
        cur,
        &r.quoted,
        format!("${{1}}${{2}}\"{REDACTED}\"").as_str(),
    );
    if r.unquoted.is_match(&cur) {
        cur = apply(cur, &r.unquoted, |c: &Captures<'_>| {
            if c[1].starts_with("::") || benign_key(&c[1]) {
                c[0].to_owned()
            } else {
                format!("{}{}{REDACTED}", &c[1], &c[2])
            }
        });
    }
    cur = apply(cur, &r.auth_scheme, |c: &Captures<'_>| {
        let scheme = c.get(1).or_else(|| c.get(2)).map_or("", |m| m.as_str());
        format!("{scheme} {REDACTED}")
    });
    cur = apply(cur, &r.jwt, REDACTED);
    cur = apply(cur, &r.provider_keys, REDACTED);
    cur = apply(cur, &r.voxgate_keys, REDACTED);
    cur = apply(cur, &r.url_userinfo, format!("${{1}}{REDACTED}@").as_str());
    cur = apply(cur, &r.query, format!("${{1}}{REDACTED}").as_str());
    cur
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> String {
        scrub(x).into_owned()
    }

    #[test]
    fn module_paths_named_like_secrets_are_not_values() {
        let line = "INFO voxgate_security::secret: loaded 3 keys";
        assert_eq!(s(line), line);
        let line = "DEBUG voxgate_server::auth::token: issued for user 7";
        assert_eq!(s(line), line);
        // The same words as a key still hide their value.
        assert_eq!(s("secret: hunter22"), format!("secret: {REDACTED}"));
        assert_eq!(s("token=abc123 next"), format!("token={REDACTED} next"));
    }

    #[test]
    fn rules_compile() {
        assert!(RULES.is_some());
    }

    #[test]
    fn key_equals_value() {
        assert_eq!(
            s("login failed password=hunter2 user=bob"),
            "login failed password=[REDACTED] user=bob"
        );
        assert_eq!(s("DB_PASSWORD=hunter2"), "DB_PASSWORD=[REDACTED]");
        assert_eq!(
            s("apikey=abc123 api-key=def456"),
            "apikey=[REDACTED] api-key=[REDACTED]"
        );
        assert_eq!(
            s("client_secret=xyz&grant=1"),
            "client_secret=[REDACTED]&grant=1"
        );
        assert_eq!(
            s("credentials=a:b session=77aa"),
            "credentials=[REDACTED] session=[REDACTED]"
        );
        assert_eq!(s("pwd=p4ss"), "pwd=[REDACTED]");
    }

    #[test]
    fn key_colon_value() {
        assert_eq!(
            s("twilio auth_token: 0123456789abcdef"),
            "twilio auth_token: [REDACTED]"
        );
        assert_eq!(s("X-API-Key: k_live_123"), "X-API-Key: [REDACTED]");
        assert_eq!(
            s("authorization: Bearer abc.def.ghi rest"),
            "authorization: [REDACTED] rest"
        );
        assert_eq!(
            s("Authorization: Basic dXNlcjpwYXNz"),
            "Authorization: [REDACTED]"
        );
    }

    #[test]
    fn quoted_values() {
        assert_eq!(
            s(r#"secret="two words here" ok=1"#),
            r#"secret="[REDACTED]" ok=1"#
        );
        assert_eq!(s("token='abc def'"), r#"token="[REDACTED]""#);
        assert_eq!(
            s(r#"password: "with \" quote" next"#),
            r#"password: "[REDACTED]" next"#
        );
    }

    #[test]
    fn json_values() {
        assert_eq!(
            s(r#"{"user":"bob","password":"hunter2","n":1}"#),
            r#"{"user":"bob","password":"[REDACTED]","n":1}"#
        );
        assert_eq!(
            s(r#"{"api_key" : "a\"b"}"#),
            r#"{"api_key" : "[REDACTED]"}"#
        );
        assert_eq!(
            s(r#"{"refresh_token":12345}"#),
            r#"{"refresh_token":"[REDACTED]"}"#
        );
        assert_eq!(
            s(r#"{"msg":"body {\"password\":\"hunter2\"} sent"}"#),
            r#"{"msg":"body {\"password\":\"[REDACTED]\"} sent"}"#
        );
        assert_eq!(s(r#"{"sessionId":"s-1"}"#), r#"{"sessionId":"[REDACTED]"}"#);
    }

    #[test]
    fn cookies() {
        assert_eq!(s("Cookie: sid=abc; theme=dark"), "Cookie: [REDACTED]");
        assert_eq!(
            s("set-cookie: vg=1; HttpOnly\nnext line"),
            "set-cookie: [REDACTED]\nnext line"
        );
    }

    #[test]
    fn bearer_and_basic() {
        assert_eq!(
            s("sent header Bearer abcdef123456.xyz"),
            "sent header Bearer [REDACTED]"
        );
        assert_eq!(
            s("using bearer abcdefgh12345678"),
            "using bearer [REDACTED]"
        );
        assert_eq!(
            s("upstream said Basic dXNlcjpwYXNzd29yZA=="),
            "upstream said Basic [REDACTED]"
        );
    }

    #[test]
    fn jwts() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        assert_eq!(
            s(&format!("got {jwt} from client")),
            "got [REDACTED] from client"
        );
        assert_eq!(s(&format!("id_token={jwt}")), "id_token=[REDACTED]");
    }

    #[test]
    fn provider_and_voxgate_keys() {
        assert_eq!(
            s("using sk-proj-abcdefghijklmnop1234 now"),
            "using [REDACTED] now"
        );
        assert_eq!(s("key sk-abcdefghijklmnopqrstuvwxyz"), "key [REDACTED]");
        assert_eq!(s("stripe sk_live_abcdefghijklmnop12"), "stripe [REDACTED]");
        assert_eq!(
            s("gh ghp_abcdefghijklmnopqrstuvwxyz0123456789"),
            "gh [REDACTED]"
        );
        assert_eq!(s("aws AKIAABCDEFGHIJKLMNOP"), "aws [REDACTED]");
        let k = crate::apikey::ApiKey::generate();
        assert_eq!(
            s(&format!("presented {} ok", k.expose())),
            "presented [REDACTED] ok"
        );
        let r = crate::jwt::generate_refresh_token();
        assert_eq!(s(&format!("refresh {}", r.expose())), "refresh [REDACTED]");
    }

    #[test]
    fn url_userinfo_and_query() {
        assert_eq!(
            s("connecting to postgres://voxgate:s3cr3t@db:5432/vg"),
            "connecting to postgres://[REDACTED]@db:5432/vg"
        );
        assert_eq!(
            s("fetch https://tok123@git.example.com/x"),
            "fetch https://[REDACTED]@git.example.com/x"
        );
        assert_eq!(
            s("GET https://api.example.com/v1?api_key=abc123&x=1"),
            "GET https://api.example.com/v1?api_key=[REDACTED]&x=1"
        );
        assert_eq!(
            s("GET /cb?key=abc&sig=ffff00#frag"),
            "GET /cb?key=[REDACTED]&sig=[REDACTED]#frag"
        );
        assert_eq!(
            s("/oauth?access_token=zzz"),
            "/oauth?access_token=[REDACTED]"
        );
        assert_eq!(
            s("/login?user=a&password=p"),
            "/login?user=a&password=[REDACTED]"
        );
    }

    #[test]
    fn ordinary_text_is_untouched_and_borrowed() {
        for line in [
            "call c_123 answered after 2 rings; transcript ready in 340 ms",
            "INFO voxgate_server: listening on 0.0.0.0:8080",
            "audio frame 20ms 16000 Hz mono",
            "",
        ] {
            assert!(
                matches!(scrub(line), Cow::Borrowed(x) if x == line),
                "{line}"
            );
        }
        for line in [
            "the key point is latency",
            "keyboard input received",
            "llm done max_tokens=256 tokens_per_s=31.5 token_count=12",
            "see https://example.com/docs?page=2&lang=en",
            "session started for call c_9",
            "the bearer of news",
            "basic authentication is disabled",
            "risk is low; passage of time",
        ] {
            assert_eq!(s(line), line);
        }
    }

    #[test]
    fn idempotent_and_nothing_leaks() {
        let line =
            r#"password=p1 {"token":"p2"} Bearer p3p3p3p3p3 https://u:p4@h/?key=p5 secret="p6""#;
        let once = s(line);
        assert_eq!(s(&once), once);
        for secret in ["p1", "p2", "p3p3", "p4", "p5", "p6"] {
            assert!(!once.contains(secret), "{secret} leaked in {once}");
        }
    }
}
