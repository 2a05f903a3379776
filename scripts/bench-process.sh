#!/usr/bin/env bash
# Whole-process measurements for the README's speed table (the in-process rows are `cargo bench`).
#   scripts/bench-process.sh            # uses hyperfine and fzf when installed
# hyperfine and fzf come from Debian's packages (apt-get install hyperfine fzf); without them the
# script times with a plain loop and says that fzf is missing. Peak RSS comes from getrusage.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo build --release --quiet --bin trtc-errors --example gen_catalog
bin=target/release/trtc-errors
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/release/examples/gen_catalog 100000 > "$work/big.toml"
target/release/examples/gen_catalog 100000 --lines > "$work/big.txt"
export TRTC_ERRORS_CONFIG_DIR="$work/no-config"

# Median wall time of a command over N runs, in milliseconds, without hyperfine.
median_ms() {
  local runs=$1; shift
  python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time, statistics
runs = int(sys.argv[1]); cmd = sys.argv[2:]
times = []
for _ in range(runs):
    t = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append((time.perf_counter() - t) * 1000)
print(f"{statistics.median(times):.2f}")
PY
}

# Peak resident set size of one run, in MB, from GNU time (apt-get install time). Python's
# getrusage would count the forked interpreter's pages before exec.
peak_rss_mb() {
  if [ -x /usr/bin/time ]; then
    /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.1f\n", $1 / 1024}'
  else
    echo "n/a (install GNU time)"
  fi
}

echo "== trtc-errors show 0x4004 (built-in catalog)"
echo "median ms: $(median_ms 50 "$bin" show 0x4004)"
echo "peak RSS MB: $(peak_rss_mb "$bin" show 0x4004)"

echo "== 100,000 entries: load, index and search (whole process)"
for q in join 过期 guoqi; do
  echo "search $q: median ms $(median_ms 10 "$bin" --catalog "$work/big.toml" search "$q" --limit 20)"
done
echo "peak RSS MB: $(peak_rss_mb "$bin" --catalog "$work/big.toml" search guoqi --limit 20)"

if command -v fzf >/dev/null 2>&1; then
  echo "== fzf --filter on the same 100,000 entries as lines"
  for q in join 过期 guoqi; do
    echo "fzf --filter $q: median ms $(median_ms 10 sh -c "fzf --filter '$q' < '$work/big.txt'")"
  done
else
  echo "== fzf is not installed (apt-get install fzf): no fzf comparison"
fi

if command -v hyperfine >/dev/null 2>&1; then
  echo "== hyperfine"
  hyperfine --warmup 3 -N "$bin show 0x4004"
  if command -v fzf >/dev/null 2>&1; then
    hyperfine --warmup 1 --runs 10 \
      "$bin --catalog $work/big.toml search join --limit 20" \
      "sh -c 'fzf --filter join < $work/big.txt'"
  fi
else
  echo "== hyperfine is not installed (apt-get install hyperfine): medians above come from a Python loop"
fi
