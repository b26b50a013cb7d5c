#!/usr/bin/env python3
"""The PyTorch reference of lenet-tui: the same LeNet-5 module, the IDX reader and the normalisation,
shared by every Python script here (make_fixtures.py, interop_pytorch.py, inspect_vs_pytorch.py,
summary_vs_pytorch.py), and a plain PyTorch trainer that Scripts/bench-vs-pytorch.sh times.

The network (LeCun et al. 1998 in its modern form, layer names after the paper): c1 conv 5x5 1->6
(padding 2) -> ReLU -> max-pool 2 -> c3 conv 5x5 6->16 -> ReLU -> max-pool 2 -> flatten 400 -> c5 linear
400->120 -> ReLU -> f6 linear 120->84 -> ReLU -> output linear 84->10; its state_dict names are those of
lenet-tui's checkpoints. Inputs are the pixels / 255, then (x - mean) / std in float32 (torchvision's
ToTensor and Normalize).

As a program it trains on MNIST and prints one JSON line per epoch:
{"epoch", "train_seconds", "eval_seconds", "train_images_per_s", "train_loss", "test_accuracy",
 "seconds_from_start"} (the last: since the process started, Python's start and `import torch` included).

Usage: lenet_reference.py [--data DIR] [--epochs N] [--batch-size B] [--lr LR] [--optimizer adam|sgd]
                          [--threads T] [--seed S]
  (--data defaults to the bundled assets/mnist; the IDX files may be gzipped or not.)
Needs torch and numpy (pip install torch numpy).
"""
import argparse, json, os, sys, time

import mnist_idx
from mnist_idx import read_idx, seconds_from_start  # noqa: F401 (read_idx: make_fixtures.py imports it from here)

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MNIST = os.path.join(REPO, "assets", "mnist")
NAMES = ["c1.weight", "c1.bias", "c3.weight", "c3.bias", "c5.weight", "c5.bias",
         "f6.weight", "f6.bias", "output.weight", "output.bias"]
# Mean and standard deviation of the training pixels / 255 (MNIST: the PyTorch MNIST example's).
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


def load_split(directory, prefix, dataset="mnist"):
    """The `prefix` split ("train" or "t10k") of `directory`: images (N, 1, 28, 28) normalised with the
    dataset's constants, and labels (N,) int64."""
    x, y = mnist_idx.load_split(directory, prefix, *NORMALISATION[dataset], "lenet_reference")
    return torch.from_numpy(x), torch.from_numpy(y.astype(np.int64))


def accuracy(model, x, y):
    """{"test_accuracy", "correct", "total"} of `model` on (x, y), classified 1,000 images at a time."""
    model.eval()
    with torch.no_grad():
        correct = sum((model(x[i:i + 1000]).argmax(1) == y[i:i + 1000]).sum().item()
                      for i in range(0, x.shape[0], 1000))
    return {"test_accuracy": correct / x.shape[0], "correct": correct, "total": int(x.shape[0])}


def train_epoch(model, optimizer, x, y, batch_size):
    """One epoch of shuffled mini-batches with the mean softmax cross-entropy; returns the mean loss."""
    model.train()
    permutation = torch.randperm(x.shape[0])
    total = 0.0
    for i in range(0, x.shape[0], batch_size):
        idx = permutation[i:i + batch_size]
        optimizer.zero_grad(set_to_none=True)
        loss = F.cross_entropy(model(x[idx]), y[idx])
        loss.backward()
        optimizer.step()
        total += loss.item() * idx.numel()
    return total / x.shape[0]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=MNIST)
    p.add_argument("--epochs", type=int, default=1)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--optimizer", choices=["adam", "sgd"], default="adam")
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    xtr, ytr = load_split(a.data, "train")
    xte, yte = load_split(a.data, "t10k")
    model = LeNet5()
    optimizer = (torch.optim.Adam(model.parameters(), lr=a.lr) if a.optimizer == "adam"
                 else torch.optim.SGD(model.parameters(), lr=a.lr, momentum=0.9))
    for epoch in range(1, a.epochs + 1):
        t0 = time.perf_counter()
        loss = train_epoch(model, optimizer, xtr, ytr, a.batch_size)
        t1 = time.perf_counter()
        test = accuracy(model, xte, yte)
        t2 = time.perf_counter()
        print(json.dumps({"epoch": epoch, "train_seconds": round(t1 - t0, 3), "eval_seconds": round(t2 - t1, 3),
                          "train_images_per_s": round(xtr.shape[0] / (t1 - t0), 1),
                          "train_loss": round(loss, 5), "test_accuracy": test["test_accuracy"],
                          "seconds_from_start": round(seconds_from_start(), 3)}), flush=True)


if __name__ == "__main__":
    main()
