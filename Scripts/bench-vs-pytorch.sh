#!/usr/bin/env bash
# lenet-tui's engine against the PyTorch reference, and JAX when it is installed, on this machine, side
# by side in ONE run: builds release, then alternates `lenet-tui bench`, a `lenet-tui train --epochs 1`,
# Scripts/lenet_reference.py and Scripts/lenet_reference_jax.py (ROUNDS rounds each; 2 threads, batch 64,
# Adam lr 1e-3) and prints each framework's figures and the ratios (medians over the rounds).
# Steady state: lenet-tui's bench images/s; the Python trainers' train_images_per_s of their last epoch
# (EPOCHS, 2: epoch 1 of JAX includes jit's compilation). Inference: lenet-tui bench's test-set pass; the
# Python trainers' 10,000 / eval_seconds of their last epoch (the test set in batches of 1000).
# "To epoch 1": seconds from the process's start to the end of epoch 1's test evaluation (interpreter
# start, imports, reading the data and compiling included), from /proc/self/stat in each program
# (`lenet-tui train --until 0.01` reports it for lenet-tui).
# Finally measures the peak RSS of a full `lenet-tui train --epochs 1` run.
#
# Environment: THREADS (2), BATCH (64), ROUNDS (3), BATCHES (lenet-tui timed mini-batches, 900), EPOCHS
#   (Python trainers' epochs, 2), DATA (assets/mnist), REFERENCE (Scripts/lenet_reference.py), JAX_REFERENCE
#   (Scripts/lenet_reference_jax.py), PYTHON (python3), SCRATCH (swift build --scratch-path), SKIP_JAX=1 to
#   leave JAX out, SKIP_TRAIN_RSS=1 to skip the last step.
# Usage: Scripts/bench-vs-pytorch.sh
set -euo pipefail
cd "$(dirname "$0")/.."
THREADS=${THREADS:-2}
BATCH=${BATCH:-64}
ROUNDS=${ROUNDS:-3}
BATCHES=${BATCHES:-900}
EPOCHS=${EPOCHS:-2}
DATA=${DATA:-assets/mnist}
REFERENCE=${REFERENCE:-Scripts/lenet_reference.py}
JAX_REFERENCE=${JAX_REFERENCE:-Scripts/lenet_reference_jax.py}
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

JAX=0
if [ "${SKIP_JAX:-0}" != 1 ] && "$PYTHON" -c "import jax, optax" 2> /dev/null; then JAX=1; fi

echo "== building release"
swift build -c release "${SCRATCH_ARGS[@]}" > "$TMP/build.log" 2>&1 || { cat "$TMP/build.log" >&2; exit 1; }
BIN="$(swift build -c release "${SCRATCH_ARGS[@]}" --show-bin-path)/lenet-tui"

field() { "$PYTHON" -c "import json,sys; print(json.loads(open(sys.argv[1]).read().strip().splitlines()[int(sys.argv[3])])[sys.argv[2]])" "$1" "$2" "${3:--1}"; }

versions=$("$PYTHON" -c 'import torch; print("torch", torch.__version__)')
if [ "$JAX" = 1 ]; then versions+=", $("$PYTHON" -c 'import jax, optax; print("jax", jax.__version__, "optax", optax.__version__)')"; fi
echo "== $ROUNDS rounds, alternating; $THREADS threads, batch $BATCH, Adam lr 1e-3 ($versions)"
for round in $(seq 1 "$ROUNDS"); do
    "$BIN" bench --data "$DATA" --threads "$THREADS" --batch-size "$BATCH" --batches "$BATCHES" --json > "$TMP/ours$round.json"
    "$BIN" train --data "$DATA" --epochs 1 --threads "$THREADS" --batch-size "$BATCH" --optimizer adam --lr 0.001 \
        --until 0.01 --json --checkpoint "$TMP/first.safetensors" --results "$TMP/first" | grep '"reached"' > "$TMP/first$round.json"
    "$PYTHON" "$REFERENCE" --data "$DATA" --epochs "$EPOCHS" --threads "$THREADS" --batch-size "$BATCH" > "$TMP/torch$round.json"
    line=$(printf 'lenet-tui %6.0f img/s %5.2f s | PyTorch %6.0f img/s %5.2f s' \
        "$(field "$TMP/ours$round.json" train_images_per_second)" "$(field "$TMP/first$round.json" seconds_from_start)" \
        "$(field "$TMP/torch$round.json" train_images_per_s)" "$(field "$TMP/torch$round.json" seconds_from_start 0)")
    if [ "$JAX" = 1 ]; then
        "$PYTHON" "$JAX_REFERENCE" --data "$DATA" --epochs "$EPOCHS" --batch-size "$BATCH" > "$TMP/jax$round.json"
        line+=$(printf ' | JAX %6.0f img/s %5.2f s' \
            "$(field "$TMP/jax$round.json" train_images_per_s)" "$(field "$TMP/jax$round.json" seconds_from_start 0)")
    fi
    echo "  round $round (training images/s, seconds to epoch 1): $line"
done

"$PYTHON" - "$TMP" "$ROUNDS" "$JAX" <<'PY'
import json, statistics, sys
tmp, rounds, jax = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
lines = lambda p: [json.loads(l) for l in open(p).read().strip().splitlines()]
med = statistics.median
rs = range(1, rounds + 1)
ours = [lines(f"{tmp}/ours{r}.json")[-1] for r in rs]
first = [lines(f"{tmp}/first{r}.json")[-1] for r in rs]
columns = {"lenet-tui": (med(o["train_images_per_second"] for o in ours),
                         med(o["inference_images_per_second"] for o in ours),
                         med(f["seconds_from_start"] for f in first))}
names = ["torch"] + (["jax"] if jax else [])
for name, title in zip(names, ["PyTorch", "JAX"]):
    runs = [lines(f"{tmp}/{name}{r}.json") for r in rs]
    columns[title] = (med(run[-1]["train_images_per_s"] for run in runs),
                      med(10000 / run[-1]["eval_seconds"] for run in runs),
                      med(run[0]["seconds_from_start"] for run in runs))
ot = columns["lenet-tui"][0]
print()
print(f"{'median of ' + str(rounds):<28}" + "".join(f"{t:>12}" for t in columns))
print(f"{'training images/s':<28}" + "".join(f"{c[0]:>12,.0f}" for c in columns.values()))
print(f"{'inference images/s':<28}" + "".join(f"{c[1]:>12,.0f}" for c in columns.values()))
print(f"{'60k epoch, seconds':<28}" + "".join(f"{60000 / c[0]:>12.2f}" for c in columns.values()))
print(f"{'to end of epoch 1, seconds':<28}" + "".join(f"{c[2]:>12.2f}" for c in columns.values()))
print(f"{'lenet-tui training ratio':<28}" + "".join(f"{ot / c[0]:>11.2f}x" for c in columns.values()))
print(f"lenet-tui: {med(o['gflops'] for o in ours):.1f} GFLOP/s ({ours[0]['training_flops_per_image']} FLOPs per training image), "
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
