//! AudioSocket framing: `kind (1 byte) | length (u16 big-endian) | payload`.
//!
//! Parsing checks that a whole frame has arrived before touching it (mini-redis style):
//! [`Message::parse`] returns `Ok(None)` while bytes are missing and consumes nothing.

use bytes::{Buf, BufMut, Bytes, BytesMut};
use uuid::Uuid;

/// Message kinds on the wire.
pub mod kind {
    /// Hangup (length 0, either side).
    pub const HANGUP: u8 = 0x00;
    /// Call UUID (16 raw bytes), always first from Asterisk.
    pub const UUID: u8 = 0x01;
    /// One DTMF digit (1 ASCII byte).
    pub const DTMF: u8 = 0x03;
    /// First audio kind (slin 8 kHz); audio kinds run to [`AUDIO_LAST`].
    pub const AUDIO_FIRST: u8 = 0x10;
    /// Last audio kind (slin192).
    pub const AUDIO_LAST: u8 = 0x18;
    /// Error from Asterisk (1-byte code).
    pub const ERROR: u8 = 0xFF;
}

/// Size of the header before the payload.
pub const HEADER_LEN: usize = 3;

/// The signed-linear audio formats (kinds 0x10..=0x18), little-endian PCM16 mono.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AudioFormat {
    /// 0x10, 8 kHz.
    Slin8,
    /// 0x11, 12 kHz.
    Slin12,
    /// 0x12, 16 kHz.
    Slin16,
    /// 0x13, 24 kHz.
    Slin24,
    /// 0x14, 32 kHz.
    Slin32,
    /// 0x15, 44.1 kHz.
    Slin44,
    /// 0x16, 48 kHz.
    Slin48,
    /// 0x17, 96 kHz.
    Slin96,
    /// 0x18, 192 kHz.
    Slin192,
}

impl AudioFormat {
    const ALL: [AudioFormat; 9] = [
        AudioFormat::Slin8,
        AudioFormat::Slin12,
        AudioFormat::Slin16,
        AudioFormat::Slin24,
        AudioFormat::Slin32,
        AudioFormat::Slin44,
        AudioFormat::Slin48,
        AudioFormat::Slin96,
        AudioFormat::Slin192,
    ];

    /// The format of an audio kind byte, if it is one.
    pub fn from_kind(k: u8) -> Option<Self> {
        Self::ALL
            .get(usize::from(k.checked_sub(kind::AUDIO_FIRST)?))
            .copied()
    }

    /// The kind byte.
    pub fn kind(self) -> u8 {
        // ALL is in kind order, so the position is the offset from 0x10.
        kind::AUDIO_FIRST + Self::ALL.iter().position(|f| *f == self).unwrap_or(0) as u8
    }

    /// Samples per second.
    pub fn sample_rate(self) -> u32 {
        match self {
            AudioFormat::Slin8 => 8_000,
            AudioFormat::Slin12 => 12_000,
            AudioFormat::Slin16 => 16_000,
            AudioFormat::Slin24 => 24_000,
            AudioFormat::Slin32 => 32_000,
            AudioFormat::Slin44 => 44_100,
            AudioFormat::Slin48 => 48_000,
            AudioFormat::Slin96 => 96_000,
            AudioFormat::Slin192 => 192_000,
        }
    }

    /// The format for a rate, if AudioSocket has one.
    pub fn from_rate(rate: u32) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.sample_rate() == rate)
    }
}

/// A framing problem. Asterisk hangs up on any of these; so do we.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FrameError {
    /// A kind byte AudioSocket does not define.
    #[error("unknown AudioSocket kind 0x{0:02x}")]
    UnknownKind(u8),
    /// A known kind with a length it cannot have.
    #[error("bad length {len} for AudioSocket kind 0x{kind:02x}")]
    BadLength {
        /// The kind.
        kind: u8,
        /// The announced payload length.
        len: usize,
    },
    /// A DTMF byte that is not a DTMF digit.
    #[error("bad DTMF digit 0x{0:02x}")]
    BadDtmf(u8),
}

