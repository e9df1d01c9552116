//! A fixed-depth jitter buffer for 20 ms audio frames.
//!
//! Packets go in by sequence number in any order ([`JitterBuffer::push`]); the transport's own
//! 20 ms clock takes frames out ([`JitterBuffer::pop`]). Playout starts once `depth` frames are
//! buffered, so packets up to `depth - 1` frames late or out of order still make it. A gap is
//! concealed by repeating the last frame at half gain (then silence); a packet whose turn has
//! passed is dropped as late; duplicates are dropped. Sequence numbers are extended to 64 bits
//! (RFC 3550 A.1), so wrap-around at 65,535 is seamless. When the peer stops sending (Asterisk
//! sends nothing during silence) the buffer drains and re-fills before playing again, without
//! counting the pause as loss.

use std::collections::BTreeMap;

/// Counters for metrics and tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct JitterStats {
    /// Packets accepted.
    pub received: u64,
    /// Frames played from real packets.
    pub played: u64,
    /// Frames synthesised for missing packets.
    pub concealed: u64,
    /// Packets that arrived after their playout time.
    pub late: u64,
    /// Duplicate packets.
    pub duplicate: u64,
    /// Resets after a jump in sequence numbers (new stream).
    pub resets: u64,
}

/// What [`JitterBuffer::pop`] produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Playout {
    /// A received frame.
    Frame(Vec<i16>),
    /// A concealment frame for a lost packet.
    Concealed(Vec<i16>),
    /// Nothing to play (filling, or the peer is silent).
    Nothing,
}

/// What happened to a pushed packet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PushOutcome {
    /// Buffered for playout.
    Accepted,
    /// Its playout time has passed; dropped.
    Late,
    /// Already buffered; dropped.
    Duplicate,
}

/// Jumps larger than this (in packets) mean a new stream: start over.
const MAX_JUMP: u64 = 500;
/// Concealment frames before falling back to silence.
const MAX_REPEATS: u32 = 3;

/// See the module docs.
#[derive(Debug)]
pub struct JitterBuffer {
    depth: usize,
    capacity: usize,
    frame_samples: usize,
    slots: BTreeMap<u64, Vec<i16>>,
    /// Extended sequence number of the next frame to play; `None` while filling.
    next: Option<u64>,
    /// Highest extended sequence number seen.
    highest: Option<u64>,
    last: Vec<i16>,
    repeats: u32,
    stats: JitterStats,
}

impl JitterBuffer {
    /// A buffer that starts playing after `depth` frames (at least 1) of `frame_samples` samples
    /// and holds at most `4 * depth + 16` frames.
    pub fn new(depth: usize, frame_samples: usize) -> Self {
        let depth = depth.max(1);
        Self {
            depth,
            capacity: depth * 4 + 16,
            frame_samples,
            slots: BTreeMap::new(),
            next: None,
            highest: None,
            last: vec![0; frame_samples],
            repeats: 0,
            stats: JitterStats::default(),
        }
    }

    /// Counters so far.
    pub fn stats(&self) -> JitterStats {
        self.stats
    }

    /// Frames buffered.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether nothing is buffered.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Extends a 16-bit sequence number to the one nearest the highest seen.
    fn extend(&self, seq: u16) -> u64 {
        let Some(h) = self.highest else {
            // Start in the middle of the space so early wrap-backs stay positive.
            return (1u64 << 32) + u64::from(seq);
        };
        let base = h & !0xffff;
        let candidates =
            [base.wrapping_sub(0x1_0000), base, base + 0x1_0000].map(|b| b + u64::from(seq));
        candidates
            .into_iter()
            .min_by_key(|c| c.abs_diff(h))
            .unwrap_or(base + u64::from(seq))
    }

    /// Buffers one frame's samples under RTP sequence number `seq`.
    pub fn push(&mut self, seq: u16, samples: Vec<i16>) -> PushOutcome {
        let ext = self.extend(seq);
        if let Some(h) = self.highest {
            if ext.abs_diff(h) > MAX_JUMP {
                self.reset();
                self.stats.resets += 1;
            }
        }
        if let Some(next) = self.next {
            if ext < next {
                self.stats.late += 1;
                return PushOutcome::Late;
            }
        }
        if self.slots.contains_key(&ext) {
            self.stats.duplicate += 1;
            return PushOutcome::Duplicate;
        }
        self.highest = Some(self.highest.map_or(ext, |h| h.max(ext)));
        self.slots.insert(ext, samples);
        self.stats.received += 1;
        // Too far behind (clock skew or a long stall): skip ahead rather than grow without bound.
        while self.slots.len() > self.capacity {
            if let Some((k, _)) = self.slots.pop_first() {
                self.next = Some(k + 1);
                self.stats.late += 1;
            }
        }
        PushOutcome::Accepted
    }

    fn reset(&mut self) {
        self.slots.clear();
        self.next = None;
        self.highest = None;
        self.repeats = 0;
    }

