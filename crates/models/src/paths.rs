//! Where the engines find their files, and checks that they are intact.

use std::path::{Path, PathBuf};

use crate::manifest::{pinned_packages, FileSpec};
use crate::setup::sha256_file;
use crate::{Error, Result};

/// Environment variable that overrides the models directory.
pub const MODELS_DIR_ENV: &str = "VOXGATE_MODELS_DIR";

/// The models directory: `$VOXGATE_MODELS_DIR` when set, else `models` (relative to the
/// working directory).
pub fn default_models_dir() -> PathBuf {
    std::env::var_os(MODELS_DIR_ENV)
        .filter(|v| !v.is_empty())
        .map_or_else(|| PathBuf::from("models"), PathBuf::from)
}

/// Paths of every model file inside one models directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelPaths {
    /// The models directory itself.
    pub root: PathBuf,
    /// Whisper tiny.en folder (CTranslate2 `model.bin`, `config.json`, `tokenizer.json`, `vocabulary.txt`).
    pub whisper_dir: PathBuf,
    /// SmolLM2-135M-Instruct GGUF.
    pub smollm2_gguf: PathBuf,
    /// Silero VAD weights as safetensors.
    pub silero_safetensors: PathBuf,
    /// Silero VAD ONNX graph.
    pub silero_onnx: PathBuf,
    /// Piper voice ONNX graph.
    pub piper_onnx: PathBuf,
    /// Piper voice configuration (`.onnx.json`).
    pub piper_config: PathBuf,
    /// ONNX Runtime shared library, for `ort`'s dynamic loading.
    pub onnxruntime_lib: PathBuf,
}

impl ModelPaths {
    /// Computes the paths under `models_dir`; touches no file.
    pub fn resolve(models_dir: impl AsRef<Path>) -> Self {
        let root = models_dir.as_ref().to_path_buf();
        Self {
            whisper_dir: root.join("whisper-tiny-en"),
            smollm2_gguf: root.join("smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),
            silero_safetensors: root.join("silero-vad/silero_vad_16k.safetensors"),
            silero_onnx: root.join("silero-vad/silero_vad.onnx"),
            piper_onnx: root.join("piper/en_US-joe-medium.onnx"),
            piper_config: root.join("piper/en_US-joe-medium.onnx.json"),
            onnxruntime_lib: root.join("onnxruntime/libonnxruntime.so.1.32.0"),
            root,
        }
    }

    /// Checks that every pinned file exists with its pinned size (no hashing: cheap enough to
    /// run at every start).
    ///
    /// # Errors
    /// [`Error::Missing`] (naming `voxgate models setup`) or [`Error::Corrupt`] for a size mismatch.
    pub fn verify_quick(&self) -> Result<()> {
        for spec in all_files() {
            check_size(&self.root, &spec)?;
        }
        Ok(())
    }

    /// Checks that every pinned file exists with its pinned size and SHA-256.
    ///
    /// # Errors
    /// [`Error::Missing`] (naming `voxgate models setup`), [`Error::Corrupt`] for a size or hash
    /// mismatch, [`Error::Io`] when a file cannot be read.
    pub fn verify(&self) -> Result<()> {
        for spec in all_files() {
            let path = check_size(&self.root, &spec)?;
            let actual = sha256_file(&path)?;
            if actual != spec.sha256 {
                return Err(Error::Corrupt {
                    path,
                    reason: format!("SHA-256 {actual}, expected {}", spec.sha256),
                });
            }
        }
        Ok(())
    }

    /// Checks the files of one sub-directory only (e.g. `whisper-tiny-en`), presence and size.
    ///
    /// # Errors
    /// As [`Self::verify_quick`].
    pub fn verify_group(&self, group: &str) -> Result<()> {
        let prefix = format!("{group}/");
        for spec in all_files().filter(|f| f.dest.starts_with(&prefix)) {
            check_size(&self.root, &spec)?;
        }
        Ok(())
    }
}

fn all_files() -> impl Iterator<Item = FileSpec> {
    pinned_packages().into_iter().flat_map(|p| p.files)
}

/// Returns the full path when the file exists with the expected size.
pub(crate) fn check_size(root: &Path, spec: &FileSpec) -> Result<PathBuf> {
    let path = root.join(&spec.dest);
    let meta = match std::fs::metadata(&path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(Error::Missing { path }),
        Err(source) => {
            return Err(Error::Io {
                action: "reading metadata of",
                path,
                source,
            })
        }
    };
    if !meta.is_file() {
        return Err(Error::Missing { path });
    }
    if meta.len() != spec.size {
        return Err(Error::Corrupt {
            path,
            reason: format!("{} bytes, expected {}", meta.len(), spec.size),
        });
    }
    Ok(path)
}
