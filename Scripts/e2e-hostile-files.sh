#!/usr/bin/env bash
# End-to-end checks of hostile input files against a release binary: each must give one
# `lenet-tui: error: ...` line naming the file (escaped), exit status 1, within 10 s, under 300 MB peak RSS
# (/usr/bin/time -v), and change no file (hashes before and after). Then the cases that must succeed: a
# symlinked checkpoint stays a link, a 250-byte checkpoint name, PyTorch's own file.
# Usage: Scripts/e2e-hostile-files.sh [path/to/lenet-tui]        (default .build/release/lenet-tui)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${1:-.build/release/lenet-tui}")
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "e2e-hostile-files: FAIL: $*" >&2; exit 1; }
python3 Scripts/make_hostile_files.py "$TMP/h" > /dev/null
H=$TMP/h
mkfifo "$H/fifo.safetensors" "$H/fifo.txt" "$H/fifo.json"
ln -s loop.safetensors "$H/loop.safetensors"
mkdir -p "$H/fifo-data" "$H/zero-data"
cp "$H/bomb/train-labels-idx1-ubyte.gz" "$H/fifo-data/"; mkfifo "$H/fifo-data/train-images-idx3-ubyte"
cp "$H/bomb/train-labels-idx1-ubyte.gz" "$H/zero-data/"; ln -s /dev/zero "$H/zero-data/train-images-idx3-ubyte"
mkdir -p "$H/results-fifo"; mkfifo "$H/results-fifo/confusion_matrix.svg"
CK=assets/lenet5-pretrained.safetensors

snapshot() { # every file under $H (and /dev/null's type): path, type, hash of regular files
    find "$H" -printf '%p %y %l\n' | sort
    find "$H" -type f -size -100M -exec sha256sum {} + | sort
    stat -c '%F' /dev/null
}

# expect_error LABEL EXPECTED-SUBSTRING COMMAND...
expect_error() {
    local label=$1 want=$2; shift 2
    snapshot > "$TMP/before"
    set +e
    /usr/bin/time -v -o "$TMP/time" timeout 20 "$@" > "$TMP/out" 2> "$TMP/err"
    local status=$?
    set -e
    snapshot > "$TMP/after"
    local rss seconds
    rss=$(awk '/Maximum resident set size/ {print $NF}' "$TMP/time")
    seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$TMP/time")
    [ "$status" -eq 1 ] || { cat "$TMP/err"; fail "$label: exit status $status, expected 1"; }
    [ "$(wc -l < "$TMP/err")" -eq 1 ] || { cat "$TMP/err"; fail "$label: not one line on stderr"; }
    grep -q "^lenet-tui: error: " "$TMP/err" || { cat "$TMP/err"; fail "$label: not a lenet-tui error line"; }
    grep -qF -- "$want" "$TMP/err" || { cat "$TMP/err"; fail "$label: stderr lacks '$want'"; }
    if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$TMP/err"; then fail "$label: control character on stderr"; fi
    [ "$rss" -lt 300000 ] || fail "$label: peak RSS $rss KiB"
    cmp -s "$TMP/before" "$TMP/after" || { diff "$TMP/before" "$TMP/after"; fail "$label: files changed"; }
    printf '  ok %-26s exit %d  %6d KiB  %7s  %s\n' "$label" "$status" "$rss" "$seconds" "$(cut -c1-150 "$TMP/err")"
}

echo "== hostile checkpoints"
for command in test predict; do
    args=(--checkpoint "$H/overflow.safetensors"); [ $command = predict ] && args+=(assets/sketches/7-small-corner.txt)
    expect_error "$command shape overflow" 'tensor "c1.weight": shape [4611686018427387904, 4, 4, 1] has more elements than an Int can count' \
        "$BIN" $command "${args[@]}"
done
expect_error "train --resume overflow" 'shape [4611686018427387904, 4, 4, 1]' \
    "$BIN" train --resume "$H/overflow.safetensors" --checkpoint "$TMP/out.safetensors" --results "$TMP/r"
expect_error "2000 aliases" 'tensor "t1": data_offsets [0, 740472] overlap tensor "t0", which ends at 740472' \
    "$BIN" test --checkpoint "$H/aliases.safetensors"
expect_error "2 GB checkpoint" 'cannot read checkpoint: is 2000000000 bytes, more than a LeNet-5 checkpoint can be' \
    "$BIN" test --checkpoint "$H/huge.safetensors"
expect_error "NaN weight" 'tensor "c3.bias" holds nan at index 3' "$BIN" test --checkpoint "$H/nan.safetensors"
expect_error "missing + wrong shape" 'checkpoint has no tensors "f6.bias", "output.weight"; tensor "c5.weight" has shape [400, 120], expected [120, 400]' \
    "$BIN" test --checkpoint "$H/incomplete.safetensors"
