#!/usr/bin/env python3
"""Writes the PyTorch fixtures of issue 14's additions (augmentation, AdamW, label smoothing, one-cycle):

  Tests/LeNetEngineTests/Fixtures/augmentation.json
      image      the first MNIST test image as floats 0...255 (28, 28)
      kernels    gaussian kernels for sigma 1, 4, 6 (scipy's rule: radius int(3 sigma + 0.5), normalised)
      smoothing  a 28x28 uniform [-1, 1) noise field smoothed by torch conv2d (zero padding) with the
                 kernel's outer product, times alpha, for (sigma 4, alpha 34) and (sigma 1, alpha 2)
      warps      cases (rotation, scale, shear in degrees; shift in pixels; optional noise fields,
                 sigma, alpha) and the image resampled by torch's grid_sample(bilinear, zeros,
                 align_corners=True) at c + inv(A) (p + d(p) - c - t), A = R(theta) Sh(phi) S(s) from numpy
  Tests/LeNetEngineTests/Fixtures/regularisation.json
      adamw      torch.optim.AdamW on one 23-value tensor, 3 steps each, two settings (params after each)
      smoothing  F.cross_entropy(logits, labels, label_smoothing=eps) (mean) and d loss / d logits for
                 eps 0, 0.1, 0.3 on 6 x 10 logits
  Tests/LeNetTrainingTests/Fixtures/one_cycle.json
      torch.optim.lr_scheduler.OneCycleLR(cycle_momentum=False, anneal_strategy="cos") learning rates of
      every step (the rate the mini-batch uses, before scheduler.step()) for three settings

Values are written as JSON numbers (Python floats of the float32 or float64 values), so they are exact.
Usage: python3 Scripts/make_beyond_fixtures.py [--data DIR]  (default assets/mnist)
Needs torch and numpy.
"""
import argparse, json, math, os
import numpy as np
import torch
import torch.nn.functional as F

from mnist_idx import read_idx

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def flat(t):
    return [float(v) for v in np.asarray(t, dtype=np.float32).reshape(-1)]


def kernel(sigma):
    radius = int(3 * sigma + 0.5)
    k = np.exp(-np.arange(-radius, radius + 1, dtype=np.float64) ** 2 / (2 * sigma * sigma))
    return (k / k.sum()).astype(np.float32)


def smooth(noise, sigma, alpha):
    k = torch.from_numpy(kernel(sigma))
    weight = torch.outer(k, k)[None, None]
    r = k.numel() // 2
    out = F.conv2d(torch.from_numpy(noise)[None, None], weight, padding=r)[0, 0]
    return (out * alpha).numpy()


def warp(image, rotation, scale, shear, sx, sy, dx=None, dy=None):
    th, ph = math.radians(rotation), math.radians(shear)
    R = np.array([[math.cos(th), -math.sin(th)], [math.sin(th), math.cos(th)]])
    Sh = np.array([[1, math.tan(ph)], [0, 1]])
    A = R @ Sh @ (scale * np.eye(2))
    inv = np.linalg.inv(A)
    ys, xs = np.meshgrid(np.arange(28, dtype=np.float64), np.arange(28, dtype=np.float64), indexing="ij")
    px = xs + (dx if dx is not None else 0) - 13.5 - sx
    py = ys + (dy if dy is not None else 0) - 13.5 - sy
    srcx = 13.5 + inv[0, 0] * px + inv[0, 1] * py
    srcy = 13.5 + inv[1, 0] * px + inv[1, 1] * py
    grid = np.stack([srcx * 2 / 27 - 1, srcy * 2 / 27 - 1], axis=-1)[None].astype(np.float64)
    out = F.grid_sample(torch.from_numpy(image.astype(np.float64))[None, None], torch.from_numpy(grid),
                        mode="bilinear", padding_mode="zeros", align_corners=True)
    return out[0, 0].numpy().astype(np.float32)


