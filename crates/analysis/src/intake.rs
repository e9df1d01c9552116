//! Upload intake for the HTTP API, without HTTP: spooling an upload to a private temporary file
//! chunk by chunk (never whole in memory) under a size limit, probing it against the decode
//! limits, and the 4xx answer of each refusal.

use std::path::{Path, PathBuf};

use tokio::io::AsyncWriteExt;
use voxgate_audio::decode::{AudioDecoder, AudioInfo, DecodeLimits};

use crate::Error;

/// Why an upload or request is refused, as an HTTP answer: status, machine code, message.
/// Messages name limits and formats, never content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// HTTP status (400, 404, 413, 415, 422).
    pub status: u16,
    /// Machine-readable code (`too_large`, `unsupported_format`, `bad_sample_rate`, `too_long`).
    pub code: &'static str,
    /// Message for the client.
    pub message: String,
}

impl Refusal {
    fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
        }
    }
}

/// The refusal answering `e`, or `None` when it is not the client's fault (a 5xx).
pub fn refusal(e: &Error) -> Option<Refusal> {
    use voxgate_audio::Error as A;
    Some(match e {
        Error::Audio(a) => match a {
            A::TooLarge { .. } => Refusal::new(413, "too_large", a.to_string()),
            A::UnknownFormat | A::UnsupportedCodec(_) | A::NoAudioTrack | A::Corrupt(_) => {
                Refusal::new(
                    415,
                    "unsupported_format",
                    format!("{a}; send WAV, MP3, FLAC, Ogg Vorbis or M4A"),
                )
            }
            A::SampleRateOutOfRange { .. } => Refusal::new(422, "bad_sample_rate", a.to_string()),
            A::TooLong { .. } => Refusal::new(422, "too_long", a.to_string()),
            A::TooManyChannels { .. } => Refusal::new(422, "too_many_channels", a.to_string()),
            _ => return None,
        },
        Error::Unsupported(m) => Refusal::new(422, "unsupported_option", m.clone()),
        Error::SourceUnavailable(m) => Refusal::new(404, "source_unavailable", m.clone()),
        _ => return None,
    })
}

/// An upload being written to disk.
#[derive(Debug)]
pub struct UploadSpool {
    path: PathBuf,
    file: Option<tokio::fs::File>,
    written: u64,
    limit: u64,
}

/// A short lowercase extension from a client file name, as a decoder hint (`mp3`), if sane.
pub fn extension_hint(file_name: Option<&str>) -> Option<String> {
    let ext = Path::new(file_name?)
        .extension()?
        .to_str()?
        .to_ascii_lowercase();
    (ext.len() <= 5 && ext.chars().all(|c| c.is_ascii_alphanumeric())).then_some(ext)
}

impl UploadSpool {
    /// Creates `dir/<random>.<ext>` (mode 0600 in a 0700 directory).
    ///
    /// # Errors
    /// [`Error::Io`] when the directory or file cannot be created.
    pub async fn create(dir: &Path, ext: Option<&str>, limit: u64) -> crate::Result<Self> {
        voxgate_store::ensure_private_dir(dir).map_err(|e| Error::Internal(e.to_string()))?;
        let name = match ext {
            Some(e) => format!("{}.{e}", uuid::Uuid::new_v4().simple()),
            None => uuid::Uuid::new_v4().simple().to_string(),
        };
        let path = dir.join(name);
        let mut opts = tokio::fs::OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        opts.mode(0o600);
        let file = opts.open(&path).await?;
        Ok(Self {
            path,
            file: Some(file),
            written: 0,
            limit,
        })
    }

    /// Appends a chunk.
    ///
    /// # Errors
    /// [`Error::Audio`] `TooLarge` past the limit (the file is removed), [`Error::Io`].
    pub async fn write(&mut self, chunk: &[u8]) -> crate::Result<()> {
        self.written += chunk.len() as u64;
        if self.written > self.limit {
            self.discard().await;
            return Err(Error::Audio(voxgate_audio::Error::TooLarge {
                limit: self.limit,
            }));
        }
        match self.file.as_mut() {
            Some(f) => Ok(f.write_all(chunk).await?),
            None => Err(Error::Internal("upload spool already closed".into())),
        }
    }

