//! Call recordings, streamed to disk as they are made and sealed chunk by chunk.
//!
//! A recording can last an hour, so it is never held whole in memory nor sealed as one
//! ciphertext: [`CallStore::begin_recording`] opens a [`RecordingFile`] (the blob file
//! `data/blobs/<call>/<blob>.bin`, 0640 in a 0750 directory), [`RecordingFile::append`] seals
//! each block of PCM as it comes, and [`CallStore::finish_recording`] writes the closing record,
//! syncs the file and lists the blob in `blobs` (class `recording`, media type `audio/wav`),
//! audited `recording.stored`.
//!
//! The file is `MAGIC` followed by records `u32 BE length || sealed`, each sealed by
//! [`crypto::seal_blob`] with the call's data key and associated data binding the call id,
//! [`DataClass::Recording`] and `<blob id>:<record number>` (`:end` added on the last). Record 0
//! holds the format (rate u32 LE, channels u16 LE, bits u16 LE), the middle ones interleaved
//! PCM16 LE, the last one the total frame count (u64 LE). Reordered, dropped, swapped or
//! appended records fail to open, and a file cut short lacks its `:end` record, so truncation is
//! caught too. Nothing of the audio, not even a WAV header, is visible in the file.
//!
//! Reading builds the WAV (`RIFF` header + data) from the records; the header is written by
//! hand because it is 44 fixed bytes and `hound` only writes headers through `Seek`, which a
//! streamed body does not have.

use std::fs::{File, OpenOptions};
use std::io::{BufReader, Read, Seek, SeekFrom, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::PathBuf;

use voxgate_security::audit::{AuditResult, Classification};
use voxgate_security::crypto::{self, DataClass, DataKey};
use zeroize::Zeroizing;

use crate::audit_log::AccessContext;
use crate::blobs::{check_id, BLOB_DIR_MODE, BLOB_FILE_MODE};
use crate::calls::{outcome, BlobInfo, CallStore};
use crate::{Error, Result};

/// Audit event type of a stored recording.
pub const RECORDING_STORED: &str = "recording.stored";
/// Media type of recordings as read back.
pub const MEDIA_TYPE: &str = "audio/wav";
/// First bytes of a streamed recording file (single-ciphertext blobs start with the crypto
/// format version instead).
pub const MAGIC: &[u8; 8] = b"VXGREC\0\x01";
/// Size of the WAV header [`wav_header`] writes.
pub const WAV_HEADER_LEN: usize = 44;
/// Largest record accepted when reading (a block is at most a few seconds of 48 kHz stereo).
const MAX_RECORD: usize = 16 * 1024 * 1024;

/// Sample format of a recording (PCM16).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordingFormat {
    /// Frames per second.
    pub sample_rate: u32,
    /// Interleaved channels (2: caller left, agent right).
    pub channels: u16,
}

impl RecordingFormat {
    fn check(&self) -> Result<()> {
        if self.sample_rate == 0 || self.sample_rate > 384_000 || !(1..=8).contains(&self.channels)
        {
            return Err(Error::InvalidInput(format!(
                "recording format {} Hz x {} channels",
                self.sample_rate, self.channels
            )));
        }
        Ok(())
    }

    fn encode(&self) -> [u8; 8] {
        let mut b = [0u8; 8];
        b[..4].copy_from_slice(&self.sample_rate.to_le_bytes());
        b[4..6].copy_from_slice(&self.channels.to_le_bytes());
        b[6..8].copy_from_slice(&16u16.to_le_bytes());
        b
    }

    fn decode(b: &[u8]) -> Result<Self> {
        let bad = || Error::InvalidInput("recording header is malformed".into());
        if b.len() != 8 {
            return Err(bad());
        }
        let rate = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
        let channels = u16::from_le_bytes([b[4], b[5]]);
        let bits = u16::from_le_bytes([b[6], b[7]]);
        let f = Self {
            sample_rate: rate,
            channels,
        };
        if bits != 16 {
            return Err(bad());
        }
        f.check()?;
        Ok(f)
    }

