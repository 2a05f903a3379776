#!/usr/bin/env node
// Regenerates tests/fixtures/mentions/devtools/: what Chromium's DevTools console shows when the real
// TRTC Web SDKs (trtc-js-sdk 4.x, trtc-sdk-v5) fail, copied the way "Copy console" / "Save as…" gives it
// (`trtc.js:1 TRTC [..] <ERROR> …`, `app.js:27 RtcError: … <JOIN_ROOM_FAILED 0x4004>\n    at …`,
// `trtc.js:1 Uncaught (in promise) …`).
//
//   node scripts/extract/devtools.mjs [--node-modules DIR] [--cache DIR] [--out DIR] [--jobs N]
//        [--only SCENARIO,...] [trtc-js-sdk@4.15.22 trtc-sdk-v5@5.17.1 ...]
//
// Needs: Node 20, npm (npm pack against the registry: the only network this script uses), tar,
// Debian's chromium (`apt-get install -y chromium`, /usr/bin/chromium, or --chromium PATH) and
// puppeteer-core installed somewhere outside the repo (`npm install --prefix /work/scratch/devtools
// puppeteer-core`; pass that folder's node_modules as --node-modules, default
// $PUPPETEER_NODE_MODULES or ../scratch/devtools/node_modules next to the repo). Packages are
// unpacked under --cache (default $TMPDIR/trtc-devtools-cache) and reused.
//
// How: a localhost HTTP server serves scripts/extract/devtools/page.html, which loads the SDK bundle
// (always under its own file name, trtc.js, so the console's source prefix is the real one) and
// devtools/app.js (the "application": one failure scenario per page). Each scenario gets a fresh
// browser context. Nothing can reach a TRTC server from here (DNS fails), which is itself one of the
// failures users paste. The console is read over CDP: Runtime.consoleAPICalled (what the SDK and the app
// print), Runtime.exceptionThrown (Uncaught (in promise) …), Log.entryAdded (the browser's own network
// and WebSocket messages) and Network.requestWillBeSent (to render failed requests as DevTools does,
// `trtc.js:1 GET https://… net::ERR_NAME_NOT_RESOLVED`). Messages are rendered as DevTools renders them:
// format specifiers (%s %d %o %c) applied, errors as their stack, objects as their one-line preview,
// the location as `<file name>:<line>` and a space; debug/verbose messages are hidden as in the
// default console level.
//
// Output: one <package>-<version>.txt per SDK version, blocks `=== scenario: NAME` followed by that
// page's console as copied, and captured.json: per version and scenario, the code/extraCode each caught
// error object carried (err.getCode() / err.code) — the SDK's own meaning, used to check annotations.toml
// (which is hand-written and not touched by this script).

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const argv = process.argv.slice(2);
const opts = {};
const specs = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i].startsWith('--')) opts[argv[i].slice(2)] = argv[++i];
  else specs.push(argv[i]);
}
const DEFAULT_SPECS = [
  'trtc-js-sdk@4.3.2', 'trtc-js-sdk@4.6.7', 'trtc-js-sdk@4.8.6', 'trtc-js-sdk@4.11.13', 'trtc-js-sdk@4.15.22',
  'trtc-sdk-v5@5.2.0', 'trtc-sdk-v5@5.8.6', 'trtc-sdk-v5@5.17.1',
];
const cache = opts.cache ?? path.join(os.tmpdir(), 'trtc-devtools-cache');
const outDir = opts.out ?? path.join(repo, 'tests/fixtures/mentions/devtools');
const jobs = Number(opts.jobs ?? 3);
const only = opts.only ? new Set(opts.only.split(',')) : null;
const chromium = opts.chromium ?? '/usr/bin/chromium';
const nodeModules = opts['node-modules'] ?? process.env.PUPPETEER_NODE_MODULES ??
  path.resolve(repo, '..', '..', 'scratch', 'devtools', 'node_modules');
const puppeteer = createRequire(path.join(nodeModules, 'x.js'))('puppeteer-core');

