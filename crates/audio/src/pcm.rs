//! Linear PCM conversions between the sample formats the transports and models use.
//!
//! Models work on `f32` in `[-1, 1]`; wire formats carry signed 16-bit samples, little-endian on
//! Asterisk AudioSocket and browser streams, big-endian ("network order", L16) in RTP.

use crate::{Error, Result};

const SCALE: f32 = 32768.0;

/// Converts one PCM16 sample to `f32` in `[-1, 1)`.
#[inline]
pub fn i16_to_f32(sample: i16) -> f32 {
    f32::from(sample) / SCALE
}

/// Converts one `f32` sample to PCM16, rounding to nearest and saturating outside `[-1, 1]`.
///
/// NaN becomes 0 so that a misbehaving model can never produce undefined output on the wire.
#[inline]
pub fn f32_to_i16(sample: f32) -> i16 {
    // `as` saturates and maps NaN to 0, which is exactly the clipping we want.
    (sample * SCALE).round() as i16
}

/// Converts PCM16 samples to `f32`, appending to `out`.
pub fn i16_to_f32_slice(samples: &[i16], out: &mut Vec<f32>) {
    out.extend(samples.iter().map(|&s| i16_to_f32(s)));
}

/// Converts `f32` samples to PCM16 (rounded, saturated), appending to `out`.
pub fn f32_to_i16_slice(samples: &[f32], out: &mut Vec<i16>) {
    out.extend(samples.iter().map(|&s| f32_to_i16(s)));
}

fn check_even(bytes: &[u8]) -> Result<()> {
    if bytes.len() % 2 != 0 {
        return Err(Error::PartialSample {
            len: bytes.len(),
            width: 2,
        });
    }
    Ok(())
}

/// Decodes little-endian PCM16 bytes (AudioSocket, WAV) to samples, appending to `out`.
///
/// # Errors
/// [`Error::PartialSample`] if the length is odd; nothing is appended then.
pub fn le_bytes_to_i16(bytes: &[u8], out: &mut Vec<i16>) -> Result<()> {
    check_even(bytes)?;
    out.extend(
        bytes
            .chunks_exact(2)
            .map(|b| i16::from_le_bytes([b[0], b[1]])),
    );
    Ok(())
}

/// Decodes big-endian PCM16 bytes (RTP L16) to samples, appending to `out`.
///
/// # Errors
/// [`Error::PartialSample`] if the length is odd; nothing is appended then.
pub fn be_bytes_to_i16(bytes: &[u8], out: &mut Vec<i16>) -> Result<()> {
    check_even(bytes)?;
    out.extend(
        bytes
            .chunks_exact(2)
            .map(|b| i16::from_be_bytes([b[0], b[1]])),
    );
    Ok(())
}

/// Decodes little-endian PCM16 bytes straight to `f32`, appending to `out`.
///
/// # Errors
/// [`Error::PartialSample`] if the length is odd; nothing is appended then.
pub fn le_bytes_to_f32(bytes: &[u8], out: &mut Vec<f32>) -> Result<()> {
    check_even(bytes)?;
    out.extend(
        bytes
            .chunks_exact(2)
            .map(|b| i16_to_f32(i16::from_le_bytes([b[0], b[1]]))),
    );
    Ok(())
}

/// Decodes big-endian PCM16 bytes straight to `f32`, appending to `out`.
///
/// # Errors
/// [`Error::PartialSample`] if the length is odd; nothing is appended then.
pub fn be_bytes_to_f32(bytes: &[u8], out: &mut Vec<f32>) -> Result<()> {
    check_even(bytes)?;
    out.extend(
        bytes
            .chunks_exact(2)
            .map(|b| i16_to_f32(i16::from_be_bytes([b[0], b[1]]))),
    );
    Ok(())
}

/// Encodes samples as little-endian PCM16 bytes, appending to `out`.
pub fn i16_to_le_bytes(samples: &[i16], out: &mut Vec<u8>) {
    out.reserve(samples.len() * 2);
    for s in samples {
        out.extend_from_slice(&s.to_le_bytes());
    }
}

/// Encodes samples as big-endian PCM16 bytes, appending to `out`.
pub fn i16_to_be_bytes(samples: &[i16], out: &mut Vec<u8>) {
    out.reserve(samples.len() * 2);
    for s in samples {
        out.extend_from_slice(&s.to_be_bytes());
    }
}

/// Encodes `f32` samples as little-endian PCM16 bytes (rounded, saturated), appending to `out`.
pub fn f32_to_le_bytes(samples: &[f32], out: &mut Vec<u8>) {
    out.reserve(samples.len() * 2);
    for &s in samples {
        out.extend_from_slice(&f32_to_i16(s).to_le_bytes());
    }
}