    /// Bytes per interleaved frame.
    pub fn frame_bytes(&self) -> u64 {
        2 * u64::from(self.channels)
    }
}

/// The 44-byte header of a PCM16 WAV file with `frames` frames.
pub fn wav_header(format: RecordingFormat, frames: u64) -> [u8; WAV_HEADER_LEN] {
    let data = frames.saturating_mul(format.frame_bytes());
    // WAV sizes are 32-bit; a recording past 4 GiB (over 9 hours of 48 kHz stereo) says so.
    let data32 = u32::try_from(data).unwrap_or(u32::MAX - 36);
    let block_align = format.channels * 2;
    let byte_rate = format.sample_rate.saturating_mul(u32::from(block_align));
    let mut h = [0u8; WAV_HEADER_LEN];
    h[0..4].copy_from_slice(b"RIFF");
    h[4..8].copy_from_slice(&(data32.saturating_add(36)).to_le_bytes());
    h[8..12].copy_from_slice(b"WAVE");
    h[12..16].copy_from_slice(b"fmt ");
    h[16..20].copy_from_slice(&16u32.to_le_bytes());
    h[20..22].copy_from_slice(&1u16.to_le_bytes()); // PCM
    h[22..24].copy_from_slice(&format.channels.to_le_bytes());
    h[24..28].copy_from_slice(&format.sample_rate.to_le_bytes());
    h[28..32].copy_from_slice(&byte_rate.to_le_bytes());
    h[32..34].copy_from_slice(&block_align.to_le_bytes());
    h[34..36].copy_from_slice(&16u16.to_le_bytes());
    h[36..40].copy_from_slice(b"data");
    h[40..44].copy_from_slice(&data32.to_le_bytes());
    h
}

fn record_aad_id(blob_id: &str, seq: u64, last: bool) -> String {
    if last {
        format!("{blob_id}:{seq}:end")
    } else {
        format!("{blob_id}:{seq}")
    }
}

/// A recording being written. Its methods do blocking file I/O: call them from a blocking
/// task. Dropping it without [`CallStore::finish_recording`] leaves an unlisted file that
/// deleting the call removes; [`Self::abort`] removes it at once.
pub struct RecordingFile {
    call_id: String,
    blob_id: String,
    key: DataKey,
    file: File,
    path: PathBuf,
    dir: PathBuf,
    format: RecordingFormat,
    seq: u64,
    frames: u64,
    /// Reused for the PCM bytes of each block.
    scratch: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for RecordingFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordingFile")
            .field("call_id", &self.call_id)
            .field("blob_id", &self.blob_id)
            .field("format", &self.format)
            .field("frames", &self.frames)
            .finish_non_exhaustive()
    }
}

impl RecordingFile {
    /// The blob id the recording will be listed under.
    pub fn blob_id(&self) -> &str {
        &self.blob_id
    }

    /// Frames written so far.
    pub fn frames(&self) -> u64 {
        self.frames
    }

    /// The sample format.
    pub fn format(&self) -> RecordingFormat {
        self.format
    }

    fn write_record(&mut self, plaintext: &[u8], last: bool) -> Result<()> {
        let id = record_aad_id(&self.blob_id, self.seq, last);
        let sealed = crypto::seal_blob(
            &self.key,
            &self.call_id,
            DataClass::Recording,
            &id,
            plaintext,
        )?;
        let len = u32::try_from(sealed.len())
            .map_err(|_| Error::InvalidInput("recording block too large".into()))?;
        let mut out = Vec::with_capacity(4 + sealed.len());
        out.extend_from_slice(&len.to_be_bytes());
        out.extend_from_slice(&sealed);
        self.file.write_all(&out).map_err(|source| Error::Io {
            op: "writing",
            path: self.path.clone(),
            source,
        })?;
        self.seq += 1;
        Ok(())
    }

