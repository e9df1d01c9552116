//! A llama-architecture transformer over GGUF weights, with an explicit, reusable KV cache.
//!
//! Adapted from candle-transformers 0.9.2, `src/models/quantized_llama.rs`, Copyright (c) the
//! Candle authors, dual-licensed Apache-2.0 OR MIT (<https://github.com/huggingface/candle>).
//! Changes from the original:
//! - the weights ([`Llama`]) are read-only and shared between conversations, and the attention
//!   keys and values live in a separate [`KvCache`] owned by each conversation; a cache can be
//!   cloned cheaply (candle tensors are immutable and reference counted) and truncated, so a
//!   conversation prefix computed once is reused by later turns;
//! - the causal mask accounts for cached positions, so new tokens can be appended to a cache in
//!   one batched forward (the original assumes a batch always starts at position 0);
//! - grouped-query attention folds the query heads onto their key/value head instead of copying
//!   the keys and values `n_head / n_kv_head` times;
//! - weights in formats that candle only multiplies in scalar code can be re-quantized at load
//!   ([`WeightFormat`]);
//! - mixture-of-experts layers and the GGML loader are gone (no embedded model uses them).

use std::str::FromStr;

use candle_core::quantized::{gguf_file, GgmlDType, QMatMul, QTensor};
use candle_core::{DType, Device, IndexOp, Module, Result, Tensor};

/// How the matrix weights are held in memory.
///
/// candle 0.9 has AVX2 dot products for Q4_0, Q8_0 and the k-quants only; other formats (Q4_1,
/// Q5_0, Q5_1) run in scalar code, about ten times slower. The bench `--bench llm` compares the
/// options on the shipped model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WeightFormat {
    /// Both [`Self::Q8_0`] weights, for decoding one token at a time (memory-bound: fewer bytes
    /// per token win), and f32 copies of the transformer blocks' weights, for evaluating
    /// prompts of [`GEMM_MIN_ROWS`] tokens or more (compute-bound: candle's quantized product
    /// works one row at a time, a blocked f32 matrix product is several times faster). The
    /// fastest, at the price of memory (about 680 MB for SmolLM2-135M). The default.
    #[default]
    Hybrid,
    /// Formats without a SIMD kernel are re-quantized to Q8_0 (near-lossless from 4- or 5-bit
    /// blocks, twice the memory of Q4); the others are kept as stored.
    Q8_0,
    /// Everything dequantized to f32 (four times the memory of Q8_0; prefill uses a blocked f32
    /// matrix product, decoding reads four times more memory per token).
    F32,
    /// As stored in the file.
    Native,
}

impl FromStr for WeightFormat {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s.to_ascii_lowercase().as_str() {
            "hybrid" => Ok(Self::Hybrid),
            "q8_0" | "q8" => Ok(Self::Q8_0),
            "f32" => Ok(Self::F32),
            "native" => Ok(Self::Native),
            other => Err(format!(
                "unknown weight format {other:?} (expected hybrid, q8_0, f32 or native)"
            )),
        }
    }
}

/// Whether candle has a SIMD dot product for `dtype` on x86-64 with AVX2.
fn has_simd_kernel(dtype: GgmlDType) -> bool {
    matches!(
        dtype,
        GgmlDType::F32
            | GgmlDType::F16
            | GgmlDType::BF16
            | GgmlDType::Q4_0
            | GgmlDType::Q8_0
            | GgmlDType::Q2K
            | GgmlDType::Q3K
            | GgmlDType::Q4K
            | GgmlDType::Q5K
            | GgmlDType::Q6K
            | GgmlDType::Q8K
    )
}

/// Batches of at least this many tokens use the f32 weights of [`WeightFormat::Hybrid`].
pub const GEMM_MIN_ROWS: usize = 4;

/// A weight matrix, possibly held twice (see [`WeightFormat::Hybrid`]).
#[derive(Debug)]
struct Linear {
    q: QMatMul,
    dense: Option<Tensor>,
}

impl Linear {
    fn forward(&self, x: &Tensor) -> Result<Tensor> {
        if let Some(w) = &self.dense {
            let rows = x.elem_count() / x.dims().last().copied().unwrap_or(1).max(1);
            if rows >= GEMM_MIN_ROWS {
                let w = match *x.dims() {
                    [b, _, _] => w.broadcast_left(b)?.t()?,
                    _ => w.t()?,
                };
                return x.matmul(&w);
            }
        }
        self.q.forward(x)
    }
}

