#!/usr/bin/env node
// Extracts, from the published TRTC SDK bundles, the code that shapes what a developer sees in the
// console when something fails: how RtcError builds its message / toString, the SDK logger's prefix,
// and the SDK's own log statements around failed join / publish / subscribe / play / switchRole /
// initialize. Writes short verbatim snippets (<= 300 chars) to tests/fixtures/mentions/shapes.json,
// each with the package version, where it was found, and what it produces (our words).
//
// Node 20, no dependencies. Inputs are npm tarballs (`npm pack trtc-js-sdk@4.15.22`), unpacked
// package folders, or package specs (`trtc-sdk-v5@5.17.1`, fetched with `npm pack` into a temp dir):
//
//   node scripts/extract/log-shapes.mjs trtc-js-sdk@4.3.14 trtc-js-sdk@4.15.22 \
//        trtc-sdk-v5@5.8.3 trtc-sdk-v5@5.8.6 trtc-sdk-v5@5.17.1 trtc-electron-sdk@13.3.801
//
// Options: --out FILE (default tests/fixtures/mentions/shapes.json), --check (exit 1 if a shape
// expected for a package is not found; always on), --print (also print the JSON).
//
// The `produces` texts are hand-written from reading the snippets; the script checks each snippet
// is still present in the bundle it names, so a re-run against the same versions reproduces the file.

import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import vm from "node:vm";

const MAX = 300;

// ---------------------------------------------------------------- reading packages

function readTgz(file) {
  const buf = zlib.gunzipSync(fs.readFileSync(file));
  const files = new Map();
  let off = 0;
  let longName = null;
  while (off + 512 <= buf.length) {
    const header = buf.subarray(off, off + 512);
    if (header.every((b) => b === 0)) break;
    const str = (a, b) => header.subarray(a, b).toString("utf8").replace(/\0.*$/s, "");
    let name = str(0, 100);
    const prefix = str(345, 500);
    if (prefix) name = `${prefix}/${name}`;
    const size = parseInt(str(124, 136).trim() || "0", 8);
    const type = String.fromCharCode(header[156] || 48);
    const body = buf.subarray(off + 512, off + 512 + size);
    if (type === "x") {
      const m = /\d+ path=([^\n]+)\n/.exec(body.toString("utf8"));
      if (m) longName = m[1];
    } else if (type === "0" || type === "\0") {
      files.set(longName || name, body);
      longName = null;
    }
    off += 512 + Math.ceil(size / 512) * 512;
  }
  return files;
}

function readDir(dir) {
  const files = new Map();
  const walk = (d, rel) => {
    for (const ent of fs.readdirSync(d, { withFileTypes: true })) {
      if (ent.name === "node_modules") continue;
      const p = path.join(d, ent.name);
      const r = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) walk(p, r);
      else files.set(r, fs.readFileSync(p));
    }
  };
  const base = fs.existsSync(path.join(dir, "package", "package.json")) ? dir : path.dirname(dir);
  walk(path.join(base, "package"), "package");
  return files;
}

function load(arg) {
  if (fs.existsSync(arg)) {
    return fs.statSync(arg).isDirectory() ? readDir(arg) : readTgz(arg);
  }
  // A package spec: fetch it with the ordinary npm client.
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "log-shapes-"));
  const out = execFileSync("npm", ["pack", arg, "--pack-destination", tmp, "--silent"], {
    encoding: "utf8",
  });
  const name = out.trim().split("\n").pop();
  return readTgz(path.join(tmp, name));
}

// ---------------------------------------------------------------- shapes

