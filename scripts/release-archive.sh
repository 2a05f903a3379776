#!/usr/bin/env bash
# The release archive of one target, named and laid out as [package.metadata.binstall] in Cargo.toml
# expects: target/dist/trtc-errors-v<version>-<target>.tar.gz (.zip for Windows), holding the folder
# trtc-errors-v<version>-<target>/ with the binary, README.md, LICENSE and CHANGELOG.md.
#
#   scripts/release-archive.sh TARGET BINARY      # e.g. x86_64-unknown-linux-gnu target/release/trtc-errors
set -euo pipefail
[ $# = 2 ] || { echo "usage: scripts/release-archive.sh TARGET BINARY" >&2; exit 2; }
target=$1
binary=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
cd "$(dirname "$0")/.."

version=$(cargo metadata --no-deps --format-version 1 --offline |
    node -e 'const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
             process.stdout.write(m.packages.find((p) => p.name === "trtc-errors").version)')
name=trtc-errors-v$version-$target
exe=trtc-errors
case "$target" in *-windows-*) exe=trtc-errors.exe ;; esac

out=$PWD/target/dist
rm -rf "${out:?}/$name" "$out/$name".*
mkdir -p "$out/$name"
cp "$binary" "$out/$name/$exe"
cp README.md LICENSE CHANGELOG.md "$out/$name/"
cd "$out"
case "$target" in
*-windows-*) 7z a -tzip -bso0 "$name.zip" "$name" ;;
*) tar czf "$name.tar.gz" "$name" ;;
esac
rm -rf "${out:?}/$name"
ls "$out/$name".*
