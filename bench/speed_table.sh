#!/usr/bin/env bash
# Issue 16's speed table in one run: every row beside its reference, measured in the same run so
# that the ratios hold whatever the machine's load (seconds do not). docs/performance.md,
# "Speed table". Usage:
#   bench/speed_table.sh [BUILD_DIR] [SHARED_DATA] [ROWS]
# BUILD_DIR (default build/release) must hold pco and, for the Monte Carlo rows, the benchmark
# pco_risk_bench (configure with -DPCO_BUILD_BENCH=ON). ROWS is a comma-separated subset of
# risk,compound,pool,mc,simulate (default all). References: R's actuar (Debian r-cran-actuar)
# and numpy (Debian python3-numpy), both run as whole processes like pco; hyperfine times the
# short commands, /usr/bin/time -v the long ones (wall and peak resident memory).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build/release}
data=${2:-$root/../shared/data}
rows=${3:-risk,compound,pool,mc,simulate}
pco=$build/pco
[[ -x $pco ]] || { echo "speed_table: no pco at $pco (build first)" >&2; exit 1; }
for tool in hyperfine Rscript /usr/bin/python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || {
    echo "speed_table: $tool missing: scripts/install-deps.sh --bench installs it" >&2
    exit 1
  }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# numpy's FFT does not use BLAS; the OpenBLAS overrides some machines set only slow it down.
py() { env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 "$@"; }
want() { [[ ,$rows, == *,$1,* ]]; }

# "wall cpu": mean wall seconds and mean CPU seconds (user + system) of a short command by
# hyperfine (2 warm-up runs, then RUNS runs). On a shared machine CPU time is the steadier.
mean_seconds() {
  local runs=$1
  shift
  hyperfine -N --style none --warmup 2 --runs "$runs" --export-json "$work/h.json" "$*" >/dev/null 2>&1
  py -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["mean"], r["user"] + r["system"])' "$work/h.json"
}
# "pco_s (cpu_s)" and the ratio reference / pco, of wall and of CPU time.
show() { printf '%.4f s (%.4f)' "$1" "$2"; }
ratio() { awk -v p="$1" -v r="$2" -v pc="$3" -v rc="$4" 'BEGIN{printf "%.0fx (%.0fx)", r/p, rc/pc}'; }

# "wall_s peak_MB cpu_s" of one run of a long command (cpu: user + system).
wall_and_peak() {
  /usr/bin/time -v "$@" >"$work/out" 2>"$work/time" || { cat "$work/time" >&2; return 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0;
                                          for (i = 1; i <= n; i++) s = s * 60 + t[i]; wall = s }
              /Maximum resident set size/ { peak = $2 / 1024 }
              /User time|System time/ { cpu += $2 }
              END { printf "%.2f %.0f %.2f\n", wall, peak, cpu }' "$work/time"
}

echo "Times are wall seconds (CPU seconds in brackets); ratios reference / pco, wall (CPU)."
printf '%-62s %20s %20s %13s  %s\n' "work" "pco" "reference" "ratio" "goal"
line() { printf '%-62s %20s %20s %13s  %s\n' "$@"; }

totals=$data/population/gp-reg-pat-prac-all_2021-01.csv
map=$data/organisation/gp-reg-pat-prac-map_2020-09.csv
have_data=false
[[ -f $totals && -f $map ]] && have_data=true

if want risk; then
  if $have_data; then
    read -r w m c < <(wall_and_peak "$pco" risk --practices "$totals" --map "$map" \
      --level network --level ccg --level stp --hold-all --format json --out "$work/r.json")
    line "risk: networks+CCGs+STPs, --hold-all (1,551 holders)" "$w s ($c)" "-" "-" \
      "< 2 s, < 1 GB (peak ${m} MB)"
    cp "$work/r.json" "$work/r2.json"
    read -r w1 m1 c1 < <(wall_and_peak "$pco" risk --threads 1 --practices "$totals" \
      --map "$map" --level network --level ccg --level stp --hold-all --format json \
      --out "$work/r.json")
    same=$(cmp -s "$work/r.json" "$work/r2.json" && echo "same bytes" || echo "BYTES DIFFER")
    line "  the same on 1 thread (scaling 1 -> 2 threads, wall)" "$w1 s ($c1)" "-" \
      "$(awk -v a="$w1" -v b="$w" 'BEGIN{printf "%.2fx", a/b}')" "$same"
    read -r w m c < <(wall_and_peak "$pco" risk --practices "$totals" --map "$map" \
      --level practice --hold-all --format json --out "$work/r.json")
    line "risk: practices, --hold-all (6,655 holders)" "$w s ($c)" "-" "-" \
      "< 4 s, < 1 GB (peak ${m} MB)"
  else
    line "risk rows: shared data absent ($data)" "-" "-" "-" "-"
  fi
