//! The Whisper network (encoder and decoder) on candle tensors, loaded from CTranslate2 weights.
//!
//! Two departures from a plain port, both for latency on short utterances:
//! - the encoder accepts any number of mel frames up to 3000 and slices the positional
//!   embeddings accordingly (whisper.cpp's `audio_ctx`), so a 4 s utterance is not padded to 30 s;
//! - the decoder keeps a self-attention KV cache per layer and computes the cross-attention keys
//!   and values once per utterance.

use candle_core::{DType, Device, Tensor};

use super::ct2::Ct2Model;
use super::kernels::{self_attention, FastGelu};
use super::quant::QuantMatrix;
use crate::{Error, Result};

pub(crate) fn inf(e: candle_core::Error) -> Error {
    Error::Inference(e.to_string())
}

/// A dense layer with its weight stored transposed (`[in, out]`) for `x @ W^T`.
#[derive(Debug)]
struct Linear {
    wt: Tensor,
    b: Option<Tensor>,
}

impl Linear {
    fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let y = x.matmul(&self.wt).map_err(inf)?;
        match &self.b {
            Some(b) => y.broadcast_add(b).map_err(inf),
            None => Ok(y),
        }
    }
}

#[derive(Debug)]
struct LayerNorm {
    gamma: Tensor,
    beta: Tensor,
}

impl LayerNorm {
    fn forward(&self, x: &Tensor) -> Result<Tensor> {
        candle_nn::ops::layer_norm(x, &self.gamma, &self.beta, 1e-5).map_err(inf)
    }
}

#[derive(Debug)]
struct Ffn {
    ln: LayerNorm,
    fc1: Linear,
    fc2: Linear,
}

impl Ffn {
    fn forward(&self, x: &Tensor) -> Result<Tensor> {
        let h = self
            .fc1
            .forward(&self.ln.forward(x)?)?
            .apply_op1_no_bwd(&FastGelu)
            .map_err(inf)?;
        self.fc2.forward(&h)
    }
}

#[derive(Debug)]
struct EncoderLayer {
    ln: LayerNorm,
    qkv: Linear,
    out: Linear,
    ffn: Ffn,
}

#[derive(Debug)]
struct DecoderLayer {
    self_ln: LayerNorm,
    self_qkv: Linear,
    self_out: Linear,
    cross_ln: LayerNorm,
    cross_q: Linear,
    cross_kv: Linear,
    cross_out: Linear,
    ffn: Ffn,
}

/// Model weights; immutable after loading, shared by all concurrent transcriptions.
#[derive(Debug)]
pub(crate) struct Whisper {
    conv1_w: Tensor,
    conv1_b: Tensor,
    conv2_w: Tensor,
    conv2_b: Tensor,
    enc_pos: Tensor,
    enc_layers: Vec<EncoderLayer>,
    enc_ln: LayerNorm,
    tok_emb: Tensor,
    dec_pos: Tensor,
    dec_layers: Vec<DecoderLayer>,
    dec_ln: LayerNorm,
    logits: QuantMatrix,
    n_head: usize,
    d_model: usize,
    /// Maximum mel frames (3000) and decoder positions (448).
    pub max_frames: usize,
    pub max_positions: usize,
}

/// Per-utterance decoder state: the cross-attention K/V and the growing self-attention cache.
#[derive(Debug)]
pub(crate) struct DecoderState {
    cross: Vec<(Tensor, Tensor)>,
    cache: Vec<Option<(Tensor, Tensor)>>,
    /// Number of positions already in the cache.
    pub offset: usize,
}

struct Loader<'a> {
    ct2: &'a Ct2Model,
    dev: &'a Device,
}

impl Loader<'_> {
    fn tensor(&self, name: &str) -> Result<Tensor> {
        let (data, shape) = self.ct2.f32(name)?;
        Tensor::from_vec(data, shape, self.dev).map_err(inf)
    }
    fn linear(&self, prefix: &str) -> Result<Linear> {
        let w = self.tensor(&format!("{prefix}/weight"))?;
        let wt = w.t().and_then(|t| t.contiguous()).map_err(inf)?;
        let b = self.tensor(&format!("{prefix}/bias")).ok();
        Ok(Linear { wt, b })
    }
    fn ln(&self, prefix: &str) -> Result<LayerNorm> {
        Ok(LayerNorm {
            gamma: self.tensor(&format!("{prefix}/gamma"))?,
            beta: self.tensor(&format!("{prefix}/beta"))?,
        })
    }
    fn ffn(&self, prefix: &str) -> Result<Ffn> {
        Ok(Ffn {
            ln: self.ln(&format!("{prefix}/layer_norm"))?,
            fc1: self.linear(&format!("{prefix}/linear_0"))?,
            fc2: self.linear(&format!("{prefix}/linear_1"))?,
        })
    }
}