    /// Seals and appends interleaved PCM16 frames (`samples.len()` a multiple of the channel
    /// count; a trailing partial frame is refused).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for a partial frame, [`Error::Io`], [`Error::Crypto`].
    pub fn append(&mut self, samples: &[i16]) -> Result<()> {
        if samples.is_empty() {
            return Ok(());
        }
        let ch = usize::from(self.format.channels);
        if samples.len() % ch != 0 {
            return Err(Error::InvalidInput(format!(
                "{} samples is not a whole number of {ch}-channel frames",
                samples.len()
            )));
        }
        let mut buf = std::mem::take(&mut self.scratch);
        buf.clear();
        buf.reserve(samples.len() * 2);
        for s in samples {
            buf.extend_from_slice(&s.to_le_bytes());
        }
        let res = self.write_record(&buf, false);
        self.scratch = buf;
        res?;
        self.frames += (samples.len() / ch) as u64;
        Ok(())
    }

    /// Appends `frames` frames of silence (a block lost on the way to the writer keeps the two
    /// channels in time).
    ///
    /// # Errors
    /// As [`Self::append`].
    pub fn append_silence(&mut self, frames: u64) -> Result<()> {
        let ch = u64::from(self.format.channels);
        let per_block = u64::from(self.format.sample_rate).max(1);
        let mut left = frames;
        while left > 0 {
            let n = left.min(per_block);
            let zeros = vec![0i16; usize::try_from(n * ch).unwrap_or(0)];
            self.append(&zeros)?;
            left -= n;
        }
        Ok(())
    }

    /// Writes the closing record and syncs the file and its directory.
    fn close(&mut self) -> Result<()> {
        let frames = self.frames.to_le_bytes();
        self.write_record(&frames, true)?;
        let io = |op: &'static str, path: &PathBuf| {
            let path = path.clone();
            move |source| Error::Io { op, path, source }
        };
        self.file.sync_all().map_err(io("syncing", &self.path))?;
        File::open(&self.dir)
            .and_then(|d| d.sync_all())
            .map_err(io("syncing directory", &self.dir))
    }

    /// Gives up: removes the file.
    pub fn abort(self) {
        if let Err(e) = std::fs::remove_file(&self.path) {
            tracing::warn!(call_id = %self.call_id, error = %e, "removing an aborted recording failed");
        }
    }
}

/// Reads a streamed recording record by record.
#[derive(Debug)]
pub struct RecordingReader<R> {
    src: R,
    call_id: String,
    blob_id: String,
    format: RecordingFormat,
    seq: u64,
    frames: u64,
    done: bool,
}

fn read_exact_or_eof<R: Read>(src: &mut R, buf: &mut [u8]) -> Result<bool> {
    let mut got = 0;
    while got < buf.len() {
        match src.read(&mut buf[got..]) {
            Ok(0) if got == 0 => return Ok(false),
            Ok(0) => return Err(Error::InvalidInput("recording is truncated".into())),
            Ok(n) => got += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(source) => {
                return Err(Error::Io {
                    op: "reading",
                    path: PathBuf::from("recording"),
                    source,
                })
            }
        }
    }
    Ok(true)
}

impl<R: Read> RecordingReader<R> {
    /// Checks the magic and opens record 0 (the format).
    ///
    /// # Errors
    /// [`Error::InvalidInput`] for something that is not a streamed recording,
    /// [`Error::Crypto`] when the key, call or blob id do not match.
    pub fn new(mut src: R, key: &DataKey, call_id: &str, blob_id: &str) -> Result<Self> {
        let mut magic = [0u8; 8];
        if !read_exact_or_eof(&mut src, &mut magic)? || &magic != MAGIC {
            return Err(Error::InvalidInput("not a streamed recording".into()));
        }
        let mut r = Self {
            src,
            call_id: call_id.to_owned(),
            blob_id: blob_id.to_owned(),
            format: RecordingFormat {
                sample_rate: 1,
                channels: 1,
            },
            seq: 0,
            frames: 0,
            done: false,
        };
        let first = r
            .next_record(key)?
            .ok_or_else(|| Error::InvalidInput("recording is truncated".into()))?;
        r.format = RecordingFormat::decode(&first)?;
        Ok(r)
    }

    /// The sample format.
    pub fn format(&self) -> RecordingFormat {
        self.format
    }