fi

if want compound; then
  # name | pco frequency | pco severity | step | max | R frequency | R cdf (rounding)
  while IFS='|' read -r name pfreq psev step max rfreq rcdf; do
    "$pco" compound --frequency "$pfreq" --severity "$psev" --step "$step" --max "$max" \
      --format json >"$work/c.json" 2>/dev/null
    knots=$(py -c 'import json,sys; g=json.load(open(sys.argv[1]))["grid"]; print(int(round(g["last"]/g["step"]))+1)' "$work/c.json")
    cat >"$work/actuar.R" <<REOF
suppressMessages(library(actuar))
fx <- discretize($rcdf, method = "rounding", from = 0, to = $max, step = $step)
Fs <- suppressWarnings(aggregateDist("recursive", model.freq = $rfreq, model.sev = fx,
                                     x.scale = $step, tol = 1e-14, maxit = max(500, $knots)))
cat(quantile(Fs, 0.99), "\n")
REOF
    read -r p pc < <(mean_seconds 20 "$pco compound --frequency $pfreq --severity $psev --step $step --max $max --format json")
    read -r r rc < <(mean_seconds 3 "Rscript $work/actuar.R")
    line "compound $name (whole process)" "$(show "$p" "$pc")" "$(show "$r" "$rc")" \
      "$(ratio "$p" "$r" "$pc" "$rc")" ">= 1000x actuar"
    # The same work inside each process (discretise + compound, no start-up, no printing): pco's
    # own "seconds" (median of 20 cold runs) against R's system.time of the same two calls
    # (mean of enough repetitions to take 2 s, wall and CPU).
    for i in $(seq 20); do
      "$pco" compound --frequency "$pfreq" --severity "$psev" --step "$step" --max "$max" \
        --format json 2>/dev/null | py -c 'import json,sys; print(json.load(sys.stdin)["seconds"])'
    done >"$work/inproc.txt"
    pi=$(sort -g "$work/inproc.txt" | sed -n 10p)
    cat >"$work/actuar_in.R" <<REOF
suppressMessages(library(actuar))
run <- function() {
  fx <- discretize($rcdf, method = "rounding", from = 0, to = $max, step = $step)
  suppressWarnings(aggregateDist("recursive", model.freq = $rfreq, model.sev = fx,
                                 x.scale = $step, tol = 1e-14, maxit = max(500, $knots)))
}
one <- system.time(run())[["elapsed"]]
reps <- max(1, min(200, ceiling(2 / max(one, 1e-4))))
t <- system.time(for (i in seq_len(reps)) run())
cat(t[["elapsed"]] / reps, (t[["user.self"]] + t[["sys.self"]]) / reps, "\n")
REOF
    read -r ri rci < <(Rscript "$work/actuar_in.R")
    line "  in process (discretise + compound only)" "$(printf '%.5f s' "$pi")" \
      "$(printf '%.5f s (%.5f)' "$ri" "$rci")" \
      "$(awk -v p="$pi" -v r="$ri" 'BEGIN{printf "%.3gx", r/p}')" "same work, no start-up"
  done <<'LIST'
demo_gamma|poisson:10|gamma:2,1|0.5|22|"poisson", lambda = 10|pgamma(x, 2, 1)
practice_lognormal|poisson:50|lognormal:7,1.5|50|200000|"poisson", lambda = 50|plnorm(x, 7, 1.5)
pool_negbin_pareto|negbin:20,0.1|pareto:3.5,5000|100|500000|"negative binomial", size = 20, prob = 0.1|ppareto(x, 3.5, 5000)
ccg_weibull|poisson:600|weibull:0.8,1500|25|60000|"poisson", lambda = 600|pweibull(x, 0.8, 1500)
LIST
fi

