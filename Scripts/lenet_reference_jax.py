#!/usr/bin/env python3
"""The JAX counterpart of lenet_reference.py's trainer, for Scripts/bench-vs-pytorch.sh: the same LeNet-5
(c1 conv 5x5 1->6 padding 2 -> ReLU -> max-pool 2 -> c3 conv 5x5 6->16 -> ReLU -> max-pool 2 -> flatten
400 -> c5 400->120 -> ReLU -> f6 120->84 -> ReLU -> output 84->10, NCHW, PyTorch's default uniform
init), softmax cross-entropy, optax Adam, the training step and the evaluation compiled with jax.jit, the
data read and normalised by lenet_reference.py's own functions (shared with the PyTorch trainer).

Prints one JSON line per epoch, with the PyTorch trainer's keys plus the time from the process's start:
{"epoch", "train_seconds", "eval_seconds", "train_images_per_s", "train_loss", "test_accuracy",
 "seconds_from_start"}. Epoch 1 includes jit's compilation (the first step of each batch shape and the
first evaluation), so its seconds_from_start is the time to a first trained network and later epochs give
the steady-state images/s.

Usage: lenet_reference_jax.py [--data DIR] [--epochs N] [--batch-size B] [--lr LR] [--seed S]
Needs jax, optax and numpy (pip install jax optax numpy); XLA's CPU backend uses every core.
"""
from mnist_idx import load_split as load_idx_split, seconds_from_start

import argparse, json, os, sys, time

import numpy as np
import jax
import jax.numpy as jnp
import optax

MNIST = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "assets", "mnist")


def load_split(directory, prefix):
    """(images (N, 1, 28, 28) float32 normalised as torchvision does with MNIST's mean 0.1307 and std
    0.3081, labels (N,) int32) as numpy arrays."""
    x, y = load_idx_split(directory, prefix, 0.1307, 0.3081, "lenet_reference_jax")
    return x, y.astype(np.int32)


def init(key):
    """PyTorch's default init: weights and biases U(-1/sqrt(fan_in), 1/sqrt(fan_in)); PyTorch's layouts."""
    shapes = [("c1", (6, 1, 5, 5), 25), ("c3", (16, 6, 5, 5), 150), ("c5", (120, 400), 400),
              ("f6", (84, 120), 120), ("output", (10, 84), 84)]
    params = {}
    for name, shape, fan_in in shapes:
        key, kw, kb = jax.random.split(key, 3)
        bound = 1 / np.sqrt(fan_in)
        params[name] = {"w": jax.random.uniform(kw, shape, jnp.float32, -bound, bound),
                        "b": jax.random.uniform(kb, (shape[0],), jnp.float32, -bound, bound)}
    return params


def conv(x, p, padding):
    y = jax.lax.conv_general_dilated(x, p["w"], (1, 1), [(padding, padding)] * 2,
                                     dimension_numbers=("NCHW", "OIHW", "NCHW"))
    return y + p["b"][None, :, None, None]


def pool(x):
    return jax.lax.reduce_window(x, -jnp.inf, jax.lax.max, (1, 1, 2, 2), (1, 1, 2, 2), "VALID")


def logits(params, x):
    x = pool(jax.nn.relu(conv(x, params["c1"], 2)))
    x = pool(jax.nn.relu(conv(x, params["c3"], 0)))
    x = x.reshape(x.shape[0], -1)
    x = jax.nn.relu(x @ params["c5"]["w"].T + params["c5"]["b"])
    x = jax.nn.relu(x @ params["f6"]["w"].T + params["f6"]["b"])
    return x @ params["output"]["w"].T + params["output"]["b"]


def loss_fn(params, x, y):
    return optax.softmax_cross_entropy_with_integer_labels(logits(params, x), y).mean()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=MNIST)
    p.add_argument("--epochs", type=int, default=2)
    p.add_argument("--batch-size", type=int, default=64)
    p.add_argument("--lr", type=float, default=1e-3)
    p.add_argument("--seed", type=int, default=1)
    a = p.parse_args()
    xtr, ytr = load_split(a.data, "train")
    xte, yte = load_split(a.data, "t10k")
    params = init(jax.random.PRNGKey(a.seed))
    optimizer = optax.adam(a.lr)
    state = optimizer.init(params)

    @jax.jit
    def step(params, state, x, y):
        loss, grads = jax.value_and_grad(loss_fn)(params, x, y)
        updates, state = optimizer.update(grads, state, params)
        return optax.apply_updates(params, updates), state, loss

    @jax.jit
    def correct(params, x, y):
        return (jnp.argmax(logits(params, x), axis=1) == y).sum()

    rng = np.random.default_rng(a.seed)
    n = xtr.shape[0]
    for epoch in range(1, a.epochs + 1):
        t0 = time.perf_counter()
        permutation = rng.permutation(n)
        total = 0.0
        for i in range(0, n, a.batch_size):
            idx = permutation[i:i + a.batch_size]
            params, state, loss = step(params, state, xtr[idx], ytr[idx])
            total += float(loss) * idx.size  # waits for the step, as PyTorch's loss.item()
        t1 = time.perf_counter()
        hits = sum(int(correct(params, xte[i:i + 1000], yte[i:i + 1000])) for i in range(0, xte.shape[0], 1000))
        t2 = time.perf_counter()
        print(json.dumps({"epoch": epoch, "train_seconds": round(t1 - t0, 3), "eval_seconds": round(t2 - t1, 3),
                          "train_images_per_s": round(n / (t1 - t0), 1), "train_loss": round(total / n, 5),
                          "test_accuracy": hits / xte.shape[0],
                          "seconds_from_start": round(seconds_from_start(), 3)}), flush=True)


if __name__ == "__main__":
    main()