    /// Takes the frame due now; call once per 20 ms tick.
    pub fn pop(&mut self) -> Playout {
        let next = match self.next {
            Some(n) => n,
            None => {
                if self.slots.len() < self.depth {
                    return Playout::Nothing;
                }
                match self.slots.first_key_value() {
                    Some((k, _)) => *k,
                    None => return Playout::Nothing,
                }
            }
        };
        if self.slots.is_empty() {
            // The peer went quiet: stop and re-fill instead of concealing a pause.
            self.next = None;
            self.repeats = 0;
            return Playout::Nothing;
        }
        self.next = Some(next + 1);
        if let Some(mut frame) = self.slots.remove(&next) {
            frame.resize(self.frame_samples, 0);
            self.last.clone_from(&frame);
            self.repeats = 0;
            self.stats.played += 1;
            return Playout::Frame(frame);
        }
        self.stats.concealed += 1;
        self.repeats += 1;
        if self.repeats <= MAX_REPEATS {
            for s in &mut self.last {
                *s /= 2;
            }
            Playout::Concealed(self.last.clone())
        } else {
            Playout::Concealed(vec![0; self.frame_samples])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(v: i16) -> Vec<i16> {
        vec![v; 4]
    }

    fn tag(p: &Playout) -> Option<i16> {
        match p {
            Playout::Frame(s) => Some(s[0]),
            _ => None,
        }
    }

    #[test]
    fn waits_for_depth_then_plays_in_order() {
        let mut jb = JitterBuffer::new(3, 4);
        jb.push(10, f(10));
        assert_eq!(jb.pop(), Playout::Nothing);
        jb.push(11, f(11));
        assert_eq!(jb.pop(), Playout::Nothing);
        jb.push(12, f(12));
        assert_eq!(tag(&jb.pop()), Some(10));
        assert_eq!(tag(&jb.pop()), Some(11));
        assert_eq!(tag(&jb.pop()), Some(12));
    }

    #[test]
    fn reorders_within_the_depth() {
        let mut jb = JitterBuffer::new(3, 4);
        for s in [2u16, 0, 1, 4, 3, 5] {
            assert_eq!(jb.push(s, f(s as i16)), PushOutcome::Accepted);
        }
        let out: Vec<_> = (0..6).map(|_| tag(&jb.pop())).collect();
        assert_eq!(out, (0..6).map(Some).collect::<Vec<_>>());
        assert_eq!(jb.stats().concealed, 0);
    }

    #[test]
    fn conceals_a_lost_packet_by_fading_the_last_frame() {
        let mut jb = JitterBuffer::new(2, 4);
        jb.push(0, f(1000));
        jb.push(1, f(2000));
        jb.push(3, f(4000));
        assert_eq!(tag(&jb.pop()), Some(1000));
        assert_eq!(tag(&jb.pop()), Some(2000));
        assert_eq!(jb.pop(), Playout::Concealed(f(1000)));
        assert_eq!(tag(&jb.pop()), Some(4000));
        assert_eq!(jb.stats().concealed, 1);
        // The lost packet arriving now is late.
        assert_eq!(jb.push(2, f(3000)), PushOutcome::Late);
        assert_eq!(jb.stats().late, 1);
    }

    #[test]
    fn long_loss_fades_to_silence() {
        let mut jb = JitterBuffer::new(1, 4);
        jb.push(0, f(800));
        jb.push(10, f(9));
        assert_eq!(tag(&jb.pop()), Some(800));
        let c: Vec<_> = (0..5).map(|_| jb.pop()).collect();
        assert_eq!(c[0], Playout::Concealed(f(400)));
        assert_eq!(c[1], Playout::Concealed(f(200)));
        assert_eq!(c[2], Playout::Concealed(f(100)));
        assert_eq!(c[3], Playout::Concealed(f(0)));
    }

    #[test]
    fn duplicates_are_dropped() {
        let mut jb = JitterBuffer::new(2, 4);
        assert_eq!(jb.push(7, f(7)), PushOutcome::Accepted);
        assert_eq!(jb.push(7, f(7)), PushOutcome::Duplicate);
        assert_eq!(jb.stats().duplicate, 1);
    }

    #[test]
    fn sequence_wrap_around_is_seamless() {
        let mut jb = JitterBuffer::new(2, 4);
        let seqs = [65533u16, 65534, 0, 65535, 1, 2];
        for (i, s) in seqs.into_iter().enumerate() {
            jb.push(s, f(i as i16));
        }
        // Play order follows the sequence across the wrap: 65533, 65534, 65535, 0, 1, 2.
        let out: Vec<_> = (0..6).map(|_| tag(&jb.pop())).collect();
        assert_eq!(
            out,
            vec![Some(0), Some(1), Some(3), Some(2), Some(4), Some(5)]
        );
        assert_eq!(
            jb.stats().concealed + jb.stats().late + jb.stats().resets,
            0
        );
    }

    #[test]
    fn a_silent_peer_is_not_loss_and_playout_refills() {
        let mut jb = JitterBuffer::new(2, 4);
        jb.push(0, f(1));
        jb.push(1, f(2));
        assert!(tag(&jb.pop()).is_some());
        assert!(tag(&jb.pop()).is_some());
        for _ in 0..10 {
            assert_eq!(jb.pop(), Playout::Nothing);
        }
        jb.push(60, f(60)); // talkspurt after a pause
        assert_eq!(jb.pop(), Playout::Nothing, "re-filling");
        jb.push(61, f(61));
        assert_eq!(tag(&jb.pop()), Some(60));
        assert_eq!(jb.stats().concealed, 0);
    }

    #[test]
    fn a_big_jump_resets_the_stream() {
        let mut jb = JitterBuffer::new(1, 4);
        jb.push(100, f(1));
        assert!(tag(&jb.pop()).is_some());
        jb.push(30_000, f(2));
        assert_eq!(jb.stats().resets, 1);
        assert_eq!(tag(&jb.pop()), Some(2));
    }

    #[test]
    fn memory_is_bounded_when_the_sender_runs_fast() {
        let mut jb = JitterBuffer::new(2, 4);
        for s in 0..200u16 {
            jb.push(s, f(s as i16));
        }
        let held = jb.len();
        assert_eq!(held, 2 * 4 + 16);
        assert_eq!(
            tag(&jb.pop()),
            Some(200 - held as i16),
            "oldest frames skipped, newest kept"
        );
    }
}
