#!/usr/bin/env node
// Reads every published trtc-js-sdk (4.x) bundle and writes the message texts its RtcErrors carry,
// as templates with {name} placeholders, to assets/web4-messages.tsv (`KEY<TAB>template`), which the
// mention scanner matches text against (rule 4 for 4.x: messages before 4.6.1 carry no `<KEY 0x…>`).
//
//   node scripts/extract/web4-messages.mjs [--cache DIR] [--out FILE] [--versions 4.3.2,4.15.22]
//
// Node 20 and npm (npm view / npm pack) and tar; no other dependencies. Packages are unpacked under
// --cache (default $TMPDIR/trtc-js-sdk-cache, shared with web4.mjs). CI reads the committed output.
//
// How a message is read: every `new <RtcError>({code:<M>.KEY,…,message:<expr>})` is evaluated with
// every free identifier standing for a placeholder (`"failed to ".concat(t)` → `failed to {t}`);
// message keys (`ZR({key:GT,data:…})`, 4.10+) are looked up in the bundle's message table and its
// function is called with placeholder data. A message held in a variable is read from that
// variable's assignment just before the construction. Messages copied from elsewhere at run time
// (a DOMException's, a server's) have no fixed text and are left out.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const cache = opt('--cache', path.join(os.tmpdir(), 'trtc-js-sdk-cache'));
const out = opt('--out', path.join(repo, 'assets/web4-messages.tsv'));
const onlyVersions = opt('--versions', null);
// Fixed text shorter than this identifies nothing (the scanner's MIN_LITERAL_CHARS).
const MIN_LITERAL = 12;

const cmpVer = (a, b) => {
  const x = a.split('.').map(Number), y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i] - y[i];
  return 0;
};

function listVersions() {
  if (onlyVersions) return onlyVersions.split(',').sort(cmpVer);
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
  for (const name of ['trtc.js', 'trtc.esm.js', 'trtc.umd.js']) {
    const f = path.join(pkg, name);
    if (fs.existsSync(f)) return fs.readFileSync(f, 'utf8');
  }
  throw new Error(`${version}: no trtc.js in the package`);
}

const ID = '[A-Za-z_$][\\w$]*';
const esc = (s) => s.replace(/[$]/g, '\\$');

// Index just past the bracket matching the one at `open`; skips string and template literals.
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

// End of the expression starting at i: the first ',' ';' or closing bracket at depth 0.
function exprEnd(s, i, limit) {
  let depth = 0;
  for (; i < s.length && i < limit; i++) {
    const c = s[i];
    if (c === '"' || c === "'" || c === '`') {
      for (i++; i < s.length && s[i] !== c; i++) if (s[i] === '\\') i++;
    } else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      if (depth === 0) return i;
      depth--;
    } else if ((c === ',' || c === ';') && depth === 0) return i;
  }
  return -1;
}

// ---------------------------------------------------------------- placeholder evaluation

const MARK = Symbol('placeholder');
const REAL = new Set(['String', 'Array', 'Object', 'Number', 'Math', 'Boolean', 'undefined', 'NaN', 'Infinity', 'isNaN', 'parseInt', 'parseFloat', 'Symbol', 'Error']);

// A value that prints as `{name}` wherever the SDK turns it into text, and yields another
// placeholder for any property or call.
function placeholder(name, ctx) {
  const f = function (...a) {
    const arg = a[0];
    // `ZR({key:"KEY",data})`: the bundle's message function, whatever the minifier named it.
    if (arg && typeof arg === 'object' && !arg[MARK] && typeof arg.key === 'string' && ctx.table && arg.key in ctx.table) {
      return render(ctx.table[arg.key], arg.data, ctx);
    }
    return placeholder(name, ctx);
  };
  return new Proxy(f, {
    get(_, p) {
      if (p === MARK) return true;
      if (p === Symbol.toPrimitive || p === 'toString' || p === 'valueOf') return () => `{${name}}`;
      if (typeof p === 'symbol') return undefined;
      return placeholder(/^[A-Za-z_]\w*$/.test(p) ? p : name, ctx);
    },
  });
}

function render(entry, data, ctx) {
  if (typeof entry === 'string') return entry;
  if (typeof entry === 'function') return entry(data === undefined ? placeholder('data', ctx) : data);
  return undefined;
}

// Evaluates `expr` with every free identifier a placeholder, message-key variables their string.
function evaluate(expr, ctx) {
  const scope = new Proxy({}, {
    has: (_, p) => typeof p === 'string' && !REAL.has(p),
    get: (_, p) => {
      if (p === Symbol.unscopables) return undefined;
      if (p === 'JSON') return { stringify: (v) => String(v), parse: () => placeholder('json', ctx) };
      // A module constant (`BI="audience"`, `GT="INVALID_ROOMID_STRING"`) is its string.
      if (ctx.constants.has(p)) return ctx.constants.get(p);
      return placeholder(p, ctx);
    },
  });
  // eslint-disable-next-line no-new-func
  // `this.videoProfile_.width` inside a method: `this` is a placeholder too.
  return new Function('__scope', `with (__scope) { return (${expr}); }`).call(placeholder('this', ctx), scope);
}

// ---------------------------------------------------------------- one bundle

