#!/usr/bin/env node
// Reads every published trtc-js-sdk (4.x) bundle and records, for each ErrorCode key, which versions
// construct an RtcError with it, and where.
//
//   node scripts/extract/web4.mjs [--cache DIR] [--out FILE] [--versions 4.3.2,4.15.22]
//
// Needs Node 20 and npm (npm view / npm pack against the registry) and tar. No other dependencies.
// Packages are unpacked under --cache (default $TMPDIR/trtc-js-sdk-cache) and reused on later runs.
// Output (default tests/fixtures/sdk/web4/raised.json) is self-contained: CI reads it without network.
//
// How a bundle is read (all of it is minified; every identifier below is found per version):
//   * the ErrorCode map:   <M>={INVALID_PARAMETER:4096,...}
//   * the RtcError class:  the function expression whose constructor defaults the code to <M>.UNKNOWN
//                          (`void 0===x?<M>.UNKOWN:x`); its name is recorded as <R>
//   * a construction:      every `new <R>(` ... `)` (balanced); each `<M>.KEY` inside it (but not inside a
//                          nested `new <R>(`) is a code that construction can carry. Constructions whose
//                          code is not a `<M>.KEY` (re-wrapping `code:e.code`) are listed under `dynamic`.
//   * other `<M>.KEY` uses outside constructions are counted (comparisons, `case`, …) but are not raises.
//   * `message:<fn>({key:<V>` is resolved to the message key string <V>="KEY" and, when the message table
//     holds a plain string for it, that template.
// Sites are grouped per code by a signature: the enclosing method, the message (text, or message key
// with the builder's literal data argument),
// the message key's template text, and the extraCode expression (identifiers the minifier renames are
// blanked). A site whose message or extraCode changed between versions is therefore split into one group
// per form, so a version range read off a group is the range of that exact form. Each group lists the
// versions that have it, and keeps the snippet of the newest one.
//   * withheld codes: a code that is still constructed but that Client filters out of the error event
//     (`getCode()!==<M>.KEY` before the emit) is not raised to the application in that version; see
//     WITHHELD. Those versions are listed under constructed_in_versions, not raised_in_versions.
// condition_note comes from NOTES below (our own reading of the code around the snippet); a site with no matching note gets "" and a warning.

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
const out = opt('--out', path.join(repo, 'tests/fixtures/sdk/web4/raised.json'));
const onlyVersions = opt('--versions', null);

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
    if (fs.existsSync(f)) return { file: name, src: fs.readFileSync(f, 'utf8') };
  }
  throw new Error(`${version}: no trtc.js / trtc.esm.js in the package`);
}

const ID = '[A-Za-z_$][\\w$]*';
const esc = (s) => s.replace(/[$]/g, '\\$');

// Index just past the bracket matching the one at `open` (s[open] is '(' '[' or '{').
// Skips string and template literals; good enough for minified output.
function matchClose(s, open) {
  const stack = [];
  const pairs = { '(': ')', '[': ']', '{': '}' };
  for (let i = open; i < s.length && i < open + 20000; i++) {
    const c = s[i];
    if (c === '"' || c === "'") {
      for (i++; i < s.length && s[i] !== c; i++) if (s[i] === '\\') i++;
    } else if (c === '`') {
      for (i++; i < s.length && s[i] !== '`'; i++) if (s[i] === '\\') i++;
    } else if (pairs[c]) stack.push(pairs[c]);
    else if (c === ')' || c === ']' || c === '}') {
      if (stack.pop() !== c) return -1;
      if (stack.length === 0) return i + 1;
    }
  }
  return -1;
}

// End of the expression starting at i: the first ',' or closing bracket at depth 0.
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
    } else if (c === ',' && depth === 0) return i;
  }
  return -1;
}

