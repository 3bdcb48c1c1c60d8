#!/usr/bin/env bash
# ApusModels vs Foundation JSONDecoder/JSONEncoder on a ~1 KB order and a ~100 KB array of orders, one run.
#
#   Benchmarks/Models/run.sh [seconds-per-measurement=2]
set -euo pipefail
cd "$(dirname "$0")"
swift build -c release --scratch-path .build-bench --product ModelsBenchmark >&2
.build-bench/release/ModelsBenchmark "${1:-2}"
