//! The `voxgate` binary end to end: serve on defaults, production refusals, doctor, config errors.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::zombie_processes)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn voxgate(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_voxgate"));
    cmd.current_dir(dir);
    // A clean environment: no VOXGATE_* from the developer's shell leaks into the test.
    for (k, _) in std::env::vars() {
        if k.starts_with("VOXGATE_") {
            cmd.env_remove(k);
        }
    }
    // The transports and admin paths are tested here; the agent's models are tested elsewhere.
    cmd.env("VOXGATE_AGENT__ENABLED", "false");
    cmd
}

struct Server {
    child: Child,
    admin: String,
    audiosocket: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(dir: &Path) -> Server {
    let mut child = voxgate(dir)
        .args(["serve"])
        .env("VOXGATE_HTTP__LISTEN", "127.0.0.1:0")
        .env("VOXGATE_ADMIN__LISTEN", "127.0.0.1:0")
        .env("VOXGATE_AUDIOSOCKET__LISTEN", "127.0.0.1:0")
        .env("VOXGATE_LOG__FORMAT", "json")
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(line) = rx.recv_timeout(Duration::from_millis(200)) {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&line) {
                if v["message"] == "voxgate started" {
                    let admin = v["admin_addr"].as_str().unwrap().to_string();
                    let audiosocket = v["audiosocket"].as_str().unwrap().to_string();
                    return Server {
                        child,
                        admin,
                        audiosocket,
                    };
                }
            }
        }
    }
    panic!("server did not start");
}

/// Local addresses of the TCP sockets `pid` listens on, from /proc.
fn listening_addresses(pid: u32) -> Vec<String> {
    let mut inodes = std::collections::HashSet::new();
    for fd in std::fs::read_dir(format!("/proc/{pid}/fd"))
        .unwrap()
        .flatten()
    {
        if let Ok(target) = std::fs::read_link(fd.path()) {
            let t = target.to_string_lossy().to_string();
            if let Some(inode) = t.strip_prefix("socket:[").and_then(|s| s.strip_suffix(']')) {
                inodes.insert(inode.to_string());
            }
        }
    }
    let mut out = Vec::new();
    for table in ["tcp", "tcp6"] {
        let text = std::fs::read_to_string(format!("/proc/{pid}/net/{table}")).unwrap_or_default();
        for line in text.lines().skip(1) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            if cols.len() > 9 && cols[3] == "0A" && inodes.contains(cols[9]) {
                out.push(format!("{table}:{}", cols[1]));
            }
        }
    }
    out
}

fn is_loopback(addr: &str) -> bool {
    // tcp: 0100007F:PORT (127.0.0.1, little-endian hex); tcp6 ::1 is 000...0001000000
    addr.starts_with("tcp:0100007F:")
        || addr.starts_with("tcp:") && addr[4..6] == *"7F"
        || addr.starts_with("tcp6:00000000000000000000000001000000:")
}

