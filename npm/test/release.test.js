'use strict';
// What `cargo binstall` downloads agrees with what the release workflow attaches: the templates of
// [package.metadata.binstall], expanded for this machine's target, name the archive
// scripts/release-archive.sh makes and the binary's path inside it; the workflow builds every target
// the npm launcher knows. TRTC_ERRORS_BINARY (a built binary) is archived; without it target/release's.

const { test } = require('node:test');
const assert = require('node:assert/strict');
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const platform = require('../trtc-errors/lib/platform.js');

const repo = path.resolve(__dirname, '..', '..');
const crate = JSON.parse(
  execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1', '--offline'], { cwd: repo, encoding: 'utf8' }),
).packages.find((p) => p.name === 'trtc-errors');
const version = crate.version;

function binstallFor(target) {
  const base = crate.metadata.binstall;
  const windows = target.includes('-windows-');
  const meta = { ...base, ...(base.overrides[target] || {}) };
  const fill = (template) =>
    template
      .replace(/\{ repo \}/g, crate.repository)
      .replace(/\{ version \}/g, version)
      .replace(/\{ name \}/g, 'trtc-errors')
      .replace(/\{ bin \}/g, 'trtc-errors')
      .replace(/\{ target \}/g, target)
      .replace(/\{ binary-ext \}/g, windows ? '.exe' : '');
  return { url: fill(meta['pkg-url']), binDir: fill(meta['bin-dir']), format: meta['pkg-fmt'] };
}

test('binstall finds the archive the release script makes, and the binary in it', { skip: process.platform === 'win32' }, () => {
  const key = platform.platformKey(platform.currentMachine());
  assert.notEqual(key, null, 'no prebuilt platform for this machine');
  const target = platform.PLATFORMS[key].target;
  const binary = process.env.TRTC_ERRORS_BINARY || path.join(repo, 'target', 'release', 'trtc-errors');
  const archive = execFileSync('bash', [path.join(repo, 'scripts', 'release-archive.sh'), target, binary], {
    cwd: repo,
    encoding: 'utf8',
  }).trim();
  const expected = binstallFor(target);
  assert.equal(expected.format, 'tgz');
  assert.equal(path.basename(archive), path.basename(expected.url));
  assert.equal(expected.url, `${crate.repository}/releases/download/v${version}/${path.basename(archive)}`);
  const listing = execFileSync('tar', ['tzf', archive], { encoding: 'utf8' }).split('\n');
  assert.ok(listing.includes(expected.binDir), `${expected.binDir} not in ${listing.join(' ')}`);
});

test('Windows gets a zip with trtc-errors.exe', () => {
  const expected = binstallFor('x86_64-pc-windows-msvc');
  assert.equal(expected.format, 'zip');
  assert.ok(expected.url.endsWith(`/v${version}/trtc-errors-v${version}-x86_64-pc-windows-msvc.zip`));
  assert.equal(expected.binDir, `trtc-errors-v${version}-x86_64-pc-windows-msvc/trtc-errors.exe`);
});

test('the release workflow builds every target the launcher knows', () => {
  const workflow = fs.readFileSync(path.join(repo, '.github', 'workflows', 'release.yml'), 'utf8');
  const built = [...workflow.matchAll(/\{ target: ([\w-]+), os: [\w.-]+ \}/g)].map((m) => m[1]);
  assert.deepEqual(built.sort(), Object.values(platform.PLATFORMS).map((p) => p.target).sort());
});
