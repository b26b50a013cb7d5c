#!/usr/bin/env python3
"""PyTorch side of Scripts/inspect-vs-pytorch.sh: checks `lenet-tui inspect --json` layer by layer.

  inspect_vs_pytorch.py --weights W.safetensors [--tolerance 1e-4] INSPECT.jsonl

For each object of INSPECT.jsonl (one per text-art sketch), the sketch file is preprocessed again by the
NumPy specification of Scripts/make_sketch_fixtures.py (crop, scale to 20 px, centre the mass), normalised
as MNIST ((p / 255 - 0.1307) / 0.3081, float32) and run through PyTorch's LeNet-5 with the same weights
(make_fixtures.inspection_layers: every intermediate, and the saliency map d logit[predicted] / d input).
Prints, per layer over all files, the largest absolute difference, the largest |PyTorch value| and their
ratio (the relative difference to the layer's scale), and the largest elementwise relative difference
|a - b| / max(|b|, 1e-3) (floored, so near-zero entries do not dominate; information only). Exits 1 when
a prediction differs or a layer fails either rule: the ratio above, or the tests' rule (TestSupport's
Tolerance) |a - b| <= tolerance * max(1, |b|) for every value. Needs torch and numpy.
"""
import argparse, json, os, struct, sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lenet_reference import NAMES, NORMALISATION, LeNet5  # noqa: E402
from make_fixtures import inspection_layers  # noqa: E402
from make_sketch_fixtures import parse_text_art, preprocess  # noqa: E402

LAYERS = ["input", "c1", "pool1", "c3", "pool2", "c5", "f6", "logits", "probabilities", "saliency"]
MEAN, STD = (np.float32(v) for v in NORMALISATION["mnist"])


def load_weights(path):
    """The 10 state_dict tensors of a safetensors file (8-byte header length, JSON header, raw F32)."""
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + n])
    state = {}
    for name in NAMES:
        entry = header[name]
        assert entry["dtype"] == "F32", (name, entry["dtype"])
        begin, end = entry["data_offsets"]
        values = np.frombuffer(raw[8 + n + begin:8 + n + end], dtype="<f4").reshape(entry["shape"])
        state[name] = torch.from_numpy(values.copy())
    return state


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--weights", required=True)
    ap.add_argument("--tolerance", type=float, default=1e-4)
    ap.add_argument("jsonl")
    a = ap.parse_args()
    torch.set_num_threads(1)
    model = LeNet5()
    model.load_state_dict(load_weights(a.weights))
    # Per layer: max |difference|, max |PyTorch|, max elementwise relative, max |difference| / max(1, |PyTorch|).
    worst = {name: [0.0, 0.0, 0.0, 0.0] for name in LAYERS}
    ours, theirs = [], []
    for line in open(a.jsonl):
        obj = json.loads(line)
        rows = [r for r in open(obj["file"]).read().split("\n") if r.strip()]
        pixels = preprocess(parse_text_art(rows)).astype(np.float32)
        x = torch.from_numpy(((pixels / np.float32(255) - MEAN) / STD).astype(np.float32)).reshape(1, 1, 28, 28)
        layers, predicted = inspection_layers(model, x)
        ours.append(obj["prediction"])
        theirs.append(predicted[0])
        for name in LAYERS:
            expected = layers[name][0].numpy().astype(np.float64).ravel()
            actual = np.array(obj[name], dtype=np.float32).astype(np.float64).ravel()
            assert actual.shape == expected.shape, (obj["file"], name, actual.shape, expected.shape)
            worst[name][0] = max(worst[name][0], float(np.abs(actual - expected).max()))
            worst[name][1] = max(worst[name][1], float(np.abs(expected).max()))
            elementwise = np.abs(actual - expected) / np.maximum(np.abs(expected), 1e-3)
            worst[name][2] = max(worst[name][2], float(elementwise.max()))
            rule = np.abs(actual - expected) / np.maximum(np.abs(expected), 1.0)
            worst[name][3] = max(worst[name][3], float(rule.max()))
    print(f"{len(ours)} sketches, weights {a.weights}, torch {torch.__version__}")
    print(f"{'layer':<14}{'max |diff|':>12}{'max |PyTorch|':>15}{'relative':>11}{'elementwise rel':>17}")
    failed = False
    for name in LAYERS:
        difference, scale, elementwise, rule = worst[name]
        relative = difference / scale if scale > 0 else difference
        bad = relative > a.tolerance or rule > a.tolerance
        failed |= bad
        print(f"{name:<14}{difference:>12.3g}{scale:>15.4g}{relative:>11.2g}{elementwise:>17.2g}{'  FAIL' if bad else ''}")
    print(f"predictions: lenet-tui {ours}, PyTorch {theirs}")
    if ours != theirs:
        failed = True
        print("FAIL: the predictions differ")
    if failed:
        sys.exit(f"inspect-vs-pytorch: FAIL: beyond {a.tolerance:g} relative")
    print(f"inspect-vs-pytorch: every layer within {a.tolerance:g} of PyTorch, relative to the layer's largest "
          f"value and to max(1, |value|)")


if __name__ == "__main__":
    main()
