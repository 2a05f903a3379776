#!/usr/bin/env bash
# The fourth adversarial pass (issue #28), kept runnable: hostile arguments, catalogs, caches,
# logs, follow, output and the browser in tmux, each run with a timeout and a memory cap.
#
#   scripts/adversarial.sh            all cases
#   scripts/adversarial.sh "tui_|cat_" only the cases whose name matches this regex
#
# Builds the release binary, prints one PASS/FAIL/KNOWN line per case and a total, exits 1 when a
# case that is not KNOWN fails. No network. Root gets a few more real cases (tmpfs for a full and
# a read-only disk, a non-root user for unreadable files); without root they use `ulimit -f` and
# chmod. Needs bash, python3, timeout, tmux (the browser cases are skipped without it).
set -u
cd "$(dirname "$0")/.."
cargo build --release --locked -q || exit 2
B=$PWD/target/release/trtc-errors
ONLY=${1:-}

W=$(mktemp -d /tmp/trtc-adversarial.XXXXXX)
SOCK=trtc-adv-$$
cleanup() {
    tmux -L "$SOCK" kill-server 2>/dev/null
    grep -o " $W/[^ ]*" /proc/mounts | while read -r m; do umount "$m"; done
    chmod -R u+rwX "$W" 2>/dev/null
    rm -rf "$W"
}
trap cleanup EXIT

# Every case starts from an empty home: no config, no catalogs, no cache of the developer's.
reset_env() {
    rm -rf "$W/home"
    mkdir -p "$W/home"
    export HOME=$W/home
    unset XDG_CONFIG_HOME XDG_CACHE_HOME XDG_DATA_HOME NO_COLOR
    unset TRTC_ERRORS_CACHE_DIR TRTC_ERRORS_CONFIG_DIR TRTC_ERRORS_DATA_DIR TRTC_ERRORS_NO_CACHE
    unset TRTC_ERRORS_CLIPBOARD TRTC_ERRORS_TEST_PANIC
    export TERM=xterm-256color
}

IS_ROOT=0
[ "$(id -u)" = 0 ] && IS_ROOT=1

# run [-t SECS] [-m KB] [-i STDIN] [-e] -- ARGS...: the binary under a timeout and an
# address-space cap; sets $rc, output in $W/out and $W/err. -e: ARGS[0] is a shell snippet run
# with $B set (for pipes and redirections).
run() {
    local secs=20 mem=1000000 input=/dev/null shell=0
    while [ "$1" != -- ]; do
        case $1 in
        -t) secs=$2; shift 2 ;;
        -m) mem=$2; shift 2 ;;
        -i) input=$2; shift 2 ;;
        -e) shell=1; shift ;;
        esac
    done
    shift
    if [ $shell = 1 ]; then
        (ulimit -v "$mem"; B=$B timeout -k 2 "$secs" bash -c "$1") <"$input" >"$W/out" 2>"$W/err"
    else
        (ulimit -v "$mem"; timeout -k 2 "$secs" "$B" "$@") <"$input" >"$W/out" 2>"$W/err"
    fi
    rc=$?
}

WHY=
fail() { WHY="$*"; return 1; }

# What every run must be, whatever the input: no panic, no hang, no abort or kill, and nothing
# live (ESC, CSI, BEL, C1) in what it printed.
sane() {
    case $rc in
    101) fail "panic (exit 101): $(head -c 300 "$W/err")"; return ;;
    124 | 137) fail "timed out or killed (exit $rc)"; return ;;
    134 | 139) fail "aborted/crashed (exit $rc): $(head -c 300 "$W/err")"; return ;;
    esac
    grep -q "panicked" "$W/err" && { fail "panicked: $(head -c 300 "$W/err")"; return; }
    if python3 - "$W/out" "$W/err" <<'PY'; then :; else fail "live control bytes in the output"; return; fi
import sys
for p in sys.argv[1:]:
    b = open(p, 'rb').read()
    t = b.decode('utf-8', 'replace')
    if b'\x1b' in b or b'\x07' in b or '\x9b' in t or '\x9d' in t or '\u202e' in t:
        sys.exit(1)
PY
}
rc_is() { sane || return; for want in "$@"; do [ "$rc" = "$want" ] && return 0; done; fail "exit $rc, wanted $*: $(head -c 300 "$W/err")"; }
err_has() { grep -q -- "$1" "$W/err" || fail "stderr lacks \"$1\": $(head -c 300 "$W/err")"; }
out_has() { grep -q -- "$1" "$W/out" || fail "stdout lacks \"$1\": $(head -c 300 "$W/out")"; }
out_lacks() { ! grep -q -- "$1" "$W/out" || fail "stdout has \"$1\""; }

