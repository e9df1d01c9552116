//! Decoding of every supported format, made at test time with sox and ffmpeg, and each
//! validation refusal.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a panic is a failure
mod common;

use std::path::{Path, PathBuf};

use voxgate_audio::decode::{
    decode_bytes, decode_file, wav_bytes, write_wav, AudioDecoder, DecodeLimits,
};
use voxgate_audio::Error;

/// A 1 kHz tone of 1.5 s at `rate` Hz with `channels` channels, 16-bit WAV, made by sox.
fn tone_wav(dir: &Path, name: &str, rate: u32, channels: u32, secs: f64) -> PathBuf {
    let path = dir.join(name);
    common::run(
        "sox",
        &[
            "-n",
            "-r",
            &rate.to_string(),
            "-c",
            &channels.to_string(),
            "-b",
            "16",
            path.to_str().unwrap(),
            "synth",
            &secs.to_string(),
            "sine",
            "1000",
            "vol",
            "0.5",
        ],
    );
    path
}

fn ffmpeg(input: &Path, output: &Path, codec_args: &[&str]) {
    let mut args = vec![
        "-hide_banner",
        "-loglevel",
        "error",
        "-y",
        "-i",
        input.to_str().unwrap(),
    ];
    args.extend_from_slice(codec_args);
    args.push(output.to_str().unwrap());
    common::run("ffmpeg", &args);
}

/// Amplitude of 1 kHz in the middle half of `x`.
fn tone_amp(x: &[f32], rate: u32) -> f64 {
    let (a, b) = (x.len() / 4, 3 * x.len() / 4);
    let (mut re, mut im) = (0.0, 0.0);
    for (i, &v) in x.iter().enumerate().take(b).skip(a) {
        let ph = 2.0 * std::f64::consts::PI * 1000.0 * i as f64 / f64::from(rate);
        re += f64::from(v) * ph.cos();
        im += f64::from(v) * ph.sin();
    }
    2.0 * (re * re + im * im).sqrt() / (b - a) as f64
}

#[test]
fn every_format_decodes_to_the_same_mono_tone() {
    let dir = tempfile::tempdir().unwrap();
    let wav = tone_wav(dir.path(), "tone.wav", 44_100, 2, 1.5);
    let cases: [(&str, &[&str]); 5] = [
        ("tone.mp3", &["-c:a", "libmp3lame", "-b:a", "128k"]),
        ("tone.flac", &["-c:a", "flac"]),
        ("tone.ogg", &["-c:a", "libvorbis", "-q:a", "5"]),
        ("tone.m4a", &["-c:a", "aac", "-b:a", "128k"]),
        (
            "tone_mulaw.wav",
            &["-c:a", "pcm_mulaw", "-ar", "8000", "-ac", "1"],
        ),
    ];
    let mut files = vec![(wav.clone(), 44_100u32)];
    for (name, args) in cases {
        let out = dir.path().join(name);
        ffmpeg(&wav, &out, args);
        files.push((
            out,
            if name.contains("mulaw") {
                8_000
            } else {
                44_100
            },
        ));
    }
    // Everything the STT engine needs: any of these files at 16 kHz.
    let at16k = decode_file(&files[3].0, &DecodeLimits::default())
        .unwrap()
        .resampled(16_000)
        .unwrap();
    assert_eq!(at16k.sample_rate, 16_000);
    assert!((tone_amp(&at16k.samples, 16_000) - 0.5).abs() < 0.03);
    for (path, rate) in files {
        let audio = decode_file(&path, &DecodeLimits::default())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert_eq!(audio.sample_rate, rate, "{}", path.display());
        let secs = audio.duration_secs();
        // Lossy codecs add encoder delay/padding of a few tens of ms.
        assert!((secs - 1.5).abs() < 0.08, "{}: {secs} s", path.display());
        let amp = tone_amp(&audio.samples, rate);
        assert!(
            (amp - 0.5).abs() < 0.03,
            "{}: amplitude {amp}",
            path.display()
        );
    }
}

#[test]
fn streaming_yields_chunks_and_info_and_matches_whole_decode() {
    let dir = tempfile::tempdir().unwrap();
    let wav = tone_wav(dir.path(), "t.wav", 16_000, 1, 1.0);
    let flac = dir.path().join("t.flac");
    ffmpeg(&wav, &flac, &["-c:a", "flac"]);
    let dec = AudioDecoder::open(&flac, &DecodeLimits::default()).unwrap();
    let info = dec.info().clone();
    assert_eq!(
        (info.sample_rate, info.channels, info.codec.as_str()),
        (16_000, 1, "flac")
    );
    assert!((info.duration_secs.unwrap() - 1.0).abs() < 1e-6);
    let chunks: Vec<Vec<f32>> = dec.collect::<Result<_, _>>().unwrap();
    assert!(chunks.len() > 1, "decoded in one piece");
    let joined: Vec<f32> = chunks.concat();
    assert_eq!(
        joined,
        decode_file(&flac, &DecodeLimits::default())
            .unwrap()
            .samples
    );

    // From a plain reader with no length, e.g. an upload body.
    let file = std::fs::File::open(&flac).unwrap();
    let streamed = AudioDecoder::from_reader(file, Some("flac"), &DecodeLimits::default())
        .unwrap()
        .decode_all()
        .unwrap();
    assert_eq!(streamed.samples, joined);
}

