//! Audio file decoding to mono `f32` with validation, and WAV writing.
//!
//! [`AudioDecoder`] streams: it reads the container through `symphonia` packet by packet and
//! yields mono chunks at the file's own rate, so an upload of hundreds of megabytes is never held
//! whole in memory. Limits ([`DecodeLimits`]) are checked as early as possible: byte size from
//! the file length (or while reading, for plain readers), rate, channels and the declared
//! duration from the header, and the decoded duration while decoding for formats whose header
//! does not say. [`decode_file`] is the convenience that collects a whole (limited) file.
//!
//! Formats: WAV (PCM, float, A-law/mu-law, ADPCM), MP3, FLAC, Ogg Vorbis, M4A/MP4 (AAC, ALAC),
//! CAF and MKV/WebM containers. Opus is refused with [`Error::UnsupportedCodec`]: no crate
//! decodes it in pure Rust, and the C libopus bindings would need a C toolchain in every build.

use std::fs::File;
use std::io::{Cursor, Read};
use std::path::Path;

use symphonia::core::audio::SampleBuffer;
use symphonia::core::codecs::{self, CodecType, Decoder, DecoderOptions};
use symphonia::core::errors::Error as SymError;
use symphonia::core::formats::{FormatOptions, FormatReader};
use symphonia::core::io::{MediaSource, MediaSourceStream, ReadOnlySource};
use symphonia::core::meta::MetadataOptions;
use symphonia::core::probe::Hint;

use crate::{pcm, Error, Result};

/// Validation limits for decoded audio.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodeLimits {
    /// Largest accepted input, in bytes.
    pub max_bytes: u64,
    /// Longest accepted audio, in seconds.
    pub max_duration_secs: f64,
    /// Most channels accepted (all are mixed down to mono).
    pub max_channels: usize,
    /// Lowest accepted sample rate, in Hz.
    pub min_sample_rate: u32,
    /// Highest accepted sample rate, in Hz.
    pub max_sample_rate: u32,
}

impl Default for DecodeLimits {
    /// 500 MiB, 4 hours, 8 channels, 8-48 kHz.
    fn default() -> Self {
        Self {
            max_bytes: 500 * 1024 * 1024,
            max_duration_secs: 4.0 * 3600.0,
            max_channels: 8,
            min_sample_rate: 8_000,
            max_sample_rate: 48_000,
        }
    }
}

/// What the container says about the audio, after validation.
#[derive(Debug, Clone, PartialEq)]
pub struct AudioInfo {
    /// Sample rate of the decoded (mono) output, in Hz.
    pub sample_rate: u32,
    /// Channels in the file (the output is always mono).
    pub channels: usize,
    /// Short codec name, e.g. `"pcm_s16le"`, `"mp3"`, `"aac"`.
    pub codec: String,
    /// Duration declared by the container, if it declares one.
    pub duration_secs: Option<f64>,
}

/// Whole decoded audio: mono samples at the file's rate.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedAudio {
    /// Mono samples in `[-1, 1]`.
    pub samples: Vec<f32>,
    /// Sample rate in Hz.
    pub sample_rate: u32,
}

impl DecodedAudio {
    /// Duration in seconds.
    pub fn duration_secs(&self) -> f64 {
        self.samples.len() as f64 / f64::from(self.sample_rate)
    }

    /// The same audio at `to_hz` (e.g. 16 kHz for speech recognition); a no-op if already there.
    ///
    /// # Errors
    /// As [`crate::resample::Resampler::new`].
    pub fn resampled(self, to_hz: u32) -> Result<Self> {
        if to_hz == self.sample_rate {
            return Ok(self);
        }
        Ok(Self {
            samples: crate::resample::resample(&self.samples, self.sample_rate, to_hz)?,
            sample_rate: to_hz,
        })
    }
}

/// The marker our byte-counting reader puts inside the `io::Error` it returns at the limit.
#[derive(Debug)]
struct ByteLimitReached;