PASS=0 FAILS=0 KNOWNS=0
# case NAME "what a demanding user expects" [KNOWN "cause"]: runs the function c_NAME.
case_() {
    local name=$1 expect=$2 known=${3:-} cause=${4:-}
    [ -n "$ONLY" ] && ! [[ $name =~ $ONLY ]] && return
    reset_env
    WHY=
    # Each case in a directory of its own: a FIFO one case leaves must not block the next.
    mkdir "$W/case-$name"
    # A case passes when its checks printed nothing (a check's last && must not decide).
    (cd "$W/case-$name" && "c_$name") >"$W/why" 2>&1
    if [ -z "$(cat "$W/why")" ]; then
        PASS=$((PASS + 1))
        printf 'PASS  %-34s %s\n' "$name" "$expect"
    else
        local why
        why=$(cat "$W/why")
        if [ "$known" = KNOWN ]; then
            KNOWNS=$((KNOWNS + 1))
            printf 'KNOWN %-34s %s\n      cause: %s\n      seen: %s\n' "$name" "$expect" "$cause" "$why"
        else
            FAILS=$((FAILS + 1))
            printf 'FAIL  %-34s %s\n      %s\n' "$name" "$expect" "$why"
        fi
    fi
}
# Inside c_* functions a failed check prints its reason; the case fails on any output.
check() { "$@" || echo "$WHY"; }

#################################################################################### arguments

c_arg_bare_0x() { run -- --no-config show 0x; check rc_is 1; check err_has 'no such code'; }
c_arg_minus_zero() { run -- --no-config show -- -0; check rc_is 0; check out_has ERR_NULL; }
c_arg_i64_min_hex() { run -- --no-config show 0x8000000000000000; check rc_is 1; }
c_arg_u64_overflow() { run -- --no-config show 0x1ffffffffffffffffffff 99999999999999999999999; check rc_is 1; }
c_arg_exponent() { run -- --no-config show 1e9; check rc_is 1; check err_has 'no such code'; }
c_arg_arabic_digit() { run -- --no-config show ٤٠٠٤; check rc_is 0 1; }
c_arg_fullwidth_hex() { run -- --no-config show ０ｘ４００４; check rc_is 0; check out_has JOIN_ROOM_FAILED; }
c_arg_control_bytes() { run -- --no-config show $'16388\x1b[2J\x07'; check rc_is 0 1; }
c_arg_escape_in_search() { run -- --no-config search $'\x1b]52;c;cHduZWQ=\x07join'; check rc_is 0 1; }
c_arg_long_120kb() {
    run -e -- '"$B" --no-config search "$(head -c 120000 /dev/zero | tr "\0" a)"'
    check rc_is 0 1
}
c_arg_invalid_utf8() { run -- --no-config show $'\xff\xfe16388'; check rc_is 1 2; }
c_arg_invalid_utf8_flag() { run -- --no-config --lang $'\xff' show 16388; check rc_is 2; }
c_arg_sdk_version_garbage() { run -- --no-config --sdk-version 99999999999999999999.1 show 16388; check rc_is 0 1 2; }
c_arg_format_unknown() { run -- --no-config -f yaml show 16388; check rc_is 2; }

##################################################################################### catalogs

