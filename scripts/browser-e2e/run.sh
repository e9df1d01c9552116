#!/usr/bin/env bash
# Headless Chromium end-to-end test of the browser voice transport:
# builds the `browser_echo` example (page + /ws with the echo profile), starts it on a free
# port, plays a WAV as Chromium's microphone, and checks frames went both ways (driver.mjs),
# then checks the server's own counters for the session.
#
# Needs: chromium (/usr/bin/chromium or $CHROMIUM), node + npm (installs playwright-core, which
# never downloads a browser), espeak-ng or sox for the microphone WAV.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/vg-browser-e2e.XXXXXX")"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# BROWSER_ECHO_BIN: a prebuilt example binary (skips the cargo build).
if [[ -n "${BROWSER_ECHO_BIN:-}" ]]; then
  bin="$BROWSER_ECHO_BIN"
else
  export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}"
  ( cd "$root" && cargo build -q -p voxgate-telephony --example browser_echo )
  bin="$CARGO_TARGET_DIR/debug/examples/browser_echo"
fi

if [[ ! -d "$here/node_modules/playwright-core" ]]; then
  ( cd "$here" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm install --no-audit --no-fund --silent )
fi

# Microphone: speech if espeak-ng is there, else a warbling tone (noise suppression would
# flatten a steady sine); 48 kHz mono like a real device.
wav="$work/mic.wav"
if command -v espeak-ng >/dev/null; then
  espeak-ng -w "$work/speech.wav" "Hello, this is the Voxgate browser test. One two three four five six seven eight nine ten."
  sox "$work/speech.wav" -r 48000 -c 1 -b 16 "$wav" gain -n -6 repeat 3
else
  sox -n -r 48000 -c 1 -b 16 "$wav" synth 12 sine 300-900 tremolo 3 80
fi

port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$bin" "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
url=""
for _ in $(seq 1 100); do
  url="$(sed -n 's/^URL //p' "$work/server.log" | head -n1)"
  [[ -n "$url" ]] && break
  sleep 0.1
done
[[ -n "$url" ]] || { echo "server did not start"; cat "$work/server.log"; exit 1; }

node --test "$here/worklet.test.mjs" >/dev/null && echo "worklet resampler tests: OK"
node "$here/driver.mjs" "$url" "$wav"

# The server prints its counters when the session ends.
for _ in $(seq 1 50); do
  grep -q '^SESSION ' "$work/server.log" && break
  sleep 0.1
done
session="$(grep '^SESSION ' "$work/server.log" | head -n1 | sed 's/^SESSION //')"
echo "server: $session"
grep "^404 " "$work/server.log" || true
python3 - "$session" <<'PY'
import json, sys
s = json.loads(sys.argv[1])
assert "refused" not in s, s
assert s["reason"] == "remote_hangup", s
assert s["frames_in"] >= 150 and s["frames_out"] >= 100, s
assert s["dtmf"] == 1 and s["bad"] == 0, s
print("server counters: OK")
PY
