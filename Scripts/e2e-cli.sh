#!/usr/bin/env bash
# End-to-end check of the headless commands on the bundled MNIST:
#   train --limit N --json  then  test --json  must agree on the correct count,
#   and bad input (flag, config key, checkpoint) must give one error line and a non-zero exit.
# Usage: Scripts/e2e-cli.sh [path/to/lenet-tui]
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=${1:-.build/release/lenet-tui}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail() { echo "e2e-cli: FAIL: $*" >&2; exit 1; }

echo "== train --limit 3000 --epochs 2 --json"
"$BIN" train --limit 3000 --epochs 2 --json --checkpoint "$TMP/ck.safetensors" > "$TMP/train.jsonl"
cat "$TMP/train.jsonl"
[ "$(wc -l < "$TMP/train.jsonl")" -eq 2 ] || fail "expected 2 JSON lines"
python3 - "$TMP/train.jsonl" <<'PY' || fail "train JSON keys or values"
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1])]
for i, o in enumerate(lines, 1):
    for k in ["epoch", "train_loss", "train_accuracy", "test_loss", "test_accuracy", "seconds", "images_per_second"]:
        assert k in o, k
    assert o["epoch"] == i
    assert 0 <= o["test_accuracy"] <= 1
assert lines[-1]["test_accuracy"] > 0.85, lines[-1]
PY
train_correct=$(python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).readlines()[-1])['test_correct'])" "$TMP/train.jsonl")

echo "== test --json"
"$BIN" test --checkpoint "$TMP/ck.safetensors" --json > "$TMP/test.json"
cat "$TMP/test.json"
test_correct=$(python3 -c "import json,sys; o=json.load(open(sys.argv[1])); assert o['total']==10000; assert len(o['confusion_matrix'])==10; assert sum(map(sum,o['confusion_matrix']))==10000; print(o['correct'])" "$TMP/test.json")
[ "$train_correct" = "$test_correct" ] || fail "train says $train_correct correct, test says $test_correct"
echo "train and test agree: $test_correct / 10000 correct"

echo "== same seed, same numbers"
"$BIN" train --limit 1000 --epochs 1 --json --checkpoint "$TMP/a.safetensors" | cut -d, -f1-5 > "$TMP/a.txt"
"$BIN" train --limit 1000 --epochs 1 --json --checkpoint "$TMP/b.safetensors" | cut -d, -f1-5 > "$TMP/b.txt"
diff "$TMP/a.txt" "$TMP/b.txt" || fail "two runs with the same seed differ"
python3 - "$TMP/a.safetensors" "$TMP/b.safetensors" <<'PY' || fail "weights of two identical runs differ"
import struct, sys
def data(path):
    raw = open(path, "rb").read()
    n = struct.unpack("<Q", raw[:8])[0]
    return raw[8 + n:]
assert data(sys.argv[1]) == data(sys.argv[2])
PY
echo "two runs with seed 1: identical losses and bit-identical weights"

echo "== bad input: one line on stderr, non-zero exit"
expect_error() { # expected-substring, command...
    local want=$1; shift
    set +e; "$@" > "$TMP/out" 2> "$TMP/err"; local status=$?; set -e
    [ $status -ne 0 ] || fail "exit 0 for: $*"
    grep -q -- "$want" "$TMP/err" || { cat "$TMP/err"; fail "stderr lacks '$want' for: $*"; }
    [ "$(wc -l < "$TMP/err")" -le 3 ] || { cat "$TMP/err"; fail "more than a short error for: $*"; }
    echo "  ok ($status): $(head -1 "$TMP/err")"
}
expect_error "batch-size" "$BIN" train --batch-size 0
printf '{"learnig_rate": 0.1}' > "$TMP/bad.json"
expect_error "learning_rate" "$BIN" train --config "$TMP/bad.json"
printf 'not a checkpoint at all' > "$TMP/garbage.safetensors"
expect_error "garbage.safetensors" "$BIN" test --checkpoint "$TMP/garbage.safetensors"
expect_error "nowhere" "$BIN" train --data /nowhere
echo "e2e-cli: all checks passed"
