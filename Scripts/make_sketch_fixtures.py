#!/usr/bin/env python3
"""Sketches and the preprocessing oracle for lenet-tui's `predict` and draw pad.

Writes
  assets/sketches/<digit>-<variant>.txt   text-art sketches ('.' and '#'): digits drawn with a round brush
                                          along hand-made strokes, small in corners, large, off-centre and
                                          on canvases other than 28x28 (the label is the file's first char)
  assets/sketches/<digit>-<variant>.pgm   two PGMs the way image editors save drawings: dark ink on white,
                                          anti-aliased grey levels, P2 (plain) and P5 (binary)
  Tests/Fixtures/prediction_preprocessing.json
                                          for a few sketches, the 28x28 image MNIST-style preprocessing must
                                          give (NumPy, float64), and its centre of mass

The preprocessing here is the specification the Swift code (MNISTPreprocessing) is tested against:
  1. crop to the bounding box of the pixels above 0;
  2. scale so the longer side is 20 px: size = max(1, floor(n * 20 / longer + 0.5)), by area averaging
     (out = Ay @ img @ Ax.T, A[o, i] = overlap of [o*n/m, (o+1)*n/m) and [i, i+1), times m/n);
  3. centre of mass (cx, cy) of the scaled image, pixel centres at integer coordinates;
  4. paste at offset floor(13.5 - c + 0.5), clamped to 0..28-size, in a 28x28 field;
  5. bytes floor(v * 255 + 0.5).

Usage: python3 Scripts/make_sketch_fixtures.py   (numpy only; deterministic)
"""
import json
import math
import os

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Strokes of each digit: polylines in a unit box (x right, y down), roughly as a person draws them.
def arc(cx, cy, rx, ry, a0, a1, n=24):
    return [(cx + rx * math.cos(math.radians(a0 + (a1 - a0) * t / n)),
             cy + ry * math.sin(math.radians(a0 + (a1 - a0) * t / n))) for t in range(n + 1)]

STROKES = {
    0: [arc(0.5, 0.5, 0.36, 0.47, 0, 360)],
    1: [[(0.3, 0.22), (0.55, 0.03), (0.55, 0.97)]],
    2: [arc(0.5, 0.3, 0.35, 0.27, 190, 370) + [(0.12, 0.97), (0.9, 0.97)]],
    3: [arc(0.47, 0.27, 0.33, 0.24, 200, 450), arc(0.47, 0.73, 0.37, 0.24, 270, 520)],
    4: [[(0.62, 0.03), (0.08, 0.68), (0.92, 0.68)], [(0.68, 0.35), (0.68, 0.97)]],
    5: [[(0.85, 0.03), (0.2, 0.03), (0.15, 0.45)], arc(0.47, 0.68, 0.38, 0.29, 230, 505)],
    6: [[(0.75, 0.03), (0.35, 0.35), (0.15, 0.68)], arc(0.5, 0.7, 0.35, 0.27, 0, 360)],
    7: [[(0.08, 0.05), (0.92, 0.05), (0.38, 0.97)]],
    8: [arc(0.5, 0.26, 0.3, 0.23, 0, 360), arc(0.5, 0.74, 0.36, 0.24, 0, 360)],
    9: [arc(0.5, 0.3, 0.34, 0.27, 0, 360), [(0.84, 0.3), (0.7, 0.97)]],
}


def segment_distance(px, py, ax, ay, bx, by):
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    t = 0.0 if length2 == 0 else np.clip(((px - ax) * dx + (py - ay) * dy) / length2, 0, 1)
    return np.hypot(px - (ax + t * dx), py - (ay + t * dy))


def draw(digit, canvas_w, canvas_h, x, y, w, h, brush):
    """The digit's strokes scaled into the box (x, y, w, h) of a canvas, inked within brush/2 pixels."""
    ys, xs = np.mgrid[0:canvas_h, 0:canvas_w] + 0.5
    distance = np.full((canvas_h, canvas_w), np.inf)
    for stroke in STROKES[digit]:
        points = [(x + sx * w, y + sy * h) for sx, sy in stroke]
        for (ax, ay), (bx, by) in zip(points, points[1:]):
            distance = np.minimum(distance, segment_distance(xs, ys, ax, ay, bx, by))
    return (distance <= brush / 2).astype(np.float64)


def text_art(image):
    return ["".join("#" if v >= 1 else "." if v <= 0 else str(int(round(v * 9))) for v in row) for row in image]


def parse_text_art(rows):
    return np.array([[1.0 if c == "#" else 0.0 if c == "." else int(c) / 9 for c in row] for row in rows])


# --- the preprocessing specification -------------------------------------------------------------------

def area_weights(n, m):
    step = n / m
    a = np.zeros((m, n))
    for o in range(m):
        lo, hi = o * step, (o + 1) * step
        for i in range(int(math.floor(lo)), n):
            if i >= hi:
                break
            overlap = min(hi, i + 1) - max(lo, i)
            if overlap > 0:
                a[o, i] = overlap / step
    return a


