#!/usr/bin/env python3
"""PyTorch side of Scripts/interop-pytorch.sh: the same LeNet-5 module as lenet-tui
(Scripts/lenet_reference.py), reading and writing safetensors state_dicts.

  interop_pytorch.py eval  [--data DIR] --weights IN.safetensors [--dataset mnist|fashion-mnist]
      loads the state_dict (keys c1.weight ... output.bias; extra keys such as lenet-tui's optimizer
      state are ignored) and prints {"test_accuracy", "correct", "total"} on the test set.
  interop_pytorch.py train [--data DIR] --out OUT.safetensors [--limit N] [--epochs E] [--seed S]
      trains with torch (Adam, lr 1e-3, batch 64) on the first N training images, saves the
      state_dict with safetensors.torch.save_file, and prints the same JSON for the saved weights.

--data defaults to the bundled assets/mnist. Needs torch, numpy and safetensors (pip install torch numpy
safetensors).
"""
import argparse, json, os, sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lenet_reference import MNIST, NORMALISATION, LeNet5, accuracy, load_split, train_epoch  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("command", choices=["eval", "train"])
    p.add_argument("--data", default=MNIST)
    p.add_argument("--dataset", choices=sorted(NORMALISATION), default="mnist")
    p.add_argument("--weights")
    p.add_argument("--out")
    p.add_argument("--limit", type=int, default=60000)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(a.seed)
    from safetensors.torch import load_file, save_file
    model = LeNet5()
    xte, yte = load_split(a.data, "t10k", a.dataset)
    if a.command == "eval":
        state = load_file(a.weights)
        missing = [k for k in model.state_dict() if k not in state]
        if missing:
            sys.exit(f"interop_pytorch: {a.weights} lacks {', '.join(missing)}")
        model.load_state_dict({k: v for k, v in state.items() if k in model.state_dict()})
        print(json.dumps(accuracy(model, xte, yte)))
        return
    xtr, ytr = load_split(a.data, "train", a.dataset)
    xtr, ytr = xtr[:a.limit], ytr[:a.limit]
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(a.epochs):
        train_epoch(model, opt, xtr, ytr, 64)
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, a.out)
    print(json.dumps(accuracy(model, xte, yte)))


if __name__ == "__main__":
    main()
