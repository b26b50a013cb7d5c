#!/usr/bin/env bash
# End-to-end check of the terminal UI in tmux, as a person would use it:
# the dashboard on a small --limit shows a sparkline and an epoch line, pauses on p, resumes,
# shows the confusion heatmap after the first epoch (axis labels, recall, a 4-digit diagonal count, the
# largest confusions worded true → predicted), the whole run's charts on w, browses a confusion's test
# images (b, Enter), reads a 1 and a 7 drawn with the arrow keys on the
# draw pad (d), shows the network view of the 7 with every layer labelled and its saliency (n, g; at 80x24 its
# three pages), survives a resize below the minimum and back, quits on q (answering the unsaved-progress
# question with y) with exit status 0, and restores the terminal.
# Usage: Scripts/e2e-tui.sh [path/to/lenet-tui]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/release/lenet-tui}")
TMP=$(mktemp -d)
SESSION="lenet-e2e-$$"
cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "e2e-tui: FAIL: $*" >&2; echo "--- screen ---" >&2; tmux capture-pane -p -t "$SESSION" >&2 || true; exit 1; }
. Scripts/tmux-screen.sh  # screen, wait_for

for size in "120 40" "80 24"; do
    set -- $size
    echo "== dashboard at ${1}x${2}"
    rm -f "$TMP/exit"
    tmux new-session -d -s "$SESSION" -x "$1" -y "$2" \
        "LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$BIN' --limit 12800 --epochs 30 --checkpoint '$TMP/ck.safetensors' --results '$TMP/results'; echo \$? > '$TMP/exit'; sleep 60"
    wait_for "epoch 1/30" 60 || fail "no header"
    wait_for "│ *1/30 *[0-9]" 90 || fail "no epoch line in the log after the first epoch"
    wait_for "[▁▂▃▄▅▆▇█]" 5 || fail "no sparkline glyphs"
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
    if [ "$1" = 120 ]; then
        wait_for "confusion · epoch [0-9]" 30 || fail "no confusion heatmap after the first epoch"
        wait_for "│0 *[0-9]" 5 || fail "no heatmap rows"
        wait_for "│true  *predicted →" 5 || fail "no true/predicted axis labels on the heatmap"
        wait_for "9 rec%│" 5 || fail "no recall column heading"
        screen | grep -qE "│1 [ 0-9]* 1[0-9]{3} " || fail "the 4-digit diagonal count of class 1 is not shown"
        wait_for "largest: true [0-9] → predicted [0-9]: [0-9]" 5 || fail "no 'largest: true A → predicted B: N' line"
        echo "  heatmap shown: $(screen | grep -oE '│1 [ 0-9]* 1[0-9]{3} ' | head -1) · $(screen | grep -o 'largest: [^│]*' | head -1)"
        # w: the charts over the whole run, the epochs on their bottom border, then back to the recent window.
        tmux send-keys -t "$SESSION" w
        wait_for "train loss [0-9.]* · whole run" 10 || fail "w did not show the whole run"
        wait_for "└epoch 1──*2" 5 || fail "no epoch axis under the whole-run chart"
        tmux send-keys -t "$SESSION" w
        wait_for "w whole run" 10 || fail "w did not go back to the recent window"
        echo "  w: whole run with the epoch axis, and back"
        # b: pick the largest confusion, Enter: browse its test images, ] next, Esc Esc back.
        tmux send-keys -t "$SESSION" b
        wait_for "Enter browses" 10 || fail "b did not start the heatmap cell selection"
        tmux send-keys -t "$SESSION" Enter
        wait_for "confusion browser" 10 || fail "Enter did not open the confusion browser"
        wait_for "│true [0-9] → predicted [0-9] · " 10 || fail "the browser does not name its cell"
        echo "  browser: $(screen | grep -o '│true [0-9] → predicted [0-9] · [^│]*' | head -1)"
        tmux send-keys -t "$SESSION" Escape; sleep 0.3; tmux send-keys -t "$SESSION" Escape
        wait_for "press d to draw a digit" 10 || fail "Esc Esc did not leave the browser"
        # A 1: from (14, 6) straight down 16 cells with the pen down.
        tmux send-keys -t "$SESSION" d
        wait_for "←↑↓→ move" 10 || fail "d did not open the pad"
        tmux send-keys -t "$SESSION" Up Up Up Up Up Up Up Up Space
        for _ in $(seq 1 16); do tmux send-keys -t "$SESSION" Down; done
        wait_for "prediction: 1 " 10 || fail "the drawn 1 was not read as 1"
        echo "  drew a 1: $(screen | grep -o 'prediction: [0-9] ([0-9.]*%)')"
        # A 7: c clears; a bar from (8, 6) to (18, 6), then down and to the left to (12, 22).
        tmux send-keys -t "$SESSION" c Up Up Up Up Up Up Up Up Left Left Left Left Left Left Space
        for _ in $(seq 1 10); do tmux send-keys -t "$SESSION" Right; done
        for _ in $(seq 1 6); do tmux send-keys -t "$SESSION" Down Down Left; done
        tmux send-keys -t "$SESSION" Down Down Down Down
        wait_for "prediction: 7 " 10 || fail "the drawn 7 was not read as 7"
        echo "  drew a 7: $(screen | grep -o 'prediction: [0-9] ([0-9.]*%)')"
        # n: the network view, with the 7 in its input; every layer labelled, the prediction read from it.
        tmux send-keys -t "$SESSION" n
        wait_for "c1 6×28×28" 10 || fail "n did not open the network view"
        for label in "c1 filters 6×1×5×5" "pool1 6×14×14" "c3 16×10×10" "pool2 16×5×5" "training health" "probabilities"; do
            wait_for "$label" 5 || fail "no '$label' in the network view"
        done
        wait_for "probabilities (%) · 7 " 5 || fail "the network view did not read the 7"
        echo "  network view: $(screen | grep -o 'probabilities (%) · [0-9] ([0-9.]*%)')"
        tmux send-keys -t "$SESSION" g
        wait_for "input 1×28×28 + saliency" 10 || fail "g did not overlay the saliency map"
        echo "  g: saliency overlay"
        tmux send-keys -t "$SESSION" g Escape Escape
        wait_for "confusion · epoch" 10 || fail "Esc Esc did not close the network view"
        # Below the minimum size, then back.
        tmux resize-window -t "$SESSION" -x 60 -y 20
        wait_for "terminal too small: need 64×22" 10 || fail "no too-small message at 60x20"
        tmux resize-window -t "$SESSION" -x 120 -y 40
        wait_for "confusion · epoch" 10 || fail "the dashboard did not come back after the resize"
        echo "  60x20: too small; back at 120x40"
    else
        tmux send-keys -t "$SESSION" Tab
        wait_for "confusion" 30 || fail "tab did not show the heatmap at ${1}x${2}"
        wait_for "recall %" 30 || fail "no recall column on the heatmap at ${1}x${2}"
        tmux send-keys -t "$SESSION" Tab
        wait_for "draw ·" 10 || fail "tab did not show the pad at ${1}x${2}"
        tmux send-keys -t "$SESSION" Escape
        echo "  tab showed the heatmap and the pad"
        # n: the network view over three pages at 80x24, n steps through them and closes it.
        tmux send-keys -t "$SESSION" n
        wait_for "page 1/3 · n next" 10 || fail "n did not open the network view in pages"
        wait_for "c1 filters 6×1×5×5" 5 || fail "no c1 filters on the first page"
        tmux send-keys -t "$SESSION" n
        wait_for "pool1 6×14×14" 10 || fail "n did not show the second page"
        wait_for "c3 16×10×10" 5 || fail "no c3 on the second page"
        tmux send-keys -t "$SESSION" n
        wait_for "training health" 10 || fail "n did not show the last page"
        tmux send-keys -t "$SESSION" n
        wait_for "epochs" 10 || fail "n on the last page did not close the network view"
        echo "  n: the network view's three pages, then closed"
    fi
    tmux send-keys -t "$SESSION" q
    sleep 0.5
    # With unsaved progress q asks first; y quits.
    if screen | grep -q "quit? .*y quit"; then tmux send-keys -t "$SESSION" y; echo "  q asked first; y"; fi
    for _ in $(seq 1 100); do [ -f "$TMP/exit" ] && break; sleep 0.2; done
    [ -f "$TMP/exit" ] || fail "q did not quit"
    [ "$(cat "$TMP/exit")" = "0" ] || fail "exit status $(cat "$TMP/exit")"
    wait_for "stopped\|epoch" 5 || fail "no closing summary after quitting"
    echo "  q quit with status 0; terminal restored:"
    screen | sed '/^$/d' | head -5 | sed 's/^/    | /'
    tmux kill-session -t "$SESSION"
done
echo "e2e-tui: all checks passed"
