#!/usr/bin/env python3
"""PyTorch side of Scripts/summary-vs-pytorch.sh: checks `lenet-tui summary --json` against PyTorch.

  summary_vs_pytorch.py SUMMARY.json

Builds the reference LeNet-5 module of Scripts/lenet_reference.py and runs one 1x28x28 image through it,
recording every layer's output shape (forward hooks on c1, c3, c5, f6 and output; F.max_pool2d wrapped
for pool1 and pool2; c5's input for flatten), the parameters of each module (numel of its tensors) and
the FLOPs torch.utils.flop_counter.FlopCounterMode counts for the forward pass and for a training step
(forward, cross-entropy, backward; the input needs no gradient, as in training). Prints both sides per
layer and exits 1 when any shape, parameter count or FLOP total differs. Needs torch.
"""
import argparse, json, os, sys

import torch
import torch.nn.functional as F
from torch.utils.flop_counter import FlopCounterMode

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lenet_reference  # noqa: E402


def pytorch_layers(reference):
    """(name, output shape without the batch axis, parameters) per layer, as the summary lists them."""
    torch.manual_seed(0)
    model = reference.LeNet5()
    shapes = {"input": [1, 28, 28]}
    pools = []
    original = reference.F.max_pool2d

    def recording_pool(*args, **kwargs):
        out = original(*args, **kwargs)
        pools.append(list(out.shape[1:]))
        return out

    hooks = []
    for name in ["c1", "c3", "c5", "f6", "output"]:
        module = getattr(model, name)
        hooks.append(module.register_forward_hook(lambda m, i, o, name=name: shapes.__setitem__(name, list(o.shape[1:]))))
    hooks.append(model.c5.register_forward_pre_hook(lambda m, i: shapes.__setitem__("flatten", list(i[0].shape[1:]))))
    reference.F.max_pool2d = recording_pool
    try:
        with torch.no_grad():
            model(torch.zeros(1, 1, 28, 28))
    finally:
        reference.F.max_pool2d = original
        for hook in hooks:
            hook.remove()
    shapes["pool1"], shapes["pool2"] = pools
    parameters = {name: sum(p.numel() for p in getattr(model, name).parameters())
                  for name in ["c1", "c3", "c5", "f6", "output"]}
    order = ["input", "c1", "pool1", "c3", "pool2", "flatten", "c5", "f6", "output"]
    return model, [(name, shapes[name], parameters.get(name, 0)) for name in order]


def pytorch_flops(model):
    """FLOPs of one image's forward pass and of one training step, as FlopCounterMode counts them."""
    x = torch.randn(1, 1, 28, 28)
    with FlopCounterMode(display=False) as forward:
        with torch.no_grad():
            model(x)
    with FlopCounterMode(display=False) as training:
        loss = F.cross_entropy(model(x), torch.tensor([3]))
        loss.backward()
    return forward.get_total_flops(), training.get_total_flops()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("summary")
    args = parser.parse_args()
    ours = json.load(open(args.summary))
    model, layers = pytorch_layers(lenet_reference)
    failed = False
    print(f"{'layer':8} {'lenet-tui shape':>16} {'PyTorch shape':>16} {'lenet-tui params':>17} {'PyTorch params':>15}")
    ours_by_name = {layer["name"]: layer for layer in ours["layers"]}
    if [layer["name"] for layer in ours["layers"]] != [name for name, _, _ in layers]:
        print("layer names differ:", [layer["name"] for layer in ours["layers"]], [name for name, _, _ in layers])
        failed = True
    for name, shape, params in layers:
        mine = ours_by_name.get(name, {})
        same = mine.get("output_shape") == shape and mine.get("parameters") == params
        failed |= not same
        print(f"{name:8} {str(mine.get('output_shape')):>16} {str(shape):>16} {mine.get('parameters', '-'):>17} "
              f"{params:>15}  {'ok' if same else 'DIFFERENT'}")
    total = sum(p.numel() for p in model.parameters())
    forward, training = pytorch_flops(model)
    rows = [("parameters", ours["total_parameters"], total),
            ("forward FLOPs per image", ours["forward_flops_per_image"], forward),
            ("training FLOPs per image", ours["training_flops_per_image"], training)]
    print()
    print(f"{'total':26} {'lenet-tui':>12} {'PyTorch':>12}")
    for label, mine, theirs in rows:
        failed |= mine != theirs
        print(f"{label:26} {mine:>12,} {theirs:>12,}  {'ok' if mine == theirs else 'DIFFERENT'}")
    print(f"(PyTorch {torch.__version__}; FLOPs from torch.utils.flop_counter, 2 per multiply-add)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