// How long a scenario may take, and how long the console must stay quiet after the app is done.
const CAP_MS = Number(opts['cap-ms'] ?? 25000);
const QUIET_MS = Number(opts['quiet-ms'] ?? 5000);

function bundleOf(spec) {
  const dir = path.join(cache, spec.replace(/[@/]/g, '_'));
  const pkg = path.join(dir, 'package');
  if (!fs.existsSync(path.join(pkg, 'package.json'))) {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['pack', '--silent', spec], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    const tgz = fs.readdirSync(dir).find((f) => f.endsWith('.tgz'));
    execFileSync('tar', ['xzf', tgz], { cwd: dir });
  }
  // the UMD build, which sets window.TRTC (4.x and 5.x both ship it as trtc.js)
  return fs.readFileSync(path.join(pkg, 'trtc.js'));
}

function serve(bundle) {
  const files = {
    '/': ['text/html', fs.readFileSync(path.join(here, 'devtools', 'page.html'))],
    '/app.js': ['text/javascript', fs.readFileSync(path.join(here, 'devtools', 'app.js'))],
    '/sdk/trtc.js': ['text/javascript', bundle],
  };
  const server = http.createServer((req, res) => {
    const f = files[req.url.split('?')[0]];
    if (!f) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'content-type': f[0], 'cache-control': 'no-store' });
    res.end(f[1]);
  });
  return new Promise((resolve) => server.listen(Number(opts.port ?? 41234), '127.0.0.1', () => resolve(server)));
}

// ---------------------------------------------------------------- rendering as DevTools does

const fileOf = (url) => {
  if (!url) return '';
  try {
    const u = new URL(url);
    // DevTools names a page by its file, and a directory's page `(index)`
    const name = u.pathname.split('/').pop();
    return name || '(index)';
  } catch { return url; }
};
const loc = (url, line) => (url ? `${fileOf(url)}:${line + 1} ` : '');

// DevTools links the frames of a stack and shows each link by its file name: `at r (trtc.js:1:7503)`.
const shortStack = (text) => text.replace(/\bhttps?:\/\/127\.0\.0\.1:\d+\/(?:[^\s():]*\/)?([^\s()/:]+:\d+:\d+)/g, '$1');

// A RemoteObject as DevTools prints it inside a message.
function renderArg(o, nested) {
  switch (o.type) {
    case 'string': return nested ? `'${o.value}'` : o.value;
    case 'undefined': return 'undefined';
    case 'number': case 'boolean': case 'bigint': return o.unserializableValue ?? String(o.value ?? o.description);
    case 'symbol': return o.description;
    case 'function': return nested ? 'ƒ' : o.description;
    case 'object':
      if (o.subtype === 'null') return 'null';
      if (o.subtype === 'error' && !nested) return o.description;
      if (o.preview) return renderPreview(o.preview, o.className);
      return o.description ?? o.className ?? 'Object';
    default: return o.description ?? String(o.value);
  }
}

function renderPreview(p, className) {
  const prop = (q) => {
    if (q.type === 'string') return `'${q.value}'`;
    if (q.type === 'object') return q.subtype === 'null' ? 'null' : q.subtype === 'array' ? q.value : q.value === 'Object' ? '{…}' : q.value;
    if (q.type === 'function') return 'ƒ';
    return q.value;
  };
  if (p.subtype === 'array') {
    const items = p.properties.map((q) => (/^\d+$/.test(q.name) ? prop(q) : `${q.name}: ${prop(q)}`));
    return `${p.description.startsWith('Array(') ? `(${p.description.slice(6, -1)}) ` : ''}[${items.join(', ')}${p.overflow ? ', …' : ''}]`;
  }
  if (p.subtype === 'error') return p.description;
  const items = p.properties.map((q) => `${q.name}: ${prop(q)}`);
  if (p.entries) items.push(...p.entries.map((e) => `${e.key ? renderPreview(e.key) + ' => ' : ''}${renderPreview(e.value)}`));
  const head = className && className !== 'Object' ? `${p.description ?? className} ` : '';
  return `${head}{${items.join(', ')}${p.overflow ? ', …' : ''}}`;
}