/// One AudioSocket message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// 0x00: end of call.
    Hangup,
    /// 0x01: the call's UUID.
    Uuid(Uuid),
    /// 0x03: a DTMF digit.
    Dtmf(char),
    /// 0x10..=0x18: audio, raw little-endian PCM16 bytes.
    Audio {
        /// The format (kind).
        format: AudioFormat,
        /// The payload, even length.
        payload: Bytes,
    },
    /// 0xFF: an error code from Asterisk.
    Error(u8),
}

impl Message {
    /// Parses one message from the front of `buf` if a whole one has arrived, consuming it.
    ///
    /// # Errors
    /// [`FrameError`] for an unknown kind or a bad length; the connection must then be closed.
    pub fn parse(buf: &mut BytesMut) -> Result<Option<Message>, FrameError> {
        if buf.len() < HEADER_LEN {
            return Ok(None);
        }
        let k = buf[0];
        let len = usize::from(u16::from_be_bytes([buf[1], buf[2]]));
        // Validate before waiting for the payload: a bad header never becomes valid.
        match k {
            kind::HANGUP => {}
            kind::UUID if len != 16 => return Err(FrameError::BadLength { kind: k, len }),
            kind::DTMF | kind::ERROR if len != 1 => {
                return Err(FrameError::BadLength { kind: k, len })
            }
            kind::UUID | kind::DTMF | kind::ERROR => {}
            k if AudioFormat::from_kind(k).is_some() => {
                if len % 2 != 0 {
                    return Err(FrameError::BadLength { kind: k, len });
                }
            }
            other => return Err(FrameError::UnknownKind(other)),
        }
        if buf.len() < HEADER_LEN + len {
            return Ok(None);
        }
        buf.advance(HEADER_LEN);
        let payload = buf.split_to(len).freeze();
        Ok(Some(match k {
            kind::HANGUP => Message::Hangup,
            kind::UUID => {
                let mut b = [0u8; 16];
                b.copy_from_slice(&payload);
                Message::Uuid(Uuid::from_bytes(b))
            }
            kind::DTMF => {
                let c = char::from(payload[0]);
                if !matches!(c, '0'..='9' | '*' | '#' | 'A'..='D' | 'a'..='d') {
                    return Err(FrameError::BadDtmf(payload[0]));
                }
                Message::Dtmf(c.to_ascii_uppercase())
            }
            kind::ERROR => Message::Error(payload[0]),
            _ => Message::Audio {
                format: AudioFormat::from_kind(k).ok_or(FrameError::UnknownKind(k))?,
                payload,
            },
        }))
    }

    /// Appends the wire form to `dst`.
    pub fn encode(&self, dst: &mut BytesMut) {
        match self {
            Message::Hangup => put_header(dst, kind::HANGUP, 0),
            Message::Uuid(u) => {
                put_header(dst, kind::UUID, 16);
                dst.put_slice(u.as_bytes());
            }
            Message::Dtmf(c) => {
                put_header(dst, kind::DTMF, 1);
                let mut b = [0u8; 4];
                dst.put_slice(&c.encode_utf8(&mut b).as_bytes()[..1]);
            }
            Message::Audio { format, payload } => {
                put_header(
                    dst,
                    format.kind(),
                    payload.len().min(usize::from(u16::MAX)) as u16,
                );
                dst.put_slice(&payload[..payload.len().min(usize::from(u16::MAX))]);
            }
            Message::Error(code) => {
                put_header(dst, kind::ERROR, 1);
                dst.put_u8(*code);
            }
        }
    }
}

fn put_header(dst: &mut BytesMut, k: u8, len: u16) {
    dst.put_u8(k);
    dst.put_u16(len);
}

