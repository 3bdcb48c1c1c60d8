#!/usr/bin/env bash
# Static files: Apus (ApusStaticFiles in a release server) against nginx serving the same directory, for a 4 KiB and
# a 1 MiB file. Each server is pinned to core 0 with one event loop / one worker, wrk to core 1, in alternating
# rounds. Prints the median req/s (and MiB/s) of each and Apus's ratio to nginx per file (the median of the rounds'
# ratios, since the host's speed drifts between rounds). nginx runs with its stock file settings (sendfile on,
# ETag on, no open-file cache): what a static file costs there.
# Needs nginx and wrk (apt-get install -y nginx wrk).
#
#   Benchmarks/StaticFiles/run.sh [rounds=5] [seconds=4] [connections=64]
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${1:-5}
SECONDS_PER_RUN=${2:-4}
CONNECTIONS=${3:-64}
SCRATCH=.build-bench
APUS_PORT=8096
NGINX_PORT=8097
command -v wrk >/dev/null || { echo "wrk is needed: apt-get install -y nginx wrk" >&2; exit 1; }
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx is needed: apt-get install -y nginx wrk" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

swift build -c release --scratch-path "$SCRATCH" --product StaticFilesBenchServer >&2
BIN="$SCRATCH/release/StaticFilesBenchServer"
WORK=$(mktemp -d)
RESULTS="$WORK/results"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

mkdir -p "$WORK/files" "$WORK/nginx"
head -c 4096 /dev/urandom > "$WORK/files/small.bin"
head -c 1048576 /dev/urandom > "$WORK/files/large.bin"
cat > "$WORK/nginx/nginx.conf" <<CONF
daemon off;
master_process off;
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
    access_log off;
    sendfile on;
    tcp_nopush on;
    default_type application/octet-stream;
    client_body_temp_path $WORK/nginx/body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location /static/ { alias $WORK/files/; }
    }
}
CONF

NIO_SINGLETON_GROUP_LOOP_COUNT=1 taskset -c 0 "$BIN" "$APUS_PORT" "$WORK/files" >/dev/null 2>&1 &
taskset -c 0 "$NGINX" -c "$WORK/nginx/nginx.conf" >/dev/null 2>&1 &
for port in $APUS_PORT $NGINX_PORT; do
    for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
done
for server in apus nginx; do
    port=$([ "$server" = apus ] && echo $APUS_PORT || echo $NGINX_PORT)
    for file in small large; do
        cmp -s <(curl -fsS "http://127.0.0.1:$port/static/$file.bin") "$WORK/files/$file.bin" \
            || { echo "$server did not serve $file.bin intact" >&2; exit 1; }
    done
done

for round in $(seq 1 "$ROUNDS"); do
    for file in small large; do
        for server in apus nginx; do
            port=$([ "$server" = apus ] && echo $APUS_PORT || echo $NGINX_PORT)
            out=$(taskset -c 1 wrk -t1 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" "http://127.0.0.1:$port/static/$file.bin")
            if grep -q "Non-2xx" <<< "$out"; then echo "$server answered non-2xx:" >&2; echo "$out" >&2; exit 1; fi
            rps=$(awk '/Requests\/sec/ {print $2}' <<< "$out")
            echo "$file $server $round $rps" >> "$RESULTS"
        done
    done
done

python3 - "$RESULTS" <<'PY'
import statistics, sys
rounds = {}
for line in open(sys.argv[1]):
    file, server, number, rps = line.split()
    rounds.setdefault((file, int(number)), {})[server] = float(rps)
sizes = {"small": 4096, "large": 1048576}
print(f"{'':12s} {'apus req/s':>11s} {'nginx req/s':>12s} {'apus MiB/s':>11s} {'nginx MiB/s':>12s}   apus/nginx")
for file, label in (("small", "4 KiB"), ("large", "1 MiB")):
    runs = [r for (f, _), r in rounds.items() if f == file]
    apus = statistics.median(r["apus"] for r in runs)
    nginx = statistics.median(r["nginx"] for r in runs)
    ratio = statistics.median(r["apus"] / r["nginx"] for r in runs)
    mib = sizes[file] / 1048576
    print(f"{label:12s} {apus:11.0f} {nginx:12.0f} {apus * mib:11.1f} {nginx * mib:12.1f}   {ratio:.2f}")
PY