impl std::fmt::Display for ByteLimitReached {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("byte limit reached")
    }
}

impl std::error::Error for ByteLimitReached {}

/// Counts bytes read from a reader whose length is not known in advance.
struct LimitedReader<R> {
    inner: R,
    read: u64,
    limit: u64,
}

impl<R: Read> Read for LimitedReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            return Err(std::io::Error::other(ByteLimitReached));
        }
        Ok(n)
    }
}

fn codec_name(codec: CodecType) -> String {
    if let Some(d) = symphonia::default::get_codecs().get_codec(codec) {
        return d.short_name.to_string();
    }
    match codec {
        codecs::CODEC_TYPE_OPUS => "opus".into(),
        codecs::CODEC_TYPE_SPEEX => "speex".into(),
        codecs::CODEC_TYPE_WMA => "wma".into(),
        other => format!("codec {other}"),
    }
}

fn map_io(e: std::io::Error) -> Error {
    if e.get_ref().is_some_and(|i| i.is::<ByteLimitReached>()) {
        // Callers fill in the limit; see `AudioDecoder::map_err`.
        return Error::TooLarge { limit: 0 };
    }
    Error::Io(e)
}

/// A streaming decoder yielding mono `f32` chunks at the file's sample rate.
///
/// Also an [`Iterator`] over `Result<Vec<f32>>`.
pub struct AudioDecoder {
    format: Box<dyn FormatReader>,
    decoder: Box<dyn Decoder>,
    track_id: u32,
    info: AudioInfo,
    limits: DecodeLimits,
    max_frames: u64,
    frames: u64,
    buf: Option<SampleBuffer<f32>>,
    done: bool,
}

impl std::fmt::Debug for AudioDecoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AudioDecoder")
            .field("info", &self.info)
            .field("frames", &self.frames)
            .finish_non_exhaustive()
    }
}

impl AudioDecoder {
    /// Opens a file; its extension is used as a hint, the content decides.
    ///
    /// # Errors
    /// [`Error::Io`] if it cannot be opened, [`Error::TooLarge`] if it is over the byte limit,
    /// and every refusal [`AudioDecoder::from_source`] gives.
    pub fn open(path: &Path, limits: &DecodeLimits) -> Result<Self> {
        let file = File::open(path)?;
        let len = file.metadata()?.len();
        if len > limits.max_bytes {
            return Err(Error::TooLarge {
                limit: limits.max_bytes,
            });
        }
        let ext = path.extension().and_then(|e| e.to_str());
        Self::from_source(Box::new(file), ext, limits)
    }

