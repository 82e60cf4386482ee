// The organisations at the chosen level: map, the selected organisation's answer (fair share,
// risk, reserve) with its exceedance curve, and the table of every organisation.

import { state, actions, api } from './state.js';
import * as f from './format.js';
import { tableIn, toCsv, download } from './table.js';
import { colourScale, exceedance, practiceMap, areaMap } from './charts.js';

// Numerical error in words, never exponent notation (docs/report.md, "How numbers are written").
function tailWords(mass) {
  if (mass === undefined || mass === null) return '—';
  if (mass <= 1e-9) return 'one in a billion';
  if (mass <= 1e-6) return 'one in a million';
  return f.probability(mass);
}

const $ = (id) => document.getElementById(id);
const sentence = (text) => (text ? text[0].toUpperCase() + text.slice(1) : '');

// Measures the map can colour by: [key, label, value(code), format, scale options]. The
// smallest spans (need ±5%, distance ±2 points, P up to 1%) keep negligible differences pale.
function mapMeasures() {
  const alloc = (k) => (code) => state.allocations.get(code)?.[k];
  const org = (k) => (code) => state.orgIndex.get(`${state.level}/${code}`)?.[k];
  const list = [];
  if (state.allocations.size) {
    list.push(['need_index', 'Need index (1 = national average)', alloc('need_index'), (v) => f.decimal(v, 3), { diverging: true, centre: 1, minSpan: 0.1 }]);
    list.push(['distance_from_target_pct', 'Distance from target', alloc('distance_from_target_pct'), (v) => f.percent(v, { sign: true }), { diverging: true, centre: 0, minSpan: 4 }]);
  }
  if (state.risk.size) list.push(['p_overspend_5pct', 'P(overspend ≥ 5%)', (code) => state.risk.get(code)?.p_overspend_5pct, f.probability, { floor: 0, minSpan: 0.01 }]);
  list.push(['pct_65_plus', '% aged 65+', org('pct_65_plus'), (v) => f.percent(v), {}]);
  list.push(['population', 'Registered population', org('population'), f.integer, {}]);
  return list;
}

function drawMap() {
  const select = $('map-measure');
  const measures = mapMeasures();
  const previous = select.value;
  select.replaceChildren(...measures.map(([key, label]) => new Option(label, key)));
  select.value = measures.some(([k]) => k === previous) ? previous : measures[0][0];
  const [, label, valueOf, format, options] = measures.find(([k]) => k === select.value);
  const orgs = state.orgsByLevel.get(state.level) || [];
  const values = new Map(orgs.map((o) => [o.code, Number(valueOf(o.code))]));
  const scale = colourScale([...values.values()], options);
  const host = $('map');
  const located = state.practices.filter((p) => p.lat !== null && p.organisation).length;
  if (!located) {
    host.replaceChildren();
    $('map-note').textContent = 'No practice in this run has a location, so there is no map.';
    return;
  }
  const shapes = areas.get(`${state.run}/${state.level}`);
  const onSelect = (code) => actions.choose(state.level, code);
  if (shapes && !shapes.error && shapes.areas.length) {
    const nameOf = (code) => { const o = state.orgIndex.get(`${state.level}/${code}`); return o?.name && o.name !== code ? `${code} ${o.name}` : code; };
    areaMap(host, {
      areas: shapes.areas, land: shapes.land, valueOf: (code) => values.get(code), scale, selected: state.selected,
      onSelect, label: `Organisations coloured by their ${label}`, format, nameOf,
    });
    const approx = shapes.approximate_locations ? ` ${f.integer(shapes.approximate_locations)} practices are placed at their postcode district's centre.` : '';
    $('map-note').textContent = `Each ${state.level} is the land nearer to one of its practices than to any other ` +
      `practice (the practices' Voronoi cells, ${f.integer(shapes.practices)} located, joined per ${state.level}), ` +
      `coloured by its ${label.toLowerCase()}; the selected one is outlined. Land: ${shapes.land_source}.${approx} ` +
      'Click an area to select it.';
    return;
  }
  practiceMap(host, {
    practices: state.practices, valueOf: (code) => values.get(code), scale, selected: state.selected,
    onSelect, label: `Practices coloured by their organisation's ${label}`,
    format, boundaries: state.boundaries,
  });
  const why = shapes?.error ? ` The areas could not be drawn (${shapes.error}), so practices are shown as dots.` : '';
  $('map-note').textContent = `Each dot is a practice (${located.toLocaleString('en-GB')} of ` +
    `${state.practices.length.toLocaleString('en-GB')} have a location), coloured by its ` +
    `${state.level}'s ${label.toLowerCase()}; the selected ${state.level}'s practices are outlined. ` +
    `Click a dot to select its organisation.${why}`;
}

