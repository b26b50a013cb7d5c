#!/usr/bin/env bash
# Builds and runs the libFuzzer targets in Fuzz/ (IDX reader, safetensors/checkpoint reader, config parser).
# Usage: Scripts/fuzz.sh [seconds-per-target] [target...]     (default: 600 s; targets idx safetensors config)
# Seeds come from Fuzz/corpus/<target>/ (committed); new inputs go to .build-fuzz/corpus/<target>/;
# crashes are written to .build-fuzz/crashes/ and make the script exit non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-600}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(idx safetensors config)
OUT=.build-fuzz
mkdir -p "$OUT/crashes"
FLAGS=(-sanitize=fuzzer,address -parse-as-library -O -g)

sources() {
    local formats
    formats=$(find Sources/LeNetFormats -name '*.swift')
    case "$1" in
        # Every MNISTData source but the one that imports swift-crypto (stubbed in IDXFuzz.swift).
        idx) echo Fuzz/IDXFuzz.swift $formats $(grep -L "^import Crypto" Sources/MNISTData/*.swift) ;;
        safetensors) echo Fuzz/SafeTensorsFuzz.swift $formats Sources/LeNetTraining/Checkpoint/*.swift \
                  $(find Sources/LeNetEngine -name '*.swift') ;;
        config) echo Fuzz/ConfigFuzz.swift $formats Sources/LeNetTraining/Config/*.swift ;;
        *) echo "unknown fuzz target $1" >&2; exit 2 ;;
    esac
}

status=0
for target in "${TARGETS[@]}"; do
    binary="$OUT/fuzz-$target"
    echo "== building $target"
    # The package's modules are compiled into one fuzz module: copy the sources without their imports
    # of each other (system and Foundation imports stay).
    src="$OUT/src-$target"
    rm -rf "$src"; mkdir -p "$src"
    i=0
    for file in $(sources "$target"); do
        i=$((i + 1))
        sed -E '/^import (LeNetEngine|LeNetFormats|MNISTData|LeNetTraining)$/d' "$file" > "$src/$i-$(basename "$file")"
    done
    swiftc "${FLAGS[@]}" -module-name Fuzz"$target" -Xcc -fmodule-map-file=Sources/CZlib/module.modulemap \
        -I Sources/CZlib "$src"/*.swift -o "$binary"
    mkdir -p "$OUT/corpus/$target"
    echo "== running $target for $SECONDS_PER_TARGET s"
    if ! "$binary" "$OUT/corpus/$target" "Fuzz/corpus/$target" -max_total_time="$SECONDS_PER_TARGET" \
            -max_len=65536 -timeout=10 -rss_limit_mb=4096 -artifact_prefix="$OUT/crashes/$target-" \
            -print_final_stats=1 > "$OUT/$target.log" 2>&1; then
        echo "!! $target: crash, see $OUT/$target.log and $OUT/crashes/"; status=1
    fi
    grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$OUT/$target.log" | tail -2
done
exit $status
