#!/usr/bin/env bash
# End-to-end check that time suspended with Ctrl-Z is not training time: headless `train` and the
# dashboard each run one epoch in a tmux shell with job control; a real Ctrl-Z stops them for $PAUSE
# seconds, `fg` continues them. The epoch's seconds in metrics.csv must then be at most the command's wall
# time minus the suspension (before the fix they held the suspension too). The dashboard must also redraw
# after fg and quit on q.
# Usage: Scripts/e2e-suspend.sh [path/to/lenet-tui]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/release/lenet-tui}")
TMP=$(mktemp -d)
SESSION="lenet-suspend-$$"
PAUSE=6
cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "e2e-suspend: FAIL: $*" >&2; tmux capture-pane -p -t "$SESSION" >&2 || true; exit 1; }
. Scripts/tmux-screen.sh  # screen, wait_for
command -v tmux > /dev/null || { echo "e2e-suspend: skipped (no tmux)"; exit 0; }

check() { # name, command line (without output paths)
    local name=$1 args=$2
    rm -rf "$TMP/$name"
    # An interactive shell: Ctrl-Z stops the job and fg continues it, as for a person at a terminal. The
    # command runs alone (not in a subshell), as a person types it.
    tmux new-session -d -s "$SESSION" -x 120 -y 40 "LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color bash --norc --noprofile -i"
    sleep 0.5
    local ck="$TMP/$name/ck.safetensors" start end
    start=$(date +%s.%N)
    tmux send-keys -t "$SESSION" "'$BIN' $args --checkpoint '$ck' --results '$TMP/$name'" Enter
    wait_for "batch\|training LeNet-5" 60 || fail "$name: training did not start"
    # At once: a one-thread epoch takes about 1.5 s, and a pause here let it finish before Ctrl-Z.
    tmux send-keys -t "$SESSION" C-z
    wait_for "Stopped" 10 || fail "$name: Ctrl-Z did not stop it"
    screen | grep -q "[┌└]" && fail "$name: the screen was not given back to the shell"
    sleep $PAUSE
    tmux send-keys -t "$SESSION" "fg" Enter
    if [ "$name" = dashboard ]; then
        wait_for "epoch 1/1" 10 || fail "dashboard: no redraw after fg"
        wait_for "finished — press q" 300 || fail "dashboard: the epoch did not finish"
        tmux send-keys -t "$SESSION" q
    fi
    local deadline=$((SECONDS + 300))
    while pgrep -f -- "$ck" > /dev/null; do [ $SECONDS -lt $deadline ] || fail "$name: did not end"; sleep 0.1; done
    end=$(date +%s.%N)
    tmux kill-session -t "$SESSION"
    local seconds wall
    seconds=$(tail -1 "$TMP/$name/metrics.csv" | cut -d, -f7)
    wall=$(awk -v s="$start" -v e="$end" 'BEGIN { printf "%.3f", e - s }')
    awk -v s="$seconds" -v w="$wall" -v p=$PAUSE 'BEGIN { exit !(s + p <= w) }' \
        || fail "$name: epoch took $seconds s by metrics.csv, wall $wall s with $PAUSE s suspended"
    echo "  $name: epoch $seconds s by metrics.csv; $wall s wall with $PAUSE s suspended"
}

echo "== Ctrl-Z for $PAUSE s, then fg"
check headless "train --epochs 1 --threads 1"
check dashboard "--epochs 1 --threads 1"
echo "e2e-suspend: all checks passed"
