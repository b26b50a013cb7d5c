#!/usr/bin/env bash
# Builds and runs the libFuzzer targets in Fuzz/: the IDX reader (with gzip), the safetensors/checkpoint
# reader, the config parser and the sketch readers (PGM and text art).
#
# Usage: Scripts/fuzz.sh [seconds-per-run] [target...]      (default: 600 s; targets idx safetensors config sketch)
#   FUZZ_MODES="release asan"  which builds to run, in order (default: both):
#     release  the release settings of LeNetFormats: -O -wmo, overflow and bounds checks kept (never
#              -Ounchecked), plus libFuzzer's coverage instrumentation (-sanitize=fuzzer); fast, so most
#              executions, and a trap is a finding exactly as it would be in the shipped binary;
#     asan     the same with AddressSanitizer (-sanitize=fuzzer,address -g): slower, catches memory errors
#              the checks cannot see.
# Seeds come from Fuzz/corpus/<target>/ (committed); new inputs go to .build-fuzz/corpus/<target>/ (shared
# by both modes); crashes are written to .build-fuzz/crashes/ and make the script exit non-zero. Each run
# ends with a line: target, mode, executions, new corpus size, findings.
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_RUN=${1:-600}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(idx safetensors config sketch)
read -r -a MODES <<< "${FUZZ_MODES:-release asan}"
OUT=.build-fuzz
mkdir -p "$OUT/crashes"

flags() {
    case "$1" in
        release) echo -sanitize=fuzzer -O -wmo ;;
        asan) echo -sanitize=fuzzer,address -O -g ;;
        *) echo "unknown fuzz mode $1 (release or asan)" >&2; exit 2 ;;
    esac
}

sources() {
    local formats
    formats=$(find Sources/LeNetFormats -name '*.swift' | sort)
    case "$1" in
        # Every MNISTData source but the one that imports swift-crypto (stubbed in IDXFuzz.swift).
        idx) echo Fuzz/IDXFuzz.swift $formats $(grep -L "^import Crypto" Sources/MNISTData/*.swift) ;;
        # The checkpoint reads the learning-rate multiplier and the config holds the pace: their value types too.
        safetensors) echo Fuzz/SafeTensorsFuzz.swift $formats $(find Sources/LeNetTraining/Checkpoint Sources/LeNetEngine -name '*.swift' | sort) \
            Sources/LeNetTraining/Steering/LearningRateMultiplier.swift ;;
        # The config's thread count is capped by the worker pool's processor count: the pool too.
        config) echo Fuzz/ConfigFuzz.swift $formats Sources/LeNetTraining/Config/*.swift Sources/LeNetTraining/Steering/TrainingPace.swift \
            Sources/LeNetEngine/Concurrency/WorkerPool.swift ;;
        sketch) echo Fuzz/SketchFuzz.swift $formats ;;
        *) echo "unknown fuzz target $1 (idx, safetensors, config or sketch)" >&2; exit 2 ;;
    esac
}

status=0
for target in "${TARGETS[@]}"; do
    # The package's modules are compiled into one fuzz module: copy the sources without their imports
    # of each other (system and Foundation imports stay).
    src="$OUT/src-$target"
    rm -rf "$src"; mkdir -p "$src"
    i=0
    for file in $(sources "$target"); do
        i=$((i + 1))
        sed -E '/^import (LeNetEngine|LeNetFormats|MNISTData|LeNetTraining)$/d' "$file" > "$src/$i-$(basename "$file")"
    done
    mkdir -p "$OUT/corpus/$target"
    for mode in "${MODES[@]}"; do
        binary="$OUT/fuzz-$target-$mode"
        echo "== building $target ($mode: $(flags "$mode"))"
        # shellcheck disable=SC2046
        if ! swiftc $(flags "$mode") -parse-as-library -module-name "Fuzz$target" \
                -Xcc -fmodule-map-file=Sources/CZlib/module.modulemap -I Sources/CZlib \
                "$src"/*.swift -o "$binary" > "$OUT/build-$target-$mode.log" 2>&1; then
            grep -E "error" "$OUT/build-$target-$mode.log" >&2 || cat "$OUT/build-$target-$mode.log" >&2
            exit 1
        fi
        log="$OUT/$target-$mode.log"
        echo "== running $target ($mode) for $SECONDS_PER_RUN s"
        before=$(find "$OUT/crashes" -name "$target-$mode-*" | wc -l)
        if ! "$binary" "$OUT/corpus/$target" "Fuzz/corpus/$target" -max_total_time="$SECONDS_PER_RUN" \
                -max_len=65536 -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=512 \
                -artifact_prefix="$OUT/crashes/$target-$mode-" -print_final_stats=1 > "$log" 2>&1; then
            status=1
        fi
        runs=$(grep -oE "stat::number_of_executed_units: *[0-9]+" "$log" | grep -oE "[0-9]+$" || echo "?")
        findings=$(( $(find "$OUT/crashes" -name "$target-$mode-*" | wc -l) - before ))
        corpus=$(find "$OUT/corpus/$target" -type f | wc -l)
        echo "$target $mode: $runs executions, corpus $corpus inputs, $findings findings (log $log)"
        [ "$findings" -eq 0 ] || { echo "!! $target ($mode): see $log and $OUT/crashes/"; status=1; }
    done
done
exit $status