// Areas per run and level (the api cache keeps answers; this keeps a failure too, so the map
// falls back to dots once rather than asking again at every redraw). The server computes them
// from the practices' locations, about a second for England, once per run and level.
const areas = new Map();
async function loadAreas() {
  const key = `${state.run}/${state.level}`;
  if (areas.has(key)) return;
  try {
    areas.set(key, await api(`/api/runs/${state.run}/areas?level=${encodeURIComponent(state.level)}`));
  } catch (e) {
    areas.set(key, { error: e.message });
  }
}

const field = (name, text, title) => {
  const td = document.querySelector(`#org-detail td[data-field="${name}"]`);
  if (!td) return;
  td.textContent = text;
  if (title) td.title = title; else td.removeAttribute('title');
  td.closest('tr').hidden = text === f.DASH;
};

function showDetail() {
  const code = state.selected;
  const o = (state.orgsByLevel.get(state.level) || []).find((x) => x.code === code) || {};
  const a = state.allocations.get(code) || {};
  const r = state.risk.get(code) || {};
  $('detail-title').textContent = code ? `${code} ${o.name || ''}` : 'No organisation selected';
  const parent = o.parent ? state.orgIndex.get(`${state.levels[state.levels.indexOf(state.level) + 1]}/${o.parent}`) : null;
  field('code', code || f.DASH);
  field('name', o.name || f.DASH);
  field('parent', o.parent ? `${o.parent}${parent ? ' ' + parent.name : ''}` : f.DASH);
  field('practices', f.integer(o.practices));
  field('population', f.integer(o.population));
  field('pct_65_plus', f.percent(o.pct_65_plus));
  field('pct_85_plus', f.percent(o.pct_85_plus));
  field('min_list', f.integer(o.min_list));
  field('max_list', f.integer(o.max_list));
  field('need_index', f.decimal(a.need_index, 3));
  field('target_pence', f.moneyFromPence(a.target_pence), f.poundsExact(a.target_pence / 100));
  field('allocation_pence', f.moneyFromPence(a.allocation_pence), f.poundsExact(a.allocation_pence / 100));
  field('distance_from_target_pct', f.percent(a.distance_from_target_pct, { digits: 2, sign: true }));
  field('budget_pence', f.moneyFromPence(r.budget_pence), f.poundsExact(r.budget_pence / 100));
  field('mean', f.money(r.mean), f.poundsExact(r.mean));
  field('p_overspend', f.probability(r.p_overspend), r.p_overspend === undefined ? null : String(r.p_overspend));
  field('p_overspend_5pct', f.probability(r.p_overspend_5pct), r.p_overspend_5pct === undefined ? null : String(r.p_overspend_5pct));
  field('reserve99', f.money(r.reserve99), f.poundsExact(r.reserve99));
  // A group whose rows are all empty (no risk at this level) is hidden with them.
  let group = null, any = false;
  for (const tr of document.querySelectorAll('#org-detail tr')) {
    if (tr.classList.contains('group')) {
      if (group) group.hidden = !any;
      group = tr;
      any = false;
    } else if (!tr.hidden) {
      any = true;
    }
  }
  if (group) group.hidden = !any;

  // The answer in a sentence, with what it rests on.
  const parts = [];
  if (a.allocation_pence !== undefined) {
    const d = a.distance_from_target_pct;
    const where = Math.abs(d) < 0.005 ? 'at its target' : `${f.percent(Math.abs(d), { digits: 1 })} ${d < 0 ? 'below' : 'above'} its target of ${f.moneyFromPence(a.target_pence)}`;
    parts.push(`Fair share ${f.moneyFromPence(a.allocation_pence)} a year, ${where} (need index ${f.decimal(a.need_index, 3)}).`);
  }
  if (r.budget_pence !== undefined) {
    parts.push(`Chance of overspending its ${f.moneyFromPence(r.budget_pence)} budget in a year: ${f.probability(r.p_overspend)}; by 5% or more: ${f.probability(r.p_overspend_5pct)}.`);
    parts.push(`Reserve for a 1-in-100 year: ${f.money(r.reserve99)} (${f.fractionPercent(r.reserve99 / (r.budget_pence / 100))} of the budget).`);
    if (r.sd_chance !== undefined) {
      parts.push(`Its cost varies by ${f.money(r.sd)} (sd); with each source of risk alone: chance ${f.money(r.sd_chance)}, formula error ${f.money(r.sd_formula)}, shared shock ${f.money(r.sd_shock)} — pooling reduces the chance part, merging does not reduce the shock.`);
    }
  } else if (state.riskInfo && state.runInfo) {
    parts.push(`Risk is computed for budget holders at the ${state.runInfo.lead_level} level.`);
  }
  // Need read from imputed ages is an assumption that changes the answer, so it is said here
  // as in the report's summary.
  const own = state.practices.filter((p) => p.organisation === code);
  const imputed = own.filter((p) => p.imputed_ages).length;
  if (own.length && imputed === own.length) {
    parts.push("Its patients' ages and sexes are not in the population file (list totals only), so they are taken as England's profile and its need as the average.");
  } else if (imputed) {
    parts.push(`For ${f.integer(imputed)} of its ${f.integer(own.length)} practices ages and sexes were spread from coarser counts by England's profile.`);
  }
  $('answer').textContent = parts.join(' ');
  $('budget-basis').textContent = state.risk.size && state.riskInfo
    ? `Budget: ${state.riskInfo.budget_source}. Service model: ${state.riskInfo.model_source}.` +
      (state.riskInfo.sources ? ` ${sentence(state.riskInfo.sources.description)}; grid precision: at most ${tailWords(r.grid_tail_mass)} of probability off the grid; probabilities read between its knots (step sd/64), good to about 0.3 percentage points for a single practice and 0.03 for a CCG.` : '') : '';

  const host = $('exceedance');
  $('exceedance-block').hidden = !(r.cdf && r.cdf.length && r.budget_pence);
  if ($('exceedance-block').hidden) {
    host.replaceChildren();
  } else {
    exceedance(host, { cdf: r.cdf, budget: r.budget_pence / 100, format: f.money });
  }
}

