#!/usr/bin/env node
// Maintainer script: extracts the TRTC Web SDK 5.x (npm `trtc-sdk-v5`) error data from every
// published version and writes tests/fixtures/sdk/web5/extract.json and examples.txt.
//
//   node scripts/extract/web5.mjs                 # npm pack every version into a temp dir
//   node scripts/extract/web5.mjs --pkgs DIR      # DIR/<version>/package/{trtc.js,index.d.ts} or DIR/*.tgz
//   node scripts/extract/web5.mjs --pkgs DIR --out tests/fixtures/sdk/web5
//
// Node 20, no npm dependencies. Needs `npm` and `tar` only when it packs the versions itself.
// The bundle is minified; everything is found by anchoring on stable strings (enum keys, message
// texts, `static convertFrom`, `() failed `), never on minified identifiers.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { matchBracket, topLevelKeys, topLevelBreak, clip, evalObjectLiteral } from './web5-js.mjs';

const PKG = 'trtc-sdk-v5';
const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..', '..');

// ---------- arguments ----------
const args = process.argv.slice(2);
const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
const outDir = path.resolve(opt('--out') || path.join(repo, 'tests/fixtures/sdk/web5'));
let pkgsDir = opt('--pkgs');

// ---------- versions ----------
function parseVer(v) {
  const [core, pre] = v.split('-');
  return { nums: core.split('.').map(Number), pre: pre ? pre.split('.') : null };
}
export function cmpVer(a, b) {
  const A = parseVer(a), B = parseVer(b);
  for (let i = 0; i < 3; i++) if (A.nums[i] !== B.nums[i]) return A.nums[i] - B.nums[i];
  if (!A.pre && !B.pre) return 0;
  if (!A.pre) return 1;
  if (!B.pre) return -1;
  for (let i = 0; i < Math.max(A.pre.length, B.pre.length); i++) {
    const x = A.pre[i], y = B.pre[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = /^\d+$/.test(x), ny = /^\d+$/.test(y);
    if (nx && ny && +x !== +y) return +x - +y;
    if (nx !== ny) return nx ? -1 : 1;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function obtainPackages() {
  if (pkgsDir) {
    pkgsDir = path.resolve(pkgsDir);
  } else {
    pkgsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'web5-'));
    const versions = JSON.parse(execFileSync('npm', ['view', PKG, 'versions', '--json'], { encoding: 'utf8' }));
    for (const v of versions) {
      execFileSync('npm', ['pack', '--silent', `${PKG}@${v}`, '--pack-destination', pkgsDir], { stdio: ['ignore', 'ignore', 'inherit'] });
    }
  }
  // unpack any tgz that is not unpacked yet
  for (const f of fs.readdirSync(pkgsDir)) {
    const m = /^trtc-sdk-v5-(.+)\.tgz$/.exec(f);
    if (!m) continue;
    const dest = path.join(pkgsDir, m[1]);
    if (!fs.existsSync(path.join(dest, 'package', 'trtc.js'))) {
      fs.mkdirSync(dest, { recursive: true });
      execFileSync('tar', ['xzf', path.join(pkgsDir, f), '-C', dest]);
    }
  }
  const versions = fs.readdirSync(pkgsDir)
    .filter((d) => /^\d+\.\d+\.\d+/.test(d) && fs.existsSync(path.join(pkgsDir, d, 'package', 'trtc.js')))
    .sort(cmpVer);
  if (!versions.length) throw new Error(`no unpacked ${PKG} versions under ${pkgsDir}`);
  return versions;
}

// ---------- per-version extraction ----------
const esc = (s) => s.replace(/[$]/g, '\\$');

function parseEnumNear(src, anchorKey, anchorVal) {
  // TypeScript enum output: X[X.KEY=VALUE]="KEY"
  const m = new RegExp(`\\[([\\w$]+)\\.${anchorKey}=${anchorVal}\\]="${anchorKey}"`).exec(src);
  if (!m) return null;
  const v = esc(m[1]);
  const re = new RegExp(`\\[${v}\\.(\\w+)=(-?[\\w.]+)\\]="(\\w+)"`, 'g');
  // restrict to the enum's own IIFE: from its first entry to `,X)`
  const iife = src.lastIndexOf(`||{})[${m[1]}.`, m.index);
  const start = iife >= 0 && m.index - iife < 20000 ? iife : m.index;
  const end = src.indexOf(`,${m[1]})`, m.index);
  const body = src.slice(start, end > 0 ? end : m.index + 20000);
  const entries = [];
  let r;
  while ((r = re.exec(body))) entries.push({ key: r[1], value: Number(r[2]) });
  return { varName: m[1], entries, offset: start };
}

function parsePublicMap(src) {
  const m = /\{INVALID_PARAMETER:5e3,INVALID_OPERATION:5100,[^{}]*\}/.exec(src);
  if (!m) throw new Error('public ERROR_CODE map not found');
  const out = [];
  for (const [, k, v] of m[0].matchAll(/(\w+):(-?[\w.]+)/g)) out.push({ key: k, value: Number(v) });
  return { entries: out, snippet: m[0] };
}

const PH = (full) => {
  const error = full ? { toString: () => '{error}', name: '{errorName}', message: '{errorMessage}' } : undefined;
  return {
    fnName: '{fnName}',
    key: '{key}',
    value: { userId: '{userId}', streamType: '{streamType}', toString: () => '{value}' },
    type: '{type}',
    rule: { name: '{key}', type: '{type}', instanceOf: '{instanceOf}', values: { join: () => '{values}' }, min: '{min}', max: '{max}' },
    error,
    deviceType: '{deviceType}',
    eventName: '{eventName}',
    reason: '{reason}',
    url: '{url}',
    fnParams: full ? { sdkAppId: '{sdkAppId}' } : {},
  };
};

function stubFor(name) {
  // Free identifiers inside the message functions are small helpers of the bundle; in all
  // versions read the only one reached is the "type of value" helper (`received type: ...`).
  // For real values (examples.txt) it behaves like that helper: Object.prototype.toString, lowercased.
  return (...a) => (a[0] && a[0].toString && a[0].toString() === '{value}' ? '{valueType}'
    : a.length ? Reflect.apply(Object.prototype.toString, a[0], []).replace(/^\[object\s(\w+)\]$/, '$1').toLowerCase() : `{${name}?}`);
}

function renderAll(dict, keys, full) {
  const out = {};
  for (const k of keys) {
    const t = dict[k];
    if (typeof t === 'string') out[k] = t;
    else if (typeof t === 'function') {
      try { out[k] = t(PH(full)); } catch (e) { if (e instanceof ReferenceError) throw e; out[k] = null; }
    }
  }
  return out;
}

function extractDictionary(src, enumKeys) {
  const anchor = src.indexOf('INVALID_PARAMETER(e){let{fnName:t}=e;return"the parameters of the');
  if (anchor < 0) throw new Error('5.x message dictionary not found');
  const open = src.lastIndexOf('{', anchor);
  const dictSrc = src.slice(open, matchBracket(src, open));
  // `var X=A(B({},BASE),{...})`: the 5.x dictionary spreads a base dictionary first.
  const pre = src.slice(open - 80, open);
  const bm = /\(\{\},([\w$]+)\),$/.exec(pre);
  let baseSrc = '{}';
  let baseName = null;
  if (bm) {
    baseName = bm[1];
    const dm = new RegExp(`[,;\\s]${esc(baseName)}=\\{AVOID_REPEATED_CALL`).exec(src) || new RegExp(`[,;\\s]${esc(baseName)}=\\{`).exec(src);
    if (dm) {
      const o = src.indexOf('{', dm.index);
      baseSrc = src.slice(o, matchBracket(src, o));
    }
  }
  const full = `Object.assign({}, ${baseSrc}, ${dictSrc})`;
  const probe = (d) => { renderAll(d, enumKeys, true); renderAll(d, enumKeys, false); };
  const { obj, stubs } = evalObjectLiteral(full, probe, stubFor);
  const a = renderAll(obj, enumKeys, true);
  const b = renderAll(obj, enumKeys, false);
  const templates = {};
  for (const k of enumKeys) {
    const list = [a[k], b[k]].filter((x) => typeof x === 'string');
    if (list.length) templates[k] = [...new Set(list)];
  }
  return { dict: obj, templates, stubs, baseName, ownKeys: topLevelKeys(dictSrc).map((x) => x.key) };
}

function extractErrorClass(src) {
  const i = src.indexOf('static convertFrom(');
  if (i < 0) throw new Error('convertFrom not found');
  const ctorStart = src.lastIndexOf('constructor(e){let{code:', i);
  const ctor = src.slice(ctorStart, i);
  const body = src.slice(src.indexOf('{', i), matchBracket(src, src.indexOf('{', i)));
  const b = {};
  const builder = /function\(e\)\{let t,\{code:[\s\S]*?\}\(\{code:[^}]*?,params:/.exec(ctor);
  b.builder_snippet = builder ? clip(builder[0]) : null;
  const codeArg = /\}\(\{code:([^,]+),params:/.exec(ctor);
  b.lookup_code_expr = codeArg ? codeArg[1] : null;
  b.server_error_uses_own_template = !!(codeArg && /SERVER_ERROR\?/.test(codeArg[1]));
  b.appends_thrown_from = ctor.includes('" thrown from "');
  const tf = /[\w$]+\.fnName&&![\w$]+\.includes\([\w$]+\.fnName\)&&[^;]*?" thrown from "\.concat\([^)]*\),"\(\)"\)\)/.exec(ctor);
  b.thrown_from_snippet = tf ? clip(tf[0]) : null;
  const nm = /this\.name=([\w$]+)\[([\w$]+)\]/.exec(ctor);
  b.name_snippet = nm ? nm[0] : null;
  const h = /5302===this\.extraCode[\s\S]*?e\.href\.length>0&&e\.click\(\)\}\)/.exec(ctor);
  b.handler_5302 = h
    ? {
        snippet: clip(h[0]),
        condition: /5302===this\.extraCode&&([^&]*&&)?[^(]*\.message\.includes\("(\w+)"\)/.exec(h[0]) ? 'extraCode 5302 and originError.message includes "system"' : null,
        windows_urls: [...h[0].matchAll(/"(ms-settings:[^"]*)"\.concat\(\{([^}]*)\}/g)].map((x) => ({ prefix: x[1], by_function: x[2] })),
        mac_urls: [...h[0].matchAll(/"(x-apple\.systempreferences:[^"]*)"\.concat\(\{([^}]*)\}/g)].map((x) => ({ prefix: x[1], by_function: x[2] })),
      }
    : null;
  return { ctor, body, info: b };
}

