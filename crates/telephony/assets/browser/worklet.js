// AudioWorklet processors for the Voxgate browser voice page.
//
// "vg-capture": microphone at the context rate -> 16 kHz PCM16 in 20 ms frames (320 samples),
// posted to the main thread. Resampling is a windowed-sinc interpolator whose cutoff sits below
// the 8 kHz Nyquist of the output (so it is also the anti-aliasing low-pass), evaluated at
// arbitrary fractional positions: it handles 48 kHz, 44.1 kHz or any other device rate, and keeps
// its history across render quanta so frames join without clicks.
//
// "vg-playback": 16 kHz PCM16 frames from the server -> context rate through the same kind of
// interpolator, behind a small jitter buffer (starts once `targetMs` is buffered, re-buffers after
// an underrun, drops everything on "clear").

const OUT_RATE = 16000;
const FRAME = 320; // 20 ms at 16 kHz

// Kaiser window, beta ~8.6 (about 80 dB stopband), via the series for I0.
function besselI0(x) {
  let sum = 1, term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 30; k++) {
    term *= q / (k * k);
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

// A polyphase table of a windowed-sinc low-pass: `phases` sub-sample positions, `taps` taps
// each. `cutoff` is in cycles per input sample (0.5 = input Nyquist).
function designKernel(cutoff, halfTaps, phases) {
  const taps = 2 * halfTaps;
  const beta = 8.6;
  const i0b = besselI0(beta);
  const table = new Float32Array((phases + 1) * taps);
  for (let p = 0; p <= phases; p++) {
    const frac = p / phases;
    let sum = 0;
    for (let k = 0; k < taps; k++) {
      const x = k - (halfTaps - 1) - frac; // distance from the interpolation point
      const t = x / halfTaps;
      const w = Math.abs(t) >= 1 ? 0 : besselI0(beta * Math.sqrt(1 - t * t)) / i0b;
      const s = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
      table[p * taps + k] = s * w;
      sum += s * w;
    }
    // Unity gain at DC for every phase.
    for (let k = 0; k < taps; k++) table[p * taps + k] /= sum;
  }
  return { table, taps, halfTaps, phases };
}

// Streaming fractional resampler: push input blocks, pull output samples.
class Resampler {
  constructor(inRate, outRate) {
    this.step = inRate / outRate; // input samples per output sample
    // Cutoff at 90% of the lower Nyquist, in cycles per input sample.
    const cutoff = (0.45 * Math.min(inRate, outRate)) / inRate;
    // Enough taps to keep the transition band narrow at the lower rate.
    const halfTaps = Math.max(8, Math.ceil(16 * Math.max(1, this.step)));
    this.k = designKernel(cutoff, halfTaps, 256);
    this.buf = new Float32Array(8192);
    this.len = 0; // valid samples in buf
    this.pos = halfTaps - 1; // next output position, in input samples from buf[0]
    this.buf.fill(0, 0, halfTaps); // start from silence, not a click
    this.len = halfTaps;
  }

  push(input) {
    if (this.len + input.length > this.buf.length) {
      const bigger = new Float32Array(Math.max(this.buf.length * 2, this.len + input.length));
      bigger.set(this.buf.subarray(0, this.len));
      this.buf = bigger;
    }
    this.buf.set(input, this.len);
    this.len += input.length;
  }

  // Writes as many output samples as the buffered input allows into `out` (a plain array).
  pull(out) {
    const { table, taps, halfTaps, phases } = this.k;
    while (this.pos + halfTaps < this.len) {
      const base = Math.floor(this.pos);
      const frac = this.pos - base;
      const p = Math.round(frac * phases);
      const row = p * taps;
      const start = base - (halfTaps - 1);
      let acc = 0;
      for (let k = 0; k < taps; k++) acc += this.buf[start + k] * table[row + k];
      out.push(acc);
      this.pos += this.step;
    }
    // Drop consumed history, keeping what the next outputs still need.
    const keepFrom = Math.floor(this.pos) - (halfTaps - 1);
    if (keepFrom > 0) {
      this.buf.copyWithin(0, keepFrom, this.len);
      this.len -= keepFrom;
      this.pos -= keepFrom;
    }
  }
}

function toPcm16(x) {
  const v = Math.max(-1, Math.min(1, x));
  return v < 0 ? Math.round(v * 32768) : Math.round(v * 32767);
}

class CaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.rs = new Resampler(sampleRate, OUT_RATE);
    this.pending = [];
    this.frame = new Int16Array(FRAME);
    this.fill = 0;
    this.running = true;
    this.port.onmessage = (e) => {
      if (e.data === 'stop') this.running = false;
    };
  }

  process(inputs) {
    const ch = inputs[0] && inputs[0][0];
    if (ch && ch.length) {
      this.rs.push(ch);
      this.pending.length = 0;
      this.rs.pull(this.pending);
      for (const s of this.pending) {
        this.frame[this.fill++] = toPcm16(s);
        if (this.fill === FRAME) {
          const out = this.frame;
          this.port.postMessage(out.buffer, [out.buffer]);
          this.frame = new Int16Array(FRAME);
          this.fill = 0;
        }
      }
    }
    return this.running;
  }
}

