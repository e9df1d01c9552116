#!/usr/bin/env python3
"""Reference side of the STT comparison: faster-whisper (int8, greedy, N threads).

Usage: compare_faster_whisper.py CLIPS_DIR MODEL_DIR [--threads 2] [--sets 16k 8k] [--long]

CLIPS_DIR is what gen_clips.sh writes. Prints, per clip set, one line of JSON with the total
wall time of transcribing every clip (the model loaded once, beforehand), the audio duration,
the real-time factor and the word error rate against refs.tsv, normalised the same way as the
Rust side (lower case, punctuation removed, small numbers spelled out).
Install: python3 -m venv venv && venv/bin/pip install faster-whisper
"""
import argparse
import json
import re
import sys
import time
import wave
from pathlib import Path

import numpy as np
from faster_whisper import WhisperModel

NUMBERS = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty".split()


def normalise(text):
    words = re.sub(r"[^a-z0-9' ]+", " ", text.lower().replace("-", " ")).split()
    out = []
    for w in words:
        w = w.strip("'")
        if w.isdigit() and int(w) <= 20:
            w = NUMBERS[int(w)]
        if w:
            out.append(w)
    return out


def edit_distance(a, b):
    prev = list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, y in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x != y))
        prev = cur
    return prev[-1]


def read_wav(path):
    with wave.open(str(path)) as w:
        assert w.getframerate() == 16000 and w.getnchannels() == 1 and w.getsampwidth() == 2
        data = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
    return data.astype(np.float32) / 32768.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("clips")
    ap.add_argument("model")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--sets", nargs="+", default=["16k", "8k"])
    ap.add_argument("--compute-type", default="int8")
    ap.add_argument("--long", action="store_true", help="also time long16k.wav")
    args = ap.parse_args()
    clips = Path(args.clips)
    refs = dict(line.rstrip("\n").split("\t", 1) for line in open(clips / "refs.tsv"))

    t0 = time.perf_counter()
    model = WhisperModel(args.model, device="cpu", compute_type=args.compute_type,
                         cpu_threads=args.threads, num_workers=1)
    load_s = time.perf_counter() - t0
    print(json.dumps({"engine": "faster-whisper", "load_s": round(load_s, 3)}))

    def transcribe(audio):
        segments, _ = model.transcribe(audio, beam_size=1, language="en")
        return " ".join(s.text.strip() for s in segments)

    # Warm-up, outside the measurement.
    transcribe(read_wav(sorted((clips / "16k").glob("*.wav"))[0]))
    for name in args.sets:
        files = sorted((clips / name).glob("*.wav"))
        audios = [(f.stem, read_wav(f)) for f in files]
        errors = words = 0
        start, cpu = time.perf_counter(), time.process_time()
        hyps = [(stem, transcribe(a)) for stem, a in audios]
        total, cpu = time.perf_counter() - start, time.process_time() - cpu
        for stem, hyp in hyps:
            ref = normalise(refs[stem])
            errors += edit_distance(ref, normalise(hyp))
            words += len(ref)
        audio_s = sum(len(a) for _, a in audios) / 16000
        print(json.dumps({"engine": "faster-whisper", "set": name, "clips": len(audios),
                          "audio_s": round(audio_s, 2), "total_s": round(total, 3),
                          "rtf": round(total / audio_s, 4), "cpu_s": round(cpu, 2),
                          "wer_pct": round(100 * errors / max(words, 1), 2)}))
        sys.stdout.flush()
    if args.long:
        audio = read_wav(clips / "long16k.wav")
        start, cpu = time.perf_counter(), time.process_time()
        transcribe(audio)
        total, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(json.dumps({"engine": "faster-whisper", "set": "long16k",
                          "audio_s": round(len(audio) / 16000, 2), "total_s": round(total, 3),
                          "rtf": round(total / (len(audio) / 16000), 4), "cpu_s": round(cpu, 2)}))


if __name__ == "__main__":
    main()