    /// Opens the next record; `None` after the end record.
    fn next_record(&mut self, key: &DataKey) -> Result<Option<Zeroizing<Vec<u8>>>> {
        if self.done {
            return Ok(None);
        }
        let mut len = [0u8; 4];
        if !read_exact_or_eof(&mut self.src, &mut len)? {
            return Err(Error::InvalidInput(
                "recording is truncated (no end record)".into(),
            ));
        }
        let len = u32::from_be_bytes(len) as usize;
        if len > MAX_RECORD {
            return Err(Error::InvalidInput("recording record too large".into()));
        }
        let mut sealed = vec![0u8; len];
        if !read_exact_or_eof(&mut self.src, &mut sealed)? {
            return Err(Error::InvalidInput("recording is truncated".into()));
        }
        let open = |last| {
            crypto::open_blob(
                key,
                &self.call_id,
                DataClass::Recording,
                &record_aad_id(&self.blob_id, self.seq, last),
                &sealed,
            )
        };
        let plain = match open(false) {
            Ok(p) => p,
            // Record 0 is the format and can never be the end.
            Err(_) if self.seq > 0 => {
                let p = open(true)?;
                let total = <[u8; 8]>::try_from(&p[..])
                    .map(u64::from_le_bytes)
                    .map_err(|_| Error::InvalidInput("recording end is malformed".into()))?;
                if total != self.frames {
                    return Err(Error::InvalidInput(
                        "recording frame count does not match its records".into(),
                    ));
                }
                let mut rest = [0u8; 1];
                if read_exact_or_eof(&mut self.src, &mut rest)? {
                    return Err(Error::InvalidInput(
                        "data after the end of the recording".into(),
                    ));
                }
                self.done = true;
                self.seq += 1;
                return Ok(None);
            }
            Err(e) => return Err(e.into()),
        };
        self.seq += 1;
        Ok(Some(plain))
    }

    /// The next block of interleaved PCM16 LE bytes; `None` at the (verified) end.
    ///
    /// # Errors
    /// [`Error::Crypto`] for a modified, reordered or foreign record, [`Error::InvalidInput`]
    /// for a truncated or malformed file.
    pub fn next_pcm(&mut self, key: &DataKey) -> Result<Option<Zeroizing<Vec<u8>>>> {
        let Some(block) = self.next_record(key)? else {
            return Ok(None);
        };
        let fb = self.format.frame_bytes();
        if block.len() as u64 % fb != 0 {
            return Err(Error::InvalidInput("recording block is malformed".into()));
        }
        self.frames += block.len() as u64 / fb;
        Ok(Some(block))
    }
}

/// Whether `sealed` is a streamed recording file (rather than a single sealed blob).
pub fn is_streamed(sealed: &[u8]) -> bool {
    sealed.starts_with(MAGIC)
}

/// Opens a whole streamed recording as a WAV file in memory.
///
/// # Errors
/// As [`RecordingReader::next_pcm`].
pub fn open_wav(
    key: &DataKey,
    call_id: &str,
    blob_id: &str,
    sealed: &[u8],
) -> Result<Zeroizing<Vec<u8>>> {
    let mut r = RecordingReader::new(sealed, key, call_id, blob_id)?;
    let mut out = Zeroizing::new(Vec::with_capacity(sealed.len()));
    out.extend_from_slice(&[0u8; WAV_HEADER_LEN]);
    while let Some(block) = r.next_pcm(key)? {
        out.extend_from_slice(&block);
    }
    let header = wav_header(r.format(), r.frames);
    out[..WAV_HEADER_LEN].copy_from_slice(&header);
    Ok(out)
}

/// A recording opened for streaming: [`next_chunk`](Self::next_chunk) yields the WAV header,
/// then one decrypted block (a second of audio) at a time, so an hour-long recording is never
/// held whole in memory.
pub struct RecordingStream {
    inner: StreamInner,
}

enum StreamInner {
    /// A recording sealed as one blob (none are written so any more, but old ones still open).
    Memory(Option<Zeroizing<Vec<u8>>>),
    File {
        reader: Box<RecordingReader<BufReader<File>>>,
        key: DataKey,
        header: Option<[u8; WAV_HEADER_LEN]>,
        frames: u64,
    },
}

