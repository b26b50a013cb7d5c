#!/usr/bin/env python3
"""Writes Tests/LeNetTrainingTests/Fixtures/lenet5_torch_seed0.safetensors: the state_dict of a freshly
initialised PyTorch LeNet-5 (torch.manual_seed(0); the module of Scripts/lenet_reference.py, layer
names c1, c3, c5, f6, output) saved by safetensors.torch.save_file, so `swift test` reads a file PyTorch
wrote without torch installed. Prints the values the Swift test checks (CheckpointPyTorchFixtureTests).

Needs torch, numpy and safetensors:  /path/to/python Scripts/make_safetensors_fixture.py
"""
import os
import sys

import torch
from safetensors.torch import save_file

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lenet_reference import LeNet5  # noqa: E402  (it needs numpy too)


torch.manual_seed(0)
model = LeNet5()
state = {k: v.contiguous() for k, v in model.state_dict().items()}
out = os.path.join(os.path.dirname(__file__), "..", "Tests", "LeNetTrainingTests", "Fixtures",
                   "lenet5_torch_seed0.safetensors")
save_file(state, out)
print(f"wrote {os.path.normpath(out)} ({os.path.getsize(out)} bytes), torch {torch.__version__}")
for name, tensor in state.items():
    flat = tensor.flatten()
    print(f"{name:14s} shape {list(tensor.shape)}  sum {flat.double().sum().item():.17g}  "
          f"first {flat[0].item():.9g}  last {flat[-1].item():.9g}")
