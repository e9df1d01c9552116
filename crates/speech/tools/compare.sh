#!/bin/sh
# Side-by-side STT comparison: Voxgate's Whisper vs faster-whisper (int8, greedy), same clips
# (16 kHz and 8 kHz mu-law telephone, 3-10 s utterances), same thread count.
#   tools/compare.sh [CLIPS_DIR] [THREADS]
# Needs espeak-ng, sox, and a venv with faster-whisper: set FW_PYTHON (default
# /work/fw-venv/bin/python; create one with `python3 -m venv V && V/bin/pip install faster-whisper`).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
clips=${1:-${TMPDIR:-/tmp}/voxgate-stt-clips}
threads=${2:-2}
models=${VOXGATE_MODELS_DIR:-$root/models}
python=${FW_PYTHON:-/work/fw-venv/bin/python}
[ -f "$clips/refs.tsv" ] || sh "$here/gen_clips.sh" "$clips"
echo "== voxgate (release, $threads threads)"
STT_CLIPS="$clips" STT_THREADS="$threads" RAYON_NUM_THREADS="$threads" STT_LONG=${STT_LONG:-1} \
  cargo bench -q -p voxgate-speech --bench stt
echo "== faster-whisper int8 greedy ($threads threads)"
OMP_NUM_THREADS="$threads" "$python" "$here/compare_faster_whisper.py" "$clips" "$models/whisper-tiny-en" \
  --threads "$threads" --long