function parseConversion(body, internal, pub) {
  const publicByValue = new Map(pub.map((e) => [e.value, e.key]));
  const publicByKey = new Map(pub.map((e) => [e.key, e.value]));
  const sw = body.indexOf('switch(');
  const open = body.indexOf('{', body.indexOf(')', sw));
  const inner = body.slice(open + 1, matchBracket(body, open) - 1);
  const labelRe = /case ([\w$]+)\.(\w+):|default:/g;
  const labels = [];
  let r;
  // only labels at depth 0 of the switch body
  while ((r = labelRe.exec(inner))) {
    const before = inner.slice(0, r.index);
    let depth = 0;
    for (const c of before.replace(/"(?:\\.|[^"\\])*"/g, '""')) { if ('{[('.includes(c)) depth++; else if ('}])'.includes(c)) depth--; }
    if (depth === 0) labels.push({ key: r[2] || 'default', start: r.index, end: r.index + r[0].length });
  }
  const rows = [];
  for (let i = 0; i < labels.length; i++) {
    let text = '';
    let chain = 0;
    for (let j = i; j < labels.length; j++) {
      chain++;
      const seg = inner.slice(labels[j].end, j + 1 < labels.length ? labels[j + 1].start : inner.length);
      const br = topLevelBreak(seg);
      text += br >= 0 ? seg.slice(0, br) : seg;
      if (br >= 0) break;
    }
    const row = { web4_key: labels[i].key };
    if (internal && internal.has(labels[i].key)) row.web4_code = internal.get(labels[i].key);
    // apply assignments in order
    let code = null; let extra = null; const notes = [];
    if (chain > 1 && /\.(code|extraCode)=/.test(inner.slice(labels[i].end, labels[i + 1] ? labels[i + 1].start : inner.length))) notes.push('falls through into the next case without break; later assignments there win');
    const assignRe = /\.(code|extraCode|message|messageParams)=((?:function\(e\)\{[\s\S]*?\}\([\w$.]+\))|[^,;]+)/g;
    let a;
    while ((a = assignRe.exec(text))) {
      const [, field, val] = a;
      if (field === 'code') {
        const m = /\.(\w+)$/.exec(val); code = m ? m[1] : val;
      } else if (field === 'extraCode') {
        const cond = /getCode\(\)===[\w$]+\.(\w+)&&\($/.exec(text.slice(Math.max(0, a.index - 80), a.index).replace(/[\w$]+$/, ''));
        if (cond && cond[1] !== labels[i].key) continue;
        if (/getExtraCode\(\)/.test(val)) extra = "the internal error's extraCode (the server's result code)";
        else if (/^function/.test(val)) extra = `by DOMException name: ${[...val.matchAll(/case"(\w+)":t=(\d+)/g)].map((x) => `${x[1]}→${x[2]}`).join(', ')}, otherwise ${(/default:t=(\d+)/.exec(val) || [])[1]}`;
        else if (/\?(\d+):(\d+)/.test(val)) { const m = /\?(\d+):(\d+)/.exec(val); extra = `${m[1]} if the message names H.264 encoding, else ${m[2]}`; }
        else extra = Number(val);
      } else if (field === 'message') notes.push('keeps the internal error message');
      else if (field === 'messageParams') notes.push('passes the call parameters (fnParams) to the message');
    }
    if (/[\w$]+\.name&&\([\w$]+\.extraCode=/.test(text)) notes.push('extraCode only when the original error has a name');
    if (code === null) code = 'UNKNOWN_ERROR';
    if (/^\d+$/.test(code)) code = publicByValue.get(Number(code)) || code;
    row.web5_key = code;
    if (publicByKey.has(code)) row.web5_code = publicByKey.get(code);
    if (extra !== null) row.extraCode = extra;
    if (notes.length) row.notes = notes;
    row.snippet = clip(text.trim(), 240);
    rows.push(row);
  }
  return rows;
}

function extractLogFormat(src) {
  const out = {};
  const i = src.indexOf('.convertFrom.call(this,');
  if (i < 0) return out;
  const seg = src.slice(i - 200, i + 900);
  const m = /\(""\.concat\([\w$]+,"\(\) failed "\)[^;]*?" params: "\)\.concat\(JSON\.stringify\([^)]*\)\)\)/.exec(seg);
  out.failed_line_snippet = m ? clip(m[0]) : null;
  const code = /let [\w$]+=\([\w$]+=[\w$]+\.convertFrom\.call\([^)]*\)\)\.extraCode\|\|[\w$]+\.code,[\w$]+=null!=\([^)]*\)&&[^?]*\?"":" code:"\.concat\([\w$]+\)/.exec(seg);
  out.code_suffix = !!code;
  out.code_suffix_snippet = code ? clip(code[0]) : null;
  out.abort_logged_as_warn = /\[[\w$]+\?"warn":"error"\]/.test(seg) && /OPERATION_ABORT/.test(seg);
  const pre = src.slice(Math.max(0, i - 3000), i);
  out.call_counter = /[\w$]+=\+\+[\w$]+;/.test(pre) && /"\(\) "\)\.concat\([\w$]+\)/.test(pre);
  const gp = /getPrefix\(e\)\{[^}]*\}/.exec(src);
  out.prefix_snippet = gp ? clip(gp[0]) : null;
  const ch = /t\.unshift\("\["\.concat\(this\.isLocal\?"↑":"↓"\)[^)]*\)[^;]*?"\]"\)\)/.exec(src) || /\.unshift\("\["\.concat\([^;]{0,200}"\]"\)\)/.exec(src);
  out.logger_id_snippet = ch ? clip(ch[0]) : null;
  const lv = /\[[\w$]+\.TRACE=0\]="TRACE"[^)]*?="ERROR"/.exec(src);
  out.levels_snippet = lv ? clip(lv[0], 160) : null;
  const tag = /PRINT_LOG_TAG\?console\[[\w$]+\]\([^)]*\)/.exec(src);
  out.tag_snippet = tag ? clip(tag[0]) : null;
  return out;
}

