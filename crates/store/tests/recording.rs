#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Streamed call recordings: sealed record by record with the call's data key, readable back
//! as WAV only through the store (audited), tamper-evident, purged by retention unless held,
//! and unreadable after the call is deleted.

use std::path::{Path, PathBuf};

use voxgate_security::crypto::WrappedKey;

use voxgate_store::blobs::{self, KeyRing};
use voxgate_store::calls::NewCall;
use voxgate_store::recording::{self, RecordingFormat};
use voxgate_store::retention::RetentionPolicy;
use voxgate_store::Error;

mod common;
use common::*;

const RATE: u32 = 8_000;

/// A caller channel that is a recognisable ramp and an agent channel of a constant level.
fn frames(n: usize, offset: usize) -> Vec<i16> {
    let mut v = Vec::with_capacity(n * 2);
    for i in 0..n {
        v.push(((offset + i) % 20_000) as i16 + 1);
        v.push(-7_777);
    }
    v
}

/// Records `secs` seconds for `id` in one-second blocks; returns the blob file.
async fn record(f: &Fixture, id: &str, at: i64, secs: usize) -> PathBuf {
    f.calls
        .start_call(&NewCall {
            id,
            transport: "twilio",
            profile: Some("support"),
            caller: None,
            started_ms: at,
        })
        .await
        .unwrap();
    let mut rec = f
        .calls
        .begin_recording(
            id,
            RecordingFormat {
                sample_rate: RATE,
                channels: 2,
            },
        )
        .await
        .unwrap();
    for s in 0..secs {
        rec.append(&frames(RATE as usize, s * RATE as usize))
            .unwrap();
    }
    let path = f.calls.blob_files().path(id, rec.blob_id()).unwrap();
    let info = f
        .calls
        .finish_recording(rec, at + 1_000)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(info.class, "recording");
    assert_eq!(info.media_type, "audio/wav");
    assert_eq!(info.size as usize, 44 + secs * RATE as usize * 4);
    path
}

fn read_wav(bytes: &[u8]) -> (hound::WavSpec, Vec<i16>) {
    let r = hound::WavReader::new(std::io::Cursor::new(bytes)).unwrap();
    let spec = r.spec();
    let samples = r.into_samples::<i16>().map(Result::unwrap).collect();
    (spec, samples)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn streamed_recording_round_trips_as_wav_and_is_ciphertext_on_disk() {
    let f = fixture().await;
    let path = record(&f, "call-r", T0, 3).await;

    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o640);
    assert_eq!(mode(path.parent().unwrap()), 0o750);

    // On disk: no WAV header, no run of the PCM.
    let raw = std::fs::read(&path).unwrap();
    assert!(raw.starts_with(recording::MAGIC));
    assert!(!contains(&raw, b"RIFF") && !contains(&raw, b"WAVE"));
    let pcm: Vec<u8> = frames(8, 100)
        .iter()
        .flat_map(|s| s.to_le_bytes())
        .collect();
    assert!(!contains(&raw, &pcm));

    let (info, wav) = f
        .calls
        .read_recording(&admin(), "call-r", T0 + 2_000)
        .await
        .unwrap();
    assert_eq!(info.size as usize, wav.len());
    let (spec, samples) = read_wav(&wav);
    assert_eq!(spec.channels, 2);
    assert_eq!(spec.sample_rate, RATE);
    assert_eq!(spec.bits_per_sample, 16);
    assert_eq!(samples, frames(3 * RATE as usize, 0));

    // The read is audited as a recording play, and the store as recording.stored.
    let types: Vec<String> = sqlx::query_as::<_, (String,)>(
        "SELECT event_type FROM audit_log WHERE call_id = 'call-r' ORDER BY seq",
    )
    .fetch_all(f.store.pool())
    .await
    .unwrap()
    .into_iter()
    .map(|(t,)| t)
    .collect();
    assert!(
        types.iter().any(|t| t == recording::RECORDING_STORED),
        "{types:?}"
    );
    assert!(types.iter().any(|t| t == "recording.play"), "{types:?}");

    // The export lists it by reference.
    let export = f
        .calls
        .export_call(&admin(), "call-r", T0 + 3_000)
        .await
        .unwrap();
    let b = export
        .blobs
        .iter()
        .find(|b| b.info.class == "recording")
        .unwrap();
    assert_eq!(b.href.as_deref(), Some("/api/v1/calls/call-r/recording"));
    assert!(b.base64.is_none());
}