    /// Bytes written so far.
    pub fn written(&self) -> u64 {
        self.written
    }

    /// Flushes, closes and checks the file against `limits` (format, rate, channels, declared
    /// duration); returns its path and what the header says. A refused file is removed.
    ///
    /// # Errors
    /// [`Error::Audio`] with the refusal, [`Error::Io`].
    pub async fn finish(mut self, limits: &DecodeLimits) -> crate::Result<(PathBuf, AudioInfo)> {
        if let Some(mut f) = self.file.take() {
            f.flush().await?;
            f.sync_all().await?;
        }
        if self.written == 0 {
            self.discard().await;
            return Err(Error::Audio(voxgate_audio::Error::UnknownFormat));
        }
        let path = self.path.clone();
        let limits = limits.clone();
        let probed = tokio::task::spawn_blocking(move || {
            AudioDecoder::open(&path, &limits).map(|d| d.info().clone())
        })
        .await
        .map_err(|e| Error::Internal(e.to_string()))?;
        match probed {
            Ok(info) => Ok((std::mem::take(&mut self.path), info)),
            Err(e) => {
                self.discard().await;
                Err(Error::Audio(e))
            }
        }
    }

    /// Removes the file.
    pub async fn discard(&mut self) {
        self.file = None;
        if !self.path.as_os_str().is_empty() {
            let _ = tokio::fs::remove_file(&self.path).await;
            self.path = PathBuf::new();
        }
    }
}

impl Drop for UploadSpool {
    fn drop(&mut self) {
        // An upload abandoned half-way (client gone, handler error) leaves no file behind.
        if !self.path.as_os_str().is_empty() {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn spools_in_chunks_checks_and_cleans_up() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("uploads");
        let wav = voxgate_audio::decode::wav_bytes(&vec![0.1f32; 8_000], 8_000).unwrap();
        let mut s = UploadSpool::create(&dir, Some("wav"), 1 << 20)
            .await
            .unwrap();
        for c in wav.chunks(1000) {
            s.write(c).await.unwrap();
        }
        assert_eq!(s.written(), wav.len() as u64);
        let (path, info) = s.finish(&DecodeLimits::default()).await.unwrap();
        assert_eq!(info.sample_rate, 8_000);
        assert!(path.exists());
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o600
        );

        // Over the limit: refused while streaming, file gone.
        let mut s = UploadSpool::create(&dir, None, 1_500).await.unwrap();
        s.write(&wav[..1000]).await.unwrap();
        let e = s.write(&wav[1000..2000]).await.unwrap_err();
        assert_eq!(refusal(&e).unwrap().status, 413);
        drop(s);
        // Wrong rate and not audio: 422 and 415, file gone.
        let low = voxgate_audio::decode::wav_bytes(&vec![0.0f32; 400], 4_000).unwrap();
        let mut s = UploadSpool::create(&dir, Some("wav"), 1 << 20)
            .await
            .unwrap();
        s.write(&low).await.unwrap();
        let e = s.finish(&DecodeLimits::default()).await.unwrap_err();
        let r = refusal(&e).unwrap();
        assert_eq!((r.status, r.code), (422, "bad_sample_rate"));
        let mut s = UploadSpool::create(&dir, Some("mp3"), 1 << 20)
            .await
            .unwrap();
        s.write(b"hello, not audio").await.unwrap();
        let r = refusal(&s.finish(&DecodeLimits::default()).await.unwrap_err()).unwrap();
        assert_eq!((r.status, r.code), (415, "unsupported_format"));
        let long = DecodeLimits {
            max_duration_secs: 0.5,
            ..DecodeLimits::default()
        };
        let mut s = UploadSpool::create(&dir, Some("wav"), 1 << 20)
            .await
            .unwrap();
        s.write(&wav).await.unwrap();
        let r = refusal(&s.finish(&long).await.unwrap_err()).unwrap();
        assert_eq!((r.status, r.code), (422, "too_long"));
        // Only the accepted upload remains.
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        assert_eq!(extension_hint(Some("Call.MP3")).as_deref(), Some("mp3"));
        assert_eq!(extension_hint(Some("x.../etc")), None);
        assert_eq!(extension_hint(None), None);
        assert!(refusal(&Error::Cancelled).is_none());
    }
}
