// The multi-year simulation: a fan chart of one budget holder's cost against its budget (or
// its outturn), the holder's years, and every holder's chance of overspending over the years.

import { state, api, mapSelection, actions } from './state.js';
import * as f from './format.js';
import { tableIn } from './table.js';
import { fanChart } from './charts.js';

const $ = (id) => document.getElementById(id);
let simLevel = null;  // the level whose budget holders the shown run simulated
const value = (e) => (e && e.value !== null ? e.value : null);
const withSe = (format) => (e) => (value(e) === null ? f.DASH : `${format(e.value)} ± ${format(e.se)}`);

function settingsText(s, level) {
  const pct = (v) => f.fractionPercent(v, { digits: 1 });
  return `${f.integer(s.replications)} simulated runs of ${s.years} years for every ${level}, seed ${s.seed}: ` +
    `budgets grow ${pct(s.budget_growth)} and demand ${pct(s.demand_growth)} a year; a good or bad year shared ` +
    `nationally (CV ${pct(s.shock_cv)})` + (s.regional_shock_cv ? ` and by ${s.region_level || 'region'} (CV ${pct(s.regional_shock_cv)})` : '') +
    `; an overspend is repaid from next year's budget up to ${pct(s.overspend_repay_cap)} of it and an underspend kept up to ${pct(s.underspend_keep_cap)}` +
    (s.arrangement ? `; risk corridor ${s.arrangement}` : '') +
    '. ± is the Monte Carlo standard error. Model: docs/simulation.md.';
}

function holderYears(holder, mode) {
  return holder.years.map((y) => (mode === 'outturn'
    ? { year: y.year, q05: 100 * value(y.outturn_q05), q25: 100 * value(y.outturn_q25), q50: 100 * value(y.outturn_q50), q75: 100 * value(y.outturn_q75), q95: 100 * value(y.outturn_q95), reference: 0 }
    : { year: y.year, q05: value(y.cost_q05), q25: value(y.cost_q25), q50: value(y.cost_q50), q75: value(y.cost_q75), q95: value(y.cost_q95), reference: y.budget }));
}

function summary(holder, s) {
  const first = holder.years[0], last = holder.years[holder.years.length - 1];
  const p = (e) => f.probabilityWithSe(value(e), e.se);
  return `${holder.code} ${holder.name}: in year 1 the median cost is ${f.money(value(first.cost_q50))} against a budget of ` +
    `${f.money(first.budget)}, and the chance of an overspend is ${p(first.p_overspend)} ` +
    `(by 5% or more: ${p(first.p_overspend_5pct)}). Chance of at least one overspend in ${s.years} years: ` +
    `${p(last.p_any_overspend)}. Deficit not met from its own budgets after ${s.years} years: mean ${f.money(value(last.deficit_mean))}, ` +
    `1 in 20 runs above ${f.money(value(last.deficit_q95))} (± ${f.money(last.deficit_q95.se)}).`;
}

