'use strict';
// The npm packages as a user gets them: packed by scripts/npm-pack.sh, installed from the two
// tarballs into an empty prefix with `npm install -g --offline` (the registry set to a closed port,
// the cache empty, so nothing can come from the network), then run through the launcher npm put in
// PREFIX/bin and through npx. TRTC_ERRORS_BINARY (a built binary) skips the release build.
// Why offline works (npm 9.2, Debian's, and 11): this machine's optional dependency is met by the
// platform tarball installed in the same command; npm looks the other four up in its cache only,
// misses, and skips them as optional dependencies that could not be fetched.

const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const platform = require('../trtc-errors/lib/platform.js');

const repo = path.resolve(__dirname, '..', '..');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-errors-npm-'));
const prefix = path.join(work, 'prefix');
const launcher = path.join(prefix, 'bin', 'trtc-errors');
const env = {
  ...process.env,
  npm_config_cache: path.join(work, 'npm-cache'),
  npm_config_registry: 'http://127.0.0.1:9/',
  npm_config_update_notifier: 'false',
  npm_config_fund: 'false',
  npm_config_audit: 'false',
  TRTC_ERRORS_CONFIG_DIR: path.join(work, 'config'),
  NO_COLOR: '1',
};
const unix = process.platform !== 'win32';

function crateVersion() {
  const metadata = execFileSync('cargo', ['metadata', '--no-deps', '--format-version', '1', '--offline'], {
    cwd: repo,
    encoding: 'utf8',
  });
  return JSON.parse(metadata).packages.find((p) => p.name === 'trtc-errors').version;
}

function run(args, options = {}) {
  return spawnSync(launcher, args, { env, encoding: 'utf8', timeout: 30000, ...options });
}

let tarballs;
before(() => {
  const packed = execFileSync('bash', [path.join(repo, 'scripts', 'npm-pack.sh')], { cwd: repo, env, encoding: 'utf8' });
  tarballs = packed.trim().split('\n').map((file) => path.resolve(repo, file));
  assert.equal(tarballs.length, 2, packed);
  execFileSync('npm', ['install', '-g', '--offline', '--prefix', prefix, ...tarballs], { cwd: work, env, stdio: 'pipe' });
});

after(() => fs.rmSync(work, { recursive: true, force: true }));

test('show 0x4004 through the installed launcher', () => {
  const result = run(['show', '0x4004']);
  assert.equal(result.stderr, '');
  assert.equal(result.status, 0);
  assert.match(result.stdout, /^0x4004 \(16388\) JOIN_ROOM_FAILED\n/);
});

test('the exit code comes back: 1 for no match, 2 for a usage error', () => {
  const unknown = run(['show', '0x99999']);
  assert.equal(unknown.status, 1);
  assert.equal(unknown.stdout, '');
  assert.match(unknown.stderr, /no such code or key: "0x99999"/);
  const usage = run(['show', '--no-such-flag']);
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /--no-such-flag/);
});

test('stdin reaches the binary', () => {
  const result = run(['explain'], { input: 'RtcError: join room failed code: 16388\n' });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /JOIN_ROOM_FAILED/);
});

test('npx runs it from that prefix, offline', () => {
  const elsewhere = fs.mkdtempSync(path.join(work, 'project-'));
  const result = spawnSync('npx', ['--offline', 'trtc-errors', 'show', '0x4004'], {
    cwd: elsewhere,
    env: { ...env, npm_config_prefix: prefix },
    encoding: 'utf8',
    timeout: 60000,
    shell: !unix,
  });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^0x4004 \(16388\) JOIN_ROOM_FAILED\n/);
  const usage = spawnSync('npx', ['--offline', 'trtc-errors', '--no-such-flag'], {
    cwd: elsewhere,
    env: { ...env, npm_config_prefix: prefix },
    encoding: 'utf8',
    timeout: 60000,
    shell: !unix,
  });
  assert.equal(usage.status, 2, usage.stderr);
});

test('a project that installs the two tarballs runs it with npx, offline', () => {
  const project = fs.mkdtempSync(path.join(work, 'project-'));
  fs.writeFileSync(path.join(project, 'package.json'), '{ "name": "app", "private": true }\n');
  execFileSync('npm', ['install', '--offline', ...tarballs], { cwd: project, env, stdio: 'pipe', shell: !unix });
  const result = spawnSync('npx', ['--offline', 'trtc-errors', 'show', '16388'], {
    cwd: project,
    env,
    encoding: 'utf8',
    timeout: 60000,
    shell: !unix,
  });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^0x4004 \(16388\) JOIN_ROOM_FAILED\n/);
});