#[tokio::test]
async fn tampered_truncated_or_moved_recordings_fail_to_open() {
    let f = fixture().await;
    let path = record(&f, "call-t", T0, 2).await;
    let good = std::fs::read(&path).unwrap();
    let blob_id = path.file_stem().unwrap().to_str().unwrap().to_owned();

    let try_read = |bytes: Vec<u8>| {
        let path = path.clone();
        let calls = f.calls.clone();
        async move {
            std::fs::write(&path, bytes).unwrap();
            calls.read_recording(&admin(), "call-t", T0 + 5_000).await
        }
    };
    // One flipped bit in the audio.
    let mut bad = good.clone();
    let mid = bad.len() / 2;
    bad[mid] ^= 1;
    assert!(try_read(bad).await.is_err());
    // Cut after the last audio record (the end record is missing).
    let end_len = 4 + 1 + 12 + 8 + 16;
    assert!(matches!(
        try_read(good[..good.len() - end_len].to_vec()).await,
        Err(Error::InvalidInput(_))
    ));
    // Audio records swapped.
    let rec_len = |at: usize| u32::from_be_bytes(good[at..at + 4].try_into().unwrap()) as usize + 4;
    let r0 = 8;
    let r1 = r0 + rec_len(r0);
    let r2 = r1 + rec_len(r1);
    let r3 = r2 + rec_len(r2);
    let mut swapped = good[..r1].to_vec();
    swapped.extend_from_slice(&good[r2..r3]);
    swapped.extend_from_slice(&good[r1..r2]);
    swapped.extend_from_slice(&good[r3..]);
    assert_eq!(swapped.len(), good.len());
    assert!(try_read(swapped).await.is_err());
    // Extra bytes after the end.
    let mut longer = good.clone();
    longer.extend_from_slice(&good[r1..r2]);
    assert!(try_read(longer).await.is_err());
    // The untouched file opens; the same file under another blob id does not.
    assert!(try_read(good.clone()).await.is_ok());
    let (wrapped,): (Vec<u8>,) =
        sqlx::query_as("SELECT wrapped FROM call_keys WHERE call_id = 'call-t'")
            .fetch_one(f.store.pool())
            .await
            .unwrap();
    let ring = KeyRing::new(blobs::master_key_from_text(MASTER).unwrap());
    let dk = ring
        .unwrap(&WrappedKey::from_bytes(&wrapped).unwrap(), "call-t")
        .unwrap();
    assert!(recording::open_wav(&dk, "call-t", &blob_id, &good).is_ok());
    assert!(recording::open_wav(&dk, "call-t", "another-blob", &good).is_err());
    assert!(recording::open_wav(&dk, "call-u", &blob_id, &good).is_err());
}

/// Opens the recording as a stream and collects it, checking the announced length.
async fn stream_all(f: &Fixture, id: &str) -> Result<Vec<u8>, Error> {
    let (_, mut stream) = f.calls.open_recording(&admin(), id, T0 + 5_000).await?;
    let len = stream.wav_len();
    let mut out = Vec::new();
    while let Some(chunk) = stream.next_chunk()? {
        // Blocks come one at a time: a one-second block at most, after the 44-byte header.
        assert!(chunk.len() <= RATE as usize * 4, "{}", chunk.len());
        out.extend_from_slice(&chunk);
    }
    assert_eq!(out.len() as u64, len);
    Ok(out)
}

#[tokio::test]
async fn a_streamed_read_gives_the_same_wav_block_by_block_and_fails_like_a_whole_read() {
    let f = fixture().await;
    let path = record(&f, "call-s", T0, 3).await;
    let (_, whole) = f
        .calls
        .read_recording(&admin(), "call-s", T0 + 2_000)
        .await
        .unwrap();
    let streamed = stream_all(&f, "call-s").await.unwrap();
    assert_eq!(streamed, whole.to_vec());

    let good = std::fs::read(&path).unwrap();
    // A flipped bit in the last audio record: the header and the first blocks go out, then
    // the stream fails (the route cuts the body short).
    let mut bad = good.clone();
    let end_len = 4 + 1 + 12 + 8 + 16;
    let at = bad.len() - end_len - 10;
    bad[at] ^= 1;
    std::fs::write(&path, &bad).unwrap();
    assert!(matches!(
        stream_all(&f, "call-s").await,
        Err(Error::Crypto(_))
    ));
    // The end record cut off.
    std::fs::write(&path, &good[..good.len() - end_len]).unwrap();
    assert!(stream_all(&f, "call-s").await.is_err());
    // Not a recording file at all.
    std::fs::write(&path, b"VXGREC\0\x01garbage").unwrap();
    assert!(stream_all(&f, "call-s").await.is_err());
    std::fs::write(&path, &good).unwrap();
    assert!(stream_all(&f, "call-s").await.is_ok());
    // Unknown call: not found, and audited like the whole read.
    assert!(matches!(
        stream_all(&f, "nobody").await,
        Err(Error::NotFound { .. })
    ));
}