fn count_layers(ct2: &Ct2Model, prefix: &str) -> usize {
    (0..)
        .take_while(|i| {
            ct2.f32(&format!("{prefix}/layer_{i}/ffn/layer_norm/gamma"))
                .is_ok()
        })
        .count()
}

impl Whisper {
    pub fn load(ct2: &Ct2Model) -> Result<Self> {
        if ct2.spec != "WhisperSpec" {
            return Err(Error::ModelInvalid(format!(
                "model.bin holds a {} model, expected WhisperSpec",
                ct2.spec
            )));
        }
        let dev = Device::Cpu;
        let l = Loader { ct2, dev: &dev };
        let n_head = usize::try_from(ct2.scalar_int("encoder/num_heads")?)
            .map_err(|_| Error::ModelInvalid("negative head count".into()))?;
        let mut enc_layers = Vec::new();
        for i in 0..count_layers(ct2, "encoder") {
            let p = format!("encoder/layer_{i}");
            enc_layers.push(EncoderLayer {
                ln: l.ln(&format!("{p}/self_attention/layer_norm"))?,
                qkv: l.linear(&format!("{p}/self_attention/linear_0"))?,
                out: l.linear(&format!("{p}/self_attention/linear_1"))?,
                ffn: l.ffn(&format!("{p}/ffn"))?,
            });
        }
        let mut dec_layers = Vec::new();
        for i in 0..count_layers(ct2, "decoder") {
            let p = format!("decoder/layer_{i}");
            dec_layers.push(DecoderLayer {
                self_ln: l.ln(&format!("{p}/self_attention/layer_norm"))?,
                self_qkv: l.linear(&format!("{p}/self_attention/linear_0"))?,
                self_out: l.linear(&format!("{p}/self_attention/linear_1"))?,
                cross_ln: l.ln(&format!("{p}/attention/layer_norm"))?,
                cross_q: l.linear(&format!("{p}/attention/linear_0"))?,
                cross_kv: l.linear(&format!("{p}/attention/linear_1"))?,
                cross_out: l.linear(&format!("{p}/attention/linear_2"))?,
                ffn: l.ffn(&format!("{p}/ffn"))?,
            });
        }
        if enc_layers.is_empty() || dec_layers.is_empty() {
            return Err(Error::ModelInvalid("model.bin has no layers".into()));
        }
        let (emb, emb_shape) = ct2.f32("decoder/embeddings/weight")?;
        let [n_vocab, d_model] = emb_shape[..] else {
            return Err(Error::ModelInvalid("embedding is not 2-D".into()));
        };
        if d_model % n_head != 0 {
            return Err(Error::ModelInvalid("d_model not divisible by heads".into()));
        }
        let logits = QuantMatrix::new(&emb, n_vocab, d_model);
        let tok_emb = Tensor::from_vec(emb, (n_vocab, d_model), &dev).map_err(inf)?;
        let enc_pos = l.tensor("encoder/position_encodings/encodings")?;
        let dec_pos = l.tensor("decoder/position_encodings/encodings")?;
        let max_frames = enc_pos.dim(0).map_err(inf)? * 2;
        let max_positions = dec_pos.dim(0).map_err(inf)?;
        Ok(Self {
            conv1_w: l.tensor("encoder/conv1/weight")?,
            conv1_b: l
                .tensor("encoder/conv1/bias")?
                .reshape((1, (), 1))
                .map_err(inf)?,
            conv2_w: l.tensor("encoder/conv2/weight")?,
            conv2_b: l
                .tensor("encoder/conv2/bias")?
                .reshape((1, (), 1))
                .map_err(inf)?,
            enc_pos,
            enc_layers,
            enc_ln: l.ln("encoder/layer_norm")?,
            tok_emb,
            dec_pos,
            dec_layers,
            dec_ln: l.ln("decoder/layer_norm")?,
            logits,
            n_head,
            d_model,
            max_frames,
            max_positions,
        })
    }

    pub fn vocab_size(&self) -> usize {
        self.logits.rows()
    }

