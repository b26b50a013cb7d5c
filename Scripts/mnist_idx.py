"""MNIST's IDX files for the Python reference scripts, without torch or JAX: reading a file, loading a
split as normalised numpy arrays, and the process's age. lenet_reference.py (PyTorch),
lenet_reference_jax.py (JAX, which must not import torch) and make_beyond_fixtures.py share them."""
import gzip, os, struct, sys, time

import numpy as np


def seconds_from_start():
    """Seconds since this process started: field 22 of /proc/self/stat against CLOCK_BOOTTIME, so Python's
    start, the imports and reading the data count (as lenet-tui's `train --until` measures)."""
    with open("/proc/self/stat") as f:
        stat = f.read()
    ticks = int(stat[stat.rindex(")") + 2:].split()[19])
    return time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")


def read_idx(path):
    """An unsigned-byte IDX file (gzipped or not) as a uint8 array of its dimensions."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    ndim = struct.unpack(">I", data[:4])[0] & 0xFF
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_split(directory, prefix, mean, std, program):
    """The `prefix` split ("train" or "t10k") of `directory` (files plain or .gz): images (N, 1, 28, 28)
    float32 as torchvision normalises them, `(p / 255 - mean) / std`, and labels (N,) uint8. A missing
    file ends the process with a line naming `program`."""
    def find(stem):
        for name in (stem, stem + ".gz"):
            if os.path.exists(os.path.join(directory, name)):
                return os.path.join(directory, name)
        sys.exit(f"{program}: no {stem}[.gz] in {directory}")
    x = read_idx(find(f"{prefix}-images-idx3-ubyte")).astype(np.float32) / 255.0
    y = read_idx(find(f"{prefix}-labels-idx1-ubyte"))
    return ((x - np.float32(mean)) / np.float32(std))[:, None, :, :], y