test("the packages carry the crate's version", () => {
  const version = crateVersion();
  assert.equal(run(['--version']).stdout.trim(), `trtc-errors ${version}`);
  const key = platform.platformKey(platform.currentMachine());
  assert.deepEqual(tarballs.map((file) => path.basename(file)).sort(), [
    `trtc-errors-${key}-${version}.tgz`,
    `trtc-errors-${version}.tgz`,
  ].sort());
  const main = JSON.parse(fs.readFileSync(path.join(prefix, 'lib', 'node_modules', 'trtc-errors', 'package.json'), 'utf8'));
  assert.equal(main.version, version);
  for (const pinned of Object.values(main.optionalDependencies)) assert.equal(pinned, version);
});

test('a machine with no prebuilt binary gets a message naming it and exit 2', () => {
  const fake = path.join(work, 'fake-machine.js');
  fs.writeFileSync(
    fake,
    "Object.defineProperty(process, 'platform', { value: 'sunos' });\n" +
      "Object.defineProperty(process, 'arch', { value: 'sparc' });\n",
  );
  const installed = path.join(prefix, 'lib', 'node_modules', 'trtc-errors', 'bin', 'trtc-errors.js');
  const result = spawnSync(process.execPath, ['--require', fake, installed, 'show', '0x4004'], { env, encoding: 'utf8' });
  assert.equal(result.status, 2);
  assert.equal(result.stdout, '');
  assert.match(result.stderr, /^trtc-errors: no prebuilt binary for sunos sparc; prebuilt: linux-x64-gnu, .*cargo install trtc-errors\n$/);
});

// Signals: the binary's `explain` waits on a stdin that never ends, so only a signal ends it.

function childPids(pid) {
  if (process.platform === 'linux') {
    try {
      return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  }
  return spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.split(/\s+/).filter(Boolean).map(Number);
}

function isBinary(pid) {
  if (process.platform === 'linux') {
    try {
      return path.basename(fs.readlinkSync(`/proc/${pid}/exe`)) === 'trtc-errors';
    } catch {
      return false;
    }
  }
  return /trtc-errors$/.test(spawnSync('ps', ['-o', 'comm=', '-p', String(pid)], { encoding: 'utf8' }).stdout.trim());
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// Starts `trtc-errors explain` through the launcher; resolves once the binary itself is running.
async function startExplain(options = {}) {
  const child = spawn(launcher, ['explain'], { env, stdio: ['pipe', 'pipe', 'pipe'], ...options });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const deadline = Date.now() + 15000;
  for (;;) {
    const binary = childPids(child.pid).find(isBinary);
    if (binary !== undefined) return { child, binary, exited };
    assert.ok(Date.now() < deadline, 'the binary did not start under the launcher');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

// The launcher's end, or null after 10 s: then both are killed so that no test leaves them behind.
async function ending({ child, binary, exited }) {
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(() => resolve(null), 10000)));
  const result = await Promise.race([exited, late]);
  clearTimeout(timer);
  if (result === null) {
    for (const pid of [binary, child.pid]) if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
  child.stdin.destroy();
  return result;
}

function endedBy(result, signal) {
  return result.signal === signal || result.code === 128 + os.constants.signals[signal];
}

for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP']) {
  test(`${signal} sent to the launcher reaches the binary and comes back`, { skip: !unix }, async () => {
    const started = await startExplain();
    process.kill(started.child.pid, signal);
    const result = await ending(started);
    assert.ok(result !== null && endedBy(result, signal), `ended with ${JSON.stringify(result)}`);
    // Our end of its stdin is still open: had the signal not reached it, the binary would still wait.
    assert.equal(alive(started.binary), false);
  });
}

test('Ctrl-C (SIGINT to the whole process group) ends both with SIGINT', { skip: !unix }, async () => {
  const started = await startExplain({ detached: true });
  process.kill(-started.child.pid, 'SIGINT');
  const result = await ending(started);
  assert.ok(result !== null && endedBy(result, 'SIGINT'), `ended with ${JSON.stringify(result)}`);
  assert.equal(alive(started.binary), false);
});
