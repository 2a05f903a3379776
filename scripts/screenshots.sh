#!/usr/bin/env bash
# Regenerates the README's screenshots (docs/screenshots/*.svg) from the real view code.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo run --quiet --example screenshots -- docs/screenshots
