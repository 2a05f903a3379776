#!/usr/bin/env node
// Writes tests/fixtures/mentions/devtools/web4-strings.json: every `String(err)` text that an RtcError
// construction site of every published trtc-js-sdk 4.x bundle can print, with the code it carries.
//
//   node scripts/extract/web4-strings.mjs [--cache DIR] [--node-modules DIR] [--chromium PATH]
//        [--versions 4.3.2,4.15.22] [--out FILE]
//
// Needs what scripts/extract/devtools.mjs needs (Node 20, npm, tar, /usr/bin/chromium, puppeteer-core
// outside the repo, see there). The bundle cache is the one of scripts/extract/web4.mjs (--cache,
// default $TMPDIR/trtc-js-sdk-cache, <cache>/<version>/package/trtc.js), filled with `npm pack`.
//
// How the texts are made: by the bundle's own code, not by re-implementing it. Each bundle is loaded in
// Chromium with one line added at the top of its factory function, `__trtcScope = s => eval(s)`, which
// lets us evaluate code inside the bundle's module scope. Construction sites are found as
// scripts/extract/web4.mjs finds them (the ErrorCode map <M>, the RtcError class <R>, every
// `new <R>({...})`). Each site's argument object is evaluated in that scope with its local variables
// (function parameters, `this`) bound to placeholders that print as `{name}` (the last property read:
// `t.message` -> `{message}`, a bare local -> `{…}`), so the bundle's message templates (the
// `<fn>({key:…,data:{…}})` table, `.concat` chains, the "Refer to:" links, the ` <KEY 0x…>` suffix) run
// for real. A site whose code is a choice (`a ? M.X : M.Y`) is constructed once per code it can carry.
// `String(err)` of the constructed RtcError is the text; err.getCode() the code. A site whose
// argument is not an object literal (re-wrapping another error: `new R(e)`) is counted, not rendered.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const cache = opt('--cache', path.join(os.tmpdir(), 'trtc-js-sdk-cache'));
const out = opt('--out', path.join(repo, 'tests/fixtures/mentions/devtools/web4-strings.json'));
const chromium = opt('--chromium', '/usr/bin/chromium');
const nodeModules = opt('--node-modules', process.env.PUPPETEER_NODE_MODULES ??
  path.resolve(repo, '..', '..', 'scratch', 'devtools', 'node_modules'));
const puppeteer = createRequire(path.join(nodeModules, 'x.js'))('puppeteer-core');

