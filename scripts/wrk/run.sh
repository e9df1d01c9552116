#!/usr/bin/env bash
# Authenticated throughput of the HTTP API: `voxgate serve` (release build) with an API key,
# every security layer on (client IP, allowlists, CORS, rate limiter with its limits raised so
# the bench measures the server and not the quota, API key check, security headers), driven by
# wrk on GET /api/v1/auth/whoami.
#
# Usage: scripts/wrk/run.sh [duration_secs=10] [connections=64] [wrk_threads=1]
# Needs: wrk (apt-get install wrk), curl. Respects CARGO_TARGET_DIR.
set -euo pipefail

DURATION="${1:-10}"
CONNS="${2:-64}"
THREADS="${3:-1}"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
HTTP_PORT="${WRK_HTTP_PORT:-18080}"
ADMIN_PORT="${WRK_ADMIN_PORT:-18081}"

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 1; }

if [ -z "${WRK_NO_BUILD:-}" ]; then
    (cd "$ROOT" && cargo build --release -p voxgate)
fi
BIN="$TARGET/release/voxgate"

WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
    if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT

export VOXGATE_CONFIG="$WORK/none.toml"
: > "$VOXGATE_CONFIG"
export VOXGATE_DATA__DIR="$WORK/data"
export VOXGATE_HTTP__LISTEN="127.0.0.1:$HTTP_PORT"
export VOXGATE_ADMIN__LISTEN="127.0.0.1:$ADMIN_PORT"
export VOXGATE_AUDIOSOCKET__ENABLED=false
# The API alone is measured: no models are loaded.
export VOXGATE_AGENT__ENABLED=false
export VOXGATE_LOG__LEVEL=warn
export VOXGATE_RATE_LIMITS__ENABLED=true
export VOXGATE_RATE_LIMITS__API_PER_SECOND=10000000
export VOXGATE_RATE_LIMITS__API_BURST=10000000
export VOXGATE_RATE_LIMITS__AUTH_PER_MINUTE=600000000
export VOXGATE_RATE_LIMITS__AUTH_BURST=10000000
export VOXGATE_RATE_LIMITS__PER_PRINCIPAL_PER_SECOND=10000000
export VOXGATE_RATE_LIMITS__PER_PRINCIPAL_BURST=10000000
export VOXGATE_HTTP_LIMITS__MAX_CONNECTIONS_PER_IP=4096

KEY="$("$BIN" keys create --role service --name wrk 2>/dev/null)"
"$BIN" serve >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 100); do
    curl -fsS "http://127.0.0.1:$ADMIN_PORT/livez" >/dev/null 2>&1 && break
    sleep 0.1
done

URL="http://127.0.0.1:$HTTP_PORT/api/v1/auth/whoami"
# Sanity: the key works and a missing key is refused.
test "$(curl -s -o /dev/null -w '%{http_code}' -H "X-API-Key: $KEY" "$URL")" = 200
test "$(curl -s -o /dev/null -w '%{http_code}' "$URL")" = 401

echo "wrk: ${DURATION}s, $CONNS connections, $THREADS thread(s), $(nproc) CPUs, API key auth on $URL"
wrk -t"$THREADS" -c"$CONNS" -d"${DURATION}s" --latency -H "X-API-Key: $KEY" "$URL" | tee "$WORK/wrk.txt"
RPS="$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")"
NON2XX="$(awk '/Non-2xx/ {print $5}' "$WORK/wrk.txt")"
echo "authenticated requests/s: $RPS${NON2XX:+ (non-2xx: $NON2XX)}"
