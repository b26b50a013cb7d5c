#!/usr/bin/env bash
# End-to-end check of the headless commands on the bundled MNIST:
#   train --limit N --json  then  test --json  must agree on the correct count,
#   and bad input (flag, config key, checkpoint) must give one error line and a non-zero exit.
# Usage: Scripts/e2e-cli.sh [path/to/lenet-tui]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/release/lenet-tui}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "e2e-cli: FAIL: $*" >&2; exit 1; }

echo "== train --limit 3000 --epochs 2 --json"
"$BIN" train --limit 3000 --epochs 2 --json --checkpoint "$TMP/ck.safetensors" --results "$TMP/results" > "$TMP/train.jsonl"
cat "$TMP/train.jsonl"
[ "$(wc -l < "$TMP/train.jsonl")" -eq 2 ] || fail "expected 2 JSON lines"
python3 - "$TMP/train.jsonl" <<'PY' || fail "train JSON keys or values"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
for i, o in enumerate(lines, 1):
    for k in ["epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "seconds", "images_per_second"]:
        assert k in o, k
    assert o["epoch"] == i
    assert 0 <= o["test_accuracy"] <= 1
assert lines[-1]["test_accuracy"] > 0.85, lines[-1]
PY
python3 - "$TMP/results" <<'PY' || fail "metrics.csv or training_curve.svg"
import sys
d = sys.argv[1]
rows = open(d + "/metrics.csv").read().splitlines()
assert rows[0] == "epoch,train_loss,train_accuracy,test_loss,test_accuracy,learning_rate,lr_multiplier,seconds", rows[0]
assert [r.split(",")[6] for r in rows[1:]] == ["1", "1"], rows
assert [r.split(",")[0] for r in rows[1:]] == ["1", "2"], rows
svg = open(d + "/training_curve.svg").read()
assert svg.startswith("<svg") and svg.count("<polyline") == 4 and ">epoch</text>" in svg
filters = open(d + "/filters_by_epoch.svg").read()
rows = [line.split(">")[1].split("<")[0] for line in filters.splitlines() if 'class="epoch"' in line]
assert rows == ["epoch 0 (initial)", "epoch 1", "epoch 2"], rows
assert filters.count('class="map"') == 18, filters.count('class="map"')
PY
echo "metrics.csv (2 epochs), training_curve.svg and filters_by_epoch.svg (initial + 2 epochs) written"
train_correct=$(python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).readlines()[-1])['test_correct'])" "$TMP/train.jsonl")

echo "== test --json"
"$BIN" test --checkpoint "$TMP/ck.safetensors" --json --results "$TMP/results" > "$TMP/test.json"
cat "$TMP/test.json"
test_correct=$(python3 -c "import json,sys; o=json.load(open(sys.argv[1])); assert o['total']==10000; assert len(o['confusion_matrix'])==10; assert sum(map(sum,o['confusion_matrix']))==10000; assert o['dataset']=='mnist'; assert [c['support'] for c in o['per_class']]==[980,1135,1032,1010,982,892,958,1028,974,1009]; print(o['correct'])" "$TMP/test.json")
[ "$train_correct" = "$test_correct" ] || fail "train says $train_correct correct, test says $test_correct"
echo "train and test agree: $test_correct / 10000 correct"
[ "$(grep -c 'class="cell"' "$TMP/results/confusion_matrix.svg")" -eq 100 ] || fail "confusion_matrix.svg lacks 100 cells"
echo "confusion_matrix.svg written with 100 cells"

echo "== test report and --misclassified 2"
"$BIN" test --checkpoint "$TMP/ck.safetensors" --misclassified 2 --results "$TMP/results" > "$TMP/test.txt"
grep -q "^weighted avg" "$TMP/test.txt" || fail "no per-class report"
grep -q "^#1  test image [0-9]*: true [0-9], predicted [0-9]" "$TMP/test.txt" || fail "no first misclassified image"
grep -q "^#2  test image" "$TMP/test.txt" || fail "no second misclassified image"
[ "$(grep -c '^|.*|$' "$TMP/test.txt")" -eq 56 ] || fail "expected two 28-line pictures"
sed -n '/^#1/,/^+-*+$/p' "$TMP/test.txt" | head -3

