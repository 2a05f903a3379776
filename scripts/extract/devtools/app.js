// The "application" of the DevTools capture: what a developer writes around the SDK, failing in the
// ways real reports show. Each scenario runs alone in a fresh page; scripts/extract/devtools.mjs
// records the console as DevTools shows it. What an app typically prints for a caught error:
// console.error(err), String(err), JSON.stringify(err). A scenario named *-uncaught lets the rejection
// escape, so Chromium prints "Uncaught (in promise) …".
//
// The credentials are obviously fake but shaped like real ones (a TLS userSig starts with eJw and is
// ~150-400 base64-ish characters), so the secrets masking can be tested on what the SDK echoes.
'use strict';
const FAKE_SDKAPPID = 1400188366;
const FAKE_USERSIG =
  'eJw1jV0LgjAYhf-KeK*ZbTr8qLso0lAaFNEXpcYsXjRLlivrNfOIFODdec45zzgpVy0ERjzsXIgh3Zp' +
  'ZWg*ZUUNaMxYFPAKE*FOO*NOT*A*REAL*SIGNATURE*TEST*ONLY*dGVzdC1vbmx5LWZha2UtdXNlcnNp' +
  'Zy0wMDAwMDAwMDAw';
const USER = 'alice_dev';
const ROOM = 8848;

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const v4 = typeof TRTC.createClient === 'function';

function report(err) {
  // The three ways apps print a caught SDK error.
  console.error(err);
  console.log('String(err): ' + String(err));
  let json;
  try { json = JSON.stringify(err); } catch (e) { json = '(JSON.stringify threw: ' + e.message + ')'; }
  console.log('JSON.stringify(err): ' + json);
  window.__caught = window.__caught || [];
  window.__caught.push(codesOf(err));
}

// What the SDK meant: the code (and extra code) the error object carries, recorded for the annotations.
function codesOf(err) {
  if (!err || typeof err !== 'object') return { value: String(err) };
  const get = (m, f) => (typeof err[m] === 'function' ? err[m]() : err[f]);
  return {
    name: err.name,
    code: get('getCode', 'code'),
    extraCode: get('getExtraCode', 'extraCode'),
    message: String(err.message).slice(0, 300),
  };
}

async function attempt(fn) {
  try {
    const r = fn();
    if (r && typeof r.then === 'function') await r;
    console.log('(resolved)');
  } catch (err) {
    report(err);
  }
}

function client4(extra) {
  return TRTC.createClient({ mode: 'rtc', sdkAppId: FAKE_SDKAPPID, userId: USER, userSig: FAKE_USERSIG, ...extra });
}

// getUserMedia failing the way a real device does (the fake device of --use-fake-device-for-media-stream
// always works, so a scenario that needs a failing device replaces it).
function failGetUserMedia(name, message) {
  const gum = () => Promise.reject(new DOMException(message, name));
  navigator.mediaDevices.getUserMedia = gum;
}

const S4 = {
  'join-fake-usersig': () => attempt(() => client4().join({ roomId: ROOM })),
  'join-uncaught': () => { client4().join({ roomId: ROOM }); },
  // 4.6.x–4.11.x retry the WebSocket 30 times before join() gives up (about 5 minutes here)
  'join-wait-reconnect': () => attempt(() => client4().join({ roomId: ROOM })),
  'join-twice': async () => {
    const c = client4();
    const first = c.join({ roomId: ROOM }).catch(report);
    await attempt(() => c.join({ roomId: ROOM }));
    await first;
  },
  'publish-before-join': async () => {
    const c = client4();
    const s = TRTC.createStream({ userId: USER, audio: true, video: true });
    await attempt(() => s.initialize());
    await attempt(() => c.publish(s));
  },
  'publish-before-join-uncaught': async () => {
    const c = client4();
    const s = TRTC.createStream({ userId: USER, audio: true, video: false });
    await s.initialize().catch(report);
    c.publish(s);
  },
  'missing-sdkappid': () => attempt(() => TRTC.createClient({ mode: 'rtc', userId: USER, userSig: FAKE_USERSIG }).join({ roomId: ROOM })),
  'wrong-types': async () => {
    await attempt(() => TRTC.createClient({ mode: 'rtc', sdkAppId: String(FAKE_SDKAPPID), userId: 12345, userSig: FAKE_USERSIG }).join({ roomId: ROOM }));
    await attempt(() => client4().join({ roomId: 'room-8848' }));
    await attempt(() => TRTC.createClient({ mode: 'meeting', sdkAppId: FAKE_SDKAPPID, userId: USER, userSig: FAKE_USERSIG }));
  },
  'roomid-out-of-range': async () => {
    await attempt(() => client4().join({ roomId: 4294967295 }));
    await attempt(() => client4().join({ roomId: 0 }));
  },
  'strroomid-invalid': () => attempt(() => client4({ useStringRoomId: true }).join({ roomId: 'room #1 (测试)' })),
  'switchrole-before-join': async () => {
    const c = TRTC.createClient({ mode: 'live', sdkAppId: FAKE_SDKAPPID, userId: USER, userSig: FAKE_USERSIG });
    await attempt(() => c.switchRole('anchor'));
  },
  'switchrole-rtc-mode': () => attempt(() => client4().switchRole('anchor')),
  'camera-bad-deviceid': () => attempt(() => TRTC.createStream({ userId: USER, audio: false, video: true, cameraId: 'no-such-camera-0000' }).initialize()),
  'camera-denied': () => { failGetUserMedia('NotAllowedError', 'Permission denied'); return attempt(() => TRTC.createStream({ userId: USER, audio: true, video: true }).initialize()); },
  'camera-busy': () => { failGetUserMedia('NotReadableError', 'Could not start video source'); return attempt(() => TRTC.createStream({ userId: USER, audio: false, video: true }).initialize()); },
  'no-device': () => { failGetUserMedia('NotFoundError', 'Requested device not found'); return attempt(() => TRTC.createStream({ userId: USER, audio: true, video: false }).initialize()); },
  'empty-usersig': () => attempt(() => client4({ userSig: '' }).join({ roomId: ROOM })),
  'leave-unpublish-before-join': async () => {
    const c = client4();
    const s = TRTC.createStream({ userId: USER, audio: true, video: false });
    await attempt(() => c.unpublish(s));
    await attempt(() => c.leave());
  },
};

