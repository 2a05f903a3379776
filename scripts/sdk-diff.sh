#!/usr/bin/env bash
# Maintainers: compares a published SDK package with the built-in catalog and prints what changed.
#   scripts/sdk-diff.sh 4.15.22              trtc-js-sdk 4.x: its ErrorCode map (trtc-errors sdk-diff)
#   scripts/sdk-diff.sh web5 5.18.0          trtc-sdk-v5: codes, extraCodes, keys, templates
#   scripts/sdk-diff.sh native 13.4.100      trtc-electron-sdk: TXLiteAVError / TXLiteAVWarning + comments
# Needs npm (to fetch the package from the registry), node, python3 and cargo. Exits 1 on any
# difference. After updating assets/, rerun the extract script to refresh the test fixtures.
set -euo pipefail
cd "$(dirname "$0")/.."
usage="usage: scripts/sdk-diff.sh [web4|web5|native] VERSION   (npm view PACKAGE versions lists them)"
family=web4
if [ "$#" -eq 2 ]; then family=$1; shift; fi
version=${1:?$usage}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
case "$family" in
  web4)
    (cd "$work" && npm pack --silent "trtc-js-sdk@$version" >/dev/null && tar xzf ./*.tgz)
    cargo run --quiet --release -- --no-config sdk-diff "$work/package/trtc.js"
    ;;
  web5)
    # The extract script reads every version under --pkgs; give it the one asked for.
    mkdir -p "$work/pkgs/$version"
    (cd "$work/pkgs/$version" && npm pack --silent "trtc-sdk-v5@$version" >/dev/null && tar xzf ./*.tgz)
    node scripts/extract/web5.mjs --pkgs "$work/pkgs" --out "$work/out" >/dev/null
    python3 scripts/extract/diff-catalog.py web5 "$work/out/extract.json"
    ;;
  native)
    node scripts/extract/native.mjs --version "$version" --out "$work/extract.json" >/dev/null
    python3 scripts/extract/diff-catalog.py native "$work/extract.json"
    ;;
  *) echo "$usage" >&2; exit 2 ;;
esac