function columns() {
  const hasAlloc = state.allocations.size > 0, hasRisk = state.risk.size > 0;
  const alloc = (k) => (row) => state.allocations.get(row.code)?.[k];
  const risk = (k) => (row) => state.risk.get(row.code)?.[k];
  const cols = [
    { key: 'code', label: 'Code', header: true },
    { key: 'name', label: 'Name' },
    { key: 'parent', label: 'Part of' },
    { key: 'practices', label: 'Practices', numeric: true, format: f.integer },
    { key: 'population', label: 'Population', numeric: true, format: f.integer },
    { key: 'pct_65_plus', label: 'Aged 65+', numeric: true, format: (v) => f.percent(v) },
  ];
  if (hasAlloc) {
    cols.push(
      { key: 'need_index', label: 'Need index', numeric: true, value: alloc('need_index'), format: (v) => f.decimal(v, 3) },
      { key: 'allocation_pence', label: 'Fair share', numeric: true, value: alloc('allocation_pence'), format: (v) => f.moneyFromPence(v), title: (row) => f.poundsExact(alloc('allocation_pence')(row) / 100) },
      { key: 'distance_from_target_pct', label: 'From target', numeric: true, value: alloc('distance_from_target_pct'), format: (v) => f.percent(v, { sign: true }), help: 'Allocation against target, % (negative: below target)' });
  }
  if (hasRisk) {
    cols.push(
      { key: 'budget_pence', label: 'Budget', numeric: true, value: risk('budget_pence'), format: (v) => f.moneyFromPence(v), title: (row) => f.poundsExact(risk('budget_pence')(row) / 100) },
      { key: 'expected_cost', label: 'Expected cost', numeric: true, value: risk('mean'), format: (v) => f.money(v), title: (row) => f.poundsExact(risk('mean')(row)) },
      { key: 'p_overspend_5pct', label: 'P(overspend ≥ 5%)', numeric: true, value: risk('p_overspend_5pct'), format: f.probability },
      { key: 'reserve99', label: '99% reserve', numeric: true, value: risk('reserve99'), format: (v) => f.money(v), title: (row) => f.poundsExact(risk('reserve99')(row)) });
  }
  return cols;
}

export async function renderOrganisations() {
  const table = tableIn($('org-table-host'), {
    identity: `${state.run}/${state.level}`, id: 'org-table', caption: `Every ${state.level} in run ${state.run}`,
    columns: columns(), rows: state.orgsByLevel.get(state.level) || [],
    csvName: () => `pco-run${state.run}-${state.level}-organisations.csv`,
    onSelect: (row) => actions.choose(state.level, row.code),
  });
  table.setSelected(state.selected);
  showDetail();
  // The map last: its areas may take the server a moment the first time.
  if (state.practices.some((p) => p.lat !== null && p.organisation)) await loadAreas();
  drawMap();
}

// The selected organisation's detail as CSV: one row, every raw field the card draws on.
function downloadDetail() {
  const code = state.selected;
  const row = { level: state.level, ...(state.orgIndex.get(`${state.level}/${code}`) || {}) };
  const a = state.allocations.get(code) || {};
  for (const k of ['need_index', 'target_pence', 'allocation_pence', 'distance_from_target_pct']) row[k] = a[k];
  const r = state.risk.get(code) || {};
  for (const k of ['budget_pence', 'mean', 'p_overspend', 'p_overspend_5pct', 'reserve99']) row[k] = r[k];
  const columns = Object.keys(row).map((key) => ({ key }));
  download(`pco-run${state.run}-${state.level}-${code}.csv`, toCsv(columns, [row]));
}

export function setupOrganisations() {
  $('map-measure').addEventListener('change', drawMap);
  $('detail-csv').addEventListener('click', downloadDetail);
}