function trtc5() { return TRTC.create(); }
const enter = (extra) => ({ sdkAppId: FAKE_SDKAPPID, userId: USER, userSig: FAKE_USERSIG, roomId: ROOM, ...extra });

const S5 = {
  'enter-fake-usersig': () => attempt(() => trtc5().enterRoom(enter())),
  'enter-uncaught': () => { trtc5().enterRoom(enter()); },
  'enter-twice': async () => {
    const t = trtc5();
    const first = t.enterRoom(enter()).catch(report);
    await attempt(() => t.enterRoom(enter()));
    await first;
  },
  'missing-sdkappid': () => attempt(() => trtc5().enterRoom({ userId: USER, userSig: FAKE_USERSIG, roomId: ROOM })),
  'wrong-types': async () => {
    await attempt(() => trtc5().enterRoom(enter({ sdkAppId: String(FAKE_SDKAPPID) })));
    await attempt(() => trtc5().enterRoom(enter({ roomId: 'room-8848' })));
    await attempt(() => trtc5().enterRoom(enter({ userId: 12345 })));
  },
  'roomid-out-of-range': async () => {
    await attempt(() => trtc5().enterRoom(enter({ roomId: 4294967295 })));
    await attempt(() => trtc5().enterRoom(enter({ roomId: 0 })));
  },
  'strroomid-invalid': () => attempt(() => trtc5().enterRoom(enter({ roomId: undefined, strRoomId: 'room #1 (测试)' }))),
  'switchrole-before-enter': () => attempt(() => trtc5().switchRole(TRTC.TYPE ? TRTC.TYPE.ROLE_ANCHOR : 'anchor')),
  'camera-bad-deviceid': () => attempt(() => trtc5().startLocalVideo({ view: 'local', option: { cameraId: 'no-such-camera-0000' } })),
  'camera-denied': () => { failGetUserMedia('NotAllowedError', 'Permission denied'); return attempt(() => trtc5().startLocalVideo({ view: 'local' })); },
  'camera-denied-uncaught': () => { failGetUserMedia('NotAllowedError', 'Permission denied'); trtc5().startLocalVideo({ view: 'local' }); },
  'microphone-busy': () => { failGetUserMedia('NotReadableError', 'Could not start audio source'); return attempt(() => trtc5().startLocalAudio()); },
  'no-device': () => { failGetUserMedia('NotFoundError', 'Requested device not found'); return attempt(() => trtc5().startLocalAudio()); },
  'empty-usersig': () => attempt(() => trtc5().enterRoom(enter({ userSig: '' }))),
  'bad-view': async () => {
    await attempt(() => trtc5().startLocalVideo({ view: 'no-such-element' }));
    await attempt(() => trtc5().startLocalVideo({ view: 42 }));
  },
  'remote-before-enter': () => attempt(() => trtc5().startRemoteVideo({ userId: 'bob', streamType: TRTC.TYPE.STREAM_TYPE_MAIN, view: 'local' })),
  'update-before-start': async () => {
    const t = trtc5();
    await attempt(() => t.updateLocalVideo({ option: { profile: '720p' } }));
    await attempt(() => t.sendSEIMessage(new Uint8Array([1, 2, 3]).buffer));
    await attempt(() => t.exitRoom());
  },
};

window.__scenarios = v4 ? S4 : S5;
// Scenarios that need longer than the harness's default cap (milliseconds).
window.__capMs = { 'join-wait-reconnect': 330000 };
window.__run = async (name) => {
  const fn = window.__scenarios[name];
  if (!fn) throw new Error('no scenario ' + name);
  window.__done = false;
  if (name.endsWith('-uncaught')) {
    // Done when the rejection escapes. Listening does not handle it: without preventDefault()
    // Chromium still prints "Uncaught (in promise) …".
    window.addEventListener('unhandledrejection', () => { window.__done = true; });
    fn();
    return;
  }
  try { await fn(); } catch (e) { console.log('(scenario threw) ' + e); }
  window.__done = true;
};
