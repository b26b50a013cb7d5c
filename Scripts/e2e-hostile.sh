#!/usr/bin/env bash
# End-to-end checks of hostile output paths, process-level faults and resume rules (issue 9, items 4-6).
# Every case must end with one `lenet-tui: error: ...` line naming the flag, key or file and an exit status
# below 128 (or the documented 0, 130, 141), within seconds, under 300 MB peak RSS, and must leave every
# file the command did not name unchanged (SHA-256 of a bystander tree before and after each case).
# Usage: Scripts/e2e-hostile.sh [path/to/lenet-tui]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/release/lenet-tui}")
TMP=$(mktemp -d)
SESSION="lenet-hostile-$$"
cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "e2e-hostile: FAIL: $*" >&2; exit 1; }
RSS_LIMIT_KB=307200
cd "$TMP"

# Files no case names: their hashes must never change.
mkdir -p keep
printf 'precious\n' > keep/victim
cp "$OLDPWD/assets/lenet5-pretrained.safetensors" keep/pretrained.safetensors
bystanders() { find keep -type f -print0 | sort -z | xargs -0 sha256sum; }
bystanders > before.sha

# run NAME STATUS-PATTERN STDERR-PATTERN command...: runs under /usr/bin/time, checks the status, that
# stderr is exactly one line matching the pattern (or empty for ""), the peak RSS and the bystanders.
run() {
    local name=$1 want_status=$2 want_err=$3; shift 3
    set +e
    /usr/bin/time -f %M -o rss.txt "$@" > out.txt 2> err.txt < /dev/null
    local status=$?
    set -e
    local rss; rss=$(tail -1 rss.txt)
    [[ $status =~ ^($want_status)$ ]] || { cat err.txt; fail "$name: exit status $status, expected $want_status"; }
    if [ -z "$want_err" ]; then
        [ ! -s err.txt ] || { cat err.txt; fail "$name: expected nothing on stderr"; }
    else
        [ "$(wc -l < err.txt)" -eq 1 ] || { cat err.txt; fail "$name: expected one stderr line"; }
        grep -q -- "$want_err" err.txt || { cat err.txt; fail "$name: stderr lacks '$want_err'"; }
        ! grep -q $'\e' err.txt || fail "$name: raw escape character on stderr"
    fi
    [ "$rss" -lt $RSS_LIMIT_KB ] || fail "$name: peak RSS $rss KiB"
    bystanders | cmp -s - before.sha || fail "$name: a file no one named changed"
    printf '  ok  %-34s exit %3s  %4d MB  %s\n' "$name" "$status" $((rss / 1024)) "$(head -c 150 err.txt | head -1)"
}
TRAIN=("$BIN" train --limit 640 --threads 2)

echo "== output paths are checked before the first epoch"
mkdir -p adir && mkfifo afifo && printf 'x' > afile && printf 'results' > rfile
run "--checkpoint /dev/null" 1 "--checkpoint /dev/null: is a character device, not a regular file" "${TRAIN[@]}" --checkpoint /dev/null
[ -c /dev/null ] || fail "/dev/null is no longer a device"
run "--checkpoint DIR" 1 "--checkpoint adir: is a directory, not a regular file" "${TRAIN[@]}" --checkpoint adir
run "--checkpoint FIFO" 1 "--checkpoint afifo: is a named pipe (FIFO)" "${TRAIN[@]}" --checkpoint afifo
[ -p afifo ] || fail "the FIFO was replaced"
ln -s adir linkdir
run "--checkpoint link-to-dir" 1 "is a symbolic link to adir, which is a directory" "${TRAIN[@]}" --checkpoint linkdir
run "--checkpoint file/sub/x" 1 "--checkpoint afile/sub/x.safetensors: afile is a regular file, not a directory" \
    "${TRAIN[@]}" --checkpoint afile/sub/x.safetensors
run "--checkpoint unwritable dir" 1 "--checkpoint /proc/lenet.safetensors: cannot use the lock file .*cannot create it" \
    "${TRAIN[@]}" --checkpoint /proc/lenet.safetensors
