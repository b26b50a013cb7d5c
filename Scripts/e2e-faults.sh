#!/usr/bin/env bash
# End-to-end fault checks: exact resume, and a training process killed (SIGKILL) at random moments never
# leaves a broken checkpoint: each time, the file is the previous or the new one and `test` loads it.
# Usage: Scripts/e2e-faults.sh [path/to/lenet-tui]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/release/lenet-tui}")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "e2e-faults: FAIL: $*" >&2; exit 1; }
weights() { # data section of a safetensors file (the weights, without the metadata header)
    python3 -c 'import struct,sys; raw=open(sys.argv[1],"rb").read(); n=struct.unpack("<Q",raw[:8])[0]; sys.stdout.write(raw[8+n:8+n+246824].hex())' "$1"
}

echo "== resume: 2 epochs in one run == 1 epoch, then --resume to 2"
for optimizer in adam sgd; do
    lr=$([ $optimizer = adam ] && echo 0.001 || echo 0.05)
    "$BIN" train --limit 2000 --epochs 2 --optimizer $optimizer --lr $lr --json --checkpoint "$TMP/straight.safetensors" > /dev/null
    "$BIN" train --limit 2000 --epochs 1 --optimizer $optimizer --lr $lr --json --checkpoint "$TMP/resumed.safetensors" > /dev/null
    "$BIN" train --limit 2000 --epochs 2 --optimizer $optimizer --lr $lr --json --checkpoint "$TMP/resumed.safetensors" \
        --resume "$TMP/resumed.safetensors" > "$TMP/resume.jsonl"
    [ "$(wc -l < "$TMP/resume.jsonl")" -eq 1 ] || fail "resumed run should train exactly epoch 2"
    grep -q '"epoch": 2' "$TMP/resume.jsonl" || fail "resumed run did not continue at epoch 2"
    [ "$(weights "$TMP/straight.safetensors")" = "$(weights "$TMP/resumed.safetensors")" ] \
        || fail "$optimizer: resumed weights differ from the straight run"
    echo "  $optimizer: bit-identical weights"
done

echo "== SIGKILL at random moments during training and checkpointing"
"$BIN" train --limit 640 --epochs 1 --json --checkpoint "$TMP/kill.safetensors" > /dev/null
for i in $(seq 1 12); do
    "$BIN" train --limit 640 --epochs 1000 --json --checkpoint "$TMP/kill.safetensors" > /dev/null 2>&1 &
    pid=$!
    sleep "$(python3 -c "import random; print(round(random.uniform(0.3, 2.5), 2))")"
    kill -9 $pid 2>/dev/null || true
    wait $pid 2>/dev/null || true
    "$BIN" test --checkpoint "$TMP/kill.safetensors" --json > "$TMP/t.json" 2> "$TMP/t.err" \
        || { cat "$TMP/t.err"; fail "checkpoint unreadable after kill $i"; }
    leftovers=$(find "$TMP" -name '.kill.safetensors.*' | wc -l)
    [ "$leftovers" -le 1 ] || fail "temporary files pile up"
done
echo "  12 kills: the checkpoint loaded every time"

echo "== SIGINT stops headless training cleanly (exit 130, checkpoint kept)"
"$BIN" train --limit 640 --epochs 1000 --checkpoint "$TMP/int.safetensors" > "$TMP/int.out" 2>&1 &
pid=$!
sleep 2.5
kill -INT $pid
set +e; wait $pid; status=$?; set -e
[ $status -eq 130 ] || { cat "$TMP/int.out"; fail "exit status $status after SIGINT, expected 130"; }
"$BIN" test --checkpoint "$TMP/int.safetensors" --json > /dev/null || fail "checkpoint unreadable after SIGINT"
echo "  exit 130, checkpoint intact"
echo "e2e-faults: all checks passed"