echo "== inspect: the same reading as predict, every layer in --json, pictures in --results"
SKETCHES=(assets/sketches/3-large.txt assets/sketches/4-dark-on-light.pgm)
"$BIN" predict --json "${SKETCHES[@]}" > "$TMP/predict.jsonl"
"$BIN" inspect --json "${SKETCHES[@]}" > "$TMP/inspect.jsonl"
python3 - "$TMP/predict.jsonl" "$TMP/inspect.jsonl" <<'PY' || fail "inspect --json"
import json, sys
predicted = [json.loads(l) for l in open(sys.argv[1])]
inspected = [json.loads(l) for l in open(sys.argv[2])]
assert len(inspected) == 2
shapes = {"probabilities": [10], "logits": [10], "input": [28, 28], "c1": [6, 28, 28], "pool1": [6, 14, 14],
          "c3": [16, 10, 10], "pool2": [16, 5, 5], "c5": [120], "f6": [84], "saliency": [28, 28]}
def shape(v):
    return [len(v)] + shape(v[0]) if isinstance(v, list) else []
for p, o in zip(predicted, inspected):
    assert list(o) == ["file", "prediction"] + list(shapes), list(o)
    assert o["file"] == p["file"] and o["prediction"] == p["prediction"], (o["file"], o["prediction"], p["prediction"])
    for key, want in shapes.items():
        assert shape(o[key]) == want, (key, shape(o[key]))
    assert max(abs(a - b) for a, b in zip(o["probabilities"], p["probabilities"])) < 1e-6
    assert all(v >= 0 for m in o["c1"] for row in m for v in row)  # after ReLU
    print(f"  {o['file']}: {o['prediction']}, the same as predict; 12 keys, every layer shaped as NCHW")
PY
"$BIN" inspect --results "$TMP/inside" "${SKETCHES[@]}" > "$TMP/inspect.txt"
"$BIN" predict "${SKETCHES[@]}" > "$TMP/predict.txt"
diff <(grep -v "^ " "$TMP/inspect.txt" | grep -v "^$") "$TMP/predict.txt" || fail "inspect's summary lines differ from predict's"
grep -q "^  strongest c3 maps" "$TMP/inspect.txt" || fail "no strongest c3 maps line"
[ "$(grep -c 'class="map"' "$TMP/inside/activations.svg")" -eq 50 ] || fail "activations.svg lacks 50 maps"
[ "$(grep -c 'class="map"' "$TMP/inside/filters.svg")" -eq 102 ] || fail "filters.svg lacks 6 + 96 filters"
echo "  readable summary agrees with predict; activations.svg (50 maps) and filters.svg (102 filters) written"

echo "== lenet-tui with stdout not a terminal: plain lines like train"
"$BIN" --limit 1000 --epochs 1 --checkpoint "$TMP/pipe.safetensors" --results "$TMP/pipe" < /dev/null > "$TMP/pipe.txt" 2>&1
grep -q "^epoch 1/1  train loss" "$TMP/pipe.txt" || { cat "$TMP/pipe.txt"; fail "no plain epoch line from the default command"; }
! grep -q $'\e' "$TMP/pipe.txt" || fail "escape sequences in piped output"
echo "  plain epoch line, no escape sequences"

