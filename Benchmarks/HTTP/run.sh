#!/usr/bin/env bash
# Apus vs raw SwiftNIO on loopback: each server pinned to core 0 with taskset, wrk pinned to core 1.
# Prints the median req/s and p99 latency over alternating rounds and Apus's ratio to raw NIO, for each
# event-loop setting in LOOPS: "1" is one loop on the one pinned core (NIO_SINGLETON_GROUP_LOOP_COUNT=1, as in
# a one-core container: the configuration that matters), "default" is NIO's own choice (one loop per core of
# the machine, so two loops share the pinned core here).
#
# With BASELINE=<git revision>, the Apus benchmark server of that revision is built too (in a worktree under
# /tmp) and measured in the same rounds as "before", with Apus's ratio to it: how a change moves each endpoint.
#
#   [LOOPS="1 default"] [BASELINE=rev] Benchmarks/HTTP/run.sh [rounds=3] [seconds=10] [connections=64]
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${1:-3}
SECONDS_PER_RUN=${2:-10}
CONNECTIONS=${3:-64}
LOOPS=${LOOPS:-"1 default"}
SCRATCH=.build-bench
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y wrk" >&2; exit 1; }

swift build -c release --scratch-path "$SCRATCH" --product RawNIOServer >&2
swift build -c release --scratch-path "$SCRATCH" --product ApusBenchServer >&2
BIN="$SCRATCH/release"
RESULTS=$(mktemp)
trap 'rm -f "$RESULTS"; kill $(jobs -p) 2>/dev/null || true' EXIT

declare -A PORT=([raw]=8091 [apus]=8092 [before]=8093)
declare -A CMD=([raw]="$BIN/RawNIOServer 8091" [apus]="$BIN/ApusBenchServer 8092")
SERVERS="raw apus"
if [[ -n ${BASELINE:-} ]]; then
    BASELINE_TREE=/tmp/apus-bench-baseline
    # Reused (with its build) when it already holds that revision.
    if [[ $(git -C "$BASELINE_TREE" rev-parse HEAD 2>/dev/null) != $(git -C ../.. rev-parse "$BASELINE^{commit}") ]]; then
        git -C ../.. worktree remove --force "$BASELINE_TREE" 2>/dev/null || rm -rf "$BASELINE_TREE"
        git -C ../.. worktree add --detach "$BASELINE_TREE" "$BASELINE" >&2
    fi
    (cd "$BASELINE_TREE/Benchmarks/HTTP" && swift build -c release --scratch-path .build-bench --product ApusBenchServer >&2)
    CMD[before]="$BASELINE_TREE/Benchmarks/HTTP/.build-bench/release/ApusBenchServer 8093"
    SERVERS="raw before apus"
fi

wait_for_port() {
    for _ in $(seq 1 100); do
        (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0
        sleep 0.1
    done
    echo "server on port $1 did not start" >&2
    return 1
}

for setting in $LOOPS; do
    LOOP_ENV=""
    if [[ $setting != default ]]; then LOOP_ENV="NIO_SINGLETON_GROUP_LOOP_COUNT=$setting"; fi
    for round in $(seq 1 "$ROUNDS"); do
        for server in $SERVERS; do
            env $LOOP_ENV taskset -c 0 ${CMD[$server]} >/dev/null 2>&1 &
            pid=$!
            wait_for_port "${PORT[$server]}"
            for path in /plaintext /json "POST /items/" "/items/42?q=widget"; do
                script=()
                url_path=$path
                if [[ $path == POST* ]]; then
                    script=(-s post_item.lua)
                    url_path=${path#POST }
                fi
                # A short warm-up, then the measured run.
                taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d2s "${script[@]}" "http://127.0.0.1:${PORT[$server]}$url_path" >/dev/null
                out=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "${script[@]}" "http://127.0.0.1:${PORT[$server]}$url_path")
                rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
                p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
                errors=$(echo "$out" | awk '/Non-2xx|Socket errors/ {print}' | tr '\n' ' ')
                echo "$setting|$round|$server|$path|$rps|$p99|$errors" | tee -a "$RESULTS" >&2
            done
            kill "$pid"
            wait "$pid" 2>/dev/null || true
        done
    done
done

python3 - "$RESULTS" <<'PY'
import statistics, sys
def ms(v):
    for unit, f in (("us", 1e-3), ("ms", 1.0), ("s", 1e3)):
        if v.endswith(unit) and not (unit == "s" and (v.endswith("ms") or v.endswith("us"))):
            return float(v[: -len(unit)]) * f
    return float(v)
rows = [l.rstrip("\n").split("|") for l in open(sys.argv[1]) if l.strip()]
data = {}
settings = []
for r in rows:
    if r[0] not in settings:
        settings.append(r[0])
    data.setdefault((r[0], r[2], r[3]), []).append((float(r[4]), ms(r[5])))
for r in rows:
    if r[6].strip():
        print("errors:", "|".join(r))
for setting in settings:
    print(f"\nevent loops on the pinned core: {'1 (NIO_SINGLETON_GROUP_LOOP_COUNT=1)' if setting == '1' else 'NIO default'}")
    print(f"{'endpoint':<22}{'server':<8}{'req/s (median)':>16}{'p99 ms':>10}{'ratio req/s':>13}{'ratio p99':>11}")
    for path in ("/plaintext", "/json", "POST /items/", "/items/42?q=widget"):
        base_rps = statistics.median(x[0] for x in data[(setting, "raw", path)])
        base_p99 = statistics.median(x[1] for x in data[(setting, "raw", path)])
        for server in ("raw", "before", "apus"):
            if (setting, server, path) not in data:
                continue
            rps = statistics.median(x[0] for x in data[(setting, server, path)])
            p99 = statistics.median(x[1] for x in data[(setting, server, path)])
            line = f"{path:<22}{server:<8}{rps:>16.0f}{p99:>10.2f}{rps / base_rps:>13.2f}{p99 / base_p99:>11.2f}"
            if server == "apus" and (setting, "before", path) in data:
                before = statistics.median(x[0] for x in data[(setting, "before", path)])
                line += f"   {rps / before:.2f}x before"
            print(line)
PY
