//! RFC 3550 RTP packets: the fixed 12-byte header, CSRC list, header extension and padding.

use bytes::{BufMut, Bytes, BytesMut};

/// Size of the fixed header.
pub const FIXED_HEADER_LEN: usize = 12;

/// Why a datagram is not a usable RTP packet.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RtpError {
    /// Shorter than its headers say.
    #[error("RTP packet truncated ({0} bytes)")]
    Truncated(usize),
    /// Version field is not 2.
    #[error("RTP version {0}, expected 2")]
    BadVersion(u8),
    /// The padding count is zero or larger than the payload.
    #[error("bad RTP padding")]
    BadPadding,
}

/// One RTP packet.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RtpPacket {
    /// M bit (first packet of a talkspurt for audio).
    pub marker: bool,
    /// PT, 7 bits.
    pub payload_type: u8,
    /// Sequence number.
    pub sequence: u16,
    /// Timestamp, in samples of the codec clock.
    pub timestamp: u32,
    /// Synchronisation source.
    pub ssrc: u32,
    /// Contributing sources (at most 15).
    pub csrc: Vec<u32>,
    /// Header extension: profile-defined id and data (a multiple of 4 bytes).
    pub extension: Option<(u16, Bytes)>,
    /// The payload, without padding.
    pub payload: Bytes,
}

impl RtpPacket {
    /// Parses a whole datagram.
    ///
    /// # Errors
    /// [`RtpError`] when the datagram is too short, not version 2, or badly padded.
    pub fn parse(data: &[u8]) -> Result<Self, RtpError> {
        let len = data.len();
        if len < FIXED_HEADER_LEN {
            return Err(RtpError::Truncated(len));
        }
        let version = data[0] >> 6;
        if version != 2 {
            return Err(RtpError::BadVersion(version));
        }
        let padding = data[0] & 0x20 != 0;
        let has_ext = data[0] & 0x10 != 0;
        let cc = usize::from(data[0] & 0x0f);
        let mut pos = FIXED_HEADER_LEN;
        if len < pos + cc * 4 {
            return Err(RtpError::Truncated(len));
        }
        let be32 = |p: usize| u32::from_be_bytes([data[p], data[p + 1], data[p + 2], data[p + 3]]);
        let csrc = (0..cc).map(|i| be32(pos + i * 4)).collect();
        pos += cc * 4;
        let extension = if has_ext {
            if len < pos + 4 {
                return Err(RtpError::Truncated(len));
            }
            let id = u16::from_be_bytes([data[pos], data[pos + 1]]);
            let words = usize::from(u16::from_be_bytes([data[pos + 2], data[pos + 3]]));
            pos += 4;
            if len < pos + words * 4 {
                return Err(RtpError::Truncated(len));
            }
            let ext = Bytes::copy_from_slice(&data[pos..pos + words * 4]);
            pos += words * 4;
            Some((id, ext))
        } else {
            None
        };
        let mut end = len;
        if padding {
            let pad = usize::from(data[len - 1]);
            if pad == 0 || pad > len - pos {
                return Err(RtpError::BadPadding);
            }
            end -= pad;
        }
        Ok(Self {
            marker: data[1] & 0x80 != 0,
            payload_type: data[1] & 0x7f,
            sequence: u16::from_be_bytes([data[2], data[3]]),
            timestamp: be32(4),
            ssrc: be32(8),
            csrc,
            extension,
            payload: Bytes::copy_from_slice(&data[pos..end]),
        })
    }

    /// Appends the wire form (no padding) to `out`. CSRCs beyond 15 are dropped.
    pub fn serialize(&self, out: &mut BytesMut) {
        let cc = self.csrc.len().min(15);
        out.put_u8(0x80 | if self.extension.is_some() { 0x10 } else { 0 } | cc as u8);
        out.put_u8(if self.marker { 0x80 } else { 0 } | (self.payload_type & 0x7f));
        out.put_u16(self.sequence);
        out.put_u32(self.timestamp);
        out.put_u32(self.ssrc);
        for c in &self.csrc[..cc] {
            out.put_u32(*c);
        }
        if let Some((id, data)) = &self.extension {
            let words = data.len().div_ceil(4);
            out.put_u16(*id);
            out.put_u16(words.min(usize::from(u16::MAX)) as u16);
            out.put_slice(data);
            out.put_bytes(0, words * 4 - data.len());
        }
        out.put_slice(&self.payload);
    }
}

