#!/bin/sh
# Side by side with R's actuar (the reference implementation of the recursive method): the
# same discretised problems in R (actuar::discretize + aggregateDist("recursive")) and in
# `pco compound`, printing for each the largest absolute CDF difference over the knots both
# computed and the time ratio. Installs Debian's r-cran-actuar when missing (needs root or
# sudo). Usage: bench/actuar_compare.sh [PCO_BINARY]   (default build/release/pco)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
pco=${1:-$root/build/release/pco}
[ -x "$pco" ] || { echo "actuar_compare: no pco binary at $pco (build first)"; exit 1; }

if ! Rscript -e 'library(actuar)' >/dev/null 2>&1; then
  echo "actuar_compare: installing r-cran-actuar"
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo=sudo; fi
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends r-cran-actuar
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# name | R frequency arguments | pco --frequency | R severity cdf | R lev | pco --severity |
# step | max | discretisation methods. The recursion runs to tol = 1e-14 (or to as many knots as
# pco's grid has). The last problem is a realistic grid (£10 steps to £2m): minutes in R.
cat >"$work/problems.txt" <<'LIST'
demo_gamma|"poisson", lambda = 10|poisson:10|pgamma(x, 2, 1)|levgamma(x, 2, 1)|gamma:2,1|0.5|22|unbiased rounding
practice_lognormal|"poisson", lambda = 50|poisson:50|plnorm(x, 7, 1.5)|levlnorm(x, 7, 1.5)|lognormal:7,1.5|50|200000|unbiased rounding
pool_negbin_pareto|"negative binomial", size = 20, prob = 0.1|negbin:20,0.1|ppareto(x, 3.5, 5000)|levpareto(x, 3.5, 5000)|pareto:3.5,5000|100|500000|unbiased rounding
ccg_weibull|"poisson", lambda = 600|poisson:600|pweibull(x, 0.8, 1500)|levweibull(x, 0.8, 1500)|weibull:0.8,1500|25|60000|unbiased rounding
ccg_lognormal_fine|"poisson", lambda = 600|poisson:600|plnorm(x, 7, 1.5)|levlnorm(x, 7, 1.5)|lognormal:7,1.5|10|2000000|unbiased
LIST

printf '%-20s %-9s %10s %12s %12s %10s\n' problem method knots max_cdf_diff actuar_s pco_s
status=0
while IFS='|' read -r name rfreq pfreq rcdf rlev psev step max methods; do
  for method in $methods; do
    "$pco" compound --frequency "$pfreq" --severity "$psev" --step "$step" --max "$max" \
      --discretize "$method" --method fft --format json --grid-out "$work/pco.csv" \
      >"$work/pco.json" 2>"$work/pco.err"
    pco_seconds=$(sed -n 's/.*"seconds": \([0-9.e+-]*\).*/\1/p' "$work/pco.json")
    if [ "$method" = unbiased ]; then
      discretise="discretize($rcdf, method = 'unbiased', lev = $rlev, from = 0, to = $max, step = $step)"
    else
      discretise="discretize($rcdf, method = 'rounding', from = 0, to = $max, step = $step)"
    fi
    Rscript - "$work/pco.csv" "$name" "$method" "$pco_seconds" >>"$work/results.txt" <<REOF
suppressMessages(library(actuar))
args <- commandArgs(trailingOnly = TRUE)
p <- read.csv(args[1])
seconds <- system.time({
  fx <- $discretise
  Fs <- suppressWarnings(aggregateDist("recursive", model.freq = $rfreq, model.sev = fx,
                                       x.scale = $step, tol = 1e-14,
                                       maxit = max(500, ceiling(max(p\$x) / $step) + 1)))
})[["elapsed"]]
k <- knots(Fs)
common <- intersect(round(k / $step), round(p\$x / $step))
ra <- Fs(common * $step)
pa <- p\$cdf[match(common, round(p\$x / $step))]
cat(sprintf("%-20s %-9s %10d %12.3g %12.4g %10.4g\n", args[2], args[3], length(common),
            max(abs(ra - pa)), seconds, as.numeric(args[4])))
REOF
  done
done <"$work/problems.txt"
cat "$work/results.txt"
awk '{ if ($4 + 0 > 1e-9) bad = 1; a += $5; p += $6 }
     END { printf "total: actuar %.3g s, pco %.3g s, ratio %.0fx\n", a, p, a / p;
           if (bad) { print "actuar_compare: CDF differences above 1e-9"; exit 1 } }' \
  "$work/results.txt" || status=1

# Where actuar's recursion cannot go: P(S = 0) = e^{-λ} underflows for λ above ~745.
# Lognormal(7, 1.5) costs on £1,000 steps to £50m (P(X > £50m) ≈ 6e-13 per claim).
for lambda in 1000 100000 1000000; do
  "$pco" compound --frequency "poisson:$lambda" --severity lognormal:7,1.5 --step 1000 \
    --max 50000000 --discretize unbiased --format json >"$work/big.json"
  compact=$(tr -d '\n ' <"$work/big.json")
  printf 'pco national pool: lambda=%s  %s s, %s knots, mass beyond grid %s\n' "$lambda" \
    "$(echo "$compact" | sed -n 's/.*"seconds":\([0-9.e+-]*\).*/\1/p')" \
    "$(echo "$compact" | sed -n 's/.*"points":\([0-9]*\).*/\1/p')" \
    "$(echo "$compact" | sed -n 's/.*"mass_beyond_grid":\([0-9.e+-]*\).*/\1/p')"
done
Rscript -e 'suppressMessages(library(actuar)); r <- try(aggregateDist("recursive", model.freq = "poisson", lambda = 1000, model.sev = c(0, 0.5, 0.5)), silent = TRUE); cat("actuar recursive at lambda = 1000:", if (inherits(r, "try-error")) conditionMessage(attr(r, "condition")) else "ran", "\n")'
exit $status