    /// Decodes from a plain reader (an upload body, a pipe), counting bytes against the limit.
    ///
    /// `ext` is an optional file-extension hint such as `"mp3"`. The reader cannot seek, so
    /// containers that keep their index after the audio (MP4/M4A as most encoders write them)
    /// are refused with [`Error::UnknownFormat`]; spool such uploads to a temporary file and use
    /// [`open`](Self::open). WAV, MP3, FLAC, Ogg and ADTS AAC stream fine.
    ///
    /// # Errors
    /// As [`AudioDecoder::from_source`]; exceeding the byte limit gives [`Error::TooLarge`],
    /// either here or from a later [`next_chunk`](Self::next_chunk).
    pub fn from_reader<R: Read + Send + Sync + 'static>(
        reader: R,
        ext: Option<&str>,
        limits: &DecodeLimits,
    ) -> Result<Self> {
        let limited = LimitedReader {
            inner: reader,
            read: 0,
            limit: limits.max_bytes,
        };
        Self::from_source(Box::new(ReadOnlySource::new(limited)), ext, limits)
    }

    /// Decodes from bytes already in memory.
    ///
    /// # Errors
    /// As [`AudioDecoder::from_source`], and [`Error::TooLarge`] if over the byte limit.
    pub fn from_bytes(bytes: Vec<u8>, ext: Option<&str>, limits: &DecodeLimits) -> Result<Self> {
        if bytes.len() as u64 > limits.max_bytes {
            return Err(Error::TooLarge {
                limit: limits.max_bytes,
            });
        }
        Self::from_source(Box::new(Cursor::new(bytes)), ext, limits)
    }

    /// Probes the container, picks the first audio track and checks the header against `limits`.
    ///
    /// # Errors
    /// [`Error::UnknownFormat`], [`Error::NoAudioTrack`], [`Error::UnsupportedCodec`],
    /// [`Error::SampleRateOutOfRange`], [`Error::TooManyChannels`], [`Error::TooLong`] (declared
    /// duration), [`Error::Corrupt`], [`Error::Io`].
    pub fn from_source(
        source: Box<dyn MediaSource>,
        ext: Option<&str>,
        limits: &DecodeLimits,
    ) -> Result<Self> {
        let mut hint = Hint::new();
        if let Some(ext) = ext {
            hint.with_extension(ext);
        }
        let mss = MediaSourceStream::new(source, Default::default());
        let format_opts = FormatOptions {
            enable_gapless: true,
            ..Default::default()
        };
        let probed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            symphonia::default::get_probe().format(
                &hint,
                mss,
                &format_opts,
                &MetadataOptions::default(),
            )
        }))
        .map_err(|_| Error::Corrupt("the demuxer failed on this data".into()))?
        .map_err(|e| match e {
            SymError::Unsupported(_) => Error::UnknownFormat,
            SymError::IoError(io) if io.kind() == std::io::ErrorKind::UnexpectedEof => {
                Error::UnknownFormat
            }
            other => Self::map_sym(other, limits),
        })?;
        let format = probed.format;
        let track = format
            .tracks()
            .iter()
            .find(|t| t.codec_params.codec != codecs::CODEC_TYPE_NULL)
            .ok_or(Error::NoAudioTrack)?;
        let params = track.codec_params.clone();
        let track_id = track.id;
        let codec = codec_name(params.codec);
        let decoder = symphonia::default::get_codecs()
            .make(&params, &DecoderOptions::default())
            .map_err(|e| match e {
                SymError::Unsupported(_) => Error::UnsupportedCodec(codec.clone()),
                other => Self::map_sym(other, limits),
            })?;
        let sample_rate = params
            .sample_rate
            .ok_or_else(|| Error::Corrupt("no sample rate in the header".into()))?;
        check_rate(sample_rate, limits)?;
        let channels = params.channels.map(|c| c.count()).unwrap_or(1);
        check_channels(channels, limits)?;
        let duration_secs = params.n_frames.map(|n| n as f64 / f64::from(sample_rate));
        if let Some(d) = duration_secs {
            if d > limits.max_duration_secs {
                return Err(Error::TooLong {
                    limit_secs: limits.max_duration_secs,
                });
            }
        }
        let max_frames = (limits.max_duration_secs * f64::from(sample_rate)).ceil() as u64;
        Ok(Self {
            format,
            decoder,
            track_id,
            info: AudioInfo {
                sample_rate,
                channels,
                codec,
                duration_secs,
            },
            limits: limits.clone(),
            max_frames,
            frames: 0,
            buf: None,
            done: false,
        })
    }

    fn map_sym(e: SymError, limits: &DecodeLimits) -> Error {
        match e {
            SymError::IoError(io) => match map_io(io) {
                Error::TooLarge { .. } => Error::TooLarge {
                    limit: limits.max_bytes,
                },
                other => other,
            },
            SymError::Unsupported(what) => Error::UnsupportedCodec(what.to_string()),
            SymError::DecodeError(what) => Error::Corrupt(what.to_string()),
            SymError::LimitError(what) => Error::Corrupt(format!("decoder limit: {what}")),
            SymError::SeekError(_) => Error::Corrupt("unexpected seek".into()),
            SymError::ResetRequired => Error::Corrupt("stream parameters changed".into()),
        }
    }

    /// The validated stream parameters.
    pub fn info(&self) -> &AudioInfo {
        &self.info
    }

    /// The next chunk of mono samples (one codec packet's worth), or `None` at the end.
    ///
    /// # Errors
    /// [`Error::TooLong`] once the decoded audio passes the duration limit, [`Error::TooLarge`]
    /// past the byte limit of a reader, [`Error::Corrupt`] for undecodable data,
    /// [`Error::SampleRateOutOfRange`]/[`Error::TooManyChannels`] if a packet changes them.
    /// After an error the decoder is finished.
    pub fn next_chunk(&mut self) -> Result<Option<Vec<f32>>> {
        if self.done {
            return Ok(None);
        }
        // Demuxers and codecs parse untrusted bytes; should one of them panic on a hostile file,
        // the upload is refused as corrupt instead of taking the caller's task down with it.
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.next_chunk_inner()))
            .unwrap_or_else(|_| Err(Error::Corrupt("the decoder failed on this data".into())));
        if !matches!(r, Ok(Some(_))) {
            self.done = true;
        }
        r
    }

    fn next_chunk_inner(&mut self) -> Result<Option<Vec<f32>>> {
        let mut bad_packets = 0;
        loop {
            let packet = match self.format.next_packet() {
                Ok(p) => p,
                Err(SymError::IoError(e)) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
                    return self.end_of_stream();
                }
                Err(SymError::ResetRequired) => return self.end_of_stream(),
                Err(e) => return Err(Self::map_sym(e, &self.limits)),
            };
            if packet.track_id() != self.track_id {
                continue;
            }
            let decoded = match self.decoder.decode(&packet) {
                Ok(d) => d,
                // Lossy decoders can hit a damaged frame and recover on the next one; a run of
                // them means the data is not what it claims to be.
                Err(SymError::DecodeError(what)) => {
                    bad_packets += 1;
                    if bad_packets > 8 {
                        return Err(Error::Corrupt(what.to_string()));
                    }
                    continue;
                }
                Err(e) => return Err(Self::map_sym(e, &self.limits)),
            };
            let spec = *decoded.spec();
            check_rate(spec.rate, &self.limits)?;
            let channels = spec.channels.count();
            check_channels(channels, &self.limits)?;
            if spec.rate != self.info.sample_rate {
                return Err(Error::Corrupt("sample rate changes mid-stream".into()));
            }
            let frames = decoded.frames();
            if frames == 0 {
                continue;
            }
            self.frames += frames as u64;
            if self.frames > self.max_frames {
                return Err(Error::TooLong {
                    limit_secs: self.limits.max_duration_secs,
                });
            }
            let buf = match &mut self.buf {
                Some(b) if b.capacity() >= decoded.capacity() * channels => b,
                slot => slot.insert(SampleBuffer::new(decoded.capacity() as u64, spec)),
            };
            buf.copy_interleaved_ref(decoded);
            let mut mono = Vec::with_capacity(frames);
            pcm::downmix_to_mono(buf.samples(), channels, &mut mono)?;
            return Ok(Some(mono));
        }
    }

    fn end_of_stream(&self) -> Result<Option<Vec<f32>>> {
        // A header that promises audio followed by nothing decodable (demuxers skip what they
        // cannot sync to) is damage, not an empty recording.
        if self.frames == 0 && self.info.duration_secs.is_some_and(|d| d > 0.0) {
            return Err(Error::Corrupt("no decodable audio in the stream".into()));
        }
        Ok(None)
    }

    /// Decodes everything that is left into one buffer.
    ///
    /// # Errors
    /// As [`next_chunk`](Self::next_chunk).
    pub fn decode_all(mut self) -> Result<DecodedAudio> {
        let cap = self
            .info
            .duration_secs
            .map(|d| (d * f64::from(self.info.sample_rate)) as usize)
            .unwrap_or(0)
            .min(self.max_frames as usize);
        let mut samples = Vec::with_capacity(cap);
        while let Some(chunk) = self.next_chunk()? {
            samples.extend_from_slice(&chunk);
        }
        Ok(DecodedAudio {
            samples,
            sample_rate: self.info.sample_rate,
        })
    }
}