/// Writes a plain header (no CSRC, no extension) followed by nothing; the caller appends the
/// payload. The hot path of the sender.
pub fn put_header(out: &mut BytesMut, marker: bool, pt: u8, seq: u16, ts: u32, ssrc: u32) {
    out.put_u8(0x80);
    out.put_u8(if marker { 0x80 } else { 0 } | (pt & 0x7f));
    out.put_u16(seq);
    out.put_u32(ts);
    out.put_u32(ssrc);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_header_byte_exact() {
        let p = RtpPacket {
            marker: true,
            payload_type: 0,
            sequence: 0x1234,
            timestamp: 0xdead_beef,
            ssrc: 0x0102_0304,
            payload: Bytes::from_static(&[0xff, 0x7f]),
            ..RtpPacket::default()
        };
        let mut b = BytesMut::new();
        p.serialize(&mut b);
        assert_eq!(
            &b[..],
            &[0x80, 0x80, 0x12, 0x34, 0xde, 0xad, 0xbe, 0xef, 0x01, 0x02, 0x03, 0x04, 0xff, 0x7f]
        );
        assert_eq!(RtpPacket::parse(&b), Ok(p));
        let mut h = BytesMut::new();
        put_header(&mut h, true, 0, 0x1234, 0xdead_beef, 0x0102_0304);
        assert_eq!(&h[..], &b[..12]);
    }

    #[test]
    fn csrc_extension_and_padding_are_handled() {
        let wire = [
            0xb2, 0x76, 0x00, 0x01, 0x00, 0x00, 0x00, 0xa0, 0xca, 0xfe, 0xba,
            0xbe, // V=2 P X CC=2, PT 118
            0x00, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x0b, // CSRCs
            0xbe, 0xde, 0x00, 0x01, 0x11, 0x22, 0x33, 0x44, // extension, 1 word
            0x01, 0x02, 0x03, 0x04, // payload
            0x00, 0x00, 0x03, // padding, count 3
        ];
        let p = RtpPacket::parse(&wire).unwrap();
        assert!(!p.marker);
        assert_eq!(p.payload_type, 118);
        assert_eq!(p.sequence, 1);
        assert_eq!(p.timestamp, 160);
        assert_eq!(p.ssrc, 0xcafe_babe);
        assert_eq!(p.csrc, vec![10, 11]);
        assert_eq!(
            p.extension,
            Some((0xbede, Bytes::from_static(&[0x11, 0x22, 0x33, 0x44])))
        );
        assert_eq!(&p.payload[..], &[1, 2, 3, 4]);
        let mut b = BytesMut::new();
        p.serialize(&mut b);
        let mut unpadded = wire[..32].to_vec();
        unpadded[0] &= !0x20;
        assert_eq!(&b[..], &unpadded[..]);
    }

    #[test]
    fn malformed_packets_are_errors() {
        assert_eq!(RtpPacket::parse(&[0x80; 11]), Err(RtpError::Truncated(11)));
        assert_eq!(RtpPacket::parse(&[0x40; 12]), Err(RtpError::BadVersion(1)));
        let mut cc = [0u8; 12];
        cc[0] = 0x81;
        assert_eq!(RtpPacket::parse(&cc), Err(RtpError::Truncated(12)));
        let mut pad = [0u8; 14];
        pad[0] = 0xa0;
        pad[13] = 5;
        assert_eq!(RtpPacket::parse(&pad), Err(RtpError::BadPadding));
        let mut ext = [0u8; 16];
        ext[0] = 0x90;
        ext[15] = 0x02;
        ext[14] = 0x00;
        assert_eq!(RtpPacket::parse(&ext), Err(RtpError::Truncated(16)));
    }
}