/// Encodes `f32` samples as big-endian PCM16 bytes (rounded, saturated), appending to `out`.
pub fn f32_to_be_bytes(samples: &[f32], out: &mut Vec<u8>) {
    out.reserve(samples.len() * 2);
    for &s in samples {
        out.extend_from_slice(&f32_to_i16(s).to_be_bytes());
    }
}

/// Averages interleaved multi-channel samples down to mono, appending to `out`.
///
/// Averaging (rather than summing) keeps full-scale input in range.
///
/// # Errors
/// [`Error::InvalidChannels`] if `channels` is zero or `interleaved` is not a whole number of
/// frames; nothing is appended then.
pub fn downmix_to_mono(interleaved: &[f32], channels: usize, out: &mut Vec<f32>) -> Result<()> {
    if channels == 0 {
        return Err(Error::InvalidChannels("zero channels".into()));
    }
    if interleaved.len() % channels != 0 {
        return Err(Error::InvalidChannels(format!(
            "{} samples is not a whole number of {channels}-channel frames",
            interleaved.len()
        )));
    }
    if channels == 1 {
        out.extend_from_slice(interleaved);
        return Ok(());
    }
    let scale = 1.0 / channels as f32;
    out.extend(
        interleaved
            .chunks_exact(channels)
            .map(|frame| frame.iter().sum::<f32>() * scale),
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn i16_f32_round_trip_is_exact_for_every_sample() {
        for s in i16::MIN..=i16::MAX {
            assert_eq!(f32_to_i16(i16_to_f32(s)), s);
        }
    }

    #[test]
    fn f32_to_i16_saturates_and_rounds() {
        assert_eq!(f32_to_i16(1.0), i16::MAX);
        assert_eq!(f32_to_i16(2.5), i16::MAX);
        assert_eq!(f32_to_i16(-1.0), i16::MIN);
        assert_eq!(f32_to_i16(-7.0), i16::MIN);
        assert_eq!(f32_to_i16(f32::NAN), 0);
        assert_eq!(f32_to_i16(0.6 / 32768.0), 1);
        assert_eq!(f32_to_i16(0.4 / 32768.0), 0);
    }

    #[test]
    fn byte_orders_match_the_wire_formats() {
        let samples = [0x0102i16, -2, i16::MIN, i16::MAX];
        let mut le = Vec::new();
        i16_to_le_bytes(&samples, &mut le);
        assert_eq!(le, [0x02, 0x01, 0xFE, 0xFF, 0x00, 0x80, 0xFF, 0x7F]);
        let mut be = Vec::new();
        i16_to_be_bytes(&samples, &mut be);
        assert_eq!(be, [0x01, 0x02, 0xFF, 0xFE, 0x80, 0x00, 0x7F, 0xFF]);

        let mut back = Vec::new();
        le_bytes_to_i16(&le, &mut back).unwrap();
        assert_eq!(back, samples);
        back.clear();
        be_bytes_to_i16(&be, &mut back).unwrap();
        assert_eq!(back, samples);

        let mut f = Vec::new();
        be_bytes_to_f32(&be, &mut f).unwrap();
        let mut le2 = Vec::new();
        f32_to_le_bytes(&f, &mut le2);
        assert_eq!(le2, le);
        let mut f2 = Vec::new();
        le_bytes_to_f32(&le, &mut f2).unwrap();
        let mut be2 = Vec::new();
        f32_to_be_bytes(&f2, &mut be2);
        assert_eq!(be2, be);
    }

    #[test]
    fn odd_byte_counts_are_refused() {
        let mut out = Vec::new();
        assert!(matches!(
            le_bytes_to_i16(&[1, 2, 3], &mut out),
            Err(Error::PartialSample { len: 3, width: 2 })
        ));
        assert!(be_bytes_to_i16(&[1], &mut out).is_err());
        let mut f = Vec::new();
        assert!(le_bytes_to_f32(&[1], &mut f).is_err());
        assert!(be_bytes_to_f32(&[1, 2, 3], &mut f).is_err());
        assert!(out.is_empty() && f.is_empty());
    }

    #[test]
    fn downmix_averages_channels() {
        let mut out = Vec::new();
        downmix_to_mono(&[1.0, 0.0, 0.5, -0.5, -1.0, -1.0], 2, &mut out).unwrap();
        assert_eq!(out, [0.5, 0.0, -1.0]);
        out.clear();
        downmix_to_mono(&[0.25, 0.5], 1, &mut out).unwrap();
        assert_eq!(out, [0.25, 0.5]);
        assert!(downmix_to_mono(&[1.0, 2.0, 3.0], 2, &mut out).is_err());
        assert!(downmix_to_mono(&[1.0], 0, &mut out).is_err());
    }
}
