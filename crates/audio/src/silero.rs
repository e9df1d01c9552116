//! Silero VAD (v5/v6, 16 kHz) in pure Rust, from the model's safetensors weights.
//!
//! The network, per 32 ms chunk of 512 samples plus 64 samples of context from the previous
//! chunk: a learned STFT (a 256-tap, stride-128 convolution giving 129 magnitude bins over four
//! frames), four 3-tap convolutions with ReLU (strides 1, 2, 2, 1) down to one 128-wide vector,
//! an LSTM cell carrying state across chunks, and a 1x1 convolution with a sigmoid. It follows
//! `tinygrad_model.py` from the `silero-vad` package, and agrees with ONNX Runtime running the
//! package's `silero_vad_16k_op15.onnx` graph to about 1e-6 (`tests/silero.rs`,
//! `tools/silero_reference.py`).
//!
//! Note on weights: the `silero_vad_16k.safetensors` that silero-vad 6.2.3 ships holds different
//! weights from its `silero_vad.onnx` (same architecture, other training). The fixtures compare
//! against ONNX Runtime with the safetensors weights swapped into the ONNX graph; weights
//! exported from the ONNX file (`silero_reference.py export`) load here unchanged and reproduce
//! `silero_vad.onnx` itself to the same precision.
//!
//! Weights are read once into a [`SileroModel`] and shared by `Arc`; each call gets its own
//! [`SileroVad`] with a few kilobytes of state. Inner loops are contiguous dot products that the
//! compiler vectorises, so one chunk costs roughly 0.7 M multiply-adds.

use std::path::Path;
use std::sync::Arc;

use safetensors::{Dtype, SafeTensors};

use crate::resample::Resampler;
use crate::simd::dot;
use crate::vad::VoiceActivityDetector;
use crate::{Error, Result};

/// Samples per model chunk at 16 kHz.
pub const CHUNK_16K: usize = 512;
const CONTEXT: usize = 64;
const N_FFT: usize = 256;
const HOP: usize = 128;
const BINS: usize = N_FFT / 2 + 1;
const FRAMES: usize = 4;
const HIDDEN: usize = 128;

/// A 1-D convolution with weights stored `[out][tap][in]` so each tap is one contiguous dot.
#[derive(Debug)]
struct Conv {
    cin: usize,
    cout: usize,
    stride: usize,
    weight: Vec<f32>,
    bias: Vec<f32>,
}

impl Conv {
    /// `x` is time-major `[t][cin]`; returns ReLU'd time-major `[t'][cout]`, kernel 3, padding 1.
    fn forward_relu(&self, x: &[f32], t_in: usize, out: &mut Vec<f32>) -> usize {
        let t_out = (t_in + 2 - 3) / self.stride + 1;
        out.clear();
        out.resize(t_out * self.cout, 0.0);
        for t in 0..t_out {
            for o in 0..self.cout {
                let mut acc = self.bias[o];
                for k in 0..3 {
                    let ti = (t * self.stride + k) as isize - 1;
                    if ti < 0 || ti as usize >= t_in {
                        continue;
                    }
                    let ti = ti as usize;
                    let w = &self.weight[(o * 3 + k) * self.cin..(o * 3 + k + 1) * self.cin];
                    acc += dot(w, &x[ti * self.cin..(ti + 1) * self.cin]);
                }
                out[t * self.cout + o] = acc.max(0.0);
            }
        }
        t_out
    }
}

/// Silero VAD weights, loaded once and shared between calls.
#[derive(Debug)]
pub struct SileroModel {
    /// `[258][256]`: rows 0..129 real parts, 129..258 imaginary parts of the learned STFT.
    stft: Vec<f32>,
    convs: [Conv; 4],
    /// `[512][256]`: LSTM input and recurrent weights side by side, gates i, f, g, o.
    lstm_w: Vec<f32>,
    /// `bias_ih + bias_hh`.
    lstm_b: Vec<f32>,
    final_w: Vec<f32>,
    final_b: f32,
}

fn tensor(st: &SafeTensors<'_>, name: &str, shape: &[usize]) -> Result<Vec<f32>> {
    let t = st
        .tensor(name)
        .map_err(|e| Error::Model(format!("tensor {name}: {e}")))?;
    if t.dtype() != Dtype::F32 || t.shape() != shape {
        return Err(Error::Model(format!(
            "tensor {name} is {:?} {:?}, expected F32 {shape:?}",
            t.dtype(),
            t.shape()
        )));
    }
    Ok(t.data()
        .chunks_exact(4)
        .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect())
}