// console.log's format string: %s %d %i %f %o %O %j substitute an argument, %c eats one (style).
function renderConsole(args) {
  const rest = args.slice();
  let first = '';
  if (rest.length && rest[0].type === 'string' && rest[0].value.includes('%')) {
    const fmt = rest.shift().value;
    first = fmt.replace(/%([sdifoOcj%])/g, (m, c) => {
      if (c === '%') return '%';
      if (!rest.length) return m;
      const a = rest.shift();
      if (c === 'c') return '';
      if (c === 'd' || c === 'i') return a.type === 'number' ? String(Math.trunc(a.value)) : 'NaN';
      if (c === 'f') return a.type === 'number' ? String(a.value) : 'NaN';
      if (c === 's' && a.type === 'object' && a.subtype !== 'error') return renderArg(a, false);
      return renderArg(a, false);
    });
    return [first, ...rest.map((a) => renderArg(a, false))].join(' ');
  }
  return rest.map((a) => renderArg(a, false)).join(' ');
}

function renderException(d) {
  const frame = d.stackTrace?.callFrames?.[0];
  const where = frame ? loc(frame.url, frame.lineNumber) : loc(d.url, d.lineNumber ?? 0);
  const ex = d.exception;
  let body;
  if (!ex) body = '';
  else if (ex.subtype === 'error') body = ex.description;
  else body = renderArg(ex, ex.type === 'string');
  // exceptionDetails.text is "Uncaught" or "Uncaught (in promise)"
  return `${where}${d.text}${body ? ' ' + body : ''}`;
}

// The blocks of a fixture file written earlier: [scenario, console text] in file order.
function readBlocks(file) {
  if (!fs.existsSync(file)) return [];
  const out = [];
  for (const line of fs.readFileSync(file, 'utf8').replace(/\n$/, '').split('\n')) {
    const m = /^=== scenario: (.*)$/.exec(line);
    if (m) out.push([m[1], []]);
    else if (out.length) out[out.length - 1][1].push(line);
  }
  return out.map(([n, ls]) => [n, ls.join('\n')]);
}

// ---------------------------------------------------------------- one scenario in one page

async function runScenario(browser, base, name) {
  const context = await browser.createBrowserContext();
  const page = await context.newPage();
  const cdp = await page.createCDPSession();
  const lines = [];
  const requests = new Map();
  let last = Date.now();
  // Network failures repeat (the SDK retries and uploads its log every few seconds): they do not keep
  // a scenario alive.
  const push = (text, quiet) => { lines.push(shortStack(text)); if (!quiet) last = Date.now(); };
  cdp.on('Runtime.consoleAPICalled', (e) => {
    if (e.type === 'debug') return; // the Verbose level: hidden by DevTools' default levels
    if (e.type === 'endGroup' || e.type === 'clear') return;
    const f = e.stackTrace?.callFrames?.[0];
    let text = renderConsole(e.args);
    if (e.type === 'assert') text = `Assertion failed: ${text}`;
    push(`${f ? loc(f.url, f.lineNumber) : ''}${text}`);
  });
  cdp.on('Runtime.exceptionThrown', (e) => push(renderException(e.exceptionDetails)));
  cdp.on('Network.requestWillBeSent', (e) => {
    const f = e.initiator?.stack?.callFrames?.[0];
    requests.set(e.requestId, { method: e.request.method, url: e.request.url, initiator: f ? loc(f.url, f.lineNumber) : '' });
  });
  cdp.on('Log.entryAdded', ({ entry }) => {
    if (entry.level === 'verbose' || entry.source === 'violation') return;
    // headless Chromium's software-WebGL notice: an artefact of this machine, not of a user's browser
    if (/swiftshader/i.test(entry.text)) return;
    const req = entry.networkRequestId && requests.get(entry.networkRequestId);
    const m = /^Failed to load resource: (.*)$/.exec(entry.text);
    if (req && m) {
      push(`${req.initiator}${req.method} ${req.url} ${m[1]}`, true);
      return;
    }
    const f = entry.stackTrace?.callFrames?.[0];
    push(`${f ? loc(f.url, f.lineNumber) : loc(entry.url, entry.lineNumber ?? 0)}${entry.text}`, entry.source === 'network');
  });
  await cdp.send('Network.enable');
  await cdp.send('Log.enable');
  await cdp.send('Runtime.enable');
  await page.goto(`${base}/?s=${encodeURIComponent(name)}`, { waitUntil: 'load' });
  const start = Date.now();
  const cap = (await page.evaluate((n) => (window.__capMs || {})[n], name).catch(() => null)) ?? CAP_MS;
  page.evaluate((n) => window.__run(n), name).catch(() => {});
  for (;;) {
    await new Promise((r) => setTimeout(r, 250));
    const done = await page.evaluate(() => window.__done === true).catch(() => false);
    if (Date.now() - start > cap) break;
    if (done && Date.now() - last > QUIET_MS) break;
  }
  const caught = await page.evaluate(() => window.__caught || []).catch(() => []);
  await context.close();
  return { lines, caught, ms: Date.now() - start };
}