fn to_q8_0(q: QTensor) -> Result<QTensor> {
    let cols = q.shape().dims().last().copied().unwrap_or(0);
    if has_simd_kernel(q.dtype()) || cols % GgmlDType::Q8_0.block_size() != 0 {
        Ok(q)
    } else {
        QTensor::quantize(&q.dequantize(&Device::Cpu)?, GgmlDType::Q8_0)
    }
}

/// `batched`: the weight also multiplies whole prompts (not only the last position).
fn matmul_weight(q: QTensor, format: WeightFormat, batched: bool) -> Result<Linear> {
    let (q, dense) = match format {
        WeightFormat::Native => (QMatMul::from_qtensor(q)?, None),
        WeightFormat::F32 => (QMatMul::Tensor(q.dequantize(&Device::Cpu)?), None),
        WeightFormat::Q8_0 => (QMatMul::from_qtensor(to_q8_0(q)?)?, None),
        WeightFormat::Hybrid => {
            let dense = if batched {
                Some(q.dequantize(&Device::Cpu)?)
            } else {
                None
            };
            (QMatMul::from_qtensor(to_q8_0(q)?)?, dense)
        }
    };
    Ok(Linear { q, dense })
}

fn rms_norm(x: &Tensor, weight: &Tensor, eps: f32) -> Result<Tensor> {
    candle_nn::ops::rms_norm(x, weight, eps)
}

#[derive(Debug)]
struct Layer {
    wq: Linear,
    wk: Linear,
    wv: Linear,
    wo: Linear,
    attn_norm: Tensor,
    w_gate: Linear,
    w_down: Linear,
    w_up: Linear,
    ffn_norm: Tensor,
}

/// The keys and values of one conversation's tokens, per layer.
///
/// Cloning is cheap (reference-counted tensors that are never written in place), so one cached
/// prefix can seed several conversations.
#[derive(Debug, Clone)]
pub struct KvCache {
    layers: Vec<Option<(Tensor, Tensor)>>,
    len: usize,
}

impl KvCache {
    /// Tokens held.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the cache holds no token.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Keeps only the first `len` tokens (no-op if it holds fewer).
    pub fn truncate(&mut self, len: usize) -> Result<()> {
        if len >= self.len {
            return Ok(());
        }
        for layer in &mut self.layers {
            *layer = match layer.take() {
                Some(_) if len == 0 => None,
                Some((k, v)) => Some((k.narrow(2, 0, len)?, v.narrow(2, 0, len)?)),
                None => None,
            };
        }
        self.len = len;
        Ok(())
    }

    /// A cache that claims `len` tokens without holding any tensor (prefix-cache tests).
    #[cfg(test)]
    pub(crate) fn placeholder(len: usize) -> Self {
        Self {
            layers: vec![None; 2],
            len,
        }
    }
}

/// The model hyper-parameters read from the GGUF metadata.
#[derive(Debug, Clone, Copy)]
pub struct Hparams {
    /// Attention (query) heads.
    pub n_head: usize,
    /// Key/value heads (grouped-query attention when fewer than `n_head`).
    pub n_kv_head: usize,
    /// Transformer blocks.
    pub n_layer: usize,
    /// Width of the residual stream.
    pub n_embd: usize,
    /// Context length.
    pub context: usize,
    /// RMS-norm epsilon.
    pub rms_eps: f32,
}

/// Llama weights, shared read-only by every conversation.
#[derive(Debug)]
pub struct Llama {
    embeddings: Tensor,
    layers: Vec<Layer>,
    norm: Tensor,
    output: Linear,
    cos: Tensor,
    sin: Tensor,
    hp: Hparams,
    head_dim: usize,
}

