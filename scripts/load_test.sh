#!/usr/bin/env bash
# Load test of `pco serve` (docs/reliability.md), on loopback only: wrk keeps 200 connections
# busy for 30 s while 300 idle connections (opened, never sending a byte, re-opened every 5 s
# so that 300 stay open although the server closes silent ones after 10 s) sit beside them.
# Passes when the well-behaved clients saw no error: no socket error, no timeout and no
# non-2xx answer. Prints requests/s and latency percentiles for docs/reliability.md.
# Usage: scripts/load_test.sh [PCO] [SECONDS] [CONNECTIONS] [IDLE]
set -euo pipefail
. "$(dirname "$0")/serve-port.sh"
pco="$(realpath "${1:-build/release/pco}")"
seconds="${2:-30}"
connections="${3:-200}"
idle="${4:-300}"
work="$(mktemp -d)"
port=""
server=""
holder=""
cleanup() {
  if [ -n "$holder" ]; then kill "$holder" 2>/dev/null || true; wait "$holder" 2>/dev/null || true; fi
  if [ -n "$server" ]; then kill -INT "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

"$pco" demo --quiet --out "$work/out" >/dev/null
start_serve "$pco" "$work/out/results.db" "$work/serve.log"
[ -n "$port" ] || { echo "pco serve did not say where it listens: $(cat "$work/serve.log")" >&2; exit 1; }
for _ in $(seq 100); do
  if curl -sf -o /dev/null "http://127.0.0.1:$port/api/runs"; then break; fi
  sleep 0.05
done

# The idle clients: a subshell holding $idle open connections, replaced every 5 s, stopping by
# itself after the test's length (+10 s) in any case.
(
  deadline=$((SECONDS + seconds + 10))
  while [ $SECONDS -lt $deadline ]; do
    fds=()
    for _ in $(seq "$idle"); do
      exec {fd}<>"/dev/tcp/127.0.0.1/$port" && fds+=("$fd")
    done
    sleep 5
    for fd in "${fds[@]}"; do exec {fd}>&-; done
  done
) &
holder=$!
sleep 1
open=$(ss -Htn state established "( dport = :$port )" | wc -l)
echo "load test: $connections busy connections for ${seconds} s beside $open idle connections open"

status=0
for path in "/api/runs/1/organisations?level=organisation" "/api/runs/1/practices?level=organisation"; do
  echo "== GET $path"
  wrk -t2 -c"$connections" -d"${seconds}s" --timeout 5s --latency "http://127.0.0.1:$port$path" \
    >"$work/wrk.txt"
  grep -E "Requests/sec|Latency  |50%|90%|99%|requests in|Socket errors|Non-2xx" "$work/wrk.txt"
  if grep -qE "Socket errors|Non-2xx" "$work/wrk.txt"; then status=1; fi
  if ! grep -qE "^ +[0-9]+ requests in" "$work/wrk.txt"; then status=1; fi
done
# The server is still answering, and still holds the idle connections.
code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/runs")
[ "$code" = 200 ] || status=1
if [ $status -eq 0 ]; then
  echo "load test: passed (0 errors, 0 non-2xx answers)"
else
  echo "load test: FAILED (errors or non-2xx answers above)" >&2
fi
exit $status