/// Appends an audio message of `format` carrying `samples` (little-endian) to `dst`, without an
/// intermediate buffer. At most 32,767 samples fit one message; the rest is cut.
pub fn encode_audio(format: AudioFormat, samples: &[i16], dst: &mut BytesMut) {
    let samples = &samples[..samples.len().min(usize::from(u16::MAX) / 2)];
    put_header(dst, format.kind(), (samples.len() * 2) as u16);
    dst.reserve(samples.len() * 2);
    for s in samples {
        dst.put_i16_le(*s);
    }
}

/// Decodes a little-endian PCM16 payload.
pub fn decode_audio(payload: &[u8], out: &mut Vec<i16>) {
    out.extend(
        payload
            .chunks_exact(2)
            .map(|c| i16::from_le_bytes([c[0], c[1]])),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_all(bytes: &[u8]) -> Result<Option<Message>, FrameError> {
        let mut b = BytesMut::from(bytes);
        let m = Message::parse(&mut b);
        if let Ok(Some(_)) = m {
            assert!(b.is_empty(), "whole frame consumed");
        }
        m
    }

    fn encoded(m: &Message) -> Vec<u8> {
        let mut b = BytesMut::new();
        m.encode(&mut b);
        b.to_vec()
    }

    const UUID_BYTES: [u8; 16] = [
        0x3a, 0x1b, 0x5c, 0x6d, 0x00, 0x11, 0x42, 0x22, 0x83, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88,
        0x99,
    ];

    #[test]
    fn hangup_both_directions() {
        assert_eq!(parse_all(&[0x00, 0x00, 0x00]), Ok(Some(Message::Hangup)));
        assert_eq!(encoded(&Message::Hangup), vec![0x00, 0x00, 0x00]);
    }

    #[test]
    fn uuid_both_directions() {
        let mut wire = vec![0x01, 0x00, 0x10];
        wire.extend_from_slice(&UUID_BYTES);
        let m = Message::Uuid(Uuid::from_bytes(UUID_BYTES));
        assert_eq!(parse_all(&wire), Ok(Some(m.clone())));
        assert_eq!(encoded(&m), wire);
        if let Message::Uuid(u) = m {
            assert_eq!(u.to_string(), "3a1b5c6d-0011-4222-8333-445566778899");
        }
    }

    #[test]
    fn dtmf_both_directions() {
        for (byte, digit) in [
            (b'5', '5'),
            (b'#', '#'),
            (b'*', '*'),
            (b'A', 'A'),
            (b'd', 'D'),
        ] {
            assert_eq!(
                parse_all(&[0x03, 0x00, 0x01, byte]),
                Ok(Some(Message::Dtmf(digit)))
            );
        }
        assert_eq!(encoded(&Message::Dtmf('#')), vec![0x03, 0x00, 0x01, b'#']);
        assert_eq!(
            parse_all(&[0x03, 0x00, 0x01, b'x']),
            Err(FrameError::BadDtmf(b'x'))
        );
    }

    #[test]
    fn every_audio_kind_both_directions() {
        let rates = [
            8000, 12000, 16000, 24000, 32000, 44100, 48000, 96000, 192000,
        ];
        for (i, rate) in rates.into_iter().enumerate() {
            let k = 0x10 + i as u8;
            let format = AudioFormat::from_kind(k).unwrap();
            assert_eq!(format.kind(), k);
            assert_eq!(format.sample_rate(), rate);
            assert_eq!(AudioFormat::from_rate(rate), Some(format));
            let samples: Vec<i16> = vec![1, -2, 0x1234, i16::MIN];
            let payload = [0x01, 0x00, 0xfe, 0xff, 0x34, 0x12, 0x00, 0x80];
            let mut wire = vec![k, 0x00, 0x08];
            wire.extend_from_slice(&payload);
            let parsed = parse_all(&wire).unwrap().unwrap();
            assert_eq!(
                parsed,
                Message::Audio {
                    format,
                    payload: Bytes::copy_from_slice(&payload)
                }
            );
            assert_eq!(encoded(&parsed), wire);
            let mut b = BytesMut::new();
            encode_audio(format, &samples, &mut b);
            assert_eq!(b.to_vec(), wire);
            let mut back = Vec::new();
            decode_audio(&payload, &mut back);
            assert_eq!(back, samples);
        }
        assert_eq!(AudioFormat::from_kind(0x19), None);
        assert_eq!(AudioFormat::from_kind(0x0f), None);
    }

    #[test]
    fn slin8_20ms_frame_is_320_bytes() {
        let mut b = BytesMut::new();
        encode_audio(AudioFormat::Slin8, &[0; 160], &mut b);
        assert_eq!(&b[..3], &[0x10, 0x01, 0x40]);
        assert_eq!(b.len(), 323);
        let mut b = BytesMut::new();
        encode_audio(AudioFormat::Slin16, &[0; 320], &mut b);
        assert_eq!(&b[..3], &[0x12, 0x02, 0x80]);
    }

    #[test]
    fn error_both_directions() {
        assert_eq!(
            parse_all(&[0xff, 0x00, 0x01, 0x02]),
            Ok(Some(Message::Error(2)))
        );
        assert_eq!(encoded(&Message::Error(4)), vec![0xff, 0x00, 0x01, 0x04]);
    }

    #[test]
    fn incomplete_frames_wait_and_consume_nothing() {
        let mut wire = vec![0x10, 0x01, 0x40];
        wire.extend(std::iter::repeat_n(7u8, 320));
        wire.extend_from_slice(&[0x03, 0x00, 0x01, b'1']);
        for cut in [0, 1, 2, 3, 100, 322] {
            let mut b = BytesMut::from(&wire[..cut]);
            assert_eq!(Message::parse(&mut b), Ok(None), "cut at {cut}");
            assert_eq!(b.len(), cut);
        }
        let mut b = BytesMut::from(&wire[..]);
        assert!(matches!(
            Message::parse(&mut b),
            Ok(Some(Message::Audio { .. }))
        ));
        assert_eq!(Message::parse(&mut b), Ok(Some(Message::Dtmf('1'))));
        assert_eq!(Message::parse(&mut b), Ok(None));
    }

    #[test]
    fn short_last_frame_is_accepted() {
        let mut wire = vec![0x10, 0x00, 0x64];
        wire.extend(std::iter::repeat_n(0u8, 100));
        assert!(
            matches!(parse_all(&wire), Ok(Some(Message::Audio { payload, .. })) if payload.len() == 100)
        );
    }

    #[test]
    fn unknown_kinds_and_bad_lengths_are_errors_before_the_payload_arrives() {
        assert_eq!(
            parse_all(&[0x02, 0x00, 0x00]),
            Err(FrameError::UnknownKind(0x02))
        );
        assert_eq!(
            parse_all(&[0x20, 0x00, 0x04]),
            Err(FrameError::UnknownKind(0x20))
        );
        assert_eq!(
            parse_all(&[0x01, 0x00, 0x0f]),
            Err(FrameError::BadLength { kind: 1, len: 15 })
        );
        assert_eq!(
            parse_all(&[0x03, 0x00, 0x02]),
            Err(FrameError::BadLength { kind: 3, len: 2 })
        );
        assert_eq!(
            parse_all(&[0xff, 0x00, 0x00]),
            Err(FrameError::BadLength { kind: 0xff, len: 0 })
        );
        assert_eq!(
            parse_all(&[0x10, 0x01, 0x41]),
            Err(FrameError::BadLength {
                kind: 0x10,
                len: 321
            })
        );
    }

    #[test]
    fn hangup_with_payload_is_skipped_whole() {
        let mut b = BytesMut::from(&[0x00, 0x00, 0x02, 0xaa, 0xbb, 0x03][..]);
        assert_eq!(Message::parse(&mut b), Ok(Some(Message::Hangup)));
        assert_eq!(&b[..], &[0x03]);
    }
}
