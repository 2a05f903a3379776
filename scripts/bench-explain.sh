#!/usr/bin/env bash
# Whole-process comparison for #25: `explain` over a generated log against `grep -nE` for the codes'
# usual shapes, on the same file, interleaved (explain, grep, explain, grep, …) so a neighbour's
# compile slows both alike; medians of wall and CPU time, their ratio, and peak RSS (GNU time).
#   scripts/bench-explain.sh [SIZE_MB] [RUNS]     # default 100 MB, 7 runs
# Needs python3 and GNU time (`apt-get install -y time`). The in-process rows are
# `cargo bench --bench explain`. On a shared machine, read the ratio, not the times.
set -euo pipefail
cd "$(dirname "$0")/.."
size=${1:-100}
runs=${2:-7}
[ -x /usr/bin/time ] || { echo "GNU time is not installed (apt-get install -y time)"; exit 2; }

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet --bin trtc-errors
bin=$CARGO_TARGET_DIR/release/trtc-errors
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 scripts/gen-log.py "$size" > "$work/app.log"
export TRTC_ERRORS_CONFIG_DIR="$work/no-config" TRTC_ERRORS_NO_CACHE=1
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
echo "log: $(du -m "$work/app.log" | cut -f1) MB, $(wc -l < "$work/app.log") lines"

pattern='(code|errCode|errorCode|extraCode)[^0-9-]{0,4}-?[0-9]+|0x[0-9A-Fa-f]{4}'
# Output goes to a file, not /dev/null: GNU grep stops at the first match when it writes to /dev/null.
run() { # NAME CMD...: one run; prints "wall user sys maxrss_kb"
  /usr/bin/time -f "%e %U %S %M" -o "$work/time" "${@:2}" > "$work/$1.out" 2>/dev/null || true
  tail -n1 "$work/time"
}
: > "$work/a"; : > "$work/b"; : > "$work/c"
for _ in $(seq "$runs"); do
  run explain "$bin" explain -f json "$work/app.log" >> "$work/a"
  run summary "$bin" explain --summary "$work/app.log" >> "$work/c"
  run grep grep -nE "$pattern" "$work/app.log" >> "$work/b"
done
python3 - "$work" <<'PY'
import statistics, sys
work = sys.argv[1]
def load(name):
    rows = [list(map(float, l.split())) for l in open(f"{work}/{name}") if l.strip()]
    rows = [(w, u + s, rss) for w, u, s, rss in rows]
    return [statistics.median(c) for c in zip(*rows)]
a, c, b = load("a"), load("c"), load("b")
print(f"explain -f json:   wall {a[0]:.2f} s  cpu {a[1]:.2f} s  peak RSS {a[2]/1024:.1f} MB")
print(f"explain --summary: wall {c[0]:.2f} s  cpu {c[1]:.2f} s  peak RSS {c[2]/1024:.1f} MB")
print(f"grep -nE:          wall {b[0]:.2f} s  cpu {b[1]:.2f} s  peak RSS {b[2]/1024:.1f} MB")
print(f"ratio explain/grep: wall {a[0]/max(b[0],1e-3):.2f}x  cpu {a[1]/max(b[1],1e-3):.2f}x")
PY
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