#[test]
fn serve_on_defaults_is_ready_with_metrics_and_only_loopback_sockets() {
    let tmp = tempfile::tempdir().unwrap();
    let server = start(tmp.path());
    let client = reqwest::blocking::Client::new();
    let live = client
        .get(format!("http://{}/livez", server.admin))
        .send()
        .unwrap();
    assert_eq!(live.status(), 200);
    let ready = client
        .get(format!("http://{}/readyz", server.admin))
        .send()
        .unwrap();
    assert_eq!(ready.status(), 200);
    let body: serde_json::Value = ready.json().unwrap();
    assert_eq!(body["checks"]["storage"], "ok");

    let metrics = client
        .get(format!("http://{}/metrics", server.admin))
        .send()
        .unwrap()
        .text()
        .unwrap();
    assert!(metrics.contains("voxgate_build_info"), "{metrics}");
    let sample = regex::Regex::new(
        r#"^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? [-+]?([0-9.eE+-]+|NaN|\+Inf|-Inf)( [0-9]+)?$"#,
    )
    .unwrap();
    for line in metrics.lines().filter(|l| !l.is_empty()) {
        if let Some(rest) = line.strip_prefix('#') {
            assert!(
                rest.starts_with(" HELP ") || rest.starts_with(" TYPE "),
                "bad comment line: {line}"
            );
        } else {
            assert!(sample.is_match(line), "not Prometheus text format: {line}");
        }
    }

    let sockets = listening_addresses(server.child.id());
    assert!(
        sockets.len() >= 3,
        "http, admin and audiosocket: {sockets:?}"
    );
    for s in &sockets {
        assert!(is_loopback(s), "listening on a non-loopback address: {s}");
    }

    // Data directory and database are private.
    use std::os::unix::fs::PermissionsExt;
    let data = tmp.path().join("data");
    assert_eq!(
        std::fs::metadata(&data).unwrap().permissions().mode() & 0o777,
        0o700
    );
    let db = data.join("voxgate.db");
    assert_eq!(
        std::fs::metadata(&db).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

#[test]
fn sigterm_stops_the_server_cleanly() {
    let tmp = tempfile::tempdir().unwrap();
    let mut server = start(tmp.path());
    let pid = server.child.id().to_string();
    Command::new("kill").args(["-TERM", &pid]).status().unwrap();
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            assert!(status.success(), "exit status {status}");
            break;
        }
        assert!(Instant::now() < deadline, "server did not stop on SIGTERM");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn production_with_weak_secrets_exits_2_naming_each_key() {
    let tmp = tempfile::tempdir().unwrap();
    let out = voxgate(tmp.path())
        .args(["serve"])
        .env("VOXGATE_MODE", "production")
        .env("VOXGATE_SECURITY__JWT_SECRET", "changeme")
        .env("VOXGATE_SECURITY__MASTER_KEY", "tooshort-but-random-9x")
        .env("VOXGATE_LOG__LEVEL", "debug")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("security.jwt_secret is a known default or placeholder"),
        "{err}"
    );
    assert!(err.contains("security.master_key is too short"), "{err}");
    assert!(err.contains("security.audit_key is not set"), "{err}");
    assert!(err.contains("log.level"), "{err}");
    assert!(
        !err.contains("tooshort-but-random-9x"),
        "a secret was printed: {err}"
    );
    assert!(
        !tmp.path().join("data").exists(),
        "refused start must not create state"
    );
}

#[test]
fn doctor_prints_a_checklist_and_fails_on_problems() {
    let tmp = tempfile::tempdir().unwrap();
    let out = voxgate(tmp.path())
        .args(["doctor"])
        .env("VOXGATE_MODE", "production")
        .env("VOXGATE_SECURITY__JWT_SECRET", "password")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("[FAIL] secret security.jwt_secret"), "{text}");
    assert!(text.contains("[pass] http listener"), "{text}");
    assert!(text.contains("[pass] log level"), "{text}");

    // A strong production configuration passes, with secrets from files checked for mode.
    let secret = tmp.path().join("key");
    std::fs::write(&secret, "q8Zr1vN3xJ0pL6tY2wB9cF4hK7mS5dA0eG8uI3oR1zX\n").unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o644)).unwrap();
    let run = || {
        voxgate(tmp.path())
            .args(["doctor"])
            .env("VOXGATE_MODE", "production")
            .env("VOXGATE_SECURITY__JWT_SECRET_FILE", &secret)
            .env("VOXGATE_SECURITY__MASTER_KEY_FILE", &secret)
            .env("VOXGATE_SECURITY__AUDIT_KEY_FILE", &secret)
            .output()
            .unwrap()
    };
    let out = run();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("[FAIL] secret file for security.jwt_secret"),
        "{text}"
    );
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = run();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
}

#[test]
fn bad_config_names_the_key_and_line_or_variable() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(
        tmp.path().join("voxgate.toml"),
        "[http]\nlisten = \"127.0.0.1:8080\"\nport = 1\n",
    )
    .unwrap();
    let out = voxgate(tmp.path()).args(["validate"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("line 3") && err.contains("port"), "{err}");

    std::fs::remove_file(tmp.path().join("voxgate.toml")).unwrap();
    let out = voxgate(tmp.path())
        .args(["validate"])
        .env("VOXGATE_ADMIN__ALLOW_PUBLIC_BIND", "maybe")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("VOXGATE_ADMIN__ALLOW_PUBLIC_BIND"), "{err}");
}