def centre_of_mass(img):
    total = img.sum()
    ys, xs = np.mgrid[0:img.shape[0], 0:img.shape[1]]
    return (xs * img).sum() / total, (ys * img).sum() / total


def preprocess(img):
    rows = np.nonzero(img.sum(axis=1) > 0)[0]
    cols = np.nonzero(img.sum(axis=0) > 0)[0]
    crop = img[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    h, w = crop.shape
    longer = max(w, h)
    nw = max(1, int(math.floor(w * 20 / longer + 0.5)))
    nh = max(1, int(math.floor(h * 20 / longer + 0.5)))
    scaled = area_weights(h, nh) @ crop @ area_weights(w, nw).T
    cx, cy = centre_of_mass(scaled)
    ox = min(max(0, int(math.floor(13.5 - cx + 0.5))), 28 - nw)
    oy = min(max(0, int(math.floor(13.5 - cy + 0.5))), 28 - nh)
    field = np.zeros((28, 28))
    field[oy:oy + nh, ox:ox + nw] = scaled
    return np.clip(np.floor(field * 255 + 0.5), 0, 255).astype(np.int64)


# --- the sketch set ------------------------------------------------------------------------------------

# (variant, canvas w, h, box x, y, w, h, brush): per digit the corner / offset varies with the digit.
def variants(d):
    corner_x = 1 if d % 2 == 0 else 18
    corner_y = 1 if d < 5 else 17
    return [
        ("small-corner", 28, 28, corner_x, corner_y, 7, 10, 1.5),
        ("large", 28, 28, 1, 0, 26, 28, 3.2),
        ("offcentre", 28, 28, 13 if d % 2 else 2, 3 + d % 4, 11, 15, 2.2),
    ]

WIDE = [("wide-canvas", 48, 20, 30, 3, 9, 14, 1.8)]


def main():
    sketch_dir = os.path.join(ROOT, "assets", "sketches")
    os.makedirs(sketch_dir, exist_ok=True)
    written = []
    for d in range(10):
        specs = variants(d) + (WIDE if d in (2, 3, 5, 8) else [])
        for name, cw, ch, x, y, w, h, brush in specs:
            image = draw(d, cw, ch, x, y, w, h, brush)
            path = os.path.join(sketch_dir, f"{d}-{name}.txt")
            with open(path, "w") as f:
                f.write("\n".join(text_art(image)) + "\n")
            written.append(os.path.relpath(path, ROOT))

    # PGMs: grey levels from a 4x supersampled drawing, dark on light (predict inverts them).
    for d, name, magic, (cw, ch, x, y, w, h, brush) in [(4, "dark-on-light", "P2", (32, 24, 18, 3, 10, 16, 2.0)),
                                                       (9, "binary", "P5", (40, 40, 4, 12, 14, 20, 2.5))]:
        fine = draw(d, cw * 4, ch * 4, x * 4, y * 4, w * 4, h * 4, brush * 4)
        grey = fine.reshape(ch, 4, cw, 4).mean(axis=(1, 3))
        pixels = np.clip(np.floor((1 - grey) * 255 + 0.5), 0, 255).astype(np.uint8)
        path = os.path.join(sketch_dir, f"{d}-{name}.pgm")
        with open(path, "wb") as f:
            if magic == "P2":
                f.write(f"P2\n# lenet-tui sketch: a {d}, dark ink on white\n{cw} {ch}\n255\n".encode())
                f.write("\n".join(" ".join(str(v) for v in row) for row in pixels).encode() + b"\n")
            else:
                f.write(f"P5\n{cw} {ch}\n255\n".encode() + pixels.tobytes())
        written.append(os.path.relpath(path, ROOT))

    # The oracle: a few of the sketches, plus awkward shapes (grey levels, a dot, a bar, a tall thin stroke).
    cases = []
    def add(name, rows):
        img = parse_text_art(rows)
        out = preprocess(img)
        cx, cy = centre_of_mass(out.astype(np.float64))
        cases.append({"name": name, "rows": rows, "pixels": out.flatten().tolist(),
                      "centre_of_mass": [round(cx, 6), round(cy, 6)]})
    for d, variant in [(7, "small-corner"), (0, "large"), (3, "offcentre"), (5, "wide-canvas")]:
        with open(os.path.join(sketch_dir, f"{d}-{variant}.txt")) as f:
            add(f"{d}-{variant}", f.read().split())
    add("grey-levels", ["..........", "...3679...", "..5#..#4..", "....2#8...", "...#......", "...#####1."])
    add("single-dot", [".....", "..#..", "....."])
    add("horizontal-bar", ["......", ".####.", "......"])
    add("thin-stroke", ["#"] * 37)
    fixture = os.path.join(ROOT, "Tests", "Fixtures", "prediction_preprocessing.json")
    os.makedirs(os.path.dirname(fixture), exist_ok=True)
    with open(fixture, "w") as f:
        json.dump({"generator": "Scripts/make_sketch_fixtures.py", "cases": cases}, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(f"{len(written)} sketches in assets/sketches, {len(cases)} cases in {os.path.relpath(fixture, ROOT)}")


if __name__ == "__main__":
    main()