run "--checkpoint 256-byte name" 1 "a name in it is 256 bytes long; the file system allows at most 255" \
    "${TRAIN[@]}" --checkpoint "$(printf 'n%.0s' $(seq 256))"
run "--results FILE" 1 "--results rfile: is a regular file, not a directory" "${TRAIN[@]}" --results rfile --checkpoint c.safetensors
run "--results file/sub" 1 "--results afile/sub: afile is a regular file, not a directory" "${TRAIN[@]}" --results afile/sub --checkpoint c.safetensors
mkdir -p rdir/metrics.csv
run "results/metrics.csv is a directory" 1 "rdir/metrics.csv: is a directory, not a regular file" "${TRAIN[@]}" --results rdir --checkpoint c.safetensors
run "--results with an escape" 1 '--results must be a path without control characters (U+001B at character 2), got "r\\u{1B}\]0;pwned\\u{7}"' \
    "${TRAIN[@]}" --results $'r\e]0;pwned\a'
printf '{"checkpoint": "keep/victim\\u0000.safetensors"}' > nul.json
run '"checkpoint" with a NUL' 1 'nul.json: key "checkpoint" must be a path without control characters (U+0000 at character 12)' \
    "${TRAIN[@]}" --config nul.json
run "--data with a newline" 1 "--data must be a path without control characters (U+000A" "${TRAIN[@]}" --data $'assets\nx'
run "test --results with an escape" 1 "--results must be a path without control characters" \
    "$BIN" test --checkpoint keep/pretrained.safetensors --results $'r\e[2J'
[ ! -e c.safetensors ] && [ ! -e checkpoints ] || fail "a refused run wrote a checkpoint"

echo "== a second run on the same checkpoint or results directory fails at once"
"${TRAIN[@]}" --epochs 1000 --checkpoint busy.safetensors --results rbusy --json > /dev/null 2>&1 &
first=$!
for _ in $(seq 1 100); do [ -s busy.safetensors.lock ] && [ -s rbusy/.lenet-tui.lock ] && break; sleep 0.1; done
run "same --checkpoint" 1 "--checkpoint busy.safetensors: another lenet-tui run (pid $first) is writing this checkpoint" \
    "${TRAIN[@]}" --checkpoint busy.safetensors --results relsewhere
run "same --results" 1 "--results rbusy: another lenet-tui run (pid $first) is writing this results directory" \
    "${TRAIN[@]}" --checkpoint elsewhere.safetensors --results rbusy
ln -s busy.safetensors latest.safetensors
run "symlink to the same checkpoint" 1 "another lenet-tui run (pid $first) is writing this checkpoint" \
    "${TRAIN[@]}" --checkpoint latest.safetensors --results relsewhere
kill -KILL $first; wait $first 2>/dev/null || true
run "after the holder died" 0 "" "${TRAIN[@]}" --epochs 1 --json --checkpoint busy.safetensors --results rbusy
echo "  the kernel released the dead holder's lock"

echo "== stdout and stderr that cannot be written"
run "> /dev/full" 1 "lenet-tui: error: standard output: cannot write: No space left on device" \
    sh -c 'exec "$0" train --limit 640 --epochs 1 --checkpoint full.safetensors --results rfull > /dev/full' "$BIN"
run "--json > /dev/full (at epoch 1)" 1 "standard output: cannot write: No space left on device" \
    sh -c 'exec "$0" train --limit 640 --epochs 2 --json --checkpoint full.safetensors --results rfull > /dev/full' "$BIN"
"$BIN" test --checkpoint full.safetensors --json > /dev/null || fail "checkpoint unreadable after the write fault"
run "| head -1, SIGPIPE ignored" 141 "" \
    bash -c 'trap "" PIPE; "$0" train --limit 640 --epochs 3 --checkpoint pipe.safetensors --results rpipe | head -1 > /dev/null; exit ${PIPESTATUS[0]}' "$BIN"