impl std::fmt::Debug for RecordingStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RecordingStream")
            .field("wav_len", &self.wav_len())
            .finish_non_exhaustive()
    }
}

impl RecordingStream {
    /// Opens a streamed recording file and counts its frames from the record lengths, so the
    /// WAV header (which needs the data size) can go first. The count is checked against the
    /// sealed end record when the stream reaches it.
    fn open_file(
        path: &std::path::Path,
        key: DataKey,
        call_id: &str,
        blob_id: &str,
    ) -> Result<Self> {
        let io = |op: &'static str| {
            let path = path.to_path_buf();
            move |source| Error::Io { op, path, source }
        };
        let file = File::open(path).map_err(io("opening"))?;
        let reader = RecordingReader::new(BufReader::new(file), &key, call_id, blob_id)?;
        let format = reader.format();
        let mut scan = BufReader::new(File::open(path).map_err(io("opening"))?);
        scan.seek(SeekFrom::Start(MAGIC.len() as u64))
            .map_err(io("reading"))?;
        let mut lens = Vec::new();
        let mut len = [0u8; 4];
        while read_exact_or_eof(&mut scan, &mut len)? {
            let n = u32::from_be_bytes(len);
            lens.push(n);
            scan.seek(SeekFrom::Current(i64::from(n)))
                .map_err(io("reading"))?;
        }
        // Record 0 is the format and the last one the end; the others hold the PCM.
        let mut data = 0u64;
        for &n in lens.iter().skip(1).take(lens.len().saturating_sub(2)) {
            let plain = (n as usize)
                .checked_sub(crypto::SEALED_OVERHEAD)
                .ok_or_else(|| Error::InvalidInput("recording record is malformed".into()))?;
            data += plain as u64;
        }
        if lens.len() < 2 || data % format.frame_bytes() != 0 {
            return Err(Error::InvalidInput("recording is malformed".into()));
        }
        let frames = data / format.frame_bytes();
        Ok(Self {
            inner: StreamInner::File {
                reader: Box::new(reader),
                key,
                header: Some(wav_header(format, frames)),
                frames,
            },
        })
    }

    /// The whole WAV file's size in bytes (for `Content-Length`).
    pub fn wav_len(&self) -> u64 {
        match &self.inner {
            StreamInner::Memory(Some(wav)) => wav.len() as u64,
            StreamInner::Memory(None) => 0,
            StreamInner::File { reader, frames, .. } => {
                WAV_HEADER_LEN as u64 + frames * reader.format().frame_bytes()
            }
        }
    }

    /// The next piece of the WAV file; `None` at the (verified) end.
    ///
    /// # Errors
    /// As [`RecordingReader::next_pcm`], and [`Error::InvalidInput`] when the audio does not
    /// match the frame count announced in the header.
    pub fn next_chunk(&mut self) -> Result<Option<Zeroizing<Vec<u8>>>> {
        match &mut self.inner {
            StreamInner::Memory(wav) => Ok(wav.take()),
            StreamInner::File {
                reader,
                key,
                header,
                frames,
            } => {
                if let Some(h) = header.take() {
                    return Ok(Some(Zeroizing::new(h.to_vec())));
                }
                match reader.next_pcm(key)? {
                    Some(block) if reader.frames <= *frames => Ok(Some(block)),
                    Some(_) => Err(Error::InvalidInput(
                        "recording is longer than its header".into(),
                    )),
                    None if reader.frames == *frames => Ok(None),
                    None => Err(Error::InvalidInput(
                        "recording is shorter than its header".into(),
                    )),
                }
            }
        }
    }
}