impl Iterator for AudioDecoder {
    type Item = Result<Vec<f32>>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_chunk().transpose()
    }
}

fn check_rate(rate: u32, limits: &DecodeLimits) -> Result<()> {
    if !(limits.min_sample_rate..=limits.max_sample_rate).contains(&rate) {
        return Err(Error::SampleRateOutOfRange {
            rate,
            min: limits.min_sample_rate,
            max: limits.max_sample_rate,
        });
    }
    Ok(())
}

fn check_channels(channels: usize, limits: &DecodeLimits) -> Result<()> {
    if channels > limits.max_channels {
        return Err(Error::TooManyChannels {
            channels,
            limit: limits.max_channels,
        });
    }
    Ok(())
}

/// Decodes a whole file to mono `f32` at its own rate, within `limits`.
///
/// # Errors
/// Every refusal of [`AudioDecoder::open`] and [`AudioDecoder::next_chunk`].
pub fn decode_file(path: &Path, limits: &DecodeLimits) -> Result<DecodedAudio> {
    AudioDecoder::open(path, limits)?.decode_all()
}

/// Decodes bytes in memory (e.g. an upload already buffered) to mono `f32`, within `limits`.
///
/// # Errors
/// As [`decode_file`].
pub fn decode_bytes(
    bytes: Vec<u8>,
    ext: Option<&str>,
    limits: &DecodeLimits,
) -> Result<DecodedAudio> {
    AudioDecoder::from_bytes(bytes, ext, limits)?.decode_all()
}

