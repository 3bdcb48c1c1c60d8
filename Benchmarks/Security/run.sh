#!/usr/bin/env bash
# What security costs: the same JSON GET unprotected, behind HS256 bearer-token verification, and behind
# CORS + GZip + SecurityHeaders, in one release server pinned to core 0, driven by wrk pinned to core 1, in
# alternating rounds. Prints the median req/s and p99 of each and its ratio to the unprotected GET of the same run
# (issue 10's target: each at least 0.85x). Needs wrk (apt-get install -y wrk).
#
#   Benchmarks/Security/run.sh [rounds=3] [seconds=10] [connections=64]
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-10}
CONNECTIONS=${3:-64}
SCRATCH=.build-bench
PORT=8095
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }

swift build -c release --scratch-path "$SCRATCH" --product SecurityBenchServer >&2
BIN="$SCRATCH/release/SecurityBenchServer"
TOKEN=$("$BIN" token)
RESULTS=$(mktemp)
trap 'rm -f "$RESULTS"; kill $(jobs -p) 2>/dev/null || true' EXIT

NIO_SINGLETON_GROUP_LOOP_COUNT=1 taskset -c 0 "$BIN" "$PORT" >/dev/null 2>&1 &
for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$PORT) 2>/dev/null && break; sleep 0.1; done

declare -A HEADERS=(
    [plain]=""
    [bearer]="Authorization: Bearer $TOKEN"
    [middleware]="Origin: http://localhost:3000|Accept-Encoding: gzip"
)
declare -A PATHS=([plain]=/plain [bearer]=/bearer/plain [middleware]=/middleware/plain)
for round in $(seq 1 "$ROUNDS"); do
    for name in plain bearer middleware; do
        args=()
        IFS='|' read -ra lines <<< "${HEADERS[$name]}"
        for line in "${lines[@]}"; do [[ -n $line ]] && args+=(-H "$line"); done
        out=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "${args[@]}" "http://127.0.0.1:$PORT${PATHS[$name]}")
        if grep -q "Non-2xx" <<< "$out"; then echo "$name answered non-2xx:" >&2; echo "$out" >&2; exit 1; fi
        rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
        p99=$(awk '$1 == "99%" {print $2}' <<< "$out")
        echo "$name $round $rps $p99" >> "$RESULTS"
    done
done

python3 - "$RESULTS" <<'PY'
import statistics, sys
def ms(text):
    for unit, factor in (("us", 0.001), ("ms", 1.0), ("s", 1000.0)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * factor
    return float(text)
rows = {}
for line in open(sys.argv[1]):
    name, _, rps, p99 = line.split()
    rows.setdefault(name, []).append((float(rps), ms(p99)))
base = statistics.median(r for r, _ in rows["plain"])
base_p99 = statistics.median(p for _, p in rows["plain"])
for name in ("plain", "bearer", "middleware"):
    rps = statistics.median(r for r, _ in rows[name])
    p99 = statistics.median(p for _, p in rows[name])
    print(f"{name:11s} {rps:10.0f} req/s  p99 {p99:7.2f} ms   ratio to plain {rps / base:.2f}  (p99 {p99 / base_p99:.2f})")
PY