#[test]
fn decoders_can_move_to_a_blocking_thread() {
    fn assert_send<T: Send + 'static>() {}
    assert_send::<AudioDecoder>();
}

#[test]
fn wav_written_by_us_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let samples: Vec<f32> = (0..800).map(|i| ((i as f32) * 0.05).sin() * 0.7).collect();
    let path = dir.path().join("w.wav");
    write_wav(&path, &samples, 8_000).unwrap();
    let back = decode_file(&path, &DecodeLimits::default()).unwrap();
    assert_eq!(back.sample_rate, 8_000);
    assert_eq!(back.samples.len(), samples.len());
    assert!(back
        .samples
        .iter()
        .zip(&samples)
        .all(|(a, b)| (a - b).abs() <= 1.0 / 32768.0));
    let bytes = wav_bytes(&samples, 8_000).unwrap();
    assert_eq!(bytes, std::fs::read(&path).unwrap());
    assert_eq!(&bytes[..4], b"RIFF");
}

#[test]
fn opus_is_refused_as_unsupported() {
    let dir = tempfile::tempdir().unwrap();
    let wav = tone_wav(dir.path(), "t.wav", 48_000, 1, 0.5);
    let opus = dir.path().join("t.opus");
    ffmpeg(&wav, &opus, &["-c:a", "libopus", "-b:a", "32k"]);
    let err = decode_file(&opus, &DecodeLimits::default()).unwrap_err();
    assert!(
        matches!(&err, Error::UnsupportedCodec(c) if c == "opus"),
        "{err}"
    );
}

#[test]
fn unknown_formats_are_refused() {
    let limits = DecodeLimits::default();
    let text = b"this is certainly not audio, just some text in a file".repeat(40);
    assert!(matches!(
        decode_bytes(text, Some("wav"), &limits),
        Err(Error::UnknownFormat)
    ));
    assert!(matches!(
        decode_bytes(Vec::new(), None, &limits),
        Err(Error::UnknownFormat)
    ));
}

#[test]
fn size_limit_is_enforced_for_files_bytes_and_readers() {
    let dir = tempfile::tempdir().unwrap();
    let wav = tone_wav(dir.path(), "t.wav", 16_000, 1, 1.0); // 32 kB
    let limits = DecodeLimits {
        max_bytes: 10_000,
        ..Default::default()
    };
    assert!(matches!(
        decode_file(&wav, &limits),
        Err(Error::TooLarge { limit: 10_000 })
    ));
    let bytes = std::fs::read(&wav).unwrap();
    assert!(matches!(
        decode_bytes(bytes, None, &limits),
        Err(Error::TooLarge { .. })
    ));
    // A reader of unknown length is cut off while streaming.
    let file = std::fs::File::open(&wav).unwrap();
    let result = AudioDecoder::from_reader(file, None, &limits).and_then(|d| d.decode_all());
    assert!(
        matches!(result, Err(Error::TooLarge { limit: 10_000 })),
        "{result:?}"
    );
}

#[test]
fn sample_rates_outside_the_range_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    for rate in [6_000, 96_000] {
        let wav = tone_wav(dir.path(), &format!("t{rate}.wav"), rate, 1, 0.2);
        let err = decode_file(&wav, &DecodeLimits::default()).unwrap_err();
        assert!(
            matches!(err, Error::SampleRateOutOfRange { rate: r, min: 8_000, max: 48_000 } if r == rate),
            "{err}"
        );
    }
}

#[test]
fn too_many_channels_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let wav = tone_wav(dir.path(), "t.wav", 16_000, 3, 0.2);
    let limits = DecodeLimits {
        max_channels: 2,
        ..Default::default()
    };
    assert!(matches!(
        decode_file(&wav, &limits),
        Err(Error::TooManyChannels {
            channels: 3,
            limit: 2
        })
    ));
    // Within the limit, channels are averaged to mono.
    let audio = decode_file(&wav, &DecodeLimits::default()).unwrap();
    assert!((tone_amp(&audio.samples, 16_000) - 0.5).abs() < 0.01);
}

