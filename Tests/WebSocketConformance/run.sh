#!/usr/bin/env bash
# The WebSocket proofs against the example binary: the Autobahn-style conformance client (conformance.py, on
# wsproto) on /ws/echo, every case graded as the suite's case files expect; Python's `websockets` and a page in
# headless Chromium talking in /ws/chat/{room}; and SIGTERM with a socket open (closed with 1001, exit 0).
#
# Usage: Tests/WebSocketConformance/run.sh .build/debug/apus-example
# Needs python3 and chromium (installed here from Debian if missing, as Tests/Middleware/run.sh does).
set -euo pipefail
binary=$1
here=$(cd "$(dirname "$0")" && pwd)
venv=/tmp/apus-websocket-venv

if ! command -v chromium > /dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --disable-pip-version-check -r "$here/requirements.txt"

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
PORT=$port "$binary" > /tmp/apus-websocket-example.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 100); do
    if curl -fsS "http://127.0.0.1:$port/health" > /dev/null 2>&1; then break; fi
    sleep 0.2
done

# Every case must be OK or, where the suite allows it, NON-STRICT or INFORMATIONAL (exit 1 on any FAILED).
"$venv/bin/python" "$here/conformance.py" "ws://127.0.0.1:$port/ws/echo" --json /tmp/apus-websocket-conformance.json
"$venv/bin/python" - <<'PY'
import json
report = json.load(open("/tmp/apus-websocket-conformance.json"))
print(f"conformance: {len(report['cases'])} cases in {report['total_seconds']} s: {report['summary']}")
assert len(report["cases"]) >= 150, "fewer than 150 cases ran"
PY

"$venv/bin/python" "$here/chat_clients.py" --port "$port" --pid "$pid"
wait $pid
trap - EXIT
echo "== the example's WebSockets pass the conformance cases, talk to websockets and Chromium, and close with 1001 on SIGTERM"
