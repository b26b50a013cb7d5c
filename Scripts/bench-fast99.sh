#!/usr/bin/env bash
# Wall seconds to 99.0% MNIST test accuracy, lenet-tui (configs/fast99.json, `train --until 0.99`) and
# PyTorch (Scripts/fast99_pytorch.py with the best setting found for it, TORCH_ARGS: batch 256, AdamW,
# one-cycle to lr 0.01 over 2 epochs; batch 128 with lr 0.006 also reaches 99% in 2 epochs but trains
# slower in PyTorch, batch 512 with lr 0.02 stops at 98.93%), run alternately in one run on the same
# machine, each timed from its process's start to the end of the evaluation that reached the target (both
# read /proc/self/stat against CLOCK_BOOTTIME). Prints the load before and after.
#
# Usage: Scripts/bench-fast99.sh            (ROUNDS=3, BIN=.build/release/lenet-tui, PYTHON=python3)
#        PYTHON=/path/to/venv/bin/python ROUNDS=5 Scripts/bench-fast99.sh
# Needs a release build (swift build -c release) and, for the PyTorch side, torch and numpy.
set -euo pipefail
cd "$(dirname "$0")/.."
ROUNDS=${ROUNDS:-3}
BIN=${BIN:-.build/release/lenet-tui}
PYTHON=${PYTHON:-python3}
TORCH_ARGS=${TORCH_ARGS:---epochs 2 --batch-size 256 --lr 0.01 --pct-start 0.3 --optimizer adamw --weight-decay 0.01}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
field() { "$PYTHON" -c 'import json,sys; d=json.loads(sys.stdin.read().splitlines()[-1]); print(d[sys.argv[1]])' "$1"; }

echo "== $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p'); load before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== lenet-tui train --config configs/fast99.json --until 0.99   |   PyTorch $("$PYTHON" -c 'import torch; print(torch.__version__)') fast99_pytorch.py $TORCH_ARGS"
lenet=(); torch=()
for round in $(seq 1 "$ROUNDS"); do
    out=$("$BIN" train --config configs/fast99.json --until 0.99 --json --checkpoint "$TMP/f.safetensors" --results "$TMP/r" | grep '"reached"')
    l=$(echo "$out" | field seconds_from_start); le=$(echo "$out" | field epoch); la=$(echo "$out" | field test_accuracy)
    out=$("$PYTHON" Scripts/fast99_pytorch.py --data assets/mnist $TORCH_ARGS)
    t=$(echo "$out" | field seconds_from_start); te=$(echo "$out" | field epoch); ta=$(echo "$out" | field test_accuracy)
    tr=$(echo "$out" | field reached)
    printf '  round %d: lenet-tui %6.2f s (epoch %s, %s)   PyTorch %6.2f s (epoch %s, %s, reached %s)   load %s\n' \
        "$round" "$l" "$le" "$la" "$t" "$te" "$ta" "$tr" "$(cut -d' ' -f1 /proc/loadavg)"
    lenet+=("$l"); torch+=("$t")
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ml=$(median "${lenet[@]}"); mt=$(median "${torch[@]}")
printf 'median of %d     lenet-tui %6.2f s   PyTorch %6.2f s   ratio %.2fx\n' "$ROUNDS" "$ml" "$mt" "$(echo "$mt / $ml" | bc -l)"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
