#!/usr/bin/env bash
# What the network view costs: `train --epochs 4` headless against the dashboard with the network view
# open (n) and a 7 on the draw pad (so its maps are computed live once a second), alternating, same
# binary, same machine; then the dashboard's per-frame times from LENET_FRAME_TIMES.
# Training images/s per run = 60,000 / each epoch's training seconds in metrics.csv, averaged over the
# 4 epochs (the same file and formula for both). BASE=/path/to/other/lenet-tui adds a headless column
# for another build (e.g. one from before the training-health figures).
# Usage: Scripts/bench-netview.sh [path/to/lenet-tui] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/release/lenet-tui}")
ROUNDS=${2:-3}
TMP=$(mktemp -d)
SESSION="lenet-bench-$$"
cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT

rate() { # metrics.csv -> mean training images/s over its epochs
    awk -F, 'NR > 1 { s += 60000 / $8; n++ } END { printf "%.0f", s / n }' "$1"
}
headless() { # binary, dir
    "$1" train --epochs 4 --checkpoint "$2/ck.safetensors" --results "$2" > /dev/null
    rate "$2/metrics.csv"
}
dashboard() { # dir
    tmux new-session -d -s "$SESSION" -x 120 -y 40 \
        "LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color LENET_FRAME_TIMES='$1/frames.txt' '$BIN' --epochs 4 --checkpoint '$1/ck.safetensors' --results '$1'; sleep 30"
    for _ in $(seq 1 150); do tmux capture-pane -p -t "$SESSION" | grep -q "lenet-tui ·" && break; sleep 0.2; done
    tmux send-keys -t "$SESSION" n d Up Up Up Up Up Up Up Up Left Left Left Left Left Left Space
    for _ in $(seq 1 10); do tmux send-keys -t "$SESSION" Right; done
    for _ in $(seq 1 6); do tmux send-keys -t "$SESSION" Down Down Left; done
    for _ in $(seq 1 600); do
        tmux capture-pane -p -t "$SESSION" | grep -q "finished" && break
        sleep 0.2
    done
    tmux capture-pane -p -t "$SESSION" | grep -q "c1 6×28×28" || { echo "bench-netview: the network view was not open" >&2; exit 1; }
    tmux send-keys -t "$SESSION" q
    sleep 0.5
    tmux kill-session -t "$SESSION" 2>/dev/null || true
    cat "$1/frames.txt" >> "$TMP/frames.txt"
    rate "$1/metrics.csv"
}

echo "== train --epochs 4 (60,000 images, batch 64, Adam, $(nproc) cores), $ROUNDS rounds alternating"
printf "%-8s %22s %30s%s\n" round "headless img/s" "dashboard + network view img/s" "${BASE:+   headless (BASE) img/s}"
for round in $(seq 1 "$ROUNDS"); do
    h=$(headless "$BIN" "$TMP/h$round")
    d=$(dashboard "$TMP/d$round")
    b=""
    [ -n "${BASE:-}" ] && b=$(printf "%27s" "$(headless "$(realpath "$BASE")" "$TMP/b$round")")
    printf "%-8s %22s %30s%s\n" "$round" "$h" "$d" "$b"
done

echo
echo "== dashboard frames with the network view on screen (120x40, 256 colours), milliseconds"
awk '$3 == 1' "$TMP/frames.txt" > "$TMP/net.txt"
summary() { # column, name
    sort -n -k"$1" "$TMP/net.txt" | awk -v c="$1" -v name="$2" '{ v[NR] = $c } END {
        printf "%-34s median %7.3f   p95 %7.3f   max %7.3f   (%d frames)\n", name, v[int((NR + 1) / 2)], v[int(NR * 0.95 + 0.5)], v[NR], NR }'
}
summary 1 "render (cell buffer)"
summary 2 "draw (curses, to the terminal)"
awk '$4 > 0' "$TMP/net.txt" > "$TMP/inspect.txt"
mv "$TMP/inspect.txt" "$TMP/net.txt"
summary 4 "inspect (filters + maps, engine)"