fn conv(st: &SafeTensors<'_>, name: &str, cin: usize, cout: usize, stride: usize) -> Result<Conv> {
    let w = tensor(st, &format!("{name}.weight"), &[cout, cin, 3])?;
    let bias = tensor(st, &format!("{name}.bias"), &[cout])?;
    // PyTorch stores [out][in][tap]; we want [out][tap][in].
    let mut weight = vec![0.0; w.len()];
    for o in 0..cout {
        for i in 0..cin {
            for k in 0..3 {
                weight[(o * 3 + k) * cin + i] = w[(o * cin + i) * 3 + k];
            }
        }
    }
    Ok(Conv {
        cin,
        cout,
        stride,
        weight,
        bias,
    })
}

impl SileroModel {
    /// Loads `silero_vad_16k.safetensors`.
    ///
    /// # Errors
    /// [`Error::Model`] naming the path and `voxgate models setup` if the file is missing, or the
    /// problem if it is not the expected network.
    pub fn load(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| {
            Error::Model(format!(
                "cannot read Silero VAD weights at {}: {e}; run `voxgate models setup`",
                path.display()
            ))
        })?;
        Self::from_bytes(&bytes)
    }

    /// Parses the weights from the bytes of a safetensors file.
    ///
    /// # Errors
    /// [`Error::Model`] if the data is not a safetensors file with Silero's tensors.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let st = SafeTensors::deserialize(bytes)
            .map_err(|e| Error::Model(format!("not a safetensors file: {e}")))?;
        let w_ih = tensor(&st, "lstm_cell.weight_ih", &[4 * HIDDEN, HIDDEN])?;
        let w_hh = tensor(&st, "lstm_cell.weight_hh", &[4 * HIDDEN, HIDDEN])?;
        let b_ih = tensor(&st, "lstm_cell.bias_ih", &[4 * HIDDEN])?;
        let b_hh = tensor(&st, "lstm_cell.bias_hh", &[4 * HIDDEN])?;
        let mut lstm_w = Vec::with_capacity(4 * HIDDEN * 2 * HIDDEN);
        for r in 0..4 * HIDDEN {
            lstm_w.extend_from_slice(&w_ih[r * HIDDEN..(r + 1) * HIDDEN]);
            lstm_w.extend_from_slice(&w_hh[r * HIDDEN..(r + 1) * HIDDEN]);
        }
        let final_b = tensor(&st, "final_conv.bias", &[1])?;
        Ok(Self {
            stft: tensor(&st, "stft_conv.weight", &[2 * BINS, 1, N_FFT])?,
            convs: [
                conv(&st, "conv1", BINS, 128, 1)?,
                conv(&st, "conv2", 128, 64, 2)?,
                conv(&st, "conv3", 64, 64, 2)?,
                conv(&st, "conv4", 64, 128, 1)?,
            ],
            lstm_w,
            lstm_b: b_ih.iter().zip(&b_hh).map(|(a, b)| a + b).collect(),
            final_w: tensor(&st, "final_conv.weight", &[1, HIDDEN, 1])?,
            final_b: final_b[0],
        })
    }
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Per-stream state of the 16 kHz network.
#[derive(Debug)]
struct SileroState {
    model: Arc<SileroModel>,
    /// Context samples followed by the chunk, followed by the reflect padding.
    input: Vec<f32>,
    h: Vec<f32>,
    c: Vec<f32>,
    bufs: [Vec<f32>; 2],
    gates: Vec<f32>,
}

impl SileroState {
    fn new(model: Arc<SileroModel>) -> Self {
        Self {
            model,
            input: vec![0.0; CONTEXT + CHUNK_16K + CONTEXT],
            h: vec![0.0; HIDDEN],
            c: vec![0.0; HIDDEN],
            bufs: [Vec::new(), Vec::new()],
            gates: vec![0.0; 4 * HIDDEN],
        }
    }

    fn reset(&mut self) {
        self.input.fill(0.0);
        self.h.fill(0.0);
        self.c.fill(0.0);
    }

