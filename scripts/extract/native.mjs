#!/usr/bin/env node
// Extract the native SDK error and warning codes (TXLiteAVError, TXLiteAVWarning) from the
// trtc-electron-sdk package on npm. Node 20, no dependencies.
//
// Usage:
//   node scripts/extract/native.mjs                      # npm pack trtc-electron-sdk@latest into a temp dir
//   node scripts/extract/native.mjs --version 13.3.801   # a given version
//   node scripts/extract/native.mjs --dir /path/package  # an already unpacked package (the dir with package.json)
//   node scripts/extract/native.mjs --tgz file.tgz       # a tarball from `npm pack`
//   --out FILE       extract JSON (default tests/fixtures/sdk/native/extract.json)
//   --report FILE    check report JSON (default tests/fixtures/sdk/native/extract-report.json)
//
// What it reads: every .js and .d.ts file of the package (node_modules skipped) that defines
//   exports.TXLiteAVError = { ... }            (JS: key -> numeric literal)
//   export declare const TXLiteAVError: { ... } (d.ts: key -> type, normally `number`)
// and the same for TXLiteAVWarning. The JSDoc block in front of each definition carries a markdown
// table `|KEY|value|text|`; it is parsed too, because the d.ts types every key as `number`, so that
// table is the only place the d.ts states a value.
//
// comment_zh is the `/** ... */` comment the d.ts puts directly in front of a key (only whitespace
// between comment and key). Trimming, exactly:
//   1. drop the leading `/**` and the trailing `*/`;
//   2. split into lines on \n (a \r before \n is dropped);
//   3. on each line drop leading spaces/tabs, then one `*` if the line starts with `*`, then
//      one following space if present;
//   4. drop lines that are empty at the start and the end, join the rest with \n;
//   5. trim leading and trailing ASCII whitespace (space, tab, \r, \n) of the result.
//   Nothing else is touched: inner spaces, full-width punctuation and trailing `。` stay as they are.
// `//` line comments are never used as comment_zh; the JS has a few between keys (section notes);
// they are listed in the report with the key that follows them.
// A key whose d.ts has no `/** */` comment gets comment_zh = null and is listed in the report.
//
// Output (extract.json): {package, version, errors:[{key,value,comment_zh}], warnings:[...]}, in the
// order of the JS object; value is the JS value. Everything else (files, disagreements, missing
// comments, duplicate values, table mismatches) goes to the report file and to stdout.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');
const PKG = 'trtc-electron-sdk';
const ENUMS = [
  { name: 'TXLiteAVError', out: 'errors' },
  { name: 'TXLiteAVWarning', out: 'warnings' },
];

function parseArgs(argv) {
  const a = { out: path.join(repo, 'tests/fixtures/sdk/native/extract.json') };
  a.report = path.join(repo, 'tests/fixtures/sdk/native/extract-report.json');
  for (let i = 0; i < argv.length; i++) {
    const k = argv[i];
    const v = () => {
      if (i + 1 >= argv.length) throw new Error(`${k} needs a value`);
      return argv[++i];
    };
    if (k === '--dir') a.dir = v();
    else if (k === '--tgz') a.tgz = v();
    else if (k === '--version') a.version = v();
    else if (k === '--out') a.out = v();
    else if (k === '--report') a.report = v();
    else if (k === '-h' || k === '--help') {
      console.log(fs.readFileSync(fileURLToPath(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).join('\n'));
      process.exit(0);
    } else throw new Error(`unknown argument ${k}`);
  }
  return a;
}

function unpack(tgz) {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'native-extract-'));
  execFileSync('tar', ['xzf', tgz, '-C', dest]);
  const inner = path.join(dest, 'package');
  return fs.existsSync(path.join(inner, 'package.json')) ? inner : dest;
}

function obtainPackageDir(args) {
  if (args.dir) return path.resolve(args.dir);
  if (args.tgz) return unpack(path.resolve(args.tgz));
  const spec = `${PKG}@${args.version ?? 'latest'}`;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'native-pack-'));
  const out = execFileSync('npm', ['pack', spec, '--silent'], { cwd: tmp, encoding: 'utf8' });
  const name = out.trim().split('\n').pop().trim();
  return unpack(path.join(tmp, name));
}

function walk(dir, acc = []) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'node_modules') continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, acc);
    else if (/\.(d\.ts|js)$/.test(e.name)) acc.push(p);
  }
  return acc;
}

