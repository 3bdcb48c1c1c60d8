#!/usr/bin/env bash
# The middleware proofs: Apus's middlewares against Starlette's own (compare.py: the differential matrix and the
# 100 MB streamed-gzip memory check), then a credentialed cross-origin fetch of a 500 in headless Chromium
# (cors_500_chromium.py).
#
# Usage: Tests/Middleware/run.sh .build/debug/apus-middleware-twin
# Needs python3 (a venv with requirements.txt is made in /tmp/apus-middleware-venv) and chromium (installed from
# Debian's packages when missing).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
binary="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
venv=/tmp/apus-middleware-venv
started=$(date +%s)

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"
if ! command -v chromium > /dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
fi

free_port() { "$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
apus_port=$(free_port)
starlette_port=$(free_port)

PORT=$apus_port "$binary" > /tmp/apus-middleware-twin.log 2>&1 &
apus_pid=$!
(cd "$here" && exec "$venv/bin/python" -m uvicorn starlette_twin:app --port "$starlette_port" --log-level critical) \
    > /tmp/starlette-middleware-twin.log 2>&1 &
starlette_pid=$!
trap 'kill $apus_pid $starlette_pid 2> /dev/null || true; wait 2> /dev/null || true' EXIT

wait_for() {
    for _ in $(seq 1 200); do
        if "$venv/bin/python" -c "import socket, sys; socket.create_connection(('127.0.0.1', $1), timeout=0.5)" 2> /dev/null; then
            return 0
        fi
        sleep 0.1
    done
    echo "server on port $1 did not come up" >&2
    return 1
}
wait_for "$apus_port"
wait_for "$starlette_port"

status=0
"$venv/bin/python" "$here/compare.py" --apus-port "$apus_port" --starlette-port "$starlette_port" --apus-pid "$apus_pid" \
    || status=1
"$venv/bin/python" "$here/cors_500_chromium.py" --apus-port "$apus_port" --starlette-port "$starlette_port" || status=1

echo "middleware proofs took $(($(date +%s) - started)) s"
exit $status
