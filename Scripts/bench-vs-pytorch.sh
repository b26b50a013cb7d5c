#!/usr/bin/env bash
# lenet-tui's engine against the PyTorch reference on this machine, side by side in ONE run:
# builds release, then alternates `lenet-tui bench` and Scripts/lenet_reference.py (ROUNDS rounds
# each; 2 threads, batch 64, Adam lr 1e-3) and prints both and the ratios (medians over the rounds).
# PyTorch's training images/s is its train_images_per_s over one 60k epoch; its inference images/s is
# 10,000 / eval_seconds (the test set in batches of 1000, as `lenet-tui bench` classifies it).
# Finally measures the peak RSS of a full `lenet-tui train --epochs 1` run.
#
# Environment: THREADS (2), BATCH (64), ROUNDS (3), BATCHES (lenet-tui timed mini-batches, 900),
#   DATA (assets/mnist), REFERENCE (Scripts/lenet_reference.py), PYTHON (python3), SCRATCH (swift build
#   --scratch-path), SKIP_TRAIN_RSS=1 to skip the last step.
# Usage: Scripts/bench-vs-pytorch.sh
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${THREADS:-2}
BATCH=${BATCH:-64}
ROUNDS=${ROUNDS:-3}
BATCHES=${BATCHES:-900}
DATA=${DATA:-assets/mnist}
REFERENCE=${REFERENCE:-Scripts/lenet_reference.py}
PYTHON=${PYTHON:-python3}
SCRATCH_ARGS=()
if [ -n "${SCRATCH:-}" ]; then SCRATCH_ARGS=(--scratch-path "$SCRATCH"); fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

if ! "$PYTHON" -c "import torch, numpy" 2> /dev/null; then
    echo "bench-vs-pytorch: $PYTHON cannot import torch and numpy." >&2
    echo "  Install them (in a virtual environment of your own): pip install torch numpy safetensors" >&2
    echo "  then run: PYTHON=/path/to/venv/bin/python $0" >&2
    exit 1
fi
if [ ! -f "$REFERENCE" ]; then
    echo "bench-vs-pytorch: reference script $REFERENCE not found (set REFERENCE=path/to/reference_lenet.py)" >&2
    exit 1
fi

echo "== building release"
swift build -c release "${SCRATCH_ARGS[@]}" > "$TMP/build.log" 2>&1 || { cat "$TMP/build.log" >&2; exit 1; }
BIN="$(swift build -c release "${SCRATCH_ARGS[@]}" --show-bin-path)/lenet-tui"

field() { "$PYTHON" -c "import json,sys; print(json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])[sys.argv[2]])" "$1" "$2"; }

echo "== $ROUNDS rounds, alternating; $THREADS threads, batch $BATCH, Adam lr 1e-3 ($("$PYTHON" -c 'import torch; print("torch", torch.__version__)'))"
for round in $(seq 1 "$ROUNDS"); do
    "$BIN" bench --data "$DATA" --threads "$THREADS" --batch-size "$BATCH" --batches "$BATCHES" --json > "$TMP/ours$round.json"
    "$PYTHON" "$REFERENCE" --data "$DATA" --epochs 1 --threads "$THREADS" --batch-size "$BATCH" > "$TMP/torch$round.json"
    printf '  round %d: lenet-tui train %8.0f img/s  infer %8.0f img/s | PyTorch train %8.0f img/s  infer %8.0f img/s\n' "$round" \
        "$(field "$TMP/ours$round.json" train_images_per_second)" "$(field "$TMP/ours$round.json" inference_images_per_second)" \
        "$(field "$TMP/torch$round.json" train_images_per_s)" \
        "$("$PYTHON" -c "import sys; print(10000 / float(sys.argv[1]))" "$(field "$TMP/torch$round.json" eval_seconds)")"
done

"$PYTHON" - "$TMP" "$ROUNDS" <<'PY'
import json, statistics, sys
tmp, rounds = sys.argv[1], int(sys.argv[2])
last = lambda p: json.loads(open(p).read().strip().splitlines()[-1])
ours = [last(f"{tmp}/ours{r}.json") for r in range(1, rounds + 1)]
torch = [last(f"{tmp}/torch{r}.json") for r in range(1, rounds + 1)]
med = statistics.median
ot, oi = med(o["train_images_per_second"] for o in ours), med(o["inference_images_per_second"] for o in ours)
tt, ti = med(t["train_images_per_s"] for t in torch), med(10000 / t["eval_seconds"] for t in torch)
gf = med(o["gflops"] for o in ours)
print()
print(f"{'median of ' + str(rounds):<22}{'lenet-tui':>14}{'PyTorch':>14}{'ratio':>9}")
print(f"{'training images/s':<22}{ot:>14,.0f}{tt:>14,.0f}{ot / tt:>8.2f}x")
print(f"{'inference images/s':<22}{oi:>14,.0f}{ti:>14,.0f}{oi / ti:>8.2f}x")
print(f"{'60k epoch, seconds':<22}{60000 / ot:>14.2f}{60000 / tt:>14.2f}")
print(f"lenet-tui: {gf:.1f} GFLOP/s ({ours[0]['training_flops_per_image']} FLOPs per training image), "
      f"{ours[0]['threads']} threads, batch {ours[0]['batch_size']}, "
      f"bench peak RSS {max(o['peak_rss_bytes'] for o in ours) / 2**20:.1f} MiB")
PY

if [ "${SKIP_TRAIN_RSS:-0}" != 1 ]; then
    echo
    echo "== peak RSS of a full \`lenet-tui train --epochs 1\` ($THREADS threads, batch $BATCH)"
    train=("$BIN" train --data "$DATA" --epochs 1 --threads "$THREADS" --batch-size "$BATCH" --optimizer adam --lr 0.001
           --json --checkpoint "$TMP/bench.safetensors" --results "$TMP/results")
    if [ -x /usr/bin/time ]; then
        /usr/bin/time -v "${train[@]}" > "$TMP/train.json" 2> "$TMP/time.txt"
        rss_kib=$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$TMP/time.txt")
        echo "  peak RSS $rss_kib KiB ($((rss_kib / 1024)) MiB)"
    else
        "${train[@]}" > "$TMP/train.json"
        echo "  (no /usr/bin/time: peak RSS not measured)"
    fi
    "$PYTHON" -c "import json,sys; d=json.loads(open(sys.argv[1]).read().strip().splitlines()[-1]); print('  epoch:', {k: d[k] for k in d if k in ('train_seconds','seconds','train_loss','test_accuracy','images_per_second')} or d)" "$TMP/train.json"
fi
