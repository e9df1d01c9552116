#!/usr/bin/env bash
# Runs the whole test suite: system packages and models first (idempotent), then every test of
# every crate.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cargo run --locked -q -p voxgate -- models setup
cargo test --locked --workspace --all-targets "$@"
cargo test --locked --workspace --doc
