//! ITU-T G.711 mu-law and A-law companding.
//!
//! Encoding follows the reference algorithm of G.711 (segment search on the biased magnitude);
//! decoding uses 256-entry tables built at compile time, so the hot path is one lookup per sample.

const MULAW_BIAS: i32 = 0x84;
const MULAW_CLIP: i32 = 32635;

/// Encodes one linear PCM16 sample as G.711 mu-law.
pub fn linear_to_ulaw(sample: i16) -> u8 {
    let mut pcm = sample as i32;
    let sign = if pcm < 0 { 0x80 } else { 0 };
    if pcm < 0 {
        pcm = -pcm;
    }
    if pcm > MULAW_CLIP {
        pcm = MULAW_CLIP;
    }
    pcm += MULAW_BIAS;
    let mut exponent = 7;
    let mut mask = 0x4000;
    while exponent > 0 && pcm & mask == 0 {
        exponent -= 1;
        mask >>= 1;
    }
    let mantissa = (pcm >> (exponent + 3)) & 0x0F;
    !(sign | (exponent << 4) | mantissa) as u8
}

/// Decodes one G.711 mu-law byte to linear PCM16.
pub fn ulaw_to_linear(code: u8) -> i16 {
    ULAW_DECODE[code as usize]
}

const fn ulaw_decode_const(code: u8) -> i16 {
    let u = !code as i32;
    let sign = u & 0x80;
    let exponent = (u >> 4) & 0x07;
    let mantissa = u & 0x0F;
    let magnitude = (((mantissa << 3) + MULAW_BIAS) << exponent) - MULAW_BIAS;
    (if sign != 0 { -magnitude } else { magnitude }) as i16
}

/// Encodes one linear PCM16 sample as G.711 A-law.
pub fn linear_to_alaw(sample: i16) -> u8 {
    let pcm = sample as i32;
    let (sign, magnitude) = if pcm >= 0 {
        (0x80, pcm)
    } else {
        (0x00, -pcm - 1)
    };
    let magnitude = magnitude.min(0x7FFF);
    let code = if magnitude < 256 {
        magnitude >> 4
    } else {
        let mut exponent = 7;
        let mut mask = 0x4000;
        while magnitude & mask == 0 {
            exponent -= 1;
            mask >>= 1;
        }
        (exponent << 4) | ((magnitude >> (exponent + 3)) & 0x0F)
    };
    ((sign | code) ^ 0x55) as u8
}

/// Decodes one G.711 A-law byte to linear PCM16.
pub fn alaw_to_linear(code: u8) -> i16 {
    ALAW_DECODE[code as usize]
}

const fn alaw_decode_const(code: u8) -> i16 {
    let a = (code ^ 0x55) as i32;
    let sign = a & 0x80;
    let exponent = (a >> 4) & 0x07;
    let mantissa = a & 0x0F;
    let magnitude = if exponent == 0 {
        (mantissa << 4) + 8
    } else {
        ((mantissa << 4) + 0x108) << (exponent - 1)
    };
    (if sign != 0 { magnitude } else { -magnitude }) as i16
}

const fn build_table(alaw: bool) -> [i16; 256] {
    let mut table = [0i16; 256];
    let mut i = 0;
    while i < 256 {
        table[i] = if alaw {
            alaw_decode_const(i as u8)
        } else {
            ulaw_decode_const(i as u8)
        };
        i += 1;
    }
    table
}

static ULAW_DECODE: [i16; 256] = build_table(false);
static ALAW_DECODE: [i16; 256] = build_table(true);

/// Encodes a slice of PCM16 samples as mu-law bytes, appending to `out`.
pub fn encode_ulaw(samples: &[i16], out: &mut Vec<u8>) {
    out.extend(samples.iter().map(|&s| linear_to_ulaw(s)));
}

/// Decodes mu-law bytes to PCM16 samples, appending to `out`.
pub fn decode_ulaw(codes: &[u8], out: &mut Vec<i16>) {
    out.extend(codes.iter().map(|&c| ulaw_to_linear(c)));
}

/// Encodes a slice of PCM16 samples as A-law bytes, appending to `out`.
pub fn encode_alaw(samples: &[i16], out: &mut Vec<u8>) {
    out.extend(samples.iter().map(|&s| linear_to_alaw(s)));
}

/// Decodes A-law bytes to PCM16 samples, appending to `out`.
pub fn decode_alaw(codes: &[u8], out: &mut Vec<i16>) {
    out.extend(codes.iter().map(|&c| alaw_to_linear(c)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ulaw_round_trips_every_code() {
        for code in 0u8..=255 {
            let linear = ulaw_to_linear(code);
            let back = linear_to_ulaw(linear);
            // 0x7F and 0xFF both decode to zero; zero encodes as 0xFF.
            if code == 0x7F {
                assert_eq!(back, 0xFF);
            } else {
                assert_eq!(back, code, "code {code:#04x} -> {linear}");
            }
        }
    }

    #[test]
    fn alaw_round_trips_every_code() {
        for code in 0u8..=255 {
            let linear = alaw_to_linear(code);
            assert_eq!(linear_to_alaw(linear), code, "code {code:#04x} -> {linear}");
        }
    }

    #[test]
    fn known_values() {
        assert_eq!(linear_to_ulaw(0), 0xFF);
        assert_eq!(ulaw_to_linear(0xFF), 0);
        assert_eq!(ulaw_to_linear(0x00), -32124);
        assert_eq!(ulaw_to_linear(0x80), 32124);
        assert_eq!(linear_to_alaw(0), 0xD5);
        assert_eq!(alaw_to_linear(0xD5), 8);
        assert_eq!(alaw_to_linear(0x55), -8);
        assert_eq!(alaw_to_linear(0xAA), 32256);
    }

    #[test]
    fn encoding_is_monotonic_and_close() {
        for s in (i16::MIN..=i16::MAX).step_by(7) {
            let u = ulaw_to_linear(linear_to_ulaw(s)) as i32;
            let a = alaw_to_linear(linear_to_alaw(s)) as i32;
            let tol = (s as i32).abs() / 16 + 16;
            assert!((u - s as i32).abs() <= tol.max(140), "ulaw {s} -> {u}");
            assert!((a - s as i32).abs() <= tol.max(140), "alaw {s} -> {a}");
        }
    }
}
