#!/usr/bin/env bash
# CLI benchmark: times whole pco commands and, in the same run, a reference that only scans the
# same bytes (awk summing the last column), and prints the ratio. Ratios are comparable across
# machines and load; seconds are not. Usage: bench/cli_bench.sh [PCO] [SHARED_DATA] [REPEATS]
set -euo pipefail
pco="${1:-build/release/pco}"
data="${2:-../shared/data}"
repeats="${3:-5}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# Median wall time in seconds of running "$@" $repeats times.
median() {
  local times=()
  for _ in $(seq "$repeats"); do
    local t0 t1
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=($(( t1 - t0 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END{printf "%.4f", a[int((NR+1)/2)]/1e9}'
}

row() {  # name, pco seconds, reference seconds
  awk -v n="$1" -v p="$2" -v r="$3" 'BEGIN{printf "%-34s %9.4f s %9.4f s %8.2f\n", n, p, r, p/r}'
}

printf '%-34s %11s %11s %8s\n' "job" "pco" "reference" "ratio"
totals="$data/population/gp-reg-pat-prac-all_2021-01.csv"
map="$data/organisation/gp-reg-pat-prac-map_2020-09.csv"
list2013="$data/population/patient-list-size_2013-04.csv"
if [[ -f "$totals" && -f "$map" ]]; then
  p=$(median "$pco" population --practices "$totals" --map "$map" --level region --format csv)
  r=$(median awk -F, '{n += $NF} END {print n}' "$totals" "$map")
  row "population: England 2021 + map" "$p" "$r"
  p=$(median "$pco" population --practices "$list2013" --level region --format csv)
  r=$(median awk -F, '{n += $NF} END {print n}' "$list2013")
  row "population: England 2013 9-band" "$p" "$r"
else
  echo "shared data absent: national jobs skipped"
fi
"$pco" synth --out "$out/synth" >/dev/null
p=$(median "$pco" demo --quiet --out "$out/demo")
r=$(median awk -F, '{n += $NF} END {print n}' "$out/synth/practices.csv")
row "demo (1,500 synthetic practices)" "$p" "$r"