// ---- comment trimming (see header) -------------------------------------------------------------
function trimDocComment(raw) {
  let s = raw;
  if (!s.startsWith('/*') || !s.endsWith('*/')) throw new Error(`not a block comment: ${raw}`);
  s = s.startsWith('/**') ? s.slice(3) : s.slice(2);
  s = s.slice(0, -2);
  let lines = s.split('\n').map((l) => l.replace(/\r$/, ''));
  lines = lines.map((l) => {
    let t = l.replace(/^[ \t]+/, '');
    if (t.startsWith('*')) {
      t = t.slice(1);
      if (t.startsWith(' ')) t = t.slice(1);
    }
    return t;
  });
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  return lines.join('\n').replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}

// ---- a small scanner over an object-literal / type-literal body --------------------------------
// Returns members [{key, valueText, doc, docRaw, lineComments, line}] in source order.
function scanBody(src, start, fileLineOf) {
  // src[start] === '{'
  const members = [];
  let i = start + 1;
  let pendingDoc = null; // raw text of the last block comment, if nothing but whitespace followed it
  let pendingLine = [];
  let depth = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r' || c === '\n') { i++; continue; }
    if (src.startsWith('/*', i)) {
      const end = src.indexOf('*/', i + 2);
      if (end < 0) throw new Error('unterminated comment');
      pendingDoc = src.slice(i, end + 2);
      i = end + 2;
      continue;
    }
    if (src.startsWith('//', i)) {
      const end = src.indexOf('\n', i);
      const text = src.slice(i, end < 0 ? src.length : end).replace(/\r$/, '');
      pendingLine.push(text);
      pendingDoc = null; // a line comment separates a block comment from the key
      i = end < 0 ? src.length : end + 1;
      continue;
    }
    if (c === '}' && depth === 0) return { members, end: i };
    const m = /^([A-Za-z_$][\w$]*|'[^']*'|"[^"]*")\s*:/.exec(src.slice(i, i + 300));
    if (!m) throw new Error(`unexpected text at line ${fileLineOf(i)}: ${src.slice(i, i + 60)}`);
    const key = m[1].replace(/^['"]|['"]$/g, '');
    const line = fileLineOf(i);
    i += m[0].length;
    // value / type up to the next , or ; at depth 0 (or the closing brace)
    let j = i;
    let d = 0;
    while (j < src.length) {
      const ch = src[j];
      if (ch === '{' || ch === '(' || ch === '[' || ch === '<') d++;
      else if (ch === '}' || ch === ')' || ch === ']' || ch === '>') {
        if (d === 0) break;
        d--;
      } else if ((ch === ',' || ch === ';') && d === 0) break;
      else if (src.startsWith('//', j) || src.startsWith('/*', j)) break;
      j++;
    }
    const valueText = src.slice(i, j).trim();
    members.push({
      key,
      valueText,
      docRaw: pendingDoc,
      doc: pendingDoc && pendingDoc.startsWith('/**') ? trimDocComment(pendingDoc) : null,
      plainBlockComment: pendingDoc && !pendingDoc.startsWith('/**') ? pendingDoc : null,
      lineComments: pendingLine,
      line,
    });
    pendingDoc = null;
    pendingLine = [];
    i = j;
    if (src[i] === ',' || src[i] === ';') i++;
  }
  throw new Error('unterminated object');
}

function lineIndex(src) {
  const starts = [0];
  for (let k = 0; k < src.length; k++) if (src[k] === '\n') starts.push(k + 1);
  return (pos) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= pos) lo = mid; else hi = mid - 1;
    }
    return lo + 1;
  };
}

// The JSDoc block immediately before `pos` (only whitespace in between), or null.
function docBefore(src, pos) {
  const before = src.slice(0, pos).replace(/[ \t\r\n]+$/, '');
  if (!before.endsWith('*/')) return null;
  const open = before.lastIndexOf('/**');
  return open < 0 ? null : before.slice(open);
}

// `|KEY|value|text|` rows of a markdown table inside a JSDoc block.
function parseTable(doc) {
  const rows = [];
  if (!doc) return rows;
  for (const l of trimDocComment(doc).split('\n')) {
    const m = /^\|([A-Z][A-Z0-9_]*)\|([^|]*)\|(.*)\|\s*$/.exec(l);
    if (m) rows.push({ key: m[1], valueText: m[2].trim(), text: m[3] });
  }
  return rows;
}

function numericLiteral(t) {
  const s = t.replace(/\s+/g, '');
  if (!/^-?(0[xX][0-9a-fA-F]+|\d+)$/.test(s)) return null;
  const neg = s.startsWith('-');
  const n = Number(neg ? s.slice(1) : s);
  return neg ? -n : n;
}