"$BIN" test --checkpoint pipe.safetensors --json > /dev/null || fail "checkpoint unreadable after EPIPE"
run "stdout closed (>&-)" 1 "standard output: cannot write: Bad file descriptor" \
    sh -c 'exec "$0" train --limit 640 --epochs 1 --checkpoint closed.safetensors --results rclosed >&-' "$BIN"
run "2>/dev/full, bad flag" 1 "" sh -c 'exec "$0" train --batch-size 0 2> /dev/full' "$BIN"
run "2>/dev/full, good run" 0 "" sh -c 'exec "$0" train --limit 640 --epochs 1 --json --checkpoint e.safetensors --results re 2> /dev/full > /dev/null' "$BIN"
run "test > /dev/full" 1 "standard output: cannot write" sh -c 'exec "$0" test --checkpoint keep/pretrained.safetensors --results rt > /dev/full' "$BIN"
run "--help > /dev/full" 1 "standard output: cannot write" sh -c 'exec "$0" --help > /dev/full' "$BIN"

echo "== batch size: bounded, and memory follows the images used"
run "--batch-size 1000000" 1 "--batch-size must be 1 to 60000, got 1000000" "${TRAIN[@]}" --batch-size 1000000 --limit 100
printf '{"batch_size": 1000000000}' > bigbatch.json
run '"batch_size": 10^9' 1 'bigbatch.json: key "batch_size" must be 1 to 60000, got 1000000000' "${TRAIN[@]}" --config bigbatch.json
run "bench --batch-size 10^7" 1 "--batch-size must be 1 to 60000, got 10000000" "$BIN" bench --batch-size 10000000
run "--batch-size 60000 --limit 100" 0 "" "$BIN" train --batch-size 60000 --limit 100 --epochs 1 --json --checkpoint big.safetensors --results rbig
[ "$(tail -1 rss.txt)" -lt 150000 ] || fail "a 100-image run with --batch-size 60000 took $(tail -1 rss.txt) KiB"

echo "== resume starts from the checkpoint's saved config"
"${TRAIN[@]}" --epochs 2 --lr 0.002 --json --checkpoint r.safetensors --results rr > /dev/null
sha256sum r.safetensors > r.sha
run "nothing to do" 0 "lenet-tui: nothing to do: the checkpoint is already at epoch 2" "${TRAIN[@]}" --resume r.safetensors --results rr
sha256sum -c --quiet r.sha || fail "nothing to do changed the checkpoint"
run "--lr conflicts" 1 "r.safetensors: --lr 0.01 conflicts with the checkpoint's learning_rate 0.002" \
    "$BIN" train --resume r.safetensors --epochs 3 --lr 0.01
run "--optimizer conflicts" 1 "--optimizer \"sgd\" conflicts with the checkpoint's optimizer \"adam\"" \
    "$BIN" train --resume r.safetensors --epochs 3 --optimizer sgd
printf '{"momentum": 0.5, "epochs": 3}' > m.json
run "config key conflicts" 1 "m.json: key \"momentum\" 0.5 conflicts with the checkpoint's momentum 0.9" \
    "$BIN" train --resume r.safetensors --config m.json
sha256sum -c --quiet r.sha || fail "a refused resume changed the checkpoint"
# Crafted files: the same checkpoint with edited metadata.
edit() { # source, target, python expression on the metadata dict `m`
    python3 - "$1" "$2" "$3" <<'PY'
import json, struct, sys
raw = open(sys.argv[1], "rb").read()
n = struct.unpack("<Q", raw[:8])[0]
header = json.loads(raw[8:8 + n])
m = header["__metadata__"]
exec(sys.argv[3])
text = json.dumps(header).encode()
text += b" " * (-len(text) % 8)
open(sys.argv[2], "wb").write(struct.pack("<Q", len(text)) + text + raw[8 + n:])
PY
}
edit r.safetensors max.safetensors 'm["epoch"] = str(2**63 - 1)'
run "epoch Int64.max" 1 'max.safetensors: metadata "epoch" is 9223372036854775807, more than the 100000' \
    "$BIN" train --resume max.safetensors --epochs 3 --results rmax
