#!/usr/bin/env python3
"""numpy references for bench/speed_table.sh (docs/performance.md, "Speed table").

  reference_numpy.py pool LAMBDA MEANLOG SDLOG STEP MAX
      The compound Poisson by FFT, pco's algorithm written in numpy: the lognormal discretised
      by rounding on 0, h, ..., MAX; a window of mean +- 10 sd; the severity wrapped onto a
      circle of 2 x the window (numpy's FFT sizes), exp(lambda (phi - 1)) per bin, the inverse
      transform, the window cut out; mean, sd and quantiles printed. Run as a whole process.
  reference_numpy.py mc REPLICATIONS LAMBDA MEANLOG SDLOG STEP MAX
      Monte Carlo of the same discretised model, vectorised: Poisson counts, every claim drawn
      by a sorted search of the severity CDF (np.searchsorted of uniforms; rng.choice(p=...)
      does the same plus checks), totals by segment sums, in blocks of 100,000 replications. Prints the sampling time per claim, wall and CPU (imports and set-up excluded).
"""
import json
import math
import sys
import time

import numpy as np


def lognormal_rounding(meanlog, sdlog, step, top):
    """actuar::discretize(plnorm, method = "rounding", from = 0, to = top, step = step)."""
    knots = int(round(top / step))
    edges = (np.arange(knots + 1) + 0.5) * step
    z = (np.log(edges) - meanlog) / (sdlog * math.sqrt(2))
    cdf = 0.5 * np.frompyfunc(math.erfc, 1, 1)(-z).astype(float)
    return np.diff(np.concatenate(([0.0], cdf)))


def pool(lam, meanlog, sdlog, step, top):
    f = lognormal_rounding(meanlog, sdlog, step, top)
    j = np.arange(f.size)
    m1 = float(f @ j)
    m2 = float(f @ (j * j))
    mean, sd = lam * m1, math.sqrt(lam * m2)
    first = max(0, int(mean - 10 * sd))
    width = int(mean + 10 * sd) - first + 1
    n = 1
    while n < 2 * width:
        n *= 2
    x = np.bincount(j % n, weights=f, minlength=n)
    spectrum = np.exp(lam * (np.fft.rfft(x) - 1.0))
    s = np.fft.irfft(spectrum, n)
    pmf = np.maximum(0.0, s[(first + np.arange(width)) % n])
    knots = (first + np.arange(width)) * step
    cdf = np.cumsum(pmf)
    out = {"points": int(width), "fft_size": n, "mean": float(pmf @ knots),
           "sd": float(math.sqrt(pmf @ (knots - pmf @ knots / pmf.sum()) ** 2 / pmf.sum())),
           "quantiles": [float(knots[np.searchsorted(cdf, p)]) for p in (0.5, 0.9, 0.99, 0.995)]}
    print(json.dumps(out))


def mc(replications, lam, meanlog, sdlog, step, top):
    f = lognormal_rounding(meanlog, sdlog, step, top)
    f = f / f.sum()
    cdf = np.cumsum(f)
    cdf[-1] = 1.0
    rng = np.random.default_rng(1)
    block = 100_000
    events = 0
    total = 0.0
    start = time.perf_counter()
    cpu_start = time.process_time()
    for done in range(0, replications, block):
        r = min(block, replications - done)
        counts = rng.poisson(lam, r)
        claims = np.searchsorted(cdf, rng.random(int(counts.sum())), side="right")
        running = np.concatenate(([0], np.cumsum(claims)))
        ends = np.cumsum(counts)
        sums = running[ends] - running[ends - counts]
        total += float(sums.sum())
        events += int(counts.sum())
    seconds = time.perf_counter() - start
    cpu = time.process_time() - cpu_start
    print(json.dumps({"replications": replications, "events": events, "seconds": seconds,
                      "ns_per_event": 1e9 * seconds / events,
                      "cpu_ns_per_event": 1e9 * cpu / events,
                      "mean": step * total / replications}))


if __name__ == "__main__":
    kind, args = sys.argv[1], [float(a) for a in sys.argv[2:]]
    if kind == "pool":
        pool(*args)
    elif kind == "mc":
        mc(int(args[0]), *args[1:])
    else:
        sys.exit("usage: reference_numpy.py pool|mc ...")
