#!/usr/bin/env bash
# Regenerates the small audio fixtures checked into crates/audio/tests/fixtures.
# Needs espeak-ng and sox (Debian packages). Deterministic for a given espeak-ng version.
set -euo pipefail
cd "$(dirname "$0")/../tests/fixtures"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
espeak-ng -v en-us -s 160 -w "$tmp/speech.wav" "Hello, this is a short test of the voice detector."
# 0.5 s silence before, 0.6 s after, 16 kHz mono 16-bit.
sox "$tmp/speech.wav" -r 16000 -c 1 -b 16 speech16k.wav pad 0.5 0.6
# A second clip: another voice, with white noise mixed in (sox -m halves both; -R: repeatable).
espeak-ng -v en-us+f3 -s 175 -w "$tmp/speech2.wav" "Please call me back tomorrow at nine."
sox "$tmp/speech2.wav" -r 16000 -c 1 -b 16 "$tmp/speech2_16k.wav" pad 0.3 0.4
sox -R "$tmp/speech2_16k.wav" -p synth whitenoise vol 0.02 | sox -R -m "$tmp/speech2_16k.wav" - -b 16 noisy16k.wav
# Reference probabilities (needs a venv with onnxruntime numpy onnx; see silero_reference.py).
if [ -n "${SILERO_ONNX:-}" ] && [ -n "${SILERO_WEIGHTS:-}" ]; then
  py=${PYTHON:-python3}
  for clip in speech16k noisy16k; do
    "$py" ../../tools/silero_reference.py run "$SILERO_ONNX" "$clip.wav" --weights "$SILERO_WEIGHTS" > "$clip.silero_ort.txt"
  done
fi