c_cat_deep_toml() {
    python3 -c "print('x = ' + '['*100000 + ']'*100000)" >deep.toml
    run -- --no-config --catalog deep.toml show 16388
    check rc_is 2; check err_has deep.toml
}
c_cat_deep_json() {
    python3 -c "print('{\"entry\": ' + '['*100000 + ']'*100000 + '}')" >deep.json
    run -- --no-config --catalog deep.json show 16388
    check rc_is 2; check err_has deep.json
}
c_cat_duplicate_across_files() {
    printf '[[entry]]\ncategory="sdk"\ncode=0x7777\ndescription_zh="甲"\nsource="a"\n' >a.toml
    printf '[[entry]]\ncategory="sdk"\ncode=0x7777\ndescription_zh="乙"\nsource="b"\n' >b.toml
    run -- --no-config --catalog a.toml --catalog b.toml show 0x7777
    check rc_is 0; check out_has 乙
}
c_cat_over_64mib() {
    python3 -c "import os; f=open('big.toml','wb'); f.write(b'#'*(64*1024*1024+1))"
    run -- --no-config --catalog big.toml show 16388
    check rc_is 2; check err_has '64 MiB'
}
c_cat_symlink_loop() {
    ln -s loop1.toml loop2.toml; ln -s loop2.toml loop1.toml
    run -- --no-config --catalog loop1.toml show 16388
    check rc_is 2; check err_has loop1.toml
}
c_cat_fifo() {
    mkfifo fifo.toml
    run -t 5 -- --no-config --catalog fifo.toml show 16388
    check rc_is 2
}
c_cat_directory() { mkdir dir.toml; run -- --no-config --catalog dir.toml show 16388; check rc_is 2; check err_has dir.toml; }
c_cat_unreadable() {
    printf '[[entry]]\ncategory="sdk"\ncode=0x7777\ndescription_zh="甲"\nsource="a"\n' >secret.toml
    chmod 000 secret.toml
    if [ $IS_ROOT = 1 ]; then
        chmod 755 "$W" "$PWD"
        run -e -- 'setpriv --reuid=65534 --regid=65534 --clear-groups "$B" --no-config --catalog secret.toml show 16388'
    else
        run -- --no-config --catalog secret.toml show 16388
    fi
    check rc_is 2; check err_has secret.toml
}
c_cat_dir_odd_names() {
    local d=$HOME/.config/trtc-errors/catalogs
    mkdir -p "$d"
    printf '[[entry]]\ncategory="sdk"\ncode=0x7778\ndescription_zh="好"\nsource="a"\n' >"$d/$'\x1b[31mred'.toml"
    printf 'not toml' >"$d/"$'\n'"newline.toml"
    printf 'x' >"$d/-rf.toml"
    mkdir "$d/sub.toml"
    ln -s /nonexistent "$d/dangling.toml"
    mkfifo "$d/fifo.toml"
    run -t 5 -- show 0x7778
    check rc_is 0; check out_has 0x7778
}
c_cat_nul_bytes() { printf 'key = "a\0b"\n' >nul.toml; run -- --no-config --catalog nul.toml show 16388; check rc_is 2; }
c_cat_bom_and_crlf() {
    printf '\xef\xbb\xbf[[entry]]\r\ncategory="sdk"\r\ncode=0x7779\r\ndescription_zh="甲"\r\nsource="a"\r\n' >bom.toml
    run -- --no-config --catalog bom.toml show 0x7779
    check rc_is 0 2
}
c_cat_dev_zero() { run -t 5 -- --no-config --catalog /dev/zero show 16388; check rc_is 2; }

######################################################################################## cache

