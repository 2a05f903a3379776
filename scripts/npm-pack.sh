#!/usr/bin/env bash
# Packs the npm packages for this machine into target/npm/: the main package `trtc-errors` (the
# launcher) and this platform's `@trtc-errors/<platform>` (the binary). Publishes nothing.
#
#   scripts/npm-pack.sh                               # builds the release binary first
#   TRTC_ERRORS_BINARY=path/to/trtc-errors scripts/npm-pack.sh   # packs a binary already built
#
# The version is the crate's (Cargo.toml); the templates in npm/ carry a placeholder that is
# replaced in the staged copies, so Cargo.toml stays the one place it is written.
set -euo pipefail
cd "$(dirname "$0")/.."
export npm_config_update_notifier=false npm_config_fund=false

version=$(cargo metadata --no-deps --format-version 1 --offline |
    node -e 'const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
             process.stdout.write(m.packages.find((p) => p.name === "trtc-errors").version)')
platform=$(node -e 'const p = require("./npm/trtc-errors/lib/platform.js");
                    process.stdout.write(p.platformKey(p.currentMachine()) || "")')
if [ -z "$platform" ]; then
    echo "npm-pack: no platform package for this machine ($(uname -sm)); see npm/trtc-errors/lib/platform.js" >&2
    exit 2
fi
exe=trtc-errors
case "$platform" in win32-*) exe=trtc-errors.exe ;; esac

binary=${TRTC_ERRORS_BINARY:-}
if [ -z "$binary" ]; then
    cargo build --release --locked --quiet
    binary=target/release/$exe
fi
[ -x "$binary" ] || { echo "npm-pack: no executable at $binary" >&2; exit 2; }

out=target/npm
stage=$out/stage
rm -rf "$stage"
mkdir -p "$stage"
cp -R npm/trtc-errors "$stage/trtc-errors"
cp -R "npm/platforms/$platform" "$stage/$platform"
cp README.md LICENSE "$stage/trtc-errors/"
cp LICENSE "$stage/$platform/"
mkdir -p "$stage/$platform/bin"
cp "$binary" "$stage/$platform/bin/$exe"
chmod 755 "$stage/$platform/bin/$exe"

# Every placeholder version (the package's own and the optionalDependencies) becomes the crate's.
node -e 'const fs = require("fs");
         const [version, ...files] = process.argv.slice(1);
         for (const file of files) {
           const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
           manifest.version = version;
           for (const name of Object.keys(manifest.optionalDependencies || {}))
             manifest.optionalDependencies[name] = version;
           fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
         }' "$version" "$stage/trtc-errors/package.json" "$stage/$platform/package.json"

rm -f "$out"/trtc-errors-*.tgz
npm pack --silent --pack-destination "$out" "./$stage/trtc-errors" "./$stage/$platform" >/dev/null
ls "$out"/trtc-errors-*.tgz