impl CallStore {
    /// Starts a recording of `call_id` (which must exist and still have its data key): creates
    /// its blob file and writes the format record.
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown or deleted call, [`Error::InvalidInput`] for a bad
    /// format, [`Error::Io`].
    pub async fn begin_recording(
        &self,
        call_id: &str,
        format: RecordingFormat,
    ) -> Result<RecordingFile> {
        check_id("call", call_id)?;
        format.check()?;
        let key = self.data_key(call_id).await?;
        let blob_id = uuid::Uuid::new_v4().to_string();
        let path = self.blob_files().path(call_id, &blob_id)?;
        let dir = path
            .parent()
            .map(std::path::Path::to_path_buf)
            .unwrap_or_else(|| self.blob_files().root().to_path_buf());
        let call_id = call_id.to_owned();
        tokio::task::spawn_blocking(move || -> Result<RecordingFile> {
            let io = |op: &'static str, p: &PathBuf| {
                let path = p.clone();
                move |source| Error::Io { op, path, source }
            };
            if !dir.exists() {
                std::fs::DirBuilder::new()
                    .recursive(true)
                    .mode(BLOB_DIR_MODE)
                    .create(&dir)
                    .map_err(io("creating directory", &dir))?;
            }
            std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(BLOB_DIR_MODE))
                .map_err(io("setting permissions of", &dir))?;
            let mut file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(BLOB_FILE_MODE)
                .open(&path)
                .map_err(io("creating", &path))?;
            file.set_permissions(std::fs::Permissions::from_mode(BLOB_FILE_MODE))
                .map_err(io("setting permissions of", &path))?;
            file.write_all(MAGIC).map_err(io("writing", &path))?;
            let mut rec = RecordingFile {
                call_id,
                blob_id,
                key,
                file,
                path,
                dir,
                format,
                seq: 0,
                frames: 0,
                scratch: Zeroizing::new(Vec::new()),
            };
            let header = format.encode();
            if let Err(e) = rec.write_record(&header, false) {
                rec.abort();
                return Err(e);
            }
            Ok(rec)
        })
        .await
        .map_err(|e| Error::InvalidInput(format!("recording task failed: {e}")))?
    }

    /// Closes a recording and lists it among the call's blobs; audited `recording.stored`
    /// (the blob id and duration, no content). A recording without frames is removed instead
    /// and `None` returned.
    ///
    /// # Errors
    /// [`Error::Io`] or [`Error::Database`]; the file is removed then. [`Error::NotFound`]
    /// when the call was deleted meanwhile.
    pub async fn finish_recording(
        &self,
        mut rec: RecordingFile,
        now_ms: i64,
    ) -> Result<Option<BlobInfo>> {
        if rec.frames == 0 {
            tokio::task::spawn_blocking(move || rec.abort()).await.ok();
            return Ok(None);
        }
        let (rec, closed) = tokio::task::spawn_blocking(move || {
            let r = rec.close();
            (rec, r)
        })
        .await
        .map_err(|e| Error::InvalidInput(format!("recording task failed: {e}")))?;
        let size = (WAV_HEADER_LEN as u64)
            .saturating_add(rec.frames.saturating_mul(rec.format.frame_bytes()));
        let info = BlobInfo {
            id: rec.blob_id.clone(),
            class: DataClass::Recording.as_str().to_owned(),
            media_type: MEDIA_TYPE.to_owned(),
            size: i64::try_from(size).unwrap_or(i64::MAX),
            created_ms: now_ms,
        };
        let result = match closed {
            Ok(()) => self.list_recording(&rec.call_id, &info).await,
            Err(e) => Err(e),
        };
        let mut e = AccessContext::system().event(
            now_ms,
            RECORDING_STORED,
            &format!("call:{}/blob:{}", rec.call_id, rec.blob_id),
            "store",
            outcome(&result),
        );
        e.call_id = Some(rec.call_id.clone());
        e.pii_involved = true;
        e.data_classification = Classification::Restricted;
        if result.is_ok() {
            let secs = rec.frames / u64::from(rec.format.sample_rate.max(1));
            e.action_taken = Some(format!(
                "sealed {secs} s of {} Hz audio, {} channel(s)",
                rec.format.sample_rate, rec.format.channels
            ));
        }
        let audited = self.audit().append(e.finish()).await;
        if let Err(err) = result {
            tokio::task::spawn_blocking(move || rec.abort()).await.ok();
            return Err(err);
        }
        audited?;
        Ok(Some(info))
    }

    async fn list_recording(&self, call_id: &str, info: &BlobInfo) -> Result<()> {
        // The call may have been deleted while the recording ran: its key is gone then, and
        // the row must not reappear.
        let r = sqlx::query(
            "INSERT INTO blobs (id, call_id, class, media_type, size, created_ms, in_file, ciphertext) \
             SELECT ?, ?, ?, ?, ?, ?, 1, NULL WHERE EXISTS (SELECT 1 FROM call_keys WHERE call_id = ?)",
        )
        .bind(&info.id)
        .bind(call_id)
        .bind(&info.class)
        .bind(&info.media_type)
        .bind(info.size)
        .bind(info.created_ms)
        .bind(call_id)
        .execute(self.pool())
        .await?;
        if r.rows_affected() == 0 {
            return Err(crate::calls::not_found(call_id));
        }
        Ok(())
    }

    /// The call's most recent recording, as metadata.
    ///
    /// # Errors
    /// [`Error::NotFound`] when it has none, [`Error::Database`].
    pub async fn latest_recording(&self, call_id: &str) -> Result<BlobInfo> {
        self.list_blobs(call_id)
            .await?
            .into_iter()
            .rfind(|b| b.class == DataClass::Recording.as_str())
            .ok_or_else(|| Error::NotFound {
                what: "recording of call",
                id: call_id.to_owned(),
            })
    }

    /// Opens the call's most recent recording for `ctx` as a [`RecordingStream`] (audited
    /// `recording.play` once it opens, or when it is refused or missing).
    ///
    /// # Errors
    /// As [`Self::read_recording`].
    pub async fn open_recording(
        &self,
        ctx: &AccessContext,
        call_id: &str,
        now_ms: i64,
    ) -> Result<(BlobInfo, RecordingStream)> {
        let result = async {
            let info = self.latest_recording(call_id).await?;
            let key = self.data_key(call_id).await?;
            let path = self.blob_files().path(call_id, &info.id)?;
            let mut magic = [0u8; 8];
            let streamed = File::open(&path)
                .and_then(|mut f| f.read_exact(&mut magic))
                .is_ok()
                && &magic == MAGIC;
            if streamed {
                let blob_id = info.id.clone();
                let call = call_id.to_owned();
                let stream = tokio::task::spawn_blocking(move || {
                    RecordingStream::open_file(&path, key, &call, &blob_id)
                })
                .await
                .map_err(|e| Error::InvalidInput(format!("opening the recording: {e}")))??;
                Ok((info, stream))
            } else {
                let (info, wav) = self.open_blob_unaudited(&key, call_id, &info.id).await?;
                Ok((
                    info,
                    RecordingStream {
                        inner: StreamInner::Memory(Some(wav)),
                    },
                ))
            }
        }
        .await;
        let resource = match &result {
            Ok((info, _)) => format!("call:{call_id}/blob:{}", info.id),
            Err(_) => format!("call:{call_id}/recording"),
        };
        self.audit_read(
            ctx,
            now_ms,
            voxgate_security::audit::event_types::RECORDING_PLAY,
            call_id,
            &resource,
            true,
            outcome(&result),
        )
        .await?;
        result
    }

    /// Decrypts the call's most recent recording as a WAV file for `ctx` (audited
    /// `recording.play`, also when refused or missing).
    ///
    /// # Errors
    /// [`Error::NotFound`] for an unknown call, a call without recording or a deleted one;
    /// [`Error::Crypto`] when it fails to open.
    pub async fn read_recording(
        &self,
        ctx: &AccessContext,
        call_id: &str,
        now_ms: i64,
    ) -> Result<(BlobInfo, Zeroizing<Vec<u8>>)> {
        let info = match self.latest_recording(call_id).await {
            Ok(i) => i,
            Err(e) => {
                self.audit_read(
                    ctx,
                    now_ms,
                    voxgate_security::audit::event_types::RECORDING_PLAY,
                    call_id,
                    &format!("call:{call_id}/recording"),
                    false,
                    AuditResult::Failure,
                )
                .await?;
                return Err(e);
            }
        };
        self.read_blob(ctx, call_id, &info.id, now_ms).await
    }
}
