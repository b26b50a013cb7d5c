#!/usr/bin/env bash
# `lenet-tui summary --json` against PyTorch's model from Scripts/lenet_reference.py: every layer's
# output shape and parameter count, the total (61,706), and the forward and training FLOPs per image as
# torch.utils.flop_counter counts them (see Scripts/summary_vs_pytorch.py).
# Runs where python has torch (PYTHON=/path/to/python picks the interpreter, e.g. .build/venv/bin/python);
# otherwise prints why it is skipped and exits 0.
# Usage: Scripts/summary-vs-pytorch.sh [path/to/lenet-tui]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/release/lenet-tui}
PYTHON=${PYTHON:-python3}

if ! "$PYTHON" -c "import torch" 2> /dev/null; then
    echo "summary-vs-pytorch: SKIPPED: $PYTHON cannot import torch (pip install torch, then PYTHON=... $0)"
    exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
"$BIN" summary --json > "$TMP/summary.json"
"$PYTHON" Scripts/summary_vs_pytorch.py "$TMP/summary.json"
