#!/usr/bin/env bash
# End-to-end check of steering and the mouse in the dashboard, in tmux at 120x40, as a person would use
# them: the terminal's mouse reporting is on (modes 1002 and 1006); a vertical drag on the draw pad sent as
# raw SGR mouse reports (press \e[<0;X;YM, drags \e[<32;X;YM, release \e[<0;X;Ym) reads as a 1; p pauses,
# + + quadruples the header's learning rate, . runs exactly one mini-batch and the epoch log gets the
# rate-change line; < down to 2/s shows "pace 2/s" and, resumed, at most 3 mini-batches advance per
# second; q quits with status 0 and mouse reporting off. Then mouse reporting is off after SIGTERM and
# after a crash (SIGSEGV), and never on with --no-mouse.
# Usage: Scripts/e2e-steer.sh [path/to/lenet-tui]
# With STEER_CAPTURES=DIR the screens are saved there as steer-*.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/release/lenet-tui}")
TMP=$(mktemp -d)
SESSION="lenet-steer-$$"
cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "e2e-steer: FAIL: $*" >&2; echo "--- screen ---" >&2; tmux capture-pane -p -t "$SESSION" >&2 || true; exit 1; }
. Scripts/tmux-screen.sh  # screen, wait_for
flags() { tmux display -p -t "$SESSION" '#{mouse_button_flag}#{mouse_sgr_flag}#{mouse_any_flag}'; }
capture() { # name: the screen as text, when STEER_CAPTURES is set
    [ -n "${STEER_CAPTURES:-}" ] || return 0
    mkdir -p "$STEER_CAPTURES"
    screen > "$STEER_CAPTURES/steer-$1.txt"
}
batch() { screen | sed -n 3p | grep -o "batch *[0-9]*" | grep -o "[0-9]*$"; }
lr() { screen | head -1 | grep -o "lr [0-9.e-]*" | head -1 | cut -d' ' -f2; }
sgr() { tmux send-keys -t "$SESSION" -l $'\e[<'"$1"; }
start() { # extra flags...
    tmux kill-session -t "$SESSION" 2>/dev/null || true
    rm -f "$TMP/exit" "$TMP/pid"
    tmux new-session -d -s "$SESSION" -x 120 -y 40 \
        "cd '$TMP'; sh -c 'echo \$\$ > pid; exec env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color \"\$0\" \"\$@\"' '$BIN' --limit 12800 --epochs 30 --checkpoint ck.safetensors --results results $*; echo \$? > exit; sleep 60"
    wait_for "epoch 1/30" 60 || fail "the dashboard did not start"
}
wait_exit() { for _ in $(seq 1 150); do [ -s "$TMP/exit" ] && return 0; sleep 0.2; done; fail "the dashboard did not exit"; }

echo "== the dashboard at 120x40"
start
[ "$(flags)" = 111 ] || fail "mouse reporting is not on (button, sgr, any: $(flags))"
echo "  mouse reporting on: button-event tracking (1002) with SGR reports (1006)"

# A 1: the pad's grid starts at column 74, row 23 (1-based) at 120x40, a cell per pixel column and two
# pixel rows; press at pixel (14, 6), drag down to pixel row 22, release.
sgr "0;88;26M"
for row in $(seq 27 34); do sgr "32;88;${row}M"; done
sgr "0;88;34m"
wait_for "prediction: 1 " 10 || fail "the vertical drag on the pad was not read as a 1"
wait_for "draw · " 5 || fail "the press did not open the pad"
echo "  mouse drag on the pad: $(screen | grep -o 'prediction: [0-9] ([0-9.]*%)')"
capture draw
tmux send-keys -t "$SESSION" Escape

tmux send-keys -t "$SESSION" .
wait_for "pause first (p)" 10 || fail ". while running did not say to pause first"
tmux send-keys -t "$SESSION" p
wait_for "paused" 10 || fail "p did not pause"
wait_for "lr [0-9]" 10 || fail "no learning rate in the header"
before=$(lr)
tmux send-keys -t "$SESSION" + +
wait_for "lr [0-9.e-]* (x4)" 10 || fail "+ + did not show the multiplier x4"
after=$(lr)
awk -v a="$before" -v b="$after" 'BEGIN { r = b / a; exit !(r > 3.96 && r < 4.04) }' \
    || fail "+ + did not quadruple the header's rate ($before -> $after)"
