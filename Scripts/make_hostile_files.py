#!/usr/bin/env python3
"""Writes the hostile input files Scripts/e2e-hostile-files.sh feeds the release binary, into DIR.

  make_hostile_files.py DIR

Standard library only. Every file is small on disk (the gzip bombs are about 1 MB); what they would cost
the reader is the point.
"""
import gzip, json, os, struct, sys, zlib

out = sys.argv[1]
os.makedirs(out, exist_ok=True)

SPECS = [("c1.weight", [6, 1, 5, 5]), ("c1.bias", [6]), ("c3.weight", [16, 6, 5, 5]), ("c3.bias", [16]),
         ("c5.weight", [120, 400]), ("c5.bias", [120]), ("f6.weight", [84, 120]), ("f6.bias", [84]),
         ("output.weight", [10, 84]), ("output.bias", [10])]


def count(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def safetensors(path, entries, data, metadata=None):
    """entries: list of (name, dtype, shape, begin, end); data: bytes of the data section."""
    header = {}
    if metadata is not None:
        header["__metadata__"] = metadata
    for name, dtype, shape, begin, end in entries:
        header[name] = {"dtype": dtype, "shape": shape, "data_offsets": [begin, end]}
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(os.path.join(out, path), "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)


def lenet(path, skip=(), shapes=None, value=lambda name, i: 0.01, metadata=None, extra=()):
    entries, data = list(extra), b""
    for name, shape in SPECS:
        if name in skip:
            continue
        shape = (shapes or {}).get(name, shape)
        values = [value(name, i) for i in range(count(shape))]
        blob = struct.pack("<%df" % len(values), *values)
        entries.append((name, "F32", shape, len(data), len(data) + len(blob)))
        data += blob
    safetensors(path, entries, data, metadata)


# The 1 KB crash: a shape product that overflows 64 bits.
safetensors("overflow.safetensors", [("c1.weight", "F32", [4611686018427387904, 4, 4, 1], 0, 600)], b"\0" * 600)
# 2,000 names aliasing one 740 KB range (the format forbids overlap).
blob = b"\0" * (185118 * 4)
safetensors("aliases.safetensors", [("t%d" % i, "F32", [185118], 0, len(blob)) for i in range(2000)], blob)
# NaN in a weight; several tensors missing and one misshapen; names and metadata with escape sequences.
lenet("nan.safetensors", value=lambda name, i: float("nan") if name == "c3.bias" and i == 3 else 0.01)
lenet("incomplete.safetensors", skip=("f6.bias", "output.weight"), shapes={"c5.weight": [400, 120]})
lenet("evil-name.safetensors", extra=[("c1.bias\x1b]0;pwned\x07\x1b[2J", "Q4", [0], 0, 0)])
lenet("evil-metadata.safetensors", metadata={"dataset": "mnist\x1b]0;pwned\x07\x1b[2J", "epoch": "1"})
# A 2 GB checkpoint (sparse).
with open(os.path.join(out, "huge.safetensors"), "wb") as f:
    f.truncate(2_000_000_000)


def bomb(path, prefix, mebibytes):
    """prefix followed by `mebibytes` MiB of zeros, gzip-compressed in a stream (about 1 KB per MiB)."""
    z = zlib.compressobj(9, zlib.DEFLATED, 31)
    zeros = b"\0" * (1 << 20)
    with open(os.path.join(out, path), "wb") as f:
        f.write(z.compress(prefix))
        for _ in range(mebibytes):
            f.write(z.compress(zeros))
        f.write(z.flush())


# The real MNIST training labels beside each bomb, so the labels pass their SHA-256 check.
labels_path = os.path.join(os.path.dirname(__file__), "..", "assets", "mnist", "train-labels-idx1-ubyte.gz")
for name in ("bomb", "bomb-header"):
    os.makedirs(os.path.join(out, name), exist_ok=True)
    with open(labels_path, "rb") as f, open(os.path.join(out, name, "train-labels-idx1-ubyte.gz"), "wb") as g:
        g.write(f.read())
# 1 GiB of zeros; and a valid header for 60,000 images followed by 6 GiB of zeros.
bomb("bomb/train-images-idx3-ubyte.gz", b"", 1024)
bomb("bomb-header/train-images-idx3-ubyte.gz", struct.pack(">IIII", 0x803, 60000, 28, 28), 6 * 1024)

# Sketches and a config carrying escape sequences.
with open(os.path.join(out, "evil-sketch.txt"), "wb") as f:
    f.write(b"..#\n.\x1b]0;pwned\x07\x1b[2J\n")
with open(os.path.join(out, "evil-config.json"), "wb") as f:
    f.write(b'{"epochs\\u001b]0;pwned\\u0007": 1}')
print("hostile files in", out)
