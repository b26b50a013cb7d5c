#!/usr/bin/env bash
# Weights move between lenet-tui and PyTorch, both ways, with the same test accuracy:
#   1. a checkpoint written by `lenet-tui train` loads into PyTorch's LeNet-5 (load_state_dict) and
#      classifies the 10,000 MNIST test images within 3 images of `lenet-tui test`;
#   2. weights trained and saved by PyTorch (safetensors.torch.save_file) load in `lenet-tui test`,
#      within 3 images of what PyTorch itself counts; on Fashion-MNIST too when it is installed.
# Runs where python has torch, numpy and safetensors (PYTHON=/path/to/python picks the interpreter);
# otherwise prints why it is skipped and exits 0.
# Usage: Scripts/interop-pytorch.sh [path/to/lenet-tui]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/release/lenet-tui}
PYTHON=${PYTHON:-python3}
HELPER=Scripts/interop_pytorch.py
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "interop-pytorch: FAIL: $*" >&2; exit 1; }

if ! "$PYTHON" -c "import torch, numpy, safetensors" 2> /dev/null; then
    echo "interop-pytorch: SKIPPED: $PYTHON cannot import torch, numpy and safetensors (pip install torch numpy safetensors, then PYTHON=... $0)"
    exit 0
fi
json_field() { "$PYTHON" -c "import json,sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])" "$1" "$2"; }
within3() { local d=$(( $1 - $2 )); [ "${d#-}" -le 3 ]; }

echo "== 1. lenet-tui checkpoint -> PyTorch"
"$BIN" train --limit 6000 --epochs 1 --json --checkpoint "$TMP/ours.safetensors" --results "$TMP/results" > /dev/null
"$BIN" test --checkpoint "$TMP/ours.safetensors" --json --results "$TMP/results" > "$TMP/ours-test.json"
"$PYTHON" "$HELPER" eval --data assets/mnist --weights "$TMP/ours.safetensors" > "$TMP/ours-torch.json"
ours=$(json_field "$TMP/ours-test.json" correct)
torch_on_ours=$(json_field "$TMP/ours-torch.json" correct)
echo "  lenet-tui test: $ours / 10000    PyTorch on the same file: $torch_on_ours / 10000"
within3 "$ours" "$torch_on_ours" || fail "lenet-tui $ours vs PyTorch $torch_on_ours correct on our checkpoint"

echo "== 2. PyTorch weights -> lenet-tui"
"$PYTHON" "$HELPER" train --data assets/mnist --limit 6000 --out "$TMP/torch.safetensors" > "$TMP/torch.json"
"$BIN" test --checkpoint "$TMP/torch.safetensors" --json --results "$TMP/results" > "$TMP/torch-test.json"
torch_own=$(json_field "$TMP/torch.json" correct)
ours_on_torch=$(json_field "$TMP/torch-test.json" correct)
echo "  PyTorch: $torch_own / 10000    lenet-tui test on PyTorch's file: $ours_on_torch / 10000"
within3 "$torch_own" "$ours_on_torch" || fail "PyTorch $torch_own vs lenet-tui $ours_on_torch correct on PyTorch's checkpoint"

FASHION=/usr/share/datasets/fashion-mnist
if [ -e "$FASHION/t10k-labels-idx1-ubyte.gz" ]; then
    echo "== 3. PyTorch weights -> lenet-tui, Fashion-MNIST (its own normalisation)"
    "$PYTHON" "$HELPER" train --data "$FASHION" --dataset fashion-mnist --limit 6000 --out "$TMP/fashion.safetensors" > "$TMP/fashion.json"
    "$BIN" test --checkpoint "$TMP/fashion.safetensors" --dataset fashion-mnist --json --results "$TMP/results" > "$TMP/fashion-test.json"
    torch_own=$(json_field "$TMP/fashion.json" correct)
    ours_on_torch=$(json_field "$TMP/fashion-test.json" correct)
    echo "  PyTorch: $torch_own / 10000    lenet-tui test --dataset fashion-mnist: $ours_on_torch / 10000"
    within3 "$torch_own" "$ours_on_torch" || fail "Fashion-MNIST: PyTorch $torch_own vs lenet-tui $ours_on_torch"
else
    echo "== 3. Fashion-MNIST: skipped ($FASHION not installed: apt-get install dataset-fashion-mnist)"
fi
echo "interop-pytorch: all checks passed"
