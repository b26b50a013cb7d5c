#!/usr/bin/env python3
"""Writes the golden fixtures of the LeNetEngine tests: Tests/LeNetEngineTests/Fixtures/lenet5_golden.json
and, beside it, lenet5_inspection.json.

PyTorch (CPU, one thread, deterministic) is the oracle. The network and the IDX reader are those of
Scripts/lenet_reference.py. Contents:

  parameters      torch.manual_seed(0) default init of LeNet5(), the 10 tensors in state_dict order
  inputs          the first 5 MNIST training images, /255 then (x - 0.1307) / 0.3081, shape (5, 1, 28, 28)
                  (5 = an odd, "partial" mini-batch), and their labels
  logits, loss    model(inputs) and F.cross_entropy(logits, labels) (mean over the 5 images);
  losses          also the per-image losses (reduction='none')
  gradients       d(loss)/d(parameter) for all 10 tensors
  optimizers      parameters after torch.optim steps fed with fixed gradients (not recomputed):
                  step 1 uses `gradients`, step 2 uses -0.5 * `gradients` (so moments and momentum
                  buffers see two different gradients):
                    adam               Adam(lr=1e-3), 1 step
                    adam_weight_decay  Adam(lr=1e-3, weight_decay=0.01), 2 steps
                    sgd_momentum       SGD(lr=0.01, momentum=0.9), 2 steps
  optimizer_small element-wise cases on one 23-value tensor, 3 steps each, more settings (nesterov,
                  weight decay, other betas/eps); the Swift test tiles the 23 values over every tensor.

lenet5_inspection.json holds, for the first 3 of those inputs and the same parameters, every intermediate
of the forward pass and the saliency map (see `inspection`): input (3, 1, 28, 28), c1 after ReLU
(3, 6, 28, 28), pool1 (3, 6, 14, 14), c3 after ReLU (3, 16, 10, 10), pool2 (3, 16, 5, 5), c5 and f6 after
ReLU (3, 120), (3, 84), logits and softmax probabilities (3, 10), the predicted class (argmax of the
logits, first maximum) and saliency (3, 1, 28, 28) = d logits[n, predicted[n]] / d input[n]; and
saliency_by_class (10, 1, 28, 28) = d logits[0, k] / d input[0] for every class k of the first image.

Tensor encoding: {"shape": [...], "f32le": base64 of the raw little-endian float32 bytes, row-major}, so
values are exact and the file stays small (~1.7 MB). Deterministic: rerunning rewrites identical bytes.

Usage: python3 Scripts/make_fixtures.py [--data DIR] [--out FILE] [--inspection-out FILE]
                                       [--only golden|inspection]
  (--data defaults to the bundled assets/mnist; needs torch, numpy; --only writes one of the two files,
  e.g. to add the inspection fixture without rewriting the golden one)
"""
import argparse, base64, json, os, sys
import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lenet_reference import MNIST, NAMES, REPO, LeNet5, read_idx  # noqa: E402


def enc(t):
    a = t.detach().cpu().contiguous().numpy().astype("<f4")
    return {"shape": list(a.shape), "f32le": base64.b64encode(a.tobytes()).decode("ascii")}


def run_optimizer(make, start, grads_per_step):
    """Applies len(grads_per_step) steps of optimizer `make(params)` from `start`; returns the params."""
    params = [p.detach().clone().requires_grad_(True) for p in start]
    opt = make(params)
    for grads in grads_per_step:
        for p, g in zip(params, grads):
            p.grad = g.detach().clone()
        opt.step()
    return params, opt


def small_cases():
    gen = torch.Generator().manual_seed(1)
    p0 = torch.randn(23, generator=gen) * 0.1
    grads = [torch.randn(23, generator=gen) * 0.01 for _ in range(3)]
    for g in grads:
        g[5] = 0.0          # an exactly-zero gradient (the epsilon path of Adam)
    grads[1][7] = 1e-9      # a gradient far below epsilon
    configs = [
        ("adam", lambda ps: torch.optim.Adam(ps, lr=1e-3, foreach=False),
         {"kind": "adam", "lr": 1e-3}),
        ("adam_custom", lambda ps: torch.optim.Adam(ps, lr=0.01, betas=(0.8, 0.99), eps=1e-6,
                                                    weight_decay=0.1, foreach=False),
         {"kind": "adam", "lr": 0.01, "beta1": 0.8, "beta2": 0.99, "eps": 1e-6, "weight_decay": 0.1}),
        ("sgd", lambda ps: torch.optim.SGD(ps, lr=0.1, foreach=False), {"kind": "sgd", "lr": 0.1}),
        ("sgd_momentum_wd", lambda ps: torch.optim.SGD(ps, lr=0.01, momentum=0.9, weight_decay=0.01,
                                                       foreach=False),
         {"kind": "sgd", "lr": 0.01, "momentum": 0.9, "weight_decay": 0.01}),
        ("sgd_nesterov", lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, weight_decay=1e-3,
                                                    nesterov=True, foreach=False),
         {"kind": "sgd", "lr": 0.05, "momentum": 0.8, "weight_decay": 1e-3, "nesterov": True}),
    ]
    cases = []
    for name, make, settings in configs:
        params = [p0.clone().requires_grad_(True)]
        opt = make(params)
        after = []
        for g in grads:
            params[0].grad = g.clone()
            opt.step()
            after.append(enc(params[0]))
        cases.append({"name": name, "settings": settings, "after_each_step": after})
    return {"parameter": enc(p0), "gradients": [enc(g) for g in grads], "cases": cases}