echo "== same seed, same numbers"
"$BIN" train --limit 1000 --epochs 1 --json --checkpoint "$TMP/a.safetensors" --results "$TMP/ra" | cut -d, -f1-5 > "$TMP/a.txt"
"$BIN" train --limit 1000 --epochs 1 --json --checkpoint "$TMP/b.safetensors" --results "$TMP/rb" | cut -d, -f1-5 > "$TMP/b.txt"
diff "$TMP/a.txt" "$TMP/b.txt" || fail "two runs with the same seed differ"
python3 - "$TMP/a.safetensors" "$TMP/b.safetensors" <<'PY' || fail "weights of two identical runs differ"
import struct, sys
def data(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    return raw[8 + n:]
assert data(sys.argv[1]) == data(sys.argv[2])
PY
echo "two runs with seed 1: identical losses and bit-identical weights"

FASHION=/usr/share/datasets/fashion-mnist
if [ -e "$FASHION/t10k-labels-idx1-ubyte.gz" ]; then
    echo "== Fashion-MNIST: train, then test takes the dataset from the checkpoint"
    "$BIN" train --dataset fashion-mnist --limit 6000 --epochs 1 --json --checkpoint "$TMP/f.safetensors" --results "$TMP/rf" > "$TMP/f.jsonl"
    "$BIN" test --checkpoint "$TMP/f.safetensors" --json --results "$TMP/rf" > "$TMP/f.json"
    python3 - "$TMP/f.jsonl" "$TMP/f.json" <<'PY' || fail "Fashion-MNIST run"
import json, sys
train = json.loads(open(sys.argv[1]).read().splitlines()[-1])
test = json.load(open(sys.argv[2]))
assert test["dataset"] == "fashion-mnist" and test["class_names"][0] == "T-shirt/top", test["class_names"]
assert test["correct"] == train["test_correct"], (test["correct"], train["test_correct"])
assert test["accuracy"] > 0.65, test["accuracy"]
print(f"  Fashion-MNIST, 6,000 images, 1 epoch: {test['accuracy']:.2%} test accuracy; train and test agree")
PY
    grep -q "Ankle boot" "$TMP/rf/confusion_matrix.svg" || fail "class names missing from the Fashion-MNIST picture"
else
    echo "== Fashion-MNIST: skipped ($FASHION not installed)"
fi

echo "== help and version"
for sub in "" train test bench predict inspect draw; do
    "$BIN" $sub --help > "$TMP/help.txt" || fail "lenet-tui $sub --help failed"
    grep -q "Examples:" "$TMP/help.txt" || fail "lenet-tui $sub --help has no examples"
done
"$BIN" --version > "$TMP/version.txt"
grep -Eq '^[0-9]+\.[0-9]+\.[0-9]+' "$TMP/version.txt" || fail "--version"
"$BIN" --generate-completion-script bash > "$TMP/completion.bash"
grep -q "fashion-mnist" "$TMP/completion.bash" || fail "bash completion script lacks the --dataset values"
bash -n "$TMP/completion.bash" || fail "bash completion script is not valid bash"
echo "every command's --help has examples; --version and completion scripts work"

echo "== bad input: one line on stderr, non-zero exit"
expect_error() { # expected-substring, command...
    local want=$1; shift
    set +e; "$@" > "$TMP/out" 2> "$TMP/err"; local status=$?; set -e
    [ $status -ne 0 ] || fail "exit 0 for: $*"
    grep -q -- "$want" "$TMP/err" || { cat "$TMP/err"; fail "stderr lacks '$want' for: $*"; }
    [ "$(wc -l < "$TMP/err")" -le 3 ] || { cat "$TMP/err"; fail "more than a short error for: $*"; }
    echo "  ok ($status): $(head -1 "$TMP/err")"
}
expect_error "batch-size" "$BIN" train --batch-size 0
expect_error "lenet-tui: error: --pace must be one of 0 (full speed), 200, 50, 10, 2 or 1" "$BIN" train --pace 3
printf '{"learnig_rate": 0.1}' > "$TMP/bad.json"
expect_error "learning_rate" "$BIN" train --config "$TMP/bad.json"
printf 'not a checkpoint at all' > "$TMP/garbage.safetensors"
expect_error "garbage.safetensors" "$BIN" test --checkpoint "$TMP/garbage.safetensors"
expect_error "nowhere" "$BIN" train --data /nowhere
expect_error "kmnist" "$BIN" train --dataset kmnist
expect_error "results" "$BIN" train --limit 100 --epochs 1 --checkpoint "$TMP/x.safetensors" --results "$TMP/garbage.safetensors"
expect_error "misclassified" "$BIN" test --checkpoint "$TMP/ck.safetensors" --misclassified=-1
expect_error "pass --dataset mnist" "$BIN" test --checkpoint "$TMP/ck.safetensors" --data assets/mnist --dataset fashion-mnist --results "$TMP/results"
expect_error "trained on mnist" "$BIN" train --resume "$TMP/ck.safetensors" --dataset fashion-mnist --epochs 3
expect_error "nowhere.txt: cannot read" "$BIN" inspect "$TMP/nowhere.txt"
expect_error "garbage.safetensors" "$BIN" inspect --checkpoint "$TMP/garbage.safetensors" assets/sketches/3-large.txt
printf '..#..\n.#x#.\n' > "$TMP/bad.txt"
expect_error "bad.txt: line 2, column 3" "$BIN" inspect --json "$TMP/bad.txt"
echo "== typos and negative numbers: what was meant, which flag and its range"
expect_line() { # status, exact first stderr line, command...
    local want_status=$1 want=$2; shift 2
    set +e; "$@" > "$TMP/out" 2> "$TMP/err"; local status=$?; set -e
    [ $status -eq "$want_status" ] || { cat "$TMP/err"; fail "exit $status, not $want_status, for: $*"; }
    [ "$(head -1 "$TMP/err")" = "$want" ] || { cat "$TMP/err"; fail "first stderr line is not '$want' for: $*"; }
    echo "  ok ($status): $want"
}
expect_line 1 "lenet-tui: error: unknown command 'tarin'; did you mean 'train'? (commands: tui (the default), train, test, bench, predict, inspect, draw, summary, augment)" "$BIN" tarin
expect_line 1 "lenet-tui: error: unknown command 'frobnicate' (commands: tui (the default), train, test, bench, predict, inspect, draw, summary, augment)" "$BIN" frobnicate
expect_line 64 "lenet-tui: error: unknown option '--foo' (see 'lenet-tui train --help')" "$BIN" train --foo
expect_line 64 "lenet-tui: error: unknown option '--epcohs'; did you mean '--epochs'? (see 'lenet-tui train --help')" "$BIN" train --epcohs 3
expect_line 64 "lenet-tui: error: unknown option '--chekpoint'; did you mean '--checkpoint'? (see 'lenet-tui test --help')" "$BIN" test --chekpoint x
expect_line 64 "lenet-tui: error: the value 'abc' is invalid for '--epochs <n>' (see 'lenet-tui train --help')" "$BIN" train --epochs abc
expect_line 64 "lenet-tui: error: the value '99999999999999999999' is invalid for '--threads <n>' (see 'lenet-tui bench --help')" "$BIN" bench --threads 99999999999999999999
expect_line 1 "lenet-tui: error: --misclassified must be 0 or more, got -3" "$BIN" test --checkpoint "$TMP/ck.safetensors" --misclassified -3
expect_line 1 "lenet-tui: error: --threads must be 0 (all processors) or more, got -1" "$BIN" bench --threads -1
expect_line 1 "lenet-tui: error: --batches must be 1 or more, got -5" "$BIN" bench --batches -5
expect_line 1 "lenet-tui: error: --ceiling-size must be 16 to 8192, got 9000" "$BIN" bench --ceiling --ceiling-size 9000
expect_line 1 "lenet-tui: error: --epochs must be 1 to 100000, got -1" "$BIN" train --epochs -1
expect_line 1 "lenet-tui: error: --batch-size must be 1 to 60000, got -64" "$BIN" train --batch-size -64

echo "== help texts wrap cleanly at 80 columns"
for sub in "" tui train test bench predict inspect draw summary augment; do
    COLUMNS=80 "$BIN" $sub --help > "$TMP/help.txt"
    long=$(python3 -c "import sys; print(sum(len(l) > 80 for l in open(sys.argv[1], encoding='utf-8').read().splitlines()))" "$TMP/help.txt")
    [ "$long" -eq 0 ] || { grep -n '.\{81,\}' "$TMP/help.txt"; fail "lenet-tui $sub --help has $long lines over 80 columns"; }
done
echo "  every --help within 80 columns"

echo "== plural forms: 1 epoch, 1 thread, 1 misclassified test image"
"$BIN" train --limit 100 --epochs 1 --threads 1 --checkpoint "$TMP/one.safetensors" --results "$TMP/rone" > "$TMP/one.txt"
head -1 "$TMP/one.txt"
grep -q "^training LeNet-5 on 100 MNIST images, testing on 10,000; 1 epoch, batch 64, adam lr 0.001, 1 thread$" "$TMP/one.txt" \
    || fail "train's first line: $(head -1 "$TMP/one.txt")"
"$BIN" test --checkpoint "$TMP/one.safetensors" --misclassified 1 --results "$TMP/rone" > "$TMP/one-test.txt"
grep -q "^first 1 misclassified test image (of [0-9,]*):$" "$TMP/one-test.txt" || fail "no 'first 1 misclassified test image'"
echo "  $(grep '^first 1' "$TMP/one-test.txt")"

echo "== summary: layers, output shapes, parameters and FLOPs from the layer definitions"
"$BIN" summary > "$TMP/summary.txt"
cat "$TMP/summary.txt"
grep -q "^c3 .* 16×10×10 .* 2,416 .* 480,000 .* 1,440,000$" "$TMP/summary.txt" || fail "no c3 row"
grep -q "^total .* 61,706 .* 833,040 .* 2,263,920$" "$TMP/summary.txt" || fail "no total row"
"$BIN" summary --json > "$TMP/summary.json"
"$BIN" bench --batches 1 --json > "$TMP/bench.json"
python3 - "$TMP/summary.json" "$TMP/bench.json" <<'PY' || fail "summary --json"
import json, sys
s, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert [l["name"] for l in s["layers"]] == ["input", "c1", "pool1", "c3", "pool2", "flatten", "c5", "f6", "output"]
assert s["total_parameters"] == 61706 == sum(l["parameters"] for l in s["layers"])
assert s["layers"][2]["output_shape"] == [6, 14, 14]
assert s["forward_flops_per_image"] == 833040 and s["training_flops_per_image"] == 2263920
assert b["training_flops_per_image"] == s["training_flops_per_image"], "bench and summary count the same"
print("  summary --json: 9 layers, 61,706 parameters; bench counts the same 2,263,920 training FLOPs")
PY
"$BIN" bench --batches 1 --ceiling --ceiling-size 256 --threads 2 --json > "$TMP/ceiling.json"
python3 - "$TMP/ceiling.json" <<'PY' || fail "bench --ceiling --json"
import json, os, sys
b = json.load(open(sys.argv[1]))
processors = len(os.sched_getaffinity(0))
assert b["gemm_size"] == 256 and b["threads"] == b["gemm_threads"] == min(2, processors), b
assert 0 < b["pad_latency_us"] < 10000, b
assert b["gemm_gflops_1_thread"] > 0 and b["gemm_gflops"] > 0, b
assert abs(b["training_percent_of_gemm"] - 100 * b["gflops"] / b["gemm_gflops"]) < 0.1, b
print(f"  bench --ceiling: GEMM 256^3 {b['gemm_gflops_1_thread']:.1f} GFLOP/s on 1 thread, {b['gemm_gflops']:.1f} on 2; "
      f"training {b['training_percent_of_gemm']:.1f}% of it; the draw pad classifies one image in {b['pad_latency_us']} µs")
PY
"$BIN" bench --batches 1 --threads 4096 > "$TMP/many.txt"
python3 - "$TMP/many.txt" <<'PY' || fail "bench --threads 4096"
import os, sys
n = len(os.sched_getaffinity(0))
lines = [l for l in open(sys.argv[1]) if l.startswith("threads:")]
want = f"threads:    {n} (4096 asked for; this machine runs {n} at once)\n" if n < 4096 else None
assert lines == [want], lines
print(f"  bench --threads 4096: {lines[0].strip()}")
PY
if command -v taskset > /dev/null; then
    # One allowed processor (an affinity mask, as docker --cpuset-cpus sets): the pool runs one thread.
    taskset -c "$(python3 -c 'import os; print(min(os.sched_getaffinity(0)))')" "$BIN" bench --batches 1 --threads 2 > "$TMP/pinned.txt"
    grep -qx "threads:    1 (2 asked for; this machine runs 1 at once)" "$TMP/pinned.txt" \
        || fail "bench --threads 2 under taskset -c one CPU: $(grep '^threads:' "$TMP/pinned.txt")"
    echo "  bench --threads 2 on one allowed processor (taskset): 1 thread"
fi

if command -v tmux > /dev/null; then
    echo "== s in the dashboard: a weights-only file that says where its weights were taken"
    SESSION="lenet-e2e-cli-$$"
    # --pace 50: 8 s an epoch, so p lands in epoch 1 while the pad still reads the pretrained weights.
    tmux new-session -d -s "$SESSION" -x 120 -y 40 \
        "LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=xterm-256color '$(realpath "$BIN")' --limit 6400 --epochs 3 --batch-size 16 --threads 1 --pace 50 --checkpoint '$TMP/d.safetensors' --results '$TMP/rd'; sleep 30"
    screen() { tmux capture-pane -p -t "$SESSION"; }
    wait_screen() { local deadline=$((SECONDS + $2)); while [ $SECONDS -lt $deadline ]; do screen | grep -q -- "$1" && return 0; sleep 0.2; done; return 1; }
    wait_screen "batch *[0-9]*/400" 90 || { screen; tmux kill-session -t "$SESSION"; fail "no dashboard"; }
    tmux send-keys -t "$SESSION" p
    wait_screen "paused" 10 || { tmux kill-session -t "$SESSION"; fail "p did not pause"; }
    # d: the pad; space inks a cell; m: read with the weights being trained (the pad starts on the
    # pretrained ones until the first epoch ends).
    tmux send-keys -t "$SESSION" d " " m
    wait_screen "draw · training" 10 || { screen; tmux kill-session -t "$SESSION"; fail "m did not switch the pad to the training weights"; }
    tmux send-keys -t "$SESSION" s
    wait_screen "saved .*d-saved.safetensors (epoch" 10 || { screen; tmux kill-session -t "$SESSION"; fail "s did not save"; }
    note=$(screen | grep -o "saved .*d-saved.safetensors (epoch [0-9]*, mini-batch [0-9]* of 400)")
    position=$(echo "$note" | grep -o "epoch [0-9]*, mini-batch [0-9]* of 400")
    epoch=$(echo "$position" | grep -o "^epoch [0-9]*" | grep -o "[0-9]*")
    batch=$(echo "$position" | grep -o "mini-batch [0-9]*" | grep -o "[0-9]*")
    screen | grep -q "draw · training, epoch $epoch, batch $batch/400" \
        || { screen; tmux kill-session -t "$SESSION"; fail "the pad's title does not name the snapshot it read ($position)"; }
    echo "  status: $note"
    echo "  pad:    $(screen | grep -o "draw · training, epoch $epoch, batch $batch/400")"
    tmux send-keys -t "$SESSION" q
    sleep 0.5; tmux send-keys -t "$SESSION" y
    sleep 1; tmux kill-session -t "$SESSION" 2> /dev/null || true
    "$BIN" test --checkpoint "$TMP/d-saved.safetensors" --results "$TMP/rd" > "$TMP/d-test.txt"
    want="checkpoint $TMP/d-saved.safetensors (weights saved with s at $position; weights only, not resumable) on 10,000 MNIST test images"
    [ "$(head -1 "$TMP/d-test.txt")" = "$want" ] || fail "test's first line: $(head -1 "$TMP/d-test.txt")"
    echo "  test:   $(head -1 "$TMP/d-test.txt")"
    "$BIN" predict --checkpoint "$TMP/d-saved.safetensors" assets/sketches/3-large.txt > /dev/null 2> "$TMP/d-note.txt"
    [ "$(cat "$TMP/d-note.txt")" = "lenet-tui: note: $TMP/d-saved.safetensors: weights saved with s at $position; weights only, not resumable" ] \
        || fail "predict's note: $(cat "$TMP/d-note.txt")"
    echo "  predict: $(cat "$TMP/d-note.txt")"
    expect_line 1 "lenet-tui: error: $TMP/d-saved.safetensors: holds weights only (saved with the dashboard's s key at $position; no optimizer or random-generator state), so training cannot resume exactly from it; resume from the epoch checkpoint ($TMP/d.safetensors)" \
        "$BIN" train --resume "$TMP/d-saved.safetensors" --epochs 3
else
    echo "== s in the dashboard: skipped (no tmux)"
fi
expect_error "lenet-tui: error: --until must be a test accuracy" "$BIN" train --until 99
expect_error "augmentation is off" "$BIN" augment --config config.json
printf '{"augment_rotation": 91}' > "$TMP/aug.json"
expect_error 'key "augment_rotation" must be in .0, 90., got 91' "$BIN" train --config "$TMP/aug.json"
expect_error "--until 99.9%: not reached in 1 epoch (best " "$BIN" train --limit 200 --epochs 1 --until 99.9% --checkpoint "$TMP/u.safetensors" --results "$TMP/u"

echo "== augment and --until"
"$BIN" augment --config configs/best.json --count 1 --width 120 --results "$TMP/aug" > "$TMP/aug.txt"
grep -q "^augmentation of configs/best.json: shift 2 px, rotation 10°, scale ±0.1, shear 8°; seed 1$" "$TMP/aug.txt" || fail "augment header"
grep -q "^original                       epoch 1                        epoch 2" "$TMP/aug.txt" || fail "augment labels"
[ -s "$TMP/aug/augmented.svg" ] || fail "augmented.svg"
"$BIN" train --limit 2000 --epochs 3 --until 0.5 --checkpoint "$TMP/u.safetensors" --results "$TMP/u" > "$TMP/until.txt"
grep -qE "^reached [0-9.]+% >= 50% at epoch 1: [0-9.]+ s from process start$" "$TMP/until.txt" || { cat "$TMP/until.txt"; fail "--until line"; }
grep -q "^epoch 2/3" "$TMP/until.txt" && fail "--until trained past the epoch that reached the target"
echo "  ok: augment pictures, --until stops at the first epoch reaching the target"
echo "e2e-cli: all checks passed"
