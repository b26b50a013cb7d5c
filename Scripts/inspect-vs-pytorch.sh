#!/usr/bin/env bash
# `lenet-tui inspect --json` against PyTorch, layer by layer: five shipped sketches with the shipped
# pretrained weights; every intermediate (input, c1, pool1, c3, pool2, c5, f6, logits, probabilities) and
# the saliency map must be within 1e-4 of PyTorch's, relative to the layer's largest value (see
# Scripts/inspect_vs_pytorch.py), and the predictions the same.
# Runs where python has torch and numpy (PYTHON=/path/to/python picks the interpreter); otherwise prints
# why it is skipped and exits 0.
# Usage: Scripts/inspect-vs-pytorch.sh [path/to/lenet-tui]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/release/lenet-tui}
PYTHON=${PYTHON:-python3}
WEIGHTS=assets/lenet5-pretrained.safetensors
SKETCHES=(assets/sketches/0-large.txt assets/sketches/2-wide-canvas.txt assets/sketches/5-offcentre.txt
          assets/sketches/7-small-corner.txt assets/sketches/9-large.txt)

if ! "$PYTHON" -c "import torch, numpy" 2> /dev/null; then
    echo "inspect-vs-pytorch: SKIPPED: $PYTHON cannot import torch and numpy (pip install torch numpy, then PYTHON=... $0)"
    exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$BIN" inspect --json --checkpoint "$WEIGHTS" "${SKETCHES[@]}" > "$TMP/inspect.jsonl"
"$PYTHON" Scripts/inspect_vs_pytorch.py --weights "$WEIGHTS" --tolerance ${TOLERANCE:-1e-4} "$TMP/inspect.jsonl"
