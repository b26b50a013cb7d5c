#!/usr/bin/env python3
"""PyTorch's run to a target test accuracy, timed as `lenet-tui train --until` times it.

The network and data reading are those of Scripts/lenet_reference.py (LeNet-5 with ReLU and
max-pooling, MNIST from the IDX .gz files), normalised as (x/255 - 0.1307) / 0.3081; added here: AdamW and
PyTorch's own OneCycleLR stepped per mini-batch (cycle_momentum=False, as lenet-tui's one_cycle), and a
stop at the end of the first epoch whose test accuracy reaches --until. The clock is the same as
lenet-tui's: seconds from the process's start (field 22 of /proc/self/stat against CLOCK_BOOTTIME), so
Python's start, `import torch` and reading the data count, measured when the epoch's evaluation ends.

Prints one JSON line per epoch and a last line
{"target", "reached", "epoch", "test_accuracy", "seconds_from_start"}.

Usage: fast99_pytorch.py --data DIR [--until 0.99] [--epochs 2] [--batch-size 128] [--lr 0.004]
       [--optimizer adamw|adam|sgd] [--weight-decay 0.01] [--schedule one_cycle|constant]
       [--pct-start 0.25] [--threads 2] [--seed 1]
"""
import os, time


def seconds_from_start():
    with open("/proc/self/stat") as f:
        stat = f.read()
    ticks = int(stat[stat.rindex(")") + 2:].split()[19])
    return time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")


import argparse, json
import numpy as np
import torch
import torch.nn.functional as F


# The reference network and the IDX reader are the ones every script here shares.
from lenet_reference import LeNet5, read_idx


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True)
    p.add_argument("--until", type=float, default=0.99)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.004)
    p.add_argument("--optimizer", choices=["adamw", "adam", "sgd"], default="adamw")
    p.add_argument("--weight-decay", type=float, default=0.01)
    p.add_argument("--schedule", choices=["one_cycle", "constant"], default="one_cycle")
    p.add_argument("--pct-start", type=float, default=0.25)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    mean, std = 0.1307, 0.3081

    def load(prefix):
        x = read_idx(f"{a.data}/{prefix}-images-idx3-ubyte.gz").astype(np.float32) / 255.0
        y = read_idx(f"{a.data}/{prefix}-labels-idx1-ubyte.gz").astype(np.int64)
        return torch.from_numpy((x - mean) / std).unsqueeze(1), torch.from_numpy(y)

    xtr, ytr = load("train")
    xte, yte = load("t10k")
    model = LeNet5()
    if a.optimizer == "adamw":
        opt = torch.optim.AdamW(model.parameters(), lr=a.lr, weight_decay=a.weight_decay)
    elif a.optimizer == "adam":
        opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    else:
        opt = torch.optim.SGD(model.parameters(), lr=a.lr, momentum=0.9, weight_decay=a.weight_decay)
    n = xtr.shape[0]
    steps = (n + a.batch_size - 1) // a.batch_size
    sched = (torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=a.lr, epochs=a.epochs, steps_per_epoch=steps,
                                                 pct_start=a.pct_start, cycle_momentum=False)
             if a.schedule == "one_cycle" else None)
    for epoch in range(1, a.epochs + 1):
        model.train()
        perm = torch.randperm(n)
        t0 = time.perf_counter()
        for i in range(0, n, a.batch_size):
            idx = perm[i:i + a.batch_size]
            opt.zero_grad(set_to_none=True)
            F.cross_entropy(model(xtr[idx]), ytr[idx]).backward()
            opt.step()
            if sched:
                sched.step()
        t1 = time.perf_counter()
        model.eval()
        with torch.no_grad():
            correct = sum((model(xte[i:i + 1000]).argmax(1) == yte[i:i + 1000]).sum().item()
                          for i in range(0, xte.shape[0], 1000))
        accuracy = correct / xte.shape[0]
        elapsed = seconds_from_start()
        print(json.dumps({"epoch": epoch, "train_seconds": round(t1 - t0, 3), "test_accuracy": accuracy}), flush=True)
        if correct >= a.until * xte.shape[0] - 1e-9:
            print(json.dumps({"target": a.until, "reached": True, "epoch": epoch, "test_accuracy": accuracy,
                              "seconds_from_start": round(elapsed, 3)}), flush=True)
            return
    print(json.dumps({"target": a.until, "reached": False, "epoch": a.epochs, "test_accuracy": accuracy,
                      "seconds_from_start": round(seconds_from_start(), 3)}), flush=True)


if __name__ == "__main__":
    main()