edit r.safetensors neg.safetensors 'm["epoch"] = "-1"'
run "epoch -1" 1 'neg.safetensors: metadata "epoch" has an invalid value "-1"' "$BIN" train --resume neg.safetensors --epochs 3
edit r.safetensors r-saved.safetensors 'del m["rng_state"]; del m["optimizer"]; m["saved_by"] = "dashboard key s"'
run "weights-only checkpoint" 1 "r-saved.safetensors: holds weights only .* resume from the epoch checkpoint (r.safetensors)" \
    "$BIN" train --resume r-saved.safetensors --epochs 3
edit r.safetensors mixed.safetensors 'm["config"] = m["config"].replace("\"adam\"", "\"sgd\"")'
run "optimizer state mismatch" 1 "the saved config says optimizer sgd but the saved optimizer state is adam's" \
    "$BIN" train --resume mixed.safetensors --epochs 3
run "resume --epochs 3" 0 "" "$BIN" train --resume r.safetensors --epochs 3 --threads 1 --json --results rr
python3 -c "import json,sys; l=open(sys.argv[1]).read().splitlines(); assert len(l)==1 and json.loads(l[0])['epoch']==3, l" out.txt \
    || fail "the resumed run did not train exactly epoch 3"

echo "== the dashboard: a crash restores the terminal; Ctrl-C, SIGTERM, SIGHUP exit 130"
dashboard() { # extra flags...: starts the dashboard in tmux, its pid in $TMP/pid
    tmux kill-session -t "$SESSION" 2>/dev/null || true
    rm -f exit pid
    tmux new-session -d -s "$SESSION" -x 100 -y 30 \
        "cd '$TMP'; sh -c 'echo \$\$ > pid; exec env TERM=xterm-256color LANG=C.UTF-8 \"\$0\" \"\$@\"' '$BIN' --threads 1 --limit 20000 --epochs 50 $*; echo \$? > exit; stty -a | grep -o -- ' -\?echo ' > stty; sleep 60"
    for _ in $(seq 1 300); do tmux capture-pane -p -t "$SESSION" | grep -q "epoch 1/50" && return 0; sleep 0.2; done
    tmux capture-pane -p -t "$SESSION" >&2; fail "the dashboard did not start"
}
wait_exit() { for _ in $(seq 1 150); do [ -s exit ] && [ -s stty ] && return 0; sleep 0.2; done; fail "the dashboard did not exit"; }
for sig in SEGV ABRT; do
    dashboard --checkpoint dash.safetensors --results rdash
    kill -$sig "$(cat pid)"; wait_exit
    [ "$(tmux display -p -t "$SESSION" '#{alternate_on}')" = 0 ] || fail "SIG$sig: still in the alternate screen"
    [ "$(tr -d ' ' < stty)" = echo ] || fail "SIG$sig: echo left off ($(cat stty))"
    echo "  SIG$sig: exit $(cat exit), alternate screen left, echo back on"
done
for sig in INT TERM HUP; do
    dashboard --checkpoint dash.safetensors --results rdash
    if [ $sig = INT ]; then tmux send-keys -t "$SESSION" C-c; else kill -$sig "$(cat pid)"; fi
    wait_exit
    [ "$(cat exit)" = 130 ] || fail "SIG$sig: dashboard exit $(cat exit), expected 130"
    echo "  SIG$sig: exit 130"
done
mkdir -p dsaved-saved.safetensors
tmux kill-session -t "$SESSION" 2>/dev/null || true
rm -f exit
tmux new-session -d -s "$SESSION" -x 100 -y 30 \
    "cd '$TMP'; TERM=xterm-256color '$BIN' --limit 640 --checkpoint dsaved.safetensors --results rds 2> err.txt; echo \$? > exit; sleep 60"
for _ in $(seq 1 100); do [ -s exit ] && break; sleep 0.2; done
[ "$(cat exit)" = 1 ] && grep -q "dsaved-saved.safetensors (written by the s key): is a directory" err.txt \
    || { cat err.txt; fail "the s key's path was not checked before the dashboard started"; }
echo "  the s key's checkpoint path is checked before the screen opens"
echo "e2e-hostile: all checks passed"