def inspection_layers(model, x):
    """Every intermediate of `model` on `x` (N, 1, 28, 28), as tensors named like lenet-tui's layers, and
    each image's predicted class (argmax of its logits, first maximum); "saliency" is the gradient of each
    image's predicted-class logit with respect to its input (images do not interact, so one backward pass
    of the sum of the N chosen logits gives all N maps). Also used by Scripts/inspect_vs_pytorch.py."""
    x = x.detach().clone().requires_grad_(True)
    c1 = F.relu(model.c1(x))
    pool1 = F.max_pool2d(c1, 2)
    c3 = F.relu(model.c3(pool1))
    pool2 = F.max_pool2d(c3, 2)
    c5 = F.relu(model.c5(pool2.flatten(1)))
    f6 = F.relu(model.f6(c5))
    logits = model.output(f6)
    probabilities = F.softmax(logits, dim=1)
    predicted = logits.argmax(dim=1)
    logits.gather(1, predicted[:, None]).sum().backward()
    layers = {"input": x, "c1": c1, "pool1": pool1, "c3": c3, "pool2": pool2, "c5": c5, "f6": f6,
              "logits": logits, "probabilities": probabilities, "saliency": x.grad}
    return {name: t.detach() for name, t in layers.items()}, [int(v) for v in predicted]


def inspection(model, x):
    """The inspection fixture's contents for `x`: `inspection_layers`, and the saliency map of every
    class's logit for the first image."""
    layers, predicted = inspection_layers(model, x)
    x = x.detach().clone().requires_grad_(True)
    by_class = [torch.autograd.grad(model(x[:1])[0, k], x)[0][0] for k in range(10)]
    return {"layers": {name: enc(t) for name, t in layers.items()},
            "predicted": predicted,
            "saliency_by_class": enc(torch.stack(by_class))}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=MNIST)
    ap.add_argument("--out", default=os.path.join(REPO, "Tests", "LeNetEngineTests", "Fixtures",
                                                  "lenet5_golden.json"))
    ap.add_argument("--inspection-out", default=os.path.join(REPO, "Tests", "LeNetEngineTests", "Fixtures",
                                                             "lenet5_inspection.json"))
    ap.add_argument("--only", choices=["golden", "inspection"])
    a = ap.parse_args()
    torch.set_num_threads(1)
    torch.use_deterministic_algorithms(True)
    torch.manual_seed(0)
    model = LeNet5()
    assert [n for n, _ in model.named_parameters()] == NAMES

    count = 5
    images = read_idx(os.path.join(a.data, "train-images-idx3-ubyte.gz"))[:count].astype(np.float32) / 255.0
    labels = read_idx(os.path.join(a.data, "train-labels-idx1-ubyte.gz"))[:count].astype(np.int64)
    x = torch.from_numpy((images - np.float32(0.1307)) / np.float32(0.3081)).unsqueeze(1)
    y = torch.from_numpy(labels)

    if a.only != "golden":
        write(a.inspection_out, dict(
            about="Written by Scripts/make_fixtures.py (torch %s); do not edit by hand. Parameters and inputs "
                  "are those of lenet5_golden.json (its first %d inputs)." % (torch.__version__, 3),
            **inspection(model, x[:3])))
    if a.only == "inspection":
        return

    logits = model(x)
    losses = F.cross_entropy(logits, y, reduction="none")
    loss = F.cross_entropy(logits, y)
    loss.backward()
    params = [p.detach().clone() for p in model.parameters()]
    grads = [p.grad.detach().clone() for p in model.parameters()]

    two = [grads, [-0.5 * g for g in grads]]
    optimizers = {
        "adam": (lambda ps: torch.optim.Adam(ps, lr=1e-3, foreach=False), [grads],
                 {"kind": "adam", "lr": 1e-3}),
        "adam_weight_decay": (lambda ps: torch.optim.Adam(ps, lr=1e-3, weight_decay=0.01, foreach=False), two,
                              {"kind": "adam", "lr": 1e-3, "weight_decay": 0.01}),
        "sgd_momentum": (lambda ps: torch.optim.SGD(ps, lr=0.01, momentum=0.9, foreach=False), two,
                         {"kind": "sgd", "lr": 0.01, "momentum": 0.9}),
    }
    optimizer_out = {}
    for name, (make, steps, settings) in optimizers.items():
        after, _ = run_optimizer(make, params, steps)
        optimizer_out[name] = {"settings": settings, "steps": len(steps),
                               "parameters_after": {n: enc(p) for n, p in zip(NAMES, after)}}

    fixture = {
        "about": "Written by Scripts/make_fixtures.py (torch %s); do not edit by hand." % torch.__version__,
        "parameters": {n: enc(p) for n, p in zip(NAMES, params)},
        "inputs": enc(x),
        "labels": [int(v) for v in labels],
        "logits": enc(logits),
        "losses": enc(losses),
        "loss": float(loss.item()),
        "gradients": {n: enc(g) for n, g in zip(NAMES, grads)},
        "optimizers": optimizer_out,
        "optimizer_small": small_cases(),
    }
    write(a.out, fixture)
    print("loss %.6f" % loss.item())


def write(path, fixture):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(fixture, f, indent=1)
        f.write("\n")
    print("wrote %s (%d bytes)" % (path, os.path.getsize(path)))


if __name__ == "__main__":
    main()