function findDefinitions(file, src, name) {
  const lineOf = lineIndex(src);
  const isDts = file.endsWith('.d.ts');
  const re = isDts
    ? new RegExp(`export\\s+declare\\s+const\\s+${name}\\s*:\\s*\\{`, 'g')
    : new RegExp(`exports\\.${name}\\s*=\\s*\\{`, 'g');
  const defs = [];
  for (let m; (m = re.exec(src)); ) {
    const brace = m.index + m[0].length - 1;
    const { members } = scanBody(src, brace, lineOf);
    const jsdoc = docBefore(src, m.index);
    defs.push({ file, kind: isDts ? 'd.ts' : 'js', line: lineOf(m.index), members, table: parseTable(jsdoc) });
  }
  return defs;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const dir = obtainPackageDir(args);
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  if (pkg.name !== PKG) console.error(`warning: package.json name is ${pkg.name}, expected ${PKG}`);
  const files = walk(dir).sort();
  const result = { package: pkg.name, version: pkg.version, errors: [], warnings: [] };
  const report = {
    package: pkg.name,
    version: pkg.version,
    comment_trim: 'd.ts `/** */` comment directly before the key: drop `/**` and `*/`; per line drop leading spaces/tabs, one `*`, one following space; drop empty first/last lines; join with \\n; trim ASCII whitespace at both ends. `//` comments are never used.',
    enums: {},
  };

  for (const { name, out } of ENUMS) {
    const defs = [];
    for (const f of files) {
      const src = fs.readFileSync(f, 'utf8');
      if (!src.includes(name)) continue;
      defs.push(...findDefinitions(f, src, name));
    }
    const js = defs.filter((d) => d.kind === 'js');
    const dts = defs.filter((d) => d.kind === 'd.ts');
    const rel = (d) => `${path.relative(dir, d.file)}:${d.line}`;
    const r = {
      js_definitions: js.map(rel),
      dts_definitions: dts.map(rel),
      count: 0,
      value_disagreements: [],
      comment_disagreements_js_vs_dts: [],
      keys_only_in_js: [],
      keys_only_in_dts: [],
      order_differs: false,
      dts_value_source: {},
      missing_comment: [],
      non_literal_values: [],
      duplicate_keys: [],
      duplicate_values: [],
      duplicate_comments: [],
      sign_anomalies: [],
      table: { js: {}, dts: {} },
      line_comments: [],
    };
    if (js.length !== 1 || dts.length !== 1) {
      throw new Error(`${name}: expected one JS and one d.ts definition, found js=${js.map(rel)} d.ts=${dts.map(rel)}`);
    }
    const J = js[0], D = dts[0];
    const jsKeys = J.members.map((m) => m.key);
    const dtsKeys = D.members.map((m) => m.key);
    const dtsBy = new Map(D.members.map((m) => [m.key, m]));
    const jsBy = new Map(J.members.map((m) => [m.key, m]));
    const dtsTable = new Map(D.table.map((t) => [t.key, t]));
    const jsTable = new Map(J.table.map((t) => [t.key, t]));
    r.keys_only_in_js = jsKeys.filter((k) => !dtsBy.has(k));
    r.keys_only_in_dts = dtsKeys.filter((k) => !jsBy.has(k));
    const common = jsKeys.filter((k) => dtsBy.has(k));
    r.order_differs = common.join() !== dtsKeys.filter((k) => jsBy.has(k)).join();
    const seenKey = new Set();
    for (const k of jsKeys) { if (seenKey.has(k)) r.duplicate_keys.push(k); seenKey.add(k); }

    for (const m of J.members) {
      const value = numericLiteral(m.valueText);
      if (value === null) r.non_literal_values.push({ key: m.key, js: m.valueText });
      const d = dtsBy.get(m.key);
      // the value the d.ts states: a numeric literal type, else the row of its JSDoc table
      let dtsValue = null, src = 'none';
      if (d && numericLiteral(d.valueText) !== null) { dtsValue = numericLiteral(d.valueText); src = 'literal type'; }
      else if (dtsTable.has(m.key)) { dtsValue = numericLiteral(dtsTable.get(m.key).valueText); src = 'JSDoc table'; }
      r.dts_value_source[src] = (r.dts_value_source[src] ?? 0) + 1;
      if (src === 'none') (r.dts_value_source.keys_without_dts_value ??= []).push(m.key);
      if (dtsValue !== null && dtsValue !== value) {
        r.value_disagreements.push({ key: m.key, js: value, dts: dtsValue, dts_source: src });
      }
      const comment = d ? d.doc : null;
      if (comment === null) r.missing_comment.push(m.key);
      if (d && m.doc !== d.doc) r.comment_disagreements_js_vs_dts.push({ key: m.key, js: m.doc, dts: d.doc });
      if (m.lineComments.length) r.line_comments.push({ before_key: m.key, comments: m.lineComments });
      if (d && d.plainBlockComment) (r.plain_block_comments ??= []).push({ key: m.key, text: d.plainBlockComment });
      if (out === 'errors' && value !== null && value > 0) r.sign_anomalies.push({ key: m.key, value, note: 'positive error' });
      if (out === 'warnings' && value !== null && value <= 0) r.sign_anomalies.push({ key: m.key, value, note: 'negative or zero warning' });
      result[out].push({ key: m.key, value, comment_zh: comment });
    }
    r.count = result[out].length;

    const byValue = new Map();
    for (const e of result[out]) byValue.set(e.value, [...(byValue.get(e.value) ?? []), e.key]);
    r.duplicate_values = [...byValue].filter(([, ks]) => ks.length > 1).map(([value, keys]) => ({ value, keys }));
    const byComment = new Map();
    for (const e of result[out]) if (e.comment_zh !== null) byComment.set(e.comment_zh, [...(byComment.get(e.comment_zh) ?? []), e.key]);
    r.duplicate_comments = [...byComment].filter(([, ks]) => ks.length > 1).map(([comment_zh, keys]) => ({ comment_zh, keys }));

    // the JSDoc tables (JS and d.ts): rows vs members
    for (const [label, table, members] of [['js', J.table, jsBy], ['dts', D.table, dtsBy]]) {
      const t = { rows: table.length, keys_not_in_table: [], rows_without_key: [], value_mismatch: [], text_differs_from_comment: [] };
      const tb = new Map(table.map((x) => [x.key, x]));
      for (const e of result[out]) {
        const row = tb.get(e.key);
        if (!row) { t.keys_not_in_table.push(e.key); continue; }
        const tv = numericLiteral(row.valueText);
        if (tv !== e.value) t.value_mismatch.push({ key: e.key, table: row.valueText, js: e.value });
        const mem = members.get(e.key);
        if (mem && mem.doc !== row.text) t.text_differs_from_comment.push({ key: e.key, table: row.text, comment: mem.doc });
      }
      t.rows_without_key = table.filter((x) => !jsBy.has(x.key)).map((x) => x.key);
      t.table_order_differs = table.map((x) => x.key).join() !== result[out].filter((e) => tb.has(e.key)).map((e) => e.key).join();
      r.table[label] = t;
    }
    report.enums[name] = r;
  }

  fs.mkdirSync(path.dirname(args.out), { recursive: true });
  fs.writeFileSync(args.out, JSON.stringify(result, null, 2) + '\n');
  fs.mkdirSync(path.dirname(args.report), { recursive: true });
  fs.writeFileSync(args.report, JSON.stringify(report, null, 2) + '\n');

  // summary
  console.log(`${result.package}@${result.version}: ${result.errors.length} errors, ${result.warnings.length} warnings`);
  for (const [name, r] of Object.entries(report.enums)) {
    console.log(`\n${name}  js ${r.js_definitions.join(', ')}  d.ts ${r.dts_definitions.join(', ')}`);
    const { keys_without_dts_value: noVal = [], ...src } = r.dts_value_source;
    console.log(`  where the d.ts states a value: ${JSON.stringify(src)}; ${noVal.length} keys have none in the d.ts (types are \`number\`; listed in the report)`);
    console.log(`  JS/d.ts value disagreements: ${JSON.stringify(r.value_disagreements)}`);
    console.log(`  JS/d.ts comment disagreements: ${r.comment_disagreements_js_vs_dts.length}`);
    console.log(`  keys only in JS: ${JSON.stringify(r.keys_only_in_js)}  only in d.ts: ${JSON.stringify(r.keys_only_in_dts)}  order differs: ${r.order_differs}`);
    console.log(`  missing comment: ${JSON.stringify(r.missing_comment)}`);
    console.log(`  duplicate keys: ${JSON.stringify(r.duplicate_keys)}`);
    console.log(`  duplicate values: ${JSON.stringify(r.duplicate_values)}`);
    console.log(`  duplicate comments: ${JSON.stringify(r.duplicate_comments)}`);
    console.log(`  sign anomalies: ${JSON.stringify(r.sign_anomalies)}`);
    for (const l of ['js', 'dts']) {
      const t = r.table[l];
      console.log(`  ${l} JSDoc table: ${t.rows} rows, ${t.keys_not_in_table.length} keys not in it, rows without key ${JSON.stringify(t.rows_without_key)}, value mismatches ${JSON.stringify(t.value_mismatch)}, text≠comment ${JSON.stringify(t.text_differs_from_comment)}, order differs ${t.table_order_differs}`);
    }
    console.log(`  // comments in JS body: ${JSON.stringify(r.line_comments)}`);
  }
  console.log(`\nwrote ${path.relative(process.cwd(), args.out)} and ${path.relative(process.cwd(), args.report)}`);
}

main();