#[test]
fn duration_limit_is_enforced_from_header_and_while_decoding() {
    let dir = tempfile::tempdir().unwrap();
    let wav = tone_wav(dir.path(), "t.wav", 16_000, 1, 2.0);
    let limits = DecodeLimits {
        max_duration_secs: 1.0,
        ..Default::default()
    };
    // WAV declares its length: refused before decoding.
    assert!(matches!(
        AudioDecoder::open(&wav, &limits),
        Err(Error::TooLong { .. })
    ));
    // Ogg read from a pipe-like reader cannot look at its end, so no length is known up front:
    // refused once decoding passes the limit.
    let ogg = dir.path().join("t.ogg");
    ffmpeg(&wav, &ogg, &["-c:a", "libvorbis"]);
    let file = std::fs::File::open(&ogg).unwrap();
    let dec = AudioDecoder::from_reader(file, None, &limits).unwrap();
    assert!(dec.info().duration_secs.is_none());
    assert!(matches!(dec.decode_all(), Err(Error::TooLong { .. })));
}

#[test]
fn corrupt_data_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let wav = tone_wav(dir.path(), "t.wav", 16_000, 1, 0.5);
    let flac = dir.path().join("t.flac");
    ffmpeg(&wav, &flac, &["-c:a", "flac"]);
    let limits = DecodeLimits::default();

    // A WAV header that claims zero channels.
    let mut bytes = std::fs::read(&wav).unwrap();
    bytes[22] = 0;
    bytes[23] = 0;
    let err = decode_bytes(bytes, Some("wav"), &limits).unwrap_err();
    assert!(matches!(err, Error::Corrupt(_)), "{err}");

    // A WAV header with an impossible sample width.
    let mut bytes = std::fs::read(&wav).unwrap();
    bytes[34] = 0;
    let err = decode_bytes(bytes, Some("wav"), &limits).unwrap_err();
    assert!(matches!(err, Error::Corrupt(_)), "{err}");

    // A FLAC file whose audio frames (after the metadata blocks) are overwritten with garbage.
    let mut bytes = std::fs::read(&flac).unwrap();
    let mut pos = 4; // "fLaC"
    loop {
        let header = bytes[pos];
        let len = u32::from_be_bytes([0, bytes[pos + 1], bytes[pos + 2], bytes[pos + 3]]) as usize;
        pos += 4 + len;
        if header & 0x80 != 0 {
            break;
        }
    }
    let n = bytes.len();
    let mut x = 12345u32;
    for b in &mut bytes[pos + 64..n] {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        *b = (x >> 16) as u8;
    }
    let err = decode_bytes(bytes, Some("flac"), &limits).unwrap_err();
    assert!(matches!(err, Error::Corrupt(_)), "{err}");
}

#[test]
fn truncated_and_damaged_files_never_panic() {
    let dir = tempfile::tempdir().unwrap();
    let wav = tone_wav(dir.path(), "t.wav", 22_050, 2, 0.6);
    let mut files = vec![("wav", std::fs::read(&wav).unwrap())];
    for (ext, args) in [
        ("mp3", &["-c:a", "libmp3lame"][..]),
        ("flac", &["-c:a", "flac"][..]),
        ("ogg", &["-c:a", "libvorbis"][..]),
        ("m4a", &["-c:a", "aac"][..]),
    ] {
        let out = dir.path().join(format!("t.{ext}"));
        ffmpeg(&wav, &out, args);
        files.push((ext, std::fs::read(&out).unwrap()));
    }
    let limits = DecodeLimits::default();
    for (ext, bytes) in &files {
        for cut in [1, 4, 12, 40, 100, 400, bytes.len() / 3, bytes.len() * 2 / 3] {
            let cut = cut.min(bytes.len());
            // Any typed outcome is fine; a panic (caught here by the test harness) is not.
            let _ = decode_bytes(bytes[..cut].to_vec(), Some(ext), &limits);
        }
        let mut damaged = bytes.clone();
        let n = damaged.len();
        for i in (n / 5..n).step_by(97) {
            damaged[i] ^= 0x5A;
        }
        let _ = decode_bytes(damaged, Some(ext), &limits);
    }
}

#[test]
fn m4a_from_a_pipe_is_a_typed_error() {
    // ffmpeg writes the MP4 index after the audio; reading it needs a seekable source.
    let dir = tempfile::tempdir().unwrap();
    let wav = tone_wav(dir.path(), "t.wav", 16_000, 1, 0.5);
    let m4a = dir.path().join("t.m4a");
    ffmpeg(&wav, &m4a, &["-c:a", "aac"]);
    let file = std::fs::File::open(&m4a).unwrap();
    let result = AudioDecoder::from_reader(file, Some("m4a"), &DecodeLimits::default())
        .and_then(|d| d.decode_all());
    assert!(matches!(result, Err(Error::UnknownFormat)), "{result:?}");
    // The seekable paths decode it.
    assert!(decode_file(&m4a, &DecodeLimits::default()).is_ok());
}