impl Llama {
    /// Reads the weights of a llama-architecture GGUF.
    pub fn from_gguf<R: std::io::Seek + std::io::Read>(
        ct: &gguf_file::Content,
        reader: &mut R,
        format: WeightFormat,
    ) -> Result<Self> {
        let device = Device::Cpu;
        let md = |s: &str| match ct.metadata.get(s) {
            None => candle_core::bail!("cannot find {s} in metadata"),
            Some(v) => Ok(v),
        };
        let n_head = md("llama.attention.head_count")?.to_u32()? as usize;
        let n_kv_head = md("llama.attention.head_count_kv")?.to_u32()? as usize;
        let n_layer = md("llama.block_count")?.to_u32()? as usize;
        let n_embd = md("llama.embedding_length")?.to_u32()? as usize;
        let rope_dim = md("llama.rope.dimension_count")?.to_u32()? as usize;
        let rms_eps = md("llama.attention.layer_norm_rms_epsilon")?.to_f32()?;
        let rope_base = md("llama.rope.freq_base")
            .and_then(|m| m.to_f32())
            .unwrap_or(10_000.0);
        let context = md("llama.context_length")
            .and_then(|v| v.to_u32())
            .map(|c| c as usize)
            .unwrap_or(2048);
        if n_head == 0 || n_kv_head == 0 || n_head % n_kv_head != 0 || n_embd % n_head != 0 {
            candle_core::bail!("inconsistent head counts {n_head}/{n_kv_head} for width {n_embd}");
        }
        let (cos, sin) = rope_tables(rope_dim, rope_base, context, &device)?;

        let embeddings_q = ct.tensor(reader, "token_embd.weight", &device)?;
        let embeddings = embeddings_q.dequantize(&device)?;
        let norm = ct
            .tensor(reader, "output_norm.weight", &device)?
            .dequantize(&device)?;
        // Tied embeddings: the output projection reuses the embedding matrix.
        let output = match ct.tensor(reader, "output.weight", &device) {
            Ok(t) => t,
            Err(_) => embeddings_q,
        };
        let mut layers = Vec::with_capacity(n_layer);
        for i in 0..n_layer {
            let mut get =
                |name: &str| ct.tensor(reader, &format!("blk.{i}.{name}.weight"), &device);
            layers.push(Layer {
                wq: matmul_weight(get("attn_q")?, format, true)?,
                wk: matmul_weight(get("attn_k")?, format, true)?,
                wv: matmul_weight(get("attn_v")?, format, true)?,
                wo: matmul_weight(get("attn_output")?, format, true)?,
                attn_norm: get("attn_norm")?.dequantize(&Device::Cpu)?,
                w_gate: matmul_weight(get("ffn_gate")?, format, true)?,
                w_down: matmul_weight(get("ffn_down")?, format, true)?,
                w_up: matmul_weight(get("ffn_up")?, format, true)?,
                ffn_norm: get("ffn_norm")?.dequantize(&Device::Cpu)?,
            });
        }
        Ok(Self {
            embeddings,
            layers,
            norm,
            output: matmul_weight(output, format, false)?,
            cos,
            sin,
            hp: Hparams {
                n_head,
                n_kv_head,
                n_layer,
                n_embd,
                context,
                rms_eps,
            },
            head_dim: n_embd / n_head,
        })
    }

    /// The hyper-parameters.
    pub fn hparams(&self) -> Hparams {
        self.hp
    }

    /// An empty cache for a new conversation.
    pub fn new_cache(&self) -> KvCache {
        KvCache {
            layers: vec![None; self.layers.len()],
            len: 0,
        }
    }

    /// Bytes of cached keys and values per token (f32, every layer).
    pub fn kv_bytes_per_token(&self) -> usize {
        self.hp.n_layer * 2 * self.hp.n_kv_head * self.head_dim * std::mem::size_of::<f32>()
    }

    /// Appends `tokens` to the conversation in `cache` and returns the logits (`[vocab]`) that
    /// follow the last of them.
    pub fn forward(&self, tokens: &[u32], cache: &mut KvCache) -> Result<Tensor> {
        let t = tokens.len();
        if t == 0 {
            candle_core::bail!("forward needs at least one token");
        }
        let offset = cache.len;
        if offset + t > self.hp.context {
            candle_core::bail!(
                "{} tokens exceed the context of {}",
                offset + t,
                self.hp.context
            );
        }
        let device = Device::Cpu;
        let ids = Tensor::new(tokens, &device)?;
        let mut x = self.embeddings.index_select(&ids, 0)?.unsqueeze(0)?;
        let mask = if t == 1 {
            None
        } else {
            Some(self.mask(t, offset)?)
        };
        let cos = self.cos.narrow(0, offset, t)?;
        let sin = self.sin.narrow(0, offset, t)?;
        for (layer, slot) in self.layers.iter().zip(cache.layers.iter_mut()) {
            let h = rms_norm(&x, &layer.attn_norm, self.hp.rms_eps)?;
            let attn = self.attention(layer, &h, slot, mask.as_ref(), &cos, &sin)?;
            x = (attn + x)?;
            let h = rms_norm(&x, &layer.ffn_norm, self.hp.rms_eps)?;
            let gate = layer.w_gate.forward(&h)?;
            let up = layer.w_up.forward(&h)?;
            let mlp = layer.w_down.forward(&(gate.silu()? * up)?)?;
            x = (mlp + x)?;
        }
        cache.len = offset + t;
        let x = rms_norm(&x.i((.., t - 1..t, ..))?, &self.norm, self.hp.rms_eps)?;
        self.output.forward(&x)?.flatten_all()
    }

