#!/usr/bin/env node
// Helps keep tests/fixtures/mentions/devtools/annotations.toml (hand-reviewed) in step with the
// captured consoles that scripts/extract/devtools.mjs writes.
//
//   node scripts/extract/devtools-annotate.mjs --check   exit 1 when an annotation no longer fits
//   node scripts/extract/devtools-annotate.mjs --draft   write annotations.draft.toml next to it
//
// Node 20, no dependencies, no network. The draft applies our reading of the SDKs (the rules in the
// header of annotations.toml) to every message and to the codes each caught error object carried
// (captured.json); it is a starting point: review every entry against the bundles' code maps before it
// replaces annotations.toml. --check verifies what the file claims: every [[block]] exists with its
// message count, every [[block.names]] claims exactly `count` messages, and no message that carries a
// code by construction (a 4.x " <KEY 0x…>" suffix or `"code_":` JSON, a 5.x `KEY: ` error name with its
// caught twin) is left unclaimed.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dir = path.resolve(here, '..', '..', 'tests/fixtures/mentions/devtools');
const mode = process.argv[2];

// ---------------------------------------------------------------- reading the fixtures

// A message starts at a line with a DevTools source prefix (`trtc.js:1 `, `(index):1 `).
const START = /^(\S+\.js|\(index\)|[\w.-]+:\d+):\d+ /;
function blocks(file) {
  const out = new Map();
  let msgs = null;
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    const m = /^=== scenario: (.*)$/.exec(line);
    if (m) { msgs = []; out.set(m[1], msgs); continue; }
    if (!msgs) continue;
    if (START.test(line) || !msgs.length) msgs.push(line);
    else msgs[msgs.length - 1] += '\n' + line;
  }
  for (const ms of out.values()) while (ms.length && ms[ms.length - 1] === '') ms.pop();
  return out;
}

// The subset of TOML annotations.toml is written in: [[block]], [[block.names]], key = value with
// JSON-compatible strings, integers and arrays of strings.
function readAnnotations(file) {
  const blocksOut = [];
  let cur = null;
  for (const [i, raw] of fs.readFileSync(file, 'utf8').split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    if (line === '[[block]]') { blocksOut.push((cur = { names: [] })); continue; }
    if (line === '[[block.names]]') { cur.names.push({}); continue; }
    const m = /^(\w+) = (.*)$/.exec(line);
    if (!m) throw new Error(`${file}:${i + 1}: cannot read ${line}`);
    const target = cur.names.length && !['file', 'scenario', 'messages', 'codes'].includes(m[1]) ? cur.names[cur.names.length - 1] : cur;
    target[m[1]] = JSON.parse(m[2]);
  }
  return blocksOut;
}

const claim = (names, msg) => names.find((n) => msg.includes(n.match));

// ---------------------------------------------------------------- our reading of a message

const KEYS5 = { INVALID_PARAMETER: 5000, INVALID_OPERATION: 5100, ENV_NOT_SUPPORTED: 5200, DEVICE_ERROR: 5300, SERVER_ERROR: 5400, OPERATION_FAILED: 5500, OPERATION_ABORT: 5998, UNKNOWN_ERROR: 5999 };
const hex = (n) => `web4:0x${n.toString(16).toUpperCase()}`;
const TWIN = { 'join-uncaught': 'join-fake-usersig', 'enter-uncaught': 'enter-fake-usersig', 'camera-denied-uncaught': 'camera-denied', 'publish-before-join-uncaught': 'publish-before-join' };

function read4(m, errs) {
  const s = /<([A-Z_]+) 0x([0-9a-fA-F]+)>/.exec(m);
  if (s) return { expect: [hex(parseInt(s[2], 16))], why: `suffix <${s[1]} 0x${s[2]}>: the RtcError code` };
  const j = /"code_":(\d+),"extraCode_":(\d+)/.exec(m);
  if (j) return { expect: [hex(Number(j[1]))], why: `JSON of a 4.x RtcError: code_ ${j[1]} = ${hex(Number(j[1])).slice(5)}` };
  for (const e of errs) {
    if (e.name === 'RtcError' && e.message && m.includes('RtcError: ' + e.message.split('\n')[0].slice(0, 60))) {
      return { expect: [hex(e.code)], why: `4.x RtcError without suffix (before 4.3.10); err.getCode() = ${e.code}` };
    }
  }
  return null;
}

function read5(m, errs) {
  for (const e of errs) {
    const msg = (e.message ?? '').split('\n')[0].slice(0, 50);
    if (e.name in KEYS5 && msg && (m.includes(`${e.name}: ${msg}`) || (m.includes(`"name":"${e.name}"`) && m.includes(msg)))) {
      const expect = [`web5:${e.code}`, ...(e.extraCode ? [`web5:${e.extraCode}`] : [])];
      return { expect, why: `5.x error ${e.name}: err.code ${e.code}${e.extraCode ? `, err.extraCode ${e.extraCode}` : ''}` };
    }
  }
  if (/<([A-Z_]+) 0x([0-9a-fA-F]+)>/.test(m)) {
    const pub = errs.find((e) => e.name === 'OPERATION_FAILED');
    return { expect: pub ? [`web5:${pub.code}`] : ['?'], why: '5.x internal core RtcError (4.x-style suffix); surfaces as the public code' };
  }
  return null;
}