// The class method (babel keeps `{key:"name",value:<fn>}`) whose body contains pos, or null.
function enclosingMethod(src, pos) {
  const look = src.slice(Math.max(0, pos - 60000), pos);
  const base = pos - look.length;
  const cands = [...look.matchAll(/\{key:"([\w$]+)",(?:get|value):/g)].reverse().slice(0, 12);
  for (const m of cands) {
    const start = base + m.index + m[0].length;
    const end = exprEnd(src, start, pos + 60000);
    if (end > pos) return m[1];
  }
  return null;
}

function readBundle(version) {
  const { file, src } = bundleOf(version);
  const mapRe = new RegExp(`(${ID})=\\{(INVALID_PARAMETER:4096,[^}]*)\\}`);
  const mm = mapRe.exec(src);
  if (!mm) throw new Error(`${version}: no ErrorCode map`);
  const M = mm[1];
  const map = {};
  for (const kv of mm[2].split(',')) {
    const [k, v] = kv.split(':');
    map[k] = Number(v);
  }
  // the RtcError class: `<R>=function(e){...void 0===x?<M>.UNK(N)OWN:x`
  const dflt = new RegExp(`void 0===(${ID})\\?${esc(M)}\\.UNK[N]?OWN:\\1`).exec(src);
  if (!dflt) throw new Error(`${version}: no RtcError constructor`);
  const before = src.slice(Math.max(0, dflt.index - 400), dflt.index);
  const decl = [...before.matchAll(new RegExp(`[,;]\\s*(${ID})=function\\(`, 'g'))].pop();
  if (!decl) throw new Error(`${version}: RtcError class name not found`);
  const R = decl[1];
  const classStart = dflt.index - 400 + decl.index + 1;
  const classEnd = src.indexOf('}(', src.indexOf('getExtraCode', classStart));
  const classSrc = src.slice(classStart, src.indexOf(')', classEnd) + 1);
  const rtcError = {
    class_var: R,
    name: (/\.name=(?:[\w$]+|"[^"]*")/.exec(classSrc) || [''])[0],
    default_name_param: /e\.name/.test(classSrc) && /"RtcError"/.test(classSrc),
    has_getCode: classSrc.includes('"getCode"'),
    has_getExtraCode: classSrc.includes('"getExtraCode"'),
    message_suffix: classSrc.includes('" 0x"') ? '<KEY 0xHEX> appended to the message' : 'message as given',
    constraint: classSrc.includes('.constraint'),
    snippet: classSrc.length > 900 ? classSrc.slice(0, 900) + '…' : classSrc,
  };

  // message key variables: <V>="SOME_KEY"; message table entries SOME_KEY:"text"
  const msgKeyOf = (v) => {
    const m = new RegExp(`[,;\\s{]${esc(v)}="([A-Z0-9_]+)"`).exec(src);
    return m ? m[1] : null;
  };
  const templateOf = (k) => {
    const m = new RegExp(`[{,]${k}:"((?:[^"\\\\]|\\\\.)*)"`).exec(src);
    return m ? m[1] : null;
  };

  // every construction
  const newRe = new RegExp(`new ${esc(R)}\\(`, 'g');
  const spans = [];
  for (let m; (m = newRe.exec(src));) {
    const open = m.index + m[0].length - 1;
    const end = matchClose(src, open);
    spans.push({ start: m.index, open, end: end < 0 ? open + 1 : end });
  }
  const useRe = new RegExp(`(?<![\\w$])${esc(M)}\\.([A-Z0-9_]+)`, 'g');
  const constructions = [];
  const dynamic = [];
  const inside = new Set();
  for (const sp of spans) {
    const body = src.slice(sp.open, sp.end);
    const nested = spans.filter((o) => o !== sp && o.start > sp.start && o.start < sp.end);
    const keys = [];
    for (let m; (m = useRe.exec(body));) {
      const at = sp.open + m.index;
      if (nested.some((o) => at >= o.start && at < o.end)) continue;
      // `x.getCode()===M.KEY` inside the arguments is a test, not the code carried
      const pre = src.slice(at - 3, at);
      if (/[=!]==?$/.test(pre) || src.startsWith('===', at + m[0].length) || src.startsWith('!==', at + m[0].length)) continue;
      keys.push(m[1]);
      inside.add(at);
    }
    const pre = Math.max(0, Math.min(170, 300 - (sp.end - sp.start)));
    let snippet = src.slice(sp.start - pre, sp.end);
    if (snippet.length > 300) snippet = snippet.slice(0, 299) + '…';
    const msg = /message:(?:("(?:[^"\\]|\\.)*")|([\w$]+)\(\{key:([\w$]+))/.exec(body);
    let message = null, message_key = null, template = null;
    if (msg && msg[1]) message = JSON.parse(msg[1]);
    else if (msg && msg[3]) {
      message_key = msgKeyOf(msg[3]);
      if (message_key) template = templateOf(message_key);
    }
    // a literal argument of the message builder (`{key:V,data:"leave room"}`) is part of what it says
    const data = /message:[\w$]+\(\{key:[\w$]+,data:("(?:[^"\\]|\\.)*")/.exec(body);
    const message_data = data ? JSON.parse(data[1]) : null;
    const extra = /extraCode:([^,}]+)/.exec(body);
    // the enclosing class method: babel keeps method names as `{key:"name",value:`
    const meth = enclosingMethod(src, sp.start);
    const rec = { snippet, message, message_key, message_data, template, extra_code: extra ? extra[1] : null, method: meth, pos: sp.start };
    if (keys.length) for (const k of new Set(keys)) constructions.push({ key: k, ...rec });
    else dynamic.push(rec);
  }
  const otherUses = {};
  for (let m; (m = useRe.exec(src));) {
    if (inside.has(m.index)) continue;
    if (m.index >= mm.index && m.index < mm.index + mm[0].length) continue;
    otherUses[m[1]] = (otherUses[m[1]] || 0) + 1;
  }
  return { file, src, M, R, map, rtcError, constructions, dynamic, otherUses };
}

// Our reading of each site: [key, regexp tested on message/message_key/snippet, note]. First match wins.
// A note may be a function of the site (used for the many argument/state checks).
const what = (s) => s.template ?? s.message ?? s.message_key ?? '(message built at run time)';
const NOTES = [
  ['INVALID_PARAMETER', /^(INVALID_ROOMID_INTEGER|roomId must be validate integer)/m, 'join(): integer roomId not in [1, 4294967294] (checked from 4.8.3)'],
  ['INVALID_PARAMETER', /^(INVALID_ROOMID_STRING|roomId must be validate string)/m, 'join(): useStringRoomId is true and roomId is not a valid string (checked from 4.8.3)'],
  ['INVALID_PARAMETER', /^(INVALID_ROLE|role is only valid in live mode)/m, 'switchRole() called on a client not in live mode'],
  ['INVALID_PARAMETER', /./, (s) => `argument check before any network or device work: ${what(s)}`],
  ['INVALID_OPERATION', /^(INVALID_OPERATION_SWITCH_ROLE|please call join\(\) before switchRole)/mi, 'switchRole() called before join() has resolved'],
  ['INVALID_OPERATION', /./, (s) => `call-order/state check: ${what(s)}`],
  ['NOT_SUPPORTED', /NOT_SUPPORTED_WEBRTC|does NOT support WebRTC/, 'join(): the browser lacks WebRTC or can encode neither H.264 nor VP8'],
  ['NOT_SUPPORTED', /does NOT support TRTC/, 'join()/publish(): TRTC.checkSystemRequirements() reported the browser as unsupported'],
  ['NOT_SUPPORTED', /NOT_SUPPORTED_PROFILE|not supported on current browser/, 'setVideoProfile() on a published stream in a browser that cannot change encoding on the fly'],
  ['NOT_SUPPORTED', /SEI_NOT_SUPPORT/, 'sendSEIMessage()/enableSEI: browser cannot insert SEI, or the uplink is not H.264'],
  ['NOT_SUPPORTED', /NOT_SUPPORTED_AUX/, 'publishing an auxiliary stream in a browser that cannot'],
  ['NOT_SUPPORTED', /NOT_SUPPORTED_TRACK/, 'addTrack()/removeTrack()/replaceTrack() in a browser without the needed RTCRtpSender support'],
  ['NOT_SUPPORTED', /NOT_SUPPORTED_SWITCH_DEVICE/, 'switchDevice() in a browser that cannot replace tracks'],
  ['DEVICE_NOT_FOUND', /microphone/i, 'LocalStream.initialize() with audio: no microphone is listed (4.6.2–4.11.6: checked before capture; 4.11.10+: after getUserMedia fails with NotFoundError)'],
  ['DEVICE_NOT_FOUND', /camera/i, 'LocalStream.initialize() with video: no camera is listed (4.6.2–4.11.6: checked before capture; 4.11.10+: after getUserMedia fails with NotFoundError)'],
  ['INITIALIZE_FAILED', /getDisplayMedia/, 'LocalStream.initialize() for screen sharing: getDisplayMedia() rejected; name/message copied from the browser error'],
  ['INITIALIZE_FAILED', /./, 'LocalStream.initialize(): getUserMedia() rejected (any reason not turned into 0x1003); name, message, constraint copied from the DOMException'],
  ['SIGNAL_CHANNEL_SETUP_FAILED', /./, 'WebSocket message: the server answered channel set-up with an error; extraCode = server errorCode (4.3.2–4.11.6: the string "sdkAppId invalid" when the server gave none); join() rejects with it'],
  ['SIGNAL_CHANNEL_ERROR', /WebSocket reconnection failed/, 'WebSocket closed abnormally while reconnecting and the retries (3) are used up'],
  ['SIGNAL_CHANNEL_ERROR', /WebSocket error observed/, 'WebSocket error event on the socket in use while connected'],
  ['SIGNAL_CHANNEL_ERROR', /failed to connect to remote server/, 'WebSocket error on both main and backup sockets while (re)connecting: also on the first connection, when join() rejects with it'],
  ['SIGNAL_CHANNEL_ERROR', /SignalChannel reconnect failed/, 'server answered a WebSocket reconnect with result -1 (4.3.2–4.4.0 wrote SIGNAL_CAHNNEL_ERROR here, so 0xFFFF was raised)'],
  ['ICE_TRANSPORT_ERROR', /fake ICE failure/, 'failIceConnectionForTest(): test hook only'],
  ['ICE_TRANSPORT_ERROR', /./, 'peer connection state failed (or DTLS connect timeout in early versions); 4.3.2–4.6.5 it reaches the error event after the SDK\'s own retries, from 4.6.6 it only starts reconnection'],
  ['JOIN_ROOM_FAILED', /JOIN_ROOM_TIMEOUT|join room timeout/, 'join(): no answer to the join request within 5 s (from 4.15.17 also: WebSocket not connected within 10 s)'],
  ['JOIN_ROOM_FAILED', /^JOIN_ROOM_FAILED$|Failed to join room/m, 'join(): the server answered the join request with a non-zero result; extraCode = that result'],
  ['JOIN_ROOM_FAILED', /REJOIN_ROOM_FAILED|reJoin room/, 'automatic re-join (after a dropped connection) failed; reported on the client error event'],
  ['CREATE_OFFER_FAILED', /./, 'RTCPeerConnection.createOffer() rejected while publishing/subscribing or renegotiating'],
  ['SIGNAL_CHANNEL_RECONNECTION_FAILED', /./, 'WebSocket dropped and the reconnect attempts (30) all failed; client error event'],
  ['UPLINK_RECONNECTION_FAILED', /./, 'uplink peer connection dropped and 30 reconnect attempts failed; client error event, uplink closed'],
  ['DOWNLINK_RECONNECTION_FAILED', /./, 'a downlink peer connection dropped and 30 reconnect attempts failed; client error event, that downlink closed'],
  ['REMOTE_STREAM_NOT_EXIST', /./, 'subscribe(): the remote user unpublished while the subscription was in progress (from 4.15.0 Client.subscribe() re-raises it as 0x404D)'],
  ['CLIENT_BANNED', /./, 'server signalled a ban: "banned" (by admin), "kick" (same userId joined elsewhere), or another reason passed through (4.10.2–4.12.7); client-banned event. From 4.14.3 that event carries {reason, message}, no RtcError'],
  ['SERVER_TIMEOUT', /./, 'server sent the ban/kick signal with a type other than banned/kick; client error event'],
  ['SUBSCRIPTION_TIMEOUT', /./, 'a subscription request got no answer in 5 s, 3 resends included; error event'],
  ['PLAY_NOT_ALLOWED', /./, 'Stream.play()/resume(): the media element play() rejected with NotAllowedError (autoplay policy)'],
  ['DEVICE_AUTO_RECOVER_FAILED', /./, 'after the capturing device was lost, the automatic re-capture failed (4.14.3+: after 10 tries); error event'],
  ['START_PUBLISH_CDN_FAILED', /timeout/, 'startPublishCDNStream(): no server answer in time (4.8.3–4.8.6)'],
  ['START_PUBLISH_CDN_FAILED', /./, 'startPublishCDNStream(): the server answered with a non-zero code (-102083: relayed push not enabled in the console)'],
  ['STOP_PUBLISH_CDN_FAILED', /timeout/, 'stopPublishCDNStream(): no server answer in time (4.8.3–4.8.6)'],
  ['STOP_PUBLISH_CDN_FAILED', /./, 'stopPublishCDNStream(): the server answered with a non-zero code'],
  ['START_MIX_TRANSCODE_FAILED', /timeout/, 'startMixTranscode(): no server answer in time (4.8.3–4.11.6)'],
  ['START_MIX_TRANSCODE_FAILED', /./, 'startMixTranscode(): the server answered with a non-zero code (-102083: relayed push not enabled)'],
  ['STOP_MIX_TRANSCODE_FAILED', /timeout/, 'stopMixTranscode(): no server answer in time (4.8.3–4.11.6)'],
  ['STOP_MIX_TRANSCODE_FAILED', /./, 'stopMixTranscode(): the server answered with a non-zero code'],
  ['NOT_SUPPORTED_H264', /H264DECODE|H\.264 decoding/, 'subscribe(): the server reports the device cannot decode H.264 (77393), or an earlier subscribe already found that'],
  ['NOT_SUPPORTED_H264', /./, 'publish(): the server reports the device cannot encode H.264 (77392 / 1028), or an earlier publish already found that'],
  ['SWITCH_ROLE_FAILED', /TIMEOUT|timeout/, 'switchRole(): no server answer in time (4.11.10+: the request timed out with 0x404B and is re-raised as 0x404A)'],
  ['SWITCH_ROLE_FAILED', /./, 'switchRole(): the server answered with a non-zero code (in the message, not in extraCode)'],
  ['API_CALL_TIMEOUT', /connection timeout/, 'waiting for a peer connection to connect hit the deadline'],
  ['API_CALL_TIMEOUT', /./, 'a signalling request (exchange SDP, update offer, or any request sent with a deadline) got no answer in time'],
  ['SCHEDULE_FAILED', /./, 'join(): the schedule HTTP request failed on both domains after retries; extraCode = the schedule server\'s code, or 0 when the request itself failed'],
  ['API_CALL_ABORTED', /^unsubscribe stream$/m, 'unsubscribe() while that subscribe()\'s downlink was still connecting aborts the subscribe() (4.15.0–4.15.2)'],
  ['API_CALL_ABORTED', /CONNECTION_ABORTED|leave room"/, 'leave() while the SDK was waiting for a peer connection, or while a subscribe() was queued'],
  ['API_CALL_ABORTED', /./, 'subscribe() overtaken: the client left the room or the remote user unpublished (includes 0x4010 re-raised by Client.subscribe())'],
  ['UNKNOWN', /INVALID_PARAM \(|INVALID_PARAM,/, '4.3.2–4.4.0: createClient() check of recordId / pureAudioPushMode written as INVALID_PARAM (not in the map), so the code defaulted to 0xFFFF'],
  ['UNKNOWN', /SIGNAL_CAHNNEL_ERROR/, '4.3.2–4.4.0: server refused a WebSocket reconnect; written as SIGNAL_CAHNNEL_ERROR (not in the map), so 0xFFFF'],
  ['UNKNOWN', /publish timeout|unpublish timeout|update offer timeout/, 'publish()/unpublish()/renegotiation got no answer in time (before 0x404B existed)'],
  ['UNKNOWN', /SIGNAL_RESPONSE_FAILED/, 'publish(): server answered with a non-zero code other than 1028'],
  ['UNKNOWN', /./, 'fallback when a caught error has no RtcError code'],
];

// What the raise ranges alone do not show (our reading, checked in the bundles named).
const CODE_NOTES = {
  ICE_TRANSPORT_ERROR: 'Constructed in every version, but from 4.6.6 Client filters it out of the error event (`!==ICE_TRANSPORT_ERROR`) and starts reconnection; 0x4007/0x4008 report the failure. 4.3.2–4.6.5: reaches the error event after 3 re-publish / 5 refresh attempts.',
  REMOTE_STREAM_NOT_EXIST: 'From 4.15.0 Client.subscribe() catches it and throws 0x404D API_CALL_ABORTED instead (logged as a warning), so applications see 0x4010 only in 4.11.13–4.14.4.',
  CLIENT_BANNED: 'Delivered on the client-banned event, not the error event. From 4.14.3 that event carries {reason, message} (reasons banned, kick, room-disband) and no RtcError is built.',
  SERVER_TIMEOUT: 'Only site: the ban signal handler of 4.3.2–4.8.6, for types other than banned/kick.',
  SIGNAL_CHANNEL_ERROR: 'In 4.3.2–4.4.0 the reconnect-refused site wrote SIGNAL_CAHNNEL_ERROR, a key not in the map, so that error carried 0xFFFF (see UNKNOWN). When the WebSocket fails before join() completes, join() rejects with this error (4.3.2–4.6.4).',
  SCHEDULE_FAILED: 'join() awaits the schedule request before opening the WebSocket (when no proxy and no cached schedule); the message reuses the JOIN_ROOM_FAILED template.',
  SWITCH_ROLE_FAILED: 'Preconditions are checked first: not live mode -> 0x1000, not joined -> 0x1001.',
  JOIN_ROOM_FAILED: 'userSig travels in the WebSocket URL (all versions), in the join request (4.3.2 at least) and in the schedule request (4.12.0+); the bundle cannot show which server rejects a bad one. Integer roomId range is checked client-side from 4.8.3 (0x1000).',
};

// Codes that are constructed but filtered out of Client's error event, per version (our reading of the
// bundles; the test is a regexp count in the minified source, so a later bundle that drops the filter
// shows up as raised again). M is the ErrorCode map's variable in that bundle.
const WITHHELD = {
  // 4.6.6+: uplink `if((r=n.getCode())!==M.ICE_TRANSPORT_ERROR)` and downlink
  // `n!==M.ICE_TRANSPORT_ERROR&&(…emit("error",e))`: the failure only starts reconnection.
  ICE_TRANSPORT_ERROR: (src, M) => (src.match(new RegExp(`!==${esc(M)}\\.ICE_TRANSPORT_ERROR\\b`, 'g')) || []).length >= 2,
};

function noteFor(key, site) {
  const hay = `${site.message ?? ''}\n${site.message_key ?? ''}\n${site.message_data ?? ''}\n${site.written_as ?? ''}\n${site.snippet}`;
  for (const [k, re, note] of NOTES) if (k === key && re.test(hay)) return typeof note === 'function' ? note(site) : note;
  return '';
}

// signature of a site: what it says, not how the minifier spelled it
function signature(c) {
  return `${c.method ?? '?'}|${messageSignature(c)}|${templateSignature(c)}|${extraSignature(c)}`;
}
// The template a message key stood for in that version: a key whose text changed is a new form.
function templateSignature(c) {
  return c.template == null ? '' : `tpl:${c.template.toLowerCase().replace(/[^a-z0-9{} ]/g, '').trim()}`;
}
// The extraCode expression with minified local names blanked (`t.code` and `e.code` are one form;
// `t.code||"sdkAppId invalid"` is another). Property names after a dot are kept.
function extraSignature(c) {
  if (c.extra_code == null) return 'extra:none';
  return `extra:${c.extra_code.replace(/(?<![.\w$])[A-Za-z_$][\w$]*/g, (w) => (/^(void|null|undefined|true|false)$/.test(w) ? w : '_'))}`;
}
function messageSignature(c) {
  if (c.message_key) return `key:${c.message_key}${c.message_data != null ? `(${c.message_data})` : ''}`;
  if (c.message != null) return `msg:${c.message.toLowerCase().replace(/[^a-z0-9 ]/g, '').trim()}`;
  const body = c.snippet.slice(c.snippet.indexOf('new '));
  return `src:${body.replace(/[A-Za-z_$][\w$]*/g, (w) => (/^[A-Z_]{4,}$|^(message|code|extraCode|name|concat)$/.test(w) ? w : '_')).slice(0, 120)}`;
}

const versions = listVersions();
const codes = {};
const rtcErrorByVersion = {};
const dynamicSites = {};
const warnings = [];
for (const v of versions) {
  const b = readBundle(v);
  process.stderr.write(`${v}: ${b.file} map=${b.M} RtcError=${b.R} constructions=${b.constructions.length} dynamic=${b.dynamic.length}\n`);
  rtcErrorByVersion[v] = b.rtcError;
  for (const [k, val] of Object.entries(b.map)) {
    const c = (codes[val] ??= { value: val, hex: '0x' + val.toString(16).toUpperCase(), keys: [], defined_in_versions: [], raised_in_versions: [], constructed_in_versions: [], withheld_in_versions: [], groups: {}, other_uses_newest: 0 });
    if (!c.keys.includes(k)) c.keys.push(k);
    c.defined_in_versions.push(v);
    c.other_uses_newest = b.otherUses[k] || 0;
  }
  for (const con of b.constructions) {
    if (!(con.key in b.map)) {
      // `code:M.NOT_A_KEY` is undefined, and the constructor defaults an undefined code to UNKNOWN
      const unk = 'UNKNOWN' in b.map ? 'UNKNOWN' : 'UNKOWN';
      warnings.push(`${v}: construction with ${con.key}, which is not in the map: raises ${unk}`);
      con.written_as = `${b.M}.${con.key} (not in the map, so the code defaults to ${unk})`;
      con.key = unk;
    }
    const c = codes[b.map[con.key]];
    if (!c.constructed_in_versions.includes(v)) c.constructed_in_versions.push(v);
    const withheld = WITHHELD[con.key]?.(b.src, b.M);
    if (withheld) {
      if (!c.withheld_in_versions.includes(v)) c.withheld_in_versions.push(v);
    } else if (!c.raised_in_versions.includes(v)) c.raised_in_versions.push(v);
    const sig = signature(con);
    const g = (c.groups[sig] ??= { versions: [], sites: {} });
    if (!g.versions.includes(v)) g.versions.push(v);
    g.sites[v] ??= [];
    g.sites[v].push(con);
  }
  for (const d of b.dynamic) {
    const sig = signature(d);
    const g = (dynamicSites[sig] ??= { versions: [], newest: null });
    if (!g.versions.includes(v)) g.versions.push(v);
    g.newest = { version: v, method: d.method, snippet: d.snippet, message: d.message, message_key: d.message_key };
  }
}

const range = (vs) => (vs.length ? `${vs[0]}–${vs[vs.length - 1]}` : null);
const result = {
  generated_by: 'scripts/extract/web4.mjs',
  package: 'trtc-js-sdk',
  versions_read: versions,
  rtc_error: {
    note: 'RtcError(options) extends Error, name "RtcError"; options {code (default UNKNOWN), message, extraCode (default 0)}. getCode() and getExtraCode() are methods in every version read, but index.d.ts (shipped from 4.11.13) declares only getCode(). From 4.3.10 the message gets " <KEY 0xHEX>" appended; from 4.11.13 options.name (kept from the DOMException) and options.constraint.',
    by_version: Object.fromEntries(Object.entries(rtcErrorByVersion).map(([v, r]) => [v, { class_var: r.class_var, has_getCode: r.has_getCode, has_getExtraCode: r.has_getExtraCode, name: r.default_name_param ? 'options.name, default "RtcError"' : r.name, message: r.message_suffix, constraint: r.constraint }])),
    first: { version: versions[0], snippet: rtcErrorByVersion[versions[0]].snippet },
    newest: { version: versions[versions.length - 1], snippet: rtcErrorByVersion[versions[versions.length - 1]].snippet },
  },
  codes: {},
  dynamic_constructions: Object.values(dynamicSites).map((g) => ({ versions: range(g.versions), ...g.newest })),
  warnings,
};
let id = 0;
for (const c of Object.values(codes).sort((a, b) => a.value - b.value)) {
  const k = c.keys[c.keys.length - 1]; // newest spelling
  const raised = c.raised_in_versions.sort(cmpVer);
  const sites = [];
  for (const g of Object.values(c.groups)) {
    g.versions.sort(cmpVer);
    const newest = g.versions[g.versions.length - 1];
    for (const s of g.sites[newest]) {
      const site = {
        id: `${k}#${++id}`,
        version: newest,
        versions: g.versions.length === 1 ? g.versions[0] : range(g.versions),
        version_count: g.versions.length,
        method: s.method ?? undefined,
        message: s.message ?? undefined,
        message_key: s.message_key ?? undefined,
        message_data: s.message_data ?? undefined,
        template: s.template ?? undefined,
        extra_code: s.extra_code ?? undefined,
        written_as: s.written_as,
        snippet: s.snippet,
        condition_note: '',
      };
      site.condition_note = noteFor(k, site);
      if (!site.condition_note) warnings.push(`no condition_note for ${k} site ${site.id} (${site.versions}): ${s.message ?? s.message_key ?? s.snippet.slice(-80)}`);
      sites.push(site);
    }
  }
  sites.sort((a, b) => cmpVer(b.version, a.version) || a.id.localeCompare(b.id));
  const dv = c.defined_in_versions;
  result.codes[k] = {
    value: c.value,
    hex: c.hex,
    keys: c.keys.length > 1 ? c.keys : undefined,
    defined_in: [dv[0], dv[dv.length - 1]],
    raised_in_versions: raised,
    constructed_in_versions: c.constructed_in_versions.length !== raised.length ? c.constructed_in_versions.sort(cmpVer) : undefined,
    withheld_from_error_event_in: c.withheld_in_versions.length ? range(c.withheld_in_versions.sort(cmpVer)) : undefined,
    first_raised: raised[0] ?? null,
    last_raised: raised[raised.length - 1] ?? null,
    not_raised_since: raised.length && raised[raised.length - 1] !== versions[versions.length - 1]
      ? versions[versions.indexOf(raised[raised.length - 1]) + 1] : null,
    other_uses_in_newest: c.other_uses_newest,
    note: CODE_NOTES[k],
    sites,
  };
}
for (const w of warnings) process.stderr.write(`warning: ${w}\n`);
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify(result, null, 1) + '\n');
process.stderr.write(`wrote ${path.relative(process.cwd(), out)}\n`);