class PlaybackProcessor extends AudioWorkletProcessor {
  constructor(options) {
    super();
    const opts = (options && options.processorOptions) || {};
    this.targetMs = opts.targetMs || 60;
    this.rs = new Resampler(OUT_RATE, sampleRate);
    this.queue = []; // Float32Array chunks at the context rate
    this.queued = 0; // samples in queue
    this.head = 0; // read offset in queue[0]
    this.playing = false;
    this.tmp = [];
    this.played = 0;
    this.underruns = 0;
    this.running = true;
    this.port.onmessage = (e) => {
      const d = e.data;
      if (d === 'clear') {
        this.queue = [];
        this.queued = 0;
        this.head = 0;
        this.playing = false;
        this.rs = new Resampler(OUT_RATE, sampleRate);
      } else if (d === 'stop') {
        this.running = false;
      } else if (d instanceof ArrayBuffer) {
        const pcm = new Int16Array(d);
        const f = new Float32Array(pcm.length);
        for (let i = 0; i < pcm.length; i++) f[i] = pcm[i] / 32768;
        this.rs.push(f);
        this.tmp.length = 0;
        this.rs.pull(this.tmp);
        if (this.tmp.length) {
          this.queue.push(Float32Array.from(this.tmp));
          this.queued += this.tmp.length;
        }
      }
    };
  }

  process(_inputs, outputs) {
    const out = outputs[0][0];
    if (!out) return this.running;
    const target = (this.targetMs / 1000) * sampleRate;
    if (!this.playing && this.queued >= target) this.playing = true;
    let i = 0;
    if (this.playing) {
      while (i < out.length && this.queue.length) {
        const chunk = this.queue[0];
        const n = Math.min(out.length - i, chunk.length - this.head);
        out.set(chunk.subarray(this.head, this.head + n), i);
        i += n;
        this.head += n;
        this.queued -= n;
        if (this.head === chunk.length) {
          this.queue.shift();
          this.head = 0;
        }
      }
      this.played += i;
      if (i < out.length) {
        // Underrun: play silence and wait for the buffer to refill.
        this.playing = false;
        this.underruns++;
      }
    }
    out.fill(0, i);
    for (let c = 1; c < outputs[0].length; c++) outputs[0][c].set(out);
    if ((currentFrame & 0x1fff) < out.length) {
      this.port.postMessage({ played: this.played, underruns: this.underruns, queued: this.queued });
    }
    return this.running;
  }
}

registerProcessor('vg-capture', CaptureProcessor);
registerProcessor('vg-playback', PlaybackProcessor);
