#!/usr/bin/env bash
# Load test of `pco serve` on loopback with wrk: 200 connections for 30 s against the API,
# reporting requests/s, latency percentiles and errors. Usage:
#   bench/serve_load.sh [PCO] [SECONDS] [CONNECTIONS]
set -euo pipefail
. "$(dirname "$0")/../scripts/serve-port.sh"
pco="${1:-build/release/pco}"
seconds="${2:-30}"
connections="${3:-200}"
work="$(mktemp -d)"
"$pco" demo --quiet --out "$work" >/dev/null
start_serve "$pco" "$work/results.db" "$work/serve.log"
trap 'kill -INT $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$work"' EXIT
[ -n "$port" ] || { echo "pco serve did not say where it listens: $(cat "$work/serve.log")" >&2; exit 1; }
for _ in $(seq 50); do
  if wrk -t1 -c1 -d1s "http://127.0.0.1:$port/api/runs" >/dev/null 2>&1; then break; fi
  sleep 0.1
done
for path in /api/runs "/api/runs/1/organisations?level=organisation" "/api/runs/1/practices?level=organisation"; do
  echo "== GET $path (${connections} connections, ${seconds} s)"
  wrk -t2 -c"$connections" -d"${seconds}s" --latency "http://127.0.0.1:$port$path" |
    grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket errors|requests in"
done