const firstLine = (m) => m.split('\n')[0].replace(START, '').replace(/^(TRTC)?\[\d\d:\d\d:\d\d(:\d+)?\] /, '');

function draftBlock(file, scenario, msgs, captured) {
  const spec = path.basename(file, '.txt').replace(/-(\d[\w.-]*)$/, '@$1');
  let errs = captured[spec]?.[scenario] ?? [];
  if (!errs.length && TWIN[scenario]) errs = captured[spec]?.[TWIN[scenario]] ?? [];
  const v5 = spec.startsWith('trtc-sdk-v5');
  const per = msgs.map((m) => (v5 ? read5 : read4)(m, errs));
  let names = [];
  per.forEach((r, i) => {
    if (!r) return;
    const match = firstLine(msgs[i]).slice(0, 90);
    if (!names.some((n) => n.match === match && String(n.expect) === String(r.expect))) names.push({ match, ...r });
  });
  // fold an entry into a shorter one it contains with the same codes; longer matches first
  names.sort((a, b) => a.match.length - b.match.length);
  names = names.filter((n, i) => !names.slice(0, i).some((x) => n.match.includes(x.match) && String(x.expect) === String(n.expect)));
  names.sort((a, b) => b.match.length - a.match.length);
  for (const n of names) n.count = msgs.filter((m) => claim(names, m) === n).length;
  names = names.filter((n) => n.count);
  // the entries must reproduce the reading of every message
  msgs.forEach((m, i) => {
    const got = claim(names, m)?.expect ?? [];
    if (String(got) !== String(per[i]?.expect ?? [])) throw new Error(`${file} ${scenario}: message ${i} drafts as ${got}, reads as ${per[i]?.expect}`);
  });
  return names;
}

// ---------------------------------------------------------------- main

const files = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
const captured = JSON.parse(fs.readFileSync(path.join(dir, 'captured.json'), 'utf8'));
const q = (v) => JSON.stringify(v);

if (mode === '--draft') {
  const header = fs.existsSync(path.join(dir, 'annotations.toml'))
    ? fs.readFileSync(path.join(dir, 'annotations.toml'), 'utf8').split('\n[[block]]')[0] : '# draft\n';
  let out = header.replace(/\n+$/, '\n');
  for (const f of files) {
    for (const [scenario, msgs] of blocks(path.join(dir, f))) {
      const names = draftBlock(f, scenario, msgs, captured);
      const codes = [...new Set(names.flatMap((n) => n.expect))].sort();
      out += `\n[[block]]\nfile = ${q(f)}\nscenario = ${q(scenario)}\nmessages = ${msgs.length}\ncodes = ${q(codes)}\n`;
      for (const n of names) out += `[[block.names]]\nmatch = ${q(n.match)}\nexpect = ${q(n.expect)}\ncount = ${n.count}\nwhy = ${q(n.why)}\n`;
    }
  }
  fs.writeFileSync(path.join(dir, 'annotations.draft.toml'), out);
  process.stderr.write('wrote annotations.draft.toml: review it against the bundles before it replaces annotations.toml\n');
} else if (mode === '--check') {
  const ann = readAnnotations(path.join(dir, 'annotations.toml'));
  const problems = [];
  let messages = 0, claimed = 0, mentions = 0;
  const seen = new Set();
  for (const b of ann) {
    const key = `${b.file} ${b.scenario}`;
    seen.add(key);
    const msgs = fs.existsSync(path.join(dir, b.file)) ? blocks(path.join(dir, b.file)).get(b.scenario) : null;
    if (!msgs) { problems.push(`${key}: no such block`); continue; }
    if (msgs.length !== b.messages) problems.push(`${key}: ${msgs.length} messages, annotated ${b.messages}`);
    messages += msgs.length;
    for (const n of b.names) {
      const c = msgs.filter((m) => claim(b.names, m) === n).length;
      if (c !== n.count) problems.push(`${key}: "${n.match}" claims ${c} messages, annotated ${n.count}`);
      claimed += c;
      mentions += c * n.expect.length;
    }
    for (const m of msgs) {
      const carries = /<[A-Z_]+ 0x[0-9a-fA-F]+>|"code_":\d+/.test(m) || /^\S+:\d+ (Uncaught \(in promise\) |String\(err\): )?(INVALID_PARAMETER|INVALID_OPERATION|ENV_NOT_SUPPORTED|DEVICE_ERROR|SERVER_ERROR|OPERATION_FAILED|OPERATION_ABORT|UNKNOWN_ERROR): /.test(m);
      if (carries && !claim(b.names, m)) problems.push(`${key}: unannotated message carrying a code: ${m.split('\n')[0].slice(0, 120)}`);
    }
  }
  for (const f of files) for (const s of blocks(path.join(dir, f)).keys()) if (!seen.has(`${f} ${s}`)) problems.push(`${f} ${s}: block not annotated`);
  for (const p of problems) process.stderr.write(`${p}\n`);
  process.stderr.write(`${ann.length} blocks, ${messages} messages, ${claimed} name codes (${mentions} code mentions), ${problems.length} problems\n`);
  process.exit(problems.length ? 1 : 0);
} else {
  process.stderr.write('usage: devtools-annotate.mjs --check | --draft\n');
  process.exit(2);
}
