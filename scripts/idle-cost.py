#!/usr/bin/env python3
"""What the browser costs while nobody touches it: CPU time and wake-ups over an idle window.

    scripts/idle-cost.py BINARY [ARGS...]         # e.g. target/release/trtc-errors --catalog big.toml

Runs BINARY in a 100x30 pseudo-terminal (its output is read and thrown away, as a terminal would),
waits for the first frame plus a settling second, then measures SECONDS (default 3, env IDLE_SECONDS)
of idleness:
  cpu_ms      utime + stime of the whole process, from /proc/PID/stat
  wakeups     voluntary + involuntary context switches summed over every thread (/proc/PID/task/*)
Linux only. Not a test with a bound: the numbers go into the PR notes.
"""
import fcntl
import os
import pty
import struct
import sys
import termios
import threading
import time

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_ms(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    # fields[0] is state (field 3); utime and stime are fields 14 and 15.
    return (int(fields[11]) + int(fields[12])) * 1000 / TICKS


def wakeups(pid):
    total = 0
    threads = 0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/status") as f:
                for line in f:
                    if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                        total += int(line.split()[1])
            threads += 1
        except FileNotFoundError:
            pass
    return total, threads


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    seconds = float(os.environ.get("IDLE_SECONDS", "3"))
    pid, fd = pty.fork()
    if pid == 0:
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        os.environ["TERM"] = "xterm-256color"
        os.environ.setdefault("TRTC_ERRORS_CLIPBOARD", "osc52")
        os.execv(sys.argv[1], sys.argv[1:])
    seen = bytearray()
    first_frame = threading.Event()
    loading = []

    def drain():
        while True:
            try:
                data = os.read(fd, 65536)
            except OSError:
                return
            if not data:
                return
            if not first_frame.is_set():
                seen.extend(data)
                if not loading and b"Loading" in seen:
                    loading.append(time.monotonic() - started)
                if b"Codes" in seen:
                    first_frame.set()

    threading.Thread(target=drain, daemon=True).start()
    started = time.monotonic()
    if not first_frame.wait(120):
        sys.exit("no first frame within 120 s")
    first = time.monotonic() - started
    time.sleep(1.0)
    cpu0, (wake0, threads) = cpu_ms(pid), wakeups(pid)
    time.sleep(seconds)
    cpu1, (wake1, _) = cpu_ms(pid), wakeups(pid)
    os.write(fd, b"\x03")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
        time.sleep(0.05)
    else:
        os.kill(pid, 9)
    if loading:
        print(f"loading frame {loading[0]:.2f} s; ", end="")
    print(
        f"first frame {first:.2f} s; idle {seconds:.0f} s: cpu {cpu1 - cpu0:.0f} ms "
        f"({(cpu1 - cpu0) / 10 / seconds:.1f} %), wake-ups {wake1 - wake0} "
        f"({(wake1 - wake0) / seconds:.1f}/s) over {threads} threads"
    )


if __name__ == "__main__":
    main()