export async function renderSimulation() {
  const note = $('simulation-note');
  let sim;
  try {
    sim = await api(`/api/runs/${state.run}/simulation`);
  } catch (e) {
    $('simulation-content').hidden = true;
    note.textContent = e.status === 404
      ? `Run ${state.run} has no simulation. Add a [simulation] section to the scenario (docs/simulation.md) and run it again.`
      : `The simulation could not be read: ${e.message}`;
    return;
  }
  $('simulation-content').hidden = false;
  const s = sim.settings;
  simLevel = sim.level;
  note.textContent = settingsText(s, sim.level);
  const select = $('sim-holder');
  if (select.dataset.run !== String(state.run)) {
    select.replaceChildren(...sim.holders.map((h) => new Option(`${h.code} ${h.name}`, h.code)));
    select.dataset.run = String(state.run);
  }
  const mapped = state.levels.includes(sim.level) ? mapSelection(state.level, state.selected, sim.level) : null;
  if (mapped && sim.holders.some((h) => h.code === mapped)) select.value = mapped;
  const holder = sim.holders.find((h) => h.code === select.value) || sim.holders[0];
  const mode = document.querySelector('input[name="fan-mode"]:checked').value;
  $('sim-level-note').textContent = sim.level === state.level ? ''
    : `Budgets are simulated for each ${sim.level}; showing the ${sim.level} of the selected ${state.level}.`;
  fanChart($('fan-chart'), {
    years: holderYears(holder, mode),
    format: mode === 'outturn' ? (v) => f.percent(v, { sign: true }) : (v) => f.money(v),
    title: mode === 'outturn'
      ? `${holder.code}: outturn by year, % of budget (above 0: overspend)`
      : `${holder.code}: simulated cost by year against the budget`,
    referenceLabel: mode === 'outturn' ? 'break-even' : 'budget',
  });
  $('fan-chart').dataset.holder = holder.code;
  $('fan-chart').dataset.mode = mode;
  $('sim-summary').textContent = summary(holder, s);

  const pounds = (e) => f.money(value(e));
  const outturn = (k, label) => ({ key: k, label, numeric: true, value: (y) => value(y[k]), format: (v) => f.fractionPercent(v, { sign: true }) });
  tableIn($('sim-years-host'), {
    identity: `${state.run}/${holder.code}`, id: 'sim-years', caption: `${holder.code} year by year`, filter: false, searchKeys: [],
    key: (y) => String(y.year), rows: holder.years,
    columns: [
      { key: 'year', label: 'Year', header: true, numeric: true },
      { key: 'budget', label: 'Budget', numeric: true, format: (v) => f.money(v), title: (y) => f.poundsExact(y.budget) },
      { key: 'cost_mean', label: 'Mean cost', numeric: true, value: (y) => value(y.cost_mean), format: (v, y) => withSe(f.money)(y.cost_mean) },
      { key: 'cost_q05', label: 'Cost p5', numeric: true, value: (y) => value(y.cost_q05), format: (v, y) => pounds(y.cost_q05) },
      { key: 'cost_q50', label: 'Cost median', numeric: true, value: (y) => value(y.cost_q50), format: (v, y) => pounds(y.cost_q50) },
      { key: 'cost_q95', label: 'Cost p95', numeric: true, value: (y) => value(y.cost_q95), format: (v, y) => pounds(y.cost_q95) },
      outturn('outturn_q05', 'Outturn p5'), outturn('outturn_q50', 'Outturn median'), outturn('outturn_q95', 'Outturn p95'),
      { key: 'p_overspend', label: 'P(overspend)', numeric: true, value: (y) => value(y.p_overspend), format: (v, y) => f.probabilityWithSe(v, y.p_overspend.se) },
      { key: 'p_any_overspend', label: 'P(any overspend so far)', numeric: true, value: (y) => value(y.p_any_overspend), format: (v, y) => f.probabilityWithSe(v, y.p_any_overspend.se) },
      { key: 'deficit_q95', label: 'Deficit p95', numeric: true, value: (y) => value(y.deficit_q95), format: (v, y) => pounds(y.deficit_q95) },
      // Standard errors in the CSV only; the table shows them after ±.
      ...['cost_mean', 'p_overspend', 'p_any_overspend', 'deficit_q95'].map((k) => ({ key: `${k}_se`, label: '', display: false, value: (y) => y[k].se })),
    ],
    csvName: () => `pco-run${state.run}-simulation-${holder.code}.csv`,
  });

  const rows = sim.holders.map((h) => {
    const first = h.years[0], last = h.years[h.years.length - 1];
    return {
      code: h.code, name: h.name, population: h.population, budget: first.budget,
      p_overspend_1: value(first.p_overspend), p_overspend_1_se: first.p_overspend.se,
      p_any: value(last.p_any_overspend), p_any_se: last.p_any_overspend.se,
      deficit_mean: value(last.deficit_mean), deficit_mean_se: last.deficit_mean.se,
      deficit_q95: value(last.deficit_q95), deficit_q95_se: last.deficit_q95.se,
    };
  });
  const t = tableIn($('sim-holders-host'), {
    identity: `${state.run}`, id: 'sim-holders', caption: `Every ${sim.level} over ${s.years} years`, rows,
    columns: [
      { key: 'code', label: 'Code', header: true },
      { key: 'name', label: 'Name' },
      { key: 'population', label: 'Population', numeric: true, format: f.integer },
      { key: 'budget', label: 'Budget year 1', numeric: true, format: (v) => f.money(v) },
      { key: 'p_overspend_1', label: 'P(overspend) year 1', numeric: true, format: (v, r) => f.probabilityWithSe(v, r.p_overspend_1_se) },
      { key: 'p_any', label: `P(any overspend in ${s.years} years)`, numeric: true, format: (v, r) => f.probabilityWithSe(v, r.p_any_se) },
      { key: 'deficit_mean', label: 'Deficit, mean', numeric: true, format: (v) => f.money(v) },
      { key: 'deficit_q95', label: 'Deficit, p95', numeric: true, format: (v) => f.money(v) },
      ...['p_overspend_1_se', 'p_any_se', 'deficit_mean_se', 'deficit_q95_se'].map((k) => ({ key: k, label: '', display: false })),
    ],
    csvName: () => `pco-run${state.run}-simulation-holders.csv`,
    onSelect: (r) => actions.choose(sim.level, r.code),
  });
  t.setSelected(holder.code);
}

export function setupSimulation() {
  $('sim-holder').addEventListener('change', (e) => {
    if (state.levels.includes(simLevel)) actions.choose(simLevel, e.target.value);
    else actions.render();
  });
  for (const r of document.querySelectorAll('input[name="fan-mode"]')) r.addEventListener('change', () => actions.render());
}
