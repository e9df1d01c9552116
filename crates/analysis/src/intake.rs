//! Upload intake for the HTTP API, without HTTP: spooling an upload to a private temporary file
//! chunk by chunk (never whole in memory) under a size limit, probing it against the decode
//! limits, and the 4xx answer of each refusal; and the sweep of spool files a crash left
//! behind ([`sweep_orphan_uploads`]).

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

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

/// What one sweep of the upload spool found. Counts only: file names are random, but the
/// report is what gets logged, so it carries nothing else.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SweepReport {
    /// Files an unfinished analysis job still needs.
    pub kept_live: usize,
    /// Files younger than the grace period (an upload in progress, a job about to be queued).
    pub kept_recent: usize,
    /// Orphaned files deleted.
    pub removed: usize,
    /// Orphaned files that could not be deleted.
    pub failed: usize,
}

/// File names of the uploads that queued or running analysis jobs will read (a job that has
/// ended deleted its file, or should have).
///
/// # Errors
/// [`Error::Store`] when the jobs cannot be read.
pub async fn live_upload_names(pool: &sqlx::SqlitePool) -> crate::Result<HashSet<OsString>> {
    use voxgate_store::jobs::JobStatus;
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT payload FROM jobs WHERE kind = ? AND status IN (?, ?)")
            .bind(crate::JOB_KIND)
            .bind(JobStatus::Queued.as_str())
            .bind(JobStatus::Running.as_str())
            .fetch_all(pool)
            .await
            .map_err(|e| Error::Store(e.into()))?;
    let mut names = HashSet::new();
    for (payload,) in rows {
        // Read as plain JSON, not as an AnalysisJob: a job of another version whose payload
        // no longer deserialises still names its file, and that file is still needed.
        let value: serde_json::Value = match serde_json::from_str(&payload) {
            Ok(v) => v,
            Err(_) => continue,
        };
        if let Some(name) = value["source"]["path"]
            .as_str()
            .and_then(|p| Path::new(p).file_name())
        {
            names.insert(name.to_owned());
        }
    }
    Ok(names)
}

/// Deletes the regular files of `dir` whose name is not in `live` and that were last written
/// more than `grace` ago: uploads spooled by a server that crashed before their job was queued
/// or before the job's end removed them. A missing directory is an empty one.
///
/// # Errors
/// [`Error::Io`] when the directory cannot be listed.
pub async fn sweep_orphan_uploads(
    dir: &Path,
    live: &HashSet<OsString>,
    grace: Duration,
) -> crate::Result<SweepReport> {
    let mut report = SweepReport::default();
    let mut entries = match tokio::fs::read_dir(dir).await {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(report),
        Err(e) => return Err(e.into()),
    };
    let now = SystemTime::now();
    while let Some(entry) = entries.next_entry().await? {
        // Not followed: only files the spool itself made are candidates.
        let Ok(meta) = tokio::fs::symlink_metadata(entry.path()).await else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        if live.contains(&entry.file_name()) {
            report.kept_live += 1;
            continue;
        }
        // An unreadable or future modification time counts as recent: never delete on doubt.
        let age = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .unwrap_or(Duration::ZERO);
        if age <= grace {
            report.kept_recent += 1;
            continue;
        }
        match tokio::fs::remove_file(entry.path()).await {
            Ok(()) => report.removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(_) => report.failed += 1,
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn sweep_removes_only_old_orphans() {
        use voxgate_store::jobs::{JobQueue, NewJob};
        let tmp = tempfile::tempdir().unwrap();
        let store = voxgate_store::SqliteStore::open(&tmp.path().join("data"))
            .await
            .unwrap();
        let queue = JobQueue::new(&store);
        let dir = tmp.path().join("uploads");
        std::fs::create_dir_all(&dir).unwrap();
        let old = SystemTime::now() - Duration::from_secs(7_200);
        let file = |name: &str, modified: SystemTime| {
            let p = dir.join(name);
            std::fs::write(&p, b"audio").unwrap();
            std::fs::File::options()
                .write(true)
                .open(&p)
                .unwrap()
                .set_modified(modified)
                .unwrap();
            p
        };
        let job = |path: &Path| {
            let spec = crate::AnalysisJob {
                source: crate::JobSource::File {
                    path: path.to_owned(),
                    delete_after: true,
                },
                options: crate::AnalyzeOptions::default(),
            };
            NewJob::new(crate::JOB_KIND, serde_json::to_value(spec).unwrap())
        };
        // A job that ended but whose file survived a crash before the worker's cleanup.
        let ended = file("ended.wav", old);
        let id = queue.enqueue(job(&ended)).await.unwrap();
        let c = queue
            .claim(crate::JOB_KIND, "w1", Duration::from_secs(60))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(c.id, id);
        queue
            .complete(&id, "w1", &serde_json::json!({}))
            .await
            .unwrap();
        // One job running, one waiting.
        let running = file("running.mp3", old);
        queue.enqueue(job(&running)).await.unwrap();
        queue
            .claim(crate::JOB_KIND, "w1", Duration::from_secs(60))
            .await
            .unwrap()
            .unwrap();
        let queued = file("queued.wav", old);
        queue.enqueue(job(&queued)).await.unwrap();
        let orphan = file("orphan.flac", old);
        let recent = file("recent.wav", SystemTime::now() - Duration::from_secs(30));
        let other_kind = file("other-kind.wav", old);
        queue
            .enqueue(NewJob::new(
                "export",
                serde_json::json!({"source": {"path": other_kind}}),
            ))
            .await
            .unwrap();
        std::fs::create_dir(dir.join("subdir")).unwrap();

        let live = live_upload_names(store.pool()).await.unwrap();
        assert_eq!(live.len(), 2, "{live:?}");
        let report = sweep_orphan_uploads(&dir, &live, Duration::from_secs(3_600))
            .await
            .unwrap();
        assert_eq!(
            report,
            SweepReport {
                kept_live: 2,
                kept_recent: 1,
                removed: 3,
                failed: 0
            }
        );
        assert!(queued.exists() && running.exists() && recent.exists());
        assert!(!ended.exists() && !orphan.exists() && !other_kind.exists());
        assert!(dir.join("subdir").is_dir(), "directories are not touched");
        // Nothing left to do; a missing spool is an empty one.
        let again = sweep_orphan_uploads(&dir, &live, Duration::from_secs(3_600))
            .await
            .unwrap();
        assert_eq!(again.removed, 0);
        let none = sweep_orphan_uploads(&tmp.path().join("nope"), &live, Duration::ZERO)
            .await
            .unwrap();
        assert_eq!(none, SweepReport::default());
    }

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
