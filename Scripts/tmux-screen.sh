# Sourced by the end-to-end scripts that drive the dashboard in tmux: reading the screen of the tmux
# session named by $SESSION, and waiting for a pattern on it.

# The screen's rows as text.
screen() { tmux capture-pane -p -t "$SESSION"; }

# wait_for PATTERN SECONDS: succeeds as soon as a row matches PATTERN (grep), fails after SECONDS.
wait_for() {
    local deadline=$((SECONDS + $2))
    while [ $SECONDS -lt $deadline ]; do
        screen | grep -q -- "$1" && return 0
        sleep 0.2
    done
    return 1
}