async function pool(items, n, fn) {
  const out = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: n }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]);
    }
  }));
  return out;
}

// ---------------------------------------------------------------- main

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-devtools-profile-'));
const browser = await puppeteer.launch({
  executablePath: chromium,
  headless: true,
  userDataDir,
  args: [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--user-data-dir=${userDataDir}`,
  ],
});
const chromeVersion = await browser.version();
fs.mkdirSync(outDir, { recursive: true });
const capturedFile = path.join(outDir, 'captured.json');
const captured = fs.existsSync(capturedFile) ? JSON.parse(fs.readFileSync(capturedFile, 'utf8')) : {};
try {
  for (const spec of specs.length ? specs : DEFAULT_SPECS) {
    const server = await serve(bundleOf(spec));
    const base = `http://127.0.0.1:${server.address().port}`;
    const probe = await browser.newPage();
    await probe.goto(base, { waitUntil: 'load' });
    const allNames = await probe.evaluate(() => Object.keys(window.__scenarios));
    const names = allNames.filter((n) => !only || only.has(n));
    await probe.close();
    const results = await pool(names, jobs, async (n) => {
      const r = await runScenario(browser, base, n);
      process.stderr.write(`${spec} ${n}: ${r.lines.length} messages, ${r.caught.length} caught, ${r.ms} ms\n`);
      return r;
    });
    server.close();
    const [pkg, version] = spec.split('@');
    const file = `${pkg}-${version}.txt`;
    // With --only, the other scenarios' blocks of an existing file are kept as they are.
    const blocksOut = new Map(only ? readBlocks(path.join(outDir, file)) : []);
    const rec = (captured[spec] = only ? captured[spec] ?? {} : {});
    names.forEach((n, i) => {
      blocksOut.set(n, results[i].lines.join('\n'));
      rec[n] = results[i].caught;
    });
    const order = allNames.filter((n) => blocksOut.has(n));
    let text = `# ${spec} in ${chromeVersion} (headless), the DevTools console of each scenario as copied.\n` +
      `# Generated by scripts/extract/devtools.mjs; scenarios in scripts/extract/devtools/app.js.\n`;
    for (const n of order) text += `=== scenario: ${n}\n${blocksOut.get(n)}\n`;
    fs.writeFileSync(path.join(outDir, file), text);
    process.stderr.write(`wrote ${path.relative(process.cwd(), path.join(outDir, file))}\n`);
  }
} finally {
  await browser.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
// re-read: another run (other versions, --only) may have written it meanwhile
const latest = fs.existsSync(capturedFile) ? JSON.parse(fs.readFileSync(capturedFile, 'utf8')) : {};
for (const spec of specs.length ? specs : DEFAULT_SPECS) latest[spec] = captured[spec];
const sorted = Object.fromEntries(Object.keys(latest).sort().map((k) => [k, latest[k]]));
fs.writeFileSync(capturedFile, JSON.stringify(sorted, null, 1) + '\n');
