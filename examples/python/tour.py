# %% [markdown]
# # pco from Python: a tour
#
# Every `pco` command is a function of the `pco` module with the command's flags as keyword
# arguments (`--min-pop` is `min_pop=`). Results are the command's JSON as dicts and lists,
# with lists of numbers as NumPy arrays. Run this file with `python3 tour.py` (after
# `cmake --install`, or with `PYTHONPATH=build/release/python`), or open it in Jupyter or VS
# Code, which read the `# %%` cells. It works in a temporary directory and leaves nothing.

# %%
import os
import tempfile
import warnings

import pco

print("pco", pco.__version__)
work = tempfile.mkdtemp(prefix="pco-tour-")

# %% [markdown]
# ## One budget holder's cost: the exact compound distribution
# 500 claims a year on average (Poisson), each lognormal(7, 1.2) pounds, discretised every
# £25 up to £400,000. `distribution=True` adds the whole grid (x, pmf, cdf) as NumPy arrays.
# The program warns that claims above £400,000 are left out: the warning arrives as a
# Python warning, and `mass_beyond_grid` says how much probability that is.

# %%
with warnings.catch_warnings(record=True) as caught:
    warnings.simplefilter("always")
    cost = pco.compound(frequency="poisson:500", severity="lognormal:7,1.2", step=25, max=4e5,
                        budget=1.2e6, distribution=True)
for w in caught:
    print(w.message)  # the program's own "warning: ..." line
print(f"mean £{cost['mean']:,.0f}, sd £{cost['sd']:,.0f}, "
      f"probability beyond the grid {cost['mass_beyond_grid']:.2e}")
for q in cost["quantiles"]:
    print(f"  {q['p']:>6.1%} quantile £{q['x']:,.0f}")
grid = cost["distribution"]
print(f"grid of {len(grid['x'])} points; P(S <= £1.2m) = {grid['cdf'][grid['x'] <= 1.2e6][-1]:.4f}")

# %% [markdown]
# ## A synthetic health economy, its fair shares and its budget holders' risk

# %%
print(pco.synth(seed=3, practices=80, out=work))
scenario = os.path.join(work, "scenario.toml")
shares = pco.allocate(scenario=scenario, level="organisation")
print(sorted(shares.keys()))
risk = pco.risk(scenario=scenario, level=["organisation"])
print(sorted(risk.keys()))

# %% [markdown]
# ## Errors are exceptions with the program's message

# %%
try:
    pco.compound(frequency="poisson:-1", severity="lognormal:7,1.2", step=25, max=4e5)
except pco.UsageError as e:
    print(f"UsageError (exit code {e.exit_code}): {e}")

# %% [markdown]
# ## A run's results as pandas DataFrames

# %%
print(pco.run(scenario=scenario, out=os.path.join(work, "out"), quiet=True) or "run written")
with pco.ResultsStore(os.path.join(work, "out", "results.db")) as store:
    print(store.runs()[["run_id", "scenario_name", "seed"]])
    allocations = store.table("allocations", run=1)
    print(allocations.groupby("level")["allocation_pence"].sum() / 100)

# %%
import shutil  # noqa: E402

shutil.rmtree(work)
