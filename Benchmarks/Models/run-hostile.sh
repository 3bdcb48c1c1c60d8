#!/usr/bin/env bash
# Hostile JSON shapes (deep nesting, 10^5+ keys, huge arrays, long strings, duplicate keys, trailing commas) at
# 1, 4 and 16 MiB through ApusModels' validation path, release build. Exits 1 unless every shape is linear
# (16/1 MiB time ratio <= 20) and 16 MiB of it takes under 1 s.
#
#   Benchmarks/Models/run-hostile.sh [shape-name-filter]
set -euo pipefail
cd "$(dirname "$0")"
swift build -c release --scratch-path .build-bench --product HostileJSONBenchmark >&2
.build-bench/release/HostileJSONBenchmark "$@"