    /// Runs one 512-sample chunk; returns the speech probability.
    fn step(&mut self, chunk: &[f32]) -> f32 {
        let m = &*self.model;
        let n = CONTEXT + CHUNK_16K;
        self.input[CONTEXT..n].copy_from_slice(chunk);
        // Reflect padding on the right, as `x.pad((0, 64), "reflect")`.
        for i in 0..CONTEXT {
            self.input[n + i] = self.input[n - 2 - i];
        }
        let [a, b] = &mut self.bufs;
        // Learned STFT magnitudes, time-major [frame][bin].
        a.clear();
        a.resize(FRAMES * BINS, 0.0);
        for t in 0..FRAMES {
            let frame = &self.input[t * HOP..t * HOP + N_FFT];
            for f in 0..BINS {
                let re = dot(&m.stft[f * N_FFT..(f + 1) * N_FFT], frame);
                let im = dot(&m.stft[(f + BINS) * N_FFT..(f + BINS + 1) * N_FFT], frame);
                a[t * BINS + f] = (re * re + im * im).sqrt();
            }
        }
        let mut t = FRAMES;
        t = m.convs[0].forward_relu(a, t, b);
        t = m.convs[1].forward_relu(b, t, a);
        t = m.convs[2].forward_relu(a, t, b);
        let t = m.convs[3].forward_relu(b, t, a);
        debug_assert_eq!(t, 1);
        // LSTM cell on [x; h].
        let mut xh = [0.0f32; 2 * HIDDEN];
        xh[..HIDDEN].copy_from_slice(&a[..HIDDEN]);
        xh[HIDDEN..].copy_from_slice(&self.h);
        for (r, g) in self.gates.iter_mut().enumerate() {
            *g = m.lstm_b[r] + dot(&m.lstm_w[r * 2 * HIDDEN..(r + 1) * 2 * HIDDEN], &xh);
        }
        let mut logit = m.final_b;
        for j in 0..HIDDEN {
            let i = sigmoid(self.gates[j]);
            let f = sigmoid(self.gates[HIDDEN + j]);
            let g = self.gates[2 * HIDDEN + j].tanh();
            let o = sigmoid(self.gates[3 * HIDDEN + j]);
            self.c[j] = f * self.c[j] + i * g;
            self.h[j] = o * self.c[j].tanh();
            logit += m.final_w[j] * self.h[j].max(0.0);
        }
        // The last 64 samples become the next chunk's context.
        self.input.copy_within(CHUNK_16K..n, 0);
        sigmoid(logit)
    }
}

/// Silero VAD for one audio stream at 16 kHz (512-sample frames) or 8 kHz (256-sample frames).
///
/// The safetensors export only has the 16 kHz branch, so 8 kHz input is upsampled with the
/// crate's [`Resampler`] (about 4.4 ms of added delay); the probability returned for an 8 kHz
/// frame is that of the latest complete 16 kHz chunk.
#[derive(Debug)]
pub struct SileroVad {
    state: SileroState,
    sample_rate: u32,
    upsampler: Option<Resampler>,
    pending: Vec<f32>,
    last: f32,
}

impl SileroVad {
    /// Creates a detector for `sample_rate` (8,000 or 16,000 Hz) sharing `model`.
    ///
    /// # Errors
    /// [`Error::UnsupportedRate`] for other rates.
    pub fn new(model: Arc<SileroModel>, sample_rate: u32) -> Result<Self> {
        let upsampler = match sample_rate {
            16_000 => None,
            8_000 => Some(Resampler::new(8_000, 16_000)?),
            other => return Err(Error::UnsupportedRate(other)),
        };
        Ok(Self {
            state: SileroState::new(model),
            sample_rate,
            upsampler,
            pending: Vec::with_capacity(2 * CHUNK_16K),
            last: 0.0,
        })
    }
}

impl VoiceActivityDetector for SileroVad {
    fn sample_rate(&self) -> u32 {
        self.sample_rate
    }

    fn frame_size(&self) -> usize {
        CHUNK_16K * self.sample_rate as usize / 16_000
    }

    fn process(&mut self, frame: &[f32]) -> Result<f32> {
        let expected = self.frame_size();
        if frame.len() != expected {
            return Err(Error::FrameSize {
                expected,
                got: frame.len(),
            });
        }
        let Some(up) = &mut self.upsampler else {
            self.last = self.state.step(frame);
            return Ok(self.last);
        };
        up.process(frame, &mut self.pending);
        let mut used = 0;
        while self.pending.len() - used >= CHUNK_16K {
            self.last = self.state.step(&self.pending[used..used + CHUNK_16K]);
            used += CHUNK_16K;
        }
        self.pending.drain(..used);
        Ok(self.last)
    }

    fn reset(&mut self) {
        self.state.reset();
        if let Some(up) = &mut self.upsampler {
            up.reset();
        }
        self.pending.clear();
        self.last = 0.0;
    }
}