// Literal throw sites of extraCodes, with the API (validation-rule key) they sit in when known.
function throwSites(src, extraValues, publicByKey = new Map()) {
  const rulesAt = src.indexOf('{create:[{name:"RoomConfig"');
  let rules = null;
  if (rulesAt >= 0) {
    const end = matchBracket(src, rulesAt);
    rules = { start: rulesAt, end, keys: topLevelKeys(src.slice(rulesAt, end)).map((k) => ({ key: k.key, pos: k.pos + rulesAt })) };
  }
  const apiAt = (pos) => {
    if (!rules || pos < rules.start || pos > rules.end) return null;
    let k = null;
    for (const x of rules.keys) if (x.pos < pos) k = x.key;
    return k;
  };
  const callers = (name) => {
    if (!rules || !name) return [];
    const re = new RegExp(`(?<![\\w$.])${esc(name)}(?![\\w$])`, 'g');
    const body = src.slice(rules.start, rules.end);
    const set = new Set();
    let r;
    while ((r = re.exec(body))) { const a = apiAt(rules.start + r.index); if (a) set.add(a); }
    return [...set];
  };
  const sites = {};
  const add = (code, pos, how) => {
    if (!extraValues.has(code)) return;
    let apis = [];
    let via = null;
    const direct = apiAt(pos);
    if (direct) apis = [direct];
    else {
      const back = src.slice(Math.max(0, pos - 700), pos);
      const fm = [...back.matchAll(/function ([\w$]+)\(|[,{ ]([\w$]{1,3})=\{type:/g)].pop();
      via = fm ? fm[1] || fm[2] : null;
      apis = callers(via);
    }
    (sites[code] = sites[code] || []).push({ how, apis, via, snippet: clip(src.slice(Math.max(0, pos - 160), pos + 60), 240) });
  };
  let r;
  const re1 = /extraCode:(-?\d{4,6})\b/g;
  while ((r = re1.exec(src))) add(Number(r[1]), r.index, 'extraCode literal');
  const re2 = /[.\w$]extraCode=(-?\d{4,6})\b/g;
  while ((r = re2.exec(src))) add(Number(r[1]), r.index, 'convertFrom assignment');
  const re3 = /case"(\w+Error)":t=(53\d\d)/g;
  while ((r = re3.exec(src))) add(Number(r[2]), r.index, `convertFrom: DOMException ${r[1]}`);
  const re4 = /\?(520[34]):(520[34])/g;
  while ((r = re4.exec(src))) { add(Number(r[1]), r.index, 'convertFrom: NOT_SUPPORTED_H264'); add(Number(r[2]), r.index, 'convertFrom: NOT_SUPPORTED_H264'); }
  // the parameter validator: `s(5001)` where s builds {code:INVALID_PARAMETER,extraCode:e,...}
  const vm = /function ([\w$]+)\(e\)\{return\{code:[\w$]+\.INVALID_PARAMETER,extraCode:e,/.exec(src);
  if (vm) {
    const re5 = new RegExp(`(?<![\\w$.])${esc(vm[1])}\\((50\\d\\d)\\)`, 'g');
    while ((r = re5.exec(src))) add(Number(r[1]), r.index, 'parameter validator');
  }
  // explicit messages given next to the extraCode (the dictionary template is then not used); a
  // `.concat(…)` argument may hold one level of parentheses (`String(r)`)
  const explicit = {};
  const MSG = '("(?:\\\\.|[^"\\\\])*"(?:\\.concat\\((?:[^()]|\\([^()]*\\))*\\))*)';
  const re6 = new RegExp(`extraCode:(-?\\d{4,6}),message:${MSG}`, 'g');
  while ((r = re6.exec(src))) (explicit[r[1]] = explicit[r[1]] || new Set()).add(r[2]);
  const re7 = new RegExp(`message:${MSG},extraCode:(-?\\d{4,6})`, 'g');
  while ((r = re7.exec(src))) (explicit[r[2]] = explicit[r[2]] || new Set()).add(r[1]);
  // 5998 thrown with its own message and no extraCode (`code:X.OPERATION_ABORT,message:…`). Other
  // public codes have such messages too (5000, 5100, …); they are left out until the catalog decides
  // how a public code lists messages that come with many different extraCodes.
  const re8 = new RegExp(`code:[\\w$]+\\.(OPERATION_ABORT),message:${MSG}(?=[,})])(?!,extraCode)(?:,fnName:([\\w$]+))?`, 'g');
  while ((r = re8.exec(src))) {
    const value = publicByKey.get(r[1]);
    if (value === undefined) continue;
    const m = r[3] ? `${r[2]} /*fnName:${r[3]}*/` : r[2];
    (explicit[value] = explicit[value] || new Set()).add(m);
  }
  return { sites, explicit: Object.fromEntries(Object.entries(explicit).map(([k, v]) => [k, [...v].map((x) => clip(x, 200))])), validatedApis: rules ? rules.keys.map((k) => k.key) : [] };
}

function parseDts(dts) {
  const out = { throws: {}, error_event_extra_codes: null, handler_doc: null };
  const start = dts.search(/declare class TRTC\b/);
  if (start < 0) return out;
  const end = dts.indexOf('\n}\n', start);
  const cls = dts.slice(start, end > 0 ? end : undefined);
  const re = /\/\*\*([\s\S]*?)\*\/\s*\n\s*(static\s+)?([A-Za-z_]\w*)\s*[<(]/g;
  let r;
  while ((r = re.exec(cls))) {
    const doc = r[1];
    const t = doc.indexOf('@throws');
    if (t < 0) continue;
    const rest = doc.slice(t + 7);
    const stop = rest.search(/\n\s*\*\s*@(?!link)/);
    const block = stop >= 0 ? rest.slice(0, stop) : rest;
    const codes = [...new Set([...block.matchAll(/ERROR_CODE\.(\w+)/g)].map((m) => m[1]))];
    const api = `TRTC.${r[3]}()`;
    out.throws[api] = codes;
  }
  const ev = /Possible extended error codes \(error\.extraCode\):\s*([\d, ]+)/.exec(dts);
  if (ev) out.error_event_extra_codes = ev[1].split(/[ ,]+/).filter(Boolean).map(Number);
  const h = /For the following errors, you can call error\.handler\(\)[\s\S]{0,200}?extraCode: (\d+)/.exec(dts);
  if (h) out.handler_doc = { extraCode: Number(h[1]), text: 'd.ts RtcError.handler: "For the following errors, you can call error.handler() for recovering." lists DEVICE_ERROR extraCode ' + h[1] };
  return out;
}

function extractVersion(dir, version) {
  const src = fs.readFileSync(path.join(dir, 'package', 'trtc.js'), 'utf8');
  const dtsPath = path.join(dir, 'package', 'index.d.ts');
  const dts = fs.existsSync(dtsPath) ? fs.readFileSync(dtsPath, 'utf8') : '';
  const pub = parsePublicMap(src);
  const en = parseEnumNear(src, 'INVALID_PARAMETER', '5e3');
  if (!en) throw new Error(`${version}: extraCode enum not found`);
  const internalEnum = parseEnumNear(src, 'JOIN_ROOM_FAILED', '\\d+');
  const internal = new Map(internalEnum ? internalEnum.entries.map((e) => [e.key, e.value]) : []);
  const enumKeys = en.entries.map((e) => e.key);
  const dict = extractDictionary(src, enumKeys);
  const cls = extractErrorClass(src);
  const conversion = parseConversion(cls.body, internal, pub.entries);
  const publicValues = new Set(pub.entries.map((e) => e.value));
  const extraValues = new Set(en.entries.map((e) => e.value).filter((v) => !publicValues.has(v)));
  const ts = throwSites(src, extraValues, new Map(pub.entries.map((e) => [e.key, e.value])));
  return {
    version,
    prerelease: version.includes('-'),
    public: pub.entries,
    public_snippet: clip(pub.snippet),
    enum: en.entries,
    templates: dict.templates,
    stubs: dict.stubs,
    errorClass: cls.info,
    conversion,
    log: extractLogFormat(src),
    sites: ts.sites,
    explicit: ts.explicit,
    validatedApis: ts.validatedApis,
    dts: parseDts(dts),
    dict: dict.dict,
  };
}

// ---------- aggregation ----------
// `"plugin ".concat(String(r)," is not found")` → `plugin {name} is not found`: the SDK's own text
// with each run-time value written as {name}. Names: `x.message` → message; the variable the same
// construction passes as fnName → fnName; `String(x)` right after "plugin " → name; else → value.
// A plain literal (no .concat) is returned as null: it is usable as it stands.
function renderConcat(expr) {
  const fm = / \/\*fnName:([\w$]+)\*\/$/.exec(expr);
  const fn = fm ? fm[1] : null;
  const body = fm ? expr.slice(0, fm.index) : expr;
  const lit = /^"((?:\\.|[^"\\])*)"/.exec(body);
  if (!lit || !body.includes('.concat(')) return null;
  let out = JSON.parse(`"${lit[1]}"`);
  let i = lit[0].length;
  while (body.startsWith('.concat(', i)) {
    i += '.concat('.length;
    const args = [];
    let depth = 0, start = i;
    for (; i < body.length; i++) {
      const c = body[i];
      if (c === '"') { for (i++; i < body.length && body[i] !== '"'; i++) if (body[i] === '\\') i++; }
      else if (c === '(') depth++;
      else if (c === ')') { if (depth === 0) break; depth--; }
      else if (c === ',' && depth === 0) { args.push(body.slice(start, i)); start = i + 1; }
    }
    args.push(body.slice(start, i));
    i++; // past ')'
    for (const a of args) {
      if (/^"(?:\\.|[^"\\])*"$/.test(a)) out += JSON.parse(a);
      else if (/\.message$/.test(a)) out += '{message}';
      else if (fn && a === fn) out += '{fnName}';
      else if (/^String\(/.test(a) && out.endsWith('plugin ')) out += '{name}';
      else out += '{value}';
    }
  }
  return i >= body.length ? out : null;
}

function ranges(versions, all) {
  // compress a list of versions into "a–b" runs over the ordered list `all`
  const idx = versions.map((v) => all.indexOf(v)).sort((a, b) => a - b);
  const out = [];
  for (let i = 0; i < idx.length; i++) {
    let j = i;
    while (j + 1 < idx.length && idx[j + 1] === idx[j] + 1) j++;
    out.push(i === j ? all[idx[i]] : `${all[idx[i]]}–${all[idx[j]]}`);
    i = j;
  }
  return out.join(', ');
}

function aggregate(per) {
  const all = per.map((p) => p.version);
  const newest = all[all.length - 1];
  const publicValues = new Set(per.flatMap((p) => p.public.map((e) => e.value)));
  const byValue = new Map();
  const note = (value, version, key, kind) => {
    if (!byValue.has(value)) byValue.set(value, { value, kind, versions: [], keys: new Map(), templates: new Map(), raised: new Map(), explicit: new Map() });
    const e = byValue.get(value);
    e.versions.push(version);
    if (!e.keys.has(key)) e.keys.set(key, []);
    e.keys.get(key).push(version);
  };
  for (const p of per) {
    for (const e of p.public) note(e.value, p.version, e.key, 'code');
    for (const e of p.enum) if (!publicValues.has(e.value)) note(e.value, p.version, e.key, 'extraCode');
    for (const e of p.enum) {
      const agg = byValue.get(e.value);
      if (!agg || agg.kind === 'code' && !p.public.some((x) => x.key === e.key)) continue;
      const t = JSON.stringify(p.templates[e.key] || []);
      if (!agg.templates.has(t)) agg.templates.set(t, []);
      agg.templates.get(t).push(p.version);
      const s = p.sites[e.value];
      if (s) agg.raised.set(p.version, s);
      if (p.explicit[e.value]) agg.explicit.set(JSON.stringify(p.explicit[e.value]), (agg.explicit.get(JSON.stringify(p.explicit[e.value])) || []).concat(p.version));
    }
  }
  const newestP = per[per.length - 1];
  const entries = [];
  for (const e of [...byValue.values()].sort((a, b) => (a.kind === b.kind ? a.value - b.value : a.kind === 'code' ? -1 : 1))) {
    const keysNewestFirst = [...e.keys.entries()].sort((a, b) => cmpVer(b[1][b[1].length - 1], a[1][a[1].length - 1]));
    const key = keysNewestFirst[0][0];
    const last = e.versions[e.versions.length - 1];
    const out = {
      kind: e.kind,
      value: e.value,
      key,
      parent: e.kind === 'extraCode' ? parentOf(e.value) : undefined,
      first_version: e.versions[0],
      last_version: last === newest ? null : last,
      versions: ranges(e.versions, all),
      keys: keysNewestFirst.map(([k, vs]) => ({ key: k, versions: ranges(vs, all), first: vs[0], last: vs[vs.length - 1] })),
      templates: [...e.templates.entries()].map(([t, vs]) => ({ texts: JSON.parse(t), versions: ranges(vs, all) })),
    };
    if (e.kind === 'code') {
      const apis = Object.entries(newestP.dts.throws).filter(([, cs]) => cs.includes(key)).map(([a]) => a);
      out.apis = apis;
      out.apis_source = `index.d.ts @throws of ${PKG}@${newest}`;
      const firstSeen = {};
      for (const p of per) for (const [a, cs] of Object.entries(p.dts.throws)) if (cs.includes(key) && !firstSeen[a]) firstSeen[a] = p.version;
      out.apis_first_documented = firstSeen;
    } else {
      const raisedVs = [...e.raised.keys()];
      out.raised_in = raisedVs.length ? ranges(raisedVs, all) : null;
      const latest = e.raised.get(raisedVs[raisedVs.length - 1]);
      if (latest) {
        out.raised_how = [...new Set(latest.map((s) => s.how))];
        out.apis = [...new Set(latest.flatMap((s) => s.apis))].map((a) => `TRTC.${a}()`);
        out.throw_snippets = [...new Map(latest.map((s) => [s.snippet, s])).values()].slice(0, 3).map((s) => ({ via: s.via || undefined, snippet: s.snippet }));
      }
      if (newestP.dts.error_event_extra_codes && newestP.dts.error_event_extra_codes.includes(e.value)) out.dts_error_event = true;
    }
    // messages thrown with the code itself (extraCode literal, or a public code with no extraCode)
    if (e.explicit.size) out.explicit_messages = [...e.explicit.entries()].map(([m, vs]) => {
      const messages = JSON.parse(m);
      const templates = messages.map(renderConcat).filter((t) => t !== null);
      return templates.length ? { messages, templates, versions: ranges(vs, all) } : { messages, versions: ranges(vs, all) };
    });
    entries.push(out);
  }
  return { entries, all, newest };
}

function parentOf(v) {
  if (v < 0) return 5400; // server result codes named in the dictionary (ACCOUNT_NO_MONEY) come under SERVER_ERROR
  return Math.floor(v / 100) * 100 === 5900 ? 5999 : Math.floor(v / 100) * 100;
}

function groupBy(per, fn) {
  const m = new Map();
  for (const p of per) {
    const k = JSON.stringify(fn(p));
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(p.version);
  }
  return [...m.entries()].map(([k, vs]) => ({ versions: ranges(vs, per.map((p) => p.version)), value: JSON.parse(k) }));
}

// group versions by the boolean/non-snippet fields; keep the snippets of the group's newest version
function groupByFeatures(per, fn) {
  const feat = (o) => JSON.stringify(Object.fromEntries(Object.entries(o).filter(([k]) => !/snippet/.test(k)).map(([k, v]) => [k, v && v.snippet ? { ...v, snippet: undefined } : v])));
  const m = new Map();
  for (const p of per) {
    const o = fn(p);
    const k = feat(o);
    if (!m.has(k)) m.set(k, { vs: [], last: null });
    m.get(k).vs.push(p.version);
    m.get(k).last = o;
  }
  const all = per.map((p) => p.version);
  return [...m.values()].map((g) => ({ versions: ranges(g.vs, all), ...g.last }));
}

// ---------- examples: the real dictionary functions of the newest version, plausible values ----------
const EXAMPLES = [
  [5001, { key: 'sdkAppId', fnName: 'enterRoom', value: undefined }],
  [5002, { key: 'userId', fnName: 'enterRoom', value: 12345, rule: { type: 'string' } }],
  [5003, { key: 'userSig', fnName: 'enterRoom', value: '' }],
  [5004, { key: 'videoTrack', fnName: 'startLocalVideo', value: 'track', rule: { instanceOf: { name: 'MediaStreamTrack' } } }],
  [5005, { key: 'scene', fnName: 'enterRoom', value: 'meeting', rule: { values: ['live', 'rtc'] } }],
  [5007, { key: 'captureVolume', fnName: 'startLocalAudio', value: -1, rule: { min: 0 } }],
  [5008, { key: 'earMonitorVolume', fnName: 'startLocalAudio', value: 150, rule: { max: 100 } }],
  [5009, { key: 'view', fnName: 'startLocalVideo' }],
  [5012, { key: 'strRoomId', fnName: 'enterRoom' }],
  [5013, { key: 'roomId', fnName: 'enterRoom' }],
  [5014, { fnName: 'stopRemoteVideo' }],
  [5015, { fnName: 'enterRoom' }],
  [5016, { key: 'roomId', fnName: 'enterRoom' }],
  [5017, { key: 'buffer', fnName: 'sendSEIMessage' }],
  [5018, { fnName: 'sendSEIMessage' }],
  [5019, { key: 'roomId', fnName: 'switchRoom' }],
  [5020, { key: 'strRoomId', fnName: 'switchRoom' }],
  [5101, { fnName: 'sendSEIMessage' }],
  [5102, { fnName: 'startRemoteVideo', value: { userId: 'user_b', streamType: 'main' } }],
  [5103, { fnName: 'startRemoteVideo', value: { userId: 'user_b', streamType: 'sub' } }],
  [5104, { fnName: 'enterRoom' }],
  [5106, { fnName: 'startPlugin' }],
  [5107, { fnName: 'sendCustomMessage', key: 'message' }],
  [5108, { fnName: 'sendSEIMessage' }],
  [5109, { fnName: 'sendSEIMessage', key: 'toSubStream' }],
  [5205, { fnName: 'startScreenShare' }],
  [5207, { fnName: 'sendSEIMessage' }],
  [5301, { fnName: 'startLocalVideo', error: 'NotFoundError: Requested device not found' }],
  [5302, { fnName: 'startLocalAudio', error: 'NotAllowedError: Permission denied' }],
  [5303, { fnName: 'startLocalVideo', error: 'NotReadableError: Could not start video source' }],
  [5304, { fnName: 'startLocalVideo', error: 'OverconstrainedError: ' }],
  [5305, { fnName: 'startLocalAudio', error: 'InvalidStateError: The document is not fully active' }],
  [5306, { fnName: 'startScreenShare', error: 'SecurityError: The request is not allowed' }],
  [5307, { fnName: 'startLocalVideo', error: 'AbortError: Starting videoinput failed' }],
  [5308, { error: { name: 'NotReadableError', message: 'Could not start video source' } }],
  [5309, { error: { name: 'NotReadableError', message: 'Could not start audio source' } }],
  [5501, {}],
  [5503, { eventName: 'remote-video-available' }],
  [5504, { reason: 'webgl-context-lost', error: { name: 'Error', message: 'context lost' } }],
];

function deviceTypeOf(fnName) {
  if (!fnName) return 'camera';
  const t = fnName.toLowerCase();
  return t.includes('screen') ? 'screen share' : t.includes('audio') ? 'microphone' : 'camera';
}

function renderExamples(p) {
  const byValue = new Map(p.enum.map((e) => [e.value, e.key]));
  const lines = [];
  for (const [extra, given] of EXAMPLES) {
    const key = byValue.get(extra);
    const t = key && p.dict[key];
    if (!t) continue;
    const params = { ...given };
    if (typeof params.error === 'string') { const s = params.error; params.error = { toString: () => s, name: s.split(':')[0], message: s.split(': ')[1] || '' }; }
    else if (params.error) { const o = params.error; params.error = { ...o, toString: () => `${o.name}: ${o.message}` }; }
    if (params.value && typeof params.value === 'object') { const o = params.value; params.value = { ...o, toString: () => '[object Object]' }; }
    params.rule = { name: params.key, ...(given.rule || {}) };
    params.deviceType = deviceTypeOf(params.fnName);
    let msg = typeof t === 'function' ? t(params) : t;
    // the constructor's suffix (versions that have it) when fnName is not already in the message
    if (p.errorClass.appends_thrown_from && params.fnName && !msg.includes(params.fnName)) {
      if (msg[msg.length - 1] !== '.') msg += '.';
      msg += ` thrown from ${params.fnName}()`;
    }
    lines.push(`${parentOf(extra)}\t${extra}\t${msg}`);
  }
  return lines;
}

// ---------- main ----------
function main() {
  const versions = obtainPackages();
  const per = versions.map((v) => extractVersion(path.join(pkgsDir, v), v));
  const { entries, all, newest } = aggregate(per);
  const newestP = per[per.length - 1];
  const typeHelperStub = [...new Set(per.flatMap((p) => p.stubs))];
  const extract = {
    package: PKG,
    generated_by: 'scripts/extract/web5.mjs',
    versions_read: all.map((v) => ({ version: v, prerelease: v.includes('-') })),
    newest: newest,
    placeholders: {
      note: 'templates are produced by calling the bundle\'s own message functions with placeholder arguments; {valueType} is the bundle\'s type-of helper applied to the received value; when a function has an optional part (e.g. `, error: …`), both renderings are listed',
      free_identifiers_stubbed: typeHelperStub,
    },
    public_map: groupBy(per, (p) => p.public).map((g) => ({ versions: g.versions, map: g.value })),
    public_map_snippet: newestP.public_snippet,
    entries,
    conversion: groupBy(per, (p) => p.conversion.map(({ snippet, ...r }) => r)).map((g) => ({ versions: g.versions, table: g.value })),
    conversion_snippets_newest: newestP.conversion.map((r) => ({ web4_key: r.web4_key, snippet: r.snippet })),
    message_builder: groupByFeatures(per, (p) => p.errorClass),
    log_format: groupByFeatures(per, (p) => p.log),
    dts: {
      throws_newest: newestP.dts.throws,
      error_event_extra_codes: newestP.dts.error_event_extra_codes,
      handler_doc: newestP.dts.handler_doc,
    },
    validated_apis_newest: newestP.validatedApis.map((a) => `TRTC.${a}()`),
  };
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(path.join(outDir, 'extract.json'), JSON.stringify(extract, null, 2) + '\n');
  const ex = renderExamples(newestP);
  fs.writeFileSync(path.join(outDir, 'examples.txt'), ex.join('\n') + '\n');
  console.error(`read ${all.length} versions (${all[0]} … ${newest}); ${entries.filter((e) => e.kind === 'code').length} codes, ${entries.filter((e) => e.kind === 'extraCode').length} extraCodes; ${ex.length} examples → ${outDir}`);
}

main();
