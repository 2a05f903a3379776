#!/usr/bin/env bash
# Regenerates every screenshot the README shows (docs/screenshots/*.svg) from the real view code:
# examples/screenshots.rs drives the browser with the actions a user's keys produce and draws it
# into ratatui's TestBackend. Re-run it after any change to the browser's look, then commit the SVGs:
#   scripts/screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --example screenshots -- docs/screenshots