expect_error "escape in a tensor name" 'tensor "c1.bias\u{1B}]0;pwned\u{7}\u{1B}[2J": unknown dtype "Q4"' "$BIN" test --checkpoint "$H/evil-name.safetensors"
expect_error "escape in metadata" 'metadata "dataset" has an invalid value "mnist\u{1B}]0;pwned\u{7}\u{1B}[2J"' \
    "$BIN" test --checkpoint "$H/evil-metadata.safetensors"
expect_error "FIFO checkpoint" 'fifo.safetensors: cannot read checkpoint: is a FIFO (named pipe), not a regular file' \
    "$BIN" test --checkpoint "$H/fifo.safetensors"
expect_error "link-loop checkpoint" 'loop.safetensors: cannot read checkpoint: too many levels of symbolic links' \
    "$BIN" test --checkpoint "$H/loop.safetensors"

echo "== hostile data files"
expect_error "1 GiB gzip bomb" 'not an IDX file of the expected kind: magic number 0x00000000' \
    "$BIN" train --data "$H/bomb" --epochs 1 --checkpoint "$TMP/out.safetensors" --results "$TMP/r"
expect_error "6 GiB bomb, valid header" 'IDX header says 60000x28x28 = 47040000 data bytes but the data goes on past them' \
    "$BIN" train --data "$H/bomb-header" --epochs 1 --checkpoint "$TMP/out.safetensors" --results "$TMP/r"
expect_error "FIFO data file" 'train-images-idx3-ubyte: cannot read: is a FIFO (named pipe), not a regular file' \
    "$BIN" train --data "$H/fifo-data" --epochs 1 --checkpoint "$TMP/out.safetensors" --results "$TMP/r"
expect_error "/dev/zero data file" 'train-images-idx3-ubyte: cannot read: is a character device, not a regular file' \
    "$BIN" train --data "$H/zero-data" --epochs 1 --checkpoint "$TMP/out.safetensors" --results "$TMP/r"

echo "== hostile sketches and configs"
expect_error "escape in a sketch" 'unexpected character "\u{1B}" in text art' "$BIN" predict --checkpoint "$CK" "$H/evil-sketch.txt"
expect_error "FIFO sketch" 'fifo.txt: cannot read: is a FIFO (named pipe), not a regular file' "$BIN" predict --checkpoint "$CK" "$H/fifo.txt"
expect_error "/dev/zero sketch" '/dev/zero: cannot read: is a character device, not a regular file' "$BIN" predict --checkpoint "$CK" /dev/zero
expect_error "escape in a config key" 'unknown key "epochs\u{1B}]0;pwned\u{7}"' "$BIN" train --config "$H/evil-config.json"
expect_error "FIFO config" 'fifo.json: cannot read config file: is a FIFO (named pipe), not a regular file' "$BIN" train --config "$H/fifo.json"

echo "== hostile output paths"
expect_error "results file is a FIFO" 'confusion_matrix.svg: is a named pipe (FIFO), not a regular file' \
    "$BIN" test --checkpoint "$CK" --results "$H/results-fifo"
[ -p "$H/results-fifo/confusion_matrix.svg" ] || fail "the FIFO was replaced"

echo "== what must still work"
mkdir -p "$TMP/runs"
"$BIN" train --limit 200 --epochs 1 --checkpoint "$TMP/runs/run42.safetensors" --results "$TMP/r1" > /dev/null
ln -s runs/run42.safetensors "$TMP/latest.safetensors"
before=$(sha256sum < "$TMP/runs/run42.safetensors")
"$BIN" train --limit 200 --epochs 1 --seed 7 --checkpoint "$TMP/latest.safetensors" --results "$TMP/r2" > /dev/null
[ -L "$TMP/latest.safetensors" ] || fail "the symlinked checkpoint is no longer a link"
[ "$(sha256sum < "$TMP/runs/run42.safetensors")" != "$before" ] || fail "the link's target was not replaced"
# Only the checkpoint and its run lock (RunLock keeps the lock file beside the link's target).
[ "$(ls -A "$TMP/runs" | grep -v '\.lock$')" = "run42.safetensors" ] || fail "temporary files left in the target's directory"
echo "  ok symlinked checkpoint: the link stays a link, its target is replaced"
long=$(printf 'c%.0s' $(seq 1 238)).safetensors
"$BIN" train --limit 200 --epochs 1 --checkpoint "$TMP/$long" --results "$TMP/r3" > /dev/null
[ -f "$TMP/$long" ] || fail "no checkpoint with a 250-byte name"
echo "  ok 250-byte checkpoint name"
"$BIN" test --checkpoint Tests/LeNetTrainingTests/Fixtures/lenet5_torch_seed0.safetensors --results "$TMP/r4" > "$TMP/torch.txt"
grep -q "^accuracy " "$TMP/torch.txt" || fail "PyTorch's file"
echo "  ok PyTorch's safetensors file: $(head -1 "$TMP/torch.txt" | cut -c1-60)"
echo "e2e-hostile-files: all checks passed"
