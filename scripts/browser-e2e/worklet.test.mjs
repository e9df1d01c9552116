// Checks the page's AudioWorklet resampler (crates/telephony/assets/browser/worklet.js) in
// Node: a real anti-aliasing low-pass (not naive decimation) from 48 kHz and 44.1 kHz to 16 kHz,
// unity gain in the voice band, continuity across render quanta, and the 16 kHz -> 48 kHz path.
//
// run: node --test scripts/browser-e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import vm from 'node:vm';

const src = readFileSync(
  new URL('../../crates/telephony/assets/browser/worklet.js', import.meta.url),
  'utf8',
);
const ctx = {
  AudioWorkletProcessor: class {},
  registerProcessor: () => {},
  sampleRate: 48000,
  currentFrame: 0,
  Math,
  Float32Array,
  Int16Array,
};
vm.createContext(ctx);
vm.runInContext(`${src}\nthis.Resampler = Resampler;`, ctx);
const { Resampler } = ctx;

// Feeds a sine of `freq` Hz at `inRate` through the resampler in 128-sample quanta (as the
// audio thread does) and returns the RMS of the steady-state output.
function rmsThrough(inRate, outRate, freq, seconds = 0.5) {
  const rs = new Resampler(inRate, outRate);
  const n = Math.floor(inRate * seconds);
  const out = [];
  for (let start = 0; start < n; start += 128) {
    const block = new Float32Array(Math.min(128, n - start));
    for (let i = 0; i < block.length; i++) {
      block[i] = 0.5 * Math.sin((2 * Math.PI * freq * (start + i)) / inRate);
    }
    rs.push(block);
    rs.pull(out);
  }
  const steady = out.slice(Math.floor(out.length / 4));
  const rms = Math.sqrt(steady.reduce((a, v) => a + v * v, 0) / steady.length);
  return { rms, count: out.length };
}

const inputRms = 0.5 / Math.SQRT2;
const db = (r) => 20 * Math.log10(r / inputRms);

for (const inRate of [48000, 44100]) {
  test(`capture ${inRate} -> 16000 keeps the voice band`, () => {
    for (const f of [300, 1000, 3400, 6000]) {
      const { rms, count } = rmsThrough(inRate, 16000, f);
      assert.ok(Math.abs(db(rms)) < 0.5, `${f} Hz: ${db(rms).toFixed(2)} dB`);
      // The right number of output samples: 16 kHz for 0.5 s, give or take the filter delay.
      assert.ok(Math.abs(count - 8000) < 40, `count ${count}`);
    }
  });

  test(`capture ${inRate} -> 16000 rejects what would alias`, () => {
    // Naive decimation folds these straight into the band; the low-pass must remove them.
    for (const f of [9000, 12000, 15000, 20000]) {
      const { rms } = rmsThrough(inRate, 16000, f);
      assert.ok(db(rms) < -50, `${f} Hz leaks at ${db(rms).toFixed(1)} dB`);
    }
  });
}

test('playback 16000 -> 48000 is transparent in band and free of images', () => {
  for (const f of [300, 1000, 3400, 6000]) {
    const { rms } = rmsThrough(16000, 48000, f);
    assert.ok(Math.abs(db(rms)) < 0.5, `${f} Hz: ${db(rms).toFixed(2)} dB`);
  }
  // A 1 kHz tone upsampled must not carry its 15 kHz / 17 kHz images: measure them with a
  // single-bin DFT.
  const rs = new Resampler(16000, 48000);
  const out = [];
  const block = new Float32Array(1600);
  for (let i = 0; i < block.length; i++) block[i] = 0.5 * Math.sin((2 * Math.PI * 1000 * i) / 16000);
  rs.push(block);
  rs.pull(out);
  const steady = out.slice(600, 4200);
  const bin = (f) => {
    let re = 0, im = 0;
    steady.forEach((v, i) => {
      re += v * Math.cos((2 * Math.PI * f * i) / 48000);
      im -= v * Math.sin((2 * Math.PI * f * i) / 48000);
    });
    return Math.hypot(re, im);
  };
  const signal = bin(1000);
  for (const img of [15000, 17000]) {
    assert.ok(20 * Math.log10(bin(img) / signal) < -50, `image at ${img} Hz`);
  }
});