    fn heads(&self, x: &Tensor, batch: usize, len: usize) -> Result<Tensor> {
        // [batch*len, d] -> [batch, heads, len, d_head]
        x.reshape((batch, len, self.n_head, self.d_model / self.n_head))
            .and_then(|t| t.transpose(1, 2))
            .and_then(|t| t.contiguous())
            .map_err(inf)
    }

    fn merge(&self, x: &Tensor, batch: usize, len: usize) -> Result<Tensor> {
        // [batch, heads, len, d_head] -> [batch*len, d]
        x.transpose(1, 2)
            .and_then(|t| t.reshape((batch * len, self.d_model)))
            .map_err(inf)
    }

    fn attend(&self, q: &Tensor, k: &Tensor, v: &Tensor, mask: Option<&Tensor>) -> Result<Tensor> {
        let scale = 1.0 / ((self.d_model / self.n_head) as f64).sqrt();
        let kt = k.transpose(2, 3).map_err(inf)?;
        let mut w = (q.matmul(&kt).map_err(inf)? * scale).map_err(inf)?;
        if let Some(m) = mask {
            w = w.broadcast_add(m).map_err(inf)?;
        }
        let w = candle_nn::ops::softmax_last_dim(&w).map_err(inf)?;
        w.matmul(v).map_err(inf)
    }

    /// Encodes `[80, n_frames]` log-mel (row-major) into `[n_frames/2, d_model]` audio features.
    pub fn encode(&self, mel: &[f32], n_frames: usize) -> Result<Tensor> {
        if n_frames == 0 || n_frames > self.max_frames || n_frames % 2 != 0 {
            return Err(Error::InvalidInput(format!(
                "{n_frames} mel frames (need an even count up to {})",
                self.max_frames
            )));
        }
        let x = Tensor::from_slice(mel, (1, 80, n_frames), &Device::Cpu).map_err(inf)?;
        let x = x
            .conv1d(&self.conv1_w, 1, 1, 1, 1)
            .and_then(|t| t.broadcast_add(&self.conv1_b))
            .and_then(|t| t.apply_op1_no_bwd(&FastGelu))
            .and_then(|t| t.conv1d(&self.conv2_w, 1, 2, 1, 1))
            .and_then(|t| t.broadcast_add(&self.conv2_b))
            .and_then(|t| t.apply_op1_no_bwd(&FastGelu))
            .map_err(inf)?;
        let ctx = n_frames / 2;
        // [1, d, ctx] -> [ctx, d], plus the first `ctx` positional embeddings.
        let mut x = x
            .squeeze(0)
            .and_then(|t| t.t())
            .and_then(|t| t.broadcast_add(&self.enc_pos.narrow(0, 0, ctx)?))
            .map_err(inf)?;
        for layer in &self.enc_layers {
            let h = layer.ln.forward(&x)?;
            let qkv = layer
                .qkv
                .forward(&h)?
                .flatten_all()
                .and_then(|t| t.to_vec1::<f32>())
                .map_err(inf)?;
            let a = self_attention(&qkv, ctx, self.d_model, self.n_head)?;
            let a = Tensor::from_vec(a, (ctx, self.d_model), &Device::Cpu).map_err(inf)?;
            x = (x + layer.out.forward(&a)?).map_err(inf)?;
            x = (&x + layer.ffn.forward(&x)?).map_err(inf)?;
        }
        self.enc_ln.forward(&x)
    }

    /// Precomputes the cross-attention keys and values for one encoded utterance.
    pub fn start(&self, audio: &Tensor) -> Result<DecoderState> {
        let ctx = audio.dim(0).map_err(inf)?;
        let d = self.d_model;
        let mut cross = Vec::with_capacity(self.dec_layers.len());
        for layer in &self.dec_layers {
            let kv = layer.cross_kv.forward(audio)?;
            let k = self.heads(&kv.narrow(1, 0, d).map_err(inf)?, 1, ctx)?;
            let v = self.heads(&kv.narrow(1, d, d).map_err(inf)?, 1, ctx)?;
            cross.push((k, v));
        }
        Ok(DecoderState {
            cross,
            cache: vec![None; self.dec_layers.len()],
            offset: 0,
        })
    }

