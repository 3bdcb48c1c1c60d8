#!/usr/bin/env bash
# What security costs: the same JSON GET unprotected, behind HS256 bearer-token verification, and behind
# CORS + GZip + SecurityHeaders, in one release server pinned to core 0, driven by wrk pinned to core 1, in
# alternating rounds. Prints the median req/s and p99 of each and its ratio to the unprotected GET of the same run
# (issue 10's target: each at least 0.85x). `bearer` is the default verifier, which remembers a token it verified;
# `bearer-uncached` verifies every request's token whole (cacheCapacity: 0), for what a first use costs.
# Needs wrk (apt-get install -y wrk).
#
#   Benchmarks/Security/run.sh [rounds=8] [seconds=4] [connections=64]
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${1:-8}
SECONDS_PER_RUN=${2:-4}
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

# Every route gets the same request, a browser's with a token: an Origin, Accept-Encoding: gzip and the bearer
# token. So the routes differ only in what protects them, and the ratios are what that protection costs (the
# unprotected route reads none of these headers).
HEADERS=(-H "Authorization: Bearer $TOKEN" -H "Origin: http://localhost:3000" -H "Accept-Encoding: gzip")
declare -A PATHS=([plain]=/unprotected/hello [bearer]=/bearer/hello [bearer-uncached]=/bearer-uncached/hello [middleware]=/middleware/hello)
for round in $(seq 1 "$ROUNDS"); do
    for name in plain bearer bearer-uncached middleware; do
        out=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "${HEADERS[@]}" "http://127.0.0.1:$PORT${PATHS[$name]}")
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
rounds = {}
for line in open(sys.argv[1]):
    name, number, rps, p99 = line.split()
    rounds.setdefault(int(number), {})[name] = (float(rps), ms(p99))
# Each round's ratio to the unprotected GET of the same round (the host's speed drifts between rounds), and
# the median of those ratios.
print(f"{'':16s} {'req/s':>10s}  {'p99':>9s}   ratio to plain (median of the rounds' ratios)")
for name in ("plain", "bearer", "bearer-uncached", "middleware"):
    rps = statistics.median(r[name][0] for r in rounds.values())
    p99 = statistics.median(r[name][1] for r in rounds.values())
    ratio = statistics.median(r[name][0] / r["plain"][0] for r in rounds.values())
    p99_ratio = statistics.median(r[name][1] / r["plain"][1] for r in rounds.values())
    print(f"{name:16s} {rps:10.0f}  {p99:6.2f} ms   {ratio:.2f}  (p99 {p99_ratio:.2f})")
PY

# The framework's own share, without sockets or the kernel: the same routes called in process (median
# microseconds per request and the difference to the unprotected route).
echo
echo "in process (no sockets), us per request:"
taskset -c 0 "$BIN" micro /unprotected/hello /bearer/hello /bearer-uncached/hello /middleware/hello
