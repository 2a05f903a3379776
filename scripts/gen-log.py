#!/usr/bin/env python3
"""Writes a synthetic web-app console log of about SIZE megabytes to stdout: ordinary web-app and
TRTC SDK lines (timestamps, HTTP requests, heartbeats, stats, ids and ports that equal codes) with
an SDK error block every ~500 lines. Deterministic (seeded), so two runs give the same file.

    scripts/gen-log.py 100 > /tmp/big.log
"""

import random
import sys

SIZE_MB = float(sys.argv[1]) if len(sys.argv) > 1 else 100

ORDINARY = [
    "{t} INFO  [http] GET /api/rooms/{n} 200 {n} bytes in {ms} ms",
    "{t} DEBUG [ws] heartbeat ok rtt={ms}ms seq={n}",
    "[{tt}] <INFO> [↑c1|user_{n}] Join room success, start heartbeat",
    "[{tt}] <INFO> [↑t1|alice] enterRoom() 1 [{{\"sdkAppId\":1400704311,\"userId\":\"alice\",\"userSig\":\"hided\",\"roomId\":{n}}}]",
    "{t} INFO  [stats] audio bitrate {n} kbps, video {n}x{ms} @ 30fps, loss 0.{ms}%",
    "{t} WARN  [app] slow render: {ms} ms for component RoomList (n={n})",
    "{t} INFO  [app] user_{n} clicked button#mute at {ms},{ms}",
    "{t} DEBUG [net] connecting to localhost:{n} (attempt {ms})",
    "    at t.join (https://cdn.example.com/trtc.js:1:{n})",
    "{t} INFO  [webpack] compiled 1{ms} modules in {n} ms",
    "{t} INFO  [app] fetched /static/chunk.{n}.js ({n} kB, cached)",
    "[{tt}] <DEBUG> [↑c1|alice] publish stream: audio={ms} video={n} track muted=false",
    "{t} INFO  [router] navigate /room/{n}?tab=members took {ms}ms",
]

ERROR_BLOCK = [
    "[{tt}] <ERROR> [↑c1|alice] join room failed: RtcError: join room timeout <JOIN_ROOM_FAILED 0x4004>",
    "{t} ERROR [app] RtcError: signal channel setup failed code: 16385",
    "{t} ERROR [app] {{\"code\":5400,\"extraCode\":-100013,\"message\":\"Join room failed\"}}",
    "[{tt}] <ERROR> [↑t1|alice] enterRoom() failed, Uncaught (in promise) RtcError: INVALID_PARAMETER: 'sdkAppId' is a required param when calling enterRoom(), received: undefined.",
    "{t} ERROR [electron] onError errCode=-3301 errMsg=enter room failed",
    "{t} WARN  [app] WebSocket connection to 'wss://signaling.trtc.example/ws?sdkAppId=1400&userSig=eJwtzM0KgkAUhuFXkbNuIZ9lRLYDhUVBtLEPwplRh5wZmTP9EN17Y23f74XvhN9QwQZ&roomId=8' failed errorCode: 70001",
]


def main() -> None:
    rng = random.Random(25)
    out = sys.stdout
    target = int(SIZE_MB * 1_000_000)
    written = 0
    line_no = 0
    buf = []
    seconds = 0
    while written < target:
        line_no += 1
        seconds += rng.random() * 0.05
        h, rem = divmod(int(seconds), 3600)
        m, s = divmod(rem, 60)
        ms = int((seconds % 1) * 1000)
        t = f"2024-05-01 {h % 24:02d}:{m:02d}:{s:02d}.{ms:03d}"
        tt = f"{h % 24:02d}:{m:02d}:{s:02d}:{ms:03d}"
        if line_no % 500 == 0:
            for template in ERROR_BLOCK:
                line = template.format(t=t, tt=tt)
                buf.append(line)
                written += len(line.encode()) + 1
        else:
            template = ORDINARY[rng.randrange(len(ORDINARY))]
            line = template.format(
                t=t, tt=tt, n=rng.choice([5000, 4096, 16388, 70001, 8080, rng.randrange(100000)]),
                ms=rng.randrange(1000),
            )
            buf.append(line)
            written += len(line.encode()) + 1
        if len(buf) > 10000:
            out.write("\n".join(buf) + "\n")
            buf.clear()
    if buf:
        out.write("\n".join(buf) + "\n")


if __name__ == "__main__":
    main()
