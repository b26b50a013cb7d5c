#!/usr/bin/env bash
# End-to-end check of the dashboard on other terminals, in tmux: TERM=dumb falls back to plain lines,
# vt100 and NO_COLOR draw without colour, a non-UTF-8 locale draws ASCII, and Ctrl-C / SIGTERM / SIGHUP quit
# cleanly with the terminal restored and exit status 130, as `train` does.
# Usage: Scripts/e2e-terminals.sh [path/to/lenet-tui]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/release/lenet-tui}")
TMP=$(mktemp -d)
SESSION="lenet-terms-$$"
cleanup() { tmux kill-session -t "$SESSION" 2>/dev/null || true; rm -rf "$TMP"; }
trap cleanup EXIT
fail() { echo "e2e-terminals: FAIL: $*" >&2; tmux capture-pane -p -t "$SESSION" >&2 || true; exit 1; }
start() { # environment...
    tmux kill-session -t "$SESSION" 2>/dev/null || true
    rm -f "$TMP/exit" "$TMP/pid"
    # The shell writes its pid and execs the program, so signals go to this run's process and no other.
    tmux new-session -d -s "$SESSION" -x 100 -y 30 \
        "sh -c 'echo \$\$ > \"$TMP/pid\"; exec env \"\$@\"' sh $* '$BIN' --threads 1 --limit 20000 --epochs 50 --checkpoint '$TMP/ck.safetensors' --results '$TMP/r'; echo \$? > '$TMP/exit'; sleep 60"
}
pid() { cat "$TMP/pid"; }
. Scripts/tmux-screen.sh  # screen, wait_for
wait_exit() { for _ in $(seq 1 100); do [ -f "$TMP/exit" ] && return 0; sleep 0.2; done; fail "did not exit"; }

echo "== TERM=dumb: plain lines, no screen drawing"
start TERM=dumb
wait_for "epoch  1/50  train loss" 60 || fail "no plain epoch line"
tmux capture-pane -p -t "$SESSION" | grep -q "┌" && fail "box drawing on a dumb terminal"
kill -INT "$(pid)"; wait_exit
echo "  plain lines; Ctrl-C exit $(cat "$TMP/exit")"

echo "== TERM=vt100 and NO_COLOR: the dashboard without colours"
for environment in "TERM=vt100 LANG=C.UTF-8" "TERM=xterm-256color NO_COLOR=1 LANG=C.UTF-8"; do
    start $environment
    wait_for "│ *1/50 *[0-9]" 60 || fail "$environment: no epoch line"
    if tmux capture-pane -p -e -t "$SESSION" | grep -qE $'\e\\[[0-9;]*(3[0-7]|38;5;[0-9]+|4[0-7]|48;5;[0-9]+)m'; then
        fail "$environment: colour escapes on screen"
    fi
    tmux send-keys -t "$SESSION" q; sleep 0.5
    tmux capture-pane -p -t "$SESSION" | grep -q "quit?" && tmux send-keys -t "$SESSION" y
    wait_exit; [ "$(cat "$TMP/exit")" = 0 ] || fail "$environment: exit $(cat "$TMP/exit")"
    echo "  $environment: drawn, no colour escapes, q exit 0"
done

echo "== LANG=C (not UTF-8): ASCII only"
start TERM=xterm-256color LANG=C LC_ALL=C
wait_for "| *1/50 *[0-9]" 60 || fail "no ASCII epoch line"
tmux capture-pane -p -t "$SESSION" | LC_ALL=C grep -q '[^[:print:][:space:]]' && fail "non-ASCII characters on a C-locale screen"
echo "  ASCII screen"

echo "== Ctrl-C, SIGTERM and SIGHUP quit the dashboard cleanly"
for sig in INT TERM HUP; do
    start TERM=xterm-256color LANG=C.UTF-8
    wait_for "│ *1/50 *[0-9]" 60 || fail "no epoch line"
    if [ $sig = INT ]; then tmux send-keys -t "$SESSION" C-c; else kill -$sig "$(pid)"; fi
    wait_exit
    wait_for "stopped" 10 || fail "SIG$sig: no closing summary (terminal not restored?)"
    [ "$(cat "$TMP/exit")" = 130 ] || fail "SIG$sig: exit $(cat "$TMP/exit"), expected 130 as train's"
    "$BIN" test --checkpoint "$TMP/ck.safetensors" --json > /dev/null || fail "SIG$sig: checkpoint unreadable"
    echo "  SIG$sig: terminal restored, exit $(cat "$TMP/exit"), checkpoint loads"
done
echo "e2e-terminals: all checks passed"