fn wav_spec(sample_rate: u32) -> hound::WavSpec {
    hound::WavSpec {
        channels: 1,
        sample_rate,
        bits_per_sample: 16,
        sample_format: hound::SampleFormat::Int,
    }
}

fn write_samples<W: std::io::Write + std::io::Seek>(
    writer: W,
    samples: &[f32],
    sample_rate: u32,
) -> Result<()> {
    let mut w = hound::WavWriter::new(writer, wav_spec(sample_rate))
        .map_err(|e| Error::Wav(e.to_string()))?;
    let mut i16w = w.get_i16_writer(samples.len() as u32);
    for &s in samples {
        i16w.write_sample(pcm::f32_to_i16(s));
    }
    i16w.flush().map_err(|e| Error::Wav(e.to_string()))?;
    w.finalize().map_err(|e| Error::Wav(e.to_string()))
}

/// Writes mono samples as a 16-bit PCM WAV file.
///
/// # Errors
/// [`Error::Wav`] if the file cannot be written, or has more samples than a WAV can hold.
pub fn write_wav(path: &Path, samples: &[f32], sample_rate: u32) -> Result<()> {
    if samples.len() > (u32::MAX / 2 - 64) as usize {
        return Err(Error::Wav("too many samples for a WAV file".into()));
    }
    let file = std::io::BufWriter::new(File::create(path)?);
    write_samples(file, samples, sample_rate)
}

/// Encodes mono samples as the bytes of a 16-bit PCM WAV file.
///
/// # Errors
/// [`Error::Wav`] if there are more samples than a WAV can hold.
pub fn wav_bytes(samples: &[f32], sample_rate: u32) -> Result<Vec<u8>> {
    if samples.len() > (u32::MAX / 2 - 64) as usize {
        return Err(Error::Wav("too many samples for a WAV file".into()));
    }
    let mut cursor = Cursor::new(Vec::with_capacity(44 + samples.len() * 2));
    write_samples(&mut cursor, samples, sample_rate)?;
    Ok(cursor.into_inner())
}