#[tokio::test]
async fn retention_purges_recordings_unless_held_and_delete_shreds() {
    let f = fixture().await;
    let free = record(&f, "free", T0, 1).await;
    let held = record(&f, "held", T0, 1).await;
    f.calls
        .set_legal_hold(&admin(), "held", true, T0 + 1_000)
        .await
        .unwrap();
    let policy = RetentionPolicy {
        recordings: Some(std::time::Duration::from_secs(30 * 86_400)),
        ..RetentionPolicy::default()
    };
    // Not yet expired: nothing goes.
    let r = f.calls.purge(&policy, T0 + 29 * DAY).await.unwrap();
    assert_eq!(r.total(), 0);
    assert!(free.exists() && held.exists());
    // Past the period: the free call's recording goes, the held one stays.
    let r = f.calls.purge(&policy, T0 + 31 * DAY).await.unwrap();
    let rec = r.classes.iter().find(|c| c.class == "recording").unwrap();
    assert_eq!((rec.items, rec.held_skipped), (1, 1));
    assert!(!free.exists());
    assert!(held.exists());
    assert!(matches!(
        f.calls
            .read_recording(&admin(), "free", T0 + 31 * DAY)
            .await,
        Err(Error::NotFound { .. })
    ));
    assert!(f
        .calls
        .read_recording(&admin(), "held", T0 + 31 * DAY)
        .await
        .is_ok());

    // Released and deleted: the file goes and a saved copy no longer opens.
    f.calls
        .set_legal_hold(&admin(), "held", false, T0 + 32 * DAY)
        .await
        .unwrap();
    let backup = std::fs::read(&held).unwrap();
    let blob_id = held.file_stem().unwrap().to_str().unwrap().to_owned();
    let (wrapped,): (Vec<u8>,) =
        sqlx::query_as("SELECT wrapped FROM call_keys WHERE call_id = 'held'")
            .fetch_one(f.store.pool())
            .await
            .unwrap();
    let report = f
        .calls
        .delete_call(&admin(), "held", T0 + 32 * DAY)
        .await
        .unwrap();
    assert!(report.key_shredded);
    assert!(!held.exists());
    let ring = KeyRing::new(blobs::master_key_from_text(MASTER).unwrap());
    let left: Vec<(String, Vec<u8>)> = sqlx::query_as("SELECT call_id, wrapped FROM call_keys")
        .fetch_all(f.store.pool())
        .await
        .unwrap();
    for (call, w) in &left {
        let dk = ring
            .unwrap(&WrappedKey::from_bytes(w).unwrap(), call)
            .unwrap();
        assert!(recording::open_wav(&dk, "held", &blob_id, &backup).is_err());
    }
    // The wrapped key that opened it is nowhere on disk any more.
    let holding = files_containing(&f.dir, &wrapped);
    assert!(holding.is_empty(), "{holding:?}");
}

#[tokio::test]
async fn a_recording_of_a_call_deleted_meanwhile_is_not_listed() {
    let f = fixture().await;
    f.calls
        .start_call(&NewCall {
            id: "gone",
            transport: "twilio",
            profile: None,
            caller: None,
            started_ms: T0,
        })
        .await
        .unwrap();
    let mut rec = f
        .calls
        .begin_recording(
            "gone",
            RecordingFormat {
                sample_rate: RATE,
                channels: 2,
            },
        )
        .await
        .unwrap();
    rec.append(&frames(800, 0)).unwrap();
    let path = f.calls.blob_files().path("gone", rec.blob_id()).unwrap();
    f.calls.delete_call(&admin(), "gone", T0 + 1).await.unwrap();
    // Its directory went with the call: closing fails, and nothing is listed.
    assert!(f.calls.finish_recording(rec, T0 + 2).await.is_err());
    assert!(f.calls.list_blobs("gone").await.unwrap().is_empty());
    assert!(!path.exists());
    // A partial frame is refused rather than misaligning the channels.
    f.calls
        .start_call(&NewCall {
            id: "odd",
            transport: "twilio",
            profile: None,
            caller: None,
            started_ms: T0,
        })
        .await
        .unwrap();
    let mut rec = f
        .calls
        .begin_recording(
            "odd",
            RecordingFormat {
                sample_rate: RATE,
                channels: 2,
            },
        )
        .await
        .unwrap();
    assert!(matches!(
        rec.append(&[1, 2, 3]),
        Err(Error::InvalidInput(_))
    ));
    // Nothing recorded: nothing listed.
    assert!(f
        .calls
        .finish_recording(rec, T0 + 3)
        .await
        .unwrap()
        .is_none());
    assert!(f.calls.list_blobs("odd").await.unwrap().is_empty());
}
