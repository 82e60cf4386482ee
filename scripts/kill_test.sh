#!/usr/bin/env bash
# Crash-safety test (docs/reliability.md): kills `pco run` with SIGKILL at random moments and
# checks after every kill that
#   1. the store passes SQLite's integrity check, opened read-only (no hot journal to recover);
#   2. the output directory holds one complete run, never a mix: every CSV is byte-identical to
#      the same complete reference run (A or B), and report.html is that run's;
#   3. those files belong to the newest finished run in the store, or to the run that was
#      published just before the kill, which is still unfinished and which the next
#      `pco run` marks finished (pco run finishes what it published);
#   4. `pco serve` starts on the store and answers 200 for the run list and the newest run.
# Runs alternate between two scenarios (A, B) whose tables differ, so a mix would show. Odd
# trials kill at a uniform random moment of the whole run; even trials wait for the run to
# start writing ("storing the results") and kill at a uniform random moment of the writing,
# so the short store-commit, publish and finish steps are hit too.
# Usage: scripts/kill_test.sh [PCO] [TRIALS] [SEED]
set -euo pipefail
. "$(dirname "$0")/serve-port.sh"
pco="$(realpath "${1:-build/release/pco}")"
trials="${2:-50}"
RANDOM="${3:-18}"
work="$(mktemp -d)"
port=""
server=""
cleanup() {
  if [ -n "$server" ]; then kill -INT "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

for v in A B; do
  practices=$([ "$v" = A ] && echo 1000 || echo 1010)
  printf 'schema_version = 1\nname = "%s"\nseed = 7\n[synthetic]\nseed = 3\npractices = %s\n' \
    "$v" "$practices" >"$work/$v.toml"
done
tables="organisations.csv practices.csv allocations.csv practice_budgets.csv"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
# Starts `pco run` in the background (pid in $runner, progress in $work/progress).
start_run() {
  "$pco" run --scenario "$1" --out "$2" >/dev/null 2>"$work/progress" &
  runner=$!
}
# Waits until the running pco run starts writing (or ends).
wait_for_writing() {
  while kill -0 "$runner" 2>/dev/null && ! grep -q "storing the results" "$work/progress"; do
    sleep 0.002
  done
}

# Reference outputs of each scenario, how long a whole run takes and how long its writing
# (the shorter of the two, so that kills land inside runs).
run_ms=""
write_ms=""
for v in A B; do
  start=$(now_ms)
  start_run "$work/$v.toml" "$work/ref$v"
  wait_for_writing
  writing_start=$(now_ms)
  wait "$runner"
  end=$(now_ms)
  for t in $tables; do sha256sum <"$work/ref$v/$t" | cut -d' ' -f1 >"$work/ref$v.$t.sha"; done
  if [ -z "$run_ms" ] || [ $((end - start)) -lt "$run_ms" ]; then run_ms=$((end - start)); fi
  if [ -z "$write_ms" ] || [ $((end - writing_start)) -lt "$write_ms" ]; then
    write_ms=$((end - writing_start))
  fi
done
echo "kill test: $trials trials; a whole run takes ${run_ms} ms, of which writing ${write_ms} ms"

out="$work/out"
"$pco" run --quiet --scenario "$work/A.toml" --out "$out" >/dev/null

sql() { sqlite3 -readonly "$out/results.db" "$1"; }

fail() { echo "kill test FAILED at trial $trial: $*" >&2; exit 1; }

killed=0; completed=0; corrupt=0; mixed=0; serve_ok=0
declare -A stage_count=()
for trial in $(seq "$trials"); do
  v=$([ $((trial % 2)) -eq 1 ] && echo B || echo A)
  before_max=$(sql "SELECT COALESCE(MAX(run_id), 0) FROM runs")
  start_run "$work/$v.toml" "$out"
  if [ $((trial % 2)) -eq 1 ]; then
    delay_ms=$(( (RANDOM * 32768 + RANDOM) % (run_ms + 1) ))
    when="at ${delay_ms} ms"
  else
    wait_for_writing
    delay_ms=$(( (RANDOM * 32768 + RANDOM) % (write_ms + 1) ))
    when="${delay_ms} ms into writing"
  fi
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  if kill -KILL "$runner" 2>/dev/null; then
    wait "$runner" 2>/dev/null || true
    killed=$((killed + 1))
  else
    wait "$runner" || fail "pco run failed without being killed"
    completed=$((completed + 1))
  fi

  # 1. Integrity, read-only.
  check=$(sql "PRAGMA integrity_check" 2>&1) || true
  [ "$check" = "ok" ] || { corrupt=$((corrupt + 1)); fail "integrity check: $check"; }

  # 2. One complete run in the directory.
  files_v=""
  for ref in A B; do
    same=1
    for t in $tables; do
      [ "$(sha256sum <"$out/$t" | cut -d' ' -f1)" = "$(cat "$work/ref$ref.$t.sha")" ] || same=0
    done
    if [ $same = 1 ]; then files_v=$ref; fi
  done
  report_v=$(head -c 4000 "$out/report.html" | grep -o '<title>[^<]*</title>' | head -1 |
             sed 's/<[^>]*>//g')
  if [ -z "$files_v" ] || [ "$report_v" != "$files_v" ]; then
    mixed=$((mixed + 1))
    fail "mixed output directory (tables: '${files_v:-none}', report: '$report_v')"
  fi

  # 3. The files agree with the store.
  newest=$(sql "SELECT run_id || '|' || scenario_name FROM runs WHERE finished_at IS NOT NULL ORDER BY run_id DESC LIMIT 1")
  published=$(readlink "$out/.pco/current" | sed 's/^run-0*//')
  new_max=$(sql "SELECT COALESCE(MAX(run_id), 0) FROM runs")
  new_state=$(sql "SELECT CASE WHEN finished_at IS NULL THEN 'unfinished' ELSE 'finished' END FROM runs WHERE run_id = $new_max AND run_id > $before_max")
  if [ "${newest#*|}" = "$files_v" ] && [ "${newest%|*}" = "$published" ]; then
    agreement="newest finished run"
  else
    pub_row=$(sql "SELECT scenario_name || '|' || COALESCE(finished_at, '') FROM runs WHERE run_id = $published")
    [ "$pub_row" = "$files_v|" ] ||
      fail "files of run $published ($files_v) disagree with the store (newest finished: $newest; published row: $pub_row)"
    agreement="published, finished by the next run"
  fi
  # Where the kill landed, from what it left.
  if [ -z "$new_state" ]; then stage="before the store commit"
  elif [ "$new_state" = finished ]; then stage="after the run finished"
  elif [ "$published" = "$new_max" ]; then stage="after publishing, before marking finished"
  else stage="after the store commit, before publishing"; fi
  stage_count[$stage]=$(( ${stage_count[$stage]:-0} + 1 ))

  # 4. pco serve answers.
  start_serve "$pco" "$out/results.db" "$work/serve.log"
  [ -n "$port" ] || fail "pco serve did not say where it listens: $(head -c 300 "$work/serve.log")"
  up=0
  for _ in $(seq 100); do
    if curl -sf -o /dev/null "http://127.0.0.1:$port/api/runs"; then up=1; break; fi
    sleep 0.05
  done
  [ $up = 1 ] || fail "pco serve did not answer"
  latest=$(sql "SELECT MAX(run_id) FROM runs WHERE finished_at IS NOT NULL")
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/api/runs/$latest")
  [ "$code" = 200 ] || fail "pco serve answered $code for run $latest"
  serve_ok=$((serve_ok + 1))
  kill -INT "$server"; wait "$server" || fail "pco serve did not stop cleanly"; server=""
  printf '  trial %2d (%s, kill %s): %s; files: run %s (%s)\n' \
    "$trial" "$v" "$when" "$stage" "$published" "$agreement"
done

# The run after the last kill cleans up: no unfinished run is left, and it publishes its own.
"$pco" run --quiet --scenario "$work/A.toml" --out "$out" >/dev/null
left=$(sql "SELECT COUNT(*) FROM runs WHERE finished_at IS NULL")
[ "$left" = 0 ] || { trial=final; fail "$left unfinished runs left after a clean run"; }

echo "kill stages:"
for s in "${!stage_count[@]}"; do printf '  %-45s %d\n' "$s" "${stage_count[$s]}"; done
echo "kill test: $trials trials ($killed killed mid-run, $completed finished first): $corrupt corrupt stores, $mixed mixed output directories, pco serve answered 200 after $serve_ok"
[ "$killed" -ge $((trials / 2)) ] || { echo "kill test: too few runs were killed mid-run" >&2; exit 1; }
