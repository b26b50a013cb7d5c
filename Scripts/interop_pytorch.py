#!/usr/bin/env python3
"""PyTorch side of Scripts/interop-pytorch.sh: the same LeNet-5 module as lenet-tui (and as
../shared/bench/reference_lenet.py), reading and writing safetensors state_dicts.

  interop_pytorch.py eval  --data DIR --weights IN.safetensors [--dataset mnist|fashion-mnist]
      loads the state_dict (keys c1.weight ... output.bias; extra keys such as lenet-tui's optimizer
      state are ignored) and prints {"test_accuracy", "correct", "total"} on the test set.
  interop_pytorch.py train --data DIR --out OUT.safetensors [--limit N] [--epochs E] [--seed S]
      trains with torch (Adam, lr 1e-3, batch 64) on the first N training images, saves the
      state_dict with safetensors.torch.save_file, and prints the same JSON for the saved weights.

Needs torch, numpy and safetensors (pip install torch numpy safetensors).
"""
import argparse, gzip, json, struct, sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

NORMALISATION = {"mnist": (0.1307, 0.3081), "fashion-mnist": (0.2860, 0.3530)}


class LeNet5(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 6, 5, padding=2)
        self.c3 = nn.Conv2d(6, 16, 5)
        self.c5 = nn.Linear(400, 120)
        self.f6 = nn.Linear(120, 84)
        self.output = nn.Linear(84, 10)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c3(x)), 2)
        x = x.flatten(1)
        x = F.relu(self.c5(x))
        x = F.relu(self.f6(x))
        return self.output(x)


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    ndim = struct.unpack(">I", data[:4])[0] & 0xFF
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load(directory, prefix, dataset):
    import os
    def find(stem):
        for name in (stem, stem + ".gz"):
            if os.path.exists(os.path.join(directory, name)):
                return os.path.join(directory, name)
        sys.exit(f"interop_pytorch: no {stem}[.gz] in {directory}")
    mean, std = NORMALISATION[dataset]
    x = read_idx(find(f"{prefix}-images-idx3-ubyte")).astype(np.float32) / 255.0
    y = read_idx(find(f"{prefix}-labels-idx1-ubyte")).astype(np.int64)
    return torch.from_numpy((x - mean) / std).unsqueeze(1), torch.from_numpy(y)


def accuracy(model, x, y):
    model.eval()
    with torch.no_grad():
        correct = sum((model(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum().item()
                      for i in range(0, x.shape[0], 1000))
    return {"test_accuracy": correct / x.shape[0], "correct": correct, "total": int(x.shape[0])}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("command", choices=["eval", "train"])
    p.add_argument("--data", required=True)
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
    xte, yte = load(a.data, "t10k", a.dataset)
    if a.command == "eval":
        state = load_file(a.weights)
        missing = [k for k in model.state_dict() if k not in state]
        if missing:
            sys.exit(f"interop_pytorch: {a.weights} lacks {', '.join(missing)}")
        model.load_state_dict({k: v for k, v in state.items() if k in model.state_dict()})
        print(json.dumps(accuracy(model, xte, yte)))
        return
    xtr, ytr = load(a.data, "train", a.dataset)
    xtr, ytr = xtr[:a.limit], ytr[:a.limit]
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    for _ in range(a.epochs):
        model.train()
        perm = torch.randperm(xtr.shape[0])
        for i in range(0, xtr.shape[0], 64):
            idx = perm[i:i + 64]
            opt.zero_grad(set_to_none=True)
            F.cross_entropy(model(xtr[idx]), ytr[idx]).backward()
            opt.step()
    save_file({k: v.contiguous() for k, v in model.state_dict().items()}, a.out)
    print(json.dumps(accuracy(model, xte, yte)))


if __name__ == "__main__":
    main()
