'use strict';
// Which platform package holds the binary for this machine, and where its binary is.
// The one table of prebuilt platforms: scripts/npm-pack.sh asks it which package this machine packs,
// and npm/test checks that the templates in npm/platforms/ and the optionalDependencies agree with it.

const path = require('path');

const SCOPE = '@trtc-errors';

// key (= the directory in npm/platforms/, the package is SCOPE/key) → what npm and Rust call it.
const PLATFORMS = {
  'linux-x64-gnu': { os: 'linux', cpu: 'x64', libc: 'glibc', target: 'x86_64-unknown-linux-gnu' },
  'linux-arm64-gnu': { os: 'linux', cpu: 'arm64', libc: 'glibc', target: 'aarch64-unknown-linux-gnu' },
  'darwin-x64': { os: 'darwin', cpu: 'x64', libc: null, target: 'x86_64-apple-darwin' },
  'darwin-arm64': { os: 'darwin', cpu: 'arm64', libc: null, target: 'aarch64-apple-darwin' },
  'win32-x64': { os: 'win32', cpu: 'x64', libc: null, target: 'x86_64-pc-windows-msvc' },
};

// Linux binaries are built against glibc; on musl (Alpine) they would not start.
function detectLibc(platform) {
  if (platform !== 'linux') return null;
  if (process.report && typeof process.report.getReport === 'function') {
    process.report.excludeNetwork = true; // the report would otherwise resolve host names
    const header = process.report.getReport().header;
    return header && header.glibcVersionRuntime ? 'glibc' : 'musl';
  }
  return 'glibc';
}

function currentMachine() {
  return { platform: process.platform, arch: process.arch, libc: detectLibc(process.platform) };
}

function describe({ platform, arch, libc }) {
  return libc ? `${platform} ${arch} (${libc})` : `${platform} ${arch}`;
}

// The key of the platform package for a machine, or null when none is prebuilt for it.
function platformKey({ platform, arch, libc }) {
  for (const [key, p] of Object.entries(PLATFORMS)) {
    if (p.os === platform && p.cpu === arch && (p.libc === null || p.libc === libc)) return key;
  }
  return null;
}

function binaryName(platform) {
  return platform === 'win32' ? 'trtc-errors.exe' : 'trtc-errors';
}

class NoBinaryError extends Error {}

// The binary's path for `machine`; `resolve` finds a package's package.json the way require does
// (from this package's folder up, so a platform package installed beside this one is found too).
function binaryPath(machine = currentMachine(), resolve = require.resolve) {
  const key = platformKey(machine);
  if (key === null) {
    throw new NoBinaryError(
      `no prebuilt binary for ${describe(machine)}; prebuilt: ` +
        `${Object.keys(PLATFORMS).join(', ')}. Build it from source instead: cargo install trtc-errors`,
    );
  }
  const name = `${SCOPE}/${key}`;
  let manifest;
  try {
    manifest = resolve(`${name}/package.json`);
  } catch {
    throw new NoBinaryError(
      `the binary for ${describe(machine)} is in the package ${name}, which is not installed ` +
        '(npm leaves it out with --omit=optional, or when it could not be fetched). ' +
        'Reinstall trtc-errors without --omit=optional, or build it: cargo install trtc-errors',
    );
  }
  return path.join(path.dirname(manifest), 'bin', binaryName(machine.platform));
}

module.exports = { SCOPE, PLATFORMS, NoBinaryError, binaryName, binaryPath, currentMachine, describe, platformKey };