echo "  + +: lr $before -> $after (x4), $(screen | head -1 | grep -o 'lr [^ ]* ([^)]*)')"
capture header-x4
step_from=$(batch)
tmux send-keys -t "$SESSION" .
wait_for "lr x4 -> [0-9.e-]* at epoch [0-9]*, batch [0-9]*" 10 || fail "no rate-change line in the epoch log after ."
sleep 0.5
# 200 mini-batches an epoch (--limit 12800, batch 64): a step from the last one is mini-batch 1 of the next.
want=$(( step_from % 200 + 1 ))
[ "$(batch)" = "$want" ] || fail ". did not run exactly one mini-batch ($step_from -> $(batch), expected $want)"
echo "  .: one mini-batch ($step_from -> $(batch)); the log says: $(screen | grep -o 'lr x4 -> [^│]*' | sed 's/ *$//')"
capture log-rate

for _ in 1 2 3 4; do tmux send-keys -t "$SESSION" '<'; sleep 0.2; done
wait_for "pace 2/s" 10 || fail "< four times did not show pace 2/s"
capture header-pace
tmux send-keys -t "$SESSION" p
wait_for "running" 10 || fail "p did not resume"
sleep 1.2
samples="" moved=0
previous=$(batch)
for _ in $(seq 1 6); do
    sleep 1
    now=$(batch)
    if [ "$now" -ge "$previous" ]; then  # an epoch boundary restarts the count: skip that second
        step=$((now - previous))
        [ $step -le 3 ] || fail "at pace 2/s, $step mini-batches advanced in one second ($previous -> $now)"
        moved=$((moved + step))
        samples="$samples $step"
    fi
    previous=$now
done
[ $moved -gt 0 ] || fail "no mini-batch advanced at pace 2/s"
echo "  < to 2/s: $(screen | head -1 | grep -o 'pace 2/s'); mini-batches per second:$samples"

tmux send-keys -t "$SESSION" q
sleep 0.5
if screen | grep -q "quit? .*y quit"; then tmux send-keys -t "$SESSION" y; fi
wait_exit
[ "$(cat "$TMP/exit")" = 0 ] || fail "exit status $(cat "$TMP/exit")"
[ "$(flags)" = 000 ] || fail "mouse reporting left on after q ($(flags))"
echo "  q: exit 0, mouse reporting off"

echo "== mouse reporting off on the other ways out"
for sig in TERM SEGV; do
    start
    [ "$(flags)" = 111 ] || fail "SIG$sig run: mouse reporting is not on"
    kill -$sig "$(cat "$TMP/pid")"
    wait_exit
    [ "$(flags)" = 000 ] || fail "mouse reporting left on after SIG$sig ($(flags))"
    [ "$(tmux display -p -t "$SESSION" '#{alternate_on}')" = 0 ] || fail "SIG$sig: still in the alternate screen"
    echo "  SIG$sig: exit $(cat "$TMP/exit"), mouse reporting off"
done
# Ctrl-Z in an interactive shell (job control): reporting off while stopped, on again after fg.
tmux kill-session -t "$SESSION" 2>/dev/null || true
tmux new-session -d -s "$SESSION" -x 120 -y 40 "LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color bash --norc --noprofile -i"
sleep 0.5
tmux send-keys -t "$SESSION" "cd '$TMP' && '$BIN' --limit 12800 --epochs 30 --checkpoint ck.safetensors --results results" Enter
wait_for "epoch 1/30" 60 || fail "the dashboard did not start in the shell"
tmux send-keys -t "$SESSION" C-z
wait_for "Stopped" 10 || fail "Ctrl-Z did not stop the dashboard"
[ "$(flags)" = 000 ] || fail "mouse reporting left on while stopped ($(flags))"
tmux send-keys -t "$SESSION" "fg" Enter
wait_for "epoch [0-9]*/30" 10 || fail "no redraw after fg"
sleep 0.5
[ "$(flags)" = 111 ] || fail "mouse reporting not back on after fg ($(flags))"
tmux send-keys -t "$SESSION" C-c
for _ in $(seq 1 50); do [ "$(tmux display -p -t "$SESSION" '#{alternate_on}')" = 0 ] && break; sleep 0.2; done
[ "$(flags)" = 000 ] || fail "mouse reporting left on after Ctrl-C ($(flags))"
echo "  Ctrl-Z: off while stopped, on after fg; Ctrl-C: off"
start --no-mouse
[ "$(flags)" = 000 ] || fail "--no-mouse switched mouse reporting on ($(flags))"
sgr "0;88;26M"; sgr "0;88;26m"
sleep 0.5
wait_for "press d to draw a digit" 5 || fail "--no-mouse: a mouse report still reached the pad"
echo "  --no-mouse: reporting never on, the terminal keeps its selection"
kill -TERM "$(cat "$TMP/pid")"
wait_exit
echo "e2e-steer: all checks passed"