// Each shape: which package, which file(s), an anchor regex, how much context to keep around it,
// and what the code produces. `versions` limits a shape to a version range (inclusive, semver-ish).
const SHAPES = [
  // ---- trtc-js-sdk 4.x -------------------------------------------------------------------
  {
    id: "rtc_error.message",
    pkg: "trtc-js-sdk",
    re: /" 0x"\)\.concat\([a-z]\.toString\(16\),"> https:[^"]*"\)|<\$\{function\(e\)\{for\(let t in [\w$]+\)[^`]*? 0x\$\{[\w$]+\.toString\(16\)\}>`|"<"\.concat\(function\(e\)\{for\(var t in [A-Za-z_]+\)[^;]*?" 0x"\)\.concat\([a-z]\.toString\(16\),">"\)/,
    before: 120,
    after: 150,
    produces: {
      "4.3.2-4.8.99":
        "message = `${message} <${KEY} 0x${code.toString(16)}> https://trtc-1252463788.file.myqcloud.com/web/docs/module-ErrorCode.html`. KEY from a hand-written if-chain (4.3.x: code 0x4001 prints SIGNAL_CHANNEL_SETUP_FAILED, code 0x4002 prints SIGNAL_CAHNNEL_ERROR; unknown codes print UNKNOWN). Hex is lower case (0xffff, 0x404a). name = 'RtcError'; no own toString, so String(err) = 'RtcError: ' + message.",
      "4.10.0-4.10.99":
        "message = `${message} <${KEY} 0x${hex}> https://web.sdk.qcloud.com/trtc/webrtc/doc/zh-cn/module-ErrorCode.html`; KEY by reverse lookup in the ErrorCode map, 'UNKNOWN' if absent; hex lower case.",
      "4.11.0-4.11.99":
        "message = `${message}[ constraint: ${constraint}] <${KEY} 0x${hex}>` (no doc URL any more); name may be set by the caller (e.g. a DOMException name for INITIALIZE_FAILED), default 'RtcError'.",
      "4.12.0-4.99.99":
        "message = `${message}[ constraint: ${constraint}]` + (message already includes `<KEY 0xhex>` ? '' : ` <KEY 0xhex>`); hex lower case. String(err) / console stack header = `${name}: ${message}`, name 'RtcError' unless the caller passed one (INITIALIZE_FAILED passes the DOMException name, e.g. 'NotAllowedError').",
    },
  },
  {
    id: "rtc_error.name",
    pkg: "trtc-js-sdk",
    re: /name="RtcError",[a-z]\.message_=[a-z]|name:e="RtcError",message:t|name:[a-z]=void 0===[a-z]\?"RtcError":[a-z]|[a-z]=void 0===[a-z]\?"RtcError":[a-z]/,
    before: 60,
    after: 120,
    produces: {
      "4.0.0-4.99.99":
        "err.name is 'RtcError' (settable by the caller from 4.11 on); getCode() returns the number (16388), getExtraCode() the server code or 0. No toString override: String(err) is Error.prototype.toString → 'RtcError: <message>'.",
    },
  },
  {
    id: "error_code_map",
    pkg: "trtc-js-sdk",
    re: /(?:INVALID_PARAMETER:4096,INVALID_OPERATION:4097,NOT_SUPPORTED:4098)/,
    before: 10,
    after: 290,
    produces: {
      "4.0.0-4.99.99":
        "ErrorCode map: decimal values (16388 = 0x4004). 4.3.x spells 0x4001 SIGNAL_CAHNNEL_SETUP_FAILED and 0xFFFF UNKOWN; later versions SIGNAL_CHANNEL_SETUP_FAILED and UNKNOWN.",
    },
  },
  {
    id: "logger.prefix",
    pkg: "trtc-js-sdk",
    re: /toTimeString\(\)\.replace\(\/\.\*\(\\d\{2\}:\\d\{2\}:\\d\{2\}\)\.\*\/,"\$1"\)/,
    before: 40,
    after: 200,
    produces: {
      "4.3.2-4.8.99":
        "Every SDK log line: `[HH:MM:SS] <LEVEL> <text>` (no milliseconds), LEVEL upper-case ERROR/WARN/INFO/DEBUG, printed with console.error/warn/info/log.",
      "4.9.0-4.99.99":
        "Every SDK log line: `[HH:MM:SS:mmm] <LEVEL> <text>` (colon before 3-digit ms). In Chrome it is printed as console[level]('%cTRTC%c%s', style, 'display: inline', line), so the console shows a blue 'TRTC' badge then the line; copy-paste gives `TRTC [16:38:04:016] <ERROR> ...` or just the line.",
    },
  },
  {
    id: "logger.module_prefix",
    pkg: "trtc-js-sdk",
    re: /log:`\[\$\{this\.isLocal_\?"↑":"↓"\}\$\{this\.id_\}\] [^`]*`|"\[".concat\(this\.directionPrefix_\)\.concat\(this\.id_,"\] "\)\.concat\(this\.type_," "\)/,
    before: 40,
    after: 120,
    produces: {
      "4.3.2-4.8.99":
        "Module loggers add `[<*>c|<userId>] <type> ` after the level (c| client, s| stream, n| connection; '*' marks remote; type is '' for the client so there are two spaces).",
      "4.12.0-4.99.99":
        "Module loggers add `[↑<id>] ` (↓ for remote) after the level: client `[↑c1|alice]`, stream `[↑s1|alice]`, signal `[↑ws|alice]`, uplink/downlink `[↑n|alice]`/`[↓n|alice]` + stream type.",
    },
  },
  {
    id: "log.join_failed",
    pkg: "trtc-js-sdk",
    re: /"Join room failed result: "\+[a-z]+(?:\.[a-z_.]+)*\+" error: "\+[a-z]+(?:\.[a-z_.]+)*/,
    before: 60,
    after: 220,
    produces: {
      "4.3.2-4.8.99":
        "log ERROR `Join room failed result: <server code> error: <server message>`; then rejects with RtcError code JOIN_ROOM_FAILED, extraCode = server code, message `Failed to join room - <server message>` (no code in the message).",
      "4.12.0-4.99.99":
        "log ERROR `[↑c1|alice] Join room failed result: <code> error: <msg>`; rejects with RtcError JOIN_ROOM_FAILED, extraCode = code, message from template JOIN_ROOM_FAILED `Failed to join room - ${error} code: ${code}` + ` \\nRefer to: https://web.sdk.qcloud.com/trtc/webrtc/doc/en/index.html\\n` + ` <JOIN_ROOM_FAILED 0x4004>`.",
    },
  },
  {
    id: "template.join_room_failed",
    pkg: "trtc-js-sdk",
    re: /JOIN_ROOM_FAILED:\(\{error:e,code:t\}\)=>`[^`]*`|JOIN_ROOM_FAILED:function\(e\)\{var t=e\.error,[a-z]=e\.code;return"[^"]*"\.concat\([^;]*?\)\}/,
    before: 0,
    after: 120,
    produces: {
      "4.9.0-4.99.99": "JOIN_ROOM_FAILED message template: `Failed to join room - ${error} code: ${code}` (the server code is written in the message).",
    },
  },
  {
    id: "template.signal_channel_setup_failed",
    pkg: "trtc-js-sdk",
    re: /SignalChannel setup failure: \(/,
    before: 120,
    after: 160,
    produces: {
      "4.3.2-4.8.99":
        "RtcError code SIGNAL_CAHNNEL_SETUP_FAILED (0x4001), no extraCode, message `SignalChannel setup failure: ('errorCode': <code>, 'errorMsg': <msg> })` — the account code (70001, -8…) is only in the message.",
      "4.12.0-4.99.99":
        "RtcError code SIGNAL_CHANNEL_SETUP_FAILED (0x4001), extraCode = server code, message `SignalChannel setup failure: (errorCode: ${errorCode}, errorMsg: ${errorMsg} }).` + doc link + ` <SIGNAL_CHANNEL_SETUP_FAILED 0x4001>`; the signal logger also logs ERROR `[↑ws|alice] <code>, <msg>`.",
    },
  },
  {
    id: "template.doc_link",
    pkg: "trtc-js-sdk",
    re: /" \\nRefer to: "\+[A-Za-z]+\("en",[a-z]\)\+"\\n"/,
    before: 200,
    after: 20,
    produces: {
      "4.12.0-4.99.99":
        "Messages built from the template table get ` \\nRefer to: <doc url>\\n` appended (doc url `https://web.sdk.qcloud.com/trtc/webrtc/doc/en/<Class>.html#<fn>` or `.../en/index.html`), so the `<KEY 0xhex>` tag lands on its own line: `...code: 70001 \\nRefer to: https://...\\n <JOIN_ROOM_FAILED 0x4004>`. With a zh browser and the error-assistance script loaded, Chinese text and `请查看文档: <zh url>` come first.",
    },
  },
  {
    id: "log.publish_failed",
    pkg: "trtc-js-sdk",
    re: /"failed to publish stream(?: "\+[\w$]+|")/,
    before: 150,
    after: 60,
    produces: {
      "4.0.0-4.99.99": "log ERROR `[↑c1|alice] failed to publish stream RtcError: <message> <KEY 0xhex>` (the error stringified with its name).",
    },
  },
  {
    id: "template.subscribe_failed",
    pkg: "trtc-js-sdk",
    re: /SUBSCRIBE_FAILED:\(\{message:e,stream:t\}\)=>`[^`]*`|"failed to subscribe "/,
    before: 0,
    after: 140,
    produces: {
      "4.12.0-4.99.99": "subscribe failure message: `failed to subscribe ${userId} ${type} stream, reason: ${message}.`; the client logs the RtcError at ERROR (or WARN for API_CALL_ABORTED).",
    },
  },
  {
    id: "template.play_failed",
    pkg: "trtc-js-sdk",
    re: /PLAY_FAILED:e=>`[^`]*`|play\(\) error: "\+e\.t0/,
    before: 30,
    after: 140,
    produces: {
      "4.3.2-4.8.99":
        "player logs WARN `<audio> play() error: NotAllowedError: ...`; if the DOMException is NotAllowedError, throws RtcError PLAY_NOT_ALLOWED (0x4043) with message `NotAllowedError: <browser text> <audio>`.",
      "4.12.0-4.99.99":
        "play failure message `${media} play failed，browser exception: ${error.toString()}` (full-width comma U+FF0C) + doc link; logged at WARN; if it contains NotAllowedError, thrown as RtcError PLAY_NOT_ALLOWED → `<PLAY_NOT_ALLOWED 0x4043>`.",
    },
  },
  {
    id: "template.switch_role_failed",
    pkg: "trtc-js-sdk",
    re: /SWITCH_ROLE_FAILED:e=>`[^`]*`/,
    before: 0,
    after: 120,
    produces: {
      "4.12.0-4.99.99":
        "switchRole failure message `switchRole failed, errCode: ${e.code} errMsg: ${e.message}.` — but the caller passes {errMsg, errCode}, so it really prints `switchRole failed, errCode: undefined errMsg: undefined.`; the code is SWITCH_ROLE_FAILED 0x404a (lower-case hex in the tag). Timeouts become the same code with `switchRole timeout.`.",
    },
  },
  {
    id: "log.initialize_failed",
    pkg: "trtc-js-sdk",
    re: /"getUserMedia error observed "\+[a-z]/,
    before: 200,
    after: 60,
    produces: {
      "4.0.0-4.99.99":
        "stream.initialize() failure: log ERROR `[↑s1|alice] getUserMedia error observed NotAllowedError: Permission denied <INITIALIZE_FAILED 0x1004>`; the RtcError's name is the DOMException name, so the console shows `NotAllowedError: Permission denied <INITIALIZE_FAILED 0x1004>`.",
    },
  },
  {
    id: "log.cdn_failed",
    pkg: "trtc-js-sdk",
    re: /startPublishTencentCDN failed, errCode: \$\{[a-z]\}, errMsg: \$\{[a-z]\}/,
    before: 40,
    after: 120,
    produces: {
      "4.12.0-4.99.99": "log ERROR `startPublishTencentCDN failed, errCode: <server code>, errMsg: <msg>` (global logger, no module prefix), then RtcError START_PUBLISH_CDN_FAILED 0x4045.",
    },
  },

  // ---- trtc-sdk-v5 ------------------------------------------------------------------------
  {
    id: "rtc_error.class",
    pkg: "trtc-sdk-v5",
    re: /d\(this,"name","RtcError"\);[^]*?this\.name=[A-Za-z]+\[e\]|this\.name=[A-Za-z]+\[[a-z]\],this\.code=[a-z]/,
    before: 80,
    after: 80,
    produces: {
      "5.0.0-5.99.99":
        "Public RtcError: name = ERROR_CODE key of error.code (INVALID_PARAMETER, SERVER_ERROR, …), code = one of 5000…5999, extraCode, functionName, message. No toString override → String(error) and the console stack header are `${KEY}: ${message}` — e.g. `INVALID_PARAMETER: 'sdkAppId' is a required param when calling enterRoom(), received: undefined.`; no number anywhere.",
    },
  },
  {
    id: "message.builder",
    pkg: "trtc-sdk-v5",
    re: /` thrown from \$\{[a-z]\.fnName\}\(\)`/,
    before: 220,
    after: 40,
    produces: {
      "5.0.0-5.99.99":
        "message = template of the extraCode's key (or of the code's key; for SERVER_ERROR always the 5400 template), then, if the text lacks the API name, `. thrown from ${fnName}()` is appended.",
    },
  },
  {
    id: "template.invalid_parameter_required",
    pkg: "trtc-sdk-v5",
    re: /INVALID_PARAMETER_REQUIRED\(\{key:[a-z],rule:[a-z],fnName:[a-z],value:[a-z]\}\)\{return`[^`]*`\}/,
    before: 0,
    after: 0,
    produces: {
      "5.0.0-5.99.99": "extraCode 5001 message: `'${key}' is a required param when calling ${fnName}(), received: ${value}.` (error.code 5000).",
    },
  },
  {
    id: "template.server_error",
    pkg: "trtc-sdk-v5",
    re: /SERVER_ERROR\(\{fnName:[a-z],error:[a-z]\}\)\{return`[^`]*`\}/,
    before: 0,
    after: 0,
    produces: {
      "5.0.0-5.99.99":
        "code 5400 message: `'${fnName}' got server error: ${error.toString()}, please check the SDK documentation.` where error is the internal 4.x-style RtcError whose toString() returns its original message, e.g. `Failed to join room - <msg> code: 70001`; extraCode = the server code.",
    },
  },
  {
    id: "template.join_room_failed",
    pkg: "trtc-sdk-v5",
    re: /JOIN_ROOM_FAILED\(\{error:[a-z],code:[a-z]\}\)\{return`[^`]*`\}/,
    before: 0,
    after: 0,
    produces: { "5.0.0-5.99.99": "internal JOIN_ROOM_FAILED text `Failed to join room - ${error} code: ${code}` (embedded in the 5400 message)." },
  },
  {
    id: "template.operation_failed",
    pkg: "trtc-sdk-v5",
    re: /OPERATION_FAILED\(\{fnName:[a-z],error:[a-z]\}\)\{return`[^`]*`\}/,
    before: 0,
    after: 0,
    produces: { "5.0.0-5.99.99": "code 5500 message: `'${fnName}' failed, reason: ${error.toString()}`." },
  },
  {
    id: "template.unknown_error",
    pkg: "trtc-sdk-v5",
    re: /UNKNOWN_ERROR\(\{fnName:[\w$]+,error:[\w$]+\}\)\{return`[^]{0,140}?"\."\}`\}/,
    before: 0,
    after: 0,
    produces: { "5.0.0-5.99.99": "code 5999 message: `'${fnName}' throw unknown exception, error: ${error}.` (or `…exception.` without an error)." },
  },
  {
    id: "template.device_not_allowed",
    pkg: "trtc-sdk-v5",
    re: /DEVICE_NOT_ALLOWED_ERROR\(\{fnName:[^]{0,60}?\}\)\{return`[^]{0,220}?"\."\}`\}/,
    before: 0,
    after: 0,
    produces: { "5.0.0-5.99.99": "extraCode 5302 (code 5300) message: `NotAllowedError, you have disabled ${deviceType} access, please allow the current application to use the ${deviceType}, error: ${error}.`" },
  },
  {
    id: "template.not_joined",
    pkg: "trtc-sdk-v5",
    re: /INVALID_OPERATION_NOT_JOINED\(\{fnName:[a-z]\}\)\{return`[^`]*`\}/,
    before: 0,
    after: 0,
    produces: { "5.0.0-5.99.99": "extraCode 5101 (code 5100) message: `cannot ${fnName} because you are not enter room yet.`" },
  },
  {
    id: "template.operation_abort",
    pkg: "trtc-sdk-v5",
    re: /OPERATION_ABORT\(\{fnName:[a-z]\}\)\{return`[^`]*`\}/,
    before: 0,
    after: 0,
    produces: { "5.0.0-5.99.99": "code 5998 message: `'${fnName}' abort`; logged at WARN, not ERROR (5.16+)." },
  },
  {
    id: "log.api_failed",
    pkg: "trtc-sdk-v5",
    re: /`\$\{[a-z]\}\(\) failed \$\{[^`]*params: \$\{JSON\.stringify\([a-z],[a-z]\)\}`/,
    before: 200,
    after: 20,
    produces: {
      "5.0.0-5.8.3":
        "Every public API is wrapped: on failure log ERROR `${api}() failed ${remoteId} ${error} params: ${JSON}` (async) or `${api}() failed ${error} params: ${JSON}` (sync); ${error} stringifies as `KEY: message`. No ` code:` suffix, so a 5.x template message carries no number.",
      "5.8.6-5.14.99":
        "Same plus a code suffix: c = error.extraCode || error.code; if the message does not already contain c, ` code:${c}` is appended right after the error: `enterRoom()  failed  INVALID_PARAMETER: ... received: undefined. code:5001 params: [...]`. (5.11+ add the plugin name / a space before remoteId.)",
      "5.16.0-5.99.99":
        "`${api}() failed ${seq} ${pluginName||' '}${remoteId} ${error}${ code:N} params: ${JSON}` — a per-call sequence number after 'failed'; OPERATION_ABORT (5998) is logged at WARN.",
    },
  },
  {
    id: "log.api_call",
    pkg: "trtc-sdk-v5",
    re: /\.info\(`\$\{[\w$]+\}\(\) (?:\$\{[\w$]+\} )?\$\{JSON\.stringify\([\w$]+,\([\w$]+,[\w$]+\)=>[\w$]+\([\w$]+,[\w$]+,\["userSig","privateMapKey"\]\)\)\}`\)/,
    before: 40,
    after: 60,
    produces: {
      "5.0.0-5.99.99": "Before each call: log INFO `${api}() [${seq}] ${JSON.stringify(args)}` with userSig/privateMapKey replaced by \"hided\"; success: `${api}() success [${seq}] ...`.",
    },
  },
  {
    id: "logger.prefix",
    pkg: "trtc-sdk-v5",
    re: /getPrefix\([a-z]\)\{let [a-z]=new Date;return [a-z]\.setTime\([A-Za-z]+\(\)\),`\[\$\{[A-Za-z]+\([a-z]\)\}\] <\$\{[A-Za-z]+\[[a-z]\]\}>`\}|`\[\$\{[a-z]\.toTimeString\(\)[^`]*`/,
    before: 0,
    after: 60,
    produces: {
      "5.0.0-5.99.99":
        "Log prefix `[HH:MM:SS:mmm] <LEVEL>`; console[level](prefix, `[↑t1|alice]`, text) — separate arguments, shown space-joined; with the '%cTRTC' badge on Chrome/Edge: `TRTC [16:38:04:016] <ERROR> [↑t1|alice] enterRoom() failed …`.",
    },
  },
  {
    id: "logger.module_prefix",
    pkg: "trtc-sdk-v5",
    re: /`\[\$\{this\.isLocal\?"\\u2191":"\\u2193"\}[^`]*`/,
    before: 60,
    after: 40,
    produces: { "5.0.0-5.99.99": "Module tag `[↑<id>|<userId>]` (↓ remote, `*` for non-main streams); the TRTC instance's id is `t1`, `t2`…; children join with '-' (`t1-r`)." },
  },
  {
    id: "log.join_failed",
    pkg: "trtc-sdk-v5",
    re: /`Join room failed result: \$\{[\w$]+\} error: \$\{[\w$]+\}`/,
    before: 10,
    after: 180,
    produces: { "5.0.0-5.99.99": "room logs ERROR `Join room failed result: <code> error: <msg>`, then enterRoom() rejects with SERVER_ERROR 5400, extraCode = <code>." },
  },

  // ---- trtc-electron-sdk ------------------------------------------------------------------
  {
    id: "logger.prefix",
    pkg: "trtc-electron-sdk",
    file: "package/liteav/logger.js",
    re: /toLocaleTimeString\('en-US', \{\s*hourCycle: 'h23',\s*\}\)\}\.\$\{padMs\(date\.getMilliseconds\(\)\)\}`/,
    before: 60,
    after: 10,
    produces: { "*": "Electron JS logger: console[level](`HH:MM:SS.mmm`, '[TRTC]', ...args) → `16:38:04.016 [TRTC] onSwitchRole errCode:-3301 errMsg:...`." },
  },
  {
    id: "log.on_switch_role",
    pkg: "trtc-electron-sdk",
    file: "package/liteav/trtc.js",
    re: /this\.logger\.warn\(`onSwitchRole errCode:\$\{errCode\} errMsg:\$\{errMsg\}`\)/,
    before: 40,
    after: 50,
    produces: { "*": "WARN `onSwitchRole errCode:<n> errMsg:<native text>`; the SDK itself logs nothing for onError — apps log it themselves." },
  },
  {
    id: "doc.on_error_example",
    pkg: "trtc-electron-sdk",
    file: "package/liteav/trtc.js",
    re: /console\.info\('trtc_demo: onError :' \+ errcode \+ " msg" \+ errmsg\);/,
    before: 60,
    after: 0,
    produces: { "*": "The SDK's documented onError handler (copied into many apps): `trtc_demo: onError :-3301 msg<errMsg>` — note no space before the message." },
  },
  {
    id: "code_table",
    pkg: "trtc-electron-sdk",
    file: "package/liteav/trtc_code.js",
    re: /ERR_ROOM_ENTER_FAIL: -3301,/,
    before: 80,
    after: 80,
    produces: { "*": "TXLiteAVError values as negative integers (ERR_ROOM_ENTER_FAIL -3301); warnings positive." },
  },
];

// ---------------------------------------------------------------- matching

function parseVersion(v) {
  return v.split(/[.-]/).slice(0, 3).map((n) => parseInt(n, 10) || 0);
}
function cmp(a, b) {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return 0;
}
function inRange(version, range) {
  if (range === "*") return true;
  const [lo, hi] = range.split(/-(?=\d)/);
  const v = parseVersion(version);
  return cmp(v, parseVersion(lo)) >= 0 && cmp(v, parseVersion(hi)) <= 0;
}

function bundleFiles(pkg, files) {
  if (pkg === "trtc-electron-sdk") return null; // per-shape files
  for (const f of ["package/trtc.esm.js", "package/trtc.js"]) if (files.has(f)) return f;
  throw new Error(`${pkg}: no trtc.esm.js / trtc.js`);
}

function clip(text, start, end) {
  let s = text.slice(Math.max(0, start), end);
  if (s.length > MAX) s = s.slice(0, MAX);
  return s;
}

function extract(files) {
  const pkgJson = JSON.parse(files.get("package/package.json").toString("utf8"));
  const { name, version } = pkgJson;
  const out = [];
  const missing = [];
  const main = bundleFiles(name, files);
  for (const shape of SHAPES.filter((s) => s.pkg === name)) {
    const ranges = Object.keys(shape.produces).filter((r) => inRange(version, r));
    if (ranges.length === 0) continue;
    const file = shape.file || main;
    const text = files.get(file)?.toString("utf8");
    if (!text) {
      missing.push(`${shape.id} (${file} absent)`);
      continue;
    }
    const m = shape.re.exec(text);
    if (!m) {
      missing.push(shape.id);
      continue;
    }
    // Keep the whole match when it fits, else centre on its start.
    let start = m.index - shape.before;
    let end = m.index + m[0].length + shape.after;
    if (end - start > MAX) {
      if (m[0].length <= MAX) {
        const spare = MAX - m[0].length;
        start = m.index - Math.min(shape.before, Math.floor(spare / 2));
        end = start + MAX;
      } else {
        start = m.index;
        end = m.index + MAX;
      }
    }
    out.push({
      key: `${shape.id} ${name}@${version}`,
      package: name,
      version,
      file,
      offset: m.index,
      snippet: clip(text, start, end),
      produces: shape.produces[ranges[0]],
    });
  }
  return { name, version, shapes: out, missing, files };
}

// ---------------------------------------------------------------- live rendering (4.12+ web4)

// For trtc-js-sdk bundles whose ESM build has a self-contained `fr={...};class vr extends Error{...}`,
// run the real class and record what it prints, so the fixtures' formats are the SDK's own output.
function renderWeb4(files, version) {
  const text = files.get("package/trtc.esm.js")?.toString("utf8");
  if (!text) return [];
  const m = /,([A-Za-z]{1,3})=\{INVALID_PARAMETER:4096,[^}]*UNKNOWN:65535\};class ([A-Za-z]{1,3}) extends Error\{[^]*?getExtraCode\(\)\{return this\.extraCode_\}\}/.exec(text);
  if (!m) return [];
  const src = `${m[0].slice(1)};this.RtcError=${m[2]};this.ErrorCode=${m[1]};`;
  const ctx = {};
  vm.runInNewContext(src.replace(/^([A-Za-z]{1,3})=/, "var $1="), ctx);
  const { RtcError, ErrorCode } = ctx;
  const cases = [
    {
      args: { code: ErrorCode.JOIN_ROOM_FAILED, extraCode: 70001, message: "Failed to join room - ERR_USER_SIG_EXPIRED code: 70001 \nRefer to: https://web.sdk.qcloud.com/trtc/webrtc/doc/en/index.html\n" },
    },
    { args: { code: ErrorCode.SWITCH_ROLE_FAILED, message: "switchRole timeout." } },
    { args: { code: ErrorCode.INITIALIZE_FAILED, name: "NotAllowedError", message: "Permission denied" } },
    { args: { code: 12345, message: "x" } },
  ];
  return cases.map(({ args }) => {
    const e = new RtcError(args);
    return {
      key: `rtc_error.render trtc-js-sdk@${version}`,
      input: args,
      toString: String(e),
      getCode: e.getCode(),
      getExtraCode: e.getExtraCode(),
    };
  });
}

// ---------------------------------------------------------------- main

const args = process.argv.slice(2);
let outFile = "tests/fixtures/mentions/shapes.json";
let print = false;
const inputs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--out") outFile = args[++i];
  else if (args[i] === "--print") print = true;
  else if (args[i] === "--check") {
    /* always on */
  } else inputs.push(args[i]);
}
if (inputs.length === 0) {
  console.error("usage: log-shapes.mjs [--out FILE] [--print] <tgz|dir|pkg@version>...");
  process.exit(2);
}

const result = {
  generated_by: "scripts/extract/log-shapes.mjs",
  note: "snippets are verbatim (<= 300 chars) from the named file of the npm tarball; `produces` is our reading of them",
  packages: [],
  shapes: {},
  rendered: [],
};
let failed = false;
for (const input of inputs) {
  const { name, version, shapes, missing, files } = extract(load(input));
  result.packages.push(`${name}@${version}`);
  for (const s of shapes) {
    const { key, ...rest } = s;
    result.shapes[key] = rest;
  }
  if (name === "trtc-js-sdk") result.rendered.push(...renderWeb4(files, version));
  if (missing.length) {
    failed = true;
    console.error(`${name}@${version}: not found: ${missing.join(", ")}`);
  }
  console.error(`${name}@${version}: ${shapes.length} shapes`);
}
const json = JSON.stringify(result, null, 2) + "\n";
fs.mkdirSync(path.dirname(outFile), { recursive: true });
fs.writeFileSync(outFile, json);
if (print) process.stdout.write(json);
process.exit(failed ? 1 : 0);
