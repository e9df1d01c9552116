#!/usr/bin/env bash
# Quick start: install what Voxgate needs, build it, fetch the embedded models, and run
# `voxgate serve` on the embedded defaults (every listener on 127.0.0.1).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
echo "==> building voxgate (release)"
cargo build --release --locked -p voxgate
./target/release/voxgate models setup
echo "==> starting: API http://127.0.0.1:8080  admin http://127.0.0.1:15000/readyz  AudioSocket 127.0.0.1:9092  (Ctrl-C stops)"
echo "    talk to the agent from another terminal: ./target/release/voxgate call --say \"What is my balance?\""
exec ./target/release/voxgate serve "$@"
