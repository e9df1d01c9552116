//! Speech segmentation with a voice activity detector, and batching into recognition windows.

use voxgate_audio::vad::VoiceActivityDetector;

use crate::Result;

/// Tuning of the segmenter (times in seconds).
#[derive(Debug, Clone, PartialEq)]
pub struct SegmenterConfig {
    /// Probability at which speech starts.
    pub start_threshold: f32,
    /// Probability below which speech may end.
    pub end_threshold: f32,
    /// Silence needed to end a segment.
    pub min_silence_s: f32,
    /// Shortest segment kept.
    pub min_speech_s: f32,
    /// Audio kept on each side of a segment.
    pub pad_s: f32,
    /// Longest recognition window (Whisper's context is 30 s).
    pub max_window_s: f32,
    /// Longest silence kept inside a window; a longer one starts a new window.
    pub max_gap_s: f32,
}

impl Default for SegmenterConfig {
    fn default() -> Self {
        Self {
            start_threshold: 0.5,
            end_threshold: 0.35,
            min_silence_s: 0.3,
            min_speech_s: 0.25,
            pad_s: 0.2,
            max_window_s: 28.0,
            max_gap_s: 2.0,
        }
    }
}

/// A span of samples.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// First sample.
    pub start: usize,
    /// One past the last sample.
    pub end: usize,
}

/// Finds speech segments in `samples` with `vad` (whose rate the samples must have), calling
/// `tick` with the fraction done every few hundred frames; `tick` returning an error stops.
///
/// # Errors
/// The detector's errors, or `tick`'s.
pub fn speech_segments(
    vad: &mut dyn VoiceActivityDetector,
    samples: &[f32],
    config: &SegmenterConfig,
    tick: &mut dyn FnMut(f32) -> Result<()>,
) -> Result<Vec<Span>> {
    let rate = vad.sample_rate() as f32;
    let frame = vad.frame_size();
    let frames = samples.len() / frame;
    let min_silence = (config.min_silence_s * rate / frame as f32).ceil() as usize;
    let mut spans = Vec::new();
    let mut start: Option<usize> = None;
    let mut silent = 0usize;
    for (i, chunk) in samples.chunks_exact(frame).enumerate() {
        if i % 256 == 0 {
            tick(i as f32 / frames.max(1) as f32)?;
        }
        let p = vad.process(chunk)?;
        match start {
            None if p >= config.start_threshold => {
                start = Some(i);
                silent = 0;
            }
            Some(s) if p < config.end_threshold => {
                silent += 1;
                if silent >= min_silence {
                    spans.push((s, i + 1 - silent));
                    start = None;
                }
            }
            Some(_) => silent = 0,
            None => {}
        }
    }
    if let Some(s) = start {
        spans.push((s, frames - silent.min(frames - s)));
    }
    let pad = (config.pad_s * rate) as usize;
    let min_len = (config.min_speech_s * rate) as usize;
    let mut out: Vec<Span> = Vec::new();
    for (a, b) in spans {
        let (a, b) = (a * frame, b * frame);
        if b - a < min_len {
            continue;
        }
        let span = Span {
            start: a.saturating_sub(pad),
            end: (b + pad).min(samples.len()),
        };
        match out.last_mut() {
            Some(last) if span.start <= last.end => last.end = span.end,
            _ => out.push(span),
        }
    }
    Ok(out)
}

/// Groups consecutive segments into windows of at most `max_window_s` whose inner silences are
/// at most `max_gap_s`; a single longer segment stays one window (the recogniser cuts it).
pub fn windows(spans: &[Span], rate: u32, config: &SegmenterConfig) -> Vec<Span> {
    let max_len = (config.max_window_s * rate as f32) as usize;
    let max_gap = (config.max_gap_s * rate as f32) as usize;
    let mut out: Vec<Span> = Vec::new();
    for s in spans {
        match out.last_mut() {
            Some(w) if s.start - w.end.min(s.start) <= max_gap && s.end - w.start <= max_len => {
                w.end = s.end;
            }
            _ => out.push(*s),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A detector that reports speech where the frame's mean absolute value is high.
    #[derive(Debug)]
    struct Energy;
    impl VoiceActivityDetector for Energy {
        fn sample_rate(&self) -> u32 {
            1_000
        }
        fn frame_size(&self) -> usize {
            10
        }
        fn process(&mut self, frame: &[f32]) -> voxgate_audio::Result<f32> {
            Ok(frame.iter().map(|s| s.abs()).sum::<f32>() / frame.len() as f32)
        }
        fn reset(&mut self) {}
    }

    #[test]
    fn segments_are_found_padded_and_merged() {
        // 1 kHz: speech 1.0-2.0 s, a 100 ms dip, 2.1-2.5 s, blip of 50 ms at 4 s, speech 6-7 s.
        let mut s = vec![0f32; 8_000];
        for (a, b) in [
            (1_000, 2_000),
            (2_100, 2_500),
            (4_000, 4_050),
            (6_000, 7_000),
        ] {
            s[a..b].iter_mut().for_each(|x| *x = 1.0);
        }
        let mut ticks = 0;
        let spans = speech_segments(&mut Energy, &s, &SegmenterConfig::default(), &mut |_| {
            ticks += 1;
            Ok(())
        })
        .unwrap();
        assert!(ticks >= 1);
        assert_eq!(
            spans,
            [
                Span {
                    start: 800,
                    end: 2_700
                },
                Span {
                    start: 5_800,
                    end: 7_200
                }
            ]
        );
        let cfg = SegmenterConfig {
            max_gap_s: 4.0,
            ..SegmenterConfig::default()
        };
        assert_eq!(
            windows(&spans, 1_000, &cfg),
            [Span {
                start: 800,
                end: 7_200
            }]
        );
        assert_eq!(windows(&spans, 1_000, &SegmenterConfig::default()).len(), 2);
        let cfg = SegmenterConfig {
            max_gap_s: 4.0,
            max_window_s: 5.0,
            ..SegmenterConfig::default()
        };
        assert_eq!(windows(&spans, 1_000, &cfg).len(), 2);
    }
}
