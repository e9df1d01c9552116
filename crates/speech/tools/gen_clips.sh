#!/bin/sh
# Generates the STT evaluation clips with espeak-ng and sox.
#   gen_clips.sh OUT_DIR [UTTERANCES_FILE]
# Writes OUT_DIR/16k/NN.wav (16 kHz mono s16), OUT_DIR/tel/NN.wav (8 kHz mu-law, telephone
# band) and OUT_DIR/8k/NN.wav (the telephone version back at 16 kHz for the model),
# OUT_DIR/refs.tsv (NN<TAB>text) and OUT_DIR/long16k.wav (all utterances joined, with pauses).
set -eu
out=${1:?usage: gen_clips.sh OUT_DIR [UTTERANCES_FILE]}
list=${2:-$(dirname "$0")/utterances.txt}
mkdir -p "$out/raw" "$out/16k" "$out/tel" "$out/8k"
: > "$out/refs.tsv"
i=0
while IFS= read -r line; do
  [ -z "$line" ] && continue
  i=$((i + 1))
  n=$(printf '%02d' "$i")
  # Vary voice speed a little so utterances are not all alike.
  speed=$((140 + (i % 4) * 10))
  espeak-ng -v en-us -s "$speed" -w "$out/raw/$n.wav" "$line"
  # Half a second of silence on both sides, as an endpointer would cut it.
  sox -q "$out/raw/$n.wav" -r 16000 -c 1 -b 16 -e signed-integer "$out/16k/$n.wav" pad 0.3 0.3
  sox -q "$out/16k/$n.wav" -r 8000 -c 1 -e mu-law "$out/tel/$n.wav" sinc 300-3400
  sox -q "$out/tel/$n.wav" -r 16000 -c 1 -b 16 -e signed-integer "$out/8k/$n.wav"
  printf '%s\t%s\n' "$n" "$line" >> "$out/refs.tsv"
done < "$list"
# A long clip: every utterance three times with pauses (about 3 minutes).
set --
for r in 1 2 3; do
  for f in "$out"/16k/*.wav; do set -- "$@" "$f"; done
done
sox -q "$@" "$out/long16k.wav"
