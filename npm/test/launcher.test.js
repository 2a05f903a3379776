'use strict';
// The launcher's platform table against the package templates, and what it says when no binary fits.
// Needs no packing and no binary: run with `node --test npm/test/launcher.test.js`.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const platform = require('../trtc-errors/lib/platform.js');

const npmDir = path.resolve(__dirname, '..');
const readJson = (file) => JSON.parse(fs.readFileSync(file, 'utf8'));
const found = () => '/prefix/lib/node_modules/@trtc-errors/x/package.json';
const missing = (name) => {
  throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
};

test('every platform in the table has a template that npm installs only on that platform', () => {
  const templates = fs.readdirSync(path.join(npmDir, 'platforms')).sort();
  assert.deepEqual(templates, Object.keys(platform.PLATFORMS).sort());
  for (const [key, p] of Object.entries(platform.PLATFORMS)) {
    const manifest = readJson(path.join(npmDir, 'platforms', key, 'package.json'));
    assert.equal(manifest.name, `${platform.SCOPE}/${key}`);
    assert.deepEqual(manifest.os, [p.os]);
    assert.deepEqual(manifest.cpu, [p.cpu]);
    assert.deepEqual(manifest.libc, p.libc === null ? undefined : [p.libc]);
    assert.deepEqual(manifest.files, [`bin/${platform.binaryName(p.os)}`]);
  }
});

test('the main package depends optionally on every platform package, at the version filled in', () => {
  const main = readJson(path.join(npmDir, 'trtc-errors', 'package.json'));
  const names = Object.keys(platform.PLATFORMS).map((key) => `${platform.SCOPE}/${key}`);
  assert.deepEqual(Object.keys(main.optionalDependencies).sort(), names.sort());
  // scripts/npm-pack.sh replaces every version with Cargo.toml's; a template that pinned its own
  // version would drift from the crate.
  const versions = [main.version, ...Object.values(main.optionalDependencies)];
  for (const key of Object.keys(platform.PLATFORMS)) {
    versions.push(readJson(path.join(npmDir, 'platforms', key, 'package.json')).version);
  }
  assert.deepEqual(new Set(versions), new Set(['0.0.0-set-by-scripts-npm-pack']));
  assert.equal(main.bin['trtc-errors'], 'bin/trtc-errors.js');
});

test('each prebuilt machine finds its package', () => {
  const cases = [
    [{ platform: 'linux', arch: 'x64', libc: 'glibc' }, 'linux-x64-gnu'],
    [{ platform: 'linux', arch: 'arm64', libc: 'glibc' }, 'linux-arm64-gnu'],
    [{ platform: 'darwin', arch: 'x64', libc: null }, 'darwin-x64'],
    [{ platform: 'darwin', arch: 'arm64', libc: null }, 'darwin-arm64'],
    [{ platform: 'win32', arch: 'x64', libc: null }, 'win32-x64'],
  ];
  for (const [machine, key] of cases) assert.equal(platform.platformKey(machine), key);
  assert.equal(
    platform.binaryPath({ platform: 'win32', arch: 'x64', libc: null }, found),
    path.join('/prefix/lib/node_modules/@trtc-errors/x', 'bin', 'trtc-errors.exe'),
  );
  assert.equal(
    platform.binaryPath({ platform: 'linux', arch: 'x64', libc: 'glibc' }, found),
    path.join('/prefix/lib/node_modules/@trtc-errors/x', 'bin', 'trtc-errors'),
  );
});

test('a machine with no prebuilt binary is told which it is and what to do', () => {
  const cases = [
    [{ platform: 'freebsd', arch: 'x64', libc: null }, 'freebsd x64'],
    [{ platform: 'linux', arch: 'ia32', libc: 'glibc' }, 'linux ia32 (glibc)'],
    [{ platform: 'linux', arch: 'x64', libc: 'musl' }, 'linux x64 (musl)'],
    [{ platform: 'win32', arch: 'arm64', libc: null }, 'win32 arm64'],
  ];
  for (const [machine, described] of cases) {
    assert.equal(platform.platformKey(machine), null);
    assert.throws(
      () => platform.binaryPath(machine, found),
      (error) =>
        error instanceof platform.NoBinaryError &&
        error.message.startsWith(`no prebuilt binary for ${described};`) &&
        error.message.includes('linux-x64-gnu, linux-arm64-gnu, darwin-x64, darwin-arm64, win32-x64') &&
        error.message.endsWith('cargo install trtc-errors'),
    );
  }
});

test('a platform package npm left out is named', () => {
  assert.throws(
    () => platform.binaryPath({ platform: 'darwin', arch: 'arm64', libc: null }, missing),
    (error) =>
      error instanceof platform.NoBinaryError &&
      error.message.includes('darwin arm64') &&
      error.message.includes('@trtc-errors/darwin-arm64, which is not installed') &&
      error.message.includes('--omit=optional'),
  );
});

test('this machine is described by what Node reports', () => {
  const machine = platform.currentMachine();
  assert.equal(machine.platform, process.platform);
  assert.equal(machine.arch, process.arch);
  if (process.platform === 'linux') assert.ok(['glibc', 'musl'].includes(machine.libc));
  else assert.equal(machine.libc, null);
});