    /// Feeds `tokens` (`batch` rows of `len` tokens each, row-major) and returns the logits of
    /// the last position of each row, `[batch * vocab]`.
    pub fn decode(
        &self,
        state: &mut DecoderState,
        tokens: &[u32],
        batch: usize,
        threads: usize,
    ) -> Result<Vec<f32>> {
        let len = tokens.len() / batch.max(1);
        if batch == 0 || len == 0 || len * batch != tokens.len() {
            return Err(Error::Inference("bad decoder batch".into()));
        }
        if batch > 1 && len > 1 {
            return Err(Error::Inference("multi-token steps need batch 1".into()));
        }
        if state.offset + len > self.max_positions {
            return Err(Error::Inference("decoder context is full".into()));
        }
        let dev = Device::Cpu;
        let ids = Tensor::from_slice(tokens, tokens.len(), &dev).map_err(inf)?;
        let pos = self
            .dec_pos
            .narrow(0, state.offset, len)
            .and_then(|p| p.repeat((batch, 1)))
            .map_err(inf)?;
        let mut x = self
            .tok_emb
            .index_select(&ids, 0)
            .and_then(|e| e + pos)
            .map_err(inf)?;
        let total = state.offset + len;
        let offset = state.offset;
        let mask = if len > 1 {
            let m: Vec<f32> = (0..len)
                .flat_map(|i| {
                    (0..total).map(move |j| {
                        if j > offset + i {
                            f32::NEG_INFINITY
                        } else {
                            0.0
                        }
                    })
                })
                .collect();
            Some(Tensor::from_vec(m, (len, total), &dev).map_err(inf)?)
        } else {
            None
        };
        let d = self.d_model;
        for (i, layer) in self.dec_layers.iter().enumerate() {
            // Self-attention with the cache.
            let h = layer.self_ln.forward(&x)?;
            let qkv = layer.self_qkv.forward(&h)?;
            let q = self.heads(&qkv.narrow(1, 0, d).map_err(inf)?, batch, len)?;
            let k = self.heads(&qkv.narrow(1, d, d).map_err(inf)?, batch, len)?;
            let v = self.heads(&qkv.narrow(1, 2 * d, d).map_err(inf)?, batch, len)?;
            let (k, v) = match state.cache[i].take() {
                Some((pk, pv)) => (
                    Tensor::cat(&[&pk, &k], 2).map_err(inf)?,
                    Tensor::cat(&[&pv, &v], 2).map_err(inf)?,
                ),
                None => (k, v),
            };
            let a = self.attend(&q, &k, &v, mask.as_ref())?;
            state.cache[i] = Some((k, v));
            x = (x + layer.self_out.forward(&self.merge(&a, batch, len)?)?).map_err(inf)?;

            // Cross-attention: beams share the audio, so for batch > 1 (one token each) the
            // beams are laid out as query rows of a single batch entry.
            let h = layer.cross_ln.forward(&x)?;
            let q = layer.cross_q.forward(&h)?;
            let (ck, cv) = &state.cross[i];
            let a = if batch == 1 {
                let q = self.heads(&q, 1, len)?;
                self.merge(&self.attend(&q, ck, cv, None)?, 1, len)?
            } else {
                let q = self.heads(&q, 1, batch)?;
                self.merge(&self.attend(&q, ck, cv, None)?, 1, batch)?
            };
            x = (x + layer.cross_out.forward(&a)?).map_err(inf)?;
            x = (&x + layer.ffn.forward(&x)?).map_err(inf)?;
        }
        state.offset = total;
        let x = self.dec_ln.forward(&x)?;
        // Only the last position of each row is needed.
        let last = x
            .reshape((batch, len, d))
            .and_then(|t| t.narrow(1, len - 1, 1))
            .and_then(|t| t.reshape((batch, d)))
            .and_then(|t| t.to_dtype(DType::F32))
            .and_then(|t| t.flatten_all())
            .and_then(|t| t.to_vec1::<f32>())
            .map_err(inf)?;
        Ok(self.logits.matvec(&last, threads))
    }

    /// Keeps the cache rows of the given beams (in order), after a beam-search step.
    pub fn reorder(&self, state: &mut DecoderState, beams: &[u32]) -> Result<()> {
        let idx = Tensor::from_slice(beams, beams.len(), &Device::Cpu).map_err(inf)?;
        for entry in &mut state.cache {
            if let Some((k, v)) = entry.take() {
                *entry = Some((
                    k.index_select(&idx, 0).map_err(inf)?,
                    v.index_select(&idx, 0).map_err(inf)?,
                ));
            }
        }
        Ok(())
    }
}