def augmentation(data):
    image = read_idx(f"{data}/t10k-images-idx3-ubyte.gz")[0].astype(np.float32)
    rng = np.random.default_rng(14)
    noise = [rng.uniform(-1, 1, (28, 28)).astype(np.float32) for _ in range(4)]
    smoothing = []
    for (sigma, alpha, n) in [(4.0, 34.0, 0), (1.0, 2.0, 1)]:
        smoothing.append({"sigma": sigma, "alpha": alpha, "noise": flat(noise[n]),
                          "expected": flat(smooth(noise[n], sigma, alpha))})
    cases = [
        {"name": "identity", "rotation": 0, "scale": 1, "shear": 0, "shift_x": 0, "shift_y": 0},
        {"name": "shift 2 right 1 up", "rotation": 0, "scale": 1, "shear": 0, "shift_x": 2, "shift_y": -1},
        {"name": "sub-pixel shift", "rotation": 0, "scale": 1, "shear": 0, "shift_x": 0.37, "shift_y": -1.61},
        {"name": "rotation 15", "rotation": 15, "scale": 1, "shear": 0, "shift_x": 0, "shift_y": 0},
        {"name": "scale 1.2", "rotation": 0, "scale": 1.2, "shear": 0, "shift_x": 0, "shift_y": 0},
        {"name": "shear -12", "rotation": 0, "scale": 1, "shear": -12, "shift_x": 0, "shift_y": 0},
        {"name": "all affine", "rotation": -9.5, "scale": 0.87, "shear": 7.25, "shift_x": -1.3, "shift_y": 2.2},
        {"name": "elastic only", "rotation": 0, "scale": 1, "shear": 0, "shift_x": 0, "shift_y": 0,
         "sigma": 4.0, "alpha": 34.0, "noise": 2},
        {"name": "affine and elastic", "rotation": 11, "scale": 1.08, "shear": -5, "shift_x": 1.5,
         "shift_y": 0.5, "sigma": 6.0, "alpha": 36.0, "noise": 2},
    ]
    for c in cases:
        dx = dy = None
        if "noise" in c:
            n = c.pop("noise")
            c["noise_x"], c["noise_y"] = flat(noise[n]), flat(noise[n + 1])
            dx = smooth(noise[n], c["sigma"], c["alpha"]).astype(np.float64)
            dy = smooth(noise[n + 1], c["sigma"], c["alpha"]).astype(np.float64)
        c["expected"] = flat(warp(image, c["rotation"], c["scale"], c["shear"], c["shift_x"], c["shift_y"], dx, dy))
    return {"image": flat(image), "kernels": [{"sigma": s, "values": flat(kernel(s))} for s in (1.0, 4.0, 6.0)],
            "smoothing": smoothing, "warps": cases}


def regularisation():
    gen = torch.Generator().manual_seed(3)
    p0 = torch.randn(23, generator=gen) * 0.1
    grads = [torch.randn(23, generator=gen) * 0.01 for _ in range(3)]
    adamw = []
    for settings in [{"lr": 1e-3, "weight_decay": 0.01}, {"lr": 0.02, "weight_decay": 0.3}]:
        p = p0.clone().requires_grad_(True)
        opt = torch.optim.AdamW([p], lr=settings["lr"], weight_decay=settings["weight_decay"], foreach=False)
        after = []
        for g in grads:
            p.grad = g.clone()
            opt.step()
            after.append(flat(p.detach()))
        adamw.append({"settings": settings, "after": after})
    logits = (torch.randn(6, 10, generator=gen) * 3).requires_grad_(True)
    labels = torch.tensor([3, 0, 9, 9, 4, 7])
    smoothing = []
    for eps in (0.0, 0.1, 0.3):
        loss = F.cross_entropy(logits, labels, label_smoothing=eps)
        (grad,) = torch.autograd.grad(loss, logits)
        smoothing.append({"epsilon": eps, "loss": float(loss.detach()), "gradient": flat(grad)})
    return {"adamw": {"start": flat(p0), "gradients": [flat(g) for g in grads], "cases": adamw},
            "label_smoothing": {"logits": flat(logits.detach()), "labels": labels.tolist(), "cases": smoothing}}


def one_cycle():
    cases = []
    for (lr, epochs, steps, pct, div, final) in [(0.01, 3, 7, 0.3, 25.0, 1e4), (0.004, 2, 10, 0.25, 10.0, 100.0),
                                                  (0.1, 1, 5, 0.5, 25.0, 1e4)]:
        p = torch.zeros(1, requires_grad=True)
        opt = torch.optim.Adam([p], lr=lr)
        sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, epochs=epochs, steps_per_epoch=steps,
                                                    pct_start=pct, div_factor=div, final_div_factor=final,
                                                    anneal_strategy="cos", cycle_momentum=False)
        rates = []
        for _ in range(epochs * steps):
            rates.append(opt.param_groups[0]["lr"])
            opt.step()
            sched.step()
        cases.append({"learning_rate": lr, "epochs": epochs, "batches_per_epoch": steps, "pct_start": pct,
                      "div_factor": div, "final_div_factor": final, "rates": rates})
    return {"cases": cases}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=os.path.join(REPO, "assets", "mnist"))
    a = p.parse_args()
    torch.set_num_threads(1)
    outputs = {
        "Tests/LeNetEngineTests/Fixtures/augmentation.json": augmentation(a.data),
        "Tests/LeNetEngineTests/Fixtures/regularisation.json": regularisation(),
        "Tests/LeNetTrainingTests/Fixtures/one_cycle.json": one_cycle(),
    }
    for path, value in outputs.items():
        with open(os.path.join(REPO, path), "w") as f:
            json.dump(value, f, separators=(",", ":"))
            f.write("\n")
        print("wrote", path)


if __name__ == "__main__":
    main()