big_catalog() { # a catalog large enough to be cached (256 KiB and more)
    python3 - "$1" <<'PY'
import sys
with open(sys.argv[1], 'w') as f:
    for i in range(3000):
        f.write(f'[[entry]]\ncategory="sdk"\ncode={0x20000 + i}\ndescription_zh="自定义错误 {i} 的说明"\n'
                f'description_en="custom error {i} explained at some length for the cache"\nsource="adv"\n')
PY
}
c_cache_read_only_dir() {
    big_catalog big.toml
    mkdir cache
    if [ $IS_ROOT = 1 ]; then mount -t tmpfs -o ro,size=64k tmpfs cache; else chmod 555 cache; fi
    TRTC_ERRORS_CACHE_DIR=$PWD/cache run -- --no-config --catalog big.toml show 0x20001
    [ $IS_ROOT = 1 ] && umount cache
    check rc_is 0; check out_has 0x20001
}
c_cache_full_disk() {
    big_catalog big.toml
    mkdir cache
    if [ $IS_ROOT = 1 ]; then
        mount -t tmpfs -o size=16k tmpfs cache
        TRTC_ERRORS_CACHE_DIR=$PWD/cache run -- --no-config --catalog big.toml show 0x20001
        local left; left=$(find cache -name '*.tmp' | wc -l)
        umount cache
        [ "$left" = 0 ] || echo "a temporary file was left on the full disk"
    else
        TRTC_ERRORS_CACHE_DIR=$PWD/cache run -e -- 'ulimit -f 16; "$B" --no-config --catalog big.toml show 0x20001'
    fi
    check rc_is 0; check out_has 0x20001
}
c_cache_concurrent_first_runs() {
    big_catalog big.toml
    local i pids=()
    for i in 1 2 3 4 5 6; do
        (TRTC_ERRORS_CACHE_DIR=$PWD/cache timeout 30 "$B" --no-config --catalog big.toml show 0x20005 >out.$i 2>err.$i; echo $? >rc.$i) &
        pids+=($!)
    done
    wait "${pids[@]}"
    for i in 1 2 3 4 5 6; do
        [ "$(cat rc.$i)" = 0 ] && grep -q 0x20005 out.$i || echo "run $i: exit $(cat rc.$i): $(head -c 200 err.$i)"
    done
    [ -z "$(find cache -name '*.tmp')" ] || echo "temporary files left: $(find cache -name '*.tmp')"
    TRTC_ERRORS_CACHE_DIR=$PWD/cache run -- --no-config --catalog big.toml show 0x20005
    check rc_is 0
}
c_cache_dir_is_a_file() {
    big_catalog big.toml; : >cachefile
    TRTC_ERRORS_CACHE_DIR=$PWD/cachefile run -- --no-config --catalog big.toml show 0x20001
    check rc_is 0; check out_has 0x20001
}
c_cache_corrupt_every_byte() {
    big_catalog big.toml
    TRTC_ERRORS_CACHE_DIR=$PWD/cache run -- --no-config --catalog big.toml show 0x20001
    for f in cache/*; do [ -f "$f" ] && python3 -c "
import sys; p=sys.argv[1]; b=bytearray(open(p,'rb').read())
for i in range(0, len(b), 97): b[i]^=0x5a
open(p,'wb').write(b)" "$f"; done
    TRTC_ERRORS_CACHE_DIR=$PWD/cache run -- --no-config --catalog big.toml show 0x20001
    check rc_is 0; check out_has 0x20001
}

###################################################################################### explain

c_explain_binary() { head -c 5000000 /dev/urandom >bin.log; run -i bin.log -- --no-config explain; check rc_is 0 1; }
c_explain_200mb_line() {
    python3 -c "
import sys; f=open('line.log','w')
f.write('x'*(100*1024*1024) + ' RtcError code: 16388 ' + 'y'*(100*1024*1024) + '\n')"
    run -t 60 -m 600000 -i line.log -- --no-config explain --summary
    rm -f line.log
    check rc_is 0 1
}
c_explain_only_separators() {
    python3 -c "print(('|:;,=-_ \t' * 50 + '\n') * 20000, end='')" >sep.log
    run -t 20 -i sep.log -- --no-config explain; check rc_is 1
}
c_explain_crlf_and_cr() {
    printf 'ok\r\nRtcError code: 16388\r\nfine\rcode: 70001\rend' >cr.log
    run -i cr.log -- --no-config explain -f json
    check rc_is 0; check out_has '"line_number": 2,'; check out_has '"token": "70001"'
    grep -q '"line_number": [4-9]' "$W/out" && echo "a CRLF counted twice"
}
c_explain_utf16() {
    printf 'RtcError code: 16388\n' | python3 -c "import sys; sys.stdout.buffer.write(sys.stdin.read().encode('utf-16'))" >u16.log
    run -i u16.log -- --no-config explain; check rc_is 0 1
}
c_explain_escapes_text() {
    printf 'code: 16388 \e]52;c;cHduZWQ=\a \e[2J \xc2\x9b6n \xe2\x80\xae evil\n' >esc.log
    run -i esc.log -- --no-config explain; check rc_is 0
}
c_explain_escapes_markdown() {
    printf 'code: 16388 <img src=x onerror=alert(1)> [click](http://evil) \e[31m`x`\n' >md.log
    run -i md.log -- --no-config explain -f markdown; check rc_is 0
    grep -v '`' "$W/out" | grep -q '<img' && echo "an <img> outside a code span"
}
c_explain_escapes_json_jq() {
    printf 'code: 16388 \e]52;c;cHduZWQ=\a \xe2\x80\xae \x7f\n' >j.log
    run -i j.log -- --no-config explain -f json; check rc_is 0
    python3 - "$W/out" <<'PY' || echo "a JSON string decodes to a live control character"
import json, sys
def walk(v):
    if isinstance(v, str):
        if any(c in v for c in '\x1b\x07\x9b\x7f\u202e'): sys.exit(1)
    elif isinstance(v, dict): [walk(x) for x in v.values()]
    elif isinstance(v, list): [walk(x) for x in v]
walk(json.load(open(sys.argv[1])))
PY
}
SIG=eJwtzM0KgjAQBOB3mbMH3fwJ9yZmUIEGGR16ieypJaVSIlsgiHfvvUfQGWg4YZWYfGbnV5CGWs3XsS4KAHQHEGNkqAjnbbLV9TMN7s2yhV8efXwHpgo8m9TBbPEwQMRfAyx3XSn0R6h2Ib9BH
run_secret() { printf '%s\n' "$1" >s.log; run -i s.log -- --no-config explain "${@:2}"; }
secret_masked() { sane || return; ! grep -q "${SIG:10:40}" "$W/out" "$W/err" || fail "the secret was echoed"; }
c_secret_query() { run_secret "enterRoom failed code: 16388 url=wss://x/?userSig=$SIG&sdkAppId=1"; check secret_masked; check out_has 16388; }
c_secret_json_field() { run_secret "join failed code: 16388 params: {\"userSig\":\"$SIG\",\"roomId\":1}"; check secret_masked; }
c_secret_private_map_key() { run_secret "code: 16388 privateMapKey: '$SIG'" -f json; check secret_masked; }
c_secret_secretkey() { run_secret "code: 70001 SecretKey=Kx9fQm2LzP7rT4vW8yB1nC6hJ3dG5sA0 secretKey: \"$SIG\""; check secret_masked; ! grep -q Kx9fQm2LzP7rT4vW8yB1nC6hJ3dG5sA0 "$W/out" || echo "SecretKey echoed"; }
c_secret_url_encoded() { run_secret "code: 16388 GET /ws?user%53ig=$SIG&q=sig%3D$SIG&t=%22$SIG%22" -f markdown; check secret_masked; }
c_secret_summary() { run_secret "code: 16388 userSig=$SIG" --summary -f json; check secret_masked; }

####################################################################################### follow

follow_start() { # follow_start FILE: explain --follow in the background, its output in $W/fout
    ( timeout -k 2 30 "$B" --no-config explain --follow "$1" -f json >"$W/fout" 2>"$W/ferr"; echo $? >"$W/frc" ) 2>/dev/null &
    FPID=$!
    sleep 0.8
}
follow_sane() {
    local frc; frc=$(cat "$W/frc" 2>/dev/null || echo none)
    case $frc in 101 | 134 | 137 | 139) echo "follow crashed (exit $frc): $(head -c 300 "$W/ferr")" ;; esac
    grep -q panicked "$W/ferr" && echo "follow panicked"
    python3 -c "import sys; b=open(sys.argv[1],'rb').read(); sys.exit(b'\x1b' in b)" "$W/fout" || echo "live escape"
}
c_follow_deleted() {
    : >f.log
    ( timeout -k 2 8 "$B" --no-config explain --follow f.log >"$W/fout" 2>"$W/ferr"; echo $? >"$W/frc" ) 2>/dev/null &
    sleep 0.8; printf 'code: 16388\n' >>f.log; sleep 0.8; rm f.log; sleep 1.5
    printf 'code: 70001\n' >f.log; wait
    follow_sane
    grep -q 16388 "$W/fout" || echo "the code before deletion was lost"
    grep -q 70001 "$W/fout" || echo "the file created again under the name was not followed"
}
c_follow_replaced_by_directory() {
    : >f.log
    ( timeout -k 2 15 "$B" --no-config explain --follow f.log >"$W/fout" 2>"$W/ferr"; echo $? >"$W/frc" ) 2>/dev/null &
    sleep 0.8; rm f.log; mkdir f.log; sleep 2; rmdir f.log; printf 'code: 16388\n' >f.log; sleep 2
    printf 'code: 70001\n' >>f.log; sleep 1.5
    kill "$(pgrep -f "explain --follow f.log" | head -1)" 2>/dev/null; wait 2>/dev/null
    follow_sane
    grep -q 70001 "$W/fout" || echo "the file recreated after a directory was not followed: $(head -c 200 "$W/ferr")"
}
c_follow_permission_removed() {
    printf 'x\n' >f.log; chmod 755 "$W" "$PWD"
    local pre=""; [ $IS_ROOT = 1 ] && pre="setpriv --reuid=65534 --regid=65534 --clear-groups"
    chmod 666 f.log
    ( timeout -k 2 8 $pre "$B" --no-config explain --follow f.log >"$W/fout" 2>"$W/ferr"; echo $? >"$W/frc" ) 2>/dev/null &
    sleep 0.8; chmod 000 f.log; mv f.log g.log; cp g.log f.log 2>/dev/null; chmod 000 f.log; sleep 2; wait
    follow_sane
}
c_follow_huge_line() {
    : >f.log
    ( ulimit -v 800000; timeout -k 2 20 "$B" --no-config explain --follow f.log >"$W/fout" 2>"$W/ferr"; echo $? >"$W/frc" ) 2>/dev/null &
    sleep 0.8
    python3 -c "
f=open('f.log','a'); f.write('z'*(120*1024*1024) + ' code: 16388\n'); f.write('RtcError code: 70001\n')"
    sleep 6; kill "$(pgrep -f "explain --follow f.log" | head -1)" 2>/dev/null; wait 2>/dev/null
    follow_sane
    grep -q 70001 "$W/fout" || echo "the line after a 120 MB line was lost: $(head -c 200 "$W/ferr")"
}

####################################################################################### output

c_out_head_closed() {
    run -e -- '"$B" --no-config list | head -1 >/dev/null; echo "${PIPESTATUS[0]}" >&2'
    sane || { echo "$WHY"; return; }
    case $(tail -1 "$W/err") in 0 | 141) ;; *) echo "list into a closed pipe: exit $(tail -1 "$W/err")";; esac
    grep -v '^[0-9]*$' "$W/err" | grep -q . && echo "noise on stderr: $(head -c 200 "$W/err")"
}
c_out_dev_full() {
    run -e -- '"$B" --no-config list >/dev/full'
    check rc_is 1 2; check err_has 'write'
}
c_out_sigpipe_explain() {
    python3 -c "print('code: 16388\n' * 200000, end='')" >many.log
    run -e -- '"$B" --no-config explain many.log | head -c 10 >/dev/null; echo "${PIPESTATUS[0]}" >&2'
    case $(tail -1 "$W/err") in 0 | 141) ;; *) echo "explain into a closed pipe: exit $(tail -1 "$W/err")";; esac
}
c_out_stdin_directory() { run -i . -- --no-config explain; check rc_is 2; check err_has read; }

########################################################################################## env

c_env_home_unset() { run -e -- 'unset HOME; "$B" show 16388'; check rc_is 0; check out_has JOIN_ROOM_FAILED; }
c_env_xdg_files() {
    : >xdgfile
    XDG_CONFIG_HOME=$PWD/xdgfile XDG_CACHE_HOME=$PWD/xdgfile XDG_DATA_HOME=$PWD/xdgfile run -- show 16388
    check rc_is 0; check out_has JOIN_ROOM_FAILED
}
c_env_garbage() {
    TRTC_ERRORS_CACHE_DIR=$'\x1b[2J\n' TRTC_ERRORS_CONFIG_DIR=/dev/null TRTC_ERRORS_DATA_DIR=$'\x07' \
        TRTC_ERRORS_NO_CACHE=maybe TRTC_ERRORS_CLIPBOARD=$'\x1b]52' run -- show 16388
    check rc_is 0
}
c_env_config_dir_fifo() { mkfifo cfg; mkdir cfgd; mkfifo cfgd/config.toml; TRTC_ERRORS_CONFIG_DIR=$PWD/cfgd run -t 5 -- show 16388; check rc_is 0; }
c_env_config_hostile() {
    mkdir -p cfgd; printf 'lang = "\e[2Jzh"\ncolor = 5\n[[\n' >cfgd/config.toml
    TRTC_ERRORS_CONFIG_DIR=$PWD/cfgd run -- show 16388
    check rc_is 0; check err_has config.toml
}
c_env_no_color_forced() {
    NO_COLOR=1 run -e -- 'script -qec "$B --no-config show 16388" /dev/null'
    check rc_is 0
    grep -q $'\e\[[0-9;]*m' "$W/out" && echo "colour on a terminal under NO_COLOR"
}

###################################################################################### browser

have_tmux() { command -v tmux >/dev/null; }
# tui_start [COLSxROWS] [PREFIX]: the browser in a fresh tmux server; PREFIX runs before it.
tui_start() {
    local size=${1:-100x30} pre=${2:-}
    tmux -L "$SOCK" kill-server 2>/dev/null
    SOCK=trtc-adv-$$-$RANDOM # a fresh server: the last one may still be exiting
    tmux -L "$SOCK" new-session -d -x "${size%x*}" -y "${size#*x}" \
        "bash --norc --noprofile -c '$pre HOME=$HOME $B --no-config; echo EXIT=\$?; stty -a; sleep 60'"
    sleep 1.2
}
screen() { tmux -L "$SOCK" capture-pane -p -J; }
keys() { tmux -L "$SOCK" send-keys "$@"; }
tui_wait() { # tui_wait TEXT [SECS]
    local i
    for i in $(seq 1 $((${2:-10} * 10))); do screen | grep -q -- "$1" && return 0; sleep 0.1; done
    echo "never on screen: $1"; screen | head -5 | cut -c1-100; return 1
}
tui_quit_restored() { # Ctrl-C, then the shell's terminal must be cooked again
    keys C-c; tui_wait "EXIT=" 5 || return
    screen | grep -q "EXIT=0" || echo "browser exit: $(screen | grep -o 'EXIT=[0-9]*')"
    screen | grep -q -- " icanon" || echo "raw mode left on"
    screen | grep -q -- " echo " || echo "echo left off"
}
paste_file() { tmux -L "$SOCK" load-buffer "$1"; tmux -L "$SOCK" paste-buffer -p; }

c_tui_resize_tiny() {
    have_tmux || return 0
    tui_start; tui_wait "Codes" || return
    tmux -L "$SOCK" resize-window -x 1 -y 1; sleep 0.5
    tmux -L "$SOCK" resize-window -x 2 -y 200; sleep 0.5
    tmux -L "$SOCK" resize-window -x 100 -y 30; sleep 0.5
    keys 1 6 3 8 8; tui_wait "Codes · 1/1" || return
    tui_quit_restored
}
c_tui_paste_with_end_marker() {
    have_tmux || return 0
    tui_start; tui_wait "Codes" || return
    printf 'code: 16388 \e[201~ then \e[200~ more \e]52;c;cHduZWQ=\a code: 70001\n' >p.txt
    paste_file p.txt; sleep 1.5
    screen | grep -q "pwned" && echo "OSC 52 payload shown"
    tui_quit_restored
}
c_tui_ctrl_z_during_scan() {
    have_tmux || return 0
    python3 -c "print('nothing here, just a long log line of no interest\n' * 120000 + 'code: 16388')" >p.txt
    tmux -L "$SOCK" kill-server 2>/dev/null
    SOCK=trtc-adv-$$-$RANDOM
    tmux -L "$SOCK" new-session -d -x 100 -y 30 "bash --norc --noprofile -i"
    sleep 0.5; keys "HOME=$HOME $B --no-config" Enter; tui_wait "Codes" || return
    paste_file p.txt; sleep 0.2; keys C-z; sleep 1
    screen | grep -q -i "stopped" || echo "Ctrl-Z during a scan did not stop: $(screen | tail -3)"
    keys fg Enter; sleep 1.5
    tui_wait "Found 1 code" 30 || return
    keys C-c; sleep 1; keys 'echo EXIT=$?; stty -a' Enter
    tui_wait "EXIT=" 5 || return
    screen | grep -q "EXIT=0" || echo "browser exit: $(screen | grep -o 'EXIT=[0-9]*')"
    screen | grep -q -- " icanon" || echo "raw mode left on"
}
c_tui_paste_then_type() {
    have_tmux || return 0
    tui_start; tui_wait "Codes" || return
    python3 -c "print('\n'.join(f'line {i} nothing' for i in range(10000)))" >p.txt
    paste_file p.txt; keys Escape; keys C-u 1 6 3 8 8
    tui_wait "Codes · 1/1" 10 || return
    tui_quit_restored
}
c_tui_dumb_term() {
    run -e -- 'TERM=dumb script -qec "$B --no-config tui" /dev/null'
    [ "$rc" = 2 ] || echo "exit $rc"; grep -q dumb "$W/out" "$W/err" || echo "no word of TERM=dumb"
}
c_tui_no_tty() { run -e -- 'setsid "$B" --no-config tui </dev/null'; check rc_is 2; }
c_tui_no_color() {
    have_tmux || return 0
    tui_start 100x30 "NO_COLOR=1"; tui_wait "Codes" || return
    tmux -L "$SOCK" capture-pane -p -e | grep -q $'\e\[[0-9;]*3[0-9];' && echo "colours drawn under NO_COLOR" 
    tui_quit_restored
}
c_tui_50mb_paste_ulimit() {
    have_tmux || return 0
    python3 -c "
line='2026-12-04 12:00:00 [INFO] room state ok, nothing to report here\n'
open('p.txt','w').write(line*(50*1024*1024//len(line)) + 'RtcError code: 16388\n')"
    tui_start 100x30 "ulimit -v 200000;"; tui_wait "Codes" || return
    paste_file p.txt
    tui_wait "Found 1 code" 60 || return
    tui_quit_restored
}
c_tui_abort_restores() {
    have_tmux || return 0
    python3 -c "open('p.txt','w').write(('x' * 79 + '\n') * (2 * 1024 * 1024))"
    tui_start 100x30 "ulimit -v 200000;"; tui_wait "Codes" || return
    paste_file p.txt; tui_wait "EXIT=" 60 || return
    screen | grep -q -- " icanon" || echo "raw mode left on after an abort"
}

#################################################################################### the cases

case_ arg_bare_0x "show 0x: no such code, exit 1, no panic"
case_ arg_minus_zero "show -0 is code 0 (ERR_NULL), exit 0"
case_ arg_i64_min_hex "0x8000000000000000 overflows nothing: no such code, exit 1"
case_ arg_u64_overflow "numbers past u64: not found, exit 1, no panic"
case_ arg_exponent "1e9 is not a code: exit 1 with a hint"
case_ arg_arabic_digit "Arabic-Indic digits: found or not found, never a panic"
case_ arg_fullwidth_hex "full-width ０ｘ４００４ is 0x4004"
case_ arg_control_bytes "ESC/BEL in an argument: nothing live echoed"
case_ arg_escape_in_search "OSC 52 in a search query: nothing live echoed"
case_ arg_long_120kb "a 120 KB query (near the per-argument limit): an answer within 20 s"
case_ arg_invalid_utf8 "invalid UTF-8 argument: an error, not a panic"
case_ arg_invalid_utf8_flag "invalid UTF-8 flag value: usage error, exit 2"
case_ arg_sdk_version_garbage "an absurd --sdk-version: an answer or an error, no panic"
case_ arg_format_unknown "-f yaml: usage error, exit 2"
case_ cat_deep_toml "TOML nested 100,000 deep: an error naming the file, exit 2, no stack overflow"
case_ cat_deep_json "JSON nested 100,000 deep: an error naming the file, exit 2"
case_ cat_duplicate_across_files "the same code in two --catalog files: the later wins"
case_ cat_over_64mib "64 MiB + 1 byte: refused naming the limit, exit 2"
case_ cat_symlink_loop "a symlink loop: an error naming it, exit 2"
case_ cat_fifo "a FIFO as --catalog: refused at once, exit 2"
case_ cat_directory "a directory as --catalog: an error naming it, exit 2"
case_ cat_unreadable "an unreadable --catalog: an error naming it, exit 2"
case_ cat_dir_odd_names "catalogs/ with ESC/newline/-rf names, a subdir, a dangling link, a FIFO: the good file loads"
case_ cat_nul_bytes "a NUL in a catalog string: refused, exit 2"
case_ cat_bom_and_crlf "BOM + CRLF catalog: loaded or refused clearly"
case_ cat_dev_zero "/dev/zero as --catalog: refused at once"
case_ cache_read_only_dir "a read-only cache dir: the answer anyway, exit 0"
case_ cache_full_disk "a full disk under the cache: the answer anyway, no temp file left"
case_ cache_concurrent_first_runs "six first runs racing to write the cache: all answer, no temp left"
case_ cache_dir_is_a_file "TRTC_ERRORS_CACHE_DIR is a file: the answer anyway"
case_ cache_corrupt_every_byte "a cache corrupted every 97 bytes: rebuilt, never believed"
case_ explain_binary "5 MB of random bytes: an answer, no panic, nothing live"
case_ explain_200mb_line "one 200 MB line under a 600 MB cap: an answer in 60 s"
case_ explain_only_separators "lines of only separators: no code, exit 1, fast"
case_ explain_crlf_and_cr "CRLF and lone-CR logs: CRLF one break, the code after a lone CR found"
case_ explain_utf16 "a UTF-16 log: an answer, no panic"
case_ explain_escapes_text "OSC 52, CSI, C1, RLO in a log: none live in text output"
case_ explain_escapes_markdown "<img onerror> and links in a log: only inside code spans in Markdown"
case_ explain_escapes_json_jq "JSON strings decode to nothing live (jq -r safe)"
case_ secret_query "userSig=… in a URL: masked, the code still found"
case_ secret_json_field "\"userSig\":\"…\" in JSON params: masked"
case_ secret_private_map_key "privateMapKey: '…': masked in JSON"
case_ secret_secretkey "SecretKey=… and secretKey: \"…\": masked"
case_ secret_url_encoded "user%53ig=…, sig%3D…, %22…%22 in a URL: masked in Markdown"
case_ secret_summary "--summary -f json: no secret"
case_ follow_deleted "--follow, file deleted then created again: both codes reported (tail -F)"
case_ follow_replaced_by_directory "--follow, file replaced by a directory then recreated: followed again"
case_ follow_permission_removed "--follow, permission removed: no crash, no live bytes"
case_ follow_huge_line "--follow, a 120 MB line appended: the next line still reported under an 800 MB cap"
case_ out_head_closed "list | head -1: exit 0 or SIGPIPE, no error noise"
case_ out_dev_full "list > /dev/full: 'cannot write' error, non-zero exit"
case_ out_sigpipe_explain "explain into a closed pipe: exit 0 or SIGPIPE"
case_ out_stdin_directory "explain < DIR: a read error, exit 2"
case_ env_home_unset "HOME unset: show still works"
case_ env_xdg_files "XDG dirs pointing at a file: show still works"
case_ env_garbage "TRTC_ERRORS_* set to garbage: show still works, nothing live"
case_ env_config_dir_fifo "config.toml is a FIFO: skipped at once"
case_ env_config_hostile "a config with ESC and bad TOML: warned with the file, defaults used"
case_ env_no_color_forced "NO_COLOR on a terminal: show prints no colour"
case_ tui_resize_tiny "browser resized to 1x1 and 2x200, then back: still answers, restored on exit"
case_ tui_paste_with_end_marker "a paste holding ESC[201~ and OSC 52: nothing live, restored"
case_ tui_ctrl_z_during_scan "Ctrl-Z during a paste scan, then fg: the scan finishes"
case_ tui_paste_then_type "a 10k-line paste, Esc, then typing: the keys are answered"
case_ tui_dumb_term "TERM=dumb: a clear refusal, exit 2"
case_ tui_no_tty "no controlling terminal (setsid): a clear refusal, exit 2"
case_ tui_no_color "NO_COLOR: the browser draws without colours"
case_ tui_50mb_paste_ulimit "a 50 MB paste under ulimit -v 200000: scanned, no abort"
case_ tui_abort_restores "a 160 MB paste under ulimit -v 200000: if it aborts, the terminal is restored"

echo
echo "total: $((PASS + FAILS + KNOWNS)) cases, $PASS passed, $FAILS failed, $KNOWNS known"
[ "$FAILS" = 0 ]