    /// Additive mask `[n_rep * t, offset + t]`: query `i` of the batch (repeated for each head
    /// of a key/value group) sees every cached token and the batch tokens up to itself.
    fn mask(&self, t: usize, offset: usize) -> Result<Tensor> {
        let n_rep = self.hp.n_head / self.hp.n_kv_head;
        let total = offset + t;
        let mut m = vec![0f32; n_rep * t * total];
        for r in 0..n_rep {
            for i in 0..t {
                let row = &mut m[(r * t + i) * total..(r * t + i + 1) * total];
                for v in &mut row[offset + i + 1..] {
                    *v = f32::NEG_INFINITY;
                }
            }
        }
        Tensor::from_vec(m, (n_rep * t, total), &Device::Cpu)
    }

    fn attention(
        &self,
        layer: &Layer,
        x: &Tensor,
        slot: &mut Option<(Tensor, Tensor)>,
        mask: Option<&Tensor>,
        cos: &Tensor,
        sin: &Tensor,
    ) -> Result<Tensor> {
        let (b, t, n_embd) = x.dims3()?;
        let (n_head, n_kv, hd) = (self.hp.n_head, self.hp.n_kv_head, self.head_dim);
        let q = layer
            .wq
            .forward(x)?
            .reshape((b, t, n_head, hd))?
            .transpose(1, 2)?
            .contiguous()?;
        let k = layer
            .wk
            .forward(x)?
            .reshape((b, t, n_kv, hd))?
            .transpose(1, 2)?
            .contiguous()?;
        let v = layer
            .wv
            .forward(x)?
            .reshape((b, t, n_kv, hd))?
            .transpose(1, 2)?
            .contiguous()?;
        let q = candle_nn::rotary_emb::rope_i(&q, cos, sin)?;
        let k = candle_nn::rotary_emb::rope_i(&k, cos, sin)?;
        let (k, v) = match slot.take() {
            None => (k, v),
            Some((kc, vc)) => (Tensor::cat(&[&kc, &k], 2)?, Tensor::cat(&[&vc, &v], 2)?),
        };
        *slot = Some((k.clone(), v.clone()));

        // Query heads `g * n_rep .. (g + 1) * n_rep` share key/value head `g`: fold them into the
        // row dimension so one matrix product per group serves them all, without copying K/V.
        let n_rep = n_head / n_kv;
        let q = q.reshape((b, n_kv, n_rep * t, hd))?;
        let scale = 1.0 / (hd as f64).sqrt();
        let att = (q.matmul(&k.t()?)? * scale)?;
        let att = match mask {
            None => att,
            Some(m) => att.broadcast_add(m)?,
        };
        let att = candle_nn::ops::softmax_last_dim(&att)?;
        let y = att.matmul(&v)?; // [b, n_kv, n_rep * t, hd]
        let y = y
            .reshape((b, n_head, t, hd))?
            .transpose(1, 2)?
            .reshape((b, t, n_embd))?;
        layer.wo.forward(&y)
    }
}

fn rope_tables(dim: usize, base: f32, len: usize, device: &Device) -> Result<(Tensor, Tensor)> {
    let theta: Vec<f32> = (0..dim)
        .step_by(2)
        .map(|i| 1.0 / base.powf(i as f32 / dim as f32))
        .collect();
    let theta = Tensor::new(theta.as_slice(), device)?;
    let idx = Tensor::arange(0, len as u32, device)?
        .to_dtype(DType::F32)?
        .reshape((len, 1))?
        .matmul(&theta.reshape((1, theta.elem_count()))?)?;
    Ok((idx.cos()?, idx.sin()?))
}

/// The argmax of `logits` (tests; generation uses the sampler).
#[cfg(test)]
pub(crate) fn argmax(logits: &Tensor) -> Result<u32> {
    logits.argmax(candle_core::D::Minus1)?.to_scalar::<u32>()
}
