#!/usr/bin/env bash
# Compares the ErrorCode map of a published trtc-js-sdk version with assets/catalog.toml.
#   scripts/sdk-diff.sh 4.15.22
# Needs npm (to fetch the package from the registry) and cargo.
set -euo pipefail
version=${1:?usage: scripts/sdk-diff.sh VERSION   (npm view trtc-js-sdk versions lists them)}
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "trtc-js-sdk@$version" >/dev/null && tar xzf ./*.tgz)
cargo run --quiet --release -- --no-config sdk-diff "$work/package/trtc.js"
