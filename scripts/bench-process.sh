#!/usr/bin/env bash
# Whole-process measurements for the README's performance table (#19); the in-process rows are
# `cargo bench --bench search`.
#   scripts/bench-process.sh [RUNS]      # RUNS interleaved runs per comparison (default 15; use
#                                        # 5-7 on a shared machine and read the ratios)
# Needs fzf and python3: each pair runs interleaved (ours, fzf, ours, fzf, …) so a neighbour's compile
# slows both alike, and the medians and their ratio are reported. Peak RSS comes from GNU time.
# Install what is missing with `apt-get install -y fzf time`.
# The machine's load average is printed first and last: on a shared machine, read ratios, not times.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}

command -v fzf >/dev/null || { echo "fzf is not installed (apt-get install -y fzf)"; exit 2; }
[ -x /usr/bin/time ] || { echo "GNU time is not installed (apt-get install -y time)"; exit 2; }

export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet --bin trtc-errors --example gen_catalog
bin=$CARGO_TARGET_DIR/release/trtc-errors
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$CARGO_TARGET_DIR/release/examples/gen_catalog" 100000 > "$work/big.toml"
"$CARGO_TARGET_DIR/release/examples/gen_catalog" 100000 --lines > "$work/big.txt"
export TRTC_ERRORS_CONFIG_DIR="$work/no-config"
export TRTC_ERRORS_CACHE_DIR="$work/cache"
unset TRTC_ERRORS_NO_CACHE
"$bin" list --sdk web4 > "$work/web4.txt"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
echo "100k catalog: $(du -m "$work/big.toml" | cut -f1) MB TOML, fzf input $(du -m "$work/big.txt" | cut -f1) MB"

# compare RUNS NAME_A CMD_A NAME_B CMD_B [PREPARE]: interleaved runs, medians, ratio A/B. A command
# is run without a shell; a trailing `< FILE` becomes its standard input. Output goes to /dev/null.
# Wall time is what the target is about; CPU time (user + system, all threads) is printed too,
# since it is less disturbed by a neighbour's compile.
compare() {
  python3 - "$@" <<'PY'
import os, resource, shlex, statistics, subprocess, sys, time
runs, name_a, cmd_a, name_b, cmd_b = int(sys.argv[1]), *sys.argv[2:6]
prepare = sys.argv[6] if len(sys.argv) > 6 else None
def parse(cmd):
    argv = shlex.split(cmd)
    if len(argv) > 2 and argv[-2] == "<":
        return argv[:-2], argv[-1]
    return argv, None
def once(cmd):
    if prepare:
        subprocess.run(prepare, shell=True, check=True)
    argv, stdin = parse(cmd)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    with open(stdin or os.devnull, "rb") as inp:
        t = time.perf_counter()
        subprocess.run(argv, stdin=inp, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        wall = (time.perf_counter() - t) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000
    return wall, cpu
once(cmd_a); once(cmd_b)  # warm the page cache
a, b = [], []
for _ in range(runs):
    a.append(once(cmd_a)); b.append(once(cmd_b))
def report(name, xs):
    wall = statistics.median(x[0] for x in xs)
    cpu = statistics.median(x[1] for x in xs)
    print(f"  {name}: median {wall:.1f} ms wall (min {min(x[0] for x in xs):.1f}), {cpu:.1f} ms CPU")
    return wall, cpu
wa, ca = report(name_a, a)
wb, cb = report(name_b, b)
print(f"  ratio {name_a} / {name_b}: {wa / wb:.2f} wall, {ca / cb:.2f} CPU")
PY
}

peak_rss_mb() {
  /usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%.0f MB\n", $1 / 1024}'
}

echo "== show 0x4004, built-in catalog, vs fzf --filter 0x4004 on its 91 web4 lines"
compare "$((runs * 4))" "show" "$bin show 0x4004" "fzf" "fzf --filter 0x4004 < $work/web4.txt"
echo "  peak RSS: $(peak_rss_mb "$bin" show 0x4004)"

echo "== 100k rich entries, repeated runs (cache warm), vs fzf --filter on the same entries as lines"
"$bin" --catalog "$work/big.toml" search x --limit 1 >/dev/null  # writes the cache
# Both print every match: the fair comparison. `--limit 20` (what a person reads) is shown too;
# fzf has no such limit, so that ratio flatters us.
for q in join 过期 guoqi expired; do
  echo "search $q (every hit printed)"
  compare "$runs" "search" "$bin --catalog $work/big.toml search $q" \
    "fzf" "fzf --filter $q < $work/big.txt"
  echo "search $q --limit 20"
  compare "$runs" "search" "$bin --catalog $work/big.toml search $q --limit 20" \
    "fzf" "fzf --filter $q < $work/big.txt"
done
echo "show 0x4004 (100k: reads one entry from the mapped cache)"
compare "$runs" "show" "$bin --catalog $work/big.toml show 0x4004" \
  "fzf" "fzf --filter 0x4004 < $work/big.txt"
echo "  peak RSS (cache warm): search guoqi --limit 20 $(peak_rss_mb "$bin" --catalog "$work/big.toml" search guoqi --limit 20), search join --limit 20 $(peak_rss_mb "$bin" --catalog "$work/big.toml" search join --limit 20), search join printing every hit $(peak_rss_mb "$bin" --catalog "$work/big.toml" search join), the same as JSON $(peak_rss_mb "$bin" --catalog "$work/big.toml" search join --format json), show $(peak_rss_mb "$bin" --catalog "$work/big.toml" show 0x4004)"
echo "  peak RSS fzf: $(peak_rss_mb sh -c "exec fzf --filter guoqi < $work/big.txt")"

echo "== 100k rich entries, first run (no cache: parse, index, write the cache)"
compare "$(( (runs + 2) / 3 ))" "first run" "$bin --catalog $work/big.toml search join --limit 20" \
  "fzf" "fzf --filter join < $work/big.txt" "rm -rf $work/cache"
rm -rf "$work/cache"
echo "  peak RSS (first run): $(peak_rss_mb "$bin" --catalog "$work/big.toml" search join --limit 20)"
echo "  cache file: $(du -m "$work"/cache/*.bin | cut -f1) MB"

echo "== 100k rich entries as a JSON catalog, first run"
python3 - "$work/big.toml" "$work/big.json" <<'PY'
import json, sys, tomllib
with open(sys.argv[1], "rb") as f:
    data = tomllib.load(f)
with open(sys.argv[2], "w") as f:
    json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
PY
compare "$(( (runs + 2) / 3 ))" "first run (JSON)" "$bin --catalog $work/big.json search join --limit 20" \
  "fzf" "fzf --filter join < $work/big.txt" "rm -rf $work/cache"
rm -rf "$work/cache"
echo "  peak RSS (first run, JSON): $(peak_rss_mb "$bin" --catalog "$work/big.json" search join --limit 20)"

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