#[test]
fn redact_cli_masks_typed_and_spoken_pii() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = voxgate(tmp.path())
        .args(["redact", "--operator", "PHONE_NUMBER=mask:4"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(
            b"my ssn is 536-22-1234 and my number is five one two five five five oh one four two\n",
        )
        .unwrap();
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    assert!(text.contains("[US_SSN]"), "{text}");
    assert!(
        text.contains("0142") && !text.contains("five one two"),
        "{text}"
    );
}

#[test]
fn audiosocket_echo_call_through_the_server() {
    use std::io::{Read, Write};
    let tmp = tempfile::tempdir().unwrap();
    let server = start(tmp.path());
    let mut sock = std::net::TcpStream::connect(&server.audiosocket).unwrap();
    sock.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    sock.set_nodelay(true).unwrap();
    // UUID, then 1 s of slin 8 kHz audio (a ramp) in 20 ms frames.
    let mut msg = vec![0x01, 0x00, 0x10];
    msg.extend_from_slice(&[0x42; 16]);
    sock.write_all(&msg).unwrap();
    for n in 0..50u16 {
        let mut frame = vec![0x10, 0x01, 0x40];
        for i in 0..160u16 {
            frame.extend_from_slice(&((n * 160 + i) as i16).to_le_bytes());
        }
        sock.write_all(&frame).unwrap();
        std::thread::sleep(Duration::from_millis(20));
    }
    // The echo profile plays it back as audio frames of the same kind.
    let mut header = [0u8; 3];
    let mut received = 0usize;
    let deadline = Instant::now() + Duration::from_secs(5);
    while received < 320 * 40 && Instant::now() < deadline {
        sock.read_exact(&mut header).unwrap();
        let len = u16::from_be_bytes([header[1], header[2]]) as usize;
        let mut payload = vec![0u8; len];
        sock.read_exact(&mut payload).unwrap();
        if header[0] == 0x10 {
            received += len;
        }
    }
    assert!(received >= 320 * 40, "echoed {received} bytes");
    // Hang up.
    sock.write_all(&[0x00, 0x00, 0x00]).unwrap();
}

#[test]
fn keys_rotate_master_rewraps_under_the_new_key() {
    let tmp = tempfile::tempdir().unwrap();
    let old = "11".repeat(32);
    let audit = "22".repeat(32);
    let keyed = |cmd: &mut Command, master: &str| {
        cmd.env("VOXGATE_SECURITY__MASTER_KEY", master)
            .env("VOXGATE_SECURITY__AUDIT_KEY", &audit);
    };
    let help = voxgate(tmp.path())
        .args(["keys", "--help"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&help.stdout).contains("rotate-master"));

    let out = voxgate(tmp.path())
        .args(["master-key", "generate", "--out", "new.key"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let new_text = std::fs::read_to_string(tmp.path().join("new.key")).unwrap();

    let mut status = voxgate(tmp.path());
    status.args(["master-key", "status"]);
    keyed(&mut status, &old);
    let out = status.output().unwrap();
    let before = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let mut rotate = voxgate(tmp.path());
    rotate.args(["keys", "rotate-master", "--new-key-file", "new.key"]);
    keyed(&mut rotate, &old);
    let out = rotate.output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("re-wrapped 0 data key(s) from"), "{stdout}");
    assert!(stdout.contains("now set security.master_key"), "{stdout}");

    // The old name still works.
    let mut again = voxgate(tmp.path());
    again.args(["master-key", "rotate", "--new-key-file", "new.key"]);
    keyed(&mut again, &old);
    assert!(again.output().unwrap().status.success());

    let mut status = voxgate(tmp.path());
    status.args(["master-key", "status"]);
    keyed(&mut status, new_text.trim());
    let out = status.output().unwrap();
    let after = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(out.status.success());
    assert_ne!(
        before.lines().next(),
        after.lines().next(),
        "{before} / {after}"
    );
}