function readBundle(version) {
  const src = bundleOf(version);
  const mm = new RegExp(`(${ID})=\\{(INVALID_PARAMETER:4096,[^}]*)\\}`).exec(src);
  if (!mm) throw new Error(`${version}: no ErrorCode map`);
  const M = mm[1];
  const mapKeys = new Set(mm[2].split(',').map((kv) => kv.split(':')[0]));
  const dflt = new RegExp(`void 0===(${ID})\\?${esc(M)}\\.UNK[N]?OWN:\\1`).exec(src);
  if (!dflt) throw new Error(`${version}: no RtcError constructor`);
  const before = src.slice(Math.max(0, dflt.index - 400), dflt.index);
  const decl = [...before.matchAll(new RegExp(`[,;]\\s*(${ID})=function\\(`, 'g'))].pop();
  if (!decl) throw new Error(`${version}: RtcError class name not found`);
  const R = decl[1];

  // Module constants: names of two or more characters assigned one string literal exactly once
  // (one-letter names are locals the minifier reuses in every function).
  const ctx = { constants: new Map(), table: null };
  const seen = new Map();
  for (const m of src.matchAll(new RegExp(`[,;\\s{](${ID})="([\\w .-]*)"(?=[,;])`, 'g'))) {
    if (m[1].length < 2) continue;
    seen.set(m[1], seen.has(m[1]) && seen.get(m[1]) !== m[2] ? null : m[2]);
  }
  for (const [k, v] of seen) if (v !== null) ctx.constants.set(k, v);
  // The message table (4.10+): `<T>={AVOID_REPEATED_CALL:function(e){…},…}`.
  const tm = /=\{([A-Z][A-Z0-9_]+):(?:function\(|")/g;
  for (let m; (m = tm.exec(src));) {
    const open = m.index + 1;
    const end = matchClose(src, open);
    if (end < 0) continue;
    const body = src.slice(open, end);
    if (!/INVALID_PARAMETER_REQUIRED:|JOIN_ROOM_FAILED:function/.test(body)) continue;
    try {
      ctx.table = evaluate(body, ctx);
    } catch (e) {
      process.stderr.write(`${version}: message table did not evaluate: ${e.message}\n`);
    }
    break;
  }

  const found = [];
  const newRe = new RegExp(`new ${esc(R)}\\(\\{`, 'g');
  for (let m; (m = newRe.exec(src));) {
    const open = m.index + m[0].length - 1;
    const end = matchClose(src, open);
    if (end < 0) continue;
    const body = src.slice(open, end);
    const key = new RegExp(`code:${esc(M)}\\.([A-Z0-9_]+)`).exec(body);
    if (!key) continue;
    const mp = body.search(/[{,]message:/);
    if (mp < 0) continue;
    const start = open + mp + 'message:'.length + 1;
    const stop = exprEnd(src, start, end);
    let expr = src.slice(start, stop);
    // A message held in a variable: its assignment shortly before.
    if (/^[\w$]+$/.test(expr)) {
      const look = src.slice(Math.max(0, m.index - 400), m.index);
      const a = [...look.matchAll(new RegExp(`[,;({\\s]${esc(expr)}=(?!=)`, 'g'))].pop();
      if (!a) continue;
      const from = Math.max(0, m.index - 400) + a.index + a[0].length;
      const to = exprEnd(src, from, m.index);
      if (to < 0) continue;
      expr = src.slice(from, to);
    }
    let text;
    try {
      text = evaluate(expr, ctx);
    } catch {
      continue;
    }
    if (typeof text !== 'string') text = text && text[MARK] ? String(text) : null;
    if (!text) continue;
    // `code:M.NOT_A_KEY` is undefined, which the constructor defaults to UNKNOWN.
    found.push({ key: mapKeys.has(key[1]) ? key[1] : 'UNKNOWN', text });
  }
  return found;
}

// ---------------------------------------------------------------- all bundles

const literalChars = (t) => t.replace(/\{[\w.]+\}/g, '').replace(/\s+/g, '').length;
const rows = new Map(); // `KEY\ttemplate` → versions
for (const v of listVersions()) {
  const found = readBundle(v);
  process.stderr.write(`${v}: ${found.length} messages\n`);
  for (const { key, text } of found) {
    // One line per template: the SDK's line breaks ("\nRefer to: …") split it at the first.
    // Placeholders named by the minifier (`{mC}`, `{i}`) say nothing: they become `{value}`.
    const t = text
      .split('\n')[0]
      .replace(/\t/g, ' ')
      .replace(/\{([\w.]+)\}/g, (w, n) => (n.length <= 3 || /^[a-z]+[A-Z][a-z]?$/.test(n) ? '{value}' : w))
      .trim();
    if (literalChars(t) < MIN_LITERAL) continue;
    const k = key === 'UNKOWN' ? 'UNKNOWN' : key === 'SIGNAL_CAHNNEL_SETUP_FAILED' ? 'SIGNAL_CHANNEL_SETUP_FAILED' : key;
    const row = `${k}\t${t}`;
    if (!rows.has(row)) rows.set(row, []);
    rows.get(row).push(v);
  }
}
const lines = [...rows.entries()]
  .sort(([a], [b]) => a.localeCompare(b))
  .map(([row, vs]) => `${row}\t${vs[0]}–${vs[vs.length - 1]}`);
fs.writeFileSync(
  out,
  `# trtc-js-sdk 4.x RtcError message texts: KEY<TAB>template<TAB>versions (first–last bundle seen).\n` +
    `# Generated by scripts/extract/web4-messages.mjs from all published bundles; {name} is text the SDK\n` +
    `# fills in at run time. Do not edit by hand: re-run the script.\n` +
    lines.join('\n') +
    '\n',
);
process.stderr.write(`${lines.length} templates -> ${path.relative(repo, out)}\n`);