const cmpVer = (a, b) => {
  const x = a.split('.').map(Number), y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
};
function listVersions() {
  const only = opt('--versions', null);
  if (only) return only.split(',').sort(cmpVer);
  const all = JSON.parse(execFileSync('npm', ['view', 'trtc-js-sdk', 'versions', '--json'], { encoding: 'utf8' }));
  return all.filter((v) => /^4\.\d+\.\d+$/.test(v)).sort(cmpVer);
}
function bundleOf(version) {
  const dir = path.join(cache, version);
  const pkg = path.join(dir, 'package');
  if (!fs.existsSync(path.join(pkg, 'package.json'))) {
    fs.mkdirSync(dir, { recursive: true });
    execFileSync('npm', ['pack', '--silent', `trtc-js-sdk@${version}`], { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'] });
    const tgz = fs.readdirSync(dir).find((f) => f.endsWith('.tgz'));
    execFileSync('tar', ['xzf', tgz], { cwd: dir });
  }
  // the UMD build: it runs in a page and sets window.TRTC
  return fs.readFileSync(path.join(pkg, 'trtc.js'), 'utf8');
}

const ID = '[A-Za-z_$][\\w$]*';
const esc = (s) => s.replace(/[$]/g, '\\$');

function matchClose(s, open) {
  const stack = [];
  const pairs = { '(': ')', '[': ']', '{': '}' };
  for (let i = open; i < s.length && i < open + 20000; i++) {
    const c = s[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < s.length && s[i] !== c; i++) if (s[i] === '\\') i++;
    } else if (pairs[c]) stack.push(pairs[c]);
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

// The top-level `name:expr` properties of an object literal's text (`{a:1,b:f(x,y)}`).
function props(obj) {
  const out = [];
  let depth = 0, start = 1;
  for (let i = 1; i < obj.length - 1; i++) {
    const c = obj[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < obj.length && obj[i] !== c; i++) if (obj[i] === '\\') i++;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ',' && depth === 0) { out.push(obj.slice(start, i)); start = i + 1; }
  }
  out.push(obj.slice(start, obj.length - 1));
  return out.filter((p) => p.length).map((p) => {
    const m = /^([\w$]+|"[^"]*"):/.exec(p);
    return m ? { name: m[1].replace(/"/g, ''), expr: p.slice(m[0].length) } : { name: null, expr: p };
  });
}

const KEEP = new Set(('void new typeof instanceof in of true false null undefined function return this var let const ' +
  'if else case switch throw JSON String Number Object Array Math window navigator Date Error Symbol ' +
  'encodeURIComponent parseInt isNaN location document globalThis').split(' '));

// Identifiers read (not property names, not object keys) in an expression's text, strings skipped.
function freeNames(expr) {
  const names = new Set();
  const re = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`|([A-Za-z_$][\w$]*)/g;
  for (let m; (m = re.exec(expr));) {
    if (!m[1]) continue;
    const before = expr[m.index - 1];
    const after = expr.slice(m.index + m[1].length, m.index + m[1].length + 1);
    if (before === '.') continue;
    if (after === ':' && (before === '{' || before === ',')) continue;
    if (/^\d/.test(m[1]) || KEEP.has(m[1])) continue;
    names.add(m[1]);
  }
  return names;
}

// `this` in a site's argument becomes the placeholder `__this`, except inside a string literal: a
// message saying "not supported in this browser" must print as the bundle prints it.
function renameThis(expr) {
  const re = /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|(?<![\w$.])this(?![\w$])/g;
  return expr.replace(re, (m) => (m === 'this' ? '__this' : m));
}

function readSites(version, src) {
  const mm = new RegExp(`(${ID})=\\{(INVALID_PARAMETER:4096,[^}]*)\\}`).exec(src);
  if (!mm) throw new Error(`${version}: no ErrorCode map`);
  const M = mm[1];
  const map = {};
  for (const kv of mm[2].split(',')) {
    const [k, v] = kv.split(':');
    map[k] = Number(v);
  }
  const dflt = new RegExp(`void 0===(${ID})\\?${esc(M)}\\.UNK[N]?OWN:\\1`).exec(src);
  if (!dflt) throw new Error(`${version}: no RtcError constructor`);
  const before = src.slice(Math.max(0, dflt.index - 400), dflt.index);
  const decl = [...before.matchAll(new RegExp(`[,;]\\s*(${ID})=function\\(`, 'g'))].pop();
  const R = decl[1];
  const sites = [];
  let dynamic = 0;
  const newRe = new RegExp(`new ${esc(R)}\\(`, 'g');
  for (let m; (m = newRe.exec(src));) {
    const open = m.index + m[0].length - 1;
    const end = matchClose(src, open);
    if (end < 0) { dynamic++; continue; }
    const arg = src.slice(open + 1, end - 1);
    if (!arg.startsWith('{') || matchClose(arg, 0) !== arg.length) { dynamic++; continue; }
    const ps = props(arg);
    const code = ps.find((p) => p.name === 'code');
    // the codes this construction can carry: every <M>.KEY in its code expression
    const keys = code ? [...new Set([...code.expr.matchAll(new RegExp(`(?<![\\w$])${esc(M)}\\.([A-Z0-9_]+)`, 'g'))].map((k) => k[1]))] : ['(default)'];
    if (!keys.length) { dynamic++; continue; }
    // message functions and message-key variables stay real: `<fn>({key:<V>`
    const real = new Set([M, R]);
    for (const k of arg.matchAll(new RegExp(`(${ID})\\(\\{key:(${ID})`, 'g'))) { real.add(k[1]); real.add(k[2]); }
    for (const key of keys) {
      const parts = ps.map((p) => (p.name === 'code' ? `code:${M}.${key}` : p.name ? `${p.name}:${p.expr}` : p.expr));
      if (key === '(default)') parts.splice(0, parts.length, ...ps.map((p) => (p.name ? `${p.name}:${p.expr}` : p.expr)));
      const obj = renameThis(`{${parts.join(',')}}`);
      const locals = [...freeNames(obj)].filter((n) => !real.has(n));
      sites.push({ key, pos: m.index, obj, locals, known: key in map || key === '(default)' });
    }
  }
  return { M, R, map, sites, dynamic };
}

// ---------------------------------------------------------------- evaluation in the page

function inject(src) {
  const m = /\(this,\(?function\(\)\{/.exec(src);
  if (!m) throw new Error('no UMD factory');
  const at = m.index + m[0].length;
  return `${src.slice(0, at)}globalThis.__trtcScope=function(__s){return eval(__s)};${src.slice(at)}`;
}

function pageEval(R, sites) {
  const ph = (name) => {
    const label = name;
    const f = function () {};
    return new Proxy(f, {
      get(_, p) {
        if (p === Symbol.toPrimitive || p === 'toString' || p === 'valueOf') return () => `{${label}}`;
        if (typeof p === 'symbol') return undefined;
        if (p === 'length') return 0;
        // a run-time string contains nothing we know of (RtcError checks message.includes(suffix))
        if (p === 'includes' || p === 'startsWith' || p === 'endsWith' || p === 'test') return () => false;
        if (p === 'indexOf' || p === 'search') return () => -1;
        return ph(p);
      },
      apply() { return ph('…'); },
      has() { return false; },
    });
  };
  return sites.map((s) => {
    try {
      const fn = globalThis.__trtcScope(`(function(${s.locals.join(',')}){return new ${R}(${s.obj})})`);
      const err = fn(...s.locals.map((n) => (n === '__this' ? ph('…') : ph('…'))));
      // `typeof` of a placeholder is "function" (it must be callable): that is a run-time value too
      const text = String(err).replace(/(received type: )function\b/g, '$1{type}');
      return { text, code: typeof err.getCode === 'function' ? err.getCode() : err.code_ };
    } catch (e) {
      return { error: String(e && e.message || e) };
    }
  });
}

const versions = listVersions();
const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'trtc-web4-strings-'));
const browser = await puppeteer.launch({
  executablePath: chromium, headless: true, userDataDir,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', `--user-data-dir=${userDataDir}`],
});
const byText = new Map();
const perVersion = {};
const failures = [];
try {
  for (const v of versions) {
    const src = bundleOf(v);
    const { M, R, map, sites, dynamic } = readSites(v, src);
    const keyOf = Object.fromEntries(Object.entries(map).map(([k, n]) => [n, k]));
    const bundle = inject(src);
    const server = http.createServer((req, res) => {
      if (req.url === '/trtc.js') { res.writeHead(200, { 'content-type': 'text/javascript' }); res.end(bundle); return; }
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<!doctype html><meta charset="utf-8"><script src="/trtc.js"></script>');
    });
    await new Promise((r) => server.listen(0, '127.0.0.1', r));
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`, { waitUntil: 'load' });
    const results = await page.evaluate(pageEval, R, sites.map(({ obj, locals }) => ({ obj, locals })));
    await page.close();
    server.close();
    let ok = 0;
    results.forEach((r, i) => {
      const s = sites[i];
      if (r.error) { failures.push({ version: v, key: s.key, site: s.obj.slice(0, 200), error: r.error }); return; }
      ok++;
      const key = keyOf[r.code] ?? s.key;
      const rec = byText.get(r.text) ?? { text: r.text, code: r.code, key, versions: [], written_as: s.known ? undefined : `${M}.${s.key}` };
      if (rec.code !== r.code) rec.other_codes = [...new Set([...(rec.other_codes ?? []), r.code])];
      if (!rec.versions.includes(v)) rec.versions.push(v);
      byText.set(r.text, rec);
    });
    perVersion[v] = { sites: sites.length, rendered: ok, not_object_literal: dynamic };
    process.stderr.write(`${v}: ${sites.length} constructions (+${dynamic} re-wrapping), ${ok} rendered\n`);
  }
} finally {
  await browser.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}

const hex = (n) => `0x${n.toString(16).toUpperCase()}`;
const strings = [...byText.values()]
  .map((r) => ({
    text: r.text,
    expect: [r.code, ...(r.other_codes ?? [])].map((c) => `web4:${hex(c)}`),
    key: r.key,
    versions: r.versions.length === versions.length ? 'all' : r.versions.join(','),
    ...(r.written_as ? { written_as: r.written_as } : {}),
    // the whole message is a value from run time (a re-thrown browser error's message): the text
    // alone cannot tell the code; only the suffix (4.3.10+) can
    ...(/^RtcError: (\{[^}]*\}\s*)+($|<)/.test(r.text) ? { message_at_run_time: true } : {}),
  }))
  .sort((a, b) => a.key.localeCompare(b.key) || a.text.localeCompare(b.text));
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({
  generated_by: 'scripts/extract/web4-strings.mjs',
  note: 'String(err) of every RtcError construction site of every trtc-js-sdk 4.x bundle, made by the bundle\'s own RtcError and message templates in Chromium; {name} marks a value known only at run time (the last property read; {…} a bare local). expect: the code the constructed error carries (err.getCode()), catalog display form.',
  versions: versions,
  per_version: perVersion,
  strings,
  failures,
}, null, 1) + '\n');
process.stderr.write(`${strings.length} distinct texts, ${failures.length} sites not rendered; wrote ${path.relative(process.cwd(), out)}\n`);