if want pool; then
  read -r p pc < <(mean_seconds 20 "$pco compound --frequency poisson:20000 --severity lognormal:7,1.2 --step 100 --max 1000000 --format json")
  read -r r rc < <(mean_seconds 10 "/usr/bin/env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 $root/bench/reference_numpy.py pool 20000 7 1.2 100 1000000")
  line "national pool: Poisson 20,000 x lognormal(7,1.2), step 100" "$(show "$p" "$pc")" \
    "$(show "$r" "$rc")" "$(ratio "$p" "$r" "$pc" "$rc")" ">= 5x numpy (whole process)"
fi

if want mc; then
  bench=$build/bench/pco_risk_bench
  if [[ -x $bench ]]; then
    "$bench" --benchmark_filter='BM_MonteCarloPractice|BM_AliasTableLimit' \
      --benchmark_format=json >"$work/mc.json" 2>/dev/null
    # "wall_ns cpu_ns" per claim (cpu: the calling thread's).
    ns() { py -c 'import json,sys
for b in json.load(open(sys.argv[1]))["benchmarks"]:
    if b["name"].startswith(sys.argv[2]):
        scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}[b["time_unit"]] / b["events"]
        print(b["real_time"] * scale, b["cpu_time"] * scale); break' "$work/mc.json" "$1"; }
    read -r one one_cpu < <(ns BM_MonteCarloPractice/1/)
    read -r two two_cpu < <(ns BM_MonteCarloPractice/2/)
    read -r limit limit_cpu < <(ns BM_AliasTableLimit)
    read -r numpy numpy_cpu < <(py "$root/bench/reference_numpy.py" mc 2000000 50 7 1.5 50 200000 |
      py -c 'import json,sys; r=json.load(sys.stdin); print(r["ns_per_event"], r["cpu_ns_per_event"])')
    nsshow() { printf '%.2f ns (%.2f)' "$1" "$2"; }
    line "Monte Carlo: Poisson 50 x lognormal(7,1.5), 2e6 reps, 1 thread" \
      "$(nsshow "$one" "$one_cpu")" "$(nsshow "$numpy" "$numpy_cpu")" \
      "$(awk -v p="$one" -v r="$numpy" -v pc="$one_cpu" -v rc="$numpy_cpu" 'BEGIN{printf "%.1fx (%.1fx)", r/p, rc/pc}')" \
      ">= 5x numpy"
    line "  the same against the alias-table limit" "$(nsshow "$one" "$one_cpu")" \
      "$(nsshow "$limit" "$limit_cpu")" \
      "$(awk -v p="$one" -v r="$limit" -v pc="$one_cpu" -v rc="$limit_cpu" 'BEGIN{printf "%.2fx (%.2fx)", p/r, pc/rc}')" \
      "<= 2x the limit (pco / limit)"
    line "  2 threads (wall per claim; same bytes)" "$(printf '%.2f ns' "$two")" "-" \
      "$(awk -v a="$one" -v b="$two" 'BEGIN{printf "%.2fx", a/b}')" "wall scaling 1 -> 2 threads"
  else
    line "Monte Carlo rows: no $bench (configure with -DPCO_BUILD_BENCH=ON)" "-" "-" "-" "-"
  fi
fi

if want simulate; then
  if $have_data; then
    for level in ccg network practice; do
      read -r w m c < <(wall_and_peak "$pco" simulate --practices "$totals" --map "$map" \
        --level "$level" --hold-all --replications 10000 --years 5 --threads 2 \
        --format csv --out "$work/s.csv")
      goal="-"
      [[ $level == practice ]] && goal="< 60 s, < 1 GB"
      line "simulate --hold-all, ${level}s, 10,000 x 5 years, 2 threads" "$w s ($c)" "-" "-" \
        "$goal (peak ${m} MB)"
    done
  else
    line "simulate rows: shared data absent ($data)" "-" "-" "-" "-"
  fi
fi
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(uname -r), load average $(cut -d' ' -f1-3 /proc/loadavg)"
