#!/usr/bin/env bash
# Runs the whole test suite: system packages and models first (idempotent), then every test of
# every crate.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh
cargo run --locked -q -p voxgate -- models setup
# Benchmarks are not run here (some print figures for minutes); clippy --all-targets keeps them
# compiling, and `cargo bench -p <crate>` runs them.
cargo test --locked --workspace --lib --bins --tests --examples "$@"
cargo test --locked --workspace --doc
