#!/usr/bin/env bash
# End-to-end check of the terminal UI in tmux, as a person would use it:
# the dashboard on a small --limit shows a sparkline and an epoch line, pauses on p, resumes,
# quits on q with exit status 0, and restores the terminal.
# Usage: Scripts/e2e-tui.sh [path/to/lenet-tui]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/release/lenet-tui}")
TMP=$(mktemp -d)
SESSION="lenet-e2e-$$"
cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "e2e-tui: FAIL: $*" >&2; echo "--- screen ---" >&2; tmux capture-pane -p -t "$SESSION" >&2 || true; exit 1; }
screen() { tmux capture-pane -p -t "$SESSION"; }
wait_for() { # pattern, seconds
    local deadline=$((SECONDS + $2))
    while [ $SECONDS -lt $deadline ]; do
        screen | grep -q -- "$1" && return 0
        sleep 0.2
    done
    return 1
}

for size in "120 40" "80 24"; do
    set -- $size
    echo "== dashboard at ${1}x${2}"
    rm -f "$TMP/exit"
    tmux new-session -d -s "$SESSION" -x "$1" -y "$2" \
        "LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$BIN' --limit 12800 --epochs 30 --checkpoint '$TMP/ck.safetensors'; echo \$? > '$TMP/exit'; sleep 60"
    wait_for "epoch 1/30" 60 || fail "no header"
    wait_for "│ *1/30 *[0-9]" 90 || fail "no epoch line in the log after the first epoch"
    screen | grep -q "[▁▂▃▄▅▆▇█]" || fail "no sparkline glyphs"
    echo "  header, sparkline and epoch line shown"
    tmux send-keys -t "$SESSION" p
    wait_for "paused" 10 || fail "p did not pause"
    batch1=$(screen | grep -o "batch *[0-9]*/[0-9]*" | head -1)
    sleep 1.5
    batch2=$(screen | grep -o "batch *[0-9]*/[0-9]*" | head -1)
    [ "$batch1" = "$batch2" ] || fail "training went on while paused ($batch1 -> $batch2)"
    echo "  paused at $batch1 and stayed there"
    tmux send-keys -t "$SESSION" p
    wait_for "running" 10 || fail "p did not resume"
    echo "  resumed"
    tmux send-keys -t "$SESSION" q
    for _ in $(seq 1 100); do [ -f "$TMP/exit" ] && break; sleep 0.2; done
    [ -f "$TMP/exit" ] || fail "q did not quit"
    [ "$(cat "$TMP/exit")" = "0" ] || fail "exit status $(cat "$TMP/exit")"
    screen | grep -q "stopped\|epoch" || fail "no closing summary after quitting"
    echo "  q quit with status 0; terminal restored:"
    screen | sed '/^$/d' | head -5 | sed 's/^/    | /'
    tmux kill-session -t "$SESSION"
done
echo "e2e-tui: all checks passed"
